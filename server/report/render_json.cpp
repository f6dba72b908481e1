// render_json.cpp: the report as JSON, schema "roundtable-report/1" (docs/report-schema.md).
//
// nlohmann::ordered_json keeps members in the order they are written here, which is the
// order the schema documents; arrays keep the document's order. Markdown members hold the
// neutralised Markdown (markdown_tree.hpp), so that a site built from the JSON is as safe as
// the report.
#include <nlohmann/json.hpp>

#include "clean.hpp"
#include "markdown_tree.hpp"
#include "render.hpp"

namespace rt::report {
namespace {

using json = nlohmann::ordered_json;

// People's Markdown as the report shows it: neutralised (links, images and raw HTML made
// text), in cmark's CommonMark, without the final line feed.
std::string shown(const std::string& markdown) {
  std::string s = markdown_tree(markdown, 0).commonmark();
  while (!s.empty() && s.back() == '\n') s.pop_back();
  return s;
}

json groups_json(const std::vector<group_vote>& groups) {
  json a = json::array();
  for (const auto& g : groups) {
    a.push_back({{"label", g.label}, {"voters", g.voters}, {"votes", g.votes}});
  }
  return a;
}

json facts_json(const event_facts& f) {
  json tracks = json::array();
  for (const auto& t : f.tracks) {
    tracks.push_back({{"name", t.name}, {"description", t.description}});
  }
  json groups = json::array();
  for (const auto& g : f.participants_by_group) {
    groups.push_back({{"label", g.label}, {"count", g.count}});
  }
  return {{"event_title", f.event_title},
          {"tracks", std::move(tracks)},
          {"participants_by_group", std::move(groups)},
          {"ideas", f.ideas},
          {"votes_cast", f.votes_cast},
          {"vote_rounds", f.vote_rounds}};
}

json proposal_json(const proposal& p) {
  json sections = json::array();
  for (const auto& s : p.sections) {
    sections.push_back({{"heading", s.heading}, {"markdown", shown(s.markdown)}});
  }
  json vote = nullptr;
  if (p.vote) {
    vote = {{"votes", p.vote->votes},
            {"voters", p.vote->voters},
            {"rank", p.vote->rank},
            {"consensus", p.vote->consensus},
            {"groups", groups_json(p.vote->groups)}};
  }
  json team = json::array();
  for (const auto& m : p.team) team.push_back({{"name", m.name}, {"organisation", m.organisation}});
  return {{"number", p.number},
          {"title", p.title},
          {"track", p.track},
          {"summary", p.summary},
          {"sections", std::move(sections)},
          {"vote", std::move(vote)},
          {"team", std::move(team)},
          {"other_members", p.other_members},
          {"source_ideas", p.source_ideas}};
}

json facilitator_json(const facilitator_data& f) {
  json ideas = json::array();
  for (const auto& i : f.ideas) {
    ideas.push_back({{"id", i.id},
                     {"track", i.track},
                     {"text", i.text},
                     {"author", i.author},
                     {"votes", i.votes},
                     {"hidden", i.hidden}});
  }
  json votes = json::array();
  for (const auto& v : f.votes) {
    votes.push_back({{"round", v.round},
                     {"round_title", v.round_title},
                     {"method", v.method},
                     {"item", v.item},
                     {"item_label", v.item_label},
                     {"votes", v.votes},
                     {"voters", v.voters},
                     {"groups", groups_json(v.groups)}});
  }
  json people = json::array();
  for (const auto& p : f.participants) {
    people.push_back({{"name", p.name},
                      {"organisation", p.organisation},
                      {"group", p.group},
                      {"track", p.track},
                      {"table", p.table},
                      {"role", p.role},
                      {"credited", p.credited}});
  }
  return {{"ideas", std::move(ideas)},
          {"votes", std::move(votes)},
          {"participants", std::move(people)}};
}

std::string render(const document& original, bool with_facilitator) {
  const document d = clean_document(original);
  json chapters = json::array();
  for (const auto& ch : d.chapters) {
    json proposals = json::array();
    for (const auto& p : ch.proposals) proposals.push_back(proposal_json(p));
    chapters.push_back({{"title", ch.title},
                        {"introduction", shown(ch.introduction)},
                        {"proposals", std::move(proposals)}});
  }
  json annex = json::array();
  for (const auto& t : d.annex) {
    json ideas = json::array();
    for (const auto& i : t.ideas) {
      ideas.push_back({{"text", i.text}, {"votes", i.votes}, {"merged", i.merged}});
    }
    annex.push_back({{"track", t.track}, {"ideas", std::move(ideas)}});
  }
  json j = {{"schema", "roundtable-report/1"},
            {"language", d.language},
            {"title", d.title},
            {"subtitle", d.subtitle},
            {"date", d.date},
            {"foreword", shown(d.foreword)},
            {"method", shown(d.method)},
            {"facts", facts_json(d.facts)},
            {"chapters", std::move(chapters)},
            {"annex", std::move(annex)}};
  if (!d.updated.empty()) j["updated"] = d.updated;
  if (with_facilitator) j["facilitator"] = facilitator_json(d.facilitator);
  // Cleaned text is valid UTF-8; `replace` only guards against a future slip.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_json(const document& d) { return render(d, true); }

std::string render_public_json(const document& d) { return render(d, false); }

}  // namespace rt::report
