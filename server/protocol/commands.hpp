// commands.hpp: the commands a client sends, as one typed union, and their parser.
//
// parse_command() turns one text frame into a `command` or a `parse_failure` with the
// protocol's error code (bad_json, bad_command, unknown_type, bad_value). It checks shapes and
// types only; the rules of each command (lengths, roles, ...) live in the domain.
// Thread-safety: stateless.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/changeset.hpp"
#include "domain/collab.hpp"
#include "domain/event_state.hpp"
#include "domain/voting.hpp"
#include "domain/model.hpp"
#include "domain/result.hpp"

namespace rt::protocol {

using domain::id_type;

struct join_cmd {
  std::string code;
  domain::join_draft draft;
};
struct hello_cmd {
  std::string token;
  domain::seq_type last_seq = 0;
};
struct event_info_cmd {
  std::string code;
};
struct post_idea_cmd {
  id_type track = 0;
  std::string text;
  bool anonymous = false;
};
struct edit_idea_cmd {
  id_type idea = 0;
  std::string text;
};
struct delete_idea_cmd {
  id_type idea = 0;
};
struct set_hidden_cmd {  // hide_idea and unhide_idea
  id_type idea = 0;
  bool hidden = true;
};
struct create_link_cmd {
  domain::role member_role = domain::role::viewer;
  std::optional<id_type> track;
  std::string name;
};
struct auth_admin_cmd {
  std::string secret;
};
struct create_event_cmd {
  std::string title;
  std::vector<domain::track_draft> tracks;
};
struct list_events_cmd {};
struct set_agenda_cmd {
  std::vector<domain::phase_draft> phases;
};
struct go_to_phase_cmd {
  int index = 0;
};
struct pause_timer_cmd {};
struct resume_timer_cmd {};
struct extend_timer_cmd {
  std::int64_t minutes = 0;
};
struct set_auto_advance_cmd {
  bool on = false;
};
struct announce_cmd {
  std::string text;
  std::optional<id_type> track;
};
struct clear_announcement_cmd {
  id_type announcement = 0;
};
struct set_screen_cmd {
  std::optional<id_type> track;
};
struct pin_idea_cmd {  // pin_idea and unpin_idea
  id_type idea = 0;
  bool pinned = true;
};
struct merge_idea_cmd {
  id_type idea = 0;
  id_type into = 0;
};
struct split_idea_cmd {
  id_type idea = 0;
};
struct create_cluster_cmd {
  id_type track = 0;
  std::string name;
};
struct rename_cluster_cmd {
  id_type cluster = 0;
  std::string name;
};
struct delete_cluster_cmd {
  id_type cluster = 0;
};
struct cluster_idea_cmd {
  id_type idea = 0;
  std::optional<id_type> cluster;
};
struct add_table_cmd {
  id_type track = 0;
  std::string name;
};
struct remove_table_cmd {
  id_type table = 0;
};
struct open_round_cmd {
  std::string title;
  std::optional<id_type> track;
  domain::round_rules rules;
  bool live_results = false;
  bool random_order = true;
  domain::item_kind kind = domain::item_kind::idea;
};
struct set_template_cmd {
  std::vector<domain::template_section> sections;
};
struct create_proposal_cmd {
  domain::proposal_draft draft;
};
struct update_proposal_cmd {
  id_type proposal = 0;
  std::optional<std::string> title;
  std::optional<std::vector<id_type>> team;
};
struct delete_proposal_cmd {
  id_type proposal = 0;
};
struct freeze_proposals_cmd {
  bool frozen = true;
};
// Section commands name a section by its proposal and template index.
struct open_section_cmd {
  id_type proposal = 0;
  int section = 0;
  std::optional<std::int64_t> version;  // none: send the whole text
};
struct close_section_cmd {
  id_type proposal = 0;
  int section = 0;
};
struct selection {
  std::int64_t anchor = 0;
  std::int64_t head = 0;
};
struct push_cmd {
  id_type proposal = 0;
  int section = 0;
  std::int64_t version = 0;
  std::vector<domain::client_update> updates;
  std::optional<selection> where;
};
struct cursor_cmd {
  id_type proposal = 0;
  int section = 0;
  std::int64_t version = 0;
  selection where;
};
struct section_history_cmd {
  id_type proposal = 0;
  int section = 0;
  std::int64_t from = 0;
};
struct add_comment_cmd {
  domain::comment_draft draft;
};
struct resolve_comment_cmd {
  id_type comment = 0;
  bool resolved = true;
};
struct set_report_cmd {
  domain::report_plan texts;  // title, subtitle, date, foreword, method
};
struct set_chapters_cmd {
  std::vector<domain::report_chapter> chapters;
  std::optional<id_type> round;
};
struct prefill_report_cmd {
  id_type round = 0;
  int top = 20;
};
struct publish_report_cmd {
  bool published = true;
};
struct round_cmd {  // close_round, reveal_round, reopen_round
  enum class what { close, reveal, reopen } action = what::close;
  id_type round = 0;
};
struct vote_cmd {
  id_type round = 0;
  id_type item = 0;
  int votes = 0;
};
struct set_track_pacing_cmd {
  bool allowed = false;
};
struct set_track_phase_cmd {
  id_type track = 0;
  std::optional<int> index;
};
struct move_member_cmd {
  id_type member = 0;
  id_type track = 0;
  std::optional<id_type> table;
};
struct set_self_join_cmd {
  bool open = true;
};
struct remove_member_cmd {
  id_type member = 0;
};

using command_body =
    std::variant<join_cmd, hello_cmd, event_info_cmd, post_idea_cmd, edit_idea_cmd,
                 delete_idea_cmd, set_hidden_cmd, create_link_cmd, auth_admin_cmd,
                 create_event_cmd, list_events_cmd, set_agenda_cmd, go_to_phase_cmd,
                 pause_timer_cmd, resume_timer_cmd, extend_timer_cmd, set_auto_advance_cmd,
                 announce_cmd, clear_announcement_cmd, set_screen_cmd, pin_idea_cmd,
                 merge_idea_cmd, split_idea_cmd, create_cluster_cmd, rename_cluster_cmd,
                 delete_cluster_cmd, cluster_idea_cmd, add_table_cmd, remove_table_cmd,
                 move_member_cmd, set_track_pacing_cmd, set_track_phase_cmd, open_round_cmd,
                 round_cmd, vote_cmd, set_template_cmd, create_proposal_cmd,
                 update_proposal_cmd, delete_proposal_cmd, freeze_proposals_cmd,
                 open_section_cmd, close_section_cmd, push_cmd, cursor_cmd,
                 section_history_cmd, add_comment_cmd, resolve_comment_cmd, set_report_cmd,
                 set_chapters_cmd, prefill_report_cmd, publish_report_cmd, set_self_join_cmd,
                 remove_member_cmd>;

// Whether a command changes an event (and so is deduplicated by its id and rate-limited as a
// write).
bool changes_event(const command_body& body);

// Whether a command reads a section or says where one's cursor is: answered at once, never
// stored, not deduplicated (open_section, close_section, cursor, section_history).
bool reads_section(const command_body& body);

// A ChangeSet in CodeMirror's JSON form (see docs/protocol.md). Errors: bad_value.
domain::result<domain::change_set> parse_changes(const nlohmann::json& j);
nlohmann::json changes_json(const domain::change_set& c);

// The command's protocol name ("post_idea", "hide_idea", ...), for logs.
std::string_view type_name(const command_body& body);

struct command {
  std::string id;  // client-chosen, 1..64 characters
  command_body body;
};

struct parse_failure {
  std::optional<std::string> id;  // known when the frame had a readable id
  domain::error err;
};

std::variant<command, parse_failure> parse_command(std::string_view text);

}  // namespace rt::protocol
