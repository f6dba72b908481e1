/**
 * The glue between one section editor (a CodeMirror state) and the server, with the collab
 * state of collabState.ts (`@codemirror/collab`'s, with the tie rule that keeps each writer's
 * run of typing whole; docs/protocol.md, "Editing a section").
 *
 * - Opening: `open_section` with version null the first time (the state is made from the
 *   text), or with the version it has after a reconnect (the updates after it are applied).
 * - Receiving: `section_updates` whose `version` is the synced version are applied; older
 *   ones are skipped as far as they are known; a gap (the server is ahead) opens the section
 *   again from the synced version. A batch is received one update at a time (`receiveUpdate`),
 *   as the server rebases (the server rebases pushes, so an own update may follow others').
 * - Pushing: at most one `push` in flight, with the sendable updates (up to the protocol's
 *   limits) and the selection; pushed again when answered or when new updates arrive. The
 *   answer is never a confirmation: updates leave `sendableUpdates` only when the stream
 *   brings them back. After an answer ahead of the synced version it waits for the stream.
 * - Offline: editing goes on; the updates stay unconfirmed ("not saved yet") and are rebased
 *   by the server when pushed after the reconnect.
 * - Refusals: `bad_value`, `too_large` and `forbidden` drop the unconfirmed updates (the
 *   section is opened afresh, version null; the text that could not be saved is kept for the
 *   user to copy); `frozen` holds them until proposals are unfrozen; busy servers are retried.
 * - Persistence: while something is unconfirmed, the synced version and text, the unconfirmed
 *   changes and the clientID are kept in storage (persist.ts); a new SectionSync for the
 *   section starts from them, re-applies the changes as local edits (with the `continues` flag
 *   each was made with) and opens with that version (the server drops updates it already has
 *   from this clientID).
 * - Presence: `cursor` (at most every CURSOR_INTERVAL_MS) when the selection moves without an
 *   edit (a push carries the selection) and after each open; others' selections from
 *   `section_presence` are mapped from their version into this document, moving with their
 *   writer's own insertions and staying before everyone else's (`mapCaret`), so each name
 *   label stays at the end of its writer's run.
 * - Edits that would split a surrogate pair are refused, as the server refuses them.
 *
 * All outside access (the connection, storage, timers, clock, randomness, the editor view)
 * is injected. Methods run on the browser's event loop; none may be called re-entrantly
 * from an EditorHost's dispatch except `afterTransactions`.
 */
import type { ChangeDesc, Extension } from '@codemirror/state';
import { Annotation, ChangeSet, EditorSelection, EditorState, Text, Transaction } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { SectionHandler, Timers } from '../connection';
import { CommandError } from '../connection';
import type {
  Command,
  Draft,
  ResultOf,
  SectionEditor,
  SectionPresenceMessage,
  SectionSelection,
  SectionUpdate,
  SectionUpdatesMessage,
} from '../protocol';
import type { KeyValueStorage } from '../storage';
import type { PeerMark } from './decorations';
import { decorationsExtension, setPeers } from './decorations';
import type { CollabUpdate } from './collabState';
import {
  collab,
  continuesAnnotation,
  getClientID,
  getSyncedVersion,
  receiveUpdate,
  sendableUpdates,
  splitsSurrogatePair,
} from './collabState';
import { claimSection, dropSection, HEARTBEAT_MS, saveSection } from './persist';

/** One push holds at most this many updates (fixed by the protocol: docs/protocol.md, `push`)… */
export const MAX_PUSH_UPDATES = 100;
/** …and inserts at most this many characters. */
export const MAX_PUSH_INSERT = 20_000;
/** Local edits are gathered this long before a push (keystrokes become one push). */
export const PUSH_DELAY_MS = 120;
/** At most four cursor messages a second. */
export const CURSOR_INTERVAL_MS = 250;
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
/** Updates kept to map others' cursors and comment passages from older versions. */
export const RECENT_UPDATES = 500;

/** What the connection offers a section: implemented by Connection. */
export interface SectionTransport {
  readonly isReady: boolean;
  request<T extends Command['type']>(draft: Draft<Extract<Command, { type: T }>>): Promise<ResultOf[T]>;
  attachSection(proposal: number, section: number, handler: SectionHandler): () => void;
}

/** Where the editor state lives: an EditorView, or a plain holder (tests, a closed view). */
export interface EditorHost {
  readonly state: EditorState;
  /** Replaces the whole state (a fresh open). */
  setState(state: EditorState): void;
  /** Applies one transaction; the host then calls `afterTransactions` of the sync. */
  dispatch(tr: Transaction): void;
}

/** What an editor shows before the section's text is known: nothing, and not editable. */
export function placeholderState(): EditorState {
  return EditorState.create({ extensions: [EditorState.readOnly.of(true), EditorView.editable.of(false)] });
}

/** A host without a view: holds the state and reports transactions to the sync. */
export class MemoryHost implements EditorHost {
  private current: EditorState;
  onTransactions: ((trs: readonly Transaction[]) => void) | null = null;
  constructor(state: EditorState = placeholderState()) {
    this.current = state;
  }
  get state(): EditorState {
    return this.current;
  }
  setState(state: EditorState): void {
    this.current = state;
  }
  dispatch(tr: Transaction): void {
    this.current = tr.state;
    this.onTransactions?.([tr]);
  }
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

/** Marks the transactions the sync itself makes from stored or restored text. */
const recovered = Annotation.define<boolean>();

const DROP_ON: ReadonlySet<string> = new Set(['bad_value', 'too_large', 'forbidden']);
const RETRY_ON: ReadonlySet<string> = new Set(['rate_limited', 'storage_failed', 'shutting_down']);

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function randomClientId(): string {
  return Math.floor(Math.random() * 2 ** 48).toString(36) + Math.floor(Math.random() * 2 ** 24).toString(36);
}

/** How many characters a change inserts. */
function inserted(changes: ChangeSet): number {
  let n = 0;
  changes.iterChanges((_fa, _ta, _fb, _tb, text) => {
    n += text.length;
  });
  return n;
}

/** Whether two change sets make the same change. */
function sameChanges(a: ChangeSet, b: ChangeSet): boolean {
  return JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
}

function docOf(text: string): Text {
  return Text.of(text.split('\n'));
}

type Phase = 'idle' | 'opening' | 'open' | 'closed';

const TIMERS = [
  'pushTimer',
  'cursorTimer',
  'saveTimer',
  'heartbeatTimer',
  'streamTimer',
  'retryTimer',
  'pushTimeout',
] as const;
type TimerName = (typeof TIMERS)[number];

export class SectionSync implements SectionHandler {
  // Constant after construction.
  readonly proposal: number;
  readonly section: number;
  private readonly transport: SectionTransport;
  private readonly storage: KeyValueStorage;
  private readonly storageKey: string;
  private readonly tabId: string;
  private readonly self: number | null;
  private readonly extensions: () => Extension;
  private readonly maxLength: () => number | null;
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly newClientId: () => string;

  private host: EditorHost;
  /** Whether the host holds a state made by this sync (with the collab extension). */
  private live = false;
  private phase: Phase = 'idle';
  /** Counts opens, so the answer of an older one is ignored. */
  private opens = 0;
  private detach: (() => void) | null = null;
  /** The text at the synced version (the server's text as far as we know it). */
  private synced: Text = Text.empty;
  /** The last received updates: `version` is the version after each; `member` made it. */
  private recent: { version: number; changes: ChangeSet; member: number | null }[] = [];
  /** `section_updates` that came while the open was unanswered. */
  private buffered: SectionUpdatesMessage[] = [];

  private pushing = false;
  /** Counts pushes, so the answer of one given up on is ignored. */
  private pushes = 0;
  /** An answered push said the server is at this version: wait for the stream to get there. */
  private awaitVersion = 0;
  private held: string | null = null;
  private problem: SyncProblem | null = null;
  private editors: SectionEditor[] = [];
  private lastCursor = '';
  private lastCursorAt = -Infinity;
  /** The user has placed a cursor here: others are told where it is from then on. */
  private cursorShared = false;

  private pushTimer: unknown = null;
  private cursorTimer: unknown = null;
  private saveTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private streamTimer: unknown = null;
  private retryTimer: unknown = null;
  private pushTimeout: unknown = null;

  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private statusValue: SyncStatus;

  constructor(options: SectionSyncOptions) {
    this.proposal = options.proposal;
    this.section = options.section;
    this.transport = options.transport;
    this.storage = options.storage;
    this.storageKey = options.storageKey;
    this.tabId = options.tabId;
    this.self = options.self ?? null;
    this.extensions = options.extensions ?? (() => []);
    this.maxLength = options.maxLength ?? (() => null);
    this.timers = options.timers ?? defaultTimers;
    this.now = options.now ?? Date.now;
    this.newClientId = options.newClientId ?? randomClientId;
    this.host = new MemoryHost();
    this.bindMemoryHost(this.host as MemoryHost);
    this.statusValue = this.computeStatus();
  }

  // ---------------------------------------------------------------------------------------
  // Life

  /**
   * Starts: continues from stored unconfirmed edits when there are some, then opens the
   * section as soon as the connection is ready (and again after every reconnect).
   */
  start(): void {
    if (this.detach !== null || this.phase === 'closed') return;
    this.recover();
    this.detach = this.transport.attachSection(this.proposal, this.section, this);
    this.emit();
  }

  /**
   * Stops for good: the section is closed on the server, unconfirmed edits stay in storage
   * (the next SectionSync of this section in this tab continues from them).
   */
  close(): void {
    if (this.phase === 'closed') return;
    const wasOpen = this.phase === 'open' || this.phase === 'opening';
    this.saveNow();
    this.phase = 'closed';
    for (const name of TIMERS) this.clearTimer(name);
    this.detach?.();
    this.detach = null;
    if (wasOpen && this.transport.isReady) {
      this.transport
        .request<'close_section'>({ type: 'close_section', proposal: this.proposal, section: this.section })
        .catch(() => {});
    }
    this.listeners.clear();
  }

  /**
   * Moves the state to another host (an EditorView being shown, or a MemoryHost when the view
   * goes away while edits are unconfirmed). The new host gets the current state.
   */
  setHost(host: EditorHost): void {
    if (this.live) host.setState(this.host.state);
    this.host = host;
  }

  /** Leaves the view: the sync goes on with the state in memory. */
  releaseHost(): void {
    const memory = new MemoryHost(this.host.state);
    this.bindMemoryHost(memory);
    this.host = memory;
  }

  private bindMemoryHost(host: MemoryHost): void {
    host.onTransactions = (trs) => this.afterTransactions(trs);
  }

  /** The state being edited (a placeholder until the section is first loaded). */
  get state(): EditorState {
    return this.host.state;
  }

  get hasText(): boolean {
    return this.live;
  }

  get status(): SyncStatus {
    return this.statusValue;
  }

  subscribe(listener: (status: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether edits are unconfirmed (a page leaving now would leave them to storage). */
  get unsaved(): boolean {
    return this.live && sendableUpdates(this.host.state).length > 0;
  }

  // ---------------------------------------------------------------------------------------
  // SectionHandler (called by the connection)

  ready(): void {
    if (this.phase === 'closed' || this.held === 'not_found') return;
    this.open(this.live ? getSyncedVersion(this.host.state) : null);
  }

  lost(): void {
    if (this.phase === 'closed') return;
    this.phase = 'idle';
    this.dropPush();
    this.awaitVersion = 0;
    this.buffered = [];
    this.clearTimer('streamTimer');
    this.clearTimer('retryTimer');
    this.editors = [];
    this.showPeers();
    this.emit();
  }

  updates(msg: SectionUpdatesMessage): void {
    if (this.phase === 'opening') {
      this.buffered.push(msg);
      return;
    }
    if (this.phase !== 'open') return;
    this.accept(msg.version, msg.updates);
  }

  presence(msg: SectionPresenceMessage): void {
    if (this.phase === 'closed') return;
    this.editors = Array.isArray(msg.editors) ? msg.editors : [];
    this.showPeers();
    this.emit();
  }

  // ---------------------------------------------------------------------------------------
  // Called by the host after transactions (local edits, selection moves, received updates)

  afterTransactions(trs: readonly Transaction[]): void {
    if (!this.live || this.phase === 'closed') return;
    let edited = false;
    let moved = false;
    for (const tr of trs) {
      const remote = tr.annotation(Transaction.remote) === true;
      if (tr.docChanged && !remote) edited = true;
      if (tr.selection !== undefined && !remote && tr.annotation(recovered) !== true) moved = true;
    }
    if (edited) {
      if (this.problem !== null && !this.problem.dropped && this.held === null) this.problem = null;
      this.scheduleSave();
      this.schedulePush(PUSH_DELAY_MS);
    }
    if (moved) this.cursorShared = true;
    // While typing, the push carries the selection; others map it through later updates
    // themselves, so only a move without an edit is worth a cursor message.
    if (moved && !edited) this.scheduleCursor();
    this.emit();
  }

  // ---------------------------------------------------------------------------------------
  // Commands from the view

  /**
   * Replaces the whole text with `text` as one local edit (restoring an older version): the
   * smallest single change from the current text; nothing when they are equal.
   */
  replaceText(text: string): boolean {
    if (!this.live) return false;
    const spec = replacementChange(this.host.state.doc, text);
    if (spec === null) return false;
    this.host.dispatch(this.host.state.update({ changes: spec, userEvent: 'input.restore', filter: false }));
    return true;
  }

  /** Gives up the unconfirmed edits (after a refusal): opens the section afresh. */
  discard(): void {
    this.reset(null, false);
  }

  /** Proposals were frozen or unfrozen: held edits are pushed again once unfrozen. */
  setFrozen(frozen: boolean): void {
    if (frozen || this.held !== 'frozen') return;
    this.held = null;
    if (this.problem?.code === 'frozen') this.problem = null;
    this.schedulePush(0);
    this.emit();
  }

  /** Forgets the last refusal's message (the user dismissed it). */
  dismissProblem(): void {
    if (this.problem === null || this.held !== null) return;
    this.problem = null;
    this.emit();
  }

  /**
   * The selection (or any range) in the text at the synced version: where the server, and
   * other people, can place it. Local positions inside unconfirmed insertions move to their
   * edge.
   */
  toSynced(anchor: number, head: number): { version: number; anchor: number; head: number } {
    const back = this.unconfirmedDesc()?.invertedDesc ?? null;
    const version = this.live ? getSyncedVersion(this.host.state) : 0;
    return back === null
      ? { version, anchor, head }
      : { version, anchor: back.mapPos(anchor, -1), head: back.mapPos(head, -1) };
  }

  /**
   * Maps a position in the text at `version` into the editor's document, or null when that
   * version is not known here (too old, or not received yet). With `writer`, the position is
   * that member's caret: it moves past the writer's own insertions at it and stays before
   * anyone else's (`caretAssoc`); else insertions at it go before (`assoc` 1) or after (-1).
   */
  fromVersion(pos: number, version: number, assoc: -1 | 1 = -1, writer: number | null = null): number | null {
    if (!this.live) return null;
    const synced = getSyncedVersion(this.host.state);
    if (version > synced) return null;
    if (version < synced) {
      const first = this.recent.length > 0 ? this.recent[0].version - 1 : synced;
      if (version < first) return null;
    }
    if (pos < 0 || pos > this.lengthAt(version)) return null;
    let p = pos;
    for (const r of this.recent) {
      if (r.version > version) p = r.changes.mapPos(p, writer === null ? assoc : caretAssoc(r.member, writer));
    }
    const ahead = this.unconfirmedDesc();
    return ahead === null ? p : ahead.mapPos(p, writer === null ? assoc : -1);
  }

  /** The synced text (the server's text at the synced version). */
  get syncedText(): string {
    return this.synced.toString();
  }

  // ---------------------------------------------------------------------------------------
  // Opening

  private open(version: number | null): void {
    if (this.phase === 'closed' || !this.transport.isReady) return;
    const n = ++this.opens;
    this.phase = 'opening';
    // The answer of a push in flight is ignored from now on; the stream tells what happened.
    this.dropPush();
    this.buffered = [];
    this.clearTimer('streamTimer');
    this.awaitVersion = 0;
    this.emit();
    this.transport
      .request<'open_section'>({ type: 'open_section', proposal: this.proposal, section: this.section, version })
      .then(
        (result) => {
          if (n !== this.opens || this.phase !== 'opening') return;
          this.opened(version, result);
        },
        (err: unknown) => {
          if (n !== this.opens || this.phase !== 'opening') return;
          this.openFailed(version, err instanceof CommandError ? err.code : 'unknown');
        },
      );
  }

  private opened(asked: number | null, result: ResultOf['open_section']): void {
    if (asked === null || !this.live) {
      this.fresh(result.version, typeof result.text === 'string' ? result.text : '');
    } else {
      const updates = Array.isArray(result.updates) ? result.updates : [];
      if (!this.apply(asked, updates)) return;
      const synced = getSyncedVersion(this.host.state);
      if (synced < result.version) {
        // The answer did not bring everything: ask again from where we are.
        this.open(synced);
        return;
      }
      if (synced > result.version) {
        // We claim more than the server has (a restore from backup): start from its text.
        this.reset('bad_value', true);
        return;
      }
    }
    this.phase = 'open';
    const buffered = this.buffered;
    this.buffered = [];
    for (const msg of buffered) if (this.phase === 'open') this.accept(msg.version, msg.updates);
    if (this.phase !== 'open') return;
    this.showPeers();
    this.schedulePush(0);
    this.scheduleCursor();
    this.emit();
  }

  private openFailed(asked: number | null, code: string): void {
    if (code === 'connection_lost') return; // lost() follows; ready() opens again
    this.phase = 'idle';
    if (RETRY_ON.has(code)) {
      this.retryLater(() => this.open(asked));
    } else if (asked !== null && code === 'bad_value') {
      // The server does not know our version (restored from backup): start from its text.
      this.reset('bad_value', true);
    } else if (code === 'not_found') {
      this.giveUp(code);
    } else {
      this.problem = { code, dropped: false, lostText: null };
    }
    this.emit();
  }

  /** A fresh state from the server's text; the current unconfirmed edits are gone. */
  private fresh(version: number, text: string): void {
    this.synced = docOf(text);
    this.recent = [];
    const clientID = this.live ? getClientID(this.host.state) : this.newClientId();
    this.host.setState(this.createState(this.synced, version, clientID));
    this.live = true;
  }

  private createState(doc: Text, version: number, clientID: string): EditorState {
    const maxLength = this.maxLength;
    return EditorState.create({
      doc,
      extensions: [
        collab({ startVersion: version, clientID }),
        decorationsExtension(),
        // Local edits may not make the text longer than the limit (shrinking is always fine).
        EditorState.changeFilter.of((tr) => {
          const max = maxLength();
          return max === null || tr.newDoc.length <= max || tr.newDoc.length <= tr.startState.doc.length;
        }),
        // No edit may leave half of a surrogate pair (the server refuses such a push).
        EditorState.changeFilter.of((tr) => !splitsSurrogatePair(tr.startState.doc, tr.changes)),
        this.extensions(),
      ],
    });
  }

  /**
   * Drops every unconfirmed edit and opens the section afresh (version null). With `keep`,
   * the text the user had is offered to copy, and `code` explains why.
   */
  private reset(code: string | null, keep: boolean): void {
    const lost = keep && this.unsaved ? this.host.state.doc.toString() : null;
    if (this.live) {
      dropSection(this.storage, this.storageKey, getClientID(this.host.state));
      // A new clientID: nothing of the old one's can be mistaken for ours any more.
      const state = this.createState(this.synced, getSyncedVersion(this.host.state), this.newClientId());
      this.host.setState(state);
    }
    this.held = null;
    this.dropPush();
    this.clearTimer('heartbeatTimer');
    this.problem = code === null ? null : { code, dropped: true, lostText: lost };
    this.phase = 'idle';
    this.live = false;
    if (this.transport.isReady) this.open(null);
    this.emit();
  }

  /**
   * The section is gone (its proposal was deleted): unconfirmed edits can never be saved.
   * They are dropped from the editor and storage (the text is kept for the user to copy);
   * nothing is sent any more.
   */
  private giveUp(code: string): void {
    const lost = this.unsaved ? this.host.state.doc.toString() : null;
    if (this.live) {
      dropSection(this.storage, this.storageKey, getClientID(this.host.state));
      this.host.setState(this.createState(this.synced, getSyncedVersion(this.host.state), this.newClientId()));
    }
    this.dropPush();
    this.clearTimer('heartbeatTimer');
    this.clearTimer('pushTimer');
    this.held = code;
    this.phase = 'idle';
    this.problem = { code, dropped: lost !== null, lostText: lost };
    this.emit();
  }

  // ---------------------------------------------------------------------------------------
  // Receiving

  private accept(version: number, updates: readonly SectionUpdate[]): void {
    const synced = getSyncedVersion(this.host.state);
    if (version > synced) {
      // We missed something: catch up from what we have.
      this.open(synced);
      return;
    }
    if (!this.apply(version, updates)) return;
    if (this.awaitVersion !== 0 && getSyncedVersion(this.host.state) >= this.awaitVersion) {
      this.awaitVersion = 0;
      this.clearTimer('streamTimer');
    }
    this.schedulePush(0);
  }

  /**
   * Applies the accepted updates that start at `version`, skipping those already applied.
   * Returns false (and opens afresh) when they do not fit the synced text.
   */
  private apply(version: number, updates: readonly SectionUpdate[]): boolean {
    const synced = getSyncedVersion(this.host.state);
    const skip = synced - version;
    if (skip < 0) return false;
    if (skip >= updates.length) return true;
    const fresh: CollabUpdate[] = [];
    /** The server's text after each of `fresh`. */
    const docs: Text[] = [];
    let doc = this.synced;
    let at = synced;
    try {
      for (const u of updates.slice(skip)) {
        const changes = ChangeSet.fromJSON(u.changes);
        if (changes.length !== doc.length) throw new RangeError('update does not fit the text');
        doc = changes.apply(doc);
        at += 1;
        fresh.push({ changes, clientID: u.clientID, continues: u.continues === true });
        docs.push(doc);
        this.recent.push({ version: at, changes, member: typeof u.member === 'number' ? u.member : null });
      }
    } catch {
      this.recent = this.recent.filter((r) => r.version <= synced);
      this.reset('bad_value', true);
      return false;
    }
    if (this.recent.length > RECENT_UPDATES) this.recent = this.recent.slice(-RECENT_UPDATES);
    const own = getClientID(this.host.state);
    let before = this.synced;
    let index = 0;
    // One update at a time: the server rebases a late push over each accepted update in turn
    // (docs/protocol.md), and receiving in the same steps keeps this editor's text equal to
    // the server's whatever the batching. Should an own update still differ from the
    // unconfirmed one it confirms, the editor is rebuilt on the server's text (repair).
    for (const update of fresh) {
      const after = docs[index];
      if (update.clientID === own && !this.matchesUnconfirmed([update])) this.repair(before, after, 1);
      else this.host.dispatch(receiveUpdate(this.host.state, update));
      before = after;
      index += 1;
    }
    this.synced = doc;
    this.scheduleSave();
    this.showPeers();
    this.emit();
    return true;
  }

  /**
   * Whether a run of own accepted updates is exactly the unconfirmed updates it confirms.
   * `receiveUpdate` assumes so. The server and this editor map the same pairs by the same
   * rule, so they are not expected to differ; should they (a server with another rule), the
   * editor is repaired rather than left on a text the server does not have.
   */
  private matchesUnconfirmed(run: readonly CollabUpdate[]): boolean {
    const sendable = sendableUpdates(this.host.state);
    return run.every((u, i) => i >= sendable.length || sameChanges(u.changes, sendable[i].changes));
  }

  /**
   * Takes a run of `count` own updates that differ from the unconfirmed ones they confirm:
   * the editor is rebuilt on the server's text `after` (its version), with the remaining
   * unconfirmed updates mapped over the difference between what this editor believed the
   * run produced and what the server made of it (`before` is the server's text before it).
   */
  private repair(before: Text, after: Text, count: number): void {
    const state = this.host.state;
    const sendable = sendableUpdates(state);
    const k = Math.min(count, sendable.length);
    let believed = before;
    for (const u of sendable.slice(0, k)) believed = u.changes.apply(believed);
    const spec = replacementChange(believed, after.toString());
    let diff = ChangeSet.of(spec === null ? [] : [spec], believed.length);
    const mapped: Unconfirmed[] = [];
    for (const r of sendable.slice(k)) {
      mapped.push({ changes: r.changes.map(diff), continues: r.continues });
      diff = diff.map(r.changes, true);
    }
    // `diff` now turns the editor's text into the server's text with the mapped updates.
    const selection = state.selection.map(diff);
    this.rebuild(after, getSyncedVersion(state) + count, getClientID(state), mapped, selection);
  }

  /** A new state on `doc` at `version`, with `unconfirmed` re-applied as local edits. */
  private rebuild(
    doc: Text,
    version: number,
    clientID: string,
    unconfirmed: readonly Unconfirmed[],
    selection?: EditorSelection,
  ): void {
    this.host.setState(this.createState(doc, version, clientID));
    for (const { changes, continues } of unconfirmed) {
      if (changes.empty) continue;
      this.host.dispatch(
        this.host.state.update({
          changes,
          annotations: [recovered.of(true), Transaction.addToHistory.of(false), continuesAnnotation.of(continues)],
          filter: false,
        }),
      );
    }
    if (selection && selection.ranges.every((r) => r.to <= this.host.state.doc.length)) {
      this.host.dispatch(this.host.state.update({ selection, annotations: recovered.of(true) }));
    }
  }

  // ---------------------------------------------------------------------------------------
  // Pushing

  private schedulePush(delay: number): void {
    if (this.phase === 'closed' || this.pushTimer !== null) return;
    if (!this.unsaved) return;
    this.pushTimer = this.timers.set(() => {
      this.pushTimer = null;
      this.push();
    }, delay);
  }

  private push(): void {
    if (this.phase !== 'open' || !this.transport.isReady || this.pushing || this.held !== null) return;
    const state = this.host.state;
    const version = getSyncedVersion(state);
    if (this.awaitVersion > version) return;
    const sendable = sendableUpdates(state);
    if (sendable.length === 0) return;
    const batch: SectionUpdate[] = [];
    let chars = 0;
    for (const u of sendable) {
      const n = inserted(u.changes);
      if (batch.length > 0 && (batch.length >= MAX_PUSH_UPDATES || chars + n > MAX_PUSH_INSERT)) break;
      const update: SectionUpdate = { clientID: u.clientID, changes: u.changes.toJSON() as SectionUpdate['changes'] };
      if (u.continues) update.continues = true;
      batch.push(update);
      chars += n;
    }
    // The selection in the text after the pushed updates (the server carries it over what
    // others did meanwhile, so that it stays at the end of this writer's own text).
    const sel = state.selection.main;
    const rest = sendable.slice(batch.length);
    const back =
      rest.length === 0
        ? null
        : rest.slice(1).reduce<ChangeDesc>((d, u) => d.composeDesc(u.changes.desc), rest[0].changes.desc).invertedDesc;
    const selection: SectionSelection =
      back === null
        ? { anchor: sel.anchor, head: sel.head }
        : { anchor: back.mapPos(sel.anchor, -1), head: back.mapPos(sel.head, -1) };
    this.pushing = true;
    const n = ++this.pushes;
    this.clearTimer('pushTimeout');
    this.pushTimeout = this.timers.set(() => {
      this.pushTimeout = null;
      if (n !== this.pushes || !this.pushing) return;
      this.pushes++;
      this.pushing = false;
      this.schedulePush(0);
    }, PUSH_TIMEOUT_MS);
    this.emit();
    this.transport
      .request<'push'>({
        type: 'push',
        proposal: this.proposal,
        section: this.section,
        version,
        updates: batch,
        selection,
      })
      .then(
        (result) => {
          if (n !== this.pushes || !this.pushing) return;
          this.clearTimer('pushTimeout');
          this.pushing = false;
          const v = typeof result?.version === 'number' ? result.version : 0;
          if (v > getSyncedVersion(this.host.state)) this.waitForStream(v);
          else this.schedulePush(0);
          this.emit();
        },
        (err: unknown) => {
          if (n !== this.pushes || !this.pushing) return;
          this.clearTimer('pushTimeout');
          this.pushing = false;
          this.pushFailed(err instanceof CommandError ? err.code : 'unknown');
        },
      );
  }

  /** The server is at `version`; our updates come back through the stream. */
  private waitForStream(version: number): void {
    this.awaitVersion = version;
    this.clearTimer('streamTimer');
    this.streamTimer = this.timers.set(() => {
      this.streamTimer = null;
      if (this.phase === 'open' && getSyncedVersion(this.host.state) < this.awaitVersion) {
        this.open(getSyncedVersion(this.host.state));
      }
    }, STREAM_WAIT_MS);
  }

  private pushFailed(code: string): void {
    if (code === 'connection_lost') return;
    if (RETRY_ON.has(code)) {
      this.retryLater(() => this.schedulePush(0));
    } else if (DROP_ON.has(code)) {
      this.reset(code, true);
      return;
    } else if (code === 'not_found') {
      this.giveUp(code);
      return;
    } else {
      // frozen (until unfrozen), anything unknown.
      this.held = code;
      this.problem = { code, dropped: false, lostText: null };
    }
    this.emit();
  }

  private retryLater(fn: () => void): void {
    this.clearTimer('retryTimer');
    this.retryTimer = this.timers.set(() => {
      this.retryTimer = null;
      fn();
    }, RETRY_MS);
  }

  // ---------------------------------------------------------------------------------------
  // Cursor and presence

  private scheduleCursor(): void {
    if (!this.cursorShared || this.phase !== 'open' || this.cursorTimer !== null) return;
    const wait = Math.max(0, this.lastCursorAt + CURSOR_INTERVAL_MS - this.now());
    this.cursorTimer = this.timers.set(() => {
      this.cursorTimer = null;
      this.sendCursor();
    }, wait);
  }

  private sendCursor(): void {
    if (this.phase !== 'open' || !this.transport.isReady) return;
    const sel = this.host.state.selection.main;
    const at = this.toSynced(sel.anchor, sel.head);
    const key = `${at.version}:${at.anchor}:${at.head}`;
    if (key === this.lastCursor) return;
    this.lastCursor = key;
    this.lastCursorAt = this.now();
    this.transport
      .request<'cursor'>({ type: 'cursor', proposal: this.proposal, section: this.section, ...at })
      .catch(() => {});
  }

  /** Draws the others' selections that can be placed in this document. */
  private showPeers(): void {
    if (!this.live) return;
    const peers: PeerMark[] = [];
    if (this.phase === 'open') {
      for (const e of this.editors) {
        if (e.member === this.self || e.anchor === null || e.head === null) continue;
        const anchor = this.fromVersion(e.anchor, e.version, 1, e.member);
        const head = this.fromVersion(e.head, e.version, 1, e.member);
        if (anchor === null || head === null) continue;
        peers.push({ member: e.member, name: e.name, anchor, head, moved: `${e.version}:${e.anchor}:${e.head}` });
      }
    }
    this.host.dispatch(this.host.state.update({ effects: setPeers.of(peers) }));
  }

  // ---------------------------------------------------------------------------------------
  // Storage

  private recover(): void {
    const entry = claimSection(this.storage, this.storageKey, this.tabId, this.now());
    if (entry === null) return;
    try {
      const synced = docOf(entry.text);
      const changes: Unconfirmed[] = [];
      let length = synced.length;
      entry.unconfirmed.forEach((json, i) => {
        const c = ChangeSet.fromJSON(json);
        if (c.length !== length) throw new RangeError('stored edit does not fit');
        length = c.newLength;
        changes.push({ changes: c, continues: entry.continues?.[i] === true });
      });
      this.synced = synced;
      this.live = true;
      this.rebuild(synced, entry.version, entry.clientID, changes);
    } catch {
      dropSection(this.storage, this.storageKey, entry.clientID);
      this.synced = Text.empty;
      this.live = false;
      this.host.setState(placeholderState());
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null || this.phase === 'closed') return;
    this.saveTimer = this.timers.set(() => {
      this.saveTimer = null;
      this.saveNow();
    }, SAVE_DELAY_MS);
  }

  /** Writes the unconfirmed edits (or removes the entry when there are none). */
  saveNow(): void {
    this.clearTimer('saveTimer');
    if (!this.live || this.phase === 'closed') return;
    const state = this.host.state;
    const clientID = getClientID(state);
    const unconfirmed = sendableUpdates(state);
    if (unconfirmed.length === 0) {
      dropSection(this.storage, this.storageKey, clientID);
      this.clearTimer('heartbeatTimer');
      return;
    }
    saveSection(this.storage, this.storageKey, {
      clientID,
      version: getSyncedVersion(state),
      text: this.synced.toString(),
      unconfirmed: unconfirmed.map((u) => u.changes.toJSON() as StoredChange),
      continues: unconfirmed.map((u) => u.continues),
      owner: this.tabId,
      at: this.now(),
    });
    if (this.heartbeatTimer === null) {
      this.heartbeatTimer = this.timers.set(() => {
        this.heartbeatTimer = null;
        this.saveNow();
      }, HEARTBEAT_MS);
    }
  }

  // ---------------------------------------------------------------------------------------

  private unconfirmedDesc(): ChangeDesc | null {
    if (!this.live) return null;
    const list = sendableUpdates(this.host.state);
    if (list.length === 0) return null;
    return list.slice(1).reduce<ChangeDesc>((d, u) => d.composeDesc(u.changes.desc), list[0].changes.desc);
  }

  /** The text length at `version` (known for the synced version and the recent ones). */
  private lengthAt(version: number): number {
    let len = this.synced.length;
    for (let i = this.recent.length - 1; i >= 0 && this.recent[i].version > version; i--) {
      len = this.recent[i].changes.length;
    }
    return len;
  }

  /** Forgets the push in flight: its answer will be ignored. */
  private dropPush(): void {
    if (!this.pushing) return;
    this.pushing = false;
    this.pushes++;
    this.clearTimer('pushTimeout');
  }

  private clearTimer(name: TimerName): void {
    const t = this[name];
    if (t !== null) this.timers.clear(t);
    this[name] = null;
  }

  private computeStatus(): SyncStatus {
    const online = this.transport.isReady;
    const unsaved = this.unsaved;
    let save: SaveState;
    if (!this.live) save = 'loading';
    else if (!unsaved) save = 'saved';
    else if (this.held !== null) save = 'held';
    else if (online && (this.phase === 'open' || this.phase === 'opening')) save = 'saving';
    else save = 'unsaved';
    return {
      save,
      online,
      problem: this.problem,
      editors: this.editors,
      length: this.live ? this.host.state.doc.length : 0,
      version: this.live ? getSyncedVersion(this.host.state) : 0,
    };
  }

  private emit(): void {
    const next = this.computeStatus();
    const prev = this.statusValue;
    if (
      prev !== undefined &&
      prev.save === next.save &&
      prev.online === next.online &&
      prev.problem === next.problem &&
      prev.editors === next.editors &&
      prev.length === next.length &&
      prev.version === next.version
    ) {
      return;
    }
    this.statusValue = next;
    for (const l of [...this.listeners]) l(next);
  }
}

type StoredChange = SectionUpdate['changes'];

/** An unconfirmed update to re-apply, with the flag it was made with. */
interface Unconfirmed {
  changes: ChangeSet;
  continues: boolean;
}

/**
 * How a writer's caret moves through an update made by `member` that inserts at it: past the
 * writer's own text (1), before anyone else's (-1). The server maps a push's selection so too.
 */
export function caretAssoc(member: number | null, writer: number): -1 | 1 {
  return member === writer ? 1 : -1;
}

/**
 * The single change that turns `doc` into `text`: the part between their common prefix and
 * suffix is replaced. Null when they are equal.
 */
export function replacementChange(doc: Text, text: string): { from: number; to: number; insert: string } | null {
  const current = doc.toString();
  if (current === text) return null;
  let start = 0;
  const max = Math.min(current.length, text.length);
  while (start < max && current.charCodeAt(start) === text.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && current.charCodeAt(current.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) {
    end++;
  }
  // Never split a surrogate pair.
  if (start > 0 && isHighSurrogate(current.charCodeAt(start - 1))) start--;
  if (end > 0 && isLowSurrogate(current.charCodeAt(current.length - end))) end--;
  return { from: start, to: current.length - end, insert: text.slice(start, text.length - end) };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A cursor at the end of the text (for tests and the view's first focus). */
export function selectionAtEnd(state: EditorState): EditorSelection {
  return EditorSelection.single(state.doc.length);
}
