// websocket_session.hpp: one WebSocket connection (internal to net; includes Beast).
//
// Runs on its thread's single-threaded io_context (see io_pool.hpp): all of it on one thread. Reads
// one message at a time (at most max_message_bytes; a larger one closes with 1009) and hands it to
// its handler. Writes one frame at a time; messages that queue up meanwhile go out together as one
// frame, joined by '\n'. When more than max_queued_bytes wait, the client is too slow: the
// connection is dropped (the client resumes with hello); one message may always wait, whatever its
// size. Lives as long as an operation or a room holds it.
#pragma once

#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <atomic>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "net/client.hpp"
#include "net/http_server.hpp"

namespace rt::net {

class connection_set;

class websocket_session : public client, public std::enable_shared_from_this<websocket_session> {
 public:
  // `slot`: what the connection holds while open (its place in the per-address count).
  websocket_session(boost::asio::ip::tcp::socket&& socket, std::size_t thread_index,
                    const http_options& options, std::unique_ptr<handler> h,
                    std::shared_ptr<connection_set> connections,
                    std::shared_ptr<void> slot = nullptr);
  ~websocket_session() override;

  void run(boost::beast::http::request<boost::beast::http::string_body> req);

  void send(shared_text text) override;
  void deliver(shared_text text) override { enqueue(std::move(text)); }
  boost::asio::any_io_executor executor() const override { return executor_; }
  std::size_t thread_index() const override { return thread_index_; }
  void close(close_code code) override;
  const std::string& remote() const override { return remote_; }

 private:
  void on_accept(boost::beast::error_code ec);
  void do_read();
  void on_read(boost::beast::error_code ec, std::size_t bytes);
  void enqueue(shared_text text);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t bytes);
  void do_close(close_code code);
  void on_close(boost::beast::error_code ec);
  void finish();

  // Constant after construction.
  const http_options& options_;
  const std::string remote_;
  const std::size_t thread_index_;
  std::shared_ptr<connection_set> connections_;
  const std::shared_ptr<void> slot_;

  // Touched only on the strand.
  boost::beast::websocket::stream<boost::beast::tcp_stream> ws_;
  boost::asio::any_io_executor executor_;
  boost::beast::flat_buffer buffer_;
  std::unique_ptr<handler> handler_;
  std::deque<shared_text> queue_;
  std::size_t queued_bytes_ = 0;
  std::size_t in_flight_ = 0;  // queue_ entries being written
  std::size_t in_flight_bytes_ = 0;
  std::string frame_;  // several queued messages joined for one write
  bool open_ = false;
  bool closing_ = false;
  bool finished_ = false;
  close_code close_code_ = close_code::normal;
};

// Every open WebSocket, for shutdown and counting. Thread-safe.
class connection_set {
 public:
  void add(const std::shared_ptr<websocket_session>& s);
  void remove(const websocket_session* s);
  void close_all(close_code code);
  std::size_t size() const;
  // Connections dropped because their queue overflowed (too slow), since start.
  void count_slow_drop() { slow_drops_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t slow_drops() const { return slow_drops_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> slow_drops_{0};
  mutable std::mutex mutex_;
  std::unordered_map<const websocket_session*, std::weak_ptr<websocket_session>> sessions_;
};

}  // namespace rt::net
