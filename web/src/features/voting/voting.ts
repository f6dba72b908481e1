/**
 * Voting rules the app needs before the server answers: what a ballot costs per method,
 * what is left, which +/− steps are possible, the per-person item order, and which rounds
 * a member sees. Pure functions; the server stays the judge (docs/protocol.md, "Voting").
 */
import type { Member, ResultItem, Round, VoteMethod } from '../../protocol';
import type { AppState } from '../../store';
import { isStaff } from '../../store';
import { mayVote } from './eligibility';

/** Item id → votes. */
export type BallotMap = Record<number, number>;

/** What n votes on one item cost: n for dots and approval, n² credits for quadratic. */
export function cost(method: VoteMethod, votes: number): number {
  const n = Math.max(0, Math.floor(votes));
  return method === 'quadratic' ? n * n : n;
}

/** What a ballot has spent of the round's budget. */
export function spent(round: Pick<Round, 'method'>, ballot: BallotMap): number {
  let total = 0;
  for (const votes of Object.values(ballot)) total += cost(round.method, votes);
  return total;
}

/** What is left of the budget (approval has none: every item may get a yes). */
export function remaining(round: Pick<Round, 'method' | 'budget'>, ballot: BallotMap): number {
  if (round.method === 'approval') return Number.POSITIVE_INFINITY;
  return Math.max(0, round.budget - spent(round, ballot));
}

/** The most votes one item may take. */
export function maxPerItem(round: Pick<Round, 'method' | 'budget' | 'maxPerItem'>): number {
  if (round.method === 'approval') return 1;
  if (round.method === 'quadratic') return Math.floor(Math.sqrt(Math.max(0, round.budget)));
  return round.maxPerItem;
}

export type StepBlock = null | 'cap' | 'budget';

/** Whether one more vote may go on `item`: null when it may, otherwise why not. */
export function whyNotMore(
  round: Pick<Round, 'method' | 'budget' | 'maxPerItem'>,
  ballot: BallotMap,
  item: number,
): StepBlock {
  const now = ballot[item] ?? 0;
  if (now + 1 > maxPerItem(round)) return 'cap';
  if (round.method === 'approval') return null;
  const extra = cost(round.method, now + 1) - cost(round.method, now);
  return spent(round, ballot) + extra > round.budget ? 'budget' : null;
}

/** The ballot with `item` set to `votes` (0 takes the item off). */
export function withVotes(ballot: BallotMap, item: number, votes: number): BallotMap {
  const next = { ...ballot };
  if (votes > 0) next[item] = votes;
  else delete next[item];
  return next;
}

// ---------------------------------------------------------------------------------------
// Order

/** A 32-bit hash of a string (FNV-1a). */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small seeded generator (mulberry32): the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates shuffle driven by a seed; the input is left as it is. */
export function seededShuffle<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const random = seededRandom(hashString(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The items in the order one person sees them: shuffled per person and round, or as given. */
export function itemOrder(round: Pick<Round, 'id' | 'items' | 'randomOrder'>, memberId: number | null): number[] {
  if (!round.randomOrder || memberId === null) return [...round.items];
  return seededShuffle(round.items, `${memberId}:${round.id}`);
}

// ---------------------------------------------------------------------------------------
// Which rounds

/**
 * Whether a round shows for a member: staff and viewers see all; a participant the rounds
 * they may vote in (mayVote), and the others only once revealed, as results to read.
 */
export function roundConcerns(round: Round, you: Member | null): boolean {
  if (you === null) return false;
  if (you.role !== 'participant') return true;
  return mayVote(round, you) || round.state === 'revealed';
}

/** The rounds that concern this member, newest first. */
export function roundsFor(state: Pick<AppState, 'rounds' | 'you'>): Round[] {
  return Object.values(state.rounds)
    .filter((r) => roundConcerns(r, state.you))
    .sort((a, b) => b.id - a.id);
}

/** Whether this member may see a round's results now (and has them). */
export function showsResults(state: Pick<AppState, 'results' | 'you'>, round: Round): boolean {
  if (!state.results[round.id]) return false;
  return round.state === 'revealed' || round.liveResults || isStaff(state.you);
}

/** The round the big screen shows the results of: the newest round, once revealed. */
export function screenRound(state: Pick<AppState, 'rounds' | 'results'>): Round | null {
  const rounds = Object.values(state.rounds).sort((a, b) => b.id - a.id);
  const newest = rounds[0];
  return newest && newest.state === 'revealed' && state.results[newest.id] ? newest : null;
}

/** Results in rank order (ties share a rank; the item id breaks ties for a stable list). */
export function ranked(items: readonly ResultItem[]): ResultItem[] {
  return [...items].sort((a, b) => a.rank - b.rank || b.votes - a.votes || a.item - b.item);
}

/** Ranks that more than one item shares. */
export function tiedRanks(items: readonly ResultItem[]): Set<number> {
  const seen = new Map<number, number>();
  for (const r of items) seen.set(r.rank, (seen.get(r.rank) ?? 0) + 1);
  return new Set([...seen].filter(([, n]) => n > 1).map(([rank]) => rank));
}
