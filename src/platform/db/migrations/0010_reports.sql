-- Reports (issue 18): quotas per rep per month, the forecast category an owner gives an
-- open opportunity, and the weekly forecast call (a snapshot per rep per week with the
-- category of each deal at that moment, so the next week's review shows what moved).

CREATE TABLE quotas (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  owner_id TEXT NOT NULL REFERENCES reps(id),
  -- 'YYYY-MM'
  month TEXT NOT NULL CHECK (length(month) = 7),
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX quotas_owner_month ON quotas(owner_id, month) WHERE deleted_at IS NULL;

-- NULL: the category follows the stage (reports/forecast.ts, defaultCategory). A change is
-- an ordinary field change of the opportunity, so change_log keeps its history.
ALTER TABLE opportunities ADD COLUMN forecast_category TEXT
  CHECK (forecast_category IS NULL OR forecast_category IN ('commit', 'bestCase', 'pipeline', 'omitted'));

-- One rep's call for one week (week_start is that week's Monday): the amounts of open deals
-- by category closing in the week's month and in its quarter.
CREATE TABLE forecast_calls (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  owner_id TEXT NOT NULL REFERENCES reps(id),
  week_start TEXT NOT NULL,
  recorded_on TEXT NOT NULL,
  month_commit_fen INTEGER NOT NULL,
  month_best_case_fen INTEGER NOT NULL,
  month_pipeline_fen INTEGER NOT NULL,
  quarter_commit_fen INTEGER NOT NULL,
  quarter_best_case_fen INTEGER NOT NULL,
  quarter_pipeline_fen INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX forecast_calls_owner_week ON forecast_calls(owner_id, week_start) WHERE deleted_at IS NULL;

-- Each open deal of the rep as the call saw it.
CREATE TABLE forecast_call_items (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  call_id TEXT NOT NULL REFERENCES forecast_calls(id),
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  category TEXT NOT NULL CHECK (category IN ('commit', 'bestCase', 'pipeline', 'omitted')),
  amount_fen INTEGER NOT NULL,
  expected_close TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX forecast_call_items_call ON forecast_call_items(call_id);
