// coedit_scenario.cpp: the `co-edit` scenario: N editors type into one section of one
// proposal at once, each a collab_peer (the C++ mirror of @codemirror/collab's client).
//
// Set-up over the real protocol: the admin creates the event, the editors join track 1 as
// participants, the facilitator creates a proposal in that track whose team is every editor,
// and each editor opens section 0 (`open_section` with version null).
//
// Typing: every editor inserts one character every 1/--rate seconds (its first at a random
// offset within the first interval), at a uniform random position of its current local
// text; the character is the keystroke's marker (coedit.hpp). With --same-spot every editor
// types forward at one shared spot instead, like people appending to the same sentence: its
// first keystroke at the start of the section (where everyone starts), each later one at the
// end of its own run (collab_peer::run_end(), which others' text inserted there does not
// join), so each editor types one run for the whole duration. Every peer marks the updates
// that continue its run (collab_peer's default); with --no-runs none does, which is
// @codemirror/collab's own tie rule, the baseline. --delay-ms D makes each editor see the
// server's `section_updates` D ms late, in order, as over a slow link (people typing over the
// internet see each other's keystrokes 50-150 ms late, and type the next meanwhile); the
// latencies measured then include D. Pushing as a @codemirror/collab
// client does: at most one `push` in flight, carrying all of sendable(); another push goes out
// when new typing happens or when the answer comes back and something was typed meanwhile
// (after the rest of the frame that carried the answer, whose `section_updates` may confirm
// what was just accepted). The answer is not a confirmation: an editor's own updates are
// confirmed when they come back in `section_updates`; an accepted push only means its updates
// need not be sent on their own again. A refusal is counted and the push retried 100 ms later.
// `section_updates` are received one update at a time (collab_peer::receive_at), after a
// check that their `version` follows the editor's; a gap is counted and the editor opens the
// section again with its version and receives what it missed from the answer.
//
// Measured: push-to-visible (the first push that carried a keystroke -> the moment the last of
// the other editors applied it, and to each of them), typing -> confirmation per editor, push
// answers, the server's CPU over the typing window and its RSS. After typing stops everyone
// settles (nothing unsent, one version); then every editor's text must equal the server's
// (a fresh `open_section` on the facilitator's connection), that text must hold every typed
// keystroke exactly once and nothing else, and the database's `section_updates` must count
// the server's version and replay to the same text. With --same-spot the report adds how many
// pieces each editor's run ended up in in the server's text (coedit::count_fragments; 1 when
// it stayed whole): a figure, not a check, since the baseline is expected to cut runs.
//
// Thread-safety: an editor lives on its session's io thread; the driver reads only its
// atomics, and its text through run_on_each.
#include <algorithm>
#include <cmath>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

#include "coedit.hpp"
#include "domain/text.hpp"
#include "harness.hpp"

namespace rt::bench {

using nlohmann::json;

namespace {

std::string fmt(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

json to_json_p90(const latency_histogram& h) {
  json j = to_json(summarize(h));
  j["p90_ms"] = h.percentile(90) / 1000.0;
  return j;
}

std::string to_text_p90(const latency_histogram& h) {
  const auto s = summarize(h);
  char buf[200];
  std::snprintf(buf, sizeof buf, "p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  (n=%llu)",
                s.p50_ms, h.percentile(90) / 1000.0, s.p99_ms, s.max_ms,
                static_cast<unsigned long long>(s.count));
  return buf;
}

// What every editor of a run shares. Constant once typing starts, but for the atomics and the
// per-thread parts (each touched only by its own thread).
struct coedit_run {
  std::int64_t proposal = 0;
  std::int64_t section = 0;
  std::unique_ptr<coedit::keystroke_book> book;
  std::int64_t period_ns = 200'000'000;
  std::uint32_t planned = 0;                                 // keystrokes per editor
  bool same_spot = false;                                    // type at run_end(), not at random
  bool mark_runs = true;                                     // collab_peer::set_mark_runs
  std::int64_t delay_ns = 0;                                 // section_updates seen this late
  std::vector<std::unique_ptr<latency_histogram>> type_lag;  // per io thread: timer lateness, us
  // Per io thread: the last few `section_updates` lines parsed, so that the editors of one
  // thread, which all receive the same message, parse it once (the load generator's own cost).
  struct parsed_line {
    std::string line;
    std::shared_ptr<const coedit::section_updates> msg;
  };
  std::vector<std::vector<parsed_line>> parsed;  // per io thread, a small ring
  std::vector<std::size_t> parsed_next;

  std::atomic<std::uint64_t> pushes{0}, refusals{0}, resent{0}, gaps{0}, reopens{0};
  std::atomic<std::uint64_t> applied_updates{0}, stale_messages{0}, bad_messages{0};
  std::atomic<std::uint64_t> continuing{0};  // keystrokes marked as continuing their run
  std::mutex problems_mutex;
  std::vector<std::string> problems;  // guarded by problems_mutex, at most 20

  void problem(std::string what) {
    std::lock_guard lock(problems_mutex);
    if (problems.size() < 20) problems.push_back(std::move(what));
  }

  // The message of `line`, parsed once per thread; nullptr when malformed.
  std::shared_ptr<const coedit::section_updates> parse(unsigned thread, std::string_view line) {
    auto& ring = parsed[thread];
    for (const auto& p : ring) {
      if (p.msg && p.line == line) return p.msg;
    }
    auto m = coedit::parse_section_updates(line);
    if (!m) return nullptr;
    auto msg = std::make_shared<const coedit::section_updates>(std::move(*m));
    auto& slot = ring[parsed_next[thread]++ % ring.size()];
    slot.line.assign(line);
    slot.msg = msg;
    return msg;
  }
};

class editor {
 public:
  editor(coedit_run& run, shared_run& shared, std::uint32_t index, std::string client_id,
         std::uint64_t seed)
      : run_(run),
        shared_(shared),
        index_(index),
        rng_(seed),
        peer_(client_id),
        client_id_(std::move(client_id)) {}
  editor(const editor&) = delete;
  editor& operator=(const editor&) = delete;

  // Driver thread, before open() is posted to the session's thread; until then the session's
  // lines stop at on_line's first checks, which do not use the session.
  void attach(session& s) { s_ = &s; }

  // --- The session's thread ---

  // open_section with version null; opened() once answered.
  void open() {
    s_->send_command_now(coedit::open_section_command(run_.proposal, run_.section, std::nullopt),
                         [this](wire::kind k, std::string_view line) {
                           if (k != wire::kind::ack)
                             return fail("open_section: " + std::string(line));
                           const json j = json::parse(line, nullptr, false);
                           try {
                             const json& r = j.at("result");
                             peer_ = domain::collab_peer(
                                 client_id_, domain::to_utf16(r.at("text").get<std::string>()),
                                 r.at("version").get<std::int64_t>());
                             peer_.set_mark_runs(run_.mark_runs);
                           } catch (const std::exception& e) {
                             return fail(std::string("open_section answer: ") + e.what());
                           }
                           open_ = true;
                           publish();
                           opened_.store(true, std::memory_order_release);
                         });
  }

  // Types keystroke k at first_ns + k * period, for k < planned.
  void start_typing(std::int64_t first_ns) {
    first_ns_ = first_ns;
    schedule_next();
  }

  void on_line(std::string_view line) {
    if (!coedit::is_section_updates_line(line)) return;
    if (!open_ || reopening_) return;  // the answer to the re-open brings these
    auto m = run_.parse(s_->thread(), line);
    if (!m) {
      run_.bad_messages.fetch_add(1);
      return run_.problem("a section_updates message could not be read");
    }
    if (m->proposal != run_.proposal || m->section != run_.section) return;
    if (run_.delay_ns > 0) return hold(std::move(m));
    receive(*m);
  }

  // --- Any thread ---
  bool opened() const { return opened_.load(std::memory_order_acquire); }
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  std::uint32_t typed() const { return typed_pub_.load(std::memory_order_acquire); }
  std::int64_t version() const { return version_pub_.load(std::memory_order_acquire); }
  std::uint32_t unconfirmed() const { return unconfirmed_pub_.load(std::memory_order_acquire); }
  bool busy() const { return busy_pub_.load(std::memory_order_acquire); }
  std::string error() const {
    std::lock_guard lock(error_mutex_);
    return error_;
  }

  // The session's thread, or once the io threads stopped.
  const domain::collab_peer& peer() const { return peer_; }

 private:
  void fail(std::string why) {
    {
      std::lock_guard lock(error_mutex_);
      if (error_.empty()) error_ = std::move(why);
    }
    failed_.store(true, std::memory_order_release);
    run_.problem("editor " + std::to_string(index_) + ": " + error());
  }

  void publish() {
    version_pub_.store(peer_.version(), std::memory_order_release);
    unconfirmed_pub_.store(static_cast<std::uint32_t>(pending_.size()), std::memory_order_release);
    typed_pub_.store(typed_, std::memory_order_release);
    busy_pub_.store(in_flight_ || reopening_ || !held_.empty(), std::memory_order_release);
  }

  // A `section_updates` message for this section, now.
  void receive(const coedit::section_updates& m) {
    if (m.version > peer_.version()) {
      run_.gaps.fetch_add(1);
      return reopen();
    }
    apply(m.version, m.updates);
  }

  // --delay-ms: keeps a message until delay_ns after it arrived; messages leave in order.
  void hold(std::shared_ptr<const coedit::section_updates> m) {
    held_.push_back({now_ns() + run_.delay_ns, std::move(m)});
    publish();
    s_->run_after(std::chrono::nanoseconds(run_.delay_ns), [this] { release_held(); });
  }

  void release_held() {
    const std::int64_t now = now_ns();
    while (!held_.empty() && held_.front().due_ns <= now) {
      const auto m = std::move(held_.front().msg);
      held_.pop_front();
      // While re-opening, the answer brings what was held (it was asked for later).
      if (open_ && !reopening_ && !failed()) receive(*m);
    }
    publish();
  }

  void schedule_next() {
    if (typed_ >= run_.planned) return;
    const std::int64_t due = first_ns_ + static_cast<std::int64_t>(typed_) * run_.period_ns;
    const std::int64_t wait = due - now_ns();
    auto type = [this, due] { type_one(due); };
    if (wait <= 0) {
      s_->run(std::move(type));
    } else {
      s_->run_after(std::chrono::nanoseconds(wait), std::move(type));
    }
  }

  void type_one(std::int64_t due) {
    const std::int64_t now = now_ns();
    run_.type_lag[s_->thread()]->record(
        static_cast<std::uint64_t>(std::max<std::int64_t>(0, now - due) / 1000));
    if (!open_ || failed()) return;
    const std::uint32_t id = run_.book->id(index_, typed_);
    const auto len = static_cast<std::int64_t>(peer_.text().size());
    // The shared spot is the start of the section, where every run begins.
    const std::int64_t pos = run_.same_spot
                                 ? std::min(peer_.run_end().value_or(0), len)
                                 : std::uniform_int_distribution<std::int64_t>(0, len)(rng_);
    auto change = domain::change_set::replace_range(len, pos, pos,
                                                    std::u16string(1, *coedit::marker_char(id)));
    peer_.local_change(change.value());
    if (peer_.unconfirmed().back().continues) {
      run_.continuing.fetch_add(1, std::memory_order_relaxed);
    }
    pending_.push_back(id);
    run_.book->typed(id, now);
    ++typed_;
    maybe_push();
    publish();
    schedule_next();
  }

  // Pushes all of sendable() when nothing is in flight and something was typed that no
  // accepted push carried.
  void maybe_push() {
    if (in_flight_ || !open_ || reopening_ || failed()) return;
    if (pending_.size() <= accepted_) return;
    const auto updates = peer_.sendable();
    const std::int64_t now = now_ns();
    for (std::size_t i = accepted_; i < pending_.size(); ++i) run_.book->pushed(pending_[i], now);
    run_.resent.fetch_add(accepted_, std::memory_order_relaxed);
    run_.pushes.fetch_add(1, std::memory_order_relaxed);
    carried_ = pending_.size();
    in_flight_ = true;
    s_->send_command_now(
        coedit::push_command(run_.proposal, run_.section, peer_.version(), updates),
        [this, now](wire::kind k, std::string_view line) { on_answer(k, line, now); });
  }

  void on_answer(wire::kind k, std::string_view line, std::int64_t sent) {
    in_flight_ = false;
    if (k == wire::kind::ack) {
      shared_.stats[s_->thread()]->ack_us.record(static_cast<std::uint64_t>(now_ns() - sent) /
                                                 1000);
      accepted_ = std::max(accepted_, carried_);
      carried_ = 0;
      // After the rest of this frame: its section_updates may confirm what was just accepted.
      s_->run([this] {
        maybe_push();
        publish();
      });
    } else if (k == wire::kind::error) {
      run_.refusals.fetch_add(1);
      run_.problem("push refused: " + std::string(line));
      carried_ = 0;
      s_->run_after(std::chrono::milliseconds(100), [this] {
        maybe_push();
        publish();
      });
    } else {
      fail("the connection closed with a push in flight");
    }
    publish();
  }

  // Receives `updates`, the first of which follows version `first`, one at a time.
  void apply(std::int64_t first, const std::vector<domain::accepted_update>& updates) {
    const std::int64_t known = peer_.version() - first;
    if (known >= static_cast<std::int64_t>(updates.size())) {
      run_.stale_messages.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    const std::size_t before = peer_.unconfirmed().size();
    const auto received = peer_.receive_at(first, updates);
    if (!received) return fail("cannot receive updates: " + received.err().message);
    const std::int64_t now = now_ns();
    auto& delivery = shared_.stats[s_->thread()]->delivery_us;
    for (auto i = static_cast<std::size_t>(known); i < updates.size(); ++i) {
      if (updates[i].client_id == client_id_) continue;
      coedit::for_each_inserted_marker(updates[i].changes, [&](std::uint32_t id) {
        const auto latency = run_.book->applied(id, now);
        if (latency >= 0) delivery.record(static_cast<std::uint64_t>(latency) / 1000);
      });
    }
    run_.applied_updates.fetch_add(updates.size() - static_cast<std::size_t>(known),
                                   std::memory_order_relaxed);
    // Own updates came back: confirmed, in order.
    std::size_t confirmed = before - peer_.unconfirmed().size();
    for (std::size_t i = 0; i < confirmed && !pending_.empty(); ++i) {
      run_.book->confirmed(pending_.front(), now);
      pending_.pop_front();
    }
    accepted_ = accepted_ > confirmed ? accepted_ - confirmed : 0;
    carried_ = carried_ > confirmed ? carried_ - confirmed : 0;
    publish();
  }

  // Opens the section again with the version this editor has, and receives what it missed.
  void reopen() {
    reopening_ = true;
    run_.reopens.fetch_add(1);
    const std::int64_t from = peer_.version();
    publish();
    s_->send_command_now(
        coedit::open_section_command(run_.proposal, run_.section, from),
        [this, from](wire::kind k, std::string_view line) {
          reopening_ = false;
          if (k != wire::kind::ack) return fail("re-open refused: " + std::string(line));
          const json j = json::parse(line, nullptr, false);
          std::optional<std::vector<domain::accepted_update>> updates;
          if (j.is_object() && j.contains("result") && j["result"].contains("updates")) {
            updates = coedit::updates_from_json(j["result"]["updates"]);
          }
          if (!updates) return fail("the re-open answer could not be read");
          apply(from, *updates);
          maybe_push();
          publish();
        });
  }

  coedit_run& run_;
  shared_run& shared_;
  const std::uint32_t index_;
  session* s_ = nullptr;  // set before the connection starts

  // The session's thread only.
  std::mt19937_64 rng_;
  domain::collab_peer peer_;
  const std::string client_id_;
  std::deque<std::uint32_t> pending_;  // keystrokes of peer_.unconfirmed(), in order
  struct held_message {
    std::int64_t due_ns = 0;
    std::shared_ptr<const coedit::section_updates> msg;
  };
  std::deque<held_message> held_;  // --delay-ms: received, not yet seen
  std::size_t accepted_ = 0;       // leading pending_ that an accepted push carried
  std::size_t carried_ = 0;        // leading pending_ that the push in flight carries
  bool open_ = false, in_flight_ = false, reopening_ = false;
  std::uint32_t typed_ = 0;
  std::int64_t first_ns_ = 0;

  // Any thread.
  std::atomic<bool> opened_{false}, failed_{false}, busy_pub_{false};
  std::atomic<std::int64_t> version_pub_{0};
  std::atomic<std::uint32_t> unconfirmed_pub_{0}, typed_pub_{0};
  mutable std::mutex error_mutex_;
  std::string error_;  // guarded by error_mutex_
};

// Sends a command on a session and waits for its answer line (nullopt on timeout or close).
std::optional<std::string> ask(run_context& ctx, session& s, std::string command, double seconds) {
  auto answer = std::make_shared<std::optional<std::string>>();
  auto done = std::make_shared<std::atomic<bool>>(false);
  s.send_command(std::move(command), [answer, done](wire::kind k, std::string_view line) {
    if (k != wire::kind::other) *answer = std::string(line);
    done->store(true, std::memory_order_release);
  });
  ctx.wait_until([&] { return done->load(std::memory_order_acquire); }, seconds);
  if (!done->load(std::memory_order_acquire)) return std::nullopt;
  return *answer;
}

class co_edit final : public scenario {
 public:
  bool supports_bare() const override { return false; }

  bool setup(run_context& ctx) override {
    const auto& o = ctx.opt;
    const std::uint32_t n = o.participants;
    if (!o.facilitator) {
      ctx.fail("co-edit needs the facilitator (it creates the proposal and reads the final text)");
      return false;
    }
    if (n < 2 || o.rate <= 0 || o.duration <= 0) {
      ctx.fail("co-edit needs at least 2 editors, a positive --rate and --duration");
      return false;
    }
    run_.period_ns = static_cast<std::int64_t>(1e9 / o.rate);
    run_.same_spot = o.same_spot;
    run_.mark_runs = !o.no_runs;
    run_.delay_ns = static_cast<std::int64_t>(o.delay_ms * 1e6);
    run_.planned = static_cast<std::uint32_t>(std::floor(o.rate * o.duration + 1e-9));
    const auto total = static_cast<std::uint64_t>(n) * run_.planned;
    if (run_.planned == 0 || total > coedit::marker_capacity) {
      ctx.fail("co-edit: " + std::to_string(n) + " editors x " + std::to_string(run_.planned) +
               " keystrokes; between 1 and " + std::to_string(coedit::marker_capacity) +
               " keystrokes fit the markers");
      return false;
    }
    if (o.max_section_chars > 0 && total > o.max_section_chars) {
      ctx.fail("co-edit: " + std::to_string(total) + " keystrokes do not fit --max-section-chars " +
               std::to_string(o.max_section_chars));
      return false;
    }
    run_.book = std::make_unique<coedit::keystroke_book>(n, run_.planned);
    for (unsigned t = 0; t < ctx.pool->size(); ++t) {
      run_.type_lag.push_back(std::make_unique<latency_histogram>());
      run_.parsed.emplace_back(8);
      run_.parsed_next.push_back(0);
    }
    // Every editor exists before any session starts, and editors_ never changes after.
    std::mt19937_64 seeds(o.seed ? o.seed : std::random_device{}());
    const auto nonce = std::to_string(seeds() % 1'000'000);
    for (std::uint32_t i = 0; i < n; ++i) {
      editors_.push_back(std::make_unique<editor>(run_, ctx.shared, i,
                                                  "e" + std::to_string(i) + "-" + nonce, seeds()));
    }
    ctx.shared.on_other_line = [this](session& s, std::string_view line, std::int64_t) {
      if (s.index() < editors_.size()) editors_[s.index()]->on_line(line);
    };

    if (!ctx.create_event() || !ctx.connect_facilitator()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    rss_before_kb_ = ctx.server_rss_kb();
    if (!ctx.connect_participants(n)) return false;

    // The proposal, with every editor on its team.
    json team = json::array();
    for (const auto& p : ctx.participants) {
      if (p->member_id() <= 0) {
        ctx.fail("an editor's member id is unknown (join ack without \"you\")");
        return false;
      }
      team.push_back(p->member_id());
    }
    const json create{{"type", "create_proposal"}, {"title", "Co-edit load test"},
                      {"track", ctx.event.track},  {"ideas", json::array()},
                      {"cluster", nullptr},        {"table", nullptr},
                      {"team", std::move(team)}};
    const auto created = ask(ctx, *ctx.facilitator, create.dump(), 30);
    if (!created || wire::classify(*created) != wire::kind::ack) {
      ctx.fail("create_proposal refused: " + created.value_or("(no answer)"));
      return false;
    }
    run_.proposal = wire::int_field(*created, "proposal").value_or(0);
    if (run_.proposal <= 0) {
      ctx.fail("create_proposal answered without a proposal: " + *created);
      return false;
    }

    // Every editor opens section 0.
    for (std::uint32_t i = 0; i < n; ++i) {
      editor* e = editors_[i].get();
      e->attach(*ctx.participants[i]);
      ctx.participants[i]->run([e] { e->open(); });
    }
    const bool all_open = ctx.wait_until(
        [&] {
          return std::all_of(editors_.begin(), editors_.end(),
                             [](const auto& e) { return e->opened() || e->failed(); });
        },
        60);
    const auto opened =
        std::count_if(editors_.begin(), editors_.end(), [](const auto& e) { return e->opened(); });
    ctx.out << "  proposal " << run_.proposal << ": " << opened << " of " << n
            << " editors opened section " << run_.section << "; typing "
            << (run_.same_spot ? "forward at one shared spot" : "at random positions") << ", runs "
            << (run_.mark_runs ? "marked" : "NOT marked (the old tie rule)");
    if (run_.delay_ns > 0) {
      ctx.out << "; every editor sees the server's updates " << fmt(o.delay_ms, 0) << " ms late";
    }
    ctx.out << "\n";
    if (!all_open || opened != static_cast<std::ptrdiff_t>(n)) {
      std::string why;
      for (const auto& e : editors_) {
        if (e->failed()) {
          why = e->error();
          break;
        }
      }
      ctx.fail("not every editor could open the section" + (why.empty() ? "" : ": " + why));
      return false;
    }
    const auto rss = ctx.server_rss_kb();
    if (rss > 0) {
      ctx.result["server_rss_before_kb"] = rss_before_kb_;
      ctx.result["server_rss_connected_kb"] = rss;
    }
    return true;
  }

  bool run(run_context& ctx) override {
    const auto& o = ctx.opt;
    const auto n = static_cast<std::uint32_t>(editors_.size());
    ctx.clear_latencies();
    if (ctx.monitor) ctx.monitor->reset_peak();
    const probe p = ctx.begin_window();
    const std::int64_t t0 = now_ns() + 20'000'000;
    std::mt19937_64 rng(o.seed ? o.seed + 1 : std::random_device{}());
    std::uniform_int_distribution<std::int64_t> jitter(0, run_.period_ns - 1);
    for (std::uint32_t i = 0; i < n; ++i) {
      editor* e = editors_[i].get();
      const std::int64_t first = t0 + jitter(rng);
      ctx.participants[i]->run([e, first] { e->start_typing(first); });
    }
    // Typing takes `duration` seconds; a late timer may stretch it a little.
    const bool typed_all = ctx.wait_until(
        [&] {
          return std::all_of(editors_.begin(), editors_.end(), [&](const auto& e) {
            return e->typed() >= run_.planned || e->failed();
          });
        },
        o.duration + 30);
    const json w = ctx.end_window(p);
    typing_s_ = (now_ns() - t0) / 1e9;
    ctx.result["window"] = w;
    ctx.result["server_peak_rss_typing_kb"] = ctx.monitor ? ctx.monitor->peak_rss_kb() : 0;
    if (!typed_all) ctx.problems.push_back("not every editor typed all its keystrokes in time");

    // Settle: nothing unsent, nothing in flight, everyone at one version.
    const auto settle0 = now_ns();
    settled_ = ctx.wait_until(
        [&] {
          const std::int64_t v = editors_.front()->version();
          return std::all_of(editors_.begin(), editors_.end(), [&](const auto& e) {
            return e->failed() || (e->unconfirmed() == 0 && !e->busy() && e->version() == v);
          });
        },
        o.drain);
    ctx.result["settle_s"] = (now_ns() - settle0) / 1e9;

    // The server's text and version, from a fresh open_section on the facilitator's connection.
    const auto answer =
        ask(ctx, *ctx.facilitator,
            coedit::open_section_command(run_.proposal, run_.section, std::nullopt), 30);
    if (answer && wire::classify(*answer) == wire::kind::ack) {
      const json j = json::parse(*answer, nullptr, false);
      if (j.is_object() && j.contains("result")) {
        server_text_ = domain::to_utf16(j["result"].value("text", std::string()));
        server_version_ = j["result"].value("version", std::int64_t{-1});
      }
    }
    if (server_version_ < 0) ctx.problems.push_back("the facilitator could not read the section");

    // The editors' texts, each read on its own thread.
    texts_.resize(n);
    versions_.resize(n);
    unsent_.resize(n);
    ctx.pool->run_on_each([&](unsigned t) {
      for (std::uint32_t i = 0; i < n; ++i) {
        if (ctx.participants[i]->thread() != t) continue;
        texts_[i] = editors_[i]->peer().text();
        versions_[i] = editors_[i]->peer().version();
        unsent_[i] = editors_[i]->peer().unconfirmed().size();
      }
    });
    return true;
  }

  void report(run_context& ctx) override {
    auto& o = ctx.out;
    const auto n = static_cast<std::uint32_t>(editors_.size());
    const auto s = run_.book->summarize();
    latency_histogram lag;
    std::mutex lag_mutex;
    ctx.pool->run_on_each([&](unsigned t) {
      std::lock_guard lock(lag_mutex);
      lag.merge(*run_.type_lag[t]);
    });
    const auto each = ctx.merged_delivery();
    const auto answers = ctx.merged_ack();

    // Convergence and markers.
    std::uint32_t equal = 0, failed = 0;
    std::uint64_t unsent = 0;
    for (std::uint32_t i = 0; i < n; ++i) {
      if (editors_[i]->failed()) ++failed;
      if (texts_[i] == server_text_ && versions_[i] == server_version_) ++equal;
      unsent += unsent_[i];
    }
    const auto markers = coedit::check_markers(server_text_, run_.book->typed_flags());
    std::vector<std::string> problems;
    {
      std::lock_guard lock(run_.problems_mutex);
      problems = run_.problems;
    }

    auto& r = ctx.result;
    r["editors"] = n;
    r["rate_per_editor"] = ctx.opt.rate;
    r["keystrokes_per_editor"] = run_.planned;
    r["typing_s"] = typing_s_;
    r["keystrokes"] = json{{"typed", s.typed},
                           {"pushed", s.pushed},
                           {"confirmed", s.confirmed},
                           {"visible_to_all", s.fully_visible},
                           {"missing_applies", s.missing_applies},
                           {"extra_applies", s.extra_applies}};
    r["visible"] = to_json_p90(s.push_to_everyone);
    r["visible_each"] = to_json_p90(each);
    r["push_answer"] = to_json_p90(answers);
    r["confirm"] = to_json_p90(s.confirmation);
    r["confirm_worst_editor"] = s.worst_editor;
    r["confirm_worst_p99_ms"] = s.worst_p99_ms;
    r["confirm_worst_max_ms"] = s.worst_max_ms;
    r["editors_all_confirmed"] = s.editors_all_confirmed;
    r["type_lag"] = to_json_p90(lag);
    r["pushes"] = run_.pushes.load();
    r["push_refusals"] = run_.refusals.load();
    r["updates_resent"] = run_.resent.load();
    r["updates_accepted"] = server_version_;
    r["updates_applied"] = run_.applied_updates.load();
    r["version_gaps"] = run_.gaps.load();
    r["reopens"] = run_.reopens.load();
    r["settled"] = settled_;
    r["editors_equal_to_server"] = equal;
    r["editors_failed"] = failed;
    r["unsent_at_end"] = unsent;
    r["server_text_units"] = server_text_.size();
    r["markers"] = json{{"expected", markers.expected},
                        {"found", markers.found},
                        {"missing", markers.missing},
                        {"duplicated", markers.duplicated},
                        {"foreign", markers.foreign}};
    r["same_spot"] = run_.same_spot;
    r["mark_runs"] = run_.mark_runs;
    r["delay_ms"] = run_.delay_ns / 1e6;
    r["keystrokes_continuing"] = run_.continuing.load();
    // Fragments per run: in --same-spot each editor types one run, its keystrokes in order.
    coedit::fragment_summary frag;
    std::vector<std::pair<std::int64_t, std::uint64_t>> stretches;
    if (run_.same_spot) {
      const auto typed = run_.book->typed_flags();
      std::vector<std::vector<std::uint32_t>> runs(n);
      for (std::uint32_t e = 0; e < n; ++e) {
        for (std::uint32_t k = 0; k < run_.planned; ++k) {
          const auto id = run_.book->id(e, k);
          if (typed[id]) runs[e].push_back(id);
        }
      }
      frag = coedit::count_fragments(server_text_, runs);
      stretches = coedit::stretches_by_editor(server_text_, *run_.book, 12);
      r["fragments"] = json{{"runs", frag.runs},
                            {"whole", frag.whole},
                            {"whole_share", frag.whole_share()},
                            {"mean", frag.mean()},
                            {"max", frag.max_fragments},
                            {"total", frag.fragments},
                            {"keystrokes", frag.keys},
                            {"missing", frag.missing},
                            {"absent_runs", frag.absent}};
    }
    const bool converged = equal == n && failed == 0 && unsent == 0 && settled_;
    const bool all_confirmed = s.editors_all_confirmed == n && s.confirmed == s.typed;
    const bool all_visible = s.missing_applies == 0 && s.extra_applies == 0;
    const bool ok = converged && markers.ok() && all_confirmed && all_visible &&
                    run_.refusals.load() == 0 &&
                    s.typed == static_cast<std::uint64_t>(n) * run_.planned;
    r["all_delivered"] = ok;
    r["checks_failed"] = !ok;

    const json& w = r["window"];
    o << "  " << n << " editors typed " << s.typed << " keystrokes (" << run_.planned << " each, "
      << fmt(ctx.opt.rate, 1) << "/s) in " << fmt(typing_s_, 2) << " s; " << run_.pushes.load()
      << " pushes, " << run_.refusals.load() << " refused; " << server_version_
      << " updates accepted; " << run_.resent.load()
      << " updates sent again with newer ones (dropped by the server as duplicates)\n";
    o << "  push-to-visible (last other editor)  " << to_text_p90(s.push_to_everyone) << "\n";
    o << "  push-to-visible (each other editor)  " << to_text_p90(each) << "\n";
    o << "  push answer                          " << to_text_p90(answers) << "\n";
    o << "  typing -> confirmation, all editors  " << to_text_p90(s.confirmation) << "\n";
    o << "  typing -> confirmation, worst editor (" << s.worst_editor << "): p99 "
      << fmt(s.worst_p99_ms, 2) << " ms; the highest of all: " << fmt(s.worst_max_ms, 2) << " ms; "
      << s.editors_all_confirmed << " of " << n << " editors got every keystroke confirmed\n";
    o << "  typing timer lateness                " << to_text_p90(lag) << "\n";
    if (w.contains("server_cpu_s")) {
      o << "  server CPU " << fmt(w["server_cpu_s"].get<double>(), 2) << " s ("
        << fmt(w["server_cpu_pct"].get<double>()) << "% of one core) over the typing window; ";
    }
    o << "load generator CPU " << fmt(w["loadgen_cpu_pct"].get<double>()) << "%; server RSS peak "
      << (ctx.monitor ? ctx.monitor->peak_rss_kb() / 1024 : 0) << " MiB\n";
    o << "  settled: " << (settled_ ? "yes" : "NO") << " in " << fmt(r["settle_s"].get<double>(), 2)
      << " s; " << equal << " of " << n << " editors hold the server's text (version "
      << server_version_ << ", " << server_text_.size() << " units); " << unsent
      << " updates unsent; " << run_.gaps.load() << " version gaps, " << run_.reopens.load()
      << " re-opens\n";
    o << "  markers in the server's text: " << markers.found << " of " << markers.expected
      << " typed keystrokes, " << markers.missing << " missing, " << markers.duplicated
      << " duplicated, " << markers.foreign << " foreign units\n";
    o << "  applies by other editors: " << s.missing_applies << " missing, " << s.extra_applies
      << " extra\n";
    o << "  keystrokes marked as continuing their run: " << run_.continuing.load() << " of "
      << s.typed << (run_.mark_runs ? "" : " (runs not marked)") << "\n";
    if (run_.same_spot) {
      o << "  fragments per run (same spot): " << frag.runs << " runs, mean " << fmt(frag.mean(), 2)
        << ", max " << frag.max_fragments << "; " << frag.whole << " of " << frag.runs
        << " runs whole (" << fmt(100.0 * frag.whole_share(), 1) << "%)";
      if (frag.absent > 0) o << "; " << frag.absent << " runs absent from the text";
      o << "\n  the server's text from its start, editor x units:";
      for (const auto& [e, units] : stretches) {
        o << " " << (e < 0 ? std::string("?") : "e" + std::to_string(e)) << "x" << units;
      }
      o << (stretches.size() == 12 ? " ...\n" : "\n");
    }
    for (const auto& p : problems) ctx.problems.push_back(p);
    for (const auto& e : markers.examples) ctx.problems.push_back("markers: " + e);
    if (!converged) ctx.problems.push_back("the editors did not converge to the server's text");
    if (!all_confirmed) ctx.problems.push_back("not every keystroke was confirmed to its typist");
    if (!all_visible)
      ctx.problems.push_back("not every keystroke was applied once by every other editor");
    if (run_.refusals.load() > 0) ctx.problems.push_back("some pushes were refused");
  }

  bool check_database(const std::string& db_path, std::int64_t event_id, json& r,
                      std::vector<std::string>& problems, std::ostream& out) override {
    if (run_.proposal <= 0) return true;  // no proposal: nothing to compare
    const auto db = coedit::read_section(db_path, event_id, run_.proposal, run_.section);
    if (!db.ok) {
      out << "  section check failed: " << db.error << "\n";
      problems.push_back("section check failed: " + db.error);
      return false;
    }
    const auto markers = coedit::check_markers(db.text, run_.book->typed_flags());
    const bool same_text = db.replayed && db.text == server_text_;
    r["db_section_updates"] = db.rows;
    r["db_versions_contiguous"] = db.contiguous;
    r["db_text_equals_server"] = same_text;
    // Keystrokes confirmed to their typists but absent from the database's text are lost.
    r["keystrokes_lost"] = markers.missing;
    out << "  database: " << db.rows << " section updates (server version " << server_version_
        << ", versions " << (db.contiguous ? "1.." + std::to_string(db.rows) : "NOT contiguous")
        << "); replayed text " << (same_text ? "equals" : "DIFFERS from") << " the server's; "
        << markers.missing << " typed keystrokes missing from it\n";
    const bool ok = db.rows == server_version_ && db.contiguous && same_text && markers.ok();
    if (!ok) {
      problems.push_back("the database's section differs from the server's (" +
                         std::to_string(db.rows) + " rows, version " +
                         std::to_string(server_version_) +
                         (db.replay_error.empty() ? "" : "; " + db.replay_error) + ")");
    }
    return ok;
  }

 private:
  coedit_run run_;
  std::vector<std::unique_ptr<editor>> editors_;
  std::uint64_t rss_before_kb_ = 0;
  double typing_s_ = 0;
  bool settled_ = false;
  std::u16string server_text_;
  std::int64_t server_version_ = -1;
  std::vector<std::u16string> texts_;
  std::vector<std::int64_t> versions_;
  std::vector<std::size_t> unsent_;
};

}  // namespace

std::unique_ptr<scenario> make_co_edit() { return std::make_unique<co_edit>(); }

}  // namespace rt::bench
