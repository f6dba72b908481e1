-- 006_track_pacing.sql: tracks held back or moved ahead by their leads, when allowed.
ALTER TABLE events ADD COLUMN track_pacing INTEGER NOT NULL DEFAULT 0 CHECK (track_pacing IN (0, 1));
ALTER TABLE tracks ADD COLUMN phase_index INTEGER;  -- NULL: the track follows the event's phase
