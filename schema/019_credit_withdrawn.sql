-- 019_credit_withdrawn.sql: a member who took back their consent to be named.
--
-- 1 once a member's credit went from yes to no (update_profile), 0 again if they give it
-- back. Such a member is named in no export: the report, ideas.csv, participants.csv,
-- roster.csv and the facilitator's report.json all say "Name withheld" instead.
ALTER TABLE members ADD COLUMN credit_withdrawn INTEGER NOT NULL DEFAULT 0
  CHECK (credit_withdrawn IN (0, 1));
