// model.cpp: names of roles and change kinds, and the default stakeholder groups.
#include "model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace rt::domain {
namespace {

constexpr std::array<std::pair<role, std::string_view>, 4> role_names{{
    {role::facilitator, "facilitator"},
    {role::lead, "lead"},
    {role::participant, "participant"},
    {role::viewer, "viewer"},
}};

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E e) {
  for (const auto& [v, name] : table)
    if (v == e) return name;
  return "unknown";
}

template <class E, std::size_t N>
std::optional<E> parse_name(const std::array<std::pair<E, std::string_view>, N>& table,
                            std::string_view s) {
  for (const auto& [v, name] : table)
    if (name == s) return v;
  return std::nullopt;
}

}  // namespace

std::string_view to_string(role r) { return name_of(role_names, r); }
std::optional<role> parse_role(std::string_view s) { return parse_name(role_names, s); }
const std::vector<stakeholder_group>& default_groups() {
  static const std::vector<stakeholder_group> groups{
      {"eu_institution", "EU institution"},
      {"national_government", "National government"},
      {"large_enterprise", "Large enterprise"},
      {"sme", "Small or medium enterprise"},
      {"startup", "Start-up"},
      {"academia", "Academia and research"},
      {"civil_society", "Civil society"},
      {"ai_specialist", "AI specialist"},
      {"other", "Other"},
  };
  return groups;
}

std::string_view to_string(round_state s) {
  switch (s) {
    case round_state::open:
      return "open";
    case round_state::closed:
      return "closed";
    case round_state::revealed:
      return "revealed";
  }
  return "unknown";
}

std::string_view to_string(item_kind k) {
  switch (k) {
    case item_kind::idea:
      return "ideas";
    case item_kind::cluster:
      return "clusters";
    case item_kind::proposal:
      return "proposals";
  }
  return "unknown";
}

std::optional<item_kind> parse_item_kind(std::string_view s) {
  if (s == "ideas") return item_kind::idea;
  if (s == "clusters") return item_kind::cluster;
  if (s == "proposals") return item_kind::proposal;
  return std::nullopt;
}

std::string_view to_string(voters v) {
  switch (v) {
    case voters::track:
      return "track";
    case voters::everyone:
      return "everyone";
    case voters::tracks:
      return "tracks";
  }
  return "everyone";
}

std::optional<voters> parse_voters(std::string_view s) {
  if (s == "track") return voters::track;
  if (s == "everyone") return voters::everyone;
  if (s == "tracks") return voters::tracks;
  return std::nullopt;
}

namespace {
constexpr std::array screen_mode_names{"auto",     "join",    "wall",        "clusters",
                                       "progress", "results", "announcement"};
constexpr std::array event_status_names{"open", "closed", "archived"};
}  // namespace

std::string_view to_string(screen_mode m) {
  return screen_mode_names.at(static_cast<std::size_t>(m));
}
std::optional<screen_mode> parse_screen_mode(std::string_view s) {
  for (std::size_t i = 0; i < screen_mode_names.size(); ++i) {
    if (s == screen_mode_names[i]) return static_cast<screen_mode>(i);
  }
  return std::nullopt;
}
bool is_language(std::string_view code) {
  return std::find(language_codes.begin(), language_codes.end(), code) != language_codes.end();
}
std::string_view to_string(screen_languages s) {
  return s == screen_languages::room ? "room" : "event";
}
std::optional<screen_languages> parse_screen_languages(std::string_view s) {
  if (s == "event") return screen_languages::event;
  if (s == "room") return screen_languages::room;
  return std::nullopt;
}
std::string_view to_string(event_status st) {
  return event_status_names.at(static_cast<std::size_t>(st));
}
std::optional<event_status> parse_event_status(std::string_view s) {
  for (std::size_t i = 0; i < event_status_names.size(); ++i) {
    if (s == event_status_names[i]) return static_cast<event_status>(i);
  }
  return std::nullopt;
}
std::string_view to_string(link_action a) {
  switch (a) {
    case link_action::renamed:
      return "renamed";
    case link_action::revoked:
      return "revoked";
    case link_action::reissued:
      return "reissued";
  }
  return "renamed";
}

std::vector<template_section> default_template() {
  return {
      {"One-line summary", "The proposal in one sentence a minister would remember."},
      {"The problem", "What goes wrong today, for whom, and the evidence that it does."},
      {"The proposal", "What exactly should be done. Be concrete: who gets what, how it works."},
      {"Who should act", "The EU, member states, industry, others: who does what."},
      {"Expected impact", "What changes if it works, and how we would know."},
      {"First steps", "What can start in the next twelve months."},
  };
}

std::string_view kind_name(const change_body& body) {
  struct visitor {
    std::string_view operator()(const member_joined&) const { return "member_joined"; }
    std::string_view operator()(const idea_posted&) const { return "idea_posted"; }
    std::string_view operator()(const idea_edited&) const { return "idea_edited"; }
    std::string_view operator()(const idea_deleted&) const { return "idea_deleted"; }
    std::string_view operator()(const idea_hidden&) const { return "idea_hidden"; }
    std::string_view operator()(const idea_unhidden&) const { return "idea_unhidden"; }
    std::string_view operator()(const agenda_changed&) const { return "agenda_changed"; }
    std::string_view operator()(const announcement_made&) const { return "announcement_made"; }
    std::string_view operator()(const announcement_cleared&) const {
      return "announcement_cleared";
    }
    std::string_view operator()(const screen_changed&) const { return "screen_changed"; }
    std::string_view operator()(const idea_pinned&) const { return "idea_pinned"; }
    std::string_view operator()(const idea_merged&) const { return "idea_merged"; }
    std::string_view operator()(const idea_split&) const { return "idea_split"; }
    std::string_view operator()(const idea_clustered&) const { return "idea_clustered"; }
    std::string_view operator()(const cluster_created&) const { return "cluster_created"; }
    std::string_view operator()(const cluster_renamed&) const { return "cluster_renamed"; }
    std::string_view operator()(const cluster_deleted&) const { return "cluster_deleted"; }
    std::string_view operator()(const table_added&) const { return "table_added"; }
    std::string_view operator()(const table_removed&) const { return "table_removed"; }
    std::string_view operator()(const member_moved&) const { return "member_moved"; }
    std::string_view operator()(const roster_imported&) const { return "roster_imported"; }
    std::string_view operator()(const round_opened&) const { return "round_opened"; }
    std::string_view operator()(const round_changed& x) const {
      return x.r.state == round_state::open     ? "round_reopened"
             : x.r.state == round_state::closed ? "round_closed"
                                                : "round_revealed";
    }
    std::string_view operator()(const vote_cast&) const { return "vote_cast"; }
    std::string_view operator()(const template_changed&) const { return "template_changed"; }
    std::string_view operator()(const proposal_created&) const { return "proposal_created"; }
    std::string_view operator()(const proposal_updated&) const { return "proposal_updated"; }
    std::string_view operator()(const proposal_deleted&) const { return "proposal_deleted"; }
    std::string_view operator()(const proposals_frozen&) const { return "proposals_frozen"; }
    std::string_view operator()(const comment_added&) const { return "comment_added"; }
    std::string_view operator()(const comment_resolved&) const { return "comment_resolved"; }
    std::string_view operator()(const report_changed&) const { return "report_changed"; }
    std::string_view operator()(const self_join_changed&) const { return "self_join_changed"; }
    std::string_view operator()(const member_removed&) const { return "member_removed"; }
    std::string_view operator()(const member_erased&) const { return "member_erased"; }
    std::string_view operator()(const link_changed&) const { return "link_changed"; }
    std::string_view operator()(const proposal_restored&) const { return "proposal_restored"; }
    std::string_view operator()(const event_status_changed&) const {
      return "event_status_changed";
    }
    std::string_view operator()(const groups_changed&) const { return "groups_changed"; }
    std::string_view operator()(const event_language_changed&) const {
      return "event_language_changed";
    }
    std::string_view operator()(const member_updated&) const { return "member_updated"; }
    std::string_view operator()(const idea_supported&) const { return "idea_supported"; }
    std::string_view operator()(const idea_support_withdrawn&) const {
      return "idea_support_withdrawn";
    }
    std::string_view operator()(const duplicate_dismissed&) const { return "duplicate_dismissed"; }
    std::string_view operator()(const duplicate_restored&) const { return "duplicate_restored"; }
  };
  return std::visit(visitor{}, body);
}

}  // namespace rt::domain
