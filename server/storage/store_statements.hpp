// store_statements.hpp: the statements a store prepares once, after migrating, for the writes
// that every batch repeats. Private to the storage library (store.cpp, store_write.cpp).
// Thread-safety: as store (one thread at a time).
#pragma once

#include "store.hpp"

namespace rt::storage {

struct store::statements {
  explicit statements(database& db)
      : insert_member(db,
                      "INSERT INTO members (event_id, id, role, name, organisation, "
                      "stakeholder_group, track_id, credit, token_hash, joined_at, table_id, "
                      "email) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
        insert_idea(db,
                    "INSERT INTO ideas (event_id, id, track_id, author_id, text, anonymous, "
                    "hidden, deleted, created_at, edited_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
        update_idea(db,
                    "UPDATE ideas SET text = ?3, hidden = ?4, deleted = ?5, edited_at = ?6, "
                    "edited_by = ?7, pinned = ?8, merged_into = ?9, cluster_id = ?10 "
                    "WHERE event_id = ?1 AND id = ?2"),
        insert_change(db,
                      "INSERT INTO changes (event_id, seq, kind, actor_id, data, at) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
        insert_command(db,
                       "INSERT INTO commands (event_id, member_id, command_id, answer, at) "
                       "VALUES (?1, ?2, ?3, ?4, ?5)"),
        insert_section_update(db,
                              "INSERT INTO section_updates (event_id, proposal_id, section, "
                              "version, client_id, member_id, changes, at, continues) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
        begin(db, "BEGIN IMMEDIATE"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        savepoint(db, "SAVEPOINT job"),
        release(db, "RELEASE job"),
        rollback_to(db, "ROLLBACK TO job") {}

  statement insert_member, insert_idea, update_idea, insert_change, insert_command,
      insert_section_update;
  statement begin, commit, rollback, savepoint, release, rollback_to;
};

}  // namespace rt::storage
