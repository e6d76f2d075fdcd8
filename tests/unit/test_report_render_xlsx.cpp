// Unit tests for report::write_xlsx: the sheets in order with Excel-safe names, typed cells (codes
// stay text, numbers are numbers with their formats), a frozen header, the same bytes every time,
// and atomic writes.
#include "fixture.hpp"
#include "xlsx_fixture.hpp"

#include <hlpb/error.hpp>
#include <hlpb/report/document.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace report = hlpb::report;
using hlpb::test::cell_xml;
using hlpb::test::number_format;
using hlpb::test::read_all;
using hlpb::test::sample_document;
using hlpb::test::TempDir;
using hlpb::test::unzip;

namespace {

constexpr long long k_created = 1793498400; // 2026-11-01 02:00:00 UTC
constexpr std::size_t k_excel_columns = 16384;

// The sheet names of a workbook, in order.
std::vector<std::string> sheet_names(const std::string& workbook) {
    std::vector<std::string> names;
    for (std::size_t at = workbook.find("<sheet "); at != std::string::npos;
         at = workbook.find("<sheet ", at + 1))
        names.push_back(hlpb::test::attribute(workbook, at, "name"));
    return names;
}

// The text that cell `ref` of `sheet` holds: an inline string, as the report writes its cells row
// by row (libxlsxwriter's constant_memory mode) without a shared string table.
std::string string_of(const std::string& sheet, const std::string& ref) {
    const std::string cell = cell_xml(sheet, ref);
    REQUIRE_MESSAGE(cell.find(R"( t="inlineStr")") != std::string::npos, cell);
    std::size_t at = cell.find("<is><t");
    REQUIRE_MESSAGE(at != std::string::npos, cell);
    at = cell.find('>', at + 4) + 1;
    return cell.substr(at, cell.find("</t>", at) - at);
}

// The sheet of a workbook whose one table has one text column holding `rows`.
std::string text_column_sheet(const TempDir& dir, std::vector<std::vector<report::Cell>> rows) {
    const std::string path = dir.file("report.xlsx");
    report::Document doc;
    report::Section section;
    section.heading = "问题";
    report::DocTable table;
    table.columns = {{"title", "问题", report::CellKind::text}};
    table.rows = std::move(rows);
    section.tables.push_back(std::move(table));
    doc.sections.push_back(std::move(section));
    report::write_xlsx(path, doc, k_created);
    return unzip(read_all(path)).at("xl/worksheets/sheet2.xml");
}

std::size_t files_in(const fs::path& dir) {
    return static_cast<std::size_t>(
        std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

} // namespace

TEST_CASE("write_xlsx: a cover sheet first, then one sheet per table with a name Excel accepts") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    report::write_xlsx(path, sample_document(), k_created);
    const auto parts = unzip(read_all(path));
    CHECK(sheet_names(parts.at("xl/workbook.xml")) ==
          std::vector<std::string>{"封面", "一、总体情况", "附表2 制度落实明细 （未开）／待办",
                                   "附表4 补贴明细", "六、部长会客厅问题办理"});
    CHECK((fs::status(path).permissions() & fs::perms::others_read) == fs::perms::none);
    CHECK(files_in(dir.path()) == 1); // the temporary file was renamed

    // The cover: title, subtitle, each section's heading, counts and paragraphs, links to sheets.
    const std::string& cover = parts.at("xl/worksheets/sheet1.xml");
    CHECK(string_of(cover, "A1") == "湖里区“两新”组织“1+X”联建片 2026年10月工作月报");
    CHECK(string_of(cover, "A2").find("数据截至 2026-10-31") != std::string::npos);
    CHECK(string_of(cover, "A4") == "一、总体情况");
    CHECK(string_of(cover, "A5").find("统计口径") == 0);
    CHECK(string_of(cover, "A6").find("本月，全区共有") == 0);
    CHECK(string_of(cover, "A8") == "→ 详见工作表“一、总体情况”");
    CHECK(parts.at("xl/worksheets/sheet1.xml").find(R"(location="'一、总体情况'!A1")") !=
          std::string::npos);
    CHECK(cover.find("<pane") == std::string::npos);
}

TEST_CASE("write_xlsx: sheet names are cut to 31 characters and unique") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    report::Document doc;
    doc.title = "月报";
    report::Section section;
    section.heading = "封面";
    section.tables.resize(2);          // no titles: both named after the heading
    section.tables[0].rows = {{}, {}}; // rows without columns: shown as a table without rows
    report::Section long_heading;
    long_heading.heading = "七、一个很长很长的标题用来检查工作表名称是否按照三十一个字符截断：是的";
    long_heading.tables.resize(1);
    doc.sections = {section, long_heading};
    report::write_xlsx(path, doc, k_created);
    const auto parts = unzip(read_all(path));
    CHECK(
        sheet_names(parts.at("xl/workbook.xml")) ==
        std::vector<std::string>{"封面", "封面 (2)", "封面 (3)",
                                 "七、一个很长很长的标题用来检查工作表名称是否按照三十一个字符截"});
}

TEST_CASE("write_xlsx: a table sheet has its title, a bold frozen header and typed cells") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    report::write_xlsx(path, sample_document(), k_created);
    const auto parts = unzip(read_all(path));

    const std::string& coverage = parts.at("xl/worksheets/sheet2.xml");
    CHECK(string_of(coverage, "A1") == "一、总体情况"); // the section's heading as title
    CHECK(string_of(coverage, "A2") == "党委编码");
    CHECK(string_of(coverage, "F2") == "覆盖率");
    CHECK(coverage.find(R"(<pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" )"
                        R"(state="frozen"/>)") != std::string::npos);
    CHECK(coverage.find(R"(<autoFilter ref="A2:F5"/>)") != std::string::npos);
    CHECK(coverage.find("<cols>") != std::string::npos);
    // The header is bold: its style's font is the second, bold one.
    CHECK(parts.at("xl/styles.xml").find("<b/>") != std::string::npos);

    // A code with a leading zero is a text cell with the text format; a name is text.
    CHECK(string_of(coverage, "A3") == "000123");
    CHECK(number_format(parts, coverage, "A3") == "@");
    CHECK(string_of(coverage, "B3") == "湖里街道两新组织综合党委");
    // Integers, deltas and percents are numbers with their formats.
    CHECK(cell_xml(coverage, "C3").find("<v>12</v>") != std::string::npos);
    CHECK(cell_xml(coverage, "C3").find(" t=") == std::string::npos);
    CHECK(number_format(parts, coverage, "C3") == "0");
    CHECK(cell_xml(coverage, "E4").find("<v>-2</v>") != std::string::npos);
    CHECK(number_format(parts, coverage, "E4") == R"(&quot;▲&quot;0;&quot;▼&quot;0;&quot;—&quot;)");
    CHECK(cell_xml(coverage, "F4").find("<v>0.5</v>") != std::string::npos);
    CHECK(number_format(parts, coverage, "F3") == "0.0%");
    // A null is an empty cell that keeps the table's border.
    CHECK(cell_xml(coverage, "F5").find("<v>") == std::string::npos);
    CHECK_FALSE(cell_xml(coverage, "F5").empty());

    // An 18-digit ID-like code stays text, given as a string or as a number; dates are text.
    const std::string& compliance = parts.at("xl/worksheets/sheet3.xml");
    CHECK(string_of(compliance, "B3") == "350206198503120014");
    CHECK(string_of(compliance, "B4") == "350206199001010000");
    CHECK(string_of(compliance, "D3") == "2026-10-31");
    CHECK(number_format(parts, compliance, "D3") == "@");
    // Text wider than a column wraps, in a taller row.
    CHECK(compliance.find(R"(<row r="3" )") != std::string::npos);
    CHECK(compliance.find(R"(customHeight="1")") != std::string::npos);

    // Money is a number with two decimals.
    const std::string& money = parts.at("xl/worksheets/sheet4.xml");
    CHECK(cell_xml(money, "B3").find("<v>3600</v>") != std::string::npos);
    CHECK(number_format(parts, money, "B3") == "0.00");
    CHECK(cell_xml(money, "C4").find("<v>7283.34</v>") != std::string::npos);
    CHECK(number_format(parts, money, "C4") == "0.00");
}

TEST_CASE("write_xlsx: text of several lines wraps in a column as wide as its widest line") {
    TempDir dir;
    const std::string sheet = text_column_sheet(dir, {{"子女入学\n人才公寓"}, {"用工"}});
    // 8 columns of the widest line and 2 beside it; two lines high, the next row as it is.
    CHECK(sheet.find(R"(<col min="1" max="1" width="10.7109375" customWidth="1"/>)") !=
          std::string::npos);
    CHECK(sheet.find(R"(<row r="3" ht="31.9" customHeight="1">)") != std::string::npos);
    CHECK(sheet.find(R"(<row r="4">)") != std::string::npos);
}

TEST_CASE("write_xlsx: inline strings keep outer spaces and escape markup and control characters") {
    TempDir dir;
    const std::string sheet =
        text_column_sheet(dir, {{" 前有空格"}, {"<b>&amp;</b>"}, {std::string("响\x01铃")}});
    CHECK(cell_xml(sheet, "A3").find(R"(<t xml:space="preserve"> 前有空格</t>)") !=
          std::string::npos);
    CHECK(string_of(sheet, "A4") == "&lt;b&gt;&amp;amp;&lt;/b&gt;");
    CHECK(string_of(sheet, "A5") == "响_x0001_铃");
}

TEST_CASE("write_xlsx: a table without rows shows its empty note in A2 and no header") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    report::write_xlsx(path, sample_document(), k_created);
    const auto parts = unzip(read_all(path));
    const std::string& problems = parts.at("xl/worksheets/sheet5.xml");
    CHECK(string_of(problems, "A1") == "六、部长会客厅问题办理");
    CHECK(string_of(problems, "A2") == "本月无超过 30 天未办结的问题。");
    CHECK(cell_xml(problems, "B2").empty());
    CHECK(problems.find("<pane") == std::string::npos);
}

TEST_CASE(
    "write_xlsx: print setup: A4, one page wide, header rows repeated, wide tables landscape") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    report::write_xlsx(path, sample_document(), k_created);
    const auto parts = unzip(read_all(path));
    const std::string& compliance = parts.at("xl/worksheets/sheet3.xml");
    CHECK(compliance.find(R"(<pageSetUpPr fitToPage="1"/>)") != std::string::npos);
    CHECK(compliance.find(R"(paperSize="9")") != std::string::npos);
    CHECK(compliance.find(R"(orientation="landscape")") != std::string::npos);
    CHECK(compliance.find("第 &amp;P 页") != std::string::npos);
    const std::string& money = parts.at("xl/worksheets/sheet4.xml");
    CHECK(money.find(R"(orientation="landscape")") == std::string::npos);
    // Print titles: the title and header rows of each table sheet.
    CHECK(parts.at("xl/workbook.xml")
              .find(R"(<definedName name="_xlnm.Print_Titles" )"
                    R"(localSheetId="2">'附表2 制度落实明细 （未开）／待办'!$1:$2)") !=
          std::string::npos);
}

TEST_CASE("write_xlsx: --lang en names the cover Summary") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    report::write_xlsx(path, sample_document(report::Lang::en), k_created);
    const auto parts = unzip(read_all(path));
    const auto names = sheet_names(parts.at("xl/workbook.xml"));
    REQUIRE(names.size() == 5);
    CHECK(names[0] == "Summary");
    CHECK(names[2] == "附表2 制度落实明细 (未开)-待办"); // ASCII stand-ins in English
    CHECK(string_of(parts.at("xl/worksheets/sheet1.xml"), "A8") == "→ See sheet \"一、总体情况\"");
    CHECK(parts.at("xl/worksheets/sheet3.xml").find("Page &amp;P of &amp;N") != std::string::npos);
}

TEST_CASE("write_xlsx: the same document and creation time give the same bytes") {
    TempDir dir;
    report::write_xlsx(dir.file("a.xlsx"), sample_document(), k_created);
    report::write_xlsx(dir.file("b.xlsx"), sample_document(), k_created);
    const std::string a = read_all(dir.file("a.xlsx"));
    CHECK(a == read_all(dir.file("b.xlsx")));

    // The creation time is the one given, in the document properties.
    const auto parts = unzip(a);
    const std::string& core = parts.at("docProps/core.xml");
    CHECK(core.find("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-11-01T02:00:00Z<") !=
          std::string::npos);
    CHECK(core.find("<dc:title>湖里区“两新”组织“1+X”联建片 2026年10月工作月报</dc:title>") !=
          std::string::npos);
    // The zip entries carry a fixed time, not the clock's: 1980-01-01 00:00 in DOS format.
    CHECK(hlpb::test::le(a, 10, 2) == 0);
    CHECK(hlpb::test::le(a, 12, 2) == ((0 << 9) | (1 << 5) | 1));

    // Another creation time gives another file; 0 (SOURCE_DATE_EPOCH=0) is not "now".
    report::write_xlsx(dir.file("c.xlsx"), sample_document(), k_created + 60);
    CHECK(a != read_all(dir.file("c.xlsx")));
    report::write_xlsx(dir.file("d.xlsx"), sample_document(), 0);
    CHECK(unzip(read_all(dir.file("d.xlsx")))
              .at("docProps/core.xml")
              .find(">1970-01-01T00:00:01Z<") != std::string::npos);
}

namespace {

// A document of `tables` tables of `rows` rows each (code, date, money, text), large enough to be
// written on two threads.
report::Document large_document(std::size_t tables, std::size_t rows) {
    report::Document doc;
    doc.title = "月报";
    report::Section section;
    section.heading = "附表";
    for (std::size_t t = 0; t < tables; ++t) {
        report::DocTable table;
        table.title = "表" + std::to_string(t + 1);
        table.columns = {{"org", "党组织编码", report::CellKind::code},
                         {"date", "日期", report::CellKind::date},
                         {"amount", "金额", report::CellKind::money},
                         {"name", "名称", report::CellKind::text}};
        for (std::size_t r = 0; r < rows * (t + 1); ++r)
            table.rows.push_back({"O" + std::to_string(t) + "-" + std::to_string(r), "2026-10-31",
                                  static_cast<double>(r) / 4, "党支部" + std::to_string(r)});
        section.tables.push_back(std::move(table));
    }
    doc.sections.push_back(std::move(section));
    return doc;
}

} // namespace

TEST_CASE("write_xlsx: a large document is written on two threads, every sheet whole, the same "
          "bytes every time") {
    TempDir dir;
    const report::Document doc = large_document(3, 4000); // 4,000, 8,000 and 12,000 rows
    report::write_xlsx(dir.file("a.xlsx"), doc, k_created);
    report::write_xlsx(dir.file("b.xlsx"), doc, k_created);
    const std::string a = read_all(dir.file("a.xlsx"));
    CHECK(a == read_all(dir.file("b.xlsx")));
    const auto parts = unzip(a);
    CHECK(sheet_names(parts.at("xl/workbook.xml")) ==
          std::vector<std::string>{"封面", "表1", "表2", "表3"});
    for (int t = 0; t < 3; ++t) {
        const std::string& sheet = parts.at("xl/worksheets/sheet" + std::to_string(t + 2) + ".xml");
        const std::size_t rows = 4000 * static_cast<std::size_t>(t + 1);
        const std::string last = std::to_string(rows + 2); // after the title and the header
        CHECK(string_of(sheet, "A" + last) ==
              "O" + std::to_string(t) + "-" + std::to_string(rows - 1));
        CHECK(string_of(sheet, "B" + last) == "2026-10-31");
        CHECK(number_format(parts, sheet, "B" + last) == "@");
        CHECK(cell_xml(sheet, "C" + last).find("<v>" + std::to_string((rows - 1) / 4)) !=
              std::string::npos);
        CHECK(number_format(parts, sheet, "C" + last) == "0.00");
        CHECK(sheet.find("<row r=\"" + std::to_string(rows + 3) + "\"") == std::string::npos);
    }

    // An error on the second thread (a sheet wider than Excel allows) is the write's error.
    report::Document wide = large_document(2, 6000);
    report::DocTable& table = wide.sections.front().tables.front();
    table.rows.resize(2); // 2 × 16,385 cells: the smaller half
    table.columns.resize(k_excel_columns + 1, {"x", "x", report::CellKind::integer});
    for (auto& row : table.rows)
        row.resize(table.columns.size());
    CHECK_THROWS_AS(report::write_xlsx(dir.file("c.xlsx"), wide, k_created), hlpb::CannotCreate);
    CHECK_FALSE(fs::exists(dir.file("c.xlsx")));
}

TEST_CASE("write_xlsx: a failed write leaves nothing and an older file as it was") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    {
        std::ofstream old(path, std::ios::binary);
        old << "last month";
    }
    report::Document doc = sample_document();
    report::DocTable& wide = doc.sections.front().tables.front();
    wide.columns.resize(k_excel_columns + 1, {"x", "x", report::CellKind::integer});
    for (auto& row : wide.rows)
        row.resize(wide.columns.size());
    CHECK_THROWS_AS(report::write_xlsx(path, doc, k_created), hlpb::CannotCreate);
    CHECK(read_all(path) == "last month");
    CHECK(files_in(dir.path()) == 1);

    CHECK_THROWS_AS(report::write_xlsx(dir.file("missing/report.xlsx"), sample_document(), 0),
                    hlpb::CannotCreate);
    CHECK(files_in(dir.path()) == 1);
}
