/**
 * The Roundtable wire protocol (docs/protocol.md), mirrored as TypeScript types.
 *
 * Every message is a member of one discriminated union on `type`: `Command` for what the
 * browser sends, `ServerMessage` for what the server sends. `parseFrame` turns one text
 * frame into server messages; it never throws.
 */

// ---------------------------------------------------------------------------------------
// Objects

export const STAKEHOLDER_GROUPS = [
  'eu_institution',
  'national_government',
  'large_enterprise',
  'sme',
  'startup',
  'academia',
  'civil_society',
  'ai_specialist',
  'other',
] as const;
export type StakeholderGroup = (typeof STAKEHOLDER_GROUPS)[number];

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
}

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
}

export interface EventSummary extends EventInfo {
  participants: number;
  ideas: number;
}

export interface Author {
  id: number;
  name: string;
  organisation: string;
}

/** Who last changed an idea's text (the author or a moderator). */
export interface Editor {
  id: number;
  name: string;
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
  group: StakeholderGroup | null;
  track: number | null;
  /** The table (of `track`) the participant sits at, or null. */
  table: number | null;
  /** Given in a roster import; empty otherwise. */
  email?: string;
  credit: boolean;
  joinedAt: number;
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
}

export interface Announcement {
  id: number;
  text: string;
  /** The track whose participants it is for; null for everyone. */
  track: number | null;
  at: number;
}

/** What the big screen shows: one track's ideas, or every track's (null). */
export interface ScreenState {
  track: number | null;
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
  byGroup: Partial<Record<StakeholderGroup, GroupTally>>;
}

/** What a round's items are (docs/protocol.md, "Voting"); `proposals` is the final round. */
export const ROUND_ITEM_KINDS = ['ideas', 'clusters', 'proposals'] as const;
export type RoundItemKind = (typeof ROUND_ITEM_KINDS)[number];

/** A vote round over the ideas, clusters or proposals of one track (or every track: `track` null). */
export interface Round {
  id: number;
  title: string;
  track: number | null;
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
}

export interface SetReportCommand {
  type: 'set_report';
  id: string;
  title: string;
  subtitle: string;
  date: string;
  foreword: string;
  method: string;
}
export interface PrefillReportCommand {
  type: 'prefill_report';
  id: string;
  round: number;
  top: number;
}
export interface SetChaptersCommand {
  type: 'set_chapters';
  id: string;
  round: number | null;
  chapters: ReportChapter[];
}
export interface PublishReportCommand {
  type: 'publish_report';
  id: string;
  published: boolean;
}
export type ReportCommand = SetReportCommand | PrefillReportCommand | SetChaptersCommand | PublishReportCommand;

/** The report's changes and the proposal changes the report view follows. */
export type ReportChange = { seq: number; kind: 'report_changed'; report: Report };

/** The files of `GET /api/events/CODE/<file>`; the CSVs are for facilitators only. */
export const REPORT_FILES = ['report.md', 'report.html', 'report.docx', 'report.json'] as const;
export const FACILITATOR_FILES = ['ideas.csv', 'votes.csv', 'participants.csv', 'results.csv'] as const;
export type ExportFile = (typeof REPORT_FILES)[number] | (typeof FACILITATOR_FILES)[number];

// ---------------------------------------------------------------------------------------
// Client → server

export interface JoinCommand {
  type: 'join';
  id: string;
  code: string;
  name: string;
  organisation: string;
  group: StakeholderGroup;
  track: number;
  credit: boolean;
}
export interface EventInfoCommand {
  type: 'event_info';
  id: string;
  code: string;
}
export interface HelloCommand {
  type: 'hello';
  id: string;
  token: string;
  lastSeq: number;
}
export interface PostIdeaCommand {
  type: 'post_idea';
  id: string;
  track: number;
  text: string;
  anonymous: boolean;
}
export interface EditIdeaCommand {
  type: 'edit_idea';
  id: string;
  idea: number;
  text: string;
}
export interface DeleteIdeaCommand {
  type: 'delete_idea';
  id: string;
  idea: number;
}
export interface HideIdeaCommand {
  type: 'hide_idea';
  id: string;
  idea: number;
}
export interface UnhideIdeaCommand {
  type: 'unhide_idea';
  id: string;
  idea: number;
}
export interface PinIdeaCommand {
  type: 'pin_idea';
  id: string;
  idea: number;
}
export interface UnpinIdeaCommand {
  type: 'unpin_idea';
  id: string;
  idea: number;
}
export interface MergeIdeaCommand {
  type: 'merge_idea';
  id: string;
  idea: number;
  into: number;
}
export interface SplitIdeaCommand {
  type: 'split_idea';
  id: string;
  idea: number;
}
export interface CreateClusterCommand {
  type: 'create_cluster';
  id: string;
  track: number;
  name: string;
}
export interface RenameClusterCommand {
  type: 'rename_cluster';
  id: string;
  cluster: number;
  name: string;
}
export interface DeleteClusterCommand {
  type: 'delete_cluster';
  id: string;
  cluster: number;
}
export interface ClusterIdeaCommand {
  type: 'cluster_idea';
  id: string;
  idea: number;
  cluster: number | null;
}
export interface AddTableCommand {
  type: 'add_table';
  id: string;
  track: number;
  name: string;
}
export interface RemoveTableCommand {
  type: 'remove_table';
  id: string;
  table: number;
}
export interface MoveMemberCommand {
  type: 'move_member';
  id: string;
  member: number;
  track: number;
  table: number | null;
}
/** Facilitators: whether new people may join with the event's code (personal links always work). */
export interface SetSelfJoinCommand {
  type: 'set_self_join';
  id: string;
  open: boolean;
}
/** Staff: take out a participant (or, for facilitators, a viewer) who never posted anything. */
export interface RemoveMemberCommand {
  type: 'remove_member';
  id: string;
  member: number;
}
export interface SetTrackPacingCommand {
  type: 'set_track_pacing';
  id: string;
  allowed: boolean;
}
export interface SetTrackPhaseCommand {
  type: 'set_track_phase';
  id: string;
  track: number;
  index: number | null;
}
export type LinkRole = 'facilitator' | 'lead' | 'viewer';
export interface CreateLinkCommand {
  type: 'create_link';
  id: string;
  role: LinkRole;
  track?: number;
  name: string;
}
export interface AuthAdminCommand {
  type: 'auth_admin';
  id: string;
  secret: string;
}
export interface CreateEventCommand {
  type: 'create_event';
  id: string;
  title: string;
  tracks: { name: string; description: string }[];
}
export interface ListEventsCommand {
  type: 'list_events';
  id: string;
}

export interface SetAgendaCommand {
  type: 'set_agenda';
  id: string;
  phases: Phase[];
}
export interface GoToPhaseCommand {
  type: 'go_to_phase';
  id: string;
  index: number;
}
export interface PauseTimerCommand {
  type: 'pause_timer';
  id: string;
}
export interface ResumeTimerCommand {
  type: 'resume_timer';
  id: string;
}
export interface ExtendTimerCommand {
  type: 'extend_timer';
  id: string;
  minutes: number;
}
export interface SetAutoAdvanceCommand {
  type: 'set_auto_advance';
  id: string;
  on: boolean;
}
export interface AnnounceCommand {
  type: 'announce';
  id: string;
  text: string;
  track: number | null;
}
export interface ClearAnnouncementCommand {
  type: 'clear_announcement';
  id: string;
  announcement: number;
}
export interface SetScreenCommand {
  type: 'set_screen';
  id: string;
  track: number | null;
}

export interface OpenRoundCommand {
  type: 'open_round';
  id: string;
  title: string;
  track: number | null;
  /** What the round is over; the server's default is ideas. */
  items?: RoundItemKind;
  method: VoteMethod;
  budget: number;
  maxPerItem: number;
  allowOwn: boolean;
  liveResults: boolean;
  randomOrder: boolean;
}
export interface VoteCommand {
  type: 'vote';
  id: string;
  round: number;
  item: number;
  /** Sets (not adds) the sender's votes on the item; 0 takes them off. */
  votes: number;
}
export interface CloseRoundCommand {
  type: 'close_round';
  id: string;
  round: number;
}
export interface RevealRoundCommand {
  type: 'reveal_round';
  id: string;
  round: number;
}
export interface ReopenRoundCommand {
  type: 'reopen_round';
  id: string;
  round: number;
}

export interface SetTemplateCommand {
  type: 'set_template';
  id: string;
  sections: TemplateSection[];
}
export interface CreateProposalCommand {
  type: 'create_proposal';
  id: string;
  title: string;
  track: number;
  ideas: number[];
  cluster: number | null;
  table: number | null;
  team: number[];
}
export interface UpdateProposalCommand {
  type: 'update_proposal';
  id: string;
  proposal: number;
  title?: string;
  team?: number[];
}
export interface DeleteProposalCommand {
  type: 'delete_proposal';
  id: string;
  proposal: number;
}
export interface FreezeProposalsCommand {
  type: 'freeze_proposals';
  id: string;
  frozen: boolean;
}
export interface OpenSectionCommand {
  type: 'open_section';
  id: string;
  proposal: number;
  section: number;
  /** null: send the whole text; a version: send the updates after it. */
  version: number | null;
}
export interface PushCommand {
  type: 'push';
  id: string;
  proposal: number;
  section: number;
  /** The version the updates were made on. */
  version: number;
  updates: SectionUpdate[];
  selection?: SectionSelection;
}
export interface CursorCommand {
  type: 'cursor';
  id: string;
  proposal: number;
  section: number;
  version: number;
  anchor: number;
  head: number;
}
export interface CloseSectionCommand {
  type: 'close_section';
  id: string;
  proposal: number;
  section: number;
}
export interface SectionHistoryCommand {
  type: 'section_history';
  id: string;
  proposal: number;
  section: number;
  from: number;
}
/** A new comment: the fields of a `Comment` that its author gives. */
export interface AddCommentCommand extends Pick<
  Comment,
  'proposal' | 'section' | 'from' | 'to' | 'version' | 'quote' | 'parent' | 'text'
> {
  type: 'add_comment';
  id: string;
}
export interface ResolveCommentCommand {
  type: 'resolve_comment';
  id: string;
  comment: number;
  resolved: boolean;
}

export type Command =
  | SetTemplateCommand
  | CreateProposalCommand
  | UpdateProposalCommand
  | DeleteProposalCommand
  | FreezeProposalsCommand
  | OpenSectionCommand
  | PushCommand
  | CursorCommand
  | CloseSectionCommand
  | SectionHistoryCommand
  | AddCommentCommand
  | ResolveCommentCommand
  | ReportCommand
  | OpenRoundCommand
  | VoteCommand
  | CloseRoundCommand
  | RevealRoundCommand
  | ReopenRoundCommand
  | JoinCommand
  | EventInfoCommand
  | HelloCommand
  | PostIdeaCommand
  | EditIdeaCommand
  | DeleteIdeaCommand
  | HideIdeaCommand
  | UnhideIdeaCommand
  | CreateLinkCommand
  | AuthAdminCommand
  | CreateEventCommand
  | ListEventsCommand
  | SetAgendaCommand
  | GoToPhaseCommand
  | PauseTimerCommand
  | ResumeTimerCommand
  | ExtendTimerCommand
  | SetAutoAdvanceCommand
  | AnnounceCommand
  | ClearAnnouncementCommand
  | SetScreenCommand
  | PinIdeaCommand
  | UnpinIdeaCommand
  | MergeIdeaCommand
  | SplitIdeaCommand
  | CreateClusterCommand
  | RenameClusterCommand
  | DeleteClusterCommand
  | ClusterIdeaCommand
  | AddTableCommand
  | RemoveTableCommand
  | MoveMemberCommand
  | SetTrackPacingCommand
  | SetTrackPhaseCommand
  | SetSelfJoinCommand
  | RemoveMemberCommand;

/** Commands that change an event's ideas: kept in the pending queue until answered. */
export type IdeaCommand = PostIdeaCommand | EditIdeaCommand | DeleteIdeaCommand | HideIdeaCommand | UnhideIdeaCommand;

/** A command as the caller writes it; the connection adds the `id`. */
export type Draft<C extends Command> = C extends Command ? Omit<C, 'id'> : never;

/** The `result` of a successful answer, per command type. */
export interface ResultOf {
  join: { token: string; you: Member; serverTime: number };
  /** `selfJoin` false: the event takes no new sign-ups with its code (absent from older servers). */
  event_info: { event: EventInfo; selfJoin?: boolean; limits?: Limits };
  hello: { you: Member; serverTime: number; ballots?: Ballots };
  post_idea: { idea: number };
  edit_idea: undefined;
  delete_idea: undefined;
  hide_idea: undefined;
  unhide_idea: undefined;
  create_link: { token: string; member: Member };
  auth_admin: undefined;
  create_event: { event: EventInfo; facilitatorToken: string };
  list_events: { events: EventSummary[]; limits?: Limits };
  set_agenda: undefined;
  go_to_phase: undefined;
  pause_timer: undefined;
  resume_timer: undefined;
  extend_timer: undefined;
  set_auto_advance: undefined;
  announce: { announcement: number };
  clear_announcement: undefined;
  set_screen: undefined;
  pin_idea: undefined;
  unpin_idea: undefined;
  merge_idea: undefined;
  split_idea: undefined;
  create_cluster: { cluster: number };
  rename_cluster: undefined;
  delete_cluster: undefined;
  cluster_idea: undefined;
  add_table: { table: number };
  remove_table: undefined;
  move_member: undefined;
  set_track_pacing: undefined;
  set_track_phase: undefined;
  set_self_join: undefined;
  remove_member: undefined;
  open_round: { round: number };
  vote: { spent: number; budget: number };
  close_round: undefined;
  reveal_round: undefined;
  reopen_round: undefined;
  set_template: undefined;
  create_proposal: { proposal: number };
  update_proposal: undefined;
  delete_proposal: undefined;
  freeze_proposals: undefined;
  /** With `version` null: the text; with a version: the updates after it. */
  open_section: { version: number; text?: string; updates?: SectionUpdate[] };
  /** The server's version after the push; never a confirmation (the stream confirms). */
  push: { version: number };
  cursor: undefined;
  close_section: undefined;
  section_history: { updates: HistoryUpdate[]; more: boolean };
  add_comment: { comment: number };
  resolve_comment: undefined;
  set_report: undefined;
  prefill_report: undefined;
  set_chapters: undefined;
  publish_report: undefined;
}

// ---------------------------------------------------------------------------------------
// Server → client

export const ERROR_CODES = [
  'bad_json',
  'binary_frame',
  'bad_command',
  'unknown_type',
  'bad_text',
  'bad_value',
  'bad_code',
  'bad_token',
  'bad_secret',
  'not_joined',
  'already_joined',
  'forbidden',
  'not_found',
  'not_author',
  'wrong_phase',
  'rate_limited',
  'storage_failed',
  'shutting_down',
  'over_budget',
  'round_closed',
  'own_idea',
  'frozen',
  'too_large',
  'not_published',
  'join_closed',
  'removed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AckMessage {
  type: 'ack';
  id: string;
  result?: unknown;
}
export interface ErrorMessage {
  type: 'error';
  id?: string;
  /** One of ERROR_CODES; kept as string so a newer server's code is still shown. */
  code: string;
  message?: string;
}
export interface SnapshotMessage {
  type: 'snapshot';
  seq: number;
  event: EventInfo;
  ideas: Idea[];
  agenda?: Agenda;
  announcements?: Announcement[];
  screen?: ScreenState;
  clusters?: Cluster[];
  tables?: Table[];
  rounds?: Round[];
  members?: Member[];
  /** The proposal template (the server sends its default until one is set). */
  template?: TemplateSection[];
  proposals?: Proposal[];
  /** Whether proposals are frozen (no section or title may change). */
  frozen?: boolean;
  comments?: Comment[];
  /** Null in a participant's snapshot until the report is published. */
  report?: Report | null;
  /** Whether new people may join with the code; absent from older servers (open). */
  selfJoin?: boolean;
  /** What the server accepts; absent from older servers. */
  limits?: Limits;
}

export type Change =
  | { seq: number; kind: 'idea_posted'; idea: Idea }
  | { seq: number; kind: 'idea_edited'; idea: Idea }
  | { seq: number; kind: 'idea_deleted'; idea: number }
  | { seq: number; kind: 'idea_hidden'; idea: number | Idea }
  | { seq: number; kind: 'idea_unhidden'; idea: Idea }
  | { seq: number; kind: 'member_joined'; member: Member }
  | { seq: number; kind: 'agenda_changed'; agenda: Agenda; serverTime: number }
  | { seq: number; kind: 'announcement_made'; announcement: Announcement }
  | { seq: number; kind: 'announcement_cleared'; announcement: number }
  | { seq: number; kind: 'screen_changed'; screen: ScreenState }
  | { seq: number; kind: 'idea_pinned'; idea: number | Idea }
  | { seq: number; kind: 'idea_merged'; idea: number | Idea }
  | { seq: number; kind: 'idea_split'; idea: number | Idea }
  | { seq: number; kind: 'idea_clustered'; idea: number | Idea }
  | { seq: number; kind: 'cluster_created'; cluster: Cluster }
  | { seq: number; kind: 'cluster_renamed'; cluster: Cluster }
  | { seq: number; kind: 'cluster_deleted'; cluster: number }
  | { seq: number; kind: 'table_added'; table: Table }
  | { seq: number; kind: 'table_removed'; table: number }
  | { seq: number; kind: 'member_moved'; member: Member }
  | { seq: number; kind: 'roster_imported'; members?: Member[]; tables: Table[] }
  | { seq: number; kind: 'round_opened'; round: Round }
  | { seq: number; kind: 'round_closed'; round: Round }
  | { seq: number; kind: 'round_reopened'; round: Round }
  | { seq: number; kind: 'round_revealed'; round: Round; results: ResultItem[] }
  | { seq: number; kind: 'vote_cast'; round: number; ballot: Ballot }
  | { seq: number; kind: 'template_changed'; template: TemplateSection[] }
  | { seq: number; kind: 'proposal_created'; proposal: Proposal }
  | { seq: number; kind: 'proposal_updated'; proposal: Proposal }
  | { seq: number; kind: 'proposal_deleted'; proposal: number }
  | { seq: number; kind: 'proposals_frozen'; frozen: boolean }
  | { seq: number; kind: 'comment_added'; comment: Comment }
  | { seq: number; kind: 'comment_resolved'; comment: Comment }
  | { seq: number; kind: 'self_join_changed'; open: boolean }
  /**
   * A member who never posted was taken out. `member` and `rounds` (whose results change) go to
   * the staff who see that person; `proposals` (the teams they left, as they are now) to everyone.
   */
  | { seq: number; kind: 'member_removed'; member?: number; rounds?: number[]; proposals: Proposal[] }
  | ReportChange;
export type ChangeKind = Change['kind'];

export type ChangeMessage = { type: 'change' } & Change;

export interface ChangesMessage {
  type: 'changes';
  from: number;
  seq: number;
  changes: Change[];
}

/** Who is connected now; not a change (no seq). `members` only for staff. */
export interface PresenceMessage {
  type: 'presence';
  connected: number;
  /** Participants connected per track id (keys are track ids as strings). */
  byTrack: Record<string, number>;
  staff: number;
  members?: number[];
}

/** A round's current results; not a change (no seq). Staff, or everyone in live rounds. */
export interface ResultsMessage {
  type: 'results';
  round: number;
  items: ResultItem[];
}

/**
 * Accepted edits of an open section; not a change (no seq). `version` is the section's
 * version before the first update. Sent to every connection with the section open.
 */
export interface SectionUpdatesMessage {
  type: 'section_updates';
  proposal: number;
  section: number;
  version: number;
  updates: SectionUpdate[];
}

/** Who is in a section and where their selection is; not a change (no seq). */
export interface SectionPresenceMessage {
  type: 'section_presence';
  proposal: number;
  section: number;
  editors: SectionEditor[];
}

/** The messages about one open section; the connection routes them to its editor. */
export type SectionMessage = SectionUpdatesMessage | SectionPresenceMessage;

/** The messages that carry the event's state (everything but answers and sections). */
export type EventMessage = SnapshotMessage | ChangesMessage | ChangeMessage | PresenceMessage | ResultsMessage;

export type ServerMessage =
  | AckMessage
  | ErrorMessage
  | SnapshotMessage
  | ChangesMessage
  | ChangeMessage
  | PresenceMessage
  | ResultsMessage
  | SectionUpdatesMessage
  | SectionPresenceMessage;

const SERVER_TYPES: ReadonlySet<string> = new Set([
  'ack',
  'error',
  'snapshot',
  'changes',
  'change',
  'presence',
  'results',
  'section_updates',
  'section_presence',
]);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether `v` has the shape of ChangeSet JSON (numbers and `[deleted, ...lines]`). */
export function isChangeJson(v: unknown): v is ChangeJson {
  return (
    Array.isArray(v) &&
    v.every(
      (part) =>
        (typeof part === 'number' && Number.isInteger(part) && part >= 0) ||
        (Array.isArray(part) &&
          part.length >= 1 &&
          typeof part[0] === 'number' &&
          part.slice(1).every((line) => typeof line === 'string')),
    )
  );
}

/** An update as sent in `section_updates` and the `open_section` result. */
export function isSectionUpdate(v: unknown): v is SectionUpdate {
  return isObject(v) && typeof v.clientID === 'string' && isChangeJson(v.changes);
}

/** Checks the fields the app relies on for one decoded server message. */
function isServerMessage(v: unknown): v is ServerMessage {
  if (!isObject(v) || typeof v.type !== 'string' || !SERVER_TYPES.has(v.type)) return false;
  switch (v.type) {
    case 'ack':
      return typeof v.id === 'string';
    case 'error':
      return typeof v.code === 'string' && (v.id === undefined || typeof v.id === 'string');
    case 'snapshot':
      return typeof v.seq === 'number' && isObject(v.event) && Array.isArray(v.ideas);
    case 'changes':
      return typeof v.seq === 'number' && Array.isArray(v.changes);
    case 'change':
      return typeof v.seq === 'number' && typeof v.kind === 'string';
    case 'presence':
      return typeof v.connected === 'number' && isObject(v.byTrack);
    case 'results':
      return typeof v.round === 'number' && Array.isArray(v.items);
    case 'section_updates':
      return (
        typeof v.proposal === 'number' &&
        typeof v.section === 'number' &&
        typeof v.version === 'number' &&
        Array.isArray(v.updates) &&
        v.updates.every(isSectionUpdate)
      );
    case 'section_presence':
      return typeof v.proposal === 'number' && typeof v.section === 'number' && Array.isArray(v.editors);
  }
  return false;
}

/**
 * Splits one server frame on "\n" and decodes every non-empty line. A line that is not JSON
 * or not a known server message is skipped and reported through `onBadLine`.
 */
export function parseFrame(text: string, onBadLine: (line: string) => void = () => {}): ServerMessage[] {
  const out: ServerMessage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      onBadLine(line);
      continue;
    }
    if (isServerMessage(value)) out.push(value);
    else onBadLine(line);
  }
  return out;
}

/** Join codes are 6 characters, case-insensitive, spaces ignored. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '').toUpperCase();
}

export function isValidCode(code: string): boolean {
  return /^[A-Z0-9]{6}$/.test(normaliseCode(code));
}

// ---------------------------------------------------------------------------------------
// HTTP API (files): /api/events/CODE/roster and /api/events/CODE/roster.csv

/** One imported participant with the token of their personal link (shown only once). */
export interface RosterMember extends Member {
  token: string;
}

/** `200` of `POST /api/events/CODE/roster`. */
export interface RosterImported {
  members: RosterMember[];
  tables: Table[];
}

/** A problem of one row (`row` counts after the header; 0 is the file as a whole). */
export interface RosterProblem {
  row: number;
  message: string;
}

/** Any refused HTTP request: `{"error":code,"message":text}`, with `problems` for `bad_roster`. */
export interface HttpError {
  error: string;
  message?: string;
  problems?: RosterProblem[];
}
