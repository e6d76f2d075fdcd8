// Score entry import and export (SPEC §6): the columns of a points sheet, an import that upserts on
// the entry's natural key (org, month, category, reason), and the export it reads back.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/output/table.hpp>

#include <optional>
#include <span>

namespace hlpb::db {
class Database;
}

namespace hlpb::import {

std::span<const Field> score_fields();

// Upserts each row on (org, month, category, reason): a new key is inserted, a known one gets
// the row's points (updated, or unchanged when equal). A key repeated in the file is refused
// naming both lines; a row of a closed month is refused (score reopen). Throws like run().
Summary import_scores(db::Database& db, const SourceOptions& source, const ImportOptions& o);

// Entries of the months from `from` to `to` (inclusive; nullopt: unbounded), columns =
// score_fields(), in the order of db::list_scores.
out::Table export_scores(db::Database& db, const std::optional<Month>& from,
                         const std::optional<Month>& to);

} // namespace hlpb::import
