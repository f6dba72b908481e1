import { describe, expect, it } from 'vitest';
import { member } from '../../fixtures.test-support';
import { percent, waitingMembers } from './turnout';

describe('turnout helpers', () => {
  it('names the people still to vote, by name, skipping ids it does not know', () => {
    const members = { 3: { ...member(3, 'participant'), name: 'Zoé' }, 4: { ...member(4, 'lead'), name: 'Ana' } };
    const list = waitingMembers({ members }, { voted: 1, eligible: 4, byTrack: {}, waiting: [3, 4, 99] });
    expect(list.map((m) => m.name)).toEqual(['Ana', 'Zoé']);
    expect(waitingMembers({ members }, { voted: 4, eligible: 4, byTrack: {} })).toEqual([]);
  });
  it('rounds the share, and says 0 when nobody may vote', () => {
    expect(percent(38, 60)).toBe(63);
    expect(percent(0, 0)).toBe(0);
  });
});
