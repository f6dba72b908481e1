-- 017_event_language.sql: the event's language and what its big screens speak.

-- The event's language, one of the 24 official languages of the EU by ISO 639-1 code: the
-- report, its CSV headers and every fixed text the server writes are in it
-- (set_event_language; create_event). Events made before this migration speak English.
ALTER TABLE events ADD COLUMN language TEXT NOT NULL DEFAULT 'en'
  CHECK (language IN ('bg', 'cs', 'da', 'de', 'el', 'en', 'es', 'et', 'fi', 'fr', 'ga', 'hr',
                      'hu', 'it', 'lt', 'lv', 'mt', 'nl', 'pl', 'pt', 'ro', 'sk', 'sl', 'sv'));

-- What the big screens speak: 'event' (the event's language) or 'room' (the languages of the
-- people connected, in turn).
ALTER TABLE events ADD COLUMN screen_languages TEXT NOT NULL DEFAULT 'event'
  CHECK (screen_languages IN ('event', 'room'));
