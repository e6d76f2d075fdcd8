// The report as a workbook (report::write_xlsx): a cover sheet with the title and the sections'
// sentences, then one sheet per table, each cell typed by its column's CellKind.
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/report/document.hpp>
#include <hlpb/text.hpp>
#include <hlpb/util/atomic_file.hpp>

#include "output/xlsx_workbook.hpp"

#include <fmt/format.h>

#include <xlsxwriter.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <future>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlpb::report {
namespace {

using out::detail::check;
using out::detail::cut_bytes;
using out::detail::k_max_cell_bytes;
using out::detail::k_max_exact_integer;
using out::detail::sheet_name;
using out::detail::Workbook;

// Column widths are in Excel's units (about one Latin character of the default 11-point font; a
// CJK character takes about two, as text::display_width counts it).
constexpr double k_cover_width = 84;   // the cover's one column: an A4 page's width, portrait
constexpr double k_min_width = 6;      // a table column
constexpr double k_max_width = 48;     // wider text wraps
constexpr double k_width_padding = 2;  // beside the text
constexpr double k_filter_button = 2;  // the header's autofilter button
constexpr double k_landscape_at = 100; // tables wider than this print landscape
constexpr double k_text_size = 11;     // points
constexpr double k_line_height = 1.45; // a line's height over its font size (CJK fonts are tall)
constexpr double k_wrap_slack = 1.1;   // wrapped lines are shorter than the column
constexpr uint8_t k_paper_a4 = 9;
constexpr lxw_color_t k_grey = 0x595959;
constexpr lxw_color_t k_header_fill = 0xDDEBF7;
constexpr lxw_color_t k_link = 0x0563C1;
constexpr double k_heading_size = 13; // points: section headings, table titles
constexpr double k_heading_height = k_heading_size * k_line_height * 1.3;      // with space above
constexpr std::size_t k_kinds = static_cast<std::size_t>(CellKind::delta) + 1; // CellKind's values
// Cells in all tables from which a second thread writes half the sheets (about 10 ms of work).
constexpr std::size_t k_cells_for_two_threads = 20000;

struct Words {
    const char* cover;
    const char* see_sheet; // {} is the sheet's name
    const char* no_rows;   // a table without rows and without an empty_note
    const char* footer;    // Excel's header/footer codes: &P page, &N pages
};

const Words& words(Lang lang) {
    static const Words zh{"封面", "→ 详见工作表“{}”", "（无）", "&C第 &P 页，共 &N 页"};
    static const Words en{"Summary", "→ See sheet \"{}\"", "(none)", "&CPage &P of &N"};
    return lang == Lang::zh ? zh : en;
}

struct Formats {
    lxw_format* title = nullptr;
    lxw_format* subtitle = nullptr;
    lxw_format* heading = nullptr;
    lxw_format* counts = nullptr;
    lxw_format* paragraph = nullptr;
    lxw_format* link = nullptr;
    lxw_format* sheet_title = nullptr;
    lxw_format* note = nullptr;
    lxw_format* header = nullptr;
    std::array<lxw_format*, k_kinds> cell{}; // by CellKind
    lxw_format* wrapped = nullptr;           // a text cell in a column too narrow for it
};

lxw_format* bordered(lxw_workbook* wb) {
    lxw_format* f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    return f;
}

Formats add_formats(lxw_workbook* wb) {
    Formats f;
    f.title = workbook_add_format(wb);
    format_set_bold(f.title);
    format_set_font_size(f.title, 16);
    format_set_text_wrap(f.title);
    format_set_align(f.title, LXW_ALIGN_CENTER);
    format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
    f.subtitle = workbook_add_format(wb);
    format_set_font_size(f.subtitle, 10);
    format_set_font_color(f.subtitle, k_grey);
    format_set_text_wrap(f.subtitle);
    format_set_align(f.subtitle, LXW_ALIGN_CENTER);
    format_set_align(f.subtitle, LXW_ALIGN_VERTICAL_TOP);
    f.heading = workbook_add_format(wb);
    format_set_bold(f.heading);
    format_set_font_size(f.heading, k_heading_size);
    format_set_align(f.heading, LXW_ALIGN_VERTICAL_BOTTOM);
    f.counts = workbook_add_format(wb);
    format_set_font_size(f.counts, 10);
    format_set_font_color(f.counts, k_grey);
    format_set_text_wrap(f.counts);
    format_set_align(f.counts, LXW_ALIGN_VERTICAL_TOP);
    f.paragraph = workbook_add_format(wb);
    format_set_text_wrap(f.paragraph);
    format_set_align(f.paragraph, LXW_ALIGN_VERTICAL_TOP);
    f.link = workbook_add_format(wb);
    format_set_font_color(f.link, k_link);
    format_set_underline(f.link, LXW_UNDERLINE_SINGLE);
    f.sheet_title = workbook_add_format(wb);
    format_set_bold(f.sheet_title);
    format_set_font_size(f.sheet_title, k_heading_size);
    format_set_align(f.sheet_title, LXW_ALIGN_VERTICAL_CENTER);
    f.note = workbook_add_format(wb);
    format_set_font_color(f.note, k_grey);

    f.header = bordered(wb);
    format_set_bold(f.header);
    format_set_text_wrap(f.header);
    format_set_align(f.header, LXW_ALIGN_CENTER);
    format_set_bg_color(f.header, k_header_fill);
    for (std::size_t k = 0; k < k_kinds; ++k)
        if (static_cast<CellKind>(k) != CellKind::date)
            f.cell[k] = bordered(wb);
    // Codes and dates are text cells with the text format, so that editing one keeps it text: one
    // format (libxlsxwriter looks a format equal to an earlier one up again at every cell).
    format_set_num_format(f.cell[static_cast<std::size_t>(CellKind::code)], "@");
    f.cell[static_cast<std::size_t>(CellKind::date)] =
        f.cell[static_cast<std::size_t>(CellKind::code)];
    format_set_num_format(f.cell[static_cast<std::size_t>(CellKind::integer)], "0");
    format_set_num_format(f.cell[static_cast<std::size_t>(CellKind::money)], "0.00");
    format_set_num_format(f.cell[static_cast<std::size_t>(CellKind::percent)], "0.0%");
    format_set_num_format(f.cell[static_cast<std::size_t>(CellKind::delta)], R"("▲"0;"▼"0;"—")");
    f.wrapped = bordered(wb);
    format_set_text_wrap(f.wrapped);
    return f;
}

// Gives every format its index in styles.xml now, in this order, rather than at its first use:
// the sheets are written on two threads, and a format's first use changes the workbook.
void number_formats(const Formats& f) {
    for (lxw_format* format : {f.title, f.subtitle, f.heading, f.counts, f.paragraph, f.link,
                               f.sheet_title, f.note, f.header})
        lxw_format_get_xf_index(format);
    for (lxw_format* format : f.cell)
        lxw_format_get_xf_index(format);
    lxw_format_get_xf_index(f.wrapped);
}

bool is_numeric(CellKind kind) {
    return kind == CellKind::integer || kind == CellKind::money || kind == CellKind::percent ||
           kind == CellKind::delta;
}

// A number a double holds exactly (and that is finite): written as a number cell.
bool exact_number(const Cell& v) {
    if (!v.is_number())
        return false;
    const double d = v.get<double>();
    return v.is_number_float() ? std::isfinite(d) : std::fabs(d) <= k_max_exact_integer;
}

// The cell as a reader sees it (the number formats applied), for column widths and row heights.
std::string shown(const Cell& v, CellKind kind) {
    if (v.is_null())
        return {};
    if (v.is_string())
        return v.get<std::string>();
    if (!is_numeric(kind) || !exact_number(v))
        return v.dump();
    const double d = v.get<double>();
    switch (kind) {
    case CellKind::money:
        return fmt::format("{:.2f}", d);
    case CellKind::percent:
        return fmt::format("{:.1f}%", d * 100);
    case CellKind::delta:
        return d == 0 ? "—" : fmt::format("{}{:.0f}", d > 0 ? "▲" : "▼", std::fabs(d));
    default:
        return fmt::format("{:.0f}", d);
    }
}

// The text of a string cell, without a copy; `shown` of any other.
struct ShownText {
    const std::string* ref = nullptr; // the cell's own string
    std::string own;
    std::string_view text() const { return ref != nullptr ? *ref : own; }
};
ShownText shown_text(const Cell& v, CellKind kind) {
    if (v.is_string())
        return {&v.get_ref<const std::string&>(), {}};
    return {nullptr, shown(v, kind)};
}

// Calls `f` with each line of `s` (split at line breaks).
template <class F> void for_each_line(std::string_view s, F f) {
    for (std::size_t start = 0; start <= s.size();) {
        const std::size_t end = std::min(s.find('\n', start), s.size());
        f(s.substr(start, end - start));
        start = end + 1;
    }
}

// The display width of the widest line of `s`.
std::size_t line_width(std::string_view s) {
    std::size_t widest = 0;
    for_each_line(
        s, [&](std::string_view line) { widest = std::max(widest, text::display_width(line)); });
    return widest;
}

// Lines that `s` takes, wrapped in a column `width` units wide, in a font of `size` points.
int wrapped_lines(std::string_view s, double width, double size) {
    const double fits = std::max(1.0, width * k_text_size / size);
    int lines = 0;
    for_each_line(s, [&](std::string_view line) {
        const auto chars = static_cast<double>(text::display_width(line));
        lines += std::max(1, static_cast<int>(std::ceil(chars * k_wrap_slack / fits)));
    });
    return lines;
}

// The height (points) of a row holding `s` wrapped in a column `width` units wide.
double wrapped_height(std::string_view s, double width, double size) {
    return wrapped_lines(s, width, size) * size * k_line_height;
}

class SheetWriter {
public:
    SheetWriter(lxw_worksheet* ws, const std::string& path, const std::string& name)
        : m_ws(ws), m_path(path), m_name(name) {}

    // Each call names the cell only when it failed: hundreds of thousands of cells.
    void string(lxw_row_t row, lxw_col_t col, const std::string& s, lxw_format* format) {
        // Cut (a copy) only when longer than a cell holds.
        at(row, col,
           worksheet_write_string(
               m_ws, row, col,
               s.size() > k_max_cell_bytes ? cut_bytes(s, k_max_cell_bytes).c_str() : s.c_str(),
               format));
    }
    void number(lxw_row_t row, lxw_col_t col, double d, lxw_format* format) {
        at(row, col, worksheet_write_number(m_ws, row, col, d, format));
    }
    void blank(lxw_row_t row, lxw_col_t col, lxw_format* format) {
        at(row, col, worksheet_write_blank(m_ws, row, col, format));
    }
    void height(lxw_row_t row, double points) {
        at(row, 0, worksheet_set_row(m_ws, row, points, nullptr));
    }
    void width(lxw_col_t col, double units) {
        check(worksheet_set_column(m_ws, col, col, units, nullptr), m_path,
              trf("sheet {}: column width", m_name));
    }
    // A link to cell A1 of the sheet `target`.
    void link(lxw_row_t row, lxw_col_t col, const std::string& target, const std::string& shown,
              lxw_format* format) {
        std::string quoted;
        for (char c : target)
            quoted += c == '\'' ? std::string("''") : std::string(1, c);
        const std::string url = fmt::format("internal:'{}'!A1", quoted);
        at(row, col,
           worksheet_write_url_opt(m_ws, row, col, url.c_str(), format, shown.c_str(), nullptr));
    }
    // Page setup shared by every sheet: A4, one page wide, page numbers in the footer.
    void page_setup(bool landscape, Lang lang) {
        worksheet_set_paper(m_ws, k_paper_a4);
        if (landscape)
            worksheet_set_landscape(m_ws);
        worksheet_fit_to_pages(m_ws, 1, 0);
        check(worksheet_set_footer(m_ws, words(lang).footer), m_path,
              trf("sheet {}: footer", m_name));
    }
    lxw_worksheet* get() const { return m_ws; }

private:
    void at(lxw_row_t row, lxw_col_t col, lxw_error err) const {
        if (err != LXW_NO_ERROR)
            check(err, m_path, trf("sheet {}, row {}, column {}", m_name, row + 1, col + 1));
    }

    lxw_worksheet* m_ws;
    const std::string& m_path;
    std::string m_name;
};

// The sheet name a reader would give a table titled `title`: the characters Excel refuses
// ([]:*?/\) in their full-width forms in Chinese, as ( ) - in English, and a title longer than a
// sheet name without its parenthetical (附表4 补贴明细（按党委统计…） → 附表4 补贴明细).
// sheet_name() does the rest.
std::string sheet_title(const std::string& title, Lang lang) {
    using Replacements = std::vector<std::pair<char, const char*>>;
    static const Replacements zh{{'[', "（"}, {']', "）"}, {':', "："}, {'*', "＊"},
                                 {'?', "？"}, {'/', "／"}, {'\\', "＼"}};
    static const Replacements en{{'[', "("}, {']', ")"}, {':', " -"}, {'*', "-"},
                                 {'?', ""},  {'/', "-"}, {'\\', "-"}};
    const Replacements& replacements = lang == Lang::zh ? zh : en;
    std::string name;
    for (char c : title) {
        const auto r = std::find_if(replacements.begin(), replacements.end(),
                                    [c](const auto& p) { return p.first == c; });
        name += r == replacements.end() ? std::string(1, c) : std::string(r->second);
    }
    if (text::length(name) > out::detail::k_max_sheet_name) {
        const std::size_t paren = std::min(name.find("（"), name.find('('));
        if (paren != std::string::npos && paren > 0)
            name = text::trim(name.substr(0, paren));
    }
    return name;
}

lxw_worksheet* add_sheet(lxw_workbook* wb, const std::string& name, const std::string& path) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    if (ws == nullptr)
        throw CannotCreate(trf("cannot write {}: cannot add sheet {}", path, name));
    return ws;
}

// Two lists of sheets (by index) of about the same number of cells, the larger ones first (the
// longest processing time first); the second is empty when the whole is too small to be worth a
// thread.
using Lanes = std::pair<std::vector<std::size_t>, std::vector<std::size_t>>;
Lanes split_in_two(const std::vector<std::size_t>& cells) {
    std::vector<std::size_t> order(cells.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return cells[a] > cells[b]; });
    std::size_t total = 0;
    for (std::size_t n : cells)
        total += n;
    Lanes lanes;
    if (total < k_cells_for_two_threads) {
        lanes.first = order;
        return lanes;
    }
    std::size_t first = 0, second = 0;
    for (std::size_t i : order) {
        if (first <= second) {
            lanes.first.push_back(i);
            first += cells[i];
        } else {
            lanes.second.push_back(i);
            second += cells[i];
        }
    }
    return lanes;
}

struct TableSheet {
    const Section* section;
    const DocTable* table;
    std::string name;
};

// The cover: title, subtitle, then each section's heading, counts line, paragraphs and links to
// its tables' sheets, in one wide column of wrapped text.
void write_cover(lxw_worksheet* ws, const Document& doc, const std::string& name,
                 const std::vector<TableSheet>& sheets, const Formats& f, const std::string& path) {
    SheetWriter w(ws, path, name);
    w.width(0, k_cover_width);
    worksheet_gridlines(w.get(), LXW_HIDE_ALL_GRIDLINES);
    w.page_setup(false, doc.lang);

    lxw_row_t row = 0;
    auto wrapped = [&](const std::string& s, lxw_format* format, double size) {
        w.string(row, 0, s, format);
        w.height(row, std::max(size * k_line_height, wrapped_height(s, k_cover_width, size)));
        ++row;
    };
    wrapped(doc.title, f.title, 16);
    if (!doc.subtitle.empty())
        wrapped(doc.subtitle, f.subtitle, 10);
    for (const Section& section : doc.sections) {
        ++row; // a blank line before each section
        w.string(row, 0, section.heading, f.heading);
        w.height(row, k_heading_height);
        ++row;
        if (!section.counts.empty())
            wrapped(section.counts, f.counts, 10);
        for (const std::string& paragraph : section.paragraphs)
            wrapped(paragraph, f.paragraph, k_text_size);
        for (const TableSheet& sheet : sheets)
            if (sheet.section == &section)
                w.link(row++, 0, sheet.name,
                       fmt::format(fmt::runtime(words(doc.lang).see_sheet), sheet.name), f.link);
    }
}

void write_cell(SheetWriter& w, lxw_row_t row, lxw_col_t col, const Cell& v, CellKind kind,
                lxw_format* format) {
    if (v.is_null())
        w.blank(row, col, format); // keeps the border
    else if (is_numeric(kind) && exact_number(v))
        w.number(row, col, v.get<double>(), format);
    else if (v.is_string())
        w.string(row, col, v.get_ref<const std::string&>(), format);
    else // codes or dates given as numbers: text, digits kept as they are
        w.string(row, col, v.dump(), format);
}

// One table: its title in row 1, then a bold frozen header (with an autofilter) and the rows; or,
// without rows, the empty note in A2.
void write_table(lxw_worksheet* ws, const TableSheet& sheet, Lang lang, const Formats& f,
                 const std::string& path) {
    const DocTable& t = *sheet.table;
    if (t.columns.size() > LXW_COL_MAX)
        throw CannotCreate(trf("cannot write {}: sheet {} has {} columns (Excel allows {})", path,
                               sheet.name, t.columns.size(), LXW_COL_MAX));
    if (t.rows.size() + 2 > LXW_ROW_MAX)
        throw CannotCreate(trf("cannot write {}: sheet {} has {} rows (Excel allows {})", path,
                               sheet.name, t.rows.size(), LXW_ROW_MAX - 2));
    SheetWriter w(ws, path, sheet.name);
    const std::string& title = t.title.empty() ? sheet.section->heading : t.title;
    w.string(0, 0, title, f.sheet_title);
    w.height(0, k_heading_height);
    if (t.rows.empty() || t.columns.empty()) {
        w.string(1, 0, t.empty_note.empty() ? words(lang).no_rows : t.empty_note, f.note);
        w.page_setup(false, lang);
        return;
    }

    // Widths: the widest line of a cell as shown, the header with its filter button. Text wider
    // than the widest column, or of several lines, wraps.
    std::vector<double> widths(t.columns.size());
    std::vector<bool> wraps(t.columns.size(), false);
    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        double widest = static_cast<double>(line_width(t.columns[c].label)) + k_filter_button;
        bool lines = false;
        for (const auto& row : t.rows) {
            if (c >= row.size())
                continue;
            const ShownText s = shown_text(row[c], t.columns[c].kind);
            widest = std::max(widest, static_cast<double>(line_width(s.text())));
            lines = lines || s.text().find('\n') != std::string_view::npos;
        }
        widths[c] = std::clamp(widest + k_width_padding, k_min_width, k_max_width);
        wraps[c] = t.columns[c].kind == CellKind::text && (lines || widths[c] >= k_max_width);
    }

    for (std::size_t c = 0; c < t.columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        w.width(col, widths[c]);
        w.string(1, col, t.columns[c].label, f.header);
    }
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const auto row = static_cast<lxw_row_t>(r + 2);
        double height = 0;
        for (std::size_t c = 0; c < t.columns.size(); ++c) {
            const Cell& v = c < t.rows[r].size() ? t.rows[r][c] : Cell();
            const CellKind kind = t.columns[c].kind;
            const bool wrap = wraps[c];
            write_cell(w, row, static_cast<lxw_col_t>(c), v, kind,
                       wrap ? f.wrapped : f.cell[static_cast<std::size_t>(kind)]);
            if (wrap)
                height = std::max(
                    height, wrapped_height(shown_text(v, kind).text(), widths[c] - 1, k_text_size));
        }
        if (height > k_text_size * k_line_height)
            w.height(row, height);
    }

    const auto last_row = static_cast<lxw_row_t>(t.rows.size() + 1);
    const auto last_col = static_cast<lxw_col_t>(t.columns.size() - 1);
    worksheet_freeze_panes(w.get(), 2, 0);
    check(worksheet_autofilter(w.get(), 1, 0, last_row, last_col), path,
          trf("sheet {}: autofilter", sheet.name));
    check(worksheet_repeat_rows(w.get(), 0, 1), path, trf("sheet {}: print titles", sheet.name));
    double total = 0;
    for (double width : widths)
        total += width;
    w.page_setup(total > k_landscape_at, lang);
}

} // namespace

void write_xlsx(const std::string& path, const Document& doc, long long created,
                const util::OutputGuard& guard) {
    util::AtomicFile file(path, guard);
    Workbook wb(file.staging_path(), out::detail::CellOrder::by_row);
    if (wb.get() == nullptr)
        throw CannotCreate(trf("cannot create {}: out of memory", path));

    // libxlsxwriter takes 0 as "now": the first second after the epoch keeps the file the same
    // from run to run (SOURCE_DATE_EPOCH=0 is a common choice).
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(doc.title.c_str());
    properties.created = static_cast<time_t>(created == 0 ? 1 : created);
    check(workbook_set_properties(wb.get(), &properties), path, "document properties");

    const Formats formats = add_formats(wb.get());
    std::set<std::string> used;
    const std::string cover = sheet_name(words(doc.lang).cover, 0, used);
    std::vector<TableSheet> sheets;
    for (const Section& section : doc.sections)
        for (const DocTable& table : section.tables)
            sheets.push_back(
                {&section, &table,
                 sheet_name(
                     sheet_title(table.title.empty() ? section.heading : table.title, doc.lang),
                     sheets.size() + 1, used)});

    // The sheets in the workbook's order; then their cells, on two threads when there are many.
    lxw_worksheet* cover_sheet = add_sheet(wb.get(), cover, path);
    std::vector<lxw_worksheet*> table_sheets;
    for (const TableSheet& sheet : sheets)
        table_sheets.push_back(add_sheet(wb.get(), sheet.name, path));
    number_formats(formats);
    std::vector<std::size_t> cells;
    for (const TableSheet& sheet : sheets)
        cells.push_back(sheet.table->rows.size() * sheet.table->columns.size());
    const Lanes lanes = split_in_two(cells);
    auto write_lane = [&](const std::vector<std::size_t>& lane) {
        for (std::size_t i : lane)
            write_table(table_sheets[i], sheets[i], doc.lang, formats, path);
    };
    if (lanes.second.empty()) {
        write_cover(cover_sheet, doc, cover, sheets, formats, path);
        write_lane(lanes.first);
    } else {
        // Each sheet's cells go to its own temporary file (constant_memory): the lanes share
        // only the formats, numbered above. The future joins the other lane before an error
        // leaves this scope.
        auto other = std::async(std::launch::async, write_lane, std::cref(lanes.second));
        write_cover(cover_sheet, doc, cover, sheets, formats, path);
        write_lane(lanes.first);
        other.get();
    }
    check(wb.close(), path, "saving");
    file.commit();
}

} // namespace hlpb::report
