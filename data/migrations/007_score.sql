-- 007: the natural key of a score entry (SPEC §6: re-importing the same file changes nothing),
-- and the month's index made covering for the red-flag contest.
-- An org has at most one entry per month, category and reason; an import upserts the points on
-- that key. The unique index also serves every lookup by org (it replaces score_entry_org).
DROP INDEX score_entry_org;
CREATE UNIQUE INDEX score_entry_key ON score_entry(org_id, month, category, reason);
-- `score rank` and the monthly report sum a month's points per org and category: read in
-- this index's order, without visiting the table or sorting.
DROP INDEX score_entry_month;
CREATE INDEX score_entry_month ON score_entry(month, org_id, category, points);
