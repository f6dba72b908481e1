/**
 * Vote turnout per round (the `turnout` message and the snapshot rounds' `turnout`): how many
 * of the people who may vote have voted, in all and per track. Not a change: the latest report
 * replaces the one before. Pure functions; the store keeps the map they return.
 */
import type { Round, Turnout, TurnoutCount, TurnoutMessage } from './protocol';

/** Round id → its latest turnout. */
export type TurnoutByRound = Record<number, Turnout>;

function count(v: unknown): TurnoutCount | null {
  if (typeof v !== 'object' || v === null) return null;
  const { voted, eligible } = v as Record<string, unknown>;
  if (typeof voted !== 'number' || typeof eligible !== 'number') return null;
  return { voted, eligible };
}

/** A turnout as sent, with only the fields the app relies on (a bad track entry is left out). */
export function normaliseTurnout(v: Partial<Turnout> | null | undefined): Turnout | null {
  const total = count(v);
  if (v === null || v === undefined || total === null) return null;
  const byTrack: Record<string, TurnoutCount> = {};
  if (typeof v.byTrack === 'object' && v.byTrack !== null) {
    for (const [track, entry] of Object.entries(v.byTrack)) {
      const c = count(entry);
      if (c !== null) byTrack[track] = c;
    }
  }
  const out: Turnout = { ...total, byTrack };
  if (Array.isArray(v.waiting)) out.waiting = v.waiting.filter((id): id is number => typeof id === 'number');
  return out;
}

/** The turnouts a snapshot's rounds carry (staff and screens; absent for others). */
export function turnoutOfRounds(rounds: readonly Round[]): TurnoutByRound {
  const out: TurnoutByRound = {};
  for (const r of rounds) {
    const turnout = normaliseTurnout(r.turnout);
    if (turnout !== null) out[r.id] = turnout;
  }
  return out;
}

/** The map with a `turnout` message's report in place of the round's last one. */
export function withTurnout(map: TurnoutByRound, msg: TurnoutMessage): TurnoutByRound {
  const turnout = normaliseTurnout(msg);
  return turnout === null ? map : { ...map, [msg.round]: turnout };
}

/** A share in whole percent (0 when nobody may vote). */
export function turnoutPercent(c: TurnoutCount): number {
  return c.eligible > 0 ? Math.round((Math.min(c.voted, c.eligible) / c.eligible) * 100) : 0;
}
