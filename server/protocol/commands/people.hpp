// people.hpp: the commands about people: personal links, tables, moving and removing
// members, and whether the join code still lets people in.
// Thread-safety: plain values; apply() on the event's strand.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct create_link_cmd {
  static constexpr std::string_view name = "create_link";
  static constexpr bool issues_token = true;  // the connection makes a fresh secret
  domain::role member_role = domain::role::viewer;
  std::optional<id_type> track;
  std::string person;  // "name" on the wire
  static domain::result<create_link_cmd> parse(const fields& f);
  // result: {token, member}; the token is a secret, so the answer is never stored.
  domain::result<outcome> apply(const context& x) const;
};
struct add_table_cmd {
  static constexpr std::string_view name = "add_table";
  id_type track = 0;
  std::string table_name;  // "name" on the wire
  static domain::result<add_table_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;  // result: {table}
};
struct remove_table_cmd {
  static constexpr std::string_view name = "remove_table";
  id_type table = 0;
  static domain::result<remove_table_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct move_member_cmd {
  static constexpr std::string_view name = "move_member";
  id_type member = 0;
  id_type track = 0;
  std::optional<id_type> table;
  static domain::result<move_member_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct set_self_join_cmd {
  static constexpr std::string_view name = "set_self_join";
  bool open = true;
  static domain::result<set_self_join_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
// The facilitator sets the event's language and/or its screens' languages ("language",
// "screenLanguages" on the wire; absent: unchanged).
struct set_event_language_cmd {
  static constexpr std::string_view name = "set_event_language";
  std::optional<std::string> language;
  std::optional<domain::screen_languages> screens;
  static domain::result<set_event_language_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct remove_member_cmd {
  static constexpr std::string_view name = "remove_member";
  id_type member = 0;
  static domain::result<remove_member_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
// A facilitator erases a member's personal data; "contributions" on the wire: "keep" (their
// ideas and comments stay, as a former participant's) or "delete".
struct erase_member_cmd {
  static constexpr std::string_view name = "erase_member";
  id_type member = 0;
  bool delete_contributions = false;
  static domain::result<erase_member_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

// Links (facilitators): a staff link's name, revoking a member's link, a new token for it.
struct rename_link_cmd {
  static constexpr std::string_view name = "rename_link";
  id_type member = 0;
  std::string label;  // "name" on the wire
  static domain::result<rename_link_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct revoke_link_cmd {
  static constexpr std::string_view name = "revoke_link";
  id_type member = 0;
  static domain::result<revoke_link_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
struct reissue_link_cmd {
  static constexpr std::string_view name = "reissue_link";
  static constexpr bool issues_token = true;  // the connection makes a fresh secret
  id_type member = 0;
  static domain::result<reissue_link_cmd> parse(const fields& f);
  // result: {token, member}; never stored.
  domain::result<outcome> apply(const context& x) const;
};

// Stakeholder groups and profiles.
// A list of groups [{code, label}] in field `field` (create_event, set_groups): shapes only;
// the domain checks codes and labels (check_groups).
domain::result<std::vector<domain::stakeholder_group>> parse_groups(const fields& f,
                                                                    const char* field);
struct set_groups_cmd {
  static constexpr std::string_view name = "set_groups";
  std::vector<domain::stakeholder_group> groups;
  static domain::result<set_groups_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
// A participant's own name, organisation, group and credit consent (each optional).
struct update_profile_cmd {
  static constexpr std::string_view name = "update_profile";
  domain::profile_edit edit;
  static domain::result<update_profile_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};
// A facilitator's correction of a member's name, organisation or group (each optional).
struct edit_member_cmd {
  static constexpr std::string_view name = "edit_member";
  id_type member = 0;
  domain::profile_edit edit;
  static domain::result<edit_member_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

// The admin's commands about one event (the connection checks auth_admin and finds the
// event by `event`; the room applies them with actor 0).
struct issue_facilitator_link_cmd {
  static constexpr std::string_view name = "issue_facilitator_link";
  static constexpr bool issues_token = true;
  static constexpr bool by_admin = true;
  id_type event = 0;
  std::string person;  // "name" on the wire; "Facilitator" when absent
  static domain::result<issue_facilitator_link_cmd> parse(const fields& f);
  // result: {token, member}; never stored.
  domain::result<outcome> apply(const context& x) const;
};
struct set_event_status_cmd {
  static constexpr std::string_view name = "set_event_status";
  static constexpr bool by_admin = true;
  id_type event = 0;
  domain::event_status status = domain::event_status::open;
  static domain::result<set_event_status_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

}  // namespace rt::protocol
