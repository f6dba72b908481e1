/**
 * The languages Roundtable speaks: the 24 official languages of the EU, each named in
 * itself (a German speaker looks for "Deutsch", not "German"), in the order of those names.
 */
export const LANGUAGES = [
  { code: 'bg', name: 'Български' },
  { code: 'cs', name: 'Čeština' },
  { code: 'da', name: 'Dansk' },
  { code: 'de', name: 'Deutsch' },
  { code: 'el', name: 'Ελληνικά' },
  { code: 'en', name: 'English' },
  { code: 'es', name: 'Español' },
  { code: 'et', name: 'Eesti' },
  { code: 'fi', name: 'Suomi' },
  { code: 'fr', name: 'Français' },
  { code: 'ga', name: 'Gaeilge' },
  { code: 'hr', name: 'Hrvatski' },
  { code: 'hu', name: 'Magyar' },
  { code: 'it', name: 'Italiano' },
  { code: 'lt', name: 'Lietuvių' },
  { code: 'lv', name: 'Latviešu' },
  { code: 'mt', name: 'Malti' },
  { code: 'nl', name: 'Nederlands' },
  { code: 'pl', name: 'Polski' },
  { code: 'pt', name: 'Português' },
  { code: 'ro', name: 'Română' },
  { code: 'sk', name: 'Slovenčina' },
  { code: 'sl', name: 'Slovenščina' },
  { code: 'sv', name: 'Svenska' },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

/** The pseudo-locale: English made ~40% longer and accented, for layout tests only. */
export const PSEUDO = 'en-XA';

export const LANGUAGE_CODES: readonly string[] = LANGUAGES.map((l) => l.code);

export function isLanguage(code: string): code is LanguageCode {
  return LANGUAGE_CODES.includes(code);
}

/**
 * The first of the browser's languages (`navigator.languages`, most wanted first) that
 * Roundtable speaks: `de-AT` gives `de`, `nb` gives nothing. English when none matches.
 */
export function pickLanguage(wanted: readonly string[]): LanguageCode {
  for (const tag of wanted) {
    const base = tag.toLowerCase().split(/[-_]/)[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}
