// The monthly report (工作月报) as a Document (../shared/report-outline.md): the title, sections
// 一、总体情况 … 六、部长会客厅问题办理 of sentences with the figures in them, their tables and
// charts, and the appendix tables, in Chinese or English. Every figure comes from MonthlyReport,
// so each rendering shows the JSON's figures.
#pragma once

#include <hlpb/report/document.hpp>
#include <hlpb/report/monthly.hpp>

#include <span>
#include <string_view>

namespace hlpb::report {

// Pure: no clock, no environment, no database.
Document monthly_document(const MonthlyReport& r, const DocOptions& options);

// The keys of the document's tables, in document order (csv --section, --help, man page): the
// same whatever the data (an empty table is still there, with its empty note).
std::span<const std::string_view> monthly_table_keys();
// The keys of its sections, in order.
std::span<const std::string_view> monthly_section_keys();

} // namespace hlpb::report
