/**
 * The named actions of the app: every command a view can send, by what it does
 * (`ideas.post`, `rounds.vote`, `agenda.goTo`, ...). Views call these and never build a
 * command or touch the connection.
 *
 * Each action decides once how its command travels:
 * - queued: kept in the connection's pending queue (in storage) until the server answers,
 *   sent again after reconnects and reloads. For what a participant must never lose: their
 *   ideas and the changes to them (post, edit, delete, hide, unhide). Returns the command
 *   with its id; the outcome arrives as a change, or as a notice when it is refused.
 * - requests: sent now (or when the connection is ready) and answered through a promise,
 *   which fails with a CommandError (`connection_lost` if the socket drops first).
 *
 * The section edits of proposals (open, push, cursor, close) are not here: the section
 * registry (collab/) speaks to the connection itself.
 */
import type {
  Command,
  CreateProposalCommand,
  Draft,
  EditMemberCommand,
  ErasedContributions,
  EventStatus,
  IdeaCommand,
  JoinCommand,
  LinkRole,
  OpenRoundCommand,
  Phase,
  ReportChapter,
  ResultOf,
  RoundItemKind,
  ScreenLanguages,
  ScreenMode,
  SetReportCommand,
  StakeholderGroup,
  TemplateSection,
  UpdateProfileCommand,
  AddCommentCommand,
} from '../protocol';

/** What the actions need of the connection (Connection has both). */
export interface CommandPort {
  submit<C extends IdeaCommand>(draft: Draft<C>): C;
  request<T extends Command['type']>(draft: Draft<Extract<Command, { type: T }>>): Promise<ResultOf[T]>;
}

/** The settings of a new round, as the console's form gives them. */
export type RoundSettings = Omit<Draft<OpenRoundCommand>, 'type' | 'items'> & { items?: RoundItemKind };

/** The report's texts (`set_report`). */
export type ReportTexts = Omit<Draft<SetReportCommand>, 'type'>;

/** A new comment: on a proposal (`section` null), on a passage, or a reply. */
export type CommentDraft = Omit<Draft<AddCommentCommand>, 'type'>;

export function createActions(port: CommandPort) {
  const request = <T extends Command['type']>(draft: Draft<Extract<Command, { type: T }>>) => port.request<T>(draft);
  const queued = <C extends IdeaCommand>(draft: Draft<C>): C => port.submit<C>(draft);

  return {
    event: {
      /** The event's title and tracks, and whether it takes new sign-ups with its code. */
      info: (code: string) => request<'event_info'>({ type: 'event_info', code }),
      join: (fields: Omit<Draft<JoinCommand>, 'type'>) => request<'join'>({ type: 'join', ...fields }),
      /** Facilitators: the event's language (its report, its big screen) and the big screen's choice. */
      setLanguage: (change: { language?: string; screenLanguages?: ScreenLanguages }) =>
        request<'set_event_language'>({ type: 'set_event_language', ...change }),
    },

    admin: {
      createEvent: (
        title: string,
        tracks: { name: string; description: string }[],
        groups?: StakeholderGroup[],
        language?: string,
      ) =>
        request<'create_event'>({
          type: 'create_event',
          title,
          tracks,
          ...(groups ? { groups } : {}),
          ...(language ? { language } : {}),
        }),
      listEvents: () => request<'list_events'>({ type: 'list_events' }),
      issueFacilitatorLink: (event: number, name?: string) =>
        request<'issue_facilitator_link'>({ type: 'issue_facilitator_link', event, ...(name ? { name } : {}) }),
      setEventStatus: (event: number, status: EventStatus) =>
        request<'set_event_status'>({ type: 'set_event_status', event, status }),
      deleteEvent: (event: number) => request<'delete_event'>({ type: 'delete_event', event }),
      /** Days closed events are kept before they are deleted (0: at once), or null: kept. */
      setRetention: (days: number | null) => request<'set_retention'>({ type: 'set_retention', days }),
    },

    ideas: {
      // Queued: a participant's ideas survive offline time and reloads.
      post: (track: number, text: string, anonymous: boolean) => queued({ type: 'post_idea', track, text, anonymous }),
      edit: (idea: number, text: string) => queued({ type: 'edit_idea', idea, text }),
      delete: (idea: number) => queued({ type: 'delete_idea', idea }),
      hide: (idea: number) => queued({ type: 'hide_idea', idea }),
      unhide: (idea: number) => queued({ type: 'unhide_idea', idea }),
      // Requests: moderation answered at once.
      pin: (idea: number) => request<'pin_idea'>({ type: 'pin_idea', idea }),
      unpin: (idea: number) => request<'unpin_idea'>({ type: 'unpin_idea', idea }),
      merge: (idea: number, into: number) => request<'merge_idea'>({ type: 'merge_idea', idea, into }),
      split: (idea: number) => request<'split_idea'>({ type: 'split_idea', idea }),
      /** Puts the idea in a cluster, or (null) in none. */
      cluster: (idea: number, cluster: number | null) =>
        request<'cluster_idea'>({ type: 'cluster_idea', idea, cluster }),
      /** "This is mine too": the sender supports someone else's idea. */
      support: (idea: number) => request<'support_idea'>({ type: 'support_idea', idea }),
      withdrawSupport: (idea: number) => request<'withdraw_support'>({ type: 'withdraw_support', idea }),
      /** A query: the track's ideas most like `text` (at most 3, best first). */
      similar: (track: number, text: string) => request<'similar_ideas'>({ type: 'similar_ideas', track, text }),
    },

    /** Moderators: what the server suggests for a track, and the pairs they say are not duplicates. */
    suggestions: {
      duplicates: (track: number) => request<'suggest_duplicates'>({ type: 'suggest_duplicates', track }),
      clusters: (track: number) => request<'suggest_clusters'>({ type: 'suggest_clusters', track }),
      dismiss: (a: number, b: number) => request<'dismiss_duplicate'>({ type: 'dismiss_duplicate', a, b }),
      restore: (a: number, b: number) => request<'restore_duplicate'>({ type: 'restore_duplicate', a, b }),
    },

    clusters: {
      create: (track: number, name: string) => request<'create_cluster'>({ type: 'create_cluster', track, name }),
      rename: (cluster: number, name: string) => request<'rename_cluster'>({ type: 'rename_cluster', cluster, name }),
      delete: (cluster: number) => request<'delete_cluster'>({ type: 'delete_cluster', cluster }),
    },

    tables: {
      add: (track: number, name: string) => request<'add_table'>({ type: 'add_table', track, name }),
      remove: (table: number) => request<'remove_table'>({ type: 'remove_table', table }),
    },

    people: {
      move: (member: number, track: number, table: number | null) =>
        request<'move_member'>({ type: 'move_member', member, track, table }),
      remove: (member: number) => request<'remove_member'>({ type: 'remove_member', member }),
      /** Facilitators: a member's name, organisation or (a participant's) group. */
      edit: (member: number, fields: Omit<Draft<EditMemberCommand>, 'type' | 'member'>) =>
        request<'edit_member'>({ type: 'edit_member', member, ...fields }),
      /** Facilitators: the event's stakeholder groups (until the first vote). */
      setGroups: (groups: StakeholderGroup[]) => request<'set_groups'>({ type: 'set_groups', groups }),
      /** A participant's own name, organisation, group and consent to be credited. */
      updateProfile: (fields: Omit<Draft<UpdateProfileCommand>, 'type'>) =>
        request<'update_profile'>({ type: 'update_profile', ...fields }),
      /** Erases a member's personal data; their ideas and comments are kept or deleted. */
      erase: (member: number, contributions: ErasedContributions) =>
        request<'erase_member'>({ type: 'erase_member', member, contributions }),
      /** Whether new people may join with the event's code. */
      setSelfJoin: (open: boolean) => request<'set_self_join'>({ type: 'set_self_join', open }),
      /** A personal link for staff or a screen; `track` only for a lead. */
      createLink: (role: LinkRole, name: string, track?: number) =>
        request<'create_link'>(
          role === 'lead' ? { type: 'create_link', role, name, track } : { type: 'create_link', role, name },
        ),
    },

    links: {
      /** The label (member name) of a facilitator, lead or screen link. */
      rename: (member: number, name: string) => request<'rename_link'>({ type: 'rename_link', member, name }),
      /** The link stops working at once; its open pages are closed. */
      revoke: (member: number) => request<'revoke_link'>({ type: 'revoke_link', member }),
      /** A new token for the member (the old one stops working). */
      reissue: (member: number) => request<'reissue_link'>({ type: 'reissue_link', member }),
    },

    agenda: {
      set: (phases: Phase[]) => request<'set_agenda'>({ type: 'set_agenda', phases }),
      goTo: (index: number) => request<'go_to_phase'>({ type: 'go_to_phase', index }),
      /** Back to the phase the last phase change left (the agenda's `undoTo`). */
      undoPhase: () => request<'undo_phase_change'>({ type: 'undo_phase_change' }),
      pause: () => request<'pause_timer'>({ type: 'pause_timer' }),
      resume: () => request<'resume_timer'>({ type: 'resume_timer' }),
      extend: (minutes: number) => request<'extend_timer'>({ type: 'extend_timer', minutes }),
      setAutoAdvance: (on: boolean) => request<'set_auto_advance'>({ type: 'set_auto_advance', on }),
      setTrackPacing: (allowed: boolean) => request<'set_track_pacing'>({ type: 'set_track_pacing', allowed }),
      /** Holds a track at (or moves it to) phase `index`; null lets it follow the agenda. */
      setTrackPhase: (track: number, index: number | null) =>
        request<'set_track_phase'>({ type: 'set_track_phase', track, index }),
    },

    announcements: {
      /** For one track's participants, or (null) for everyone. */
      make: (text: string, track: number | null) => request<'announce'>({ type: 'announce', text, track }),
      clear: (announcement: number) => request<'clear_announcement'>({ type: 'clear_announcement', announcement }),
    },

    screen: {
      /** What the big screen shows: one track, or (null) every track. */
      show: (track: number | null) => request<'set_screen'>({ type: 'set_screen', track }),
      /** What the big screen shows: join, wall, clusters, progress, results, announcement, or auto. */
      setMode: (mode: ScreenMode) => request<'set_screen'>({ type: 'set_screen', mode }),
      /** The track of the wall and clusters, or (null) every track. */
      setTrack: (track: number | null) => request<'set_screen'>({ type: 'set_screen', track }),
      /** The round of vote progress and results, or (null) the newest. */
      setRound: (round: number | null) => request<'set_screen'>({ type: 'set_screen', round }),
    },

    rounds: {
      open: (settings: RoundSettings) => request<'open_round'>({ type: 'open_round', ...settings }),
      /** Sets (not adds) the sender's votes on the item; 0 takes them off. */
      vote: (round: number, item: number, votes: number) => request<'vote'>({ type: 'vote', round, item, votes }),
      close: (round: number) => request<'close_round'>({ type: 'close_round', round }),
      reveal: (round: number) => request<'reveal_round'>({ type: 'reveal_round', round }),
      reopen: (round: number) => request<'reopen_round'>({ type: 'reopen_round', round }),
    },

    proposals: {
      setTemplate: (sections: TemplateSection[]) => request<'set_template'>({ type: 'set_template', sections }),
      create: (fields: Omit<Draft<CreateProposalCommand>, 'type'>) =>
        request<'create_proposal'>({ type: 'create_proposal', ...fields }),
      rename: (proposal: number, title: string) =>
        request<'update_proposal'>({ type: 'update_proposal', proposal, title }),
      setTeam: (proposal: number, team: number[]) =>
        request<'update_proposal'>({ type: 'update_proposal', proposal, team }),
      /** Moves the proposal to the trash (its texts and comments are kept). */
      delete: (proposal: number) => request<'delete_proposal'>({ type: 'delete_proposal', proposal }),
      restore: (proposal: number) => request<'restore_proposal'>({ type: 'restore_proposal', proposal }),
      /** Freezes (or thaws) every proposal's title and sections. */
      freeze: (frozen: boolean) => request<'freeze_proposals'>({ type: 'freeze_proposals', frozen }),
      /** A page of a section's accepted updates after version `from`. */
      history: (proposal: number, section: number, from: number) =>
        request<'section_history'>({ type: 'section_history', proposal, section, from }),
    },

    comments: {
      add: (comment: CommentDraft) => request<'add_comment'>({ type: 'add_comment', ...comment }),
      resolve: (comment: number, resolved: boolean) =>
        request<'resolve_comment'>({ type: 'resolve_comment', comment, resolved }),
    },

    report: {
      setTexts: (texts: ReportTexts) => request<'set_report'>({ type: 'set_report', ...texts }),
      /** Fills the chapters with the `top` proposals of a final round. */
      prefill: (round: number, top: number) => request<'prefill_report'>({ type: 'prefill_report', round, top }),
      /** The whole structure: every chapter with its proposals, in order (copied). */
      setChapters: (round: number | null, chapters: readonly ReportChapter[]) =>
        request<'set_chapters'>({
          type: 'set_chapters',
          round,
          chapters: chapters.map((c) => ({ title: c.title, intro: c.intro, proposals: [...c.proposals] })),
        }),
      publish: (published: boolean) => request<'publish_report'>({ type: 'publish_report', published }),
    },
  };
}

export type Actions = ReturnType<typeof createActions>;
