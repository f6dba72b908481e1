/**
 * The last accepted updates of a section, kept to map positions from older versions (others'
 * cursors, comment passages) into the synced text.
 */
import type { ChangeSet } from '@codemirror/state';
import { caretAssoc } from './sectionText';

/** Updates kept to map others' cursors and comment passages from older versions. */
export const RECENT_UPDATES = 500;

interface Recent {
  /** The version after the update. */
  version: number;
  changes: ChangeSet;
  /** Who made it, when the server said. */
  member: number | null;
}

export class RecentUpdates {
  private list: Recent[] = [];

  /** Forgets every update (a fresh text). */
  clear(): void {
    this.list = [];
  }

  /** Adds the update that made `version`. */
  push(version: number, changes: ChangeSet, member: number | null): void {
    this.list.push({ version, changes, member });
  }

  /** Forgets the updates after `version` (those of a batch that did not fit). */
  dropAfter(version: number): void {
    this.list = this.list.filter((r) => r.version <= version);
  }

  /** Keeps the last RECENT_UPDATES. */
  trim(): void {
    if (this.list.length > RECENT_UPDATES) this.list = this.list.slice(-RECENT_UPDATES);
  }

  /** The oldest version positions can be mapped from, given the synced version. */
  oldest(synced: number): number {
    return this.list.length > 0 ? this.list[0].version - 1 : synced;
  }

  /**
   * Maps `pos` in the text at `version` through the updates after it, into the synced text.
   * With `writer`, the position is that member's caret (see caretAssoc); else insertions at it
   * go before (`assoc` 1) or after (-1).
   */
  map(pos: number, version: number, assoc: -1 | 1, writer: number | null): number {
    let p = pos;
    for (const r of this.list) {
      if (r.version > version) p = r.changes.mapPos(p, writer === null ? assoc : caretAssoc(r.member, writer));
    }
    return p;
  }

  /** The text's length at `version`, from the synced text's length (`syncedLength`). */
  lengthAt(version: number, syncedLength: number): number {
    let len = syncedLength;
    for (let i = this.list.length - 1; i >= 0 && this.list[i].version > version; i--) {
      len = this.list[i].changes.length;
    }
    return len;
  }
}
