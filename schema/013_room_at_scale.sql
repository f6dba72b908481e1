-- 013_room_at_scale.sql: what the big screen shows (its mode and round), the event's status
-- (open, closed or archived) and the last change its archive was downloaded at, when the
-- last phase change happened (its undo expires), and revoked links.
ALTER TABLE events ADD COLUMN screen_mode TEXT NOT NULL DEFAULT 'auto'
  CHECK (screen_mode IN ('auto', 'join', 'wall', 'clusters', 'progress', 'results', 'announcement'));
ALTER TABLE events ADD COLUMN screen_round_id INTEGER;  -- NULL: the newest round
ALTER TABLE events ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
  CHECK (status IN ('open', 'closed', 'archived'));
ALTER TABLE events ADD COLUMN exported_seq INTEGER;  -- NULL: its archive was never downloaded
ALTER TABLE events ADD COLUMN undo_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE members ADD COLUMN revoked_at INTEGER;  -- NULL: the link works

-- Deleting an event (delete_event) takes its change log with it, and nothing else may: the
-- log stays append-only unless the event is marked as being deleted, in the same transaction.
ALTER TABLE events ADD COLUMN deleting INTEGER NOT NULL DEFAULT 0 CHECK (deleting IN (0, 1));
DROP TRIGGER changes_no_delete;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
WHEN (SELECT deleting FROM events WHERE id = OLD.event_id) IS NOT 1
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
