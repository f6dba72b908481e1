// Tests of the back-off and lock-out for wrong admin secrets (domain/auth_guard.hpp).
#include "catch.hpp"

#include "domain/auth_guard.hpp"

using namespace rt::domain;
using v = auth_guard::verdict;

TEST_CASE("a few free tries, then waits that double, then a lock-out") {
  auth_guard g;  // 5 free, 1 s doubling to 60 s, 20 failures lock for 15 min
  std::int64_t now = 1'000'000;
  for (int i = 0; i < 4; ++i) {
    REQUIRE(g.try_at("1.2.3.4", now).v == v::check);
    CHECK_FALSE(g.failed("1.2.3.4", now));
  }
  CHECK(g.try_at("1.2.3.4", now).v == v::check);
  g.failed("1.2.3.4", now);  // the fifth: wait 1 s
  auto a = g.try_at("1.2.3.4", now + 500);
  CHECK(a.v == v::wait);
  CHECK(a.retry_after_ms > 0);
  CHECK(g.failures("1.2.3.4") == 6);  // trying while told to wait counts
  // Other addresses are not affected.
  CHECK(g.try_at("5.6.7.8", now).v == v::check);
  // Waits double.
  now += 10'000;
  REQUIRE(g.try_at("1.2.3.4", now).v == v::check);
  g.failed("1.2.3.4", now);  // 7th failure: 1 s << 2 = 4 s
  CHECK(g.try_at("1.2.3.4", now + 3'900).v == v::wait);
  CHECK(g.try_at("1.2.3.4", now + 60'000).v == v::check);
}

TEST_CASE("30 wrong secrets in a row lock the address; the right one is then refused too") {
  auth_guard g;
  const std::int64_t now = 5'000;
  bool locked_once = false;
  for (int i = 0; i < 30; ++i) {
    const auto a = g.try_at("a", now + i);
    if (a.v == v::check) locked_once |= g.failed("a", now + i);
    locked_once |= a.newly_locked;
  }
  CHECK(locked_once);
  const auto right = g.try_at("a", now + 100);  // even with the right secret: not checked
  CHECK(right.v == v::locked);
  CHECK(right.retry_after_ms > 14 * 60'000);
  // After the lock-out and the window, the address starts afresh.
  CHECK(g.try_at("a", now + 16 * 60'000).v == v::check);
  g.succeeded("a");
  CHECK(g.failures("a") == 0);
}

TEST_CASE("a right secret clears the record; old failures are forgotten; memory is bounded") {
  auth_guard_options o;
  o.max_tracked = 100;
  auth_guard g(o);
  for (int i = 0; i < 3; ++i) g.failed("a", 0);
  g.succeeded("a");
  CHECK(g.failures("a") == 0);
  for (int i = 0; i < 4; ++i) g.failed("b", 0);
  CHECK(g.try_at("b", 16 * 60'000).v == v::check);
  CHECK(g.failures("b") == 0);  // the window passed
  for (int i = 0; i < 1000; ++i) g.failed("addr" + std::to_string(i), i);
  CHECK(g.tracked() <= 100);
}

#include "domain/rate_limit.hpp"

TEST_CASE("rate_limit: a burst, then the refill rate, per key") {
  rate_limit joins(3, 2);  // 3 at once, then 2 a second
  for (int i = 0; i < 3; ++i) CHECK(joins.take("a", 0) == 0);
  const auto wait = joins.take("a", 0);
  CHECK(wait == 500);
  CHECK(joins.take("b", 0) == 0);  // another key has its own bucket
  CHECK(joins.take("a", 499) > 0);
  CHECK(joins.take("a", 500) == 0);
  CHECK(joins.take("a", 10'000) == 0);  // refilled, up to the burst only
  CHECK(joins.take("a", 10'000) == 0);
  CHECK(joins.take("a", 10'000) == 0);
  CHECK(joins.take("a", 10'000) > 0);
  rate_limit many(1, 1, 50);
  for (int i = 0; i < 500; ++i) many.take("k" + std::to_string(i), i * 2000);
  CHECK(many.keys() <= 50);
}
