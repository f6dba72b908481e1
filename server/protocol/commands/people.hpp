// people.hpp: the commands about people: personal links, tables, moving and removing
// members, and whether the join code still lets people in.
// Thread-safety: plain values; apply() on the event's strand.
#pragma once

#include "protocol/commands/support.hpp"

namespace rt::protocol {

struct create_link_cmd {
  static constexpr std::string_view name = "create_link";
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
struct remove_member_cmd {
  static constexpr std::string_view name = "remove_member";
  id_type member = 0;
  static domain::result<remove_member_cmd> parse(const fields& f);
  domain::result<outcome> apply(const context& x) const;
};

}  // namespace rt::protocol
