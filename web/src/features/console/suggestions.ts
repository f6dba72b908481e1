/**
 * The moderators' suggestions for a track (issue 18), as pure functions: which suggested
 * duplicate pairs and cluster groups still apply to the ideas as they are now, and the
 * command sequences that accept suggested clusters (`create_cluster`, then `cluster_idea` for
 * each idea) and undo them (each idea back to no cluster, then `delete_cluster`).
 */
import type { DuplicatePair, Idea, SuggestedGroup } from '../../protocol';
import type { AppState } from '../../store';
import { isDismissedPair } from '../../store';

/** A cluster name may have this many characters at most (the suggestions' labels keep to it). */
export const CLUSTER_NAME_MAX = 60;

/** An idea a suggestion may still name: saved, shown, of the track, not merged beneath another. */
function standsAlone(idea: Idea | undefined, track: number): idea is Idea {
  return idea !== undefined && idea.track === track && !idea.hidden && (idea.mergedInto ?? null) === null;
}

/**
 * The suggested duplicates that still apply: both ideas still stand alone in the track (not
 * merged, hidden or deleted meanwhile) and the pair was not marked as not duplicates.
 */
export function livePairs(
  pairs: readonly DuplicatePair[],
  state: Pick<AppState, 'ideas' | 'dismissedDuplicates'>,
  track: number,
): DuplicatePair[] {
  return pairs.filter(
    (p) =>
      p.a !== p.b &&
      standsAlone(state.ideas[p.a], track) &&
      standsAlone(state.ideas[p.b], track) &&
      !isDismissedPair(state.dismissedDuplicates ?? [], p.a, p.b),
  );
}

/** A suggested cluster as the moderator edits it before creating it. */
export interface DraftGroup {
  /** Stable for rendering: the suggestion's place in the answer and its first idea. */
  key: string;
  /** Its place in the answer (groups put back by Undo return to it). */
  order: number;
  name: string;
  ideas: number[];
}

/** A name cut to `max` characters (a label the server made is never longer; a smaller limit may be). */
export function clusterName(label: string, max: number = CLUSTER_NAME_MAX): string {
  const chars = [...label.trim()];
  return chars.length > max ? chars.slice(0, max).join('').trim() : chars.join('');
}

/** The suggested groups as drafts, their names cut to `max`. */
export function draftGroups(groups: readonly SuggestedGroup[], max: number = CLUSTER_NAME_MAX): DraftGroup[] {
  return groups
    .filter((g) => Array.isArray(g.ideas) && g.ideas.length > 0)
    .map((g, order) => ({
      key: `${order}-${g.ideas[0]}`,
      order,
      name: clusterName(typeof g.label === 'string' ? g.label : '', max),
      ideas: [...g.ideas],
    }));
}

/**
 * The ideas of a draft group that may still go into a new cluster: they stand alone in the
 * track and are in no cluster (someone may have sorted them meanwhile).
 */
export function groupIdeas(group: DraftGroup, state: Pick<AppState, 'ideas'>, track: number): Idea[] {
  const out: Idea[] = [];
  for (const id of group.ideas) {
    const idea = state.ideas[id];
    if (standsAlone(idea, track) && (idea.cluster ?? null) === null) out.push(idea);
  }
  return out;
}

/** What accepting and undoing need of the connection (session.actions has it). */
export interface ClusterPort {
  createCluster(track: number, name: string): Promise<{ cluster: number }>;
  clusterIdea(idea: number, cluster: number | null): Promise<unknown>;
  deleteCluster(cluster: number): Promise<unknown>;
}

/** A suggested cluster made: the cluster created and the ideas moved into it. */
export interface AcceptedGroup {
  group: DraftGroup;
  cluster: number;
  ideas: number[];
}

/**
 * Creates each group's cluster (with its name as edited), then moves each of its ideas into
 * it, one command after the other. Stops at the first refusal: `accepted` holds what was
 * made until then (a cluster and the ideas moved so far count), so Undo can take it back, and
 * `error` the refusal.
 */
export async function acceptGroups(
  port: ClusterPort,
  track: number,
  groups: readonly { group: DraftGroup; ideas: readonly number[] }[],
): Promise<{ accepted: AcceptedGroup[]; error: unknown }> {
  const accepted: AcceptedGroup[] = [];
  for (const { group, ideas } of groups) {
    let made: AcceptedGroup;
    try {
      const { cluster } = await port.createCluster(track, group.name.trim());
      made = { group, cluster, ideas: [] };
      accepted.push(made);
    } catch (error) {
      return { accepted, error };
    }
    for (const idea of ideas) {
      try {
        await port.clusterIdea(idea, made.cluster);
        made.ideas.push(idea);
      } catch (error) {
        return { accepted, error };
      }
    }
  }
  return { accepted, error: null };
}

/**
 * Takes accepted groups back: every idea moved back to no cluster, then every cluster
 * created deleted. Goes on past a refusal (an idea deleted meanwhile) and returns the first.
 */
export async function undoAccepted(port: ClusterPort, accepted: readonly AcceptedGroup[]): Promise<{ error: unknown }> {
  let first: unknown = null;
  const attempt = async (send: () => Promise<unknown>) => {
    try {
      await send();
    } catch (error) {
      first ??= error;
    }
  };
  for (const made of accepted) for (const idea of made.ideas) await attempt(() => port.clusterIdea(idea, null));
  for (const made of accepted) await attempt(() => port.deleteCluster(made.cluster));
  return { error: first };
}
