// scenarios.cpp: the load scenarios and their registry.
//
//   ideation       N participants, M posters at an overall rate (open loop) for a duration:
//                  command->ack and post->everyone latency, deliveries per second.
//   saturation     N receivers, K posters each with one post outstanding (closed loop): the
//                  most ideas per second the target acknowledges and delivers.
//   idle           N participants connected and idle: server memory per participant.
//   connect-storm  N participants drop at once (TCP reset), ideas are posted meanwhile, then
//                  all N resume with hello{token,lastSeq} at once: time until all caught up.
//   vote-storm     N participants each cast a full budget of 5 dots (5 `vote` commands) at
//                  random times within a window: vote ack latency, the delay until the
//                  facilitator's `results` show every acked vote, and a database check that
//                  every acked vote (and no other) is stored and the tallies match.
//   co-edit        N editors type into one section of a proposal at a set rate each:
//                  push-to-visible latency, confirmation delay per editor, convergence of
//                  every editor to the server's text and the database (coedit_scenario.cpp).
#include <algorithm>
#include <cmath>
#include <mutex>
#include <random>
#include <thread>

#include "harness.hpp"
#include "votes.hpp"

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
    ctx.out << "  server RSS " << before / 1024 << " MiB before, " << after / 1024 << " MiB with "
            << participants << " connected: " << fmt(per, 2) << " KiB per participant\n";
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
  o << "  ideas: " << a.posted << " posted, " << a.acked << " acked, " << a.failed << " refused, "
    << a.unanswered << " unanswered\n";
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
  o << "  window " << fmt(w.value("wall_s", 0.0), 2)
    << " s: " << fmt(w.value("frames_per_s", 0.0), 0) << " frames/s, "
    << fmt(w.value("deliveries_per_s", 0.0), 0) << " idea deliveries/s, "
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
      if (o.similar) ask_similar(ctx, poster, *idx);
      poster.post(*idx);
    }
    std::this_thread::sleep_until(start +
                                  std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                      std::chrono::duration<double>(o.duration)));
    const json w = ctx.end_window(p);
    drain(ctx, receivers_);
    report_window(ctx, w);
    ctx.result["posters"] = posters;
    ctx.result["rate"] = o.rate;
    ctx.result["send_lag"] = to_json(summarize(lag));
    ctx.out << "  pacing lag           " << to_text(summarize(lag)) << "\n";
    if (o.similar) {
      std::lock_guard lock(similar_mutex_);
      ctx.result["similar_ideas"] = to_json(summarize(similar_));
      ctx.result["similar_answered"] = similar_answered_;
      ctx.out << "  similar_ideas        " << to_text(summarize(similar_)) << " ("
              << similar_answered_ << " answered)\n";
    }
    return true;
  }

  void report(run_context& ctx) override { report_deliveries(ctx, receivers_); }

 private:
  // The question the composer asks before its author posts: its answer time over the wire.
  void ask_similar(run_context& ctx, session& poster, std::uint64_t index) {
    const std::string text =
        wire::idea_text(ctx.shared.prefix, index, ctx.shared.idea_length);
    poster.send_timed(R"({"type":"similar_ideas","track":)" + std::to_string(ctx.shared.track) +
                          R"(,"text":")" + text + R"("})",
                      [this](wire::kind, std::string_view, std::int64_t sent, std::int64_t now) {
                        std::lock_guard lock(similar_mutex_);
                        similar_.record(static_cast<std::uint64_t>((now - sent) / 1000));
                        ++similar_answered_;
                      });
  }

  std::uint32_t receivers_ = 0;
  std::mutex similar_mutex_;
  latency_histogram similar_;
  std::uint64_t similar_answered_ = 0;
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
      const double per =
          (static_cast<double>(rss) - ctx.result["server_rss_before_kb"].get<double>()) /
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

// ---------------------------------------------------------------------------------------------

class vote_storm final : public scenario {
 public:
  static constexpr int budget = 5;
  static constexpr int max_per_item = 3;

  bool supports_bare() const override { return false; }

  bool setup(run_context& ctx) override {
    const auto& o = ctx.opt;
    if (!o.facilitator) {
      ctx.fail("vote-storm needs the facilitator (it opens the round and receives the results)");
      return false;
    }
    if (o.vote_items == 0 || o.vote_items * max_per_item < budget) {
      ctx.fail("vote-storm needs at least 2 items");
      return false;
    }
    // The facilitator's `results` lines, kept raw (parsed after the run). Set before any
    // session starts; only `results` lines of the facilitator are copied.
    facilitator_index_ = o.participants + 1001;
    ctx.shared.on_other_line = [this](session& s, std::string_view line, std::int64_t now) {
      if (s.index() != facilitator_index_ || !is_results_line(line)) return;
      std::lock_guard lock(results_mutex_);
      results_.emplace_back(now, std::string(line));
    };
    if (!connect_everyone(ctx, o.participants)) return false;
    const auto n = static_cast<std::uint32_t>(ctx.participants.size());

    // One participant posts the round's ideas in track 1.
    session& poster = *ctx.participants[0];
    for (std::uint32_t i = 0; i < o.vote_items; ++i) {
      if (const auto idx = ctx.ideas->allocate(poster.index())) poster.post(*idx);
    }
    const std::uint32_t receivers = ctx.receivers();
    if (!ctx.wait_until(
            [&] {
              const auto a = account(*ctx.ideas, receivers);
              return a.unanswered == 0 && a.missing_deliveries == 0;
            },
            60) ||
        account(*ctx.ideas, receivers).acked != o.vote_items) {
      ctx.fail("the round's ideas were not all acked and delivered");
      return false;
    }
    for (std::size_t i = 0; i < ctx.ideas->size(); ++i)
      items_.push_back(ctx.ideas->find(i)->idea_id.load());

    // The facilitator opens the round; everyone must see round_opened.
    const auto seq0 = ctx.facilitator->last_seq();
    const auto t0 = now_ns();
    std::atomic<std::int64_t> round{0};
    std::atomic<bool> answered{false};
    std::string answer;
    const json open{{"type", "open_round"}, {"title", "Vote storm"}, {"track", ctx.event.track},
                    {"method", "dots"},     {"budget", budget},      {"maxPerItem", max_per_item},
                    {"allowOwn", true},     {"liveResults", false},  {"randomOrder", true}};
    ctx.facilitator->send_command(open.dump(), [&](wire::kind k, std::string_view line) {
      answer = std::string(line);
      if (k == wire::kind::ack) round.store(wire::int_field(line, "round").value_or(0));
      answered.store(true);
    });
    ctx.wait_until([&] { return answered.load(); }, 30);
    if (!answered.load() || round.load() <= 0) {
      ctx.fail("open_round refused: " + (answered.load() ? answer : std::string("(no answer)")));
      return false;
    }
    round_ = round.load();
    ctx.wait_until([&] { return ctx.facilitator->last_seq() > seq0; }, 30);
    const auto opened_seq = ctx.facilitator->last_seq();
    const bool all_saw = ctx.wait_until(
        [&] {
          for (const auto& p : ctx.participants) {
            if (p->last_seq() < opened_seq) return false;
          }
          return true;
        },
        60);
    ctx.result["round_opened_to_all_s"] = (now_ns() - t0) / 1e9;
    ctx.out << "  round " << round_ << " over " << items_.size() << " ideas opened; all " << n
            << " participants saw it within " << fmt((now_ns() - t0) / 1e9, 3) << " s\n";
    if (!all_saw) {
      ctx.fail("not every participant saw round_opened");
      return false;
    }
    for (const auto& p : ctx.participants) {
      if (p->member_id() <= 0) {
        ctx.fail("a participant's member id is unknown (join ack without \"you\")");
        return false;
      }
      members_.push_back(p->member_id());
    }
    return true;
  }

  bool run(run_context& ctx) override {
    const auto& o = ctx.opt;
    const auto n = static_cast<std::uint32_t>(ctx.participants.size());
    book_.resize(n);
    std::mt19937_64 rng(o.seed ? o.seed : std::random_device{}());
    // Every participant's 5 commands at 5 uniform random times in the window, in time order.
    struct planned {
      double at;
      std::uint32_t participant;
      vote_command cmd;
    };
    std::vector<planned> plan;
    plan.reserve(static_cast<std::size_t>(n) * budget);
    std::uniform_real_distribution<double> when(0.0, o.vote_window);
    for (std::uint32_t i = 0; i < n; ++i) {
      const auto cmds = plan_ballot(rng, items_, budget, max_per_item);
      std::vector<double> times;
      for (std::size_t k = 0; k < cmds.size(); ++k) times.push_back(when(rng));
      std::sort(times.begin(), times.end());
      for (std::size_t k = 0; k < cmds.size(); ++k) plan.push_back({times[k], i, cmds[k]});
    }
    std::sort(plan.begin(), plan.end(),
              [](const planned& a, const planned& b) { return a.at < b.at; });
    total_ = plan.size();

    ctx.clear_latencies();
    latency_histogram lag;
    const probe p = ctx.begin_window();
    const auto start = std::chrono::steady_clock::now() + std::chrono::milliseconds(10);
    start_ns_ = now_ns() + 10'000'000;
    for (const auto& v : plan) {
      const auto at = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                  std::chrono::duration<double>(v.at));
      std::this_thread::sleep_until(at);
      lag.record(static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                                std::chrono::steady_clock::now() - at)
                                                .count()));
      session& s = *ctx.participants[v.participant];
      const std::string text = R"({"type":"vote","round":)" + std::to_string(round_) +
                               R"(,"item":)" + std::to_string(v.cmd.item) + R"(,"votes":)" +
                               std::to_string(v.cmd.votes) + "}";
      s.send_timed(text, [this, &ctx, &s, who = v.participant, cmd = v.cmd](
                             wire::kind k, std::string_view, std::int64_t sent, std::int64_t now) {
        if (k == wire::kind::ack) {
          book_.record_ack(who, cmd);
          ctx.shared.stats[s.thread()]->ack_us.record(static_cast<std::uint64_t>(now - sent) /
                                                      1000);
          auto last = last_ack_ns_.load(std::memory_order_relaxed);
          while (last < now && !last_ack_ns_.compare_exchange_weak(last, now)) {
          }
          acked_.fetch_add(1, std::memory_order_release);
        } else if (k == wire::kind::error) {
          refused_.fetch_add(1, std::memory_order_release);
        } else {
          dropped_.fetch_add(1, std::memory_order_release);  // the connection closed
        }
      });
    }
    const auto answered = [&] {
      return acked_.load() + refused_.load() + dropped_.load() >= total_;
    };
    ctx.wait_until(answered, o.drain);
    const json w = ctx.end_window(p);
    report_window(ctx, w);
    ctx.result["send_lag"] = to_json(summarize(lag));
    ctx.out << "  pacing lag           " << to_text(summarize(lag)) << "\n";
    if (!answered()) {
      ctx.problems.push_back(
          std::to_string(total_ - acked_.load() - refused_.load() - dropped_.load()) +
          " votes unanswered after " + fmt(o.drain, 0) + " s");
    }
    // Then the facilitator's tallies must catch up with every acked vote.
    expected_ = book_.sum();
    ctx.wait_until(
        [&] {
          std::lock_guard lock(results_mutex_);
          if (results_.empty()) return false;
          const auto t = parse_results(results_.back().second, round_);
          return t && *t == expected_;
        },
        o.drain);
    return true;
  }

  void report(run_context& ctx) override {
    auto& o = ctx.out;
    const auto ack = summarize(ctx.merged_ack());
    const std::int64_t last_ack = last_ack_ns_.load();
    std::vector<std::pair<std::int64_t, std::string>> results;
    {
      std::lock_guard lock(results_mutex_);
      results = results_;
    }
    // Tally delay: from the last vote's ack to the first `results` equal to every acked vote.
    std::optional<double> delay_ms;
    std::uint64_t during = 0;
    for (const auto& [t, line] : results) {
      const auto tot = parse_results(line, round_);
      if (!tot) continue;
      if (t >= start_ns_) ++during;
      if (!delay_ms && *tot == expected_ && t >= start_ns_) delay_ms = (t - last_ack) / 1e6;
      last_results_ = *tot;
      have_results_ = true;
    }
    const double span_s = last_ack > start_ns_ ? (last_ack - start_ns_) / 1e9 : 0.0;
    const double per_s = span_s > 0 ? acked_.load() / span_s : 0.0;
    ctx.result["receivers"] = ctx.receivers();
    ctx.result["vote_window_s"] = ctx.opt.vote_window;
    ctx.result["votes"] = json{{"sent", total_},
                               {"acked", acked_.load()},
                               {"refused", refused_.load()},
                               {"dropped", dropped_.load()},
                               {"dots", book_.dots()},
                               {"items", items_.size()}};
    ctx.result["ack"] = to_json(ack);
    ctx.result["votes_per_s"] = per_s;
    ctx.result["results_messages"] = during;
    ctx.result["tally_delay_ms"] = delay_ms ? json(*delay_ms) : json(nullptr);
    ctx.result["all_delivered"] = acked_.load() == total_ && delay_ms.has_value();
    o << "  votes: " << total_ << " sent, " << acked_.load() << " acked, " << refused_.load()
      << " refused, " << dropped_.load() << " lost with their connection; " << book_.dots()
      << " dots on " << expected_.size() << " items, " << fmt(per_s, 0) << " votes/s acked over "
      << fmt(span_s, 2) << " s\n";
    o << "  vote ack latency     " << to_text(ack) << "\n";
    o << "  results to the facilitator: " << during << " messages during the storm; tally delay "
      << (delay_ms ? fmt(*delay_ms, 1) + " ms (last ack -> first complete results)"
                   : std::string("n/a: no results message matched every acked vote"))
      << "\n";
    const auto errors = ctx.shared.error_codes();
    if (!errors.empty()) {
      json e = json::object();
      o << "  errors:";
      for (const auto& [code, c] : errors) {
        e[code] = c;
        o << " " << code << "=" << c;
      }
      o << "\n";
      ctx.result["errors"] = e;
    }
    if (acked_.load() != total_) ctx.problems.push_back("not every vote was acked");
    if (!delay_ms)
      ctx.problems.push_back("the facilitator never got results with every acked vote");
  }

  bool check_database(const std::string& db_path, std::int64_t event_id, json& r,
                      std::vector<std::string>& problems, std::ostream& out) override {
    if (round_ <= 0) return true;  // the round was never opened: nothing to compare
    const auto db = read_round(db_path, event_id, round_);
    if (!db.ok) {
      out << "  vote check failed: " << db.error << "\n";
      problems.push_back("vote check failed: " + db.error);
      r["tallies_match"] = false;
      return false;
    }
    std::map<std::int64_t, ballot> expected;
    for (std::size_t i = 0; i < members_.size() && i < book_.size(); ++i) {
      if (!book_.of(i).empty()) expected[members_[i]] = book_.of(i);
    }
    const auto d = compare_ballots(expected, db.ballots);
    const bool results_match = have_results_ && last_results_ == db.sums;
    const bool book_match = expected_ == db.sums;
    r["votes_checked"] = d.expected_votes;
    r["votes_lost"] = d.missing + d.wrong;
    r["votes_extra"] = d.extra;
    r["tallies_match"] = results_match && book_match;
    out << "  votes lost: " << d.missing + d.wrong << " (" << d.missing << " missing, " << d.wrong
        << " with another count; of " << d.expected_votes << " acked ballot rows), " << d.extra
        << " extra rows in the database\n";
    out << "  tallies_match: " << (results_match && book_match ? "true" : "false")
        << " (last results seen by the facilitator vs SUM(votes) GROUP BY item"
        << (book_match ? "" : "; the acked votes' totals differ too") << ")\n";
    if (!d.equal()) {
      std::string ex;
      for (const auto& e : d.examples) ex += "; " + e;
      problems.push_back("the database's ballots differ from the acked votes" + ex);
    }
    if (!results_match) {
      problems.push_back(have_results_ ? "the last results differ from the database: " +
                                             totals_difference(last_results_, db.sums)
                                       : std::string("the facilitator got no results"));
    }
    if (!book_match) {
      problems.push_back("the acked votes' totals differ from the database: " +
                         totals_difference(expected_, db.sums));
    }
    return d.equal() && results_match && book_match;
  }

 private:
  std::uint32_t facilitator_index_ = 0;
  std::vector<std::int64_t> items_;
  std::vector<std::int64_t> members_;  // per participant
  std::int64_t round_ = 0;
  std::uint64_t total_ = 0;
  std::int64_t start_ns_ = 0;
  vote_book book_;
  totals expected_;
  totals last_results_;
  bool have_results_ = false;
  std::atomic<std::uint64_t> acked_{0}, refused_{0}, dropped_{0};
  std::atomic<std::int64_t> last_ack_ns_{0};
  std::mutex results_mutex_;
  std::vector<std::pair<std::int64_t, std::string>> results_;  // guarded by results_mutex_
};

}  // namespace

const std::map<std::string, scenario_factory>& scenario_registry() {
  static const std::map<std::string, scenario_factory> registry{
      {"ideation", [] { return std::make_unique<ideation>(); }},
      {"saturation", [] { return std::make_unique<saturation>(); }},
      {"idle", [] { return std::make_unique<idle>(); }},
      {"connect-storm", [] { return std::make_unique<connect_storm>(); }},
      {"vote-storm", [] { return std::make_unique<vote_storm>(); }},
      {"co-edit", [] { return make_co_edit(); }},
  };
  return registry;
}

}  // namespace rt::bench
