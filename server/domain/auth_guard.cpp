// auth_guard.cpp: back-off and lock-out (see auth_guard.hpp).
#include "auth_guard.hpp"

#include <algorithm>

namespace rt::domain {

auth_guard::record& auth_guard::at(const std::string& key, std::int64_t now) {
  if (by_key_.size() >= opt_.max_tracked && !by_key_.contains(key)) {
    // Forget what is over first (no lock, no recent failure), then the oldest failures.
    std::erase_if(by_key_, [&](const auto& e) {
      return e.second.locked_until <= now && now - e.second.first_failure > opt_.window_ms;
    });
    while (by_key_.size() >= opt_.max_tracked) {
      auto oldest =
          std::min_element(by_key_.begin(), by_key_.end(), [](const auto& a, const auto& b) {
            return a.second.first_failure < b.second.first_failure;
          });
      by_key_.erase(oldest);
    }
  }
  record& r = by_key_[key];
  if (r.failures > 0 && r.locked_until <= now && now - r.first_failure > opt_.window_ms) r = {};
  return r;
}

bool auth_guard::count_failure(record& r, std::int64_t now) {
  if (r.failures == 0) r.first_failure = now;
  ++r.failures;
  if (r.failures >= opt_.lockout_failures && r.locked_until <= now) {
    r.locked_until = now + opt_.lockout_ms;
    return true;
  }
  if (r.failures >= opt_.free_failures) {
    const int doublings = std::min(r.failures - opt_.free_failures, 30);
    const std::int64_t delay = std::min(opt_.max_delay_ms, opt_.first_delay_ms << doublings);
    r.next_try = std::max(r.next_try, now + delay);
  }
  return false;
}

auth_guard::answer auth_guard::try_at(const std::string& key, std::int64_t now) {
  record& r = at(key, now);
  if (r.locked_until > now) return {verdict::locked, r.locked_until - now, false};
  if (r.next_try > now) {
    const bool locked = count_failure(r, now);  // trying while told to wait counts
    if (locked) return {verdict::locked, r.locked_until - now, true};
    return {verdict::wait, r.next_try - now, false};
  }
  return {verdict::check, 0, false};
}

bool auth_guard::failed(const std::string& key, std::int64_t now) {
  return count_failure(at(key, now), now);
}

int auth_guard::failures(const std::string& key) const {
  const auto it = by_key_.find(key);
  return it == by_key_.end() ? 0 : it->second.failures;
}

}  // namespace rt::domain
