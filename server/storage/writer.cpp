// writer.cpp: the group-commit loop of writer.hpp.
#include "writer.hpp"

#include <chrono>
#include <utility>

namespace rt::storage {

writer::writer(store& s, batch_observer observer)
    : store_(s), observer_(std::move(observer)), thread_([this] { loop(); }) {}

writer::~writer() { stop(); }

bool writer::submit(job j, completion done) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    queue_.push_back(item{std::move(j), std::move(done)});
  }
  wake_.notify_one();
  return true;
}

void writer::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  if (thread_.joinable()) thread_.join();
}

std::uint64_t writer::batches() const {
  std::lock_guard lock(mutex_);
  return batches_;
}

std::uint64_t writer::jobs() const {
  std::lock_guard lock(mutex_);
  return jobs_;
}

std::size_t writer::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void writer::loop() {
  for (;;) {
    std::deque<item> batch;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything is done
      const std::size_t n = std::min(queue_.size(), max_batch);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    run_batch(batch);
  }
}

void writer::run_batch(std::deque<item>& batch) {
  std::vector<std::exception_ptr> failures(batch.size());
  std::exception_ptr batch_failure;
  const auto started = std::chrono::steady_clock::now();
  try {
    store_.begin();
    for (std::size_t i = 0; i < batch.size(); ++i) {
      store_.savepoint();
      try {
        batch[i].run(store_);
        store_.release();
      } catch (...) {
        failures[i] = std::current_exception();
        store_.rollback_to();
        store_.release();
      }
    }
    store_.commit();
  } catch (...) {
    batch_failure = std::current_exception();
    try {
      store_.rollback();
    } catch (...) {
      // No transaction was open (BEGIN failed) or SQLite already rolled it back.
    }
  }
  if (observer_) {
    observer_(std::chrono::steady_clock::now() - started, batch.size(), !batch_failure);
  }
  // After an erasure or a deletion: their old bytes leave the WAL before anyone is told.
  if (!batch_failure) store_.checkpoint_if_asked();
  {
    std::lock_guard lock(mutex_);
    ++batches_;
    jobs_ += batch.size();
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (batch[i].done) batch[i].done(batch_failure ? batch_failure : failures[i]);
  }
}

}  // namespace rt::storage
