#include "fixture.hpp"

#include <hlpb/id_number.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

TEST_CASE("GB 11643 check character, hand-checked") {
    // 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 % 11 = 2 ->
    // X
    CHECK(id_number::check_char("11010519491231002") == 'X');
    // 350206198503121257: sum 247, 247 % 11 = 5 -> 7
    CHECK(id_number::check_char("35020619850312125") == '7');
    CHECK(id_number::check("11010519491231002X", d("2026-11-28")) == "");
    CHECK(id_number::check("350206198503121257", d("2026-11-28")) == "");
    CHECK(id_number::check("350206198503121253", d("2026-11-28")) == "checksum digit should be 7");
}

TEST_CASE("shape, area and birth date") {
    const Date today = d("2026-11-28");
    CHECK(id_number::check("", today) == "is empty");
    CHECK(id_number::check("35020619850312125", today).find("has 17 characters") !=
          std::string::npos);
    CHECK(id_number::check("3502061985031212A7", today).find("17 digits") != std::string::npos);
    CHECK(id_number::check("050206198503121257", today).find("province") != std::string::npos);
    CHECK(id_number::check("350206198502301257", today).find("no real birth date (19850230)") !=
          std::string::npos);
    // Born after today.
    CHECK(id_number::check("350206202712011234", today).find("no real birth date") !=
          std::string::npos);
}

TEST_CASE("Excel damage is explained") {
    const Date today = d("2026-11-28");
    CHECK(id_number::check("3.50206E+17", today).find("turned into a number by Excel") !=
          std::string::npos);
    // 350206198503121257 cut to 15 significant digits: 350206198503121000.
    CHECK(id_number::check("350206198503121000", today).find("15 significant digits") !=
          std::string::npos);
}

TEST_CASE("normalisation, derived facts and masks") {
    CHECK(id_number::normalize(" １１０１０５１９４９１２３１００２ｘ ") == "11010519491231002X");
    CHECK(id_number::normalize("11010519491231002x") == "11010519491231002X");
    // Arabic-Indic and extended Arabic-Indic digits are digits too; other text is left alone.
    CHECK(id_number::normalize("١١٠١٠٥١٩٤٩١٢٣١٠٠٢X") == "11010519491231002X");
    CHECK(id_number::normalize("۱۱۰۱۰۵۱۹۴۹۱۲۳۱۰۰۲x") == "11010519491231002X");
    CHECK(id_number::normalize("11010519491231002ٹ") == "11010519491231002ٹ");
    auto info = id_number::info("11010519491231002X");
    CHECK(info.birth_date == d("1949-12-31"));
    CHECK(info.gender == "female");                                // 17th digit 2
    CHECK(id_number::info("350206198503121257").gender == "male"); // 17th digit 5
    CHECK(id_number::mask("350206198503121257") == "350206********1257");
    CHECK(id_number::mask_phone("13812345678") == "138****5678");
    CHECK(id_number::mask_phone("") == "");
    CHECK(id_number::mask_phone("0592-5551234") == "********1234");
}

TEST_CASE("lengths and masks count characters, never cutting one") {
    // 18 Arabic-Indic digits are 36 bytes: the message counts 18 characters and names the first
    // one that is not 0-9.
    std::string arabic;
    for (int i = 0; i < 18; ++i)
        arabic += "\u0663";
    const auto problem = id_number::check(arabic, d("2026-11-28"));
    CHECK(problem.find("36") == std::string::npos);
    CHECK(problem.find("character 1 '\u0663'") != std::string::npos);
    CHECK(id_number::check("3502061985031212", d("2026-11-28")) ==
          "has 16 characters; a 公民身份号码 has 18");
    CHECK(id_number::mask("吴晶") == "**");
    CHECK(id_number::mask("欧阳修文化人") == "**修文化人");
    CHECK(id_number::mask("\u0663\u0663\u0663\u0663\u0663\u0664") == "**\u0663\u0663\u0663\u0664");
    CHECK(id_number::mask_phone("电话一二三四五") == "***二三四五");
}
