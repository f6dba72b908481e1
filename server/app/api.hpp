// api.hpp: the HTTP API, for what does not fit a WebSocket message (files).
//
//   POST /api/events/CODE/roster      text/csv  → 200 the people created, with their tokens
//                                                  400 {"error":"bad_roster","problems":[...]}
//        (with an Idempotency-Key header, a repeat of an upload gets the first answer)
//   GET  /api/events/CODE/roster.csv             → the roster as CSV
//   GET  /api/events/CODE/results.csv            → every round's results as CSV
//   GET  /api/events/CODE/report.{md,html,docx,json}, {ideas,votes,participants}.csv
//                                                → the report and the data files (export.hpp)
//
// Every route needs `Authorization: Bearer CODE.secret` with a facilitator's token of that
// event (the published report: any member's). Errors are JSON: {"error": code, "message": text}
// with the code's HTTP status (domain/errors.hpp). The routes that read check the token and
// render the file in one event_room::read_committed call; the import is a room request.
// Thread-safety: called on a connection's thread; answers from the room's strand. The answer
// builders below are pure.
#pragma once

#include <string>
#include <vector>

#include "domain/event_state.hpp"
#include "net/http_server.hpp"

namespace rt::app {

class hub;

net::api_handler make_api(hub& h);

// An error answer: the code's HTTP status and {"error": name, "message": message}.
net::api_response json_error(domain::errc code, std::string message);

// 400 bad_roster: `message`, and every problem ({"row", "message", "code", "params"}); nothing was
// imported.
net::api_response roster_problems_answer(std::string message,
                                         const std::vector<domain::roster_problem>& problems);

// 200: the imported people, each with their one-time token (tokens[i] is members[i]'s; the
// only time a token is shown: only its hash is stored), and the tables the import created.
net::api_response roster_imported_answer(const domain::roster_imported& imported,
                                         const std::vector<std::string>& tokens);

// A roster file as read: its rows, or the problem that keeps it from being read.
struct roster_file {
  std::vector<domain::roster_row> rows;
  std::optional<domain::roster_problem> problem;
  explicit operator bool() const { return !problem; }
};

// The rows of a roster file: a header naming the columns name, organisation, group, track
// and optionally table and email (any order, any case), then one row per person. Its problem
// when the file is not UTF-8 CSV ("csv"), is empty ("empty"), a column is unknown, repeated or
// missing ("unknown_column", "column_twice", "column_missing"), it has too many rows
// ("too_many_rows"), or a row has another number of cells than the header ("cells", with the
// row's number).
roster_file read_roster(std::string_view csv);

}  // namespace rt::app
