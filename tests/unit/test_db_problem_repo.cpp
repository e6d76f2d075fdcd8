#include "fixture.hpp"

#include <hlpb/db/activity_repo.hpp>
#include <hlpb/db/problem_repo.hpp>
#include <hlpb/error.hpp>

#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

const Date k_today = d("2026-11-28");

long long reception(db::Database& db, const char* date = "2026-03-10") {
    Activity a;
    a.date = d(date);
    a.kind = "reception";
    a.committee = "HL";
    a.title = "部长会客厅";
    a.orgs = {"A2"};
    return db::add_activity(db, a, k_today);
}

Problem problem(const char* org, const char* category, std::optional<long long> activity) {
    Problem p;
    p.org = org;
    p.category = category;
    p.text = "招工难";
    p.activity = activity;
    return p;
}

} // namespace

TEST_CASE("a problem comes from a reception, which the org then takes part in") {
    test::SmallDistrict s;
    const long long r = reception(s.db);
    auto added = db::add_problem(s.db, problem("A3", "用工", r), std::nullopt, k_today);
    CHECK(added.org_joined_activity);
    const Problem p = db::get_problem(s.db, added.id);
    CHECK(p.raised == d("2026-03-10")); // the reception's date
    CHECK(p.category == "labor");
    CHECK(db::get_activity(s.db, r).orgs == std::vector<std::string>{"A2", "A3"});
    CHECK_FALSE(db::add_problem(s.db, problem("A2", "tax", r), d("2026-03-12"), k_today)
                    .org_joined_activity);

    // Not a reception, raised before it, unknown org and category, empty text: all at once.
    Activity m;
    m.date = d("2026-03-01");
    m.kind = "secretary_meeting";
    m.cluster = "C1";
    m.title = "例会";
    const long long meeting = db::add_activity(s.db, m, k_today);
    Problem bad = problem("NOPE", "bogus", meeting);
    bad.text = "";
    try {
        db::add_problem(s.db, bad, std::nullopt, k_today);
        FAIL("no refusal");
    } catch (const InvalidInput& e) {
        std::vector<std::string> fields;
        for (const auto& err : e.errors())
            fields.push_back(err.field);
        CHECK(fields == std::vector<std::string>{"activity", "category", "text", "org"});
    }
    CHECK_THROWS_WITH_AS(db::add_problem(s.db, problem("A2", "tax", r), d("2026-03-09"), k_today),
                         doctest::Contains("raised: 2026-03-09 is before the reception"),
                         InvalidInput);
    CHECK_THROWS_AS(
        db::add_problem(s.db, problem("A2", "tax", std::nullopt), d("2026-11-29"), k_today),
        InvalidInput);
    // Without a reception it is raised today.
    auto alone =
        db::add_problem(s.db, problem("A4", "schooling", std::nullopt), std::nullopt, k_today);
    CHECK(db::get_problem(s.db, alone.id).raised == k_today);

    // The reception keeps what its problems need.
    Activity changed = db::get_activity(s.db, r);
    changed.kind = "salon";
    CHECK_THROWS_WITH_AS(db::edit_activity(s.db, changed, k_today),
                         doctest::Contains("kind: problems 1, 2 came from this reception"),
                         InvalidInput);
    changed = db::get_activity(s.db, r);
    changed.orgs = {"A2"};
    CHECK_THROWS_AS(db::edit_activity(s.db, changed, k_today), InvalidInput);
    // Deleting it leaves its problems, no longer naming it.
    CHECK(db::delete_activity(s.db, r) == 2);
    CHECK_FALSE(db::get_problem(s.db, added.id).activity);
}

TEST_CASE("a problem is resolved once, not before it was raised nor after today") {
    test::SmallDistrict s;
    const long long r = reception(s.db);
    const long long id = db::add_problem(s.db, problem("A2", "tax", r), std::nullopt, k_today).id;
    CHECK_THROWS_AS(db::resolve_problem(s.db, id, d("2026-03-09"), "已解决", k_today),
                    InvalidInput);
    CHECK_THROWS_AS(db::resolve_problem(s.db, id, d("2026-11-29"), "已解决", k_today),
                    InvalidInput);
    CHECK_THROWS_AS(db::resolve_problem(s.db, id, d("2026-03-10"), " ", k_today), InvalidInput);
    db::resolve_problem(s.db, id, d("2026-03-10"), "税务局上门辅导", k_today); // the same day
    CHECK(db::get_problem(s.db, id).resolved == d("2026-03-10"));
    CHECK_THROWS_AS(db::resolve_problem(s.db, id, d("2026-04-01"), "再次", k_today), Conflict);
    CHECK_THROWS_AS(db::resolve_problem(s.db, 99, d("2026-04-01"), "x", k_today), NotFound);

    db::add_problem(s.db, problem("A3", "labor", std::nullopt), d("2026-05-01"), k_today);
    db::ProblemFilter f;
    CHECK(db::list_problems(s.db, f).size() == 2);
    f.status = "open";
    REQUIRE(db::list_problems(s.db, f).size() == 1);
    CHECK(db::list_problems(s.db, f)[0].org == "A3");
    f.status = "resolved";
    CHECK(db::list_problems(s.db, f)[0].org == "A2");
    f = {};
    f.category = "labor";
    f.committee = "HL";
    CHECK(db::list_problems(s.db, f).size() == 1);
    f = {};
    f.from = d("2026-03-11");
    f.to = d("2026-05-01");
    CHECK(db::list_problems(s.db, f).size() == 1);
    f = {};
    f.activity = r;
    CHECK(db::list_problems(s.db, f).size() == 1);
}
