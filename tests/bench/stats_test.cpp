// Tests of the latency histogram: exact small values, bounded error for large ones,
// nearest-rank percentiles on known inputs, merging and the median helper.
#include <catch2/catch.hpp>

#include <random>

#include "stats.hpp"

using rt::bench::latency_histogram;

TEST_CASE("values below 256 are kept exactly") {
  for (std::uint64_t v = 0; v < 256; ++v) {
    CHECK(latency_histogram::bucket_of(v) == static_cast<int>(v));
    CHECK(latency_histogram::bucket_upper(latency_histogram::bucket_of(v)) == v);
  }
}

TEST_CASE("a bucket's upper bound is at most 0.8% above any value in it") {
  std::mt19937_64 rng(42);
  for (int i = 0; i < 100000; ++i) {
    const std::uint64_t v = rng() >> (rng() % 60);
    const auto upper = latency_histogram::bucket_upper(latency_histogram::bucket_of(v));
    REQUIRE(upper >= v);
    REQUIRE(static_cast<double>(upper - v) <= 0.008 * static_cast<double>(v) + 1);
  }
  CHECK(latency_histogram::bucket_of(UINT64_MAX) == latency_histogram::bucket_count - 1);
}

TEST_CASE("buckets are contiguous and increasing") {
  for (int b = 1; b < latency_histogram::bucket_count; ++b) {
    REQUIRE(latency_histogram::bucket_upper(b) > latency_histogram::bucket_upper(b - 1));
    REQUIRE(latency_histogram::bucket_of(latency_histogram::bucket_upper(b - 1) + 1) == b);
  }
}

TEST_CASE("nearest-rank percentiles of 1..100") {
  latency_histogram h;
  for (std::uint64_t v = 100; v >= 1; --v) h.record(v);  // order does not matter
  CHECK(h.count() == 100);
  CHECK(h.percentile(50) == 50);
  CHECK(h.percentile(95) == 95);
  CHECK(h.percentile(99) == 99);
  CHECK(h.percentile(100) == 100);
  CHECK(h.percentile(0) == 1);
  CHECK(h.percentile(50.5) == 51);
  CHECK(h.max() == 100);
  CHECK(h.min() == 1);
  CHECK(h.mean() == Approx(50.5));
}

TEST_CASE("one slow outlier shows at p99 only when it is more than 1% of the values") {
  latency_histogram h;
  for (int i = 0; i < 99; ++i) h.record(10);
  h.record(5000);
  CHECK(h.percentile(99) == 10);
  CHECK(h.percentile(100) == 5000);
  h.record(5000);
  CHECK(h.percentile(99) >= 5000);
  CHECK(h.percentile(99) <= 5000 * 1.008);
}

TEST_CASE("large values are reported within 0.8% and never above the maximum") {
  latency_histogram h;
  for (std::uint64_t v = 1000; v <= 100000; v += 1000) h.record(v);  // 100 values
  CHECK(h.percentile(50) >= 50000);
  CHECK(h.percentile(50) <= 50000 * 1.008);
  CHECK(h.percentile(99) >= 99000);
  CHECK(h.percentile(99) <= 99000 * 1.008);
  CHECK(h.percentile(100) == 100000);
  CHECK(h.max() == 100000);
}

TEST_CASE("an empty histogram reports zeros") {
  latency_histogram h;
  CHECK(h.count() == 0);
  CHECK(h.percentile(99) == 0);
  CHECK(h.min() == 0);
  CHECK(h.mean() == 0);
  const auto s = rt::bench::summarize(h);
  CHECK(s.count == 0);
  CHECK(s.p99_ms == 0);
}

TEST_CASE("merging equals recording everything in one histogram") {
  latency_histogram a, b, all;
  for (std::uint64_t v = 1; v <= 500; ++v) {
    (v % 3 ? a : b).record(v * 37);
    all.record(v * 37);
  }
  a.merge(b);
  CHECK(a.count() == all.count());
  CHECK(a.max() == all.max());
  CHECK(a.min() == all.min());
  for (double p : {1.0, 25.0, 50.0, 90.0, 99.0, 99.9, 100.0})
    CHECK(a.percentile(p) == all.percentile(p));
  a.clear();
  CHECK(a.count() == 0);
}

TEST_CASE("summaries are in milliseconds") {
  latency_histogram h;
  for (int i = 0; i < 100; ++i) h.record(200);  // 200 us
  const auto s = rt::bench::summarize(h);
  CHECK(s.p50_ms == Approx(0.2));
  CHECK(s.max_ms == Approx(0.2));
  CHECK(s.count == 100);
}

TEST_CASE("median of odd, even and empty sets") {
  CHECK(rt::bench::median({3, 1, 2}) == 2);
  CHECK(rt::bench::median({4, 1, 3, 2}) == 2.5);
  CHECK(rt::bench::median({}) == 0);
}
