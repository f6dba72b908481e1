/**
 * The ideas of a track as a member sees them: saved ideas with the unanswered commands laid
 * over them (unsaved posts, edits, hides, deletes), merge trees, clusters, and who edited an
 * idea. Pure functions over the store's state.
 */
import type { Cluster, Idea, IdeaCommand } from './protocol';
import type { AppState } from './store';
import { isMine, isVisible } from './store';
import { personName } from './people';

export interface IdeaView {
  /** Stable key for rendering: the idea id, or the command id of an unsaved post. */
  key: string;
  idea: Idea;
  mine: boolean;
  /** A command about this idea has not been answered yet. */
  unsaved: boolean;
}

/**
 * The ideas of one track as this member sees them, newest first, with the unanswered
 * commands laid over them: unsaved posts at the top, unsaved edits with their new text,
 * hide/unhide with their new state, deletes already gone.
 */
export function ideasOfTrack(state: AppState, track: number): IdeaView[] {
  const you = state.you;
  const overlay = new Map<number, Idea>();
  const deleted = new Set<number>();
  const touched = new Set<number>();
  const posts: IdeaCommand[] = [];
  for (const c of state.pending) {
    if (c.type === 'post_idea') {
      if (c.track === track) posts.push(c);
      continue;
    }
    const base = overlay.get(c.idea) ?? state.ideas[c.idea];
    if (!base) continue;
    touched.add(c.idea);
    if (c.type === 'delete_idea') deleted.add(c.idea);
    else if (c.type === 'edit_idea') {
      const editedBy = you ? { id: you.id, name: you.name } : (base.editedBy ?? null);
      overlay.set(c.idea, { ...base, text: c.text, editedAt: base.editedAt ?? Date.now(), editedBy });
    } else overlay.set(c.idea, { ...base, hidden: c.type === 'hide_idea' });
  }

  const saved: IdeaView[] = [];
  for (const original of Object.values(state.ideas)) {
    if (original.track !== track || deleted.has(original.id)) continue;
    const idea = overlay.get(original.id) ?? original;
    const mine = isMine(idea, you);
    if (!isVisible(idea, you) && !touched.has(idea.id)) continue;
    saved.push({ key: String(idea.id), idea, mine, unsaved: touched.has(idea.id) });
  }
  saved.sort((a, b) => b.idea.createdAt - a.idea.createdAt || b.idea.id - a.idea.id);

  // Acknowledged posts wait (matched by the idea id of their ack) until their idea arrives.
  // A post is matched by its command id, never by its text: two posts may say the same.
  const acked = state.savedPosts.filter((p) => p.command.track === track && !(p.idea in state.ideas));
  const resaved = resavedPosts(state, posts, saved);
  const unsavedPosts: IdeaView[] = [];
  for (const c of [...acked.map((p) => p.command), ...posts]) {
    if (c.type !== 'post_idea' || resaved.has(c.id)) continue;
    const text = c.text.trim();
    unsavedPosts.unshift({
      key: c.id,
      mine: true,
      unsaved: true,
      idea: {
        id: 0,
        track,
        text,
        author: c.anonymous || !you ? null : { id: you.id, name: you.name, organisation: you.organisation },
        createdAt: Date.now(),
        editedAt: null,
        editedBy: null,
        hidden: false,
        pinned: false,
        mergedInto: null,
        cluster: null,
        mine: true,
      },
    });
  }
  return [...unsavedPosts, ...saved];
}

/**
 * The posts sent again after a lost connection whose idea is already here: the server may
 * have saved a post whose ack was lost, and the resume brought its idea before the repeated
 * command's ack names it. Until that ack, such a post is not shown beside the idea when a
 * saved idea of this member in the track has its text (and its anonymity) and no other such
 * post has claimed it (newest ideas first; two posts of one text claim two ideas). Returns the
 * ids of the posts so claimed.
 */
function resavedPosts(state: AppState, posts: readonly IdeaCommand[], saved: readonly IdeaView[]): Set<string> {
  const claimed = new Set<string>();
  if (state.resent.length === 0) return claimed;
  const resent = new Set(state.resent);
  const taken = new Set<number>();
  for (const c of posts) {
    if (c.type !== 'post_idea' || !resent.has(c.id)) continue;
    const text = c.text.trim();
    const match = saved.find(
      (v) => v.mine && !taken.has(v.idea.id) && v.idea.text === text && (v.idea.author === null) === c.anonymous,
    );
    if (!match) continue;
    taken.add(match.idea.id);
    claimed.add(c.id);
  }
  return claimed;
}

/** An idea with the ideas merged beneath it (a tree: merges may be merged into, too). */
export interface IdeaNode {
  view: IdeaView;
  children: IdeaNode[];
}

/** Pinned ideas first; otherwise the order given (unsaved posts, then newest first). */
function pinnedFirst(nodes: IdeaNode[]): IdeaNode[] {
  const pinned = nodes.filter((n) => n.view.idea.pinned === true);
  return pinned.length === 0 ? nodes : [...pinned, ...nodes.filter((n) => n.view.idea.pinned !== true)];
}

/**
 * Builds the merge trees of a list of ideas (as ideasOfTrack orders them): every idea sits
 * beneath the idea it is merged into; an idea whose target is not in the list (hidden from
 * this member, deleted) stands at the top. Pinned ideas come first on every level.
 */
export function buildIdeaTree(views: readonly IdeaView[]): IdeaNode[] {
  const nodes = new Map<number, IdeaNode>();
  for (const view of views) if (view.idea.id > 0) nodes.set(view.idea.id, { view, children: [] });
  const parentOf = (view: IdeaView): IdeaNode | null => {
    const into = view.idea.mergedInto ?? null;
    if (into === null || into === view.idea.id) return null;
    const parent = nodes.get(into);
    if (!parent) return null;
    // A cycle (never sent by the server, but never loop on one): its members stand at the top.
    const seen = new Set<number>([view.idea.id]);
    let up: number | null = into;
    while (up !== null) {
      if (seen.has(up)) return null;
      seen.add(up);
      up = nodes.get(up)?.view.idea.mergedInto ?? null;
    }
    return parent;
  };
  const roots: IdeaNode[] = [];
  for (const view of views) {
    const node = view.idea.id > 0 ? (nodes.get(view.idea.id) as IdeaNode) : { view, children: [] };
    const parent = view.idea.id > 0 ? parentOf(view) : null;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (list: IdeaNode[]): IdeaNode[] =>
    pinnedFirst(list).map((n) => (n.children.length > 0 ? { ...n, children: order(n.children) } : n));
  return order(roots);
}

/** Every idea in the trees, depth first. */
export function flattenTree(nodes: readonly IdeaNode[]): IdeaView[] {
  const out: IdeaView[] = [];
  const walk = (list: readonly IdeaNode[]) => {
    for (const n of list) {
      out.push(n.view);
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

/** The ids of every idea merged beneath `id`, directly or further down. */
export function mergedBeneath(ideas: Record<number, Idea>, id: number): Set<number> {
  const below = new Set<number>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const idea of Object.values(ideas)) {
      const into = idea.mergedInto ?? null;
      if (into !== null && (into === id || below.has(into)) && !below.has(idea.id) && idea.id !== id) {
        below.add(idea.id);
        grew = true;
      }
    }
  }
  return below;
}

/**
 * The ideas `idea` may be merged into: the other saved ideas of its track, except those
 * already beneath it (that would form a cycle) and the one it is merged into now.
 */
export function mergeTargets(state: AppState, idea: Idea): IdeaView[] {
  const below = mergedBeneath(state.ideas, idea.id);
  return ideasOfTrack(state, idea.track).filter(
    (v) => v.idea.id > 0 && v.idea.id !== idea.id && !below.has(v.idea.id) && v.idea.id !== idea.mergedInto,
  );
}

/** The clusters of one track, oldest first. */
export function clustersOfTrack(state: AppState, track: number): Cluster[] {
  return Object.values(state.clusters)
    .filter((c) => c.track === track)
    .sort((a, b) => a.id - b.id);
}

export interface ClusterGroup {
  /** null: the ideas in no cluster. */
  cluster: Cluster | null;
  nodes: IdeaNode[];
}

/**
 * The merge trees grouped by the cluster of their top idea: every cluster of the track in
 * order (empty ones too), then the ideas in no cluster (or in a cluster we do not know).
 */
export function groupByCluster(nodes: readonly IdeaNode[], clusters: readonly Cluster[]): ClusterGroup[] {
  const known = new Set(clusters.map((c) => c.id));
  const groups: ClusterGroup[] = clusters.map((cluster) => ({
    cluster,
    nodes: nodes.filter((n) => n.view.idea.cluster === cluster.id),
  }));
  groups.push({
    cluster: null,
    nodes: nodes.filter((n) => n.view.idea.cluster == null || !known.has(n.view.idea.cluster)),
  });
  return groups;
}

/**
 * The name to show as "edited by NAME", or null: only when someone other than the author
 * edited the idea. On an anonymous idea the editor's name could give the author away, so
 * it is shown only to the author, and to staff when the editor is staff.
 */
export function editedByName(state: Pick<AppState, 'you' | 'members'>, idea: Idea): string | null {
  const by = idea.editedBy ?? null;
  if (by === null) return null;
  if (idea.author !== null) return by.id === idea.author.id ? null : personName(by);
  const you = state.you;
  if (isMine(idea, you)) return you !== null && by.id === you.id ? null : personName(by);
  const editor = state.members[by.id];
  return editor && (editor.role === 'facilitator' || editor.role === 'lead') ? by.name : null;
}

/** Per ideas object (the store replaces it on every change): idea id → the ids merged into it. */
const mergedInto = new WeakMap<Record<number, Idea>, Map<number, number[]>>();

function mergeChildren(ideas: Record<number, Idea>): Map<number, number[]> {
  let index = mergedInto.get(ideas);
  if (index) return index;
  index = new Map();
  for (const idea of Object.values(ideas)) {
    const into = idea.mergedInto ?? null;
    if (into === null || into === idea.id) continue;
    const list = index.get(into);
    if (list) list.push(idea.id);
    else index.set(into, [idea.id]);
  }
  mergedInto.set(ideas, index);
  return index;
}

/**
 * The members who support an idea as shown: its own supporters and those of every idea merged
 * beneath it (directly or further down), each once: a merge joins people who said the same.
 */
export function supportersOf(ideas: Record<number, Idea>, id: number): number[] {
  const children = mergeChildren(ideas);
  const out = new Set<number>();
  const seen = new Set<number>();
  const walk = (at: number) => {
    if (seen.has(at)) return;
    seen.add(at);
    for (const m of ideas[at]?.supporters ?? []) out.add(m);
    for (const child of children.get(at) ?? []) walk(child);
  };
  walk(id);
  return [...out];
}

/** Whether `member` supports the idea itself (not only an idea merged beneath it). */
export function supportsIdea(idea: Idea, member: number | undefined): boolean {
  return member !== undefined && (idea.supporters ?? []).includes(member);
}

/** An idea's text on one line, cut to `max` characters with "…" (for labels and quotes). */
export function excerpt(text: string, max = 60): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
