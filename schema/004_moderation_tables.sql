-- 004_moderation_tables.sql: moderation of ideas (who edited, pins, merges, clusters) and
-- tables (small teams within a track).

ALTER TABLE ideas ADD COLUMN edited_by INTEGER;      -- member id; NULL: never edited
ALTER TABLE ideas ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1));
ALTER TABLE ideas ADD COLUMN merged_into INTEGER;    -- idea id of the same event; NULL: not merged
ALTER TABLE ideas ADD COLUMN cluster_id INTEGER;     -- clusters.id of the same event
ALTER TABLE members ADD COLUMN table_id INTEGER;     -- event_tables.id of the same event

CREATE TABLE clusters (
  event_id   INTEGER NOT NULL REFERENCES events(id),
  id         INTEGER NOT NULL,
  track_id   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  deleted_at INTEGER,                     -- NULL while it exists
  PRIMARY KEY (event_id, id),
  FOREIGN KEY (event_id, track_id) REFERENCES tracks(event_id, id)
) WITHOUT ROWID;

CREATE TABLE event_tables (
  event_id   INTEGER NOT NULL REFERENCES events(id),
  id         INTEGER NOT NULL,
  track_id   INTEGER NOT NULL,
  name       TEXT NOT NULL,
  removed_at INTEGER,                     -- NULL while it exists
  PRIMARY KEY (event_id, id),
  FOREIGN KEY (event_id, track_id) REFERENCES tracks(event_id, id)
) WITHOUT ROWID;
