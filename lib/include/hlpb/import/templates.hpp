// Sheets for people around the imports: the ready-to-fill template of a noun's import (`NOUN
// template`, CSV or an Excel workbook with drop-down lists) and the export with Chinese headers
// and values (`export --headers zh`), both read back by the import as they are.
#pragma once

#include <hlpb/import/source.hpp>
#include <hlpb/output/table.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <span>
#include <string>
#include <string_view>

namespace hlpb::import {

// The header row of the import's sheet, CSV without a line end: the Chinese labels (`lang` zh)
// or the English keys (en).
std::string template_csv(std::span<const Field> fields, std::string_view lang);

// The same header row as an Excel workbook (one sheet, `sheet` its name): bold and frozen; the
// columns of ID numbers, phones and credit codes (FieldType::digits) formatted as text, so that
// Excel keeps every digit; a drop-down list on every column of a fixed set of values (Field::terms:
// the Chinese words, or the keys in en; yes/no columns 是/否 or yes/no). Written as a
// util::AtomicFile refusing what `guard` protects; throws CannotCreate or IoError.
void write_template_xlsx(const std::string& path, const std::string& sheet,
                         std::span<const Field> fields, std::string_view lang,
                         const util::OutputGuard& guard);

// An export table (columns = `fields`, values as stored) turned Chinese, as an officer's sheet
// has it: headers the Chinese labels, values of a fixed set (Field::terms) their Chinese words,
// yes/no 是/否. The import reads it back to the same records.
void to_chinese(out::Table& table, std::span<const Field> fields);

} // namespace hlpb::import
