-- The organisation: the people of the team, not only reps. The table keeps its name
-- `reps` (every owner_id / prev_owner_id / scope_owner_id foreign key names it, and the
-- ids stay the same), and gains:
--   role            rep, manager, finance, trainer or admin (every existing row is a rep);
--   territory_id    now nullable: the territory a rep works; only reps have one;
--   deactivated_at  a person who left: kept (history, grades and old opportunities still
--                   name them) but no longer offered as an owner.
-- A manager leads territories through manager_territories (a territory may have several
-- leaders; a link removed is soft-deleted, as every synced row).
--
-- SQLite cannot drop NOT NULL in place, so the table is rebuilt. Foreign keys stay on:
-- with them deferred, dropping the old table counts every child row as a violation and
-- inserting the same ids back counts each one resolved, so the commit proves no
-- reference was lost.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE reps_before_0009 AS SELECT * FROM reps;
DROP TABLE reps;

CREATE TABLE reps (
  id TEXT PRIMARY KEY,
  territory_id TEXT REFERENCES territories(id),
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  email TEXT,
  role TEXT NOT NULL DEFAULT 'rep' CHECK (role IN ('rep','manager','finance','trainer','admin')),
  deactivated_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT,
  CHECK ((role = 'rep') = (territory_id IS NOT NULL))
);
INSERT INTO reps (id, territory_id, name_zh, name_en, email, role, deactivated_at, created_at, updated_at, version, deleted_at)
  SELECT id, territory_id, name_zh, name_en, email, 'rep', NULL, created_at, updated_at, version, deleted_at FROM temp.reps_before_0009;
DROP TABLE temp.reps_before_0009;
CREATE INDEX reps_territory ON reps(territory_id);

CREATE TABLE manager_territories (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES reps(id),
  territory_id TEXT NOT NULL REFERENCES territories(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  deleted_at TEXT
);
CREATE UNIQUE INDEX manager_territories_link ON manager_territories(person_id, territory_id) WHERE deleted_at IS NULL;
CREATE INDEX manager_territories_territory ON manager_territories(territory_id);
