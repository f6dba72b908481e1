// commands.hpp: the commands a client sends, as one typed union, and their parser.
//
// parse_command() turns one text frame into a `command` or a `parse_failure` with the
// protocol's error code (bad_json, bad_command, unknown_type, bad_value). It checks shapes and
// types only; the rules of each command (lengths, roles, ...) live in the domain.
// Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "domain/agenda.hpp"
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

using command_body =
    std::variant<join_cmd, hello_cmd, event_info_cmd, post_idea_cmd, edit_idea_cmd,
                 delete_idea_cmd, set_hidden_cmd, create_link_cmd, auth_admin_cmd,
                 create_event_cmd, list_events_cmd, set_agenda_cmd, go_to_phase_cmd,
                 pause_timer_cmd, resume_timer_cmd, extend_timer_cmd, set_auto_advance_cmd,
                 announce_cmd, clear_announcement_cmd, set_screen_cmd, pin_idea_cmd,
                 merge_idea_cmd, split_idea_cmd, create_cluster_cmd, rename_cluster_cmd,
                 delete_cluster_cmd, cluster_idea_cmd, add_table_cmd, remove_table_cmd,
                 move_member_cmd, set_track_pacing_cmd, set_track_phase_cmd, open_round_cmd,
                 round_cmd, vote_cmd>;

// Whether a command changes an event (and so is deduplicated by its id and rate-limited as a
// write).
bool changes_event(const command_body& body);

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
