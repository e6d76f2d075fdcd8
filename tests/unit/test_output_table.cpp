// Unit tests for hlpb/output/table.hpp: every format, for tables and records, byte for byte.
#include <hlpb/output/table.hpp>

#include <doctest/doctest.h>

#include <sstream>
#include <string>

namespace out = hlpb::out;
using out::Value;

namespace {

std::string render(const out::Table& table, out::Format format, std::string lang = "zh",
                   bool color = false, bool bom = false) {
    std::ostringstream os;
    out::render(os, table, out::RenderOptions{format, std::move(lang), color, bom});
    return os.str();
}

std::string render(const out::Record& record, out::Format format, std::string lang = "zh") {
    std::ostringstream os;
    out::render(os, record, out::RenderOptions{format, std::move(lang), false, false});
    return os.str();
}

// Committees with a right-aligned count, a bool and a null.
out::Table committees() {
    out::Table t;
    t.columns = {
        {"code", "编码"}, {"name", "名称"}, {"orgs", "党组织数", true}, {"weak", "软弱涣散"}};
    t.rows = {
        {"HL01", "湖里街道", 12, true},
        {"HL2", "Park", 3, false},
        {"HL10", nullptr, 100, nullptr},
    };
    return t;
}

// Values that need quoting or escaping; the first column is not alphabetically first, to show
// that json keeps column order.
out::Table awkward() {
    out::Table t;
    t.columns = {{"name", "名称"}, {"code", "编码"}, {"orgs", "数量", true}, {"notes", "备注"}};
    t.rows = {
        {"湖里街道", "HL01", 12, nullptr},    {"a,b", "HL02", 3, "say \"hi\""},
        {" lead", "HL03", 0, "line1\nline2"}, {"x|y", "HL04", -5, "trail "},
        {"=1+1", "HL05", 7, "cr\ronly"},
    };
    return t;
}

out::Record cluster() {
    out::Record r;
    r.fields = {{"code", "编码"},
                {"name", "联建片名称"},
                {"orgs", "党组织数", true},
                {"active", "是否活跃"},
                {"notes", "备注"}};
    r.values = {"HL-GEO-01", "湖里街道联建片", 3, true, nullptr};
    out::Table members;
    members.columns = {{"code", "编码"}, {"name", "名称"}, {"is_lead", "牵头"}};
    members.rows = {{"O1", "湖里党支部", true}, {"O22", "Foo", false}};
    out::Table history;
    history.columns = {{"date", "日期"}, {"event", "事件"}};
    r.sections = {{{"members", "成员党组织"}, members}, {{"history", "历史"}, history}};
    return r;
}

} // namespace

TEST_SUITE("output") {

    TEST_CASE("output: parse_format and label") {
        CHECK(out::parse_format("table") == out::Format::table);
        CHECK(out::parse_format("csv") == out::Format::csv);
        CHECK(out::parse_format("json") == out::Format::json);
        CHECK(out::parse_format("jsonl") == out::Format::jsonl);
        CHECK(out::parse_format("md") == out::Format::md);
        CHECK_FALSE(out::parse_format(""));
        CHECK_FALSE(out::parse_format("xlsx"));
        CHECK_FALSE(out::parse_format("JSON"));
        CHECK_FALSE(out::parse_format("json "));

        CHECK(out::label({"code", "编码"}, "zh") == "编码");
        // In English a column without its own label takes its key's (labels::column).
        CHECK(out::label({"code", "编码"}, "en") == "Code");
        CHECK(out::label({"code", "编码", false, "Org code"}, "en") == "Org code");
        CHECK(out::label({"no_such_key", "编码"}, "en") == "no_such_key");
        CHECK(out::label({"code", ""}, "zh") == "code");
    }

    TEST_CASE("output: table aligns Chinese by display width and right-aligns numbers") {
        // 湖里街道 is 8 columns wide; 党组织数 (8) is wider than its values, so they are padded
        // left.
        CHECK(render(committees(), out::Format::table) == "编码  名称      党组织数  软弱涣散\n"
                                                          "----  --------  --------  --------\n"
                                                          "HL01  湖里街道        12  是\n"
                                                          "HL2   Park             3  否\n"
                                                          "HL10  -              100  -\n");
    }

    TEST_CASE("output: table in English uses English labels and yes/no") {
        CHECK(render(committees(), out::Format::table, "en") ==
              "Code  Name      Orgs  Weak and lax\n"
              "----  --------  ----  ------------\n"
              "HL01  湖里街道    12  yes\n"
              "HL2   Park         3  no\n"
              "HL10  -          100  -\n");
    }

    TEST_CASE("output: table header is bold only with color") {
        const std::string s = render(committees(), out::Format::table, "en", true);
        CHECK(s.rfind("\x1b[1mCode  Name      Orgs  Weak and lax\x1b[0m\n"
                      "----  --------  ----  ------------\n"
                      "HL01  ",
                      0) == 0);
        CHECK(render(committees(), out::Format::table).find('\x1b') == std::string::npos);
    }

    TEST_CASE("output: empty table prints only the header and the rule") {
        out::Table t = committees();
        t.rows.clear();
        CHECK(render(t, out::Format::table) == "编码  名称  党组织数  软弱涣散\n"
                                               "----  ----  --------  --------\n");
        CHECK(render(t, out::Format::csv) == "code,name,orgs,weak\r\n");
        CHECK(render(t, out::Format::json) == "[]\n");
        CHECK(render(t, out::Format::jsonl).empty());
        CHECK(render(t, out::Format::md) == "| 编码 | 名称 | 党组织数 | 软弱涣散 |\n"
                                            "| --- | --- | ---: | --- |\n");
    }

    TEST_CASE("output: table keeps every cell on one line and has no trailing spaces") {
        out::Table t;
        t.columns = {{"a", "甲"}, {"b", "乙"}};
        t.rows = {{"x\ny", "p\r\nq"}, {"tab\there", "esc\x1b[31m"}, {"wide", ""}};
        CHECK(render(t, out::Format::table) == "甲        乙\n"
                                               "--------  --------\n"
                                               "x y       p q\n"
                                               "tab here  esc [31m\n"
                                               "wide\n");
    }

    TEST_CASE("output: numbers print as integers without .0") {
        out::Table t;
        t.columns = {{"n", "数", true}};
        t.rows = {{3.0}, {2.5}, {-0.0}, {-5}, {Value(18446744073709551615ULL)}, {1e20}, {0.1}};
        CHECK(render(t, out::Format::table) == "                  数\n"
                                               "--------------------\n"
                                               "                   3\n"
                                               "                 2.5\n"
                                               "                   0\n"
                                               "                  -5\n"
                                               "18446744073709551615\n"
                                               "               1e+20\n"
                                               "                 0.1\n");
        CHECK(render(t, out::Format::csv) == "n\r\n3\r\n2.5\r\n0\r\n-5\r\n18446744073709551615\r\n"
                                             "1e+20\r\n0.1\r\n");
    }

    TEST_CASE("output: rows shorter than the columns show nulls") {
        out::Table t;
        t.columns = {{"a", "甲"}, {"b", "乙"}};
        t.rows = {{"x"}};
        CHECK(render(t, out::Format::table) == "甲  乙\n"
                                               "--  --\n"
                                               "x   -\n");
        CHECK(render(t, out::Format::csv) == "a,b\r\nx,\r\n");
        CHECK(render(t, out::Format::jsonl) == "{\"a\":\"x\",\"b\":null}\n");
    }

    TEST_CASE("output: csv quotes when needed, escapes quotes and ends lines with CRLF") {
        CHECK(render(awkward(), out::Format::csv) == "name,code,orgs,notes\r\n"
                                                     "湖里街道,HL01,12,\r\n"
                                                     "\"a,b\",HL02,3,\"say \"\"hi\"\"\"\r\n"
                                                     "\" lead\",HL03,0,\"line1\nline2\"\r\n"
                                                     "x|y,HL04,-5,\"trail \"\r\n"
                                                     "=1+1,HL05,7,\"cr\ronly\"\r\n");
    }

    TEST_CASE("output: csv writes bools as 1/0, nulls as empty, and a BOM on request") {
        const std::string body = "code,name,orgs,weak\r\n"
                                 "HL01,湖里街道,12,1\r\n"
                                 "HL2,Park,3,0\r\n"
                                 "HL10,,100,\r\n";
        CHECK(render(committees(), out::Format::csv) == body);
        CHECK(render(committees(), out::Format::csv, "en") == body); // csv ignores the language
        CHECK(render(committees(), out::Format::csv, "zh", false, true) == "\xEF\xBB\xBF" + body);
        // The BOM is only for csv.
        CHECK(render(committees(), out::Format::json, "zh", false, true).rfind("[\n", 0) == 0);
    }

    TEST_CASE("output: json keeps column order and writes Chinese as UTF-8") {
        CHECK(render(awkward(), out::Format::json) == R"([
  {
    "name": "湖里街道",
    "code": "HL01",
    "orgs": 12,
    "notes": null
  },
  {
    "name": "a,b",
    "code": "HL02",
    "orgs": 3,
    "notes": "say \"hi\""
  },
  {
    "name": " lead",
    "code": "HL03",
    "orgs": 0,
    "notes": "line1\nline2"
  },
  {
    "name": "x|y",
    "code": "HL04",
    "orgs": -5,
    "notes": "trail "
  },
  {
    "name": "=1+1",
    "code": "HL05",
    "orgs": 7,
    "notes": "cr\ronly"
  }
]
)");
    }

    TEST_CASE("output: json writes bools and nulls as JSON values, whatever the language") {
        const std::string expected = "[\n"
                                     "  {\n"
                                     "    \"code\": \"HL01\",\n"
                                     "    \"name\": \"湖里街道\",\n"
                                     "    \"orgs\": 12,\n"
                                     "    \"weak\": true\n"
                                     "  },\n"
                                     "  {\n"
                                     "    \"code\": \"HL2\",\n"
                                     "    \"name\": \"Park\",\n"
                                     "    \"orgs\": 3,\n"
                                     "    \"weak\": false\n"
                                     "  },\n"
                                     "  {\n"
                                     "    \"code\": \"HL10\",\n"
                                     "    \"name\": null,\n"
                                     "    \"orgs\": 100,\n"
                                     "    \"weak\": null\n"
                                     "  }\n"
                                     "]\n";
        CHECK(render(committees(), out::Format::json) == expected);
        CHECK(render(committees(), out::Format::json, "en") == expected);
    }

    TEST_CASE("output: json replaces invalid UTF-8 instead of throwing") {
        out::Table t;
        t.columns = {{"a", "甲"}};
        t.rows = {{"bad\xff"}};
        CHECK(render(t, out::Format::jsonl) == "{\"a\":\"bad\xEF\xBF\xBD\"}\n");
    }

    TEST_CASE("output: jsonl writes one compact object per line") {
        CHECK(render(committees(), out::Format::jsonl) ==
              "{\"code\":\"HL01\",\"name\":\"湖里街道\",\"orgs\":12,\"weak\":true}\n"
              "{\"code\":\"HL2\",\"name\":\"Park\",\"orgs\":3,\"weak\":false}\n"
              "{\"code\":\"HL10\",\"name\":null,\"orgs\":100,\"weak\":null}\n");
    }

    TEST_CASE("output: md escapes pipes, turns newlines into <br> and right-aligns numbers") {
        CHECK(render(awkward(), out::Format::md) == "| 名称 | 编码 | 数量 | 备注 |\n"
                                                    "| --- | --- | ---: | --- |\n"
                                                    "| 湖里街道 | HL01 | 12 | - |\n"
                                                    "| a,b | HL02 | 3 | say \"hi\" |\n"
                                                    "|  lead | HL03 | 0 | line1<br>line2 |\n"
                                                    "| x\\|y | HL04 | -5 | trail  |\n"
                                                    "| =1+1 | HL05 | 7 | cr<br>only |\n");
    }

    TEST_CASE("output: md writes bools in the chosen language") {
        CHECK(render(committees(), out::Format::md) == "| 编码 | 名称 | 党组织数 | 软弱涣散 |\n"
                                                       "| --- | --- | ---: | --- |\n"
                                                       "| HL01 | 湖里街道 | 12 | 是 |\n"
                                                       "| HL2 | Park | 3 | 否 |\n"
                                                       "| HL10 | - | 100 | - |\n");
        CHECK(render(committees(), out::Format::md, "en") ==
              "| Code | Name | Orgs | Weak and lax |\n"
              "| --- | --- | ---: | --- |\n"
              "| HL01 | 湖里街道 | 12 | yes |\n"
              "| HL2 | Park | 3 | no |\n"
              "| HL10 | - | 100 | - |\n");
    }

    TEST_CASE("output: md turns a CRLF into one <br>") {
        out::Table t;
        t.columns = {{"a", "甲|乙"}};
        t.rows = {{"p\r\nq"}};
        CHECK(render(t, out::Format::md) == "| 甲\\|乙 |\n| --- |\n| p<br>q |\n");
    }

    TEST_CASE("output: record as a table aligns labels, then titles each section") {
        CHECK(render(cluster(), out::Format::table) == "编码:       HL-GEO-01\n"
                                                       "联建片名称: 湖里街道联建片\n"
                                                       "党组织数:   3\n"
                                                       "是否活跃:   是\n"
                                                       "备注:       -\n"
                                                       "\n"
                                                       "成员党组织\n"
                                                       "编码  名称        牵头\n"
                                                       "----  ----------  ----\n"
                                                       "O1    湖里党支部  是\n"
                                                       "O22   Foo         否\n"
                                                       "\n"
                                                       "历史\n"
                                                       "日期  事件\n"
                                                       "----  ----\n");
    }

    TEST_CASE("output: record as a table in English") {
        CHECK(render(cluster(), out::Format::table, "en") == "Code:   HL-GEO-01\n"
                                                             "Name:   湖里街道联建片\n"
                                                             "Orgs:   3\n"
                                                             "active: yes\n"
                                                             "Notes:  -\n"
                                                             "\n"
                                                             "Members\n"
                                                             "Code  Name        Lead\n"
                                                             "----  ----------  ----\n"
                                                             "O1    湖里党支部  yes\n"
                                                             "O22   Foo         no\n"
                                                             "\n"
                                                             "history\n"
                                                             "Date  Event\n"
                                                             "----  -----\n");
    }

    TEST_CASE("output: record section titles are bold with color") {
        std::ostringstream os;
        out::render(os, cluster(), out::RenderOptions{out::Format::table, "en", true, false});
        CHECK(os.str().find("\n\x1b[1mMembers\x1b[0m\n\x1b[1mCode  Name        Lead\x1b[0m\n") !=
              std::string::npos);
    }

    TEST_CASE("output: record as md") {
        CHECK(render(cluster(), out::Format::md) == "- 编码: HL-GEO-01\n"
                                                    "- 联建片名称: 湖里街道联建片\n"
                                                    "- 党组织数: 3\n"
                                                    "- 是否活跃: 是\n"
                                                    "- 备注: -\n"
                                                    "\n"
                                                    "## 成员党组织\n"
                                                    "\n"
                                                    "| 编码 | 名称 | 牵头 |\n"
                                                    "| --- | --- | --- |\n"
                                                    "| O1 | 湖里党支部 | 是 |\n"
                                                    "| O22 | Foo | 否 |\n"
                                                    "\n"
                                                    "## 历史\n"
                                                    "\n"
                                                    "| 日期 | 事件 |\n"
                                                    "| --- | --- |\n");
    }

    TEST_CASE("output: record as json puts the fields first, then each section as an array") {
        CHECK(render(cluster(), out::Format::json) == R"({
  "code": "HL-GEO-01",
  "name": "湖里街道联建片",
  "orgs": 3,
  "active": true,
  "notes": null,
  "members": [
    {
      "code": "O1",
      "name": "湖里党支部",
      "is_lead": true
    },
    {
      "code": "O22",
      "name": "Foo",
      "is_lead": false
    }
  ],
  "history": []
}
)");
    }

    TEST_CASE("output: record as jsonl is the same object on one line") {
        CHECK(render(cluster(), out::Format::jsonl) ==
              "{\"code\":\"HL-GEO-01\",\"name\":\"湖里街道联建片\",\"orgs\":3,\"active\":true,"
              "\"notes\":null,\"members\":[{\"code\":\"O1\",\"name\":\"湖里党支部\",\"is_lead\":"
              "true},"
              "{\"code\":\"O22\",\"name\":\"Foo\",\"is_lead\":false}],\"history\":[]}\n");
    }

    TEST_CASE("output: record as csv is its fields as a one-row table") {
        CHECK(render(cluster(), out::Format::csv) == "code,name,orgs,active,notes\r\n"
                                                     "HL-GEO-01,湖里街道联建片,3,1,\r\n");
    }

    TEST_CASE("output: a record without sections prints only its fields") {
        out::Record r = cluster();
        r.sections.clear();
        CHECK(render(r, out::Format::table, "en") == "Code:   HL-GEO-01\n"
                                                     "Name:   湖里街道联建片\n"
                                                     "Orgs:   3\n"
                                                     "active: yes\n"
                                                     "Notes:  -\n");
        CHECK(render(r, out::Format::jsonl) ==
              "{\"code\":\"HL-GEO-01\",\"name\":\"湖里街道联建片\","
              "\"orgs\":3,\"active\":true,\"notes\":null}\n");
    }

    TEST_CASE("output: output is identical across runs") {
        CHECK(render(awkward(), out::Format::json) == render(awkward(), out::Format::json));
        CHECK(render(cluster(), out::Format::table) == render(cluster(), out::Format::table));
    }

} // TEST_SUITE
