-- 010_section_runs.sql: whether an accepted section update continues its editor's run of typing (the tie rule
-- of docs/protocol.md, "Ties: whose text goes first"). Updates from before are taken as not
-- continuing, which is how they were placed.
ALTER TABLE section_updates ADD COLUMN continues INTEGER NOT NULL DEFAULT 0;
