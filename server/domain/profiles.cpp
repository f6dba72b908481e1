// profiles.cpp: an event's stakeholder groups (check_groups, set_groups, looking a group up)
// and people's profiles: a participant's own changes (update_profile) and a facilitator's
// corrections (edit_member).
#include <algorithm>
#include <set>
#include <utility>

#include "event_state.hpp"

namespace rt::domain {

namespace {

std::string lower(std::string_view v) {
  std::string out(v);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

bool valid_code(std::string_view code) {
  if (code.empty() || code.size() > max_group_code) return false;
  return std::all_of(code.begin(), code.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

}  // namespace

result<std::vector<stakeholder_group>> check_groups(const std::vector<stakeholder_group>& groups) {
  if (groups.empty()) return make_error(errc::bad_value, "An event needs at least one group.");
  if (groups.size() > max_groups) {
    return make_error(errc::bad_value,
                      "An event has at most " + std::to_string(max_groups) + " groups.");
  }
  std::vector<stakeholder_group> out;
  std::set<std::string> codes, labels;
  for (const auto& g : groups) {
    if (!valid_code(g.code)) {
      return make_error(
          errc::bad_value,
          "A group's code is 1 to 32 characters of a-z, 0-9 and _: \"" + g.code + "\" is not.");
    }
    auto label = clean_text(g.label, group_label_rule);
    if (!label) return label.err();
    if (!codes.insert(g.code).second) {
      return make_error(errc::bad_value, "Two groups have the code \"" + g.code + "\".");
    }
    if (!labels.insert(lower(label.value())).second) {
      return make_error(errc::bad_value, "Two groups are called \"" + label.value() + "\".");
    }
    out.push_back({g.code, std::move(label.value())});
  }
  return out;
}

const stakeholder_group* event_state::find_group(std::string_view code) const {
  for (const auto& g : info_.groups)
    if (g.code == code) return &g;
  return nullptr;
}

std::string event_state::group_label(std::string_view code) const {
  if (const auto* g = find_group(code)) return g->label;
  if (code == staff_group) return "Other";
  return std::string(code);
}

const stakeholder_group* event_state::group_of_cell(std::string_view cell) const {
  const std::string wanted = lower(trim(cell));
  for (const auto& g : info_.groups) {
    if (g.code == wanted || lower(g.label) == wanted) return &g;
  }
  return nullptr;
}

bool event_state::shows_name(id_type id) const {
  const member* m = find_member(id);
  if (m == nullptr) return false;
  if (is_staff(m->member_role)) return true;
  if (std::any_of(ideas_.begin(), ideas_.end(),
                  [&](const auto& e) { return e.second.author == id && !e.second.anonymous; })) {
    return true;
  }
  if (std::any_of(comments_.begin(), comments_.end(),
                  [&](const auto& e) { return e.second.author == id; })) {
    return true;
  }
  const auto on_team = [&](const auto& e) {
    return std::find(e.second.team.begin(), e.second.team.end(), id) != e.second.team.end();
  };
  return std::any_of(proposals_.begin(), proposals_.end(), on_team) ||
         std::any_of(trash_.begin(), trash_.end(), on_team);
}

result<change> event_state::set_groups(id_type actor, const std::vector<stakeholder_group>& groups,
                                       millis now) {
  auto who = facilitator(actor, "sets the stakeholder groups");
  if (!who) return who.err();
  auto checked = check_groups(groups);
  if (!checked) return checked.err();
  for (const auto& [round, by_member] : ballots_) {
    for (const auto& [voter, b] : by_member) {
      if (!b.empty()) {
        return make_error(errc::bad_value,
                          "People have voted: the stakeholder groups can no longer change.");
      }
    }
  }
  for (const auto& entry : members_) {
    const member& m = entry.second;  // (not a structured binding: the lambda captures it)
    if (m.member_role != role::participant) continue;
    const bool kept = std::any_of(checked.value().begin(), checked.value().end(),
                                  [&](const stakeholder_group& g) { return g.code == m.group; });
    if (!kept) {
      return make_error(errc::bad_value, "The group \"" + group_label(m.group) +
                                             "\" has people in it (such as " + m.name +
                                             "): move them to another group first.");
    }
  }
  if (checked.value() == info_.groups) {
    return make_error(errc::bad_value, "These are the event's groups already.");
  }
  info_.groups = std::move(checked.value());
  return next_change(actor, now, groups_changed{info_.groups});
}

result<change> event_state::update_profile(id_type actor, const profile_edit& edit, millis now) {
  auto who = actor_of(actor);
  if (!who) return who.err();
  const role r = who.value()->member_role;
  if (r != role::participant && r != role::lead) {
    return make_error(errc::forbidden,
                      "Only participants and track leads have a profile; a facilitator renames "
                      "links.");
  }
  if (r == role::lead && edit.group) {
    return make_error(errc::bad_value, "Only participants belong to a stakeholder group.");
  }
  if (report_.published && (edit.name || edit.organisation || edit.group || edit.credit != false)) {
    return make_error(errc::bad_value,
                      "The report is published: you can only withdraw your consent to be named.");
  }
  return apply_profile(actor, members_.at(actor), edit, now);
}

result<change> event_state::edit_member(id_type actor, id_type member_id, const profile_edit& edit,
                                        millis now) {
  auto who = facilitator(actor, "corrects people's profiles");
  if (!who) return who.err();
  const auto it = members_.find(member_id);
  if (it == members_.end() || it->second.erased) {
    return make_error(errc::not_found, "There is no such member.");
  }
  if (edit.credit) {
    return make_error(errc::bad_value, "Only the person decides whether they are named.");
  }
  if (edit.group && it->second.member_role != role::participant) {
    return make_error(errc::bad_value, "Only participants belong to a stakeholder group.");
  }
  return apply_profile(actor, it->second, edit, now);
}

result<change> event_state::apply_profile(id_type actor, member& m, const profile_edit& edit,
                                          millis now) {
  member next = m;
  if (edit.name) {
    auto name = clean_person_text(*edit.name, name_rule);
    if (!name) return name.err();
    if (m.member_role == role::participant && looks_like_role(name.value())) {
      return make_error(errc::bad_text,
                        "This name reads like a role of the event (such as "
                        "\"Facilitator\" or \"Track lead\"): please use a person's name.");
    }
    next.name = std::move(name.value());
  }
  if (edit.organisation) {
    auto organisation = clean_person_text(*edit.organisation, organisation_rule);
    if (!organisation) return organisation.err();
    next.organisation = std::move(organisation.value());
  }
  if (edit.group) {
    if (find_group(*edit.group) == nullptr) {
      return make_error(errc::bad_value, "Unknown stakeholder group \"" + *edit.group + "\".");
    }
    next.group = *edit.group;
  }
  if (edit.credit) {
    next.credit = *edit.credit;
    next.credit_withdrawn = !next.credit && (m.credit || m.credit_withdrawn);
  }
  if (next.name == m.name && next.organisation == m.organisation && next.group == m.group &&
      next.credit == m.credit) {
    return make_error(errc::bad_value, "Nothing changes.");
  }
  member_updated out;
  if (next.group != m.group) {
    for (const auto& [round, by_member] : ballots_) {
      const auto b = by_member.find(m.id);
      if (b != by_member.end() && !b->second.empty()) out.rounds.push_back(round);
    }
  }
  // A published report names the credited: it changes when someone is credited or no longer
  // is, or when a credited person's name or organisation changes.
  const bool credits_change =
      next.credit != m.credit ||
      (m.credit && (next.name != m.name || next.organisation != m.organisation));
  m = std::move(next);
  if (report_.published && credits_change) {
    report_.credits_changed_at = now;
    out.report = report_;
  }
  out.m = m;
  out.public_name = shows_name(m.id);
  return next_change(actor, now, std::move(out));
}

}  // namespace rt::domain
