// The text renderings of a Document: md (GitHub markdown), text (a terminal: tables aligned by
// display width through the shared output layer) and csv (one table). Charts are left out: the
// table holding their figures is always in the document too.
#include <hlpb/output/table.hpp>
#include <hlpb/report/document.hpp>

#include <fmt/format.h>

#include <cmath>
#include <cstdint>

namespace hlpb::report {
namespace {

constexpr std::string_view k_bold_on = "\x1b[1m";
constexpr std::string_view k_bold_off = "\x1b[0m";

std::string number(const Cell& v) {
    if (v.is_number_integer())
        return std::to_string(v.get<std::int64_t>());
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::trunc(d) && std::fabs(d) < 1e15)
        return fmt::format("{:.0f}", d + 0.0);
    std::string s = fmt::format("{:.2f}", d);
    while (s.back() == '0')
        s.pop_back();
    return s;
}

double as_double(const Cell& v) {
    return v.is_number() ? v.get<double>() : 0.0;
}

// A cell as a person reads it (md, text): null "-", money 1234.50, percent 43.2%, delta ▲3.
std::string human(const Cell& v, CellKind kind) {
    if (v.is_null())
        return "-";
    if (v.is_string())
        return v.get<std::string>();
    if (!v.is_number())
        return v.dump();
    switch (kind) {
    case CellKind::money:
        return fmt::format("{:.2f}", as_double(v));
    case CellKind::percent:
        return fmt::format("{:.1f}%", as_double(v) * 100);
    case CellKind::delta: {
        const long long d = v.is_number_integer() ? v.get<long long>() : std::llround(as_double(v));
        return d > 0 ? fmt::format("▲{}", d) : d < 0 ? fmt::format("▼{}", -d) : "—";
    }
    default:
        return number(v);
    }
}

// A cell as a program reads it (csv): null empty, money with two decimals, percent the
// fraction, delta the signed integer, as in the JSON.
std::string machine(const Cell& v, CellKind kind) {
    if (v.is_null())
        return {};
    if (v.is_string())
        return v.get<std::string>();
    if (!v.is_number())
        return v.dump();
    if (kind == CellKind::money)
        return fmt::format("{:.2f}", as_double(v));
    if (kind == CellKind::percent)
        return fmt::format("{:.4f}", as_double(v));
    return number(v);
}

bool right_aligned(CellKind kind) {
    return kind == CellKind::integer || kind == CellKind::money || kind == CellKind::percent ||
           kind == CellKind::delta;
}

// Markdown: stored text cannot become markup (emphasis, links, html).
std::string md_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\\' || c == '*' || c == '[' || c == ']' || c == '<' || c == '>' || c == '`' ||
            c == '#')
            out += '\\';
        out += c;
    }
    return out;
}

// Terminal: control characters (from imported text) never reach the terminal.
std::string plain(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7F) ? ' ' : c;
    }
    return out;
}

out::Table to_table(const DocTable& t, bool for_md) {
    out::Table table;
    for (const auto& c : t.columns)
        table.columns.push_back(
            {c.key, for_md ? md_escape(c.label) : c.label, right_aligned(c.kind)});
    for (const auto& row : t.rows) {
        auto& cells = table.rows.emplace_back();
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
            const std::string s = i < row.size() ? human(row[i], t.columns[i].kind) : "-";
            cells.emplace_back(for_md ? md_escape(s) : s);
        }
    }
    return table;
}

} // namespace

void render_md(std::ostream& os, const Document& doc) {
    out::RenderOptions options;
    options.format = out::Format::md;
    options.lang = "zh"; // the columns' labels are already in the document's language
    os << "# " << md_escape(doc.title) << "\n\n";
    if (!doc.subtitle.empty())
        os << md_escape(doc.subtitle) << "\n\n";
    for (const auto& s : doc.sections) {
        os << "## " << md_escape(s.heading) << "\n\n";
        if (!s.counts.empty())
            os << "> " << md_escape(s.counts) << "\n\n";
        for (const auto& p : s.paragraphs)
            os << md_escape(p) << "\n\n";
        for (const auto& t : s.tables) {
            if (!t.title.empty())
                os << "**" << md_escape(t.title) << "**\n\n";
            if (t.rows.empty()) {
                os << md_escape(t.empty_note) << "\n\n";
                continue;
            }
            out::render(os, to_table(t, true), options);
            os << '\n';
        }
    }
}

void render_text(std::ostream& os, const Document& doc, bool color) {
    out::RenderOptions options;
    options.format = out::Format::table;
    options.lang = "zh";
    options.color = color;
    auto bold = [&](const std::string& s) {
        if (color)
            os << k_bold_on << plain(s) << k_bold_off << '\n';
        else
            os << plain(s) << '\n';
    };
    bold(doc.title);
    if (!doc.subtitle.empty())
        os << plain(doc.subtitle) << '\n';
    for (const auto& s : doc.sections) {
        os << '\n';
        bold(s.heading);
        if (!s.counts.empty())
            os << plain(s.counts) << '\n';
        for (const auto& p : s.paragraphs)
            os << plain(p) << '\n';
        for (const auto& t : s.tables) {
            os << '\n';
            if (!t.title.empty())
                os << plain(t.title) << '\n';
            if (t.rows.empty()) {
                os << plain(t.empty_note) << '\n';
                continue;
            }
            out::render(os, to_table(t, false), options);
        }
    }
}

void render_csv(std::ostream& os, const DocTable& t, bool bom) {
    out::Table table;
    for (const auto& c : t.columns)
        table.columns.push_back({c.key, c.label, right_aligned(c.kind)});
    for (const auto& row : t.rows) {
        auto& cells = table.rows.emplace_back();
        for (std::size_t i = 0; i < t.columns.size(); ++i)
            cells.emplace_back(i < row.size() ? machine(row[i], t.columns[i].kind) : std::string());
    }
    out::RenderOptions options;
    options.format = out::Format::csv;
    options.bom = bom;
    out::render(os, table, options);
}

} // namespace hlpb::report
