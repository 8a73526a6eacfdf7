import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.data/**', 'coverage/**', 'web/dist/**', '**/*.d.ts', '**/generated/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: globals.node,
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': 'error',
      // process.env is read only in each service's env.ts (DESIGN §6.6).
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read the environment in env.ts only.' }],
    },
  },
  {
    files: ['**/src/env.ts', '**/src/cli.ts', '**/src/**/*.spec.ts', '**/src/testing.ts', '**/src/testing/**', 'tests/**', 'bench/**', 'vitest.config.ts', '**/*.mjs', '**/*.cjs'],
    rules: { 'no-restricted-properties': 'off', 'no-console': 'off' },
  },
);
