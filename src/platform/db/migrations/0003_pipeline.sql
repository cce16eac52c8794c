-- Pipeline (docs/en/pipeline.md): stage models and their stages, opportunities with their
-- qualification, key information, competitive points and pain points, the append-only
-- opportunity_events that let the pipeline be reconstructed as of any date, and the
-- commitments recorded during the weekly review.

CREATE TABLE stage_models (
  id TEXT PRIMARY KEY,
  -- 'default' | 'erp' | 'project' for the built-ins, NULL for a model a user adds.
  builtin TEXT UNIQUE,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);

CREATE TABLE stages (
  id TEXT PRIMARY KEY,
  model_id TEXT NOT NULL REFERENCES stage_models(id),
  position INTEGER NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  -- Success probability in basis points (6000 = 60 %), used for the weighted forecast.
  probability_bp INTEGER NOT NULL CHECK (probability_bp BETWEEN 0 AND 10000),
  milestone TEXT,
  exit_criterion TEXT,
  -- Set when the user switched away from this stage's model: the stage of the new model
  -- its opportunities were mapped to. History keeps the old stage ids; reports follow this.
  mapped_to_stage_id TEXT REFERENCES stages(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX stages_model ON stages(model_id, position);

CREATE TABLE opportunities (
  id TEXT PRIMARY KEY,
  -- The identifier a spreadsheet gave it (import Id); unique among live rows.
  ref TEXT,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  account_id TEXT NOT NULL REFERENCES accounts(id),
  owner_id TEXT NOT NULL REFERENCES reps(id),
  name TEXT NOT NULL,
  amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
  expected_close TEXT NOT NULL,
  stage_id TEXT NOT NULL REFERENCES stages(id),
  -- NULL: the stage's probability applies.
  probability_bp INTEGER CHECK (probability_bp IS NULL OR probability_bp BETWEEN 0 AND 10000),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
  close_reason TEXT,
  closed_on TEXT,
  created_on TEXT NOT NULL,
  -- When it entered its current stage (or was reopened there): days in stage, stalled.
  stage_since TEXT NOT NULL,
  next_step TEXT,
  next_step_date TEXT,
  -- Qualification checklist (判断销售机会, MAN): 1 yes, 0 no, NULL not yet known.
  q_budget INTEGER, q_fit INTEGER, q_can_win INTEGER, q_worth INTEGER, q_strength INTEGER, q_near INTEGER,
  man_money INTEGER, man_authority INTEGER, man_need INTEGER,
  -- Key information (关键信息).
  info_schedule TEXT, info_budget TEXT, info_requirement TEXT, info_decision TEXT,
  info_competition TEXT, info_evaluation TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX opportunities_territory ON opportunities(territory_id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_owner ON opportunities(owner_id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_account ON opportunities(account_id);
CREATE INDEX opportunities_stage ON opportunities(stage_id);
CREATE UNIQUE INDEX opportunities_ref ON opportunities(ref) WHERE ref IS NOT NULL AND deleted_at IS NULL;
-- Covers the review's read of every open opportunity's current state (no table rows read).
CREATE INDEX opportunities_state ON opportunities(status, id, account_id, territory_id, stage_id, amount_fen, expected_close, probability_bp, owner_id, stage_since) WHERE deleted_at IS NULL;

-- Competitive points (竞争策略): winning 优胜点, threat 威胁点, dormant 沉睡点.
CREATE TABLE opportunity_points (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  kind TEXT NOT NULL CHECK (kind IN ('winning', 'threat', 'dormant')),
  text TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX opportunity_points_opp ON opportunity_points(opportunity_id);

-- Pain points (痛点): which of the four impacts apply, and a severity 1..5.
CREATE TABLE opportunity_pains (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  text TEXT NOT NULL,
  impact_personal INTEGER NOT NULL DEFAULT 0,
  impact_interpersonal INTEGER NOT NULL DEFAULT 0,
  impact_present INTEGER NOT NULL DEFAULT 0,
  impact_future INTEGER NOT NULL DEFAULT 0,
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX opportunity_pains_opp ON opportunity_pains(opportunity_id);

-- One row per change of stage, amount, close date, probability, owner or status, carrying
-- the opportunity's whole tracked state from `date` on, and (prev_*) the state before it,
-- NULL for the first. Rows are inserted, never changed (the trigger below refuses it);
-- `seq` orders an opportunity's events, and an event is never dated before the previous
-- one, so the state as of D is the last row with date <= D.
-- The opportunities row always equals its last event's state (the service writes both).
CREATE TABLE opportunity_events (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  seq INTEGER NOT NULL,
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('create', 'change', 'remap', 'import')),
  stage_id TEXT NOT NULL REFERENCES stages(id),
  status TEXT NOT NULL CHECK (status IN ('open', 'won', 'lost')),
  amount_fen INTEGER NOT NULL,
  expected_close TEXT NOT NULL,
  probability_bp INTEGER,
  owner_id TEXT NOT NULL REFERENCES reps(id),
  -- When it entered the stage it is in at this event: a history can start at any event.
  stage_since TEXT NOT NULL,
  prev_stage_id TEXT REFERENCES stages(id),
  prev_status TEXT CHECK (prev_status IS NULL OR prev_status IN ('open', 'won', 'lost')),
  prev_amount_fen INTEGER,
  prev_expected_close TEXT,
  prev_probability_bp INTEGER,
  prev_owner_id TEXT REFERENCES reps(id),
  prev_stage_since TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT,
  UNIQUE (opportunity_id, seq)
);
CREATE INDEX opportunity_events_asof ON opportunity_events(opportunity_id, date, seq);
CREATE INDEX opportunity_events_date ON opportunity_events(date);
-- The funnel's reads: an open opportunity leaving its stage (moved, won or lost), and wins.
CREATE INDEX opportunity_events_exits ON opportunity_events(date)
  WHERE prev_status = 'open' AND (status <> 'open' OR stage_id <> prev_stage_id);
CREATE INDEX opportunity_events_wins ON opportunity_events(date)
  WHERE status = 'won' AND (prev_status IS NULL OR prev_status <> 'won');

CREATE TRIGGER opportunity_events_no_update BEFORE UPDATE ON opportunity_events
BEGIN SELECT RAISE(ABORT, 'opportunity_events are inserted, never updated'); END;

-- A promise made in a weekly review: the opportunity's next step and its date. Whether it
-- was kept is worked out at the next review from the events (or from done_on).
CREATE TABLE commitments (
  id TEXT PRIMARY KEY,
  territory_id TEXT NOT NULL REFERENCES territories(id),
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  owner_id TEXT NOT NULL REFERENCES reps(id),
  review_date TEXT NOT NULL,
  step TEXT NOT NULL,
  due_date TEXT NOT NULL,
  done_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE INDEX commitments_review ON commitments(review_date);
CREATE INDEX commitments_opp ON commitments(opportunity_id);

-- The built-in stage models (fixed ids, so every book agrees on them). Seed 003's seven
-- stages are active; seed 002's ERP process and seed 004's project sales are alternatives.
-- Probabilities are defaults a user changes in Settings.
INSERT INTO stage_models (id, builtin, name_zh, name_en, active, created_at, updated_at) VALUES
  ('00000000-0000-7000-8000-000000000100', 'default', '销售漏斗（七阶段）', 'Sales funnel (7 stages)', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000200', 'erp', 'ERP 销售流程（八步）', 'ERP sales process (8 steps)', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000300', 'project', '项目型销售（八阶段）', 'Project sales (8 stages)', 0, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

INSERT INTO stages (id, model_id, position, name_zh, name_en, probability_bp, milestone, exit_criterion, created_at, updated_at) VALUES
  ('00000000-0000-7000-8000-000000000110', '00000000-0000-7000-8000-000000000100', 0, '收集资料', 'Gather information', 500, '建立客户档案', '判断销售机会真实可靠', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000111', '00000000-0000-7000-8000-000000000100', 1, '建立信任', 'Build trust', 1000, '首次拜访', '发展出内线（向导）', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000112', '00000000-0000-7000-8000-000000000100', 2, '挖掘需求', 'Uncover needs', 2500, '拜访决策者', '客户确认需求并立项', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000113', '00000000-0000-7000-8000-000000000100', 3, '呈现价值', 'Present value', 4000, '提交建议书', '方案通过评估', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000114', '00000000-0000-7000-8000-000000000100', 4, '赢取承诺', 'Win commitment', 6000, '识别购买信号', '客户做出购买承诺', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000115', '00000000-0000-7000-8000-000000000100', 5, '跟进任务', 'Follow-up / contract', 8000, '合同谈判', '合同签订', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000116', '00000000-0000-7000-8000-000000000100', 6, '收款', 'Collect payment', 9500, '交货验收', '货款收回', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000210', '00000000-0000-7000-8000-000000000200', 0, '名单', 'Prospect list', 500, '取得潜在客户名单', '判断客户等级，大致了解需求', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000211', '00000000-0000-7000-8000-000000000200', 1, '初访', 'First visit', 1000, '完成初访', '约定交流', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000212', '00000000-0000-7000-8000-000000000200', 2, '交流', 'Exchange', 2000, '需求交流', '约定系统演示', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000213', '00000000-0000-7000-8000-000000000200', 3, '系统演示 Demo', 'System demo', 3500, '有针对性的演示', '客户要求报价', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000214', '00000000-0000-7000-8000-000000000200', 4, '正式书面报价', 'Formal written quote', 5000, '提交书面报价', '客户反馈报价', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000215', '00000000-0000-7000-8000-000000000200', 5, '疑虑排除', 'Resolve concerns', 6500, '收集客户疑虑', '疑虑全部排除', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000216', '00000000-0000-7000-8000-000000000200', 6, '商务谈判', 'Business negotiation', 8000, '进入商务谈判', '条款达成一致', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000217', '00000000-0000-7000-8000-000000000200', 7, '签约', 'Contract signed', 9500, '合同用印', '合同生效', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000310', '00000000-0000-7000-8000-000000000300', 0, '电话邀约', 'Phone invitation', 500, '电话接通', '约定拜访', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000311', '00000000-0000-7000-8000-000000000300', 1, '客户拜访', 'Customer visit', 1000, '完成拜访', '客户同意接收方案', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000312', '00000000-0000-7000-8000-000000000300', 2, '提交初步方案', 'Preliminary proposal', 2000, '提交初步方案', '客户同意技术交流', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000313', '00000000-0000-7000-8000-000000000300', 3, '技术交流', 'Technical exchange', 3000, '技术交流会', '技术认可', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000314', '00000000-0000-7000-8000-000000000300', 4, '需求调研与正式方案确认', 'Requirements survey & formal proposal', 4500, '开始需求调研', '正式方案确认', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000315', '00000000-0000-7000-8000-000000000300', 5, '项目评估', 'Project evaluation', 6000, '进入评估', '评估通过', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000316', '00000000-0000-7000-8000-000000000300', 6, '商务谈判', 'Business negotiation', 8000, '进入商务谈判', '条款达成一致', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('00000000-0000-7000-8000-000000000317', '00000000-0000-7000-8000-000000000300', 7, '签约成交', 'Contract closed', 9500, '合同签订', '合同生效', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');
