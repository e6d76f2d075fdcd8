// The `import FILE` and `export` verbs every noun shares (SPEC §6): options, progress, summary,
// and atomic output files. The noun supplies the library's import or export function.
#pragma once

#include "context.hpp"

#include <hlpb/date.hpp>
#include <hlpb/i18n.hpp>
#include <hlpb/import/nouns.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <span>
#include <string>

namespace hlpb::cli {

using Importer = std::function<import::Summary(db::Database&, const import::SourceOptions&,
                                               const import::ImportOptions&)>;
// `what` names the rows in the help text ("committees"); `fields` are the file's columns. Adds
// `template` too (the header row of the sheet, or an Excel workbook with --xlsx): every import
// has its template, from the same columns.
void add_import_verb(CLI::App& noun, Context& ctx, const std::string& what,
                     std::span<const import::Field> fields, Importer importer);

// The export's rows as of a date (ignored by exports that hold every row regardless of date).
using Exporter = std::function<out::Table(db::Database&, const Date& as_of)>;
// With `dated`, the verb takes --as-of. After add_import_verb on the same noun, it takes
// --headers zh (the import's Chinese headers and values, which it reads back). With `personal`, the
// export holds `personal_data` (unmasked): it needs --reveal (a masked export would not import
// back), and is audited.
void add_export_verb(CLI::App& noun, Context& ctx, const std::string& what, Exporter exporter,
                     bool dated, bool personal = false,
                     const std::string& personal_data = tr("phone numbers"));

} // namespace hlpb::cli
