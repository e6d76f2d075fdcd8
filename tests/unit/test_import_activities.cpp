#include "fixture.hpp"

#include <hlpb/db/activity_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/activities.hpp>

#include <doctest/doctest.h>

#include <fstream>

using namespace hlpb;
using hlpb::test::d;
using hlpb::test::TempDir;

namespace {

const Date k_today = d("2026-11-28");

void write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

struct Loaded : test::SmallDistrict {
    TempDir tmp;
    hlpb::import::Summary load(const std::string& name, const std::string& text) {
        write(tmp.file(name), text);
        return hlpb::import::import_activities(db, {.path = tmp.file(name)}, {}, k_today);
    }
    Activity only() {
        auto all = db::list_activities(db, {});
        CHECK(all.size() == 1);
        return all.empty() ? Activity{} : all.front();
    }
};

} // namespace

TEST_CASE("re-importing activities from a file that lacks optional columns keeps the stored "
          "values of those fields; an empty cell in a column it has still clears") {
    Loaded l;
    l.load("full.csv", "date,kind,cluster,title,participants,orgs,problems_raised,"
                       "problems_solved,notes\n"
                       "2026-03-05,reception,C1,三月会客厅,12,A2;A3,4,2,首次\n");
    SUBCASE("every optional column absent: unchanged") {
        auto s = l.load("key.csv", "date,kind,cluster,title\n2026-03-05,reception,C1,三月会客厅\n");
        CHECK(s.unchanged == 1);
        const Activity a = l.only();
        CHECK(a.participants == 12);
        CHECK(a.orgs == std::vector<std::string>{"A2", "A3"});
        CHECK(a.problems_raised == 4);
        CHECK(a.problems_solved == 2);
        CHECK(a.notes == "首次");
    }
    SUBCASE("a present column changes; the rules see the stored values of the absent ones") {
        // solved 3 ≤ the stored 4 raised: accepted although the file says nothing of raised.
        auto s = l.load("solved.csv", "date,kind,cluster,title,problems_solved,notes\n"
                                      "2026-03-05,reception,C1,三月会客厅,3,\n");
        CHECK(s.updated == 1);
        const Activity a = l.only();
        CHECK(a.problems_raised == 4);
        CHECK(a.problems_solved == 3);
        CHECK(a.participants == 12);
        CHECK(a.orgs == std::vector<std::string>{"A2", "A3"});
        CHECK(a.notes.empty()); // an empty cell clears
        write(l.tmp.file("bad.csv"), "date,kind,cluster,title,problems_solved\n"
                                     "2026-03-05,reception,C1,三月会客厅,5\n");
        CHECK_THROWS_AS(
            import::import_activities(l.db, {.path = l.tmp.file("bad.csv")}, {}, k_today),
            InvalidInput);
        CHECK(l.only().problems_solved == 3);
    }
    SUBCASE("empty cells in present columns clear") {
        auto s = l.load("empty.csv", "date,kind,cluster,title,participants,orgs,problems_raised,"
                                     "problems_solved,notes\n"
                                     "2026-03-05,reception,C1,三月会客厅,,,,,\n");
        CHECK(s.updated == 1);
        const Activity a = l.only();
        CHECK(a.participants == 0);
        CHECK(a.orgs.empty());
        CHECK(a.problems_raised == 0);
        CHECK(a.notes.empty());
    }
    SUBCASE("a new activity from a file lacking columns has them empty") {
        auto s = l.load("new.csv", "date,kind,cluster,title\n2026-04-05,reception,C1,四月会客厅\n");
        CHECK(s.inserted == 1);
        auto all = db::list_activities(l.db, {});
        REQUIRE(all.size() == 2);
        CHECK(all[1].participants == 0);
        CHECK(all[1].orgs.empty());
    }
}
