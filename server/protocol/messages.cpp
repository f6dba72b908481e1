// messages.cpp: JSON serialisation of server messages.
#include "messages.hpp"
#include "commands.hpp"

#include <cmath>

namespace rt::protocol {

using json = nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string pong_message() { return R"({"type":"pong"})"; }

std::string ack(std::string_view id) { return dump(json{{"type", "ack"}, {"id", id}}); }

std::string ack(std::string_view id, const json& result) {
  return dump(json{{"type", "ack"}, {"id", id}, {"result", result}});
}

std::string error_message(const std::optional<std::string>& id, const domain::error& e) {
  json j{{"type", "error"}};
  if (id) j["id"] = *id;
  j["code"] = domain::name(e.code);
  j["message"] = e.message;
  return dump(j);
}

std::string http_error(const domain::error& e) {
  return dump(json{{"error", domain::name(e.code)}, {"message", e.message}});
}

namespace {
std::size_t section_chars_limit = domain::push_limits{}.max_chars;
}  // namespace

void configure_limits(std::size_t section_chars) { section_chars_limit = section_chars; }

json limits_json() {
  using namespace domain;
  return json{{"eventTitle", title_rule.max},
              {"trackName", track_name_rule.max},
              {"trackDescription", track_description_rule.max},
              {"tracks", max_tracks},
              {"name", name_rule.max},
              {"organisation", organisation_rule.max},
              {"idea", idea_rule.max},
              {"announcement", announcement_rule.max},
              {"clusterName", cluster_name_rule.max},
              {"tableName", table_name_rule.max},
              {"roundTitle", title_rule.max},
              {"phases", max_phases},
              {"phaseTitle", phase_title_rule.max},
              {"phaseMinutes", max_phase_minutes},
              {"templateSections", max_template_sections},
              {"heading", heading_rule.max},
              {"hint", hint_rule.max},
              {"proposalTitle", title_rule.max},
              {"sectionChars", section_chars_limit},
              {"comment", comment_rule.max},
              {"quote", quote_rule.max},
              {"reportTitle", report_title_rule.max},
              {"subtitle", subtitle_rule.max},
              {"date", date_rule.max},
              {"reportText", report_text_rule.max},
              {"chapters", max_chapters},
              {"chapterTitle", chapter_title_rule.max},
              {"chapterIntro", chapter_intro_rule.max},
              {"reportProposals", max_report_proposals},
              {"groups", max_groups},
              {"groupLabel", group_label_rule.max},
              {"groupCode", max_group_code}};
}

json groups_json(const std::vector<domain::stakeholder_group>& groups) {
  json out = json::array();
  for (const auto& g : groups) out.push_back({{"code", g.code}, {"label", g.label}});
  return out;
}

json to_json(const domain::event_info& e) {
  json tracks = json::array();
  for (const auto& t : e.tracks) {
    tracks.push_back({{"id", t.id}, {"name", t.name}, {"description", t.description}});
  }
  return {{"id", e.id},
          {"code", e.code},
          {"title", e.title},
          {"createdAt", e.created_at},
          {"tracks", std::move(tracks)},
          {"groups", groups_json(e.groups)},
          {"language", e.language},
          {"screenLanguages", domain::to_string(e.screens)}};
}

json to_json(const domain::member& m, bool with_email) {
  json j{{"id", m.id},
         {"role", domain::to_string(m.member_role)},
         {"name", m.name},
         {"organisation", m.organisation},
         {"group", m.group},
         {"track", m.track ? json(*m.track) : json(nullptr)},
         {"table", m.table ? json(*m.table) : json(nullptr)},
         {"credit", m.credit},
         {"creditWithdrawn", m.credit_withdrawn},
         {"joinedAt", m.joined_at},
         {"revoked", m.revoked}};
  if (with_email) j["email"] = m.email;
  return j;
}

json to_json(const domain::announcement& a) {
  return {{"id", a.id},
          {"text", a.text},
          {"track", a.track ? json(*a.track) : json(nullptr)},
          {"at", a.at}};
}

json to_json(const domain::cluster& c) {
  return {{"id", c.id}, {"track", c.track}, {"name", c.name}};
}

json to_json(const domain::table& t) {
  return {{"id", t.id}, {"track", t.track}, {"name", t.name}};
}

json to_json(const domain::vote_round& r) {
  json eligible = r.eligible.who == domain::voters::tracks
                      ? json(r.eligible.tracks)
                      : json(domain::to_string(r.eligible.who));
  return {{"id", r.id},
          {"title", r.title},
          {"track", r.track ? json(*r.track) : json(nullptr)},
          {"eligible", std::move(eligible)},
          {"method", domain::to_string(static_cast<domain::vote_method>(r.method))},
          {"budget", r.budget},
          {"maxPerItem", r.max_per_item},
          {"allowOwn", r.allow_own},
          {"liveResults", r.live_results},
          {"randomOrder", r.random_order},
          {"state", domain::to_string(r.state)},
          {"itemKind", domain::to_string(r.kind)},
          {"items", r.items},
          {"openedAt", r.opened_at}};
}

namespace {

json person_json(const domain::event_state& s, domain::id_type id) {
  const auto* m = s.find_member(id);
  if (m == nullptr) return {{"id", id}, {"name", ""}, {"organisation", ""}};
  json j{{"id", m->id}, {"name", m->name}, {"organisation", m->organisation}};
  if (m->erased) j["erased"] = true;  // shown as "Former participant"
  return j;
}

}  // namespace

json report_json(const domain::report_plan& r) {
  json chapters = json::array();
  for (const auto& c : r.chapters) {
    chapters.push_back({{"title", c.title}, {"intro", c.intro}, {"proposals", c.proposals}});
  }
  return {{"title", r.title},
          {"subtitle", r.subtitle},
          {"date", r.date},
          {"foreword", r.foreword},
          {"method", r.method},
          {"chapters", std::move(chapters)},
          {"round", r.round ? json(*r.round) : json(nullptr)},
          {"published", r.published},
          {"creditsChangedAt", r.credits_changed_at ? json(*r.credits_changed_at) : json(nullptr)}};
}

json template_json(const std::vector<domain::template_section>& sections) {
  json out = json::array();
  for (const auto& t : sections) out.push_back({{"heading", t.heading}, {"hint", t.hint}});
  return out;
}

json to_json(const domain::proposal& p, const domain::event_state& s) {
  json people = json::array();
  for (const auto id : p.team) people.push_back(person_json(s, id));
  return {{"id", p.id},
          {"track", p.track},
          {"title", p.title},
          {"ideas", p.ideas},
          {"cluster", p.cluster ? json(*p.cluster) : json(nullptr)},
          {"table", p.table ? json(*p.table) : json(nullptr)},
          {"team", p.team},
          {"people", std::move(people)},
          {"createdAt", p.created_at},
          {"createdBy", p.created_by}};
}

json trashed_json(const domain::proposal& p, const domain::event_state& s) {
  json j = to_json(p, s);
  j["deletedAt"] = p.deleted_at;
  return j;
}

json to_json(const domain::comment& c, const domain::event_state& s) {
  return {{"id", c.id},
          {"proposal", c.proposal},
          {"section", c.section ? json(*c.section) : json(nullptr)},
          {"from", c.from},
          {"to", c.to},
          {"version", c.version},
          {"quote", c.quote},
          {"parent", c.parent ? json(*c.parent) : json(nullptr)},
          {"text", c.text},
          {"author", person_json(s, c.author)},
          {"at", c.at},
          {"resolved", c.resolved}};
}

json update_json(const domain::accepted_update& u, bool with_version, std::int64_t version) {
  json j{{"clientID", u.client_id}, {"changes", changes_json(u.changes)}, {"member", u.member}};
  if (u.continues) j["continues"] = true;
  if (with_version) {
    j["version"] = version;
    j["at"] = u.at;
  }
  return j;
}

std::string section_updates_message(domain::id_type proposal, int section,
                                    std::int64_t from_version,
                                    const std::vector<wire_update>& updates) {
  // Each update's changes are JSON already (as stored): they are copied in, not re-encoded.
  std::string out = R"({"type":"section_updates","proposal":)" + std::to_string(proposal) +
                    R"(,"section":)" + std::to_string(section) + R"(,"version":)" +
                    std::to_string(from_version) + R"(,"updates":[)";
  for (std::size_t i = 0; i < updates.size(); ++i) {
    if (i > 0) out += ',';
    out += R"({"clientID":)" + dump(json(updates[i].client_id)) + R"(,"changes":)" +
           updates[i].changes_json + R"(,"member":)" + std::to_string(updates[i].member) +
           (updates[i].continues ? R"(,"continues":true})" : "}");
  }
  out += "]}";
  return out;
}

json results_json(const std::vector<domain::item_result>& results) {
  json out = json::array();
  for (const auto& r : results) {
    json groups = json::object();
    for (const auto& [g, n] : r.voters_by_group) {
      groups[g] = {{"voters", n}, {"votes", r.votes_by_group.at(g)}};
    }
    out.push_back({{"item", r.item},
                   {"votes", r.votes},
                   {"voters", r.voters},
                   {"rank", r.rank},
                   {"consensus", std::round(r.consensus * 1000) / 1000},
                   {"byGroup", std::move(groups)}});
  }
  return out;
}

std::string results_message(const domain::event_state& s, domain::id_type round) {
  return dump(
      json{{"type", "results"}, {"round", round}, {"items", results_json(s.results(round))}});
}

bool sees_results(const domain::vote_round& r, audience a) {
  return a == audience::staff || r.live_results || r.state == domain::round_state::revealed;
}

json ballots_json(const domain::event_state& s, domain::id_type member) {
  json out = json::object();
  for (const auto& [id, r] : s.rounds()) {
    const auto& all = s.ballots(id);
    const auto it = all.find(member);
    json b = json::object();
    if (it != all.end()) {
      for (const auto& [item, votes] : it->second) b[std::to_string(item)] = votes;
    }
    out[std::to_string(id)] = std::move(b);
  }
  return out;
}

json to_json(const domain::screen_state& s) {
  return {{"mode", domain::to_string(s.mode)},
          {"track", s.track ? json(*s.track) : json(nullptr)},
          {"round", s.round ? json(*s.round) : json(nullptr)}};
}

namespace {

json turnout_json(const domain::turnout& t, const std::vector<domain::id_type>* waiting) {
  json by_track = json::object();
  for (const auto& [track, c] : t.by_track) {
    by_track[std::to_string(track)] = {{"voted", c.voted}, {"eligible", c.eligible}};
  }
  json j{{"voted", t.all.voted}, {"eligible", t.all.eligible}, {"byTrack", std::move(by_track)}};
  if (waiting) j["waiting"] = *waiting;
  return j;
}

std::vector<domain::id_type> waiting_for(const domain::turnout& t, const domain::event_state& s,
                                         domain::id_type lead_track) {
  if (lead_track == 0) return t.waiting;
  std::vector<domain::id_type> out;
  for (const auto id : t.waiting) {
    const auto* m = s.find_member(id);
    if (m && m->track == lead_track) out.push_back(id);
  }
  return out;
}

}  // namespace

std::string turnout_message(const domain::event_state& s, domain::id_type round, audience a,
                            domain::id_type lead_track) {
  const auto t = s.turnout_of(round);
  std::vector<domain::id_type> waiting;
  if (a == audience::staff) waiting = waiting_for(t, s, lead_track);
  json j = turnout_json(t, a == audience::staff ? &waiting : nullptr);
  j["type"] = "turnout";
  j["round"] = round;
  return dump(j);
}

std::string presence_message(std::size_t connected,
                             const std::map<domain::id_type, std::size_t>& by_track,
                             std::size_t staff, const std::vector<domain::id_type>* members,
                             const std::map<std::string, std::size_t>& languages) {
  json tracks = json::object();
  for (const auto& [t, n] : by_track) tracks[std::to_string(t)] = n;
  json by_language = json::object();
  for (const auto& [code, n] : languages) by_language[code] = n;
  json j{{"type", "presence"},
         {"connected", connected},
         {"byTrack", std::move(tracks)},
         {"staff", staff},
         {"languages", std::move(by_language)}};
  if (members) j["members"] = *members;
  return dump(j);
}

json agenda_json(const std::vector<domain::phase>& agenda, const domain::timer_state& t,
                 const domain::pacing_state& pacing) {
  json phases = json::array();
  for (const auto& p : agenda) {
    phases.push_back(
        {{"kind", domain::to_string(p.kind)}, {"title", p.title}, {"minutes", p.planned / 60'000}});
  }
  json j{{"phases", std::move(phases)},
         {"current", t.current},
         {"running", t.running},
         {"autoAdvance", t.auto_advance},
         {"extraMs", t.extra},
         {"endsAt", nullptr},
         {"remainingMs", nullptr},
         {"trackPacing", pacing.allowed},
         {"undoTo", t.undo ? json(t.undo->index) : json(nullptr)},
         {"undoUntil", t.undo ? json(t.undo->at + domain::undo_window) : json(nullptr)},
         {"trackPhases", json::object()}};
  for (const auto& [track, index] : pacing.track_phase)
    j["trackPhases"][std::to_string(track)] = index;
  if (t.current >= 0 && t.current < static_cast<int>(agenda.size())) {
    const auto planned = agenda[static_cast<std::size_t>(t.current)].planned;
    if (planned > 0) {
      // Running: the phase ends at endsAt (server clock). Paused: remainingMs stands still.
      if (t.running) {
        j["endsAt"] = t.started_at + planned + t.extra - t.elapsed;
      } else {
        j["remainingMs"] = planned + t.extra - t.elapsed;
      }
    }
  }
  return j;
}

json to_json(const domain::idea& i, const domain::event_state& s, bool as_author) {
  json author = nullptr;
  if (!i.anonymous) {
    if (s.find_member(i.author) != nullptr) author = person_json(s, i.author);
  }
  json edited_by = nullptr;
  // An anonymous idea edited by its own author must not name the author through editedBy.
  const bool self_edit_of_anonymous = i.anonymous && i.edited_by == i.author;
  if (i.edited_by && (!self_edit_of_anonymous || as_author)) {
    if (const auto* m = s.find_member(*i.edited_by)) {
      edited_by = {{"id", m->id}, {"name", m->name}};
      if (m->erased) edited_by["erased"] = true;
    }
  }
  json j{{"id", i.id},
         {"track", i.track},
         {"text", i.text},
         {"author", std::move(author)},
         {"createdAt", i.created_at},
         {"editedAt", i.edited_at ? json(*i.edited_at) : json(nullptr)},
         {"editedBy", std::move(edited_by)},
         {"hidden", i.hidden},
         {"pinned", i.pinned},
         {"mergedInto", i.merged_into ? json(*i.merged_into) : json(nullptr)},
         {"cluster", i.cluster ? json(*i.cluster) : json(nullptr)},
         {"supporters", i.supporters}};
  if (as_author && i.anonymous) j["mine"] = true;
  return j;
}

std::string snapshot_message(const domain::event_state& s, audience a,
                             std::optional<domain::id_type> me, domain::id_type lead_track) {
  const bool staff = a == audience::staff;
  if (!staff) lead_track = 0;
  json ideas = json::array();
  for (const auto& [id, i] : s.ideas()) {
    const bool mine = me && i.author == *me;
    const bool sees = staff && (lead_track == 0 || i.track == lead_track);
    if (i.hidden && !sees && !mine) continue;
    ideas.push_back(to_json(i, s, mine));
  }
  json j{{"type", "snapshot"},
         {"seq", s.seq()},
         {"event", to_json(s.info())},
         {"ideas", std::move(ideas)},
         {"agenda", agenda_json(s.agenda(), s.timer(), s.pacing())}};
  j["limits"] = limits_json();
  json announcements = json::array();
  for (const auto& [id, a] : s.announcements()) announcements.push_back(to_json(a));
  j["announcements"] = std::move(announcements);
  j["screen"] = to_json(s.screen());
  json clusters = json::array();
  for (const auto& [id, c] : s.clusters()) clusters.push_back(to_json(c));
  j["clusters"] = std::move(clusters);
  json tables = json::array();
  for (const auto& [id, t] : s.tables()) tables.push_back(to_json(t));
  j["tables"] = std::move(tables);
  json rounds = json::array();
  for (const auto& [id, r] : s.rounds()) {
    json round = to_json(r);
    if (sees_results(r, a)) round["results"] = results_json(s.results(id));
    const auto t = s.turnout_of(id);
    std::vector<domain::id_type> waiting;
    if (staff) waiting = waiting_for(t, s, lead_track);
    round["turnout"] = turnout_json(t, staff ? &waiting : nullptr);
    rounds.push_back(std::move(round));
  }
  j["rounds"] = std::move(rounds);
  j["template"] = template_json(s.template_sections());
  json proposals = json::array();
  for (const auto& [id, p] : s.proposals()) proposals.push_back(to_json(p, s));
  j["proposals"] = std::move(proposals);
  j["frozen"] = s.frozen();
  j["selfJoin"] = s.self_join();
  j["status"] = domain::to_string(s.status());
  if (staff) {
    json trash = json::array();
    for (const auto& [id, p] : s.trash()) trash.push_back(trashed_json(p, s));
    j["trash"] = std::move(trash);
  }
  json comments = json::array();
  for (const auto& [id, c] : s.comments()) {
    if (s.find_proposal(c.proposal) != nullptr) comments.push_back(to_json(c, s));
  }
  j["comments"] = std::move(comments);
  j["report"] = staff || s.report().published ? report_json(s.report()) : json(nullptr);
  if (staff) {
    json members = json::array();
    for (const auto& [id, m] : s.members()) {
      if (m.erased) continue;  // shown only as the author of what they wrote
      if (lead_track == 0 || m.track == lead_track || domain::is_staff(m.member_role)) {
        members.push_back(to_json(m, lead_track == 0));
      }
    }
    j["members"] = std::move(members);
    // Pairs a moderator said are not duplicates; a lead's of their own track only.
    json dismissed = json::array();
    for (const auto& [a, b] : s.dismissed_duplicates()) {
      const auto* i = s.find_idea(a);
      if (i != nullptr && (lead_track == 0 || i->track == lead_track))
        dismissed.push_back(json::array({a, b}));
    }
    j["dismissedDuplicates"] = std::move(dismissed);
  }
  return dump(j);
}

std::string changes_message(domain::seq_type from, domain::seq_type to,
                            const std::vector<const std::string*>& changes) {
  std::string out = R"({"type":"changes","from":)" + std::to_string(from) + R"(,"seq":)" +
                    std::to_string(to) + R"(,"changes":[)";
  for (std::size_t i = 0; i < changes.size(); ++i) {
    if (i > 0) out += ',';
    out += *changes[i];
  }
  out += "]}";
  return out;
}

}  // namespace rt::protocol
