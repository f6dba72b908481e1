-- 016_data_rights.sql: erasing a member's personal data (erase_member), the time an event was
-- closed, and the server's settings (how long closed events are kept).

-- When the member's personal data was erased, or NULL. The row stays, for what they wrote
-- ("Former participant") and their votes (counted in totals only); its name, organisation,
-- e-mail, group and token hash are overwritten.
ALTER TABLE members ADD COLUMN erased_at INTEGER;

-- An erasure rewrites the change log's entries that named the member (their data), and
-- nothing else may change the log: an entry's data may be updated only while its event is
-- marked as scrubbing, in the erasure's own transaction, and its other columns never.
ALTER TABLE events ADD COLUMN scrubbing INTEGER NOT NULL DEFAULT 0 CHECK (scrubbing IN (0, 1));
DROP TRIGGER changes_no_update;
CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
WHEN (SELECT scrubbing FROM events WHERE id = OLD.event_id) IS NOT 1
  OR NEW.event_id IS NOT OLD.event_id OR NEW.seq IS NOT OLD.seq OR NEW.kind IS NOT OLD.kind
  OR NEW.actor_id IS NOT OLD.actor_id OR NEW.at IS NOT OLD.at
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

-- When the event was last closed or archived (NULL while open): automatic deletion counts the
-- retention period from it. Events closed before this migration count from their last
-- status change, else from now.
ALTER TABLE events ADD COLUMN closed_at INTEGER;
UPDATE events SET closed_at = COALESCE(
    (SELECT MAX(at) FROM changes WHERE changes.event_id = events.id
       AND changes.kind = 'event_status_changed'),
    CAST(strftime('%s', 'now') AS INTEGER) * 1000)
  WHERE status <> 'open';

-- The server's settings, set by the admin: `retention_days` (closed and archived events are
-- deleted that many days after they were closed; absent: kept until the admin deletes them).
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
