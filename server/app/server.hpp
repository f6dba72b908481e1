// server.hpp: the `serve` and `admin-link` commands: wiring of storage, rooms and network.
//
// serve() opens (or creates) the database, loads every event, starts the writer thread, the
// io_context threads and the HTTP/WebSocket port, and runs until SIGINT or SIGTERM. Then it
// stops accepting, refuses new commands, commits and acknowledges what is in flight, closes
// every WebSocket with 1001 and returns.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace rt::app {

struct server_options {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string db = "data/roundtable.db";
  std::string web_root = "web/dist";
  unsigned threads = 0;    // 0: one per core
  std::string public_url;  // e.g. https://ideas.example.org, for links and the Origin check
  std::string log_level = "info";
  double max_commands_per_second = 20;
  std::size_t max_client_queue_kib = 4096;  // queued output per connection before it is dropped
  std::size_t max_section_chars = 20'000;   // one proposal section's text, in UTF-16 units
  std::size_t section_window = 1000;        // recent updates per section kept in memory
  std::size_t max_connections_per_address = 1000;  // 0: no cap
  std::size_t max_joins_per_address = 100;         // at once, then one a second; 0: no limit
  unsigned identify_within_ms = 10'000;  // a connection must say hello/join/auth_admin by then
  unsigned ws_idle_timeout_ms = 20'000;  // a WebSocket silent this long is dropped (pinged at half)
  std::string metrics_token;             // lets other machines read /metrics; "": this machine only
  unsigned retention_check_ms = 3'600'000;  // how often events are checked for deletion
};

// Returns the process exit code.
int serve(const server_options& options);

// Adds a fresh admin secret to the database and prints its link. Returns the exit code.
int print_admin_link(const std::string& db, const std::string& base_url);

// The address people use: --public-url, or http://host:port (localhost for a wildcard host).
std::string base_url(const std::string& host, std::uint16_t port, const std::string& public_url);

}  // namespace rt::app
