/**
 * The app's one store: what the server has shown us of the event, plus the connection's
 * status, the unanswered commands and notices. `reduce` is a pure function of
 * (state, action); the Store class only holds the current state and tells subscribers.
 */
import type { ConnectionStatus } from './connection';
import type {
  Agenda,
  Announcement,
  Change,
  ChangeMessage,
  ChangesMessage,
  EventInfo,
  Idea,
  IdeaCommand,
  Member,
  PresenceMessage,
  ScreenState,
  SnapshotMessage,
} from './protocol';

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
  you: Member | null;
  lastSeq: number;
}

export interface Notice {
  id: string;
  /** A protocol error code (shown with its catalogue text). */
  code: string;
}

export interface AppState extends EventState {
  status: ConnectionStatus;
  pending: IdeaCommand[];
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
  | { type: 'clock'; offset: number }
  | { type: 'you'; you: Member }
  | { type: 'restore'; state: EventState }
  | { type: 'reset' }
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'pending'; commands: IdeaCommand[] }
  | { type: 'notice'; notice: Notice }
  | { type: 'dismiss'; id: string };

export const emptyEventState: EventState = {
  event: null,
  ideas: {},
  members: {},
  agenda: null,
  announcements: {},
  screen: { track: null },
  you: null,
  lastSeq: 0,
};

export const initialState: AppState = {
  ...emptyEventState,
  status: 'connecting',
  pending: [],
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

/** Applies one change. Changes at or below `lastSeq` were applied already and are skipped. */
export function applyChange<S extends EventState>(state: S, change: Change): S {
  if (change.seq <= state.lastSeq) return state;
  const next: S = { ...state, lastSeq: change.seq };
  switch (change.kind) {
    case 'idea_posted':
    case 'idea_edited':
    case 'idea_unhidden':
      next.ideas = { ...state.ideas, [change.idea.id]: change.idea };
      break;
    case 'idea_hidden':
      // Participants and viewers get only the id: the idea leaves their view.
      next.ideas =
        typeof change.idea === 'number'
          ? without(state.ideas, change.idea)
          : { ...state.ideas, [change.idea.id]: change.idea };
      break;
    case 'idea_deleted':
      next.ideas = without(state.ideas, typeof change.idea === 'number' ? change.idea : (change.idea as Idea).id);
      break;
    case 'member_joined':
      next.members = { ...state.members, [change.member.id]: change.member };
      break;
    case 'agenda_changed':
      next.agenda = change.agenda;
      break;
    case 'announcement_made':
      next.announcements = { ...state.announcements, [change.announcement.id]: change.announcement };
      break;
    case 'announcement_cleared':
      next.announcements = without(state.announcements, change.announcement);
      break;
    case 'screen_changed':
      next.screen = change.screen;
      break;
    default:
      // A change kind this app does not know: only its seq counts.
      break;
  }
  return next;
}

export function reduce(state: AppState, action: Action): AppState {
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
    case 'clock':
      return state.clockOffset === action.offset ? state : { ...state, clockOffset: action.offset };
    case 'you':
      return { ...state, you: action.you };
    case 'restore':
      return { ...state, ...action.state };
    case 'reset':
      return { ...state, ...emptyEventState, presence: null };
    case 'status':
      return state.status === action.status ? state : { ...state, status: action.status };
    case 'pending':
      return { ...state, pending: action.commands };
    case 'notice':
      return { ...state, notices: [...state.notices, action.notice].slice(-MAX_NOTICES) };
    case 'dismiss':
      return { ...state, notices: state.notices.filter((n) => n.id !== action.id) };
    default:
      return state;
  }
}

/** The part of the state worth keeping across a reload. */
export function eventStateOf(state: AppState): EventState {
  const { event, ideas, members, agenda, announcements, screen, you, lastSeq } = state;
  return { event, ideas, members, agenda, announcements, screen, you, lastSeq };
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

/** Facilitators moderate every track, a lead only their own. */
export function canModerate(you: Member | null, track: number): boolean {
  if (you === null) return false;
  return you.role === 'facilitator' || (you.role === 'lead' && you.track === track);
}

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
    else if (c.type === 'edit_idea') overlay.set(c.idea, { ...base, text: c.text, editedAt: base.editedAt ?? Date.now() });
    else overlay.set(c.idea, { ...base, hidden: c.type === 'hide_idea' });
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

  const unsavedPosts: IdeaView[] = [];
  for (const c of posts) {
    if (c.type !== 'post_idea') continue;
    const text = c.text.trim();
    // The change may arrive a moment before the ack: show the idea once.
    if (saved.some((v) => v.mine && v.idea.text === text)) continue;
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
        hidden: false,
        mine: true,
      },
    });
  }
  return [...unsavedPosts, ...saved];
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
