// `hlpb db demo`: builds the seed's district (SPEC §1, §7) from data compiled into the binary.
#pragma once

#include <hlpb/date.hpp>

#include <string>

namespace hlpb::db {
class Database;
}

namespace hlpb::demo {

struct Options {
    int scale = 1; // multiplies orgs and members for benchmarks; committees stay 9
    Date as_of;    // reference date: histories are dated so the 12 months before it are consistent
};

struct Stats {
    long committees = 0;
    long clusters = 0; // active at as_of (74 per copy); each copy also has one dissolved cluster
    long orgs = 0;
    long members = 0;      // current at as_of (6,337 per copy)
    long members_left = 0; // who left before as_of (about 1% more), kept with their last org
    // The twelve full months before as_of, first_month to last_month (YYYY-MM), each scored and
    // closed by its red flags; activities and problems also in as_of's month before as_of.
    std::string first_month;
    std::string last_month;
    long activities = 0;
    long problems = 0; // raised at 部长会客厅 receptions
    long score_entries = 0;
    long flags = 0;        // red flags awarded (flag_award rows)
    int closed_months = 0; // 12
};

// Fills an empty database (throws Conflict if it already holds committees) in one WriteTx.
// Deterministic for a given scale and as_of; throws InvalidInput when scale is not in 1..1000
// or as_of is not a date.
Stats build(db::Database& db, const Options& options);

} // namespace hlpb::demo
