/**
 * Where a section's editor state lives: an EditorView while the section is shown, or a plain
 * holder in memory (tests, a section whose view has gone while edits are unconfirmed).
 */
import type { Transaction } from '@codemirror/state';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

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
