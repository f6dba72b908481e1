/**
 * Who may vote in a round, as the server decides it (`event_state::eligible`,
 * docs/protocol.md, "Voting"): the participants and leads of the round's track, of every
 * track, or of chosen tracks; facilitators and viewers never. Pure functions; the server
 * stays the judge (a vote from someone else is refused with `not_eligible`).
 */
import type { Eligible, Member, Round, RoundItemKind } from '../../protocol';

/** The three answers of the console's form; `tracks` carries its list apart. */
export type VotersChoice = 'track' | 'everyone' | 'tracks';

/** A round's voters; a round from an older server keeps the old rule (its track, or everyone). */
export function eligibleOf(round: Pick<Round, 'eligible' | 'track'>): Eligible {
  return round.eligible ?? (round.track === null ? 'everyone' : 'track');
}

/** Whether `member` may vote in `round` now (their track as it is now). */
export function mayVote(round: Pick<Round, 'eligible' | 'track'>, member: Member | null): boolean {
  if (member === null || (member.role !== 'participant' && member.role !== 'lead')) return false;
  const eligible = eligibleOf(round);
  if (eligible === 'everyone') return true;
  if (eligible === 'track') return round.track === null || member.track === round.track;
  return member.track !== null && eligible.includes(member.track);
}

/**
 * The form's default for a round over `kind` of `track` (null: every track): a track's ideas
 * and clusters are its members' to vote on; every track's, and proposals, everyone's.
 */
export function defaultVoters(track: number | null, kind: RoundItemKind): VotersChoice {
  return track !== null && kind !== 'proposals' ? 'track' : 'everyone';
}

/**
 * What the form shows chosen: the facilitator's choice (null: none yet), unless "Members of
 * the track" no longer fits (the round is now over every track); otherwise the default.
 */
export function effectiveVoters(choice: VotersChoice | null, track: number | null, kind: RoundItemKind): VotersChoice {
  return choice === null || (choice === 'track' && track === null) ? defaultVoters(track, kind) : choice;
}

/** What the form sends as `eligible`: the effective choice, chosen tracks in ascending order. */
export function votersToSend(
  choice: VotersChoice | null,
  chosen: readonly number[],
  track: number | null,
  kind: RoundItemKind,
): Eligible {
  const effective = effectiveVoters(choice, track, kind);
  return effective === 'tracks' ? [...chosen].sort((a, b) => a - b) : effective;
}
