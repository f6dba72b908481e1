// store.cpp: opening and migrating the database, transactions, the answers kept for retries
// and admin secrets (store.hpp). Loading is in store_load.cpp, writing changes in
// store_write.cpp.
#include "store.hpp"

#include "storage/store_statements.hpp"

namespace rt::storage {

using domain::id_type;

store::store(const std::string& path) : db_(path) {
  db_.exec("PRAGMA journal_mode=WAL");
  db_.exec("PRAGMA synchronous=FULL");
  db_.exec("PRAGMA foreign_keys=ON");
  // Deleted and overwritten content is zeroed, so that an erased member's data or a deleted
  // event does not linger in free space (the WAL's old pages go with a checkpoint).
  db_.exec("PRAGMA secure_delete=ON");
  migrate();
  st_ = std::make_unique<statements>(db_);
}

store::~store() = default;

int store::latest_version() { return migrations().empty() ? 0 : migrations().back().version; }

int store::schema_version() {
  statement s(db_, "PRAGMA user_version");
  s.step();
  return static_cast<int>(s.column_int(0));
}

void store::migrate() {
  const int have = schema_version();
  const int latest = latest_version();
  if (have > latest) {
    throw storage_error("the database has schema version " + std::to_string(have) +
                        ", newer than this roundtable binary knows (" + std::to_string(latest) +
                        "); use a newer roundtable or another database");
  }
  for (const auto& m : migrations()) {
    if (m.version <= have) continue;
    db_.exec("BEGIN IMMEDIATE");
    try {
      db_.exec(m.sql);
      db_.exec("PRAGMA user_version = " + std::to_string(m.version));
      db_.exec("COMMIT");
    } catch (const sqlite_error& e) {
      db_.exec("ROLLBACK");
      throw storage_error("migration " + std::string(m.name) + " failed: " + e.what());
    }
  }
}

void store::begin() { st_->begin.run(); }
void store::commit() { st_->commit.run(); }
void store::rollback() { st_->rollback.run(); }
void store::savepoint() { st_->savepoint.run(); }
void store::release() { st_->release.run(); }
void store::rollback_to() { st_->rollback_to.run(); }

void store::append_section_updates(id_type event_id, const std::vector<stored_update>& updates) {
  auto& s = st_->insert_section_update;
  for (const auto& u : updates) {
    s.bind(1, event_id).bind(2, u.proposal).bind(3, std::int64_t{u.section}).bind(4, u.version);
    s.bind(5, u.client_id).bind(6, u.member).bind(7, u.changes).bind(8, u.at);
    s.bind(9, std::int64_t{u.continues}).run();
  }
}

void store::record_command(id_type event_id, id_type member_id, std::string_view command_id,
                           std::string_view answer, domain::millis at) {
  auto& s = st_->insert_command;
  s.bind(1, event_id).bind(2, member_id).bind(3, command_id).bind(4, answer).bind(5, at);
  s.run();
}

void store::add_admin_secret(std::string_view hash, domain::millis at) {
  statement s(db_, "INSERT INTO admin_secrets (hash, created_at) VALUES (?1, ?2)");
  s.bind(1, hash).bind(2, at).run();
}

bool is_admin_secret_at(const std::string& path, std::string_view hash) {
  database db(path, true);
  statement s(db, "SELECT 1 FROM admin_secrets WHERE hash = ?1");
  s.bind(1, hash);
  return s.step();
}

bool store::is_admin_secret(std::string_view hash) {
  statement s(db_, "SELECT 1 FROM admin_secrets WHERE hash = ?1");
  s.bind(1, hash);
  return s.step();
}

void store::record_export(id_type event_id, domain::seq_type seq) {
  statement s(db_, "UPDATE events SET exported_seq = ?2 WHERE id = ?1");
  s.bind(1, event_id).bind(2, seq).run();
  expect_one_row("event", event_id, event_id);
}

void store::delete_event(id_type event_id) {
  // The change log lets go of the event's entries only while it is marked (013).
  statement mark(db_, "UPDATE events SET deleting = 1 WHERE id = ?1");
  mark.bind(1, event_id).run();
  expect_one_row("event", event_id, event_id);
  // Children before parents (foreign keys are on); every table that holds an event's rows.
  for (const char* table :
       {"report_entries", "report_chapters", "reports", "comments", "section_updates",
        "proposal_team", "proposal_ideas", "proposals", "template_sections", "votes", "round_items",
        "round_voter_tracks", "vote_rounds", "announcements", "commands", "changes", "phases",
        "event_groups"}) {
    statement s(db_, std::string("DELETE FROM ") + table + " WHERE event_id = ?1");
    s.bind(1, event_id).run();
  }
  // Ideas, members, clusters and tables refer to each other: lift those references first.
  for (const char* sql :
       {"UPDATE ideas SET merged_into = NULL, cluster_id = NULL WHERE event_id = ?1",
        "UPDATE members SET table_id = NULL WHERE event_id = ?1"}) {
    statement s(db_, sql);
    s.bind(1, event_id).run();
  }
  for (const char* table : {"idea_supports", "dismissed_duplicates", "ideas", "clusters",
                            "event_tables", "members", "tracks"}) {
    statement s(db_, std::string("DELETE FROM ") + table + " WHERE event_id = ?1");
    s.bind(1, event_id).run();
  }
  statement e(db_, "DELETE FROM events WHERE id = ?1");
  e.bind(1, event_id).run();
  expect_one_row("event", event_id, event_id);
  ask_checkpoint();
}

std::optional<std::string> store::setting(std::string_view key) {
  statement s(db_, "SELECT value FROM settings WHERE key = ?1");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return s.column_text(0);
}

void store::set_setting(std::string_view key, const std::optional<std::string>& value) {
  if (!value) {
    statement s(db_, "DELETE FROM settings WHERE key = ?1");
    s.bind(1, key).run();
    return;
  }
  statement s(db_,
              "INSERT INTO settings (key, value) VALUES (?1, ?2) "
              "ON CONFLICT (key) DO UPDATE SET value = ?2");
  s.bind(1, key).bind(2, *value).run();
}

bool store::checkpoint_if_asked() {
  if (!checkpoint_asked_) return true;
  try {
    statement s(db_, "PRAGMA wal_checkpoint(TRUNCATE)");
    // One row: busy (1 when a reader or writer kept it from completing), log, checkpointed.
    const bool done = s.step() && s.column_int(0) == 0;
    if (done) checkpoint_asked_ = false;
    return done;
  } catch (const sqlite_error&) {
    return false;
  }
}

}  // namespace rt::storage
