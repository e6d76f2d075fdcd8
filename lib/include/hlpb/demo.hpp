// `hlpb db demo`: builds the seed's district (SPEC §1, §7) from data compiled into the binary.
#pragma once

#include <hlpb/date.hpp>

#include <string>

namespace hlpb::db {
class Database;
}

namespace hlpb::demo {

struct Options {
    int scale = 1; // multiplies orgs (and later members) for benchmarks; committees stay 9
    Date as_of;    // reference date: histories are dated so the 12 months before it are consistent
};

struct Stats {
    long committees = 0;
    long clusters = 0;
    long orgs = 0;
};

// Fills an empty database (throws Conflict if it already holds committees) in one WriteTx.
// Deterministic for a given scale and as_of.
Stats build(db::Database& db, const Options& options);

} // namespace hlpb::demo
