// auth_guard.hpp: back-off and lock-out for repeated wrong secrets, per address.
//
// The admin link's secret is the one thing a stranger can guess at. Each address gets a few
// free tries; after that each further try must wait twice as long as the one before (up to a
// ceiling), and an address that reaches the lock-out count within the window (tries made
// while told to wait count too) is locked out for a while, even with the right secret. A
// right secret clears the address's record. Pure: the caller gives the time and the key.
//
// Thread-safety: a plain value; the caller serialises access.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>

namespace rt::domain {

struct auth_guard_options {
  int free_failures = 5;                  // wrong tries before any wait
  std::int64_t first_delay_ms = 1000;     // the first wait; doubled for each further failure
  std::int64_t max_delay_ms = 60'000;     // the longest wait
  int lockout_failures = 20;              // failures within the window that lock an address
  std::int64_t window_ms = 15 * 60'000;   // failures older than this are forgotten
  std::int64_t lockout_ms = 15 * 60'000;  // how long a lock-out lasts
  std::size_t max_tracked = 10'000;       // addresses remembered (the oldest forgotten first)
};

class auth_guard {
 public:
  enum class verdict { check, wait, locked };
  struct answer {
    verdict v = verdict::check;
    std::int64_t retry_after_ms = 0;  // for wait and locked
    bool newly_locked = false;        // this try locked the address (worth logging)
  };

  explicit auth_guard(auth_guard_options o = {}) : opt_(o) {}

  // A try from `key` at `now`: check the secret, or refuse it without looking (wait, locked).
  // A refused try counts as a failure.
  answer try_at(const std::string& key, std::int64_t now);
  // The secret was wrong. Returns true when this failure locked the address.
  bool failed(const std::string& key, std::int64_t now);
  // The secret was right: the address starts afresh.
  void succeeded(const std::string& key) { by_key_.erase(key); }

  int failures(const std::string& key) const;
  std::size_t tracked() const { return by_key_.size(); }

 private:
  struct record {
    int failures = 0;
    std::int64_t first_failure = 0;
    std::int64_t next_try = 0;      // no check before this
    std::int64_t locked_until = 0;  // refused before this
  };
  record& at(const std::string& key, std::int64_t now);
  bool count_failure(record& r, std::int64_t now);

  auth_guard_options opt_;
  std::unordered_map<std::string, record> by_key_;
};

}  // namespace rt::domain
