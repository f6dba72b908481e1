/**
 * One section's text as this editor has it: the editor state (in an EditorHost), the server's
 * text at the synced version and the last accepted updates, with the steps that change them: a
 * fresh text, accepted updates received one at a time (repaired when an own update comes back
 * other than it was sent), unconfirmed edits re-applied from storage, and the mapping of
 * positions between versions. It sends nothing: SectionSync decides what and when. Every
 * transaction goes through the host, which reports it (`afterTransactions`).
 */
import type { ChangeDesc, EditorSelection, EditorState, TransactionSpec } from '@codemirror/state';
import { Annotation, Text, Transaction } from '@codemirror/state';
import type { SectionUpdate } from '../protocol';
import type { CollabUpdate } from './collabState';
import { continuesAnnotation, getClientID, getSyncedVersion, receiveUpdate, sendableUpdates } from './collabState';
import type { EditorHost } from './editorHost';
import { MemoryHost, placeholderState } from './editorHost';
import type { StoredSection } from './persist';
import { RecentUpdates } from './recentUpdates';
import type { Unconfirmed } from './sectionState';
import { readAccepted, repairedEdits, storedEdits, storedEntry } from './sectionState';
import { composedDesc, docOf, replacementChange, sameChanges } from './sectionText';

/** Marks the transactions made from stored or restored text (not the user's moves). */
export const recovered = Annotation.define<boolean>();

/**
 * What `receive` did: `applied` the updates, found them all `known` already, found a `gap`
 * (they start after the synced version), or found them `bad` (they do not fit the text).
 */
export type Received = 'applied' | 'known' | 'gap' | 'bad';

export class LocalText {
  private host: EditorHost;
  /** Whether the host holds a state made here (with the collab extension). */
  private live = false;
  /** The text at the synced version (the server's text as far as we know it). */
  private synced: Text = Text.empty;
  /** The last received updates, to map positions from older versions. */
  private readonly recent = new RecentUpdates();

  /**
   * `createState` makes a section's state (sectionState with the sync's settings);
   * `afterTransactions` is told of every transaction of a host in memory.
   */
  constructor(
    private readonly createState: (doc: Text, version: number, clientID: string) => EditorState,
    private readonly afterTransactions: (trs: readonly Transaction[]) => void,
  ) {
    this.host = this.memoryHost(placeholderState());
  }

  private memoryHost(state: EditorState): MemoryHost {
    const host = new MemoryHost(state);
    host.onTransactions = (trs) => this.afterTransactions(trs);
    return host;
  }

  /** The state being edited (a placeholder until the section is first loaded). */
  get state(): EditorState {
    return this.host.state;
  }

  /** Whether the section's text is here. */
  get hasText(): boolean {
    return this.live;
  }

  /** Whether edits are unconfirmed. */
  get unsaved(): boolean {
    return this.live && sendableUpdates(this.host.state).length > 0;
  }

  /** The synced version (0 without text). */
  get version(): number {
    return this.live ? getSyncedVersion(this.host.state) : 0;
  }

  get clientID(): string {
    return getClientID(this.host.state);
  }

  /** The synced text (the server's text at the synced version). */
  get syncedText(): string {
    return this.synced.toString();
  }

  /** Moves the state to another host; the new host gets the current state. */
  setHost(host: EditorHost): void {
    if (this.live) host.setState(this.host.state);
    this.host = host;
  }

  /** Leaves the view: the state goes on in memory. */
  releaseHost(): void {
    this.host = this.memoryHost(this.host.state);
  }

  /** Applies one transaction made of `spec` to the current state. */
  update(spec: TransactionSpec): void {
    this.host.dispatch(this.host.state.update(spec));
  }

  /** A fresh state from the server's text; the unconfirmed edits are gone (same clientID if any). */
  fresh(version: number, text: string, newClientId: () => string): void {
    this.synced = docOf(text);
    this.recent.clear();
    const clientID = this.live ? getClientID(this.host.state) : newClientId();
    this.host.setState(this.createState(this.synced, version, clientID));
    this.live = true;
  }

  /** Drops the unconfirmed edits: the synced text again, under the new `clientID`. */
  startOver(clientID: string): void {
    if (this.live) this.host.setState(this.createState(this.synced, getSyncedVersion(this.host.state), clientID));
  }

  /** The text is no longer taken as current: the next open starts from the server's. */
  forget(): void {
    this.live = false;
  }

  /**
   * Continues from a stored entry: its synced text with its unconfirmed edits re-applied.
   * False (and nothing here) when the entry does not fit.
   */
  restore(entry: StoredSection): boolean {
    try {
      const { synced, unconfirmed } = storedEdits(entry);
      this.synced = synced;
      this.live = true;
      this.rebuild(synced, entry.version, entry.clientID, unconfirmed);
      return true;
    } catch {
      this.synced = Text.empty;
      this.live = false;
      this.host.setState(placeholderState());
      return false;
    }
  }

  /** What to store of the unconfirmed edits, or null when nothing is unconfirmed. */
  entry(owner: string, at: number): StoredSection | null {
    return storedEntry(this.host.state, this.synced, owner, at);
  }

  /** Applies the accepted updates that start at `version`, skipping those already applied. */
  receive(version: number, updates: readonly SectionUpdate[]): Received {
    const synced = getSyncedVersion(this.host.state);
    const skip = synced - version;
    if (skip < 0) return 'gap';
    if (skip >= updates.length) return 'known';
    let fresh;
    try {
      fresh = readAccepted(this.synced, updates.slice(skip));
    } catch {
      return 'bad';
    }
    fresh.forEach((a, i) => this.recent.push(synced + i + 1, a.update.changes, a.member));
    this.recent.trim();
    const own = getClientID(this.host.state);
    let before = this.synced;
    // One update at a time: the server rebases a late push over each accepted update in turn
    // (docs/protocol.md), and receiving in the same steps keeps this editor's text equal to
    // the server's whatever the batching. Should an own update still differ from the
    // unconfirmed one it confirms, the editor is rebuilt on the server's text (repair).
    for (const { update, doc } of fresh) {
      if (update.clientID === own && !this.matchesUnconfirmed([update])) this.repair(before, doc, 1);
      else this.host.dispatch(receiveUpdate(this.host.state, update));
      before = doc;
    }
    this.synced = fresh[fresh.length - 1].doc;
    return 'applied';
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

  /** Rebuilds the editor on the server's text after a run of `count` own updates (repairedEdits). */
  private repair(before: Text, after: Text, count: number): void {
    const r = repairedEdits(this.host.state, before, count, after);
    this.rebuild(after, r.version, r.clientID, r.unconfirmed, r.selection);
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
      this.update({
        changes,
        annotations: [recovered.of(true), Transaction.addToHistory.of(false), continuesAnnotation.of(continues)],
        filter: false,
      });
    }
    if (selection && selection.ranges.every((r) => r.to <= this.host.state.doc.length)) {
      this.update({ selection, annotations: recovered.of(true) });
    }
  }

  /**
   * Replaces the whole text with `text` as one local edit: the smallest single change from the
   * current text; false when they are equal (or there is no text).
   */
  replaceText(text: string): boolean {
    if (!this.live) return false;
    const spec = replacementChange(this.host.state.doc, text);
    if (spec === null) return false;
    this.update({ changes: spec, userEvent: 'input.restore', filter: false });
    return true;
  }

  /**
   * The selection (or any range) in the text at the synced version: where the server, and
   * other people, can place it. Local positions inside unconfirmed insertions move to their
   * edge.
   */
  toSynced(anchor: number, head: number): { version: number; anchor: number; head: number } {
    const back = this.unconfirmedDesc()?.invertedDesc ?? null;
    const version = this.version;
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
    if (version < synced && version < this.recent.oldest(synced)) return null;
    if (pos < 0 || pos > this.recent.lengthAt(version, this.synced.length)) return null;
    const p = this.recent.map(pos, version, assoc, writer);
    const ahead = this.unconfirmedDesc();
    return ahead === null ? p : ahead.mapPos(p, writer === null ? assoc : -1);
  }

  private unconfirmedDesc(): ChangeDesc | null {
    return this.live ? composedDesc(sendableUpdates(this.host.state)) : null;
  }
}
