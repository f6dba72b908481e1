// http_server.hpp: the one port that serves the web app, /healthz, /metrics and the
// WebSocket /ws.
//
// Follows Beast's examples: an acceptor whose every connection lives on one thread; an
// http_session reads requests and serves static files from the web root (never a path
// outside it); an upgrade at /ws whose Origin is allowed becomes a websocket_session, which
// reads one message at a time, has one write in flight and a bounded queue behind it.
//
// Thread-safety: all public methods may be called from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "net/client.hpp"
#include "net/io_pool.hpp"

namespace rt::net {

// A request to /api/..., handed to the application.
struct api_request {
  std::string method;         // "GET", "POST", ...
  std::string target;         // path and query
  std::string authorization;  // the Authorization header, "" when none
  std::string content_type;
  std::string idempotency_key;  // the Idempotency-Key header, "" when none
  std::string body;
  std::string peer;  // "address:port" of the client
};

struct api_response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::string filename;  // set: sent as an attachment with this name
};

// Answers an API request; `respond` may be called later, from any thread, exactly once.
using api_handler = std::function<void(api_request, std::function<void(api_response)> respond)>;

struct http_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port
  std::string web_root;       // the built web app (web/dist)
  // Origins allowed to open the WebSocket besides the server's own host, e.g.
  // "https://roundtable.example.org" from --public-url.
  std::vector<std::string> allowed_origins;
  // Only allowed_origins, not the Host the request names (set with --public-url): a page of
  // another site whose name was pointed at this server (DNS rebinding) names it as its Host.
  bool only_allowed_origins = false;
  // WebSocket origins the pages may connect to besides their own, for the CSP's connect-src
  // (e.g. "wss://roundtable.example.org").
  std::vector<std::string> connect_origins;
  std::size_t max_message_bytes = 64 * 1024;
  std::size_t max_api_body_bytes = 4 * 1024 * 1024;  // a roster of 10,000 people fits
  api_handler api;                                   // serves /api/...; none: 404
  std::size_t max_queued_bytes = 4 * 1024 * 1024;
  // A WebSocket that has received nothing for half of this is pinged; one that has received
  // nothing (not even the pong) for all of it is closed. Catches phones that left the Wi-Fi.
  std::chrono::milliseconds ws_idle_timeout{20'000};
  // An upgrade whose WebSocket handshake has not completed by then is closed.
  std::chrono::milliseconds ws_handshake_timeout{30'000};
  // Open connections (HTTP and WebSocket) one address may hold; more are closed at once.
  // 0: no cap. A venue puts everyone behind one address: size it for its crowd.
  std::size_t max_connections_per_address = 0;
  // Extra fields of GET /healthz, as a JSON object's members (e.g. "\"connections\":5").
  std::function<std::string()> health;
  // The body of GET /metrics (Prometheus text format), made at each request; none: 404.
  // Who may read it: metrics_access.hpp (this machine, or anyone with metrics_token).
  std::function<std::string()> metrics;
  std::string metrics_token;  // "": only this machine
};

// What the port has seen since start, for /metrics.
struct http_stats {
  std::uint64_t accepted = 0;             // connections accepted and served
  std::uint64_t refused_per_address = 0;  // closed at once: their address held its cap
  std::uint64_t refused_origin = 0;       // WebSocket upgrades refused for their Origin
  std::uint64_t accept_no_files = 0;      // accepts that failed for want of file descriptors
  std::uint64_t accept_failed = 0;        // accepts that failed otherwise
  std::uint64_t slow_client_drops = 0;    // WebSockets closed because their queue overflowed
  std::size_t open = 0;                   // connections open now (HTTP and WebSocket)
  std::size_t websockets = 0;             // WebSockets open now
};

class http_server {
 public:
  // Binds and listens; throws std::system_error when the address cannot be bound.
  // Accepts on the pool's first context; each connection goes to the next context in turn.
  http_server(io_pool& pool, http_options options, handler_factory factory);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  void start();
  std::uint16_t port() const;
  void stop_accepting();
  // Closes every open WebSocket with `code` after what is queued for it is sent.
  void close_all(close_code code);
  std::size_t connection_count() const;
  // Reads relaxed counters: each value is current, the set is not one instant.
  http_stats stats() const;

  struct state;

 private:
  std::shared_ptr<state> state_;
};

}  // namespace rt::net
