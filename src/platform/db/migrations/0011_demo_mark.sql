-- Books made before books had an identity (issue 17) that hold the demo company get the
-- demo mark, so the header says "Demo" on them too. The demo is seeded with fixed ids: its
-- first territory's id has been the same since the first version, and no other book can
-- hold it (ids are UUIDv7 made from the clock and random bits). A book that already says
-- what it is keeps its word.
INSERT INTO settings (key, value, created_at, updated_at, version)
SELECT 'book', '{"companyName":"","demo":true}', t.created_at, t.created_at, 1
FROM territories t
WHERE t.id = '019b76da-a800-724f-ac74-e1ff0bfba855'
  AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'book');
