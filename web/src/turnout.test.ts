import { describe, expect, it } from 'vitest';
import type { Round, TurnoutMessage } from './protocol';
import { parseFrame } from './protocol';
import { eventStateOf, initialState, reduce } from './store';
import { normaliseTurnout, turnoutOfRounds, turnoutPercent, withTurnout } from './turnout';
import { eventInfo } from './fixtures.test-support';

function round(id: number, over: Partial<Round> = {}): Round {
  return {
    id,
    title: `Round ${id}`,
    track: null,
    method: 'dots',
    budget: 5,
    maxPerItem: 3,
    allowOwn: true,
    liveResults: false,
    randomOrder: true,
    state: 'open',
    items: [1, 2],
    openedAt: 1000 + id,
    ...over,
  };
}

const report: TurnoutMessage = {
  type: 'turnout',
  round: 1,
  voted: 38,
  eligible: 60,
  byTrack: { '1': { voted: 5, eligible: 9 }, '2': { voted: 6, eligible: 8 } },
  waiting: [12, 40],
};

describe('turnout', () => {
  it('is read from a turnout frame', () => {
    expect(parseFrame(JSON.stringify(report))).toEqual([report]);
    // Without its numbers it is not a turnout.
    expect(parseFrame('{"type":"turnout","round":1}')).toEqual([]);
  });

  it('keeps the numbers and leaves out a bad track entry', () => {
    expect(
      normaliseTurnout({ voted: 1, eligible: 2, byTrack: { '1': { voted: 1, eligible: 2 }, '2': null } as never }),
    ).toEqual({ voted: 1, eligible: 2, byTrack: { '1': { voted: 1, eligible: 2 } } });
    expect(normaliseTurnout(null)).toBeNull();
    expect(normaliseTurnout({ voted: 1 } as never)).toBeNull();
  });

  it('comes from the snapshot rounds that carry it', () => {
    const rounds = [round(1, { turnout: { voted: 3, eligible: 4, byTrack: {} } }), round(2)];
    expect(turnoutOfRounds(rounds)).toEqual({ 1: { voted: 3, eligible: 4, byTrack: {} } });
  });

  it('is replaced by the newest report of its round only', () => {
    const map = { 2: { voted: 1, eligible: 1, byTrack: {} } };
    const next = withTurnout(map, report);
    expect(next[1]).toEqual({ voted: 38, eligible: 60, byTrack: report.byTrack, waiting: [12, 40] });
    expect(next[2]).toBe(map[2]);
  });

  it('has a share in whole percent, 0 when nobody may vote', () => {
    expect(turnoutPercent({ voted: 38, eligible: 60 })).toBe(63);
    expect(turnoutPercent({ voted: 0, eligible: 0 })).toBe(0);
    expect(turnoutPercent({ voted: 9, eligible: 8 })).toBe(100);
  });

  it('is kept by the store: from the snapshot, then each report, and across a reload', () => {
    const event = eventInfo();
    let s = reduce(initialState, {
      type: 'snapshot',
      seq: 4,
      event,
      ideas: [],
      rounds: [round(1, { turnout: { voted: 1, eligible: 60, byTrack: {} } })],
    });
    expect(s.turnout[1]?.voted).toBe(1);
    s = reduce(s, report);
    expect(s.turnout[1]?.voted).toBe(38);
    expect(s.lastSeq).toBe(4); // not a change
    expect(eventStateOf(s).turnout[1]?.voted).toBe(38);
    s = reduce(s, { type: 'reset' });
    expect(s.turnout).toEqual({});
  });
});
