/**
 * Every translation against English and the glossary: the same keys, the same
 * placeholders, exactly the plural categories of its language, no text left in English, and
 * the glossary's terms used throughout.
 */
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import glossaryTerms from './glossary/terms.json';
import { LANGUAGES } from './languages';
import type { Translation } from './types';

const files = import.meta.glob<{ default: Translation }>('./locales/*.ts', { eager: true });
const catalogues: Record<string, Record<string, string>> = { en };
for (const [path, module] of Object.entries(files)) {
  catalogues[path.replace(/^.*\/(\w+)\.ts$/, '$1')] = module.default as Record<string, string>;
}

const englishKeys = Object.keys(en) as MessageKey[];
const pluralBases = englishKeys.filter((k) => k.endsWith('.one')).map((k) => k.slice(0, -'.one'.length));
const pluralKeys = new Set(pluralBases.flatMap((b) => [`${b}.one`, `${b}.other`]));
const plainKeys = englishKeys.filter((k) => !pluralKeys.has(k));

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

interface TermUse {
  use: string;
  match: string[];
  avoid?: string[];
}
interface LanguageGlossary {
  formality: string;
  /** The words of the register the language does not use, as alternatives (de: `du|dein\\p{L}*|dich`). */
  otherRegister?: string;
  terms: Record<string, TermUse>;
  exceptions?: { key: string; term: string; why: string }[];
}
const terms = glossaryTerms.terms as Record<string, { english: string }>;
const glossaryFiles = import.meta.glob<{ default: LanguageGlossary }>('./glossary/[a-z][a-z].json', { eager: true });
const languages: Record<string, LanguageGlossary> = {};
for (const [path, module] of Object.entries(glossaryFiles)) {
  languages[path.replace(/^.*\/(\w+)\.json$/, '$1')] = module.default;
}

/** Keys whose English text names a term, e.g. every key that says "idea" or "ideas". */
function keysNaming(term: string): string[] {
  const re = new RegExp(terms[term].english, 'i');
  return englishKeys.filter((k) => re.test(en[k]));
}

describe.each(LANGUAGES.map((l) => l.code))('catalogue %s', (lang) => {
  const messages = catalogues[lang];
  const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

  it('exists', () => {
    expect(messages, `web/src/i18n/locales/${lang}.ts is missing`).toBeDefined();
  });

  it('has every key of English, and no other', () => {
    const expected = new Set<string>(plainKeys);
    for (const base of pluralBases) for (const c of categories) expected.add(`${base}.${c}`);
    const missing = [...expected].filter((k) => typeof messages[k] !== 'string' || messages[k].trim() === '');
    const extra = Object.keys(messages).filter((k) => !expected.has(k));
    expect(missing, 'missing or empty').toEqual([]);
    expect(extra, 'not in English, or a plural category this language does not have').toEqual([]);
  });

  it('keeps the placeholders of English', () => {
    const wrong: string[] = [];
    for (const key of plainKeys) {
      if (messages[key] === undefined) continue;
      if (placeholders(messages[key]).join() !== placeholders(en[key]).join()) wrong.push(key);
    }
    for (const base of pluralBases) {
      const full = placeholders(en[`${base}.other` as MessageKey]);
      for (const c of categories) {
        const text = messages[`${base}.${c}`];
        if (text === undefined) continue;
        const got = placeholders(text);
        // A form for exactly one, two or none may say the number in words ("eine Idee").
        const wanted = ['zero', 'one', 'two'].includes(c) ? full.filter((p) => p !== 'count') : full;
        const ok = wanted.every((p) => got.includes(p)) && got.every((p) => full.includes(p));
        if (!ok) wrong.push(`${base}.${c}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('is translated, not English left as it was', () => {
    if (lang === 'en') return;
    const same = plainKeys.filter((k) => messages[k] === en[k] && /[a-z]{4,}/.test(en[k]));
    // Names of things (Roundtable, CSV, Markdown) may stay as they are; whole sentences may not.
    expect(same.length, `left in English: ${same.slice(0, 10).join(', ')}`).toBeLessThanOrEqual(
      Math.ceil(plainKeys.length * 0.02),
    );
  });

  it('uses the glossary: its terms throughout, never the synonyms it rules out', () => {
    const entry = languages[lang];
    expect(entry, `web/src/i18n/glossary/${lang}.json is missing`).toBeDefined();
    expect(entry.formality).toBeTruthy();
    expect(Object.keys(entry.terms).sort()).toEqual(Object.keys(terms).sort());
    const texts = Object.entries(messages);
    const problems: string[] = [];
    for (const [term, use] of Object.entries(entry.terms)) {
      expect(use.match.length, `${term} has no stems`).toBeGreaterThan(0);
      const excused = new Set((entry.exceptions ?? []).filter((e) => e.term === term).map((e) => e.key));
      const naming = keysNaming(term);
      for (const key of naming) {
        const forms =
          key in messages ? [messages[key]] : texts.filter(([k]) => k.startsWith(key.replace(/\.(one|other)$/, '.')));
        const said = forms.flat().map((t) => String(t).toLowerCase());
        const uses = said.some((t) => use.match.some((stem) => t.includes(stem.toLowerCase())));
        if (!uses && !excused.has(key)) problems.push(`${key} does not say “${use.use}” (${term})`);
      }
      expect(excused.size, `${term}: too many exceptions`).toBeLessThanOrEqual(
        Math.max(2, Math.ceil(naming.length * 0.15)),
      );
      for (const word of use.avoid ?? []) {
        const re = new RegExp(`(^|[^\\p{L}])${word}`, 'iu');
        for (const [key, text] of texts)
          if (re.test(text)) problems.push(`${key} uses “${word}” instead of “${use.use}”`);
      }
    }
    if (entry.otherRegister) {
      // Whole words in any script; Italian "Lei" and Polish "Pan" are the polite forms only capitalised.
      const source = `(?<!\\p{L})(?:${entry.otherRegister})(?!\\p{L})`;
      const re = new RegExp(source, lang === 'it' || lang === 'pl' ? 'u' : 'iu');
      for (const [key, text] of texts)
        if (re.test(text)) problems.push(`${key} leaves the register: “${text.match(re)?.[0]}”`);
    }
    for (const e of entry.exceptions ?? []) {
      expect(e.why, `exception ${e.key} needs a reason`).toBeTruthy();
      expect(keysNaming(e.term), `exception ${e.key} is not a key that names ${e.term}`).toContain(e.key);
    }
    expect(problems).toEqual([]);
  });
});
