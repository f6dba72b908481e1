/**
 * The shape of a translated catalogue (locales/*.ts). A translation has every key of the
 * English catalogue; a counted text (`base.one` / `base.other` in English) has exactly the
 * plural categories its language's Intl.PluralRules names (`zero`, `one`, `two`, `few`,
 * `many`, `other`). catalogues.test.ts checks both, and that placeholders match English.
 */
import type { MessageKey } from './en';

type PluralBase<K> = K extends `${infer B}.one` ? B : never;
export type PluralKey = PluralBase<MessageKey>;
export type PluralCategory = 'zero' | 'one' | 'two' | 'few' | 'many' | 'other';
type PluralFormKey = `${PluralKey}.${PluralCategory}`;

export type Translation = Readonly<Partial<Record<MessageKey | PluralFormKey, string>>>;
