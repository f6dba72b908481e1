// change_messages.cpp: one change as each audience sees it (change_message), whose own
// version it is (subject_author), and which changes a track's lead sees differently.
#include <algorithm>

#include "protocol/messages.hpp"

namespace rt::protocol {

using json = nlohmann::json;

std::optional<domain::id_type> subject_author(const domain::change& c) {
  struct visitor {
    std::optional<domain::id_type> operator()(const domain::member_joined&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::idea_posted& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_edited& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_deleted& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_hidden& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_unhidden& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::agenda_changed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::announcement_made&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::announcement_cleared&) const {
      return {};
    }
    std::optional<domain::id_type> operator()(const domain::screen_changed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::idea_pinned& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_merged& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_split& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_clustered& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::cluster_created&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::cluster_renamed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::cluster_deleted&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::table_added&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::table_removed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::member_moved& x) const {
      return x.m.id;
    }
    std::optional<domain::id_type> operator()(const domain::roster_imported&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::round_opened&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::round_changed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::vote_cast& x) const { return x.voter; }
    std::optional<domain::id_type> operator()(const domain::template_changed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::proposal_created&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::proposal_updated&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::proposal_deleted&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::proposals_frozen&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::comment_added&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::comment_resolved&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::report_changed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::self_join_changed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::member_removed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::member_erased&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::link_changed& x) const {
      return x.m.id;
    }
    std::optional<domain::id_type> operator()(const domain::proposal_restored&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::event_status_changed&) const {
      return {};
    }
    std::optional<domain::id_type> operator()(const domain::groups_changed&) const { return {}; }
    std::optional<domain::id_type> operator()(const domain::event_language_changed&) const {
      return {};
    }
    std::optional<domain::id_type> operator()(const domain::member_updated& x) const {
      return x.m.id;
    }
    std::optional<domain::id_type> operator()(const domain::idea_supported& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::idea_support_withdrawn& x) const {
      return x.i.author;
    }
    std::optional<domain::id_type> operator()(const domain::duplicate_dismissed&) const {
      return {};
    }
    std::optional<domain::id_type> operator()(const domain::duplicate_restored&) const {
      return {};
    }
  };
  return std::visit(visitor{}, c.body);
}

namespace {

// The fields of one change for one recipient, written into `j`: a visitor over
// domain::change_body that returns false when the recipient does not see the change.
struct change_fields {
  json& j;
  const domain::event_state& s;
  bool staff, author;
  domain::id_type lead_track;  // 0: a facilitator (with staff)
  domain::millis x_at;
  // Whether the recipient sees this hidden idea, or this person.
  bool sees_hidden(const domain::idea& i) const {
    return author || (staff && (lead_track == 0 || i.track == lead_track));
  }
  bool sees_member(const domain::member& m) const {
    return staff && (lead_track == 0 || m.track == lead_track || domain::is_staff(m.member_role));
  }
  json member_json(const domain::member& m) const { return to_json(m, lead_track == 0); }
  bool operator()(const domain::member_joined& x) const {
    if (!sees_member(x.m)) return false;
    j["member"] = member_json(x.m);
    return true;
  }
  bool operator()(const domain::idea_posted& x) const {
    j["idea"] = to_json(x.i, s, author);
    return true;
  }
  bool operator()(const domain::idea_edited& x) const {
    if (x.i.hidden && !sees_hidden(x.i)) return false;
    j["idea"] = to_json(x.i, s, author);
    return true;
  }
  bool operator()(const domain::idea_deleted& x) const {
    j["idea"] = x.i.id;
    return true;
  }
  bool operator()(const domain::idea_hidden& x) const {
    j["idea"] = sees_hidden(x.i) ? to_json(x.i, s, author) : json(x.i.id);
    return true;
  }
  bool operator()(const domain::idea_unhidden& x) const {
    j["idea"] = to_json(x.i, s, author);
    return true;
  }
  bool operator()(const domain::agenda_changed& x) const {
    j["agenda"] = agenda_json(x.agenda, x.timer, x.pacing);
    j["serverTime"] = x_at;
    return true;
  }
  bool operator()(const domain::announcement_made& x) const {
    j["announcement"] = to_json(x.a);
    return true;
  }
  bool operator()(const domain::announcement_cleared& x) const {
    j["announcement"] = x.a.id;
    return true;
  }
  bool operator()(const domain::screen_changed& x) const {
    j["screen"] = to_json(x.screen);
    return true;
  }
  // Moderation of one idea: seen like an edit (a hidden idea only by staff and its author).
  bool idea_update(const domain::idea& i) const {
    if (i.hidden && !sees_hidden(i)) return false;
    j["idea"] = to_json(i, s, author);
    return true;
  }
  bool operator()(const domain::idea_pinned& x) const { return idea_update(x.i); }
  bool operator()(const domain::idea_merged& x) const { return idea_update(x.i); }
  bool operator()(const domain::idea_split& x) const { return idea_update(x.i); }
  bool operator()(const domain::idea_clustered& x) const { return idea_update(x.i); }
  // Support of one idea: seen like an edit; the idea's id and who supports it (or no longer).
  bool support_update(const domain::idea& i, domain::id_type member) const {
    if (i.hidden && !sees_hidden(i)) return false;
    j["idea"] = i.id;
    j["member"] = member;
    return true;
  }
  bool operator()(const domain::idea_supported& x) const { return support_update(x.i, x.member); }
  bool operator()(const domain::idea_support_withdrawn& x) const {
    return support_update(x.i, x.member);
  }
  // A pair dismissed or restored: staff only, and of leads only the lead of its track.
  bool duplicate_pair(domain::id_type a, domain::id_type b, domain::id_type track) const {
    if (!staff || (lead_track != 0 && lead_track != track)) return false;
    j["a"] = a;
    j["b"] = b;
    return true;
  }
  bool operator()(const domain::duplicate_dismissed& x) const {
    return duplicate_pair(x.a, x.b, x.track);
  }
  bool operator()(const domain::duplicate_restored& x) const {
    return duplicate_pair(x.a, x.b, x.track);
  }
  bool operator()(const domain::cluster_created& x) const {
    j["cluster"] = to_json(x.c);
    return true;
  }
  bool operator()(const domain::cluster_renamed& x) const {
    j["cluster"] = to_json(x.c);
    return true;
  }
  bool operator()(const domain::cluster_deleted& x) const {
    j["cluster"] = x.c.id;
    return true;
  }
  bool operator()(const domain::table_added& x) const {
    j["table"] = to_json(x.t);
    return true;
  }
  bool operator()(const domain::table_removed& x) const {
    j["table"] = x.t.id;
    return true;
  }
  bool operator()(const domain::round_opened& x) const {
    j["round"] = to_json(x.r);
    return true;
  }
  bool operator()(const domain::round_changed& x) const {
    j["round"] = to_json(x.r);
    if (x.r.state == domain::round_state::revealed) j["results"] = results_json(s.results(x.r.id));
    return true;
  }
  bool operator()(const domain::vote_cast& x) const {
    // A ballot is secret: only its voter's own connections see it.
    if (!author) return false;
    json b = json::object();
    for (const auto& [item, votes] : x.ballot) b[std::to_string(item)] = votes;
    j["round"] = x.round;
    j["ballot"] = std::move(b);
    return true;
  }
  bool operator()(const domain::template_changed& x) const {
    j["template"] = template_json(x.sections);
    return true;
  }
  bool operator()(const domain::proposal_created& x) const {
    j["proposal"] = to_json(x.p, s);
    return true;
  }
  bool operator()(const domain::proposal_updated& x) const {
    j["proposal"] = to_json(x.p, s);
    return true;
  }
  bool operator()(const domain::proposal_deleted& x) const {
    j["proposal"] = x.p.id;
    // Staff keep it in their trash, from which it can be restored.
    if (staff) j["trashed"] = trashed_json(x.p, s);
    return true;
  }
  bool operator()(const domain::proposal_restored& x) const {
    j["proposal"] = to_json(x.p, s);
    // Its comments come back with it (a snapshot leaves out those of deleted proposals).
    json comments = json::array();
    for (const auto& [id, c] : s.comments()) {
      if (c.proposal == x.p.id) comments.push_back(to_json(c, s));
    }
    j["comments"] = std::move(comments);
    return true;
  }
  bool operator()(const domain::link_changed& x) const {
    if (!author && !sees_member(x.m)) return false;
    j["member"] = author ? to_json(x.m) : member_json(x.m);
    j["action"] = domain::to_string(x.action);
    return true;
  }
  bool operator()(const domain::event_status_changed& x) const {
    j["status"] = domain::to_string(x.status);
    return true;
  }
  bool operator()(const domain::proposals_frozen& x) const {
    j["frozen"] = x.frozen;
    return true;
  }
  bool operator()(const domain::comment_added& x) const {
    j["comment"] = to_json(x.c, s);
    return true;
  }
  bool operator()(const domain::comment_resolved& x) const {
    j["comment"] = to_json(x.c, s);
    return true;
  }
  bool operator()(const domain::report_changed& x) const {
    // Participants read the report once it is published (and learn when it is taken back).
    if (!staff && !x.r.published && !x.toggled) return false;
    j["report"] = report_json(x.r);
    return true;
  }
  bool operator()(const domain::roster_imported& x) const {
    json tables = json::array();
    for (const auto& t : x.tables) tables.push_back(to_json(t));
    if (!staff && x.tables.empty()) return false;
    j["tables"] = std::move(tables);
    if (staff) {
      json members = json::array();
      for (const auto& m : x.members) {
        if (sees_member(m)) members.push_back(member_json(m));
      }
      j["members"] = std::move(members);
    }
    return true;
  }
  bool operator()(const domain::self_join_changed& x) const {
    j["open"] = x.open;
    return true;
  }
  bool operator()(const domain::member_removed& x) const {
    // Staff who see the person learn that they are gone (only the id, no personal data)
    // and which rounds' results changed; everyone sees the teams they left.
    domain::member gone;
    gone.track = x.track;
    const bool sees = sees_member(gone);
    if (!sees && x.proposals.empty()) return false;
    if (sees) {
      j["member"] = x.member;
      j["rounds"] = x.rounds;
    }
    json proposals = json::array();
    for (const auto& p : x.proposals) proposals.push_back(to_json(p, s));
    j["proposals"] = std::move(proposals);
    return true;
  }
  bool operator()(const domain::groups_changed& x) const {
    j["groups"] = groups_json(x.groups);
    return true;
  }
  bool operator()(const domain::event_language_changed& x) const {
    j["language"] = x.language;
    j["screenLanguages"] = domain::to_string(x.screens);
    return true;
  }
  bool operator()(const domain::member_updated& x) const {
    // Staff who see the person and the person get the member; everyone else the name as ideas,
    // comments and teams show it (when it shows anywhere), and a published report whose
    // credits changed.
    if (author || sees_member(x.m)) {
      j["member"] = author ? to_json(x.m) : member_json(x.m);
    } else if (x.public_name) {
      j["member"] = {{"id", x.m.id}, {"name", x.m.name}, {"organisation", x.m.organisation}};
    } else if (!x.report) {
      return false;
    }
    if (x.report) j["report"] = report_json(*x.report);
    if (staff || author) j["rounds"] = x.rounds;
    return true;
  }
  bool operator()(const domain::member_erased& x) const {
    // Everyone learns what changed on their screens: ideas and comments deleted or moved, the
    // teams left, and (when their contributions stay) whose they were, so that they show as a
    // former participant's. Participants are not told whose deleted ideas they were (some may
    // have been anonymous). Staff who see the person also get the rounds whose results changed.
    domain::member gone;
    gone.track = x.track;
    const bool sees = sees_member(gone);
    if (sees || !x.contributions_deleted) j["member"] = x.member;
    j["contributions"] = x.contributions_deleted ? "delete" : "keep";
    json ideas = json::array();
    json moved = json::array();
    for (const auto& i : x.ideas) {
      if (i.deleted) {
        ideas.push_back(i.id);
      } else if (!i.hidden || sees_hidden(i)) {
        moved.push_back(to_json(i, s, false));
      }
    }
    j["ideas"] = std::move(ideas);
    j["moved"] = std::move(moved);
    j["comments"] = x.comments;
    json replies = json::array();
    for (const auto& c : x.replies) replies.push_back(to_json(c, s));
    j["replies"] = std::move(replies);
    if (sees) j["rounds"] = x.rounds;
    json proposals = json::array();
    for (const auto& p : x.proposals) proposals.push_back(to_json(p, s));
    j["proposals"] = std::move(proposals);
    return true;
  }
  bool operator()(const domain::member_moved& x) const {
    // A lead sees people arrive in their track and leave it.
    const bool left = staff && lead_track != 0 && x.from_track == lead_track;
    if (!author && !sees_member(x.m) && !left) return false;
    j["member"] = author ? to_json(x.m) : member_json(x.m);
    return true;
  }
};

}  // namespace

std::optional<std::string> change_message(const domain::change& c, const domain::event_state& s,
                                          audience a, domain::id_type lead_track) {
  json j{{"type", "change"}, {"seq", c.seq}, {"kind", domain::kind_name(c.body)}};
  const bool staff = a == audience::staff;
  const bool author = a == audience::author;
  if (!std::visit(change_fields{j, s, staff, author, staff ? lead_track : 0, c.at}, c.body)) {
    return std::nullopt;
  }
  return dump(j);
}

bool has_private_ideas(const domain::event_state& s, domain::id_type me) {
  for (const auto& [id, i] : s.ideas()) {
    if (i.author == me && (i.anonymous || i.hidden)) return true;
  }
  return false;
}

bool differs_for_leads(const domain::change& c) {
  return std::visit(
      [](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, domain::member_joined> ||
                      std::is_same_v<T, domain::member_moved> ||
                      std::is_same_v<T, domain::member_removed> ||
                      std::is_same_v<T, domain::member_erased> ||
                      std::is_same_v<T, domain::roster_imported> ||
                      std::is_same_v<T, domain::member_updated> ||
                      std::is_same_v<T, domain::idea_hidden> ||
                      std::is_same_v<T, domain::duplicate_dismissed> ||
                      std::is_same_v<T, domain::duplicate_restored>) {
          return true;
        } else if constexpr (std::is_same_v<T, domain::idea_edited> ||
                             std::is_same_v<T, domain::idea_pinned> ||
                             std::is_same_v<T, domain::idea_merged> ||
                             std::is_same_v<T, domain::idea_split> ||
                             std::is_same_v<T, domain::idea_clustered> ||
                             std::is_same_v<T, domain::idea_supported> ||
                             std::is_same_v<T, domain::idea_support_withdrawn>) {
          return x.i.hidden;
        } else {
          return false;
        }
      },
      c.body);
}

}  // namespace rt::protocol
