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

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(ms);
}

export function formatDate(ms: number): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(ms);
}
