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
namespace {
outcome with_token(domain::change ch, const context& x);
}  // namespace

domain::result<outcome> create_link_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.add_member(x.actor, member_role, track, person, x.token_hash, x.now));
  return with_token(std::move(ch), x);
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

domain::result<set_event_language_cmd> set_event_language_cmd::parse(const fields& f) {
  set_event_language_cmd c;
  if (f.has("language")) {
    RT_TRY(language, f.str("language"));
    c.language = language;
  }
  if (f.has("screenLanguages")) {
    RT_TRY(screens, f.str("screenLanguages"));
    c.screens = domain::parse_screen_languages(screens);
    if (!c.screens) {
      return domain::make_error(domain::errc::bad_value,
                                "screenLanguages is \"event\" or \"room\".");
    }
  }
  return c;  // the domain refuses neither field (bad_value) and an unknown language
}
domain::result<outcome> set_event_language_cmd::apply(const context& x) const {
  return plain(x.state.set_event_language(x.actor, language, screens, x.now));
}

domain::result<remove_member_cmd> remove_member_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  return remove_member_cmd{member};
}
domain::result<outcome> remove_member_cmd::apply(const context& x) const {
  return plain(x.state.remove_member(x.actor, member, x.now));
}

domain::result<erase_member_cmd> erase_member_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  RT_TRY(contributions, f.str("contributions"));
  if (contributions != "keep" && contributions != "delete") {
    return domain::make_error(domain::errc::bad_value,
                              "\"contributions\" is \"keep\" or \"delete\".");
  }
  return erase_member_cmd{member, contributions == "delete"};
}
domain::result<outcome> erase_member_cmd::apply(const context& x) const {
  return plain(x.state.erase_member(x.actor, member, delete_contributions, x.now));
}

domain::result<rename_link_cmd> rename_link_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  RT_TRY(label, f.str("name"));
  return rename_link_cmd{member, label};
}
domain::result<outcome> rename_link_cmd::apply(const context& x) const {
  return plain(x.state.rename_link(x.actor, member, label, x.now));
}

domain::result<revoke_link_cmd> revoke_link_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  return revoke_link_cmd{member};
}
domain::result<outcome> revoke_link_cmd::apply(const context& x) const {
  return plain(x.state.revoke_link(x.actor, member, x.now));
}

namespace {
// The answer to a command that issued a token: the secret link and the member; never stored.
outcome with_token(domain::change ch, const context& x) {
  const domain::member* m = nullptr;
  if (const auto* j = std::get_if<domain::member_joined>(&ch.body)) m = &j->m;
  if (const auto* l = std::get_if<domain::link_changed>(&ch.body)) m = &l->m;
  json result{{"token", x.token}, {"member", m ? to_json(*m) : json(nullptr)}};
  return outcome{std::move(ch), std::move(result), /*keep_answer=*/false};
}
}  // namespace

domain::result<reissue_link_cmd> reissue_link_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  return reissue_link_cmd{member};
}
domain::result<outcome> reissue_link_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.reissue_link(x.actor, member, x.token_hash, x.now));
  return with_token(std::move(ch), x);
}

domain::result<issue_facilitator_link_cmd> issue_facilitator_link_cmd::parse(const fields& f) {
  RT_TRY(event, f.integer("event", 1));
  RT_TRY(person, f.opt_str("name"));
  return issue_facilitator_link_cmd{event, person.empty() ? "Facilitator" : person};
}
domain::result<outcome> issue_facilitator_link_cmd::apply(const context& x) const {
  RT_TRY(ch, x.state.admin_add_facilitator(person, x.token_hash, x.now));
  return with_token(std::move(ch), x);
}

domain::result<set_event_status_cmd> set_event_status_cmd::parse(const fields& f) {
  RT_TRY(event, f.integer("event", 1));
  RT_TRY(status_name, f.str("status"));
  const auto status = domain::parse_event_status(status_name);
  if (!status) {
    return domain::make_error(domain::errc::bad_value, "Unknown status \"" + status_name +
                                                           "\"; one of open, closed, archived.");
  }
  return set_event_status_cmd{event, *status};
}
domain::result<outcome> set_event_status_cmd::apply(const context& x) const {
  return plain(x.state.admin_set_status(status, x.now));
}

domain::result<std::vector<domain::stakeholder_group>> parse_groups(const fields& f,
                                                                    const char* field) {
  const auto it = f.j.find(field);
  if (it == f.j.end() || !it->is_array()) return f.missing(field, "an array of {code, label}");
  if (it->size() > 100) return domain::make_error(domain::errc::bad_value, "Too many groups.");
  std::vector<domain::stakeholder_group> out;
  for (const auto& g : *it) {
    if (!g.is_object()) return f.missing(field, "an array of {code, label}");
    const fields gf{g};
    RT_TRY(code, gf.str("code"));
    RT_TRY(label, gf.str("label"));
    out.push_back({code, label});
  }
  return out;
}

domain::result<set_groups_cmd> set_groups_cmd::parse(const fields& f) {
  RT_TRY(groups, parse_groups(f, "groups"));
  return set_groups_cmd{std::move(groups)};
}
domain::result<outcome> set_groups_cmd::apply(const context& x) const {
  return plain(x.state.set_groups(x.actor, groups, x.now));
}

namespace {
// The optional fields of a profile edit: each present (and not null) is set.
domain::result<domain::profile_edit> parse_profile(const fields& f) {
  domain::profile_edit e;
  for (const auto& [field, slot] :
       {std::pair{"name", &e.name}, std::pair{"organisation", &e.organisation},
        std::pair{"group", &e.group}}) {
    if (!f.has(field)) continue;
    RT_TRY(value, f.str(field));
    *slot = std::move(value);
  }
  if (f.has("credit")) {
    RT_TRY(credit, f.boolean("credit"));
    e.credit = credit;
  }
  return e;
}
}  // namespace

domain::result<update_profile_cmd> update_profile_cmd::parse(const fields& f) {
  RT_TRY(edit, parse_profile(f));
  return update_profile_cmd{std::move(edit)};
}
domain::result<outcome> update_profile_cmd::apply(const context& x) const {
  return plain(x.state.update_profile(x.actor, edit, x.now));
}

domain::result<edit_member_cmd> edit_member_cmd::parse(const fields& f) {
  RT_TRY(member, f.integer("member", 1));
  RT_TRY(edit, parse_profile(f));
  return edit_member_cmd{member, std::move(edit)};
}
domain::result<outcome> edit_member_cmd::apply(const context& x) const {
  return plain(x.state.edit_member(x.actor, member, edit, x.now));
}

}  // namespace rt::protocol
