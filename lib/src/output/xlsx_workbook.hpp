// What the two xlsx writers share (the roster's output/xlsx.cpp and the report's
// report/render_xlsx.cpp): an owned libxlsxwriter workbook, Excel's limits, sheet names Excel
// accepts, and error checks that name the file. Private to libhlpb.
#pragma once

#include <hlpb/error.hpp>

#include <xlsxwriter.h>

#include <cstddef>
#include <set>
#include <string>

namespace hlpb::out::detail {

constexpr std::size_t k_max_sheet_name = 31;    // characters (Excel's limit)
constexpr std::size_t k_max_cell_bytes = 32767; // Excel's limit for one cell's text
// 2^53: a larger integer is written as text (its digits), since a double cannot hold it exactly.
constexpr double k_max_exact_integer = 9007199254740992.0;

// How a workbook's cells are written.
enum class CellOrder {
    any,    // in any order, strings shared (sharedStrings.xml): the roster and the templates
    by_row, // row after row (a cell above or left of the last one written is refused), each row
            // written to the sheet's file at once and strings inline: libxlsxwriter's
            // constant_memory mode, for the reports' large sheets (a third of the time at scale
            // 100)
};

// Owns the workbook until it is closed; frees it (writing nothing) on an early exit.
class Workbook {
public:
    explicit Workbook(const std::string& path, CellOrder order = CellOrder::any) {
        lxw_workbook_options options{};
        options.constant_memory = order == CellOrder::by_row ? LXW_TRUE : LXW_FALSE;
        m_wb = workbook_new_opt(path.c_str(), &options);
    }
    ~Workbook() {
        if (m_wb != nullptr)
            lxw_workbook_free(m_wb);
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    lxw_workbook* get() const { return m_wb; }
    // Writes the file and frees the workbook.
    lxw_error close() {
        lxw_workbook* wb = m_wb;
        m_wb = nullptr;
        return workbook_close(wb);
    }

private:
    lxw_workbook* m_wb = nullptr;
};

// `s` cut to at most `max_bytes` bytes without splitting a UTF-8 character.
std::string cut_bytes(const std::string& s, std::size_t max_bytes);

// A name Excel accepts: no []:*?/\ (each becomes _), not empty (then Sheet<index + 1>), not
// starting or ending with ', at most 31 characters, unique (case-insensitively) among `used`
// (" (2)", " (3)"… appended); the name is added to `used`.
std::string sheet_name(const std::string& wanted, std::size_t index, std::set<std::string>& used);

// libxlsxwriter's error `err` for a message: its own (English) text in English; in Chinese what
// it means and what to do (the file cannot be created, a full disk, too many rows…).
std::string error_detail(lxw_error err);
// Throws CannotCreate "cannot write PATH: WHAT: <error_detail>" unless `err` is LXW_NO_ERROR.
// `what` (the place: a sheet, a cell, a step such as "saving") is in the user's language, or a
// msgid of the catalog, which is translated here.
void check(lxw_error err, const std::string& path, const std::string& what);

} // namespace hlpb::out::detail
