// ws_client.hpp: client WebSocket connections for the load generator, without Beast in the
// header (Beast lives only in ws_client.cpp, which keeps the build fast).
//
// An io_pool runs one io_context per thread; a connection belongs to one of them for its
// whole life, so its handler is only ever called on that one thread and needs no locks.
// A ws_connection connects (from a chosen loopback source address, so that many thousands
// of connections do not run out of ephemeral ports), performs the WebSocket handshake, then
// reads frames and hands each to its frame_handler. It has one write in flight and a queue
// behind it.
//
// Thread-safety: io_pool methods and ws_connection::send/abort/post/post_after may be called
// from any thread; send_now() only on the connection's thread. Handlers run on the
// connection's thread. A frame_handler must outlive the io_pool's threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace rt::bench {

class frame_handler {
 public:
  virtual ~frame_handler() = default;
  // The handshake completed (`error` empty) or failed (`error` says why).
  virtual void on_open(const std::string& error) = 0;
  // One received text frame; the view is valid only during the call.
  virtual void on_frame(std::string_view frame) = 0;
  // The connection ended after it was open (not called after abort()).
  virtual void on_closed(const std::string& error) = 0;
};

struct ws_target {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;
  std::string path = "/ws";
};

class io_pool {
 public:
  explicit io_pool(unsigned threads);
  ~io_pool();  // stop()
  io_pool(const io_pool&) = delete;
  io_pool& operator=(const io_pool&) = delete;

  unsigned size() const;
  // Runs f on thread i.
  void post(unsigned i, std::function<void()> f);
  // Runs f(i) on every thread i and waits until all have returned (or 10 s passed).
  void run_on_each(const std::function<void(unsigned)>& f);
  // Ends the threads; pending work is dropped. Idempotent.
  void stop();

  struct impl;
  impl& get() { return *impl_; }

 private:
  std::unique_ptr<impl> impl_;
};

class ws_connection {
 public:
  virtual ~ws_connection() = default;
  // `source` is the local address to connect from ("" for any). Nothing happens until
  // connect().
  static std::shared_ptr<ws_connection> create(io_pool& pool, unsigned thread,
                                               const ws_target& target, std::string source,
                                               frame_handler* handler);
  // Starts connect + handshake; on_open tells the outcome. Call once.
  virtual void connect() = 0;
  // Queues one text frame. Any thread.
  virtual void send(std::string text) = 0;
  // Queues one text frame; on the connection's thread only.
  virtual void send_now(std::string text) = 0;
  // Drops the connection at once with a TCP reset, as a lost network would end it for the
  // server: no close handshake, nothing more is read or called. Any thread. Idempotent.
  virtual void abort() = 0;
  // Runs f on the connection's thread (now or after `delay`), while the connection lives.
  virtual void post(std::function<void()> f) = 0;
  virtual void post_after(std::chrono::milliseconds delay, std::function<void()> f) = 0;
  virtual unsigned thread() const = 0;
};

}  // namespace rt::bench
