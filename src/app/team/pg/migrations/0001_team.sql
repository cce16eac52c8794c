-- The team's book (issue 21): a generic row store of the desktop book's synced tables, the
-- ordered change list clients pull, per-person conflicts, people and sessions.
--
-- Roles (cluster-wide, created once): sw_owner owns every table and is NOT a superuser, so
-- FORCE ROW LEVEL SECURITY applies to it too; sw_app runs every request after the request's
-- identity is set (set_config('sw.person_id', id, true)); sw_auth reads people and sessions
-- for sign-in, before anyone's identity is known. None can log in; the server's connection
-- (the migration runner's) switches with SET LOCAL ROLE inside each transaction. sw_lookup owns
-- the two functions that tell a push whether ids exist at all (ids only, never content), so a
-- change id or row id taken in a territory the pusher cannot see is refused, not a crash.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sw_owner') THEN CREATE ROLE sw_owner NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sw_app') THEN CREATE ROLE sw_app NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sw_auth') THEN CREATE ROLE sw_auth NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sw_lookup') THEN CREATE ROLE sw_lookup NOLOGIN; END IF;
END
$$;
GRANT sw_owner, sw_app, sw_auth, sw_lookup TO CURRENT_USER;
GRANT USAGE, CREATE ON SCHEMA public TO sw_owner;
GRANT USAGE ON SCHEMA public TO sw_app, sw_auth, sw_lookup;
GRANT CREATE ON SCHEMA public TO sw_lookup;

SET LOCAL ROLE sw_owner;

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'rep', 'finance', 'trainer')),
  territory_id TEXT,
  password_hash TEXT,
  invite_code_hash TEXT,
  deactivated_at TIMESTAMPTZ
);

-- The territories a person works in: a rep's own, the ones a manager leads.
CREATE TABLE person_territories (
  person_id TEXT NOT NULL REFERENCES people(id),
  territory_id TEXT NOT NULL,
  PRIMARY KEY (person_id, territory_id)
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  expires_at TIMESTAMPTZ NOT NULL
);

-- The last position handed out. One row, updated under the push lock, so positions have no gaps.
CREATE TABLE team_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position BIGINT NOT NULL
);
INSERT INTO team_state (id, position) VALUES (1, 0);

-- family and territory_id are derived by the server from SYNCED_TABLES (protocol.ts); the
-- policies read them. data holds every column as the SQLite row has it.
CREATE TABLE rows (
  table_name TEXT NOT NULL,
  id TEXT NOT NULL,
  family TEXT NOT NULL,
  territory_id TEXT,
  data JSONB NOT NULL,
  deleted_at TEXT,
  position BIGINT NOT NULL,
  PRIMARY KEY (table_name, id)
);
CREATE INDEX rows_territory ON rows (territory_id);
-- The allocation invariant sums an invoice's (a payment's) live allocations on every push.
CREATE INDEX rows_allocation_invoice ON rows ((data ->> 'invoice_id')) WHERE table_name = 'rcv_allocations' AND deleted_at IS NULL;
CREATE INDEX rows_allocation_payment ON rows ((data ->> 'payment_id')) WHERE table_name = 'rcv_allocations' AND deleted_at IS NULL;

CREATE TABLE changes (
  position BIGINT NOT NULL UNIQUE,
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  family TEXT NOT NULL,
  territory_id TEXT,
  op TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete', 'restore')),
  changes JSONB NOT NULL,
  client_at TEXT NOT NULL,
  server_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX changes_row ON changes (table_name, row_id, position);

CREATE TABLE conflicts (
  id TEXT PRIMARY KEY,
  position BIGINT,
  person_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  row_id TEXT NOT NULL,
  family TEXT NOT NULL,
  territory_id TEXT,
  field TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('same-field', 'edit-on-deleted', 'rejected')),
  mine JSONB,
  theirs JSONB,
  reason TEXT,
  resolved_at TIMESTAMPTZ
);
CREATE INDEX conflicts_person ON conflicts (person_id) WHERE resolved_at IS NULL;

-- Who may see and write what, as three lists per person (SECURITY DEFINER: they read people
-- as sw_owner, whatever the caller may read). The policies call them inside scalar subqueries,
-- so each is evaluated once per statement, not once per row (a snapshot reads 100,000 rows).
--   everywhere: families in every territory and team-wide;
--   teamwide:   families of rows without a territory;
--   territories + territory families: what a person sees (writes) in their own territories.
-- See: admin everything; rep and manager their territories plus team-wide org/settings;
-- finance receivables and accounts everywhere plus org/settings; trainer negotiation and
-- training plus org/settings. Write: less. The organisation (territories, people, who leads
-- what, stages) and team-wide settings are the admin's; a manager also edits people in the
-- territories they lead, a rep everything of their territory but its org rows. Finance writes
-- receivables everywhere and, in accounts, only the receivable figure (checked in the server);
-- a trainer writes negotiation and training only.
CREATE FUNCTION sw_role() RETURNS TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT role FROM people WHERE id = current_setting('sw.person_id', true) AND deactivated_at IS NULL
$$;

CREATE FUNCTION sw_my_territories() RETURNS TEXT[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(array_agg(t.territory_id), '{}') FROM person_territories t JOIN people p ON p.id = t.person_id
  WHERE p.id = current_setting('sw.person_id', true) AND p.deactivated_at IS NULL AND p.role IN ('rep', 'manager')
$$;

CREATE FUNCTION sw_families(p_role TEXT, p_what TEXT) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_role = 'admin' AND p_what IN ('see-everywhere', 'write-everywhere')
      THEN ARRAY['org', 'accounts', 'pipeline', 'negotiation', 'training', 'receivables', 'settings']
    WHEN p_role = 'finance' AND p_what = 'see-everywhere' THEN ARRAY['receivables', 'accounts', 'org', 'settings']
    WHEN p_role = 'finance' AND p_what = 'write-everywhere' THEN ARRAY['receivables', 'accounts']
    WHEN p_role = 'trainer' AND p_what = 'see-everywhere' THEN ARRAY['negotiation', 'training', 'org', 'settings']
    WHEN p_role = 'trainer' AND p_what = 'write-everywhere' THEN ARRAY['negotiation', 'training']
    WHEN p_role IN ('rep', 'manager') AND p_what = 'see-teamwide' THEN ARRAY['org', 'settings']
    WHEN p_role = 'manager' AND p_what IN ('see-territory', 'write-territory')
      THEN ARRAY['org', 'accounts', 'pipeline', 'negotiation', 'training', 'receivables', 'settings']
    WHEN p_role = 'rep' AND p_what = 'see-territory'
      THEN ARRAY['org', 'accounts', 'pipeline', 'negotiation', 'training', 'receivables', 'settings']
    WHEN p_role = 'rep' AND p_what = 'write-territory' THEN ARRAY['accounts', 'pipeline', 'negotiation', 'training', 'receivables']
    ELSE '{}'::TEXT[]
  END
$$;

CREATE FUNCTION sw_may(p_what TEXT, p_family TEXT, p_territory TEXT, p_role TEXT, p_territories TEXT[]) RETURNS BOOLEAN
LANGUAGE sql IMMUTABLE AS $$
  SELECT p_family = ANY (sw_families(p_role, p_what || '-everywhere'))
    OR (p_territory IS NULL AND p_family = ANY (sw_families(p_role, p_what || '-teamwide')))
    OR (p_territory = ANY (p_territories) AND p_family = ANY (sw_families(p_role, p_what || '-territory')))
$$;

-- The policies' lists, one call per statement (inside a scalar subquery: an InitPlan).
CREATE FUNCTION sw_scope(p_what TEXT) RETURNS TEXT[] LANGUAGE sql STABLE AS $$
  SELECT sw_families(sw_role(), p_what)
$$;

-- For the server's own checks (one row at a time).
CREATE FUNCTION sw_may_see(p_family TEXT, p_territory TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT coalesce(sw_may('see', p_family, p_territory, sw_role(), sw_my_territories()), false)
$$;
CREATE FUNCTION sw_may_write(p_family TEXT, p_territory TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT coalesce(sw_may('write', p_family, p_territory, sw_role(), sw_my_territories()), false)
$$;

CREATE FUNCTION sw_person() RETURNS TEXT LANGUAGE sql STABLE AS $$ SELECT current_setting('sw.person_id', true) $$;

ALTER TABLE people ENABLE ROW LEVEL SECURITY;
ALTER TABLE people FORCE ROW LEVEL SECURITY;
ALTER TABLE person_territories ENABLE ROW LEVEL SECURITY;
ALTER TABLE person_territories FORCE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
ALTER TABLE team_state ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_state FORCE ROW LEVEL SECURITY;
ALTER TABLE rows ENABLE ROW LEVEL SECURITY;
ALTER TABLE rows FORCE ROW LEVEL SECURITY;
ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE changes FORCE ROW LEVEL SECURITY;
ALTER TABLE conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE conflicts FORCE ROW LEVEL SECURITY;

-- Sign-in and the policy functions (sw_owner) read people; sw_app sees only its own person.
CREATE POLICY auth_all ON people TO sw_auth, sw_owner USING (true) WITH CHECK (true);
CREATE POLICY self ON people FOR SELECT TO sw_app USING (id = sw_person());
CREATE POLICY auth_all ON person_territories TO sw_auth, sw_owner USING (true) WITH CHECK (true);
CREATE POLICY self ON person_territories FOR SELECT TO sw_app USING (person_id = sw_person());
CREATE POLICY auth_all ON sessions TO sw_auth USING (true) WITH CHECK (true);

CREATE POLICY everyone ON team_state TO sw_app USING (true) WITH CHECK (true);

CREATE POLICY see ON rows FOR SELECT
  USING (family = ANY ((SELECT sw_scope('see-everywhere'))::TEXT[])
    OR (territory_id IS NULL AND family = ANY ((SELECT sw_scope('see-teamwide'))::TEXT[]))
    OR (territory_id = ANY ((SELECT sw_my_territories())::TEXT[]) AND family = ANY ((SELECT sw_scope('see-territory'))::TEXT[])));
CREATE POLICY add ON rows FOR INSERT
  WITH CHECK (family = ANY ((SELECT sw_scope('write-everywhere'))::TEXT[])
    OR (territory_id IS NULL AND family = ANY ((SELECT sw_scope('write-teamwide'))::TEXT[]))
    OR (territory_id = ANY ((SELECT sw_my_territories())::TEXT[]) AND family = ANY ((SELECT sw_scope('write-territory'))::TEXT[])));
CREATE POLICY edit ON rows FOR UPDATE
  USING (family = ANY ((SELECT sw_scope('write-everywhere'))::TEXT[])
    OR (territory_id IS NULL AND family = ANY ((SELECT sw_scope('write-teamwide'))::TEXT[]))
    OR (territory_id = ANY ((SELECT sw_my_territories())::TEXT[]) AND family = ANY ((SELECT sw_scope('write-territory'))::TEXT[])))
  WITH CHECK (family = ANY ((SELECT sw_scope('write-everywhere'))::TEXT[])
    OR (territory_id IS NULL AND family = ANY ((SELECT sw_scope('write-teamwide'))::TEXT[]))
    OR (territory_id = ANY ((SELECT sw_my_territories())::TEXT[]) AND family = ANY ((SELECT sw_scope('write-territory'))::TEXT[])));

CREATE POLICY see ON changes FOR SELECT
  USING (family = ANY ((SELECT sw_scope('see-everywhere'))::TEXT[])
    OR (territory_id IS NULL AND family = ANY ((SELECT sw_scope('see-teamwide'))::TEXT[]))
    OR (territory_id = ANY ((SELECT sw_my_territories())::TEXT[]) AND family = ANY ((SELECT sw_scope('see-territory'))::TEXT[])));
CREATE POLICY add ON changes FOR INSERT
  WITH CHECK (person_id = (SELECT sw_person())
    AND family = ANY ((SELECT sw_scope('write-everywhere'))::TEXT[])
    OR (territory_id IS NULL AND family = ANY ((SELECT sw_scope('write-teamwide'))::TEXT[]))
    OR (territory_id = ANY ((SELECT sw_my_territories())::TEXT[]) AND family = ANY ((SELECT sw_scope('write-territory'))::TEXT[])));

-- A conflict is written for whoever lost (possibly another person) about a row the writer may see.
CREATE POLICY see ON conflicts FOR SELECT USING (person_id = sw_person());
CREATE POLICY add ON conflicts FOR INSERT WITH CHECK (sw_may_see(family, territory_id));
CREATE POLICY resolve ON conflicts FOR UPDATE USING (person_id = sw_person()) WITH CHECK (person_id = sw_person());

GRANT SELECT, INSERT, UPDATE ON people, person_territories, sessions TO sw_auth;
GRANT DELETE ON sessions TO sw_auth;
GRANT SELECT ON people, person_territories TO sw_app;
GRANT SELECT, UPDATE ON team_state TO sw_app;
GRANT SELECT, INSERT, UPDATE ON rows, changes, conflicts TO sw_app;
GRANT EXECUTE ON FUNCTION sw_may_see(TEXT, TEXT), sw_may_write(TEXT, TEXT), sw_person(), sw_role(), sw_my_territories(), sw_scope(TEXT) TO sw_app, sw_auth;

-- Existence of ids, whoever may see them: a retried push must not apply a change twice, and an
-- insert must not collide with a row of another territory. Answers ids only.
CREATE POLICY lookup ON changes FOR SELECT TO sw_lookup USING (true);
CREATE POLICY lookup ON conflicts FOR SELECT TO sw_lookup USING (true);
CREATE POLICY lookup ON rows FOR SELECT TO sw_lookup USING (true);
GRANT SELECT (id) ON changes, conflicts TO sw_lookup;
GRANT SELECT (table_name, id) ON rows TO sw_lookup;
RESET ROLE;

CREATE FUNCTION sw_known_change_ids(p_ids TEXT[]) RETURNS SETOF TEXT
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id FROM changes WHERE id = ANY (p_ids) UNION SELECT id FROM conflicts WHERE id = ANY (p_ids)
$$;
CREATE FUNCTION sw_existing_rows(p_tables TEXT[], p_ids TEXT[]) RETURNS TABLE (table_name TEXT, id TEXT)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.table_name, r.id FROM rows r JOIN unnest(p_tables, p_ids) AS k(t, i) ON r.table_name = k.t AND r.id = k.i
$$;
ALTER FUNCTION sw_known_change_ids(TEXT[]) OWNER TO sw_lookup;
ALTER FUNCTION sw_existing_rows(TEXT[], TEXT[]) OWNER TO sw_lookup;
REVOKE EXECUTE ON FUNCTION sw_known_change_ids(TEXT[]), sw_existing_rows(TEXT[], TEXT[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sw_known_change_ids(TEXT[]), sw_existing_rows(TEXT[], TEXT[]) TO sw_app;
