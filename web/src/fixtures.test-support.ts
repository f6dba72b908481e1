/**
 * Test fixtures shared by the unit tests: an event, members, ideas and comments with sensible defaults.
 * Used by *.test.ts only; not part of the app bundle.
 */
import type { Comment, EventInfo, Idea, Limits, Member } from './protocol';

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

/** The limits a current server sends (docs/protocol.md, "limits"). */
export const TEST_LIMITS: Limits = {
  eventTitle: 120,
  trackName: 60,
  trackDescription: 1000,
  tracks: 20,
  name: 60,
  organisation: 100,
  idea: 1000,
  announcement: 280,
  clusterName: 60,
  tableName: 60,
  roundTitle: 120,
  phases: 30,
  phaseTitle: 60,
  phaseMinutes: 600,
  templateSections: 12,
  heading: 80,
  hint: 300,
  proposalTitle: 120,
  sectionChars: 20000,
  comment: 2000,
  quote: 300,
  reportTitle: 200,
  subtitle: 200,
  date: 40,
  reportText: 20000,
  chapters: 20,
  chapterTitle: 120,
  chapterIntro: 2000,
  reportProposals: 100,
  groups: 20,
  groupLabel: 60,
  groupCode: 32,
};
