/**
 * What the browser sends (docs/protocol.md): one interface per command, the `Command` union,
 * and the `result` of each command's answer (`ResultOf`).
 */
import type {
  Agenda,
  Ballots,
  Comment,
  Eligible,
  ErasedContributions,
  EventInfo,
  EventStatus,
  EventSummary,
  HistoryUpdate,
  Limits,
  Member,
  Phase,
  ReportChapter,
  RoundItemKind,
  ScreenLanguages,
  ScreenMode,
  SectionSelection,
  SectionUpdate,
  SimilarIdea,
  DuplicatePair,
  StakeholderGroup,
  SuggestedGroup,
  TemplateSection,
  VoteMethod,
} from './objects';

// ---------------------------------------------------------------------------------------
// Client → server

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

export interface JoinCommand {
  type: 'join';
  id: string;
  code: string;
  name: string;
  organisation: string;
  /** The code of one of the event's groups. */
  group: string;
  track: number;
  credit: boolean;
  /** The language of the app, for the big screen's languages of the room. */
  language?: string;
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
  /** The language of the app, for the big screen's languages of the room. */
  language?: string;
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
/** "This is mine too" / "Me too": the sender supports someone else's idea (not a viewer). */
export interface SupportIdeaCommand {
  type: 'support_idea';
  id: string;
  idea: number;
}
export interface WithdrawSupportCommand {
  type: 'withdraw_support';
  id: string;
  idea: number;
}
/** Moderators: two ideas of one track are not duplicates; the pair is not suggested again. */
export interface DismissDuplicateCommand {
  type: 'dismiss_duplicate';
  id: string;
  a: number;
  b: number;
}
export interface RestoreDuplicateCommand {
  type: 'restore_duplicate';
  id: string;
  a: number;
  b: number;
}
/** A query (no change): the ideas of the track most like `text`, while someone types. */
export interface SimilarIdeasCommand {
  type: 'similar_ideas';
  id: string;
  track: number;
  text: string;
}
/** A query for the track's moderators: pairs of its ideas that look like duplicates. */
export interface SuggestDuplicatesCommand {
  type: 'suggest_duplicates';
  id: string;
  track: number;
}
/** A query for the track's moderators: a grouping of its ideas that are in no cluster. */
export interface SuggestClustersCommand {
  type: 'suggest_clusters';
  id: string;
  track: number;
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
/** Any member: the app now shows this language (not a change). */
export interface SetLanguageCommand {
  type: 'set_language';
  id: string;
  language: string;
}
/** Facilitators: the event's language (its report, its big screen) and the big screen's choice. */
export interface SetEventLanguageCommand {
  type: 'set_event_language';
  id: string;
  language?: string;
  screenLanguages?: ScreenLanguages;
}
/** Staff: take out a participant (or, for facilitators, a viewer) who never posted anything. */
export interface RemoveMemberCommand {
  type: 'remove_member';
  id: string;
  member: number;
}
/** Facilitators: erase a member's personal data (not one's own). */
export interface EraseMemberCommand {
  type: 'erase_member';
  id: string;
  member: number;
  contributions: ErasedContributions;
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
/** Facilitators: the label (member name) of a facilitator, lead or screen link. */
export interface RenameLinkCommand {
  type: 'rename_link';
  id: string;
  member: number;
  name: string;
}
/** Facilitators: the member's token stops working at once (not their own). */
export interface RevokeLinkCommand {
  type: 'revoke_link';
  id: string;
  member: number;
}
/** Facilitators: a new token for the member; the old one stops working (not their own). */
export interface ReissueLinkCommand {
  type: 'reissue_link';
  id: string;
  member: number;
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
  /** The event's stakeholder groups; absent: the server's default nine. */
  groups?: StakeholderGroup[];
  /** The event's language (its report and big screen); absent: English. */
  language?: string;
}
/** Facilitators: the event's stakeholder groups, until the first vote. */
export interface SetGroupsCommand {
  type: 'set_groups';
  id: string;
  groups: StakeholderGroup[];
}
/** A participant's own profile (each field optional); after publication only `credit: false`. */
export interface UpdateProfileCommand {
  type: 'update_profile';
  id: string;
  name?: string;
  organisation?: string;
  group?: string;
  credit?: boolean;
}
/** Facilitators: a member's name, organisation or (a participant's) group. */
export interface EditMemberCommand {
  type: 'edit_member';
  id: string;
  member: number;
  name?: string;
  organisation?: string;
  group?: string;
}
export interface ListEventsCommand {
  type: 'list_events';
  id: string;
}
/** Admin: a new facilitator member of an event (a lost link's recovery). */
export interface IssueFacilitatorLinkCommand {
  type: 'issue_facilitator_link';
  id: string;
  event: number;
  /** Default "Facilitator". */
  name?: string;
}
/** Admin: open, closed (read-only) or archived (closed, listed apart). */
export interface SetEventStatusCommand {
  type: 'set_event_status';
  id: string;
  event: number;
  status: EventStatus;
}
/** Admin: deletes an event for good; refused (`not_exported`) unless closed and exported. */
export interface DeleteEventCommand {
  type: 'delete_event';
  id: string;
  event: number;
}
/** Admin: closed events are deleted this many days after closing (0: at once); null: kept. */
export interface SetRetentionCommand {
  type: 'set_retention';
  id: string;
  days: number | null;
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
/** Facilitators: back to the phase the last phase change left (the agenda's `undoTo`). */
export interface UndoPhaseChangeCommand {
  type: 'undo_phase_change';
  id: string;
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
/** What the big screen shows; an absent field stays as it is. */
export interface SetScreenCommand {
  type: 'set_screen';
  id: string;
  mode?: ScreenMode;
  track?: number | null;
  round?: number | null;
}

export interface OpenRoundCommand {
  type: 'open_round';
  id: string;
  title: string;
  track: number | null;
  /** What the round is over; the server's default is ideas. */
  items?: RoundItemKind;
  /** Who may vote; the server's default: the track's members, everyone for all tracks or proposals. */
  eligible?: Eligible;
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
/** Back from the trash (facilitators; the lead of its track), until the report is published. */
export interface RestoreProposalCommand {
  type: 'restore_proposal';
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
  | RestoreProposalCommand
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
  | RenameLinkCommand
  | RevokeLinkCommand
  | ReissueLinkCommand
  | AuthAdminCommand
  | CreateEventCommand
  | IssueFacilitatorLinkCommand
  | SetEventStatusCommand
  | DeleteEventCommand
  | SetRetentionCommand
  | ListEventsCommand
  | SetAgendaCommand
  | GoToPhaseCommand
  | UndoPhaseChangeCommand
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
  | SupportIdeaCommand
  | WithdrawSupportCommand
  | DismissDuplicateCommand
  | RestoreDuplicateCommand
  | SimilarIdeasCommand
  | SuggestDuplicatesCommand
  | SuggestClustersCommand
  | AddTableCommand
  | RemoveTableCommand
  | MoveMemberCommand
  | SetTrackPacingCommand
  | SetTrackPhaseCommand
  | SetSelfJoinCommand
  | SetLanguageCommand
  | SetEventLanguageCommand
  | RemoveMemberCommand
  | SetGroupsCommand
  | UpdateProfileCommand
  | EditMemberCommand
  | EraseMemberCommand;

/**
 * A check that the connection is alive, sent after a few seconds of silence. It has no `id`:
 * the server answers it at once with `pong`, and it is not part of `Command` (no answer of its
 * own, no result).
 */
export interface PingCommand {
  type: 'ping';
}

/** Commands that change an event's ideas: kept in the pending queue until answered. */
export type IdeaCommand = PostIdeaCommand | EditIdeaCommand | DeleteIdeaCommand | HideIdeaCommand | UnhideIdeaCommand;

/** A command as the caller writes it; the connection adds the `id`. */
export type Draft<C extends Command> = C extends Command ? Omit<C, 'id'> : never;

/** The `result` of a successful answer, per command type. */
export interface ResultOf {
  join: { token: string; you: Member; serverTime: number };
  /** `selfJoin` false: the event takes no new sign-ups with its code (absent from older servers). */
  event_info: { event: EventInfo; selfJoin?: boolean; agenda?: Agenda; limits?: Limits };
  hello: { you: Member; serverTime: number; ballots?: Ballots };
  post_idea: { idea: number };
  edit_idea: undefined;
  delete_idea: undefined;
  hide_idea: undefined;
  unhide_idea: undefined;
  create_link: { token: string; member: Member };
  rename_link: undefined;
  revoke_link: undefined;
  reissue_link: { token: string; member: Member };
  auth_admin: undefined;
  create_event: { event: EventInfo; facilitatorToken: string };
  /** `retentionDays`: the admin's retention period (null: none; absent from older servers). */
  list_events: { events: EventSummary[]; limits?: Limits; retentionDays?: number | null };
  issue_facilitator_link: { token: string; member: Member };
  set_event_status: undefined;
  delete_event: undefined;
  set_retention: undefined;
  set_agenda: undefined;
  go_to_phase: undefined;
  undo_phase_change: undefined;
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
  support_idea: undefined;
  withdraw_support: undefined;
  dismiss_duplicate: undefined;
  restore_duplicate: undefined;
  /** At most 3, best first. */
  similar_ideas: { ideas: SimilarIdea[] };
  /** Best first, at most 50; `a` is the earlier idea (merge `b` into `a`). */
  suggest_duplicates: { pairs: DuplicatePair[] };
  /** Largest first. */
  suggest_clusters: { groups: SuggestedGroup[] };
  add_table: { table: number };
  remove_table: undefined;
  move_member: undefined;
  set_track_pacing: undefined;
  set_track_phase: undefined;
  set_self_join: undefined;
  set_language: undefined;
  set_event_language: undefined;
  remove_member: undefined;
  set_groups: undefined;
  update_profile: undefined;
  edit_member: undefined;
  erase_member: undefined;
  open_round: { round: number };
  vote: { spent: number; budget: number };
  close_round: undefined;
  reveal_round: undefined;
  reopen_round: undefined;
  set_template: undefined;
  create_proposal: { proposal: number };
  update_proposal: undefined;
  delete_proposal: undefined;
  restore_proposal: undefined;
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
