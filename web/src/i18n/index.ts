/**
 * Message lookup and the language of the app. Components call `t(key, values)`; they contain
 * no literal UI text (eslint's catalogue rule checks). English is built in; every other
 * language is a chunk of its own (locales/*.ts), loaded when chosen, so a phone downloads
 * only the language it shows.
 */
import { en, type MessageKey } from './en';
import { isLanguage, pickLanguage, PSEUDO } from './languages';
import type { PluralCategory, PluralKey, Translation } from './types';

export type { MessageKey } from './en';
export type { PluralKey } from './types';

const loaders = import.meta.glob<{ default: Translation }>('./locales/*.ts');

let catalogue: Translation = en;
let language = 'en';
let plurals = new Intl.PluralRules('en');
const listeners = new Set<(language: string) => void>();

/** Makes `messages` the catalogue of `lang` (a language code, or the pseudo-locale). */
export function setCatalogue(lang: string, messages: Translation): void {
  language = lang;
  catalogue = messages;
  plurals = new Intl.PluralRules(lang === PSEUDO ? 'en' : lang);
  for (const listener of listeners) listener(lang);
}

/** The language the texts are in: a code of languages.ts, or `en-XA` (pseudo). */
export function currentLocale(): string {
  return language;
}

/** Calls `listener` whenever the language changes; returns the unsubscribe. */
export function onLanguageChange(listener: (language: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The catalogue of `lang`, fetched if it is not English. Rejects if it cannot be loaded. */
export async function loadCatalogue(lang: string): Promise<Translation> {
  if (lang === 'en') return en;
  if (lang === PSEUDO) return (await import('./pseudo')).pseudoCatalogue();
  const load = loaders[`./locales/${lang}.ts`];
  if (!load) throw new Error(`no catalogue for ${lang}`);
  return (await load()).default;
}

/**
 * Switches the app to `lang` and tells every listener (the root re-renders with it). A
 * language whose chunk cannot be fetched (offline before it was ever cached) leaves the
 * current one in place and rejects.
 */
export async function switchLanguage(lang: string): Promise<void> {
  if (lang !== PSEUDO && !isLanguage(lang)) throw new Error(`unknown language ${lang}`);
  const messages = await loadCatalogue(lang);
  setCatalogue(lang, messages);
}

/**
 * The language to start in: the one this device chose before, else the first of the
 * browser's languages that Roundtable speaks, else English. `?lang=` in the address (used
 * by tests and for sharing a link in a given language) wins over both.
 */
export function initialLanguage(stored: string | null, search: string, wanted: readonly string[]): string {
  const asked = new URLSearchParams(search).get('lang');
  if (asked && (asked === PSEUDO || isLanguage(asked))) return asked;
  if (stored && isLanguage(stored)) return stored;
  return pickLanguage(wanted);
}

export type Values = Record<string, string | number>;

export function t(key: MessageKey, values?: Values): string {
  const text = catalogue[key] ?? en[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * A counted text: the form of `base` that the language's plural rules choose for `count`
 * (`zero`, `one`, `two`, `few`, `many` or `other`), with `{count}` filled in.
 */
export function tn(base: PluralKey, count: number, values?: Values): string {
  const category = plurals.select(count) as PluralCategory;
  const own = `${base}.${category}`;
  const key = (own in catalogue ? own : `${base}.other`) as MessageKey;
  return t(key, { count: formatNumber(count), ...values });
}

/** The catalogue key of a protocol error code. */
export function errorKey(code: string): MessageKey {
  const key = `error.${code}`;
  return key in en ? (key as MessageKey) : 'error.unknown';
}

/** The text shown for a protocol error code (or `connection_lost`). */
export function errorText(code: string): string {
  return t(errorKey(code), { code });
}

/**
 * The locale for times, dates and numbers: the language of the texts, in the browser's
 * region when the browser asks for that language (`fr` on a `fr-BE` laptop gives Belgian
 * formats; `de` on an `en-GB` laptop gives German ones).
 */
export function formatLocale(): string {
  const base = language === PSEUDO ? 'en' : language;
  const wanted = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  // Asked for every time and number shown (a board draws hundreds), so answered from memory
  // while the language and the browser's languages stay the same.
  const key = `${base}|${wanted.join(',')}`;
  if (localeMemo?.key === key) return localeMemo.locale;
  let locale = base;
  for (const tag of wanted) {
    if (!tag || tag.toLowerCase().split(/[-_]/)[0] !== base) continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0) {
        locale = tag;
        break;
      }
    } catch {
      // A malformed tag: try the next.
    }
  }
  localeMemo = { key, locale };
  return locale;
}
let localeMemo: { key: string; locale: string } | null = null;

/** One formatter per kind and locale, made when first needed (making one is slow). */
const formatters = new Map<string, { format(value: never): string }>();
function formatter<F extends { format(value: never): string }>(kind: string, make: (locale: string) => F): F {
  const locale = formatLocale();
  const key = `${kind}|${locale}`;
  let f = formatters.get(key) as F | undefined;
  if (f === undefined) {
    f = make(locale);
    formatters.set(key, f);
  }
  return f;
}

export function formatTime(ms: number): string {
  return formatter('time', (l) => new Intl.DateTimeFormat(l, { hour: '2-digit', minute: '2-digit' })).format(ms);
}

export function formatDate(ms: number): string {
  return formatter('date', (l) => new Intl.DateTimeFormat(l, { dateStyle: 'medium' })).format(ms);
}

export function formatNumber(n: number): string {
  return formatter('number', (l) => new Intl.NumberFormat(l)).format(n);
}

/** A share (0..1) as a whole percent in the language's way: "71%", "71 %", "%71". */
export function formatPercent(share: number): string {
  return formatter('percent', (l) => new Intl.NumberFormat(l, { style: 'percent', maximumFractionDigits: 0 })).format(
    share,
  );
}

/** A list in the language's words: "de, fr and pl" / "de, fr und pl". */
export function formatList(items: string[]): string {
  return formatter('list', (l) => new Intl.ListFormat(l, { type: 'conjunction' })).format(items);
}

/**
 * The accessible name of a control whose visible text is `visible` and whose fuller label
 * is `label` ("Copy link" / "Copy link for Ana"): the label when it contains the visible
 * text (as speech input needs: WCAG 2.5.3), else both, the visible text first (a language
 * whose word order puts it apart: "Link kopieren" / "Link für Ana kopieren").
 */
export function labelWith(visible: string, label: string): string {
  return label.toLocaleLowerCase().includes(visible.toLocaleLowerCase()) ? label : `${visible} (${label})`;
}
