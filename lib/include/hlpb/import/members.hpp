// Member import and export (SPEC §6): the fast, streaming path for large registers (a district
// of a million members), and e-home points.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/output/table.hpp>

#include <span>

namespace hlpb::db {
class Database;
}

namespace hlpb::import {

std::span<const Field> member_fields();
std::span<const Field> points_fields();

// Upserts members on id_number. A new member is placed in its org from org_since (default: the
// later of join_date and the org's founding) with its role from role_since (default: org_since);
// an existing member whose org differs is transferred on org_since (default: today).
Summary import_members(db::Database& db, const SourceOptions& source, const ImportOptions& o);
Summary import_points(db::Database& db, const SourceOptions& source, const ImportOptions& o);

// Every member (also those who left, with left_on), columns = member_fields(), unmasked: the
// caller decides whether the user may see it (--reveal).
out::Table export_members(db::Database& db, const Date& as_of);

} // namespace hlpb::import
