-- 012_phase_undo.sql: the phase the last phase change left, so a facilitator can go back to
-- it (undo_phase_change): its index (NULL: nothing to undo; -1: before the first phase), the
-- time it had run, the minutes added, and whether it was running.
ALTER TABLE events ADD COLUMN undo_phase_index INTEGER;
ALTER TABLE events ADD COLUMN undo_running INTEGER NOT NULL DEFAULT 0 CHECK (undo_running IN (0, 1));
ALTER TABLE events ADD COLUMN undo_elapsed_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN undo_extra_ms INTEGER NOT NULL DEFAULT 0;
