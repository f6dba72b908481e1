// stats.hpp: latency histograms and their percentile summaries.
//
// A latency_histogram counts values (microseconds) in log-linear buckets: values below 256 are
// kept exactly, larger ones in 128 buckets per power of two, so a reported percentile is at
// most 0.8% above the true value (never below it) and the maximum is exact. Recording is O(1)
// and allocation-free, so it is cheap enough for every received frame.
//
// Thread-safety: none. A histogram is owned by one thread; merge() copies of them afterwards.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace rt::bench {

class latency_histogram {
 public:
  static constexpr int linear_limit = 256;  // values below are exact
  static constexpr int sub_buckets = 128;   // per power of two above
  static constexpr int bucket_count = linear_limit + (64 - 8) * sub_buckets;

  void record(std::uint64_t value);
  void merge(const latency_histogram& other);
  void clear();

  std::uint64_t count() const { return count_; }
  std::uint64_t max() const { return max_; }
  std::uint64_t min() const { return count_ ? min_ : 0; }
  double mean() const { return count_ ? static_cast<double>(sum_) / count_ : 0.0; }
  // The nearest-rank percentile: the smallest recorded value v (up to bucket precision) such
  // that at least p% of the values are <= v. p in [0, 100]; 0 for an empty histogram.
  std::uint64_t percentile(double p) const;

  // Bucket arithmetic, public for tests.
  static int bucket_of(std::uint64_t value);
  static std::uint64_t bucket_upper(int bucket);  // the largest value that falls in `bucket`

 private:
  std::array<std::uint64_t, bucket_count> counts_{};
  std::uint64_t count_ = 0;
  std::uint64_t sum_ = 0;
  std::uint64_t max_ = 0;
  std::uint64_t min_ = UINT64_MAX;
};

// What a report prints of one histogram of microseconds, in milliseconds.
struct latency_summary {
  std::uint64_t count = 0;
  double p50_ms = 0, p95_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
};

latency_summary summarize(const latency_histogram& h);

// "p50 1.23 ms  p95 ...  p99 ...  max ... (n=...)"
std::string to_text(const latency_summary& s);

// The median of some numbers (the mean of the middle two for an even count); 0 when empty.
double median(std::vector<double> values);

}  // namespace rt::bench
