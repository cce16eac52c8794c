-- Settings split into the team's and this book's own (issue 21 follow-up). `settings` is a
-- synced table: in a team book what is in it travels (pushed by the admin, pulled by everyone,
-- in every new member's snapshot). The person's preferences and the book's identity must not:
-- a rep's language is not the admin's, and a book made from the demo must not mark every
-- member's book "Demo". They move to `local_settings`, which no sync reads.
--   settings 'app':             the book's time zone only ({"timeZone": ...}); the key keeps its
--                               name so a team made before this keeps one row for it
--   local_settings 'prefs':     language, money in 万, backups kept
--   local_settings 'book':      the book's identity (company name, demo mark)
-- Not written to change_log: the move changes nobody's values, so there is nothing to push.

CREATE TABLE local_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

INSERT INTO local_settings (key, value, created_at, updated_at, version)
SELECT 'prefs', json_remove(value, '$.timeZone'), created_at, updated_at, 1
FROM settings WHERE key = 'app' AND CASE WHEN json_valid(value) THEN json_type(value) = 'object' ELSE 0 END;

INSERT INTO local_settings (key, value, created_at, updated_at, version)
SELECT 'book', value, created_at, updated_at, 1 FROM settings WHERE key = 'book';
DELETE FROM settings WHERE key = 'book';

UPDATE settings
SET value = CASE
    WHEN NOT json_valid(value) THEN '{}'
    WHEN json_type(value, '$.timeZone') = 'text' THEN json_object('timeZone', json_extract(value, '$.timeZone'))
    ELSE '{}'
  END
WHERE key = 'app';
