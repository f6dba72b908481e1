/**
 * The editor state of a section and the pure steps the sync takes on it: a fresh state, the
 * accepted updates read against the synced text, an own run the server rebased differently
 * (repair), and the unconfirmed edits as stored and restored (persist.ts).
 */
import type { EditorSelection, Extension } from '@codemirror/state';
import { ChangeSet, EditorState } from '@codemirror/state';
import type { Text } from '@codemirror/state';
import type { SectionUpdate } from '../protocol';
import type { CollabUpdate } from './collabState';
import { collab, getClientID, getSyncedVersion, sendableUpdates, splitsSurrogatePair } from './collabState';
import { decorationsExtension } from './decorations';
import type { StoredSection } from './persist';
import { docOf, replacementChange } from './sectionText';

/** An unconfirmed update to re-apply, with the flag it was made with. */
export interface Unconfirmed {
  changes: ChangeSet;
  continues: boolean;
}

/**
 * A section's editor state on `doc` at `version`: the collab state, the peers' marks, the
 * length limit (`maxLength`, read at each edit; null: none known) and no split surrogate
 * pairs, then the view's `extensions`.
 */
export function sectionState(
  doc: Text,
  version: number,
  clientID: string,
  maxLength: () => number | null,
  extensions: Extension,
): EditorState {
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
      extensions,
    ],
  });
}

/** One accepted update read against the text before it. */
export interface Accepted {
  update: CollabUpdate;
  /** The server's text after it. */
  doc: Text;
  /** Who made it, when the server said. */
  member: number | null;
}

/**
 * Reads accepted updates one after another from the text `synced`; throws a RangeError when
 * one does not fit the text before it (or is not ChangeSet JSON).
 */
export function readAccepted(synced: Text, updates: readonly SectionUpdate[]): Accepted[] {
  const out: Accepted[] = [];
  let doc = synced;
  for (const u of updates) {
    const changes = ChangeSet.fromJSON(u.changes);
    if (changes.length !== doc.length) throw new RangeError('update does not fit the text');
    doc = changes.apply(doc);
    out.push({
      update: { changes, clientID: u.clientID, continues: u.continues === true },
      doc,
      member: typeof u.member === 'number' ? u.member : null,
    });
  }
  return out;
}

/**
 * The state to rebuild after a run of `count` own updates that differ from the unconfirmed
 * ones they confirm: the server's text `after`, with the remaining unconfirmed updates mapped
 * over the difference between what this editor believed the run produced and what the server
 * made of it (`before` is the server's text before the run), and the selection mapped too.
 */
export function repairedEdits(
  state: EditorState,
  before: Text,
  count: number,
  after: Text,
): { version: number; clientID: string; unconfirmed: Unconfirmed[]; selection: EditorSelection } {
  const sendable = sendableUpdates(state);
  const k = Math.min(count, sendable.length);
  let believed = before;
  for (const u of sendable.slice(0, k)) believed = u.changes.apply(believed);
  const spec = replacementChange(believed, after.toString());
  let diff = ChangeSet.of(spec === null ? [] : [spec], believed.length);
  const unconfirmed: Unconfirmed[] = [];
  for (const r of sendable.slice(k)) {
    unconfirmed.push({ changes: r.changes.map(diff), continues: r.continues });
    diff = diff.map(r.changes, true);
  }
  // `diff` now turns the editor's text into the server's text with the mapped updates.
  return {
    version: getSyncedVersion(state) + count,
    clientID: getClientID(state),
    unconfirmed,
    selection: state.selection.map(diff),
  };
}

/** The synced text and the unconfirmed edits of a stored entry; throws when one does not fit. */
export function storedEdits(entry: StoredSection): { synced: Text; unconfirmed: Unconfirmed[] } {
  const synced = docOf(entry.text);
  const unconfirmed: Unconfirmed[] = [];
  let length = synced.length;
  entry.unconfirmed.forEach((json, i) => {
    const c = ChangeSet.fromJSON(json);
    if (c.length !== length) throw new RangeError('stored edit does not fit');
    length = c.newLength;
    unconfirmed.push({ changes: c, continues: entry.continues?.[i] === true });
  });
  return { synced, unconfirmed };
}

/** The entry to store for `state` (synced text `synced`), or null when nothing is unconfirmed. */
export function storedEntry(state: EditorState, synced: Text, owner: string, at: number): StoredSection | null {
  const unconfirmed = sendableUpdates(state);
  if (unconfirmed.length === 0) return null;
  return {
    clientID: getClientID(state),
    version: getSyncedVersion(state),
    text: synced.toString(),
    unconfirmed: unconfirmed.map((u) => u.changes.toJSON() as SectionUpdate['changes']),
    continues: unconfirmed.map((u) => u.continues),
    owner,
    at,
  };
}
