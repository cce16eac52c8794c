-- Team sync, stage 1 (issue 21): the desktop side's state. The change_log stays the outbox;
-- changes pulled from the team server are logged too (field history shows them) but marked
-- origin = 'remote' with the server's position, so they are never pushed back.
ALTER TABLE change_log ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin = 'remote');
ALTER TABLE change_log ADD COLUMN server_position INTEGER;
CREATE INDEX change_log_outbox ON change_log(seq) WHERE origin IS NULL;

-- One row: which team server this book syncs with, who is signed in, and how far it has pulled.
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  server_url TEXT,
  person_id TEXT,
  role TEXT,
  email TEXT,
  token TEXT,
  last_position INTEGER NOT NULL DEFAULT 0,
  last_sync_at TEXT,
  last_error TEXT
);

-- Local changes the server has answered (applied, duplicate, conflict or rejected); what is not
-- here is still pending. Changes made before the book joined a team are marked 'snapshot'.
CREATE TABLE sync_pushed (
  change_id TEXT PRIMARY KEY,
  position INTEGER,
  outcome TEXT NOT NULL CHECK (outcome IN ('applied','duplicate','conflict','rejected','snapshot')),
  reason TEXT
);

-- The server's open conflicts for the signed-in person, as last pulled (resolved ones keep resolved_at).
CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  position INTEGER,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('same-field','edit-on-deleted','rejected')),
  mine TEXT,
  theirs TEXT,
  reason TEXT,
  received_at TEXT NOT NULL,
  resolved_at TEXT
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(received_at) WHERE resolved_at IS NULL;
