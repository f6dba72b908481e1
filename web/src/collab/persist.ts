/**
 * Unconfirmed section edits kept in localStorage, so a reload or a crashed tab loses no text.
 *
 * One storage key per section holds an entry per editor (clientID): the version and text the
 * editor had synced, the edits the server has not confirmed yet (ChangeSet JSON, in order,
 * each on top of the previous), which tab owns the entry and when that tab last wrote it.
 * An entry exists only while something is unconfirmed.
 *
 * A tab adopts an entry it owns (a reload keeps the tab's id in sessionStorage), or one whose
 * owner has not written it for STALE_MS (a closed or crashed tab; a live tab with unsaved
 * work rewrites its entry every HEARTBEAT_MS). Two live tabs never share a clientID.
 *
 * Everything goes through KeyValueStorage and tolerates missing or full storage.
 */
import type { ChangeJson } from '../protocol';
import { isChangeJson } from '../protocol';
import type { KeyValueStorage } from '../storage';
import { readJson, removeKey, writeJson } from '../storage';

export interface StoredSection {
  clientID: string;
  /** The version the editor had synced. */
  version: number;
  /** The text at that version. */
  text: string;
  /** Unconfirmed edits on top of `text`, each applying to the result of the previous. */
  unconfirmed: ChangeJson[];
  /** Per unconfirmed edit, whether it continues the editor's run (missing in older entries). */
  continues?: boolean[];
  /** The tab that writes this entry. */
  owner: string;
  /** When the owner last wrote it (local clock, ms). */
  at: number;
}

/** A tab with unsaved work rewrites its entries this often. */
export const HEARTBEAT_MS = 2_000;
/** An entry not written for this long belongs to no live tab. */
export const STALE_MS = 6_000;

type Entries = Record<string, StoredSection>;

function isStoredSection(v: unknown): v is StoredSection {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.clientID === 'string' &&
    typeof e.version === 'number' &&
    Number.isInteger(e.version) &&
    e.version >= 0 &&
    typeof e.text === 'string' &&
    Array.isArray(e.unconfirmed) &&
    e.unconfirmed.every(isChangeJson) &&
    (e.continues === undefined || (Array.isArray(e.continues) && e.continues.every((c) => typeof c === 'boolean'))) &&
    typeof e.owner === 'string' &&
    typeof e.at === 'number'
  );
}

function readEntries(storage: KeyValueStorage, key: string): Entries {
  const raw = readJson<unknown>(storage, key);
  const out: Entries = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return out;
  for (const [id, entry] of Object.entries(raw)) if (isStoredSection(entry) && entry.clientID === id) out[id] = entry;
  return out;
}

function writeEntries(storage: KeyValueStorage, key: string, entries: Entries): void {
  if (Object.keys(entries).length === 0) removeKey(storage, key);
  else writeJson(storage, key, entries);
}

/**
 * Takes over the entry this tab should continue from, or returns null: its own entry first,
 * else the stalest entry of a tab that is gone. The entry taken is rewritten as this tab's.
 */
export function claimSection(storage: KeyValueStorage, key: string, tab: string, now: number): StoredSection | null {
  const entries = readEntries(storage, key);
  const list = Object.values(entries);
  const own = list.find((e) => e.owner === tab);
  const orphan = list.filter((e) => now - e.at >= STALE_MS && e.unconfirmed.length > 0).sort((a, b) => a.at - b.at)[0];
  const chosen = own ?? orphan ?? null;
  if (chosen === null) return null;
  const claimed = { ...chosen, owner: tab, at: now };
  writeEntries(storage, key, { ...entries, [claimed.clientID]: claimed });
  return claimed;
}

/** Whether `claimSection` would give this tab an entry under `key` (without taking it). */
export function claimable(storage: KeyValueStorage, key: string, tab: string, now: number): boolean {
  return Object.values(readEntries(storage, key)).some(
    (e) => e.unconfirmed.length > 0 && (e.owner === tab || now - e.at >= STALE_MS),
  );
}

/** Writes (or replaces) one editor's entry, leaving other tabs' entries alone. */
export function saveSection(storage: KeyValueStorage, key: string, entry: StoredSection): void {
  writeEntries(storage, key, { ...readEntries(storage, key), [entry.clientID]: entry });
}

/** Removes one editor's entry (nothing is unconfirmed any more, or it was given up). */
export function dropSection(storage: KeyValueStorage, key: string, clientID: string): void {
  const entries = readEntries(storage, key);
  if (!(clientID in entries)) return;
  delete entries[clientID];
  writeEntries(storage, key, entries);
}

/** Whether any entry under `key` still holds unconfirmed edits (for tests and diagnostics). */
export function storedSections(storage: KeyValueStorage, key: string): StoredSection[] {
  return Object.values(readEntries(storage, key));
}
