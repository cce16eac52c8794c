-- The accounts grid pages through live accounts (ag-grid's infinite row model) in name
-- order by default, ties by id, with LIMIT/OFFSET, often scoped to a territory or a rep.
-- These indexes answer a page in that order without sorting the book (100,000 accounts),
-- and the scoped ones still serve every lookup by territory or owner alone.
CREATE INDEX accounts_live_name ON accounts(name, id) WHERE deleted_at IS NULL;
DROP INDEX accounts_territory;
CREATE INDEX accounts_territory ON accounts(territory_id, name, id) WHERE deleted_at IS NULL;
DROP INDEX accounts_owner;
CREATE INDEX accounts_owner ON accounts(owner_id, name, id) WHERE deleted_at IS NULL;
