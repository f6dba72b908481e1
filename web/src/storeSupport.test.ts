/**
 * The store's part of issue 18: supporters of ideas ("this is mine too") and the pairs of
 * ideas moderators marked as not duplicates, and the support counted over merge trees.
 */
import { describe, expect, it } from 'vitest';
import type { Change, Idea } from './protocol';
import type { AppState } from './store';
import { duplicatePair, eventStateOf, initialState, isDismissedPair, reduce } from './store';
import { supportersOf, supportsIdea } from './ideaViews';
import { eventInfo, idea, member } from './fixtures.test-support';

const event = eventInfo();
const change = (c: Change) => ({ type: 'change' as const, ...c });

function snapshot(ideas: Idea[], dismissedDuplicates?: [number, number][]): AppState {
  let s = reduce(initialState, { type: 'snapshot', seq: 10, event, ideas, members: [], dismissedDuplicates });
  s = reduce(s, { type: 'you', you: member(1, 'facilitator', null) });
  return s;
}

describe('reduce: support', () => {
  const base = snapshot([idea(1, { supporters: [7] }), idea(2)]);

  it.each<[string, Change, number, number[] | undefined]>([
    ['idea_supported adds the member last', { seq: 11, kind: 'idea_supported', idea: 1, member: 9 }, 1, [7, 9]],
    [
      'on an idea without the field (an older snapshot)',
      { seq: 11, kind: 'idea_supported', idea: 2, member: 9 },
      2,
      [9],
    ],
    ['a second support of one member counts once', { seq: 11, kind: 'idea_supported', idea: 1, member: 7 }, 1, [7]],
    [
      'idea_support_withdrawn takes the member out',
      { seq: 11, kind: 'idea_support_withdrawn', idea: 1, member: 7 },
      1,
      [],
    ],
    [
      'a withdrawal of someone who did not support changes nothing',
      { seq: 11, kind: 'idea_support_withdrawn', idea: 1, member: 8 },
      1,
      [7],
    ],
  ])('%s', (_name, c, id, supporters) => {
    const s = reduce(base, change(c));
    expect(s.ideas[id]?.supporters).toEqual(supporters);
    expect(s.lastSeq).toBe(11);
    expect(base.ideas[1]?.supporters).toEqual([7]); // pure: the old state is untouched
  });

  it('a support of an idea we do not see (hidden, another track) moves only the seq', () => {
    const s = reduce(base, change({ seq: 11, kind: 'idea_supported', idea: 99, member: 9 }));
    expect(s.ideas).toBe(base.ideas);
    expect(s.lastSeq).toBe(11);
  });

  it('a replayed support is skipped', () => {
    const once = reduce(base, change({ seq: 11, kind: 'idea_support_withdrawn', idea: 1, member: 7 }));
    const again = reduce(once, change({ seq: 11, kind: 'idea_supported', idea: 1, member: 7 }));
    expect(again).toBe(once);
  });

  it('an edit of the idea brings its supporters with it', () => {
    const s = reduce(base, change({ seq: 11, kind: 'idea_edited', idea: idea(1, { text: 'x', supporters: [7, 8] }) }));
    expect(s.ideas[1]?.supporters).toEqual([7, 8]);
  });
});

describe('reduce: pairs marked as not duplicates', () => {
  it('a staff snapshot brings them, lower id first; a participant’s has none', () => {
    const s = snapshot(
      [],
      [
        [12, 40],
        [9, 3],
      ],
    );
    expect(s.dismissedDuplicates).toEqual([
      [12, 40],
      [3, 9],
    ]);
    expect(snapshot([]).dismissedDuplicates).toEqual([]);
  });

  it('duplicate_dismissed adds a pair once; duplicate_restored takes it out', () => {
    let s = snapshot([]);
    s = reduce(s, change({ seq: 11, kind: 'duplicate_dismissed', a: 12, b: 40 }));
    s = reduce(s, change({ seq: 12, kind: 'duplicate_dismissed', a: 40, b: 12 }));
    expect(s.dismissedDuplicates).toEqual([[12, 40]]);
    expect(isDismissedPair(s.dismissedDuplicates, 40, 12)).toBe(true);
    s = reduce(s, change({ seq: 13, kind: 'duplicate_dismissed', a: 3, b: 9 }));
    s = reduce(s, change({ seq: 14, kind: 'duplicate_restored', a: 12, b: 40 }));
    expect(s.dismissedDuplicates).toEqual([[3, 9]]);
    expect(isDismissedPair(s.dismissedDuplicates, 12, 40)).toBe(false);
    expect(s.lastSeq).toBe(14);
  });

  it('a deleted idea takes its pairs with it (an idea_deleted, or a member erased with their ideas)', () => {
    let s = snapshot(
      [idea(1), idea(2), idea(3), idea(4)],
      [
        [1, 2],
        [2, 3],
        [3, 4],
      ],
    );
    s = reduce(s, change({ seq: 11, kind: 'idea_deleted', idea: 2 }));
    expect(s.dismissedDuplicates).toEqual([[3, 4]]);
    s = reduce(
      s,
      change({
        seq: 12,
        kind: 'member_erased',
        member: 5,
        contributions: 'delete',
        ideas: [4],
        moved: [],
        comments: [],
        replies: [],
        proposals: [],
      }),
    );
    expect(s.dismissedDuplicates).toEqual([]);
  });

  it('the saved state keeps them (for a reload); reset forgets them', () => {
    const s = reduce(snapshot([]), change({ seq: 11, kind: 'duplicate_dismissed', a: 1, b: 2 }));
    expect(eventStateOf(s).dismissedDuplicates).toEqual([[1, 2]]);
    expect(reduce(s, { type: 'reset' }).dismissedDuplicates).toEqual([]);
  });

  it('duplicatePair puts the lower id first', () => {
    expect(duplicatePair(40, 12)).toEqual([12, 40]);
    expect(duplicatePair(12, 40)).toEqual([12, 40]);
  });
});

describe('support counted over merge trees', () => {
  // 1 ← 2 ← 3 (3 merged into 2, 2 into 1); 4 alone.
  const ideas: Record<number, Idea> = {
    1: idea(1, { supporters: [7, 8] }),
    2: idea(2, { mergedInto: 1, supporters: [8, 9] }),
    3: idea(3, { mergedInto: 2, supporters: [10] }),
    4: idea(4),
  };

  it.each<[string, number, number[]]>([
    ['the top counts its own and every idea beneath it, each member once', 1, [7, 8, 9, 10]],
    ['an idea in the middle counts its own and those beneath it', 2, [8, 9, 10]],
    ['a leaf counts its own', 3, [10]],
    ['no supporters (an older server)', 4, []],
    ['an idea we do not know', 99, []],
  ])('%s', (_name, id, expected) => {
    expect(supportersOf(ideas, id).sort((a, b) => a - b)).toEqual(expected);
  });

  it('never loops on a cycle (never sent by the server)', () => {
    const loop = { 1: idea(1, { mergedInto: 2, supporters: [7] }), 2: idea(2, { mergedInto: 1, supporters: [8] }) };
    expect(supportersOf(loop, 1).sort()).toEqual([7, 8]);
  });

  it('a new ideas object is counted afresh', () => {
    const next = { ...ideas, 4: idea(4, { mergedInto: 1, supporters: [11] }) };
    expect(supportersOf(next, 1)).toContain(11);
    expect(supportersOf(ideas, 1)).not.toContain(11);
  });

  it('“you support this” means the idea itself, not one merged beneath it', () => {
    expect(supportsIdea(ideas[1], 7)).toBe(true);
    expect(supportsIdea(ideas[1], 10)).toBe(false);
    expect(supportsIdea(ideas[4], undefined)).toBe(false);
  });
});
