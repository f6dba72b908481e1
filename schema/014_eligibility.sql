-- 014_eligibility.sql: who may vote in a round (event_state::eligible): the members of its
-- track, everyone, or the members of chosen tracks (listed in round_voter_tracks).

ALTER TABLE vote_rounds ADD COLUMN eligible TEXT NOT NULL DEFAULT 'track'
  CHECK (eligible IN ('track', 'everyone', 'tracks'));
-- Rounds opened before kept the rule they had: their track's members, everyone for a round
-- over every track.
UPDATE vote_rounds SET eligible = 'everyone' WHERE track_id IS NULL;

CREATE TABLE round_voter_tracks (
  event_id INTEGER NOT NULL,
  round_id INTEGER NOT NULL,
  track_id INTEGER NOT NULL,
  PRIMARY KEY (event_id, round_id, track_id),
  FOREIGN KEY (event_id, round_id) REFERENCES vote_rounds(event_id, id),
  FOREIGN KEY (event_id, track_id) REFERENCES tracks(event_id, id)
) WITHOUT ROWID;
