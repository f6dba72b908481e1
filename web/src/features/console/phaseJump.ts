/**
 * When a phase change deserves a second look: going to a `closed` phase (the board closes
 * for everyone), or leaving a phase whose timer is still running with time left (the
 * countdown is cut short and the new phase's starts).
 */
import { remainingMs, timerState } from '../../agenda';
import type { Agenda } from '../../protocol';

export type JumpWarning = 'closed' | 'running';

export function jumpWarning(agenda: Agenda, target: number, now: number, offset: number): JumpWarning | null {
  if (agenda.phases[target]?.kind === 'closed') return 'closed';
  if (timerState(agenda) === 'running') {
    const left = remainingMs(agenda, now, offset);
    if (left !== null && left > 0) return 'running';
  }
  return null;
}

/**
 * Whether the undo of the last phase change is still offered: the agenda names a phase to
 * go back to and (on a server that sets one) its deadline has not passed on the server clock.
 */
export function undoOpen(agenda: Agenda | null, now: number, offset: number): boolean {
  if (!agenda || agenda.undoTo === null || agenda.undoTo === undefined) return false;
  const until = agenda.undoUntil;
  if (until === null) return false;
  return until === undefined || now + offset < until;
}
