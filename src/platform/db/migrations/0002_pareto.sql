-- Pareto / ABC grading (docs/en/abc.md).
--
-- grade_batches: one row per application of ABC grades (kind 'pareto': the rule — measure,
-- thresholds, scope — and how many accounts changed) and per undo of one (kind 'undo',
-- `undoes` names the batch). Rows are events: inserted, never updated.
--
-- grade_history: a view, not a table. Every grade change of an account is already in the
-- append-only change_log (written in the same transaction as the change, by updateRow or by
-- the set-based grade writer); a Pareto application's entries carry its batch id, whose
-- grade_batches row holds the rule. Reading the history from there keeps one source of
-- truth and costs nothing on write — a second per-account row (plus its own change_log
-- entry) tripled the time to apply grades to a million accounts.

CREATE TABLE grade_batches (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('pareto','undo')),
  rule TEXT NOT NULL,
  measure TEXT NOT NULL,
  a_bp INTEGER,
  b_bp INTEGER,
  scope_territory_id TEXT REFERENCES territories(id),
  scope_owner_id TEXT REFERENCES reps(id),
  on_date TEXT NOT NULL,
  changed INTEGER NOT NULL,
  undoes TEXT REFERENCES grade_batches(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX grade_batches_undoes ON grade_batches(undoes) WHERE undoes IS NOT NULL;

-- One row per grade change of an account. source: 'pareto' / 'undo' (a grade batch),
-- 'import' (an import batch), 'manual' (an edit by hand, grade_source 'manual').
CREATE VIEW grade_history AS
SELECT
  c.id AS id,
  c.row_id AS account_id,
  a.territory_id AS territory_id,
  c.at AS at,
  b.on_date AS batch_date,
  json_extract(c.changes, '$.grade[0]') AS grade_before,
  json_extract(c.changes, '$.grade[1]') AS grade_after,
  CASE WHEN b.id IS NOT NULL THEN b.kind WHEN c.batch_id IS NOT NULL THEN 'import' ELSE 'manual' END AS source,
  b.rule AS rule,
  c.batch_id AS batch_id,
  c.seq AS seq
FROM change_log c
JOIN accounts a ON a.id = c.row_id
LEFT JOIN grade_batches b ON b.id = c.batch_id
WHERE c.table_name = 'accounts' AND json_type(c.changes, '$.grade') IS NOT NULL;
