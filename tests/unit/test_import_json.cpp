// Tests for the JSON side of import/source: arrays of objects and JSON Lines, value texts,
// keys mapped like CSV headers, errors with their lines.
#include "import/readers.hpp"

#include <hlpb/error.hpp>
#include <hlpb/import/source.hpp>

#include <doctest/doctest.h>

#include <functional>
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
    {"name", "名称", true, {}},
    {"kind", "类型", false, {"category"}},
};

std::vector<Row> read_json(const std::string& text, const std::string& path = "t.json") {
    std::istringstream in(text);
    RowSource source(in, SourceOptions{path, "", ""}, k_fields);
    CHECK(source.header() == std::vector<std::string>{"code", "name", "kind"});
    std::vector<Row> rows;
    Row row;
    while (source.next(row))
        rows.push_back(std::move(row));
    return rows;
}

RowError error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const InvalidInput& e) {
        REQUIRE(e.errors().size() == 1);
        return e.errors()[0];
    }
    FAIL("no InvalidInput thrown");
    return {};
}

std::vector<std::string> values(std::string a, std::string b, std::string c) {
    return {std::move(a), std::move(b), std::move(c)};
}

} // namespace

TEST_CASE("import json: an array of objects, keys may differ per object") {
    auto rows = read_json("[\n"
                          "  {\"code\": \"A1\", \"name\": \"一\"},\n"
                          "  {\"编码\": \"A2\", \"名称\": \" 二 \", \"category\": \"k\"},\n"
                          "  {\n"
                          "    \"name\": \"三\",\n"
                          "    \"code\": \"A3\"\n"
                          "  },\n"
                          "  {}, {\"code\": \"\", \"kind\": null}\n"
                          "]\n");
    REQUIRE(rows.size() == 3); // objects with nothing in them are blank rows: skipped
    CHECK(rows[0].line == 2);
    CHECK(rows[0].values == values("A1", "一", ""));
    CHECK(rows[1].line == 3);
    CHECK(rows[1].values == values("A2", "二", "k"));
    CHECK(rows[1].raw == values("A2", " 二 ", "k")); // raw: as read, in Field order
    CHECK(rows[2].line == 4);
    CHECK(rows[2].values == values("A3", "三", ""));
}

TEST_CASE("import json: numbers keep their text, booleans are 1/0, null is empty") {
    auto rows = read_json(R"([{"code": 350206198503121257, "name": 3.50206E+17, "kind": true},
{"code": -12, "name": 1.50, "kind": false},
{"code": "x", "name": null, "kind": ["a", 2, null]}])");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].values == values("350206198503121257", "3.50206E+17", "1"));
    CHECK(rows[1].values == values("-12", "1.50", "0"));
    CHECK(rows[2].values == values("x", "", "a;2;"));
    // These are text fields: each row is refused, naming the key (see the next test).
    // A number that may be an ID number is masked in the message, as in every output.
    CHECK(rows[0].error == "code: 350206********1257 is not text: write it in quotes");
    CHECK(rows[1].error.find("code: -12 is not text") == 0);
    CHECK(rows[2].error.find("kind: ") == 0);
}

TEST_CASE("import json: a value's type must fit its field; the record's line is named") {
    using hlpb::import::FieldType;
    const std::vector<Field> fields = {
        {"id_number", "身份证号", true, {}},
        {"name", "名称", true, {}},
        {"venue_m2", "", false, {}, FieldType::number},
        {"weak", "", false, {}, FieldType::flag},
    };
    auto read = [&](const std::string& text) {
        std::istringstream in(text);
        RowSource source(in, SourceOptions{"t.json", "", ""}, fields);
        std::vector<Row> rows;
        Row row;
        while (source.next(row))
            rows.push_back(std::move(row));
        return rows;
    };
    auto rows = read(R"([
{"id_number": "350206198503121257", "name": "N", "venue_m2": 120, "weak": true},
{"id_number": "350206198503121257", "name": true, "venue_m2": "120", "weak": 0},
{"id_number": 350206198503121257, "name": "N"},
{"id_number": "x", "name": "N", "venue_m2": false},
{"id_number": "x", "名称": 12}])");
    REQUIRE(rows.size() == 5);
    CHECK(rows[0].error.empty());
    CHECK(rows[0].values[2] == "120");
    CHECK(rows[0].values[3] == "1");
    CHECK(rows[1].line == 3);
    CHECK(rows[1].error == "name: true is not text: write it in quotes (\"true\")");
    CHECK(rows[2].error.find("as a JSON number an ID number may have lost digits") !=
          std::string::npos);
    CHECK(rows[3].error == "venue_m2: false is not a number");
    CHECK(rows[4].error.find("名称: 12 is not text") == 0);
}

TEST_CASE("import json: JSON Lines, blank lines skipped") {
    auto rows = read_json("{\"code\":\"A1\",\"name\":\"N1\"}\r\n"
                          "\n"
                          "   \n"
                          "{\"code\":\"A2\",\"name\":\"N2\"}\n"
                          "{\"code\":\"A3\",\"name\":\"N3\"}",
                          "t.jsonl");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].line == 1);
    CHECK(rows[1].line == 4);
    CHECK(rows[2].line == 5);
    CHECK(rows[2].values == values("A3", "N3", ""));

    SUBCASE("a .json file may hold JSON Lines too") {
        auto again =
            read_json("{\"code\":\"A1\",\"name\":\"N1\"}\n{\"code\":\"A2\",\"name\":\"N2\"}\n");
        CHECK(again.size() == 2);
    }
    SUBCASE("with a BOM, and strings with escapes and braces") {
        auto again =
            read_json("\xEF\xBB\xBF{\"code\":\"{[\\\"}]\",\"name\":\"\\u9648\\n\"}\n", "t.ndjson");
        REQUIRE(again.size() == 1);
        CHECK(again[0].values == values("{[\"}]", "陈", ""));
    }
}

TEST_CASE("import json: unknown or repeated keys are row errors") {
    auto rows = read_json(R"([{"code":"A1","nmae":"x"},
{"code":"A2","name":"N","名称":"M"},
{"code":"A3","name":"ok"}])");
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].error == "unknown key 'nmae' (known: code 编码, name 名称, kind 类型)");
    CHECK(rows[1].error == "keys 'name' and '名称' are both name");
    CHECK(rows[2].error.empty());
}

TEST_CASE("import json: malformed input names the line") {
    SUBCASE("syntax error inside a multi-line object") {
        auto e = error_of([] {
            read_json("[\n{\"code\": \"A1\"},\n{\n\"code\": \"A2\",\n\"name\" \"N\"\n}\n]");
        });
        CHECK(e.file == "t.json");
        CHECK(e.line == 5);
        CHECK(e.message.starts_with("bad JSON: syntax error"));
    }
    SUBCASE("array never closed") {
        auto e = error_of([] { read_json("[\n{\"code\": \"A1\"},\n"); });
        CHECK(e.line == 3);
        CHECK(e.message == "the JSON array is never closed (']' missing)");
    }
    SUBCASE("object never closed") {
        auto e = error_of([] { read_json("[\n{\"code\": \"A1\"},\n{\"code\": \"}\n\n"); });
        CHECK(e.line == 3);
    }
    SUBCASE("an element that is not an object") {
        auto e = error_of([] { read_json("[\n{\"code\": \"A1\"},\n 42\n]"); });
        CHECK(e.line == 3);
        CHECK(e.message == "expected an object {…}, found '4'");
    }
    SUBCASE("a trailing comma") {
        auto e = error_of([] { read_json("[{\"code\": \"A1\"},\n]"); });
        CHECK(e.line == 2);
    }
    SUBCASE("missing comma between elements") {
        auto e = error_of([] { read_json("[{\"code\": \"A1\"}\n{\"code\": \"A2\"}]"); });
        CHECK(e.line == 2);
        CHECK(e.message == "expected ',' or ']' after an object, found '{'");
    }
    SUBCASE("text after the array") {
        auto e = error_of([] { read_json("[]\n\nx"); });
        CHECK(e.line == 3);
    }
    SUBCASE("a nested object") {
        auto e = error_of([] { read_json("[\n{\"code\": {\"a\": 1}}]"); });
        CHECK(e.line == 2);
        CHECK(e.message == "'code': a nested object is not supported");
    }
    SUBCASE("JSON Lines: an object must end on its line") {
        auto e =
            error_of([] { read_json("{\"code\": \"A1\"}\n{\"code\":\n\"A2\"}\n", "t.jsonl"); });
        CHECK(e.line == 2);
    }
    SUBCASE("JSON Lines: two objects on one line") {
        auto e = error_of([] { read_json("{\"code\": \"A1\"} {\"code\": \"A2\"}\n", "t.jsonl"); });
        CHECK(e.line == 1);
    }
    SUBCASE("JSON Lines: an array is not JSON Lines") {
        auto e = error_of([] { read_json("[{\"code\": \"A1\"}]\n", "t.jsonl"); });
        CHECK(e.message == "expected a JSON object on each line, found '['");
    }
    SUBCASE("a bad line in JSON Lines") {
        auto e = error_of([] { read_json("{\"code\": \"A1\"}\n\n{\"code\": A2}\n", "t.jsonl"); });
        CHECK(e.line == 3);
        CHECK(e.message.starts_with("bad JSON: "));
    }
    SUBCASE("invalid UTF-8 with the hint") {
        auto e = error_of([] { read_json("[\n{\"code\": \"A1\"},\n{\"code\": \"\xC3\x28\"}]"); });
        CHECK(e.line == 3);
        CHECK(e.message.find("--encoding gb18030") != std::string::npos);
    }
}

TEST_CASE("import json: an empty array has no rows; an empty .json file is refused") {
    CHECK(read_json("[]").empty());
    CHECK(read_json("", "t.jsonl").empty()); // JSON Lines: no lines, no rows
    CHECK_THROWS_WITH_AS(read_json("  \n"),
                         "t.json:2: the file is empty: no rows (a file with none holds [])",
                         hlpb::InvalidInput);
}

TEST_CASE("import json: any read size gives the same records") {
    const std::string text = "\xEF\xBB\xBF[\n{\"编码\": \"陈\\\"}\", \"name\": 3.50206E+17},\n"
                             "  {\"code\": [\"😀\", true, null], \"kind\": \"{[\"}\n]\n";
    auto read = [&](std::size_t chunk) {
        std::istringstream in(text);
        auto reader = hlpb::import::detail::make_json_reader(in, "t.json", "", false, chunk);
        std::vector<std::vector<std::string>> records;
        std::vector<std::string> cells;
        long line = 0;
        while (reader->next(cells, line)) {
            cells.push_back(std::to_string(line));
            records.push_back(cells);
        }
        return records;
    };
    auto expected = read(hlpb::import::detail::ByteStream::k_chunk);
    CHECK(expected ==
          std::vector<std::vector<std::string>>{{"编码", "陈\"}", "name", "3.50206E+17", "2"},
                                                {"code", "😀;1;", "kind", "{[", "3"}});
    for (std::size_t chunk : {1, 2, 3, 5})
        CHECK(read(chunk) == expected);
}
