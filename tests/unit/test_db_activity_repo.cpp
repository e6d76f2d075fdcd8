#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/activity_repo.hpp>
#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/undo.hpp>
#include <hlpb/error.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>
#include <fmt/format.h>

#include <algorithm>

using namespace hlpb;
using hlpb::test::d;

namespace {

const Date k_today = d("2026-11-28");

// SmallDistrict plus cluster C2 of HL (established 2018-03-15 with A4 leading A5, A6; dissolved
// 2024-06-30), committee JS with org B1 (founded 2020-05-01, closed 2025-01-01) and its cluster
// K1 (established 2020-06-01, B1 and B2 founded 2020-05-01).
struct District : test::SmallDistrict {
    District() {
        Cluster c2;
        c2.code = "C2";
        c2.name = "第二联建片";
        c2.committee = "HL";
        c2.principle = "geo";
        c2.established = d("2018-03-15");
        c2.instructor = "李四";
        c2.community = "华美社区";
        db::add_cluster(db, c2, "A4", {"A5", "A6"});
        db::dissolve_cluster(db, "C2", d("2024-06-30"));
        db::add_committee(db, {"JS", "金山街道两新组织党委", "street"});
        for (const char* code : {"B1", "B2", "B3"}) {
            Org o;
            o.code = code;
            o.name = std::string(code) + "党支部";
            o.committee = "JS";
            o.founded = d("2020-05-01");
            db::add_org(db, o);
        }
        Cluster k1 = c2;
        k1.code = "K1";
        k1.name = "金山联建片";
        k1.committee = "JS";
        k1.established = d("2020-06-01");
        db::add_cluster(db, k1, "B2", {"B1", "B3"});
        db::leave_cluster(db, "K1", {"B1"}, d("2024-12-31"), {.today = k_today});
        db::close_org(db, "B1", d("2025-01-01"), {.today = k_today});
    }
};

Activity meeting(const char* date, const char* cluster = "C1", const char* title = "书记例会") {
    Activity a;
    a.date = d(date);
    a.kind = "secretary_meeting";
    a.cluster = cluster;
    a.title = title;
    return a;
}

// The problems check_activity finds in `a` ("field: message"), `a` normalised as it does.
std::vector<std::string> problems_of(db::Database& db, Activity& a) {
    import::RowErrors errors;
    db::check_activity(db, a, k_today, errors);
    std::vector<std::string> out;
    for (const auto& item : errors.items())
        out.push_back(item.field + ": " + item.message);
    return out;
}

std::vector<std::string> problems_of(db::Database& db, Activity&& a) {
    return problems_of(db, a);
}

bool mentions(const std::vector<std::string>& problems, const std::string& text) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(text) != std::string::npos; });
}

} // namespace

TEST_CASE("an activity of a cluster is dated within the cluster's life") {
    District s;
    // K1 was established on 2020-06-01: that day is fine, the day before is not.
    CHECK(problems_of(s.db, meeting("2020-06-01", "K1")).empty());
    auto before = problems_of(s.db, meeting("2020-05-31", "K1"));
    REQUIRE(before.size() == 1);
    CHECK(mentions(before, "cluster: cluster K1 did not exist yet on 2020-05-31"));
    CHECK(mentions(before, "established 2020-06-01"));
    // C2 was dissolved on 2024-06-30: the day before is its last day.
    CHECK(problems_of(s.db, meeting("2024-06-29", "C2")).empty());
    auto on = problems_of(s.db, meeting("2024-06-30", "C2"));
    REQUIRE(on.size() == 1);
    CHECK(mentions(on, "no longer existed on 2024-06-30 (established 2018-03-15, dissolved "
                       "2024-06-30)"));
    CHECK_THROWS_AS(db::add_activity(s.db, meeting("2024-07-01", "C2"), k_today), InvalidInput);
    CHECK(db::list_activities(s.db, {}).empty());
}

TEST_CASE("every rule of an activity is checked, each under its field") {
    District s;
    Activity a = meeting("2026-11-29");
    a.committee = "JS";
    a.problems_raised = 1;
    a.problems_solved = 2;
    a.orgs = {"NOPE", "A2"};
    auto p = problems_of(s.db, a);
    CHECK(mentions(p, "date: 2026-11-29 is after today (2026-11-28)"));
    CHECK(mentions(p, "problems_solved: 2 is more than the problems raised (1)"));
    CHECK(mentions(p, "committee: cluster C1 belongs to committee HL, not JS"));
    CHECK(mentions(p, "orgs: no org 'NOPE'"));
    CHECK(p.size() == 4);

    CHECK(mentions(problems_of(s.db, meeting("2026-01-05", "NOPE")), "cluster: no cluster 'NOPE'"));
    Activity unknown_committee;
    unknown_committee.date = d("2026-01-05");
    unknown_committee.kind = "工作会议"; // a Chinese kind is read as its key
    unknown_committee.committee = "NOPE";
    unknown_committee.title = "会议";
    CHECK(problems_of(s.db, unknown_committee) ==
          std::vector<std::string>{"committee: no committee 'NOPE' (see: hlpb committee list)"});
    CHECK(unknown_committee.kind == "work_meeting");

    for (const char* kind : {"secretary_meeting", "theme_day", "review"}) {
        Activity x = meeting("2026-01-05", "");
        x.kind = kind;
        x.committee = "HL";
        CHECK(problems_of(s.db, x) ==
              std::vector<std::string>{fmt::format("cluster: a {} is held by a cluster: give its "
                                                   "cluster",
                                                   kind)});
    }
    Activity work = meeting("2026-01-05", "");
    work.kind = "work_meeting";
    CHECK(mentions(problems_of(s.db, work), "committee: a work_meeting is held by a committee"));
    work.cluster = "C1"; // the committee of its cluster
    CHECK(problems_of(s.db, work).empty());
    CHECK(work.committee == "HL");

    Activity training = meeting("2026-03-01", "");
    training.kind = "training"; // the district's: neither cluster nor committee
    CHECK(problems_of(s.db, training).empty());

    Activity bad_kind = meeting("2026-03-01");
    bad_kind.kind = "party";
    CHECK(mentions(problems_of(s.db, bad_kind), "kind: 'party' is not one of"));
    Activity empty_title = meeting("2026-03-01");
    empty_title.title = " ";
    CHECK(problems_of(s.db, empty_title) == std::vector<std::string>{"title: is empty"});
    Activity too_many = meeting("2026-03-01");
    too_many.participants = 100'001;
    CHECK(mentions(problems_of(s.db, too_many), "participants: '100001' is not"));
}

TEST_CASE("the orgs involved are open on the day") {
    District s;
    Activity a = meeting("2020-04-30", "C1");
    a.orgs = {"B1", "A1", "A1"};
    CHECK(problems_of(s.db, a) ==
          std::vector<std::string>{"orgs: org B1 was founded on 2020-05-01, after 2020-04-30"});
    a.date = d("2020-05-01");
    CHECK(problems_of(s.db, a).empty());
    CHECK(a.orgs == std::vector<std::string>{"A1", "B1"}); // sorted, each once
    a.date = d("2024-12-31");
    CHECK(problems_of(s.db, a).empty());
    a.date = d("2025-01-01");
    CHECK(mentions(problems_of(s.db, a), "orgs: org B1 was closed on 2025-01-01"));
}

TEST_CASE("a review names several clusters of its committee, its own first") {
    District s;
    Activity r = meeting("2023-12-20", "C1", "年度述评");
    r.kind = "review";
    r.clusters = {"C2", "C1"};
    const long long id = db::add_activity(s.db, r, k_today);
    const Activity stored = db::get_activity(s.db, id);
    CHECK(stored.clusters == std::vector<std::string>{"C1", "C2"});
    CHECK(stored.committee == "HL");
    // Found by a cluster it names, not only by its own.
    db::ActivityFilter by_c2;
    by_c2.cluster = "C2";
    REQUIRE(db::list_activities(s.db, by_c2).size() == 1);
    CHECK(db::list_activities(s.db, by_c2)[0].id == id);

    Activity other = r;
    other.title = "跨党委述评";
    other.clusters = {"K1"};
    CHECK(
        mentions(problems_of(s.db, other), "clusters: cluster K1 belongs to committee JS, not HL"));
    other.clusters = {"C2"};
    other.date = d("2024-07-01"); // after C2 was dissolved
    CHECK(mentions(problems_of(s.db, other), "clusters: cluster C2 no longer existed"));
    // Only a review names several clusters.
    Activity m = meeting("2023-12-20");
    m.clusters = {"C1", "C2"};
    CHECK(mentions(problems_of(s.db, m), "clusters: only a review names several clusters"));
    // Without its own cluster, the first it names is its own.
    Activity first = r;
    first.cluster.clear();
    first.title = "另一次述评";
    first.clusters = {"C2", "C1"};
    CHECK(problems_of(s.db, first).empty());
    CHECK(first.cluster == "C2");
    CHECK(first.clusters == std::vector<std::string>{"C2", "C1"});
}

TEST_CASE("lists filter by cluster, committee, kind and dates, by date then id") {
    District s;
    for (const char* date : {"2024-02-29", "2024-01-31", "2024-03-01", "2024-02-01"})
        db::add_activity(s.db, meeting(date, "C1", date), k_today);
    Activity w = meeting("2024-02-10", "");
    w.kind = "work_meeting";
    w.committee = "JS";
    db::add_activity(s.db, w, k_today);
    db::ActivityFilter feb;
    feb.from = d("2024-02-01");
    feb.to = d("2024-02-29");
    auto got = db::list_activities(s.db, feb);
    REQUIRE(got.size() == 3);
    CHECK(got[0].date == d("2024-02-01"));
    CHECK(got[1].date == d("2024-02-10"));
    CHECK(got[2].date == d("2024-02-29"));
    feb.committee = "HL";
    CHECK(db::list_activities(s.db, feb).size() == 2);
    feb.committee.clear();
    feb.kind = "work_meeting";
    CHECK(db::list_activities(s.db, feb).size() == 1);
    db::ActivityFilter c1;
    c1.cluster = "C1";
    CHECK(db::list_activities(s.db, c1).size() == 4);
}

TEST_CASE("the key (date, kind, cluster or committee, title) is unique; upsert goes by it") {
    District s;
    const long long id = db::add_activity(s.db, meeting("2026-01-05"), k_today);
    CHECK_THROWS_WITH_AS(db::add_activity(s.db, meeting("2026-01-05"), k_today),
                         doctest::Contains("exists already (activity 1)"), Conflict);
    const long long other = db::add_activity(s.db, meeting("2026-02-05"), k_today);
    Activity moved = db::get_activity(s.db, other);
    moved.date = d("2026-01-05");
    CHECK_THROWS_AS(db::edit_activity(s.db, moved, k_today), Conflict);
    moved.title = "一月第二次例会";
    db::edit_activity(s.db, moved, k_today);
    CHECK(db::get_activity(s.db, other).title == "一月第二次例会");

    Activity same = meeting("2026-01-05");
    same.kind = "书记例会";
    CHECK(db::upsert_activity(s.db, same, k_today) == import::Outcome::unchanged);
    same.participants = 9;
    CHECK(db::upsert_activity(s.db, same, k_today) == import::Outcome::updated);
    CHECK(db::get_activity(s.db, id).participants == 9);
    CHECK(db::upsert_activity(s.db, meeting("2026-03-05"), k_today) == import::Outcome::inserted);
    // Rows written by another tool may share a key: the import does not guess which one.
    db::detail::sql(s.db).exec(
        "INSERT INTO activity(date, kind, cluster_id, committee_id, title) "
        "SELECT date, kind, cluster_id, committee_id, title FROM activity WHERE id = 1");
    CHECK_THROWS_WITH_AS(db::upsert_activity(s.db, same, k_today),
                         doctest::Contains("activities 1, 4 are each"), Conflict);
    CHECK_THROWS_AS(db::get_activity(s.db, 99), NotFound);
    CHECK_THROWS_AS(db::delete_activity(s.db, 99), NotFound);
    CHECK(db::delete_activity(s.db, 4) == 0);
    CHECK(db::list_activities(s.db, {}).size() == 3);
}

TEST_CASE("reads accept rows that name a cluster but not its committee") {
    District s;
    db::detail::sql(s.db).exec(
        "INSERT INTO activity(date, kind, cluster_id, title) "
        "SELECT '2025-05-05', 'review', id, '述评' FROM cluster WHERE code = 'C1'");
    auto all = db::list_activities(s.db, {});
    REQUIRE(all.size() == 1);
    CHECK(all[0].committee == "HL");
    CHECK(all[0].clusters == std::vector<std::string>{"C1"});
    db::ActivityFilter hl;
    hl.committee = "HL";
    CHECK(db::list_activities(s.db, hl).size() == 1);
}

TEST_CASE("db undo takes back an activity with its links, and a delete with its problems") {
    District s;
    const auto count = [&](const char* table) {
        return db::detail::sql(s.db)
            .execAndGet(std::string("SELECT count(*) FROM ") + table)
            .getInt64();
    };
    long long id = 0;
    {
        db::WriteTx tx(s.db);
        Activity r = meeting("2026-03-10", "C1", "部长会客厅");
        r.kind = "reception";
        r.orgs = {"A1", "A2"};
        id = db::add_activity(s.db, r, k_today);
        tx.commit();
    }
    {
        db::WriteTx tx(s.db);
        db::detail::sql(s.db).exec("INSERT INTO problem(org_id, category, raised, activity_id) "
                                   "SELECT id, 'tax', '2026-03-10', " +
                                   std::to_string(id) + " FROM org WHERE code = 'A1'");
        tx.commit();
    }
    {
        db::WriteTx tx(s.db);
        CHECK(db::delete_activity(s.db, id) == 1); // cascades to activity_org, sets problem null
        tx.commit();
    }
    CHECK(count("activity_org") == 0);
    const auto undo = [&](std::int64_t entry = 0) {
        return db::undo(s.db, {.entry = entry}).entry;
    };
    const std::int64_t undid_delete = undo();
    CHECK(count("activity_org") == 2);
    CHECK(count("problem WHERE activity_id IS NOT NULL") == 1);
    undo(undid_delete); // a redo: the delete again, its cascade not a conflict
    CHECK(count("activity") == 0);
    CHECK(count("problem WHERE activity_id IS NULL") == 1);
    undo(); // back again
    undo(); // the problem
    undo(); // the add: the activity's delete takes its links with it
    CHECK(count("activity") == 0);
    CHECK(count("activity_org") == 0);
    CHECK(count("problem") == 0);
}
