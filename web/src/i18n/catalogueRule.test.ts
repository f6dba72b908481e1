// The lint rule that keeps literal text out of the views (eslint/catalogue-text.js).
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';

const RULE = new URL('../../eslint/catalogue-text.js', import.meta.url).href;

describe('catalogue-text lint rule', () => {
  it('reports words written into views, and lets catalogue texts and symbols pass', async () => {
    const rule = (await import(/* @vite-ignore */ RULE)).default;
    RuleTester.describe = (_name: string, fn: () => void) => fn();
    RuleTester.it = (_name: string, fn: () => void) => fn();
    const tester = new RuleTester({
      languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    });
    tester.run('catalogue-text', rule, {
      valid: [
        { code: "const a = <p>{t('board.title')}</p>;" },
        { code: 'const a = <span aria-hidden="true">· × 2/3 +1</span>;' },
        { code: "const a = <input class='input wide' type='text' value='any' />;" },
        { code: "const a = <Pager label='screen.pageIdeas' />;" },
      ],
      invalid: [
        { code: 'const a = <p>Post an idea</p>;', errors: 1 },
        { code: "const a = <p>{'Vote now'}</p>;", errors: 1 },
        { code: "const a = <button aria-label='Close'>×</button>;", errors: 1 },
        { code: 'const a = <input placeholder={`Type here`} title="Name" />;', errors: 2 },
        { code: "const a = <option label='Žádná'></option>;", errors: 1 },
      ],
    });
  });
});
