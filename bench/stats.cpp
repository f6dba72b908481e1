// stats.cpp: log-linear latency histogram and summaries.
#include "stats.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>

namespace rt::bench {

int latency_histogram::bucket_of(std::uint64_t value) {
  if (value < linear_limit) return static_cast<int>(value);
  const int msb = 63 - std::countl_zero(value);       // >= 8
  const int shift = msb - 7;                          // keep the top 8 bits
  const auto top = static_cast<int>(value >> shift);  // in [128, 255]
  return linear_limit + (msb - 8) * sub_buckets + (top - sub_buckets);
}

std::uint64_t latency_histogram::bucket_upper(int bucket) {
  if (bucket < linear_limit) return static_cast<std::uint64_t>(bucket);
  const int octave = (bucket - linear_limit) / sub_buckets;  // msb - 8
  const int top = (bucket - linear_limit) % sub_buckets + sub_buckets;
  const int shift = octave + 1;
  const std::uint64_t low = static_cast<std::uint64_t>(top) << shift;
  return low + ((std::uint64_t{1} << shift) - 1);
}

void latency_histogram::record(std::uint64_t value) {
  ++counts_[static_cast<std::size_t>(bucket_of(value))];
  ++count_;
  sum_ += value;
  max_ = std::max(max_, value);
  min_ = std::min(min_, value);
}

void latency_histogram::merge(const latency_histogram& other) {
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
  min_ = std::min(min_, other.min_);
}

void latency_histogram::clear() { *this = latency_histogram{}; }

std::uint64_t latency_histogram::percentile(double p) const {
  if (count_ == 0) return 0;
  p = std::clamp(p, 0.0, 100.0);
  auto rank = static_cast<std::uint64_t>(std::ceil(p / 100.0 * static_cast<double>(count_)));
  rank = std::clamp<std::uint64_t>(rank, 1, count_);
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::min(bucket_upper(static_cast<int>(i)), max_);
  }
  return max_;
}

latency_summary summarize(const latency_histogram& h) {
  latency_summary s;
  s.count = h.count();
  s.p50_ms = h.percentile(50) / 1000.0;
  s.p95_ms = h.percentile(95) / 1000.0;
  s.p99_ms = h.percentile(99) / 1000.0;
  s.max_ms = h.max() / 1000.0;
  s.mean_ms = h.mean() / 1000.0;
  return s;
}

std::string to_text(const latency_summary& s) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms  (n=%llu)",
                s.p50_ms, s.p95_ms, s.p99_ms, s.max_ms, static_cast<unsigned long long>(s.count));
  return buf;
}

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace rt::bench
