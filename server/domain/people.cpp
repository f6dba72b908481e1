// people.cpp: the rules of who takes part (event_state): joining, links for staff, tables
// and moves between tracks, closing joining with the code, removing someone, and importing
// a roster.
#include <algorithm>
#include <iterator>
#include <utility>

#include "event_state.hpp"

namespace rt::domain {

result<change> event_state::join(const join_draft& draft, std::string token_hash, millis now) {
  if (!self_join_) {
    return make_error(errc::join_closed,
                      "This event takes no new sign-ups with its code; use your "
                      "personal link from the organisers.");
  }
  auto name = clean_person_text(draft.name, name_rule);
  if (!name) return name.err();
  if (looks_like_role(name.value())) {
    return make_error(errc::bad_text,
                      "This name reads like a role of the event (such as "
                      "\"Facilitator\" or \"Track lead\"): please use your own name.");
  }
  auto organisation = clean_person_text(draft.organisation, organisation_rule);
  if (!organisation) return organisation.err();
  if (find_group(draft.group) == nullptr)
    return make_error(errc::bad_value, "Unknown stakeholder group \"" + draft.group + "\".");
  if (find_track(draft.track) == nullptr) {
    return make_error(errc::bad_value,
                      "This event has no track " + std::to_string(draft.track) + ".");
  }
  member m;
  m.id = next_member_id_++;
  m.member_role = role::participant;
  m.name = std::move(name.value());
  m.organisation = std::move(organisation.value());
  m.group = draft.group;
  m.track = draft.track;
  m.credit = draft.credit;
  m.joined_at = now;
  m.token_hash = std::move(token_hash);
  const id_type id = m.id;  // the arguments below are evaluated in no fixed order
  return next_change(id, now, member_joined{add(std::move(m))});
}

result<change> event_state::add_member(id_type actor, role r, std::optional<id_type> track,
                                       std::string_view name, std::string token_hash, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  if (who.value()->member_role != role::facilitator) {
    return make_error(errc::forbidden, "Only a facilitator can create links.");
  }
  if (r == role::participant) {
    return make_error(errc::bad_value, "Participants join with the join link, not a created link.");
  }
  if (r == role::lead) {
    if (!track || find_track(*track) == nullptr) {
      return make_error(errc::bad_value, "A track lead needs a track of this event.");
    }
  } else {
    track.reset();
  }
  auto clean_name = clean_person_text(name, name_rule);
  if (!clean_name) return clean_name.err();
  member m;
  m.id = next_member_id_++;
  m.member_role = r;
  m.name = std::move(clean_name.value());
  m.track = track;
  m.joined_at = now;
  m.token_hash = std::move(token_hash);
  return next_change(actor, now, member_joined{add(std::move(m))});
}

result<change> event_state::add_table(id_type actor, id_type track, std::string_view name,
                                      millis now) {
  auto who = facilitator(actor, "sets up tables");
  if (!who) return who.err();
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  auto clean = clean_text(name, table_name_rule);
  if (!clean) return clean.err();
  table x{next_table_id_++, track, std::move(clean.value())};
  tables_.emplace(x.id, x);
  return next_change(actor, now, table_added{std::move(x)});
}

result<change> event_state::remove_table(id_type actor, id_type table_id, millis now) {
  auto who = facilitator(actor, "removes tables");
  if (!who) return who.err();
  const auto it = tables_.find(table_id);
  if (it == tables_.end()) return make_error(errc::not_found, "There is no such table.");
  table gone = std::move(it->second);
  tables_.erase(it);
  for (auto& [id, m] : members_) {
    if (m.table == table_id) m.table.reset();
  }
  return next_change(actor, now, table_removed{std::move(gone)});
}

result<change> event_state::move_member(id_type actor, id_type member_id, id_type track,
                                        std::optional<id_type> table_id, millis now) {
  auto who = facilitator(actor, "moves people");
  if (!who) return who.err();
  const auto it = members_.find(member_id);
  if (it == members_.end() || it->second.erased) {
    return make_error(errc::not_found, "There is no such member.");
  }
  if (it->second.member_role != role::participant) {
    return make_error(errc::bad_value, "Only participants are moved between tracks and tables.");
  }
  if (find_track(track) == nullptr) {
    return make_error(errc::bad_value, "This event has no track " + std::to_string(track) + ".");
  }
  if (table_id) {
    const auto t = tables_.find(*table_id);
    if (t == tables_.end() || t->second.track != track) {
      return make_error(errc::bad_value, "That table is not in that track.");
    }
  }
  const auto from_track = it->second.track;
  it->second.track = track;
  it->second.table = table_id;
  return next_change(actor, now, member_moved{it->second, from_track});
}

result<change> event_state::set_self_join(id_type actor, bool open, millis now) {
  auto who = facilitator(actor, "opens and closes joining with the code");
  if (!who) return who.err();
  if (self_join_ == open) {
    return make_error(errc::bad_value, open ? "New people may already join with the code."
                                            : "Joining with the code is closed already.");
  }
  self_join_ = open;
  return next_change(actor, now, self_join_changed{open});
}

result<change> event_state::set_event_language(id_type actor,
                                               const std::optional<std::string>& language,
                                               std::optional<screen_languages> screens,
                                               millis now) {
  auto who = facilitator(actor, "sets the event's language");
  if (!who) return who.err();
  if (!language && !screens) {
    return make_error(errc::bad_value, "Give a language, the screens' languages or both.");
  }
  if (language && !is_language(*language)) {
    return make_error(errc::bad_value,
                      "\"" + *language + "\" is not one of the 24 languages of the EU.");
  }
  const std::string next_language = language.value_or(info_.language);
  const screen_languages next_screens = screens.value_or(info_.screens);
  if (next_language == info_.language && next_screens == info_.screens) {
    return make_error(errc::bad_value, "The event speaks these languages already.");
  }
  info_.language = next_language;
  info_.screens = next_screens;
  return next_change(actor, now, event_language_changed{next_language, next_screens});
}

bool event_state::has_posted(id_type id) const {
  const auto by = [&](const auto& e) { return e.second.author == id; };
  if (std::any_of(ideas_.begin(), ideas_.end(), by)) return true;
  if (std::any_of(comments_.begin(), comments_.end(), by)) return true;
  return std::any_of(sections_.begin(), sections_.end(),
                     [&](const auto& e) { return e.second.has_writer(id); });
}

result<change> event_state::remove_member(id_type actor, id_type member_id, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const member& a = *who.value();
  if (!is_staff(a.member_role)) {
    return make_error(errc::forbidden, "Only facilitators and track leads remove people.");
  }
  const auto it = members_.find(member_id);
  if (it == members_.end() || it->second.erased) {
    return make_error(errc::not_found, "There is no such member.");
  }
  const member& m = it->second;
  if (is_staff(m.member_role)) {
    return make_error(errc::forbidden, "Facilitators and track leads are not removed this way.");
  }
  if (a.member_role == role::lead &&
      (m.member_role != role::participant || !m.track || m.track != a.track)) {
    return make_error(errc::forbidden,
                      "A track lead removes only the participants of their own track.");
  }
  if (has_posted(member_id)) {
    return make_error(errc::bad_value,
                      "This person has posted ideas, comments or proposal text, "
                      "which stay in the event's record; hide their ideas instead.");
  }
  member_removed out{member_id, m.track, {}, {}};
  for (auto& [round, by_member] : ballots_) {
    const auto b = by_member.find(member_id);
    if (b == by_member.end()) continue;
    if (!b->second.empty()) out.rounds.push_back(round);
    by_member.erase(b);
  }
  for (auto& [id, p] : proposals_) {
    const auto t = std::find(p.team.begin(), p.team.end(), member_id);
    if (t == p.team.end()) continue;
    p.team.erase(t);
    out.proposals.push_back(p);
  }
  if (m.member_role == role::participant) --participants_;
  member_by_token_.erase(m.token_hash);
  members_.erase(it);
  return next_change(actor, now, std::move(out));
}

std::optional<bool> parse_yes_no(std::string_view cell) {
  std::string key;
  for (char ch : trim(cell))
    key.push_back(ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch - 'A' + 'a') : ch);
  if (key == "yes" || key == "y" || key == "true" || key == "1") return true;
  if (key.empty() || key == "no" || key == "n" || key == "false" || key == "0") return false;
  // Yes and no in the 24 official languages, as the roster help tells people to write them
  // (no word is yes in one language and no in another). ASCII letters are folded above; the
  // others are listed in the cases a spreadsheet is likely to hold.
  static constexpr std::string_view yes[] = {
      "ja",  "oui", "si",  "sì",  "Sì",   "SÌ",  "sí",    "Sí",    "SÍ",    "sim",  "tak", "da",
      "ano", "áno", "Áno", "ÁNO", "igen", "jah", "kyllä", "Kyllä", "KYLLÄ", "taip", "jā",  "Jā",
      "JĀ",  "iva", "tá",  "Tá",  "TÁ",   "да",  "Да",    "ДА",    "ναι",   "Ναι",  "ΝΑΙ"};
  static constexpr std::string_view no[] = {"nein", "non", "nee", "nej", "nie", "ne",  "nu",
                                            "nem",  "ei",  "nē",  "Nē",  "NĒ",  "le",  "não",
                                            "Não",  "NÃO", "níl", "Níl", "NÍL", "не",  "Не",
                                            "НЕ",   "όχι", "Όχι", "ΌΧΙ", "οχι", "Οχι", "ΟΧΙ"};
  if (std::find(std::begin(yes), std::end(yes), key) != std::end(yes)) return true;
  if (std::find(std::begin(no), std::end(no), key) != std::end(no)) return false;
  return std::nullopt;
}

bool event_state::imports_row(const roster_row& r) {
  const auto role = trim(r.role);
  return role.empty() || role == "participant" || role == "Participant";
}

const track* event_state::track_of_cell(std::string_view cell) const {
  const auto wanted = trim(cell);
  auto lower = [](std::string_view v) {
    std::string out(v);
    for (auto& ch : out)
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return out;
  };
  for (const auto& t : info_.tracks) {
    if (lower(t.name) == lower(wanted) || std::to_string(t.id) == wanted) return &t;
  }
  return nullptr;
}

std::vector<roster_problem> event_state::check_roster(const std::vector<roster_row>& rows) const {
  std::vector<roster_problem> out;
  if (rows.empty()) out.push_back({0, "The file has no rows after its header.", "no_rows"});
  if (!rows.empty() && std::none_of(rows.begin(), rows.end(), imports_row)) {
    out.push_back({0, "The file lists no participants (rows of staff and screens are skipped).",
                   "no_participants"});
  }
  if (rows.size() > max_roster_rows) {
    out.push_back({0,
                   "The file has " + std::to_string(rows.size()) + " rows; at most " +
                       std::to_string(max_roster_rows) + " are imported at once.",
                   "too_many_rows",
                   {},
                   {{"max", static_cast<long long>(max_roster_rows)}}});
    return out;
  }
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    const std::size_t n = i + 1;
    if (!imports_row(r)) {  // staff and screens get links of their own
      const std::string role(trim(r.role));
      if (!parse_role(role))
        out.push_back({n, "Unknown role \"" + role + "\".", "role", {{"value", role}}});
      continue;
    }
    if (auto name = clean_person_text(r.name, name_rule); !name) {
      out.push_back(
          {n, name.err().message, "name", {}, {{"max", static_cast<long long>(name_rule.max)}}});
    }
    if (auto org = clean_person_text(r.organisation, organisation_rule); !org) {
      out.push_back({n,
                     org.err().message,
                     "organisation",
                     {},
                     {{"max", static_cast<long long>(organisation_rule.max)}}});
    }
    if (group_of_cell(r.group) == nullptr) {
      std::string known;
      for (const auto& g : info_.groups) known += (known.empty() ? "" : ", ") + g.label;
      const std::string group(trim(r.group));
      out.push_back(
          {n,
           "Unknown stakeholder group \"" + group + "\"; this event's groups are " + known + ".",
           "group",
           {{"value", group}, {"groups", known}}});
    }
    if (!parse_yes_no(r.credit)) {
      const std::string credit(trim(r.credit));
      out.push_back(
          {n, "Credit is yes or no, not \"" + credit + "\".", "credit", {{"value", credit}}});
    }
    if (track_of_cell(r.track) == nullptr) {
      const std::string track(trim(r.track));
      out.push_back({n, "This event has no track \"" + track + "\".", "track", {{"value", track}}});
    }
    if (auto table = clean_text(r.table, text_rule{"table name", 0, 60}); !table) {
      out.push_back({n, table.err().message, "table", {}, {{"max", 60}}});
    }
    const std::string email(trim(r.email));
    if (!email.empty()) {
      const auto at = email.find('@');
      const bool ok = email.size() <= 254 && is_valid_utf8(email) && at != std::string::npos &&
                      at > 0 && at + 1 < email.size() &&
                      email.find('@', at + 1) == std::string::npos &&
                      email.find_first_of(" \t,;<>") == std::string::npos;
      if (!ok) {
        // Built by appending: GCC 12 misreads "\"" + std::string(...) here (bug 105329).
        std::string message = "\"";
        message.append(email).append("\" is not an email address.");
        out.push_back({n, std::move(message), "email", {{"value", email}}});
      }
    }
  }
  return out;
}

result<change> event_state::import_roster(id_type actor, const std::vector<roster_row>& rows,
                                          const std::vector<std::string>& hashes, millis now) {
  auto who = facilitator(actor, "imports a roster");
  if (!who) return who.err();
  const auto problems = check_roster(rows);
  if (!problems.empty() || hashes.size() != rows.size()) {
    return make_error(errc::bad_value, "The roster has " + std::to_string(problems.size()) +
                                           " problems; nothing was imported.");
  }
  roster_imported out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (!imports_row(r)) continue;
    const track* t = track_of_cell(r.track);
    member m;
    m.id = next_member_id_++;
    m.member_role = role::participant;
    m.name = clean_person_text(r.name, name_rule).value();
    m.organisation = clean_person_text(r.organisation, organisation_rule).value();
    m.group = group_of_cell(r.group)->code;
    m.credit = *parse_yes_no(r.credit);
    m.track = t->id;
    m.email = std::string(trim(r.email));
    m.joined_at = now;
    m.token_hash = hashes[i];
    const std::string table_name(trim(r.table));
    if (!table_name.empty()) {
      const table* found = nullptr;
      for (const auto& [id, x] : tables_)
        if (x.track == t->id && x.name == table_name) found = &x;
      if (found == nullptr) {
        table x{next_table_id_++, t->id, table_name};
        found = &tables_.emplace(x.id, x).first->second;
        out.tables.push_back(x);
      }
      m.table = found->id;
    }
    out.members.push_back(add(std::move(m)));
  }
  return next_change(actor, now, std::move(out));
}

}  // namespace rt::domain
