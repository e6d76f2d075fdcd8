// Tests for import/templates: the header row of every import, the template workbook (text
// columns, drop-down lists) and the Chinese form of an export.
#include "fixture.hpp"
#include "xlsx_fixture.hpp"

#include <hlpb/import/activities.hpp>
#include <hlpb/import/members.hpp>
#include <hlpb/import/nouns.hpp>
#include <hlpb/import/scores.hpp>
#include <hlpb/import/templates.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace hlpb;

TEST_CASE("import templates: the header row in Chinese or English keys, as import reads it") {
    CHECK(import::template_csv(import::committee_fields(), "zh") == "编码,名称,类型");
    CHECK(import::template_csv(import::committee_fields(), "en") == "code,name,kind");
    CHECK(import::template_csv(import::member_fields(), "zh").starts_with("身份证号,姓名,性别,"));
    CHECK(import::template_csv(import::score_fields(), "en") == "org,month,category,points,reason");
}

TEST_CASE("import templates: the workbook has text ID and phone columns and drop-down lists") {
    test::TempDir dir;
    const std::string path = dir.file("members.xlsx");
    import::write_template_xlsx(path, "member", import::member_fields(), "zh", {});
    const auto parts = test::unzip(test::read_all(path));
    const std::string& sheet = parts.at("xl/worksheets/sheet1.xml");
    CHECK(parts.at("xl/sharedStrings.xml").find(">身份证号<") != std::string::npos);
    CHECK(sheet.find("<pane") != std::string::npos); // the header row is frozen
    // Column A (ID number) and N (phone) carry the text style; B (name) does not.
    auto col_style = [&](int n) {
        const std::string tag =
            "<col min=\"" + std::to_string(n) + "\" max=\"" + std::to_string(n) + "\"";
        const std::size_t at = sheet.find(tag);
        REQUIRE(at != std::string::npos);
        return test::attribute(sheet, at, "style");
    };
    CHECK(!col_style(1).empty());
    CHECK(col_style(1) == col_style(14));
    CHECK(col_style(2).empty());
    CHECK(parts.at("xl/styles.xml").find("numFmtId=\"49\"") != std::string::npos); // "@"
    // One list a column of a fixed set: gender, status, role, left_reason.
    CHECK(sheet.find("<dataValidation type=\"list\"") != std::string::npos);
    CHECK(sheet.find("<formula1>\"男,女\"</formula1>") != std::string::npos);
    CHECK(sheet.find("<formula1>\"预备党员,正式党员\"</formula1>") != std::string::npos);
    CHECK(sheet.find("<formula1>\"书记,副书记,委员,党员\"</formula1>") != std::string::npos);
    CHECK(sheet.find("sqref=\"C2:C1048576\"") != std::string::npos);

    const std::string en = dir.file("orgs.xlsx");
    import::write_template_xlsx(en, "org", import::org_fields(), "en", {});
    const std::string org_sheet = test::unzip(test::read_all(en)).at("xl/worksheets/sheet1.xml");
    CHECK(org_sheet.find("<formula1>\"enterprise,social\"</formula1>") != std::string::npos);
    CHECK(org_sheet.find("<formula1>\"yes,no\"</formula1>") != std::string::npos);
}

TEST_CASE("import templates: an export in Chinese has the labels and the Chinese words") {
    out::Table t{{{"code", "", false}, {"type", "", false}, {"is_lead", "", false}}, {}};
    t.rows.push_back({"HL-A001", "enterprise", true});
    t.rows.push_back({"HL-A002", "social", nullptr});
    std::vector<import::Field> three = {import::org_fields()[0], import::org_fields()[4],
                                        import::org_fields()[9]};
    import::to_chinese(t, three);
    CHECK(t.columns[0].key == "党组织编码");
    CHECK(t.columns[1].key == "单位类型");
    CHECK(t.columns[2].key == "是否牵头");
    CHECK(t.rows[0] == std::vector<out::Value>{"HL-A001", "非公企业", "是"});
    CHECK(t.rows[1] == std::vector<out::Value>{"HL-A002", "社会组织", nullptr});
}
