// writer.hpp: the single writer thread and its group commit.
//
// Jobs from every event queue up here; the writer thread takes all that are waiting (up to
// max_batch), runs them in ONE transaction, each inside its own savepoint, commits once and
// then calls each job's completion. So a thousand commands cost one fsync, not a thousand.
// A job that throws is rolled back alone (its completion gets the exception); when the commit
// itself fails every job of the batch fails. Completions run on the writer thread: they must
// be short and hand work back to the caller's own executor.
//
// Thread-safety: submit(), stop() and the counters may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>

#include "storage/store.hpp"

namespace rt::storage {

class writer {
 public:
  using job = std::function<void(store&)>;
  // Called after commit; the exception_ptr is null when the job's writes are durable.
  using completion = std::function<void(std::exception_ptr)>;
  // Told of every batch, on the writer thread, before the completions: how long its
  // transaction took (BEGIN to the end of COMMIT, the fsync included), how many jobs it
  // held, and whether it committed. Must be short and must not throw (for metrics).
  using batch_observer =
      std::function<void(std::chrono::nanoseconds took, std::size_t jobs, bool committed)>;

  static constexpr std::size_t max_batch = 2048;

  // Starts the thread. `s` must outlive the writer.
  explicit writer(store& s, batch_observer observer = {});
  ~writer();  // stop()
  writer(const writer&) = delete;
  writer& operator=(const writer&) = delete;

  // Queues a job. Returns false (and drops the job without calling `done`) after stop().
  bool submit(job j, completion done);

  // Runs every job already submitted, then ends the thread. Idempotent.
  void stop();

  // Counters for logs, metrics and benchmarks.
  std::uint64_t batches() const;
  std::uint64_t jobs() const;
  std::size_t queued() const;  // jobs waiting for the next batch

 private:
  struct item {
    job run;
    completion done;
  };
  void loop();
  void run_batch(std::deque<item>& batch);

  store& store_;                   // used only by the thread
  const batch_observer observer_;  // constant after construction
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<item> queue_;     // guarded by mutex_
  bool stopping_ = false;      // guarded by mutex_
  std::uint64_t batches_ = 0;  // guarded by mutex_
  std::uint64_t jobs_ = 0;     // guarded by mutex_
  std::thread thread_;
};

}  // namespace rt::storage
