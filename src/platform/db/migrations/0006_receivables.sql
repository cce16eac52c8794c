-- Receivables (docs/en/receivables.md): contracts with payment milestones, invoices, payments and
-- their allocations to invoices, the collection action log and credit control per account.
-- Payments, allocations and collection actions are events: inserted, never updated (a
-- mistaken one is voided by soft delete). Aging is computed from these events at any
-- as-of date, so no provision snapshot is stored.

CREATE TABLE rcv_contracts (
  id TEXT PRIMARY KEY,
  contract_no TEXT NOT NULL,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  title TEXT,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  -- The trigger events' dates, entered as they happen; each change is in change_log.
  signed_on TEXT,
  delivered_on TEXT,
  accepted_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX rcv_contracts_no ON rcv_contracts(contract_no) WHERE deleted_at IS NULL;
CREATE INDEX rcv_contracts_account ON rcv_contracts(account_id);

CREATE TABLE rcv_milestones (
  id TEXT PRIMARY KEY,
  contract_id TEXT NOT NULL REFERENCES rcv_contracts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  seq INTEGER NOT NULL,
  label TEXT NOT NULL,
  percent_bp INTEGER NOT NULL CHECK (percent_bp > 0 AND percent_bp <= 10000),
  trigger_event TEXT NOT NULL CHECK (trigger_event IN ('signing','delivery','acceptance')),
  offset_days INTEGER NOT NULL CHECK (offset_days >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rcv_milestones_contract ON rcv_milestones(contract_id, seq);

CREATE TABLE rcv_invoices (
  id TEXT PRIMARY KEY,
  invoice_no TEXT NOT NULL,
  contract_no TEXT,
  contract_id TEXT REFERENCES rcv_contracts(id),
  -- The milestone this receivable was generated from (null for invoices entered or imported).
  milestone_id TEXT REFERENCES rcv_milestones(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  invoice_date TEXT NOT NULL,
  due_date TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT,
  CHECK (due_date >= invoice_date)
);
CREATE UNIQUE INDEX rcv_invoices_no ON rcv_invoices(invoice_no) WHERE deleted_at IS NULL;
CREATE INDEX rcv_invoices_account ON rcv_invoices(account_id, due_date);
CREATE UNIQUE INDEX rcv_invoices_milestone ON rcv_invoices(milestone_id) WHERE milestone_id IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE rcv_payments (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  paid_on TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  reference TEXT,
  note TEXT,
  -- 0 when the payment was wholly allocated as it was entered, each allocation counting from
  -- the payment date: such a payment never holds credit at any date, so the credit query
  -- reads only the (few) others. A fact about the entry, fixed at insert like the rest.
  credit_possible INTEGER NOT NULL DEFAULT 1 CHECK (credit_possible IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rcv_payments_account ON rcv_payments(account_id, paid_on);
CREATE INDEX rcv_payments_credit ON rcv_payments(account_id, paid_on) WHERE credit_possible = 1 AND deleted_at IS NULL;

-- A payment settles invoices through allocations; what is not allocated is the customer's
-- credit. applied_on is the date the money counts against the invoice: the payment's date,
-- or later when a credit is applied afterwards (never before the invoice date), so an aging
-- re-run for a past date does not change. account_id repeats the payment's (immutable) so
-- the aging and the credit read from covering indexes without joins.
CREATE TABLE rcv_allocations (
  id TEXT PRIMARY KEY,
  payment_id TEXT NOT NULL REFERENCES rcv_payments(id),
  invoice_id TEXT NOT NULL REFERENCES rcv_invoices(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  applied_on TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rcv_allocations_invoice ON rcv_allocations(invoice_id, applied_on, amount_fen) WHERE deleted_at IS NULL;
CREATE INDEX rcv_allocations_account ON rcv_allocations(account_id);
CREATE INDEX rcv_allocations_payment ON rcv_allocations(payment_id, applied_on, amount_fen) WHERE deleted_at IS NULL;

CREATE TABLE rcv_collection_actions (
  id TEXT PRIMARY KEY,
  invoice_id TEXT NOT NULL REFERENCES rcv_invoices(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  action_date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('reminder','notice','finance','sales','lawyer','note')),
  who TEXT,
  note TEXT,
  promise_date TEXT,
  promise_fen INTEGER CHECK (promise_fen IS NULL OR promise_fen > 0),
  dispute INTEGER NOT NULL DEFAULT 0 CHECK (dispute IN (0,1)),
  next_action_date TEXT,
  source TEXT NOT NULL DEFAULT 'app' CHECK (source IN ('app','workbook','demo')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX rcv_actions_invoice ON rcv_collection_actions(invoice_id, action_date);
CREATE INDEX rcv_actions_account ON rcv_collection_actions(account_id, invoice_id, action_date);

CREATE TABLE rcv_credit_control (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  credit_limit_fen INTEGER CHECK (credit_limit_fen IS NULL OR credit_limit_fen >= 0),
  licence_status TEXT NOT NULL DEFAULT 'pending' CHECK (licence_status IN ('pending','ok','problem')),
  contract_status TEXT NOT NULL DEFAULT 'pending' CHECK (contract_status IN ('pending','ok','problem')),
  bank_status TEXT NOT NULL DEFAULT 'pending' CHECK (bank_status IN ('pending','ok','problem')),
  reviewed_on TEXT,
  note TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX rcv_credit_account ON rcv_credit_control(account_id);
