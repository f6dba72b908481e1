// export.cpp: choosing, rendering and writing exports.
#include "app/export.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/loading.hpp"
#include "domain/join_code.hpp"
#include "report/build.hpp"
#include "report/render.hpp"
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
      return {"text/markdown; charset=utf-8", report::render_markdown(doc), "report-" + code + ".md"};
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
  if (!std::filesystem::exists(db)) {
    std::cerr << "roundtable export: no database at " << db << "\n";
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
    for (const auto& [kind, name] : {std::pair{export_format::ideas_csv, "ideas.csv"},
                                    std::pair{export_format::votes_csv, "votes.csv"},
                                    std::pair{export_format::participants_csv, "participants.csv"}}) {
      if (!write_file(std::filesystem::path(out) / name, render_export(state, kind, true).body)) return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "roundtable export: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace rt::app
