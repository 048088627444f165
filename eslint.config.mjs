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
);
