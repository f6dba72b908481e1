/** Vote turnout as the console shows it: the open round's, and who has not voted yet. */
import type { Member, Round, Turnout } from '../../protocol';
import type { AppState } from '../../store';

/** The newest open round with a turnout report, or null. */
export function openRoundTurnout(state: AppState): { round: Round; turnout: Turnout } | null {
  const open = Object.values(state.rounds)
    .filter((r) => r.state === 'open' && state.turnout[r.id])
    .sort((a, b) => b.id - a.id)[0];
  return open ? { round: open, turnout: state.turnout[open.id] } : null;
}

/** The members who may vote and have not yet (as the server listed them), by name. */
export function waitingMembers(state: Pick<AppState, 'members'>, turnout: Turnout): Member[] {
  return (turnout.waiting ?? [])
    .map((id) => state.members[id])
    .filter((m): m is Member => m !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** A share as a whole percentage (0 when nobody may vote). */
export function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}
