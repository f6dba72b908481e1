/**
 * What one `push` carries: the first unconfirmed updates, within the protocol's bounds of a
 * push, and the selection in the text after them. Pure.
 */
import type { EditorState } from '@codemirror/state';
import type { SectionSelection, SectionUpdate } from '../protocol';
import type { CollabUpdate } from './collabState';
import { composedDesc, inserted } from './sectionText';

/** One push holds at most this many updates (fixed by the protocol: docs/protocol.md, `push`)… */
export const MAX_PUSH_UPDATES = 100;
/** …and inserts at most this many characters. */
export const MAX_PUSH_INSERT = 20_000;

export interface PushBatch {
  updates: SectionUpdate[];
  /** The selection in the text after the pushed updates. */
  selection: SectionSelection;
}

/**
 * The next push of `sendable` (the unconfirmed updates of `state`, in order), or null when
 * there is nothing to send. At least one update goes, however large.
 */
export function nextPushBatch(state: EditorState, sendable: readonly CollabUpdate[]): PushBatch | null {
  if (sendable.length === 0) return null;
  const updates: SectionUpdate[] = [];
  let chars = 0;
  for (const u of sendable) {
    const n = inserted(u.changes);
    if (updates.length > 0 && (updates.length >= MAX_PUSH_UPDATES || chars + n > MAX_PUSH_INSERT)) break;
    const update: SectionUpdate = { clientID: u.clientID, changes: u.changes.toJSON() as SectionUpdate['changes'] };
    if (u.continues) update.continues = true;
    updates.push(update);
    chars += n;
  }
  // The selection in the text after the pushed updates (the server carries it over what
  // others did meanwhile, so that it stays at the end of this writer's own text).
  const sel = state.selection.main;
  const back = composedDesc(sendable.slice(updates.length))?.invertedDesc ?? null;
  const selection: SectionSelection =
    back === null
      ? { anchor: sel.anchor, head: sel.head }
      : { anchor: back.mapPos(sel.anchor, -1), head: back.mapPos(sel.head, -1) };
  return { updates, selection };
}
