// metrics_access.hpp: who may read GET /metrics.
//
// The metrics describe the whole server (connections, commands, errors, memory): they are for
// the machine's own monitoring, not for visitors. A request may read them when
//   - it comes from this machine: its TCP peer is a loopback address (127.0.0.0/8, ::1, or
//     either mapped into IPv6) and it carries no Forwarded, X-Forwarded-For or X-Real-IP
//     header, because a reverse proxy on the same machine connects from loopback on behalf
//     of anyone (those headers are never trusted for an address, only taken as a sign of a
//     proxy); or
//   - a token is configured (--metrics-token) and the request says
//     `Authorization: Bearer TOKEN`, from anywhere (compared in constant time).
// Everyone else gets 403.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace rt::net {

// Whether `address` (as printed by asio: "127.0.0.1", "::1", "::ffff:127.0.0.1") is a
// loopback address. An unreadable address is not.
bool is_loopback_address(std::string_view address);

// Whether `a` equals `b`, in a time that depends only on b's length (b: the secret).
bool equal_in_constant_time(std::string_view a, std::string_view b);

struct metrics_request {
  std::string_view peer_address;   // the TCP peer, never a header
  std::string_view authorization;  // the Authorization header, "" when none
  bool forwarded = false;          // carries Forwarded, X-Forwarded-For or X-Real-IP
};

// The rule above; `token` "" means no token is configured (only this machine may read).
bool may_read_metrics(const metrics_request& r, std::string_view token);

}  // namespace rt::net
