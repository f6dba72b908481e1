/**
 * The changes of an event's sequence (docs/protocol.md, "Changes"): one union on `kind`, applied
 * by the store (store.ts) exhaustively.
 */
import type {
  Agenda,
  Author,
  Announcement,
  Ballot,
  Cluster,
  Comment,
  ErasedContributions,
  Idea,
  Member,
  Proposal,
  ScreenLanguages,
  Report,
  ResultItem,
  Round,
  ScreenState,
  StakeholderGroup,
  Table,
  TemplateSection,
  TrashedProposal,
} from './objects';

/** What happened to a staff link (`link_changed`). */
export type LinkAction = 'renamed' | 'revoked' | 'reissued';

/** The report's changes and the proposal changes the report view follows. */
export type ReportChange = { seq: number; kind: 'report_changed'; report: Report };

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
  /** A member supports an idea ("this is mine too"), or no longer does. */
  | { seq: number; kind: 'idea_supported'; idea: number; member: number }
  | { seq: number; kind: 'idea_support_withdrawn'; idea: number; member: number }
  /** Staff of the track: a pair of ideas marked as not duplicates (a < b), or restored. */
  | { seq: number; kind: 'duplicate_dismissed'; a: number; b: number }
  | { seq: number; kind: 'duplicate_restored'; a: number; b: number }
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
  /**
   * Moved to the trash. Staff who may restore it also get `trashed` (the proposal with its
   * `deletedAt`); `deletedAt` alone is accepted too.
   */
  | { seq: number; kind: 'proposal_deleted'; proposal: number; trashed?: TrashedProposal; deletedAt?: number }
  /** Back from the trash, for everyone. */
  | { seq: number; kind: 'proposal_restored'; proposal: Proposal; comments?: Comment[] }
  /** A staff link renamed, revoked or given a new token; `member` as it is now. */
  | { seq: number; kind: 'link_changed'; member: Member; action: LinkAction }
  | { seq: number; kind: 'proposals_frozen'; frozen: boolean }
  | { seq: number; kind: 'comment_added'; comment: Comment }
  | { seq: number; kind: 'comment_resolved'; comment: Comment }
  | { seq: number; kind: 'self_join_changed'; open: boolean }
  | { seq: number; kind: 'event_language_changed'; language: string; screenLanguages: ScreenLanguages }
  /**
   * A member who never posted was taken out. `member` and `rounds` (whose results change) go to
   * the staff who see that person; `proposals` (the teams they left, as they are now) to everyone.
   */
  | { seq: number; kind: 'member_removed'; member?: number; rounds?: number[]; proposals: Proposal[] }
  /** The event's stakeholder groups changed (`set_groups`). */
  | { seq: number; kind: 'groups_changed'; groups: StakeholderGroup[] }
  /**
   * A member's profile changed (`update_profile`, `edit_member`). `member`: the whole member for
   * staff and the member; `{id, name, organisation}` for others whose screens show the name;
   * `report`: the published report, when its credits changed.
   */
  | {
      seq: number;
      kind: 'member_updated';
      member?: Member | Author;
      report?: Report;
      rounds?: number[];
    }
  /**
   * A member's personal data was erased. `member`: whose (to everyone when their contributions
   * stay, so that they show as a former participant's; else to the staff who see that person);
   * `ideas` and `comments`: ids deleted with them; `moved`: ideas that were merged into a deleted
   * one, and `replies`: replies to a deleted comment, as they are now; `rounds` (staff who see the
   * person): whose results by group changed; `proposals`: the teams they left, as they are now.
   */
  | {
      seq: number;
      kind: 'member_erased';
      member?: number;
      contributions: ErasedContributions;
      ideas: number[];
      moved: Idea[];
      comments: number[];
      replies: Comment[];
      rounds?: number[];
      proposals: Proposal[];
    }
  | ReportChange;
export type ChangeKind = Change['kind'];
