-- 001_init.sql: the first schema of a Roundtable database.
-- Ids of tracks, members and ideas are numbered within their event.

CREATE TABLE admin_secrets (
  hash       TEXT PRIMARY KEY,           -- hex SHA-256 of an admin secret
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  id         INTEGER PRIMARY KEY,
  code       TEXT NOT NULL UNIQUE,       -- the join code
  title      TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE tracks (
  event_id    INTEGER NOT NULL REFERENCES events(id),
  id          INTEGER NOT NULL,
  name        TEXT NOT NULL,
  description TEXT NOT NULL,
  PRIMARY KEY (event_id, id)
) WITHOUT ROWID;

CREATE TABLE members (
  event_id          INTEGER NOT NULL REFERENCES events(id),
  id                INTEGER NOT NULL,
  role              TEXT NOT NULL CHECK (role IN ('facilitator', 'lead', 'participant', 'viewer')),
  name              TEXT NOT NULL,
  organisation      TEXT NOT NULL,
  stakeholder_group TEXT NOT NULL,
  track_id          INTEGER,
  credit            INTEGER NOT NULL CHECK (credit IN (0, 1)),
  token_hash        TEXT NOT NULL UNIQUE,  -- hex SHA-256 of the member's secret
  joined_at         INTEGER NOT NULL,
  PRIMARY KEY (event_id, id),
  FOREIGN KEY (event_id, track_id) REFERENCES tracks(event_id, id)
) WITHOUT ROWID;

CREATE TABLE ideas (
  event_id   INTEGER NOT NULL REFERENCES events(id),
  id         INTEGER NOT NULL,
  track_id   INTEGER NOT NULL,
  author_id  INTEGER NOT NULL,
  text       TEXT NOT NULL,
  anonymous  INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
  hidden     INTEGER NOT NULL CHECK (hidden IN (0, 1)),
  deleted    INTEGER NOT NULL CHECK (deleted IN (0, 1)),
  created_at INTEGER NOT NULL,
  edited_at  INTEGER,
  PRIMARY KEY (event_id, id),
  FOREIGN KEY (event_id, track_id) REFERENCES tracks(event_id, id),
  FOREIGN KEY (event_id, author_id) REFERENCES members(event_id, id)
) WITHOUT ROWID;

-- The change log: one row per accepted change, written in the same transaction as the tables
-- it updates. Clients resume from it; it is the event's audit trail. Append-only.
CREATE TABLE changes (
  event_id INTEGER NOT NULL REFERENCES events(id),
  seq      INTEGER NOT NULL,
  kind     TEXT NOT NULL,
  actor_id INTEGER NOT NULL,
  data     TEXT NOT NULL,                -- the change as JSON, as staff see it
  at       INTEGER NOT NULL,
  PRIMARY KEY (event_id, seq)
) WITHOUT ROWID;

CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;

-- The answers to applied commands, so that a retried command is applied once.
CREATE TABLE commands (
  event_id   INTEGER NOT NULL,
  member_id  INTEGER NOT NULL,
  command_id TEXT NOT NULL,
  answer     TEXT NOT NULL,
  at         INTEGER NOT NULL,
  UNIQUE (event_id, member_id, command_id),
  FOREIGN KEY (event_id, member_id) REFERENCES members(event_id, id)
);
