// main.cpp: the `roundtable-loadgen` command line: starts (or finds) the target server, runs a
// scenario against it (and against the bare broadcast server with --compare-bare), checks
// that no acknowledged idea was lost, and prints a human report followed by ONE line of JSON
// as the last line of stdout.
//
// Exit status: 0 ok; 1 an acknowledged idea (or vote) is missing from the database, the
// tallies differ from it (vote-storm), the editors or the database disagree with the server's
// text or a keystroke is missing from it (co-edit), or the check could not run; 2 the run
// could not be set up; 3 (--smoke) not every client got every idea.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "harness.hpp"
#include "lost_check.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace rt::bench;

namespace {

// A started server and what it printed.
struct started_server {
  child_process process;
  std::uint16_t port = 0;
  std::string admin_secret;
  std::string log_path;
};

std::optional<std::uint16_t> port_of(const std::string& line) {
  const auto colon = line.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  try {
    return static_cast<std::uint16_t>(std::stoul(line.substr(colon + 1)));
  } catch (...) {
    return std::nullopt;
  }
}

// Starts `roundtable serve` on a fresh database in `dir`; false with `why` on failure.
bool start_roundtable(const options& o, const fs::path& dir, started_server& s, std::string& why) {
  std::vector<std::string> argv{
      o.server_bin, "serve", "--host", "127.0.0.1", "--port", "0", "--db", (dir / "rt.db").string(),
      "--web-root", (dir / "web").string(), "--log-level", "warn", "--max-commands-per-second",
      std::to_string(o.max_commands_per_second),
      // every simulated person comes from this one address
      "--max-connections-per-address", "0", "--max-joins-per-address", "0"};
  if (o.server_threads > 0) {
    argv.push_back("--threads");
    argv.push_back(std::to_string(o.server_threads));
  }
  if (o.max_section_chars > 0) {
    argv.push_back("--max-section-chars");
    argv.push_back(std::to_string(o.max_section_chars));
  }
  s.log_path = (dir / "roundtable.log").string();
  fs::create_directories(dir / "web");  // a web root, so that the log shows only real warnings
  std::ofstream(dir / "web" / "index.html") << "<!doctype html><title>bench</title>\n";
  if (!s.process.start(argv, s.log_path)) {
    why = s.process.error();
    return false;
  }
  for (int i = 0; i < 4; ++i) {
    const auto line = s.process.read_line(std::chrono::seconds(15));
    if (!line) break;
    if (line->starts_with("Roundtable listening on")) {
      s.port = port_of(*line).value_or(0);
    } else if (const auto k = line->find("#k="); k != std::string::npos) {
      s.admin_secret = line->substr(k + 3);
      break;
    }
  }
  if (s.port == 0 || s.admin_secret.empty()) {
    why = "the server did not print its port and admin link (see " + s.log_path + ")";
    return false;
  }
  return true;
}

bool start_bare(const options& o, const fs::path& dir, started_server& s, std::string& why) {
  std::vector<std::string> argv{o.bare_bin, "--port", "0"};
  if (o.server_threads > 0) {
    argv.push_back("--threads");
    argv.push_back(std::to_string(o.server_threads));
  }
  s.log_path = (dir / "bare.log").string();
  if (!s.process.start(argv, s.log_path)) {
    why = s.process.error();
    return false;
  }
  if (const auto line = s.process.read_line(std::chrono::seconds(15)))
    s.port = port_of(*line).value_or(0);
  if (s.port == 0) {
    why = "the bare server did not print its port";
    return false;
  }
  return true;
}

// ws://HOST:PORT/PATH
bool parse_url(const std::string& url, ws_target& t) {
  const std::string scheme = "ws://";
  if (!url.starts_with(scheme)) return false;
  const auto rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const auto hostport = rest.substr(0, slash);
  t.path = slash == std::string::npos ? "/ws" : rest.substr(slash);
  const auto colon = hostport.rfind(':');
  if (colon == std::string::npos) return false;
  t.host = hostport.substr(0, colon);
  try {
    t.port = static_cast<std::uint16_t>(std::stoul(hostport.substr(colon + 1)));
  } catch (...) {
    return false;
  }
  return t.host.starts_with("127.");  // loopback only
}

// A keep-alive HTTP connection to 127.0.0.1:port; -1 on failure.
int http_connection(std::uint16_t port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  timeval tv{2, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// GET /healthz on `fd`: the server's count of open WebSockets, or nullopt.
std::optional<long> open_websockets(int fd) {
  static constexpr std::string_view req = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  if (send(fd, req.data(), req.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(req.size())) {
    return std::nullopt;
  }
  std::string got;
  char buf[2048];
  while (got.find("}\n") == std::string::npos) {
    const auto n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return std::nullopt;
    got.append(buf, static_cast<std::size_t>(n));
  }
  const auto v = wire::int_field(got, "connections");
  if (!v) return std::nullopt;
  return static_cast<long>(*v);
}

std::size_t count_lines(const std::string& path) {
  std::ifstream in(path);
  std::size_t n = 0;
  std::string line;
  while (std::getline(in, line)) ++n;
  return n;
}

std::string tail(const std::string& path, std::size_t lines) {
  std::ifstream in(path);
  std::vector<std::string> all;
  std::string line;
  while (std::getline(in, line)) all.push_back(line);
  std::string out;
  for (std::size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i) {
    out += "    " + all[i] + "\n";
  }
  return out;
}

// One scenario against one target. Returns the run's JSON (with "ok", "lost", "completed").
json run_target(const options& o, bool bare, std::ostream& out) {
  json r;
  r["target"] = bare ? "bare" : "roundtable";
  out << "== " << o.scenario << " against " << (bare ? "the bare broadcast server" : "Roundtable")
      << " ==\n";
  char tmpl[] = "/tmp/rt-bench-XXXXXX";
  const char* made = mkdtemp(tmpl);
  if (!made) {
    r["completed"] = false;
    r["problems"] = json::array({"cannot create a temporary directory"});
    return r;
  }
  const fs::path dir(made);
  started_server server;
  target_info t;
  t.bare = bare;
  std::string why;
  const bool start_it = bare ? !o.bare_bin.empty() : !o.server_bin.empty();
  if (start_it) {
    const bool ok = bare ? start_bare(o, dir, server, why) : start_roundtable(o, dir, server, why);
    if (!ok) {
      r["completed"] = false;
      r["problems"] = json::array({why});
      return r;
    }
    t.ws.port = server.port;
    t.admin_secret = server.admin_secret;
    t.pid = server.process.pid();
    if (!bare) t.db_path = (dir / "rt.db").string();
  } else {
    parse_url(o.url, t.ws);
    t.admin_secret = o.admin_secret;
    t.db_path = o.db;
  }
  out << "  target ws://" << t.ws.host << ":" << t.ws.port << t.ws.path
      << (t.pid ? " (pid " + std::to_string(t.pid) + ", started here)" : "") << "\n";

  std::vector<acked_idea> acked;
  std::int64_t event_id = 0;
  bool completed = true;
  std::vector<std::string> problems;
  // The scenario outlives the io threads (its callbacks run on them) and checks the database.
  auto sc = scenario_registry().at(o.scenario)();
  {
    run_context ctx(o, t, out);
    ctx.result = json::object();
    const bool ran = sc->setup(ctx) && sc->run(ctx);
    if (ran) sc->report(ctx);
    if (ctx.monitor) r["server_peak_rss_kb"] = ctx.monitor->peak_rss_kb();
    if (t.pid) {
      const auto s = sample_process(t.pid);
      r["server_hwm_kb"] = s.hwm_kb;
      r["server_cpu_total_s"] = s.cpu_s;
    }
    acked = ctx.acked_ideas();
    event_id = ctx.event.id;
    completed = ran && ctx.completed;
    problems = ctx.problems;
    r.update(ctx.result);
    r["run_ok"] = ran;
    ctx.drop_all();
  }  // the io threads stop here
  if (start_it) {
    // Wait (bounded) until the server has noticed that every WebSocket is gone, through an
    // HTTP connection that stays open until the server has stopped: servers before the fix
    // described in docs/performance.md hung on SIGTERM when no connection was open.
    const int keeper = bare ? -1 : http_connection(t.ws.port);
    if (keeper >= 0) {
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
      std::optional<long> open;
      while ((open = open_websockets(keeper)) && *open > 0 &&
             std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
      r["server_open_websockets_at_stop"] = open ? *open : -1;
    }
    const auto stop_start = now_ns();
    const int status = server.process.stop(std::chrono::seconds(20));
    r["server_stop_s"] = (now_ns() - stop_start) / 1e9;
    if (keeper >= 0) close(keeper);
    r["server_exit_status"] = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    const auto log_lines = count_lines(server.log_path);
    r["server_log_lines"] = log_lines;
    if (log_lines > 0) {
      out << "  server log (" << log_lines << " lines at warn level), last ones:\n"
          << tail(server.log_path, 5);
    }
    if (!(WIFEXITED(status) && WEXITSTATUS(status) == 0))
      problems.push_back("the server did not exit cleanly");
  }

  // No acknowledged change lost.
  if (!bare && !t.db_path.empty()) {
    const auto lost = check_acked_ideas(t.db_path, event_id, acked);
    r["lost_checked"] = lost.ok;
    r["lost"] = lost.lost + lost.wrong_text;
    out << "  lost: " << lost.lost + lost.wrong_text << " (of " << lost.checked
        << " acknowledged ideas checked in the database)\n";
    if (!lost.ok) {
      out << "  lost-change check failed: " << lost.error << "\n";
      problems.push_back("lost-change check failed: " + lost.error);
    }
    if (lost.lost + lost.wrong_text > 0) {
      std::string ids;
      for (auto id : lost.examples) ids += " " + std::to_string(id);
      problems.push_back("acknowledged ideas missing from the database:" + ids);
    }
    // Scenario-specific checks (vote-storm: every acked vote stored, tallies equal).
    if (!sc->check_database(t.db_path, event_id, r, problems, out)) r["db_check_failed"] = true;
    if (r.contains("votes_lost")) {
      r["lost"] = r["lost"].get<std::uint64_t>() + r["votes_lost"].get<std::uint64_t>() +
                  r["votes_extra"].get<std::uint64_t>();
      out << "  lost: " << r["lost"].get<std::uint64_t>() << " (ideas and votes)\n";
    }
    if (r.contains("keystrokes_lost")) {
      r["lost"] = r["lost"].get<std::uint64_t>() + r["keystrokes_lost"].get<std::uint64_t>();
      out << "  lost: " << r["lost"].get<std::uint64_t>() << " (ideas and keystrokes)\n";
    }
  } else {
    r["lost_checked"] = false;
    r["lost"] = 0;
    if (!bare) out << "  lost: not checked (no --db)\n";
  }
  r["completed"] = completed;
  r["problems"] = problems;
  for (const auto& p : problems) out << "  problem: " << p << "\n";
  if (!o.keep) {
    std::error_code ec;
    fs::remove_all(dir, ec);
  } else {
    out << "  kept " << dir.string() << "\n";
  }
  return r;
}

double number_at(const json& j, const char* a, const char* b) {
  if (!j.contains(a) || !j[a].contains(b)) return 0;
  return j[a][b].get<double>();
}

json machine() {
  json m;
  m["nproc"] = sysconf(_SC_NPROCESSORS_ONLN);
  std::ifstream cpu("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpu, line)) {
    if (line.starts_with("model name")) {
      m["cpu"] = line.substr(line.find(':') + 2);
      break;
    }
  }
  std::ifstream mem("/proc/meminfo");
  std::getline(mem, line);
  m["mem"] = line;
  utsname u{};
  if (uname(&u) == 0) m["kernel"] = u.release;
  return m;
}

// A number at a '/'-separated path of a JSON object, if there is one.
std::optional<double> number_at_path(const json& j, const std::string& path) {
  const json* cur = &j;
  std::size_t pos = 0;
  while (pos <= path.size()) {
    const auto slash = path.find('/', pos);
    const std::string key =
        path.substr(pos, slash == std::string::npos ? std::string::npos : slash - pos);
    if (!cur->is_object() || !cur->contains(key)) return std::nullopt;
    cur = &(*cur)[key];
    if (slash == std::string::npos) break;
    pos = slash + 1;
  }
  if (cur->is_number()) return cur->get<double>();
  if (cur->is_boolean()) return cur->get<bool>() ? 1.0 : 0.0;
  return std::nullopt;
}

// --summarize: the median (and range) of the main figures of JSON lines, grouped by label, as
// a Markdown table.
int summarize_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "roundtable-loadgen: cannot read " << path << "\n";
    return 2;
  }
  std::vector<std::string> order;
  std::map<std::string, std::vector<json>> runs;
  std::string text;
  while (std::getline(in, text)) {
    if (text.empty() || text.front() != '{') continue;
    try {
      json j = json::parse(text);
      const std::string label = j.value("label", j.value("scenario", std::string("?")));
      if (!runs.contains(label)) order.push_back(label);
      runs[label].push_back(std::move(j));
    } catch (const std::exception&) {
    }
  }
  static const std::vector<std::pair<std::string, std::string>> metrics{
      {"ack/p50_ms", "ack p50 (ms)"},
      {"ack/p95_ms", "ack p95 (ms)"},
      {"ack/p99_ms", "ack p99 (ms)"},
      {"ack/max_ms", "ack max (ms)"},
      {"everyone/p50_ms", "post-to-everyone p50 (ms)"},
      {"everyone/p99_ms", "post-to-everyone p99 (ms)"},
      {"everyone/max_ms", "post-to-everyone max (ms)"},
      {"delivery/p99_ms", "delivery p99 (ms)"},
      {"acked_per_s", "ideas acked/s"},
      {"window/deliveries_per_s", "idea deliveries/s"},
      {"window/frames_per_s", "frames/s"},
      {"bare/acked_per_s", "bare: ideas/s"},
      {"bare/window/deliveries_per_s", "bare: deliveries/s"},
      {"bare/window/frames_per_s", "bare: frames/s"},
      {"ratio_deliveries", "deliveries/s vs bare"},
      {"ratio_frames", "frames/s vs bare"},
      {"server_kb_per_participant", "server KiB per participant"},
      {"server_kb_per_participant_idle", "server KiB per participant (idle)"},
      {"server_peak_rss_kb", "server peak RSS (KiB)"},
      {"connect_s", "connect all (s)"},
      {"all_caught_up_s", "all caught up (s)"},
      {"catch_up/p50_ms", "catch-up p50 (ms)"},
      {"catch_up/p99_ms", "catch-up p99 (ms)"},
      {"window/server_cpu_pct", "server CPU %"},
      {"window/loadgen_cpu_pct", "load generator CPU %"},
      {"bare/window/server_cpu_pct", "bare: server CPU %"},
      {"votes_per_s", "votes acked/s"},
      {"tally_delay_ms", "tally delay to facilitator (ms)"},
      {"round_opened_to_all_s", "round_opened to all (s)"},
      {"tallies_match", "tallies match (1 = yes)"},
      {"visible/p50_ms", "push-to-visible p50 (ms)"},
      {"visible/p90_ms", "push-to-visible p90 (ms)"},
      {"visible/p99_ms", "push-to-visible p99 (ms)"},
      {"visible/max_ms", "push-to-visible max (ms)"},
      {"visible_each/p50_ms", "push-to-each p50 (ms)"},
      {"visible_each/p99_ms", "push-to-each p99 (ms)"},
      {"push_answer/p99_ms", "push answer p99 (ms)"},
      {"confirm/p99_ms", "confirmation p99, all editors (ms)"},
      {"confirm_worst_p99_ms", "confirmation p99, worst editor (ms)"},
      {"confirm_worst_max_ms", "confirmation max (ms)"},
      {"keystrokes/typed", "keystrokes typed"},
      {"updates_accepted", "updates accepted"},
      {"pushes", "pushes"},
      {"push_refusals", "push refusals"},
      {"server_peak_rss_typing_kb", "server peak RSS while typing (KiB)"},
      {"fragments/mean", "fragments per run, mean"},
      {"fragments/max", "fragments per run, max"},
      {"fragments/whole_share", "share of runs kept whole"},
      {"lost", "lost"},
      {"ok", "ok (1 = yes)"},
  };
  std::cout << "| case | figure | median | min | max | runs |\n|---|---|---:|---:|---:|---:|\n";
  for (const auto& label : order) {
    for (const auto& [key, name] : metrics) {
      std::vector<double> v;
      for (const auto& j : runs[label]) {
        if (auto x = number_at_path(j, key)) v.push_back(*x);
      }
      if (v.empty()) continue;
      const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
      auto num = [](double x) {
        char b[32];
        std::snprintf(b, sizeof b, std::abs(x) >= 100 ? "%.0f" : "%.3g", x);
        return std::string(b);
      };
      std::cout << "| " << label << " | " << name << " | " << num(median(v)) << " | " << num(*lo)
                << " | " << num(*hi) << " | " << v.size() << " |\n";
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  options o;
  CLI::App cli{
      "roundtable-loadgen: load scenarios against a Roundtable server over real WebSockets"};
  std::vector<std::string> names;
  for (const auto& [name, f] : scenario_registry()) names.push_back(name);
  cli.add_option("--scenario", o.scenario, "Scenario to run")
      ->check(CLI::IsMember(names))
      ->capture_default_str();
  cli.add_option("--server-bin", o.server_bin,
                 "Start this `roundtable` binary on a temporary database");
  cli.add_option("--bare-bin", o.bare_bin,
                 "The bare-broadcast binary (default: next to this tool)");
  cli.add_option("--url", o.url, "A running server, ws://127.0.0.1:PORT/ws");
  cli.add_option("--admin-secret", o.admin_secret, "With --url: the admin secret");
  cli.add_option("--db", o.db, "With --url: the server's database, to check for lost ideas");
  cli.add_option("--target", o.target, "roundtable or bare")
      ->check(CLI::IsMember({"roundtable", "bare"}))
      ->capture_default_str();
  cli.add_flag("--compare-bare", o.compare_bare,
               "Run the same scenario against the bare broadcast server too");
  cli.add_option("--server-threads", o.server_threads,
                 "--threads for the started servers (0: their default)")
      ->capture_default_str();
  cli.add_option("--max-commands-per-second", o.max_commands_per_second,
                 "For the started Roundtable")
      ->capture_default_str();
  cli.add_option("-n,--participants", o.participants,
                 "Participants (receivers); co-edit: --editors")
      ->capture_default_str();
  cli.add_option("--posters", o.posters, "Participants who post (0: ideation all, saturation 50)")
      ->capture_default_str();
  auto* rate = cli.add_option("--rate", o.rate,
                              "Ideas per second overall (ideation); keystrokes per second per "
                              "editor (co-edit, default 5)")
                   ->capture_default_str();
  auto* duration =
      cli.add_option("--duration", o.duration, "Seconds of load (co-edit: of typing, default 60)")
          ->capture_default_str();
  cli.add_option("--drain", o.drain,
                 "At most this many seconds for the last answers and deliveries")
      ->capture_default_str();
  cli.add_option("--idea-length", o.idea_length, "Characters per idea text")
      ->check(CLI::Range(24, 1000))
      ->capture_default_str();
  cli.add_option("--max-ideas", o.max_ideas, "Most ideas one run posts")->capture_default_str();
  cli.add_flag("!--no-facilitator", o.facilitator, "Do not connect a facilitator");
  cli.add_flag("--similar", o.similar,
               "ideation: each poster first asks similar_ideas with the idea's text, as the "
               "composer does; the answers' times are reported");
  cli.add_option("--storm-ideas", o.storm_ideas,
                 "connect-storm: ideas posted while everyone is offline")
      ->capture_default_str();
  cli.add_option("--storm-timeout", o.storm_timeout, "connect-storm: seconds allowed to catch up")
      ->capture_default_str();
  cli.add_option("--hold", o.hold, "idle: seconds connected before measuring")
      ->capture_default_str();
  cli.add_option("--vote-items", o.vote_items, "vote-storm: ideas in the round")
      ->capture_default_str();
  cli.add_option("--window", o.vote_window, "vote-storm: seconds over which every vote is spread")
      ->capture_default_str();
  cli.add_option("--seed", o.seed, "vote-storm, co-edit: random seed (0: random)")
      ->capture_default_str();
  cli.add_option("--editors", o.editors,
                 "co-edit: editors typing into one section (they are the participants)")
      ->check(CLI::Range(2u, 10000u))
      ->capture_default_str();
  auto* section_chars =
      cli.add_option("--max-section-chars", o.max_section_chars,
                     "--max-section-chars of the started Roundtable (0: its default of 20000; "
                     "co-edit: 40000)")
          ->capture_default_str();
  cli.add_flag("--same-spot", o.same_spot,
               "co-edit: every editor types forward at one shared spot (each at the end of its "
               "own run) instead of at random positions; reports fragments per run");
  cli.add_flag("--no-runs", o.no_runs,
               "co-edit: editors do not mark their updates as continuing a run (the old tie "
               "rule, as a baseline)");
  cli.add_option("--delay-ms", o.delay_ms,
                 "co-edit: every editor sees the server's section updates this many ms late, in "
                 "order (a slow link)")
      ->check(CLI::Range(0.0, 10000.0))
      ->capture_default_str();
  cli.add_option("--threads", o.threads, "Load generator io threads")->capture_default_str();
  cli.add_option("--source-addresses", o.sources,
                 "Loopback source addresses to spread connections over (0: any)")
      ->capture_default_str();
  cli.add_option("--connect-window", o.connect_window, "Connections being set up at once")
      ->capture_default_str();
  cli.add_option("--connect-timeout", o.connect_timeout, "Seconds allowed to connect everyone")
      ->capture_default_str();
  cli.add_flag("--smoke", o.smoke,
               "Exit 0 only if every client got every idea and nothing was lost");
  cli.add_flag("--keep", o.keep, "Keep the temporary directory (database and logs)");
  cli.add_option("--label", o.label, "A label copied into the JSON line");
  cli.add_option("--json-out", o.json_out, "Also append the JSON line to this file");
  std::string summarize;
  cli.add_option("--summarize", summarize,
                 "Print the medians of a file of JSON lines as a table, and exit");
  CLI11_PARSE(cli, argc, argv);
  if (!summarize.empty()) return summarize_file(summarize);
  if (o.scenario == "co-edit") {
    // 100 editors x 5 keystrokes/s x 60 s = 30,000 characters: above the default section cap.
    o.participants = o.editors;
    if (rate->count() == 0) o.rate = 5;
    if (duration->count() == 0) o.duration = 60;
    if (section_chars->count() == 0) o.max_section_chars = 40000;
  }

  if (o.server_bin.empty() && o.url.empty() && o.target == "roundtable") {
    std::cerr << "roundtable-loadgen: give --server-bin PATH or --url ws://127.0.0.1:PORT/ws\n";
    return 2;
  }
  ws_target check;
  if (!o.url.empty() && !parse_url(o.url, check)) {
    std::cerr << "roundtable-loadgen: --url must be ws://127.x.x.x:PORT/...\n";
    return 2;
  }
  if (!o.url.empty() && o.server_bin.empty() && o.admin_secret.empty() &&
      o.target == "roundtable") {
    std::cerr << "roundtable-loadgen: --url needs --admin-secret\n";
    return 2;
  }
  const bool wants_bare = o.compare_bare || o.target == "bare";
  if (wants_bare && o.bare_bin.empty()) {
    const auto self = fs::read_symlink("/proc/self/exe").parent_path() / "bare-broadcast";
    if (fs::exists(self)) o.bare_bin = self.string();
  }
  if (wants_bare && o.bare_bin.empty()) {
    std::cerr << "roundtable-loadgen: the bare server is needed: give --bare-bin PATH\n";
    return 2;
  }
  if (wants_bare && !scenario_registry().at(o.scenario)()->supports_bare()) {
    std::cerr << "roundtable-loadgen: " << o.scenario << " has no meaning for the bare server\n";
    return 2;
  }

  const auto files = raise_file_limit();
  std::ostringstream human;
  human << "roundtable-loadgen: scenario " << o.scenario << ", " << o.participants
        << " participants, " << o.threads << " io threads, file limit " << files << "\n";
  std::cout << human.str() << std::flush;
  human.str("");

  json line;
  line["scenario"] = o.scenario;
  if (!o.label.empty()) line["label"] = o.label;
  line["participants"] = o.participants;
  line["duration_s"] = o.duration;
  line["machine"] = machine();

  json primary;
  if (o.target == "bare") {
    primary = run_target(o, true, std::cout);
  } else {
    primary = run_target(o, false, std::cout);
  }
  for (auto& [k, v] : primary.items()) line[k] = v;
  if (o.compare_bare && o.target != "bare") {
    json bare = run_target(o, true, std::cout);
    const double rt_msgs = number_at(primary, "window", "deliveries_per_s");
    const double bare_msgs = number_at(bare, "window", "deliveries_per_s");
    const double rt_frames = number_at(primary, "window", "frames_per_s");
    const double bare_frames = number_at(bare, "window", "frames_per_s");
    line["bare"] = bare;
    line["ratio_deliveries"] = bare_msgs > 0 ? rt_msgs / bare_msgs : 0.0;
    line["ratio_frames"] = bare_frames > 0 ? rt_frames / bare_frames : 0.0;
    std::cout << "== Roundtable vs bare ==\n  idea deliveries/s: " << rt_msgs << " vs " << bare_msgs
              << " = " << line["ratio_deliveries"].get<double>() * 100 << "% of bare\n"
              << "  frames/s: " << rt_frames << " vs " << bare_frames << " = "
              << line["ratio_frames"].get<double>() * 100 << "% of bare\n";
  }

  const bool lost_ok =
      primary.value("lost", 0) == 0 && !primary.value("db_check_failed", false) &&
      !primary.value("checks_failed", false) &&
      (primary.value("lost_checked", false) || primary.value("target", "") == "bare" ||
       (o.server_bin.empty() && o.db.empty()));
  const bool completed = primary.value("completed", false) &&
                         (!line.contains("bare") || line["bare"].value("completed", false));
  int status = 0;
  if (!completed) status = 2;
  if (!lost_ok) status = 1;
  if (o.smoke && status == 0) {
    const bool all = primary.value("all_delivered", false) && primary.value("lost_checked", false);
    if (!all) status = 3;
  }
  line["ok"] = status == 0;
  line["exit_status"] = status;
  std::cout << "result: " << (status == 0 ? "ok" : "FAILED (exit " + std::to_string(status) + ")")
            << "\n";
  const std::string text = line.dump(-1, ' ', false, json::error_handler_t::replace);
  if (!o.json_out.empty()) {
    std::ofstream f(o.json_out, std::ios::app);
    f << text << "\n";
  }
  std::cout << text << std::endl;
  return status;
}
