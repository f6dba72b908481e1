// ws_client.cpp: the io_pool threads and the Beast client WebSocket connection.
#include "ws_client.hpp"

#include <netinet/in.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace rt::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// ---------------------------------------------------------------------------------------------
// io_pool

struct io_pool::impl {
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards;
  std::vector<std::thread> threads;
  bool stopped = false;
};

io_pool::io_pool(unsigned threads) : impl_(std::make_unique<impl>()) {
  threads = std::max(1u, threads);
  for (unsigned i = 0; i < threads; ++i) {
    impl_->contexts.push_back(std::make_unique<asio::io_context>(1));
    impl_->guards.push_back(asio::make_work_guard(*impl_->contexts.back()));
  }
  for (unsigned i = 0; i < threads; ++i) {
    impl_->threads.emplace_back([ctx = impl_->contexts[i].get()] { ctx->run(); });
  }
}

io_pool::~io_pool() { stop(); }

unsigned io_pool::size() const { return static_cast<unsigned>(impl_->contexts.size()); }

void io_pool::post(unsigned i, std::function<void()> f) {
  asio::post(*impl_->contexts[i % size()], std::move(f));
}

void io_pool::run_on_each(const std::function<void(unsigned)>& f) {
  struct state {
    std::mutex m;
    std::condition_variable cv;
    unsigned left;
  };
  auto st = std::make_shared<state>();
  st->left = size();
  for (unsigned i = 0; i < size(); ++i) {
    post(i, [st, f, i] {
      f(i);
      std::lock_guard lock(st->m);
      if (--st->left == 0) st->cv.notify_all();
    });
  }
  std::unique_lock lock(st->m);
  st->cv.wait_for(lock, std::chrono::seconds(10), [&] { return st->left == 0; });
}

void io_pool::stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->guards.clear();
  for (auto& c : impl_->contexts) c->stop();
  for (auto& t : impl_->threads) t.join();
}

// ---------------------------------------------------------------------------------------------
// ws_connection

namespace {

class connection_impl final : public ws_connection,
                              public std::enable_shared_from_this<connection_impl> {
 public:
  connection_impl(asio::io_context& ioc, unsigned thread, ws_target target, std::string source,
                  frame_handler* handler)
      : ioc_(ioc),
        thread_(thread),
        target_(std::move(target)),
        source_(std::move(source)),
        handler_(handler),
        ws_(ioc),
        timer_(ioc) {}

  void connect() override {
    asio::post(ioc_, beast::bind_front_handler(&connection_impl::do_connect, shared_from_this()));
  }

  void send(std::string text) override {
    asio::post(ioc_, [self = shared_from_this(), t = std::move(text)]() mutable {
      self->send_now(std::move(t));
    });
  }

  void send_now(std::string text) override {
    if (aborted_ || closed_) return;
    queue_.push_back(std::move(text));
    if (open_ && !writing_) do_write();
  }

  void abort() override {
    asio::post(ioc_, [self = shared_from_this()] { self->do_abort(); });
  }

  void post(std::function<void()> f) override {
    asio::post(ioc_, [self = shared_from_this(), f = std::move(f)] {
      if (!self->aborted_) f();
    });
  }

  void post_after(std::chrono::milliseconds delay, std::function<void()> f) override {
    auto t = std::make_shared<asio::steady_timer>(ioc_, delay);
    t->async_wait([self = shared_from_this(), t, f = std::move(f)](beast::error_code ec) {
      if (!ec && !self->aborted_) f();
    });
  }

  unsigned thread() const override { return thread_; }

 private:
  void do_connect() {
    beast::error_code ec;
    const auto address = asio::ip::make_address(target_.host, ec);
    if (ec) return fail_open("bad address " + target_.host);
    auto& sock = ws_.next_layer();
    sock.open(address.is_v4() ? tcp::v4() : tcp::v6(), ec);
    if (ec) return fail_open("socket: " + ec.message());
    if (!source_.empty()) {
      // Let connect() choose the port for the whole 4-tuple: ports are then per source
      // address, not shared by all of them.
      const int on = 1;
      ::setsockopt(sock.native_handle(), IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
      sock.bind(tcp::endpoint(asio::ip::make_address(source_, ec), 0), ec);
      if (ec) return fail_open("bind " + source_ + ": " + ec.message());
    }
    // Connect + handshake must finish within 60 s (SYNs dropped by a full accept queue are
    // retried by the kernel for much longer).
    timer_.expires_after(std::chrono::seconds(60));
    timer_.async_wait([self = shared_from_this()](beast::error_code e) {
      if (e || self->open_ || self->aborted_) return;
      self->timed_out_ = true;
      beast::error_code ignored;
      self->ws_.next_layer().close(ignored);
    });
    sock.async_connect(tcp::endpoint(address, target_.port),
                       beast::bind_front_handler(&connection_impl::on_connect, shared_from_this()));
  }

  void on_connect(beast::error_code ec) {
    if (aborted_) return;
    if (ec) return fail_open(timed_out_ ? "connect timed out" : "connect: " + ec.message());
    ws_.next_layer().set_option(tcp::no_delay(true), ec);
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
    ws_.read_message_max(256 * 1024 * 1024);
    ws_.auto_fragment(false);
    ws_.text(true);
    ws_.async_handshake(
        target_.host + ":" + std::to_string(target_.port), target_.path,
        beast::bind_front_handler(&connection_impl::on_handshake, shared_from_this()));
  }

  void on_handshake(beast::error_code ec) {
    if (aborted_) return;
    if (ec) return fail_open(timed_out_ ? "handshake timed out" : "handshake: " + ec.message());
    timer_.cancel();
    open_ = true;
    handler_->on_open("");
    if (!queue_.empty() && !writing_) do_write();
    do_read();
  }

  void fail_open(std::string why) {
    closed_ = true;
    timer_.cancel();
    handler_->on_open(why);
  }

  void do_read() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&connection_impl::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (aborted_) return;
    if (ec) return finish(ec);
    const auto data = buffer_.cdata();
    handler_->on_frame(std::string_view(static_cast<const char*>(data.data()), data.size()));
    buffer_.consume(buffer_.size());
    do_read();
  }

  void do_write() {
    writing_ = true;
    ws_.async_write(asio::buffer(queue_.front()),
                    beast::bind_front_handler(&connection_impl::on_write, shared_from_this()));
  }

  void on_write(beast::error_code ec, std::size_t) {
    writing_ = false;
    queue_.pop_front();
    if (aborted_ || closed_) return;
    if (ec) return;  // the read side reports the end
    if (!queue_.empty()) do_write();
  }

  void finish(beast::error_code ec) {
    if (closed_) return;
    closed_ = true;
    open_ = false;
    handler_->on_closed(ec == websocket::error::closed ? std::string("closed by the server")
                                                       : ec.message());
  }

  void do_abort() {
    if (aborted_) return;
    aborted_ = true;
    timer_.cancel();
    auto& sock = ws_.next_layer();
    beast::error_code ignored;
    if (sock.is_open()) {
      sock.set_option(asio::socket_base::linger(true, 0), ignored);  // RST, no TIME_WAIT
      sock.close(ignored);
    }
  }

  // Constant after construction.
  asio::io_context& ioc_;
  const unsigned thread_;
  const ws_target target_;
  const std::string source_;
  frame_handler* const handler_;

  // Touched only on the connection's thread.
  websocket::stream<tcp::socket> ws_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  bool writing_ = false;
  bool open_ = false;
  bool closed_ = false;
  bool aborted_ = false;
  bool timed_out_ = false;
};

}  // namespace

std::shared_ptr<ws_connection> ws_connection::create(io_pool& pool, unsigned thread,
                                                     const ws_target& target, std::string source,
                                                     frame_handler* handler) {
  thread %= pool.size();
  return std::make_shared<connection_impl>(*pool.get().contexts[thread], thread, target,
                                           std::move(source), handler);
}

}  // namespace rt::bench
