-- 005: db undo. Each write that changed rows keeps, beside its audit entry and in the same
-- transaction, the changeset of SQLite's session extension (every table but audit and
-- audit_change), or why it kept none. An undo is itself a write with its own changeset; the
-- entries it took back point to it (undone_by).
CREATE TABLE audit_change (
    audit_id     INTEGER PRIMARY KEY REFERENCES audit(id),
    schema_version INTEGER NOT NULL,        -- user_version when recorded: applies to that schema
    changeset    BLOB,                      -- NULL: not recorded, see not_recorded
    not_recorded TEXT,                      -- why, e.g. 'bulk load of 250000 rows'
    undone_by    INTEGER REFERENCES audit(id), -- NULL: in effect
    undoes_from  INTEGER REFERENCES audit(id), -- an undo: took back every entry from this one
    CHECK ((changeset IS NULL) <> (not_recorded IS NULL))
) STRICT;
CREATE INDEX audit_change_undone_by ON audit_change(undone_by);
