import { describe, expect, it } from 'vitest';
import { idea } from '../../fixtures.test-support';
import { countByTrack, fold, isFiltering, matchesFilter, NO_FILTER } from './ideaFilter';

const ideas = [
  idea(1, { text: 'Fund micro-credentials', author: { id: 5, name: 'Zoé Dubois', organisation: 'KU Leuven' } }),
  idea(2, { text: 'Teacher training', pinned: true, cluster: 3 }),
  idea(3, { text: 'Teacher training for all', mergedInto: 2, cluster: 3 }),
  idea(4, { text: 'Spam', hidden: true, author: null }),
  idea(5, { track: 2, text: 'Open public data', pinned: true }),
];
const ids = (f: typeof NO_FILTER) => ideas.filter((i) => matchesFilter(i, f)).map((i) => i.id);

describe('idea filter', () => {
  it('passes everything without a filter', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(ids(NO_FILTER)).toEqual([1, 2, 3, 4, 5]);
  });
  it('finds every word, in the text, the author or the organisation, without accents', () => {
    expect(ids({ ...NO_FILTER, query: 'teacher' })).toEqual([2, 3]);
    expect(ids({ ...NO_FILTER, query: 'teacher all' })).toEqual([3]);
    expect(ids({ ...NO_FILTER, query: 'zoe leuven' })).toEqual([1]);
    expect(fold('Zoé ÀB')).toBe('zoe ab');
  });
  it('narrows by pinned, merged, hidden and cluster', () => {
    expect(ids({ ...NO_FILTER, pinned: true })).toEqual([2, 5]);
    expect(ids({ ...NO_FILTER, merged: true })).toEqual([3]);
    expect(ids({ ...NO_FILTER, hidden: true })).toEqual([4]);
    expect(ids({ ...NO_FILTER, cluster: 3 })).toEqual([2, 3]);
    expect(ids({ ...NO_FILTER, cluster: 'none' })).toEqual([1, 4, 5]);
    expect(isFiltering({ ...NO_FILTER, hidden: true })).toBe(true);
  });
  it('counts per track, the cluster only applying to the shown track', () => {
    const counts = countByTrack(ideas, { ...NO_FILTER, cluster: 3 }, 1);
    expect(counts.get(1)).toBe(2);
    expect(counts.get(2)).toBe(1);
    expect(countByTrack(ideas, { ...NO_FILTER, pinned: true }, 1)).toEqual(
      new Map([
        [1, 1],
        [2, 1],
      ]),
    );
  });
});
