// answer_cache.hpp: the answers to recent requests, by who sent them and the key they chose,
// so that a repeat (a retry after a lost answer, or the same request twice at once) gets the
// first answer instead of being applied twice.
//
// A key is fresh, in progress or answered. The first request with a key marks it in progress
// and goes ahead; repeats while it is in progress wait for its answer; repeats after it get
// the kept answer. A refusal is given to those waiting and then forgotten, so that a later
// retry is checked afresh. Each owner keeps its last `keep` answers.
//
// The room keeps one for commands (owner: the member, key: the command's id, answer: the
// ack's text) and one for roster uploads (owner: the facilitator's token hash, key: the
// Idempotency-Key, answer: the HTTP response).
// Thread-safety: none; the room uses it on its strand only.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rt::app {

template <class Owner, class Answer>
class answer_cache {
 public:
  using waiter = std::function<void(const Answer&)>;

  explicit answer_cache(std::size_t keep) : keep_(keep) {}

  // Returns true when the request is taken care of: answered at once with the kept answer, or
  // queued to get the answer of the same request in progress. Returns false when the key is
  // fresh: it is now in progress, and the caller must settle() or fail() it.
  bool answer_or_wait(const Owner& owner, const std::string& key, waiter w) {
    auto& mine = owners_[owner];
    for (const auto& [k, a] : mine.done) {
      if (k == key) {
        w(a);
        return true;
      }
    }
    auto [pending, fresh] = mine.waiting.try_emplace(key);
    if (!fresh) {
      pending->second.push_back(std::move(w));
      return true;
    }
    return false;
  }

  // Whether the key is in progress or answered (a repeat would be taken care of).
  bool known(const Owner& owner, const std::string& key) const {
    const auto it = owners_.find(owner);
    if (it == owners_.end()) return false;
    if (it->second.waiting.contains(key)) return true;
    for (const auto& [k, a] : it->second.done) {
      if (k == key) return true;
    }
    return false;
  }

  // The request with this key is answered: those waiting get `a`, and it is kept for repeats.
  void settle(const Owner& owner, const std::string& key, Answer a) {
    auto& mine = owners_[owner];
    if (auto w = mine.waiting.find(key); w != mine.waiting.end()) {
      auto waiters = std::move(w->second);
      mine.waiting.erase(w);
      for (auto& wait : waiters) wait(a);
    }
    mine.done.emplace_back(key, std::move(a));
    while (mine.done.size() > keep_) mine.done.pop_front();
  }

  // The request with this key was refused: those waiting get `a`; the key is fresh again.
  void fail(const Owner& owner, const std::string& key, const Answer& a) {
    const auto it = owners_.find(owner);
    if (it == owners_.end()) return;
    if (auto w = it->second.waiting.find(key); w != it->second.waiting.end()) {
      auto waiters = std::move(w->second);
      it->second.waiting.erase(w);
      for (auto& wait : waiters) wait(a);
    }
    if (it->second.done.empty() && it->second.waiting.empty()) owners_.erase(it);
  }

  // Forgets an owner's answers and waiters (a member removed).
  void forget(const Owner& owner) { owners_.erase(owner); }
  void clear() { owners_.clear(); }

 private:
  struct owned {
    std::deque<std::pair<std::string, Answer>> done;     // oldest first
    std::map<std::string, std::vector<waiter>> waiting;  // in progress, and who waits for it
  };
  const std::size_t keep_;
  std::map<Owner, owned> owners_;
};

}  // namespace rt::app
