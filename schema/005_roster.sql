-- 005_roster.sql: e-mail addresses of people prepared on a roster before the day.
ALTER TABLE members ADD COLUMN email TEXT NOT NULL DEFAULT '';
