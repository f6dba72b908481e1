// session.cpp: parsing the session commands.
#include "protocol/commands/session.hpp"

#include "protocol/commands/people.hpp"

namespace rt::protocol {

std::string ui_language(const fields& f) {
  const auto it = f.j.find("language");
  if (it == f.j.end() || !it->is_string()) return "";
  const auto& code = it->get_ref<const std::string&>();
  return domain::is_language(code) ? code : "";
}

domain::result<join_cmd> join_cmd::parse(const fields& f) {
  RT_TRY(code, f.str("code"));
  RT_TRY(name, f.str("name"));
  RT_TRY(organisation, f.opt_str("organisation"));
  RT_TRY(group, f.str("group"));
  RT_TRY(track, f.integer("track", 1));
  RT_TRY(credit, f.boolean("credit"));
  return join_cmd{code, domain::join_draft{name, organisation, group, track, credit},
                  ui_language(f)};
}

domain::result<hello_cmd> hello_cmd::parse(const fields& f) {
  RT_TRY(token, f.str("token"));
  RT_TRY(last_seq, f.integer("lastSeq"));
  return hello_cmd{token, last_seq, ui_language(f)};
}

domain::result<set_language_cmd> set_language_cmd::parse(const fields& f) {
  RT_TRY(language, f.str("language"));
  if (!domain::is_language(language)) {
    return domain::make_error(domain::errc::bad_value,
                              "\"" + language + "\" is not one of the 24 languages of the EU.");
  }
  return set_language_cmd{language};
}

domain::result<event_info_cmd> event_info_cmd::parse(const fields& f) {
  RT_TRY(code, f.str("code"));
  return event_info_cmd{code};
}

domain::result<auth_admin_cmd> auth_admin_cmd::parse(const fields& f) {
  RT_TRY(secret, f.str("secret"));
  return auth_admin_cmd{secret};
}

domain::result<create_event_cmd> create_event_cmd::parse(const fields& f) {
  RT_TRY(title, f.str("title"));
  const auto it = f.j.find("tracks");
  if (it == f.j.end() || !it->is_array()) return f.missing("tracks", "an array");
  if (it->size() > 100) return domain::make_error(domain::errc::bad_value, "Too many tracks.");
  create_event_cmd c{title, {}, std::nullopt};
  if (f.has("language")) {
    RT_TRY(language, f.str("language"));
    c.language = language;
  }
  if (f.has("groups")) {
    RT_TRY(groups, parse_groups(f, "groups"));
    c.groups = std::move(groups);
  }
  for (const auto& t : *it) {
    if (!t.is_object()) return f.missing("tracks", "an array of objects");
    const fields tf{t};
    RT_TRY(name, tf.str("name"));
    RT_TRY(description, tf.opt_str("description"));
    c.tracks.push_back({name, description});
  }
  return c;
}

}  // namespace rt::protocol
