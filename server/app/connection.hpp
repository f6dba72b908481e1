// connection.hpp: the application's side of one WebSocket connection.
//
// Parses each frame into a typed command, limits the command rate, answers keep-alive pings
// itself, keeps who the connection is (nobody, a member of one event, and/or the admin) and
// routes each command: identity and event commands to the event's room, admin commands to the
// hub.
// Thread-safety: called by the network layer on the connection's strand only. Completions
// from the writer thread touch only the shared atomics and the client (thread-safe).
#pragma once

#include <atomic>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "app/event_room.hpp"
#include "app/hub.hpp"
#include "net/client.hpp"

namespace rt::app {

struct connection_options {
  double max_commands_per_second = 20;  // burst: twice that
  // A connection that has not said hello, join or auth_admin this long after opening is
  // closed (1008): silent sockets must not hold the server's file descriptors.
  std::chrono::milliseconds identify_within{10'000};
  // The same after a successful event_info: the join form is being filled in.
  std::chrono::milliseconds join_form_within{15 * 60'000};
};

class connection : public net::handler {
 public:
  connection(hub& h, const connection_options& options);

  void on_open(const std::shared_ptr<net::client>& self) override;
  void on_text(std::string_view text) override;
  void on_binary() override;
  void on_close() override;

 private:
  bool take_token();
  // Whether `text` is a keep-alive ping that may be answered without a token: at most one a
  // second, so a flood of pings is throttled like any other flood.
  bool free_keep_alive(std::string_view text);
  void arm_identify_deadline(std::chrono::milliseconds within);
  void reply(std::string text);
  void refuse(const std::optional<std::string>& id, std::string_view what, const domain::error& e);
  // Routes a command by its type (exhaustive: every alternative of protocol::command_body has
  // an overload below, or this does not compile).
  void handle(protocol::command cmd);
  using client_ptr = std::shared_ptr<net::client>;
  void route(const client_ptr& self, const std::string& id, protocol::join_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::hello_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::event_info_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::auth_admin_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::create_event_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::list_events_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::delete_event_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::set_retention_cmd& c);
  void route(const client_ptr& self, const std::string& id, protocol::set_language_cmd& c);
  // Every room command: to this connection's event, checked there by its domain handler.
  template <class T>
  requires protocol::is_alternative_v<T, protocol::room_command>
  void route(const client_ptr& self, const std::string& id, T& c);
  // Every section command: to this connection's event's section side.
  template <class T>
  requires protocol::is_alternative_v<T, protocol::section_command>
  void route(const client_ptr& self, const std::string& id, T& c);
  // Whether the connection has a member of an event; refuses the command with not_joined if not.
  bool joined(const std::string& id, std::string_view what);
  std::shared_ptr<event_room> room_of_code(const std::string& typed) const;

  hub& hub_;
  const connection_options& options_;
  std::weak_ptr<net::client> self_;
  std::string remote_;
  std::shared_ptr<event_room> room_;
  std::shared_ptr<identity> who_ = std::make_shared<identity>();
  std::shared_ptr<std::atomic<bool>> admin_ = std::make_shared<std::atomic<bool>>(false);
  double tokens_;
  std::chrono::steady_clock::time_point refilled_;
  int refused_in_a_row_ = 0;
  std::chrono::steady_clock::time_point last_free_ping_{};
  std::shared_ptr<boost::asio::steady_timer> identify_timer_;  // cancelled on close
};

// The factory the network layer calls for each new connection.
net::handler_factory make_connection_factory(hub& h, const connection_options& options);

}  // namespace rt::app
