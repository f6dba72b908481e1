// Tests of the metrics: the counters, the histogram's buckets, and the text exposition parsed
// back line by line (every sample belongs to a family declared with # HELP and # TYPE).
#include "catch.hpp"

#include <map>
#include <sstream>
#include <thread>

#include "app/metrics.hpp"

using namespace rt::app;
using namespace std::chrono_literals;

namespace {

struct parsed {
  std::map<std::string, std::string> types;  // family -> counter, gauge, histogram
  std::map<std::string, std::string> helps;
  std::map<std::string, double> samples;  // "name{labels}" -> value
  std::vector<std::string> order;         // sample keys as they came
};

// A small reader of the text format; fails the test on a line it does not understand.
parsed parse(const std::string& text) {
  parsed p;
  std::istringstream in(text);
  std::string line;
  REQUIRE(!text.empty());
  REQUIRE(text.back() == '\n');
  while (std::getline(in, line)) {
    REQUIRE(!line.empty());
    if (line.starts_with("# HELP ")) {
      const auto rest = line.substr(7);
      const auto sp = rest.find(' ');
      REQUIRE(sp != std::string::npos);
      p.helps[rest.substr(0, sp)] = rest.substr(sp + 1);
      continue;
    }
    if (line.starts_with("# TYPE ")) {
      const auto rest = line.substr(7);
      const auto sp = rest.find(' ');
      REQUIRE(sp != std::string::npos);
      const auto name = rest.substr(0, sp);
      REQUIRE(p.helps.contains(name));  // HELP first
      REQUIRE_FALSE(p.types.contains(name));
      p.types[name] = rest.substr(sp + 1);
      continue;
    }
    REQUIRE(line[0] != '#');
    const auto sp = line.rfind(' ');
    REQUIRE(sp != std::string::npos);
    const std::string key = line.substr(0, sp);
    const std::string name = key.substr(0, key.find('{'));
    std::string family = name;
    for (const std::string suffix : {"_bucket", "_sum", "_count"}) {
      if (!p.types.contains(family) && name.ends_with(suffix)) {
        family = name.substr(0, name.size() - suffix.size());
      }
    }
    INFO(line);
    REQUIRE(p.types.contains(family));
    if (p.types[family] == "counter") CHECK(name.ends_with("_total"));
    if (family != name) CHECK(p.types[family] == "histogram");
    if (key.find('{') != std::string::npos) CHECK(key.back() == '}');
    REQUIRE_FALSE(p.samples.contains(key));
    p.samples[key] = std::stod(line.substr(sp + 1));
    p.order.push_back(key);
  }
  return p;
}

metrics::snapshot sample_snapshot() {
  metrics::snapshot s;
  s.http.open = 12;
  s.http.websockets = 10;
  s.http.accepted = 40;
  s.http.refused_per_address = 3;
  s.http.refused_origin = 1;
  s.http.accept_no_files = 2;
  s.http.slow_client_drops = 4;
  s.events = 2;
  s.room_queue_total = 7;
  s.room_queue_max = 5;
  s.writer_queue = 1;
  s.commands = {{"join", 3}, {"post_idea", 9}};
  s.errors = {{"bad_\"odd\"\\code\n", 1}, {"wrong_phase", 2}};
  s.commit.bounds = {0.001, 0.01};
  s.commit.counts = {5, 8, 9};
  s.commit.sum = 0.0625;
  s.commit.count = 9;
  s.committed_jobs = 30;
  s.failed_commits = 1;
  s.process.resident_bytes = 1 << 20;
  s.process.open_fds = 20;
  s.process.max_fds = 1024;
  s.process.start_time_seconds = 1700000000.5;
  s.process.uptime_seconds = 42.25;
  return s;
}

}  // namespace

TEST_CASE("the exposition declares every family and shows every value") {
  const std::string text = metrics::render(sample_snapshot());
  const auto p = parse(text);
  CHECK(p.types.at("roundtable_connections_open") == "gauge");
  CHECK(p.types.at("roundtable_commands_total") == "counter");
  CHECK(p.types.at("roundtable_commit_seconds") == "histogram");
  CHECK(p.samples.at("roundtable_connections_open") == 12);
  CHECK(p.samples.at("roundtable_websockets_open") == 10);
  CHECK(p.samples.at("roundtable_connections_accepted_total") == 40);
  CHECK(p.samples.at("roundtable_connections_refused_total{reason=\"per_address_cap\"}") == 3);
  CHECK(p.samples.at("roundtable_connections_refused_total{reason=\"origin\"}") == 1);
  CHECK(p.samples.at("roundtable_accept_failures_total{reason=\"open_files_limit\"}") == 2);
  CHECK(p.samples.at("roundtable_accept_failures_total{reason=\"other\"}") == 0);
  CHECK(p.samples.at("roundtable_slow_client_drops_total") == 4);
  CHECK(p.samples.at("roundtable_events_loaded") == 2);
  CHECK(p.samples.at("roundtable_room_queue_depth") == 7);
  CHECK(p.samples.at("roundtable_room_queue_depth_max") == 5);
  CHECK(p.samples.at("roundtable_writer_queue_depth") == 1);
  CHECK(p.samples.at("roundtable_commands_total{type=\"post_idea\"}") == 9);
  CHECK(p.samples.at("roundtable_errors_total{code=\"wrong_phase\"}") == 2);
  // Label values are escaped: backslash, quote and newline.
  CHECK(p.samples.at("roundtable_errors_total{code=\"bad_\\\"odd\\\"\\\\code\\n\"}") == 1);
  CHECK(p.samples.at("roundtable_committed_jobs_total") == 30);
  CHECK(p.samples.at("roundtable_commit_failures_total") == 1);
  CHECK(p.samples.at("process_resident_memory_bytes") == 1 << 20);
  CHECK(p.samples.at("process_open_fds") == 20);
  CHECK(p.samples.at("process_max_fds") == 1024);
  CHECK(p.samples.at("process_start_time_seconds") == 1700000000.5);
  CHECK(p.samples.at("roundtable_uptime_seconds") == 42.25);
}

TEST_CASE("the histogram is cumulative, ends with +Inf and its count") {
  const auto p = parse(metrics::render(sample_snapshot()));
  CHECK(p.samples.at("roundtable_commit_seconds_bucket{le=\"0.001\"}") == 5);
  CHECK(p.samples.at("roundtable_commit_seconds_bucket{le=\"0.01\"}") == 8);
  CHECK(p.samples.at("roundtable_commit_seconds_bucket{le=\"+Inf\"}") == 9);
  CHECK(p.samples.at("roundtable_commit_seconds_sum") == 0.0625);
  CHECK(p.samples.at("roundtable_commit_seconds_count") == 9);
  // The buckets in order of their bounds, then _sum and _count.
  std::vector<std::string> commit;
  for (const auto& k : p.order)
    if (k.starts_with("roundtable_commit_seconds")) commit.push_back(k);
  CHECK(commit == std::vector<std::string>{"roundtable_commit_seconds_bucket{le=\"0.001\"}",
                                           "roundtable_commit_seconds_bucket{le=\"0.01\"}",
                                           "roundtable_commit_seconds_bucket{le=\"+Inf\"}",
                                           "roundtable_commit_seconds_sum",
                                           "roundtable_commit_seconds_count"});
}

TEST_CASE("an empty snapshot declares every family and leaves out unknown process values") {
  metrics::snapshot s;
  s.process.resident_bytes.reset();
  const auto p = parse(metrics::render(s));
  CHECK(p.types.contains("roundtable_commands_total"));
  CHECK(p.types.contains("roundtable_errors_total"));
  CHECK_FALSE(p.types.contains("process_resident_memory_bytes"));
  CHECK(p.samples.at("roundtable_connections_open") == 0);
}

TEST_CASE("the histogram puts a duration in the first bucket whose bound holds it") {
  metrics::duration_histogram h;
  h.observe(200us);  // <= 0.0005
  h.observe(500us);  // <= 0.0005 (bounds are inclusive)
  h.observe(3ms);    // <= 0.005
  h.observe(10s);    // +Inf
  const auto v = h.values();
  REQUIRE(v.counts.size() == metrics::duration_histogram::bounds.size() + 1);
  CHECK(v.counts[0] == 2);
  CHECK(v.counts[2] == 2);  // <= 0.0025
  CHECK(v.counts[3] == 3);  // <= 0.005
  CHECK(v.counts[v.counts.size() - 2] == 3);
  CHECK(v.counts.back() == 4);
  CHECK(v.count == 4);
  CHECK(v.sum == Approx(10.0037));
  // Rendered with the real bounds: they read back as the same numbers.
  metrics::snapshot s;
  s.commit = v;
  const auto p = parse(metrics::render(s));
  CHECK(p.samples.at("roundtable_commit_seconds_bucket{le=\"0.0005\"}") == 2);
  CHECK(p.samples.at("roundtable_commit_seconds_bucket{le=\"2.5\"}") == 3);
  CHECK(p.samples.at("roundtable_commit_seconds_bucket{le=\"+Inf\"}") == 4);
}

TEST_CASE("a labelled counter counts from many threads and bounds its labels") {
  metrics::labelled_counter c(3);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&c] {
      for (int i = 0; i < 1000; ++i) c.add(i % 2 ? "post_idea" : "vote");
    });
  }
  for (auto& t : threads) t.join();
  c.add("join");
  c.add("push");  // a fourth label: counted as "other"
  c.add("hello", 2);
  const auto v = c.values();
  const std::map<std::string, std::uint64_t> m(v.begin(), v.end());
  CHECK(m == std::map<std::string, std::uint64_t>{
                 {"join", 1}, {"other", 3}, {"post_idea", 2000}, {"vote", 2000}});
}

TEST_CASE("the writer's batches feed the commit counters") {
  const auto before = metrics::commit_seconds.values().count;
  const auto jobs = metrics::committed_jobs.value();
  const auto failed = metrics::failed_commits.value();
  metrics::observe_batch(2ms, 7, true);
  metrics::observe_batch(1ms, 3, false);
  CHECK(metrics::commit_seconds.values().count == before + 2);
  CHECK(metrics::committed_jobs.value() == jobs + 7);
  CHECK(metrics::failed_commits.value() == failed + 1);
}

TEST_CASE("the process is read from /proc") {
  const auto p = metrics::read_process();
  REQUIRE(p.resident_bytes);
  CHECK(*p.resident_bytes > 0);
  REQUIRE(p.open_fds);
  CHECK(*p.open_fds >= 3);
  CHECK(p.start_time_seconds > 1.6e9);
  CHECK(p.uptime_seconds >= 0);
}
