import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_EXECUTE = {
  selector: "CallExpression[callee.property.name='execute']",
  message: 'Use query() (text protocol): StarRocks before 3.2 has no server-side prepared statements.',
};
// A wizard step declares the fields it needs and sees them narrowed (src/ui/multiStepInput.ts); a cast
// or `!` on wizard state (named `state` or `s` in the wizards) would hide a step that runs too early.
const NO_STATE_CAST = "Narrow wizard state instead: a step's `needs`, or `isAnswered(state, [...])` (src/ui/multiStepInput.ts).";
const WIZARD_STATE = '/^(state|s)$/';
const NO_WIZARD_STATE_CASTS = ['TSAsExpression', 'TSNonNullExpression'].flatMap((node) =>
  ['expression.name', 'expression.object.name', 'expression.object.object.name'].map((path) => ({
    selector: `${node}[${path}=${WIZARD_STATE}]`,
    message: NO_STATE_CAST,
  })),
);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'esbuild.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', NO_EXECUTE],
    },
  },
  {
    files: ['src/commands/**/*.ts', 'src/ui/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', NO_EXECUTE, ...NO_WIZARD_STATE_CASTS],
    },
  },
  {
    // The dialect and storage layers are plain TypeScript: they must never depend on the editor.
    files: ['src/starrocks/**/*.ts', 'src/storage/**/*.ts', 'src/text/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode'], patterns: ['../connections/*', '../jobs/*', '../views/*', '../commands/*', '../language/*'] },
      ],
    },
  },
  {
    // mysql2, the AWS SDK and ssh2 load on first use, through one loader each (see LAZY_PACKAGES in
    // esbuild.js): a value import anywhere else would put them back into activation.
    files: ['src/**/*.ts'],
    ignores: ['src/connections/mysqlDriver.ts', 'src/storage/s3Sdk.ts', 'src/connections/ssh/sshDriver.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['mysql2', 'mysql2/*'],
              allowTypeImports: true,
              message: 'Load mysql2 with loadMysql() (src/connections/mysqlDriver.ts); import its types with `import type`.',
            },
            {
              group: ['@aws-sdk/*', '@smithy/*'],
              allowTypeImports: true,
              message: 'Load the S3 SDK with loadS3() (src/storage/s3Sdk.ts); import its types with `import type`.',
            },
            {
              group: ['ssh2', 'ssh2/*'],
              allowTypeImports: true,
              message: 'Load ssh2 with loadSsh2() (src/connections/ssh/sshDriver.ts); import its types with `import type`.',
            },
          ],
        },
      ],
    },
  },
  {
    // The job tracker's polling core runs in plain Node (unit tests, the benchmark): no editor imports.
    // Type-only imports of the contracts (`../types`) are erased and stay allowed.
    files: ['src/jobs/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', allowTypeImports: true }],
          patterns: [
            {
              regex: '^\\.\\./(?!types$)[^/]+$|^\\.\\./\\.\\./(?!starrocks/)',
              allowTypeImports: true,
              message: 'The polling core may use only its own folder, ../types and ../../starrocks.',
            },
          ],
        },
      ],
    },
  },
);
