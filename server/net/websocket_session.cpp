// websocket_session.cpp: reading, bounded queued writing and closing of one WebSocket.
#include "websocket_session.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/dispatch.hpp>

namespace rt::net {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace asio = boost::asio;

namespace {

std::string endpoint_text(const asio::ip::tcp::socket& s) {
  beast::error_code ec;
  const auto ep = s.remote_endpoint(ec);
  if (ec) return "?";
  return ep.address().to_string() + ":" + std::to_string(ep.port());
}

bool is_quiet(beast::error_code ec) {
  return ec == websocket::error::closed || ec == asio::error::operation_aborted ||
         ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == beast::error::timeout || ec == asio::error::broken_pipe ||
         ec == asio::error::not_connected;
}

}  // namespace

websocket_session::websocket_session(asio::ip::tcp::socket&& socket, std::size_t thread_index,
                                     const http_options& options, std::unique_ptr<handler> h,
                                     std::shared_ptr<connection_set> connections,
                                     std::shared_ptr<void> slot)
    : options_(options),
      remote_(endpoint_text(socket)),
      thread_index_(thread_index),
      connections_(std::move(connections)),
      slot_(std::move(slot)),
      ws_(std::move(socket)),
      executor_(ws_.get_executor()),
      handler_(std::move(h)) {}

websocket_session::~websocket_session() = default;

void websocket_session::run(beast::http::request<beast::http::string_body> req) {
  beast::get_lowest_layer(ws_).expires_never();
  // Beast pings after half the idle time without a frame from the client and closes the
  // connection once the whole idle time has passed without one (a pong counts).
  websocket::stream_base::timeout timeouts{};
  timeouts.handshake_timeout = options_.ws_handshake_timeout;
  timeouts.idle_timeout = options_.ws_idle_timeout;
  timeouts.keep_alive_pings = true;
  ws_.set_option(timeouts);
  ws_.set_option(websocket::stream_base::decorator(
      [](websocket::response_type& res) { res.set(beast::http::field::server, "roundtable"); }));
  ws_.read_message_max(options_.max_message_bytes);
  ws_.auto_fragment(false);
  ws_.text(true);
  ws_.async_accept(req,
                   beast::bind_front_handler(&websocket_session::on_accept, shared_from_this()));
}

void websocket_session::on_accept(beast::error_code ec) {
  if (ec) {
    if (!is_quiet(ec)) spdlog::debug("ws accept from {} failed: {}", remote_, ec.message());
    return;
  }
  open_ = true;
  connections_->add(shared_from_this());
  handler_->on_open(shared_from_this());
  do_read();
}

void websocket_session::do_read() {
  ws_.async_read(buffer_,
                 beast::bind_front_handler(&websocket_session::on_read, shared_from_this()));
}

void websocket_session::on_read(beast::error_code ec, std::size_t) {
  if (ec) {
    if (ec == websocket::error::message_too_big) {
      spdlog::info("ws {}: message over {} bytes, closed with 1009", remote_,
                   options_.max_message_bytes);
    } else if (!is_quiet(ec)) {
      spdlog::debug("ws {} read: {}", remote_, ec.message());
    }
    return finish();
  }
  if (ws_.got_binary()) {
    handler_->on_binary();
  } else {
    const auto data = buffer_.cdata();
    handler_->on_text(std::string_view(static_cast<const char*>(data.data()), data.size()));
  }
  buffer_.consume(buffer_.size());
  do_read();
}

void websocket_session::send(shared_text text) {
  asio::dispatch(
      ws_.get_executor(),
      beast::bind_front_handler(&websocket_session::enqueue, shared_from_this(), std::move(text)));
}

void websocket_session::enqueue(shared_text text) {
  if (closing_ || finished_ || !open_) return;
  // The bound counts what waits behind the frame being written. One message waits whatever
  // its size (a snapshot can be large); more than that past the bound means the client reads
  // slower than its messages arrive.
  const std::size_t waiting = queue_.size() - in_flight_;
  const std::size_t waiting_bytes = queued_bytes_ - in_flight_bytes_;
  if (waiting > 0 && waiting_bytes + text->size() > options_.max_queued_bytes) {
    spdlog::warn("ws {}: {} bytes waiting, client too slow; disconnected", remote_,
                 waiting_bytes + text->size());
    closing_ = true;
    connections_->count_slow_drop();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).socket().close(ignored);
    return;
  }
  queued_bytes_ += text->size();
  queue_.push_back(std::move(text));
  if (in_flight_ == 0) do_write();
}

void websocket_session::do_write() {
  in_flight_ = queue_.size();
  in_flight_bytes_ = queued_bytes_;
  if (in_flight_ == 1) {
    ws_.async_write(asio::buffer(*queue_.front()),
                    beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
    return;
  }
  std::size_t total = 0;
  for (const auto& t : queue_) total += t->size() + 1;
  frame_.clear();
  frame_.reserve(total);
  for (const auto& t : queue_) {
    if (!frame_.empty()) frame_.push_back('\n');
    frame_.append(*t);
  }
  ws_.async_write(asio::buffer(frame_),
                  beast::bind_front_handler(&websocket_session::on_write, shared_from_this()));
}

void websocket_session::on_write(beast::error_code ec, std::size_t) {
  for (std::size_t i = 0; i < in_flight_; ++i) {
    queued_bytes_ -= queue_.front()->size();
    queue_.pop_front();
  }
  in_flight_ = 0;
  in_flight_bytes_ = 0;
  if (ec) {
    if (!is_quiet(ec)) spdlog::debug("ws {} write: {}", remote_, ec.message());
    return;  // the read side notices and finishes
  }
  if (!queue_.empty()) return do_write();
  if (closing_) do_close(close_code_);
}

void websocket_session::close(close_code code) {
  asio::dispatch(ws_.get_executor(), [self = shared_from_this(), code] {
    if (self->closing_ || self->finished_ || !self->open_) return;
    self->closing_ = true;
    self->close_code_ = code;
    if (self->in_flight_ == 0) self->do_close(code);
  });
}

void websocket_session::do_close(close_code code) {
  ws_.async_close(websocket::close_reason(static_cast<std::uint16_t>(code)),
                  beast::bind_front_handler(&websocket_session::on_close, shared_from_this()));
}

void websocket_session::on_close(beast::error_code ec) {
  if (ec && !is_quiet(ec)) spdlog::debug("ws {} close: {}", remote_, ec.message());
}

void websocket_session::finish() {
  if (finished_) return;
  finished_ = true;
  connections_->remove(this);
  if (open_) handler_->on_close();
}

void connection_set::add(const std::shared_ptr<websocket_session>& s) {
  std::lock_guard lock(mutex_);
  sessions_.emplace(s.get(), s);
}

void connection_set::remove(const websocket_session* s) {
  std::lock_guard lock(mutex_);
  sessions_.erase(s);
}

void connection_set::close_all(close_code code) {
  std::vector<std::shared_ptr<websocket_session>> all;
  {
    std::lock_guard lock(mutex_);
    for (auto& [p, w] : sessions_)
      if (auto s = w.lock()) all.push_back(std::move(s));
  }
  for (auto& s : all) s->close(code);
}

std::size_t connection_set::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

}  // namespace rt::net
