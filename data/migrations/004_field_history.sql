-- 004: dated history of the fields that the rules of SPEC §5 read for a past month (a cluster's
-- principle, instructor(+phone), community, supervisor(+dept); an org's investor_is_secretary,
-- venue_m2, venue_standard). The entity's own row holds the current value; each earlier value is
-- a row here over [from_date, to_date), from_date NULL meaning "since the record began". A value
-- at date D is the row whose interval holds D, else the current one.
CREATE TABLE field_history (
    id        INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL CHECK (entity IN ('cluster', 'org')),
    entity_id INTEGER NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    from_date TEXT,
    to_date   TEXT NOT NULL,
    CHECK (from_date IS NULL OR to_date > from_date)
) STRICT;
CREATE INDEX field_history_value_at ON field_history(entity, entity_id, field, to_date);
