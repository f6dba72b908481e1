// commands.hpp: the commands a client sends, as typed unions, and their parser.
//
// Each command type describes itself (see commands/support.hpp): its wire name, its parser
// and, for the commands that change an event, its domain handler. The types are grouped by
// who answers them, and each group is one variant:
//   session_command  answered by the connection itself (join, hello, the admin's);
//   section_command  answered by the event's room at once, or run through a section's
//                    authority (open_section, push, ...), and the questions about similar
//                    ideas (similar_ideas, suggest_duplicates, suggest_clusters), also reads
//                    the room answers at once;
//   room_command     checked by the domain, committed, acknowledged and fanned out by the
//                    event's room: std::visit calls each type's apply().
// `command_body` is all three together; parse_command() looks a frame's `type` up in a table
// built from it. So adding a command is: its type in commands/<area>.hpp with name, parse and
// apply, and its name in one of the lists below. A room command without apply(), or a
// session command the connection does not route, does not compile.
//
// parse_command() turns one text frame into a `command`, a `ping_frame` or a `parse_failure` with
// the protocol's error code (bad_json, bad_command, unknown_type, bad_value). It checks shapes
// and types only; the rules of each command (lengths, roles, ...) live in the domain.
// Thread-safety: stateless.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "protocol/commands/drafting.hpp"
#include "protocol/commands/facilitation.hpp"
#include "protocol/commands/ideas.hpp"
#include "protocol/commands/people.hpp"
#include "protocol/commands/report.hpp"
#include "protocol/commands/sections.hpp"
#include "protocol/commands/session.hpp"
#include "protocol/commands/similar.hpp"
#include "protocol/commands/voting.hpp"

namespace rt::protocol {

using session_command =
    std::variant<join_cmd, hello_cmd, event_info_cmd, auth_admin_cmd, create_event_cmd,
                 list_events_cmd, delete_event_cmd, set_retention_cmd, set_language_cmd>;

using section_command =
    std::variant<open_section_cmd, close_section_cmd, push_cmd, cursor_cmd, section_history_cmd,
                 // similar.hpp: reads the room answers at once as well
                 similar_ideas_cmd, suggest_duplicates_cmd, suggest_clusters_cmd>;

using room_command = std::variant<
    // ideas.hpp
    post_idea_cmd, edit_idea_cmd, delete_idea_cmd, hide_idea_cmd, unhide_idea_cmd, pin_idea_cmd,
    unpin_idea_cmd, merge_idea_cmd, split_idea_cmd, create_cluster_cmd, rename_cluster_cmd,
    delete_cluster_cmd, cluster_idea_cmd, support_idea_cmd, withdraw_support_cmd,
    dismiss_duplicate_cmd, restore_duplicate_cmd,
    // people.hpp
    create_link_cmd, add_table_cmd, remove_table_cmd, move_member_cmd, set_self_join_cmd,
    remove_member_cmd, erase_member_cmd, rename_link_cmd, revoke_link_cmd, reissue_link_cmd,
    issue_facilitator_link_cmd, set_event_status_cmd, set_groups_cmd, update_profile_cmd,
    edit_member_cmd, set_event_language_cmd,
    // facilitation.hpp
    set_agenda_cmd, go_to_phase_cmd, undo_phase_change_cmd, pause_timer_cmd, resume_timer_cmd,
    extend_timer_cmd, set_auto_advance_cmd, set_track_pacing_cmd, set_track_phase_cmd, announce_cmd,
    clear_announcement_cmd, set_screen_cmd,
    // voting.hpp
    open_round_cmd, close_round_cmd, reveal_round_cmd, reopen_round_cmd, vote_cmd,
    // drafting.hpp
    set_template_cmd, create_proposal_cmd, update_proposal_cmd, delete_proposal_cmd,
    restore_proposal_cmd, freeze_proposals_cmd, add_comment_cmd, resolve_comment_cmd,
    // report.hpp
    set_report_cmd, set_chapters_cmd, prefill_report_cmd, publish_report_cmd>;

// Every command: the three groups in one variant.
template <class... A, class... B, class... C>
std::variant<A..., B..., C...> concat_variants(std::variant<A...>, std::variant<B...>,
                                               std::variant<C...>);
using command_body =
    decltype(concat_variants(std::declval<session_command>(), std::declval<section_command>(),
                             std::declval<room_command>()));

// Whether T is one of the alternatives of the variant V.
template <class T, class V>
struct is_alternative : std::false_type {};
template <class T, class... A>
struct is_alternative<T, std::variant<A...>> : std::bool_constant<(std::is_same_v<T, A> || ...)> {};
template <class T, class V>
inline constexpr bool is_alternative_v = is_alternative<T, V>::value;

// The command's protocol name ("post_idea", "hide_idea", ...), for logs and metrics.
std::string_view type_name(const command_body& body);
std::string_view type_name(const room_command& body);
std::string_view type_name(const section_command& body);

struct command {
  std::string id;  // client-chosen, 1..64 characters
  command_body body;
};

struct parse_failure {
  std::optional<std::string> id;  // known when the frame had a readable id
  domain::error err;
};

// A client's keep-alive, {"type":"ping"}: answered {"type":"pong"} by the connection itself,
// at any time, joined or not. It needs no id; an id or other fields are ignored.
struct ping_frame {};

using parsed_frame = std::variant<command, parse_failure, ping_frame>;

parsed_frame parse_command(std::string_view text);

}  // namespace rt::protocol
