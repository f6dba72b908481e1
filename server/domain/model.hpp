// model.hpp: the nouns of an event (tracks, members, ideas) and the changes made to them.
//
// Plain values; no I/O. Times are milliseconds since 1970 UTC, given by the caller.
// Ids of tracks, members and ideas are numbered 1, 2, 3, ... within their event.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace rt::domain {

using millis = std::int64_t;
using id_type = std::int64_t;
using seq_type = std::int64_t;

enum class role { facilitator, lead, participant, viewer };

// A stakeholder group of an event: its code (lowercase [a-z0-9_], 1..32, unique within the
// event) and its label for people (1..60 characters, unique). Each event has its own list
// (set_groups); new events start with default_groups().
struct stakeholder_group {
  std::string code;
  std::string label;
  bool operator==(const stakeholder_group&) const = default;
};

// The nine groups of an event that did not choose its own (and of every event made before
// events had their own): eu_institution, national_government, large_enterprise, sme,
// startup, academia, civil_society, ai_specialist, other, with their English labels.
const std::vector<stakeholder_group>& default_groups();

// The group staff members (create_link) are given; not necessarily one of the event's.
inline constexpr std::string_view staff_group = "other";

std::string_view to_string(role r);
std::optional<role> parse_role(std::string_view s);

// Staff see hidden ideas and the member list: facilitators and track leads.
inline bool is_staff(role r) { return r == role::facilitator || r == role::lead; }

enum class phase_kind {
  welcome,
  ideation,
  clustering,
  voting,
  drafting,
  review,
  final_selection,
  closed,
};

std::string_view to_string(phase_kind k);
std::optional<phase_kind> parse_phase_kind(std::string_view s);

struct phase {
  phase_kind kind = phase_kind::welcome;
  std::string title;
  millis planned = 0;  // planned duration
  bool operator==(const phase&) const = default;
};

struct timer_state {
  int current = -1;  // index into the agenda; -1 before the first phase starts
  bool running = false;
  millis started_at = 0;      // when it last started or resumed running
  millis elapsed = 0;         // run time before started_at
  millis extra = 0;           // minutes added with extend
  bool auto_advance = false;  // move to the next phase when time is up
  // The phase the last phase change left, as it was then: undo_phase_change() goes back to
  // it. None before the first change, after an undo, or once the agenda no longer has it.
  struct left_phase {
    int index = -1;
    bool running = false;
    millis elapsed = 0;  // its run time when it was left
    millis extra = 0;
    millis at = 0;  // when it was left; undo is possible for undo_window after it
    bool operator==(const left_phase&) const = default;
  };
  std::optional<left_phase> undo;

  bool operator==(const timer_state&) const = default;
};

// Whether track leads may hold their track back or move it ahead, and the tracks that are
// (track id -> phase index). A track without an entry follows the event's phase.
struct pacing_state {
  bool allowed = false;
  std::map<id_type, int> track_phase;

  bool operator==(const pacing_state&) const = default;
};

struct track {
  id_type id = 0;
  std::string name;
  std::string description;
};

// The languages an event and its people may use: the 24 official languages of the EU, by
// their ISO 639-1 codes, in the order of those codes.
inline constexpr std::array<std::string_view, 24> language_codes{
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
    "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"};
inline constexpr std::string_view default_language = "en";
// Whether `code` is one of language_codes (exactly: lowercase, no region).
bool is_language(std::string_view code);

// Which language the big screens of an event speak: the event's own, or (room) the languages
// of the people in the room, which the screen takes turns to show.
enum class screen_languages { event, room };
std::string_view to_string(screen_languages s);
std::optional<screen_languages> parse_screen_languages(std::string_view s);

struct event_info {
  id_type id = 0;
  std::string code;  // the join code, 6 characters of join_code_alphabet
  std::string title;
  millis created_at = 0;
  std::vector<track> tracks;
  std::vector<stakeholder_group> groups = default_groups();  // in the order they are listed
  std::string language{default_language};  // one of language_codes: the report's language
  screen_languages screens = screen_languages::event;
};

struct member {
  id_type id = 0;
  role member_role = role::participant;
  std::string name;
  std::string organisation;        // "" when none was given
  std::string group{staff_group};  // the code of one of the event's stakeholder groups
  std::optional<id_type> track;    // a participant's or lead's track
  std::optional<id_type> table;    // a participant's table within the track
  bool credit = false;             // may be named in the published report
  // Took back their consent to be named (credit went from yes to no, and not yes again):
  // no export names them any more, the organisers' files included.
  bool credit_withdrawn = false;
  std::string email;  // from a roster; "" when none
  millis joined_at = 0;
  std::string token_hash;  // hex SHA-256 of the member's secret; never the secret itself
  // Taken out of the event (event_state::remove_member): only the id is kept, so that ids
  // are never used twice; such a member is never part of an event's state.
  bool removed = false;
  // The member's link was revoked (revoke_link): their token no longer works; a new one
  // (reissue_link) makes it work again.
  bool revoked = false;
  // Erased (erase_member): name, organisation, e-mail, group and token are gone; the id
  // stays for what they wrote ("Former participant") and their votes (totals only).
  bool erased = false;
};

struct idea {
  id_type id = 0;
  id_type track = 0;
  id_type author = 0;
  std::string text;
  bool anonymous = false;
  bool hidden = false;
  bool deleted = false;
  millis created_at = 0;
  std::optional<millis> edited_at;
  std::optional<id_type> edited_by;  // who edited it last (the author, or a moderator)
  bool pinned = false;
  std::optional<id_type> merged_into;  // shown beneath that idea; its support counts there
  std::optional<id_type> cluster;
  // Members who said "This is mine too" (support_idea), in the order they did; never its
  // author. Ids stay when a supporter's data is erased.
  std::vector<id_type> supporters;
};

// A named group of ideas within a track (clustering).
struct cluster {
  id_type id = 0;
  id_type track = 0;
  std::string name;
};

// A small team within a track (drafting).
struct table {
  id_type id = 0;
  id_type track = 0;
  std::string name;
};

// A banner from the facilitator to everyone, or to one track.
struct announcement {
  id_type id = 0;
  std::string text;
  std::optional<id_type> track;  // none: everyone
  millis at = 0;
  id_type by = 0;
};

// What the room's big screen shows. `follow` (the default) follows the phase: welcome ->
// join, ideation -> wall, clustering -> clusters, voting -> progress (or results), else wall.
enum class screen_mode { follow, join, wall, clusters, progress, results, announcement };
std::string_view to_string(screen_mode m);  // "auto", "join", "wall", ...
std::optional<screen_mode> parse_screen_mode(std::string_view s);

struct screen_state {
  screen_mode mode = screen_mode::follow;
  std::optional<id_type> track;  // wall, clusters: one track; none: every track
  std::optional<id_type> round;  // progress, results: one round; none: the newest
  bool operator==(const screen_state&) const = default;
};

// Whether people can still change an event: `closed` and `archived` events are read-only
// (archived ones are also listed apart by the admin).
enum class event_status { open, closed, archived };
std::string_view to_string(event_status s);
std::optional<event_status> parse_event_status(std::string_view s);

enum class round_state { open, closed, revealed };
std::string_view to_string(round_state s);

// A vote over a fixed set of items (the visible, unmerged ideas, the clusters or the proposals
// of one track or of all tracks when it opened). Ballots are kept apart from it
// (event_state::ballots()). What a round's items are: ideas, clusters of ideas, or proposals.
enum class item_kind { idea, cluster, proposal };
std::string_view to_string(item_kind k);  // "ideas", "clusters", "proposals"
std::optional<item_kind> parse_item_kind(std::string_view s);

// Who may vote in a round (event_state::eligible): the participants and leads of the round's
// track, of every track, or of chosen tracks. Facilitators and viewers never vote.
enum class voters { track, everyone, tracks };
std::string_view to_string(voters v);  // "track", "everyone", "tracks"
std::optional<voters> parse_voters(std::string_view s);

struct eligibility {
  voters who = voters::everyone;
  std::vector<id_type> tracks;  // voters::tracks: the chosen tracks, ascending, each once
  bool operator==(const eligibility&) const = default;
};

struct vote_round {
  id_type id = 0;
  std::string title;
  std::optional<id_type> track;  // none: every track
  eligibility eligible;          // who may vote (voters::track only with a track)
  int method = 0;                // a vote_method (voting.hpp)
  int budget = 5;
  int max_per_item = 3;
  bool allow_own = true;
  bool live_results = false;  // results for everyone while voting, not only after reveal
  bool random_order = true;   // each person sees the items in their own order
  round_state state = round_state::open;
  item_kind kind = item_kind::idea;
  std::vector<id_type> items;
  millis opened_at = 0;
};

// Drafting. Every proposal follows the event's template: its sections in order. The title is
// the proposal's own field; each section is a collaboratively edited text (collab.hpp).
struct template_section {
  std::string heading;
  std::string hint;
  bool operator==(const template_section&) const = default;
};

// The template of an event that has not set one.
std::vector<template_section> default_template();

struct proposal {
  id_type id = 0;
  id_type track = 0;
  std::string title;
  std::vector<id_type> ideas;      // the source ideas, in the order given
  std::optional<id_type> cluster;  // the cluster it was made from, if any
  std::optional<id_type> table;    // the table whose members joined the team, if any
  std::vector<id_type> team;       // member ids, ascending
  millis created_at = 0;
  id_type created_by = 0;
  bool deleted = false;  // in the trash (restore_proposal brings it back)
  millis deleted_at = 0;
};

// A comment on a proposal, on a passage of one of its sections, or a reply to a comment.
struct comment {
  id_type id = 0;
  id_type proposal = 0;
  std::optional<int> section;     // none: on the whole proposal
  std::int64_t from = 0, to = 0;  // the passage, in the section's text at `version`
  std::int64_t version = 0;
  std::string quote;              // the passage as the commenter saw it
  std::optional<id_type> parent;  // a reply to this comment
  id_type author = 0;
  std::string text;
  millis at = 0;
  bool resolved = false;
};

// The final report as the facilitator builds it: its texts and the proposals chosen, in
// order, in chapters. Proposals are numbered 1..N in this order across chapters.
struct report_chapter {
  std::string title;
  std::string intro;  // Markdown
  std::vector<id_type> proposals;
  bool operator==(const report_chapter&) const = default;
};

struct report_plan {
  std::string title;
  std::string subtitle;
  std::string date;      // as it should be printed; "" for the event's day
  std::string foreword;  // Markdown
  std::string method;    // Markdown
  std::vector<report_chapter> chapters;
  std::optional<id_type> round;  // the final vote round whose results the report shows
  bool published = false;        // every member may read it
  // When a published report's credits last changed (a member withdrew consent, a credited
  // name was corrected); none since it was published.
  std::optional<millis> credits_changed_at;
  bool operator==(const report_plan&) const = default;
};

// Changes: each accepted command produces exactly one, numbered by the event's sequence.
struct member_joined {
  member m;
};
struct idea_posted {
  idea i;
};
struct idea_edited {
  idea i;
};
struct idea_deleted {
  idea i;
};
struct idea_hidden {
  idea i;
};
struct idea_unhidden {
  idea i;
};
// The agenda or its timer changed (set, started, paused, resumed, extended, skipped, advanced).
struct agenda_changed {
  std::vector<phase> agenda;
  timer_state timer;
  pacing_state pacing;
};

struct announcement_made {
  announcement a;
};
struct announcement_cleared {
  announcement a;
};
struct screen_changed {
  screen_state screen;
};
struct idea_pinned {
  idea i;
};
struct idea_merged {
  idea i;
};
struct idea_split {
  idea i;
};
struct idea_clustered {
  idea i;
};
struct cluster_created {
  cluster c;
};
struct cluster_renamed {
  cluster c;
};
struct cluster_deleted {
  cluster c;
};  // its ideas are no longer in a cluster
struct table_added {
  table t;
};
struct table_removed {
  table t;
};  // its members are no longer at a table
// `from_track`: the track the member left (for the leads who see that track's people).
struct member_moved {
  member m;
  std::optional<id_type> from_track;
};
// A prepared roster: people with personal links, and the tables it named.
struct round_opened {
  vote_round r;
};
struct round_changed {
  vote_round r;
};  // closed, revealed or reopened
// One person's whole ballot in a round after a cast; seen only by that person.
struct vote_cast {
  id_type round = 0;
  id_type voter = 0;
  std::map<id_type, int> ballot;
};
struct roster_imported {
  std::vector<member> members;
  std::vector<table> tables;
};
struct template_changed {
  std::vector<template_section> sections;
};
struct proposal_created {
  proposal p;
};
struct proposal_updated {
  proposal p;
};  // its title or team
struct proposal_deleted {
  proposal p;
};
struct proposals_frozen {
  bool frozen = false;
};
struct comment_added {
  comment c;
};
struct comment_resolved {
  comment c;
};  // resolved or opened again
// The report's texts, chapters or publication changed; `toggled`: it was published or
// taken back by this change.
struct report_changed {
  report_plan r;
  bool toggled = false;
};

// A staff link was renamed, revoked or given a new token (the member as it is now).
enum class link_action { renamed, revoked, reissued };
std::string_view to_string(link_action a);
struct link_changed {
  member m;
  link_action action = link_action::renamed;
};
// A proposal came back from the trash.
struct proposal_restored {
  proposal p;
};
// The admin closed, archived or reopened the event.
struct event_status_changed {
  event_status status = event_status::open;
};

// The facilitator opened or closed joining with the event's code (personal links always work).
struct self_join_changed {
  bool open = true;
};
// A member who never posted was taken out of the event. Carries no personal data: the id,
// the track they were in (who sees the change), the rounds their ballots were withdrawn
// from, and the proposals whose team they left (as they are now).
struct member_removed {
  id_type member = 0;
  std::optional<id_type> track;
  std::vector<id_type> rounds;
  std::vector<proposal> proposals;
};

// The facilitator set the event's language or its screens' languages (both as they are now).
struct event_language_changed {
  std::string language;
  screen_languages screens = screen_languages::event;
};

// The facilitator set the event's stakeholder groups (the whole list, in order).
struct groups_changed {
  std::vector<stakeholder_group> groups;
};
// A member's name, organisation, stakeholder group or credit consent changed (their own
// profile, or a facilitator's correction): the member as they are now. `public_name`: the
// member's name shows to everyone (on an idea that is not anonymous, a comment, a proposal's
// team, or as staff); `rounds`: the rounds whose results by group change (a new group of
// someone who voted); `report`: the published report when its credits changed.
struct member_updated {
  member m;
  bool public_name = false;
  std::vector<id_type> rounds;
  std::optional<report_plan> report;
};
// A facilitator erased a member's personal data (erase_member). Carries no personal data:
// the id, their track (who sees the change), whether their ideas and comments were deleted
// (else they stay, attributed to "Former participant"), the ideas that changed (deleted ones,
// and ideas that were merged into a deleted one, moved up), the comments deleted and the
// replies moved up to the deleted comment's parent, the rounds whose results by group changed
// (their ballots count in totals only) and the proposals whose team they left.
struct member_erased {
  id_type member = 0;
  std::optional<id_type> track;
  bool contributions_deleted = false;
  std::vector<idea> ideas;
  std::vector<id_type> comments;
  std::vector<comment> replies;
  std::vector<id_type> rounds;
  std::vector<proposal> proposals;
};

// A member added their support to someone else's idea ("This is mine too"), or withdrew it:
// the idea as it is now (its supporters) and who.
struct idea_supported {
  idea i;
  id_type member = 0;
};
struct idea_support_withdrawn {
  idea i;
  id_type member = 0;
};
// A moderator said two ideas of one track are not duplicates (never to be suggested again), or
// took it back: the pair (a < b) and their track (who sees the change).
struct duplicate_dismissed {
  id_type a = 0;
  id_type b = 0;
  id_type track = 0;
};
struct duplicate_restored {
  id_type a = 0;
  id_type b = 0;
  id_type track = 0;
};

using change_body =
    std::variant<member_joined, idea_posted, idea_edited, idea_deleted, idea_hidden, idea_unhidden,
                 agenda_changed, announcement_made, announcement_cleared, screen_changed,
                 idea_pinned, idea_merged, idea_split, idea_clustered, cluster_created,
                 cluster_renamed, cluster_deleted, table_added, table_removed, member_moved,
                 roster_imported, round_opened, round_changed, vote_cast, template_changed,
                 proposal_created, proposal_updated, proposal_deleted, proposals_frozen,
                 comment_added, comment_resolved, report_changed, self_join_changed, member_removed,
                 link_changed, proposal_restored, event_status_changed, groups_changed,
                 member_updated, member_erased, event_language_changed, idea_supported,
                 idea_support_withdrawn, duplicate_dismissed, duplicate_restored>;

struct change {
  seq_type seq = 0;
  millis at = 0;
  id_type actor = 0;  // the member whose command made it
  change_body body;
};

// The stable name of a change's kind, as in the protocol ("idea_posted", ...).
std::string_view kind_name(const change_body& body);

}  // namespace rt::domain
