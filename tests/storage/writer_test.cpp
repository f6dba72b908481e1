// Tests of the writer: jobs are committed together, a failing job is rolled back alone, a
// failing commit fails the whole batch, and stop() finishes what was submitted.
#include "catch.hpp"

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>

#include "storage/writer.hpp"
#include "temp_db.hpp"

using namespace rt::storage;

namespace {

std::int64_t count_secrets(store& s) {
  statement q(s.db(), "SELECT count(*) FROM admin_secrets");
  q.step();
  return q.column_int(0);
}

}  // namespace

TEST_CASE("every submitted job is committed and completed in order") {
  temp_db t;
  store s(t.path);
  std::vector<int> order;
  std::mutex m;
  {
    writer w(s);
    for (int i = 0; i < 500; ++i) {
      REQUIRE(w.submit([i](store& st) { st.add_admin_secret("h" + std::to_string(i), i); },
                       [&, i](std::exception_ptr e) {
                         REQUIRE_FALSE(e);
                         std::lock_guard lock(m);
                         order.push_back(i);
                       }));
    }
    w.stop();
    CHECK(w.jobs() == 500);
    CHECK(w.batches() <= 500);
  }
  REQUIRE(order.size() == 500);
  for (int i = 0; i < 500; ++i) CHECK(order[i] == i);
  CHECK(count_secrets(s) == 500);
}

TEST_CASE("a failing job is rolled back alone; the others of its batch commit") {
  temp_db t;
  store s(t.path);
  std::atomic<int> ok{0}, failed{0};
  {
    writer w(s);
    std::promise<void> gate;
    auto opened = gate.get_future().share();
    // Hold the writer so that the next three jobs land in one batch.
    w.submit([opened](store&) { opened.wait(); }, nullptr);
    auto done = [&](std::exception_ptr e) { (e ? failed : ok)++; };
    w.submit([](store& st) { st.add_admin_secret("a", 0); }, done);
    w.submit(
        [](store& st) {
          st.add_admin_secret("half-written", 0);
          throw std::runtime_error("boom");
        },
        done);
    w.submit([](store& st) { st.add_admin_secret("b", 0); }, done);
    gate.set_value();
    w.stop();
  }
  CHECK(ok == 2);
  CHECK(failed == 1);
  CHECK(count_secrets(s) == 2);
  CHECK_FALSE(s.is_admin_secret("half-written"));
}

TEST_CASE("after stop, submit refuses and calls nothing") {
  temp_db t;
  store s(t.path);
  writer w(s);
  w.stop();
  bool called = false;
  CHECK_FALSE(w.submit([](store&) {}, [&](std::exception_ptr) { called = true; }));
  CHECK_FALSE(called);
}

TEST_CASE("a batch whose commit fails reports the failure to every job and keeps nothing") {
  temp_db t;
  store s(t.path);
  std::atomic<int> failed{0};
  {
    writer w(s);
    std::promise<void> gate;
    auto opened = gate.get_future().share();
    w.submit([opened](store&) { opened.wait(); }, nullptr);
    auto done = [&](std::exception_ptr e) { failed += e ? 1 : 0; };
    w.submit([](store& st) { st.add_admin_secret("x", 0); }, done);
    // A foreign key checked only at COMMIT: the commit itself fails.
    w.submit(
        [](store& st) {
          st.db().exec("PRAGMA defer_foreign_keys = ON");
          st.db().exec(
              "INSERT INTO tracks (event_id, id, name, description) VALUES (999, 1, 'x', '')");
        },
        done);
    gate.set_value();
    w.stop();
  }
  CHECK(failed == 2);
  CHECK_FALSE(s.is_admin_secret("x"));
}

TEST_CASE("the observer hears of every batch: its time, its jobs and whether it committed") {
  temp_db t;
  store s(t.path);
  struct seen {
    std::chrono::nanoseconds took;
    std::size_t jobs;
    bool committed;
  };
  std::vector<seen> batches;  // written by the writer thread, read after stop()
  {
    writer w(s, [&](std::chrono::nanoseconds took, std::size_t jobs, bool committed) {
      batches.push_back({took, jobs, committed});
    });
    std::promise<void> gate;
    auto opened = gate.get_future().share();
    w.submit([opened](store&) { opened.wait(); }, nullptr);  // holds the first batch open
    for (int i = 0; i < 3; ++i) {
      w.submit([i](store& st) { st.add_admin_secret("o" + std::to_string(i), i); }, nullptr);
    }
    CHECK(w.queued() >= 1);  // the three wait behind the first batch (or part of them)
    gate.set_value();
    w.stop();
    CHECK(w.queued() == 0);
  }
  {  // A commit that fails: a foreign key checked only at COMMIT.
    writer w(s, [&](std::chrono::nanoseconds took, std::size_t jobs, bool committed) {
      batches.push_back({took, jobs, committed});
    });
    w.submit(
        [](store& st) {
          st.db().exec("PRAGMA defer_foreign_keys = ON");
          st.db().exec(
              "INSERT INTO tracks (event_id, id, name, description) VALUES (999, 1, 'x', '')");
        },
        nullptr);
    w.stop();
  }
  REQUIRE(batches.size() >= 2);  // the first four jobs in one or two batches
  std::size_t jobs = 0;
  for (std::size_t i = 0; i + 1 < batches.size(); ++i) {
    CHECK(batches[i].committed);
    CHECK(batches[i].took.count() > 0);
    jobs += batches[i].jobs;
  }
  CHECK(jobs == 4);
  CHECK_FALSE(batches.back().committed);
  CHECK(batches.back().jobs == 1);
}
