/**
 * The console's search and filters over ideas: words in the text or the author's name and
 * organisation, a cluster, and pinned, merged (beneath another idea) or hidden ideas.
 */
import type { Idea } from '../../protocol';

export interface IdeaFilter {
  query: string;
  /** 'any', 'none' (in no cluster) or a cluster id. */
  cluster: 'any' | 'none' | number;
  pinned: boolean;
  merged: boolean;
  hidden: boolean;
}

export const NO_FILTER: IdeaFilter = { query: '', cluster: 'any', pinned: false, merged: false, hidden: false };

/** Whether the filter narrows anything (then ideas are listed flat, not in cluster columns). */
export function isFiltering(f: IdeaFilter): boolean {
  return f.query.trim() !== '' || f.cluster !== 'any' || f.pinned || f.merged || f.hidden;
}

/** Lower case without accents: "Zoé" is found with "zoe". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Whether an idea passes every part of the filter; every word of the query must be found. */
export function matchesFilter(idea: Idea, f: IdeaFilter): boolean {
  if (f.pinned && !idea.pinned) return false;
  if (f.hidden && !idea.hidden) return false;
  if (f.merged && (idea.mergedInto ?? null) === null) return false;
  if (f.cluster === 'none' && (idea.cluster ?? null) !== null) return false;
  if (typeof f.cluster === 'number' && idea.cluster !== f.cluster) return false;
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold([idea.text, idea.author?.name ?? '', idea.author?.organisation ?? ''].join(' '));
  return words.every((w) => haystack.includes(w));
}

/** How many of each track's ideas pass the filter (the cluster part only within `track`). */
export function countByTrack(ideas: readonly Idea[], f: IdeaFilter, track: number): Map<number, number> {
  const out = new Map<number, number>();
  const across = { ...f, cluster: 'any' as const };
  for (const idea of ideas) {
    if (!matchesFilter(idea, idea.track === track ? f : across)) continue;
    out.set(idea.track, (out.get(idea.track) ?? 0) + 1);
  }
  return out;
}
