// api.cpp: the /api/ routes.
#include "api.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <functional>
#include <map>

#include "app/export.hpp"
#include "app/hub.hpp"
#include "app/secrets.hpp"
#include "domain/join_code.hpp"
#include "protocol/csv.hpp"
#include "protocol/messages.hpp"
#include "report/words.hpp"

namespace rt::app {

using nlohmann::json;

using respond_fn = std::function<void(net::api_response)>;

net::api_response json_error(domain::errc code, std::string message) {
  const domain::error e{code, std::move(message)};
  return net::api_response{domain::info(code).http_status, "application/json",
                           protocol::http_error(e), ""};
}

net::api_response roster_problems_answer(std::string message,
                                         const std::vector<domain::roster_problem>& problems) {
  json list = json::array();
  for (const auto& p : problems) {
    json params = json::object();
    for (const auto& [k, v] : p.texts) params[k] = v;
    for (const auto& [k, v] : p.numbers) params[k] = v;
    list.push_back({{"row", p.row}, {"message", p.message}, {"code", p.code}, {"params", params}});
  }
  const auto code = domain::errc::bad_roster;
  return net::api_response{domain::info(code).http_status, "application/json",
                           json{{"error", domain::name(code)},
                                {"message", std::move(message)},
                                {"problems", std::move(list)}}
                               .dump(),
                           ""};
}

net::api_response roster_imported_answer(const domain::roster_imported& imported,
                                         const std::vector<std::string>& tokens) {
  json people = json::array();
  for (std::size_t i = 0; i < imported.members.size(); ++i) {
    json m = protocol::to_json(imported.members[i]);
    m["token"] = tokens.at(i);
    people.push_back(std::move(m));
  }
  json tables = json::array();
  for (const auto& t : imported.tables) tables.push_back(protocol::to_json(t));
  return net::api_response{
      200, "application/json",
      json{{"members", std::move(people)}, {"tables", std::move(tables)}}.dump(), ""};
}

namespace {

bool is_facilitator(const domain::member* m) {
  return m != nullptr && m->member_role == domain::role::facilitator;
}

net::api_response csv_answer(std::string body, std::string filename) {
  return net::api_response{200, "text/csv; charset=utf-8", std::move(body), std::move(filename)};
}

// GET roster.csv: facilitators.
void get_roster(event_room& room, std::string hash, respond_fn respond) {
  room.read_committed([hash = std::move(hash),
                       respond = std::move(respond)](const domain::event_state& s) {
    if (!is_facilitator(s.find_member_by_token(hash))) {
      return respond(json_error(domain::errc::forbidden, "Only a facilitator exports the roster."));
    }
    respond(csv_answer(roster_csv(s), "roster-" + s.info().code + ".csv"));
  });
}

// GET results.csv: facilitators.
void get_results(event_room& room, std::string hash, respond_fn respond) {
  room.read_committed([hash = std::move(hash),
                       respond = std::move(respond)](const domain::event_state& s) {
    if (!is_facilitator(s.find_member_by_token(hash))) {
      return respond(json_error(domain::errc::forbidden, "Only a facilitator exports results."));
    }
    respond(csv_answer(results_csv(s), "results-" + s.info().code + ".csv"));
  });
}

// GET the report or a data file: facilitators always; the report (not the CSV files) for
// every member once it is published.
void get_file(event_room& room, std::string hash, export_format f, respond_fn respond) {
  room.read_committed([hash = std::move(hash), f,
                       respond = std::move(respond)](const domain::event_state& s) {
    const auto* m = s.find_member_by_token(hash);
    if (m == nullptr)
      return respond(json_error(domain::errc::bad_token, "This token is not known."));
    const bool facilitator = is_facilitator(m);
    if (!facilitator && facilitator_only(f)) {
      return respond(
          json_error(domain::errc::forbidden, "Only a facilitator downloads this file."));
    }
    if (!facilitator && !s.report().published) {
      return respond(json_error(domain::errc::not_published, "The report is not published yet."));
    }
    auto file = render_export(s, f, facilitator);
    respond(net::api_response{200, std::move(file.content_type), std::move(file.body),
                              std::move(file.filename)});
  });
}

// GET my-data.json: any member, their own data (the token says whose), as an attachment.
// Their section edits come from the database: a section keeps only its recent ones in memory.
void get_my_data(const std::shared_ptr<event_room>& room, std::string hash, respond_fn respond) {
  room->read_committed(
      [room, hash = std::move(hash), respond = std::move(respond)](const domain::event_state& s) {
        const auto* m = s.find_member_by_token(hash);
        auto data = m ? s.data_of(m->id) : std::nullopt;
        if (!data) return respond(json_error(domain::errc::bad_token, "This token is not known."));
        auto held = std::make_shared<domain::member_data>(std::move(*data));
        room->read_edits(held->profile.id, [room, held, respond](auto edits) {
          if (!edits) return respond(json_error(domain::errc::storage_failed, "Try again."));
          held->edits = std::move(*edits);
          // Back on the strand, where the state may be read (the names of what they wrote).
          room->read_committed([held, respond](const domain::event_state& s) {
            respond(net::api_response{200, "application/json",
                                      protocol::dump(protocol::member_data_json(s, *held)),
                                      "my-data-" + s.info().code + ".json"});
          });
        });
      });
}

// GET archive.zip: a facilitator, or the admin (`facilitator` already decided). Records the
// download, so that the admin may delete the event while it does not change again.
void get_archive(const std::shared_ptr<event_room>& room, std::optional<std::string> hash,
                 respond_fn respond) {
  room->read_committed([room, hash = std::move(hash),
                        respond = std::move(respond)](const domain::event_state& s) mutable {
    if (hash && !is_facilitator(s.find_member_by_token(*hash))) {
      return respond(json_error(domain::errc::forbidden, "Only a facilitator downloads this."));
    }
    auto file = std::make_shared<rendered_file>(archive_zip(s));
    room->record_export(s.seq(), [file, respond = std::move(respond)](std::exception_ptr e) {
      if (e) return respond(json_error(domain::errc::storage_failed, "Try again."));
      respond(net::api_response{200, std::move(file->content_type), std::move(file->body),
                                std::move(file->filename)});
    });
  });
}

std::string lower_trimmed(std::string_view s) {
  std::string out(domain::trim(s));
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

roster_file read_roster(std::string_view csv) {
  const auto fail = [](domain::roster_problem p) { return roster_file{{}, std::move(p)}; };
  auto rows = protocol::parse_csv(csv);
  if (!rows) return fail({0, rows.err().message, "csv"});
  if (rows.value().empty()) return fail({0, "The file is empty.", "empty"});
  // participants.csv (an export) names its credit column "credited" and has a role column;
  // both exports write their headers in the event's language (report::roster_column).
  static constexpr std::array<std::string_view, 8> known{"name",  "organisation", "group",  "track",
                                                         "table", "email",        "credit", "role"};
  std::map<std::string, std::size_t> column;
  const auto& header = rows.value().front();
  for (std::size_t i = 0; i < header.size(); ++i) {
    // English, or the headers of roster.csv and participants.csv in any of the languages.
    const auto named = report::roster_column(header[i]);
    const std::string name = named ? *named : lower_trimmed(header[i]);
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      return fail({0,
                   "Unknown column \"" + std::string(header[i]) +
                       "\"; the columns are name, organisation, group, track, table, email, "
                       "credit and role.",
                   "unknown_column",
                   {{"column", std::string(header[i])}}});
    }
    if (!column.emplace(name, i).second) {
      return fail(
          {0, "The column \"" + name + "\" appears twice.", "column_twice", {{"column", name}}});
    }
  }
  for (const char* required : {"name", "organisation", "group", "track"}) {
    if (!column.contains(required)) {
      return fail({0,
                   std::string("The column \"") + required + "\" is missing.",
                   "column_missing",
                   {{"column", required}}});
    }
  }
  if (rows.value().size() - 1 > domain::max_roster_rows) {
    return fail({0,
                 "The file has " + std::to_string(rows.value().size() - 1) + " rows; at most " +
                     std::to_string(domain::max_roster_rows) + " are imported at once.",
                 "too_many_rows",
                 {},
                 {{"max", static_cast<long long>(domain::max_roster_rows)}}});
  }
  std::vector<domain::roster_row> out;
  for (std::size_t r = 1; r < rows.value().size(); ++r) {
    const auto& cells = rows.value()[r];
    if (cells.size() != header.size()) {
      return fail({r,
                   "The row has " + std::to_string(cells.size()) + " cells; the header has " +
                       std::to_string(header.size()) + ".",
                   "cells",
                   {},
                   {{"cells", static_cast<long long>(cells.size())},
                    {"header", static_cast<long long>(header.size())}}});
    }
    auto cell = [&](const char* name) {
      const auto it = column.find(name);
      return it == column.end() ? std::string() : cells[it->second];
    };
    domain::roster_row row;
    row.name = cell("name");
    row.organisation = cell("organisation");
    row.group = cell("group");
    row.track = cell("track");
    row.table = cell("table");
    row.email = cell("email");
    row.credit = cell("credit");
    row.role = cell("role");
    out.push_back(std::move(row));
  }
  return roster_file{std::move(out), std::nullopt};
}

net::api_handler make_api(hub& h) {
  return [&h](const net::api_request& req, std::function<void(net::api_response)> respond) {
    // /api/events/CODE/<what>
    std::string_view path(req.target);
    path = path.substr(0, path.find('?'));
    constexpr std::string_view prefix = "/api/events/";
    if (!path.starts_with(prefix))
      return respond(json_error(domain::errc::not_found, "No such address."));
    path.remove_prefix(prefix.size());
    const auto slash = path.find('/');
    if (slash == std::string_view::npos)
      return respond(json_error(domain::errc::not_found, "No such address."));
    const auto code = domain::normalize_join_code(path.substr(0, slash));
    const std::string_view what = path.substr(slash + 1);
    auto room = code ? h.find(*code) : nullptr;
    if (!room) return respond(json_error(domain::errc::bad_code, "No event has this join code."));

    constexpr std::string_view bearer = "Bearer ";
    const std::string_view auth(req.authorization);
    const auto token =
        auth.starts_with(bearer) ? split_token(auth.substr(bearer.size())) : std::nullopt;
    const bool get = req.method == "GET" || req.method == "HEAD";
    if (what == "archive.zip" && get && !token && auth.starts_with(bearer)) {
      // The admin's secret (checked, and slowed after wrong tries, as auth_admin is).
      const std::string secret(auth.substr(bearer.size()));
      return h.check_admin_secret(
          secret, address_of(req.peer),
          [room, respond = std::move(respond)](std::optional<domain::error> e) mutable {
            if (e) return respond(json_error(e->code, e->message));
            get_archive(room, std::nullopt, std::move(respond));
          });
    }
    if (!token || token->code != room->info().code) {
      return respond(json_error(domain::errc::bad_token, "A token of this event is needed."));
    }
    const std::string hash = sha256_hex(token->secret);

    if (what == "roster" && req.method == "POST") {
      auto file = read_roster(req.body);
      if (!file) {
        const std::string why = file.problem->message;
        return respond(roster_problems_answer(why, {*file.problem}));
      }
      if (req.idempotency_key.size() > 100) {
        return respond(
            json_error(domain::errc::bad_value, "An Idempotency-Key has at most 100 characters."));
      }
      return room->import_roster(hash, std::move(file.rows), req.idempotency_key,
                                 std::move(respond));
    }
    if (what == "archive.zip" && get) return get_archive(room, hash, std::move(respond));
    if (what == "roster.csv" && get) return get_roster(*room, hash, std::move(respond));
    if (what == "my-data.json" && get) return get_my_data(room, hash, std::move(respond));
    if (what == "results.csv" && get) return get_results(*room, hash, std::move(respond));
    if (const auto f = format_of_file(what); f && get) {
      return get_file(*room, hash, *f, std::move(respond));
    }
    respond(json_error(domain::errc::not_found, "No such address."));
  };
}

}  // namespace rt::app
