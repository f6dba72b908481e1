-- 015_people_groups.sql: each event's own stakeholder groups, and when a published report's
-- credits last changed (someone withdrew consent, or a credited name was corrected).

-- An event's groups in the order they are listed: a code (lowercase a-z, 0-9, _) that members
-- refer to (members.stakeholder_group) and a label for people. Events made before this had the
-- nine default groups: they get them here.
CREATE TABLE event_groups (
  event_id INTEGER NOT NULL REFERENCES events(id),
  position INTEGER NOT NULL,
  code     TEXT NOT NULL,
  label    TEXT NOT NULL,
  PRIMARY KEY (event_id, code)
) WITHOUT ROWID;

INSERT INTO event_groups (event_id, position, code, label)
SELECT e.id, d.position, d.code, d.label FROM events e, (
  SELECT 0 AS position, 'eu_institution' AS code, 'EU institution' AS label
  UNION ALL SELECT 1, 'national_government', 'National government'
  UNION ALL SELECT 2, 'large_enterprise', 'Large enterprise'
  UNION ALL SELECT 3, 'sme', 'Small or medium enterprise'
  UNION ALL SELECT 4, 'startup', 'Start-up'
  UNION ALL SELECT 5, 'academia', 'Academia and research'
  UNION ALL SELECT 6, 'civil_society', 'Civil society'
  UNION ALL SELECT 7, 'ai_specialist', 'AI specialist'
  UNION ALL SELECT 8, 'other', 'Other') d;

-- NULL: nothing changed since the report was published.
ALTER TABLE reports ADD COLUMN credits_changed_at INTEGER;
