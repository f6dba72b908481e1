// sections.hpp: the commands of writing a proposal's sections together. A section is named
// by its proposal and template index. They have no domain handler of the event's kind: the
// room answers reads at once and runs pushes through the section's authority (see
// app/sections.cpp and commands.hpp, `section_command`).
// Thread-safety: plain values.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct selection {
  std::int64_t anchor = 0;
  std::int64_t head = 0;
};

struct open_section_cmd {
  static constexpr std::string_view name = "open_section";
  id_type proposal = 0;
  int section = 0;
  std::optional<std::int64_t> version;  // none: send the whole text
  static domain::result<open_section_cmd> parse(const fields& f);
};
struct close_section_cmd {
  static constexpr std::string_view name = "close_section";
  id_type proposal = 0;
  int section = 0;
  static domain::result<close_section_cmd> parse(const fields& f);
};
struct push_cmd {
  static constexpr std::string_view name = "push";
  id_type proposal = 0;
  int section = 0;
  std::int64_t version = 0;
  std::vector<domain::client_update> updates;
  std::optional<selection> where;
  static domain::result<push_cmd> parse(const fields& f);
};
struct cursor_cmd {
  static constexpr std::string_view name = "cursor";
  id_type proposal = 0;
  int section = 0;
  std::int64_t version = 0;
  selection where;
  static domain::result<cursor_cmd> parse(const fields& f);
};
struct section_history_cmd {
  static constexpr std::string_view name = "section_history";
  id_type proposal = 0;
  int section = 0;
  std::int64_t from = 0;
  static domain::result<section_history_cmd> parse(const fields& f);
};

// A ChangeSet in CodeMirror's JSON form (see docs/protocol.md). Errors: bad_value, too_large.
domain::result<domain::change_set> parse_changes(const nlohmann::json& j);
nlohmann::json changes_json(const domain::change_set& c);

}  // namespace rt::protocol
