/**
 * Rules and selectors of drafting (docs/protocol.md, "Drafting: proposals written
 * together"): who may edit, comment and resolve; proposals by track; comment threads in the
 * order they are shown; names of team members; the template editor's checks. Pure functions
 * over the store's state; the views and tests call them.
 */
import { effectivePhase, effectivePhaseIndex } from '../../agenda';
import type { Comment, Idea, Limits, Member, PhaseKind, Proposal, TemplateSection } from '../../protocol';
import type { AppState } from '../../store';
import { isMine, isStaff } from '../../store';
import { personName } from '../../people';

type State = Pick<AppState, 'you' | 'members' | 'ideas' | 'comments' | 'proposals' | 'agenda' | 'frozen' | 'event'>;

/** Characters as people count them (code points), as the server checks titles and texts. */
export function charCount(text: string): number {
  return [...text].length;
}

// ---------------------------------------------------------------------------------------
// Who may do what

export function isOnTeam(you: Member | null, proposal: Proposal): boolean {
  return you !== null && proposal.team.includes(you.id);
}

/** Facilitators, and the lead of the proposal's track. */
export function isProposalStaff(you: Member | null, proposal: Proposal): boolean {
  if (you === null) return false;
  return you.role === 'facilitator' || (you.role === 'lead' && you.track === proposal.track);
}

/** Whether `you` may write the sections and the title (while proposals are not frozen). */
export function mayEditProposal(you: Member | null, proposal: Proposal): boolean {
  return you !== null && you.role !== 'viewer' && (isOnTeam(you, proposal) || isProposalStaff(you, proposal));
}

/** Editing now: allowed, and proposals are not frozen. */
export function mayEditNow(state: Pick<AppState, 'you' | 'frozen'>, proposal: Proposal): boolean {
  return !state.frozen && mayEditProposal(state.you, proposal);
}

/** Facilitators and the track's lead change the team (and delete the proposal). */
export function mayManageProposal(you: Member | null, proposal: Proposal): boolean {
  return isProposalStaff(you, proposal);
}

/** Facilitators create proposals in any track, leads in their own. */
export function mayCreateProposal(you: Member | null, track: number): boolean {
  if (you === null) return false;
  return you.role === 'facilitator' || (you.role === 'lead' && you.track === track);
}

/** Whether the track has reached the first `review` phase of the agenda (or gone past it). */
export function reviewReached(state: Pick<AppState, 'agenda'>, track: number): boolean {
  const agenda = state.agenda;
  if (!agenda) return false;
  const review = agenda.phases.findIndex((p) => p.kind === 'review');
  if (review < 0) return false;
  return effectivePhaseIndex(agenda, track) >= review;
}

/**
 * Who may comment: the team, staff, the members of the proposal's track; from the review
 * phase on, everyone. Never viewers (the big screen).
 */
export function mayComment(state: Pick<AppState, 'you' | 'agenda'>, proposal: Proposal): boolean {
  const you = state.you;
  if (you === null || you.role === 'viewer') return false;
  if (isOnTeam(you, proposal) || isStaff(you) || you.track === proposal.track) return true;
  return reviewReached(state, proposal.track);
}

/** The team, the track's lead, facilitators and the comment's author resolve (and reopen). */
export function mayResolve(state: Pick<AppState, 'you' | 'proposals'>, comment: Comment): boolean {
  const you = state.you;
  if (you === null || you.role === 'viewer' || comment.parent !== null) return false;
  if (comment.author.id === you.id) return true;
  const proposal = state.proposals[comment.proposal];
  return proposal !== undefined && (isOnTeam(you, proposal) || isProposalStaff(you, proposal));
}

const DRAFTING_KINDS: ReadonlySet<PhaseKind> = new Set(['drafting', 'review', 'final_selection']);

/** Whether the track works on proposals now (drafting, review, final selection). */
export function isDraftingPhase(state: Pick<AppState, 'agenda'>, track?: number): boolean {
  const phase = effectivePhase(state.agenda, track);
  return phase !== null && DRAFTING_KINDS.has(phase.kind);
}

// ---------------------------------------------------------------------------------------
// Proposals

function byCreation(a: Proposal, b: Proposal): number {
  return a.createdAt - b.createdAt || a.id - b.id;
}

export function proposalsOfTrack(state: Pick<AppState, 'proposals'>, track: number): Proposal[] {
  return Object.values(state.proposals)
    .filter((p) => p.track === track)
    .sort(byCreation);
}

/** Every track of the event with its proposals, in the event's track order. */
export function proposalsByTrack(
  state: Pick<AppState, 'proposals' | 'event'>,
): { track: number; proposals: Proposal[] }[] {
  const tracks = state.event?.tracks ?? [];
  return tracks.map((tr) => ({ track: tr.id, proposals: proposalsOfTrack(state, tr.id) }));
}

/** The proposals whose team `you` is on. */
export function ownProposals(state: Pick<AppState, 'proposals' | 'you'>): Proposal[] {
  return Object.values(state.proposals)
    .filter((p) => isOnTeam(state.you, p))
    .sort(byCreation);
}

/** The source ideas of a proposal that this member can see, in the proposal's order. */
export function sourceIdeas(state: Pick<AppState, 'ideas'>, proposal: Proposal): Idea[] {
  const out: Idea[] = [];
  for (const id of proposal.ideas) {
    const idea = state.ideas[id];
    if (idea) out.push(idea);
  }
  return out;
}

/**
 * A member's name from anything that carries it: the member list (staff), this member, the
 * authors of ideas and comments. Null when nothing here names them (participants have no
 * member list; docs/protocol.md gives proposals team ids only).
 */
export function memberName(
  state: Pick<AppState, 'you' | 'members' | 'ideas' | 'comments'> & Partial<Pick<AppState, 'proposals'>>,
  id: number,
): string | null {
  const m = state.members[id];
  if (m) return m.name;
  if (state.you?.id === id) return state.you.name;
  // Participants have no member list: a proposal carries its team's names.
  for (const p of Object.values(state.proposals ?? {})) {
    const person = p.people?.find((x) => x.id === id && x.name !== '');
    if (person) return person.name;
  }
  for (const idea of Object.values(state.ideas)) if (idea.author?.id === id) return personName(idea.author);
  for (const c of Object.values(state.comments)) if (c.author.id === id) return personName(c.author);
  return null;
}

/** The ideas whose author `you` are (to mark "(you)" beside a source idea). */
export function isOwnIdea(state: Pick<AppState, 'you'>, idea: Idea): boolean {
  return isMine(idea, state.you);
}

// ---------------------------------------------------------------------------------------
// Comments

export interface CommentThread {
  comment: Comment;
  /** Oldest first. */
  replies: Comment[];
}

function byTime(a: Comment, b: Comment): number {
  return a.at - b.at || a.id - b.id;
}

/**
 * The comment threads of a proposal as shown: only those on `section` (null: on the
 * proposal as a whole; undefined: all), unresolved first, then oldest first; replies under
 * their comment, oldest first. A reply whose comment is unknown stands as its own thread.
 */
export function commentThreads(
  comments: Record<number, Comment> | readonly Comment[],
  proposal: number,
  section?: number | null,
): CommentThread[] {
  const list = (Array.isArray(comments) ? comments : Object.values(comments)).filter((c) => c.proposal === proposal);
  const known = new Set(list.filter((c) => c.parent === null).map((c) => c.id));
  const replies = new Map<number, Comment[]>();
  const tops: Comment[] = [];
  for (const c of list) {
    if (c.parent !== null && known.has(c.parent)) {
      const r = replies.get(c.parent) ?? [];
      r.push(c);
      replies.set(c.parent, r);
    } else {
      tops.push(c);
    }
  }
  return tops
    .filter((c) => section === undefined || c.section === section)
    .sort((a, b) => Number(a.resolved) - Number(b.resolved) || byTime(a, b))
    .map((comment) => ({ comment, replies: (replies.get(comment.id) ?? []).sort(byTime) }));
}

/** Comments and replies on a proposal; `open`: the unresolved comments (not replies). */
export function commentCount(state: Pick<AppState, 'comments'>, proposal: number): { all: number; open: number } {
  let all = 0;
  let open = 0;
  for (const c of Object.values(state.comments)) {
    if (c.proposal !== proposal) continue;
    all++;
    if (c.parent === null && !c.resolved) open++;
  }
  return { all, open };
}

/**
 * A quote for a comment on a passage: whitespace kept, cut to `max` code points (the
 * server's `quote` limit; undefined: not known, kept whole).
 */
export function quoteOf(text: string, max: number | undefined): string {
  if (max === undefined) return text;
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max).join('');
}

/**
 * Where a comment's quote is in `text` now: at `near` (its mapped position) if it is still
 * there, else the occurrence closest to `near`, else null.
 */
export function findQuote(text: string, quote: string, near: number | null): { from: number; to: number } | null {
  if (quote === '') return null;
  if (near !== null && text.startsWith(quote, near)) return { from: near, to: near + quote.length };
  let best: number | null = null;
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    if (best === null || (near !== null && Math.abs(i - near) < Math.abs(best - near))) best = i;
    if (near === null) break;
  }
  return best === null ? null : { from: best, to: best + quote.length };
}

// ---------------------------------------------------------------------------------------
// Template

export type TemplateProblem = 'empty' | 'too_many' | 'heading' | 'hint';

/**
 * Checks a template draft against the server's `limits`; returns the first problem. Without
 * limits (an older server) only a section and a heading are required; the server judges the
 * rest.
 */
export function checkTemplate(
  sections: readonly TemplateSection[],
  limits: Limits | null,
): { problem: TemplateProblem; index: number } | null {
  if (sections.length === 0) return { problem: 'empty', index: -1 };
  if (limits !== null && sections.length > limits.templateSections) return { problem: 'too_many', index: -1 };
  for (let i = 0; i < sections.length; i++) {
    const heading = charCount(sections[i].heading.trim());
    if (heading < 1 || (limits !== null && heading > limits.heading)) return { problem: 'heading', index: i };
    if (limits !== null && charCount(sections[i].hint) > limits.hint) return { problem: 'hint', index: i };
  }
  return null;
}

/** Whether a proposal title (trimmed) is one the server takes: 1 to `max` code points. */
export function validTitle(title: string, max: number | undefined): boolean {
  const n = charCount(title.trim());
  return n >= 1 && (max === undefined || n <= max);
}

/** Whether the template may still change: only before the first proposal. */
export function templateLocked(state: Pick<AppState, 'proposals'>): boolean {
  return Object.keys(state.proposals).length > 0;
}

// ---------------------------------------------------------------------------------------
// New proposals

/** The members a new proposal's team can be chosen from (staff see the member list). */
export function teamCandidates(state: Pick<AppState, 'members'>, track: number): Member[] {
  return Object.values(state.members)
    .filter((m) => m.role === 'participant' && m.track === track)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** The ideas of a cluster (what `create_proposal` with that cluster adds). */
export function ideasOfCluster(state: Pick<AppState, 'ideas'>, cluster: number): Idea[] {
  return Object.values(state.ideas)
    .filter((i) => i.cluster === cluster)
    .sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}

/** The state slice the drafting views read (for typing helpers). */
export type DraftingState = State;
