// The output layer shared by every listing and `show`: one Table (or Record) rendered as an
// aligned terminal table, CSV, JSON, JSON Lines or Markdown. Machine formats (csv, json, jsonl)
// always use the English keys; table and md use labels in the chosen language.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::out {

enum class Format { table, csv, json, jsonl, md };
std::optional<Format> parse_format(std::string_view name); // "table", "csv", ...

// A cell: null, string, integer, bool or number. Bools print as 1/0 in csv (what import reads),
// 是/否 (zh) or yes/no (en) in table and md; null prints as empty (csv) or "-" (table, md).
using Value = nlohmann::json;

struct Column {
    std::string key;          // English snake_case key (csv header, json key)
    std::string zh;           // Chinese label for --lang zh
    bool right_align = false; // numbers
    std::string en = {};      // English label for --lang en
};

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Value>> rows; // each row has columns.size() cells
};

// One object (what `show` prints): its fields, then named sub-tables (histories, members...).
struct Record {
    std::vector<Column> fields;
    std::vector<Value> values;
    struct Section {
        Column title; // key used in json, zh label as heading in table/md
        Table table;
    };
    std::vector<Section> sections;
};

struct RenderOptions {
    Format format = Format::table;
    std::string lang = "zh"; // "zh" or "en"
    bool color = false;      // bold headers in table format
    bool bom = false;        // UTF-8 BOM before csv (for Excel)
};

// table: columns aligned by display width (CJK = 2 columns), header + rule line.
// csv: RFC 4180, CRLF line ends, quoted when needed, header of keys.
// json: one array of objects; jsonl: one object per line; md: GitHub pipe table (| escaped).
void render(std::ostream& os, const Table& table, const RenderOptions& options);

// table/md: "label: value" lines (labels aligned), then each section as a titled table.
// json/jsonl: one object with the fields and each section as an array. csv: the fields only, as
// a one-row table.
void render(std::ostream& os, const Record& record, const RenderOptions& options);

// The label shown for a column: its label in lang ("zh" or "en") when it has one, else the key.
std::string label(const Column& column, std::string_view lang);

} // namespace hlpb::out
