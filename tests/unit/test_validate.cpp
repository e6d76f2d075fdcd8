#include <hlpb/i18n.hpp>
#include <hlpb/validate.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace hlpb::validate;

TEST_CASE("check_code accepts the key alphabet and refuses the rest") {
    CHECK(check_code("HL-A001") == "");
    CHECK(check_code("a.b_c-9") == "");
    CHECK(check_code(std::string(32, 'x')) == "");
    CHECK(check_code(std::string(33, 'x')) != "");
    CHECK(check_code("") == "is empty");
    CHECK(check_code("HL A001") != "");
    CHECK(check_code("湖里") != "");
    CHECK(check_code("x';--") != "");
}

TEST_CASE("USCC check character per GB 32100-2015") {
    // Hand-checked: 91350200MA31XXXXXX style codes with computed check characters.
    // weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28; X is value 29:
    // 9+3+27+135+0+52+0+0+120+29+50+0+0+24+80+210+812 = 1551; 1551 % 31 = 1; 31-1 = 30 -> 'Y'
    CHECK(uscc_check_char("9135020061200187X") == 'Y');
    CHECK(check_uscc("9135020061200187XY") == "");
    CHECK(check_uscc("9135020061200187X5") == "'9135020061200187X5': check character should be Y");
    // A sum divisible by 31 gives check character 0.
    // 00000000000000000 -> sum 0 -> (31 - 0) % 31 = 0
    CHECK(uscc_check_char("00000000000000000") == '0');
    CHECK(check_uscc("000000000000000000") == "");
    // 10000000000000000: sum 1 -> 30 -> 'Y'
    CHECK(uscc_check_char("10000000000000000") == 'Y');
}

TEST_CASE("USCC shape errors") {
    CHECK(check_uscc("91350200") != "");
    CHECK(check_uscc("91350200612001870I2").find("18") != std::string::npos); // 19 chars
    CHECK(check_uscc("9135020061200187IY").find("'I' is not allowed") != std::string::npos);
    CHECK(check_uscc("9135020061200187xY").find("not allowed") != std::string::npos);
}

TEST_CASE("mobile numbers") {
    CHECK(check_mobile("13906001234") == "");
    CHECK(check_mobile("19912345678") == "");
    CHECK(check_mobile("1390600123") != "");
    CHECK(check_mobile("12906001234") != "");
    CHECK(check_mobile("23906001234") != "");
    CHECK(check_mobile("1390600123a") != "");
    CHECK(check_mobile("1.39060E+10").find("Excel") != std::string::npos);
}

TEST_CASE("yes/no values") {
    for (const char* yes : {"1", "true", "TRUE", "yes", "Y", "是", " 是 ", "１"})
        CHECK(parse_bool(yes) == true);
    for (const char* no : {"0", "false", "No", "n", "否"})
        CHECK(parse_bool(no) == false);
    CHECK_FALSE(parse_bool("").has_value());
    CHECK_FALSE(parse_bool("maybe").has_value());
}

TEST_CASE("integers, full-width digits included") {
    CHECK(parse_int("120") == 120);
    CHECK(parse_int("１２０") == 120);
    CHECK(parse_int(" 7 ") == 7);
    CHECK_FALSE(parse_int("-3").has_value());
    CHECK_FALSE(parse_int("1.5").has_value());
    CHECK_FALSE(parse_int("").has_value());
}

TEST_CASE("Excel scientific notation is recognised") {
    CHECK(looks_like_excel_scientific("3.50206E+17"));
    CHECK(looks_like_excel_scientific("3.50206e+17"));
    CHECK(looks_like_excel_scientific("1E+10"));
    CHECK_FALSE(looks_like_excel_scientific("350206198503121257"));
    CHECK_FALSE(looks_like_excel_scientific("E+17"));
    CHECK_FALSE(looks_like_excel_scientific("3.5E"));
    CHECK_FALSE(looks_like_excel_scientific("HL-E1"));
}

TEST_CASE("codes: a name given for a code is told apart, lengths in characters") {
    CHECK(check_code("湖里区某某某某公司党支部").find("a name?") != std::string::npos);
    CHECK(check_code(std::string(33, 'x')).find("(33)") != std::string::npos);
    CHECK(check_code("a\x01").find("U+0001") != std::string::npos);
    CHECK(check_uscc("９１３５０２００").find("has 8 characters") != std::string::npos);
    CHECK(check_uscc("91350200612001870吴").find("character 18 '吴'") != std::string::npos);
    CHECK(check_mobile("１３８１２３４５６７８") != ""); // not normalised: not digits
}

TEST_CASE("text fields: one cleaning step for every entry path") {
    std::string name = " 湖里（第一）党支部\u3000";
    CHECK(clean_text(name) == "");
    CHECK(name == "湖里(第一)党支部");
    std::string nul("ab\0cd", 5);
    CHECK(clean_text(nul) == "holds the control character U+0000 NUL at character 3: only "
                             "printable text is allowed here");
    std::string tab = "a\tb";
    CHECK(clean_text(tab) == "holds a tab (U+0009) at character 2: only printable text is "
                             "allowed here");
    std::string note = " 书记离职；\n帮扶后选出新书记 ";
    CHECK(clean_text(note, TextRule::note) == "");
    CHECK(note == "书记离职；\n帮扶后选出新书记"); // prose keeps its full-width punctuation
    std::string esc = "x\x1b";
    CHECK(clean_text(esc, TextRule::note).find("U+001B escape") != std::string::npos);
    std::string a = "ok", b = "b\x7f";
    auto problems = clean_texts({{"name", &a}, {"host_name", &b}});
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].first == "host_name");
}

TEST_CASE("numbers: one check per field, the same message everywhere") {
    long long v = -1;
    CHECK(check_number("120", k_venue_m2, v) == "");
    CHECK(v == 120);
    CHECK(check_number("１２０", k_venue_m2, v) == ""); // full-width digits, as typed
    CHECK(check_number("-5", k_venue_m2, v) ==
          "'-5' is not a whole number of m² from 0 to 1000000");
    CHECK(check_number("99999999999999999999", k_venue_m2, v) != "");
    CHECK(check_number("1000001", k_venue_m2, v) != "");
    CHECK(check_number("1e3", k_venue_m2, v) != "");
    CHECK(check_number("", k_venue_m2, v) != "");
    CHECK(check_number("1999", k_year, v) == "'1999' is not a year from 2000 to 2100");
    CHECK(check_number(-5, k_venue_m2) == check_number("-5", k_venue_m2, v));
    CHECK(check_number(2000, k_year) == "");
}

TEST_CASE("a constraint that fires is told as the field and the rule in words") {
    auto p = describe_constraint("CHECK constraint failed: org_since >= join_date");
    CHECK(p.field == "org_since");
    CHECK(p.rule == "must not be before join_date");
    p = describe_constraint("NOT NULL constraint failed: org.name");
    CHECK(p.field == "name");
    CHECK(p.rule == "is required");
    p = describe_constraint("UNIQUE constraint failed: member.org_id");
    CHECK(p.field == "role");
    CHECK(p.rule == "the org has a secretary already");
    p = describe_constraint("CHECK constraint failed: kind IN ('street', 'park', 'department')");
    CHECK(p.field == "kind");
    CHECK(describe_constraint("disk I/O error").rule.empty());
    // Every CHECK of the schema has words.
    for (const char* expr :
         {"role_since >= org_since", "full_date IS NULL OR full_date > join_date",
          "left_on IS NULL OR left_on > org_since", "to_date > from_date", "mentor_id <> mentee_id",
          "venue_m2 >= 0", "points >= 0"}) {
        p = describe_constraint(std::string("CHECK constraint failed: ") + expr);
        CHECK(p.rule.find("rule") == std::string::npos);
    }
}

TEST_CASE("messages about values are Chinese when the language is zh, English otherwise") {
    const std::string saved(hlpb::i18n::language());
    long long out = 0;
    hlpb::i18n::set_language("zh");
    const std::string phone = check_mobile("1390600123");
    const std::string empty = check_code("");
    const std::string name = check_code("湖里");
    const std::string points = check_number("-5", k_points, out);
    const auto unique = describe_constraint("UNIQUE constraint failed: member.org_id");
    hlpb::i18n::set_language("en");
    const std::string points_en = check_number("-5", k_points, out);
    hlpb::i18n::set_language(saved);
    CHECK(phone == "“1390600123”不是11位手机号码");
    CHECK(empty == "为空");
    CHECK(name == "“湖里”不是编码（是名称吗？编码只能用字母、数字、“_”“.”和“-”）");
    CHECK(points == "“-5”不是0到1000000之间的分数（整数）");
    CHECK(unique.field == "role");
    CHECK(unique.rule == "该党组织已有书记");
    CHECK(points_en == "'-5' is not a whole number of points from 0 to 1000000");
}
