// store.hpp: Roundtable's database: schema migrations, loading events, writing changes.
//
// A store owns one SQLite connection in WAL mode with foreign keys on and synchronous=FULL.
// Opening applies the numbered migrations of schema/ (compiled into the binary) and records the
// version in PRAGMA user_version; a database newer than the binary is refused.
// Failures throw: `sqlite_error` from SQLite, `storage_error` for the rest.
// Thread-safety: one thread at a time (the server's writer thread).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/agenda.hpp"
#include "domain/collab.hpp"
#include "domain/model.hpp"
#include "domain/voting.hpp"
#include "storage/sqlite.hpp"

namespace rt::storage {

class storage_error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct migration {
  int version;            // from the file name: 001_init.sql is version 1
  std::string_view name;  // the file name
  std::string_view sql;
};
// The migrations of schema/, in order (generated at build time).
const std::vector<migration>& migrations();

// An applied command's answer, kept so that a retry is answered and not applied twice.
struct command_record {
  domain::id_type member = 0;
  std::string command_id;
  std::string answer;
};

// One accepted update of a section as stored: its ChangeSet as JSON text (the storage layer
// does not read it; the server parses it when it loads the event).
struct stored_update {
  domain::id_type proposal = 0;
  int section = 0;
  std::int64_t version = 0;  // the section's version after it: 1, 2, ...
  std::string client_id;
  domain::id_type member = 0;
  std::string changes;
  domain::millis at = 0;
  bool continues = false;  // continues its editor's run (collab.hpp, late_goes_first)
};

// A section rebuilt while its event loaded (section_consumer).
struct loaded_section {
  domain::id_type proposal = 0;
  int section = 0;
  domain::section_doc doc;
};

struct loaded_event;

// Receives an event's stored section updates one at a time while load_events() reads them, in
// order (proposal, section, version), instead of loaded_event::section_updates holding them
// all; it may fill loaded_event::sections. Its exceptions propagate out of load_events().
class section_consumer {
 public:
  virtual ~section_consumer() = default;
  virtual void add(loaded_event& e, stored_update&& u) = 0;
  virtual void done(loaded_event& e) = 0;  // after the event's last update
};

struct loaded_event {
  domain::event_info info;
  std::vector<domain::member> members;  // removed ones too, flagged (only their ids are kept)
  std::vector<domain::idea> ideas;      // deleted ones too, flagged; with their supporters
  domain::seq_type seq = 0;
  std::vector<command_record> commands;  // the most recent per member, oldest first
  std::vector<domain::phase> agenda;     // the default agenda when none was set
  domain::timer_state timer;
  domain::pacing_state pacing;
  std::vector<domain::announcement> announcements;  // the ones up
  domain::id_type last_announcement_id = 0;         // also of those taken down
  domain::screen_state screen;
  std::vector<domain::cluster> clusters;  // the ones that exist
  std::vector<domain::table> tables;
  std::vector<std::pair<domain::vote_round, std::map<domain::id_type, domain::ballot>>> rounds;
  domain::id_type last_cluster_id = 0;  // also of deleted ones
  domain::id_type last_table_id = 0;
  std::vector<domain::template_section> template_sections;  // the default when none was set
  bool frozen = false;
  bool self_join = true;
  std::vector<domain::proposal> proposals;  // deleted ones too, flagged
  std::vector<domain::comment> comments;
  std::vector<stored_update> section_updates;  // by proposal, section, version
  std::vector<loaded_section> sections;        // rebuilt by a section_consumer, if any
  domain::report_plan report;
  domain::event_status status = domain::event_status::open;
  std::optional<domain::seq_type> exported_seq;  // the seq its archive was downloaded at
  std::optional<domain::millis> closed_at;       // when it was last closed (none while open)
  // The pairs of ideas a moderator said are not duplicates (first < second), ascending.
  std::vector<std::pair<domain::id_type, domain::id_type>> dismissed;
};

class store {
 public:
  // How many answers per member load_events() returns.
  static constexpr int remembered_commands = 64;

  // Opens or creates the database at `path` and migrates it. Throws storage_error when the
  // database is newer than this binary, sqlite_error when it cannot be opened or migrated.
  explicit store(const std::string& path);
  ~store();
  store(const store&) = delete;
  store& operator=(const store&) = delete;

  static int latest_version();
  int schema_version();

  // With `sections`, each event's section updates go to it instead of section_updates.
  std::vector<loaded_event> load_events(section_consumer* sections = nullptr);
  loaded_event load_event(domain::id_type event_id);
  // One section's stored updates with `after` < version <= `up_to`, in order (one range of the
  // primary key). Throws sqlite_error.
  std::vector<stored_update> read_section_updates(domain::id_type event_id,
                                                  domain::id_type proposal, int section,
                                                  std::int64_t after, std::int64_t up_to);
  // Every stored section update of `member` in the event, by proposal, section and version
  // (their download). Throws sqlite_error.
  std::vector<stored_update> read_member_updates(domain::id_type event_id, domain::id_type member);

  void begin();  // BEGIN IMMEDIATE
  void commit();
  void rollback();
  void savepoint();  // nested: the current job
  void release();
  void rollback_to();

  // A new event with its facilitator, its agenda (English's default unless given) and its
  // proposal template (none stored when empty: the event then has the English default).
  void insert_event(const domain::event_info& info, const domain::member& facilitator,
                    const std::vector<domain::phase>& agenda = domain::default_agenda(),
                    const std::vector<domain::template_section>& sections = {});
  // Updates the tables for `c` and appends it, as `json`, to the change log.
  void apply(domain::id_type event_id, const domain::change& c, std::string_view json);
  // Appends a section's accepted updates (their versions follow the stored ones).
  void append_section_updates(domain::id_type event_id, const std::vector<stored_update>& updates);
  void record_command(domain::id_type event_id, domain::id_type member_id,
                      std::string_view command_id, std::string_view answer, domain::millis at);
  // Replaces the event's proposal template.
  void write_template(domain::id_type event_id,
                      const std::vector<domain::template_section>& sections);
  // Replaces the event's agenda and timer.
  void write_agenda(domain::id_type event_id, const std::vector<domain::phase>& agenda,
                    const domain::timer_state& timer,
                    const domain::pacing_state& pacing = domain::pacing_state{});
  void add_admin_secret(std::string_view hash, domain::millis at);
  // Records that the event's archive was downloaded when the event was at `seq`.
  void record_export(domain::id_type event_id, domain::seq_type seq);
  // Deletes the event and everything it holds, in one transaction of the caller's, and asks
  // for a checkpoint after the commit (the deleted rows' old bytes leave the WAL).
  void delete_event(domain::id_type event_id);
  // The server's settings (the `settings` table): a value, or nullopt when not set; setting
  // nullopt removes it.
  std::optional<std::string> setting(std::string_view key);
  void set_setting(std::string_view key, const std::optional<std::string>& value);
  // Whether a write of this transaction asked for a WAL checkpoint (an erasure, a deletion);
  // the writer calls checkpoint_if_asked() after its commit.
  void ask_checkpoint() { checkpoint_asked_ = true; }
  // PRAGMA wal_checkpoint(TRUNCATE) when asked since the last one: the WAL's old pages (which
  // may still hold erased or deleted data) are written back and the file is emptied. Readers
  // (a backup in progress) may keep it from completing; then the next request tries again.
  // Never throws (a failure is reported by the return value).
  bool checkpoint_if_asked();
  bool is_admin_secret(std::string_view hash);

  database& db() { return db_; }

 private:
  void migrate();
  void insert_member(domain::id_type event_id, const domain::member& m);
  void update_idea(domain::id_type event_id, const domain::idea& i);
  void expect_one_row(const char* what, domain::id_type id, domain::id_type event_id);
  void write_round(domain::id_type event_id, const domain::vote_round& r, bool insert);
  void write_proposal(domain::id_type event_id, const domain::proposal& p, bool insert);
  void write_comment(domain::id_type event_id, const domain::comment& c, bool insert);
  void write_report(domain::id_type event_id, const domain::report_plan& r);
  // Replaces the event's stakeholder groups.
  void write_groups(domain::id_type event_id, const std::vector<domain::stakeholder_group>& groups);
  // store_erase.cpp: the rows of a member_erased change, and the scrub of every change log
  // entry and remembered answer of the event that still holds their personal data.
  void erase_member(domain::id_type event_id, const domain::member_erased& x, domain::millis at);
  // Runs `sql` with ?1 = event, ?2 = id, then `a` and `text` (when given) as ?3, ?4.
  void run_for_event(std::string_view sql, domain::id_type event_id, domain::id_type id,
                     std::optional<std::int64_t> a = std::nullopt,
                     std::optional<std::string_view> text = std::nullopt);
  loaded_event load(statement& event_row, section_consumer* sections = nullptr);  // store_load.cpp

  struct change_writer;  // store_write.cpp
  database db_;
  struct statements;                // store_statements.hpp
  std::unique_ptr<statements> st_;  // prepared once, after migration
  bool checkpoint_asked_ = false;
};

// Whether `hash` is an admin secret's hash in the database at `path`, read through a
// connection of its own (read only; WAL lets it read while the writer writes), so that the
// check neither waits for nor delays the writer thread. Throws sqlite_error.
bool is_admin_secret_at(const std::string& path, std::string_view hash);

}  // namespace rt::storage
