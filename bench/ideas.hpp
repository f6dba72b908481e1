// ideas.hpp: the table of ideas a run posts, and the accounting of their acks and deliveries.
//
// Every post gets a slot (its index is in the idea's text and command id). The poster's
// thread stamps the send and the ack; every receiving thread counts a delivery and keeps the
// latest delivery time. At the end the table says, per idea, whether everyone got it and how
// long the last one took (the post-to-everyone latency).
//
// Thread-safety: allocate() and the mark_* / record_* methods may be called from any thread
// (slots are atomics); account() and everyone_latency() read a consistent picture only once
// the threads have stopped touching the table (they may run concurrently, but then give a
// snapshot in motion).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "stats.hpp"

namespace rt::bench {

struct idea_slot {
  std::atomic<std::int64_t> sent_ns{0};   // steady clock; 0: not sent
  std::atomic<std::int64_t> acked_ns{0};  // 0: no ack (yet)
  std::atomic<std::int64_t> idea_id{0};   // from the ack; 0 for the bare server
  std::atomic<std::int64_t> last_ns{0};   // latest delivery
  std::atomic<std::uint32_t> received{0};
  std::atomic<bool> failed{false};  // answered with an error
  std::uint32_t poster = 0;         // constant after allocate()
};

class idea_table {
 public:
  explicit idea_table(std::size_t capacity);
  idea_table(const idea_table&) = delete;
  idea_table& operator=(const idea_table&) = delete;

  // A fresh slot for a post by `poster`; nullopt when the table is full.
  std::optional<std::uint64_t> allocate(std::uint32_t poster);
  std::size_t size() const;  // slots allocated
  std::size_t capacity() const { return capacity_; }
  // nullptr for an index that was never allocated.
  idea_slot* find(std::uint64_t index);
  const idea_slot* find(std::uint64_t index) const;

  void mark_sent(std::uint64_t index, std::int64_t now_ns);
  // Returns the ack latency in ns, or -1 (unknown index, not sent, or a repeated ack).
  std::int64_t mark_acked(std::uint64_t index, std::int64_t now_ns, std::int64_t idea_id);
  void mark_failed(std::uint64_t index);
  // Counts one delivery; returns its latency in ns, or -1 for an unknown/unsent index.
  std::int64_t record_delivery(std::uint64_t index, std::int64_t now_ns);

 private:
  const std::size_t capacity_;
  std::unique_ptr<idea_slot[]> slots_;
  std::atomic<std::size_t> next_{0};
};

// Totals of a run. `receivers` is how many connections should get every idea.
struct delivery_accounting {
  std::uint64_t posted = 0;  // slots allocated (sent or about to be)
  std::uint64_t acked = 0;
  std::uint64_t failed = 0;               // refused with an error
  std::uint64_t unanswered = 0;           // neither ack nor error (yet)
  std::uint64_t expected_deliveries = 0;  // acked ideas x receivers
  std::uint64_t delivered = 0;            // deliveries of acked ideas
  std::uint64_t missing_deliveries = 0;   // expected - delivered, per idea, when positive
  std::uint64_t extra_deliveries = 0;     // delivered - expected, per idea, when positive
  std::uint64_t stray_deliveries = 0;     // deliveries of ideas that were never acked
  std::uint64_t fully_delivered = 0;      // acked ideas every receiver got
  bool complete() const {
    return missing_deliveries == 0 && extra_deliveries == 0 && unanswered == 0 && failed == 0;
  }
};

delivery_accounting account(const idea_table& t, std::uint32_t receivers);

// Per acked idea that every receiver got: last delivery - send, in microseconds.
latency_histogram everyone_latency(const idea_table& t, std::uint32_t receivers);

// One acked idea as the database must hold it.
struct acked_idea {
  std::int64_t id = 0;
  std::string text;
};

}  // namespace rt::bench
