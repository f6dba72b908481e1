// rate_limit.hpp: token buckets by key (an address, an event), for actions that must not be
// repeated without limit, such as joining an event.
//
// Each key has a bucket of `burst` tokens that refills at `per_second`; an action takes one
// token, or is refused with how long until one is back. Buckets that are full again are
// forgotten when many keys are kept. Pure: the caller gives the time.
//
// Thread-safety: a plain value; the caller serialises access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace rt::domain {

class rate_limit {
 public:
  rate_limit(double burst, double per_second, std::size_t max_keys = 10'000)
      : burst_(burst), per_second_(per_second), max_keys_(max_keys) {}

  // Takes a token for `key` at `now` (ms). Returns 0 when taken, else the milliseconds until
  // one is back (nothing taken).
  std::int64_t take(const std::string& key, std::int64_t now);

  std::size_t keys() const { return buckets_.size(); }

 private:
  struct bucket {
    double tokens;
    std::int64_t at;
  };
  double level(const bucket& b, std::int64_t now) const;

  double burst_;
  double per_second_;
  std::size_t max_keys_;
  std::unordered_map<std::string, bucket> buckets_;
};

}  // namespace rt::domain
