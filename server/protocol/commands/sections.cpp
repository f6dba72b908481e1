// sections.cpp: parsing the section commands and CodeMirror's ChangeSet JSON.
#include "protocol/commands/sections.hpp"

#include "domain/text.hpp"

namespace rt::protocol {

using json = nlohmann::json;

namespace {

struct place {
  id_type proposal = 0;
  int section = 0;
};

domain::result<place> read_place(const fields& f) {
  RT_TRY(proposal, f.integer("proposal", 1));
  RT_TRY(section, f.integer("section"));
  if (section > 1000) {
    return domain::make_error(domain::errc::not_found, "The template has no such section.");
  }
  return place{proposal, static_cast<int>(section)};
}

domain::result<selection> read_selection(const fields& f) {
  RT_TRY(anchor, f.integer("anchor"));
  RT_TRY(head, f.integer("head"));
  return selection{anchor, head};
}

domain::result<domain::client_update> read_update(const fields& f, const json& u) {
  if (!u.is_object()) return f.missing("updates", "an array of {clientID, changes}");
  const fields uf{u};
  RT_TRY(client, uf.str("clientID"));
  if (client.empty() || client.size() > 64) {
    return domain::make_error(domain::errc::bad_value, "A clientID has 1 to 64 bytes.");
  }
  const auto ch = u.find("changes");
  if (ch == u.end()) return f.missing("changes", "a ChangeSet in JSON");
  RT_TRY(changes, parse_changes(*ch));
  bool continues = false;
  if (const auto k = u.find("continues"); k != u.end() && !k->is_null()) {
    if (!k->is_boolean()) return f.missing("continues", "true or false");
    continues = k->get<bool>();
  }
  return domain::client_update{client, std::move(changes), continues};
}

}  // namespace

domain::result<open_section_cmd> open_section_cmd::parse(const fields& f) {
  RT_TRY(at, read_place(f));
  if (!f.has("version")) return open_section_cmd{at.proposal, at.section, std::nullopt};
  RT_TRY(version, f.integer("version"));
  return open_section_cmd{at.proposal, at.section, version};
}

domain::result<close_section_cmd> close_section_cmd::parse(const fields& f) {
  RT_TRY(at, read_place(f));
  return close_section_cmd{at.proposal, at.section};
}

domain::result<section_history_cmd> section_history_cmd::parse(const fields& f) {
  RT_TRY(at, read_place(f));
  std::int64_t from = 0;
  if (f.j.contains("from")) {
    RT_TRY(v, f.integer("from"));
    from = v;
  }
  return section_history_cmd{at.proposal, at.section, from};
}

domain::result<cursor_cmd> cursor_cmd::parse(const fields& f) {
  RT_TRY(at, read_place(f));
  RT_TRY(version, f.integer("version"));
  RT_TRY(where, read_selection(f));
  return cursor_cmd{at.proposal, at.section, version, where};
}

domain::result<push_cmd> push_cmd::parse(const fields& f) {
  RT_TRY(at, read_place(f));
  RT_TRY(version, f.integer("version"));
  push_cmd c{at.proposal, at.section, version, {}, std::nullopt};
  const auto ups = f.j.find("updates");
  if (ups == f.j.end() || !ups->is_array()) return f.missing("updates", "an array");
  if (ups->size() > 100) {
    return domain::make_error(domain::errc::too_large, "A push holds at most 100 updates.");
  }
  for (const auto& u : *ups) {
    RT_TRY(update, read_update(f, u));
    c.updates.push_back(std::move(update));
  }
  if (const auto s = f.j.find("selection"); s != f.j.end() && !s->is_null()) {
    if (!s->is_object()) return f.missing("selection", "an object {anchor, head}");
    RT_TRY(where, read_selection(fields{*s}));
    c.where = where;
  }
  return c;
}

domain::result<domain::change_set> parse_changes(const json& j) {
  if (!j.is_array())
    return domain::make_error(domain::errc::bad_value, "A change is a JSON array.");
  if (j.size() > 100'000) {
    return domain::make_error(domain::errc::too_large, "A change has too many parts.");
  }
  std::vector<domain::change_part> parts;
  parts.reserve(j.size());
  for (const auto& e : j) {
    domain::change_part p;
    if (e.is_number_integer()) {
      p.length = e.get<std::int64_t>();
    } else if (e.is_array() && !e.empty() && e[0].is_number_integer()) {
      p.length = e[0].get<std::int64_t>();
      p.replace = true;
      for (std::size_t i = 1; i < e.size(); ++i) {
        if (!e[i].is_string()) {
          return domain::make_error(domain::errc::bad_value, "Inserted lines are strings.");
        }
        p.lines.push_back(domain::to_utf16(e[i].get_ref<const std::string&>()));
      }
    } else {
      return domain::make_error(domain::errc::bad_value,
                                "A change's parts are lengths or [length, ...lines] arrays.");
    }
    parts.push_back(std::move(p));
  }
  return domain::change_set::from_parts(parts);
}

json changes_json(const domain::change_set& c) {
  json out = json::array();
  for (const auto& p : c.to_parts()) {
    if (!p.replace) {
      out.push_back(p.length);
      continue;
    }
    json part = json::array({p.length});
    for (const auto& line : p.lines) part.push_back(domain::to_utf8(line));
    out.push_back(std::move(part));
  }
  return out;
}

}  // namespace rt::protocol
