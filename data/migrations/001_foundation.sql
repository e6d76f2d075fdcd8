-- 001: committees, clusters, orgs, their dated histories, settings and the audit trail.
-- Dates are TEXT 'YYYY-MM-DD'; a history row covers [from_date, to_date), to_date NULL = open.

CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE audit (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,            -- UTC, ISO 8601
    os_user      TEXT NOT NULL,
    command      TEXT NOT NULL,
    rows_changed INTEGER NOT NULL
) STRICT;

CREATE TABLE committee (
    id   INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('street', 'park', 'department'))
) STRICT;

CREATE TABLE org (
    id                    INTEGER PRIMARY KEY,
    code                  TEXT NOT NULL UNIQUE,
    name                  TEXT NOT NULL,
    host_name             TEXT NOT NULL DEFAULT '',
    host_uscc             TEXT NOT NULL DEFAULT '',
    type                  TEXT NOT NULL CHECK (type IN ('enterprise', 'social')),
    form                  TEXT NOT NULL CHECK (form IN ('branch', 'joint_branch', 'general_branch', 'committee')),
    committee_id          INTEGER NOT NULL REFERENCES committee(id),
    founded               TEXT,
    closed                TEXT,
    investor_is_secretary INTEGER NOT NULL DEFAULT 0 CHECK (investor_is_secretary IN (0, 1)),
    venue_m2              INTEGER NOT NULL DEFAULT 0 CHECK (venue_m2 >= 0),
    venue_standard        INTEGER NOT NULL DEFAULT 0 CHECK (venue_standard IN (0, 1))
) STRICT;
CREATE INDEX org_committee ON org(committee_id);

CREATE TABLE cluster (
    id               INTEGER PRIMARY KEY,
    code             TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL,
    committee_id     INTEGER NOT NULL REFERENCES committee(id),
    principle        TEXT NOT NULL CHECK (principle IN ('geo', 'industry', 'chain')),
    established      TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'dissolved')),
    dissolved        TEXT,
    parent_id        INTEGER REFERENCES cluster(id),
    instructor       TEXT NOT NULL DEFAULT '',
    instructor_phone TEXT NOT NULL DEFAULT '',
    community        TEXT NOT NULL DEFAULT '',
    supervisor       TEXT NOT NULL DEFAULT '',
    supervisor_dept  TEXT NOT NULL DEFAULT '',
    CHECK ((status = 'dissolved') = (dissolved IS NOT NULL))
) STRICT;
CREATE INDEX cluster_committee ON cluster(committee_id);

-- An org's membership of a cluster.
CREATE TABLE cluster_org (
    id         INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL REFERENCES cluster(id),
    org_id     INTEGER NOT NULL REFERENCES org(id),
    from_date  TEXT NOT NULL,
    to_date    TEXT,
    CHECK (to_date IS NULL OR to_date > from_date)
) STRICT;
CREATE UNIQUE INDEX cluster_org_open ON cluster_org(org_id) WHERE to_date IS NULL;
CREATE INDEX cluster_org_cluster ON cluster_org(cluster_id, from_date);
CREATE INDEX cluster_org_org ON cluster_org(org_id, from_date);

-- The lead org of a cluster.
CREATE TABLE cluster_lead (
    id         INTEGER PRIMARY KEY,
    cluster_id INTEGER NOT NULL REFERENCES cluster(id),
    org_id     INTEGER NOT NULL REFERENCES org(id),
    from_date  TEXT NOT NULL,
    to_date    TEXT,
    CHECK (to_date IS NULL OR to_date > from_date)
) STRICT;
CREATE UNIQUE INDEX cluster_lead_open ON cluster_lead(cluster_id) WHERE to_date IS NULL;
CREATE INDEX cluster_lead_org ON cluster_lead(org_id);

-- weak / typical / training_base, each with its set / unset dates.
CREATE TABLE org_flag (
    id        INTEGER PRIMARY KEY,
    org_id    INTEGER NOT NULL REFERENCES org(id),
    flag      TEXT NOT NULL CHECK (flag IN ('weak', 'typical', 'training_base')),
    from_date TEXT NOT NULL,
    to_date   TEXT,
    note      TEXT NOT NULL DEFAULT '',
    CHECK (to_date IS NULL OR to_date > from_date)
) STRICT;
CREATE UNIQUE INDEX org_flag_open ON org_flag(org_id, flag) WHERE to_date IS NULL;
CREATE INDEX org_flag_org ON org_flag(org_id, flag, from_date);

CREATE TABLE org_honor (
    id     INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES org(id),
    date   TEXT NOT NULL,
    title  TEXT NOT NULL,
    level  TEXT NOT NULL DEFAULT 'other'
           CHECK (level IN ('national', 'province', 'city', 'district', 'other')),
    UNIQUE (org_id, date, title)
) STRICT;
