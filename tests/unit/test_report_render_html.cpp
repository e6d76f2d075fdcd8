#include "document_fixture.hpp"

#include <hlpb/report/document.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

using namespace hlpb;
using hlpb::test::hostile_document;
using hlpb::test::monthly_document;

namespace {

std::string html(const report::Document& doc) {
    std::ostringstream os;
    report::render_html(os, doc);
    return os.str();
}

std::size_t count(const std::string& s, std::string_view what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + what.size()))
        ++n;
    return n;
}

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The structure of `page`, checked the way a strict parser would: every '<' starts a tag, a
// comment-free doctype or an end tag; every attribute value is quoted; every element is closed in
// order (html void elements and SVG's "/>" aside); the style element's text holds no '<'. Returns
// the first problem, or "" when there is none.
std::string structure_problem(const std::string& page) {
    static const std::vector<std::string> k_void = {"meta", "link", "br", "hr", "img", "input"};
    std::vector<std::string> open;
    std::size_t i = 0;
    while ((i = page.find('<', i)) != std::string::npos) {
        if (page.compare(i, 9, "<!DOCTYPE") == 0) {
            i = page.find('>', i);
            continue;
        }
        bool closing = i + 1 < page.size() && page[i + 1] == '/';
        std::size_t name_at = i + (closing ? 2 : 1);
        std::size_t j = name_at;
        while (j < page.size() && (is_letter(page[j]) || (j > name_at && isdigit(page[j]))))
            ++j;
        std::string name = page.substr(name_at, j - name_at);
        if (name.empty())
            return "a bare '<' at byte " + std::to_string(i);
        // Attributes: name="value" pairs up to '>' or '/>'.
        bool self_closing = false;
        while (j < page.size() && page[j] != '>') {
            if (page[j] == '"') {
                std::size_t end = page.find('"', j + 1);
                if (end == std::string::npos)
                    return "an unclosed attribute in <" + name + ">";
                std::string value = page.substr(j + 1, end - j - 1);
                if (value.find('<') != std::string::npos || value.find('>') != std::string::npos)
                    return "a raw < or > in an attribute of <" + name + ">";
                j = end + 1;
                continue;
            }
            if (page[j] == '=' && j + 1 < page.size() && page[j + 1] != '"')
                return "an unquoted attribute in <" + name + ">";
            if (page[j] == '\'' || page[j] == '<')
                return "a stray character in <" + name + ">";
            self_closing = page[j] == '/' && j + 1 < page.size() && page[j + 1] == '>';
            ++j;
        }
        if (j >= page.size())
            return "an unclosed tag <" + name;
        i = j + 1;
        if (closing) {
            if (open.empty() || open.back() != name)
                return "</" + name + "> closes <" + (open.empty() ? "" : open.back()) + ">";
            open.pop_back();
        } else if (!self_closing && std::find(k_void.begin(), k_void.end(), name) == k_void.end()) {
            open.push_back(name);
            if (name == "style") {
                std::size_t end = page.find("</style>", i);
                if (end == std::string::npos || page.find('<', i) != end)
                    return "a '<' inside <style>";
                i = end;
            }
        }
    }
    if (!open.empty())
        return "<" + open.back() + "> never closed";
    return "";
}

// Every reference out of the page: none may leave it.
void check_self_contained(const std::string& page) {
    CHECK(page.find("http") == std::string::npos);
    CHECK(page.find("src=") == std::string::npos);
    CHECK(page.find("@import") == std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("<link") == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    for (auto at = page.find("url("); at != std::string::npos; at = page.find("url(", at + 4))
        CHECK((page.compare(at + 4, 1, "#") == 0 || page.compare(at + 4, 5, "data:") == 0));
    for (auto at = page.find("href=\""); at != std::string::npos; at = page.find("href=\"", at + 6))
        CHECK(page.compare(at + 6, 1, "#") == 0);
}

std::size_t charts_in(const report::Document& doc) {
    std::size_t n = 0;
    for (const auto& section : doc.sections)
        n += section.charts.size();
    return n;
}

} // namespace

TEST_CASE("render_html: the monthly report is one well-formed, self-contained html5 page") {
    auto doc = monthly_document();
    std::string page = html(doc);
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"zh-CN\">", 0) == 0);
    CHECK(page.find("<meta name=\"viewport\"") != std::string::npos);
    CHECK(structure_problem(page) == "");
    check_self_contained(page);
    CHECK(page.find("<title>湖里区“两新”组织“1+X”联建片 2026年10月工作月报</title>") !=
          std::string::npos);
    // Print CSS: A4, a page per section, headers repeated, rows kept whole.
    CHECK(page.find("@page{size:A4") != std::string::npos);
    CHECK(page.find("thead{display:table-header-group}") != std::string::npos);
    CHECK(page.find("break-before:page") != std::string::npos);
    CHECK(page.find("\"Noto Sans CJK SC\"") != std::string::npos);
    // The appendix's 12 columns print on landscape pages; the 8 of the coverage table do not.
    CHECK(page.find("@page wide{size:A4 landscape") != std::string::npos);
    CHECK(page.find("<section id=\"s-clusters\" class=\"wide\">") != std::string::npos);
    CHECK(page.find("<section id=\"s-coverage\">") != std::string::npos);
    // Every section with its heading and counts line, in order.
    std::size_t at = 0;
    for (const auto& section : doc.sections) {
        at = page.find("<h2>" + section.heading + "</h2>\n<p class=\"counts\">" + section.counts,
                       at);
        CHECK_MESSAGE(at != std::string::npos, section.heading);
    }
}

TEST_CASE("render_html: every chart is an inline SVG image with a title, bars and a legend") {
    auto doc = monthly_document();
    std::string page = html(doc);
    CHECK(count(page, "<svg ") == charts_in(doc));
    CHECK(count(page, "role=\"img\"") == charts_in(doc));
    CHECK(page.find("<title id=\"c-meetings-title\">各党委书记例会应开与已开</title>") !=
          std::string::npos);
    CHECK(page.find("aria-labelledby=\"c-meetings-title\"") != std::string::npos);
    // One bar per non-zero value: the meetings chart has two series over 9 committees, no zero.
    std::size_t from = page.find("id=\"c-meetings\"");
    std::size_t to = page.find("</figure>", from);
    std::string meetings = page.substr(from, to - from);
    CHECK(count(meetings, "<rect ") == 18 + 2); // bars and the two legend swatches
    CHECK(meetings.find(">应开</text>") != std::string::npos);
    CHECK(meetings.find(">已开</text>") != std::string::npos);
    CHECK(meetings.find("单位：个") != std::string::npos);
    // Round ticks: the largest value is 12, so 0 2 4 ... 12 along the axis.
    for (const char* tick : {">0</text>", ">4</text>", ">12</text>"})
        CHECK(meetings.find(tick) != std::string::npos);
    CHECK(meetings.find(">2.5</text>") == std::string::npos);
    // Committee names are too long to stand under columns: bars, names down the left. The twelve
    // months fit under columns.
    CHECK(meetings.find("<svg class=\"bars\"") != std::string::npos);
    from = page.find("id=\"c-flags_12m\"");
    CHECK(page.find("<svg class=\"cols\"", from) < page.find("</figure>", from));
}

TEST_CASE("render_html: long category names are wrapped or cut with the full name kept") {
    report::Document doc;
    report::Chart chart;
    chart.key = "long";
    chart.title = "长名称";
    chart.categories = {"", "短"};
    for (int i = 0; i < 5; ++i)
        chart.categories[0] += "江头街道东方财富广场联建片";
    chart.series = {{"", {3, 4}}};
    report::Section section;
    section.key = "s";
    section.heading = "一";
    section.charts.push_back(chart);
    doc.sections.push_back(section);
    std::string page = html(doc);
    CHECK(structure_problem(page) == "");
    CHECK(page.find("…") != std::string::npos);
    CHECK(page.find("<title>" + chart.categories[0] + "</title>") != std::string::npos);
}

TEST_CASE("render_html: cells are typed: numbers right, money 2 decimals, percent 1, delta ▲/▼") {
    std::string page = html(monthly_document());
    // 湖里街道: 12 clusters, 84 orgs, 840 members, -1 member, 90.0% covered.
    CHECK(page.find("<tr><td class=\"t\">湖里街道两新组织党委</td><td class=\"n\">12</td>"
                    "<td class=\"n\">84</td><td class=\"n\">840</td><td class=\"n down\">▼1</td>"
                    "<td class=\"n\">90.0%</td>") != std::string::npos);
    CHECK(page.find("<td class=\"n\">3600.00</td>") != std::string::npos);
    CHECK(page.find("<td class=\"n up\">▲20</td>") != std::string::npos);
    CHECK(page.find("<td class=\"n same\">—</td>") != std::string::npos);
    CHECK(page.find("<td class=\"nil\">—</td>") != std::string::npos);
    CHECK(page.find("<td class=\"c\">HL-01</td>") != std::string::npos);
    CHECK(page.find("<td class=\"d\">2026-10-31</td>") != std::string::npos);
    CHECK(page.find("<th class=\"n\" scope=\"col\">积分</th>") != std::string::npos);
}

TEST_CASE("render_html: a table without rows shows its empty note instead") {
    std::string page = html(monthly_document());
    CHECK(page.find("<p class=\"empty\">本月无即将到期的事项。</p>") != std::string::npos);
    CHECK(page.find("<p class=\"empty\">本月无超过30天未办结的问题。</p>") != std::string::npos);
    CHECK(page.find("<table id=\"t-compliance_due\"") == std::string::npos);
    CHECK(page.find("id=\"t-compliance_due\"") != std::string::npos);
    CHECK(page.find("<table id=\"t-compliance_missed\"") != std::string::npos);
}

TEST_CASE("render_html: hostile stored names come out as inert text") {
    auto doc = hostile_document();
    std::string page = html(doc);
    CHECK(structure_problem(page) == "");
    check_self_contained(page);
    CHECK(page.find("</script>") == std::string::npos);
    CHECK(page.find("<svg onload") == std::string::npos);
    CHECK(page.find("onclick=") == std::string::npos);
    CHECK(page.find("onerror=") == std::string::npos);
    CHECK(page.find("&lt;/script&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") !=
          std::string::npos);
    CHECK(page.find("&quot;A&amp;B&quot; &#39;C&#39; &lt;D&gt; &amp;amp;") != std::string::npos);
    CHECK(page.find("<p class=\"empty\">无 &lt;/script&gt;") != std::string::npos);
    // Ids made from hostile keys keep only [A-Za-z0-9_-].
    CHECK(page.find("<section id=\"s-x--onclick--alert-1-\">") != std::string::npos);
    CHECK(page.find("id=\"c-c---script-\"") != std::string::npos);
}

TEST_CASE("render_html: an onload inside a stored name cannot become an attribute") {
    std::string page = html(hostile_document());
    for (auto at = page.find("onload"); at != std::string::npos; at = page.find("onload", at + 1)) {
        // Every occurrence sits in text after an escaped '<'.
        auto lt = page.rfind('<', at);
        auto escaped = page.rfind("&lt;svg ", at);
        CHECK(escaped != std::string::npos);
        CHECK((lt == std::string::npos || lt < escaped));
    }
}

TEST_CASE("render_html: the same Document gives the same bytes") {
    std::string first = html(monthly_document());
    CHECK(first == html(monthly_document()));
    CHECK(html(hostile_document()) == html(hostile_document()));
    // Repeated keys still give unique ids.
    report::Document doc;
    for (int i = 0; i < 2; ++i) {
        report::Section s;
        s.key = "same";
        s.heading = "x";
        doc.sections.push_back(s);
    }
    std::string page = html(doc);
    CHECK(page.find("id=\"s-same\"") != std::string::npos);
    CHECK(page.find("id=\"s-same-2\"") != std::string::npos);
}

TEST_CASE("render_html: English") {
    auto doc = monthly_document(report::Lang::en);
    std::string page = html(doc);
    CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
    // English text in a Latin font first: a CJK font sets “ and ” full width, which in English
    // prose reads as a gap before and after every quoted word.
    CHECK(page.find("html[lang|=en] body{font-family:\"Segoe UI\"") != std::string::npos);
    CHECK(structure_problem(page) == "");
    check_self_contained(page);
    CHECK(count(page, "<svg ") == charts_in(doc));
    CHECK(page.find("<h2>1. Overview</h2>") != std::string::npos);
    CHECK(page.find("Unit: clusters") != std::string::npos);
    CHECK(page.find("<p class=\"empty\">Nothing falls due this month.</p>") != std::string::npos);
    CHECK(page.find("单位") == std::string::npos);
    CHECK(page.find("目录") == std::string::npos);
}

TEST_CASE("render_html: a chart without data says so; an empty document is still a page") {
    report::Document doc;
    report::Section section;
    section.key = "s";
    section.heading = "一、空";
    report::Chart chart;
    chart.key = "none";
    chart.title = "无数据的图";
    section.charts.push_back(chart);
    report::DocTable table;
    table.key = "t";
    table.columns = {{"a", "甲", report::CellKind::integer}};
    section.tables.push_back(table);
    doc.sections.push_back(section);
    std::string page = html(doc);
    CHECK(structure_problem(page) == "");
    CHECK(page.find("<svg") == std::string::npos);
    CHECK(page.find("<p class=\"empty\">无数据。</p>") != std::string::npos);
    CHECK(page.find("<p class=\"empty\">无。</p>") != std::string::npos);
    CHECK(structure_problem(html(report::Document{})) == "");
}

TEST_CASE("render_html: more than four series stack, with the total on top") {
    report::Document doc;
    report::Chart chart;
    chart.key = "stack";
    chart.title = "近十二个月各党委流动红旗数";
    chart.unit = "面";
    chart.categories = {"2026-09", "2026-10"};
    for (int s = 1; s <= 6; ++s)
        chart.series.push_back({"党委" + std::to_string(s), {10.0 * s, 1.0 * s}});
    report::Section section;
    section.key = "s";
    section.heading = "一";
    section.charts.push_back(chart);
    doc.sections.push_back(section);
    std::string page = html(doc);
    CHECK(structure_problem(page) == "");
    // Totals 210 and 21 above the stacks; 60, the largest segment, written inside it.
    CHECK(page.find(">210</text>") != std::string::npos);
    CHECK(page.find(">21</text>") != std::string::npos);
    CHECK(page.find("<text class=\"in\"") != std::string::npos);
    CHECK(page.find(">60</text>") != std::string::npos);
    // The axis reaches past the largest total (0, 50 ... 250), not just the largest segment.
    CHECK(page.find(">250</text>") != std::string::npos);
    CHECK(page.find(">300</text>") == std::string::npos);
    // Series four to six are told apart by hatching as well as colour.
    CHECK(count(page, "<pattern id=\"c-stack-p") == 3);
    CHECK(page.find("fill=\"url(#c-stack-p5)\"") != std::string::npos);
}
