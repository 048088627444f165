import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'esbuild.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='execute']", message: 'Use query() (text protocol): StarRocks before 3.2 has no server-side prepared statements.' }],
    },
  },
  {
    // The dialect and storage layers are plain TypeScript: they must never depend on the editor.
    files: ['src/starrocks/**/*.ts', 'src/storage/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: ['../connections/*', '../jobs/*', '../views/*', '../commands/*', '../language/*'] }],
    },
  },
  {
    // The job tracker's polling core runs in plain Node (unit tests, the benchmark): no editor imports.
    // Type-only imports of the contracts (`../types`) are erased and stay allowed.
    files: ['src/jobs/core/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', allowTypeImports: true }], patterns: [{ regex: '^\\.\\./(?!types$)[^/]+$|^\\.\\./\\.\\./(?!starrocks/)', allowTypeImports: true, message: 'The polling core may use only its own folder, ../types and ../../starrocks.' }] }],
    },
  },
);
