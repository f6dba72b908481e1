// member_data.cpp: a member's own data as JSON (member_data_json), the file a member
// downloads from /api/events/CODE/my-data.json.
#include "protocol/messages.hpp"

namespace rt::protocol {

using json = nlohmann::json;

namespace {

std::string track_name(const domain::event_state& s, std::optional<domain::id_type> id) {
  const auto* t = id ? s.find_track(*id) : nullptr;
  return t ? t->name : std::string();
}

// A proposal's title, live or in the trash ("" when unknown).
std::string proposal_title(const domain::event_state& s, domain::id_type id) {
  if (const auto* p = s.find_proposal(id)) return p->title;
  const auto t = s.trash().find(id);
  return t == s.trash().end() ? std::string() : t->second.title;
}

json profile_json(const domain::event_state& s, const domain::member& m) {
  std::string table;
  if (m.table) {
    if (const auto t = s.tables().find(*m.table); t != s.tables().end()) table = t->second.name;
  }
  return {{"id", m.id},
          {"role", domain::to_string(m.member_role)},
          {"name", m.name},
          {"organisation", m.organisation},
          {"group", m.group},
          {"groupLabel", s.group_label(m.group)},
          {"email", m.email},
          {"track", track_name(s, m.track)},
          {"table", table},
          {"credit", m.credit},
          {"creditWithdrawn", m.credit_withdrawn},
          {"joinedAt", m.joined_at}};
}

}  // namespace

json member_data_json(const domain::event_state& s, const domain::member_data& d) {
  json ideas = json::array();
  for (const auto& i : d.ideas) {
    ideas.push_back({{"id", i.id},
                     {"track", track_name(s, i.track)},
                     {"text", i.text},
                     {"anonymous", i.anonymous},
                     {"hidden", i.hidden},
                     {"createdAt", i.created_at},
                     {"editedAt", i.edited_at ? json(*i.edited_at) : json(nullptr)},
                     {"mergedInto", i.merged_into ? json(*i.merged_into) : json(nullptr)}});
  }
  json comments = json::array();
  for (const auto& c : d.comments) {
    comments.push_back({{"id", c.id},
                        {"proposal", c.proposal},
                        {"proposalTitle", proposal_title(s, c.proposal)},
                        {"section", c.section ? json(*c.section) : json(nullptr)},
                        {"quote", c.quote},
                        {"text", c.text},
                        {"replyTo", c.parent ? json(*c.parent) : json(nullptr)},
                        {"at", c.at},
                        {"resolved", c.resolved}});
  }
  json votes = json::array();
  for (const auto& v : d.votes) {
    const auto r = s.rounds().find(v.round);
    votes.push_back({{"round", v.round},
                     {"roundTitle", r == s.rounds().end() ? "" : r->second.title},
                     {"item", v.item},
                     {"itemLabel", r == s.rounds().end() ? "" : s.item_label(r->second, v.item)},
                     {"votes", v.votes}});
  }
  json edits = json::array();
  for (const auto& e : d.edits) {
    const auto& tpl = s.template_sections();
    const auto index = static_cast<std::size_t>(e.section);
    edits.push_back({{"proposal", e.proposal},
                     {"proposalTitle", proposal_title(s, e.proposal)},
                     {"section", e.section},
                     {"heading", index < tpl.size() ? tpl[index].heading : std::string()},
                     {"version", e.version},
                     {"at", e.at},
                     {"inserted", e.inserted}});
  }
  return {{"event", {{"code", s.info().code}, {"title", s.info().title}}},
          {"profile", profile_json(s, d.profile)},
          {"ideas", std::move(ideas)},
          {"comments", std::move(comments)},
          {"votes", std::move(votes)},
          {"supported", d.supported},
          {"proposalEdits", std::move(edits)}};
}

}  // namespace rt::protocol
