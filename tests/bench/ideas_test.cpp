// Tests of the idea table's accounting: acks, deliveries to every receiver, missing and extra
// deliveries, refusals and the post-to-everyone latency.
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "ideas.hpp"

using namespace rt::bench;

TEST_CASE("an idea acked and received by everyone is complete") {
  idea_table t(10);
  const auto i = t.allocate(3);
  REQUIRE(i == 0u);
  t.mark_sent(*i, 1'000'000);
  CHECK(t.mark_acked(*i, 3'000'000, 17) == 2'000'000);
  CHECK(t.mark_acked(*i, 4'000'000, 17) == -1);  // a repeated ack is not counted twice
  CHECK(t.record_delivery(*i, 2'000'000) == 1'000'000);
  CHECK(t.record_delivery(*i, 5'000'000) == 4'000'000);
  CHECK(t.record_delivery(*i, 4'000'000) == 3'000'000);
  const auto a = account(t, 3);
  CHECK(a.posted == 1);
  CHECK(a.acked == 1);
  CHECK(a.expected_deliveries == 3);
  CHECK(a.delivered == 3);
  CHECK(a.missing_deliveries == 0);
  CHECK(a.fully_delivered == 1);
  CHECK(a.complete());
  const auto h = everyone_latency(t, 3);
  REQUIRE(h.count() == 1);
  CHECK(h.max() == 4000);  // the last receiver, in microseconds
  CHECK(t.find(0)->idea_id.load() == 17);
  CHECK(t.find(0)->poster == 3);
}

TEST_CASE("missing, extra and stray deliveries are told apart") {
  idea_table t(10);
  for (int i = 0; i < 4; ++i) {
    t.allocate(0);
    t.mark_sent(i, 1);
  }
  t.mark_acked(0, 2, 1);  // idea 0: 2 of 3 receivers
  t.record_delivery(0, 3);
  t.record_delivery(0, 3);
  t.mark_acked(1, 2, 2);  // idea 1: 4 deliveries for 3 receivers
  for (int k = 0; k < 4; ++k) t.record_delivery(1, 3);
  t.mark_failed(2);  // idea 2: refused, yet someone saw it
  t.record_delivery(2, 3);
  // idea 3: sent, never answered
  const auto a = account(t, 3);
  CHECK(a.posted == 4);
  CHECK(a.acked == 2);
  CHECK(a.failed == 1);
  CHECK(a.unanswered == 1);
  CHECK(a.expected_deliveries == 6);
  CHECK(a.delivered == 6);
  CHECK(a.missing_deliveries == 1);
  CHECK(a.extra_deliveries == 1);
  CHECK(a.stray_deliveries == 1);
  CHECK(a.fully_delivered == 0);
  CHECK_FALSE(a.complete());
  CHECK(everyone_latency(t, 3).count() == 1);  // idea 1 reached at least everyone
}

TEST_CASE("an allocated idea not yet sent is still awaited") {
  idea_table t(4);
  t.allocate(0);
  const auto a = account(t, 2);
  CHECK(a.posted == 1);
  CHECK(a.unanswered == 1);
  CHECK_FALSE(a.complete());
}

TEST_CASE("the table refuses posts beyond its capacity and unknown indexes") {
  idea_table t(2);
  CHECK(t.allocate(0).has_value());
  CHECK(t.allocate(0).has_value());
  CHECK_FALSE(t.allocate(0).has_value());
  CHECK(t.size() == 2);
  CHECK(t.find(2) == nullptr);
  CHECK(t.record_delivery(99, 1) == -1);
  CHECK(t.mark_acked(99, 1, 1) == -1);
}

TEST_CASE("deliveries from several threads are all counted") {
  idea_table t(100);
  for (int i = 0; i < 100; ++i) {
    t.allocate(0);
    t.mark_sent(i, 1);
    t.mark_acked(i, 2, i + 1);
  }
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k) {
    threads.emplace_back([&t, k] {
      for (int r = 0; r < 25; ++r) {
        for (int i = 0; i < 100; ++i) t.record_delivery(i, 10 + k);
      }
    });
  }
  for (auto& th : threads) th.join();
  const auto a = account(t, 100);
  CHECK(a.delivered == 10000);
  CHECK(a.fully_delivered == 100);
  CHECK(a.complete());
  CHECK(t.find(0)->last_ns.load() == 13);
}
