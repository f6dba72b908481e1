// scenarios.cpp: the load scenarios and their registry.
//
//   ideation       N participants, M posters at an overall rate (open loop) for a duration:
//                  command->ack and post->everyone latency, deliveries per second.
//   saturation     N receivers, K posters each with one post outstanding (closed loop): the
//                  most ideas per second the target acknowledges and delivers.
//   idle           N participants connected and idle: server memory per participant.
//   connect-storm  N participants drop at once (TCP reset), ideas are posted meanwhile, then
//                  all N resume with hello{token,lastSeq} at once: time until all caught up.
#include <cmath>
#include <thread>

#include "harness.hpp"

namespace rt::bench {

using nlohmann::json;

namespace {

std::string fmt(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// Creates the event, the facilitator and N participants, and measures the server memory each
// participant costs.
bool connect_everyone(run_context& ctx, std::uint32_t participants) {
  if (!ctx.create_event() || !ctx.connect_facilitator()) return false;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto before = ctx.server_rss_kb();
  if (!ctx.connect_participants(participants)) return false;
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  const auto after = ctx.server_rss_kb();
  if (before > 0 && after > 0 && participants > 0) {
    ctx.result["server_rss_before_kb"] = before;
    ctx.result["server_rss_connected_kb"] = after;
    const double per = (static_cast<double>(after) - static_cast<double>(before)) / participants;
    ctx.result["server_kb_per_participant"] = per;
    ctx.out << "  server RSS " << before / 1024 << " MiB before, " << after / 1024
            << " MiB with " << participants << " connected: " << fmt(per, 2)
            << " KiB per participant\n";
  }
  return true;
}

// Waits until every post is answered and every acked idea reached every receiver.
void drain(run_context& ctx, std::uint32_t receivers) {
  const auto t0 = now_ns();
  ctx.wait_until(
      [&] {
        const auto a = account(*ctx.ideas, receivers);
        return a.unanswered == 0 && a.missing_deliveries == 0;
      },
      ctx.opt.drain);
  ctx.result["drain_s"] = (now_ns() - t0) / 1e9;
}

void report_deliveries(run_context& ctx, std::uint32_t receivers) {
  const auto a = account(*ctx.ideas, receivers);
  const auto ack = summarize(ctx.merged_ack());
  const auto delivery = summarize(ctx.merged_delivery());
  const auto everyone = summarize(everyone_latency(*ctx.ideas, receivers));
  ctx.result["receivers"] = receivers;
  ctx.result["ideas"] = to_json(a);
  ctx.result["ack"] = to_json(ack);
  ctx.result["delivery"] = to_json(delivery);
  ctx.result["everyone"] = to_json(everyone);
  ctx.result["all_delivered"] = a.complete();
  auto& o = ctx.out;
  o << "  ideas: " << a.posted << " posted, " << a.acked << " acked, " << a.failed
    << " refused, " << a.unanswered << " unanswered\n";
  o << "  deliveries: " << a.delivered << " of " << a.expected_deliveries << " expected ("
    << a.missing_deliveries << " missing, " << a.extra_deliveries << " extra), "
    << a.fully_delivered << " ideas reached all " << receivers << " receivers\n";
  o << "  ack latency          " << to_text(ack) << "\n";
  o << "  delivery latency     " << to_text(delivery) << "\n";
  o << "  post-to-everyone     " << to_text(everyone) << "\n";
  const auto errors = ctx.shared.error_codes();
  if (!errors.empty()) {
    json e = json::object();
    o << "  errors:";
    for (const auto& [code, n] : errors) {
      e[code] = n;
      o << " " << code << "=" << n;
    }
    o << "\n";
    ctx.result["errors"] = e;
  }
  if (!a.complete()) ctx.problems.push_back("not every idea was acked and delivered to everyone");
}

void report_window(run_context& ctx, const json& w) {
  ctx.result["window"] = w;
  auto& o = ctx.out;
  o << "  window " << fmt(w.value("wall_s", 0.0), 2) << " s: " << fmt(w.value("frames_per_s", 0.0), 0)
    << " frames/s, " << fmt(w.value("deliveries_per_s", 0.0), 0) << " idea deliveries/s, "
    << fmt(w.value("mbytes_per_s", 0.0), 2) << " MB/s received\n";
  if (w.contains("server_cpu_s")) {
    o << "  server CPU " << fmt(w["server_cpu_s"].get<double>(), 2) << " s ("
      << fmt(w["server_cpu_pct"].get<double>()) << "%)";
  } else {
    o << "  server CPU not sampled";
  }
  o << "   load generator CPU " << fmt(w["loadgen_cpu_s"].get<double>(), 2) << " s ("
    << fmt(w["loadgen_cpu_pct"].get<double>()) << "%)\n";
}

// ---------------------------------------------------------------------------------------------

class ideation final : public scenario {
 public:
  bool supports_bare() const override { return true; }

  bool setup(run_context& ctx) override { return connect_everyone(ctx, ctx.opt.participants); }

  bool run(run_context& ctx) override {
    const auto& o = ctx.opt;
    const std::uint32_t n = static_cast<std::uint32_t>(ctx.participants.size());
    const std::uint32_t posters = std::min(n, o.posters == 0 ? n : o.posters);
    const auto total = static_cast<std::uint64_t>(std::floor(o.rate * o.duration));
    if (posters == 0 || o.rate <= 0) {
      ctx.fail("nothing to post");
      return false;
    }
    receivers_ = ctx.receivers();
    ctx.clear_latencies();
    latency_histogram lag;  // how late the pacing thread sent each post
    const probe p = ctx.begin_window();
    const auto start = std::chrono::steady_clock::now() + std::chrono::milliseconds(10);
    for (std::uint64_t i = 0; i < total; ++i) {
      const auto when = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                    std::chrono::duration<double>(i / o.rate));
      std::this_thread::sleep_until(when);
      const auto late = std::chrono::steady_clock::now() - when;
      lag.record(static_cast<std::uint64_t>(
          std::chrono::duration_cast<std::chrono::microseconds>(late).count()));
      session& poster = *ctx.participants[i % posters];
      const auto idx = ctx.ideas->allocate(poster.index());
      if (!idx) break;
      poster.post(*idx);
    }
    std::this_thread::sleep_until(start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                              std::chrono::duration<double>(o.duration)));
    const json w = ctx.end_window(p);
    drain(ctx, receivers_);
    report_window(ctx, w);
    ctx.result["posters"] = posters;
    ctx.result["rate"] = o.rate;
    ctx.result["send_lag"] = to_json(summarize(lag));
    ctx.out << "  pacing lag           " << to_text(summarize(lag)) << "\n";
    return true;
  }

  void report(run_context& ctx) override { report_deliveries(ctx, receivers_); }

 private:
  std::uint32_t receivers_ = 0;
};

// ---------------------------------------------------------------------------------------------

class saturation final : public scenario {
 public:
  bool supports_bare() const override { return true; }

  bool setup(run_context& ctx) override { return connect_everyone(ctx, ctx.opt.participants); }

  bool run(run_context& ctx) override {
    const auto& o = ctx.opt;
    const std::uint32_t n = static_cast<std::uint32_t>(ctx.participants.size());
    const std::uint32_t posters = std::min(n, o.posters == 0 ? 50u : o.posters);
    receivers_ = ctx.receivers();
    ctx.clear_latencies();
    const std::int64_t end = now_ns() + static_cast<std::int64_t>(o.duration * 1e9);
    // One post outstanding per poster: the next goes out when the previous is answered.
    ctx.shared.on_post_done = [&ctx, end](session& s, std::uint64_t, bool ok) {
      if (now_ns() >= end) return;
      const auto next = ctx.ideas->allocate(s.index());
      if (!next) return;
      if (ok) {
        s.post_now(*next);
      } else {
        s.post_later(std::chrono::milliseconds(20), *next);  // refused (rate limit): back off
      }
    };
    const probe p = ctx.begin_window();
    for (std::uint32_t i = 0; i < posters; ++i) {
      session& poster = *ctx.participants[i];
      if (const auto idx = ctx.ideas->allocate(poster.index())) poster.post(*idx);
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(o.duration));
    const json w = ctx.end_window(p);
    drain(ctx, receivers_);
    report_window(ctx, w);
    const auto a = account(*ctx.ideas, receivers_);
    ctx.result["posters"] = posters;
    ctx.result["acked_per_s"] = a.acked / o.duration;
    ctx.out << "  " << fmt(a.acked / o.duration) << " ideas acked per second by " << posters
            << " closed-loop posters\n";
    return true;
  }

  void report(run_context& ctx) override { report_deliveries(ctx, receivers_); }

 private:
  std::uint32_t receivers_ = 0;
};

// ---------------------------------------------------------------------------------------------

class idle final : public scenario {
 public:
  bool supports_bare() const override { return true; }

  bool setup(run_context& ctx) override { return connect_everyone(ctx, ctx.opt.participants); }

  bool run(run_context& ctx) override {
    const probe p = ctx.begin_window();
    std::this_thread::sleep_for(std::chrono::duration<double>(ctx.opt.hold));
    const json w = ctx.end_window(p);
    report_window(ctx, w);
    const auto rss = ctx.server_rss_kb();
    if (rss > 0 && ctx.result.contains("server_rss_before_kb")) {
      const double per = (static_cast<double>(rss) - ctx.result["server_rss_before_kb"].get<double>()) /
                         ctx.participants.size();
      ctx.result["server_rss_idle_kb"] = rss;
      ctx.result["server_kb_per_participant_idle"] = per;
      ctx.out << "  after " << ctx.opt.hold << " s idle: server RSS " << rss / 1024 << " MiB, "
              << fmt(per, 2) << " KiB per participant\n";
    }
    return true;
  }

  void report(run_context& ctx) override {
    ctx.result["receivers"] = ctx.receivers();
    if (ctx.shared.closed.load() > 0) {
      ctx.problems.push_back(std::to_string(ctx.shared.closed.load()) +
                             " idle connections were closed by the server");
    }
  }
};

// ---------------------------------------------------------------------------------------------

class connect_storm final : public scenario {
 public:
  bool supports_bare() const override { return false; }

  bool setup(run_context& ctx) override {
    // The last participant is the one who keeps posting while everyone else is offline.
    return connect_everyone(ctx, ctx.opt.participants + 1);
  }

  bool run(run_context& ctx) override {
    const auto& o = ctx.opt;
    session& poster = *ctx.participants.back();
    const std::uint32_t n = o.participants;
    // 1. The venue Wi-Fi drops: every connection but the poster's is reset.
    for (std::uint32_t i = 0; i < n; ++i) ctx.participants[i]->drop();
    if (ctx.facilitator) ctx.facilitator->drop();
    ctx.pool->run_on_each([](unsigned) {});
    // 2. Meanwhile ideas are posted and committed.
    gap_first_ = ctx.ideas->size();
    for (std::uint32_t i = 0; i < o.storm_ideas; ++i) {
      if (const auto idx = ctx.ideas->allocate(poster.index())) poster.post(*idx);
    }
    gap_end_ = ctx.ideas->size();
    const bool posted = ctx.wait_until(
        [&] {
          const auto a = account(*ctx.ideas, 1);
          return a.unanswered == 0 && a.missing_deliveries == 0;
        },
        30);
    if (!posted) {
      ctx.fail("the ideas posted during the outage were not all acked");
      return false;
    }
    target_seq_ = poster.last_seq();
    std::this_thread::sleep_for(std::chrono::milliseconds(500));  // the server notices the resets
    // 3. Everyone comes back at once.
    const probe p = ctx.begin_window();
    const auto ready0 = ctx.shared.ready.load();
    const auto failed0 = ctx.shared.failed.load();
    start_ns_ = now_ns();
    for (std::uint32_t i = 0; i < n; ++i) {
      ctx.participants[i]->start_resume(target_seq_, gap_first_, gap_end_, start_ns_);
    }
    ctx.wait_until(
        [&] {
          return (ctx.shared.ready.load() - ready0) + (ctx.shared.failed.load() - failed0) >= n;
        },
        o.storm_timeout);
    const json w = ctx.end_window(p);
    report_window(ctx, w);
    return true;
  }

  void report(run_context& ctx) override {
    const std::uint32_t n = ctx.opt.participants;
    latency_histogram catchup;
    std::uint32_t caught = 0, wrong_backlog = 0;
    std::int64_t last = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      const session& s = *ctx.participants[i];
      const auto t = s.caught_up_ns();
      if (s.current_phase() != session::phase::ready || t == 0) continue;
      ++caught;
      last = std::max(last, t);
      catchup.record(static_cast<std::uint64_t>((t - start_ns_) / 1000));
      if (s.backlog_gap_ideas() != gap_end_ - gap_first_) ++wrong_backlog;
    }
    const double all_s = caught == n ? (last - start_ns_) / 1e9 : -1;
    const auto sum = summarize(catchup);
    ctx.result["storm_participants"] = n;
    ctx.result["storm_ideas"] = gap_end_ - gap_first_;
    ctx.result["target_seq"] = target_seq_;
    ctx.result["caught_up"] = caught;
    ctx.result["all_caught_up_s"] = all_s;
    ctx.result["catch_up"] = to_json(sum);
    ctx.result["missed_backlog"] = wrong_backlog;
    ctx.result["all_delivered"] = caught == n && wrong_backlog == 0;
    ctx.out << "  " << caught << " of " << n << " resumed and caught up to seq " << target_seq_;
    if (all_s >= 0) ctx.out << "; all within " << fmt(all_s, 3) << " s";
    ctx.out << "\n  catch-up time        " << to_text(sum) << "\n";
    ctx.out << "  " << wrong_backlog << " resumed clients lacked some of the "
            << gap_end_ - gap_first_ << " ideas posted while they were offline\n";
    if (caught < n) {
      std::string example;
      for (std::uint32_t i = 0; i < n && example.empty(); ++i) {
        if (ctx.participants[i]->current_phase() == session::phase::failed) {
          example = ctx.participants[i]->last_error();
        }
      }
      ctx.problems.push_back(std::to_string(n - caught) + " clients did not catch up" +
                             (example.empty() ? "" : " (e.g. " + example + ")"));
    }
    if (wrong_backlog > 0) ctx.problems.push_back("some resumed clients missed ideas");
  }

 private:
  std::uint64_t gap_first_ = 0, gap_end_ = 0;
  std::int64_t target_seq_ = 0;
  std::int64_t start_ns_ = 0;
};

}  // namespace

const std::map<std::string, scenario_factory>& scenario_registry() {
  static const std::map<std::string, scenario_factory> registry{
      {"ideation", [] { return std::make_unique<ideation>(); }},
      {"saturation", [] { return std::make_unique<saturation>(); }},
      {"idle", [] { return std::make_unique<idle>(); }},
      {"connect-storm", [] { return std::make_unique<connect_storm>(); }},
  };
  return registry;
}

}  // namespace rt::bench
