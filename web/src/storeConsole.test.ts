/**
 * The store's part of the facilitator's console: the proposal trash, vote turnout and staff
 * links (renamed, revoked, re-issued).
 */
import { describe, expect, it } from 'vitest';
import type { Change, Member, Proposal, Round } from './protocol';
import type { AppState } from './store';
import { eventStateOf, initialState, mayUseTrash, reduce } from './store';
import { comment, eventInfo, member } from './fixtures.test-support';

const event = eventInfo();
const fac = member(1, 'facilitator', null);
const lead2 = member(2, 'lead', 2);
const lead1 = member(3, 'lead', 1);
const ana = member(5, 'participant', 2);

const proposal = (id: number, over: Partial<Proposal> = {}): Proposal => ({
  id,
  track: 2,
  title: `P${id}`,
  ideas: [],
  cluster: null,
  table: null,
  team: [5],
  createdAt: 1,
  createdBy: 1,
  ...over,
});

const round = (id: number, over: Partial<Round> = {}): Round => ({
  id,
  title: `R${id}`,
  track: null,
  method: 'dots',
  budget: 5,
  maxPerItem: 3,
  allowOwn: false,
  liveResults: false,
  randomOrder: false,
  state: 'open',
  items: [1, 2],
  openedAt: 1,
  ...over,
});

function staffState(you: Member, extra: Record<string, unknown> = {}): AppState {
  let s = reduce(initialState, {
    type: 'snapshot',
    seq: 10,
    event,
    ideas: [],
    members: [fac, lead2, lead1, ana],
    proposals: [proposal(4), proposal(5, { track: 1 })],
    comments: [comment(7, { proposal: 4 }), comment(8, { proposal: 5 })],
    ...extra,
  });
  s = reduce(s, { type: 'you', you });
  return s;
}

const change = (c: Change) => ({ type: 'change' as const, ...c });

describe('the proposal trash', () => {
  it('a snapshot brings the trash; an older server none', () => {
    const s = staffState(fac, { trash: [{ ...proposal(9), deletedAt: 500 }] });
    expect(Object.keys(s.trash)).toEqual(['9']);
    expect(s.trash[9].deletedAt).toBe(500);
    expect(staffState(fac).trash).toEqual({});
  });

  it.each<[string, Member, boolean]>([
    ['a facilitator', fac, true],
    ['the lead of its track', lead2, true],
    ['the lead of another track', lead1, false],
    ['a participant', ana, false],
  ])('proposal_deleted with deletedAt: %s keeps it in the trash: %s', (_who, you, kept) => {
    const s = reduce(staffState(you), change({ seq: 11, kind: 'proposal_deleted', proposal: 4, deletedAt: 700 }));
    expect(s.proposals[4]).toBeUndefined();
    expect(s.trash[4]?.deletedAt).toBe(kept ? 700 : undefined);
    // Its comments stay for a restore where it is kept, go where it is not.
    expect(s.comments[7] !== undefined).toBe(kept);
    expect(s.comments[8]).toBeDefined();
  });

  it('proposal_deleted with `trashed` (the proposal as deleted) fills the trash', () => {
    const s = reduce(
      staffState(fac),
      change({ seq: 11, kind: 'proposal_deleted', proposal: 4, trashed: { ...proposal(4), deletedAt: 900 } }),
    );
    expect(s.trash[4]?.deletedAt).toBe(900);
    expect(s.proposals[4]).toBeUndefined();
  });

  it('proposal_deleted from an older server (no deletedAt) leaves no trash', () => {
    const s = reduce(staffState(fac), change({ seq: 11, kind: 'proposal_deleted', proposal: 4 }));
    expect(s.trash).toEqual({});
    expect(s.comments[7]).toBeUndefined();
  });

  it('proposal_restored brings it back for everyone and empties it from the trash', () => {
    let s = reduce(staffState(fac), change({ seq: 11, kind: 'proposal_deleted', proposal: 4, deletedAt: 700 }));
    s = reduce(s, change({ seq: 12, kind: 'proposal_restored', proposal: proposal(4, { title: 'Back' }) }));
    expect(s.proposals[4].title).toBe('Back');
    expect(s.trash).toEqual({});
    expect(s.comments[7]).toBeDefined();

    // A participant, who never saw the trash, gets the proposal (and comments if sent).
    let p = reduce(staffState(ana), change({ seq: 11, kind: 'proposal_deleted', proposal: 4, deletedAt: 700 }));
    p = reduce(
      p,
      change({ seq: 12, kind: 'proposal_restored', proposal: proposal(4), comments: [comment(7, { proposal: 4 })] }),
    );
    expect(p.proposals[4]).toBeDefined();
    expect(p.comments[7]).toBeDefined();
  });

  it('keeps the trash across a reload', () => {
    const s = staffState(fac, { trash: [{ ...proposal(9), deletedAt: 500 }] });
    expect(eventStateOf(s).trash[9].deletedAt).toBe(500);
  });

  it('mayUseTrash: facilitators, and leads for their own track', () => {
    expect(mayUseTrash(fac, { track: 1 })).toBe(true);
    expect(mayUseTrash(lead2, { track: 2 })).toBe(true);
    expect(mayUseTrash(lead2, { track: 1 })).toBe(false);
    expect(mayUseTrash(ana, { track: 2 })).toBe(false);
    expect(mayUseTrash(null, { track: 2 })).toBe(false);
  });
});

describe('turnout', () => {
  const turnout = { voted: 38, eligible: 60, byTrack: { '1': { voted: 5, eligible: 9 } }, waiting: [12, 40] };

  it('a snapshot takes each round turnout apart from the round', () => {
    const s = staffState(fac, { rounds: [round(1, { turnout }), round(2)] });
    expect(s.turnout[1]).toEqual(turnout);
    expect(s.turnout[2]).toBeUndefined();
    expect('turnout' in s.rounds[1]).toBe(false);
  });

  it('a turnout message replaces that round’s figures only', () => {
    let s = staffState(fac, { rounds: [round(1, { turnout }), round(2, { turnout })] });
    s = reduce(s, { type: 'turnout', round: 1, voted: 39, eligible: 60, byTrack: {}, waiting: [40] });
    expect(s.turnout[1]).toEqual({ voted: 39, eligible: 60, byTrack: {}, waiting: [40] });
    expect(s.turnout[2]).toEqual(turnout);
    // Not a change: the sequence stays.
    expect(s.lastSeq).toBe(10);
  });

  it('round changes keep the turnout the store holds', () => {
    let s = staffState(fac, { rounds: [round(1, { turnout })] });
    s = reduce(s, change({ seq: 11, kind: 'round_closed', round: round(1, { state: 'closed' }) }));
    expect(s.rounds[1].state).toBe('closed');
    expect(s.turnout[1]).toEqual(turnout);
  });
});

describe('staff links', () => {
  it('link_changed updates the member (the label, revoked)', () => {
    let s = staffState(fac);
    s = reduce(
      s,
      change({ seq: 11, kind: 'link_changed', member: { ...lead2, name: 'Room B', revoked: true }, action: 'revoked' }),
    );
    expect(s.members[2].name).toBe('Room B');
    expect(s.members[2].revoked).toBe(true);
  });

  it('link_changed about oneself updates `you`', () => {
    let s = staffState(lead2);
    s = reduce(s, change({ seq: 11, kind: 'link_changed', member: { ...lead2, name: 'Lead B' }, action: 'renamed' }));
    expect(s.you?.name).toBe('Lead B');
  });
});
