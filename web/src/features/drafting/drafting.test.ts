import { describe, expect, it } from 'vitest';
import {
  checkTemplate,
  commentCount,
  commentThreads,
  findQuote,
  mayComment,
  mayCreateProposal,
  mayEditNow,
  mayEditProposal,
  mayManageProposal,
  mayResolve,
  memberName,
  proposalsByTrack,
  quoteOf,
  reviewReached,
  sourceIdeas,
  templateLocked,
  validTitle,
} from './drafting';
import { comment, eventInfo, idea, member, TEST_LIMITS } from '../../fixtures.test-support';
import type { Agenda, Comment, Member, Proposal } from '../../protocol';
import type { AppState } from '../../store';
import { initialState, reduce } from '../../store';

const event = eventInfo('T');

function proposal(id: number, over: Partial<Proposal> = {}): Proposal {
  return {
    id,
    track: 2,
    title: `P${id}`,
    ideas: [],
    cluster: null,
    table: null,
    team: [5, 9],
    createdAt: 100 + id,
    createdBy: 1,
    ...over,
  };
}

const agenda = (current: number, trackPhases?: Record<string, number>): Agenda => ({
  phases: [
    { kind: 'ideation', title: 'Ideas', minutes: 10 },
    { kind: 'drafting', title: 'Drafting', minutes: 10 },
    { kind: 'review', title: 'Review', minutes: 10 },
    { kind: 'closed', title: 'Closed', minutes: 0 },
  ],
  current,
  running: true,
  autoAdvance: false,
  extraMs: 0,
  endsAt: 1,
  remainingMs: null,
  trackPacing: trackPhases !== undefined,
  trackPhases,
});

const p4 = proposal(4);
const fac = member(1, 'facilitator', null);
const lead2 = member(2, 'lead', 2);
const lead1 = member(3, 'lead', 1);
const teamMate = member(5, 'participant', 2);
const trackMate = member(6, 'participant', 2);
const other = member(7, 'participant', 1);
const viewer = member(8, 'viewer', null);

describe('who may edit, manage, comment, resolve', () => {
  it.each<[string, Member, boolean, boolean]>([
    ['facilitator', fac, true, true],
    ['lead of the track', lead2, true, true],
    ['lead of another track', lead1, false, false],
    ['team member', teamMate, true, false],
    ['participant of the track', trackMate, false, false],
    ['viewer', viewer, false, false],
  ])('%s', (_name, you, edit, manage) => {
    expect(mayEditProposal(you, p4)).toBe(edit);
    expect(mayManageProposal(you, p4)).toBe(manage);
    expect(mayEditNow({ you, frozen: true }, p4)).toBe(false);
    expect(mayEditNow({ you, frozen: false }, p4)).toBe(edit);
  });

  it('creates proposals: facilitators anywhere, leads in their track', () => {
    expect(mayCreateProposal(fac, 1)).toBe(true);
    expect(mayCreateProposal(lead2, 2)).toBe(true);
    expect(mayCreateProposal(lead2, 1)).toBe(false);
    expect(mayCreateProposal(teamMate, 2)).toBe(false);
  });

  it.each<[string, Member, Agenda | null, boolean]>([
    ['team', teamMate, agenda(1), true],
    ['staff of another track', lead1, agenda(1), true],
    ['participant of the track', trackMate, agenda(1), true],
    ['participant of another track before review', other, agenda(1), false],
    ['participant of another track in review', other, agenda(2), true],
    ['participant of another track after review', other, agenda(3), true],
    ['another track held back before review', other, { ...agenda(2, { '2': 1 }) }, false],
    ['viewer in review', viewer, agenda(2), false],
    ['without an agenda', other, null, false],
  ])('comments: %s', (_name, you, a, expected) => {
    expect(mayComment({ you, agenda: a }, p4)).toBe(expected);
  });

  it('review is reached by the proposal’s track, paced or not', () => {
    expect(reviewReached({ agenda: agenda(1) }, 2)).toBe(false);
    expect(reviewReached({ agenda: agenda(1, { '2': 2 }) }, 2)).toBe(true);
    expect(
      reviewReached({ agenda: { ...agenda(3), phases: agenda(3).phases.filter((p) => p.kind !== 'review') } }, 2),
    ).toBe(false);
  });

  it.each<[string, Member, Partial<Comment>, boolean]>([
    ['author', other, { author: { id: 7, name: 'M7', organisation: '' } }, true],
    ['team', teamMate, {}, true],
    ['lead of the track', lead2, {}, true],
    ['lead of another track', lead1, {}, false],
    ['facilitator', fac, {}, true],
    ['someone else', trackMate, {}, false],
    ['a reply is never resolved', fac, { parent: 3 }, false],
  ])('resolves: %s', (_name, you, over, expected) => {
    expect(mayResolve({ you, proposals: { 4: p4 } }, comment(1, over))).toBe(expected);
  });
});

describe('comment threads', () => {
  const list = [
    comment(1, { at: 10, resolved: true }),
    comment(2, { at: 20 }),
    comment(3, { at: 5, section: 1, from: 0, to: 3, version: 2, quote: 'abc' }),
    comment(4, { at: 30, parent: 2 }),
    comment(5, { at: 25, parent: 2 }),
    comment(6, { at: 1, parent: 1 }),
    comment(7, { at: 40, parent: 99 }), // its comment is unknown
    comment(8, { proposal: 5, at: 0 }),
    comment(9, { at: 20 }), // same time as 2: by id
  ];
  it.each<[string, number | null | undefined, number[][]]>([
    ['all sections, unresolved first, oldest first, replies under', undefined, [[3], [2, 5, 4], [9], [7], [1, 6]]],
    ['on the proposal as a whole', null, [[2, 5, 4], [9], [7], [1, 6]]],
    ['on section 1', 1, [[3]]],
    ['on a section without comments', 0, []],
  ])('%s', (_name, section, expected) => {
    const threads = commentThreads(list, 4, section);
    expect(threads.map((t) => [t.comment.id, ...t.replies.map((r) => r.id)])).toEqual(expected);
  });

  it('counts comments and open ones per proposal', () => {
    const byId = Object.fromEntries(list.map((c) => [c.id, c]));
    expect(commentCount({ comments: byId }, 4)).toEqual({ all: 8, open: 3 });
    expect(commentCount({ comments: byId }, 5)).toEqual({ all: 1, open: 1 });
  });
});

describe('quotes', () => {
  it('cuts a quote to 300 characters without splitting one', () => {
    expect(quoteOf('short', 300)).toBe('short');
    expect([...quoteOf('😀'.repeat(400), 300)]).toHaveLength(300);
    expect(quoteOf('abcdef', 4)).toBe('abcd');
    expect(quoteOf('x'.repeat(400), undefined)).toHaveLength(400);
  });

  it.each<[string, string, string, number | null, { from: number; to: number } | null]>([
    ['still at its place', 'a bc a bc', 'a bc', 5, { from: 5, to: 9 }],
    ['moved: the nearest occurrence', 'xx abc yy abc', 'abc', 9, { from: 10, to: 13 }],
    ['without a position: the first', 'abc abc', 'abc', null, { from: 0, to: 3 }],
    ['gone', 'nothing here', 'abc', 0, null],
    ['empty quote', 'abc', '', 0, null],
  ])('finds a quote: %s', (_name, text, quote, near, expected) => {
    expect(findQuote(text, quote, near)).toEqual(expected);
  });
});

describe('template', () => {
  it.each([
    ['fine', [{ heading: 'A', hint: '' }], null],
    ['empty', [], { problem: 'empty', index: -1 }],
    ['too many', Array.from({ length: 13 }, () => ({ heading: 'A', hint: '' })), { problem: 'too_many', index: -1 }],
    [
      'blank heading',
      [
        { heading: 'A', hint: '' },
        { heading: '  ', hint: '' },
      ],
      { problem: 'heading', index: 1 },
    ],
    ['long heading', [{ heading: 'x'.repeat(81), hint: '' }], { problem: 'heading', index: 0 }],
    ['long hint', [{ heading: 'A', hint: 'x'.repeat(301) }], { problem: 'hint', index: 0 }],
  ])('%s', (_name, sections, expected) => {
    expect(checkTemplate(sections, TEST_LIMITS)).toEqual(expected);
  });

  it('takes the limits it is given, and without them needs only a heading', () => {
    const tight = { ...TEST_LIMITS, templateSections: 1, heading: 3, hint: 2 };
    const two = [
      { heading: 'A', hint: '' },
      { heading: 'B', hint: '' },
    ];
    expect(checkTemplate(two, tight)?.problem).toBe('too_many');
    expect(checkTemplate([{ heading: 'ABCD', hint: '' }], tight)?.problem).toBe('heading');
    expect(checkTemplate([{ heading: 'ABC', hint: 'xyz' }], tight)?.problem).toBe('hint');
    expect(checkTemplate([{ heading: 'ABC', hint: 'xy' }], tight)).toBeNull();
    const long = Array.from({ length: 20 }, () => ({ heading: 'x'.repeat(200), hint: 'y'.repeat(900) }));
    expect(checkTemplate(long, null)).toBeNull();
    expect(checkTemplate([{ heading: ' ', hint: '' }], null)?.problem).toBe('heading');
    expect(checkTemplate([], null)?.problem).toBe('empty');
  });

  it('takes a proposal title of 1 to the limit characters', () => {
    expect(validTitle('  ', 120)).toBe(false);
    expect(validTitle('x'.repeat(120), 120)).toBe(true);
    expect(validTitle('😀'.repeat(121), 120)).toBe(false);
    expect(validTitle('x'.repeat(500), undefined)).toBe(true);
  });

  it('is locked once a proposal exists', () => {
    expect(templateLocked({ proposals: {} })).toBe(false);
    expect(templateLocked({ proposals: { 4: p4 } })).toBe(true);
  });
});

describe('proposals in the store', () => {
  function state(you: Member): AppState {
    let s = reduce(initialState, {
      type: 'snapshot',
      seq: 1,
      event,
      ideas: [idea(17, { track: 2 }), idea(21, { track: 2, author: { id: 9, name: 'Jan', organisation: '' } })],
      proposals: [proposal(4, { ideas: [17, 21, 99] }), proposal(3, { createdAt: 50 }), proposal(6, { track: 1 })],
      comments: [comment(1, { author: { id: 12, name: 'Zoe', organisation: '' } })],
    });
    s = reduce(s, { type: 'you', you });
    return s;
  }

  it('lists proposals by track in the event’s track order, oldest first', () => {
    const s = state(teamMate);
    expect(proposalsByTrack(s).map((g) => [g.track, g.proposals.map((p) => p.id)])).toEqual([
      [1, [6]],
      [2, [3, 4]],
    ]);
  });

  it('finds the source ideas it can see, in order', () => {
    const s = state(teamMate);
    expect(sourceIdeas(s, s.proposals[4]).map((i) => i.id)).toEqual([17, 21]);
  });

  it('names members from the member list, you, idea and comment authors', () => {
    const s = state(teamMate);
    expect(memberName(s, 5)).toBe('M5');
    expect(memberName(s, 9)).toBe('Jan');
    expect(memberName(s, 12)).toBe('Zoe');
    expect(memberName(s, 77)).toBeNull();
    const staff = reduce(state(fac), {
      type: 'snapshot',
      seq: 2,
      event,
      ideas: [],
      members: [member(77, 'participant')],
    });
    expect(memberName(staff, 77)).toBe('M77');
  });

  it('names teammates from the proposal when a participant has no member list', () => {
    const s = state(teamMate);
    const withPeople = {
      ...s,
      proposals: {
        ...s.proposals,
        4: { ...s.proposals[4], people: [{ id: 77, name: 'Ana Ruiz', organisation: 'DG CNECT' }] },
      },
    };
    expect(memberName(withPeople, 77)).toBe('Ana Ruiz');
  });
});
