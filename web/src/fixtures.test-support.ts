/**
 * Test fixtures shared by the unit tests: an event, members, ideas and comments with sensible defaults.
 * Used by *.test.ts only; not part of the app bundle.
 */
import type { Comment, EventInfo, Idea, Member } from './protocol';

/** An event with two tracks, 1 Skills and 2 Public sector. */
export function eventInfo(title = 'AI & the Future of Work'): EventInfo {
  return {
    id: 1,
    code: 'K7QX2M',
    title,
    createdAt: 1,
    tracks: [
      { id: 1, name: 'Skills', description: '' },
      { id: 2, name: 'Public sector', description: '' },
    ],
  };
}

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

/** A comment on the whole of proposal 4, by Jan. */
export function comment(id: number, over: Partial<Comment> = {}): Comment {
  return {
    id,
    proposal: 4,
    section: null,
    from: null,
    to: null,
    version: null,
    quote: null,
    parent: null,
    text: `c${id}`,
    author: { id: 9, name: 'Jan', organisation: '' },
    at: 1000 + id,
    resolved: false,
    ...over,
  };
}
