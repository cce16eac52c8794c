-- Foundation: territories, reps, accounts, contacts, competitors, settings, import
-- batches and the append-only change log. Every synced row has a text UUIDv7 key,
-- created_at/updated_at/version and a soft-delete column; territory-scoped rows carry
-- territory_id so a sync engine can partition by territory.

CREATE TABLE territories (
  id TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);

CREATE TABLE reps (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  email TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX reps_territory ON reps(territory_id);

CREATE TABLE import_batches (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  file_name TEXT NOT NULL,
  inserted INTEGER NOT NULL,
  updated INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  undone_at TEXT,
  deleted_at TEXT
);

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  owner_id TEXT REFERENCES reps(id),
  name TEXT NOT NULL,
  name_en TEXT,
  industry TEXT,
  city TEXT,
  size TEXT,
  nature TEXT,
  sales_fen INTEGER NOT NULL DEFAULT 0,
  sales_last_year_fen INTEGER NOT NULL DEFAULT 0,
  profit_fen INTEGER NOT NULL DEFAULT 0,
  receivable_fen INTEGER NOT NULL DEFAULT 0,
  grade TEXT CHECK (grade IS NULL OR grade IN ('A','B','C','D')),
  grade_source TEXT CHECK (grade_source IS NULL OR grade_source IN ('pareto','manual','import')),
  relationship_stage TEXT,
  relationship_type TEXT,
  communication_style TEXT,
  value_type TEXT,
  loyalty_type TEXT,
  products_in_use TEXT,
  last_visit TEXT,
  next_visit TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX accounts_territory ON accounts(territory_id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_owner ON accounts(owner_id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_name ON accounts(name);

CREATE TABLE contacts (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  name TEXT NOT NULL,
  title TEXT,
  phone TEXT,
  email TEXT,
  department TEXT CHECK (department IS NULL OR department IN ('user','technical','finance','service')),
  level TEXT CHECK (level IS NULL OR level IN ('decision','management','operation')),
  buying_role TEXT CHECK (buying_role IS NULL OR buying_role IN ('initiator','decisionMaker','designer','evaluator','user')),
  persona TEXT CHECK (persona IS NULL OR persona IN ('economic','technical','user','financial','coach','influencer')),
  coach_level TEXT CHECK (coach_level IS NULL OR coach_level IN ('none','low','medium','high')),
  relationship_stage TEXT,
  communication_style TEXT,
  notes TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX contacts_account ON contacts(account_id);

CREATE TABLE competitors (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  name TEXT NOT NULL,
  history TEXT,
  rep TEXT,
  style TEXT,
  our_strengths TEXT,
  our_weaknesses TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX competitors_account ON competitors(account_id);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);

-- Append-only: one row per insert/update/delete of a synced row, written in the same
-- transaction as the change. It is the field history, the audit trail and what a sync
-- engine replays. `seq` orders it locally and is never exposed; `id` is the global key.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  at TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete','restore')),
  changes TEXT NOT NULL,
  batch_id TEXT
);
CREATE INDEX change_log_row ON change_log(row_id, seq);
CREATE INDEX change_log_batch ON change_log(batch_id) WHERE batch_id IS NOT NULL;

CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
