// session.hpp: the commands a connection answers itself, before or beside an event: joining,
// resuming, reading an event's public info, and the admin's. They have no domain handler of
// their own: app/connection.cpp routes each (see commands.hpp, `session_command`).
// Thread-safety: plain values.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

// A client's UI language as join, hello and set_language carry it: one of
// domain::language_codes, or "" (absent, null, not a string or not one of them).
std::string ui_language(const fields& f);

struct join_cmd {
  static constexpr std::string_view name = "join";
  std::string code;
  domain::join_draft draft;
  std::string language;  // ui_language(): "" for none
  static domain::result<join_cmd> parse(const fields& f);
};
struct hello_cmd {
  static constexpr std::string_view name = "hello";
  std::string token;
  domain::seq_type last_seq = 0;
  std::string language;  // ui_language(): "" for none
  static domain::result<hello_cmd> parse(const fields& f);
};
// A joined member's connection says which language its screen shows (presence counts them);
// not a change. An unknown language is refused with bad_value.
struct set_language_cmd {
  static constexpr std::string_view name = "set_language";
  std::string language;
  static domain::result<set_language_cmd> parse(const fields& f);
};
struct event_info_cmd {
  static constexpr std::string_view name = "event_info";
  std::string code;
  static domain::result<event_info_cmd> parse(const fields& f);
};
struct auth_admin_cmd {
  static constexpr std::string_view name = "auth_admin";
  std::string secret;
  static domain::result<auth_admin_cmd> parse(const fields& f);
};
struct create_event_cmd {
  static constexpr std::string_view name = "create_event";
  std::string title;
  std::vector<domain::track_draft> tracks;
  // The event's stakeholder groups; absent: domain::default_groups().
  std::optional<std::vector<domain::stakeholder_group>> groups;
  // The event's language (optional on the wire; checked by domain::make_event).
  std::string language{domain::default_language};
  static domain::result<create_event_cmd> parse(const fields& f);
};
struct list_events_cmd {
  static constexpr std::string_view name = "list_events";
  static domain::result<list_events_cmd> parse(const fields&) { return list_events_cmd{}; }
};
// The admin deletes a closed or archived event whose archive was downloaded since its last
// change (hub::delete_event).
struct delete_event_cmd {
  static constexpr std::string_view name = "delete_event";
  id_type event = 0;
  static domain::result<delete_event_cmd> parse(const fields& f) {
    RT_TRY(event, f.integer("event", 1));
    return delete_event_cmd{event};
  }
};
// The admin sets how many days closed and archived events are kept before they are deleted
// automatically (0: at the next check), or null: kept until the admin deletes them (hub).
struct set_retention_cmd {
  static constexpr std::string_view name = "set_retention";
  static constexpr std::int64_t max_days = 3650;
  std::optional<std::int64_t> days;
  static domain::result<set_retention_cmd> parse(const fields& f) {
    if (!f.j.contains("days")) return f.missing("days", "a number of days or null");
    if (f.j.at("days").is_null()) return set_retention_cmd{};
    RT_TRY(days, f.integer("days", 0));
    if (days > max_days) {
      return domain::make_error(domain::errc::bad_value,
                                "Events are kept at most " + std::to_string(max_days) + " days.");
    }
    return set_retention_cmd{days};
  }
};

}  // namespace rt::protocol
