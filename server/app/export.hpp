// export.hpp: the report and the facilitator's data files (and the roster and results CSV),
// rendered for a download or for `roundtable export`.
//
// Thread-safety: render_export(), roster_csv() and results_csv() read the state, which must
// not change during the call (the HTTP routes call them through event_room::read_committed,
// on the room's strand); export_command() owns everything it touches.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/event_state.hpp"

namespace rt::app {

enum class export_format { markdown, html, docx, json, ideas_csv, votes_csv, participants_csv };

// The format an HTTP file name asks for ("report.md", "ideas.csv", ...), if any.
std::optional<export_format> format_of_file(std::string_view file);

// Whether only facilitators may have it (the CSV files).
bool facilitator_only(export_format f);

struct rendered_file {
  std::string content_type;
  std::string body;
  std::string filename;  // e.g. "report-K7QX2M.md"
};

// `facilitator`: the JSON holds the facilitator's data too.
rendered_file render_export(const domain::event_state& s, export_format f, bool facilitator);

// The roster as a facilitator downloads it (roster.csv): a header, then one row per
// participant with name, organisation, group, track, table and email, the columns that
// read_roster (api.hpp) reads back.
std::string roster_csv(const domain::event_state& s);

// Everything the event holds, for the admin to keep before deleting it (archive.zip): the
// report as Markdown, HTML, Word and JSON (the facilitator's), ideas.csv, votes.csv,
// participants.csv and results.csv.
rendered_file archive_zip(const domain::event_state& s);

// Every round's results (results.csv): per item its rank, votes, voters and consensus, and per
// stakeholder group its voters and votes; never who voted.
std::string results_csv(const domain::event_state& s);

// `roundtable export --db FILE --event CODE --format md|html|docx|json|csv --out PATH`: reads a
// (stopped) server's database and writes the file; for csv, PATH is a folder that receives
// ideas.csv, votes.csv and participants.csv. Returns the exit code; says why on stderr.
int export_command(const std::string& db, const std::string& code, const std::string& format,
                   const std::string& out);

}  // namespace rt::app
