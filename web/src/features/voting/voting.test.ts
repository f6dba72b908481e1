import { describe, expect, it } from 'vitest';
import type { Change, EventInfo, Member, ResultItem, Round } from '../../protocol';
import { eventStateOf, initialState, reduce } from '../../store';
import {
  cost,
  itemOrder,
  maxPerItem,
  ranked,
  remaining,
  roundsFor,
  screenRound,
  seededShuffle,
  showsResults,
  spent,
  tiedRanks,
  whyNotMore,
  withVotes,
} from './voting';

const event: EventInfo = {
  id: 1,
  code: 'K7QX2M',
  title: 'E',
  createdAt: 1,
  tracks: [
    { id: 1, name: 'A', description: '' },
    { id: 2, name: 'B', description: '' },
  ],
};

function member(id: number, role: Member['role'], track: number | null = 1): Member {
  return { id, role, name: `M${id}`, organisation: '', group: 'sme', track, table: null, credit: true, joinedAt: 1 };
}

function round(over: Partial<Round> = {}): Round {
  return {
    id: 1,
    title: 'Which?',
    track: 1,
    method: 'dots',
    budget: 5,
    maxPerItem: 3,
    allowOwn: true,
    liveResults: false,
    randomOrder: true,
    state: 'open',
    items: [17, 21, 30],
    openedAt: 1,
    ...over,
  };
}

const result = (item: number, votes: number, rank: number): ResultItem => ({
  item,
  votes,
  voters: votes,
  rank,
  consensus: 0.5,
  byGroup: { sme: { voters: votes, votes } },
});

const change = (c: Change) => ({ type: 'change' as const, ...c });

function base(you: Member = member(5, 'participant')) {
  const s = reduce(initialState, { type: 'snapshot', seq: 10, event, ideas: [], rounds: [] });
  return reduce(s, { type: 'you', you });
}

describe('store: rounds, results and ballots', () => {
  it('takes rounds and their results from the snapshot', () => {
    const s = reduce(initialState, {
      type: 'snapshot',
      seq: 3,
      event,
      ideas: [],
      rounds: [round({ id: 1, state: 'revealed', results: [result(17, 3, 1)] }), round({ id: 2 })],
    });
    expect(Object.keys(s.rounds)).toEqual(['1', '2']);
    expect(s.rounds[1]).not.toHaveProperty('results');
    expect(s.results[1]).toEqual([result(17, 3, 1)]);
    expect(s.results[2]).toBeUndefined();
  });

  it('keeps the ballots of the hello ack across the snapshot that follows it', () => {
    let s = reduce(initialState, { type: 'ballots', ballots: { '1': { '17': 2, '21': 0 }, '2': {} } });
    s = reduce(s, { type: 'snapshot', seq: 3, event, ideas: [], rounds: [round()] });
    expect(s.ballots).toEqual({ 1: { 17: 2 }, 2: {} });
  });

  it('applies round_opened, round_closed, round_revealed and round_reopened', () => {
    let s = base();
    s = reduce(s, change({ seq: 11, kind: 'round_opened', round: round() }));
    expect(s.rounds[1]?.state).toBe('open');
    s = reduce(s, change({ seq: 12, kind: 'round_closed', round: round({ state: 'closed' }) }));
    expect(s.rounds[1]?.state).toBe('closed');
    s = reduce(
      s,
      change({ seq: 13, kind: 'round_revealed', round: round({ state: 'revealed' }), results: [result(17, 4, 1)] }),
    );
    expect(s.rounds[1]?.state).toBe('revealed');
    expect(s.results[1]).toEqual([result(17, 4, 1)]);
    s = reduce(s, change({ seq: 14, kind: 'round_reopened', round: round({ state: 'open' }) }));
    expect(s.rounds[1]?.state).toBe('open');
    expect(s.results[1]).toBeUndefined(); // a participant no longer sees them
    expect(s.lastSeq).toBe(14);
  });

  it('keeps results on reopen for staff', () => {
    let s = base(member(1, 'facilitator', null));
    s = reduce(
      s,
      change({ seq: 11, kind: 'round_revealed', round: round({ state: 'revealed' }), results: [result(17, 4, 1)] }),
    );
    s = reduce(s, change({ seq: 12, kind: 'round_reopened', round: round() }));
    expect(s.results[1]).toHaveLength(1);
  });

  it('replaces the own ballot with vote_cast (the server wins)', () => {
    let s = reduce(base(), { type: 'ballots', ballots: { '1': { '17': 3 } } });
    s = reduce(s, change({ seq: 11, kind: 'vote_cast', round: 1, ballot: { '21': 1, '30': 2 } }));
    expect(s.ballots[1]).toEqual({ 21: 1, 30: 2 });
  });

  it('takes live results messages (no seq)', () => {
    const s = reduce(base(), { type: 'results', round: 1, items: [result(21, 2, 1)] });
    expect(s.results[1]).toEqual([result(21, 2, 1)]);
    expect(s.lastSeq).toBe(10);
  });

  it('keeps rounds, results and ballots across a reload', () => {
    let s = reduce(base(), change({ seq: 11, kind: 'round_opened', round: round() }));
    s = reduce(s, { type: 'ballots', ballots: { '1': { '17': 1 } } });
    const kept = eventStateOf(s);
    const restored = reduce(initialState, { type: 'restore', state: JSON.parse(JSON.stringify(kept)) });
    expect(restored.rounds[1]?.title).toBe('Which?');
    expect(restored.ballots[1]).toEqual({ 17: 1 });
  });

  it('reset forgets the rounds', () => {
    let s = reduce(base(), change({ seq: 11, kind: 'round_opened', round: round() }));
    s = reduce(s, { type: 'reset' });
    expect(s.rounds).toEqual({});
    expect(s.ballots).toEqual({});
  });
});

describe('seeded shuffle', () => {
  const items = Array.from({ length: 20 }, (_, i) => i + 1);

  it('is stable for one person and round', () => {
    expect(itemOrder(round({ items }), 5)).toEqual(itemOrder(round({ items }), 5));
    expect(seededShuffle(items, 'x')).toEqual(seededShuffle(items, 'x'));
  });

  it('keeps every item once', () => {
    expect([...itemOrder(round({ items }), 5)].sort((a, b) => a - b)).toEqual(items);
  });

  it('differs between people and between rounds', () => {
    const a = itemOrder(round({ items }), 5);
    expect(itemOrder(round({ items }), 6)).not.toEqual(a);
    expect(itemOrder(round({ id: 2, items }), 5)).not.toEqual(a);
  });

  it('keeps the given order when randomOrder is false', () => {
    expect(itemOrder(round({ items, randomOrder: false }), 5)).toEqual(items);
  });
});

describe('budget arithmetic', () => {
  it('dots: one dot per vote, a per-item cap', () => {
    const r = round({ method: 'dots', budget: 5, maxPerItem: 3 });
    const b = { 17: 3, 21: 1 };
    expect(spent(r, b)).toBe(4);
    expect(remaining(r, b)).toBe(1);
    expect(whyNotMore(r, b, 17)).toBe('cap');
    expect(whyNotMore(r, b, 21)).toBeNull();
    const full = withVotes(b, 30, 1);
    expect(remaining(r, full)).toBe(0);
    expect(whyNotMore(r, full, 21)).toBe('budget');
    expect(withVotes(full, 17, 0)).toEqual({ 21: 1, 30: 1 });
  });

  it('quadratic: n votes cost n² credits', () => {
    const r = round({ method: 'quadratic', budget: 10 });
    expect(cost('quadratic', 3)).toBe(9);
    expect(maxPerItem(r)).toBe(3);
    const b = { 17: 2, 21: 1 }; // 4 + 1
    expect(spent(r, b)).toBe(5);
    expect(remaining(r, b)).toBe(5);
    expect(whyNotMore(r, b, 17)).toBeNull(); // 9 + 1 = 10
    expect(whyNotMore(r, { 17: 3 }, 21)).toBeNull(); // 9 + 1
    expect(whyNotMore(r, { 17: 3, 21: 1 }, 21)).toBe('budget'); // 9 + 4 > 10
    expect(whyNotMore(r, { 17: 3 }, 17)).toBe('cap');
  });

  it('approval: yes or no on any number of items', () => {
    const r = round({ method: 'approval', budget: 1 });
    const b = { 17: 1, 21: 1, 30: 1 };
    expect(spent(r, b)).toBe(3);
    expect(remaining(r, b)).toBe(Number.POSITIVE_INFINITY);
    expect(whyNotMore(r, b, 17)).toBe('cap');
    expect(whyNotMore(r, {}, 17)).toBeNull();
  });
});

describe('which rounds and results', () => {
  it('shows participants the rounds they may vote in', () => {
    let s = base(member(5, 'participant', 1));
    s = reduce(s, change({ seq: 11, kind: 'round_opened', round: round({ id: 1, track: 1 }) }));
    s = reduce(s, change({ seq: 12, kind: 'round_opened', round: round({ id: 2, track: 2 }) }));
    s = reduce(s, change({ seq: 13, kind: 'round_opened', round: round({ id: 3, track: null }) }));
    s = reduce(s, change({ seq: 14, kind: 'round_opened', round: round({ id: 4, track: 2, eligible: [1, 3] }) }));
    s = reduce(s, change({ seq: 15, kind: 'round_opened', round: round({ id: 5, track: 1, eligible: [2] }) }));
    s = reduce(s, change({ seq: 16, kind: 'round_opened', round: round({ id: 6, track: 2, eligible: 'everyone' }) }));
    expect(roundsFor(s).map((r) => r.id)).toEqual([6, 4, 3, 1]);
    const staff = reduce(s, { type: 'you', you: member(1, 'facilitator', null) });
    expect(roundsFor(staff).map((r) => r.id)).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it("shows other tracks' rounds to participants once revealed, not while open or closed", () => {
    let s = base(member(5, 'participant', 1));
    s = reduce(s, change({ seq: 11, kind: 'round_opened', round: round({ id: 2, track: 2 }) }));
    s = reduce(s, change({ seq: 12, kind: 'round_closed', round: round({ id: 2, track: 2, state: 'closed' }) }));
    expect(roundsFor(s)).toEqual([]);
    s = reduce(
      s,
      change({ seq: 13, kind: 'round_revealed', round: round({ id: 2, track: 2, state: 'revealed' }), results: [] }),
    );
    expect(roundsFor(s).map((r) => r.id)).toEqual([2]);
  });

  it('shows results after reveal, in live rounds, and to staff', () => {
    const s = reduce(base(), { type: 'results', round: 1, items: [result(17, 1, 1)] });
    expect(showsResults(s, round())).toBe(false);
    expect(showsResults(s, round({ liveResults: true }))).toBe(true);
    expect(showsResults(s, round({ state: 'revealed' }))).toBe(true);
    expect(showsResults({ ...s, you: member(1, 'facilitator', null) }, round())).toBe(true);
  });

  it('puts the newest round on the big screen once revealed', () => {
    let s = base(member(9, 'viewer', null));
    s = reduce(s, change({ seq: 11, kind: 'round_revealed', round: round({ state: 'revealed' }), results: [] }));
    expect(screenRound(s)?.id).toBe(1);
    s = reduce(s, change({ seq: 12, kind: 'round_opened', round: round({ id: 2 }) }));
    expect(screenRound(s)).toBeNull();
  });

  it('ranks with ties sharing a rank', () => {
    const list = ranked([result(30, 1, 3), result(17, 4, 1), result(21, 4, 1)]);
    expect(list.map((r) => r.item)).toEqual([17, 21, 30]);
    expect([...tiedRanks(list)]).toEqual([1]);
  });
});
