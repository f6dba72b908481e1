/**
 * Message lookup. Components call `t(key, values)`; they contain no literal UI text.
 */
import type { Catalogue, MessageKey } from './en';
import { en } from './en';

export type { MessageKey } from './en';

let catalogue: Catalogue = en;
let locale = 'en';
let plurals = new Intl.PluralRules(locale);

/** Switches the catalogue (for a future translation). */
export function setCatalogue(lang: string, messages: Catalogue): void {
  locale = lang;
  catalogue = messages;
  plurals = new Intl.PluralRules(lang);
}

export function currentLocale(): string {
  return locale;
}

export type Values = Record<string, string | number>;

export function t(key: MessageKey, values?: Values): string {
  const text = catalogue[key] ?? en[key] ?? key;
  if (!values) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;

/** A counted text: `{base}.one` or `{base}.other`, with `{count}` filled in. */
export function tn(base: PluralKey, count: number, values?: Values): string {
  const form = plurals.select(count) === 'one' ? 'one' : 'other';
  return t(`${base}.${form}` as MessageKey, { count, ...values });
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
 * The locale for times, dates and numbers: the browser's (a Brussels laptop in `fr-BE` or
 * `en-GB` gets 24-hour times), whatever the language of the texts; the catalogue's when the
 * browser names none Intl knows.
 */
export function formatLocale(): string {
  const wanted = typeof navigator === 'undefined' ? [] : [...(navigator.languages ?? []), navigator.language];
  for (const tag of wanted) {
    if (!tag) continue;
    try {
      if (Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0) return tag;
    } catch {
      // A malformed tag: try the next.
    }
  }
  return locale;
}

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(formatLocale(), { hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatDate(ms: number): string {
  return new Intl.DateTimeFormat(formatLocale(), { dateStyle: 'medium' }).format(ms);
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(formatLocale()).format(n);
}
