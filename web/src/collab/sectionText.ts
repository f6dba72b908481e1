/**
 * Small pure helpers over a section's text and its changes: the text of a string, what a
 * change inserts, the one change between two texts, how a writer's caret moves.
 */
import type { ChangeDesc, ChangeSet } from '@codemirror/state';
import { Text } from '@codemirror/state';

/** A CodeMirror text of a string. */
export function docOf(text: string): Text {
  return Text.of(text.split('\n'));
}

/** How many characters a change inserts. */
export function inserted(changes: ChangeSet): number {
  let n = 0;
  changes.iterChanges((_fa, _ta, _fb, _tb, text) => {
    n += text.length;
  });
  return n;
}

/** Whether two change sets make the same change. */
export function sameChanges(a: ChangeSet, b: ChangeSet): boolean {
  return JSON.stringify(a.toJSON()) === JSON.stringify(b.toJSON());
}

/** The changes one after another as one description; null for none. */
export function composedDesc(changes: readonly { changes: ChangeSet }[]): ChangeDesc | null {
  if (changes.length === 0) return null;
  return changes.slice(1).reduce<ChangeDesc>((d, u) => d.composeDesc(u.changes.desc), changes[0].changes.desc);
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
