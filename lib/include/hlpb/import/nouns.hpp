// The import files of SPEC §6 for committees, clusters and orgs: their columns, row parsing
// into the model, and the matching exports (export writes exactly what import reads).
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/output/table.hpp>

#include <span>

namespace hlpb::db {
class Database;
}

namespace hlpb::import {

std::span<const Field> committee_fields();
std::span<const Field> cluster_fields();
std::span<const Field> org_fields();

// Each opens the source, runs the engine and returns its summary; throws like import::run.
Summary import_committees(db::Database& db, const SourceOptions& source, const ImportOptions& o);
Summary import_clusters(db::Database& db, const SourceOptions& source, const ImportOptions& o);
Summary import_orgs(db::Database& db, const SourceOptions& source, const ImportOptions& o);

// Tables whose columns are the import fields (keys as csv/json headers), ordered by code.
out::Table export_committees(db::Database& db);
out::Table export_clusters(db::Database& db);                // every cluster, dissolved included
out::Table export_orgs(db::Database& db, const Date& as_of); // placement and flags at as_of

} // namespace hlpb::import
