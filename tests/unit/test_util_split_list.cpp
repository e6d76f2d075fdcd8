#include <hlpb/util/split_list.hpp>

#include <doctest/doctest.h>

using hlpb::util::split_list;
using V = std::vector<std::string>;

TEST_CASE("split_list: every separator officers type, runs of them, blanks") {
    CHECK(split_list("A1,A2") == V{"A1", "A2"});
    CHECK(split_list("A1，A2、A3；A4;A5 A6") == V{"A1", "A2", "A3", "A4", "A5", "A6"});
    CHECK(split_list(" A1 ,  A2　A3 ") == V{"A1", "A2", "A3"});
    CHECK(split_list("湖里党支部、思明党支部") == V{"湖里党支部", "思明党支部"});
    CHECK(split_list("").empty());
    CHECK(split_list(" ,， ").empty());
    CHECK(hlpb::util::split_lists({"A1,A2", "A3"}) == V{"A1", "A2", "A3"});
}
