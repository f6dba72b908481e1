// client.hpp: how the rest of the server talks to one WebSocket connection, without Beast.
//
// A `client` is one open WebSocket. A `handler` is the application's side of one
// connection; the network layer creates one per connection from a `handler_factory` and
// calls it on that connection's strand, one call at a time.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace rt::net {

// A serialised message (or several joined by '\n'), shared by every connection it goes to.
using shared_text = std::shared_ptr<const std::string>;

inline shared_text make_text(std::string s) {
  return std::make_shared<const std::string>(std::move(s));
}

// WebSocket close codes the server uses.
enum class close_code : std::uint16_t {
  normal = 1000,
  going_away = 1001,        // the server is shutting down
  policy_violation = 1008,  // e.g. a client far over the rate limit
  too_big = 1009,
  try_again_later = 1013,  // a client that fell too far behind
};

class client {
 public:
  virtual ~client() = default;
  // Queues `text` as one frame. Any thread. After close() it is dropped.
  virtual void send(shared_text text) = 0;
  // The same, called on the connection's own thread (see executor()): no hop.
  virtual void deliver(shared_text text) = 0;
  // The executor of the connection's thread, and that thread's index in the io_pool.
  virtual boost::asio::any_io_executor executor() const = 0;
  virtual std::size_t thread_index() const = 0;
  // Sends what is queued, then a close frame. Any thread. Idempotent.
  virtual void close(close_code code) = 0;
  // The peer's address, for logs. Constant after construction.
  virtual const std::string& remote() const = 0;
};

class handler {
 public:
  virtual ~handler() = default;
  // The connection is open; `self` is this handler's connection (keep it weak).
  virtual void on_open(const std::shared_ptr<client>& self) = 0;
  virtual void on_text(std::string_view text) = 0;
  virtual void on_binary() = 0;
  // The connection is gone; called once, last.
  virtual void on_close() = 0;
};

using handler_factory = std::function<std::unique_ptr<handler>()>;

}  // namespace rt::net
