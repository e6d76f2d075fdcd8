#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/output/xlsx.hpp>
#include <hlpb/text.hpp>
#include <hlpb/util/atomic_file.hpp>

#include "output/xlsx_workbook.hpp"

#include <fmt/format.h>

#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <set>

namespace hlpb::out {
namespace {

constexpr double k_min_width = 4; // column widths, in characters
constexpr double k_max_width = 60;
constexpr double k_width_padding = 2;

// The byte length of the first `n` UTF-8 characters of `s` (all of it when shorter).
std::size_t utf8_prefix_bytes(std::string_view s, std::size_t n) {
    std::size_t i = 0;
    for (std::size_t chars = 0; i < s.size() && chars < n; ++chars) {
        ++i;
        while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80)
            ++i;
    }
    return i;
}

std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

} // namespace

namespace detail {

std::string cut_bytes(const std::string& s, std::size_t max_bytes) {
    if (s.size() <= max_bytes)
        return s;
    std::size_t end = max_bytes;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80)
        --end;
    return s.substr(0, end);
}

std::string sheet_name(const std::string& wanted, std::size_t index, std::set<std::string>& used) {
    std::string base;
    for (char c : text::trim(wanted))
        base += std::strchr("[]:*?/\\", c) != nullptr ? '_' : c;
    while (!base.empty() && base.front() == '\'')
        base.erase(0, 1);
    while (!base.empty() && base.back() == '\'')
        base.pop_back();
    if (base.empty())
        base = fmt::format("Sheet{}", index + 1);
    std::string name = base.substr(0, utf8_prefix_bytes(base, k_max_sheet_name));
    for (int n = 2; used.count(ascii_lower(name)) > 0; ++n) {
        const std::string suffix = fmt::format(" ({})", n);
        name = base.substr(0, utf8_prefix_bytes(base, k_max_sheet_name - suffix.size())) + suffix;
    }
    used.insert(ascii_lower(name));
    return name;
}

std::string error_detail(lxw_error err) {
    if (!i18n::chinese())
        return lxw_strerror(err);
    switch (err) {
    case LXW_ERROR_MEMORY_MALLOC_FAILED:
        return tr("out of memory");
    case LXW_ERROR_CREATING_XLSX_FILE:
        return tr("the file cannot be created: check that its folder exists and that you may "
                  "write there");
    case LXW_ERROR_CREATING_TMPFILE:
    case LXW_ERROR_READING_TMPFILE:
        return tr("a temporary file cannot be written: check the free space of the temporary "
                  "folder ($TMPDIR)");
    case LXW_ERROR_ZIP_FILE_OPERATION:
    case LXW_ERROR_ZIP_FILE_ADD:
    case LXW_ERROR_ZIP_CLOSE:
        return tr("writing the file failed: check the free space of the disk");
    case LXW_ERROR_32_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_128_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
        return tr("a text is longer than Excel allows");
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
        return tr("more rows or columns than Excel allows");
    case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED:
    case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED:
        return tr("more or longer links than Excel allows");
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED:
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER:
    case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE:
    case LXW_ERROR_SHEETNAME_ALREADY_USED:
        return tr("a sheet name Excel does not allow");
    default:
        return trf("libxlsxwriter error {}", static_cast<int>(err));
    }
}

void check(lxw_error err, const std::string& path, const std::string& what) {
    if (err != LXW_NO_ERROR) // `what` may be a msgid ("saving"): translated here
        throw CannotCreate(
            trf("cannot write {}: {}: {}", path, tr(what.c_str()), error_detail(err)));
}

} // namespace detail

namespace {

using detail::check;
using detail::cut_bytes;
using detail::k_max_cell_bytes;
using detail::k_max_exact_integer;
using detail::sheet_name;
using detail::Workbook;

std::string bool_text(bool b, std::string_view lang) {
    if (lang == "zh")
        return b ? "是" : "否";
    return b ? "yes" : "no";
}

// The text of a cell as a person reads it, for column widths.
std::string cell_text(const Value& v, std::string_view lang) {
    if (v.is_null())
        return {};
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_boolean())
        return bool_text(v.get<bool>(), lang);
    return v.dump();
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Value& v,
                std::string_view lang, const std::string& path) {
    if (v.is_null())
        return;
    lxw_error err = LXW_NO_ERROR;
    if (v.is_boolean()) {
        err = worksheet_write_string(ws, row, col, bool_text(v.get<bool>(), lang).c_str(), nullptr);
    } else if (v.is_number()) {
        const double d = v.get<double>();
        const bool exact =
            v.is_number_float() ? std::isfinite(d) : std::fabs(d) <= k_max_exact_integer;
        if (exact)
            err = worksheet_write_number(ws, row, col, d, nullptr);
        else // an integer a double cannot hold exactly, or not finite: keep its digits as text
            err = worksheet_write_string(ws, row, col, v.dump().c_str(), nullptr);
    } else {
        const std::string s = cut_bytes(cell_text(v, lang), k_max_cell_bytes);
        if (s.empty())
            return;
        err = worksheet_write_string(ws, row, col, s.c_str(), nullptr);
    }
    if (err != LXW_NO_ERROR) // the place is named only when it is needed (every cell comes here)
        check(err, path, trf("row {}, column {}", row + 1, col + 1));
}

void write_sheet(lxw_workbook* wb, const Sheet& sheet, const std::string& name,
                 lxw_format* header_format, const std::string& path) {
    const Table& t = sheet.table;
    if (t.columns.size() > LXW_COL_MAX)
        throw CannotCreate(trf("cannot write {}: sheet {} has {} columns (Excel allows {})", path,
                               name, t.columns.size(), LXW_COL_MAX));
    if (t.rows.size() + 1 > LXW_ROW_MAX)
        throw CannotCreate(trf("cannot write {}: sheet {} has {} rows (Excel allows {})", path,
                               name, t.rows.size(), LXW_ROW_MAX - 1));
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (ws == nullptr)
        throw CannotCreate(trf("cannot write {}: cannot add sheet {}", path, name));

    std::vector<std::size_t> widths(t.columns.size(), 0);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const std::string header = label(t.columns[c], sheet.lang);
        widths[c] = text::display_width(header);
        check(
            worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header.c_str(), header_format),
            path, tr("header"));
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto& row = t.rows[r];
        for (std::size_t c = 0; c < t.columns.size() && c < row.size(); ++c) {
            write_cell(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c), row[c],
                       sheet.lang, path);
            widths[c] = std::max(widths[c], text::display_width(cell_text(row[c], sheet.lang)));
        }
    }
    for (std::size_t c = 0; c < widths.size(); ++c) {
        const double w =
            std::clamp(static_cast<double>(widths[c]) + k_width_padding, k_min_width, k_max_width);
        const auto col = static_cast<lxw_col_t>(c);
        check(worksheet_set_column(ws, col, col, w, nullptr), path, tr("column width"));
    }
    worksheet_freeze_panes(ws, 1, 0);
}

} // namespace

void write_xlsx(const std::string& path, const std::vector<Sheet>& sheets,
                const util::OutputGuard& guard) {
    util::AtomicFile file(path, guard);
    Workbook wb(file.staging_path());
    if (wb.get() == nullptr)
        throw CannotCreate(trf("cannot create {}: out of memory", path));
    lxw_format* bold = workbook_add_format(wb.get());
    format_set_bold(bold);

    std::set<std::string> used;
    if (sheets.empty())
        write_sheet(wb.get(), Sheet{}, sheet_name("", 0, used), bold, path);
    for (std::size_t i = 0; i < sheets.size(); ++i)
        write_sheet(wb.get(), sheets[i], sheet_name(sheets[i].name, i, used), bold, path);
    check(wb.close(), path, tr("saving"));
    file.commit();
}

} // namespace hlpb::out
