// ESLint for the web app: the recommended rules of ESLint and typescript-eslint, and the
// rules of hooks (Preact's hooks follow React's). Formatting is Prettier's job.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import catalogueText from './eslint/catalogue-text.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks, roundtable: { rules: { 'catalogue-text': catalogueText } } },
    rules: {
      // Every text people read comes from the message catalogue (eslint/catalogue-text.js).
      'roundtable/catalogue-text': 'error',
      'react-hooks/rules-of-hooks': 'error',
      // An effect that deliberately runs on fewer keys says why, on the line before its list.
      'react-hooks/exhaustive-deps': 'error',
      // Unused names that start with _ are deliberate (a destructured field left out).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['*.config.{js,ts}', 'scripts/**/*.mjs', 'eslint/**/*.js'],
    languageOptions: { globals: globals.node },
  },
);
