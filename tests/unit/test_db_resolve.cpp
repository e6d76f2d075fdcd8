#include "fixture.hpp"

#include <hlpb/db/resolve.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

db::NameIndex orgs() {
    return db::NameIndex(db::RecordKind::org,
                         {{"A1", "湖里区测试一党支部", d("2015-01-01"), std::nullopt},
                          {"A2", "湖里区测试二党支部", d("2015-01-01"), std::nullopt},
                          {"B7", "同名党支部", d("2015-01-01"), d("2020-01-01")},
                          {"B8", "同名党支部", d("2019-06-01"), std::nullopt},
                          {"SM-C01", "思明党支部", std::nullopt, std::nullopt},
                          {"x9", "小写党支部", std::nullopt, std::nullopt}});
}

} // namespace

TEST_CASE("fold_code: full-width letters and digits, case and spaces") {
    CHECK(db::fold_code("sm-c01") == "SM-C01");
    CHECK(db::fold_code("ＳＭ－Ｃ０１") == "SM-C01");
    CHECK(db::fold_code(" a1　") == "A1");
    CHECK(db::edit_distance("SM-C01", "SM-C1") == 1);
    CHECK(db::edit_distance("湖里大道", "湖里大到") == 1);
    CHECK(db::edit_distance("", "abc") == 3);
}

TEST_CASE("resolving: exact code, folded code, full name") {
    test::Language en("en");
    const auto index = orgs();
    CHECK(index.resolve("A1") == "A1");
    CHECK(index.resolve("a1") == "A1");
    CHECK(index.resolve("ａ２") == "A2");
    CHECK(index.resolve("sm-c01") == "SM-C01");
    CHECK(index.resolve("X9") == "x9");
    CHECK(index.resolve("湖里区测试二党支部") == "A2");
    CHECK(index.resolve(" 思明党支部 ") == "SM-C01");
    CHECK_THROWS_AS(index.resolve("湖里区测试"), NotFound); // part of a name is not a name
}

TEST_CASE("a name two records share: the one in force, else refused with both codes") {
    test::Language en("en");
    const auto index = orgs();
    CHECK(index.resolve("同名党支部", d("2021-01-01")) == "B8");
    CHECK(index.resolve("同名党支部", d("2016-01-01")) == "B7");
    const auto both = index.find("同名党支部", d("2019-07-01"));
    CHECK_FALSE(both);
    CHECK(both.ambiguous);
    CHECK(both.problem.find("B7") != std::string::npos);
    CHECK(both.problem.find("B8") != std::string::npos);
    CHECK_THROWS_AS(index.resolve("同名党支部"), Conflict);
}

TEST_CASE("codes that differ only in case are refused when typed in another case") {
    test::Language en("en");
    db::NameIndex index(db::RecordKind::cluster, {{"ab", "甲", {}, {}}, {"aB", "乙", {}, {}}});
    CHECK(index.resolve("ab") == "ab");
    CHECK(index.resolve("aB") == "aB");
    const auto r = index.find("ＡＢ");
    CHECK(r.ambiguous);
    CHECK(r.problem ==
          "'ＡＢ' matches the codes ab 甲, aB 乙; type the code exactly as it is written");
}

TEST_CASE("an unknown text: did you mean the closest, nearest first, at most three") {
    test::Language en("en");
    const auto index = orgs();
    const auto near = index.closest("SM-C1");
    REQUIRE(near.size() == 1);
    CHECK(near[0]->code == "SM-C01");
    const auto a = index.closest("A3");
    REQUIRE(a.size() == 2);
    CHECK(a[0]->code == "A1");
    CHECK(a[1]->code == "A2");
    CHECK(index.closest("ZZZZZZ").empty());
    // A name that holds the text, and a typo in a name.
    const auto named = index.closest("湖里区测试二党支");
    REQUIRE_FALSE(named.empty());
    CHECK(named[0]->code == "A2");
    CHECK(index.closest("党支部").size() == 3);
    const auto r = index.find("SM-C1");
    CHECK(r.problem ==
          "no org has the code or name 'SM-C1'; did you mean SM-C01 思明党支部? (see: hlpb org "
          "list)");
    CHECK(index.find("QQQQQQQ").problem ==
          "no org has the code or name 'QQQQQQQ' (see: hlpb org list)");
}

TEST_CASE("the database resolvers: a code, a name, a committee") {
    test::Language en("en");
    test::SmallDistrict s;
    CHECK(db::resolve_org(s.db, "A1", d("2026-01-01")) == "A1");
    CHECK(db::resolve_org(s.db, "a1", d("2026-01-01")) == "A1");
    CHECK(db::resolve_committee(s.db, "hl") == "HL");
    CHECK(db::resolve_cluster(s.db, "ｃ１", d("2026-01-01")) == "C1");
    CHECK_THROWS_AS(db::resolve_org(s.db, "NOPE", d("2026-01-01")), NotFound);
}
