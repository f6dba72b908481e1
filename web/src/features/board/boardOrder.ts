/**
 * The order of a participant's board: what matters in the phase comes first (the open
 * ballot while voting, the team's proposal while drafting, the published report at the
 * end), the rest follows in a fixed order. Pure; tested in boardOrder.test.ts.
 */
import { effectivePhase } from '../../agenda';
import type { AppState } from '../../store';
import { isDraftingPhase } from '../drafting/drafting';
import { isPublished } from '../report/report';
import { roundsFor } from '../voting/voting';

export type BoardPart = 'vote' | 'report' | 'proposals' | 'ideas' | 'results';

const REST: readonly BoardPart[] = ['ideas', 'vote', 'report', 'results', 'proposals'];

export function boardOrder(
  state: Pick<AppState, 'agenda' | 'rounds' | 'you' | 'report'>,
  track: number | null,
): BoardPart[] {
  const first: BoardPart[] = [];
  const rounds = roundsFor(state);
  if (rounds.some((r) => r.state === 'open')) first.push('vote');
  if (isPublished(state.report)) first.push('report');
  if (isDraftingPhase(state, track ?? undefined)) first.push('proposals');
  const kind = effectivePhase(state.agenda, track ?? undefined)?.kind;
  if ((kind === 'voting' || kind === 'closed') && rounds.some((r) => r.state !== 'open')) first.push('results');
  return [...first, ...REST.filter((p) => !first.includes(p))];
}
