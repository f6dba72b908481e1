// commands.cpp: parsing client frames into typed commands.
#include "commands.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <limits>

#include "domain/text.hpp"

namespace rt::protocol {
namespace {

using json = nlohmann::json;

// Field readers: each fails with bad_command naming the field.
struct reader {
  const json& j;

  domain::error missing(const char* field, const char* want) const {
    return domain::make_error(domain::errc::bad_command,
                              std::string("Field \"") + field + "\" must be " + want + ".");
  }
  domain::result<std::string> str(const char* field) const {
    const auto it = j.find(field);
    if (it == j.end() || !it->is_string()) return missing(field, "a string");
    return it->get<std::string>();
  }
  domain::result<std::string> opt_str(const char* field) const {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return std::string();
    if (!it->is_string()) return missing(field, "a string");
    return it->get<std::string>();
  }
  domain::result<std::int64_t> integer(const char* field, std::int64_t min = 0) const {
    const auto it = j.find(field);
    if (it == j.end() || !it->is_number_integer()) return missing(field, "an integer");
    const auto v = it->get<std::int64_t>();
    if (v < min) return missing(field, min == 0 ? "an integer of 0 or more" : "a positive integer");
    return v;
  }
  // An id (a track, a cluster, a table), or null/absent for none.
  domain::result<std::optional<std::int64_t>> opt_track(const char* field) const {
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return std::optional<std::int64_t>();
    if (!it->is_number_integer() || it->get<std::int64_t>() < 1) {
      return missing(field, "a positive integer or null");
    }
    return std::optional<std::int64_t>(it->get<std::int64_t>());
  }
  // A list of ids; absent or null: none.
  domain::result<std::vector<std::int64_t>> ids(const char* field) const {
    std::vector<std::int64_t> out;
    const auto it = j.find(field);
    if (it == j.end() || it->is_null()) return out;
    if (!it->is_array() || it->size() > 10'000) return missing(field, "an array of ids");
    for (const auto& v : *it) {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 1) {
        return missing(field, "an array of positive integers");
      }
      out.push_back(v.get<std::int64_t>());
    }
    return out;
  }
  domain::result<bool> boolean(const char* field, std::optional<bool> fallback = {}) const {
    const auto it = j.find(field);
    if (it == j.end() && fallback) return *fallback;
    if (it == j.end() || !it->is_boolean()) return missing(field, "true or false");
    return it->get<bool>();
  }
};

#define RT_TRY(var, expr)                 \
  auto var##_r = (expr);                  \
  if (!var##_r) return var##_r.err();     \
  auto var = std::move(var##_r.value())

domain::result<command_body> parse_body(const std::string& type, const reader& r) {
  if (type == "join") {
    RT_TRY(code, r.str("code"));
    RT_TRY(name, r.str("name"));
    RT_TRY(organisation, r.opt_str("organisation"));
    RT_TRY(group, r.str("group"));
    RT_TRY(track, r.integer("track", 1));
    RT_TRY(credit, r.boolean("credit"));
    return join_cmd{code, domain::join_draft{name, organisation, group, track, credit}};
  }
  if (type == "hello") {
    RT_TRY(token, r.str("token"));
    RT_TRY(last_seq, r.integer("lastSeq"));
    return hello_cmd{token, last_seq};
  }
  if (type == "event_info") {
    RT_TRY(code, r.str("code"));
    return event_info_cmd{code};
  }
  if (type == "post_idea") {
    RT_TRY(track, r.integer("track", 1));
    RT_TRY(text, r.str("text"));
    RT_TRY(anonymous, r.boolean("anonymous", false));
    return post_idea_cmd{track, text, anonymous};
  }
  if (type == "edit_idea") {
    RT_TRY(idea, r.integer("idea", 1));
    RT_TRY(text, r.str("text"));
    return edit_idea_cmd{idea, text};
  }
  if (type == "delete_idea") {
    RT_TRY(idea, r.integer("idea", 1));
    return delete_idea_cmd{idea};
  }
  if (type == "hide_idea" || type == "unhide_idea") {
    RT_TRY(idea, r.integer("idea", 1));
    return set_hidden_cmd{idea, type == "hide_idea"};
  }
  if (type == "create_link") {
    RT_TRY(role_name, r.str("role"));
    RT_TRY(name, r.str("name"));
    const auto role = domain::parse_role(role_name);
    if (!role) return domain::make_error(domain::errc::bad_value, "Unknown role \"" + role_name + "\".");
    std::optional<id_type> track;
    if (r.j.contains("track") && !r.j.at("track").is_null()) {
      RT_TRY(t, r.integer("track", 1));
      track = t;
    }
    return create_link_cmd{*role, track, name};
  }
  if (type == "auth_admin") {
    RT_TRY(secret, r.str("secret"));
    return auth_admin_cmd{secret};
  }
  if (type == "create_event") {
    RT_TRY(title, r.str("title"));
    const auto it = r.j.find("tracks");
    if (it == r.j.end() || !it->is_array()) return r.missing("tracks", "an array");
    if (it->size() > 100) return domain::make_error(domain::errc::bad_value, "Too many tracks.");
    create_event_cmd c{title, {}};
    for (const auto& t : *it) {
      if (!t.is_object()) return r.missing("tracks", "an array of objects");
      const reader tr{t};
      RT_TRY(name, tr.str("name"));
      RT_TRY(description, tr.opt_str("description"));
      c.tracks.push_back({name, description});
    }
    return c;
  }
  if (type == "list_events") return list_events_cmd{};
  if (type == "set_agenda") {
    const auto it = r.j.find("phases");
    if (it == r.j.end() || !it->is_array()) return r.missing("phases", "an array");
    if (it->size() > 100) return domain::make_error(domain::errc::bad_value, "Too many phases.");
    set_agenda_cmd c;
    for (const auto& p : *it) {
      if (!p.is_object()) return r.missing("phases", "an array of objects");
      const reader pr{p};
      RT_TRY(kind, pr.str("kind"));
      RT_TRY(title, pr.str("title"));
      const auto m = p.find("minutes");
      if (m == p.end() || !m->is_number_integer()) return r.missing("minutes", "an integer");
      c.phases.push_back({kind, title, m->get<std::int64_t>()});
    }
    return c;
  }
  if (type == "go_to_phase") {
    RT_TRY(index, r.integer("index"));
    if (index > 1000) return domain::make_error(domain::errc::bad_value, "The agenda has no such phase.");
    return go_to_phase_cmd{static_cast<int>(index)};
  }
  if (type == "pause_timer") return pause_timer_cmd{};
  if (type == "resume_timer") return resume_timer_cmd{};
  if (type == "extend_timer") {
    const auto m = r.j.find("minutes");
    if (m == r.j.end() || !m->is_number_integer()) return r.missing("minutes", "an integer");
    return extend_timer_cmd{m->get<std::int64_t>()};
  }
  if (type == "announce") {
    RT_TRY(text, r.str("text"));
    RT_TRY(track, r.opt_track("track"));
    return announce_cmd{text, track};
  }
  if (type == "clear_announcement") {
    RT_TRY(announcement, r.integer("announcement", 1));
    return clear_announcement_cmd{announcement};
  }
  if (type == "set_screen") {
    RT_TRY(track, r.opt_track("track"));
    return set_screen_cmd{track};
  }
  if (type == "pin_idea" || type == "unpin_idea") {
    RT_TRY(idea, r.integer("idea", 1));
    return pin_idea_cmd{idea, type == "pin_idea"};
  }
  if (type == "merge_idea") {
    RT_TRY(idea, r.integer("idea", 1));
    RT_TRY(into, r.integer("into", 1));
    return merge_idea_cmd{idea, into};
  }
  if (type == "split_idea") {
    RT_TRY(idea, r.integer("idea", 1));
    return split_idea_cmd{idea};
  }
  if (type == "create_cluster") {
    RT_TRY(track, r.integer("track", 1));
    RT_TRY(name, r.str("name"));
    return create_cluster_cmd{track, name};
  }
  if (type == "rename_cluster") {
    RT_TRY(cluster, r.integer("cluster", 1));
    RT_TRY(name, r.str("name"));
    return rename_cluster_cmd{cluster, name};
  }
  if (type == "delete_cluster") {
    RT_TRY(cluster, r.integer("cluster", 1));
    return delete_cluster_cmd{cluster};
  }
  if (type == "cluster_idea") {
    RT_TRY(idea, r.integer("idea", 1));
    RT_TRY(cluster, r.opt_track("cluster"));
    return cluster_idea_cmd{idea, cluster};
  }
  if (type == "add_table") {
    RT_TRY(track, r.integer("track", 1));
    RT_TRY(name, r.str("name"));
    return add_table_cmd{track, name};
  }
  if (type == "remove_table") {
    RT_TRY(table, r.integer("table", 1));
    return remove_table_cmd{table};
  }
  if (type == "move_member") {
    RT_TRY(member, r.integer("member", 1));
    RT_TRY(track, r.integer("track", 1));
    RT_TRY(table, r.opt_track("table"));
    return move_member_cmd{member, track, table};
  }
  if (type == "open_round") {
    RT_TRY(title, r.str("title"));
    RT_TRY(track, r.opt_track("track"));
    std::string method_name = "dots";
    if (r.j.contains("method")) {
      RT_TRY(m, r.str("method"));
      method_name = m;
    }
    const auto method = domain::parse_vote_method(method_name);
    if (!method) return domain::make_error(domain::errc::bad_value, "Unknown voting method \"" + method_name + "\".");
    auto number = [&](const char* field, int fallback) -> domain::result<int> {
      const auto it = r.j.find(field);
      if (it == r.j.end()) return fallback;
      if (!it->is_number_integer()) return r.missing(field, "an integer");
      const auto v = it->get<std::int64_t>();
      if (v < -1000 || v > 1000) return domain::make_error(domain::errc::bad_value, std::string(field) + " is out of range.");
      return static_cast<int>(v);
    };
    RT_TRY(budget, number("budget", 5));
    RT_TRY(max_per_item, number("maxPerItem", 3));
    RT_TRY(allow_own, r.boolean("allowOwn", true));
    RT_TRY(live, r.boolean("liveResults", false));
    RT_TRY(random_order, r.boolean("randomOrder", true));
    auto kind = domain::item_kind::idea;
    if (const auto it = r.j.find("items"); it != r.j.end() && !it->is_null()) {
      RT_TRY(name, r.str("items"));
      const auto k = domain::parse_item_kind(name);
      if (!k) return domain::make_error(domain::errc::bad_value, "Items are \"ideas\", \"clusters\" or \"proposals\".");
      kind = *k;
    }
    return open_round_cmd{title, track, domain::round_rules{*method, budget, max_per_item, allow_own},
                          live, random_order, kind};
  }
  if (type == "close_round" || type == "reveal_round" || type == "reopen_round") {
    RT_TRY(round, r.integer("round", 1));
    const auto action = type == "close_round"    ? round_cmd::what::close
                        : type == "reveal_round" ? round_cmd::what::reveal
                                                 : round_cmd::what::reopen;
    return round_cmd{action, round};
  }
  if (type == "vote") {
    RT_TRY(round, r.integer("round", 1));
    RT_TRY(item, r.integer("item", 1));
    const auto it = r.j.find("votes");
    if (it == r.j.end() || !it->is_number_integer()) return r.missing("votes", "an integer");
    const auto v = it->get<std::int64_t>();
    if (v < 0 || v > 1000) return domain::make_error(domain::errc::bad_value, "Votes are 0 or more, within the budget.");
    return vote_cmd{round, item, static_cast<int>(v)};
  }
  if (type == "set_track_pacing") {
    RT_TRY(allowed, r.boolean("allowed"));
    return set_track_pacing_cmd{allowed};
  }
  if (type == "set_track_phase") {
    RT_TRY(track, r.integer("track", 1));
    const auto it = r.j.find("index");
    std::optional<int> index;
    if (it != r.j.end() && !it->is_null()) {
      if (!it->is_number_integer()) return r.missing("index", "an integer or null");
      const auto v = it->get<std::int64_t>();
      if (v < 0 || v > 1000) return domain::make_error(domain::errc::bad_value, "The agenda has no such phase.");
      index = static_cast<int>(v);
    }
    return set_track_phase_cmd{track, index};
  }
  if (type == "set_template") {
    const auto it = r.j.find("sections");
    if (it == r.j.end() || !it->is_array()) return r.missing("sections", "an array");
    if (it->size() > domain::max_template_sections) {
      return domain::make_error(domain::errc::bad_value,
                                "A template has at most " +
                                    std::to_string(domain::max_template_sections) + " sections.");
    }
    set_template_cmd c;
    for (const auto& s : *it) {
      if (!s.is_object()) return r.missing("sections", "an array of {heading, hint}");
      const reader sr{s};
      RT_TRY(heading, sr.str("heading"));
      RT_TRY(hint, sr.opt_str("hint"));
      c.sections.push_back({heading, hint});
    }
    return c;
  }
  if (type == "create_proposal") {
    create_proposal_cmd c;
    RT_TRY(title, r.str("title"));
    RT_TRY(track, r.integer("track", 1));
    RT_TRY(ideas, r.ids("ideas"));
    RT_TRY(cluster, r.opt_track("cluster"));
    RT_TRY(table, r.opt_track("table"));
    RT_TRY(team, r.ids("team"));
    c.draft = domain::proposal_draft{title, track, ideas, cluster, table, team};
    return c;
  }
  if (type == "update_proposal") {
    update_proposal_cmd c;
    RT_TRY(proposal, r.integer("proposal", 1));
    c.proposal = proposal;
    if (const auto it = r.j.find("title"); it != r.j.end() && !it->is_null()) {
      RT_TRY(title, r.str("title"));
      c.title = title;
    }
    if (const auto it = r.j.find("team"); it != r.j.end() && !it->is_null()) {
      RT_TRY(team, r.ids("team"));
      c.team = team;
    }
    return c;
  }
  if (type == "delete_proposal") {
    RT_TRY(proposal, r.integer("proposal", 1));
    return delete_proposal_cmd{proposal};
  }
  if (type == "freeze_proposals") {
    RT_TRY(frozen, r.boolean("frozen"));
    return freeze_proposals_cmd{frozen};
  }
  if (type == "open_section" || type == "close_section" || type == "push" ||
      type == "cursor" || type == "section_history") {
    RT_TRY(proposal, r.integer("proposal", 1));
    RT_TRY(section64, r.integer("section"));
    if (section64 > 1000) return domain::make_error(domain::errc::not_found, "The template has no such section.");
    const int section = static_cast<int>(section64);
    if (type == "close_section") return close_section_cmd{proposal, section};
    if (type == "section_history") {
      std::int64_t from = 0;
      if (r.j.contains("from")) {
        RT_TRY(f, r.integer("from"));
        from = f;
      }
      return section_history_cmd{proposal, section, from};
    }
    if (type == "open_section") {
      const auto it = r.j.find("version");
      if (it == r.j.end() || it->is_null()) return open_section_cmd{proposal, section, std::nullopt};
      RT_TRY(version, r.integer("version"));
      return open_section_cmd{proposal, section, version};
    }
    RT_TRY(version, r.integer("version"));
    auto read_selection = [](const json& s) -> domain::result<selection> {
      const reader sr{s};
      RT_TRY(anchor, sr.integer("anchor"));
      RT_TRY(head, sr.integer("head"));
      return selection{anchor, head};
    };
    if (type == "cursor") {
      RT_TRY(where, read_selection(r.j));
      return cursor_cmd{proposal, section, version, where};
    }
    push_cmd c{proposal, section, version, {}, std::nullopt};
    const auto ups = r.j.find("updates");
    if (ups == r.j.end() || !ups->is_array()) return r.missing("updates", "an array");
    if (ups->size() > 100) return domain::make_error(domain::errc::too_large, "A push holds at most 100 updates.");
    for (const auto& u : *ups) {
      if (!u.is_object()) return r.missing("updates", "an array of {clientID, changes}");
      const reader ur{u};
      RT_TRY(client, ur.str("clientID"));
      if (client.empty() || client.size() > 64) {
        return domain::make_error(domain::errc::bad_value, "A clientID has 1 to 64 bytes.");
      }
      const auto ch = u.find("changes");
      if (ch == u.end()) return r.missing("changes", "a ChangeSet in JSON");
      RT_TRY(changes, parse_changes(*ch));
      bool continues = false;
      if (const auto k = u.find("continues"); k != u.end() && !k->is_null()) {
        if (!k->is_boolean()) return r.missing("continues", "true or false");
        continues = k->get<bool>();
      }
      c.updates.push_back(domain::client_update{client, std::move(changes), continues});
    }
    if (const auto s = r.j.find("selection"); s != r.j.end() && !s->is_null()) {
      if (!s->is_object()) return r.missing("selection", "an object {anchor, head}");
      RT_TRY(where, read_selection(*s));
      c.where = where;
    }
    return c;
  }
  if (type == "add_comment") {
    domain::comment_draft d;
    RT_TRY(proposal, r.integer("proposal", 1));
    RT_TRY(text, r.str("text"));
    RT_TRY(parent, r.opt_track("parent"));
    d.proposal = proposal;
    d.text = text;
    d.parent = parent;
    if (const auto it = r.j.find("section"); it != r.j.end() && !it->is_null()) {
      RT_TRY(section, r.integer("section"));
      RT_TRY(from, r.integer("from"));
      RT_TRY(to, r.integer("to"));
      RT_TRY(version, r.integer("version"));
      RT_TRY(quote, r.opt_str("quote"));
      if (section > 1000) return domain::make_error(domain::errc::bad_value, "The template has no such section.");
      d.section = static_cast<int>(section);
      d.from = from;
      d.to = to;
      d.version = version;
      d.quote = quote;
    }
    return add_comment_cmd{d};
  }
  if (type == "resolve_comment") {
    RT_TRY(comment, r.integer("comment", 1));
    RT_TRY(resolved, r.boolean("resolved"));
    return resolve_comment_cmd{comment, resolved};
  }
  if (type == "set_report") {
    set_report_cmd c;
    RT_TRY(title, r.str("title"));
    RT_TRY(subtitle, r.opt_str("subtitle"));
    RT_TRY(date, r.opt_str("date"));
    RT_TRY(foreword, r.opt_str("foreword"));
    RT_TRY(method, r.opt_str("method"));
    c.texts.title = title;
    c.texts.subtitle = subtitle;
    c.texts.date = date;
    c.texts.foreword = foreword;
    c.texts.method = method;
    return c;
  }
  if (type == "set_chapters") {
    set_chapters_cmd c;
    const auto it = r.j.find("chapters");
    if (it == r.j.end() || !it->is_array()) return r.missing("chapters", "an array");
    if (it->size() > domain::max_chapters) {
      return domain::make_error(domain::errc::bad_value, "A report has at most " +
                                                             std::to_string(domain::max_chapters) +
                                                             " chapters.");
    }
    for (const auto& ch : *it) {
      if (!ch.is_object()) return r.missing("chapters", "an array of {title, intro, proposals}");
      const reader cr{ch};
      RT_TRY(title, cr.str("title"));
      RT_TRY(intro, cr.opt_str("intro"));
      RT_TRY(proposals, cr.ids("proposals"));
      c.chapters.push_back({title, intro, proposals});
    }
    RT_TRY(round, r.opt_track("round"));
    c.round = round;
    return c;
  }
  if (type == "prefill_report") {
    RT_TRY(round, r.integer("round", 1));
    RT_TRY(top, r.integer("top", 1));
    if (static_cast<std::size_t>(top) > domain::max_report_proposals) {
      return domain::make_error(domain::errc::bad_value,
                                "Choose 1 to " + std::to_string(domain::max_report_proposals) +
                                    " proposals.");
    }
    return prefill_report_cmd{round, static_cast<int>(top)};
  }
  if (type == "publish_report") {
    RT_TRY(published, r.boolean("published"));
    return publish_report_cmd{published};
  }
  if (type == "set_auto_advance") {
    RT_TRY(on, r.boolean("on"));
    return set_auto_advance_cmd{on};
  }
  if (type == "set_self_join") {
    RT_TRY(open, r.boolean("open"));
    return set_self_join_cmd{open};
  }
  if (type == "remove_member") {
    RT_TRY(member, r.integer("member", 1));
    return remove_member_cmd{member};
  }
  return domain::make_error(domain::errc::unknown_type, "Unknown command type \"" + type + "\".");
}

}  // namespace

std::string_view type_name(const command_body& body) {
  static constexpr std::array<std::string_view, std::variant_size_v<command_body>> names{
      "join",       "hello",        "event_info",   "post_idea",   "edit_idea",
      "delete_idea", "hide_idea",   "create_link",  "auth_admin",  "create_event",
      "list_events", "set_agenda",  "go_to_phase",  "pause_timer", "resume_timer",
      "extend_timer", "set_auto_advance", "announce", "clear_announcement", "set_screen",
      "pin_idea", "merge_idea", "split_idea", "create_cluster", "rename_cluster",
      "delete_cluster", "cluster_idea", "add_table", "remove_table", "move_member",
      "set_track_pacing", "set_track_phase", "open_round", "close_round", "vote",
      "set_template", "create_proposal", "update_proposal", "delete_proposal",
      "freeze_proposals", "open_section", "close_section", "push", "cursor", "section_history",
      "add_comment", "resolve_comment", "set_report", "set_chapters", "prefill_report",
      "publish_report", "set_self_join", "remove_member"};
  if (const auto* rc = std::get_if<round_cmd>(&body)) {
    if (rc->action == round_cmd::what::reveal) return "reveal_round";
    if (rc->action == round_cmd::what::reopen) return "reopen_round";
  }
  if (const auto* h = std::get_if<set_hidden_cmd>(&body); h && !h->hidden) return "unhide_idea";
  if (const auto* p = std::get_if<pin_idea_cmd>(&body); p && !p->pinned) return "unpin_idea";
  return names[body.index()];
}

bool reads_section(const command_body& body) {
  return std::holds_alternative<open_section_cmd>(body) ||
         std::holds_alternative<close_section_cmd>(body) ||
         std::holds_alternative<cursor_cmd>(body) ||
         std::holds_alternative<section_history_cmd>(body);
}

domain::result<domain::change_set> parse_changes(const json& j) {
  if (!j.is_array()) return domain::make_error(domain::errc::bad_value, "A change is a JSON array.");
  if (j.size() > 100'000) return domain::make_error(domain::errc::too_large, "A change has too many parts.");
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
        if (!e[i].is_string()) return domain::make_error(domain::errc::bad_value, "Inserted lines are strings.");
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

bool changes_event(const command_body& body) {
  return !std::holds_alternative<join_cmd>(body) && !std::holds_alternative<hello_cmd>(body) &&
         !std::holds_alternative<event_info_cmd>(body) &&
         !std::holds_alternative<auth_admin_cmd>(body) &&
         !std::holds_alternative<create_event_cmd>(body) &&
         !std::holds_alternative<list_events_cmd>(body) && !reads_section(body);
}

std::variant<command, parse_failure> parse_command(std::string_view text) {
  const json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    return parse_failure{std::nullopt,
                         domain::make_error(domain::errc::bad_json, "The frame is not a JSON object.")};
  }
  std::optional<std::string> id;
  if (const auto it = j.find("id"); it != j.end() && it->is_string()) {
    const auto& s = it->get_ref<const std::string&>();
    // Characters, as documented (a JSON string is valid UTF-8): "ï" or "中" count as one.
    if (!s.empty() && domain::count_code_points(s) <= 64) id = s;
  }
  if (!id) {
    return parse_failure{
        std::nullopt,
        domain::make_error(domain::errc::bad_command, "Field \"id\" must be a string of 1 to 64 characters.")};
  }
  const auto type = j.find("type");
  if (type == j.end() || !type->is_string()) {
    return parse_failure{id, domain::make_error(domain::errc::bad_command, "Field \"type\" must be a string.")};
  }
  auto body = parse_body(type->get<std::string>(), reader{j});
  if (!body) return parse_failure{id, body.err()};
  return command{*id, std::move(body.value())};
}

}  // namespace rt::protocol
