-- Provision rates are versioned: a change takes effect from a date the user gives, and an
-- aging as of D uses the version in force on D (the latest effective_from ≤ D). Rows are
-- written through change_log like every synced row; a version is replaced by soft delete.
-- Before a book's first saved version, the rates stored in settings (or the defaults)
-- apply from the start; the first save writes them as the version effective '0000-01-01'.
CREATE TABLE rcv_rate_versions (
  id TEXT PRIMARY KEY,
  effective_from TEXT NOT NULL,
  bounds TEXT NOT NULL,    -- JSON array of the bounded buckets' upper bounds (days overdue)
  rates_bp TEXT NOT NULL,  -- JSON array of rates in basis points: Current, each bucket, over
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX rcv_rate_versions_from ON rcv_rate_versions(effective_from) WHERE deleted_at IS NULL;

-- The provision as booked: each booking records, for a date, the provision required then
-- for each customer and bucket (who booked it and when). A later journal's opening balance
-- is the last booking; a back-dated change after it appears as an adjustment in the next
-- period. The latest booking can be undone (soft delete) until the next one is made.
-- Lines of kind 'closing' are the provision booked at booked_to; lines of kind 'restated' are
-- the requirement at the previous booking's date as the book gave it when this booking was
-- made, so a booked period's prior-period adjustment stays what was booked.
CREATE TABLE rcv_provision_bookings (
  id TEXT PRIMARY KEY,
  booked_to TEXT NOT NULL,
  booked_by TEXT NOT NULL,
  booked_at TEXT NOT NULL,
  total_fen INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX rcv_provision_bookings_to ON rcv_provision_bookings(booked_to) WHERE deleted_at IS NULL;

CREATE TABLE rcv_provision_booking_lines (
  id TEXT PRIMARY KEY,
  booking_id TEXT NOT NULL REFERENCES rcv_provision_bookings(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  kind TEXT NOT NULL DEFAULT 'closing' CHECK (kind IN ('closing', 'restated')),
  bucket TEXT NOT NULL,     -- the bucket's label at the booking date ('1-30', 'Over 730', …)
  amount_fen INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rcv_provision_booking_lines_booking ON rcv_provision_booking_lines(booking_id, account_id);
