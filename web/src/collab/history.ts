/**
 * A section's history: every accepted update from `section_history`, the text at any
 * version rebuilt from the empty text, and a word diff of an old text against the current
 * one. Restoring is not here: it is an ordinary local edit through the section sync
 * (SectionSync.replaceText), so history is never rewritten.
 */
import { ChangeSet, Text } from '@codemirror/state';
import { diffLines, diffWordsWithSpace } from 'diff';
import type { HistoryUpdate, ResultOf } from '../protocol';

/** Pages fetched at most (200 updates each): a safety net against a server that says `more` forever. */
const MAX_PAGES = 500;

export type HistoryRequest = (from: number) => Promise<ResultOf['section_history']>;

/**
 * Every accepted update of a section, oldest first: asks from version 0 and again from the
 * last version received while the answer says `more`. An update at or below a version
 * already received is skipped (whether `from` is inclusive or not, nothing counts twice).
 */
export async function fetchHistory(request: HistoryRequest): Promise<HistoryUpdate[]> {
  const out: HistoryUpdate[] = [];
  let from = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await request(from);
    const updates = Array.isArray(result?.updates) ? result.updates : [];
    for (const u of updates)
      if (u.version > from && (out.length === 0 || u.version > out[out.length - 1].version)) out.push(u);
    const last = out.length > 0 ? out[out.length - 1].version : 0;
    if (!result?.more || last === from) break;
    from = last;
  }
  return out;
}

/**
 * The texts of a section at each version of its history. Texts are built once, lazily, from
 * the empty text (CodeMirror's Text shares structure, so keeping them all is cheap).
 */
export class HistoryTexts {
  private readonly texts: Text[] = [Text.empty];
  private broken = false;

  constructor(readonly updates: readonly HistoryUpdate[]) {}

  /** The newest version the history reaches. */
  get latest(): number {
    return this.updates.length > 0 ? this.updates[this.updates.length - 1].version : 0;
  }

  /**
   * The text at `version` (0: empty), or null when the history does not reach it or an
   * update does not fit the text before it.
   */
  textAt(version: number): Text | null {
    if (version < 0) return null;
    while (this.texts.length <= version && !this.broken) {
      const i = this.texts.length - 1;
      const u = this.updates[i];
      if (!u || u.version !== i + 1) {
        this.broken = true;
        break;
      }
      try {
        const changes = ChangeSet.fromJSON(u.changes);
        const before = this.texts[i];
        if (changes.length !== before.length) throw new RangeError('does not fit');
        this.texts.push(changes.apply(before));
      } catch {
        this.broken = true;
      }
    }
    return this.texts[version] ?? null;
  }
}

export interface DiffPart {
  text: string;
  kind: 'same' | 'removed' | 'added';
}

/**
 * A side-by-side diff of `older` against `newer`, by words (whitespace kept): `left` is the
 * older text with what is gone marked `removed`, `right` the newer one with what is new
 * marked `added`. Very different long texts fall back to a line diff.
 */
export function sideBySide(older: string, newer: string): { left: DiffPart[]; right: DiffPart[] } {
  const changes = diffWordsWithSpace(older, newer, { timeout: 400 }) ?? diffLines(older, newer);
  const left: DiffPart[] = [];
  const right: DiffPart[] = [];
  for (const c of changes) {
    if (c.added) right.push({ text: c.value, kind: 'added' });
    else if (c.removed) left.push({ text: c.value, kind: 'removed' });
    else {
      left.push({ text: c.value, kind: 'same' });
      right.push({ text: c.value, kind: 'same' });
    }
  }
  return { left, right };
}
