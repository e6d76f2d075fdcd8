// The demo district's Party members (党员): their placement and role histories, 党建e家 points,
// honours and mentor pairs, planned copy by copy from the written District (SPEC §1, §4, §7).
#pragma once

#include "demo/district.hpp"

namespace SQLite {
class Database;
}

namespace hlpb::demo {

struct MemberCounts {
    long current = 0; // in an org at as_of: 6,337 per copy of the district
    long left = 0;    // left the district before as_of (about 1% more rows), keeping their org
};

// Inserts the members of every org of a District already written by write_district, in the
// caller's transaction (member tables empty). Each copy draws from its own random stream, so the
// orgs are untouched and copy 1 is the same at every scale. Every org has 3..50 current members,
// all but ten per copy a secretary; histories keep SPEC §4 (one org per member, at most one
// secretary per org) on every day. ID numbers (area 350206) and phones are unique.
MemberCounts build_members(SQLite::Database& db, const District& district);

} // namespace hlpb::demo
