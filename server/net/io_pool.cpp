// io_pool.cpp: the io_context-per-thread pool.
#include "io_pool.hpp"

#include <thread>

namespace rt::net {

io_pool::io_pool(unsigned threads) {
  if (threads == 0) threads = 1;
  for (unsigned i = 0; i < threads; ++i) {
    contexts_.push_back(std::make_unique<boost::asio::io_context>(1));
    guards_.emplace_back(contexts_.back()->get_executor());
  }
}

std::size_t io_pool::next_index() {
  return next_.fetch_add(1, std::memory_order_relaxed) % contexts_.size();
}

void io_pool::run() {
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts_.size(); ++i) {
    threads.emplace_back([this, i] { contexts_[i]->run(); });
  }
  contexts_[0]->run();
  for (auto& t : threads) t.join();
}

void io_pool::stop() {
  for (auto& c : contexts_) c->stop();
}

}  // namespace rt::net
