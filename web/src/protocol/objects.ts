/**
 * The objects of the wire protocol (docs/protocol.md): the event, its members, ideas, agenda,
 * rounds, the drafting objects (template, sections, comments) and the report, as the server
 * sends them inside its messages.
 */

// ---------------------------------------------------------------------------------------
// Objects

/**
 * A stakeholder group of an event (docs/protocol.md, "Stakeholder groups and profiles"): its
 * `code` (what members and results refer to) and its `label` (what people read). Each event
 * has its own list, in `EventInfo.groups`.
 */
export interface StakeholderGroup {
  code: string;
  label: string;
}

/** The groups a new event starts with (the admin's form offers them to edit). */
export const DEFAULT_GROUPS: readonly StakeholderGroup[] = [
  { code: 'eu_institution', label: 'EU institution' },
  { code: 'national_government', label: 'National government' },
  { code: 'large_enterprise', label: 'Large enterprise' },
  { code: 'sme', label: 'Small or medium enterprise' },
  { code: 'startup', label: 'Start-up' },
  { code: 'academia', label: 'Academia and research' },
  { code: 'civil_society', label: 'Civil society' },
  { code: 'ai_specialist', label: 'AI specialist' },
  { code: 'other', label: 'Other' },
];

/** What a group code is called in an event: its label, else the code itself. */
export function groupLabel(groups: readonly StakeholderGroup[] | undefined, code: string): string {
  return groups?.find((g) => g.code === code)?.label ?? (code === 'other' ? 'Other' : code);
}

export type Role = 'facilitator' | 'lead' | 'participant' | 'viewer';

export interface Track {
  id: number;
  name: string;
  description: string;
}

export interface EventInfo {
  id: number;
  code: string;
  title: string;
  createdAt: number;
  tracks: Track[];
  /** The event's stakeholder groups, in order; absent from older servers (the default nine). */
  groups?: StakeholderGroup[];
  /** The event's language: its report and its big screen are in it (absent from older servers: en). */
  language?: string;
  /** The big screen: always in the event's language, or taking turns through the room's. */
  screenLanguages?: ScreenLanguages;
}

export type ScreenLanguages = 'event' | 'room';

/**
 * The limits of what people type and make, as the server checks them (docs/protocol.md,
 * "Limits"): in the event_info and list_events answers and in the snapshot. Lengths count
 * code points, `sectionChars` UTF-16 units (as the editor does).
 */
export interface Limits {
  eventTitle: number;
  trackName: number;
  trackDescription: number;
  tracks: number;
  name: number;
  organisation: number;
  idea: number;
  announcement: number;
  clusterName: number;
  tableName: number;
  roundTitle: number;
  phases: number;
  phaseTitle: number;
  phaseMinutes: number;
  templateSections: number;
  heading: number;
  hint: number;
  proposalTitle: number;
  sectionChars: number;
  comment: number;
  quote: number;
  reportTitle: number;
  subtitle: number;
  date: number;
  reportText: number;
  chapters: number;
  chapterTitle: number;
  chapterIntro: number;
  reportProposals: number;
  /** Stakeholder groups: how many, a label's and a code's length (absent from older servers). */
  groups?: number;
  groupLabel?: number;
  groupCode?: number;
}

/** Open; closed (read-only: every change refused); archived (closed, listed apart). */
export type EventStatus = 'open' | 'closed' | 'archived';

export interface EventSummary extends EventInfo {
  participants: number;
  ideas: number;
  /** Absent from older servers (open). */
  status?: EventStatus;
  /** The archive was downloaded since the event's last change (absent: not known). */
  exported?: boolean;
  /** When it was last closed or archived (null while open; absent from older servers). */
  closedAt?: number | null;
  /** When the retention period deletes it (null: not due, or no period set). */
  deleteAt?: number | null;
}

/** What happens to an erased member's ideas and comments: kept (as a former participant's) or deleted. */
export type ErasedContributions = 'keep' | 'delete';

export interface Author {
  id: number;
  name: string;
  organisation: string;
  /** The person's data was erased (name and organisation empty): shown as a former participant. */
  erased?: boolean;
}

/** Who last changed an idea's text (the author or a moderator). */
export interface Editor {
  id: number;
  name: string;
  erased?: boolean;
}

export interface Idea {
  id: number;
  track: number;
  text: string;
  author: Author | null;
  createdAt: number;
  editedAt: number | null;
  /** Who edited the idea last; null when it was never edited. */
  editedBy: Editor | null;
  hidden: boolean;
  /** Moderators pin ideas to the top of their track. */
  pinned: boolean;
  /** The idea this one is merged beneath (merges form a tree), or null. */
  mergedInto: number | null;
  /** The cluster (of the same track) the idea is in, or null. */
  cluster: number | null;
  /** Present (true) on the author's own connections for an anonymous idea. */
  mine?: boolean;
  /**
   * The members who support the idea ("this is mine too"), in the order they did. Absent
   * from older servers and on unsaved posts (none).
   */
  supporters?: number[];
}

/** An idea like the text being typed (`similar_ideas`): cosine similarity 0..1. */
export interface SimilarIdea {
  idea: number;
  score: number;
}

/** Two ideas of one track that look like duplicates (`suggest_duplicates`); `a` < `b`. */
export interface DuplicatePair {
  a: number;
  b: number;
  score: number;
}

/** A proposed cluster (`suggest_clusters`): a name from its most telling words, its ideas. */
export interface SuggestedGroup {
  label: string;
  ideas: number[];
}

/** A named group of one track's ideas. */
export interface Cluster {
  id: number;
  track: number;
  name: string;
}

/** A small team within a track. */
export interface Table {
  id: number;
  track: number;
  name: string;
}

export interface Member {
  id: number;
  role: Role;
  name: string;
  organisation: string;
  /** The code of one of the event's groups (staff: "other"). */
  group: string | null;
  track: number | null;
  /** The table (of `track`) the participant sits at, or null. */
  table: number | null;
  /** Given in a roster import; empty otherwise. */
  email?: string;
  credit: boolean;
  /** Took back their consent to be named (credit went from yes to no): no export names them. */
  creditWithdrawn?: boolean;
  joinedAt: number;
  /** A staff link whose token no longer works (`revoke_link`); absent from older servers. */
  revoked?: boolean;
}

/** The kinds of agenda phase, in the order a day usually runs through them. */
export const PHASE_KINDS = [
  'welcome',
  'ideation',
  'clustering',
  'voting',
  'drafting',
  'review',
  'final_selection',
  'closed',
] as const;
export type PhaseKind = (typeof PHASE_KINDS)[number];

export interface Phase {
  kind: PhaseKind;
  title: string;
  /** Planned duration; 0 for `closed`, which has none. */
  minutes: number;
}

/** The agenda and the server-kept timer of its current phase. */
export interface Agenda {
  phases: Phase[];
  /** Index of the phase being run; -1 before the agenda starts (the board is open). */
  current: number;
  running: boolean;
  autoAdvance: boolean;
  /** Time added to the current phase with `extend_timer`. */
  extraMs: number;
  /** While running: when the phase ends, on the server's clock. */
  endsAt: number | null;
  /** While paused: what is left. */
  remainingMs: number | null;
  /** Whether track leads may pace their tracks. */
  trackPacing?: boolean;
  /** Tracks held back or moved ahead: track id (as a string) → phase index. */
  trackPhases?: Record<string, number>;
  /**
   * The phase `undo_phase_change` goes back to (-1: before the start), or null when there is
   * nothing to undo. Absent from older servers (nothing to undo).
   */
  undoTo?: number | null;
  /**
   * Until when (server clock) the last phase change may be undone; null or absent: not (any
   * more). Clients hide the undo at this time.
   */
  undoUntil?: number | null;
}

export interface Announcement {
  id: number;
  text: string;
  /** The track whose participants it is for; null for everyone. */
  track: number | null;
  at: number;
}

/** What the big screen can show; `auto` follows the phase (docs/protocol.md, "Big screen"). */
export const SCREEN_MODES = ['auto', 'join', 'wall', 'clusters', 'progress', 'results', 'announcement'] as const;
export type ScreenMode = (typeof SCREEN_MODES)[number];

/**
 * What the big screen shows: a mode, the track for the wall and clusters (null: every track)
 * and the round for progress and results (null: the newest). `mode` and `round` are absent
 * from older servers (auto, newest).
 */
export interface ScreenState {
  mode?: ScreenMode;
  track: number | null;
  round?: number | null;
}

/** How many of the people who may vote in a round have voted (at least one vote). */
export interface TurnoutCount {
  voted: number;
  eligible: number;
}

/** A round's turnout: in all, per track (track id as a string), and (staff) who has not voted. */
export interface Turnout extends TurnoutCount {
  byTrack: Record<string, TurnoutCount>;
  /** Staff only: ids of eligible members who have not voted yet. */
  waiting?: number[];
}

/** How a round counts votes (docs/protocol.md, "Voting"). */
export const VOTE_METHODS = ['dots', 'approval', 'quadratic'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];
export type RoundState = 'open' | 'closed' | 'revealed';

/** One group's part of an item's result. */
export interface GroupTally {
  voters: number;
  votes: number;
}

/** One item of a round's results; items are ranked by votes and ties share a rank. */
export interface ResultItem {
  item: number;
  votes: number;
  voters: number;
  rank: number;
  consensus: number;
  /** By group code. */
  byGroup: Partial<Record<string, GroupTally>>;
}

/** What a round's items are (docs/protocol.md, "Voting"); `proposals` is the final round. */
export const ROUND_ITEM_KINDS = ['ideas', 'clusters', 'proposals'] as const;
export type RoundItemKind = (typeof ROUND_ITEM_KINDS)[number];

/**
 * Who may vote in a round (docs/protocol.md, "Voting"): the participants and leads of its
 * track (`'track'`), of every track (`'everyone'`), or of the listed tracks (their ids).
 */
export type Eligible = 'track' | 'everyone' | number[];

/** A vote round over the ideas, clusters or proposals of one track (or every track: `track` null). */
export interface Round {
  id: number;
  title: string;
  track: number | null;
  /** Who may vote; absent from an older server: its track's members, everyone when `track` is null. */
  eligible?: Eligible;
  method: VoteMethod;
  budget: number;
  maxPerItem: number;
  allowOwn: boolean;
  liveResults: boolean;
  randomOrder: boolean;
  state: RoundState;
  /** What `items` are; absent from rounds kept by an older app: ideas. */
  itemKind?: RoundItemKind;
  /** The ids (of ideas, clusters or proposals, per `itemKind`) voted on. */
  items: number[];
  openedAt: number;
  /** In a snapshot, when the recipient may see them. */
  results?: ResultItem[];
  /** In a snapshot, for staff and screens. */
  turnout?: Turnout;
}

// ---------------------------------------------------------------------------------------
// Drafting: the template, proposals, collaborative sections and comments

/** One section of the proposal template: every proposal has one text per section. */
export interface TemplateSection {
  heading: string;
  hint: string;
}

/**
 * CodeMirror's `ChangeSet.toJSON()`: a number keeps that many characters, an array
 * `[deleted, ...lines]` replaces that many characters by the lines joined with "\n".
 */
export type ChangeJson = (number | [number, ...string[]])[];

/** One accepted (or pushed) update of a section. */
export interface SectionUpdate {
  clientID: string;
  changes: ChangeJson;
  /** Who made it; present on accepted updates. */
  member?: number;
  /**
   * Its one insertion starts where the same editor's previous insertion ended (the writer goes
   * on typing); decides ties at one position (docs/protocol.md). Absent means false.
   */
  continues?: boolean;
}

/** A selection in a section's text. */
export interface SectionSelection {
  anchor: number;
  head: number;
}

/** One person in a section; positions are in the text at `version` (null before the first cursor). */
export interface SectionEditor {
  member: number;
  name: string;
  anchor: number | null;
  head: number | null;
  version: number;
}

/** One accepted update as `section_history` lists it; `version` is the version after it. */
export interface HistoryUpdate {
  version: number;
  changes: ChangeJson;
  member: number;
  at: number;
}

/** A comment on a proposal (`section` null) or on a passage of one section. */
export interface Comment {
  id: number;
  proposal: number;
  section: number | null;
  /** The passage, in the text at `version`; null on proposal comments and replies. */
  from: number | null;
  to: number | null;
  version: number | null;
  /** The passage as the commenter saw it (at most 300 characters). */
  quote: string | null;
  /** The comment this one answers; replies have no passage. */
  parent: number | null;
  text: string;
  author: Author;
  at: number;
  resolved: boolean;
}

/** One voter's votes in one round: item id (as a string) → votes. */
export type Ballot = Record<string, number>;
/** A member's ballots: round id (as a string) → ballot. */
export type Ballots = Record<string, Ballot>;

// ---------------------------------------------------------------------------------------
// The final report and the proposals it is built from (docs/protocol.md, "The final
// report", the `proposal` and `report` objects).

/** A member named on a proposal's team. */
export type ProposalPerson = Author;

/** A proposal written by a team; its sections' texts are read by opening them. */
export interface Proposal {
  id: number;
  track: number;
  /** One line, 1–120 characters. */
  title: string;
  /** The source ideas (their authors stay linked through them). */
  ideas: number[];
  cluster: number | null;
  table: number | null;
  /** Member ids of the team. */
  team: number[];
  /** The team with their names (participants have no member list). */
  people?: ProposalPerson[];
  createdAt: number;
  createdBy: number;
}

/** A proposal in the trash (facilitators; the lead of its track): restorable until publishing. */
export interface TrashedProposal extends Proposal {
  deletedAt: number;
}

/** A chapter of the report: its proposals in printed order. */
export interface ReportChapter {
  title: string;
  /** Markdown, 0–2,000 characters. */
  intro: string;
  proposals: number[];
}

/** The report as built in the final selection; `title` empty: the event's title is used. */
export interface Report {
  title: string;
  subtitle: string;
  date: string;
  foreword: string;
  method: string;
  chapters: ReportChapter[];
  /** The round over proposals whose results the report shows, or null. */
  round: number | null;
  published: boolean;
  /** When the published report's credits last changed (someone withdrew consent), or null. */
  creditsChangedAt?: number | null;
}
