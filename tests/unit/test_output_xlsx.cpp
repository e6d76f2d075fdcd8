// Unit tests for hlpb/output/xlsx.hpp: the file is a zip with the expected parts, ID numbers are
// text cells, numbers numeric, and writing is atomic.
#include "fixture.hpp"
#include "output/xlsx_workbook.hpp"
#include "xlsx_fixture.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>
#include <hlpb/output/xlsx.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace fs = std::filesystem;
namespace out = hlpb::out;
using hlpb::test::read_all;
using hlpb::test::TempDir;
using hlpb::test::unzip;

namespace {

out::Table roster() {
    out::Table t;
    t.columns = {{"id_number", "身份证号"},
                 {"name", "姓名"},
                 {"points", "积分", true},
                 {"is_lead", "牵头"},
                 {"phone", "手机号码"}};
    t.rows = {
        {"350206198503120014", "张三", 120, true, "138****5678"},
        {"35020619900825002X", "阿依·买买提", 7, false, nullptr},
    };
    return t;
}

} // namespace

TEST_CASE("write_xlsx writes a workbook whose ID numbers are text cells") {
    TempDir dir;
    const std::string path = dir.file("roster.xlsx");
    out::write_xlsx(path, {{"花名册", roster(), "zh"}});

    const std::string zip = read_all(path);
    REQUIRE(zip.size() > 4);
    CHECK(zip.substr(0, 2) == "PK");
    CHECK((fs::status(path).permissions() & fs::perms::others_read) == fs::perms::none);

    const auto parts = unzip(zip);
    REQUIRE(parts.count("xl/sharedStrings.xml") == 1);
    REQUIRE(parts.count("xl/worksheets/sheet1.xml") == 1);
    REQUIRE(parts.count("xl/workbook.xml") == 1);
    const std::string& strings = parts.at("xl/sharedStrings.xml");
    // The header in Chinese, the ID numbers and names as shared strings, bools as 是/否.
    for (const char* s : {"身份证号", "姓名", "积分", "350206198503120014", "35020619900825002X",
                          "阿依·买买提", "是", "否", "138****5678"})
        CHECK_MESSAGE(strings.find(s) != std::string::npos, s);
    const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
    CHECK(sheet.find(R"(<c r="A2" t="s")") != std::string::npos);          // the ID: a string cell
    CHECK(sheet.find(R"(<c r="C2"><v>120</v></c>)") != std::string::npos); // points: a number
    CHECK(sheet.find(R"(<c r="E3")") == std::string::npos);                // null: no cell
    CHECK(sheet.find(R"(state="frozen")") != std::string::npos);           // frozen header row
    CHECK(sheet.find("<cols>") != std::string::npos);                      // column widths set
    CHECK(parts.at("xl/workbook.xml").find(R"(name="花名册")") != std::string::npos);
    // Only the target is left in the folder: the temporary file was renamed.
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("write_xlsx labels in English, and makes sheet names Excel accepts") {
    TempDir dir;
    const std::string path = dir.file("report.xlsx");
    out::write_xlsx(
        path, {{"a/b:c", roster(), "en"},
               {"A/B:C", roster(), "en"},
               {"", {}, "en"},
               {"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二", {}, "en"}});
    const auto parts = unzip(read_all(path));
    const std::string& strings = parts.at("xl/sharedStrings.xml");
    CHECK(strings.find("ID number") != std::string::npos);
    CHECK(strings.find("yes") != std::string::npos);
    CHECK(strings.find("身份证号") == std::string::npos);
    const std::string& workbook = parts.at("xl/workbook.xml");
    CHECK(workbook.find(R"(name="a_b_c")") != std::string::npos);
    CHECK(workbook.find(R"x(name="A_B_C (2)")x") != std::string::npos);
    CHECK(workbook.find(R"(name="Sheet3")") != std::string::npos);
    CHECK(
        workbook.find(R"(name="一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一")") !=
        std::string::npos);
    CHECK(parts.count("xl/worksheets/sheet4.xml") == 1);
}

TEST_CASE("write_xlsx replaces an existing file") {
    TempDir dir;
    const std::string path = dir.file("roster.xlsx");
    {
        std::ofstream old(path);
        old << "old";
    }
    out::write_xlsx(path, {{"x", roster(), "zh"}});
    CHECK(read_all(path).substr(0, 2) == "PK");
}

TEST_CASE("write_xlsx into a missing folder throws CannotCreate and leaves nothing") {
    TempDir dir;
    const std::string path = dir.file("missing/roster.xlsx");
    CHECK_THROWS_AS(out::write_xlsx(path, {{"x", roster(), "zh"}}), hlpb::CannotCreate);
    CHECK_FALSE(fs::exists(dir.path() / "missing"));
    CHECK(fs::is_empty(dir.path()));
}

TEST_CASE("write_xlsx onto a folder fails and removes its temporary file") {
    TempDir dir;
    fs::create_directory(dir.path() / "taken.xlsx");
    CHECK_THROWS_AS(out::write_xlsx(dir.file("taken.xlsx"), {{"x", roster(), "zh"}}),
                    hlpb::CannotCreate);
    // Only the folder that was in the way remains.
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()) == 1);
}

TEST_CASE("libxlsxwriter's errors: what they mean in Chinese, its own text in English") {
    const std::string before(hlpb::i18n::language());
    struct Restore {
        std::string lang;
        ~Restore() { hlpb::i18n::set_language(lang); }
    } restore{before};
    const auto refusal = [](lxw_error err) -> std::string {
        try {
            out::detail::check(err, "a.xlsx", hlpb::tr("saving"));
        } catch (const hlpb::CannotCreate& e) {
            return e.what();
        }
        return "no error";
    };
    hlpb::i18n::set_language("zh");
    CHECK(refusal(LXW_ERROR_CREATING_XLSX_FILE) ==
          "无法写入a.xlsx：保存：无法创建该文件：请确认其所在文件夹存在，且您有写入权限");
    CHECK(refusal(LXW_ERROR_ZIP_CLOSE).find("磁盘剩余空间") != std::string::npos);
    CHECK(refusal(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE).find("Excel的上限") != std::string::npos);
    CHECK(refusal(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED).find("Excel") != std::string::npos);
    CHECK(refusal(LXW_ERROR_NULL_PARAMETER_IGNORED) == "无法写入a.xlsx：保存：libxlsxwriter错误12");
    try { // a step named by its msgid is translated by check itself
        out::detail::check(LXW_ERROR_ZIP_CLOSE, "a.xlsx", "document properties");
        FAIL("no error");
    } catch (const hlpb::CannotCreate& e) {
        CHECK(std::string(e.what()).starts_with("无法写入a.xlsx：文档属性："));
    }
    CHECK_NOTHROW(out::detail::check(LXW_NO_ERROR, "a.xlsx", "x"));
    hlpb::i18n::set_language("en");
    const std::string english = refusal(LXW_ERROR_CREATING_XLSX_FILE); // libxlsxwriter's words
    CHECK(english.starts_with("cannot write a.xlsx: saving: "));
    CHECK(english.find("xlsx file") != std::string::npos);
}
