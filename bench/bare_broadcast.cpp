// bare_broadcast.cpp: the ceiling to compare Roundtable with: a minimal Beast WebSocket server
// in the shape of Beast's chat-multi example. Every text frame received is broadcast to every
// connected client (the sender too), serialised once as a shared_ptr<const std::string>.
// No parsing, no database, no rooms: what is left is the cost of the network fan-out.
//
// Usage: bare-broadcast [--port P] [--threads T]   (prints "bare-broadcast listening on
// 127.0.0.1:PORT", stops on SIGTERM/SIGINT).
//
// Thread-safety: each session runs on its own strand; shared_state's set is guarded by its
// mutex, which is never held while sending.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdlib>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

class session;

class shared_state {
 public:
  void join(session* s) {
    std::lock_guard lock(mutex_);
    sessions_.insert(s);
  }
  void leave(session* s) {
    std::lock_guard lock(mutex_);
    sessions_.erase(s);
  }
  void broadcast(std::string text);

 private:
  std::mutex mutex_;
  std::unordered_set<session*> sessions_;  // guarded by mutex_
};

class session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket&& socket, std::shared_ptr<shared_state> state)
      : ws_(std::move(socket)), state_(std::move(state)) {}
  ~session() { state_->leave(this); }

  void run() {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.async_accept(beast::bind_front_handler(&session::on_accept, shared_from_this()));
  }

  // Any thread: hops onto the session's strand.
  void send(std::shared_ptr<const std::string> text) {
    asio::post(ws_.get_executor(),
               beast::bind_front_handler(&session::on_send, shared_from_this(), std::move(text)));
  }

 private:
  void on_accept(beast::error_code ec) {
    if (ec) return;
    state_->join(this);
    do_read();
  }
  void do_read() {
    ws_.async_read(buffer_, beast::bind_front_handler(&session::on_read, shared_from_this()));
  }
  void on_read(beast::error_code ec, std::size_t) {
    if (ec) return;
    state_->broadcast(beast::buffers_to_string(buffer_.data()));
    buffer_.consume(buffer_.size());
    do_read();
  }
  void on_send(std::shared_ptr<const std::string> text) {
    queued_ += text->size();
    if (queued_ > 4 * 1024 * 1024) {  // a client that does not read: drop it
      beast::error_code ignored;
      beast::get_lowest_layer(ws_).socket().close(ignored);
      return;
    }
    queue_.push_back(std::move(text));
    if (queue_.size() == 1) do_write();
  }
  void do_write() {
    ws_.text(true);
    ws_.async_write(asio::buffer(*queue_.front()),
                    beast::bind_front_handler(&session::on_write, shared_from_this()));
  }
  void on_write(beast::error_code ec, std::size_t) {
    if (ec) return;
    queued_ -= queue_.front()->size();
    queue_.pop_front();
    if (!queue_.empty()) do_write();
  }

  websocket::stream<beast::tcp_stream> ws_;
  beast::flat_buffer buffer_;
  std::shared_ptr<shared_state> state_;
  std::deque<std::shared_ptr<const std::string>> queue_;
  std::size_t queued_ = 0;
};

void shared_state::broadcast(std::string text) {
  const auto shared = std::make_shared<const std::string>(std::move(text));
  std::vector<std::weak_ptr<session>> targets;
  {
    std::lock_guard lock(mutex_);
    targets.reserve(sessions_.size());
    for (auto* s : sessions_) targets.push_back(s->weak_from_this());
  }
  for (const auto& w : targets) {
    if (auto s = w.lock()) s->send(shared);
  }
}

class listener : public std::enable_shared_from_this<listener> {
 public:
  listener(asio::io_context& ioc, tcp::endpoint ep, std::shared_ptr<shared_state> state)
      : ioc_(ioc), acceptor_(ioc, ep), state_(std::move(state)) {}
  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }
  void do_accept() {
    acceptor_.async_accept(asio::make_strand(ioc_),
                           beast::bind_front_handler(&listener::on_accept, shared_from_this()));
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (!ec) {
      socket.set_option(tcp::no_delay(true), ec);
      std::make_shared<session>(std::move(socket), state_)->run();
    }
    do_accept();
  }
  asio::io_context& ioc_;
  tcp::acceptor acceptor_;
  std::shared_ptr<shared_state> state_;
};

int main(int argc, char** argv) {
  unsigned short port = 0;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--port") port = static_cast<unsigned short>(std::atoi(argv[i + 1]));
    if (a == "--threads") threads = std::max(1, std::atoi(argv[i + 1]));
  }
  asio::io_context ioc(static_cast<int>(threads));
  auto l = std::make_shared<listener>(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), port),
                                      std::make_shared<shared_state>());
  l->do_accept();
  std::cout << "bare-broadcast listening on 127.0.0.1:" << l->port() << std::endl;
  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&ioc](beast::error_code, int) { ioc.stop(); });
  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : pool) t.join();
  return 0;
}
