-- Pareto / ABC grading (DOMAIN.md §2).
-- grade_batches: one row per "apply grades" run — the rule used (measure, thresholds, scope),
-- how many accounts changed, and whether it was undone. grade_history: one event row per
-- grade change of an account (Pareto apply, manual edit, or the undo of an apply); events are
-- inserted, never updated. Both are synced rows (uuid v7 ids, change_log entries).

CREATE TABLE grade_batches (
  id TEXT PRIMARY KEY,
  rule TEXT NOT NULL,
  measure TEXT NOT NULL,
  a_bp INTEGER NOT NULL,
  b_bp INTEGER NOT NULL,
  scope_territory_id TEXT REFERENCES territories(id),
  scope_owner_id TEXT REFERENCES reps(id),
  on_date TEXT NOT NULL,
  changed INTEGER NOT NULL,
  undone_at TEXT,
  undone_by TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);

CREATE TABLE grade_history (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  on_date TEXT NOT NULL,
  grade_before TEXT,
  grade_after TEXT,
  source_before TEXT,
  source TEXT NOT NULL CHECK (source IN ('pareto','manual','undo')),
  rule TEXT,
  batch_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX grade_history_account ON grade_history(account_id);
CREATE INDEX grade_history_batch ON grade_history(batch_id) WHERE batch_id IS NOT NULL;
