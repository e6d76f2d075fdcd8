-- 002: Party members (党员), their placement and role histories, e-home points, honours, mentors.
-- The member row holds the current (or, after leaving, the last) org and role; the *_history
-- tables hold the closed earlier intervals [from_date, to_date). A member who left the district
-- has left_on set: gone from that day.

CREATE TABLE member (
    id          INTEGER PRIMARY KEY,
    id_number   TEXT NOT NULL,          -- 公民身份号码, 18 characters, checksum-valid (unique)
    name        TEXT NOT NULL,
    gender      TEXT NOT NULL CHECK (gender IN ('male', 'female')),
    birth_date  TEXT NOT NULL,
    ethnicity   TEXT NOT NULL DEFAULT '',
    education   TEXT NOT NULL DEFAULT '',
    join_date   TEXT NOT NULL,          -- 入党
    status      TEXT NOT NULL CHECK (status IN ('probationary', 'full')),
    full_date   TEXT,                   -- 转正
    org_id      INTEGER NOT NULL REFERENCES org(id),
    org_since   TEXT NOT NULL,
    -- ORs, not IN (...): SQLite evaluates an IN list of 3+ values in a CHECK through a temporary
    -- b-tree built for every row inserted, which doubles the cost of a bulk load.
    role        TEXT NOT NULL DEFAULT 'member'
                CHECK (role = 'secretary' OR role = 'deputy_secretary'
                       OR role = 'committee_member' OR role = 'member'),
    role_since  TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    left_on     TEXT,
    left_reason TEXT NOT NULL DEFAULT '',
    CHECK ((status = 'full') = (full_date IS NOT NULL)),
    CHECK (full_date IS NULL OR full_date > join_date),
    CHECK (org_since >= join_date),
    CHECK (role_since >= org_since),
    CHECK (left_on IS NULL OR left_on > org_since)
) STRICT;
-- Named indexes (not inline constraints) so that a bulk load into an empty register can build
-- them after the rows, which is several times faster (lib/src/import/members.cpp).
CREATE UNIQUE INDEX member_id_number ON member(id_number);
CREATE INDEX member_org ON member(org_id);
-- At most one current secretary per org (invariant 3); history is checked by the library.
CREATE UNIQUE INDEX member_secretary ON member(org_id) WHERE role = 'secretary' AND left_on IS NULL;

CREATE TABLE member_org_history (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member(id),
    org_id    INTEGER NOT NULL REFERENCES org(id),
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL,
    CHECK (to_date > from_date)
) STRICT;
CREATE INDEX member_org_history_member ON member_org_history(member_id, from_date);
CREATE INDEX member_org_history_org ON member_org_history(org_id, from_date);

CREATE TABLE member_role_history (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member(id),
    org_id    INTEGER NOT NULL REFERENCES org(id),
    role      TEXT NOT NULL
              CHECK (role = 'secretary' OR role = 'deputy_secretary'
                     OR role = 'committee_member' OR role = 'member'),
    from_date TEXT NOT NULL,
    to_date   TEXT NOT NULL,
    CHECK (to_date > from_date)
) STRICT;
CREATE INDEX member_role_history_member ON member_role_history(member_id, from_date);
CREATE INDEX member_role_history_org ON member_role_history(org_id, role, from_date);

-- 党建e家 yearly points.
CREATE TABLE member_points (
    member_id INTEGER NOT NULL REFERENCES member(id),
    year      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    points    INTEGER NOT NULL CHECK (points >= 0),
    PRIMARY KEY (member_id, year)
) STRICT, WITHOUT ROWID;
CREATE INDEX member_points_year ON member_points(year);

CREATE TABLE member_honor (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES member(id),
    date      TEXT NOT NULL,
    title     TEXT NOT NULL,
    level     TEXT NOT NULL DEFAULT 'other'
              CHECK (level IN ('national', 'province', 'city', 'district', 'other')),
    UNIQUE (member_id, date, title)
) STRICT;

-- 老带新: an experienced secretary mentors a new one.
CREATE TABLE mentor (
    id        INTEGER PRIMARY KEY,
    mentor_id INTEGER NOT NULL REFERENCES member(id),
    mentee_id INTEGER NOT NULL REFERENCES member(id),
    from_date TEXT NOT NULL,
    to_date   TEXT,
    note      TEXT NOT NULL DEFAULT '',
    CHECK (mentor_id <> mentee_id),
    CHECK (to_date IS NULL OR to_date > from_date)
) STRICT;
CREATE UNIQUE INDEX mentor_open ON mentor(mentee_id) WHERE to_date IS NULL;
CREATE INDEX mentor_mentor ON mentor(mentor_id);
