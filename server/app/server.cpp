// server.cpp: start-up, the io_context threads and the orderly shutdown.
#include "server.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <sys/resource.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <latch>
#include <system_error>
#include <thread>

#include "app/api.hpp"
#include "app/clock.hpp"
#include "app/connection.hpp"
#include "app/hub.hpp"
#include "app/loading.hpp"
#include "app/metrics.hpp"
#include "app/secrets.hpp"
#include "net/http_server.hpp"
#include "net/io_pool.hpp"
#include "protocol/messages.hpp"
#include "storage/store.hpp"
#include "storage/writer.hpp"

namespace rt::app {

namespace {

bool has_admin(storage::store& s) {
  storage::statement q(s.db(), "SELECT count(*) FROM admin_secrets");
  q.step();
  return q.column_int(0) > 0;
}

std::string admin_url(const std::string& base, const std::string& secret) {
  return base + "/admin#k=" + secret;
}

// The origin (scheme://host[:port]) of a URL such as "https://ideas.example.org/day/".
std::string origin_of(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

// Every connection is a file descriptor: the default soft limit (often 1,024) would turn
// visitors away long before the machine is busy. Raised to the hard limit, and logged.
void raise_open_files_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return spdlog::warn("open files limit: unknown");
  const rlim_t before = lim.rlim_cur;
  if (lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &lim) != 0) {
      return spdlog::warn("open files limit: {} (could not raise it to {})", before, lim.rlim_max);
    }
  }
  spdlog::info("open files limit: {} (was {}, hard limit {})", lim.rlim_cur, before, lim.rlim_max);
}

// The first start's admin link, or how to get a fresh one.
void print_admin_hint(const std::string& base, const std::string& secret, const std::string& db) {
  if (!secret.empty()) {
    std::cout << "Admin link: " << admin_url(base, secret) << std::endl;
  } else {
    std::cout << "Admin link: run `roundtable admin-link --db " << db << "` for a fresh one"
              << std::endl;
  }
}

}  // namespace

std::string base_url(const std::string& host, std::uint16_t port, const std::string& public_url) {
  if (!public_url.empty()) {
    std::string u = public_url;
    while (!u.empty() && u.back() == '/') u.pop_back();
    return u;
  }
  const std::string h = (host == "0.0.0.0" || host == "::")   ? "localhost"
                        : host.find(':') != std::string::npos ? "[" + host + "]"
                                                              : host;
  return "http://" + h + ":" + std::to_string(port);
}

int print_admin_link(const std::string& db, const std::string& base) {
  std::error_code missing;  // not found, or not reachable (std::filesystem would throw)
  if (!std::filesystem::exists(db, missing)) {
    std::cerr << "roundtable: no database at " << db
              << (missing ? " (" + missing.message() + ")" : " (start `roundtable serve` first)")
              << "\n";
    return 1;
  }
  try {
    storage::store s(db);
    const std::string secret = random_secret();
    s.add_admin_secret(sha256_hex(secret), wall_ms());
    std::cout << "Admin link: " << admin_url(base, secret) << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "roundtable: " << e.what() << "\n";
    return 1;
  }
}

namespace {

// Sections come back from the database with a short window: after a restart most are idle
// (a finished day, a break), and a window grows back to --section-window as people type; a
// push made on an older version reads what it needs from SQLite (event_room's read-back).
std::size_t load_window(const server_options& o) {
  constexpr std::size_t at_start = 64;
  return std::min(o.section_window, at_start);
}

room_options make_room_options(const server_options& o, asio::thread_pool& background) {
  room_options rooms;
  rooms.section_limits.max_chars = o.max_section_chars;
  rooms.section_limits.window = o.section_window;
  rooms.join_burst = o.max_joins_per_address;
  rooms.background = [&background](std::function<void()> work) {
    asio::post(background, std::move(work));
  };
  return rooms;
}

void warn_if_no_web_app(const std::string& web_root) {
  std::error_code unreadable;  // warned about like a missing app, instead of thrown
  if (!std::filesystem::exists(std::filesystem::path(web_root) / "index.html", unreadable)) {
    spdlog::warn("no web app at {} (build it with `npm run build` in web/)", web_root);
  }
}

}  // namespace

int serve(const server_options& o) {
  spdlog::set_default_logger(spdlog::stderr_color_mt("roundtable"));
  spdlog::set_level(spdlog::level::from_str(o.log_level));
  raise_open_files_limit();

  std::unique_ptr<storage::store> store;
  std::string first_admin_secret;
  try {
    const auto parent = std::filesystem::path(o.db).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    store = std::make_unique<storage::store>(o.db);
    if (!has_admin(*store)) {
      first_admin_secret = random_secret();
      store->add_admin_secret(sha256_hex(first_admin_secret), wall_ms());
    }
  } catch (const std::exception& e) {
    std::cerr << "roundtable: " << e.what() << "\n";
    return 1;
  }
  warn_if_no_web_app(o.web_root);

  std::vector<storage::loaded_event> events;
  std::optional<std::string> retention;  // the admin's period, read before the writer starts
  try {
    window_loader sections(load_window(o));
    events = store->load_events(&sections);
    retention = store->setting("retention_days");
  } catch (const std::exception& e) {
    std::cerr << "roundtable: cannot load the database: " << e.what() << "\n";
    return 1;
  }

  const unsigned threads =
      o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  net::io_pool pool(threads);
  storage::writer writer(*store, metrics::observe_batch);
  // One thread for the work that would hold up a room: moderators' suggestions.
  asio::thread_pool background(1);
  const room_options rooms = make_room_options(o, background);
  protocol::configure_limits(o.max_section_chars);  // before any connection
  hub events_hub(pool, writer, rooms, o.db);
  const std::size_t event_count = events.size();
  events_hub.load(std::move(events));
  events_hub.start_retention(retention, std::chrono::milliseconds(o.retention_check_ms));

  connection_options conn_options;
  conn_options.max_commands_per_second = o.max_commands_per_second;
  conn_options.identify_within = std::chrono::milliseconds(o.identify_within_ms);
  net::http_options http;
  http.host = o.host;
  http.port = o.port;
  http.web_root = o.web_root;
  http.max_queued_bytes = o.max_client_queue_kib * 1024;
  http.ws_idle_timeout = std::chrono::milliseconds(o.ws_idle_timeout_ms);
  http.max_connections_per_address = o.max_connections_per_address;
  http.api = make_api(events_hub);
  if (!o.public_url.empty()) {
    // Only the public origin may open the WebSocket (no DNS rebinding through the Host).
    const std::string origin = origin_of(base_url(o.host, o.port, o.public_url));
    http.allowed_origins.push_back(origin);
    http.only_allowed_origins = true;
    if (origin.starts_with("https://")) http.connect_origins.push_back("wss://" + origin.substr(8));
    if (origin.starts_with("http://")) http.connect_origins.push_back("ws://" + origin.substr(7));
  }
  std::unique_ptr<net::http_server> server;
  http.health = [&] {
    return "\"events\":" + std::to_string(events_hub.rooms().size()) +
           ",\"connections\":" + std::to_string(server ? server->connection_count() : 0);
  };
  http.metrics = [&] {
    return metrics::render(metrics::collect(events_hub, server.get(), writer));
  };
  http.metrics_token = o.metrics_token;
  try {
    server = std::make_unique<net::http_server>(pool, http,
                                                make_connection_factory(events_hub, conn_options));
  } catch (const std::exception& e) {
    std::cerr << "roundtable: cannot listen on " << o.host << ":" << o.port << ": " << e.what()
              << "\n";
    return 1;
  }
  server->start();
  const std::string base = base_url(o.host, server->port(), o.public_url);
  std::cout << "Roundtable listening on http://"
            << (o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host) << ":"
            << server->port() << std::endl;
  print_admin_hint(base, first_admin_secret, o.db);
  spdlog::info("{} events loaded from {}; {} threads", event_count, o.db, threads);

  std::thread stopper;
  boost::asio::signal_set signals(pool.at(0), SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    spdlog::info("signal {}: stopping", sig);
    server->stop_accepting();
    events_hub.begin_shutdown();
    stopper = std::thread([&] {
      writer.stop();  // commits everything queued; completions are posted to the rooms
      const auto rooms = events_hub.rooms();
      std::latch flushed(static_cast<std::ptrdiff_t>(rooms.size()));
      for (const auto& r : rooms) r->flush([&flushed] { flushed.count_down(); });
      flushed.wait();  // every ack is queued on its connection
      server->close_all(net::close_code::going_away);
      const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
      while (server->connection_count() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      pool.stop();
    });
  });

  pool.run();  // until the shutdown sequence stops it
  if (stopper.joinable()) stopper.join();
  writer.stop();
  events_hub.release_clients();  // no thread runs now
  spdlog::info("stopped; {} batches committed", writer.batches());
  return 0;
}

}  // namespace rt::app
