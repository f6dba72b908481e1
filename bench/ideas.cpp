// ideas.cpp: the idea table and its accounting.
#include "ideas.hpp"

namespace rt::bench {

idea_table::idea_table(std::size_t capacity)
    : capacity_(capacity), slots_(std::make_unique<idea_slot[]>(capacity)) {}

std::optional<std::uint64_t> idea_table::allocate(std::uint32_t poster) {
  const std::size_t i = next_.fetch_add(1, std::memory_order_relaxed);
  if (i >= capacity_) {
    next_.store(capacity_, std::memory_order_relaxed);
    return std::nullopt;
  }
  slots_[i].poster = poster;
  return i;
}

std::size_t idea_table::size() const {
  return std::min(next_.load(std::memory_order_relaxed), capacity_);
}

idea_slot* idea_table::find(std::uint64_t index) {
  return index < size() ? &slots_[index] : nullptr;
}

const idea_slot* idea_table::find(std::uint64_t index) const {
  return index < size() ? &slots_[index] : nullptr;
}

void idea_table::mark_sent(std::uint64_t index, std::int64_t now_ns) {
  if (auto* s = find(index)) s->sent_ns.store(now_ns, std::memory_order_release);
}

std::int64_t idea_table::mark_acked(std::uint64_t index, std::int64_t now_ns,
                                    std::int64_t idea_id) {
  auto* s = find(index);
  if (!s) return -1;
  const auto sent = s->sent_ns.load(std::memory_order_acquire);
  if (sent == 0) return -1;
  std::int64_t expected = 0;
  if (!s->acked_ns.compare_exchange_strong(expected, now_ns)) return -1;
  s->idea_id.store(idea_id, std::memory_order_relaxed);
  return now_ns - sent;
}

void idea_table::mark_failed(std::uint64_t index) {
  if (auto* s = find(index)) s->failed.store(true, std::memory_order_relaxed);
}

std::int64_t idea_table::record_delivery(std::uint64_t index, std::int64_t now_ns) {
  auto* s = find(index);
  if (!s) return -1;
  s->received.fetch_add(1, std::memory_order_relaxed);
  auto last = s->last_ns.load(std::memory_order_relaxed);
  while (last < now_ns && !s->last_ns.compare_exchange_weak(last, now_ns)) {
  }
  const auto sent = s->sent_ns.load(std::memory_order_acquire);
  return sent == 0 ? -1 : now_ns - sent;
}

delivery_accounting account(const idea_table& t, std::uint32_t receivers) {
  delivery_accounting a;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const idea_slot& s = *t.find(i);
    ++a.posted;  // allocated: it is on its way even if not sent yet
    const std::uint64_t got = s.received.load();
    if (s.acked_ns.load() != 0) {
      ++a.acked;
      a.expected_deliveries += receivers;
      a.delivered += got;
      if (got < receivers) a.missing_deliveries += receivers - got;
      if (got > receivers) a.extra_deliveries += got - receivers;
      if (got == receivers) ++a.fully_delivered;
    } else {
      a.stray_deliveries += got;
      if (s.failed.load()) {
        ++a.failed;
      } else {
        ++a.unanswered;
      }
    }
  }
  return a;
}

latency_histogram everyone_latency(const idea_table& t, std::uint32_t receivers) {
  latency_histogram h;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const idea_slot& s = *t.find(i);
    const auto sent = s.sent_ns.load();
    if (sent == 0 || s.acked_ns.load() == 0 || s.received.load() < receivers) continue;
    h.record(static_cast<std::uint64_t>(std::max<std::int64_t>(0, s.last_ns.load() - sent)) / 1000);
  }
  return h;
}

}  // namespace rt::bench
