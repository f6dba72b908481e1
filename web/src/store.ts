/**
 * The app's one store: what the server has shown us of the event, plus the connection's
 * status, the unanswered commands and notices. `reduce` is a pure function of
 * (state, action); the Store class only holds the current state and tells subscribers.
 */
import type { ConnectionStatus } from './connection';
import type {
  Agenda,
  Author,
  Announcement,
  Change,
  ChangeMessage,
  Cluster,
  Comment,
  ChangesMessage,
  EventInfo,
  Idea,
  IdeaCommand,
  Limits,
  Member,
  PostIdeaCommand,
  PresenceMessage,
  Proposal,
  Report,
  ResultItem,
  ResultsMessage,
  Round,
  Ballot,
  Ballots,
  ScreenState,
  SnapshotMessage,
  Table,
  TemplateSection,
  TrashedProposal,
  TurnoutMessage,
} from './protocol';
import type { TurnoutByRound } from './turnout';
import { turnoutOfRounds, withTurnout } from './turnout';

/** What the server has shown us; kept in storage so a reload can resume from `lastSeq`. */
export interface EventState {
  event: EventInfo | null;
  ideas: Record<number, Idea>;
  /** Staff only: every member of the event. */
  members: Record<number, Member>;
  /** The agenda and timer; null until the server has sent one. */
  agenda: Agenda | null;
  /** The announcements up now. */
  announcements: Record<number, Announcement>;
  /** What the big screen shows. */
  screen: ScreenState;
  /** Named groups of ideas, per track. */
  clusters: Record<number, Cluster>;
  /** Small teams within tracks. */
  tables: Record<number, Table>;
  /** Vote rounds, without their results. */
  rounds: Record<number, Round>;
  /** The results we may see, per round (staff live; everyone after reveal or in live rounds). */
  results: Record<number, ResultItem[]>;
  /** Our own votes, per round: item id → votes (the server's word). */
  ballots: Record<number, Record<number, number>>;
  /** Staff and screens: how many have voted, per round (turnout.ts). */
  turnout: TurnoutByRound;
  /** The proposal template, as the server sent it (its default until one is set). */
  template: TemplateSection[];
  proposals: Record<number, Proposal>;
  /** Facilitators (a lead: their track's): deleted proposals, restorable until publishing. */
  trash: Record<number, TrashedProposal>;
  /** Proposals are frozen: no section or title may change. */
  frozen: boolean;
  comments: Record<number, Comment>;
  /** The report; null until the server sends one (for participants: until published). */
  report: Report | null;
  /** Whether new people may join with the event's code (personal links always work). */
  selfJoin: boolean;
  /** What the server accepts (lengths, counts); null until it has said (or an older server). */
  limits: Limits | null;
  /** Staff (a lead: their tracks'): pairs of ideas marked as not duplicates, `[a, b]` with a < b. */
  dismissedDuplicates: [number, number][];
  you: Member | null;
  lastSeq: number;
}

export interface Notice {
  id: string;
  /** A protocol error code (shown with its catalogue text). */
  code: string;
}

/** A post the server acknowledged as idea `idea`, whose idea has not reached us yet. */
export interface SavedPost {
  command: PostIdeaCommand;
  idea: number;
}

export interface AppState extends EventState {
  status: ConnectionStatus;
  pending: IdeaCommand[];
  /**
   * The ids of pending commands sent again after their answer was lost with the connection
   * (or queued by an earlier page), until answered: the server may have applied them already,
   * so their effect may be in the state before the repeated command's answer names it.
   */
  resent: string[];
  /** Posts acknowledged but not yet seen in the change stream (shown as unsaved until then). */
  savedPosts: SavedPost[];
  notices: Notice[];
  /** The server clock's lead over the local one, in ms (`serverTime - local receipt time`). */
  clockOffset: number;
  /** The latest presence report; null until one arrives. */
  presence: PresenceMessage | null;
}

export type Action =
  | SnapshotMessage
  | ChangesMessage
  | ChangeMessage
  | PresenceMessage
  | ResultsMessage
  | TurnoutMessage
  | { type: 'ballots'; ballots: Ballots }
  | { type: 'clock'; offset: number }
  | { type: 'you'; you: Member }
  /**
   * What the join form knew (event_info), to draw the board at once after joining: used only
   * until the snapshot, which replaces it.
   */
  | { type: 'preview'; event: EventInfo; agenda: Agenda | null }
  | { type: 'limits'; limits: Limits }
  | { type: 'restore'; state: EventState }
  | { type: 'reset' }
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'pending'; commands: IdeaCommand[]; resent?: string[] }
  | { type: 'posted'; command: PostIdeaCommand; idea: number }
  | { type: 'notice'; notice: Notice }
  | { type: 'dismiss'; id: string };

export const emptyEventState: EventState = {
  event: null,
  ideas: {},
  members: {},
  agenda: null,
  announcements: {},
  screen: { track: null },
  clusters: {},
  tables: {},
  rounds: {},
  results: {},
  ballots: {},
  turnout: {},
  template: [],
  proposals: {},
  trash: {},
  frozen: false,
  comments: {},
  report: null,
  selfJoin: true,
  limits: null,
  dismissedDuplicates: [],
  you: null,
  lastSeq: 0,
};

export const initialState: AppState = {
  ...emptyEventState,
  status: 'connecting',
  pending: [],
  resent: [],
  savedPosts: [],
  notices: [],
  clockOffset: 0,
  presence: null,
};

const MAX_NOTICES = 3;

function byId<T extends { id: number }>(items: readonly T[]): Record<number, T> {
  const out: Record<number, T> = {};
  for (const item of items) out[item.id] = item;
  return out;
}

function without<T>(map: Record<number, T>, id: number): Record<number, T> {
  if (!(id in map)) return map;
  const out = { ...map };
  delete out[id];
  return out;
}

/** Puts a whole idea in place, or (only its id: now hidden from us) takes it out. */
function withIdea(ideas: Record<number, Idea>, idea: number | Idea): Record<number, Idea> {
  return typeof idea === 'number' ? without(ideas, idea) : { ...ideas, [idea.id]: idea };
}

/** A member's new track and table, wherever the state holds that member. */
function withMember<S extends EventState>(state: S, next: S, member: Member): void {
  if (member.id in state.members || isStaff(state.you)) {
    next.members = { ...state.members, [member.id]: member };
  }
  if (state.you !== null && state.you.id === member.id) next.you = { ...state.you, ...member };
}

/**
 * A member's new name, organisation, group or consent (`member_updated`): the whole member
 * (staff, the member) or only the name as others see it, everywhere the state shows it: the
 * member list, ourselves, ideas' authors and editors, proposals' people, comments' authors.
 */
function withPerson<S extends EventState>(state: S, next: S, person: Member | Author): void {
  if ('role' in person) {
    withMember(state, next, person);
  } else if (person.id in state.members) {
    next.members = { ...state.members, [person.id]: { ...state.members[person.id], ...person } };
  }
  const { id, name, organisation } = person;
  let ideas: Record<number, Idea> | null = null;
  for (const i of Object.values(state.ideas)) {
    const author = i.author?.id === id ? { ...i.author, name, organisation } : i.author;
    const editedBy = i.editedBy?.id === id ? { ...i.editedBy, name } : i.editedBy;
    if (author === i.author && editedBy === i.editedBy) continue;
    ideas ??= { ...state.ideas };
    ideas[i.id] = { ...i, author, editedBy };
  }
  if (ideas) next.ideas = ideas;
  let proposals: Record<number, Proposal> | null = null;
  for (const p of Object.values(state.proposals)) {
    if (!p.people?.some((x) => x.id === id)) continue;
    proposals ??= { ...state.proposals };
    proposals[p.id] = { ...p, people: p.people.map((x) => (x.id === id ? { ...x, name, organisation } : x)) };
  }
  if (proposals) next.proposals = proposals;
  let comments: Record<number, Comment> | null = null;
  for (const c of Object.values(state.comments)) {
    if (c.author.id !== id) continue;
    comments ??= { ...state.comments };
    comments[c.id] = { ...c, author: { ...c.author, name, organisation } };
  }
  if (comments) next.comments = comments;
}

/** A ballot as sent (string keys, any values) as item id → votes, without zeros. */
export function normaliseBallot(ballot: Ballot | null | undefined): Record<number, number> {
  const out: Record<number, number> = {};
  if (!ballot || typeof ballot !== 'object') return out;
  for (const [key, votes] of Object.entries(ballot)) {
    const item = Number(key);
    if (Number.isInteger(item) && typeof votes === 'number' && votes > 0) out[item] = votes;
  }
  return out;
}

/** A round without what the store keeps apart (its results and turnout). */
function roundOnly(round: Round): Round {
  if (!('results' in round) && !('turnout' in round)) return round;
  const { results: _results, turnout: _turnout, ...rest } = round;
  return rest;
}

/** The idea with `member` among its supporters (added last), or without them. */
function withSupport(ideas: Record<number, Idea>, id: number, member: number, supports: boolean): Record<number, Idea> {
  const idea = ideas[id];
  if (!idea) return ideas;
  const before = idea.supporters ?? [];
  if (before.includes(member) === supports) return ideas;
  const supporters = supports ? [...before, member] : before.filter((m) => m !== member);
  return { ...ideas, [id]: { ...idea, supporters } };
}

/** A pair of ideas in the order the server keeps it (the lower id first). */
export function duplicatePair(a: number, b: number): [number, number] {
  return a < b ? [a, b] : [b, a];
}

/** Whether the pair of ideas was marked as not duplicates. */
export function isDismissedPair(dismissed: readonly (readonly [number, number])[], a: number, b: number): boolean {
  const [x, y] = duplicatePair(a, b);
  return dismissed.some(([p, q]) => p === x && q === y);
}

/** The dismissed pairs without those that hold a deleted idea (the server drops them too). */
function pairsWithout(pairs: [number, number][], deleted: readonly number[]): [number, number][] {
  if (deleted.length === 0 || !pairs.some(([a, b]) => deleted.includes(a) || deleted.includes(b))) return pairs;
  return pairs.filter(([a, b]) => !deleted.includes(a) && !deleted.includes(b));
}

/** The pairs a snapshot sends, checked and in the server's order (a < b). */
function dismissedPairs(pairs: unknown): [number, number][] {
  if (!Array.isArray(pairs)) return [];
  const out: [number, number][] = [];
  for (const p of pairs) {
    if (Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number') out.push(duplicatePair(p[0], p[1]));
  }
  return out;
}

/** Applies one change. Changes at or below `lastSeq` were applied already and are skipped. */
export function applyChange<S extends EventState>(state: S, change: Change): S {
  if (change.seq <= state.lastSeq) return state;
  const next: S = { ...state, lastSeq: change.seq };
  switch (change.kind) {
    case 'idea_posted':
    case 'idea_edited':
    case 'idea_unhidden':
      next.ideas = { ...state.ideas, [change.idea.id]: change.idea };
      return next;
    case 'idea_hidden':
    case 'idea_pinned':
    case 'idea_merged':
    case 'idea_split':
    case 'idea_clustered':
      // A hidden idea reaches participants and viewers as its id only: it leaves their view.
      next.ideas = withIdea(state.ideas, change.idea);
      return next;
    case 'idea_deleted': {
      const id = typeof change.idea === 'number' ? change.idea : (change.idea as Idea).id;
      next.ideas = without(state.ideas, id);
      next.dismissedDuplicates = pairsWithout(state.dismissedDuplicates, [id]);
      return next;
    }
    case 'member_joined':
      next.members = { ...state.members, [change.member.id]: change.member };
      return next;
    case 'agenda_changed':
      next.agenda = change.agenda;
      return next;
    case 'announcement_made':
      next.announcements = { ...state.announcements, [change.announcement.id]: change.announcement };
      return next;
    case 'announcement_cleared':
      next.announcements = without(state.announcements, change.announcement);
      return next;
    case 'screen_changed':
      next.screen = change.screen;
      return next;
    case 'idea_supported':
    case 'idea_support_withdrawn':
      next.ideas = withSupport(state.ideas, change.idea, change.member, change.kind === 'idea_supported');
      return next;
    case 'duplicate_dismissed':
      if (!isDismissedPair(state.dismissedDuplicates, change.a, change.b)) {
        next.dismissedDuplicates = [...state.dismissedDuplicates, duplicatePair(change.a, change.b)];
      }
      return next;
    case 'duplicate_restored': {
      const [a, b] = duplicatePair(change.a, change.b);
      next.dismissedDuplicates = state.dismissedDuplicates.filter(([p, q]) => p !== a || q !== b);
      return next;
    }
    case 'cluster_created':
    case 'cluster_renamed':
      next.clusters = { ...state.clusters, [change.cluster.id]: change.cluster };
      return next;
    case 'cluster_deleted': {
      next.clusters = without(state.clusters, change.cluster);
      // Its ideas are no longer in a cluster.
      const ideas = { ...state.ideas };
      for (const idea of Object.values(state.ideas)) {
        if (idea.cluster === change.cluster) ideas[idea.id] = { ...idea, cluster: null };
      }
      next.ideas = ideas;
      return next;
    }
    case 'table_added':
      next.tables = { ...state.tables, [change.table.id]: change.table };
      return next;
    case 'table_removed': {
      next.tables = without(state.tables, change.table);
      // Its members are no longer at a table.
      const members = { ...state.members };
      for (const m of Object.values(state.members)) {
        if (m.table === change.table) members[m.id] = { ...m, table: null };
      }
      next.members = members;
      if (state.you?.table === change.table) next.you = { ...state.you, table: null };
      return next;
    }
    case 'member_moved':
      withMember(state, next, change.member);
      return next;
    case 'roster_imported':
      next.tables = { ...state.tables, ...byId(change.tables ?? []) };
      if (change.members) next.members = { ...state.members, ...byId(change.members) };
      return next;
    case 'round_opened':
    case 'round_closed':
      next.rounds = { ...state.rounds, [change.round.id]: roundOnly(change.round) };
      return next;
    case 'round_reopened':
      next.rounds = { ...state.rounds, [change.round.id]: roundOnly(change.round) };
      // Results are hidden again, unless we are staff or the round shows them live.
      if (!isStaff(state.you) && !change.round.liveResults) next.results = without(state.results, change.round.id);
      return next;
    case 'round_revealed':
      next.rounds = { ...state.rounds, [change.round.id]: roundOnly(change.round) };
      next.results = { ...state.results, [change.round.id]: change.results ?? [] };
      return next;
    case 'vote_cast':
      next.ballots = { ...state.ballots, [change.round]: normaliseBallot(change.ballot) };
      return next;
    case 'template_changed':
      next.template = change.template;
      return next;
    case 'proposal_created':
    case 'proposal_updated':
      next.proposals = { ...state.proposals, [change.proposal.id]: change.proposal };
      return next;
    case 'proposal_deleted': {
      next.proposals = without(state.proposals, change.proposal);
      const gone = state.proposals[change.proposal];
      const trashed =
        change.trashed ??
        (gone && typeof change.deletedAt === 'number' ? { ...gone, deletedAt: change.deletedAt } : null);
      if (trashed && mayUseTrash(state.you, trashed)) {
        // Into our trash, its comments kept for when it is restored.
        next.trash = { ...state.trash, [trashed.id]: trashed };
        return next;
      }
      // Its comments go with it.
      const comments: Record<number, Comment> = {};
      for (const c of Object.values(state.comments)) if (c.proposal !== change.proposal) comments[c.id] = c;
      next.comments = comments;
      return next;
    }
    case 'proposal_restored':
      next.proposals = { ...state.proposals, [change.proposal.id]: change.proposal };
      next.trash = without(state.trash, change.proposal.id);
      if (Array.isArray(change.comments) && change.comments.length > 0) {
        next.comments = { ...state.comments, ...byId(change.comments) };
      }
      return next;
    case 'link_changed':
      withMember(state, next, change.member);
      return next;
    case 'proposals_frozen':
      next.frozen = change.frozen === true;
      return next;
    case 'comment_added':
    case 'comment_resolved':
      next.comments = { ...state.comments, [change.comment.id]: change.comment };
      return next;
    case 'report_changed':
      next.report = change.report;
      return next;
    case 'self_join_changed':
      next.selfJoin = change.open !== false;
      return next;
    case 'groups_changed':
      if (state.event) next.event = { ...state.event, groups: change.groups };
      return next;
    case 'event_language_changed':
      if (state.event) {
        next.event = { ...state.event, language: change.language, screenLanguages: change.screenLanguages };
      }
      return next;
    case 'member_updated':
      if (change.member) withPerson(state, next, change.member);
      if (change.report) next.report = change.report;
      return next;
    case 'member_erased':
      return eraseMember(state, next, change);
    case 'member_removed': {
      // The person is gone with their ballots (the server re-sends the rounds' results) and
      // their team places (the proposals as they are now).
      if (typeof change.member === 'number') next.members = without(state.members, change.member);
      const proposals = Array.isArray(change.proposals) ? change.proposals : [];
      if (proposals.length > 0) next.proposals = { ...state.proposals, ...byId(proposals) };
      return next;
    }
  }
  // A change kind this app does not know (from a newer server): only its seq counts. A kind
  // added to the Change union without a case above does not compile here.
  unknownKind(change);
  return next;
}

/**
 * A member's personal data was erased: their deleted ideas and comments go (merged ideas and
 * replies move up as the server says), what they wrote and kept shows as a former
 * participant's, they leave the member list and the teams.
 */
function eraseMember<S extends EventState>(state: S, next: S, change: Extract<Change, { kind: 'member_erased' }>): S {
  const gone = (x: { id: number; erased?: boolean }) =>
    change.member === x.id ? { ...x, name: '', organisation: '', erased: true } : x;
  let ideas = state.ideas;
  const deleted = Array.isArray(change.ideas) ? change.ideas : [];
  for (const id of deleted) ideas = without(ideas, id);
  next.dismissedDuplicates = pairsWithout(state.dismissedDuplicates, deleted);
  for (const idea of Array.isArray(change.moved) ? change.moved : []) ideas = withIdea(ideas, idea);
  let comments = state.comments;
  for (const id of Array.isArray(change.comments) ? change.comments : []) comments = without(comments, id);
  if (Array.isArray(change.replies) && change.replies.length > 0) comments = { ...comments, ...byId(change.replies) };
  if (typeof change.member === 'number') {
    const member = change.member;
    next.members = without(state.members, member);
    const touched = Object.values(ideas).filter((i) => i.author?.id === member || i.editedBy?.id === member);
    if (touched.length > 0) {
      ideas = { ...ideas };
      for (const i of touched) {
        ideas[i.id] = {
          ...i,
          author: i.author ? (gone(i.author) as Idea['author']) : null,
          editedBy: i.editedBy ? (gone(i.editedBy) as Idea['editedBy']) : null,
        };
      }
    }
    const theirs = Object.values(comments).filter((c) => c.author.id === member);
    if (theirs.length > 0) {
      comments = { ...comments };
      for (const c of theirs) comments[c.id] = { ...c, author: gone(c.author) as Comment['author'] };
    }
  }
  next.ideas = ideas;
  next.comments = comments;
  const proposals = Array.isArray(change.proposals) ? change.proposals : [];
  if (proposals.length > 0) next.proposals = { ...state.proposals, ...byId(proposals) };
  return next;
}

/** Takes what should be nothing: every known kind returned before. */
function unknownKind(_change: never): void {}

function resultsOf(rounds: readonly Round[]): Record<number, ResultItem[]> {
  const out: Record<number, ResultItem[]> = {};
  for (const r of rounds) if (Array.isArray(r.results)) out[r.id] = r.results;
  return out;
}

/** The saved posts whose idea has not arrived yet (a snapshot has every saved idea). */
function awaitingPosts(state: AppState, action: Action): SavedPost[] {
  if (state.savedPosts.length === 0) return state.savedPosts;
  if (action.type === 'snapshot' || action.type === 'reset' || action.type === 'restore') return [];
  const left = state.savedPosts.filter((p) => !(p.idea in state.ideas));
  return left.length === state.savedPosts.length ? state.savedPosts : left;
}

export function reduce(state: AppState, action: Action): AppState {
  const next = reduceAction(state, action);
  const savedPosts = awaitingPosts(next, action);
  return savedPosts === next.savedPosts ? next : { ...next, savedPosts };
}

function reduceAction(state: AppState, action: Action): AppState {
  switch (action.type) {
    case 'snapshot':
      return {
        ...state,
        event: action.event,
        ideas: byId(action.ideas),
        members: byId(action.members ?? []),
        agenda: action.agenda ?? null,
        announcements: byId(action.announcements ?? []),
        screen: action.screen ?? { track: null },
        clusters: byId(action.clusters ?? []),
        tables: byId(action.tables ?? []),
        rounds: byId((action.rounds ?? []).map(roundOnly)),
        results: resultsOf(action.rounds ?? []),
        turnout: turnoutOfRounds(action.rounds ?? []),
        template: action.template ?? [],
        proposals: byId(action.proposals ?? []),
        trash: byId(action.trash ?? []),
        frozen: action.frozen === true,
        comments: byId(action.comments ?? []),
        report: action.report ?? null,
        selfJoin: action.selfJoin !== false,
        limits: action.limits ?? state.limits,
        dismissedDuplicates: dismissedPairs(action.dismissedDuplicates),
        lastSeq: action.seq,
      };
    case 'changes': {
      let next = state;
      for (const change of action.changes) next = applyChange(next, change);
      return next.lastSeq >= action.seq ? next : { ...next, lastSeq: action.seq };
    }
    case 'change':
      return applyChange(state, action);
    case 'presence':
      return { ...state, presence: action };
    case 'results':
      return { ...state, results: { ...state.results, [action.round]: action.items } };
    case 'turnout':
      return { ...state, turnout: withTurnout(state.turnout, action) };
    case 'ballots': {
      const ballots: Record<number, Record<number, number>> = {};
      for (const [round, ballot] of Object.entries(action.ballots)) ballots[Number(round)] = normaliseBallot(ballot);
      return { ...state, ballots };
    }
    case 'clock':
      return state.clockOffset === action.offset ? state : { ...state, clockOffset: action.offset };
    case 'you':
      return { ...state, you: action.you };
    case 'preview':
      if (state.lastSeq > 0 || state.event !== null) return state;
      return { ...state, event: action.event, agenda: action.agenda };
    case 'limits':
      return { ...state, limits: action.limits };
    case 'restore':
      return { ...state, ...action.state };
    case 'reset':
      return { ...state, ...emptyEventState, presence: null };
    case 'status':
      return state.status === action.status ? state : { ...state, status: action.status };
    case 'pending':
      return { ...state, pending: action.commands, resent: action.resent ?? [] };
    case 'posted':
      if (action.idea in state.ideas) return state;
      return { ...state, savedPosts: [...state.savedPosts, { command: action.command, idea: action.idea }] };
    case 'notice':
      return { ...state, notices: [...state.notices, action.notice].slice(-MAX_NOTICES) };
    case 'dismiss':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
  }
  // Only an action the app does not send gets here; a new kind of Action without a case
  // above does not compile.
  const unknown: never = action;
  void unknown;
  return state;
}

/** The part of the state worth keeping across a reload. */
export function eventStateOf(state: AppState): EventState {
  const {
    event,
    ideas,
    members,
    agenda,
    announcements,
    screen,
    clusters,
    tables,
    rounds,
    results,
    ballots,
    you,
    lastSeq,
  } = state;
  const { template, proposals, trash, frozen, comments, report, selfJoin, limits, turnout, dismissedDuplicates } =
    state;
  return {
    event,
    ideas,
    members,
    agenda,
    announcements,
    screen,
    clusters,
    tables,
    rounds,
    results,
    ballots,
    turnout,
    template,
    proposals,
    trash,
    frozen,
    comments,
    report,
    selfJoin,
    limits,
    dismissedDuplicates,
    you,
    lastSeq,
  };
}

// ---------------------------------------------------------------------------------------
// Rules and selectors

export function isStaff(you: Member | null): boolean {
  return you !== null && (you.role === 'facilitator' || you.role === 'lead');
}

export function isMine(idea: Idea, you: Member | null): boolean {
  return idea.mine === true || (you !== null && idea.author !== null && idea.author.id === you.id);
}

/** Hidden ideas are shown only to staff and to their author. */
export function isVisible(idea: Idea, you: Member | null): boolean {
  return !idea.hidden || isStaff(you) || isMine(idea, you);
}

/** Facilitators see and restore every deleted proposal; a lead their own track's. */
export function mayUseTrash(you: Member | null, proposal: Pick<Proposal, 'track'>): boolean {
  if (you === null) return false;
  return you.role === 'facilitator' || (you.role === 'lead' && you.track === proposal.track);
}

/** Facilitators moderate every track, a lead only their own. */
export function canModerate(you: Member | null, track: number): boolean {
  if (you === null) return false;
  return you.role === 'facilitator' || (you.role === 'lead' && you.track === track);
}

/** The tables of one track, oldest first. */
export function tablesOfTrack(state: AppState, track: number): Table[] {
  return Object.values(state.tables)
    .filter((tb) => tb.track === track)
    .sort((a, b) => a.id - b.id);
}

/** The participants of the event (staff only), by name. */
export function participants(state: AppState): Member[] {
  return Object.values(state.members)
    .filter((m) => m.role === 'participant')
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/**
 * The announcements this member sees, oldest first: staff see all; participants those for
 * everyone and for their own track; the big screen those for everyone and for the track it
 * shows.
 */
export function visibleAnnouncements(state: AppState): Announcement[] {
  const you = state.you;
  const list = Object.values(state.announcements).filter((a) => {
    if (a.track === null || isStaff(you)) return true;
    if (you?.role === 'participant') return a.track === you.track;
    if (you?.role === 'viewer') return a.track === state.screen.track;
    return false;
  });
  return list.sort((a, b) => a.at - b.at || a.id - b.id);
}

/** Whether a member is connected now (staff only get the member list). */
export function isConnected(state: AppState, memberId: number): boolean {
  return state.presence?.members?.includes(memberId) ?? false;
}

/** Participants connected in one track, per the latest presence report. */
export function connectedInTrack(state: AppState, track: number): number {
  return state.presence?.byTrack[String(track)] ?? 0;
}

/**
 * Whether this console knows of something the member posted: an idea under their name or a
 * comment. Anonymous ideas and proposal text are not attributed here; the server has the
 * last word when staff try to remove someone.
 */
export function hasPosted(state: Pick<EventState, 'ideas' | 'comments'>, memberId: number): boolean {
  return (
    Object.values(state.ideas).some((i) => i.author?.id === memberId) ||
    Object.values(state.comments).some((c) => c.author.id === memberId)
  );
}

/** Whether `you` may remove `member` (the server also checks they never posted). */
export function mayRemove(you: Member | null, member: Member): boolean {
  if (you === null || member.id === you.id) return false;
  if (you.role === 'facilitator') return member.role === 'participant' || member.role === 'viewer';
  return you.role === 'lead' && member.role === 'participant' && member.track !== null && member.track === you.track;
}

export function participantCount(state: AppState): number {
  return Object.values(state.members).filter((m) => m.role === 'participant').length;
}

// ---------------------------------------------------------------------------------------

export type Listener = (state: AppState) => void;

export class Store {
  private state: AppState;
  private readonly listeners = new Set<Listener>();

  constructor(initial: AppState = initialState) {
    this.state = initial;
  }

  getState(): AppState {
    return this.state;
  }

  dispatch(action: Action): void {
    const next = reduce(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const l of [...this.listeners]) l(next);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
