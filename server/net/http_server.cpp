// http_server.cpp: the listener and the HTTP side of a connection (static files, /healthz,
// /metrics, the WebSocket upgrade with its Origin check).
#include "net/http_server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cerrno>
#include <chrono>
#include <mutex>
#include <unordered_map>

#include "net/metrics_access.hpp"
#include "net/static_files.hpp"
#include "net/websocket_session.hpp"

namespace rt::net {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct http_server::state {
  io_pool& pool;
  http_options options;
  handler_factory factory;
  tcp::acceptor acceptor;
  std::shared_ptr<connection_set> connections = std::make_shared<connection_set>();
  std::uint16_t port = 0;
  std::string csp;  // the pages' Content-Security-Policy, made once

  // Open connections, in all and per address (for max_connections_per_address); shared with
  // the connections' slots, which may outlive the server's state.
  struct address_counts {
    std::atomic<std::size_t> total{0};  // every open connection (relaxed)
    std::mutex mutex;
    std::unordered_map<std::string, std::size_t> open;  // guarded by mutex
    std::chrono::steady_clock::time_point last_log{};   // guarded by mutex
  };
  std::shared_ptr<address_counts> per_address = std::make_shared<address_counts>();

  // Counters for /metrics (relaxed; the open connections are in per_address, the slow
  // clients in connections).
  std::atomic<std::uint64_t> accepted{0}, refused_per_address{0}, refused_origin{0},
      accept_no_files{0}, accept_failed{0};

  // A place for a new connection from `address`, held until the connection ends; null when
  // the address already holds max_connections_per_address.
  std::shared_ptr<void> take_slot(const std::string& address) {
    const bool capped = options.max_connections_per_address > 0;
    if (capped) {
      std::lock_guard lock(per_address->mutex);
      auto& n = per_address->open[address];
      if (n >= options.max_connections_per_address) {
        const auto now = std::chrono::steady_clock::now();
        if (now - per_address->last_log > std::chrono::seconds(10)) {
          per_address->last_log = now;
          spdlog::warn("{} holds {} connections (the cap): new ones are closed", address, n);
        }
        return nullptr;
      }
      ++n;
    }
    return std::make_shared<address_slot>(per_address, capped ? address : std::string());
  }

  // Counts one open connection (and, when `a` is not empty, one of that address) while it
  // lives.
  struct address_slot {
    address_slot(std::shared_ptr<address_counts> c, std::string a)
        : counts(std::move(c)), address(std::move(a)) {
      counts->total.fetch_add(1, std::memory_order_relaxed);
    }
    ~address_slot() {
      counts->total.fetch_sub(1, std::memory_order_relaxed);
      if (address.empty()) return;
      std::lock_guard lock(counts->mutex);
      if (auto it = counts->open.find(address); it != counts->open.end() && --it->second == 0) {
        counts->open.erase(it);
      }
    }
    address_slot(const address_slot&) = delete;
    address_slot& operator=(const address_slot&) = delete;
    std::shared_ptr<address_counts> counts;
    std::string address;
  };

  state(io_pool& p, http_options o, handler_factory f)
      : pool(p), options(std::move(o)), factory(std::move(f)), acceptor(p.at(0)) {
    // Pages connect to their own origin ('self' covers its ws: and wss:) and to the public
    // URL's; a <base> may not point elsewhere (the report preview's about:srcdoc is allowed),
    // forms post only here.
    std::string connect = "'self'";
    for (const auto& o : options.connect_origins) connect += " " + o;
    csp = "default-src 'self'; connect-src " + connect +
          "; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; base-uri 'self' about:; "
          "form-action 'self'; frame-ancestors 'none'";
  }
};

namespace {

http::message_generator text_response(const http::request<http::string_body>& req,
                                      http::status status, std::string_view content_type,
                                      std::string body) {
  const bool head = req.method() == http::verb::head;
  const auto size = body.size();
  http::response<http::string_body> res{status, req.version()};
  res.set(http::field::server, "roundtable");
  res.set(http::field::content_type, content_type);
  res.set(http::field::cache_control, "no-store");
  res.set("X-Content-Type-Options", "nosniff");
  res.keep_alive(req.keep_alive());
  if (!head) res.body() = std::move(body);
  res.prepare_payload();
  if (head) res.content_length(size);
  return res;
}

// A file of the web app, in the best representation the client accepts (static_files.hpp),
// with its entity tag; 304 when the client's copy is current. Every answer varies with
// Accept-Encoding, whether or not this file has compressed copies.
http::message_generator serve_static(const http_server::state& st,
                                     const http::request<http::string_body>& req,
                                     std::string_view target) {
  const auto file = resolve_static(st.options.web_root, target);
  if (!file) return text_response(req, http::status::not_found, "text/plain", "Not found\n");
  const auto accept_it = req.find(http::field::accept_encoding);
  const auto accepted = parse_accept_encoding(
      accept_it == req.end() ? std::nullopt
                             : std::optional<std::string_view>(std::string_view(
                                   accept_it->value().data(), accept_it->value().size())));
  const auto encoding = choose_encoding(accepted, !file->br_path.empty(), !file->gzip_path.empty());
  const std::string& path = encoding == content_encoding::br     ? file->br_path
                            : encoding == content_encoding::gzip ? file->gzip_path
                                                                 : file->path;

  beast::error_code ec;
  http::file_body::value_type body;
  body.open(path.c_str(), beast::file_mode::scan, ec);
  const auto etag = entity_tag(path, encoding);
  if (ec || !etag) return text_response(req, http::status::not_found, "text/plain", "Not found\n");

  http::response_header<> head;
  head.set(http::field::server, "roundtable");
  head.set(http::field::content_type, file->content_type);
  head.set(http::field::cache_control, file->cache_control);
  head.set(http::field::etag, *etag);
  head.set(http::field::vary, "Accept-Encoding");
  if (encoding != content_encoding::identity)
    head.set(http::field::content_encoding, name(encoding));
  head.set("X-Content-Type-Options", "nosniff");
  head.set("Referrer-Policy", "no-referrer");
  if (file->content_type.starts_with("text/html")) head.set("Content-Security-Policy", st.csp);

  const auto if_none_match = req.find(http::field::if_none_match);
  const bool not_modified =
      if_none_match != req.end() &&
      none_match_hits(
          std::string_view(if_none_match->value().data(), if_none_match->value().size()), *etag);
  if (not_modified || req.method() == http::verb::head) {
    // No body: 304 carries the validators and caching headers; HEAD those of the GET.
    http::response<http::empty_body> res{
        not_modified ? http::status::not_modified : http::status::ok, req.version()};
    for (const auto& f : head) res.set(f.name_string(), f.value());
    if (not_modified) {
      res.erase(http::field::content_type);
    } else {
      res.content_length(body.size());
    }
    res.keep_alive(req.keep_alive());
    return res;
  }
  const auto size = body.size();
  http::response<http::file_body> res{std::piecewise_construct, std::make_tuple(std::move(body)),
                                      std::make_tuple(http::status::ok, req.version())};
  for (const auto& f : head) res.set(f.name_string(), f.value());
  res.content_length(size);
  res.keep_alive(req.keep_alive());
  return res;
}

http::message_generator handle_request(const http_server::state& st,
                                       const http::request<http::string_body>& req) {
  if (req.method() != http::verb::get && req.method() != http::verb::head) {
    auto res =
        text_response(req, http::status::method_not_allowed, "text/plain", "Method not allowed\n");
    return res;
  }
  const std::string_view target(req.target().data(), req.target().size());
  if (target == "/healthz" || target.starts_with("/healthz?")) {
    std::string body = R"({"status":"ok")";
    if (st.options.health) {
      const std::string extra = st.options.health();
      if (!extra.empty()) body += "," + extra;
    }
    body += "}\n";
    return text_response(req, http::status::ok, "application/json", std::move(body));
  }
  if (target == "/ws") {
    return text_response(req, http::status::upgrade_required, "text/plain",
                         "This address takes WebSocket connections.\n");
  }
  return serve_static(st, req, target);
}

// Whether a browser page at `origin` may open the WebSocket.
bool origin_allowed(const http_server::state& st, const http::request<http::string_body>& req) {
  const auto it = req.find(http::field::origin);
  if (it == req.end()) return true;  // not a browser: nothing to protect against
  const std::string_view origin(it->value().data(), it->value().size());
  const auto host_it = req.find(http::field::host);
  if (host_it != req.end() && !st.options.only_allowed_origins) {
    const std::string host(host_it->value());
    if (origin == "http://" + host || origin == "https://" + host) return true;
  }
  for (const auto& allowed : st.options.allowed_origins) {
    if (origin == allowed) return true;
  }
  return false;
}

class http_session : public std::enable_shared_from_this<http_session> {
 public:
  http_session(tcp::socket&& socket, std::size_t thread_index,
               std::shared_ptr<http_server::state> st, std::shared_ptr<void> slot)
      : stream_(std::move(socket)),
        thread_index_(thread_index),
        st_(std::move(st)),
        slot_(std::move(slot)) {}

  void run() {
    asio::dispatch(stream_.get_executor(),
                   beast::bind_front_handler(&http_session::do_read, shared_from_this()));
  }

 private:
  void do_read() {
    parser_.emplace();
    parser_->body_limit(st_->options.max_api_body_bytes);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&http_session::on_read, shared_from_this()));
  }

  void on_read(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return do_close();
    if (ec) return refuse_malformed(ec);
    auto req = parser_->release();
    if (beast::websocket::is_upgrade(req)) {
      const std::string_view target(req.target().data(), req.target().size());
      if (target != "/ws") {
        return send(text_response(req, http::status::not_found, "text/plain", "Not found\n"));
      }
      if (!origin_allowed(*st_, req)) {
        st_->refused_origin.fetch_add(1, std::memory_order_relaxed);
        spdlog::warn("refused WebSocket from {} with origin {}", remote(),
                     std::string(req[http::field::origin]));
        return send(text_response(req, http::status::forbidden, "text/plain",
                                  "This origin may not connect.\n"));
      }
      stream_.expires_never();
      std::make_shared<websocket_session>(stream_.release_socket(), thread_index_, st_->options,
                                          st_->factory(), st_->connections, slot_)
          ->run(std::move(req));
      return;
    }
    const std::string_view target(req.target().data(), req.target().size());
    if (target.starts_with("/api/") && st_->options.api) return call_api(std::move(req));
    if (st_->options.metrics && (target == "/metrics" || target.starts_with("/metrics?"))) {
      return send(metrics_response(req));
    }
    send(handle_request(*st_, req));
  }

  // GET /metrics, for this machine or the holder of the metrics token (metrics_access.hpp).
  http::message_generator metrics_response(const http::request<http::string_body>& req) {
    if (req.method() != http::verb::get && req.method() != http::verb::head) {
      return text_response(req, http::status::method_not_allowed, "text/plain",
                           "Method not allowed\n");
    }
    const std::string peer = remote();
    const auto auth = req[http::field::authorization];
    metrics_request m;
    m.peer_address = peer;
    m.authorization = std::string_view(auth.data(), auth.size());
    m.forwarded = req.find("Forwarded") != req.end() || req.find("X-Forwarded-For") != req.end() ||
                  req.find("X-Real-IP") != req.end();
    if (!may_read_metrics(m, st_->options.metrics_token)) {
      spdlog::debug("refused /metrics to {}", peer);
      return text_response(req, http::status::forbidden, "text/plain",
                           "Metrics are served to this machine only, or with the metrics token.\n");
    }
    return text_response(req, http::status::ok, "text/plain; version=0.0.4; charset=utf-8",
                         st_->options.metrics());
  }

  void call_api(http::request<http::string_body> req) {
    api_request a;
    a.method = std::string(req.method_string());
    a.target = std::string(req.target());
    a.authorization = std::string(req[http::field::authorization]);
    a.content_type = std::string(req[http::field::content_type]);
    a.idempotency_key = std::string(req["Idempotency-Key"]);
    a.body = std::move(req.body());
    a.peer = remote();
    const unsigned version = req.version();
    const bool keep_alive = req.keep_alive();
    auto self = shared_from_this();
    st_->options.api(std::move(a), [self, version, keep_alive](api_response r) {
      asio::post(self->stream_.get_executor(), [self, version, keep_alive, r = std::move(r)] {
        http::response<http::string_body> res{static_cast<http::status>(r.status), version};
        res.set(http::field::server, "roundtable");
        res.set(http::field::content_type, r.content_type);
        res.set(http::field::cache_control, "no-store");
        res.set("X-Content-Type-Options", "nosniff");
        if (!r.filename.empty()) {
          res.set(http::field::content_disposition, "attachment; filename=\"" + r.filename + "\"");
        }
        res.keep_alive(keep_alive);
        res.body() = r.body;
        res.prepare_payload();
        self->send(std::move(res));
      });
    });
  }

  // A request that could not be read: answered (400, 413 or 431) and the connection closed
  // when it is malformed or too large; just closed on a timeout or a reset.
  void refuse_malformed(beast::error_code ec) {
    http::status status;
    if (ec == http::error::body_limit) {
      status = http::status::payload_too_large;
    } else if (ec == http::error::header_limit || ec == http::error::buffer_overflow) {
      status = http::status::request_header_fields_too_large;
    } else if (ec.category() == beast::http::make_error_code(http::error::bad_method).category() &&
               ec != http::error::partial_message && ec != http::error::short_read &&
               ec != http::error::need_more) {
      status = http::status::bad_request;
    } else {
      return;  // a timeout or a reset: nobody to answer
    }
    http::response<http::string_body> res{status, 11};
    res.set(http::field::server, "roundtable");
    res.set(http::field::content_type, "text/plain");
    res.set(http::field::connection, "close");
    res.body() = std::string(http::obsolete_reason(status)) + "\n";
    res.keep_alive(false);
    res.prepare_payload();
    send(std::move(res));
  }

  void send(http::message_generator&& msg) {
    const bool keep_alive = msg.keep_alive();
    beast::async_write(
        stream_, std::move(msg),
        beast::bind_front_handler(&http_session::on_write, shared_from_this(), keep_alive));
  }

  void on_write(bool keep_alive, beast::error_code ec, std::size_t) {
    if (ec) return;
    if (!keep_alive) return do_close();
    do_read();
  }

  void do_close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  std::string remote() const {
    beast::error_code ec;
    const auto ep = stream_.socket().remote_endpoint(ec);
    return ec ? "?" : ep.address().to_string();
  }

  beast::tcp_stream stream_;
  const std::size_t thread_index_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<http_server::state> st_;
  std::shared_ptr<void> slot_;  // this connection's place in its address's count
};

class listener : public std::enable_shared_from_this<listener> {
 public:
  explicit listener(std::shared_ptr<http_server::state> st)
      : st_(std::move(st)), retry_(st_->acceptor.get_executor()) {}

  void do_accept() {
    next_thread_ = st_->pool.next_index();
    st_->acceptor.async_accept(st_->pool.at(next_thread_),
                               beast::bind_front_handler(&listener::on_accept, shared_from_this()));
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !st_->acceptor.is_open()) return;
    if (ec) {
      // Out of file descriptors or similar: wait a little instead of spinning.
      const bool no_files = ec == asio::error::no_descriptors || ec.value() == ENFILE;
      auto& failures = no_files ? st_->accept_no_files : st_->accept_failed;
      failures.fetch_add(1, std::memory_order_relaxed);
      spdlog::warn("accept: {}", ec.message());
      retry_.expires_after(std::chrono::milliseconds(100));
      retry_.async_wait([self = shared_from_this()](beast::error_code e) {
        if (!e) self->do_accept();
      });
      return;
    }
    const auto peer = socket.remote_endpoint(ec);
    auto slot = ec ? nullptr : st_->take_slot(peer.address().to_string());
    if (!slot) {  // over the cap (or already gone): closed at once, accepting goes on
      st_->refused_per_address.fetch_add(1, std::memory_order_relaxed);
      socket.close(ec);
      return do_accept();
    }
    st_->accepted.fetch_add(1, std::memory_order_relaxed);
    socket.set_option(tcp::no_delay(true), ec);
    std::make_shared<http_session>(std::move(socket), next_thread_, st_, std::move(slot))->run();
    do_accept();
  }

  std::shared_ptr<http_server::state> st_;
  asio::steady_timer retry_;
  std::size_t next_thread_ = 0;  // the thread of the connection being accepted
};

}  // namespace

http_server::http_server(io_pool& pool, http_options options, handler_factory factory)
    : state_(std::make_shared<state>(pool, std::move(options), std::move(factory))) {
  auto& a = state_->acceptor;
  const tcp::endpoint ep(asio::ip::make_address(state_->options.host), state_->options.port);
  a.open(ep.protocol());
  a.set_option(asio::socket_base::reuse_address(true));
  a.bind(ep);
  a.listen(asio::socket_base::max_listen_connections);
  state_->port = a.local_endpoint().port();
}

http_server::~http_server() = default;

void http_server::start() { std::make_shared<listener>(state_)->do_accept(); }

std::uint16_t http_server::port() const { return state_->port; }

void http_server::stop_accepting() {
  asio::post(state_->acceptor.get_executor(), [st = state_] {
    beast::error_code ec;
    st->acceptor.close(ec);
  });
}

void http_server::close_all(close_code code) { state_->connections->close_all(code); }

std::size_t http_server::connection_count() const { return state_->connections->size(); }

http_stats http_server::stats() const {
  const auto& st = *state_;
  constexpr auto relaxed = std::memory_order_relaxed;
  http_stats s;
  s.accepted = st.accepted.load(relaxed);
  s.refused_per_address = st.refused_per_address.load(relaxed);
  s.refused_origin = st.refused_origin.load(relaxed);
  s.accept_no_files = st.accept_no_files.load(relaxed);
  s.accept_failed = st.accept_failed.load(relaxed);
  s.slow_client_drops = st.connections->slow_drops();
  s.open = st.per_address->total.load(relaxed);
  s.websockets = st.connections->size();
  return s;
}

}  // namespace rt::net
