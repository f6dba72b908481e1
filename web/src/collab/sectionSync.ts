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
 * The parts: localText.ts holds the editor's state and the server's text (receiving, repair,
 * positions), pushBatch.ts makes a push, cursorSender.ts paces `cursor`, sectionState.ts has
 * the pure steps over the state and what is stored; this class decides what is sent and when.
 *
 * All outside access (the connection, storage, timers, clock, randomness, the editor view)
 * is injected. Methods run on the browser's event loop; none may be called re-entrantly
 * from an EditorHost's dispatch except `afterTransactions`.
 */
import type { EditorState } from '@codemirror/state';
import { Transaction } from '@codemirror/state';
import type { SectionHandler, Timers } from '../connection';
import { CommandError } from '../connection';
import type {
  ResultOf,
  SectionEditor,
  SectionPresenceMessage,
  SectionUpdate,
  SectionUpdatesMessage,
} from '../protocol';
import { sendableUpdates } from './collabState';
import { CursorSender } from './cursorSender';
import { peerMarks, setPeers } from './decorations';
import type { EditorHost } from './editorHost';
import { LocalText, recovered } from './localText';
import { NamedTimers } from './namedTimers';
import { claimSection, dropSection, HEARTBEAT_MS, saveSection } from './persist';
import { nextPushBatch } from './pushBatch';
import { sectionState } from './sectionState';
import type { SectionSyncOptions, SyncProblem, SyncStatus } from './syncTypes';
import {
  PUSH_DELAY_MS,
  PUSH_TIMEOUT_MS,
  RETRY_MS,
  sameStatus,
  SAVE_DELAY_MS,
  STREAM_WAIT_MS,
  syncStatus,
} from './syncTypes';

const DROP_ON: ReadonlySet<string> = new Set(['bad_value', 'too_large', 'forbidden']);
const RETRY_ON: ReadonlySet<string> = new Set(['rate_limited', 'storage_failed', 'shutting_down']);

const defaultTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

function randomClientId(): string {
  return Math.floor(Math.random() * 2 ** 48).toString(36) + Math.floor(Math.random() * 2 ** 24).toString(36);
}

/** The options of a SectionSync with their defaults. */
type Settings = Required<Omit<SectionSyncOptions, 'timers'>>;

type Phase = 'idle' | 'opening' | 'open' | 'closed';

/**
 * The sync's timers: the push delay, saving, the storage heartbeat, the wait for the stream,
 * a retry, and the push answer's timeout.
 */
type TimerName = 'push' | 'save' | 'heartbeat' | 'stream' | 'retry' | 'pushTimeout';

export class SectionSync implements SectionHandler {
  // Constant after construction.
  readonly proposal: number;
  readonly section: number;
  /** The options, with their defaults. */
  private readonly o: Settings;

  /** The editor's state and the server's text it is synced to. */
  private readonly text: LocalText;
  private phase: Phase = 'idle';
  /** Counts opens, so the answer of an older one is ignored. */
  private opens = 0;
  private detach: (() => void) | null = null;
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
  private readonly cursor: CursorSender;

  private readonly timer: NamedTimers<TimerName>;

  private readonly listeners = new Set<(status: SyncStatus) => void>();
  private statusValue: SyncStatus;

  constructor(options: SectionSyncOptions) {
    this.proposal = options.proposal;
    this.section = options.section;
    const timers = options.timers ?? defaultTimers;
    this.o = {
      ...options,
      self: options.self ?? null,
      extensions: options.extensions ?? (() => []),
      maxLength: options.maxLength ?? (() => null),
      now: options.now ?? Date.now,
      newClientId: options.newClientId ?? randomClientId,
    };
    this.timer = new NamedTimers<TimerName>(timers);
    this.cursor = new CursorSender({
      open: () => this.phase === 'open',
      ready: () => this.phase === 'open' && this.o.transport.isReady,
      position: () => this.toSynced(this.state.selection.main.anchor, this.state.selection.main.head),
      send: (at) => {
        this.o.transport
          .request<'cursor'>({ type: 'cursor', proposal: this.proposal, section: this.section, ...at })
          .catch(() => {});
      },
      timers,
      now: this.o.now,
    });
    this.text = new LocalText(
      (doc, version, clientID) => sectionState(doc, version, clientID, this.o.maxLength, this.o.extensions()),
      (trs) => this.afterTransactions(trs),
    );
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
    this.detach = this.o.transport.attachSection(this.proposal, this.section, this);
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
    this.timer.clearAll();
    this.cursor.stop();
    this.detach?.();
    this.detach = null;
    if (wasOpen && this.o.transport.isReady) {
      this.o.transport
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
    this.text.setHost(host);
  }

  /** Leaves the view: the sync goes on with the state in memory. */
  releaseHost(): void {
    this.text.releaseHost();
  }

  /** The state being edited (a placeholder until the section is first loaded). */
  get state(): EditorState {
    return this.text.state;
  }

  get hasText(): boolean {
    return this.text.hasText;
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
    return this.text.unsaved;
  }

  // ---------------------------------------------------------------------------------------
  // SectionHandler (called by the connection)

  ready(): void {
    if (this.phase === 'closed' || this.held === 'not_found') return;
    this.open(this.text.hasText ? this.text.version : null);
  }

  lost(): void {
    if (this.phase === 'closed') return;
    this.phase = 'idle';
    this.dropPush();
    this.awaitVersion = 0;
    this.buffered = [];
    this.timer.clear('stream');
    this.timer.clear('retry');
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
    if (!this.text.hasText || this.phase === 'closed') return;
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
    if (moved) this.cursor.placed();
    // While typing, the push carries the selection; others map it through later updates
    // themselves, so only a move without an edit is worth a cursor message.
    if (moved && !edited) this.cursor.schedule();
    this.emit();
  }

  // ---------------------------------------------------------------------------------------
  // Commands from the view

  /**
   * Replaces the whole text with `text` as one local edit (restoring an older version): the
   * smallest single change from the current text; nothing when they are equal.
   */
  replaceText(text: string): boolean {
    return this.text.replaceText(text);
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
    return this.text.toSynced(anchor, head);
  }

  /** A position in the text at `version` in the editor's document (LocalText.fromVersion). */
  fromVersion(pos: number, version: number, assoc: -1 | 1 = -1, writer: number | null = null): number | null {
    return this.text.fromVersion(pos, version, assoc, writer);
  }

  /** The synced text (the server's text at the synced version). */
  get syncedText(): string {
    return this.text.syncedText;
  }

  // ---------------------------------------------------------------------------------------
  // Opening

  private open(version: number | null): void {
    if (this.phase === 'closed' || !this.o.transport.isReady) return;
    const n = ++this.opens;
    this.phase = 'opening';
    // The answer of a push in flight is ignored from now on; the stream tells what happened.
    this.dropPush();
    this.buffered = [];
    this.timer.clear('stream');
    this.awaitVersion = 0;
    this.emit();
    this.o.transport
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
    if (asked === null || !this.text.hasText) {
      this.text.fresh(result.version, typeof result.text === 'string' ? result.text : '', this.o.newClientId);
    } else {
      const updates = Array.isArray(result.updates) ? result.updates : [];
      if (!this.apply(asked, updates)) return;
      const synced = this.text.version;
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
    this.cursor.schedule();
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

  /**
   * Drops every unconfirmed edit and opens the section afresh (version null). With `keep`,
   * the text the user had is offered to copy, and `code` explains why.
   */
  private reset(code: string | null, keep: boolean): void {
    const lost = this.dropEdits();
    this.held = null;
    this.problem = code === null ? null : { code, dropped: true, lostText: keep ? lost : null };
    this.phase = 'idle';
    this.text.forget();
    if (this.o.transport.isReady) this.open(null);
    this.emit();
  }

  /**
   * The section is gone (its proposal was deleted): unconfirmed edits can never be saved.
   * They are dropped from the editor and storage (the text is kept for the user to copy);
   * nothing is sent any more.
   */
  private giveUp(code: string): void {
    const lost = this.dropEdits();
    this.timer.clear('push');
    this.held = code;
    this.phase = 'idle';
    this.problem = { code, dropped: lost !== null, lostText: lost };
    this.emit();
  }

  /**
   * Drops the unconfirmed edits from the editor and storage (with a new clientID: nothing of
   * the old one's can be mistaken for ours any more) and forgets the push in flight. Returns
   * the text the user had when something was unconfirmed, else null.
   */
  private dropEdits(): string | null {
    const lost = this.unsaved ? this.state.doc.toString() : null;
    if (this.text.hasText) {
      dropSection(this.o.storage, this.o.storageKey, this.text.clientID);
      this.text.startOver(this.o.newClientId());
    }
    this.dropPush();
    this.timer.clear('heartbeat');
    return lost;
  }

  // ---------------------------------------------------------------------------------------
  // Receiving

  private accept(version: number, updates: readonly SectionUpdate[]): void {
    const synced = this.text.version;
    if (version > synced) {
      // We missed something: catch up from what we have.
      this.open(synced);
      return;
    }
    if (!this.apply(version, updates)) return;
    if (this.awaitVersion !== 0 && this.text.version >= this.awaitVersion) {
      this.awaitVersion = 0;
      this.timer.clear('stream');
    }
    this.schedulePush(0);
  }

  /**
   * Applies the accepted updates that start at `version`, skipping those already applied.
   * Returns false (and opens afresh) when they do not fit the synced text.
   */
  private apply(version: number, updates: readonly SectionUpdate[]): boolean {
    const received = this.text.receive(version, updates);
    if (received === 'bad') this.reset('bad_value', true);
    if (received !== 'applied') return received === 'known';
    this.scheduleSave();
    this.showPeers();
    this.emit();
    return true;
  }

  // ---------------------------------------------------------------------------------------
  // Pushing

  private schedulePush(delay: number): void {
    if (this.phase === 'closed' || this.timer.has('push')) return;
    if (!this.unsaved) return;
    this.timer.start('push', delay, () => this.push());
  }

  private push(): void {
    if (this.phase !== 'open' || !this.o.transport.isReady || this.pushing || this.held !== null) return;
    const state = this.state;
    const version = this.text.version;
    if (this.awaitVersion > version) return;
    const batch = nextPushBatch(state, sendableUpdates(state));
    if (batch === null) return;
    this.pushing = true;
    const n = ++this.pushes;
    this.timer.start('pushTimeout', PUSH_TIMEOUT_MS, () => {
      if (n !== this.pushes || !this.pushing) return;
      this.pushes++;
      this.pushing = false;
      this.schedulePush(0);
    });
    this.emit();
    this.o.transport
      .request<'push'>({
        type: 'push',
        proposal: this.proposal,
        section: this.section,
        version,
        updates: batch.updates,
        selection: batch.selection,
      })
      .then(
        (result) => {
          if (n !== this.pushes || !this.pushing) return;
          this.timer.clear('pushTimeout');
          this.pushing = false;
          const v = typeof result?.version === 'number' ? result.version : 0;
          if (v > this.text.version) this.waitForStream(v);
          else this.schedulePush(0);
          this.emit();
        },
        (err: unknown) => {
          if (n !== this.pushes || !this.pushing) return;
          this.timer.clear('pushTimeout');
          this.pushing = false;
          this.pushFailed(err instanceof CommandError ? err.code : 'unknown');
        },
      );
  }

  /** The server is at `version`; our updates come back through the stream. */
  private waitForStream(version: number): void {
    this.awaitVersion = version;
    this.timer.start('stream', STREAM_WAIT_MS, () => {
      if (this.phase === 'open' && this.text.version < this.awaitVersion) this.open(this.text.version);
    });
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
    this.timer.start('retry', RETRY_MS, fn);
  }

  // ---------------------------------------------------------------------------------------
  // Cursor and presence

  /** Draws the others' selections that can be placed in this document. */
  private showPeers(): void {
    if (!this.text.hasText) return;
    const peers =
      this.phase === 'open'
        ? peerMarks(this.editors, this.o.self, (pos, version, member) => this.fromVersion(pos, version, 1, member))
        : [];
    this.text.update({ effects: setPeers.of(peers) });
  }

  // ---------------------------------------------------------------------------------------
  // Storage

  private recover(): void {
    const entry = claimSection(this.o.storage, this.o.storageKey, this.o.tabId, this.o.now());
    if (entry !== null && !this.text.restore(entry)) dropSection(this.o.storage, this.o.storageKey, entry.clientID);
  }

  private scheduleSave(): void {
    if (this.timer.has('save') || this.phase === 'closed') return;
    this.timer.start('save', SAVE_DELAY_MS, () => this.saveNow());
  }

  /** Writes the unconfirmed edits (or removes the entry when there are none). */
  saveNow(): void {
    this.timer.clear('save');
    if (!this.text.hasText || this.phase === 'closed') return;
    const entry = this.text.entry(this.o.tabId, this.o.now());
    if (entry === null) {
      dropSection(this.o.storage, this.o.storageKey, this.text.clientID);
      this.timer.clear('heartbeat');
      return;
    }
    saveSection(this.o.storage, this.o.storageKey, entry);
    if (!this.timer.has('heartbeat')) this.timer.start('heartbeat', HEARTBEAT_MS, () => this.saveNow());
  }

  // ---------------------------------------------------------------------------------------

  /** Forgets the push in flight: its answer will be ignored. */
  private dropPush(): void {
    if (!this.pushing) return;
    this.pushing = false;
    this.pushes++;
    this.timer.clear('pushTimeout');
  }

  private computeStatus(): SyncStatus {
    const live = this.text.hasText;
    return syncStatus({
      live,
      unsaved: this.unsaved,
      held: this.held !== null,
      online: this.o.transport.isReady,
      opened: this.phase === 'open' || this.phase === 'opening',
      problem: this.problem,
      editors: this.editors,
      length: live ? this.state.doc.length : 0,
      version: this.text.version,
    });
  }

  private emit(): void {
    const next = this.computeStatus();
    if (sameStatus(this.statusValue, next)) return;
    this.statusValue = next;
    for (const l of [...this.listeners]) l(next);
  }
}
