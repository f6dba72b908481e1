// metrics.cpp: the counters of metrics.hpp, reading the process, and the text exposition.
#include "app/metrics.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>

#include "app/hub.hpp"
#include "storage/writer.hpp"

namespace rt::app::metrics {

labelled_counter commands;
labelled_counter errors;
duration_histogram commit_seconds;
counter committed_jobs;
counter failed_commits;

namespace {

// When the process started, read while static objects are made (before main).
const auto started_wall = std::chrono::system_clock::now();
const auto started_steady = std::chrono::steady_clock::now();

}  // namespace

// ---------------------------------------------------------------------------------------------
// Counters.

void labelled_counter::add(std::string_view label, std::uint64_t n) {
  std::lock_guard lock(mutex_);
  if (auto it = counts_.find(label); it != counts_.end()) {
    it->second += n;
  } else if (counts_.size() < max_labels_) {
    counts_.emplace(std::string(label), n);
  } else {
    counts_["other"] += n;
  }
}

std::vector<std::pair<std::string, std::uint64_t>> labelled_counter::values() const {
  std::lock_guard lock(mutex_);
  return {counts_.begin(), counts_.end()};
}

void duration_histogram::observe(std::chrono::nanoseconds d) {
  const double seconds = std::chrono::duration<double>(d).count();
  const auto at = std::lower_bound(bounds.begin(), bounds.end(), seconds) - bounds.begin();
  buckets_[static_cast<std::size_t>(at)].fetch_add(1, std::memory_order_relaxed);
  sum_ns_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, d.count())),
                    std::memory_order_relaxed);
}

histogram_values duration_histogram::values() const {
  histogram_values v;
  v.bounds.assign(bounds.begin(), bounds.end());
  std::uint64_t running = 0;
  for (const auto& b : buckets_) {
    running += b.load(std::memory_order_relaxed);
    v.counts.push_back(running);
  }
  v.count = running;
  v.sum = static_cast<double>(sum_ns_.load(std::memory_order_relaxed)) / 1e9;
  return v;
}

void observe_batch(std::chrono::nanoseconds took, std::size_t jobs, bool committed) {
  commit_seconds.observe(took);
  if (committed) {
    committed_jobs.add(jobs);
  } else {
    failed_commits.add();
  }
}

// ---------------------------------------------------------------------------------------------
// Reading.

process_stats read_process() {
  process_stats p;
  // statm: size resident shared ... (in pages).
  if (std::ifstream statm("/proc/self/statm"); statm) {
    std::uint64_t size = 0, resident = 0;
    if (statm >> size >> resident) {
      p.resident_bytes = resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
    }
  }
  std::error_code ec;
  std::uint64_t fds = 0;
  for (std::filesystem::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end;
       it.increment(ec)) {
    ++fds;
  }
  if (!ec) p.open_fds = fds;  // the iterator's own descriptor counts too: one more than idle
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY) {
    p.max_fds = static_cast<std::uint64_t>(lim.rlim_cur);
  }
  p.start_time_seconds = std::chrono::duration<double>(started_wall.time_since_epoch()).count();
  p.uptime_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started_steady).count();
  return p;
}

snapshot collect(const hub& h, const net::http_server* server, const storage::writer& w) {
  snapshot s;
  if (server) s.http = server->stats();
  const auto rooms = h.rooms();
  s.events = rooms.size();
  for (const auto& r : rooms) {
    const std::size_t q = r->queued();
    s.room_queue_total += q;
    s.room_queue_max = std::max(s.room_queue_max, q);
  }
  s.writer_queue = w.queued();
  s.commands = commands.values();
  s.errors = errors.values();
  s.commit = commit_seconds.values();
  s.committed_jobs = committed_jobs.value();
  s.failed_commits = failed_commits.value();
  s.process = read_process();
  return s;
}

// ---------------------------------------------------------------------------------------------
// The text format.

namespace {

std::string number(double v) {
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

std::string escape_label(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (const char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

class text_out {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    out_ += "# HELP ";
    out_ += name;
    out_ += ' ';
    out_ += help;  // our own words: no backslash or newline to escape
    out_ += "\n# TYPE ";
    out_ += name;
    out_ += ' ';
    out_ += type;
    out_ += '\n';
  }
  void sample(std::string_view name, std::string_view labels, std::string_view value) {
    out_ += name;
    if (!labels.empty()) {
      out_ += '{';
      out_ += labels;
      out_ += '}';
    }
    out_ += ' ';
    out_ += value;
    out_ += '\n';
  }
  void sample(std::string_view name, std::string_view labels, std::uint64_t value) {
    sample(name, labels, std::to_string(value));
  }
  // One family with one sample.
  void single(std::string_view name, std::string_view type, std::string_view help,
              std::uint64_t value) {
    family(name, type, help);
    sample(name, "", value);
  }
  void labelled(std::string_view name, std::string_view help, std::string_view label,
                const std::vector<std::pair<std::string, std::uint64_t>>& values) {
    family(name, "counter", help);
    for (const auto& [l, v] : values) {
      sample(name, std::string(label) + "=\"" + escape_label(l) + "\"", v);
    }
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace

std::string render(const snapshot& s) {
  text_out w;
  const auto& n = s.http;

  w.single("roundtable_connections_open", "gauge", "Connections open now, HTTP and WebSocket.",
           n.open);
  w.single("roundtable_websockets_open", "gauge", "WebSocket connections open now.", n.websockets);
  w.single("roundtable_connections_accepted_total", "counter", "Connections accepted and served.",
           n.accepted);
  w.family("roundtable_connections_refused_total", "counter",
           "Connections refused: closed at once because their address held "
           "--max-connections-per-address (per_address_cap), or WebSocket upgrades refused for "
           "their Origin (origin).");
  w.sample("roundtable_connections_refused_total", "reason=\"per_address_cap\"",
           n.refused_per_address);
  w.sample("roundtable_connections_refused_total", "reason=\"origin\"", n.refused_origin);
  w.family("roundtable_accept_failures_total", "counter",
           "Failed accepts: out of file descriptors (open_files_limit; the connection waits in "
           "the backlog and accepting is retried) or another error (other).");
  w.sample("roundtable_accept_failures_total", "reason=\"open_files_limit\"", n.accept_no_files);
  w.sample("roundtable_accept_failures_total", "reason=\"other\"", n.accept_failed);
  w.single("roundtable_slow_client_drops_total", "counter",
           "WebSocket connections closed because more than --max-client-queue-kib waited for "
           "them.",
           n.slow_client_drops);

  w.single("roundtable_events_loaded", "gauge", "Events loaded, one room each.", s.events);
  w.single("roundtable_room_queue_depth", "gauge",
           "Requests waiting in the queues of all rooms together.", s.room_queue_total);
  w.single("roundtable_room_queue_depth_max", "gauge",
           "Requests waiting in the queue of the fullest room.", s.room_queue_max);
  w.single("roundtable_writer_queue_depth", "gauge", "Jobs waiting for the writer's next batch.",
           s.writer_queue);

  w.labelled("roundtable_commands_total", "Commands received over WebSockets, by type.", "type",
             s.commands);
  w.labelled("roundtable_errors_total",
             "Commands and frames refused over WebSockets (the error answers), by error code.",
             "code", s.errors);

  constexpr std::string_view commit = "roundtable_commit_seconds";
  w.family(commit, "histogram",
           "Time of one writer batch: its transaction from BEGIN to the end of COMMIT, fsync "
           "included.");
  for (std::size_t i = 0; i < s.commit.counts.size(); ++i) {
    const std::string le = i < s.commit.bounds.size() ? number(s.commit.bounds[i]) : "+Inf";
    w.sample("roundtable_commit_seconds_bucket", "le=\"" + le + "\"", s.commit.counts[i]);
  }
  w.sample("roundtable_commit_seconds_sum", "", number(s.commit.sum));
  w.sample("roundtable_commit_seconds_count", "", s.commit.count);
  w.single("roundtable_committed_jobs_total", "counter",
           "Writer jobs in committed batches (a room's batch of commands is one job).",
           s.committed_jobs);
  w.single("roundtable_commit_failures_total", "counter",
           "Writer batches whose transaction failed; their commands were refused with "
           "storage_failed.",
           s.failed_commits);

  const auto& p = s.process;
  if (p.resident_bytes) {
    w.single("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
             *p.resident_bytes);
  }
  if (p.open_fds) {
    w.single("process_open_fds", "gauge", "Number of open file descriptors.", *p.open_fds);
  }
  if (p.max_fds) {
    w.single("process_max_fds", "gauge", "Maximum number of open file descriptors.", *p.max_fds);
  }
  w.family("process_start_time_seconds", "gauge",
           "Start time of the process since unix epoch in seconds.");
  w.sample("process_start_time_seconds", "", number(p.start_time_seconds));
  w.family("roundtable_uptime_seconds", "gauge", "Seconds since the process started.");
  w.sample("roundtable_uptime_seconds", "", number(p.uptime_seconds));
  return w.take();
}

}  // namespace rt::app::metrics
