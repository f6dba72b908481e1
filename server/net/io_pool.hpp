// io_pool.hpp: one io_context per thread.
//
// Each network thread runs its own single-threaded io_context. A connection lives on one of
// them for its whole life, so everything of that connection runs on one thread, and a room
// that broadcasts posts ONE task per thread (which delivers to every connection of that
// thread) instead of one task per connection.
//
// Thread-safety: next() and stop() may be called from any thread; run() once.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <memory>
#include <vector>

namespace rt::net {

class io_pool {
 public:
  explicit io_pool(unsigned threads);
  io_pool(const io_pool&) = delete;
  io_pool& operator=(const io_pool&) = delete;

  std::size_t size() const { return contexts_.size(); }
  boost::asio::io_context& at(std::size_t i) { return *contexts_[i]; }
  // The next context round-robin, and its index.
  std::size_t next_index();
  boost::asio::io_context& next() { return at(next_index()); }

  // Runs every context, one thread each (this thread runs context 0); returns once stop()
  // was called and every thread has returned.
  void run();
  void stop();

 private:
  using guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts_;  // constant after construction
  std::vector<guard> guards_;  // touched by the constructor and stop()
  std::atomic<std::size_t> next_{0};
};

}  // namespace rt::net
