-- 009_report.sql: the final report as the facilitator builds it: its texts, its chapters and
-- the proposals chosen for each, in order.

CREATE TABLE reports (
  event_id  INTEGER PRIMARY KEY REFERENCES events(id),
  title     TEXT NOT NULL,
  subtitle  TEXT NOT NULL,
  date      TEXT NOT NULL,
  foreword  TEXT NOT NULL,
  method    TEXT NOT NULL,
  round_id  INTEGER,                -- the final vote round whose results it shows
  published INTEGER NOT NULL CHECK (published IN (0, 1))
);

CREATE TABLE report_chapters (
  event_id INTEGER NOT NULL REFERENCES events(id),
  position INTEGER NOT NULL,
  title    TEXT NOT NULL,
  intro    TEXT NOT NULL,
  PRIMARY KEY (event_id, position)
) WITHOUT ROWID;

CREATE TABLE report_entries (
  event_id    INTEGER NOT NULL,
  chapter     INTEGER NOT NULL,       -- report_chapters.position
  position    INTEGER NOT NULL,
  proposal_id INTEGER NOT NULL,
  PRIMARY KEY (event_id, chapter, position),
  FOREIGN KEY (event_id, chapter) REFERENCES report_chapters(event_id, position),
  FOREIGN KEY (event_id, proposal_id) REFERENCES proposals(event_id, id)
) WITHOUT ROWID;
