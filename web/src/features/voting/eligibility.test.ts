import { describe, expect, it } from 'vitest';
import type { Member, Round } from '../../protocol';
import { defaultVoters, eligibleOf, mayVote, votersToSend } from './eligibility';

function member(role: Member['role'], track: number | null): Member {
  return {
    id: 5,
    role,
    name: 'Ana',
    organisation: '',
    group: 'sme',
    track,
    table: null,
    credit: true,
    joinedAt: 0,
    revoked: false,
  };
}

function round(track: number | null, eligible?: Round['eligible']): Pick<Round, 'track' | 'eligible'> {
  return eligible === undefined ? { track } : { track, eligible };
}

describe('who may vote', () => {
  it('follows the round: its track, everyone, chosen tracks', () => {
    const one = member('participant', 1);
    expect(mayVote(round(1, 'track'), one)).toBe(true);
    expect(mayVote(round(2, 'track'), one)).toBe(false);
    expect(mayVote(round(2, 'everyone'), one)).toBe(true);
    expect(mayVote(round(2, [1, 3]), one)).toBe(true);
    expect(mayVote(round(1, [2, 3]), one)).toBe(false);
    expect(mayVote(round(2, 'track'), member('lead', 2))).toBe(true);
  });

  it('never lets facilitators, viewers or nobody vote', () => {
    expect(mayVote(round(null, 'everyone'), member('facilitator', null))).toBe(false);
    expect(mayVote(round(null, 'everyone'), member('viewer', null))).toBe(false);
    expect(mayVote(round(null, 'everyone'), null)).toBe(false);
  });

  it('keeps the old rule for a round without eligible', () => {
    expect(eligibleOf(round(2))).toBe('track');
    expect(eligibleOf(round(null))).toBe('everyone');
    expect(mayVote(round(2), member('participant', 1))).toBe(false);
    expect(mayVote(round(null), member('participant', 1))).toBe(true);
  });
});

describe("the console form's choice", () => {
  it('defaults to the track for a track’s ideas and clusters, everyone otherwise', () => {
    expect(defaultVoters(2, 'ideas')).toBe('track');
    expect(defaultVoters(2, 'clusters')).toBe('track');
    expect(defaultVoters(2, 'proposals')).toBe('everyone');
    expect(defaultVoters(null, 'ideas')).toBe('everyone');
  });

  it('sends the choice, the default when none or when the track no longer fits', () => {
    expect(votersToSend(null, [], 2, 'ideas')).toBe('track');
    expect(votersToSend('everyone', [], 2, 'ideas')).toBe('everyone');
    expect(votersToSend('track', [], null, 'ideas')).toBe('everyone');
    expect(votersToSend('tracks', [3, 1], 2, 'ideas')).toEqual([1, 3]);
    expect(votersToSend('tracks', [], null, 'ideas')).toEqual([]);
  });
});
