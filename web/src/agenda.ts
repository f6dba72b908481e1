/**
 * Rules and arithmetic of the agenda: which phase runs, what it allows, how much time is
 * left on the server's clock. Pure functions; the views and the store call them.
 */
import type { Agenda, Limits, Phase, PhaseKind } from './protocol';

/** A timed phase lasts at least a minute (the most is the server's `phaseMinutes`). */
export const PHASE_MINUTES_MIN = 1;

/** The phase being run, or null before the agenda starts (or without an agenda). */
export function currentPhase(agenda: Agenda | null): Phase | null {
  if (!agenda || agenda.current < 0) return null;
  return agenda.phases[agenda.current] ?? null;
}

/**
 * The phase index a track holds on its own (leads pace their tracks when the facilitator
 * allows it), or null when the track follows the event.
 */
export function heldPhaseIndex(agenda: Agenda | null, track: number): number | null {
  if (!agenda || agenda.trackPacing !== true || !agenda.trackPhases) return null;
  const index = agenda.trackPhases[String(track)];
  return typeof index === 'number' && index >= 0 && index < agenda.phases.length ? index : null;
}

/** Whether a track runs at its own pace now (and so has no countdown). */
export function isTrackPaced(agenda: Agenda | null, track: number | undefined): boolean {
  return track !== undefined && heldPhaseIndex(agenda, track) !== null;
}

/**
 * The index of the phase a track works in: the phase it is held in when tracks are paced,
 * otherwise the event's current one (-1 before the start). Without a track: the event's.
 */
export function effectivePhaseIndex(agenda: Agenda | null, track?: number): number {
  if (!agenda) return -1;
  const held = track === undefined ? null : heldPhaseIndex(agenda, track);
  return held ?? agenda.current;
}

/** The phase a track works in (see effectivePhaseIndex), or null before the start. */
export function effectivePhase(agenda: Agenda | null, track?: number): Phase | null {
  const index = effectivePhaseIndex(agenda, track);
  return agenda && index >= 0 ? (agenda.phases[index] ?? null) : null;
}

/** Before the first phase starts the board is open: everything is allowed. */
export function isOpenBoard(agenda: Agenda | null, track?: number): boolean {
  return effectivePhaseIndex(agenda, track) < 0;
}

const POST_KINDS: ReadonlySet<PhaseKind> = new Set(['ideation']);
const EDIT_KINDS: ReadonlySet<PhaseKind> = new Set(['ideation', 'clustering']);

function allows(agenda: Agenda | null, kinds: ReadonlySet<PhaseKind>, track?: number): boolean {
  if (isOpenBoard(agenda, track)) return true;
  const phase = effectivePhase(agenda, track);
  return phase !== null && kinds.has(phase.kind);
}

/** Whether new ideas may be posted now (in `track`): on the open board and in ideation. */
export function mayPost(agenda: Agenda | null, track?: number): boolean {
  return allows(agenda, POST_KINDS, track);
}

/** Whether authors may edit or delete their ideas now (in `track`): open board, ideation, clustering. */
export function mayEdit(agenda: Agenda | null, track?: number): boolean {
  return allows(agenda, EDIT_KINDS, track);
}

/**
 * The time left in the current phase in ms (negative: over time), or null when no timer
 * applies (before the start, in `closed`). `now` is the local clock, `offset` the server's
 * lead over it (`serverTime - localTimeAtReceipt`).
 */
export function remainingMs(agenda: Agenda | null, now: number, offset: number): number | null {
  if (!agenda || agenda.current < 0) return null;
  if (agenda.running && agenda.endsAt !== null) return agenda.endsAt - (now + offset);
  if (!agenda.running && agenda.remainingMs !== null) return agenda.remainingMs;
  return null;
}

/** The timer's state as the views name it. */
export type TimerState = 'not_started' | 'running' | 'paused' | 'untimed';

export function timerState(agenda: Agenda | null): TimerState {
  if (!agenda || agenda.current < 0) return 'not_started';
  if (agenda.running && agenda.endsAt !== null) return 'running';
  if (!agenda.running && agenda.remainingMs !== null) return 'paused';
  return 'untimed';
}

/** Whole seconds shown for `ms` left: counting down rounds up (0.2 s left shows 0:01). */
export function displaySeconds(ms: number): number {
  return ms > 0 ? Math.ceil(ms / 1000) : 0 - Math.floor(-ms / 1000);
}

export interface Clock {
  /** mm:ss, or h:mm:ss from an hour on; without sign. */
  text: string;
  /** The phase has run over its time (nothing left). */
  over: boolean;
}

/** Formats what is left: `04:05`, `1:02:03`; `over` once no time is left. */
export function formatClock(ms: number): Clock {
  const seconds = displaySeconds(ms);
  const abs = Math.abs(seconds);
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  return { text, over: ms <= 0 };
}

export type AgendaProblem = 'empty' | 'too_many' | 'title' | 'minutes';

/**
 * Checks an agenda draft against the server's `limits`; returns the first problem. Without
 * limits (an older server) only what needs none is checked: a phase, a title, whole minutes
 * from 1; the server judges the rest.
 */
export function checkAgenda(
  phases: readonly Phase[],
  limits: Limits | null,
): { problem: AgendaProblem; index: number } | null {
  if (phases.length === 0) return { problem: 'empty', index: -1 };
  if (limits !== null && phases.length > limits.phases) return { problem: 'too_many', index: -1 };
  for (let i = 0; i < phases.length; i++) {
    const p = phases[i];
    const title = [...p.title.trim()].length;
    if (title < 1 || (limits !== null && title > limits.phaseTitle)) return { problem: 'title', index: i };
    if (p.kind === 'closed') continue;
    if (
      !Number.isInteger(p.minutes) ||
      p.minutes < PHASE_MINUTES_MIN ||
      (limits !== null && p.minutes > limits.phaseMinutes)
    ) {
      return { problem: 'minutes', index: i };
    }
  }
  return null;
}
