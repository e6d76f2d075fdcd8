// Tests for the CSV side of import/source: RFC 4180 parsing, physical line numbers, headers,
// ragged rows, encodings and chunk boundaries.
#include "import/readers.hpp"

#include <hlpb/error.hpp>
#include <hlpb/import/source.hpp>
#include <hlpb/text.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iconv.h>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using hlpb::InvalidInput;
using hlpb::RowError;
using hlpb::import::Field;
using hlpb::import::Row;
using hlpb::import::RowSource;
using hlpb::import::SourceOptions;

namespace {

const std::vector<Field> k_fields = {
    {"code", "编码", true, {}},
    {"name", "名称", true, {"title"}},
    {"kind", "类型", false, {}},
};

struct Read {
    std::vector<Row> rows;
    std::vector<std::string> header;
};

Read read_all(const std::string& text, const std::vector<Field>& fields = k_fields,
              SourceOptions options = {"t.csv", "", ""}) {
    std::istringstream in(text);
    RowSource source(in, options, fields);
    Read out;
    out.header = source.header();
    Row row;
    while (source.next(row))
        out.rows.push_back(std::move(row));
    return out;
}

// The errors of the InvalidInput that `f` throws (fails the test when it throws nothing).
std::vector<RowError> errors_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InvalidInput& e) {
        return e.errors();
    }
    FAIL("no InvalidInput thrown");
    return {};
}

std::vector<std::string> cells(std::string a, std::string b, std::string c) {
    return {std::move(a), std::move(b), std::move(c)};
}

std::string data_dir() {
    const char* d = std::getenv("HLPB_TEST_DATA");
    return d ? std::string(d) : std::string(HLPB_TEST_DATA_DIR);
}

} // namespace

TEST_CASE("import csv: quoted cells with commas, quotes and line breaks keep physical lines") {
    auto r = read_all("code,name,kind\n"
                      "A1,\"Smith, John\",x\n"                 // line 2
                      "A2,\"say \"\"hi\"\"\",\"two\nlines\"\n" // line 3-4
                      "A3,\"three\r\nline\r\nbreaks\",\n"      // line 5-7
                      "A4,\"\",\"\"\"\"\n"                     // line 8
                      "A5,\"lone\rcr\",z\n"                    // line 9-10
                      "A6,plain,\"a\"b\n");                    // line 11
    REQUIRE(r.rows.size() == 6);
    CHECK(r.rows[0].line == 2);
    CHECK(r.rows[0].values == cells("A1", "Smith, John", "x"));
    CHECK(r.rows[1].line == 3);
    CHECK(r.rows[1].values == cells("A2", "say \"hi\"", "two\nlines"));
    CHECK(r.rows[2].line == 5);
    CHECK(r.rows[2].values == cells("A3", "three\r\nline\r\nbreaks", ""));
    CHECK(r.rows[3].line == 8);
    CHECK(r.rows[3].values == cells("A4", "", "\""));
    CHECK(r.rows[4].line == 9);
    CHECK(r.rows[4].values == cells("A5", "lone\rcr", "z"));
    CHECK(r.rows[5].line == 11);
    CHECK(r.rows[5].values == cells("A6", "plain", "ab")); // text after a closing quote is kept
}

TEST_CASE("import csv: CRLF, BOM, no final line break") {
    auto r = read_all("\xEF\xBB\xBF"
                      "code,name\r\nA1,N1\r\n\r\nA2,N2");
    CHECK(r.header == std::vector<std::string>{"code", "name"});
    REQUIRE(r.rows.size() == 2);
    CHECK(r.rows[0].line == 2);
    CHECK(r.rows[0].values == cells("A1", "N1", ""));
    CHECK(r.rows[1].line == 4);
    CHECK(r.rows[1].values == cells("A2", "N2", ""));
}

TEST_CASE("import csv: values are normalised, raw cells kept") {
    auto r = read_all("code,name\n \xEF\xBC\xA1\xEF\xBC\x91 ,\xE3\x80\x80张\xC2\xA0三 \n");
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].values == cells("A1", "张\xC2\xA0三", ""));
    CHECK(r.rows[0].raw[0] == " \xEF\xBC\xA1\xEF\xBC\x91 ");
}

TEST_CASE("import csv: values are exactly text::normalize of the cells") {
    // RowSource skips text::normalize when it cannot change anything; this keeps them in step.
    const std::vector<std::string> samples = {"plain",
                                              "  padded\t",
                                              "\v\fx\r",
                                              "陈建国",
                                              " 阿依古丽·买买提 ",
                                              "ｃｏｄｅ",
                                              "\xE3\x80\x80全角空格\xE3\x80\x80",
                                              "\xC2\xA0nbsp\xC2\xA0",
                                              "\xEF\xBB\xBF"
                                              "bom",
                                              "３.５０２０６Ｅ＋１７",
                                              "a\nb ",
                                              "12345678 ",
                                              " 1234567890123456 ",
                                              ""};
    std::string text = "code,name\n";
    for (const std::string& v : samples)
        text += "k,\"" + v + "\"\n";
    auto r = read_all(text);
    REQUIRE(r.rows.size() == samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i)
        CHECK(r.rows[i].values[1] == hlpb::text::normalize(samples[i]));
}

TEST_CASE("import csv: ragged rows") {
    SUBCASE("fewer cells than the header is a row error, not empty cells") {
        auto r = read_all("code,name,kind\nA1,N1\nA2,N2,\n\n");
        REQUIRE(r.rows.size() == 2); // the blank line is no row
        CHECK(r.rows[0].error == "2 cells, the header has 3: a cell is missing (every row has "
                                 "one for each column, empty or not)");
        CHECK(r.rows[1].error.empty());
    }
    SUBCASE("header columns without a field need no cell: Excel's empty ones, 'error'") {
        auto r = read_all("code,name,,\nA1,N1\n");
        REQUIRE(r.rows.size() == 1);
        CHECK(r.rows[0].error.empty());
        r = read_all("code,name,error\nA1,N1\n");
        REQUIRE(r.rows.size() == 1);
        CHECK(r.rows[0].error.empty());
    }
    SUBCASE("empty extra cells are fine, others are a row error") {
        auto r = read_all("code,name\nA1,N1,,  \nA2,N2,oops\nA3,N3\n");
        REQUIRE(r.rows.size() == 3);
        CHECK(r.rows[0].error.empty());
        CHECK(r.rows[1].line == 3);
        CHECK(r.rows[1].error == "more cells than the header's 2: column C holds 'oops'");
        CHECK(r.rows[2].error.empty());
    }
}

TEST_CASE("import csv: trailing empty columns and rows (as Excel writes them)") {
    auto r = read_all("code,name,,\r\nA1,N1,,\r\nA2,N2,,x\r\n,,,\r\n , ,,\r\n");
    REQUIRE(r.rows.size() == 2); // the blank rows are skipped
    CHECK(r.rows[0].values == cells("A1", "N1", ""));
    CHECK(r.rows[0].error.empty());
    CHECK(r.rows[1].line == 3);
    CHECK(r.rows[1].error == "column D holds 'x' but has no header");
}

TEST_CASE("import csv: headers by key, Chinese label or alias, any case and width") {
    auto r = read_all("编码,TITLE,ｋｉｎｄ\nA1,N1,K1\n");
    REQUIRE(r.rows.size() == 1);
    CHECK(r.rows[0].values == cells("A1", "N1", "K1"));
    CHECK(r.header == std::vector<std::string>{"编码", "TITLE", "ｋｉｎｄ"});

    SUBCASE("columns in any order") {
        auto s = read_all("类型, name ,code\nK,N,C\n");
        CHECK(s.rows.at(0).values == cells("C", "N", "K"));
    }
    SUBCASE("an errors-out file's error column is ignored") {
        auto s = read_all("code,name,error\nC,N,name: too long\n");
        CHECK(s.rows.at(0).values == cells("C", "N", ""));
        CHECK(s.rows.at(0).error.empty());
    }
}

// The header's problems, which RowSource keeps (the rows are read all the same).
std::vector<RowError> header_errors_of(const std::string& text) {
    std::istringstream in(text);
    RowSource source(in, {"t.csv", "", ""}, k_fields);
    return source.header_errors();
}

TEST_CASE("import csv: header errors") {
    SUBCASE("unknown column lists the known ones") {
        auto errors = header_errors_of("code,name,xxx\nA,B,C\n");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() ==
              "t.csv:1: header: unknown column 'xxx' (known: code 编码, name 名称, kind 类型)");
    }
    SUBCASE("missing required column") {
        auto errors = header_errors_of("编码,kind\nA,B\n");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() == "t.csv:1: header: missing required column name (名称)");
    }
    SUBCASE("same field twice names both columns") {
        auto errors = header_errors_of("code,name,编码\nA,B,C\n");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].to_string() ==
              "t.csv:1: header: columns A 'code' and C '编码' are both code");
    }
    SUBCASE("every header problem at once; the rows are read with the columns that are known") {
        std::istringstream in("foo,code,code,bar\nx,A,B,y\n");
        RowSource source(in, {"t.csv", "", ""}, k_fields);
        CHECK(source.header_errors().size() == 4); // foo, bar, code twice, name missing
        CHECK(source.missing(1));                  // name
        CHECK(!source.missing(0));                 // code
        CHECK(!source.missing(2));                 // kind: not required
        Row row;
        REQUIRE(source.next(row));
        CHECK(row.error.empty()); // the unknown columns' cells are no row's problem
        CHECK(row.values == std::vector<std::string>{"A", "", ""});
        CHECK(!source.next(row));
    }
    SUBCASE("empty input") {
        auto errors = errors_of([] { read_all(""); });
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == 1);
        CHECK(errors[0].message.starts_with("no header row"));
    }
}

TEST_CASE("import csv: title rows above the header are read past, lines stay physical") {
    SUBCASE("a title with one cell, then a blank row") {
        std::istringstream in("湖里区两新组织党员花名册,,\n,,\n编码,名称,类型\nA,B,street\n");
        RowSource source(in, {"t.csv", "", ""}, k_fields);
        CHECK(source.header_errors().empty());
        REQUIRE(source.title_rows().size() == 1);
        CHECK(source.title_rows()[0][0] == "湖里区两新组织党员花名册");
        Row row;
        REQUIRE(source.next(row));
        CHECK(row.line == 4);
        CHECK(row.values == std::vector<std::string>{"A", "B", "street"});
    }
    SUBCASE("two title rows of several cells that name no column") {
        auto r = read_all("党委名单,2026年\n填表人：王,日期：11月\ncode,name\nA,B\n");
        REQUIRE(r.rows.size() == 1);
        CHECK(r.rows[0].line == 4);
        CHECK(r.header == std::vector<std::string>{"code", "name"});
    }
    SUBCASE("no row names a column: the first is the header, the others are rows") {
        // The unknown columns are not read: a row is seen only through a cell beyond them.
        std::istringstream in("aa,bb\ncc,dd\nee,ff,gg\n");
        RowSource source(in, {"t.csv", "", ""}, k_fields);
        CHECK(source.title_rows().empty());
        CHECK(source.header_errors().size() == 4); // aa, bb unknown; code, name missing
        Row row;
        REQUIRE(source.next(row));
        CHECK(row.line == 3);
        CHECK(row.error == "more cells than the header's 2: column C holds 'gg'");
        CHECK(!source.next(row));
    }
}

TEST_CASE("import csv: 序号, 备注 and --ignore-columns are read past") {
    SUBCASE("序号 and 备注 when they name no field, in any case and width") {
        auto r = read_all("序号,code,name,备注,NOTES,No.\n1,A,B,remark,x,1\n");
        REQUIRE(r.rows.size() == 1);
        CHECK(r.rows[0].error.empty());
        CHECK(r.rows[0].values == std::vector<std::string>{"A", "B", ""});
    }
    SUBCASE("备注 that is a field is read") {
        const std::vector<Field> fields = {{"code", "编码", true, {}},
                                           {"notes", "备注", false, {}}};
        auto r = read_all("编码,备注\nA,hello\n", fields);
        REQUIRE(r.rows.size() == 1);
        CHECK(r.rows[0].values == std::vector<std::string>{"A", "hello"});
    }
    SUBCASE("--ignore-columns: unknown columns and fields alike") {
        SourceOptions options{"t.csv", "", "", {"联系人", "ＫＩＮＤ"}};
        std::istringstream in("code,name,联系人,kind\nA,B,王,street\n");
        RowSource source(in, options, k_fields);
        CHECK(source.header_errors().empty());
        Row row;
        REQUIRE(source.next(row));
        CHECK(row.values == std::vector<std::string>{"A", "B", ""});
        CHECK(!row.has(2)); // kind is absent: an update keeps the stored value
    }
}

TEST_CASE("import csv: unterminated quote names the line where it opened") {
    auto errors = errors_of([] { read_all("code,name\nA1,ok\nA2,\"open\nmore\nand more\n"); });
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
    CHECK(errors[0].to_string().starts_with("t.csv:3: unterminated quote"));
}

TEST_CASE("import csv: memory stays bounded when a quote is never closed in a big file") {
    std::string text = "code,name\nA1,ok\nA2,\"open\n";
    for (int i = 0; i < 40000; ++i)
        text += "A" + std::to_string(i) + ",some more text that is not closed\n";
    auto errors = errors_of([&] { read_all(text); });
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].line == 3);
    CHECK(errors[0].message.find("closing quote missing") != std::string::npos);

    auto long_row = errors_of([] { read_all("code,name\nA1," + std::string(2 << 20, 'x')); });
    CHECK(long_row.at(0).line == 2);
    CHECK(long_row.at(0).message == "a row longer than 1 MiB");
}

TEST_CASE("import csv: invalid UTF-8 is refused with the hint and the line") {
    auto errors = errors_of([] { read_all("code,name\nA1,\"x\ny\"\nA2,\xB3\xC2\n"); });
    REQUIRE(errors.size() == 1);
    CHECK(errors[0].to_string() == "t.csv:4: not valid UTF-8 (saved by Excel/WPS as GB18030? try "
                                   "--encoding gb18030)");
    SUBCASE("a truncated character at the very end") {
        auto e = errors_of([] { read_all("code,name\nA1,\xE9\x99"); });
        CHECK(e.at(0).line == 2);
    }
}

TEST_CASE("import csv: the GB18030 sample from Excel") {
    std::vector<Field> fields = {
        {"id_number", "身份证号", true, {}},   {"name", "姓名", true, {}},
        {"gender", "性别", false, {}},         {"birth_date", "出生日期", false, {}},
        {"ethnicity", "民族", false, {}},      {"education", "学历", false, {}},
        {"join_date", "入党日期", true, {}},   {"status", "党员状态", false, {}},
        {"full_date", "转正日期", false, {}},  {"org", "所在党组织", true, {}},
        {"org_since", "转入日期", false, {}},  {"role", "党内职务", false, {}},
        {"role_since", "任职日期", false, {}}, {"phone", "手机号码", false, {}},
    };
    std::string path = data_dir() + "/import/members-from-excel.gb18030.csv";

    SUBCASE("without --encoding it is refused on line 1") {
        auto errors = errors_of([&] { RowSource source({path, "", ""}, fields); });
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].file == path);
        CHECK(errors[0].line == 1);
        CHECK(errors[0].message.find("try --encoding gb18030") != std::string::npos);
    }
    SUBCASE("with --encoding gb18030 (any case) it reads") {
        RowSource source({path, "", "GB18030"}, fields);
        CHECK(source.total_bytes() == std::filesystem::file_size(path));
        std::vector<Row> rows;
        Row row;
        while (source.next(row))
            rows.push_back(std::move(row));
        CHECK(source.bytes_read() == source.total_bytes());
        REQUIRE(rows.size() == 5); // the trailing empty row is skipped
        CHECK(rows[0].line == 2);
        CHECK(rows[0][1] == "陈建国");
        CHECK(rows[0][3] == "1985/3/12");
        CHECK(rows[1][3] == "1990年8月25日");
        CHECK(rows[1][13] == "13906005678"); // typed with full-width digits
        CHECK(rows[2].line == 4);
        CHECK(rows[2][0] == "3.50206E+17");
        CHECK(rows[3][0] == "350206199511015635"); // stray spaces
        CHECK(rows[3][1] == "郑伟");
        CHECK(rows[4].line == 6);
        CHECK(rows[4][1] == "阿依古丽·买买提");
        for (const Row& r : rows)
            CHECK(r.error.empty());
    }
}

TEST_CASE("import csv: a character split across the 64 KiB chunk boundary") {
    const std::size_t boundary = 64 * 1024;
    // Header + filler rows of plain ASCII, so that `ch` starts one byte before the boundary.
    auto build = [&](const std::string& ch, std::size_t offset_in_char) {
        std::string s = "code,name\n";
        long line = 2;
        while (s.size() + 40 < boundary - offset_in_char) {
            s += "F" + std::to_string(line) + ",filler\n";
            ++line;
        }
        std::string row_head = "X1,";
        s += std::string(boundary - offset_in_char - s.size() - row_head.size() - 1, '#') + "\n";
        ++line;
        s += row_head;
        CHECK(s.size() + offset_in_char == boundary);
        s += ch + "end\n";
        s += "F_last,after\n";
        return std::make_pair(s, line);
    };
    SUBCASE("UTF-8, 3 and 4 byte characters") {
        for (auto [ch, split] : {std::pair<std::string, std::size_t>{"陈", 1},
                                 {"陈", 2},
                                 {"😀", 1},
                                 {"😀", 2},
                                 {"😀", 3}}) {
            auto [text, line] = build(ch, split);
            auto r = read_all(text, {{"code", "", true, {}}, {"name", "", false, {}}});
            REQUIRE(r.rows.size() >= 3);
            const Row& x = r.rows[r.rows.size() - 2];
            CHECK(x.line == line);
            CHECK(x.values[1] == ch + "end");
            CHECK(r.rows.back().line == line + 1);
        }
    }
    SUBCASE("GB18030, 2 and 4 byte characters") {
        for (auto [gb, utf8, split] :
             {std::tuple<std::string, std::string, std::size_t>{"\xB3\xC2", "陈", 1},
              {"\x94\x39\xFC\x36", "😀", 1},
              {"\x94\x39\xFC\x36", "😀", 2},
              {"\x94\x39\xFC\x36", "😀", 3}}) {
            auto [text, line] = build(gb, split);
            auto r = read_all(text, {{"code", "", true, {}}, {"name", "", false, {}}},
                              {"t.csv", "", "gb18030"});
            REQUIRE(r.rows.size() >= 3);
            const Row& x = r.rows[r.rows.size() - 2];
            CHECK(x.line == line);
            CHECK(x.values[1] == utf8 + "end");
        }
    }
    SUBCASE("a bad GB18030 byte names its line") {
        auto [text, line] = build("\x80", 1); // 0x80 is not a GB18030 lead byte
        auto errors = errors_of([&] {
            read_all(text, {{"code", "", true, {}}, {"name", "", false, {}}},
                     {"t.csv", "", "gb18030"});
        });
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].line == line);
        CHECK(errors[0].message == "not valid gb18030 (is --encoding right?)");
    }
}

TEST_CASE("import csv: --encoding given for a file that is UTF-8 already reads it as UTF-8") {
    auto with_bom = read_all("\xEF\xBB\xBF"
                             "code,name\nA1,张三\n",
                             k_fields, {"t.csv", "", "gb18030"});
    CHECK(with_bom.rows.at(0).values[1] == "张三");
    auto without = read_all("code,name\nA1,张三\n", k_fields, {"t.csv", "", "gb18030"});
    CHECK(without.rows.at(0).values[1] == "张三");
    auto errors = errors_of([] { read_all("code,name\n", k_fields, {"t.csv", "", "klingon"}); });
    CHECK(errors.at(0).field == "--encoding");
}

TEST_CASE("import csv: a missing file is InputMissing") {
    CHECK_THROWS_AS(RowSource({"/nonexistent/x.csv", "", ""}, k_fields), hlpb::InputMissing);
}

namespace {

// A random CSV (cells of quotes, commas, CR, LF, CRLF, CJK, emoji) over 300 KiB, with the
// cells and the starting line of each row.
struct RandomCsv {
    std::string text;
    std::vector<std::vector<std::string>> rows;
    std::vector<long> lines;
};

RandomCsv random_csv(unsigned seed, std::size_t bytes) {
    std::mt19937 rng(seed);
    const std::vector<std::string> pieces = {"a",  "Z9", ",", "\"", "\n",  "\r\n",
                                             "\r", "陈", "😀", "·",  "x y", "'); DROP TABLE org;--"};
    auto random_cell = [&] {
        std::string c;
        for (unsigned n = rng() % 6; n > 0; --n)
            c += pieces[rng() % pieces.size()];
        return c;
    };
    RandomCsv out;
    out.text = "code,name,kind\r\n";
    long line = 2;
    while (out.text.size() < bytes) {
        std::vector<std::string> row = {"R" + std::to_string(out.rows.size()), random_cell(),
                                        random_cell()};
        out.lines.push_back(line);
        for (std::size_t i = 0; i < row.size(); ++i) {
            if (i > 0)
                out.text += ',';
            out.text += '"';
            for (std::size_t p = 0; p < row[i].size(); ++p) {
                char ch = row[i][p];
                out.text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
                if (ch == '\r' || (ch == '\n' && !(p > 0 && row[i][p - 1] == '\r')))
                    ++line;
            }
            out.text += '"';
        }
        out.text += rng() % 2 ? "\r\n" : "\n";
        ++line;
        out.rows.push_back(row);
    }
    return out;
}

std::string utf8_to_gb18030(const std::string& s) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(s.size() * 2 + 16, '\0');
    char* in = const_cast<char*>(s.data());
    std::size_t in_left = s.size();
    char* o = out.data();
    std::size_t out_left = out.size();
    REQUIRE(iconv(cd, &in, &in_left, &o, &out_left) != static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - out_left);
    return out;
}

// Every record of `text` read `chunk` bytes at a time, with their lines.
std::pair<std::vector<std::vector<std::string>>, std::vector<long>>
read_records(const std::string& text, const std::string& encoding, std::size_t chunk) {
    std::istringstream in(text);
    auto reader = hlpb::import::detail::make_csv_reader(in, "t.csv", encoding, chunk);
    std::vector<std::vector<std::string>> records;
    std::vector<long> lines;
    std::vector<std::string> cells;
    long line = 0;
    while (reader->next(cells, line)) {
        records.push_back(cells);
        lines.push_back(line);
    }
    return {records, lines};
}

} // namespace

TEST_CASE("import csv: random cells round-trip through quoting, across chunk boundaries") {
    RandomCsv csv = random_csv(20240601, 300 * 1024);
    auto r = read_all(csv.text);
    REQUIRE(r.rows.size() == csv.rows.size());
    for (std::size_t i = 0; i < csv.rows.size(); ++i) {
        CHECK(r.rows[i].line == csv.lines[i]);
        CHECK(r.rows[i].raw == csv.rows[i]);
    }
}

TEST_CASE("import csv: any read size gives the same records, in UTF-8 and GB18030") {
    RandomCsv csv = random_csv(7, 20 * 1024);
    auto expected = read_records(csv.text, "", hlpb::import::detail::ByteStream::k_chunk);
    REQUIRE(expected.first.size() == csv.rows.size() + 1);
    CHECK(std::vector(expected.first.begin() + 1, expected.first.end()) == csv.rows);
    std::string gb = utf8_to_gb18030(csv.text);
    for (std::size_t chunk : {1, 2, 3, 5, 7, 64, 4093}) {
        CAPTURE(chunk);
        CHECK(read_records(csv.text, "", chunk) == expected);
        CHECK(read_records(gb, "gb18030", chunk) == expected);
    }
}

TEST_CASE("import csv: a BOM is dropped whatever the read size") {
    for (std::size_t chunk : {1, 2, 3, 4}) {
        CAPTURE(chunk);
        auto r = read_records("\xEF\xBB\xBF"
                              "code\n",
                              "", chunk);
        CHECK(r.first == std::vector<std::vector<std::string>>{{"code"}});
        CHECK(read_records("\xEF\xBB\xBF"
                           "code\n",
                           "gb18030", chunk) == r);
    }
}

TEST_CASE("import csv: format from the extension or --input-format") {
    using hlpb::import::resolve_format;
    CHECK(resolve_format({"a.csv", "", ""}) == "csv");
    CHECK(resolve_format({"a.CSV", "", ""}) == "csv");
    CHECK(resolve_format({"a.txt", "", ""}) == "csv");
    CHECK(resolve_format({"-", "", ""}) == "csv");
    CHECK(resolve_format({"a.json", "", ""}) == "json");
    CHECK(resolve_format({"a.jsonl", "", ""}) == "jsonl");
    CHECK(resolve_format({"a.ndjson", "", ""}) == "jsonl");
    CHECK(resolve_format({"a.csv", "JSON", ""}) == "json");
    CHECK_THROWS_AS(resolve_format({"a.csv", "xlsx", ""}), InvalidInput);
}
