-- Placeholder on branch `org` only: migration 0008 belongs to a parallel branch, and the
-- loader needs numbers without gaps. Drop this file when merging that branch's 0008.
SELECT 1;
