// A Document as one self-contained html5 file (SPEC §7): inline CSS for screen, phone and A4
// print, tables with typed cells, bar charts as inline SVG. No external reference of any kind
// (fonts, scripts, images, links), every stored string escaped, ids made from keys only, so the
// same Document always gives the same bytes.
#include <hlpb/report/document.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlpb::report {
namespace {

// ---- escaping and ids ---------------------------------------------------------------------------

// `s` as html text or attribute value: & < > " ' as references; C0 controls other than tab and
// line feed (not allowed in html) as U+FFFD.
std::string esc(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 16);
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        case '\t':
        case '\n':
            out += c;
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                out += "\xEF\xBF\xBD";
            else
                out += c;
        }
    }
    return out;
}

// Unique element ids made from keys: [A-Za-z0-9_-] kept, anything else as '-', a counter on a
// repeat. Deterministic: the n-th id asked for is the same for the same Document.
class Ids {
public:
    std::string make(std::string_view prefix, std::string_view key) {
        std::string id(prefix);
        for (char c : key) {
            bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-';
            id += ok ? c : '-';
        }
        std::string unique = id;
        for (int n = 2; !m_used.insert(unique).second; ++n)
            unique = fmt::format("{}-{}", id, n);
        return unique;
    }

private:
    std::set<std::string> m_used;
};

// ---- words of the page --------------------------------------------------------------------------

struct Words {
    const char* html_lang;
    const char* contents;
    const char* unit;
    const char* none;
    const char* no_data;
};

const Words& words(Lang lang) {
    static const Words k_zh{"zh-CN", "目录", "单位：", "无。", "无数据。"};
    static const Words k_en{"en", "Contents", "Unit: ", "None.", "No data."};
    return lang == Lang::zh ? k_zh : k_en;
}

// ---- numbers ------------------------------------------------------------------------------------

// A chart figure: whole numbers without decimals, others with one.
std::string figure(double v) {
    if (std::abs(v - std::round(v)) < 1e-9)
        return fmt::format("{:.0f}", std::round(v));
    return fmt::format("{:.1f}", v);
}

// Coordinates with one decimal at most (short, and the same on every machine).
std::string co(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0)
        s.resize(s.size() - 2);
    return s == "-0" ? "0" : s;
}

// ---- table cells --------------------------------------------------------------------------------

struct CellOut {
    std::string cls;  // css class of the td
    std::string text; // already escaped
};

CellOut cell_out(const Cell& cell, CellKind kind) {
    if (cell.is_null())
        return {"nil", "—"};
    if (cell.is_string()) {
        std::string cls = kind == CellKind::code   ? "c"
                          : kind == CellKind::date ? "d"
                          : kind == CellKind::text ? "t"
                                                   : "n";
        return {cls, esc(cell.get<std::string>())};
    }
    if (cell.is_boolean())
        return {"t", cell.get<bool>() ? "✓" : "—"};
    if (!cell.is_number())
        return {"t", esc(cell.dump())};
    double v = cell.get<double>();
    switch (kind) {
    case CellKind::money:
        return {"n", fmt::format("{:.2f}", v)};
    case CellKind::percent:
        return {"n", fmt::format("{:.1f}%", v * 100.0)};
    case CellKind::delta:
        if (v > 0)
            return {"n up", "▲" + figure(v)};
        if (v < 0)
            return {"n down", "▼" + figure(-v)};
        return {"n same", "—"};
    case CellKind::code:
        return {"c", esc(cell.dump())};
    case CellKind::date:
    case CellKind::text:
        return {"t", figure(v)};
    case CellKind::integer:
        break;
    }
    return {"n", cell.is_number_integer() ? cell.dump() : figure(v)};
}

bool numeric(CellKind kind) {
    return kind == CellKind::integer || kind == CellKind::money || kind == CellKind::percent ||
           kind == CellKind::delta;
}

void write_table(std::ostream& os, const DocTable& table, Ids& ids, const Words& w) {
    std::string id = ids.make("t-", table.key);
    if (table.rows.empty()) {
        os << "<div class=\"empty-table\" id=\"" << id << "\">";
        if (!table.title.empty())
            os << "<p class=\"caption\">" << esc(table.title) << "</p>";
        os << "<p class=\"empty\">" << esc(table.empty_note.empty() ? w.none : table.empty_note)
           << "</p></div>\n";
        return;
    }
    os << "<div class=\"table-wrap\"><table id=\"" << id << "\">";
    if (!table.title.empty())
        os << "<caption>" << esc(table.title) << "</caption>";
    os << "\n<thead><tr>";
    for (const auto& column : table.columns)
        os << "<th" << (numeric(column.kind) ? " class=\"n\"" : "") << " scope=\"col\">"
           << esc(column.label) << "</th>";
    os << "</tr></thead>\n<tbody>\n";
    static const Cell k_null;
    for (const auto& row : table.rows) {
        os << "<tr>";
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
            CellOut out = cell_out(c < row.size() ? row[c] : k_null, table.columns[c].kind);
            os << "<td class=\"" << out.cls << "\">" << out.text << "</td>";
        }
        os << "</tr>\n";
    }
    os << "</tbody></table></div>\n";
}

// ---- charts -------------------------------------------------------------------------------------

// viewBox widths (the page scales the drawing to its column): columns need room for many
// categories side by side; bars, with names down the left, stay narrower so that their text is
// still readable when a phone shrinks them to its width.
constexpr double k_columns_width = 720;
constexpr double k_bars_width = 520;
constexpr double k_label_font = 12; // category labels and legend
constexpr double k_small_font = 11; // ticks, values, unit

// Rendered width of `s` at `font` px, estimated: wide (CJK) characters 1 em, others 0.58 em.
double text_width(std::string_view s, double font) {
    double width = 0;
    auto at = text::char_starts(s);
    for (std::size_t i = 0; i + 1 < at.size(); ++i) {
        std::size_t cols = text::display_width(s.substr(at[i], at[i + 1] - at[i]));
        width += cols >= 2 ? font : static_cast<double>(cols) * 0.58 * font;
    }
    return width;
}

// A label broken into lines; `fits` is false when it had to be cut short.
struct Wrapped {
    std::vector<std::string> lines;
    bool fits = true;
};

// `s` in at most `max_lines` lines of `max_width`: breaks after a space or '-', or between two
// wide characters; a last line that does not fit ends in "…".

Wrapped wrap(std::string_view s, double max_width, double font, std::size_t max_lines) {
    // Pieces that stay together: a wide character, or a run of narrow ones up to a space or '-'.
    std::vector<std::string> pieces;
    auto at = text::char_starts(s);
    std::string run;
    auto end_run = [&] {
        if (!run.empty())
            pieces.push_back(std::exchange(run, {}));
    };
    for (std::size_t i = 0; i + 1 < at.size(); ++i) {
        std::string_view ch = s.substr(at[i], at[i + 1] - at[i]);
        if (text::display_width(ch) >= 2) {
            end_run();
            pieces.emplace_back(ch);
            continue;
        }
        run += ch;
        if (ch == " " || ch == "-")
            end_run();
    }
    end_run();

    Wrapped out;
    std::string line;
    for (std::size_t p = 0; p < pieces.size(); ++p) {
        if (!line.empty() && text_width(line + pieces[p], font) > max_width) {
            if (out.lines.size() + 1 == max_lines) {
                out.fits = false;
                break;
            }
            while (!line.empty() && line.back() == ' ')
                line.pop_back();
            out.lines.push_back(std::move(line));
            line.clear();
        }
        line += pieces[p];
    }
    if (!out.fits || text_width(line, font) > max_width) {
        // The rest does not fit: cut the last line to leave room for the ellipsis.
        out.fits = false;
        std::string rest;
        for (std::size_t p = 0; p < pieces.size(); ++p)
            rest += pieces[p];
        std::size_t used = 0;
        for (const auto& l : out.lines)
            used += l.size();
        while (used < rest.size() && rest[used] == ' ')
            ++used;
        std::string_view tail = std::string_view(rest).substr(used);
        auto cuts = text::char_starts(tail);
        line.clear();
        for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
            std::string next = line + std::string(tail.substr(cuts[i], cuts[i + 1] - cuts[i]));
            if (text_width(next + "…", font) > max_width)
                break;
            line = std::move(next);
        }
        line += "…";
    }
    out.lines.push_back(std::move(line));
    return out;
}

// Round ticks for an axis from 0: a step of 1, 2 or 5 × 10^n giving at most six intervals.
struct Axis {
    double max = 1;
    double step = 1;
};

Axis nice_axis(double max_value, bool whole) {
    if (!(max_value > 0))
        return {};
    double raw = max_value / 6;
    double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    double step = magnitude * 10;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (magnitude * m >= raw) {
            step = magnitude * m;
            break;
        }
    if (whole)
        step = std::max(step, 1.0);
    return {std::ceil(max_value / step - 1e-9) * step, step};
}

// Fills with different lightness, so that series stay apart in black-and-white print; from the
// fourth series on, the same fills again with hatching.
constexpr const char* k_fills[] = {"#2f5f8f", "#e8a33d", "#bfd3e6"};
constexpr std::size_t k_fill_count = std::size(k_fills);

std::string fill_of(std::size_t series, const std::string& chart_id) {
    if (series < k_fill_count)
        return k_fills[series];
    return fmt::format("url(#{}-p{})", chart_id, series);
}

struct ChartShape {
    const Chart& chart;
    std::string id;
    double width;    // of the viewBox
    const char* cls; // "cols" or "bars"
    bool stacked;    // the series' bars one on another (a total per category)
    Axis axis;
    double legend_h = 0;
    std::vector<std::vector<std::size_t>> legend_rows; // series per legend row
};

void write_defs_and_legend(std::ostream& os, const ChartShape& shape) {
    const auto& series = shape.chart.series;
    if (series.size() > k_fill_count) {
        os << "<defs>";
        for (std::size_t s = k_fill_count; s < series.size(); ++s)
            os << "<pattern id=\"" << shape.id << "-p" << s
               << "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\" "
                  "patternTransform=\"rotate("
               << (s / k_fill_count % 2 == 1 ? 45 : -45) << ")\"><rect width=\"6\" height=\"6\" "
               << "fill=\"" << k_fills[s % k_fill_count]
               << "\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#222\" "
                  "stroke-width=\"1.6\"/></pattern>";
        os << "</defs>\n";
    }
    if (series.size() < 2)
        return;
    os << "<g class=\"legend\">";
    double y = 4;
    for (const auto& row : shape.legend_rows) {
        double x = 0;
        for (std::size_t s : row) {
            os << "<rect x=\"" << co(x) << "\" y=\"" << co(y)
               << "\" width=\"12\" height=\"12\" fill=\"" << fill_of(s, shape.id)
               << "\" stroke=\"#333\" stroke-width=\"0.6\"/>"
               << "<text x=\"" << co(x + 16) << "\" y=\"" << co(y + 10.5) << "\" font-size=\""
               << co(k_label_font) << "\">" << esc(series[s].label) << "</text>";
            x += 16 + text_width(series[s].label, k_label_font) + 18;
        }
        y += 18;
    }
    os << "</g>\n";
}

double value_at(const Chart::Series& s, std::size_t c) {
    return c < s.values.size() ? s.values[c] : 0.0;
}

// The height of category `c`'s stack (negative values count 0: they draw no bar).
double total_at(const Chart& chart, std::size_t c) {
    double total = 0;
    for (const auto& s : chart.series)
        total += std::max(value_at(s, c), 0.0);
    return total;
}

ChartShape shape_of(const Chart& chart, std::string id, bool columns, bool stacked) {
    ChartShape shape{.chart = chart,
                     .id = std::move(id),
                     .width = columns ? k_columns_width : k_bars_width,
                     .cls = columns ? "cols" : "bars",
                     .stacked = stacked};
    double max_value = 0;
    bool whole = true;
    for (const auto& s : chart.series)
        for (double v : s.values) {
            max_value = std::max(max_value, v);
            whole = whole && std::abs(v - std::round(v)) < 1e-9;
        }
    if (stacked)
        for (std::size_t c = 0; c < chart.categories.size(); ++c)
            max_value = std::max(max_value, total_at(chart, c));
    shape.axis = nice_axis(max_value, whole);
    if (chart.series.size() > 1) {
        double x = 0;
        std::vector<std::size_t> row;
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            double item = 16 + text_width(chart.series[s].label, k_label_font) + 18;
            if (!row.empty() && x + item > shape.width) {
                shape.legend_rows.push_back(std::move(row));
                row.clear();
                x = 0;
            }
            row.push_back(s);
            x += item;
        }
        shape.legend_rows.push_back(std::move(row));
        shape.legend_h = static_cast<double>(shape.legend_rows.size()) * 18 + 8;
    }
    return shape;
}

// The widest figure written at the end of a bar (of a stack: its total).
double max_value_label(const ChartShape& shape) {
    const Chart& chart = shape.chart;
    double width = 0;
    for (std::size_t c = 0; c < chart.categories.size(); ++c) {
        if (shape.stacked)
            width = std::max(width, text_width(figure(total_at(chart, c)), k_small_font));
        else
            for (const auto& s : chart.series)
                width = std::max(width, text_width(figure(value_at(s, c)), k_small_font));
    }
    return width;
}

// A figure inside its segment of a stack, when it fits there (white halo for hatched fills).
void write_inner_value(std::ostream& os, double v, double cx, double cy, double room_w,
                       double room_h) {
    std::string text = figure(v);
    if (v <= 0 || room_h < k_small_font + 2 || text_width(text, k_small_font) + 4 > room_w)
        return;
    os << "<text class=\"in\" x=\"" << co(cx) << "\" y=\"" << co(cy + 4) << "\" font-size=\""
       << co(k_small_font) << "\" text-anchor=\"middle\">" << text << "</text>";
}

// A figure above a column: level, or turned up when wider than the column.
void write_top_value(std::ostream& os, double v, double cx, double top, bool upright) {
    if (upright)
        os << "<text x=\"" << co(cx) << "\" y=\"" << co(top - 4) << "\" font-size=\""
           << co(k_small_font) << "\" text-anchor=\"middle\">" << figure(v) << "</text>";
    else
        os << "<text transform=\"translate(" << co(cx + 4) << ' ' << co(top - 4)
           << ") rotate(-90)\" font-size=\"" << co(k_small_font) << "\">" << figure(v) << "</text>";
}

void open_svg(std::ostream& os, const ChartShape& shape, double height) {
    os << "<svg class=\"" << shape.cls << "\" viewBox=\"0 0 " << co(shape.width) << ' '
       << co(height) << "\" width=\"" << co(shape.width) << "\" height=\"" << co(height)
       << "\" role=\"img\" aria-labelledby=\"" << shape.id << "-title\"><title id=\"" << shape.id
       << "-title\">" << esc(shape.chart.title) << "</title>\n";
}

void write_unit(std::ostream& os, const Chart& chart, double x, double y, const Words& w,
                const char* anchor) {
    if (chart.unit.empty())
        return;
    os << "<text class=\"unit\" x=\"" << co(x) << "\" y=\"" << co(y) << "\" font-size=\""
       << co(k_small_font) << "\" text-anchor=\"" << anchor << "\">" << esc(w.unit)
       << esc(chart.unit) << "</text>\n";
}

void write_label_lines(std::ostream& os, const Wrapped& label, std::string_view full, double x,
                       double y_first, const char* anchor) {
    os << "<text x=\"" << co(x) << "\" y=\"" << co(y_first) << "\" font-size=\"" << co(k_label_font)
       << "\" text-anchor=\"" << anchor << "\">";
    if (!label.fits)
        os << "<title>" << esc(full) << "</title>";
    for (std::size_t l = 0; l < label.lines.size(); ++l) {
        if (l == 0)
            os << esc(label.lines[l]);
        else
            os << "<tspan x=\"" << co(x) << "\" dy=\"1.2em\">" << esc(label.lines[l]) << "</tspan>";
    }
    os << "</text>";
}

// Columns: categories along the bottom (up to two lines each), values up the left.
void write_columns(std::ostream& os, const ChartShape& shape, const std::vector<Wrapped>& labels,
                   const Words& w) {
    const Chart& chart = shape.chart;
    const std::size_t n = chart.categories.size();
    const std::size_t lanes = shape.stacked ? 1 : std::max<std::size_t>(chart.series.size(), 1);
    double tick_w = text_width(figure(shape.axis.max), k_small_font);
    double left = std::max(36.0, tick_w + 14);
    double plot_w = shape.width - left - 8;
    double slot = plot_w / static_cast<double>(n);
    double group = slot * (lanes == 1 ? 0.6 : 0.8);
    double bar = group / static_cast<double>(lanes);
    double value_w = max_value_label(shape);
    bool upright = value_w <= bar + (lanes == 1 ? 0 : 2);
    double headroom = upright ? 16 : value_w + 8;
    std::size_t label_lines = 1;
    for (const auto& l : labels)
        label_lines = std::max(label_lines, l.lines.size());
    double top = shape.legend_h + 16 + headroom;
    double plot_h = 220;
    double base = top + plot_h;
    double height = base + 8 + static_cast<double>(label_lines) * 14.4 + 6;

    open_svg(os, shape, height);
    write_defs_and_legend(os, shape);
    write_unit(os, chart, 0, shape.legend_h + 12, w, "start");
    os << "<g class=\"grid\">";
    for (double t = 0; t <= shape.axis.max + 1e-9; t += shape.axis.step) {
        double y = base - t / shape.axis.max * plot_h;
        os << "<line x1=\"" << co(left) << "\" y1=\"" << co(y) << "\" x2=\"" << co(shape.width - 8)
           << "\" y2=\"" << co(y) << "\"" << (t == 0 ? " class=\"base\"" : "") << "/><text x=\""
           << co(left - 6) << "\" y=\"" << co(y + 4) << "\" font-size=\"" << co(k_small_font)
           << "\" text-anchor=\"end\">" << figure(t) << "</text>";
    }
    os << "</g>\n";
    for (std::size_t c = 0; c < n; ++c) {
        double x0 = left + slot * static_cast<double>(c) + (slot - group) / 2;
        os << "<g class=\"bars\">";
        double below = 0; // of the stack
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            double v = value_at(chart.series[s], c);
            double h = std::max(v, 0.0) / shape.axis.max * plot_h;
            double x = x0 + bar * static_cast<double>(shape.stacked ? 0 : s);
            double bottom = base - below;
            if (h > 0)
                os << "<rect x=\"" << co(x) << "\" y=\"" << co(bottom - h) << "\" width=\""
                   << co(bar) << "\" height=\"" << co(h) << "\" fill=\"" << fill_of(s, shape.id)
                   << "\"/>";
            if (shape.stacked) {
                write_inner_value(os, v, x + bar / 2, bottom - h / 2, bar, h);
                below += h;
            } else {
                write_top_value(os, v, x + bar / 2, bottom - h, upright);
            }
        }
        if (shape.stacked)
            write_top_value(os, total_at(chart, c), x0 + bar / 2, base - below, upright);
        write_label_lines(os, labels[c], chart.categories[c],
                          left + slot * (static_cast<double>(c) + 0.5), base + 8 + 12, "middle");
        os << "</g>\n";
    }
    os << "</svg>";
}

// Bars: categories down the left (up to three lines each), values along the bottom; for many
// categories or names too long to stand under a column.
void write_bars(std::ostream& os, const ChartShape& shape, const std::vector<Wrapped>& labels,
                double label_w, const Words& w) {
    const Chart& chart = shape.chart;
    const std::size_t n = chart.categories.size();
    const std::size_t lanes = shape.stacked ? 1 : std::max<std::size_t>(chart.series.size(), 1);
    double left = label_w + 14;
    double right = shape.width - max_value_label(shape) - 10;
    double plot_w = right - left;
    double bar = lanes == 1 ? 16 : 12;
    double top = shape.legend_h + 18;
    std::vector<double> row_h(n);
    double plot_h = 0;
    for (std::size_t c = 0; c < n; ++c) {
        row_h[c] = std::max(bar * static_cast<double>(lanes),
                            static_cast<double>(labels[c].lines.size()) * 14.4) +
                   8;
        plot_h += row_h[c];
    }
    double height = top + plot_h + 22;

    open_svg(os, shape, height);
    write_defs_and_legend(os, shape);
    write_unit(os, chart, right, shape.legend_h + 12, w, "end");
    os << "<g class=\"grid\">";
    for (double t = 0; t <= shape.axis.max + 1e-9; t += shape.axis.step) {
        double x = left + t / shape.axis.max * plot_w;
        os << "<line x1=\"" << co(x) << "\" y1=\"" << co(top) << "\" x2=\"" << co(x) << "\" y2=\""
           << co(top + plot_h) << "\"" << (t == 0 ? " class=\"base\"" : "") << "/><text x=\""
           << co(x) << "\" y=\"" << co(top + plot_h + 15) << "\" font-size=\"" << co(k_small_font)
           << "\" text-anchor=\"middle\">" << figure(t) << "</text>";
    }
    os << "</g>\n";
    double y = top;
    for (std::size_t c = 0; c < n; ++c) {
        double group = bar * static_cast<double>(lanes);
        double y0 = y + (row_h[c] - group) / 2;
        os << "<g class=\"bars\">";
        double before = 0; // of the stack
        for (std::size_t s = 0; s < chart.series.size(); ++s) {
            double v = value_at(chart.series[s], c);
            double len = std::max(v, 0.0) / shape.axis.max * plot_w;
            double bx = left + before;
            double by = y0 + bar * static_cast<double>(shape.stacked ? 0 : s);
            if (len > 0)
                os << "<rect x=\"" << co(bx) << "\" y=\"" << co(by) << "\" width=\"" << co(len)
                   << "\" height=\"" << co(bar) << "\" fill=\"" << fill_of(s, shape.id) << "\"/>";
            if (shape.stacked) {
                write_inner_value(os, v, bx + len / 2, by + bar / 2, len, bar);
                before += len;
            } else {
                os << "<text x=\"" << co(bx + len + 4) << "\" y=\"" << co(by + bar / 2 + 4)
                   << "\" font-size=\"" << co(k_small_font) << "\">" << figure(v) << "</text>";
            }
        }
        if (shape.stacked)
            os << "<text x=\"" << co(left + before + 4) << "\" y=\"" << co(y0 + bar / 2 + 4)
               << "\" font-size=\"" << co(k_small_font) << "\">" << figure(total_at(chart, c))
               << "</text>";
        double lines = static_cast<double>(labels[c].lines.size());
        double first = y + row_h[c] / 2 - (lines - 1) * 14.4 / 2 + 4;
        write_label_lines(os, labels[c], chart.categories[c], left - 8, first, "end");
        os << "</g>\n";
        y += row_h[c];
    }
    os << "</svg>";
}

void write_chart(std::ostream& os, const Chart& chart, Ids& ids, const Words& w) {
    std::string id = ids.make("c-", chart.key);
    os << "<figure class=\"chart\" id=\"" << id << "\"><figcaption>" << esc(chart.title)
       << "</figcaption>\n";
    if (chart.categories.empty() || chart.series.empty()) {
        os << "<p class=\"empty\">" << esc(w.no_data) << "</p></figure>\n";
        return;
    }
    const std::size_t n = chart.categories.size();
    double widest = 0;
    for (const auto& category : chart.categories)
        widest = std::max(widest, text_width(category, k_label_font));

    // Columns for a few short categories (months, short names), when each fits under its column;
    // bars otherwise, with the names down the left where long names stay readable. Beyond four
    // series, side-by-side bars get too thin to read: they stack (every chart here counts things
    // of one unit, so a stack's height is a meaningful total).
    constexpr double k_short_label = 8 * k_label_font;
    constexpr std::size_t k_max_side_by_side = 4;
    bool stacked = chart.series.size() > k_max_side_by_side;
    std::size_t bars = n * (stacked ? 1 : chart.series.size());
    bool columns = n <= 16 && bars <= 48 && widest <= k_short_label;
    std::vector<Wrapped> labels;
    if (columns) {
        double slot = (k_columns_width - 52) / static_cast<double>(n);
        for (const auto& category : chart.categories) {
            labels.push_back(wrap(category, slot - 6, k_label_font, 2));
            columns = columns && labels.back().fits;
        }
    }
    ChartShape shape = shape_of(chart, id, columns, stacked);
    os << "<div class=\"chart-box\">";
    if (columns) {
        write_columns(os, shape, labels, w);
    } else {
        double label_w = std::min(widest, k_bars_width * 0.36);
        labels.clear();
        for (const auto& category : chart.categories)
            labels.push_back(wrap(category, label_w, k_label_font, 3));
        write_bars(os, shape, labels, label_w, w);
    }
    os << "</div></figure>\n";
}

// ---- page ---------------------------------------------------------------------------------------

// Columns a table may have and still print on a portrait A4 page.
constexpr std::size_t k_portrait_columns = 8;

constexpr const char* k_css = R"(
:root{--ink:#1b1b1b;--muted:#5a5a5a;--rule:#c9c9c9;--head:#eef1f4;--accent:#a61b1b}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:16px/1.75 "Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Hiragino Sans GB","Microsoft YaHei",sans-serif}
html[lang|=en] body{font-family:"Segoe UI","Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans","Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:980px;margin:0 auto;padding:32px 36px 48px}
header{text-align:center;border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:8px}
h1{font-size:1.6rem;line-height:1.45;margin:0 0 8px;color:var(--accent);font-weight:700}
.subtitle{margin:0;color:var(--muted);font-size:.9rem}
nav{font-size:.9rem;margin:12px 0 0;color:var(--muted)}
nav ol{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:4px 18px}
nav a{color:inherit;text-decoration:none;border-bottom:1px dotted var(--muted)}
section{margin-top:28px}
h2{font-size:1.25rem;line-height:1.5;margin:0;padding:4px 0;border-bottom:1px solid var(--rule)}
.counts{margin:4px 0 10px;color:var(--muted);font-size:.85rem}
.para{margin:.5em 0}
html[lang|=zh] .para{text-indent:2em}
.table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:14px 0 18px}
table{border-collapse:collapse;width:100%;font-size:.875rem;line-height:1.5}
caption,.caption{caption-side:top;text-align:left;font-weight:700;padding:0 0 6px;margin:0}
th,td{border:1px solid var(--rule);padding:5px 8px;vertical-align:top}
th{background:var(--head);font-weight:700;text-align:left;white-space:nowrap}
tbody tr:nth-child(even) td{background:#f8f9fa}
.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.c,.d{white-space:nowrap}
.t{min-width:7em}
.nil{color:var(--muted);text-align:center}
.up{color:#1d7a3e}
.down{color:#b3261e}
.same{color:var(--muted)}
.empty-table{margin:14px 0 18px}
.empty{margin:6px 0;padding:6px 10px;border-left:3px solid var(--rule);background:#f8f9fa;color:var(--muted)}
figure.chart{margin:18px 0 22px;break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:700;font-size:.95rem;margin-bottom:6px}
.chart-box{overflow-x:auto;-webkit-overflow-scrolling:touch}
.chart-box svg{display:block;width:100%;height:auto}
.chart-box svg.bars{max-width:680px}
svg text{fill:var(--ink);font-family:inherit}
svg .unit{fill:var(--muted)}
svg .grid line{stroke:#d5d5d5;stroke-width:1}
svg .grid line.base{stroke:#333}
svg .grid text{fill:var(--muted)}
svg .bars rect{stroke:#333;stroke-width:.6}
svg text.in{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}
@media (max-width:640px){
main{padding:16px 12px 32px}
body{font-size:15px}
h1{font-size:1.3rem}
h2{font-size:1.1rem}
table{font-size:.8125rem}
th,td{padding:4px 6px}
.t{min-width:9em}
.chart-box svg.cols{min-width:520px}
}
@page{size:A4;margin:16mm 14mm 18mm}
@page wide{size:A4 landscape;margin:14mm 14mm 16mm}
@media print{
body{font-size:10.5pt;line-height:1.6}
main{max-width:none;padding:0}
nav{display:none}
section{margin-top:0;break-before:page;page-break-before:always}
section:first-of-type{break-before:auto;page-break-before:auto;margin-top:14pt}
h2,caption,.caption,figcaption,.counts{break-after:avoid;page-break-after:avoid}
.table-wrap,.chart-box{overflow:visible}
table{font-size:9pt}
thead{display:table-header-group}
tr,td,th{break-inside:avoid;page-break-inside:avoid}
.chart-box svg.cols{min-width:0;max-width:180mm}
.chart-box svg.bars{max-width:150mm}
section.wide{page:wide}
.t{min-width:0}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)";

} // namespace

void render_html(std::ostream& os, const Document& doc) {
    const Words& w = words(doc.lang);
    Ids ids;
    std::vector<std::string> section_ids;
    for (const auto& section : doc.sections)
        section_ids.push_back(ids.make("s-", section.key));

    os << "<!DOCTYPE html>\n<html lang=\"" << w.html_lang
       << "\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>"
       << esc(doc.title) << "</title>\n<style>" << k_css << "</style>\n</head>\n<body>\n<main>\n"
       << "<header>\n<h1>" << esc(doc.title) << "</h1>\n";
    if (!doc.subtitle.empty())
        os << "<p class=\"subtitle\">" << esc(doc.subtitle) << "</p>\n";
    if (doc.sections.size() > 1) {
        os << "<nav aria-label=\"" << esc(w.contents) << "\"><ol>";
        for (std::size_t s = 0; s < doc.sections.size(); ++s)
            os << "<li><a href=\"#" << section_ids[s] << "\">" << esc(doc.sections[s].heading)
               << "</a></li>";
        os << "</ol></nav>\n";
    }
    os << "</header>\n";
    for (std::size_t s = 0; s < doc.sections.size(); ++s) {
        const Section& section = doc.sections[s];
        // A table too wide for a portrait page puts its section on landscape pages in print.
        bool wide =
            std::any_of(section.tables.begin(), section.tables.end(),
                        [](const DocTable& t) { return t.columns.size() > k_portrait_columns; });
        os << "<section id=\"" << section_ids[s] << (wide ? "\" class=\"wide" : "") << "\">\n<h2>"
           << esc(section.heading) << "</h2>\n";
        if (!section.counts.empty())
            os << "<p class=\"counts\">" << esc(section.counts) << "</p>\n";
        for (const auto& paragraph : section.paragraphs)
            os << "<p class=\"para\">" << esc(paragraph) << "</p>\n";
        for (const auto& chart : section.charts)
            write_chart(os, chart, ids, w);
        for (const auto& table : section.tables)
            write_table(os, table, ids, w);
        os << "</section>\n";
    }
    os << "</main>\n</body>\n</html>\n";
}

} // namespace hlpb::report
