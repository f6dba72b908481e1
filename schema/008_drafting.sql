-- 008_drafting.sql: proposals, their template, their collaboratively edited sections and
-- comments; vote rounds over clusters and proposals.

ALTER TABLE vote_rounds ADD COLUMN item_kind TEXT NOT NULL DEFAULT 'ideas'
  CHECK (item_kind IN ('ideas', 'clusters', 'proposals'));
ALTER TABLE events ADD COLUMN proposals_frozen INTEGER NOT NULL DEFAULT 0
  CHECK (proposals_frozen IN (0, 1));

-- The event's template; no rows: the default template.
CREATE TABLE template_sections (
  event_id INTEGER NOT NULL REFERENCES events(id),
  position INTEGER NOT NULL,
  heading  TEXT NOT NULL,
  hint     TEXT NOT NULL,
  PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

CREATE TABLE proposals (
  event_id   INTEGER NOT NULL REFERENCES events(id),
  id         INTEGER NOT NULL,
  track_id   INTEGER NOT NULL,
  title      TEXT NOT NULL,
  cluster_id INTEGER,
  table_id   INTEGER,
  created_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  deleted_at INTEGER,
  PRIMARY KEY (event_id, id)
) WITHOUT ROWID;

CREATE TABLE proposal_ideas (
  event_id    INTEGER NOT NULL,
  proposal_id INTEGER NOT NULL,
  position    INTEGER NOT NULL,
  idea_id     INTEGER NOT NULL,
  PRIMARY KEY (event_id, proposal_id, position),
  FOREIGN KEY (event_id, proposal_id) REFERENCES proposals(event_id, id)
) WITHOUT ROWID;

CREATE TABLE proposal_team (
  event_id    INTEGER NOT NULL,
  proposal_id INTEGER NOT NULL,
  member_id   INTEGER NOT NULL,
  PRIMARY KEY (event_id, proposal_id, member_id),
  FOREIGN KEY (event_id, proposal_id) REFERENCES proposals(event_id, id),
  FOREIGN KEY (event_id, member_id) REFERENCES members(event_id, id)
) WITHOUT ROWID;

-- Every accepted update of every section, in order: version 1, 2, ... A section's text is
-- the empty text with its updates applied. `changes` is CodeMirror's ChangeSet JSON.
CREATE TABLE section_updates (
  event_id    INTEGER NOT NULL,
  proposal_id INTEGER NOT NULL,
  section     INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  client_id   TEXT NOT NULL,
  member_id   INTEGER NOT NULL,
  changes     TEXT NOT NULL,
  at          INTEGER NOT NULL,
  PRIMARY KEY (event_id, proposal_id, section, version),
  FOREIGN KEY (event_id, proposal_id) REFERENCES proposals(event_id, id)
) WITHOUT ROWID;

CREATE TABLE comments (
  event_id    INTEGER NOT NULL,
  id          INTEGER NOT NULL,
  proposal_id INTEGER NOT NULL,
  section     INTEGER,
  from_pos    INTEGER NOT NULL,
  to_pos      INTEGER NOT NULL,
  version     INTEGER NOT NULL,
  quote       TEXT NOT NULL,
  parent_id   INTEGER,
  author_id   INTEGER NOT NULL,
  text        TEXT NOT NULL,
  at          INTEGER NOT NULL,
  resolved    INTEGER NOT NULL CHECK (resolved IN (0, 1)),
  PRIMARY KEY (event_id, id),
  FOREIGN KEY (event_id, proposal_id) REFERENCES proposals(event_id, id),
  FOREIGN KEY (event_id, author_id) REFERENCES members(event_id, id)
) WITHOUT ROWID;
