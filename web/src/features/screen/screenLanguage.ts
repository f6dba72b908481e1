/**
 * The big screen's language: the event's, or (when the facilitator chooses `room`) taking
 * turns through the languages people in the room use, the event's first and then the
 * most used, a few at most so that each comes round often enough to be read.
 */
import { isLanguage, PSEUDO } from '../../i18n/languages';
import type { EventInfo, PresenceMessage } from '../../protocol';

/** How long the big screen stays in one language before the next. */
export const SCREEN_LANGUAGE_MS = 20_000;
/** The most languages it takes turns through. */
export const SCREEN_LANGUAGES_MAX = 5;

/** `?lang=` in the screen's address (tests, a screen set up for one language): it pins the language. */
export function askedLanguage(search: string): string | null {
  const asked = new URLSearchParams(search).get('lang');
  return asked && (asked === PSEUDO || isLanguage(asked)) ? asked : null;
}

export function screenLanguages(event: EventInfo, presence: PresenceMessage | null, search = ''): string[] {
  const asked = askedLanguage(search);
  if (asked) return [asked];
  const own = event.language && isLanguage(event.language) ? event.language : 'en';
  if (event.screenLanguages !== 'room' || !presence?.languages) return [own];
  const used = Object.entries(presence.languages)
    .filter(([code, count]) => count > 0 && isLanguage(code) && code !== own)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code]) => code);
  return [own, ...used].slice(0, SCREEN_LANGUAGES_MAX);
}

/** The language shown at `now`: each takes SCREEN_LANGUAGE_MS in turn. */
export function screenLanguageAt(languages: string[], now: number): string {
  return languages[Math.floor(now / SCREEN_LANGUAGE_MS) % languages.length];
}
