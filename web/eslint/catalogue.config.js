// The build's own lint pass: only the catalogue-text rule (every text a view shows comes
// from the message catalogue), so `npm run build` fails on a literal string in a view.
import tseslint from 'typescript-eslint';
import catalogueText from './catalogue-text.js';

export default [
  {
    files: ['src/**/*.tsx'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { roundtable: { rules: { 'catalogue-text': catalogueText } } },
    // Comments in the sources may name rules this pass does not load; and no text may opt out.
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
    rules: { 'roundtable/catalogue-text': 'error' },
  },
];
