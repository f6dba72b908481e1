// Randomised convergence of the collaborative-editing authority and its peers, in the style of
// CodeMirror's own collab tests: an in-process authority, N peers, a seeded scheduler that
// interleaves edits, pushes and deliveries, drops replies and requests, retries, and takes
// peers offline. (The vectors' sessions, refusals and checkpoints are in collab_test.cpp.)
#include "catch.hpp"

#include <algorithm>
#include <deque>
#include <map>
#include <random>
#include <set>

#include "domain/collab.hpp"
#include "domain/text.hpp"
#include "vectors.hpp"

using namespace rt::domain;
using namespace rt::test_vectors;

namespace {

change_set insert_at(std::int64_t length, std::int64_t pos, const std::u16string& text) {
  auto r = change_set::replace_range(length, pos, pos, text);
  REQUIRE(r);
  return r.value();
}

change_set replace(std::int64_t length, std::int64_t from, std::int64_t to,
                   const std::u16string& text) {
  auto r = change_set::replace_range(length, from, to, text);
  REQUIRE(r);
  return r.value();
}

// ---- randomised convergence ----

struct request {
  std::int64_t version;
  std::vector<client_update> updates;
};
struct delivery {
  std::int64_t first_version;
  std::vector<accepted_update> updates;
};

struct sim_peer {
  sim_peer(collab_peer p, std::int64_t m) : peer(std::move(p)), member(m) {}
  collab_peer peer;
  std::int64_t member;
  bool online = true;
  bool awaiting_reply = false;
  std::deque<request> to_server;  // pushes on the wire, in order
  std::deque<delivery> inbox;     // broadcasts on the wire, in order
};

struct sim_options {
  unsigned seed = 1;
  int peers = 3;
  int steps = 600;
  bool inserts_only = false;  // each insert carries a unique marker; nothing is deleted
};

struct sim_stats {
  int pushes = 0, duplicates_dropped = 0, rebased = 0, offline = 0, split_deliveries = 0;
};

class simulation {
 public:
  explicit simulation(const sim_options& o) : opt_(o), rng_(o.seed) {
    for (int i = 0; i < o.peers; ++i) {
      // Two peers share a member (two tabs of one person), with their own client ids.
      peers_.emplace_back(collab_peer("c" + std::to_string(i)), 1 + i / 2);
    }
  }

  void run() {
    for (int step = 0; step < opt_.steps; ++step) {
      now_ = step;
      if (step % 10 == 0) check_peers_consistent();
      const int r = below(100);
      sim_peer& p = peers_[static_cast<std::size_t>(below(opt_.peers))];
      if (r < 30) {
        edit(p);
      } else if (r < 45) {
        if (p.online && !p.awaiting_reply) send_push(p);
      } else if (r < 50) {
        if (p.online && p.awaiting_reply) send_push(p);  // the reply did not come: retry
      } else if (r < 68) {
        serve_one();
      } else if (r < 93) {
        deliver_one(p);
      } else if (r < 96) {
        if (p.online) go_offline(p);
      } else {
        if (!p.online) come_online(p);
      }
    }
    settle();
  }

  void check() const {
    for (const sim_peer& p : peers_) {
      INFO("peer " << p.peer.client_id());
      CHECK(p.peer.version() == server_.version());
      CHECK(p.peer.unconfirmed().empty());
      CHECK(utf8(p.peer.text()) == utf8(server_.text()));
    }
    const auto replayed = section_doc::replay(server_.updates());
    REQUIRE(replayed);
    CHECK(replayed->text() == server_.text());
    if (opt_.inserts_only) {
      // Every marker typed by anyone is there, exactly once.
      for (const std::u16string& m : markers_) {
        const auto at = server_.text().find(m);
        CHECK(at != std::u16string::npos);
        CHECK(server_.text().find(m, at + 1) == std::u16string::npos);
      }
    }
  }

  // What every peer shows is the authority's text at the peer's version with the peer's
  // unconfirmed updates applied: divergence is caught when it happens, not only at the end.
  void check_peers_consistent() const {
    for (const sim_peer& p : peers_) {
      std::u16string t = server_.text_at(p.peer.version()).value();
      for (const auto& u : p.peer.unconfirmed()) t = u.changes.apply(t);
      INFO("peer " << p.peer.client_id() << " at version " << p.peer.version());
      REQUIRE(utf8(t) == utf8(p.peer.text()));
    }
  }

  const sim_stats& stats() const { return stats_; }
  std::size_t markers() const { return markers_.size(); }
  const section_doc& server() const { return server_; }

 private:
  int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return below(100) < percent; }

  // A position in `text` that does not split a surrogate pair (where an editor puts a cursor).
  std::int64_t boundary(const std::u16string& text) {
    std::int64_t pos = below(static_cast<int>(text.size()) + 1);
    if (pos > 0 && pos < static_cast<std::int64_t>(text.size()) &&
        text[static_cast<std::size_t>(pos)] >= 0xDC00 &&
        text[static_cast<std::size_t>(pos)] <= 0xDFFF) {
      --pos;
    }
    return pos;
  }

  std::u16string filler() {
    static const std::u16string chars = u"ab \n\u00e9";
    std::u16string s;
    for (int n = below(3); n > 0; --n)
      s += chars[static_cast<std::size_t>(below(static_cast<int>(chars.size())))];
    return s;
  }

  // A unique character: CJK (one unit) or CJK extension B (a surrogate pair).
  std::u16string marker() {
    const auto k = static_cast<char32_t>(markers_.size());
    std::u16string m;
    if (k % 2 == 0) {
      m = std::u16string(1, static_cast<char16_t>(0x4E00 + k / 2));
    } else {
      const char32_t cp = 0x20000 + k / 2 - 0x10000;
      m = {static_cast<char16_t>(0xD800 + (cp >> 10)),
           static_cast<char16_t>(0xDC00 + (cp & 0x3FF))};
    }
    markers_.push_back(m);
    return m;
  }

  void edit(sim_peer& p) {
    const std::u16string& text = p.peer.text();
    const auto len = static_cast<std::int64_t>(text.size());
    if (opt_.inserts_only) {
      change_set c = insert_at(len, boundary(text), filler() + marker() + filler());
      if (chance(30)) {  // two inserts in one transaction
        const std::u16string after = c.apply(text);
        c = c.compose(insert_at(c.new_length(), boundary(after), marker()));
      }
      p.peer.local_change(c);
      return;
    }
    std::int64_t from = boundary(text), to = boundary(text);
    if (from > to) std::swap(from, to);
    if (len > 200 || chance(40)) {
      p.peer.local_change(replace(len, from, std::min(to, from + 8), chance(50) ? u"" : filler()));
    } else {
      p.peer.local_change(replace(len, from, from, filler() + u"\U0001F600" + filler()));
    }
  }

  void send_push(sim_peer& p) {
    auto updates = p.peer.sendable();
    if (updates.empty()) return;
    p.awaiting_reply = true;
    if (chance(10)) return;  // the request is lost on the way
    p.to_server.push_back({p.peer.version(), std::move(updates)});
  }

  void serve_one() {
    std::vector<sim_peer*> waiting;
    for (sim_peer& p : peers_) {
      if (!p.to_server.empty()) waiting.push_back(&p);
    }
    if (waiting.empty()) return;
    sim_peer& p = *waiting[static_cast<std::size_t>(below(static_cast<int>(waiting.size())))];
    request req = std::move(p.to_server.front());
    p.to_server.pop_front();
    serve(p, std::move(req));
  }

  void serve(sim_peer& p, request req) {
    const std::size_t sent = req.updates.size();
    const bool stale = req.version < server_.version();
    auto r = server_.push(req.version, std::move(req.updates), p.member, now_);
    REQUIRE(r);  // every push of a well-behaved client is accepted
    ++stats_.pushes;
    stats_.duplicates_dropped += static_cast<int>(sent - r->size());
    stats_.rebased += stale;
    for (const auto& u : r.value()) REQUIRE(change_set::from_parts(u.changes.to_parts()));
    if (!r->empty()) {
      const std::int64_t first = server_.version() - static_cast<std::int64_t>(r->size());
      for (sim_peer& q : peers_) {
        if (q.online) q.inbox.push_back({first, r.value()});
      }
    }
    if (p.online && chance(80)) p.awaiting_reply = false;  // else the reply is lost
  }

  void deliver_one(sim_peer& p) {
    if (p.inbox.empty()) return;
    delivery& d = p.inbox.front();
    std::size_t n = d.updates.size();
    if (n > 1 && chance(30)) {  // part of the batch now, the rest later
      n = 1 + static_cast<std::size_t>(below(static_cast<int>(n) - 1));
      ++stats_.split_deliveries;
    }
    const auto r = p.peer.receive_at(d.first_version, std::span(d.updates).first(n));
    REQUIRE(r);
    d.updates.erase(d.updates.begin(), d.updates.begin() + static_cast<std::ptrdiff_t>(n));
    d.first_version += static_cast<std::int64_t>(n);
    if (d.updates.empty()) p.inbox.pop_front();
  }

  void go_offline(sim_peer& p) {
    p.online = false;
    p.inbox.clear();
    p.awaiting_reply = false;
    if (chance(50)) p.to_server.clear();  // what was on the wire is lost
    ++stats_.offline;
  }

  // Reconnects: receive every missed update, then push what is unconfirmed.
  void come_online(sim_peer& p) {
    p.online = true;
    const auto missed = server_.updates_since(p.peer.version());
    REQUIRE(missed);
    REQUIRE(p.peer.receive_at(p.peer.version(), missed.value()));
    send_push(p);
  }

  void settle() {
    for (sim_peer& p : peers_) {
      if (!p.online) come_online(p);
    }
    for (int round = 0; round < 200; ++round) {
      bool busy = false;
      for (sim_peer& p : peers_) {
        while (!p.to_server.empty()) {
          request req = std::move(p.to_server.front());
          p.to_server.pop_front();
          serve(p, std::move(req));
          busy = true;
        }
      }
      for (sim_peer& p : peers_) {
        while (!p.inbox.empty()) {
          deliver_one(p);
          busy = true;
        }
      }
      for (sim_peer& p : peers_) {
        if (!p.peer.unconfirmed().empty()) {
          p.to_server.push_back({p.peer.version(), p.peer.sendable()});
          busy = true;
        }
      }
      if (!busy) return;
    }
    FAIL("the simulation did not settle");
  }

  sim_options opt_;
  std::mt19937 rng_;
  std::vector<sim_peer> peers_;
  section_doc server_;
  std::vector<std::u16string> markers_;
  std::int64_t now_ = 0;

  sim_stats stats_;
};

}  // namespace

TEST_CASE("peers converge on the server's text whatever the interleaving") {
  sim_stats total;
  for (unsigned seed = 1; seed <= 12; ++seed) {
    INFO("seed " << seed);
    simulation sim({seed, 2 + static_cast<int>(seed % 4), 700, false});
    sim.run();
    sim.check();
    total.pushes += sim.stats().pushes;
    total.duplicates_dropped += sim.stats().duplicates_dropped;
    total.rebased += sim.stats().rebased;
    total.offline += sim.stats().offline;
    total.split_deliveries += sim.stats().split_deliveries;
  }
  // The scheduler exercised what it is meant to.
  CHECK(total.pushes > 500);
  CHECK(total.duplicates_dropped > 50);
  CHECK(total.rebased > 100);
  CHECK(total.offline > 20);
  CHECK(total.split_deliveries > 20);
}

TEST_CASE("no typed character is lost: every marker is in the converged text") {
  int duplicates = 0;
  for (unsigned seed = 101; seed <= 110; ++seed) {
    INFO("seed " << seed);
    simulation sim({seed, 2 + static_cast<int>(seed % 4), 600, true});
    sim.run();
    sim.check();
    CHECK(sim.markers() > 100);
    duplicates += sim.stats().duplicates_dropped;
  }
  CHECK(duplicates > 10);
}
