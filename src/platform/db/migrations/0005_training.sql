-- Negotiation role-play training (docs/en/training.md): a session holds its case (issues with
-- five outcome levels defined per side), the teams on each side, each team's secret
-- priority order and its guess of the other side's order, rounds, the pairings of each
-- round and the outcome of every pairing on every issue. Scores are never stored: they
-- are computed from these rows by src/features/training/domain.ts.

CREATE TABLE training_sessions (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  session_date TEXT NOT NULL,
  case_description TEXT,
  time_limit_minutes INTEGER NOT NULL DEFAULT 30 CHECK (time_limit_minutes BETWEEN 1 AND 240),
  trainer_notes TEXT,
  -- What an unsigned pairing scores when time runs out: 'zero' (the seeds' rule: broken
  -- off, 0 for both), 'asEntered' (score the terms written down anyway) or 'fixedLevel'
  -- (every issue at broken_off_level for both sides, like a fallback offer).
  broken_off_rule TEXT NOT NULL DEFAULT 'zero' CHECK (broken_off_rule IN ('zero', 'asEntered', 'fixedLevel')),
  broken_off_level INTEGER CHECK (broken_off_level IS NULL OR broken_off_level BETWEEN 1 AND 5),
  -- Priorities stay off the projected room view until the trainer opens the debrief.
  debrief_open INTEGER NOT NULL DEFAULT 0 CHECK (debrief_open IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX training_sessions_date ON training_sessions(session_date) WHERE deleted_at IS NULL;

-- An issue (bargaining chip) of the case. `issue_key` names the standard chips (price,
-- payment, service, delivery) so labels translate; custom issues have a null key.
-- vendor_term_<N> / customer_term_<N> (N = one..five; column names carry no digits): what
-- outcome level N means for that side (level five is the side's best), used to map an agreed term to both sides' levels.
CREATE TABLE training_issues (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  issue_key TEXT,
  name TEXT NOT NULL,
  position INTEGER NOT NULL,
  vendor_term_one TEXT, vendor_term_two TEXT, vendor_term_three TEXT, vendor_term_four TEXT, vendor_term_five TEXT,
  customer_term_one TEXT, customer_term_two TEXT, customer_term_three TEXT, customer_term_four TEXT, customer_term_five TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX training_issues_session ON training_issues(session_id);

CREATE TABLE training_teams (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  name TEXT NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('vendor', 'customer')),
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX training_teams_session ON training_teams(session_id);
CREATE UNIQUE INDEX training_teams_name ON training_teams(session_id, name) WHERE deleted_at IS NULL;

-- A team's own secret order (1 = most important).
CREATE TABLE training_priorities (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  team_id TEXT NOT NULL REFERENCES training_teams(id),
  issue_id TEXT NOT NULL REFERENCES training_issues(id),
  priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 6),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX training_priorities_team_issue ON training_priorities(team_id, issue_id) WHERE deleted_at IS NULL;
CREATE INDEX training_priorities_session ON training_priorities(session_id);

-- A team's guess of the other side's order.
CREATE TABLE training_guesses (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  team_id TEXT NOT NULL REFERENCES training_teams(id),
  issue_id TEXT NOT NULL REFERENCES training_issues(id),
  guessed_priority INTEGER NOT NULL CHECK (guessed_priority BETWEEN 1 AND 6),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX training_guesses_team_issue ON training_guesses(team_id, issue_id) WHERE deleted_at IS NULL;
CREATE INDEX training_guesses_session ON training_guesses(session_id);

CREATE TABLE training_rounds (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  round_no INTEGER NOT NULL CHECK (round_no >= 1),
  -- Null: the session's time limit.
  time_limit_minutes INTEGER CHECK (time_limit_minutes IS NULL OR time_limit_minutes BETWEEN 1 AND 240),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX training_rounds_no ON training_rounds(session_id, round_no) WHERE deleted_at IS NULL;

-- One negotiation table of a round. Several vendor teams may face the same customer team
-- (the seeds' three suppliers competing for one project).
CREATE TABLE training_pairings (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  round_id TEXT NOT NULL REFERENCES training_rounds(id),
  label TEXT NOT NULL,
  vendor_team_id TEXT NOT NULL REFERENCES training_teams(id),
  customer_team_id TEXT NOT NULL REFERENCES training_teams(id),
  signed INTEGER NOT NULL DEFAULT 0 CHECK (signed IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX training_pairings_session ON training_pairings(session_id);
CREATE UNIQUE INDEX training_pairings_label ON training_pairings(round_id, label) WHERE deleted_at IS NULL;

-- The agreed outcome of a pairing on an issue, as each side's level; `term` keeps the
-- agreed term when it was entered as one (mapped to levels by the issue's definitions).
CREATE TABLE training_outcomes (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES training_sessions(id),
  pairing_id TEXT NOT NULL REFERENCES training_pairings(id),
  issue_id TEXT NOT NULL REFERENCES training_issues(id),
  term TEXT,
  vendor_level INTEGER NOT NULL CHECK (vendor_level BETWEEN 1 AND 5),
  customer_level INTEGER NOT NULL CHECK (customer_level BETWEEN 1 AND 5),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX training_outcomes_pairing_issue ON training_outcomes(pairing_id, issue_id) WHERE deleted_at IS NULL;
CREATE INDEX training_outcomes_session ON training_outcomes(session_id);
