// session.cpp: the protocol side of one simulated client.
#include "session.hpp"

#include <chrono>

namespace rt::bench {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void shared_run::count_error(std::string_view code) {
  std::lock_guard lock(errors_mutex_);
  ++error_codes_[std::string(code)];
}

std::map<std::string, std::uint64_t> shared_run::error_codes() const {
  std::lock_guard lock(errors_mutex_);
  return error_codes_;
}

session::session(shared_run& run, std::uint32_t index)
    : run_(run), index_(index), thread_(index % run.pool->size()) {}

session::~session() = default;

std::string session::last_error() const {
  std::lock_guard lock(error_mutex_);
  return error_;
}

// ---------------------------------------------------------------------------------------------
// Driver thread

void session::open_connection() {
  const std::string& source =
      run_.sources.empty() ? std::string() : run_.sources[index_ % run_.sources.size()];
  conn_ = ws_connection::create(*run_.pool, thread_, run_.target, source, this);
  phase_.store(phase::connecting, std::memory_order_release);
  conn_->connect();
}

void session::start_join(const std::string& code, std::int64_t track, const std::string& name) {
  mode_ = identify::join;
  join_text_ = R"({"type":"join","id":"j","code":")" + code + R"(","name":")" + name +
               R"(","organisation":"","group":"other","track":)" + std::to_string(track) +
               R"(,"credit":false})";
  open_connection();
}

void session::start_hello(const std::string& token, std::int64_t last_seq) {
  mode_ = identify::hello;
  join_text_ = R"({"type":"hello","id":"h","token":")" + token + R"(","lastSeq":)" +
               std::to_string(last_seq) + "}";
  open_connection();
}

void session::start_raw() {
  mode_ = identify::none;
  open_connection();
}

void session::start_resume(std::int64_t target_seq, std::uint64_t gap_first, std::uint64_t gap_end,
                           std::int64_t start_ns) {
  target_seq_.store(target_seq);
  gap_first_ = gap_first;
  gap_end_ = gap_end;
  start_ns_ = start_ns;
  caught_up_ns_.store(0);
  backlog_gap_.store(0);
  start_hello(token_, last_seq_.load());
}

void session::send_command(std::string json_without_id, answer_callback done) {
  auto c = conn_;
  c->post([this, text = std::move(json_without_id), done = std::move(done)]() mutable {
    send_command_now(std::move(text), std::move(done));
  });
}

void session::send_command_now(std::string json_without_id, answer_callback done) {
  std::string id(1, 'c');
  id += std::to_string(++next_command_);
  pending_.emplace(id, std::move(done));
  // Insert "id" right after the opening brace.
  std::string with_id = "{\"id\":\"";
  with_id += id;
  with_id += "\",";
  with_id.append(json_without_id, 1, std::string::npos);
  conn_->send_now(std::move(with_id));
}

void session::run(std::function<void()> f) { conn_->post(std::move(f)); }

void session::run_after(std::chrono::nanoseconds delay, std::function<void()> f) {
  conn_->post_after(std::chrono::ceil<std::chrono::milliseconds>(delay), std::move(f));
}

void session::send_timed(std::string json_without_id, timed_callback done) {
  auto c = conn_;
  c->post([this, text = std::move(json_without_id), done = std::move(done)]() mutable {
    std::string id(1, 'c');
    id += std::to_string(++next_command_);
    const std::int64_t sent = now_ns();
    pending_.emplace(id, [done = std::move(done), sent](wire::kind k, std::string_view line) {
      done(k, line, sent, now_ns());
    });
    std::string with_id = "{\"id\":\"";
    with_id += id;
    with_id += "\",";
    with_id.append(text, 1, std::string::npos);
    conn_->send_now(std::move(with_id));
  });
}

void session::post(std::uint64_t index) {
  conn_->post([this, index] { post_now(index); });
}

void session::post_later(std::chrono::milliseconds delay, std::uint64_t index) {
  conn_->post_after(delay, [this, index] { post_now(index); });
}

void session::drop() {
  if (conn_) conn_->abort();
  phase_.store(phase::closed, std::memory_order_release);
}

// ---------------------------------------------------------------------------------------------
// The session's thread

void session::post_now(std::uint64_t index) {
  const std::string text = wire::idea_text(run_.prefix, index, run_.idea_length);
  run_.ideas->mark_sent(index, now_ns());
  conn_->send_now(wire::post_command(index, run_.track, text));
}

void session::set_failed(std::string why) {
  {
    std::lock_guard lock(error_mutex_);
    error_ = std::move(why);
  }
  if (phase_.exchange(phase::failed) != phase::failed) run_.failed.fetch_add(1);
}

void session::send_identify() {
  got_ack_ = false;
  got_state_ = false;
  if (mode_ == identify::none) {
    phase_.store(phase::ready, std::memory_order_release);
    run_.ready.fetch_add(1);
    return;
  }
  phase_.store(phase::identifying, std::memory_order_release);
  conn_->send_now(join_text_);
}

void session::on_open(const std::string& error) {
  if (!error.empty()) return set_failed(error);
  send_identify();
}

void session::on_closed(const std::string& error) {
  const auto was = phase_.exchange(phase::closed);
  if (was == phase::ready) {
    run_.closed.fetch_add(1);
  } else if (was != phase::closed && was != phase::failed) {
    std::lock_guard lock(error_mutex_);
    error_ = "closed before ready: " + error;
    run_.failed.fetch_add(1);
  }
  for (auto& [id, cb] : pending_) cb(wire::kind::other, std::string_view());
  pending_.clear();
}

void session::on_frame(std::string_view frame) {
  const std::int64_t now = now_ns();
  thread_stats& st = *run_.stats[thread_];
  st.frames.fetch_add(1, std::memory_order_relaxed);
  st.bytes.fetch_add(frame.size(), std::memory_order_relaxed);
  wire::for_each_line(frame, [&](std::string_view line) {
    st.messages.fetch_add(1, std::memory_order_relaxed);
    if (run_.bare) {
      on_bare_line(line, now, st);
    } else {
      on_line(line, now, st);
    }
  });
}

void session::on_bare_line(std::string_view line, std::int64_t now, thread_stats& st) {
  wire::for_each_marker(line, run_.prefix, [&](std::uint64_t idx) {
    const auto latency = run_.ideas->record_delivery(idx, now);
    st.deliveries.fetch_add(1, std::memory_order_relaxed);
    const idea_slot* slot = run_.ideas->find(idx);
    if (!slot) return;
    if (slot->poster == index_) {
      // The poster's own copy stands for the ack the bare server does not send.
      const auto ack = run_.ideas->mark_acked(idx, now, 0);
      if (ack >= 0) st.ack_us.record(static_cast<std::uint64_t>(ack) / 1000);
      if (run_.on_post_done) run_.on_post_done(*this, idx, true);
    } else if (latency >= 0) {
      st.delivery_us.record(static_cast<std::uint64_t>(latency) / 1000);
    }
  });
}

void session::on_line(std::string_view line, std::int64_t now, thread_stats& st) {
  const wire::kind k = wire::classify(line);
  switch (k) {
    case wire::kind::change: {
      if (const auto seq = wire::max_seq(line)) {
        if (*seq > last_seq_.load(std::memory_order_relaxed)) {
          last_seq_.store(*seq, std::memory_order_release);
        }
      }
      wire::for_each_marker(line, run_.prefix, [&](std::uint64_t idx) {
        const auto latency = run_.ideas->record_delivery(idx, now);
        st.deliveries.fetch_add(1, std::memory_order_relaxed);
        const idea_slot* slot = run_.ideas->find(idx);
        if (slot && slot->poster != index_ && latency >= 0) {
          st.delivery_us.record(static_cast<std::uint64_t>(latency) / 1000);
        }
      });
      if (phase_.load(std::memory_order_relaxed) == phase::identifying) check_ready(now);
      return;
    }
    case wire::kind::snapshot:
      return on_state(line, wire::max_seq(line).value_or(0), true), check_ready(now);
    case wire::kind::changes:
      return on_state(line, wire::max_seq(line).value_or(0), false), check_ready(now);
    case wire::kind::ack:
    case wire::kind::error:
      return on_answer(k, line, now, st);
    case wire::kind::other:
      if (run_.on_other_line) run_.on_other_line(*this, line, now);
      return;
  }
}

void session::on_state(std::string_view line, std::int64_t seq, bool replaces) {
  got_state_ = true;
  if (replaces || seq > last_seq_.load(std::memory_order_relaxed)) {
    last_seq_.store(seq, std::memory_order_release);
  }
  if (gap_end_ > gap_first_) {
    std::uint64_t found = 0;
    wire::for_each_marker(line, run_.prefix, [&](std::uint64_t idx) {
      if (idx >= gap_first_ && idx < gap_end_) ++found;
    });
    backlog_gap_.fetch_add(found);
  }
}

void session::on_answer(wire::kind k, std::string_view line, std::int64_t now, thread_stats& st) {
  const auto id = wire::string_field(line, "id");
  if (k == wire::kind::error) {
    st.errors.fetch_add(1, std::memory_order_relaxed);
    run_.count_error(wire::string_field(line, "code").value_or("?"));
  }
  if (!id) return;
  if (const auto idx = wire::post_index(*id)) {
    const bool ok = k == wire::kind::ack;
    if (ok) {
      const auto latency =
          run_.ideas->mark_acked(*idx, now, wire::int_field(line, "idea").value_or(0));
      if (latency >= 0) st.ack_us.record(static_cast<std::uint64_t>(latency) / 1000);
    } else {
      run_.ideas->mark_failed(*idx);
    }
    if (run_.on_post_done) run_.on_post_done(*this, *idx, ok);
    return;
  }
  if (*id == "j" || *id == "h") {
    if (k == wire::kind::error) {
      return set_failed(std::string(*id == "j" ? "join" : "hello") +
                        " refused: " + std::string(wire::string_field(line, "code").value_or("?")));
    }
    got_ack_ = true;
    if (*id == "j") {
      token_ = std::string(wire::string_field(line, "token").value_or(""));
      // The member, from the ack's "you":{...,"id":N,...}.
      if (const auto you = line.find(R"("you":{)"); you != std::string_view::npos) {
        member_id_.store(wire::int_field(line.substr(you + 6), "id").value_or(0),
                         std::memory_order_release);
      }
    }
    return check_ready(now);
  }
  if (auto it = pending_.find(std::string(*id)); it != pending_.end()) {
    auto cb = std::move(it->second);
    pending_.erase(it);
    cb(k, line);
  }
}

void session::check_ready(std::int64_t now) {
  if (phase_.load(std::memory_order_relaxed) != phase::identifying) return;
  if (!got_ack_ || !got_state_) return;
  if (last_seq_.load(std::memory_order_relaxed) < target_seq_.load(std::memory_order_relaxed)) {
    return;
  }
  caught_up_ns_.store(now, std::memory_order_release);
  phase_.store(phase::ready, std::memory_order_release);
  run_.ready.fetch_add(1);
}

}  // namespace rt::bench
