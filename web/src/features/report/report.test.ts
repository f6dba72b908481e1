import { describe, expect, it } from 'vitest';
import type { Proposal, ReportChapter, Round } from '../../protocol';
import {
  addChapter,
  canMove,
  chapterProblems,
  dropBefore,
  editChapter,
  finalRounds,
  firstNumbers,
  moveChapter,
  moveDown,
  moveProposal,
  moveToChapter,
  moveUp,
  numbered,
  numbering,
  placeOf,
  prefillTop,
  previewDocument,
  proposalsOutside,
  removeChapter,
  removeProposal,
  reportTextMax,
  reportTextProblem,
  reportVotes,
  validChapterTitle,
} from './report';
import { TEST_LIMITS } from '../../fixtures.test-support';

/** Chapters written compactly: `[[4, 9, 2], [12, 7]]` → chapters A, B with those proposals. */
function ch(...lists: number[][]): ReportChapter[] {
  return lists.map((proposals, i) => ({ title: String.fromCharCode(65 + i), intro: '', proposals }));
}
/** The proposals of each chapter, compactly. */
const ids = (chapters: ReportChapter[]) => chapters.map((c) => c.proposals);

function proposal(id: number, over: Partial<Proposal> = {}): Proposal {
  return {
    id,
    track: 1,
    title: `P${id}`,
    ideas: [],
    cluster: null,
    table: null,
    team: [],
    createdAt: 1,
    createdBy: 1,
    ...over,
  };
}

function round(id: number, over: Partial<Round> = {}): Round {
  return {
    id,
    title: `R${id}`,
    track: null,
    method: 'dots',
    budget: 5,
    maxPerItem: 3,
    allowOwn: true,
    liveResults: false,
    randomOrder: true,
    state: 'revealed',
    items: [],
    openedAt: 1,
    ...over,
  };
}

describe('numbering', () => {
  it.each<[string, number[][], [number, number][]]>([
    ['nothing', [], []],
    [
      'one chapter',
      [[4, 9, 2]],
      [
        [4, 1],
        [9, 2],
        [2, 3],
      ],
    ],
    [
      'continues across chapters',
      [
        [4, 9],
        [12, 7],
      ],
      [
        [4, 1],
        [9, 2],
        [12, 3],
        [7, 4],
      ],
    ],
    [
      'skips empty chapters',
      [[4], [], [7]],
      [
        [4, 1],
        [7, 2],
      ],
    ],
  ])('%s', (_name, lists, expected) => {
    expect([...numbering(ch(...lists))]).toEqual(expected);
  });

  it('gives each entry its place and each chapter its first number', () => {
    const chapters = ch([4, 9], [], [12]);
    expect(numbered(chapters)).toEqual([
      { proposal: 4, n: 1, place: { chapter: 0, index: 0 } },
      { proposal: 9, n: 2, place: { chapter: 0, index: 1 } },
      { proposal: 12, n: 3, place: { chapter: 2, index: 0 } },
    ]);
    expect(firstNumbers(chapters)).toEqual([1, 3, 3]);
    expect(placeOf(chapters, 12)).toEqual({ chapter: 2, index: 0 });
    expect(placeOf(chapters, 99)).toBeNull();
  });
});

describe('moving a proposal', () => {
  it.each<[string, number[][], number, { chapter: number; index: number }, number[][]]>([
    ['down within a chapter', [[1, 2, 3]], 1, { chapter: 0, index: 2 }, [[2, 3, 1]]],
    ['up within a chapter', [[1, 2, 3]], 3, { chapter: 0, index: 0 }, [[3, 1, 2]]],
    ['to another chapter', [[1, 2], [3]], 2, { chapter: 1, index: 0 }, [[1], [2, 3]]],
    ['to the end of another chapter', [[1, 2], [3]], 1, { chapter: 1, index: 9 }, [[2], [3, 1]]],
    ['into an empty chapter', [[1, 2], []], 2, { chapter: 1, index: 0 }, [[1], [2]]],
    ['adds one from outside', [[1], [3]], 8, { chapter: 1, index: 1 }, [[1], [3, 8]]],
    ['negative index: first', [[1, 2]], 2, { chapter: 0, index: -3 }, [[2, 1]]],
    ['unknown chapter: unchanged', [[1, 2]], 2, { chapter: 4, index: 0 }, [[1, 2]]],
  ])('%s', (_name, lists, p, to, expected) => {
    const before = ch(...lists);
    const frozen = JSON.stringify(before);
    expect(ids(moveProposal(before, p, to))).toEqual(expected);
    expect(JSON.stringify(before)).toBe(frozen); // the input is left as it is
  });

  it.each<[string, number[][], number, number, number | null, number[][]]>([
    ['before a later one in the same chapter', [[1, 2, 3]], 1, 0, 3, [[2, 1, 3]]],
    ['before an earlier one', [[1, 2, 3]], 3, 0, 1, [[3, 1, 2]]],
    ['on itself: unchanged', [[1, 2, 3]], 2, 0, 2, [[1, 2, 3]]],
    ['at the end of a chapter', [[1, 2], [3]], 1, 1, null, [[2], [3, 1]]],
    [
      'before one in another chapter',
      [
        [1, 2],
        [3, 4],
      ],
      2,
      1,
      4,
      [[1], [3, 2, 4]],
    ],
    ['from outside before one', [[1, 2]], 9, 0, 2, [[1, 9, 2]]],
    ['unknown chapter: unchanged', [[1, 2]], 1, 3, null, [[1, 2]]],
  ])('drop %s', (_name, lists, p, chapter, before, expected) => {
    expect(ids(dropBefore(ch(...lists), p, chapter, before))).toEqual(expected);
  });

  it.each<[string, number[][], number, number[][], number[][]]>([
    // [name, chapters, proposal, after moveUp, after moveDown]
    ['middle of a chapter', [[1, 2, 3]], 2, [[2, 1, 3]], [[1, 3, 2]]],
    [
      'top of the second chapter / bottom of the first',
      [
        [1, 2],
        [3, 4],
      ],
      3,
      [[1, 2, 3], [4]],
      [
        [1, 2],
        [4, 3],
      ],
    ],
    ['bottom of the first chapter', [[1, 2], [3]], 2, [[2, 1], [3]], [[1], [2, 3]]],
    ['across an empty chapter (up)', [[1], [], [3]], 3, [[1], [3], []], [[1], [], [3]]],
    ['across an empty chapter (down)', [[1], [], [3]], 1, [[1], [], [3]], [[], [1], [3]]],
    ['number 1 stays', [[1, 2]], 1, [[1, 2]], [[2, 1]]],
    ['the last stays', [[1, 2]], 2, [[2, 1]], [[1, 2]]],
    ['not in the report', [[1, 2]], 7, [[1, 2]], [[1, 2]]],
  ])('move up / down: %s', (_name, lists, p, up, down) => {
    expect(ids(moveUp(ch(...lists), p))).toEqual(up);
    expect(ids(moveDown(ch(...lists), p))).toEqual(down);
  });

  it('within a chapter the number changes by one; across chapters the chapter changes', () => {
    const chapters = ch([1, 2], [3, 4]);
    expect(numbering(moveUp(chapters, 2)).get(2)).toBe(1);
    expect(numbering(moveDown(chapters, 3)).get(3)).toBe(4);
    expect(numbering(moveUp(chapters, 3)).get(3)).toBe(3);
    expect(placeOf(moveUp(chapters, 3), 3)).toEqual({ chapter: 0, index: 2 });
  });

  it.each<[number[][], number, { up: boolean; down: boolean }]>([
    [[[1, 2]], 1, { up: false, down: true }],
    [[[1, 2]], 2, { up: true, down: false }],
    [[[1], [2]], 2, { up: true, down: false }],
    [[[1], []], 1, { up: false, down: true }],
    [[[1]], 1, { up: false, down: false }],
    [[[1]], 5, { up: false, down: false }],
  ])('canMove %j %i', (lists, p, expected) => {
    expect(canMove(ch(...lists), p)).toEqual(expected);
  });

  it.each<[string, number[][], number, number, number[][]]>([
    ['to the end of another chapter', [[1, 2], [3]], 1, 1, [[2], [3, 1]]],
    ['adds one from outside', [[1], [3]], 9, 0, [[1, 9], [3]]],
    ['its own chapter: unchanged', [[1, 2], [3]], 1, 0, [[1, 2], [3]]],
    ['unknown chapter: unchanged', [[1, 2]], 1, 5, [[1, 2]]],
  ])('move to chapter: %s', (_name, lists, p, chapter, expected) => {
    expect(ids(moveToChapter(ch(...lists), p, chapter))).toEqual(expected);
  });

  it('removes a proposal, and leaves the chapters alone when it is not there', () => {
    expect(ids(removeProposal(ch([1, 2], [3]), 2))).toEqual([[1], [3]]);
    const chapters = ch([1]);
    expect(removeProposal(chapters, 5)).toBe(chapters);
  });
});

describe('chapters', () => {
  it('adds, edits, removes and reorders chapters', () => {
    let chapters = addChapter(ch([1, 2]), 'Skills', 'Why');
    expect(chapters[1]).toEqual({ title: 'Skills', intro: 'Why', proposals: [] });
    chapters = editChapter(chapters, 1, { title: 'Skills for all' });
    expect(chapters[1]?.title).toBe('Skills for all');
    expect(chapters[1]?.intro).toBe('Why');
    expect(editChapter(chapters, 7, { title: 'x' })).toBe(chapters);
    chapters = moveChapter(chapters, 1, -1);
    expect(chapters.map((c) => c.title)).toEqual(['Skills for all', 'A']);
    expect(moveChapter(chapters, 0, -1)).toBe(chapters);
    expect(moveChapter(chapters, 1, 1)).toBe(chapters);
    chapters = removeChapter(chapters, 1); // its proposals leave the report
    expect(ids(chapters)).toEqual([[]]);
    expect(removeChapter(chapters, 3)).toBe(chapters);
  });

  it.each<[string, ReportChapter[], string[]]>([
    ['a good structure', ch([1, 2], [3]), []],
    ['an empty title', [{ title: '  ', intro: '', proposals: [] }], ['title']],
    ['a long title', [{ title: 'x'.repeat(121), intro: '', proposals: [] }], ['title']],
    ['a long intro', [{ title: 'A', intro: 'x'.repeat(2001), proposals: [] }], ['intro']],
    ['a proposal twice', ch([1, 2], [2]), ['twice']],
    [
      '21 chapters',
      Array.from({ length: 21 }, () => ({ title: 'A', intro: '', proposals: [] })),
      ['too_many_chapters'],
    ],
    ['101 proposals', ch(Array.from({ length: 101 }, (_, i) => i + 1)), ['too_many_proposals']],
  ])('problems: %s', (_name, chapters, kinds) => {
    expect(chapterProblems(chapters, TEST_LIMITS).map((p) => p.kind)).toEqual(kinds);
  });

  it('checks the chapters against the limits it is given; without them, empty titles and doubles only', () => {
    const tight = { ...TEST_LIMITS, chapters: 1, chapterTitle: 3, chapterIntro: 2, reportProposals: 2 };
    expect(chapterProblems(ch([1, 2], [3]), tight).map((p) => p.kind)).toEqual([
      'too_many_chapters',
      'too_many_proposals',
    ]);
    expect(chapterProblems([{ title: 'Four', intro: 'abc', proposals: [] }], tight)).toEqual([
      { kind: 'title', chapter: 0, max: 3 },
      { kind: 'intro', chapter: 0, max: 2 },
    ]);
    const big = Array.from({ length: 30 }, () => ({ title: 'x'.repeat(500), intro: 'y'.repeat(5000), proposals: [] }));
    expect(chapterProblems(big, null)).toEqual([]);
    expect(chapterProblems([{ title: ' ', intro: '', proposals: [1, 1] }], null)).toEqual([
      { kind: 'title', chapter: 0, max: undefined },
      { kind: 'twice', proposal: 1 },
    ]);
    expect(validChapterTitle('abc', tight)).toBe(true);
    expect(validChapterTitle('abcd', tight)).toBe(false);
    expect(validChapterTitle('abcd', null)).toBe(true);
    expect(validChapterTitle('  ', null)).toBe(false);
  });

  it('finds the first report text the server would refuse', () => {
    const texts = { title: 'Report', subtitle: '', date: '', foreword: '', method: '' };
    expect(reportTextProblem(texts, TEST_LIMITS)).toBeNull();
    expect(reportTextProblem({ ...texts, title: '  ' }, TEST_LIMITS)).toEqual({ field: 'title', max: 200 });
    expect(reportTextProblem({ ...texts, title: 'x'.repeat(201) }, TEST_LIMITS)).toEqual({ field: 'title', max: 200 });
    expect(reportTextProblem({ ...texts, date: 'd'.repeat(41), method: 'm'.repeat(20001) }, TEST_LIMITS)).toEqual({
      field: 'date',
      max: 40,
    });
    expect(reportTextProblem({ ...texts, method: 'm'.repeat(6) }, { ...TEST_LIMITS, reportText: 5 })).toEqual({
      field: 'method',
      max: 5,
    });
    expect(reportTextProblem({ ...texts, title: 'x'.repeat(900), foreword: 'f'.repeat(90000) }, null)).toBeNull();
    expect(reportTextProblem({ ...texts, title: '' }, null)).toEqual({ field: 'title', max: undefined });
    expect(reportTextMax(TEST_LIMITS)).toEqual({ title: 200, subtitle: 200, date: 40, foreword: 20000, method: 20000 });
  });

  it.each<[string, number | null, number | null]>([
    ['20', 100, 20],
    ['100', 100, 100],
    ['101', 100, null],
    ['0', 100, null],
    ['2.5', 100, null],
    ['', 100, null],
    ['500', null, 500],
  ])('prefill top %j with the limit %j: %j', (text, most, expected) => {
    const limits = most === null ? null : { ...TEST_LIMITS, reportProposals: most };
    expect(prefillTop(text, limits)).toBe(expected);
  });
});

describe('rounds, votes and proposals around the report', () => {
  it('lists the rounds over proposals, newest first', () => {
    const rounds = {
      1: round(1, { itemKind: 'ideas' }),
      2: round(2, { itemKind: 'proposals' }),
      3: round(3),
      4: round(4, { itemKind: 'proposals' }),
    };
    expect(finalRounds(rounds).map((r) => r.id)).toEqual([4, 2]);
  });

  it('gives each proposal its votes in the report’s round', () => {
    const results = { 4: [{ item: 9, votes: 12, voters: 8, rank: 1, consensus: 0.5, byGroup: {} }] };
    expect(reportVotes({ round: 4 }, results).get(9)).toEqual({ votes: 12, voters: 8, rank: 1 });
    expect(reportVotes({ round: 5 }, results).size).toBe(0);
    expect(reportVotes({ round: null }, results).size).toBe(0);
    expect(reportVotes(null, results).size).toBe(0);
  });

  it('lists the proposals outside the report: best ranked first, then by track and title', () => {
    const proposals = {
      1: proposal(1, { track: 2, title: 'Alpha' }),
      2: proposal(2, { track: 1, title: 'Zeta' }),
      3: proposal(3, { track: 1, title: 'Beta' }),
      4: proposal(4, { track: 1, title: 'In' }),
      5: proposal(5, { track: 2, title: 'Ranked' }),
    };
    const votes = new Map([[5, { votes: 3, voters: 3, rank: 1 }]]);
    expect(proposalsOutside(proposals, ch([4]), votes, [1, 2]).map((p) => p.id)).toEqual([5, 3, 2, 1]);
    expect(proposalsOutside(proposals, ch([4, 5, 1, 2, 3])).map((p) => p.id)).toEqual([]);
  });
});

describe('the preview document', () => {
  it.each<[string, string, RegExp]>([
    [
      'puts the policy first in the head',
      '<html><head><title>R</title></head><body>x</body></html>',
      /^<html><head><meta http-equiv="Content-Security-Policy" content="script-src 'none'; object-src 'none'"><base href="about:srcdoc"><title>/,
    ],
    [
      'keeps the head’s attributes',
      '<html><HEAD lang="en"><title>R</title></HEAD></html>',
      /^<html><HEAD lang="en"><meta http-equiv/,
    ],
    [
      'wraps a fragment without a head',
      '<p>x</p>',
      /^<!DOCTYPE html><html><head><meta http-equiv.*<body><p>x<\/p><\/body><\/html>$/,
    ],
  ])('%s', (_name, html, expected) => {
    expect(previewDocument(html, { base: 'about:srcdoc' })).toMatch(expected);
  });

  it('adds no base when none is asked for (the print window)', () => {
    expect(previewDocument('<head></head>')).not.toMatch(/<base/);
  });
});
