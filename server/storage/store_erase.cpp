// store_erase.cpp: the rows of an erasure (store::erase_member): the member's row keeps only
// its id, their contributions are deleted when chosen, and every entry of the event's change
// log and every remembered answer that still holds their personal data is rewritten without
// it (by value: whatever the entry's kind, also kinds this file does not know).
//
// Thread-safety: as store (the writer thread, inside the batch's transaction).
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store.hpp"

namespace rt::storage {

using domain::id_type;
using nlohmann::json;

namespace {

// What to take out of a JSON text: every string value (never a key) that is exactly one of
// `values` (a name, an organisation, an e-mail address, the text of a deleted idea or comment)
// becomes "". Exact values, not substrings: wherever the app wrote a person's data it wrote it
// as a value of its own (a member, an idea's author, a team's people), and what others typed
// in their own texts is theirs (docs/privacy.md).
struct scrub_list {
  std::vector<std::string> values;

  bool empty() const { return values.empty(); }
  // Whether `text` (raw, as stored) may hold any of them: a cheap test before parsing.
  bool may_hold(std::string_view text) const {
    for (const auto& v : values) {
      // As JSON escapes it: quotes and backslashes differ, so look for its longest plain run.
      std::string_view probe(v);
      const auto cut = probe.find_first_of("\"\\");
      if (cut != std::string_view::npos) probe = probe.substr(0, cut);
      if (probe.empty() || text.find(probe) != std::string_view::npos) return true;
    }
    return false;
  }
  // Rewrites every string value of `j`; true when something changed.
  bool apply(json& j) const {
    if (j.is_object() || j.is_array()) {
      bool changed = false;
      for (auto& child : j) changed = apply(child) || changed;
      return changed;
    }
    if (!j.is_string()) return false;
    auto& s = j.get_ref<std::string&>();
    if (std::find(values.begin(), values.end(), s) == values.end()) return false;
    s.clear();
    return true;
  }
  // `text` rewritten, or nullopt when it holds none of them (or is not JSON).
  std::optional<std::string> rewrite(std::string_view text) const {
    if (!may_hold(text)) return std::nullopt;
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !apply(j)) return std::nullopt;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
  }
};

void add_if_any(std::vector<std::string>& to, std::string value) {
  if (!value.empty() && std::find(to.begin(), to.end(), value) == to.end()) {
    to.push_back(std::move(value));
  }
}

// Every name, organisation and e-mail address the member `id` ever had in `j`: a person
// object ({"id", "name", ...}) under "member", "author", "editedBy" or "you", or in a
// "members" or "team" list. An edited profile (member_updated) leaves the earlier values in
// older entries; they go too.
void collect_person_values(const json& j, id_type id, std::vector<std::string>& out) {
  const auto person = [&](const json& p) {
    if (!p.is_object() || !p.contains("id") || p["id"] != id) return;
    for (const char* key : {"name", "organisation", "email"}) {
      if (const auto v = p.find(key); v != p.end() && v->is_string()) {
        add_if_any(out, v->get<std::string>());
      }
    }
  };
  if (j.is_array()) {
    for (const auto& child : j) collect_person_values(child, id, out);
    return;
  }
  if (!j.is_object()) return;
  for (const auto& [key, value] : j.items()) {
    if (key == "member" || key == "author" || key == "editedBy" || key == "you") person(value);
    if ((key == "members" || key == "team") && value.is_array()) {
      for (const auto& p : value) person(p);
    }
    collect_person_values(value, id, out);
  }
}

// Adds the values collect_person_values() finds in every row of `sql` (?1 = event) that
// mentions the member's id.
void collect_from(database& db, const char* sql, id_type event_id, id_type member,
                  std::vector<std::string>& out) {
  const std::string probe = "\"id\":" + std::to_string(member);
  statement all(db, sql);
  all.bind(1, event_id);
  while (all.step()) {
    const std::string text = all.column_text(0);
    if (text.find(probe) == std::string::npos) continue;
    const json j = json::parse(text, nullptr, false);
    if (!j.is_discarded()) collect_person_values(j, member, out);
  }
}

}  // namespace

void store::erase_member(id_type event_id, const domain::member_erased& x, domain::millis at) {
  // What to scrub, read before the rows are overwritten.
  scrub_list scrub;
  {
    statement m(db_,
                "SELECT name, organisation, email FROM members WHERE event_id = ?1 AND id = ?2");
    m.bind(1, event_id).bind(2, x.member);
    if (!m.step()) throw storage_error("member " + std::to_string(x.member) + " is not stored");
    for (int c = 0; c < 3; ++c) add_if_any(scrub.values, m.column_text(c));
  }
  collect_from(db_, "SELECT data FROM changes WHERE event_id = ?1", event_id, x.member,
               scrub.values);
  collect_from(db_, "SELECT answer FROM commands WHERE event_id = ?1", event_id, x.member,
               scrub.values);
  statement idea_text(db_, "SELECT text FROM ideas WHERE event_id = ?1 AND id = ?2");
  for (const auto& i : x.ideas) {
    if (!i.deleted) continue;
    idea_text.bind(1, event_id).bind(2, i.id);
    if (idea_text.step()) add_if_any(scrub.values, idea_text.column_text(0));
    idea_text.reset();
  }
  statement comment_text(db_, "SELECT text FROM comments WHERE event_id = ?1 AND id = ?2");
  for (const auto id : x.comments) {
    comment_text.bind(1, event_id).bind(2, id);
    if (comment_text.step()) add_if_any(scrub.values, comment_text.column_text(0));
    comment_text.reset();
  }

  // The row keeps its id; the token hash becomes a value no secret hashes to, unique.
  run_for_event(
      "UPDATE members SET erased_at = ?3, name = '', organisation = '', email = '', "
      "stakeholder_group = 'other', credit = 0, table_id = NULL, "
      "token_hash = 'erased:' || ?1 || ':' || ?2 "
      "WHERE event_id = ?1 AND id = ?2 AND erased_at IS NULL AND removed_at IS NULL",
      event_id, x.member, at);
  expect_one_row("member", x.member, event_id);
  for (const char* sql : {"DELETE FROM proposal_team WHERE event_id = ?1 AND member_id = ?2",
                          "DELETE FROM commands WHERE event_id = ?1 AND member_id = ?2"}) {
    run_for_event(sql, event_id, x.member);
  }
  for (const auto& i : x.ideas) update_idea(event_id, i);  // deleted (text ''), or moved up
  for (const auto& c : x.replies) {
    statement s(db_, "UPDATE comments SET parent_id = ?3 WHERE event_id = ?1 AND id = ?2");
    s.bind(1, event_id).bind(2, c.id).bind(3, c.parent).run();
  }
  for (const auto id : x.comments) {
    run_for_event("DELETE FROM comments WHERE event_id = ?1 AND id = ?2", event_id, id);
  }
  if (scrub.empty()) return ask_checkpoint();

  // The change log: rewritable only while the event is marked (016), in this transaction.
  run_for_event("UPDATE events SET scrubbing = ?2 WHERE id = ?1", event_id, 1);
  std::vector<std::pair<std::int64_t, std::string>> rewritten;
  {
    statement all(db_, "SELECT seq, data FROM changes WHERE event_id = ?1");
    all.bind(1, event_id);
    while (all.step()) {
      if (auto next = scrub.rewrite(all.column_text(1))) {
        rewritten.emplace_back(all.column_int(0), std::move(*next));
      }
    }
  }
  statement up(db_, "UPDATE changes SET data = ?3 WHERE event_id = ?1 AND seq = ?2");
  for (const auto& [seq, data] : rewritten) up.bind(1, event_id).bind(2, seq).bind(3, data).run();
  run_for_event("UPDATE events SET scrubbing = ?2 WHERE id = ?1", event_id, 0);

  // Remembered answers (others' too: a roster import's answer names everyone it imported).
  std::vector<std::pair<std::int64_t, std::string>> answers;
  {
    statement all(db_, "SELECT rowid, answer FROM commands WHERE event_id = ?1");
    all.bind(1, event_id);
    while (all.step()) {
      if (auto next = scrub.rewrite(all.column_text(1))) {
        answers.emplace_back(all.column_int(0), std::move(*next));
      }
    }
  }
  statement fix(db_, "UPDATE commands SET answer = ?2 WHERE rowid = ?1");
  for (const auto& [row, answer] : answers) fix.bind(1, row).bind(2, answer).run();
  ask_checkpoint();
}

}  // namespace rt::storage
