// event_state.hpp: one event's state and the rules of every command that changes it.
//
// Each command method checks the command against the state and the actor's role and either
// returns an error (and changes nothing) or applies the change, gives it the next sequence
// number and returns it. Pure: no I/O; times and token hashes are supplied by the caller.
//
// Thread-safety: none. The server keeps each event_state on its event's strand.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "agenda.hpp"
#include "collab.hpp"
#include "model.hpp"
#include "result.hpp"
#include "text.hpp"
#include "voting.hpp"

namespace rt::domain {

// Limits of user-typed text, in code points.
inline constexpr text_rule title_rule{"title", 1, 120};
inline constexpr text_rule track_name_rule{"track name", 1, 60};
inline constexpr text_rule track_description_rule{"track description", 0, 1000, true};
inline constexpr text_rule name_rule{"name", 1, 60};
inline constexpr text_rule organisation_rule{"organisation", 0, 100};
inline constexpr text_rule idea_rule{"idea", 1, 1000, true};
inline constexpr text_rule announcement_rule{"announcement", 1, 280};
inline constexpr text_rule cluster_name_rule{"cluster name", 1, 60};
inline constexpr text_rule table_name_rule{"table name", 1, 60};
inline constexpr text_rule heading_rule{"heading", 1, 80};
inline constexpr text_rule hint_rule{"hint", 0, 300, true};
inline constexpr text_rule comment_rule{"comment", 1, 2000, true};
inline constexpr text_rule quote_rule{"quote", 0, 300, true};
inline constexpr text_rule report_title_rule{"report title", 1, 200};
inline constexpr text_rule subtitle_rule{"subtitle", 0, 200};
inline constexpr text_rule date_rule{"date", 0, 40};
inline constexpr text_rule report_text_rule{"text", 0, 20'000, true};
inline constexpr text_rule chapter_title_rule{"chapter title", 1, 120};
inline constexpr text_rule chapter_intro_rule{"introduction", 0, 2000, true};
inline constexpr std::size_t max_chapters = 20;
inline constexpr std::size_t max_report_proposals = 100;
inline constexpr std::size_t max_tracks = 20;
inline constexpr std::size_t max_template_sections = 12;
inline constexpr std::size_t max_proposal_ideas = 200;

struct track_draft {
  std::string name;
  std::string description;
};

// Checks a new event's title and tracks and returns the event with tracks numbered 1..n.
// Fails with "bad_text" (title, names, descriptions) or "bad_value" (no tracks, too many,
// two tracks of the same name).
// `groups`: the event's stakeholder groups (check_groups).
// `language`: one of language_codes (bad_value otherwise).
result<event_info> make_event(id_type id, std::string code, std::string_view title,
                              const std::vector<track_draft>& tracks, millis now,
                              const std::vector<stakeholder_group>& groups = default_groups(),
                              std::string_view language = default_language);

inline constexpr std::size_t max_groups = 20;
inline constexpr std::size_t max_group_code = 32;
inline constexpr text_rule group_label_rule{"group label", 1, 60};
// An event's stakeholder groups as given, cleaned: 1..20 groups, codes of 1..32 characters
// [a-z0-9_], labels of 1..60 characters, no code or label twice (labels compared in any
// case). Errors: bad_value (count, code, a code or label twice), bad_text (a label).
result<std::vector<stakeholder_group>> check_groups(const std::vector<stakeholder_group>& groups);

// One row of a roster file, as typed.
struct roster_row {
  std::string name;
  std::string organisation;
  std::string group;   // a group's code or label, any case ("sme", "SME", "Start-up")
  std::string track;   // a track's name (any case) or id
  std::string table;   // a table's name in that track; created if new; "" for none
  std::string email;   // "" for none
  std::string credit;  // yes/no (true/false, 1/0, any case); "" for no
  std::string role;    // participant (or ""); rows of staff or viewers are skipped
};

struct roster_problem {
  std::size_t row = 0;  // 1 = the first row after the header; 0 = the file as a whole
  std::string message;  // in English
  // What it is, for a message in the reader's language: a code ("group", "email", ...; the
  // list is in docs/protocol.md) and the values its message names: texts ({value}, {column},
  // {groups}: what the file holds) and numbers ({max}, {cells}, {header}).
  std::string code;
  std::map<std::string, std::string> texts{};
  std::map<std::string, long long> numbers{};
};

inline constexpr std::size_t max_roster_rows = 10'000;

// A roster's credit cell: yes/true/1 or no/false/0/"" (any case); none for anything else.
std::optional<bool> parse_yes_no(std::string_view cell);

struct join_draft {
  std::string name;
  std::string organisation;
  std::string group;  // the code of one of the event's stakeholder groups
  id_type track = 0;
  bool credit = false;
};

// A change to a member's profile: each field present is set (update_profile, edit_member).
struct profile_edit {
  std::optional<std::string> name;
  std::optional<std::string> organisation;
  std::optional<std::string> group;  // a code of one of the event's groups
  std::optional<bool> credit;        // update_profile only
};

// What a facilitator or lead gives to create a proposal.
struct proposal_draft {
  std::string title;
  id_type track = 0;
  std::vector<id_type> ideas;
  std::optional<id_type> cluster;
  std::optional<id_type> table;
  std::vector<id_type> team;
};

// What a commenter gives (see comment in model.hpp).
struct comment_draft {
  id_type proposal = 0;
  std::optional<int> section;
  std::int64_t from = 0, to = 0, version = 0;
  std::string quote;
  std::optional<id_type> parent;
  std::string text;
};

// The updates a push added to one section (possibly none: all were already accepted).
struct section_push {
  id_type proposal = 0;
  int section = 0;
  std::int64_t from_version = 0;  // the section's version before them
  std::vector<accepted_update> updates;
  // Carries a position in the pusher's text after its updates into the section's text
  // (map_pushed_caret): the others' updates accepted since the push's version.
  std::vector<change_desc> others_after;
};

// Everything an event holds about one member, for their own download (event_state::data_of).
struct member_data {
  member profile;
  std::vector<idea> ideas;        // theirs, hidden and merged ones too (deleted ones are gone)
  std::vector<comment> comments;  // theirs, also on proposals in the trash
  struct vote {
    id_type round = 0;
    id_type item = 0;
    int votes = 0;
  };
  std::vector<vote> votes;         // their ballots, round by round
  std::vector<id_type> supported;  // the ideas they support ("This is mine too"), ascending
  // An update of a proposal's section they wrote: where, when, and the text it inserted.
  struct edit {
    id_type proposal = 0;
    int section = 0;
    std::int64_t version = 0;  // the section's version after it
    millis at = 0;
    std::string inserted;  // UTF-8; "" for an update that only deleted
  };
  std::vector<edit> edits;
};

// How many of the people who may vote in a round have voted, in all and per track, and who
// has not yet (never what anyone voted). Eligible: as event_state::eligible says, now (a
// member moved to another track counts where they are).
struct turnout {
  struct count {
    std::size_t voted = 0;
    std::size_t eligible = 0;
    bool operator==(const count&) const = default;
  };
  count all;
  std::map<id_type, count> by_track;  // every track of the round, also those nobody is in
  std::vector<id_type> waiting;       // eligible members without a vote, ascending
};

class event_state {
 public:
  explicit event_state(event_info info);

  // Loading from storage: restore members and ideas (removed members and deleted ideas only
  // advance the id counter) and set the sequence number reached. Not for live use.
  void restore(member m);
  void restore(idea i);
  void restore_seq(seq_type seq) { seq_ = seq; }
  void restore_agenda(std::vector<phase> agenda, timer_state timer);
  void restore_pacing(pacing_state p) { pacing_ = std::move(p); }
  void restore(announcement a);
  void restore_last_announcement_id(id_type last) {
    next_announcement_id_ = std::max(next_announcement_id_, last + 1);
  }
  void restore_screen(screen_state s) { screen_ = s; }
  void restore(cluster c);
  void restore(table t);
  void restore_last_ids(id_type cluster, id_type table);
  void restore(vote_round r, std::map<id_type, ballot> ballots);
  void restore_report(report_plan r) { report_ = std::move(r); }
  void restore_template(std::vector<template_section> sections) { template_ = std::move(sections); }
  void restore_frozen(bool frozen) { frozen_ = frozen; }
  void restore_self_join(bool open) { self_join_ = open; }
  void restore_status(event_status s) { status_ = s; }
  // A dismissed pair of ideas (either order; see set_duplicate_dismissed).
  void restore_dismissed(id_type a, id_type b);
  void restore(proposal p);  // deleted ones go to the trash
  void restore(comment c);
  // A section's accepted updates, oldest first (version 1, 2, ...).
  void restore_section(id_type proposal, int section, section_doc doc);

  const event_info& info() const { return info_; }
  const std::vector<stakeholder_group>& groups() const { return info_.groups; }
  // The event's group with this code; null when it has none.
  const stakeholder_group* find_group(std::string_view code) const;
  // What a group is called: the event's label, "Other" for the staff's group, else the code.
  std::string group_label(std::string_view code) const;
  // The event's group a roster cell names: a code or a label, in any case.
  const stakeholder_group* group_of_cell(std::string_view cell) const;
  // Whether `id`'s name shows to everyone: staff, or an author of an idea that is not
  // anonymous, of a comment, or on a proposal's team.
  bool shows_name(id_type id) const;
  seq_type seq() const { return seq_; }
  const track* find_track(id_type id) const;
  const member* find_member(id_type id) const;
  const member* find_member_by_token(std::string_view token_hash) const;
  const idea* find_idea(id_type id) const;  // live ideas only; deleted ones are gone
  const std::map<id_type, idea>& ideas() const { return ideas_; }
  const std::map<id_type, member>& members() const { return members_; }
  std::size_t participant_count() const { return participants_; }
  const std::vector<phase>& agenda() const { return agenda_; }
  const timer_state& timer() const { return timer_; }
  const pacing_state& pacing() const { return pacing_; }
  const std::map<id_type, vote_round>& rounds() const { return rounds_; }
  // Every person's ballot in a round (member -> ballot); empty for an unknown round.
  const std::map<id_type, ballot>& ballots(id_type round) const;
  // A round's results from its ballots and the voters' stakeholder groups. Votes on an idea
  // merged into another idea of the round count for that idea (it is not listed itself).
  std::vector<item_result> results(id_type round) const;
  // What an item of a round is called: an idea's text, a cluster's name, a proposal's title
  // ("" when it is gone).
  std::string item_label(const vote_round& r, id_type item) const;
  // The phase index a track is in: its lead's choice when pacing allows one, else the event's.
  int track_phase(id_type track) const;
  const std::map<id_type, announcement>& announcements() const { return announcements_; }
  const screen_state& screen() const { return screen_; }
  const std::map<id_type, cluster>& clusters() const { return clusters_; }
  const std::map<id_type, table>& tables() const { return tables_; }
  const std::vector<template_section>& template_sections() const { return template_; }
  // The report as planned; its title is the event's title until the facilitator sets one.
  const report_plan& report() const { return report_; }
  bool frozen() const { return frozen_; }
  // Whether new people may join with the event's code (join); personal links always work.
  bool self_join() const { return self_join_; }
  // Whether `id` wrote anything in the event: an idea (merged, hidden, not deleted), a
  // comment, or an accepted update of a proposal's section.
  bool has_posted(id_type id) const;
  const std::map<id_type, proposal>& proposals() const { return proposals_; }  // live ones
  // Deleted proposals, which the facilitator can restore until the report is published.
  const std::map<id_type, proposal>& trash() const { return trash_; }
  // Open, or closed / archived (read-only: the app refuses every change but the admin's).
  event_status status() const { return status_; }
  // Whether `m` may vote in round `r`, now: the one rule of who votes, for vote() and
  // turnout_of(). Participants and leads whose track is the round's (voters::track), any
  // (voters::everyone) or one of its chosen tracks (voters::tracks); facilitators and viewers
  // never. Every ballot was cast by someone eligible, so results() count them all: a ballot
  // stays counted when its voter moves to another track (they can no longer change it).
  static bool eligible(const member& m, const vote_round& r);
  // The tracks whose members may vote in `r`, in the event's order.
  std::vector<id_type> voting_tracks(const vote_round& r) const;
  // Turnout of a round; all zero for an unknown round.
  turnout turnout_of(id_type round) const;
  const proposal* find_proposal(id_type id) const;
  const std::map<id_type, comment>& comments() const { return comments_; }
  // A section's text and updates; null when nothing was ever written in it.
  const section_doc* find_section(id_type proposal, int section) const;
  // Whether `actor` writes the proposal's sections: its team, its track's lead, facilitators.
  bool drafts(id_type actor, const proposal& p) const;
  // Whether `actor` may comment on it: writers, members of its track, and from the review
  // phase on everyone but viewers.
  bool may_comment(id_type actor, const proposal& p) const;

  // Whether `actor` moderates ideas of `track`: facilitators everywhere, leads in their track.
  bool moderates(id_type actor, id_type track) const;

  // Before the facilitator starts the agenda the board is open: ideas may be posted, edited
  // and deleted (events that run without an agenda). Once started, the phase of the idea's
  // track decides: ideas are posted in ideation, and edited or deleted by their authors in
  // ideation and clustering.
  bool may_post_ideas(id_type track) const;
  bool may_change_own_ideas(id_type track) const;

  // A new participant. Errors: join_closed (the facilitator closed joining with the code),
  // bad_text (name, organisation), bad_value (group, track).
  result<change> join(const join_draft& draft, std::string token_hash, millis now);

  // A facilitator adds a facilitator, a track lead or a viewer (a link for another person).
  // Errors: forbidden (actor is not a facilitator; role participant), bad_value (a lead
  // without a track of this event), bad_text (name).
  result<change> add_member(id_type actor, role r, std::optional<id_type> track,
                            std::string_view name, std::string token_hash, millis now);

  // Errors: forbidden (viewers), bad_value (track not of this event), bad_text.
  result<change> post_idea(id_type actor, id_type track, std::string_view text, bool anonymous,
                           millis now);
  // The author edits or deletes an own idea (deleting one that others are merged into is
  // refused: bad_value); a moderator (facilitator, the track's lead) edits any idea in any
  // phase, and the idea shows who edited it. Errors: not_found, not_author, bad_text.
  result<change> edit_idea(id_type actor, id_type idea_id, std::string_view text, millis now);
  result<change> delete_idea(id_type actor, id_type idea_id, millis now);
  // Facilitators (any track) and leads (their track) hide and unhide ideas.
  // Errors: forbidden, not_found, bad_value (already in that state).
  result<change> set_hidden(id_type actor, id_type idea_id, bool hidden, millis now);

  // Moderators pin ideas, merge duplicates (the merged idea keeps its author and shows
  // beneath the other; merges form a tree and a merge that would close a cycle is refused)
  // and split them out again. Errors: forbidden, not_found, bad_value.
  result<change> set_pinned(id_type actor, id_type idea_id, bool pinned, millis now);
  result<change> merge_idea(id_type actor, id_type idea_id, id_type into, millis now);
  result<change> split_idea(id_type actor, id_type idea_id, millis now);

  // Moderators group a track's ideas in named clusters. Errors: forbidden, not_found,
  // bad_text, bad_value (a track of another event, an idea of another track).
  result<change> create_cluster(id_type actor, id_type track, std::string_view name, millis now);
  result<change> rename_cluster(id_type actor, id_type cluster_id, std::string_view name,
                                millis now);
  result<change> delete_cluster(id_type actor, id_type cluster_id, millis now);
  result<change> cluster_idea(id_type actor, id_type idea_id, std::optional<id_type> cluster_id,
                              millis now);

  // "This is mine too": a member who is not a viewer supports someone else's idea that they
  // see (a hidden one only as a moderator of its track), or withdraws that support, while
  // the idea's track lets authors change their ideas (may_change_own_ideas). The idea's
  // supporters keep the order of support. Errors: forbidden (a viewer), not_found (no such
  // idea, deleted, or hidden from them), bad_value (their own idea; already supporting it, or
  // not supporting it), wrong_phase.
  result<change> set_support(id_type actor, id_type idea_id, bool support, millis now);

  // Moderators (facilitators, the track's lead) say that two ideas of one track are not
  // duplicates, so that the pair is never suggested again (dismissed), or take it back. Pairs
  // are kept as (lower id, higher id); deleting an idea drops its pairs. Errors: forbidden
  // (not a moderator of the ideas' track), not_found (not a live idea of this event),
  // bad_value (a == b, ideas of two tracks, already dismissed, not dismissed).
  result<change> set_duplicate_dismissed(id_type actor, id_type a, id_type b, bool dismissed,
                                         millis now);
  // Whether a moderator dismissed the pair (in either order).
  bool duplicate_dismissed(id_type a, id_type b) const;
  // Every dismissed pair (a < b), ascending.
  const std::set<std::pair<id_type, id_type>>& dismissed_duplicates() const { return dismissed_; }

  // The facilitator sets up tables within tracks and moves people between tracks and
  // tables, live. Errors: forbidden, not_found, bad_text, bad_value.
  result<change> add_table(id_type actor, id_type track, std::string_view name, millis now);
  result<change> remove_table(id_type actor, id_type table_id, millis now);
  result<change> move_member(id_type actor, id_type member_id, id_type track,
                             std::optional<id_type> table_id, millis now);

  // The facilitator closes joining with the code (only personal links let people in) or
  // opens it again. Errors: forbidden, bad_value (already so).
  result<change> set_self_join(id_type actor, bool open, millis now);
  // The facilitator sets the event's language (the report's; one of language_codes) and/or
  // what its big screens speak; absent: unchanged. Errors: forbidden, bad_value (neither
  // given, an unknown language, nothing changes).
  result<change> set_event_language(id_type actor, const std::optional<std::string>& language,
                                    std::optional<screen_languages> screens, millis now);
  // Takes a member who never posted (has_posted) out of the event: their ballots are
  // withdrawn from every round, they leave proposal teams and their table, and their token
  // stops working; their support of ideas stays (their id, as an erased member's); their id
  // is never used again. Facilitators remove participants and viewers; a track lead, the
  // participants of their own track. Errors: forbidden (the actor's role, staff members),
  // not_found, bad_value (they posted: hide their ideas instead).
  result<change> remove_member(id_type actor, id_type member_id, millis now);

  // Profiles (profiles.cpp). A participant changes their own name, organisation, group and
  // consent to be credited until the report is published; after that only withdrawing
  // consent (credit false). Errors: forbidden (not a participant), bad_text, bad_value (a
  // group not of the event, nothing changes, the report is published).
  result<change> update_profile(id_type actor, const profile_edit& edit, millis now);
  // A facilitator corrects a member's name and organisation and changes a participant's
  // group, at any time. Errors: forbidden, not_found, bad_text, bad_value (credit given, a
  // group not of the event or of a staff member, nothing changes).
  result<change> edit_member(id_type actor, id_type member_id, const profile_edit& edit,
                             millis now);
  // The facilitator sets the event's stakeholder groups (check_groups) until the first vote.
  // Errors: forbidden, bad_text, bad_value (check_groups; someone has voted; a group that a
  // participant is in would disappear).
  result<change> set_groups(id_type actor, const std::vector<stakeholder_group>& groups,
                            millis now);
  // A facilitator erases a member's personal data (erasure.cpp): their name, organisation,
  // e-mail, stakeholder group and token go and their connections are closed. With
  // `delete_contributions` their ideas and comments are deleted (ideas merged into a deleted
  // idea move up to its parent; replies to a deleted comment to its parent); otherwise they
  // stay, shown as a former participant's. Their ballots stay and count in the totals, no
  // longer in any group; their support of others' ideas stays (their id); they leave proposal
  // teams; the text they wrote in sections stays.
  // Errors: forbidden (not a facilitator; oneself), not_found (no such member, erased or
  // removed already).
  result<change> erase_member(id_type actor, id_type member_id, bool delete_contributions,
                              millis now);
  // What the event holds about `member_id` (erasure.cpp); nullopt when there is no such member.
  std::optional<member_data> data_of(id_type member_id) const;

  // Every problem of a roster (all rows are checked); empty when it can be imported.
  std::vector<roster_problem> check_roster(const std::vector<roster_row>& rows) const;
  // The rows of a roster that make people: those without a role or with role participant
  // (an exported participants.csv also lists staff and screens, which are skipped).
  static bool imports_row(const roster_row& r);
  // The facilitator imports a roster: one participant per row that imports_row, each with
  // the given token hash (hashes.size() == rows.size(); skipped rows' are unused), all or
  // nothing. Errors: forbidden, bad_value (a
  // problem; check_roster says which).
  result<change> import_roster(id_type actor, const std::vector<roster_row>& rows,
                               const std::vector<std::string>& hashes, millis now);

  // The facilitator opens a vote round over the visible, unmerged ideas of one track (or of
  // every track), closes it, reveals its results and reopens it. Errors: forbidden,
  // not_found, bad_text (title 1..120), bad_value (rules; no ideas to vote on; the round is
  // not in a state that allows it).
  // `kind` says what the items are: ideas (visible, unmerged), clusters (with at least one
  // visible idea) or proposals. `eligible` says who may vote; absent: the members of the
  // round's track, or everyone for an all-tracks round and a round over proposals. Errors
  // also: bad_value (voters::track without a track; voters::tracks with no track, a track
  // the event does not have, a track chosen twice).
  result<change> open_round(id_type actor, std::string_view title, std::optional<id_type> track,
                            const round_rules& rules, bool live_results, bool random_order,
                            millis now, item_kind kind = item_kind::idea,
                            std::optional<eligibility> eligible = std::nullopt);
  result<change> close_round(id_type actor, id_type round, millis now);
  result<change> reveal_round(id_type actor, id_type round, millis now);
  result<change> reopen_round(id_type actor, id_type round, millis now);
  // A member sets their votes on one item of an open round (moving a dot is two casts).
  // Errors: forbidden (viewers), not_found, not_eligible (eligible() says no: another track,
  // a facilitator), round_closed, bad_value (an item not in the round; see cast_vote),
  // own_idea (voting on one's own idea where the round forbids it), over_budget.
  result<change> vote(id_type actor, id_type round, id_type item, int votes, millis now);

  // The facilitator runs the agenda. Errors: forbidden (not a facilitator), bad_value and
  // bad_text (see agenda.hpp).
  result<change> set_agenda(id_type actor, const std::vector<phase_draft>& drafts, millis now);
  result<change> go_to_phase(id_type actor, int index, millis now);
  // Back to the phase the last phase change left (agenda.hpp). Facilitators only.
  result<change> undo_phase_change(id_type actor, millis now);
  result<change> pause_timer(id_type actor, millis now);
  result<change> resume_timer(id_type actor, millis now);
  result<change> extend_timer(id_type actor, std::int64_t minutes, millis now);
  result<change> set_auto_advance(id_type actor, bool on, millis now);
  // The facilitator allows track leads to pace their tracks (turning it off puts every track
  // back on the event's phase); a lead (or a facilitator) holds a track back or moves it
  // ahead to phase `index`, or back with the event (nothing). Errors: forbidden, bad_value.
  result<change> set_track_pacing(id_type actor, bool allowed, millis now);
  result<change> set_track_phase(id_type actor, id_type track, std::optional<int> index,
                                 millis now);
  // The facilitator announces to everyone or one track, and takes an announcement down.
  // Errors: forbidden, bad_text (1..280 characters), bad_value (no such track), not_found.
  result<change> announce(id_type actor, std::string_view text, std::optional<id_type> track,
                          millis now);
  result<change> clear_announcement(id_type actor, id_type announcement_id, millis now);
  // The facilitator chooses what the big screen shows: its mode, the track of the wall and
  // clusters, the round of progress and results. Errors: forbidden, bad_value (no such
  // track or round).
  result<change> set_screen(id_type actor, const screen_state& next, millis now);

  // Links (links.cpp). A facilitator renames a staff link (a facilitator's, lead's or
  // viewer's name), revokes a member's link (their token stops working; they stay in the
  // event) or gives them a new token (the old one stops working). Never their own link.
  // Errors: forbidden, not_found, bad_text, bad_value (a participant's name; already
  // revoked; one's own link).
  result<change> rename_link(id_type actor, id_type member_id, std::string_view name, millis now);
  result<change> revoke_link(id_type actor, id_type member_id, millis now);
  result<change> reissue_link(id_type actor, id_type member_id, std::string token_hash, millis now);
  // The admin's (the caller checked the admin secret; the change's actor is 0): a new
  // facilitator, the way back in when every facilitator link is lost; and the event's
  // status. Errors: bad_text (name), bad_value (already in that status).
  result<change> admin_add_facilitator(std::string_view name, std::string token_hash, millis now);
  result<change> admin_set_status(event_status status, millis now);

  // Drafting (drafting.cpp). The facilitator sets the template while no proposal exists.
  // Errors: forbidden, bad_text, bad_value.
  result<change> set_template(id_type actor, const std::vector<template_section>& sections,
                              millis now);
  // Facilitators (any track) and leads (their track) create and delete proposals; the team
  // is the table's members at creation plus the people named. Errors: forbidden, bad_text,
  // bad_value (a track, idea, cluster, table or member that does not fit), not_found.
  result<change> create_proposal(id_type actor, const proposal_draft& draft, millis now);
  // A new title (writers) and/or team (facilitators, the track's lead). Errors: forbidden,
  // frozen (title), not_found, bad_text, bad_value.
  result<change> update_proposal(id_type actor, id_type proposal_id,
                                 const std::optional<std::string>& title,
                                 const std::optional<std::vector<id_type>>& team, millis now);
  // Moves a proposal to the trash (its sections and comments are kept).
  result<change> delete_proposal(id_type actor, id_type proposal_id, millis now);
  // Brings a proposal back from the trash: facilitators, the lead of its track. Errors:
  // forbidden, not_found (not in the trash), bad_value (the report is published).
  result<change> restore_proposal(id_type actor, id_type proposal_id, millis now);
  // Facilitators freeze every proposal (no more edits, comments still) and unfreeze.
  // Errors: forbidden, bad_value (already so).
  result<change> freeze_proposals(id_type actor, bool frozen, millis now);
  // Errors: forbidden, not_found, bad_text, bad_value (section, passage, parent).
  result<change> add_comment(id_type actor, const comment_draft& draft, millis now);
  // Writers, the track's lead, facilitators and the comment's author. Errors: forbidden,
  // not_found, bad_value (a reply; already so).
  result<change> resolve_comment(id_type actor, id_type comment_id, bool resolved, millis now);
  // Similar ideas (similar.cpp): who may ask, and which ideas may be offered. The scores
  // themselves are server/similar's; these are the rules around them.
  // Whether `actor` may ask which ideas of `track` are like a text (every member but a
  // viewer), and the text to compare: at most an idea's length. Errors: forbidden, bad_value
  // (no such track; too long; not UTF-8).
  result<std::string> check_similar(id_type actor, id_type track, std::string_view text) const;
  // Whether `actor` moderates `track` and may see its suggested duplicates and clusters.
  // Errors: forbidden, bad_value (no such track).
  result<bool> check_suggestions(id_type actor, id_type track) const;
  // The idea a participant is offered for a match on `idea`: the top of its merge tree, when
  // it and that top are live and not hidden; none otherwise.
  std::optional<id_type> offered_as(id_type idea) const;
  // The ideas of `track` that moderators get suggestions about: live, not hidden, merged into
  // none, and (with `unclustered`) in no cluster. In id order, that is, in posting order.
  std::vector<const idea*> suggestable(id_type track, bool unclustered) const;
  // Whether `actor` may read a section (any member may read any live proposal). Errors:
  // not_found (no proposal, no such section), bad_token.
  result<bool> check_section(id_type actor, id_type proposal_id, int section) const;
  // A writer's updates on top of `version` (see section_doc::push). Not a change: sections
  // have their own version. Errors: forbidden, frozen, not_found, bad_value, too_large.
  result<section_push> push_section(id_type actor, id_type proposal_id, int section,
                                    std::int64_t version, std::vector<client_update> updates,
                                    millis now, const push_limits& limits,
                                    std::span<const accepted_update> older = {});

  // The final report (report_plan.cpp), all by facilitators. Errors: forbidden, bad_text,
  // bad_value (a proposal unknown or chosen twice, too many chapters or proposals, a round
  // that is not a round over proposals).
  result<change> set_report_texts(id_type actor, const report_plan& texts, millis now);
  result<change> set_chapters(id_type actor, const std::vector<report_chapter>& chapters,
                              std::optional<id_type> round, millis now);
  // Chooses the `top` proposals of a round over proposals by rank (ties kept in the round's
  // order), one chapter per track, in the event's track order. Errors: as set_chapters,
  // not_found.
  result<change> prefill_report(id_type actor, id_type round, int top, millis now);
  result<change> publish_report(id_type actor, bool published, millis now);

  // The next phase when the current one is over and auto-advance is on (actor 0: the
  // server); bad_value when not due.
  result<change> advance_if_due(millis now);

 private:
  change next_change(id_type actor, millis now, change_body body);
  result<const member*> actor_of(id_type actor) const;
  member& add(member m);
  result<change> timer_command(id_type actor, millis now, const result<timer_state>& next);
  result<const member*> facilitator(id_type actor, const char* what) const;
  result<idea*> moderated_idea(id_type actor, id_type idea_id);
  // Drops the dismissed pairs that hold a deleted idea.
  void forget_dismissed(id_type idea_id);
  result<change> change_round(id_type actor, id_type round, round_state from_any_but,
                              round_state to, millis now);
  const track* track_of_cell(std::string_view cell) const;
  // The change of a profile edit: applies `edit` (already checked) to `m`.
  result<change> apply_profile(id_type actor, member& m, const profile_edit& edit, millis now);
  // Whether `item` of a round of `kind` is `actor`'s own: their idea, a cluster holding one,
  // a proposal whose team they are on.
  bool is_own_item(id_type actor, item_kind kind, id_type item) const;
  // Who may vote in a round opened over `track` and `kind`: `asked` checked, or the default.
  // Errors: bad_value.
  result<eligibility> check_eligibility(std::optional<id_type> track, item_kind kind,
                                        std::optional<eligibility> asked) const;

  // All members guarded by the caller's strand.
  event_info info_;
  seq_type seq_ = 0;
  id_type next_member_id_ = 1;
  id_type next_idea_id_ = 1;
  std::size_t participants_ = 0;
  std::map<id_type, member> members_;
  std::unordered_map<std::string, id_type> member_by_token_;
  std::map<id_type, idea> ideas_;
  std::set<std::pair<id_type, id_type>> dismissed_;  // pairs of live ideas, first < second
  std::vector<phase> agenda_ = default_agenda();
  timer_state timer_;
  pacing_state pacing_;
  std::map<id_type, announcement> announcements_;  // the ones up now
  id_type next_announcement_id_ = 1;
  screen_state screen_;
  std::map<id_type, cluster> clusters_;
  std::map<id_type, table> tables_;
  std::map<id_type, vote_round> rounds_;
  std::map<id_type, std::map<id_type, ballot>> ballots_;  // round -> member -> ballot
  id_type next_round_id_ = 1;
  std::vector<template_section> template_ = default_template();
  bool frozen_ = false;
  bool self_join_ = true;
  std::map<id_type, proposal> proposals_;
  std::map<id_type, proposal> trash_;
  event_status status_ = event_status::open;
  std::map<id_type, comment> comments_;
  std::map<std::pair<id_type, int>, section_doc> sections_;
  id_type next_proposal_id_ = 1;
  report_plan report_;
  id_type next_comment_id_ = 1;
  id_type next_cluster_id_ = 1;
  id_type next_table_id_ = 1;
};

// The vote rounds whose results `c` changed, in id order, each once: a vote's round; for a
// merged or split idea, every round that lists it (its votes now count for the idea it was
// merged into, or for itself again); for a removed member, the rounds their ballots were
// withdrawn from; for a member's new stakeholder group, the rounds they voted in. Empty for
// every other change. `s` is the event's state once `c` is applied (later changes may be
// applied too: the rounds that list the idea are those of `s`).
std::vector<id_type> rounds_with_changed_results(const change& c, const event_state& s);
// The rounds whose turnout a committed change may have changed, ascending: the round of a
// vote, a round opened, closed, revealed or reopened, and every open round when people
// join, move or leave.
std::vector<id_type> rounds_with_changed_turnout(const change& c, const event_state& s);

}  // namespace rt::domain
