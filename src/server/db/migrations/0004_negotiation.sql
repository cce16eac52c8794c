-- Negotiation-planning worksheets (DOMAIN.md §4). Filled in below.
CREATE TABLE negotiation_worksheets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  opportunity_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
