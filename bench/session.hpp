// session.hpp: one simulated client of the Roundtable protocol (or of the bare broadcast
// server) over one ws_connection at a time.
//
// A session joins an event (join -> ack with token -> snapshot) or resumes (hello -> ack ->
// changes/snapshot), posts ideas whose text carries a marker, and reads every received frame
// cheaply (wire.hpp): live `change`s are counted as deliveries of the ideas whose markers they
// carry, acks of posts stamp the idea table, other answers go to the callback of the command
// that asked. Against the bare server there is no protocol: a session is ready once open and
// every frame is a delivery (the poster's own copy is its "ack").
//
// Thread-safety: a session lives on one io thread (its connection's). The driver thread calls
// start_*(), send_command(), post() and drop(), which hop onto that thread; it reads only the
// atomics (phase(), last_seq(), caught_up_ns()) and, once phase() is ready, token().
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "ideas.hpp"
#include "stats.hpp"
#include "wire.hpp"
#include "ws_client.hpp"

namespace rt::bench {

class session;

// Counters of one io thread. The atomics may be read from any thread; the histograms only on
// their own thread (or after the threads stopped).
struct alignas(64) thread_stats {
  std::atomic<std::uint64_t> frames{0};      // frames received
  std::atomic<std::uint64_t> bytes{0};       // bytes received
  std::atomic<std::uint64_t> messages{0};    // messages (lines) received
  std::atomic<std::uint64_t> deliveries{0};  // idea deliveries (live)
  std::atomic<std::uint64_t> errors{0};      // error answers
  latency_histogram ack_us;                  // post -> ack (bare: -> own copy)
  latency_histogram delivery_us;             // post -> received by another client
};

// What all sessions of a run share. Set up by the driver before any session starts.
struct shared_run {
  io_pool* pool = nullptr;
  idea_table* ideas = nullptr;
  ws_target target;
  std::vector<std::string> sources;  // loopback source addresses, round-robin
  bool bare = false;
  std::string prefix;  // the run's marker prefix
  std::int64_t track = 1;
  std::size_t idea_length = 100;
  std::vector<std::unique_ptr<thread_stats>> stats;  // one per io thread

  std::atomic<std::uint64_t> ready{0};   // sessions that reached phase::ready
  std::atomic<std::uint64_t> failed{0};  // sessions that reached phase::failed
  std::atomic<std::uint64_t> closed{0};  // ready sessions the server closed
  // Called on the poster's thread when a post is answered (ok: acked). Set before posting.
  std::function<void(session&, std::uint64_t index, bool ok)> on_post_done;
  // Called on the session's thread with every line that is not an answer, change or state
  // (`results`, `presence`). Set before any session starts.
  std::function<void(session&, std::string_view line, std::int64_t now_ns)> on_other_line;

  void count_error(std::string_view code);
  std::map<std::string, std::uint64_t> error_codes() const;

 private:
  mutable std::mutex errors_mutex_;
  std::map<std::string, std::uint64_t> error_codes_;  // guarded by errors_mutex_
};

class session final : public frame_handler {
 public:
  enum class phase : int { idle, connecting, identifying, ready, failed, closed };
  using answer_callback = std::function<void(wire::kind, std::string_view line)>;
  // An answer with the time it was sent and received (steady clock, ns).
  using timed_callback = std::function<void(wire::kind, std::string_view line, std::int64_t sent_ns,
                                            std::int64_t now_ns)>;

  // `index` is unique per run; the session's thread is index % threads.
  session(shared_run& run, std::uint32_t index);
  ~session() override;
  session(const session&) = delete;
  session& operator=(const session&) = delete;

  // Driver thread. Each opens a new connection (the previous one, if any, must be dropped).
  void start_join(const std::string& code, std::int64_t track, const std::string& name);
  void start_hello(const std::string& token, std::int64_t last_seq);
  void start_raw();  // ready when open: the admin connection, the bare server
  // Resume with the token and last seq this session has: ready once it has seen `target_seq`.
  // Markers of ideas in [gap_first, gap_end) found in the backlog are counted.
  void start_resume(std::int64_t target_seq, std::uint64_t gap_first, std::uint64_t gap_end,
                    std::int64_t start_ns);

  // Sends a command, adding "id"; `done` gets the answer line on the session's thread.
  // `json_without_id` is an object text such as {"type":"auth_admin","secret":"..."}.
  void send_command(std::string json_without_id, answer_callback done);
  // The same, timed from the moment the command is written on the session's thread.
  void send_timed(std::string json_without_id, timed_callback done);
  // send_command on the session's thread: written at once, without a hop.
  void send_command_now(std::string json_without_id, answer_callback done);
  // Runs f on the session's thread, after what runs now or after `delay`, while the
  // connection lives (any thread).
  void run(std::function<void()> f);
  void run_after(std::chrono::nanoseconds delay, std::function<void()> f);
  // Posts the idea of slot `index`: from the driver (post) or on the session's thread (post_now).
  void post(std::uint64_t index);
  void post_now(std::uint64_t index);
  void post_later(std::chrono::milliseconds delay, std::uint64_t index);
  // Drops the connection as a lost network would (TCP reset).
  void drop();

  std::uint32_t index() const { return index_; }
  unsigned thread() const { return thread_; }
  phase current_phase() const { return phase_.load(std::memory_order_acquire); }
  std::int64_t last_seq() const { return last_seq_.load(std::memory_order_acquire); }
  std::int64_t caught_up_ns() const { return caught_up_ns_.load(std::memory_order_acquire); }
  std::uint64_t backlog_gap_ideas() const { return backlog_gap_.load(); }
  const std::string& token() const { return token_; }  // after ready
  std::int64_t member_id() const {
    return member_id_.load(std::memory_order_acquire);
  }  // after a join
  std::string last_error() const;

  // frame_handler (the session's thread).
  void on_open(const std::string& error) override;
  void on_frame(std::string_view frame) override;
  void on_closed(const std::string& error) override;

 private:
  enum class identify { none, join, hello };
  void open_connection();
  void on_line(std::string_view line, std::int64_t now_ns, thread_stats& st);
  void on_bare_line(std::string_view line, std::int64_t now_ns, thread_stats& st);
  void on_answer(wire::kind k, std::string_view line, std::int64_t now_ns, thread_stats& st);
  void on_state(std::string_view line, std::int64_t seq, bool replaces);
  void check_ready(std::int64_t now_ns);
  void set_failed(std::string why);
  void send_identify();

  // Constant after construction.
  shared_run& run_;
  const std::uint32_t index_;
  const unsigned thread_;

  // Written on the driver thread before the connection starts, then only on the session's
  // thread (the hop through the io_context orders the two).
  std::shared_ptr<ws_connection> conn_;
  identify mode_ = identify::none;
  std::string join_text_;  // the join or hello command to send once open
  std::uint64_t gap_first_ = 0, gap_end_ = 0;
  std::int64_t start_ns_ = 0;

  // The session's thread only.
  std::unordered_map<std::string, answer_callback> pending_;
  std::uint64_t next_command_ = 0;
  bool got_ack_ = false, got_state_ = false;
  std::string token_;
  std::string error_;  // guarded by error_mutex_ for reads from the driver
  mutable std::mutex error_mutex_;

  // Any thread.
  std::atomic<phase> phase_{phase::idle};
  std::atomic<std::int64_t> last_seq_{0};
  std::atomic<std::int64_t> target_seq_{0};
  std::atomic<std::int64_t> caught_up_ns_{0};
  std::atomic<std::uint64_t> backlog_gap_{0};
  std::atomic<std::int64_t> member_id_{0};
};

// The steady clock in nanoseconds.
std::int64_t now_ns();

}  // namespace rt::bench
