#include <hlpb/error.hpp>
#include <hlpb/text.hpp>

#include <doctest/doctest.h>

using namespace hlpb::text;

TEST_CASE("UTF-8 validation finds the first bad byte") {
    CHECK_FALSE(first_invalid_utf8("湖里 abc").has_value());
    CHECK(first_invalid_utf8("ab\xff") == 2u);
    CHECK(first_invalid_utf8("\xc0\xaf") == 0u);                     // overlong '/'
    CHECK(first_invalid_utf8("a\xed\xa0\x80") == 1u);                // surrogate
    CHECK(first_invalid_utf8("\xe6\xb9") == 0u);                     // truncated 湖
    CHECK(first_invalid_utf8("\xf4\x90\x80\x80") == 0u);             // beyond U+10FFFF
    CHECK_FALSE(first_invalid_utf8("\xf0\x9f\x98\x80").has_value()); // emoji
}

TEST_CASE("normalize trims ASCII and ideographic spaces and folds full-width forms") {
    CHECK(normalize("  邓伟 ") == "邓伟");
    CHECK(normalize("\u3000邓伟\u3000") == "邓伟");
    CHECK(normalize("１３９０６００５６７８") == "13906005678");
    CHECK(normalize("ＨＬ－Ａ００１") == "HL-A001");
    CHECK(normalize("阿依古丽·买买提") == "阿依古丽·买买提");
    CHECK(normalize("") == "");
    CHECK(normalize(" \t ") == "");
    CHECK(normalize("a b") == "a b");
}

TEST_CASE("display width counts CJK as two columns") {
    CHECK(display_width("abc") == 3);
    CHECK(display_width("湖里街道") == 8);
    CHECK(display_width("HL湖里") == 6);
    CHECK(display_width("·") == 1);
    CHECK(pad("湖里", 6) == "湖里  ");
    CHECK(pad("12", 4, true) == "  12");
    CHECK(pad("湖里街道", 4) == "湖里街道");
}

TEST_CASE("GB18030 converts to UTF-8") {
    // 湖里 in GB18030 is BA FE C0 EF.
    CHECK(to_utf8("\xba\xfe\xc0\xef", "GB18030") == "湖里");
    CHECK(to_utf8("\xba\xfe\xc0\xef", "gb18030") == "湖里");
    CHECK_THROWS_AS(to_utf8("abc", "no-such-encoding"), hlpb::Error);
    CHECK(starts_with_utf8_bom("\xEF\xBB\xBFx"));
    CHECK_FALSE(starts_with_utf8_bom("x"));
}

TEST_CASE("length counts characters, not bytes") {
    CHECK(length("") == 0u);
    CHECK(length("abc") == 3u);
    CHECK(length("吴晶") == 2u);
    CHECK(length("\u0663\u0665\u0660") == 3u); // Arabic-Indic digits: 2 bytes each
    CHECK(length("a\xff") == 2u);              // an invalid byte counts one
    CHECK(char_starts("a吴b") == std::vector<std::size_t>{0, 1, 4, 5});
}

TEST_CASE("first_control finds C0, DEL and C1 characters by character position") {
    CHECK_FALSE(first_control("湖里 abc，（）").has_value());
    auto nul = first_control(std::string("ab\0cd", 5));
    REQUIRE(nul.has_value());
    CHECK(nul->code_point == 0u);
    CHECK(nul->position == 2u);
    auto esc = first_control("吴\x1b[31m");
    REQUIRE(esc.has_value());
    CHECK(esc->code_point == 0x1Bu);
    CHECK(esc->position == 1u);
    CHECK(first_control("a\x7f")->code_point == 0x7Fu);
    CHECK(first_control("a\u0085b")->code_point == 0x85u); // C1 NEL
    CHECK(first_control("a\tb\nc")->code_point == u'\t');
    CHECK_FALSE(first_control("a\tb\nc", "\t\n").has_value());
}

TEST_CASE("normalize_in_place gives what normalize gives") {
    for (std::string s :
         {"", " a ", "湖里（第一）", "ＨＬ－Ａ００１", "\u3000x\u00a0", "plain", "吴晶"}) {
        std::string t = s;
        normalize_in_place(t);
        CHECK(t == normalize(s));
    }
}

TEST_CASE("printable shows control characters instead of sending them to the terminal") {
    CHECK(printable("no org 'JT\x1b[31m'") == "no org 'JT<U+001B>[31m'");
    CHECK(printable(std::string("a\0吴\n", 6)) == "a<U+0000>吴<U+000A>");
    CHECK(printable("湖里 plain") == "湖里 plain");
}
