import { afterEach, describe, expect, it } from 'vitest';
import { en } from './en';
import { currentLocale, formatList, initialLanguage, onLanguageChange, setCatalogue, t, tn } from './index';
import { LANGUAGES, pickLanguage, PSEUDO } from './languages';
import { pseudoCatalogue, pseudoText } from './pseudo';

afterEach(() => setCatalogue('en', en));

describe('choosing a language', () => {
  it('offers the 24 official languages of the EU, each once, named in itself', () => {
    expect(LANGUAGES).toHaveLength(24);
    expect(new Set(LANGUAGES.map((l) => l.code)).size).toBe(24);
    expect(LANGUAGES.find((l) => l.code === 'de')?.name).toBe('Deutsch');
    // Each code is one Intl knows, so its plural rules and formats are real.
    for (const l of LANGUAGES) expect(Intl.PluralRules.supportedLocalesOf([l.code]), l.code).toEqual([l.code]);
  });

  it('follows the browser on a first visit: the first of its languages we speak', () => {
    expect(pickLanguage(['de-AT', 'en'])).toBe('de');
    expect(pickLanguage(['nb-NO', 'sv-SE', 'en'])).toBe('sv');
    expect(pickLanguage(['ja', 'zh'])).toBe('en');
    expect(pickLanguage([])).toBe('en');
    expect(pickLanguage(['PT_br'])).toBe('pt');
  });

  it('keeps the device’s choice over the browser, and ?lang= over both', () => {
    expect(initialLanguage(null, '', ['fr-BE'])).toBe('fr');
    expect(initialLanguage('pl', '', ['fr-BE'])).toBe('pl');
    expect(initialLanguage('pl', '?lang=de', ['fr-BE'])).toBe('de');
    expect(initialLanguage('pl', `?lang=${PSEUDO}`, [])).toBe(PSEUDO);
    // Nonsense is ignored, never an error.
    expect(initialLanguage('xx', '?lang=klingon', ['fi'])).toBe('fi');
  });

  it('tells listeners when the language changes', () => {
    const seen: string[] = [];
    const stop = onLanguageChange((l) => seen.push(l));
    setCatalogue('de', { 'app.skip': 'Zum Inhalt springen' });
    stop();
    setCatalogue('en', en);
    expect(seen).toEqual(['de']);
    expect(currentLocale()).toBe('en');
  });
});

describe('counted texts and formats in other languages', () => {
  it('picks the plural category of the language, falling back to other', () => {
    setCatalogue('pl', {
      'board.count.one': '{count} pomysł',
      'board.count.few': '{count} pomysły',
      'board.count.many': '{count} pomysłów',
      'board.count.other': '{count} pomysłu',
    });
    expect(tn('board.count', 1)).toBe('1 pomysł');
    expect(tn('board.count', 3)).toBe('3 pomysły');
    expect(tn('board.count', 22)).toBe('22 pomysły');
    expect(tn('board.count', 5)).toBe('5 pomysłów');
    expect(tn('board.count', 12)).toBe('12 pomysłów');
    expect(tn('board.count', 1.5)).toBe('1,5 pomysłu');
    // A key the catalogue lacks is shown in English rather than as a key.
    expect(t('app.skip')).toBe(en['app.skip']);
  });

  it('writes numbers and lists the language’s way', () => {
    setCatalogue('de', {});
    expect(tn('board.count', 1500)).toBe('1.500 ideas');
    expect(formatList(['de', 'fr', 'pl'])).toBe('de, fr und pl');
  });
});

describe('the pseudo-locale', () => {
  it('accents every letter, keeps placeholders, and is some 40% longer', () => {
    const text = pseudoText('Join {title} now, {name}');
    expect(text).toContain('{title}');
    expect(text).toContain('{name}');
    expect(text).not.toMatch(/[A-Za-z]{2,}(?![^{]*\})/);
    for (const [key, english] of Object.entries(en)) {
      const pseudo = pseudoText(english);
      if (!/[A-Za-z]/.test(english.replace(/\{\w+\}/g, ''))) continue;
      expect(pseudo.length, key).toBeGreaterThanOrEqual(Math.floor(english.length * 1.4));
      expect(pseudo.match(/\{\w+\}/g) ?? [], key).toEqual(english.match(/\{\w+\}/g) ?? []);
    }
  });

  it('keeps a single word one word, and lets a sentence wrap', () => {
    expect(pseudoText('Join')).not.toMatch(/\s/);
    expect(pseudoText('Post your idea here').split(' ').length).toBeGreaterThan(4);
    expect(Object.keys(pseudoCatalogue())).toEqual(Object.keys(en));
  });
});
