// rate_limit.cpp: token buckets by key (see rate_limit.hpp).
#include "rate_limit.hpp"

#include <algorithm>
#include <cmath>

namespace rt::domain {

double rate_limit::level(const bucket& b, std::int64_t now) const {
  const double refilled =
      static_cast<double>(std::max<std::int64_t>(0, now - b.at)) * per_second_ / 1000.0;
  return std::min(burst_, b.tokens + refilled);
}

std::int64_t rate_limit::take(const std::string& key, std::int64_t now) {
  if (buckets_.size() >= max_keys_ && !buckets_.contains(key)) {
    std::erase_if(buckets_, [&](const auto& e) { return level(e.second, now) >= burst_; });
    if (buckets_.size() >= max_keys_) buckets_.erase(buckets_.begin());  // all busy: forget one
  }
  auto [it, fresh] = buckets_.try_emplace(key, bucket{burst_, now});
  bucket& b = it->second;
  b.tokens = level(b, now);
  b.at = now;
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return static_cast<std::int64_t>(std::ceil((1.0 - b.tokens) * 1000.0 / per_second_));
}

}  // namespace rt::domain
