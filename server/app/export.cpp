// export.cpp: choosing, rendering and writing exports.
#include "app/export.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <system_error>

#include "app/loading.hpp"
#include "domain/join_code.hpp"
#include "protocol/csv.hpp"
#include "report/build.hpp"
#include "report/clean.hpp"
#include "report/render.hpp"
#include "report/words.hpp"
#include "storage/store.hpp"

namespace rt::app {

std::optional<export_format> format_of_file(std::string_view file) {
  if (file == "report.md") return export_format::markdown;
  if (file == "report.html") return export_format::html;
  if (file == "report.docx") return export_format::docx;
  if (file == "report.json") return export_format::json;
  if (file == "ideas.csv") return export_format::ideas_csv;
  if (file == "votes.csv") return export_format::votes_csv;
  if (file == "participants.csv") return export_format::participants_csv;
  return std::nullopt;
}

bool facilitator_only(export_format f) {
  return f == export_format::ideas_csv || f == export_format::votes_csv ||
         f == export_format::participants_csv;
}

rendered_file render_export(const domain::event_state& s, export_format f, bool facilitator) {
  const auto doc = report::build_document(s, facilitator);
  const std::string code = s.info().code;
  switch (f) {
    case export_format::markdown:
      return {"text/markdown; charset=utf-8", report::render_markdown(doc),
              "report-" + code + ".md"};
    case export_format::html:
      return {"text/html; charset=utf-8", report::render_html(doc), "report-" + code + ".html"};
    case export_format::docx:
      return {"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
              report::render_docx(doc), "report-" + code + ".docx"};
    case export_format::json:
      return {"application/json",
              facilitator ? report::render_json(doc) : report::render_public_json(doc),
              "report-" + code + ".json"};
    case export_format::ideas_csv:
      return {"text/csv; charset=utf-8", report::render_csv_ideas(doc), "ideas-" + code + ".csv"};
    case export_format::votes_csv:
      return {"text/csv; charset=utf-8", report::render_csv_votes(doc), "votes-" + code + ".csv"};
    case export_format::participants_csv:
      return {"text/csv; charset=utf-8", report::render_csv_participants(doc),
              "participants-" + code + ".csv"};
  }
  return {};
}

namespace {

// A CSV line of people's text, cleaned as every text of the report is (report/clean.hpp):
// no bidirectional overrides or invisible characters reach a spreadsheet.
std::string clean_csv_line(std::vector<std::string> cells) {
  for (auto& cell : cells) cell = report::clean_user_text(cell);
  return protocol::csv_line(cells);
}

// The header cells of the given catalogue keys ("csv.name", ...) in `w`'s language.
std::vector<std::string> headers(const report::words& w,
                                 std::initializer_list<std::string_view> keys) {
  std::vector<std::string> out;
  for (const auto k : keys) out.push_back(w.text(k));
  return out;
}

}  // namespace

std::string roster_csv(const domain::event_state& s) {
  const report::words w(s.info().language);
  std::string csv =
      protocol::csv_line(headers(w, {"csv.name", "csv.organisation", "csv.group", "csv.track",
                                     "csv.table", "csv.email", "csv.credit"}));
  for (const auto& [id, member] : s.members()) {
    if (member.member_role != domain::role::participant || member.erased) continue;
    const auto* t = member.track ? s.find_track(*member.track) : nullptr;
    std::string table;
    if (member.table) {
      if (auto it = s.tables().find(*member.table); it != s.tables().end()) table = it->second.name;
    }
    // Someone who took back their consent to be named keeps their row without name,
    // organisation or e-mail ("Name withheld"), as in every other export.
    const bool named = !member.credit_withdrawn;
    csv += clean_csv_line({named ? member.name : w.text("author.withheld"),
                           named ? member.organisation : "", member.group, t ? t->name : "", table,
                           named ? member.email : "", member.credit ? "yes" : "no"});
  }
  return csv;
}

std::string results_csv(const domain::event_state& s) {
  const auto& groups = s.groups();
  const report::words w(s.info().language);
  std::vector<std::string> header =
      headers(w, {"csv.round", "csv.round_title", "csv.state", "csv.items", "csv.rank", "csv.item",
                  "csv.item_text", "csv.votes", "csv.voters", "csv.consensus"});
  for (const auto& g : groups) {
    header.push_back(w.fill("csv.code_voters", {{"group", g.code}}));
    header.push_back(w.fill("csv.code_votes", {{"group", g.code}}));
  }
  std::string csv = protocol::csv_line(header);
  for (const auto& [id, round] : s.rounds()) {
    for (const auto& r : s.results(id)) {
      std::array<char, 16> consensus{};
      std::snprintf(consensus.data(), consensus.size(), "%.3f", r.consensus);
      std::vector<std::string> row{std::to_string(id),
                                   round.title,
                                   std::string(domain::to_string(round.state)),
                                   std::string(domain::to_string(round.kind)),
                                   std::to_string(r.rank),
                                   std::to_string(r.item),
                                   s.item_label(round, r.item),
                                   std::to_string(r.votes),
                                   std::to_string(r.voters),
                                   consensus.data()};
      for (const auto& g : groups) {
        const auto v = r.voters_by_group.find(g.code);
        const auto n = r.votes_by_group.find(g.code);
        row.push_back(std::to_string(v == r.voters_by_group.end() ? 0 : v->second));
        row.push_back(std::to_string(n == r.votes_by_group.end() ? 0 : n->second));
      }
      csv += clean_csv_line(std::move(row));
    }
  }
  return csv;
}

rendered_file archive_zip(const domain::event_state& s) {
  std::vector<std::pair<std::string, std::string>> parts;
  for (const auto f :
       {export_format::markdown, export_format::html, export_format::docx, export_format::json,
        export_format::ideas_csv, export_format::votes_csv, export_format::participants_csv}) {
    auto file = render_export(s, f, true);
    parts.emplace_back(std::move(file.filename), std::move(file.body));
  }
  parts.emplace_back("results-" + s.info().code + ".csv", results_csv(s));
  return {"application/zip", report::zip_package(parts), "event-" + s.info().code + ".zip"};
}

namespace {

bool write_file(const std::filesystem::path& path, const std::string& body) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(body.data(), static_cast<std::streamsize>(body.size()));
  f.close();
  if (!f) {
    std::cerr << "roundtable export: cannot write " << path.string() << "\n";
    return false;
  }
  return true;
}

}  // namespace

int export_command(const std::string& db, const std::string& code, const std::string& format,
                   const std::string& out) {
  std::optional<export_format> f;
  if (format == "md") f = export_format::markdown;
  if (format == "html") f = export_format::html;
  if (format == "docx") f = export_format::docx;
  if (format == "json") f = export_format::json;
  if (!f && format != "csv") {
    std::cerr << "roundtable export: --format is md, html, docx, json or csv\n";
    return 2;
  }
  std::error_code missing;  // not found, or not reachable (std::filesystem would throw)
  if (!std::filesystem::exists(db, missing)) {
    std::cerr << "roundtable export: no database at " << db
              << (missing ? " (" + missing.message() + ")" : "") << "\n";
    return 1;
  }
  const auto normal = domain::normalize_join_code(code);
  try {
    storage::store store(db);
    std::optional<storage::loaded_event> found;
    for (auto& e : store.load_events()) {
      if (normal && e.info.code == *normal) found = std::move(e);
    }
    if (!found) {
      std::cerr << "roundtable export: the database has no event " << code << "\n";
      return 1;
    }
    const auto state = load_state(std::move(*found));
    if (f) return write_file(out, render_export(state, *f, true).body) ? 0 : 1;
    std::filesystem::create_directories(out);
    for (const auto& [kind, name] :
         {std::pair{export_format::ideas_csv, "ideas.csv"},
          std::pair{export_format::votes_csv, "votes.csv"},
          std::pair{export_format::participants_csv, "participants.csv"}}) {
      if (!write_file(std::filesystem::path(out) / name, render_export(state, kind, true).body))
        return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "roundtable export: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace rt::app
