// A report as a document (SPEC §7, ../shared/report-outline.md): a title, numbered sections of
// sentences, tables and charts, in one language. Built once from a report value (the monthly
// report, the annual report) and rendered many ways: md, text, csv (one table), html (with the
// charts as inline SVG) and xlsx (one sheet per table). Every figure in it comes from the value it
// was built from, so a rendering shows exactly the JSON's figures.
#pragma once

#include <hlpb/util/atomic_file.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace hlpb::report {

enum class Lang { zh, en };

// How a column's cells are written. The cell itself (Cell) holds null, a string or a number.
enum class CellKind {
    text,    // free text (names, titles)
    code,    // an identifier or ID-like value: always a text cell, never a number
    integer, // a count or points (right-aligned; a number cell in xlsx)
    money,   // CNY with two decimals (a number cell with format 0.00 in xlsx)
    percent, // a fraction 0..1, shown with one decimal as 43.2%
    date,    // YYYY-MM-DD (text in xlsx, so that Excel does not reformat it)
    delta,   // a signed integer change, shown ▲3 / ▼2 / — (0)
};

using Cell = nlohmann::json; // null, string, integer or number

struct DocColumn {
    std::string key;   // English snake_case (csv header)
    std::string label; // in the document's language (table header, xlsx header)
    CellKind kind = CellKind::text;
};

struct DocTable {
    std::string key; // English snake_case, unique in the document (csv --section, sheet key)
    std::string title; // e.g. 附表1 联建片运行情况 ; may be empty for the section's main table
    std::vector<DocColumn> columns;
    std::vector<std::vector<Cell>> rows; // each row has columns.size() cells
    // Shown instead of the table when it has no rows (本月无未开例会的联建片。).
    std::string empty_note;
};

// A bar chart (html draws it as inline SVG; the text formats leave it out, the table that holds
// its figures is always there too).
struct Chart {
    std::string key;
    std::string title;
    std::string unit;                    // 分, 个, 面 ... (axis label)
    std::vector<std::string> categories; // x axis (committee or cluster names, months)
    struct Series {
        std::string label;          // legend (may be empty for a single series)
        std::vector<double> values; // one per category
    };
    std::vector<Series> series; // one series: simple bars; several: grouped bars
};

struct Section {
    std::string key;     // coverage, compliance, flags, subsidies, outcomes, problems, clusters...
    std::string heading; // 一、总体情况
    std::string counts;  // one line saying what the section counts
    std::vector<std::string> paragraphs; // sentences with the figures in them
    std::vector<DocTable> tables;
    std::vector<Chart> charts;
};

struct Document {
    Lang lang = Lang::zh;
    std::string title; // 湖里区“两新”组织“1+X”联建片 2026年10月工作月报
    std::string subtitle; // 湖里区委组织部（两新工委） · 数据截至 2026-10-31 · 生成于 …
    std::string file_stem; // hlpb-monthly-2026-10 (for --out-dir)
    std::vector<Section> sections;
};

// What a document builder needs besides the report value.
struct DocOptions {
    Lang lang = Lang::zh;
    std::string district;  // setting district.name (湖里区)
    std::string office;    // the issuing office for the subtitle, or empty
    std::string generated; // "2026-11-01 02:00" (SOURCE_DATE_EPOCH or now), or empty: left out
    // Enumerated values in table cells (statuses, principles, categories...) as their English
    // keys (geo, missed) instead of labels: for csv, a machine format.
    bool keys = false;
};

// The table of `key` in the document, or nullptr.
const DocTable* find_table(const Document& doc, std::string_view key);

// Renderers. None reads the clock or the environment; all output is deterministic.
void render_md(std::ostream& os, const Document& doc);
// Terminal text: CJK-aligned tables; bold headings only when `color`.
void render_text(std::ostream& os, const Document& doc, bool color);
// One table as RFC 4180 csv (CRLF, header of keys); `bom` puts a UTF-8 BOM first.
void render_csv(std::ostream& os, const DocTable& table, bool bom);
// One self-contained html file: inline CSS (screen, phone and print) and SVG charts, every
// stored string escaped, no external references.
void render_html(std::ostream& os, const Document& doc);
// A workbook: a cover sheet (封面 / Summary) with the title and the sections' paragraphs, then one
// sheet per table with a frozen header. `created` is the workbook's creation time (seconds since
// the epoch; from SOURCE_DATE_EPOCH for byte-identical output). Written through util::AtomicFile.
void write_xlsx(const std::string& path, const Document& doc, long long created,
                const util::OutputGuard& guard = util::OutputGuard());

} // namespace hlpb::report
