-- 003_announcements_screen.sql: the facilitator's announcements and what the big screen shows.

CREATE TABLE announcements (
  event_id   INTEGER NOT NULL REFERENCES events(id),
  id         INTEGER NOT NULL,
  text       TEXT NOT NULL,
  track_id   INTEGER,                      -- NULL: to everyone
  at         INTEGER NOT NULL,
  by_id      INTEGER NOT NULL,
  cleared_at INTEGER,                      -- NULL while it is up
  PRIMARY KEY (event_id, id),
  FOREIGN KEY (event_id, track_id) REFERENCES tracks(event_id, id),
  FOREIGN KEY (event_id, by_id) REFERENCES members(event_id, id)
) WITHOUT ROWID;

ALTER TABLE events ADD COLUMN screen_track_id INTEGER;  -- NULL: every track
