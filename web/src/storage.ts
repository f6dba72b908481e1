/**
 * What the app keeps in the browser's localStorage / sessionStorage, and under which keys.
 * Every access goes through here and tolerates storage that is missing or full (private
 * windows, quota): the app then simply remembers less.
 */

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** A storage that forgets everything; used where the browser gives none. */
export class MemoryStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.has(key) ? (this.items.get(key) as string) : null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

function pick(name: 'localStorage' | 'sessionStorage'): KeyValueStorage {
  try {
    const s = globalThis[name];
    if (s) {
      const probe = '__roundtable_probe__';
      s.setItem(probe, probe);
      s.removeItem(probe);
      return s;
    }
  } catch {
    // Storage disabled or full: fall through.
  }
  return new MemoryStorage();
}

let local: KeyValueStorage | null = null;
let session: KeyValueStorage | null = null;

export function localStore(): KeyValueStorage {
  return (local ??= pick('localStorage'));
}
export function sessionStore(): KeyValueStorage {
  return (session ??= pick('sessionStorage'));
}

export function readJson<T>(storage: KeyValueStorage, key: string): T | null {
  try {
    const raw = storage.getItem(key);
    return raw === null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded: the value is simply not remembered.
  }
}

export function removeKey(storage: KeyValueStorage, key: string): void {
  try {
    storage.removeItem(key);
  } catch {
    // Nothing to do.
  }
}

/** The keys starting with `prefix`, where the storage can list its keys (else none). */
export function keysWithPrefix(storage: KeyValueStorage, prefix: string): string[] {
  const listing = storage as Partial<Pick<Storage, 'key' | 'length'>>;
  if (typeof listing.key !== 'function' || typeof listing.length !== 'number') return [];
  const found: string[] = [];
  try {
    for (let i = 0; i < listing.length; i++) {
      const k = listing.key(i);
      if (k !== null && k.startsWith(prefix)) found.push(k);
    }
  } catch {
    // Storage unavailable: nothing listed.
  }
  return found;
}

/**
 * Removes every key starting with `prefix`, where the storage can list its keys (the
 * browser's Storage can; a MemoryStorage forgets with the page anyway).
 */
export function removePrefix(storage: KeyValueStorage, prefix: string): void {
  for (const k of keysWithPrefix(storage, prefix)) removeKey(storage, k);
}

/**
 * The identity a page uses for one event: a participant (`/join/CODE`) or one of the staff
 * views, each with its own token so a facilitator can also open the screen view.
 */
export type SessionKind = 'participant' | 'facilitate' | 'lead' | 'screen';

export function sessionKey(code: string, kind: SessionKind): string {
  return kind === 'participant' ? code : `${code}.${kind}`;
}

export const keys = {
  /** The token of a session (participant token under roundtable.token.CODE). */
  token: (session: string) => `roundtable.token.${session}`,
  /** Commands typed but not yet answered, in order. */
  pending: (session: string) => `roundtable.pending.${session}`,
  /** The last state seen (with its lastSeq), so a reload resumes instead of starting over. */
  state: (session: string) => `roundtable.state.${session}`,
  /** Section edits the server has not confirmed (see collab/persist.ts). */
  section: (session: string, proposal: number, section: number) =>
    `roundtable.section.${session}/${proposal}.${section}`,
  /** The prefix of every section key of a session (the "/" keeps `CODE` apart from `CODE.facilitate`). */
  sections: (session: string) => `roundtable.section.${session}/`,
  /** This tab's id (sessionStorage: a reload is the same tab, another tab is not). */
  tab: 'roundtable.tab',
  /** Whether the countdown beeps when time is up ("on"; off when absent). */
  sound: 'roundtable.sound',
  /** The language this device chose (a code of i18n/languages.ts). */
  language: 'roundtable.language',
  /** The admin secret (sessionStorage only). */
  adminSecret: 'roundtable.admin',
  /** The facilitator links the admin page made in this tab, by event id (sessionStorage only). */
  adminLinks: 'roundtable.admin.links',
  /** The event the admin page created last, with its facilitator link (sessionStorage only). */
  adminCreated: 'roundtable.admin.created',
} as const;
