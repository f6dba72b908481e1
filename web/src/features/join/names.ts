/**
 * The rules the server applies to a person's name (server/domain/text.hpp: strip_invisible,
 * has_visible, looks_like_role), checked in the join form before sending so that people get
 * a precise message. The server stays the judge.
 */

/** Bidirectional controls and invisible format characters, which the server removes. */
const INVISIBLE = /[\u200b\u200e\u200f\u061c\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069]/g;
/** What does not show: white space and the joiners. */
const BLANK = /[\s\u00a0\u3000\u2000-\u200a\u202f\u205f\u1680]|\u200c|\u200d/g;

/** `name` without the characters the server removes. */
export function stripInvisible(name: string): string {
  return name.replace(INVISIBLE, '');
}

/** Whether `name` shows at least one character. */
export function hasVisible(name: string): boolean {
  return stripInvisible(name).replace(BLANK, '') !== '';
}

const ROLE_WORDS = new Set(['facilitator', 'moderator', 'admin', 'administrator', 'organiser', 'organizer', 'staff']);

/** Whether a name reads as one of the event's roles ("Facilitator", "Track lead", …). */
export function looksLikeRole(name: string): boolean {
  const words = name
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
  return words.some((w, i) => ROLE_WORDS.has(w) || (w === 'track' && words[i + 1] === 'lead'));
}
