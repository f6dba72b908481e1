// main.cpp: the `roundtable` command line.
#include <CLI/CLI.hpp>

#include "app/backup.hpp"
#include "app/export.hpp"
#include "app/server.hpp"

int main(int argc, char** argv) {
  CLI::App cli{"Roundtable: a facilitated ideation hackathon, from the first idea to the report"};
  cli.set_version_flag("--version", std::string("roundtable 0.1.0"));
  cli.require_subcommand(1);

  rt::app::server_options o;
  auto* serve = cli.add_subcommand("serve", "Run the server (creates the database on first start)");
  serve->add_option("--host", o.host, "Address to listen on")->capture_default_str();
  serve->add_option("--port", o.port, "Port to listen on (0: any free port)")
      ->capture_default_str();
  serve->add_option("--db", o.db, "SQLite database file")->capture_default_str();
  serve->add_option("--web-root", o.web_root, "The built web app (web/dist)")
      ->capture_default_str();
  serve->add_option("--threads", o.threads, "Network threads (0: one per core)")
      ->capture_default_str();
  serve->add_option("--log-level", o.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  serve->add_option("--public-url", o.public_url,
                    "The address people open, e.g. https://ideas.example.org (for links and the "
                    "WebSocket origin check)");
  serve
      ->add_option("--max-commands-per-second", o.max_commands_per_second,
                   "Commands one connection may send per second (bursts of twice that)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  serve
      ->add_option("--max-client-queue-kib", o.max_client_queue_kib,
                   "Output queued for one connection before it counts as too slow and is "
                   "dropped (it reconnects and resumes)")
      ->check(CLI::Range(16, 1 << 20))
      ->capture_default_str();
  serve
      ->add_option("--max-connections-per-address", o.max_connections_per_address,
                   "Open connections one address may hold (0: no cap); a venue puts everyone "
                   "behind one address, so allow a few per person")
      ->capture_default_str();
  serve
      ->add_option("--max-joins-per-address", o.max_joins_per_address,
                   "People one address may sign up at once, then one a second; an event takes "
                   "three times that at once, then five a second (0: no limit)")
      ->capture_default_str();
  serve
      ->add_option("--identify-within-ms", o.identify_within_ms,
                   "A connection that has not said hello, join or auth_admin by then is closed")
      ->check(CLI::Range(100, 3'600'000))
      ->capture_default_str();
  serve
      ->add_option("--ws-idle-timeout-ms", o.ws_idle_timeout_ms,
                   "A WebSocket silent for half of this is pinged; one silent for all of it is "
                   "dropped (its client reconnects and resumes)")
      ->check(CLI::Range(500, 3'600'000))
      ->capture_default_str();
  serve
      ->add_option("--max-section-chars", o.max_section_chars,
                   "Characters one section of a proposal may hold")
      ->check(CLI::Range(1000, 1'000'000))
      ->capture_default_str();
  serve
      ->add_option("--section-window", o.section_window,
                   "Recent updates of each section kept in memory (older ones are read back "
                   "from the database)")
      ->check(CLI::Range(1, 10'000'000))
      ->capture_default_str();

  serve
      ->add_option("--retention-check-ms", o.retention_check_ms,
                   "How often closed events are checked against the retention period")
      ->check(CLI::Range(100, 86'400'000))
      ->capture_default_str();

  serve
      ->add_option("--metrics-token", o.metrics_token,
                   "Lets other machines read /metrics with `Authorization: Bearer TOKEN` (at "
                   "least 16 characters); without it only this machine may")
      ->envname("ROUNDTABLE_METRICS_TOKEN")
      ->check([](const std::string& t) {
        return t.size() >= 16 ? std::string() : std::string("at least 16 characters");
      });

  std::string link_db = o.db, link_host = o.host, link_url;
  std::uint16_t link_port = o.port;
  auto* link =
      cli.add_subcommand("admin-link", "Print a fresh admin link for an existing database");
  link->add_option("--db", link_db, "SQLite database file")->capture_default_str();
  link->add_option("--host", link_host, "The server's address, for the link")
      ->capture_default_str();
  link->add_option("--port", link_port, "The server's port, for the link")->capture_default_str();
  link->add_option("--public-url", link_url, "The address people open");

  std::string export_db = o.db, export_code, export_format, export_out;
  auto* exp = cli.add_subcommand("export",
                                 "Write an event's report or data files from a database "
                                 "(the server may be stopped)");
  exp->add_option("--db", export_db, "SQLite database file")->capture_default_str();
  exp->add_option("--event", export_code, "The event's join code")->required();
  exp->add_option("--format", export_format, "md, html, docx, json, or csv (three files)")
      ->required()
      ->check(CLI::IsMember({"md", "html", "docx", "json", "csv"}));
  exp->add_option("--out", export_out, "The file to write (for csv: a folder)")->required();

  std::string backup_db = o.db, backup_out;
  bool backup_force = false;
  auto* bak = cli.add_subcommand("backup",
                                 "Copy a database, consistent and checked, also while "
                                 "the server runs on it");
  bak->add_option("--db", backup_db, "SQLite database file")->capture_default_str();
  bak->add_option("--out", backup_out, "The copy to write")->required();
  bak->add_flag("--force", backup_force, "Replace --out if it exists");

  CLI11_PARSE(cli, argc, argv);
  if (*bak) return rt::app::backup_command(backup_db, backup_out, backup_force);
  if (*exp) return rt::app::export_command(export_db, export_code, export_format, export_out);
  if (*serve) return rt::app::serve(o);
  if (*link) {
    return rt::app::print_admin_link(link_db, rt::app::base_url(link_host, link_port, link_url));
  }
  return 1;
}
