/**
 * What a section editor draws on top of its text: the other people's cursors and selections
 * (coloured, with a name label), and the passage of the comment in focus.
 *
 * Both are state fields whose positions are in the editor's own document: they are set by an
 * effect (the section sync maps server positions into the document first) and then follow
 * every change by themselves. Pure CodeMirror state; the view only draws them.
 */
import type { EditorState, Extension, Range } from '@codemirror/state';
import { StateEffect, StateField } from '@codemirror/state';
import type { DecorationSet } from '@codemirror/view';
import { Decoration, EditorView, WidgetType } from '@codemirror/view';
import type { SectionEditor } from '../protocol';

/** How many distinct colours peers get (classes cm-peer--0 … cm-peer--7). */
export const PEER_COLOURS = 8;

/** A stable colour for a member. */
export function peerColour(member: number): number {
  return ((member % PEER_COLOURS) + PEER_COLOURS) % PEER_COLOURS;
}

/** Another person's selection, in this document. */
export interface PeerMark {
  member: number;
  name: string;
  anchor: number;
  head: number;
  /**
   * Changes whenever the person moves or types (their last reported place): the name label
   * is shown again then, and fades after a few seconds of stillness so that it does not keep
   * covering the line above.
   */
  moved?: string;
}

export const setPeers = StateEffect.define<PeerMark[]>();

function clamp(pos: number, state: EditorState): number {
  return Math.max(0, Math.min(state.doc.length, pos));
}

export const peersField = StateField.define<PeerMark[]>({
  create: () => [],
  update(value, tr) {
    for (const e of tr.effects) {
      if (e.is(setPeers)) {
        return e.value.map((p) => ({ ...p, anchor: clamp(p.anchor, tr.state), head: clamp(p.head, tr.state) }));
      }
    }
    if (!tr.docChanged || value.length === 0) return value;
    return value.map((p) => ({ ...p, anchor: tr.changes.mapPos(p.anchor), head: tr.changes.mapPos(p.head) }));
  },
});

class PeerCaret extends WidgetType {
  constructor(
    readonly name: string,
    readonly colour: number,
    readonly moved: string,
  ) {
    super();
  }
  eq(other: PeerCaret): boolean {
    // A new element (its label shown again) only when the person moved or typed.
    return other.name === this.name && other.colour === this.colour && other.moved === this.moved;
  }
  toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = `cm-peer-caret cm-peer--${this.colour}`;
    caret.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'cm-peer-label';
    label.textContent = this.name;
    caret.appendChild(label);
    return caret;
  }
  ignoreEvent(): boolean {
    return true;
  }
}

function peerDecorations(peers: readonly PeerMark[]): DecorationSet {
  const ranges: Range<Decoration>[] = [];
  for (const p of peers) {
    const colour = peerColour(p.member);
    const from = Math.min(p.anchor, p.head);
    const to = Math.max(p.anchor, p.head);
    if (from < to) ranges.push(Decoration.mark({ class: `cm-peer-selection cm-peer--${colour}` }).range(from, to));
    ranges.push(Decoration.widget({ widget: new PeerCaret(p.name, colour, p.moved ?? ''), side: 1 }).range(p.head));
  }
  return Decoration.set(ranges, true);
}

/** The passage of the comment in focus, or null. */
export interface FocusedPassage {
  from: number;
  to: number;
}

export const setFocusedPassage = StateEffect.define<FocusedPassage | null>();

export const focusedPassageField = StateField.define<FocusedPassage | null>({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setFocusedPassage)) return e.value;
    if (value === null || !tr.docChanged) return value;
    const from = tr.changes.mapPos(value.from, 1);
    const to = tr.changes.mapPos(value.to, -1);
    return from < to ? { from, to } : null;
  },
});

const passageMark = Decoration.mark({ class: 'cm-comment-passage' });

/** The fields and their drawing, for every section editor's state. */
export function decorationsExtension(): Extension {
  return [
    peersField,
    EditorView.decorations.from(peersField, (peers) => peerDecorations(peers)),
    focusedPassageField,
    EditorView.decorations.from(focusedPassageField, (p) =>
      p === null || p.from >= p.to ? Decoration.none : Decoration.set([passageMark.range(p.from, p.to)]),
    ),
  ];
}

/**
 * The marks of the others in a section whose selections can be placed in this document:
 * everyone but `self` with a cursor, each position mapped by `place` from the text at its
 * version (null: not placeable here).
 */
export function peerMarks(
  editors: readonly SectionEditor[],
  self: number | null,
  place: (pos: number, version: number, member: number) => number | null,
): PeerMark[] {
  const peers: PeerMark[] = [];
  for (const e of editors) {
    if (e.member === self || e.anchor === null || e.head === null) continue;
    const anchor = place(e.anchor, e.version, e.member);
    const head = place(e.head, e.version, e.member);
    if (anchor === null || head === null) continue;
    peers.push({ member: e.member, name: e.name, anchor, head, moved: `${e.version}:${e.anchor}:${e.head}` });
  }
  return peers;
}
