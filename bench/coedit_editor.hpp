// coedit_editor.hpp: the parts of the `co-edit` scenario (coedit_scenario.cpp): one run's
// counters and histograms (coedit_run), one simulated editor over a session (editor), and
// asking a command and waiting for its answer (ask).
//
// Thread-safety: an editor lives on its session's io thread; the driver reads only its
// atomics, and its text through run_on_each.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>

#include "coedit.hpp"
#include "domain/text.hpp"
#include "harness.hpp"

namespace rt::bench::coedit_detail {

using nlohmann::json;

inline std::string fmt(double v, int decimals = 1) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

inline json to_json_p90(const latency_histogram& h) {
  json j = to_json(summarize(h));
  j["p90_ms"] = h.percentile(90) / 1000.0;
  return j;
}

inline std::string to_text_p90(const latency_histogram& h) {
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
inline std::optional<std::string> ask(run_context& ctx, session& s, std::string command,
                                      double seconds) {
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

}  // namespace rt::bench::coedit_detail
