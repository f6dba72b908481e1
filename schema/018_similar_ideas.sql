-- 018_similar_ideas.sql: support of ideas ("This is mine too") and the pairs of ideas a
-- moderator said are not duplicates.

-- Who supports which idea (support_idea; withdraw_support deletes the row). Never the idea's
-- author. A row keeps its rowid: the supporters of an idea are listed in the order they
-- supported it (at, then rowid for supports of one moment). An erased member's rows stay
-- (their id); deleting an idea deletes its rows.
CREATE TABLE idea_supports (
  event_id  INTEGER NOT NULL REFERENCES events(id),
  idea_id   INTEGER NOT NULL,
  member_id INTEGER NOT NULL,
  at        INTEGER NOT NULL,
  PRIMARY KEY (event_id, idea_id, member_id),
  FOREIGN KEY (event_id, idea_id) REFERENCES ideas(event_id, id),
  FOREIGN KEY (event_id, member_id) REFERENCES members(event_id, id)
);

-- Two ideas of one track that a moderator said are not duplicates (dismiss_duplicate), so the
-- pair is never suggested again; restore_duplicate deletes the row, and so does deleting
-- either idea. Always idea_a < idea_b; `by` is the moderator's member id.
CREATE TABLE dismissed_duplicates (
  event_id INTEGER NOT NULL REFERENCES events(id),
  idea_a   INTEGER NOT NULL,
  idea_b   INTEGER NOT NULL,
  by       INTEGER NOT NULL,
  at       INTEGER NOT NULL,
  PRIMARY KEY (event_id, idea_a, idea_b),
  CHECK (idea_a < idea_b),
  FOREIGN KEY (event_id, idea_a) REFERENCES ideas(event_id, id),
  FOREIGN KEY (event_id, idea_b) REFERENCES ideas(event_id, id),
  FOREIGN KEY (event_id, by) REFERENCES members(event_id, id)
) WITHOUT ROWID;
