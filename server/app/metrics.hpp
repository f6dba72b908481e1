// metrics.hpp: the server's counters, and GET /metrics in Prometheus' text format (0.0.4).
//
// The application counts on its hot paths through a few process-wide objects: `commands`
// (by protocol type), `errors` (refusals sent, by error code) and `commit` (the writer's
// batches). They are cheap: relaxed atomics, and for labels known only at run time a small
// map behind a mutex held for one lookup, with a bounded number of labels. Everything else
// (connections, rooms, queues, the process) is read when a scrape asks: collect() fills a
// plain `snapshot`, and render() turns one into text, a pure function tested on its own.
//
// Thread-safety: every function and method may be called from any thread.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "net/http_server.hpp"

namespace rt::storage {
class writer;
}

namespace rt::app {
class hub;
}

namespace rt::app::metrics {

// A count of something that only grows.
class counter {
 public:
  void add(std::uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

// Counts by one label whose values are learnt as they come (command types, error codes). At
// most `max_labels` distinct values are kept; later new ones are counted as "other", so a bug
// that invents labels cannot grow the scrape without bound.
class labelled_counter {
 public:
  explicit labelled_counter(std::size_t max_labels = 100) : max_labels_(max_labels) {}
  labelled_counter(const labelled_counter&) = delete;
  labelled_counter& operator=(const labelled_counter&) = delete;

  void add(std::string_view label, std::uint64_t n = 1);
  // Every label and its count, sorted by label.
  std::vector<std::pair<std::string, std::uint64_t>> values() const;

 private:
  const std::size_t max_labels_;
  mutable std::mutex mutex_;
  std::map<std::string, std::uint64_t, std::less<>> counts_;  // guarded by mutex_
};

// A histogram's state as exposed: cumulative counts per upper bound (the last is +Inf).
struct histogram_values {
  std::vector<double> bounds;         // upper bounds in seconds, without +Inf
  std::vector<std::uint64_t> counts;  // cumulative; bounds.size() + 1 entries
  double sum = 0;                     // seconds
  std::uint64_t count = 0;
};

// A histogram of durations, with fixed bounds in seconds.
class duration_histogram {
 public:
  // Bounds from half a millisecond (a commit on a fast SSD) to five seconds (a stalled disk).
  static constexpr std::array<double, 13> bounds{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                 0.1,    0.25,  0.5,    1,     2.5,  5};

  void observe(std::chrono::nanoseconds d);
  histogram_values values() const;

 private:
  std::array<std::atomic<std::uint64_t>, bounds.size() + 1> buckets_{};  // not cumulative
  std::atomic<std::uint64_t> sum_ns_{0};
};

// The process-wide counters the application bumps.
extern labelled_counter commands;          // commands received and parsed, by protocol type
extern labelled_counter errors;            // refusals sent over WebSockets, by error code
extern duration_histogram commit_seconds;  // the writer's batches, BEGIN to end of COMMIT
extern counter committed_jobs;             // jobs in committed batches
extern counter failed_commits;             // batches whose commit failed

// The writer's batch_observer that feeds the three commit counters above.
void observe_batch(std::chrono::nanoseconds took, std::size_t jobs, bool committed);

// The process as the operating system sees it (Linux /proc); unknown values stay empty.
struct process_stats {
  std::optional<std::uint64_t> resident_bytes;
  std::optional<std::uint64_t> open_fds;
  std::optional<std::uint64_t> max_fds;  // the soft RLIMIT_NOFILE
  double start_time_seconds = 0;         // since the Unix epoch
  double uptime_seconds = 0;
};
process_stats read_process();

// Everything one scrape shows.
struct snapshot {
  net::http_stats http;
  std::size_t events = 0;            // events loaded (one room each)
  std::size_t room_queue_total = 0;  // commands waiting in every room's queue
  std::size_t room_queue_max = 0;    // ... in the fullest room's
  std::size_t writer_queue = 0;      // writer jobs waiting for the next batch
  std::vector<std::pair<std::string, std::uint64_t>> commands;  // by type
  std::vector<std::pair<std::string, std::uint64_t>> errors;    // by code
  histogram_values commit;
  std::uint64_t committed_jobs = 0;
  std::uint64_t failed_commits = 0;
  process_stats process;
};

// Reads the counters above, the port's, the hub's rooms, the writer and the process.
// `server` may be null (not listening yet).
snapshot collect(const hub& h, const net::http_server* server, const storage::writer& w);

// The text exposition: # HELP and # TYPE for every family, counters ending in _total, the
// histogram as _bucket{le=...}, _sum and _count. Label values are escaped. Pure.
std::string render(const snapshot& s);

}  // namespace rt::app::metrics
