/**
 * Test fixtures shared by the unit tests: members and ideas with sensible defaults.
 * Used by *.test.ts only; not part of the app bundle.
 */
import type { Idea, Member } from './protocol';

export function member(
  id: number,
  role: Member['role'],
  track: number | null = 1,
  table: number | null = null,
): Member {
  return { id, role, name: `M${id}`, organisation: '', group: 'other', track, table, credit: true, joinedAt: 1 };
}

export function idea(id: number, over: Partial<Idea> = {}): Idea {
  return {
    id,
    track: 1,
    text: `idea ${id}`,
    author: { id: 5, name: 'Ana', organisation: 'DG CNECT' },
    createdAt: 1000 + id,
    editedAt: null,
    editedBy: null,
    hidden: false,
    pinned: false,
    mergedInto: null,
    cluster: null,
    ...over,
  };
}
