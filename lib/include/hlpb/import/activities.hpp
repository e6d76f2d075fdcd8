// The activity import file of SPEC §6 and the matching export (export writes exactly what
// import reads). An activity has no code: a row's key is (date, kind, cluster or else committee,
// title), so that re-importing a file changes nothing.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/output/table.hpp>

#include <span>

namespace hlpb::db {
class Database;
}

namespace hlpb::import {

std::span<const Field> activity_fields();

// Opens the source and runs the engine: each row is db::upsert_activity's (by its key; a key
// repeated in the file is a bad row naming the first line). `today` is the caller's (no activity
// after it). Throws like import::run.
Summary import_activities(db::Database& db, const SourceOptions& source, const ImportOptions& o,
                          const Date& today);

// Every activity, by date then id, in the import's columns: a review's cluster cell holds its
// clusters separated by ';' (its own first), orgs their codes separated by ';'.
out::Table export_activities(db::Database& db);

} // namespace hlpb::import
