// Unit tests for hlpb/labels.hpp: the labels of columns and sections in both languages.
#include <hlpb/labels.hpp>

#include <doctest/doctest.h>

#include <string>

namespace labels = hlpb::labels;

TEST_CASE("labels: a column has a Chinese and an English label") {
    CHECK(labels::column("birth_date", "zh") == "出生日期");
    CHECK(labels::column("birth_date", "en") == "Birth date");
    CHECK(labels::column("lead", "en") == "Lead org");
    CHECK(labels::column("red_flag", "zh") == "流动红旗");
}

TEST_CASE("labels: member listings and show sections have labels of their own") {
    CHECK(labels::column("name", "zh") == "名称");
    CHECK(labels::member_column("name", "zh") == "姓名");
    CHECK(labels::member_column("status", "en") == "Member status");
    CHECK(labels::member_column("birth_date", "en") == "Birth date"); // as column()
    CHECK(labels::section("orgs", "zh") == "成员党组织");
    CHECK(labels::section("orgs", "en") == "Member orgs");
    CHECK(labels::column("orgs", "en") == "Orgs");
    CHECK(labels::section("status", "zh") == "状态"); // as column()
}

TEST_CASE("labels: an unknown key or language has no label") {
    CHECK(labels::column("no_such_key", "zh").empty());
    CHECK(labels::member_column("no_such_key", "en").empty());
    CHECK(labels::section("no_such_key", "en").empty());
    CHECK(labels::column("birth_date", "fr").empty());
    CHECK(labels::column("birth_date", "").empty());
}
