// people.cpp: parsing and applying the commands about people.
#include "protocol/commands/people.hpp"

#include "protocol/messages.hpp"

namespace rt::protocol {

using json = nlohmann::json;

domain::result<create_link_cmd> create_link_cmd::parse(const fields& f) {
  RT_TRY(role_name, f.str("role"));
  RT_TRY(person, f.str("name"));
  const auto role = domain::parse_role(role_name);
  if (!role) {
    return domain::make_error(domain::errc::bad_value, "Unknown role \"" + role_name + "\".");
  }
  std::optional<id_type> track;
  if (f.has("track")) {
    RT_TRY(t, f.integer("track", 1));
    track = t;
  }
  return create_link_cmd{*role, track, person};
}
domain::result<outcome> create_link_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.add_member(x.actor, member_role, track, person, x.token_hash, x.now));
  json result{{"token", x.token}, {"member", to_json(std::get<domain::member_joined>(ch.body).m)}};
  return outcome{std::move(ch), std::move(result), /*keep_answer=*/false};
}

domain::result<add_table_cmd> add_table_cmd::parse(const fields& f) {
  RT_TRY(track, f.integer("track", 1));
  RT_TRY(table_name, f.str("name"));
  return add_table_cmd{track, table_name};
}
domain::result<outcome> add_table_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.add_table(x.actor, track, table_name, x.now));
  const auto id = std::get<domain::table_added>(ch.body).t.id;
  return outcome{std::move(ch), json{{"table", id}}};
}

domain::result<remove_table_cmd> remove_table_cmd::parse(const fields& f) {
  RT_TRY(table, f.integer("table", 1));
  return remove_table_cmd{table};
}
domain::result<outcome> remove_table_cmd::apply(const context& x) const {
  return plain(x.state.remove_table(x.actor, table, x.now));
}

domain::result<move_member_cmd> move_member_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  RT_TRY(track, f.integer("track", 1));
  RT_TRY(table, f.opt_id("table"));
  return move_member_cmd{member, track, table};
}
domain::result<outcome> move_member_cmd::apply(const context& x) const {
  return plain(x.state.move_member(x.actor, member, track, table, x.now));
}

domain::result<set_self_join_cmd> set_self_join_cmd::parse(const fields& f) {
  RT_TRY(open, f.boolean("open"));
  return set_self_join_cmd{open};
}
domain::result<outcome> set_self_join_cmd::apply(const context& x) const {
  return plain(x.state.set_self_join(x.actor, open, x.now));
}

domain::result<remove_member_cmd> remove_member_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  return remove_member_cmd{member};
}
domain::result<outcome> remove_member_cmd::apply(const context& x) const {
  return plain(x.state.remove_member(x.actor, member, x.now));
}

}  // namespace rt::protocol
