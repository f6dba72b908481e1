-- 011_people.sql: closing joining with the code, and members taken out of an event.

-- 0: new people join only with a personal link (a roster's); `join` with the code is refused.
ALTER TABLE events ADD COLUMN self_join INTEGER NOT NULL DEFAULT 1 CHECK (self_join IN (0, 1));

-- When the member was removed (remove_member), or NULL. A removed member's row stays, for the
-- rows that refer to it and so that its id is never used again, but its personal data
-- (name, organisation, e-mail, token hash) is erased; its votes and team places are deleted.
ALTER TABLE members ADD COLUMN removed_at INTEGER;
