import { describe, expect, it } from 'vitest';
import type { Agenda, PhaseKind, Round, ScreenState } from '../../protocol';
import { eventInfo } from '../../fixtures.test-support';
import { autoMode, describeShown, pageCount, pageOf, shownScreen, tileGrid } from './screenMode';

const KINDS: PhaseKind[] = ['welcome', 'ideation', 'clustering', 'voting', 'drafting', 'closed'];

function agendaAt(kind: PhaseKind | null): Agenda {
  return {
    phases: KINDS.map((k) => ({ kind: k, title: k, minutes: k === 'closed' ? 0 : 10 })),
    current: kind === null ? -1 : KINDS.indexOf(kind),
    running: true,
    autoAdvance: false,
    extraMs: 0,
    endsAt: null,
    remainingMs: null,
  };
}

function round(id: number, state: Round['state'], over: Partial<Round> = {}): Round {
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
    state,
    items: [1],
    openedAt: id,
    ...over,
  };
}

const event = eventInfo();

function source(kind: PhaseKind | null, rounds: Round[] = [], screen: ScreenState = { mode: 'auto', track: null }) {
  const results: Record<number, []> = {};
  for (const r of rounds) if (r.state === 'revealed' || r.liveResults) results[r.id] = [];
  return { agenda: agendaAt(kind), screen, rounds: Object.fromEntries(rounds.map((r) => [r.id, r])), results, event };
}

describe('the big screen in auto', () => {
  it('follows the phase', () => {
    expect(autoMode(source(null))).toBe('join'); // before the start: the room is arriving
    expect(autoMode(source('welcome'))).toBe('join');
    expect(autoMode(source('ideation'))).toBe('wall');
    expect(autoMode(source('clustering'))).toBe('clusters');
    expect(autoMode(source('drafting'))).toBe('wall');
    expect(autoMode(source('closed'))).toBe('wall');
  });

  it('shows the progress of the newest open round while voting, else the newest revealed results', () => {
    const revealed = round(1, 'revealed');
    const open = round(2, 'open');
    expect(shownScreen(source('voting', [revealed, open]))).toMatchObject({ mode: 'progress', round: open });
    expect(shownScreen(source('voting', [revealed]))).toMatchObject({ mode: 'results', round: revealed });
    expect(shownScreen(source('voting', []))).toMatchObject({ mode: 'progress', round: null });
  });

  it('ignores the chosen round, keeps the chosen track', () => {
    const s = source('ideation', [round(1, 'open')], { mode: 'auto', track: 2, round: 1 });
    expect(shownScreen(s)).toMatchObject({ mode: 'wall', auto: true, track: 2 });
  });
});

describe('the big screen as chosen', () => {
  it('shows the mode, the track (if it exists) and the round chosen', () => {
    const first = round(1, 'revealed');
    const second = round(2, 'open');
    const s = source('ideation', [first, second], { mode: 'results', track: 99, round: 1 });
    expect(shownScreen(s)).toEqual({ mode: 'results', auto: false, track: null, round: first });
  });

  it('takes the newest round that fits when none is chosen', () => {
    const first = round(1, 'revealed');
    const second = round(2, 'open');
    const results = source('ideation', [first, second], { mode: 'results', track: null, round: null });
    expect(shownScreen(results).round).toBe(first);
    const live = round(3, 'open', { liveResults: true });
    expect(
      shownScreen({ ...results, ...source('ideation', [first, second, live]), screen: results.screen }).round,
    ).toBe(live);
    const progress = source('ideation', [first, second], { mode: 'progress', track: null, round: null });
    expect(shownScreen(progress).round).toBe(second);
  });

  it('reads an older server (no mode) as auto', () => {
    expect(shownScreen(source('welcome', [], { track: null })).mode).toBe('join');
  });

  it('says in words what it shows', () => {
    const s = shownScreen(source('ideation', [], { mode: 'auto', track: 2 }));
    expect(describeShown(s, event.tracks)).toBe('Idea wall: Public sector (automatic)');
    const r = shownScreen(source('ideation', [round(1, 'revealed')], { mode: 'results', track: null, round: 1 }));
    expect(describeShown(r, event.tracks)).toBe('Results: Round 1');
    expect(describeShown(shownScreen(source(null, [], { mode: 'join', track: null })), event.tracks)).toBe(
      'How to join',
    );
  });
});

describe('pages and tiles', () => {
  it('counts pages, at least one', () => {
    expect(pageCount(0, 16)).toBe(1);
    expect(pageCount(16, 16)).toBe(1);
    expect(pageCount(136, 16)).toBe(9);
  });

  it('gives a page with its numbers from 1, wrapping round', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    expect(pageOf(items, 1, 8)).toEqual({ items: [8, 9, 10, 11, 12, 13, 14, 15], from: 9, to: 16 });
    expect(pageOf(items, 2, 8)).toEqual({ items: [16, 17, 18, 19], from: 17, to: 20 });
    expect(pageOf(items, 3, 8).from).toBe(1);
    expect(pageOf([], 0, 8)).toEqual({ items: [], from: 0, to: 0 });
  });

  it('lays out up to four tiles in a row, more in two rows', () => {
    expect(tileGrid(3)).toEqual({ '--cols': 3, '--rows': 1 });
    expect(tileGrid(7)).toEqual({ '--cols': 4, '--rows': 2 });
    expect(tileGrid(5)).toEqual({ '--cols': 3, '--rows': 2 });
  });
});
