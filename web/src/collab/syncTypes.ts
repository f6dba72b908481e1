/**
 * What a section sync is given (SectionSyncOptions, the transport) and what it reports
 * (SyncStatus), with its timings.
 */
import type { Extension } from '@codemirror/state';
import type { SectionHandler, Timers } from '../connection';
import type { Command, Draft, ResultOf, SectionEditor } from '../protocol';
import type { KeyValueStorage } from '../storage';

/** Local edits are gathered this long before a push (keystrokes become one push). */
export const PUSH_DELAY_MS = 120;
/** Unconfirmed edits are written to storage this long after the last edit. */
export const SAVE_DELAY_MS = 300;
/** After a push answered ahead of the stream, wait this long before catching up by reopening. */
export const STREAM_WAIT_MS = 3_000;
/**
 * A push unanswered this long is taken as lost (the server may still have applied it: the
 * stream tells) and the updates are pushed again; the server drops what it already has.
 */
export const PUSH_TIMEOUT_MS = 10_000;
/** A busy server (rate_limited, storage_failed, shutting_down) is asked again after this. */
export const RETRY_MS = 1_500;
/** What the connection offers a section: implemented by Connection. */
export interface SectionTransport {
  readonly isReady: boolean;
  request<T extends Command['type']>(draft: Draft<Extract<Command, { type: T }>>): Promise<ResultOf[T]>;
  attachSection(proposal: number, section: number, handler: SectionHandler): () => void;
}

/**
 * The save state shown per section: `loading` (no text yet), `saved` (nothing unconfirmed),
 * `saving` (unconfirmed, being sent), `unsaved` (unconfirmed, offline), `held` (unconfirmed,
 * refused for now: proposals are frozen).
 */
export type SaveState = 'loading' | 'saved' | 'saving' | 'unsaved' | 'held';

/** The last refusal, for the view to explain. */
export interface SyncProblem {
  code: string;
  /** The unconfirmed edits were dropped (the section shows the server's text again). */
  dropped: boolean;
  /** The editor's text before the drop, for the user to copy; null when nothing was lost. */
  lostText: string | null;
}

export interface SyncStatus {
  save: SaveState;
  online: boolean;
  problem: SyncProblem | null;
  /** Everyone in the section, as the server last said (this member included). */
  editors: SectionEditor[];
  /** Characters in the editor now. */
  length: number;
  /** The synced version. */
  version: number;
}

export interface SectionSyncOptions {
  proposal: number;
  section: number;
  transport: SectionTransport;
  storage: KeyValueStorage;
  /** Storage key of this section's unconfirmed edits (see persist.ts). */
  storageKey: string;
  /** This tab's id (kept in sessionStorage, so a reload is the same tab). */
  tabId: string;
  /** The member this page speaks for: left out of the peers drawn. */
  self?: number | null;
  /** The editor's other extensions (language, view config), asked for at each fresh state. */
  extensions?: () => Extension;
  /**
   * The longest the text may be (UTF-16 units: the server's `sectionChars` limit), read at
   * each local edit; null while not known (the server then refuses a text too long).
   */
  maxLength?: () => number | null;
  timers?: Timers;
  now?: () => number;
  newClientId?: () => string;
}

/** What the status is made of (see SectionSync's fields). */
export interface StatusParts {
  /** The editor holds the section's text. */
  live: boolean;
  /** Edits are unconfirmed. */
  unsaved: boolean;
  /** They are held back (a refusal for now: frozen). */
  held: boolean;
  online: boolean;
  /** The section is open or being opened. */
  opened: boolean;
  problem: SyncProblem | null;
  editors: SectionEditor[];
  length: number;
  version: number;
}

/** The status shown for those parts. */
export function syncStatus(p: StatusParts): SyncStatus {
  let save: SaveState;
  if (!p.live) save = 'loading';
  else if (!p.unsaved) save = 'saved';
  else if (p.held) save = 'held';
  else if (p.online && p.opened) save = 'saving';
  else save = 'unsaved';
  return { save, online: p.online, problem: p.problem, editors: p.editors, length: p.length, version: p.version };
}

/** Whether two statuses show the same (listeners are told only of a difference). */
export function sameStatus(a: SyncStatus | undefined, b: SyncStatus): boolean {
  return (
    a !== undefined &&
    a.save === b.save &&
    a.online === b.online &&
    a.problem === b.problem &&
    a.editors === b.editors &&
    a.length === b.length &&
    a.version === b.version
  );
}
