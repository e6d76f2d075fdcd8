#include <hlpb/validate.hpp>

#include <doctest/doctest.h>

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
