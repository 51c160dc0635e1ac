// Lint rules keep the layers pointing one way:
// renderer → common ← preload ← main/electron → main/core → storage.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronBan = {
  name: 'electron',
  message: 'main/core and common are plain Node/TS: no electron import.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'release',
      'test-results',
      'playwright-report',
      'models/generated',
      '.tmp',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan, { name: 'react', message: 'common/ has no UI.' }],
          patterns: [
            { group: ['node:*'], message: 'common/ runs in the renderer too: no Node built-ins.' },
            {
              group: ['**/main/**', '**/renderer/**', '**/preload/**', '**/server/**'],
              message: 'common/ imports nothing of the other layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/cli/**/*.ts', 'main/harness/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['electron', 'electron/*'], message: 'No electron import outside main/electron.' },
            {
              group: ['**/main/electron/**', '**/renderer/**', '**/preload/**'],
              message: 'Core services know nothing of the shell or the UI.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'electron', 'electron/*'],
              message: 'The renderer is sandboxed: it talks only through window.starring.',
            },
            {
              group: ['**/main/**', '**/preload/**', '**/server/**'],
              message: 'The renderer imports only common/ (the contract).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/renderer/**', 'node:*'],
              message: 'The preload exposes the contract and nothing else.',
            },
          ],
        },
      ],
    },
  },
);
