-- Rows that change territory, and the batch a change belongs to (issue 21).
--
-- arrive / leave: written by the server, never pushed, when an update moves a row (and the rows
-- that take their territory from it) from one territory to another. `leave` is filed under the
-- old territory, `arrive` (the whole row) under the new one; other_territory names the other
-- side. A person who may see both sides is sent neither: the update itself is enough for them.
--
-- batch_id: the change log's batch (a Pareto application, an import), so another person's
-- grade history names the rule that graded the account. The rule itself (grade_batches) is now
-- filed under the territory it graded (scope_territory_id), team-wide when it graded them all;
-- reps and managers see team-wide accounts rows, which are only those. They see team-wide
-- receivables rows too (the provision rates in force, and bookings' headers), so their aging
-- uses the team's rates.
--
-- people: the reps table (the team's directory) gets a family of its own that everyone sees, so
-- a deal that moved in from another territory, or its events, never name a person the book lacks.
-- Writing a person stays the admin's, or a manager's for the territories they lead.

SET LOCAL ROLE sw_owner;
ALTER TABLE changes DROP CONSTRAINT changes_op_check;
ALTER TABLE changes ADD CONSTRAINT changes_op_check CHECK (op IN ('insert', 'update', 'delete', 'restore', 'arrive', 'leave'));
ALTER TABLE changes ADD COLUMN other_territory TEXT;
ALTER TABLE changes ADD COLUMN batch_id TEXT;

CREATE OR REPLACE FUNCTION sw_families(p_role TEXT, p_what TEXT) RETURNS TEXT[]
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN p_role = 'admin' AND p_what IN ('see-everywhere', 'write-everywhere')
      THEN ARRAY['org', 'people', 'accounts', 'pipeline', 'negotiation', 'training', 'receivables', 'settings']
    WHEN p_role = 'finance' AND p_what = 'see-everywhere' THEN ARRAY['receivables', 'accounts', 'org', 'people', 'settings']
    WHEN p_role = 'finance' AND p_what = 'write-everywhere' THEN ARRAY['receivables', 'accounts']
    WHEN p_role = 'trainer' AND p_what = 'see-everywhere' THEN ARRAY['negotiation', 'training', 'org', 'people', 'settings']
    WHEN p_role = 'trainer' AND p_what = 'write-everywhere' THEN ARRAY['negotiation', 'training']
    WHEN p_role IN ('rep', 'manager') AND p_what = 'see-everywhere' THEN ARRAY['people']
    WHEN p_role IN ('rep', 'manager') AND p_what = 'see-teamwide' THEN ARRAY['org', 'settings', 'accounts', 'receivables']
    WHEN p_role = 'manager' AND p_what IN ('see-territory', 'write-territory')
      THEN ARRAY['org', 'people', 'accounts', 'pipeline', 'negotiation', 'training', 'receivables', 'settings']
    WHEN p_role = 'rep' AND p_what = 'see-territory'
      THEN ARRAY['org', 'accounts', 'pipeline', 'negotiation', 'training', 'receivables', 'settings']
    WHEN p_role = 'rep' AND p_what = 'write-territory' THEN ARRAY['accounts', 'pipeline', 'negotiation', 'training', 'receivables']
    ELSE '{}'::TEXT[]
  END
$$;

-- Re-file a team's existing gradings. The owner reads past row-level security only while it is
-- not forced, inside this migration's transaction.
ALTER TABLE rows NO FORCE ROW LEVEL SECURITY;
ALTER TABLE changes NO FORCE ROW LEVEL SECURITY;
UPDATE rows SET territory_id = data ->> 'scope_territory_id' WHERE table_name = 'grade_batches';
UPDATE rows SET family = 'people' WHERE table_name = 'reps';
UPDATE changes SET family = 'people' WHERE table_name = 'reps';
UPDATE changes SET territory_id = changes -> 'scope_territory_id' ->> 1 WHERE table_name = 'grade_batches' AND op = 'insert';
ALTER TABLE rows FORCE ROW LEVEL SECURITY;
ALTER TABLE changes FORCE ROW LEVEL SECURITY;
RESET ROLE;
