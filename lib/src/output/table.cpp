#include <hlpb/labels.hpp>
#include <hlpb/output/table.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace hlpb::out {
namespace {

using OrderedJson = nlohmann::ordered_json;

constexpr std::string_view k_bold_on = "\x1b[1m";
constexpr std::string_view k_bold_off = "\x1b[0m";
constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";
constexpr std::string_view k_column_gap = "  ";
// Invalid UTF-8 in a string becomes U+FFFD instead of aborting the whole listing.
constexpr auto k_json_errors = nlohmann::json::error_handler_t::replace;

const Value& cell(const std::vector<Value>& row, std::size_t i) {
    static const Value k_null;
    return i < row.size() ? row[i] : k_null;
}

// Integers as they are; a float that holds a whole number without ".0"; other floats in
// nlohmann's shortest round-trip form.
std::string number_text(const Value& v) {
    if (v.is_number_unsigned())
        return std::to_string(v.get<std::uint64_t>());
    if (v.is_number_integer())
        return std::to_string(v.get<std::int64_t>());
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 1e15)
        return fmt::format("{:.0f}", d + 0.0); // + 0.0 turns -0 into 0
    return v.dump();
}

// What a person reads (table, md): null "-", bools 是/否 or yes/no.
std::string human_text(const Value& v, std::string_view lang) {
    if (v.is_null())
        return "-";
    if (v.is_boolean())
        return lang == "zh" ? (v.get<bool>() ? "是" : "否") : (v.get<bool>() ? "yes" : "no");
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number())
        return number_text(v);
    return v.dump(-1, ' ', false, k_json_errors);
}

// What import reads back (csv): null empty, bools 1/0, strings verbatim.
std::string machine_text(const Value& v) {
    if (v.is_null())
        return {};
    if (v.is_boolean())
        return v.get<bool>() ? "1" : "0";
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_number())
        return number_text(v);
    return v.dump(-1, ' ', false, k_json_errors);
}

// A terminal cell is one line: control characters (newlines, tabs, escape sequences from
// imported data) become spaces, a CRLF one space.
std::string single_line(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
            continue;
        out += (c < 0x20 || c == 0x7F) ? ' ' : s[i];
    }
    return out;
}

void rstrip_spaces(std::string& s) {
    while (!s.empty() && s.back() == ' ')
        s.pop_back();
}

// ---- table ----

void render_aligned(std::ostream& os, const Table& table, const RenderOptions& options) {
    const std::size_t n = table.columns.size();
    if (n == 0)
        return;
    std::vector<std::size_t> widths(n);
    std::vector<std::string> header(n);
    for (std::size_t i = 0; i < n; ++i) {
        header[i] = single_line(label(table.columns[i], options.lang));
        widths[i] = text::display_width(header[i]);
    }
    std::vector<std::vector<std::string>> rows;
    rows.reserve(table.rows.size());
    for (const auto& row : table.rows) {
        auto& texts = rows.emplace_back(n);
        for (std::size_t i = 0; i < n; ++i) {
            texts[i] = single_line(human_text(cell(row, i), options.lang));
            widths[i] = std::max(widths[i], text::display_width(texts[i]));
        }
    }
    auto line = [&](const std::vector<std::string>& texts) {
        std::string s;
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0)
                s += k_column_gap;
            s += text::pad(texts[i], widths[i], table.columns[i].right_align);
        }
        rstrip_spaces(s);
        return s;
    };
    if (options.color)
        os << k_bold_on << line(header) << k_bold_off << '\n';
    else
        os << line(header) << '\n';
    std::string rule;
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0)
            rule += k_column_gap;
        rule.append(widths[i], '-');
    }
    os << rule << '\n';
    for (const auto& texts : rows)
        os << line(texts) << '\n';
}

// ---- csv ----

std::string csv_field(std::string_view s) {
    const bool quote = s.find_first_of(",\"\r\n") != std::string_view::npos ||
                       (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote)
        return std::string(s);
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void render_csv(std::ostream& os, const Table& table, const RenderOptions& options) {
    if (options.bom)
        os << k_utf8_bom;
    const std::size_t n = table.columns.size();
    if (n == 0)
        return;
    for (std::size_t i = 0; i < n; ++i)
        os << (i > 0 ? "," : "") << csv_field(table.columns[i].key);
    os << "\r\n";
    for (const auto& row : table.rows) {
        for (std::size_t i = 0; i < n; ++i)
            os << (i > 0 ? "," : "") << csv_field(machine_text(cell(row, i)));
        os << "\r\n";
    }
}

// ---- json ----

OrderedJson json_object(const std::vector<Column>& columns, const std::vector<Value>& row) {
    OrderedJson object = OrderedJson::object();
    for (std::size_t i = 0; i < columns.size(); ++i)
        object[columns[i].key] = OrderedJson(cell(row, i));
    return object;
}

OrderedJson json_array(const Table& table) {
    OrderedJson array = OrderedJson::array();
    for (const auto& row : table.rows)
        array.push_back(json_object(table.columns, row));
    return array;
}

// Pretty (2-space indent) for json, compact for jsonl; UTF-8 left unescaped either way.
void write_json(std::ostream& os, const OrderedJson& j, bool pretty) {
    os << j.dump(pretty ? 2 : -1, ' ', false, k_json_errors) << '\n';
}

// ---- md ----

std::string md_cell(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '|') {
            out += "\\|";
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n')
                ++i;
            out += "<br>";
        } else {
            out += c;
        }
    }
    return out;
}

void render_md(std::ostream& os, const Table& table, const RenderOptions& options) {
    const std::size_t n = table.columns.size();
    if (n == 0)
        return;
    os << '|';
    for (const Column& c : table.columns)
        os << ' ' << md_cell(label(c, options.lang)) << " |";
    os << "\n|";
    for (const Column& c : table.columns)
        os << (c.right_align ? " ---: |" : " --- |");
    os << '\n';
    for (const auto& row : table.rows) {
        os << '|';
        for (std::size_t i = 0; i < n; ++i)
            os << ' ' << md_cell(human_text(cell(row, i), options.lang)) << " |";
        os << '\n';
    }
}

// ---- record ----

// "label: value" lines with the values aligned after the longest label.
void render_fields(std::ostream& os, const Record& record, const RenderOptions& options) {
    std::size_t width = 0;
    for (const Column& f : record.fields)
        width = std::max(width, text::display_width(single_line(label(f, options.lang))));
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        std::string s =
            text::pad(single_line(label(record.fields[i], options.lang)) + ":", width + 1);
        s += ' ';
        s += single_line(human_text(cell(record.values, i), options.lang));
        rstrip_spaces(s);
        os << s << '\n';
    }
}

// Markdown joins consecutive lines into one paragraph, so the fields become a list there.
void render_md_fields(std::ostream& os, const Record& record, const RenderOptions& options) {
    for (std::size_t i = 0; i < record.fields.size(); ++i)
        os << "- " << md_cell(label(record.fields[i], options.lang)) << ": "
           << md_cell(human_text(cell(record.values, i), options.lang)) << '\n';
}

OrderedJson record_json(const Record& record) {
    OrderedJson object = json_object(record.fields, record.values);
    for (const auto& section : record.sections)
        object[section.title.key] = json_array(section.table);
    return object;
}

} // namespace

std::optional<Format> parse_format(std::string_view name) {
    if (name == "table")
        return Format::table;
    if (name == "csv")
        return Format::csv;
    if (name == "json")
        return Format::json;
    if (name == "jsonl")
        return Format::jsonl;
    if (name == "md")
        return Format::md;
    return std::nullopt;
}

std::string label(const Column& column, std::string_view lang) {
    if (lang == "zh" && !column.zh.empty())
        return column.zh;
    if (lang == "en") {
        if (!column.en.empty())
            return column.en;
        // A column made with its Chinese label only (an import's fields, a one-off header).
        if (const auto en = labels::column(column.key, "en"); !en.empty())
            return std::string(en);
    }
    return column.key;
}

void render(std::ostream& os, const Table& table, const RenderOptions& options) {
    switch (options.format) {
    case Format::table:
        render_aligned(os, table, options);
        return;
    case Format::csv:
        render_csv(os, table, options);
        return;
    case Format::json:
        write_json(os, json_array(table), true);
        return;
    case Format::jsonl:
        for (const auto& row : table.rows)
            write_json(os, json_object(table.columns, row), false);
        return;
    case Format::md:
        render_md(os, table, options);
        return;
    }
}

void render(std::ostream& os, const Record& record, const RenderOptions& options) {
    switch (options.format) {
    case Format::table:
        render_fields(os, record, options);
        for (const auto& section : record.sections) {
            const std::string title = single_line(label(section.title, options.lang));
            os << '\n';
            if (options.color)
                os << k_bold_on << title << k_bold_off << '\n';
            else
                os << title << '\n';
            render_aligned(os, section.table, options);
        }
        return;
    case Format::md:
        render_md_fields(os, record, options);
        for (const auto& section : record.sections) {
            os << "\n## " << md_cell(label(section.title, options.lang)) << "\n\n";
            render_md(os, section.table, options);
        }
        return;
    case Format::json:
        write_json(os, record_json(record), true);
        return;
    case Format::jsonl:
        write_json(os, record_json(record), false);
        return;
    case Format::csv:
        render_csv(os, Table{record.fields, {record.values}}, options);
        return;
    }
}

} // namespace hlpb::out
