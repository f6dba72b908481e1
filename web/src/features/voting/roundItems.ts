/**
 * What a vote round's items are and how the app names them (docs/protocol.md, "Voting"):
 * an idea by its text and author, a cluster by its name and how many ideas it holds, a
 * proposal by its title and team. Also which items are one's "own" where a round forbids
 * voting for them: one's idea, a cluster holding one's idea, a proposal of one's team.
 * Pure functions over the store; the server stays the judge.
 */
import type { MessageKey, PluralKey } from '../../i18n';
import type { Member, Round, RoundItemKind } from '../../protocol';
import type { EventState } from '../../store';
import { isMine } from '../../store';
import { personName } from '../../people';

/** A round's item kind; rounds without one (kept by an older app) are over ideas. */
export function itemKindOf(round: Pick<Round, 'itemKind'>): RoundItemKind {
  return round.itemKind ?? 'ideas';
}

/** One item of a round as the app shows it. */
export interface RoundItem {
  kind: RoundItemKind;
  /** The idea's text, the cluster's name or the proposal's title; null when we do not have it. */
  text: string | null;
  /** Ideas: the author's name, or null for an anonymous idea. */
  author: string | null;
  /** Clusters: how many ideas it holds (the visible, unmerged ones we have). */
  ideas: number | null;
  /** Proposals: the team's names. */
  people: string[];
  /** One's own item in the sense of the round's rule (own idea, cluster, team). */
  own: boolean;
}

type ItemState = Pick<EventState, 'ideas' | 'clusters' | 'proposals' | 'you'>;

/** The ideas of a cluster that count: not hidden, not merged beneath another idea. */
export function clusterIdeaCount(state: Pick<EventState, 'ideas'>, cluster: number): number {
  let n = 0;
  for (const idea of Object.values(state.ideas)) {
    if (idea.cluster === cluster && !idea.hidden && idea.mergedInto === null) n++;
  }
  return n;
}

/** Whether a cluster holds one of `you`'s ideas (merged ones included: they are still theirs). */
export function clusterHoldsOwn(state: Pick<EventState, 'ideas'>, cluster: number, you: Member | null): boolean {
  if (you === null) return false;
  return Object.values(state.ideas).some((idea) => idea.cluster === cluster && isMine(idea, you));
}

/** Whether `you` are on a proposal's team. */
export function onTeam(proposal: { team: readonly number[] } | undefined, you: Member | null): boolean {
  return you !== null && proposal !== undefined && proposal.team.includes(you.id);
}

/** Describes item `id` of a round of `kind`. */
export function describeItem(state: ItemState, kind: RoundItemKind, id: number): RoundItem {
  const you = state.you;
  const base: RoundItem = { kind, text: null, author: null, ideas: null, people: [], own: false };
  switch (kind) {
    case 'ideas': {
      const idea = state.ideas[id];
      if (!idea) return base;
      return { ...base, text: idea.text, author: idea.author ? personName(idea.author) : null, own: isMine(idea, you) };
    }
    case 'clusters': {
      const cluster = state.clusters[id];
      return {
        ...base,
        text: cluster ? cluster.name : null,
        ideas: cluster ? clusterIdeaCount(state, id) : null,
        own: clusterHoldsOwn(state, id, you),
      };
    }
    case 'proposals': {
      const proposal = state.proposals[id];
      if (!proposal) return base;
      return {
        ...base,
        text: proposal.title,
        people: (proposal.people ?? []).map((p) => p.name),
        own: onTeam(proposal, you),
      };
    }
  }
}

/** Whether the round keeps `you` from voting for this item (the round forbids own items). */
export function forbiddenAsOwn(round: Pick<Round, 'allowOwn'>, item: RoundItem): boolean {
  return !round.allowOwn && item.own;
}

// ---------------------------------------------------------------------------------------
// Texts per kind. The catalogue keeps the ideas' texts under their first keys and adds
// `.clusters` / `.proposals` variants where the words differ.

/** Catalogue keys that have a variant per item kind. */
export const KINDED_KEYS = [
  'vote.howTo.dots',
  'vote.howTo.approval',
  'vote.howTo.quadratic',
  'vote.capReached',
  'vote.budgetSpent',
  'vote.ownIdea',
  'vote.ownRule',
  'vote.unknownIdea',
  'vote.noItems',
  'vote.refused.own_idea',
  'vote.refused.bad_value',
  'rounds.scope',
  'rounds.maxPerItem',
  'rounds.allowOwn',
  'rounds.randomOrder',
] as const;
export type KindedKey = (typeof KINDED_KEYS)[number];

/** Counted texts that have a variant per item kind. */
export const KINDED_PLURALS = ['vote.approved', 'rounds.items'] as const;
export type KindedPlural = (typeof KINDED_PLURALS)[number];

/** The catalogue key of `key` for rounds over `kind`. */
export function kindKey(key: KindedKey, kind: RoundItemKind): MessageKey {
  return (kind === 'ideas' ? key : `${key}.${kind}`) as MessageKey;
}

/** The plural base of `base` for rounds over `kind`. */
export function kindPlural(base: KindedPlural, kind: RoundItemKind): PluralKey {
  return (kind === 'ideas' ? base : `${base}.${kind}`) as PluralKey;
}
