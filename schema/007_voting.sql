-- 007_voting.sql: vote rounds, their items, and every person's votes (kept per voter for the
-- audit; results and exports show totals only).

CREATE TABLE vote_rounds (
  event_id     INTEGER NOT NULL REFERENCES events(id),
  id           INTEGER NOT NULL,
  title        TEXT NOT NULL,
  track_id     INTEGER,                   -- NULL: every track
  method       TEXT NOT NULL CHECK (method IN ('dots', 'approval', 'quadratic')),
  budget       INTEGER NOT NULL,
  max_per_item INTEGER NOT NULL,
  allow_own    INTEGER NOT NULL CHECK (allow_own IN (0, 1)),
  live_results INTEGER NOT NULL CHECK (live_results IN (0, 1)),
  random_order INTEGER NOT NULL CHECK (random_order IN (0, 1)),
  state        TEXT NOT NULL CHECK (state IN ('open', 'closed', 'revealed')),
  opened_at    INTEGER NOT NULL,
  PRIMARY KEY (event_id, id)
) WITHOUT ROWID;

CREATE TABLE round_items (
  event_id INTEGER NOT NULL,
  round_id INTEGER NOT NULL,
  position INTEGER NOT NULL,
  item_id  INTEGER NOT NULL,               -- an idea of the same event
  PRIMARY KEY (event_id, round_id, position),
  FOREIGN KEY (event_id, round_id) REFERENCES vote_rounds(event_id, id)
) WITHOUT ROWID;

CREATE TABLE votes (
  event_id  INTEGER NOT NULL,
  round_id  INTEGER NOT NULL,
  member_id INTEGER NOT NULL,
  item_id   INTEGER NOT NULL,
  votes     INTEGER NOT NULL CHECK (votes > 0),
  PRIMARY KEY (event_id, round_id, member_id, item_id),
  FOREIGN KEY (event_id, round_id) REFERENCES vote_rounds(event_id, id),
  FOREIGN KEY (event_id, member_id) REFERENCES members(event_id, id)
) WITHOUT ROWID;
