// harness.hpp: what every scenario shares: the options, the target server, the sessions, the
// measurements, and the scenario interface with its registry.
//
// A run measures ONE target (Roundtable or the bare broadcast server). The driver thread (the
// one that calls setup/run/report) starts sessions, paces posts and waits; the io_pool threads
// run the sessions. Every wait is bounded by a deadline.
//
// Adding a scenario: derive from `scenario`, implement setup/run/report with the helpers
// below, and add one line to the registry in scenarios.cpp.
//
// Thread-safety: a run_context belongs to the driver thread; what sessions share with it is
// in shared_run (session.hpp).
#pragma once

#include <sys/types.h>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "ideas.hpp"
#include "proc.hpp"
#include "session.hpp"
#include "stats.hpp"
#include "ws_client.hpp"

namespace rt::bench {

struct options {
  std::string scenario = "ideation";
  // The target: a server this tool starts (server_bin / bare_bin) or a running one (url).
  std::string server_bin;
  std::string bare_bin;
  std::string url;                    // ws://127.0.0.1:PORT/ws
  std::string admin_secret;           // with url
  std::string db;                     // with url: the database to check for lost changes
  std::string target = "roundtable";  // or "bare"
  bool compare_bare = false;
  unsigned server_threads = 0;         // --threads of the started servers (0: their default)
  int max_commands_per_second = 1000;  // for a started Roundtable

  std::uint32_t participants = 65;
  std::uint32_t posters = 0;  // 0: ideation: all participants; saturation: 50
  double rate = 1.0;          // ideas per second, overall (ideation); keystrokes per second
                              // per editor (co-edit)
  double duration = 30;       // seconds of load
  double drain = 10;          // at most this long for the last answers and deliveries
  std::size_t idea_length = 100;
  std::size_t max_ideas = 1'000'000;
  bool facilitator = true;
  bool similar = false;  // ideation: each post follows the similar_ideas question of its text

  std::uint32_t storm_ideas = 20;  // ideas posted while everyone is offline
  double storm_timeout = 60;       // for everyone to be caught up
  double hold = 3;                 // idle: seconds connected before measuring

  std::uint32_t editors = 100;  // co-edit: editors in one section (they are the participants)
  std::size_t max_section_chars =
      0;                   // --max-section-chars for a started Roundtable (0: its default)
  bool same_spot = false;  // co-edit: everyone types forward at one shared spot
  bool no_runs = false;    // co-edit: peers do not mark runs (the old tie rule)
  double delay_ms = 0;     // co-edit: editors see section_updates this late

  std::uint32_t vote_items = 20;  // vote-storm: ideas in the round
  double vote_window = 10;        // vote-storm: seconds over which all votes are spread
  std::uint64_t seed = 0;         // vote-storm: 0: random

  unsigned threads = 2;                // load generator io threads
  std::uint32_t sources = 8;           // loopback source addresses 127.0.0.2...
  std::uint32_t connect_window = 256;  // connections being set up at once
  double connect_timeout = 180;

  bool smoke = false;
  bool keep = false;  // keep the temporary directory
  std::string label;
  std::string json_out;  // also append the JSON line to this file
};

struct target_info {
  bool bare = false;
  ws_target ws;
  std::string admin_secret;
  std::string db_path;  // empty: not checked
  pid_t pid = 0;        // 0: not ours, not sampled
};

// The event the run created.
struct event_info {
  std::string code;
  std::int64_t id = 0;
  std::int64_t track = 1;
  std::string facilitator_token;
};

// Start of a measured window: counters and CPU times.
struct probe {
  std::int64_t t_ns = 0;
  double self_cpu = 0;
  proc_sample server;
  std::uint64_t frames = 0, messages = 0, deliveries = 0, bytes = 0;
};

class run_context {
 public:
  run_context(const options& o, target_info t, std::ostream& human);
  ~run_context();  // stops the io threads, then drops the sessions
  run_context(const run_context&) = delete;
  run_context& operator=(const run_context&) = delete;

  const options& opt;
  const target_info target;
  std::ostream& out;                  // the human report
  nlohmann::json result;              // this run's fields of the JSON line
  bool completed = true;              // false: the scenario could not run as asked
  std::vector<std::string> problems;  // why not, or what went wrong

  shared_run shared;
  std::unique_ptr<io_pool> pool;
  std::unique_ptr<idea_table> ideas;
  std::vector<std::unique_ptr<session>> participants;
  std::unique_ptr<session> facilitator;
  std::unique_ptr<session> admin;
  event_info event;
  std::unique_ptr<process_monitor> monitor;  // when target.pid

  // --- Helpers for scenarios (driver thread) ---

  // Roundtable: admin connection, auth_admin, create_event. Bare: nothing. False on failure
  // (problems says why).
  bool create_event();
  // Roundtable: the facilitator resumes with its token (a staff receiver of every change).
  bool connect_facilitator();
  // Adds `count` participants (join, or just open for bare), at most opt.connect_window being
  // set up at once; true when all are ready within opt.connect_timeout.
  bool connect_participants(std::uint32_t count);
  // Sessions that receive every idea: participants (+ facilitator).
  std::uint32_t receivers() const;
  // Polls `done` every few ms until it holds or `seconds` pass; returns its last value.
  bool wait_until(const std::function<bool()>& done, double seconds);
  // Server RSS now (0 when not sampled).
  std::uint64_t server_rss_kb() const;

  probe begin_window() const;
  // Rates and CPU over the window since `p`, as JSON fields.
  nlohmann::json end_window(const probe& p) const;
  // Clears the per-thread latency histograms; merged copies of them.
  void clear_latencies();
  latency_histogram merged_ack() const;
  latency_histogram merged_delivery() const;
  // Every idea acked so far with its id and text (for the lost-change check).
  std::vector<acked_idea> acked_ideas() const;
  // Drops every connection (TCP reset) and waits until the io threads saw it.
  void drop_all();

  void fail(std::string why);
};

class scenario {
 public:
  virtual ~scenario() = default;
  // Whether the scenario means anything against the bare broadcast server.
  virtual bool supports_bare() const = 0;
  // Connects and prepares; false when the run cannot go on.
  virtual bool setup(run_context& ctx) = 0;
  // The measured part.
  virtual bool run(run_context& ctx) = 0;
  // Writes figures into ctx.result and lines to ctx.out; sets ctx.completed / problems.
  virtual void report(run_context& ctx) = 0;
  // After the server stopped (a started server) or at the end (--url with --db): checks the
  // database read-only, writes fields into `result` and lines to `out`. Returns false when a
  // check failed (then the run exits with status 1, as for a lost idea).
  virtual bool check_database(const std::string& /*db_path*/, std::int64_t /*event_id*/,
                              nlohmann::json& /*result*/, std::vector<std::string>& /*problems*/,
                              std::ostream& /*out*/) {
    return true;
  }
};

using scenario_factory = std::function<std::unique_ptr<scenario>()>;
// Every scenario by name.
const std::map<std::string, scenario_factory>& scenario_registry();
// The scenarios that live in files of their own.
std::unique_ptr<scenario> make_co_edit();  // coedit_scenario.cpp

// Helpers for reports.
nlohmann::json to_json(const latency_summary& s);
nlohmann::json to_json(const delivery_accounting& a);

}  // namespace rt::bench
