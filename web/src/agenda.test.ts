import { describe, expect, it } from 'vitest';
import {
  checkAgenda,
  currentPhase,
  displaySeconds,
  effectivePhase,
  effectivePhaseIndex,
  formatClock,
  heldPhaseIndex,
  isOpenBoard,
  isTrackPaced,
  mayEdit,
  mayPost,
  remainingMs,
  timerState,
} from './agenda';
import { TEST_LIMITS } from './fixtures.test-support';
import type { Agenda, Phase, PhaseKind } from './protocol';
import { PHASE_KINDS } from './protocol';

const phases: Phase[] = PHASE_KINDS.map((kind) => ({ kind, title: kind, minutes: kind === 'closed' ? 0 : 10 }));

function agenda(over: Partial<Agenda> = {}): Agenda {
  return {
    phases,
    current: -1,
    running: false,
    autoAdvance: false,
    extraMs: 0,
    endsAt: null,
    remainingMs: null,
    ...over,
  };
}

const at = (kind: PhaseKind, over: Partial<Agenda> = {}) => agenda({ current: PHASE_KINDS.indexOf(kind), ...over });

describe('countdown arithmetic', () => {
  it('running: endsAt minus the local clock corrected to server time', () => {
    const a = at('ideation', { running: true, endsAt: 1_000_000 });
    expect(remainingMs(a, 900_000, 0)).toBe(100_000);
    // The server's clock is 5 s ahead of ours: 5 s less is left than the local clock says.
    expect(remainingMs(a, 900_000, 5_000)).toBe(95_000);
    // The server's clock is 3 s behind: 3 s more is left.
    expect(remainingMs(a, 900_000, -3_000)).toBe(103_000);
  });

  it('offset correction: two clocks that disagree show the same time left', () => {
    const a = at('ideation', { running: true, endsAt: 2_000_000 });
    const serverNow = 1_940_000;
    const laptop = { local: serverNow - 7_000, offset: 7_000 };
    const phone = { local: serverNow + 42_000, offset: -42_000 };
    expect(remainingMs(a, laptop.local, laptop.offset)).toBe(60_000);
    expect(remainingMs(a, phone.local, phone.offset)).toBe(60_000);
  });

  it('paused: remainingMs stands still, whatever the clock', () => {
    const a = at('voting', { running: false, remainingMs: 125_000 });
    expect(remainingMs(a, 1, 0)).toBe(125_000);
    expect(remainingMs(a, 9_999_999, 123)).toBe(125_000);
    expect(timerState(a)).toBe('paused');
  });

  it('over time: negative once endsAt has passed', () => {
    const a = at('ideation', { running: true, endsAt: 1_000_000 });
    expect(remainingMs(a, 1_065_000, 0)).toBe(-65_000);
    expect(formatClock(-65_000)).toEqual({ text: '01:05', over: true });
  });

  it('no timer before the start and in closed', () => {
    expect(remainingMs(agenda(), 1, 0)).toBeNull();
    expect(remainingMs(null, 1, 0)).toBeNull();
    expect(remainingMs(at('closed'), 1, 0)).toBeNull();
    expect(timerState(agenda())).toBe('not_started');
    expect(timerState(at('closed'))).toBe('untimed');
    expect(timerState(at('ideation', { running: true, endsAt: 5 }))).toBe('running');
  });

  it('formats mm:ss, h:mm:ss from an hour, rounding the seconds left up', () => {
    expect(formatClock(45 * 60_000).text).toBe('45:00');
    expect(formatClock(59_001).text).toBe('01:00');
    expect(formatClock(200).text).toBe('00:01');
    expect(formatClock(3_600_000).text).toBe('1:00:00');
    expect(formatClock(90 * 60_000 + 5_000).text).toBe('1:30:05');
    expect(formatClock(10 * 3_600_000).text).toBe('10:00:00');
    expect(formatClock(1).over).toBe(false);
    expect(formatClock(0)).toEqual({ text: '00:00', over: true });
    expect(formatClock(-999)).toEqual({ text: '00:00', over: true });
    expect(formatClock(-1_000)).toEqual({ text: '00:01', over: true });
    expect(formatClock(-3_725_000).text).toBe('1:02:05');
  });

  it('shows each second exactly once while counting down through zero', () => {
    const shown = [2_000, 1_500, 1_000, 500, 1, 0, -1, -999, -1_000, -1_999, -2_000].map(displaySeconds);
    expect(shown).toEqual([2, 2, 1, 1, 1, 0, 0, 0, -1, -1, -2]);
  });
});

describe('phase permissions', () => {
  it('the open board (current -1) allows posting and editing', () => {
    expect(mayPost(agenda())).toBe(true);
    expect(mayEdit(agenda())).toBe(true);
    expect(mayPost(null)).toBe(true);
    expect(mayEdit(null)).toBe(true);
    expect(currentPhase(agenda())).toBeNull();
  });

  const expected: Record<PhaseKind, { post: boolean; edit: boolean }> = {
    welcome: { post: false, edit: false },
    ideation: { post: true, edit: true },
    clustering: { post: false, edit: true },
    voting: { post: false, edit: false },
    drafting: { post: false, edit: false },
    review: { post: false, edit: false },
    final_selection: { post: false, edit: false },
    closed: { post: false, edit: false },
  };
  it.each(PHASE_KINDS)('%s', (kind) => {
    const a = at(kind, { running: kind !== 'closed', endsAt: kind === 'closed' ? null : 5 });
    expect(currentPhase(a)?.kind).toBe(kind);
    expect(mayPost(a)).toBe(expected[kind].post);
    expect(mayEdit(a)).toBe(expected[kind].edit);
  });

  it('follows the phase, not the timer: a paused ideation still takes ideas', () => {
    expect(mayPost(at('ideation', { running: false, remainingMs: 1000 }))).toBe(true);
  });
});

describe('agenda drafts', () => {
  const check = (list: Phase[]) => checkAgenda(list, TEST_LIMITS);
  it('accepts the default-like agenda', () => {
    expect(check(phases)).toBeNull();
  });
  it('refuses an empty agenda and more phases than the limit', () => {
    expect(check([])).toEqual({ problem: 'empty', index: -1 });
    expect(check(Array.from({ length: 31 }, () => phases[1]))).toEqual({ problem: 'too_many', index: -1 });
    expect(check(Array.from({ length: 30 }, () => phases[1]))).toBeNull();
  });
  it('names the first phase with a bad title or duration; closed needs none', () => {
    expect(check([phases[0], { kind: 'ideation', title: '  ', minutes: 5 }])).toEqual({
      problem: 'title',
      index: 1,
    });
    expect(check([{ kind: 'ideation', title: 'x'.repeat(61), minutes: 5 }])?.problem).toBe('title');
    expect(check([{ kind: 'ideation', title: 'x'.repeat(60), minutes: 5 }])).toBeNull();
    expect(check([{ kind: 'ideation', title: 'Ideas', minutes: 0 }])).toEqual({ problem: 'minutes', index: 0 });
    expect(check([{ kind: 'ideation', title: 'Ideas', minutes: 601 }])?.problem).toBe('minutes');
    expect(check([{ kind: 'ideation', title: 'Ideas', minutes: 2.5 }])?.problem).toBe('minutes');
    expect(check([{ kind: 'ideation', title: 'Ideas', minutes: NaN }])?.problem).toBe('minutes');
    expect(check([{ kind: 'ideation', title: 'Ideas', minutes: 600 }])).toBeNull();
    expect(check([{ kind: 'closed', title: 'Closed', minutes: 0 }])).toBeNull();
  });
  it('takes the limits it is given', () => {
    const tight = { ...TEST_LIMITS, phases: 2, phaseTitle: 5, phaseMinutes: 30 };
    expect(checkAgenda(phases.slice(0, 3), tight)).toEqual({ problem: 'too_many', index: -1 });
    expect(checkAgenda([{ kind: 'ideation', title: 'Ideas!', minutes: 5 }], tight)?.problem).toBe('title');
    expect(checkAgenda([{ kind: 'ideation', title: 'Ideas', minutes: 31 }], tight)?.problem).toBe('minutes');
    expect(checkAgenda([{ kind: 'ideation', title: 'Ideas', minutes: 30 }], tight)).toBeNull();
  });
  it('without limits checks only what needs none', () => {
    expect(
      checkAgenda(
        Array.from({ length: 31 }, () => phases[1]),
        null,
      ),
    ).toBeNull();
    expect(checkAgenda([{ kind: 'ideation', title: 'x'.repeat(500), minutes: 9999 }], null)).toBeNull();
    expect(checkAgenda([], null)?.problem).toBe('empty');
    expect(checkAgenda([{ kind: 'ideation', title: ' ', minutes: 5 }], null)?.problem).toBe('title');
    expect(checkAgenda([{ kind: 'ideation', title: 'Ideas', minutes: 0 }], null)?.problem).toBe('minutes');
  });
});

describe('track pacing: the effective phase of a track', () => {
  const paced = (over: Partial<Agenda> = {}) =>
    at('welcome', { running: true, endsAt: 5, trackPacing: true, trackPhases: { '2': 1, '3': 7 }, ...over });

  it('a held track works in its own phase; the others in the event’s', () => {
    const a = paced();
    expect(heldPhaseIndex(a, 2)).toBe(1);
    expect(heldPhaseIndex(a, 1)).toBeNull();
    expect(effectivePhaseIndex(a, 2)).toBe(1);
    expect(effectivePhaseIndex(a, 1)).toBe(0);
    expect(effectivePhase(a, 2)?.kind).toBe('ideation');
    expect(effectivePhase(a, 1)?.kind).toBe('welcome');
    expect(effectivePhase(a)?.kind).toBe('welcome');
    expect(isTrackPaced(a, 2)).toBe(true);
    expect(isTrackPaced(a, 1)).toBe(false);
    expect(isTrackPaced(a, undefined)).toBe(false);
  });

  it('posting and editing follow the track’s phase', () => {
    const a = paced();
    expect(mayPost(a, 2)).toBe(true);
    expect(mayEdit(a, 2)).toBe(true);
    expect(mayPost(a, 1)).toBe(false);
    expect(mayEdit(a, 1)).toBe(false);
    expect(mayPost(a, 3)).toBe(false); // closed
    expect(mayPost(a)).toBe(false);
  });

  it('without pacing, held phases do not count (the server puts every track back)', () => {
    const a = paced({ trackPacing: false });
    expect(effectivePhaseIndex(a, 2)).toBe(0);
    expect(mayPost(a, 2)).toBe(false);
    expect(isTrackPaced(a, 2)).toBe(false);
  });

  it('a track may be held in a phase before the event starts; the others keep the open board', () => {
    const a = agenda({ trackPacing: true, trackPhases: { '2': 0 } });
    expect(isOpenBoard(a, 1)).toBe(true);
    expect(isOpenBoard(a, 2)).toBe(false);
    expect(mayPost(a, 1)).toBe(true);
    expect(mayPost(a, 2)).toBe(false);
  });

  it('an index outside the agenda, or an agenda of an older server, is ignored', () => {
    expect(heldPhaseIndex(paced({ trackPhases: { '2': 99 } }), 2)).toBeNull();
    expect(effectivePhaseIndex(at('ideation'), 2)).toBe(1);
    expect(effectivePhaseIndex(null, 2)).toBe(-1);
  });
});
