// Import templates (CSV header row, Excel workbook with text columns and drop-down lists) and
// the Chinese form of an export.
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/templates.hpp>
#include <hlpb/text.hpp>
#include <hlpb/vocab.hpp>

#include "output/xlsx_workbook.hpp"

#include <fmt/format.h>

#include <xlsxwriter.h>

#include <algorithm>
#include <set>
#include <vector>

namespace hlpb::import {
namespace {

using out::detail::check;

// A header cell as an import reads it: the Chinese label (zh) or the key.
const std::string& heading(const Field& f, std::string_view lang) {
    return lang == "zh" && !f.zh.empty() ? f.zh : f.key;
}

// The words of a drop-down list for `f`, empty when it takes any value.
std::vector<std::string> choices(const Field& f, std::string_view lang) {
    std::vector<std::string> out;
    const bool zh = lang == "zh";
    if (f.type == FieldType::flag) {
        out = zh ? std::vector<std::string>{"是", "否"} : std::vector<std::string>{"yes", "no"};
    } else {
        for (const vocab::Term& t : f.terms)
            out.emplace_back(zh ? t.zh : t.key);
    }
    return out;
}

// A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break.
std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

} // namespace

std::string template_csv(std::span<const Field> fields, std::string_view lang) {
    std::string out;
    for (const Field& f : fields) {
        if (!out.empty())
            out += ',';
        out += csv_cell(heading(f, lang));
    }
    return out;
}

void write_template_xlsx(const std::string& path, const std::string& sheet,
                         std::span<const Field> fields, std::string_view lang,
                         const util::OutputGuard& guard) {
    util::AtomicFile file(path, guard);
    out::detail::Workbook wb(file.staging_path());
    if (wb.get() == nullptr)
        throw CannotCreate(trf("cannot create {}: out of memory", path));
    lxw_format* bold = workbook_add_format(wb.get());
    format_set_bold(bold);
    lxw_format* as_text = workbook_add_format(wb.get());
    format_set_num_format_index(as_text, 49); // Excel's built-in Text (文本), "@"
    std::set<std::string> used;
    lxw_worksheet* ws =
        workbook_add_worksheet(wb.get(), out::detail::sheet_name(sheet, 0, used).c_str());
    if (ws == nullptr)
        throw CannotCreate(trf("cannot write {}: cannot add sheet {}", path, sheet));
    for (std::size_t c = 0; c < fields.size(); ++c) {
        const Field& f = fields[c];
        const auto col = static_cast<lxw_col_t>(c);
        const std::string& head = heading(f, lang);
        check(worksheet_write_string(ws, 0, col, head.c_str(), bold), path, tr("header"));
        // Wide enough for the header and an ID number; the whole column is text for digits.
        const double width = std::max<double>(static_cast<double>(text::display_width(head)) + 2,
                                              f.type == FieldType::digits ? 20 : 12);
        check(worksheet_set_column(ws, col, col, width,
                                   f.type == FieldType::digits ? as_text : nullptr),
              path, tr("column format"));
        const std::vector<std::string> words = choices(f, lang);
        if (words.empty())
            continue;
        std::vector<char*> list;
        for (const std::string& w : words)
            list.push_back(const_cast<char*>(w.c_str())); // libxlsxwriter only reads them
        list.push_back(nullptr);
        lxw_data_validation dv{};
        dv.validate = LXW_VALIDATION_TYPE_LIST;
        dv.value_list = list.data();
        check(worksheet_data_validation_range(ws, 1, col, LXW_ROW_MAX - 1, col, &dv), path,
              trf("drop-down list of {}", head));
    }
    worksheet_freeze_panes(ws, 1, 0);
    check(wb.close(), path, tr("saving"));
    file.commit();
}

void to_chinese(out::Table& table, std::span<const Field> fields) {
    const std::size_t n = std::min(table.columns.size(), fields.size());
    for (std::size_t c = 0; c < n; ++c)
        if (!fields[c].zh.empty())
            table.columns[c].key = fields[c].zh;
    for (auto& row : table.rows)
        for (std::size_t c = 0; c < n && c < row.size(); ++c) {
            out::Value& v = row[c];
            if (v.is_boolean())
                v = v.get<bool>() ? "是" : "否";
            else if (v.is_string() && !fields[c].terms.empty())
                v = vocab::label(fields[c].terms, v.get<std::string>(), "zh");
        }
}

} // namespace hlpb::import
