import { describe, expect, it } from 'vitest';
import type { Agenda, PhaseKind, Report, Round } from '../../protocol';
import { member } from '../../fixtures.test-support';
import { boardOrder } from './boardOrder';

const KINDS: PhaseKind[] = [
  'welcome',
  'ideation',
  'clustering',
  'voting',
  'drafting',
  'review',
  'final_selection',
  'closed',
];

function agendaAt(kind: PhaseKind): Agenda {
  return {
    phases: KINDS.map((k) => ({ kind: k, title: k, minutes: k === 'closed' ? 0 : 10 })),
    current: KINDS.indexOf(kind),
    running: true,
    autoAdvance: false,
    extraMs: 0,
    endsAt: null,
    remainingMs: null,
  };
}

function round(id: number, state: Round['state']): Round {
  return {
    id,
    title: `R${id}`,
    track: null,
    method: 'dots',
    budget: 5,
    maxPerItem: 3,
    allowOwn: true,
    liveResults: false,
    randomOrder: false,
    state,
    items: [1],
    openedAt: 1,
  } as Round;
}

const published = { published: true, chapters: [] } as unknown as Report;
const you = member(5, 'participant', 1);

function order(kind: PhaseKind, rounds: Round[] = [], report: Report | null = null) {
  return boardOrder(
    { agenda: agendaAt(kind), rounds: Object.fromEntries(rounds.map((r) => [r.id, r])), you, report },
    1,
  );
}

describe('boardOrder', () => {
  it('puts the ideas first while people post', () => {
    expect(order('ideation')[0]).toBe('ideas');
  });

  it('puts the open ballot first while voting, and the results once it is revealed', () => {
    expect(order('voting', [round(1, 'open')])[0]).toBe('vote');
    expect(order('voting', [round(1, 'revealed')])[0]).toBe('results');
  });

  it("puts the team's proposals first while drafting", () => {
    expect(order('drafting', [round(1, 'revealed')]).slice(0, 2)).toEqual(['proposals', 'ideas']);
  });

  it('puts the published report first at the end, before the proposals', () => {
    expect(order('final_selection', [round(2, 'revealed')], published).slice(0, 2)).toEqual(['report', 'proposals']);
    expect(order('closed', [], published)[0]).toBe('report');
  });

  it('lists every part once', () => {
    for (const kind of KINDS) expect(new Set(order(kind, [round(1, 'open')], published)).size).toBe(5);
  });
});
