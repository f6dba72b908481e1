// render_csv.cpp: the facilitator's three CSV files, written with protocol::csv_line.
//
// Headers are in the report's language (catalogue keys csv.*; English keeps the snake_case of
// the server's other CSV exports, results.csv and roster.csv). Cells are data: ids, numbers,
// "yes"/"no", role and method codes stay as they are in every language.
#include <string>
#include <vector>

#include "clean.hpp"
#include "protocol/csv.hpp"
#include "render.hpp"
#include "words.hpp"

namespace rt::report {
namespace {

std::string yes_no(bool b) { return b ? "yes" : "no"; }

// The header cells of the given catalogue keys ("csv.name", ...).
std::vector<std::string> headers(const words& w, std::initializer_list<std::string_view> keys) {
  std::vector<std::string> out;
  for (const auto k : keys) out.push_back(w.text(k));
  return out;
}

}  // namespace

std::string render_csv_ideas(const document& original) {
  const document d = clean_document(original);
  const words w(d.language);
  std::string out = protocol::csv_line(
      headers(w, {"csv.id", "csv.track", "csv.text", "csv.author", "csv.votes", "csv.hidden"}));
  for (const auto& i : d.facilitator.ideas) {
    out += protocol::csv_line({std::to_string(i.id), i.track, i.text, i.author,
                               std::to_string(i.votes), yes_no(i.hidden)});
  }
  return out;
}

// One row per round and item. Each stakeholder group gets two columns (<label> voters,
// <label> votes): the groups of the event's participants in their order, then any other group
// in the order it first appears in the rows. A group that did not vote on an item has 0 there.
std::string render_csv_votes(const document& original) {
  const document d = clean_document(original);
  const words w(d.language);
  std::vector<std::string> labels;
  for (const auto& g : d.facts.participants_by_group) labels.push_back(g.label);
  for (const auto& v : d.facilitator.votes) {
    for (const auto& g : v.groups) {
      bool known = false;
      for (const auto& l : labels) known = known || l == g.label;
      if (!known) labels.push_back(g.label);
    }
  }
  std::vector<std::string> header =
      headers(w, {"csv.round", "csv.round_title", "csv.method", "csv.item", "csv.item_label",
                  "csv.votes", "csv.voters"});
  for (const auto& l : labels) {
    header.push_back(w.fill("csv.group_voters", {{"group", l}}));
    header.push_back(w.fill("csv.group_votes", {{"group", l}}));
  }
  std::string out = protocol::csv_line(header);
  for (const auto& v : d.facilitator.votes) {
    std::vector<std::string> row{std::to_string(v.round), v.round_title, v.method,
                                 std::to_string(v.item),  v.item_label,  std::to_string(v.votes),
                                 std::to_string(v.voters)};
    for (const auto& l : labels) {
      int voters = 0, votes = 0;
      for (const auto& g : v.groups) {
        if (g.label == l) {
          voters += g.voters;
          votes += g.votes;
        }
      }
      row.push_back(std::to_string(voters));
      row.push_back(std::to_string(votes));
    }
    out += protocol::csv_line(row);
  }
  return out;
}

std::string render_csv_participants(const document& original) {
  const document d = clean_document(original);
  const words w(d.language);
  std::string out =
      protocol::csv_line(headers(w, {"csv.name", "csv.organisation", "csv.group", "csv.track",
                                     "csv.table", "csv.role", "csv.credited"}));
  for (const auto& p : d.facilitator.participants) {
    out += protocol::csv_line(
        {p.name, p.organisation, p.group, p.track, p.table, p.role, yes_no(p.credited)});
  }
  return out;
}

}  // namespace rt::report
