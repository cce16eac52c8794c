-- Negotiation-planning worksheets (docs/en/negotiation.md): the team and its roles, the bargaining
-- issues with quote/target/floor, the concession ladder, the round log and the agreement.
--
-- Issue values (quote, target, floor, the customer estimates, step positions and sizes,
-- traded, conceded, received and agreed amounts) are INTEGER hundredths of the issue's
-- unit: for a money issue (unit 'yuan') that is fen, for days/years/% it is 1/100 day,
-- year or point. So 3,100,000 yuan is 310000000 and 30 days is 3000.
--
-- opportunity_id points at opportunities(id) (migration 0003) but carries no foreign key,
-- so this migration does not depend on that table's content; the handler checks it.

CREATE TABLE negotiation_worksheets (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  opportunity_id TEXT,
  notes TEXT,
  -- Set when the whole agreement was confirmed with the other side.
  agreement_confirmed_at TEXT,
  -- Touched on every plan save so the row's version moves with any change to the plan.
  plan_saved_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX negotiation_worksheets_opportunity ON negotiation_worksheets(opportunity_id) WHERE opportunity_id IS NOT NULL;

CREATE TABLE negotiation_issues (
  id TEXT PRIMARY KEY,
  worksheet_id TEXT NOT NULL REFERENCES negotiation_worksheets(id),
  sort_order INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('price','payment','service','delivery','custom')),
  name TEXT NOT NULL,
  unit TEXT NOT NULL,
  direction TEXT NOT NULL CHECK (direction IN ('higher','lower')),
  quote INTEGER,
  target INTEGER,
  floor INTEGER,
  our_priority INTEGER NOT NULL CHECK (our_priority BETWEEN 1 AND 4),
  their_priority INTEGER NOT NULL CHECK (their_priority BETWEEN 1 AND 4),
  their_opening INTEGER,
  their_floor INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX negotiation_issues_worksheet ON negotiation_issues(worksheet_id, sort_order);

CREATE TABLE negotiation_team_members (
  id TEXT PRIMARY KEY,
  worksheet_id TEXT NOT NULL REFERENCES negotiation_worksheets(id),
  sort_order INTEGER NOT NULL,
  name TEXT NOT NULL,
  title TEXT,
  role TEXT NOT NULL CHECK (role IN ('coordinator','decisionMaker','negotiator')),
  -- The topic a negotiator handles (one issue of the worksheet); null for other roles.
  topic_issue_id TEXT REFERENCES negotiation_issues(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX negotiation_team_worksheet ON negotiation_team_members(worksheet_id);

-- One concession step of an issue's ladder. The user types either the position after the
-- step (entered = 'position') or the size of the step (entered = 'size'); the other is
-- derived from the previous position (domain.ts), so only the typed one is stored.
CREATE TABLE negotiation_steps (
  id TEXT PRIMARY KEY,
  worksheet_id TEXT NOT NULL REFERENCES negotiation_worksheets(id),
  issue_id TEXT NOT NULL REFERENCES negotiation_issues(id),
  step_no INTEGER NOT NULL CHECK (step_no >= 1),
  entered TEXT NOT NULL CHECK (entered IN ('position','size')),
  position INTEGER,
  size INTEGER,
  exchange TEXT NOT NULL DEFAULT '',
  traded_issue_id TEXT REFERENCES negotiation_issues(id),
  traded_amount INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT,
  CHECK ((entered = 'position' AND size IS NULL) OR (entered = 'size' AND position IS NULL))
);
CREATE INDEX negotiation_steps_issue ON negotiation_steps(issue_id, step_no);

-- The round log is a record of what happened: rows are inserted (and struck out by soft
-- delete when entered by mistake), never edited.
CREATE TABLE negotiation_rounds (
  id TEXT PRIMARY KEY,
  worksheet_id TEXT NOT NULL REFERENCES negotiation_worksheets(id),
  round_no INTEGER NOT NULL CHECK (round_no >= 1),
  held_on TEXT,
  their_demand TEXT NOT NULL DEFAULT '',
  our_response TEXT NOT NULL DEFAULT '',
  conceded_text TEXT NOT NULL DEFAULT '',
  conceded_issue_id TEXT REFERENCES negotiation_issues(id),
  conceded_amount INTEGER,
  received_text TEXT NOT NULL DEFAULT '',
  received_issue_id TEXT REFERENCES negotiation_issues(id),
  received_amount INTEGER,
  -- docs/en/negotiation.md, leaving the table: they exceed authority · a demand we cannot meet ·
  -- we need inside information · we wait for outside news.
  timeout_reason TEXT CHECK (timeout_reason IS NULL OR timeout_reason IN ('authority','cannotMeet','insideInfo','outsideNews')),
  timeout_note TEXT NOT NULL DEFAULT '',
  -- "Confirm after every round": the round's notes were confirmed with the other side.
  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX negotiation_rounds_worksheet ON negotiation_rounds(worksheet_id, round_no);

-- The final agreement, term by term (usually one per issue, plus free terms).
CREATE TABLE negotiation_agreement_terms (
  id TEXT PRIMARY KEY,
  worksheet_id TEXT NOT NULL REFERENCES negotiation_worksheets(id),
  sort_order INTEGER NOT NULL,
  issue_id TEXT REFERENCES negotiation_issues(id),
  term TEXT NOT NULL DEFAULT '',
  agreed_value INTEGER,
  confirmed INTEGER NOT NULL DEFAULT 0 CHECK (confirmed IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX negotiation_terms_worksheet ON negotiation_agreement_terms(worksheet_id, sort_order);
