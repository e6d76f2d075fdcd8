-- 009: score_entry is kept in the order it is read in: by month. `score rank`, the monthly and
-- annual reports and `score list` read a month's (or a range of months') entries; the natural key
-- (SPEC §6: one entry per org, month, category and reason) becomes the table's primary key in
-- that order (month first), and the table has no rowid. One B-tree then holds what the table and
-- its two indexes held before (score_entry_key and score_entry_month): a score import of 1M rows
-- writes about 80 bytes a row instead of 118, and appends to the table in the order it sorts its
-- rows (lib/src/import/scores.cpp). score_entry_org serves the foreign key (an org deleted, as
-- by `db undo`, finds its entries without reading the table) and every lookup by org.
--
-- Nothing refers to a score entry's id (the audit trail recorded the rows, not references), so
-- the table is rebuilt: the entries are copied in key order, and the old table goes.
CREATE TABLE score_entry_by_month (
    month    TEXT NOT NULL,                 -- YYYY-MM
    org_id   INTEGER NOT NULL REFERENCES org(id),
    category TEXT NOT NULL CHECK (category IN ('party_affairs', 'activity', 'suggestion', 'bonus',
                                               'penalty')),
    reason   TEXT NOT NULL DEFAULT '',
    points   INTEGER NOT NULL,
    PRIMARY KEY (month, org_id, category, reason)
) STRICT, WITHOUT ROWID;
INSERT INTO score_entry_by_month(month, org_id, category, reason, points)
    SELECT month, org_id, category, reason, points FROM score_entry
    ORDER BY month, org_id, category, reason;
DROP TABLE score_entry;
ALTER TABLE score_entry_by_month RENAME TO score_entry;
CREATE INDEX score_entry_org ON score_entry(org_id);
