-- 002_agenda.sql: the day's agenda and the server-kept timer of each event.
-- An event without rows in phases runs the default agenda.

CREATE TABLE phases (
  event_id   INTEGER NOT NULL REFERENCES events(id),
  position   INTEGER NOT NULL,             -- 0, 1, 2, ... in agenda order
  kind       TEXT NOT NULL CHECK (kind IN ('welcome', 'ideation', 'clustering', 'voting',
                                           'drafting', 'review', 'final_selection', 'closed')),
  title      TEXT NOT NULL,
  planned_ms INTEGER NOT NULL CHECK (planned_ms >= 0),
  PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

ALTER TABLE events ADD COLUMN phase_index INTEGER NOT NULL DEFAULT -1;   -- -1: not started
ALTER TABLE events ADD COLUMN timer_running INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN timer_started_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN timer_elapsed_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN timer_extra_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN auto_advance INTEGER NOT NULL DEFAULT 0;
