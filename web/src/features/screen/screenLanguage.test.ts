import { describe, expect, it } from 'vitest';
import type { EventInfo, PresenceMessage } from '../../protocol';
import { SCREEN_LANGUAGE_MS, screenLanguageAt, screenLanguages } from './screenLanguage';

const event: EventInfo = { id: 1, code: 'K7QX2M', title: 'AI', createdAt: 0, tracks: [], language: 'fr' };
const presence = (languages: Record<string, number>): PresenceMessage => ({
  type: 'presence',
  connected: 10,
  byTrack: {},
  staff: 1,
  languages,
});

describe('the big screen’s language', () => {
  it('is the event’s, whoever is in the room, unless the facilitator chose the room’s', () => {
    expect(screenLanguages(event, presence({ de: 30, en: 4 }))).toEqual(['fr']);
    expect(screenLanguages({ ...event, language: undefined }, null)).toEqual(['en']);
    expect(screenLanguages({ ...event, screenLanguages: 'room' }, null)).toEqual(['fr']);
  });

  it('is pinned by ?lang= in its address (a known language or the pseudo-locale)', () => {
    const room = { ...event, screenLanguages: 'room' as const };
    expect(screenLanguages(room, presence({ de: 30 }), '?lang=de')).toEqual(['de']);
    expect(screenLanguages(event, null, '?lang=en-XA')).toEqual(['en-XA']);
    expect(screenLanguages(event, null, '?lang=xx')).toEqual(['fr']);
  });

  it('takes turns through the room’s languages: the event’s first, then the most used', () => {
    const room = { ...event, screenLanguages: 'room' as const };
    expect(screenLanguages(room, presence({ de: 30, en: 4, fr: 2, pl: 4, xx: 50, it: 0 }))).toEqual([
      'fr',
      'de',
      'en',
      'pl',
    ]);
    const many = presence({ de: 9, en: 8, es: 7, it: 6, nl: 5, pl: 4, sv: 3 });
    expect(screenLanguages(room, many)).toEqual(['fr', 'de', 'en', 'es', 'it']);
  });

  it('shows each language for the same time, in order', () => {
    const langs = ['fr', 'de', 'en'];
    expect(screenLanguageAt(langs, 0)).toBe('fr');
    expect(screenLanguageAt(langs, SCREEN_LANGUAGE_MS - 1)).toBe('fr');
    expect(screenLanguageAt(langs, SCREEN_LANGUAGE_MS)).toBe('de');
    expect(screenLanguageAt(langs, 3 * SCREEN_LANGUAGE_MS + 5)).toBe('fr');
    expect(screenLanguageAt(['fr'], 12345678)).toBe('fr');
  });
});
