#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/outcomes_repo.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

using Strings = std::vector<std::string>;

const Date k_today = d("2026-11-28");

// Hand-checked valid IDs (as in test_db_member_repo.cpp).
constexpr const char* k_chen = "350206198503121257";
constexpr const char* k_lin = "350206199008253484";
constexpr const char* k_zheng = "350206199511015635";

void add_member(db::Database& db, const char* id, const char* org, const char* role) {
    db::Member m;
    m.id_number = id;
    m.name = "党员";
    m.org = org;
    m.join_date = d("2015-07-01");
    m.full_date = d("2016-07-01");
    m.status = "";
    m.org_since = d("2016-01-01");
    m.role = role;
    m.role_since = d("2016-01-01");
    import::RowErrors errors;
    db::validate_member(db, m, k_today, errors);
    for (const auto& e : errors.items())
        FAIL_CHECK(e.field << ": " << e.message);
    REQUIRE(errors.empty());
    db::add_member(db, m);
}

} // namespace

// The small district (A1..A6, cluster C1 of A1 lead, A2, A3), and in October 2026:
//  - A2's weak flag ends on 10-01 (delisted); A6, weak too, closes on 10-10 (its flag ends with
//    the closing: not delisted); A4 typical since 2020; A5 a training base from 10-31.
//  - secretaries: chen of A1 moves to A3 on 10-10 and becomes its secretary on 10-11 (A3 had none:
//    filled; A1 left without one); lin of A2 leaves the district on 10-05 and zheng, a member of
//    A2, becomes secretary on 10-20 (A2 vacant 10-05..10-19: filled).
//  - points 2026: chen 90, lin 70 (avg 80); 2025: zheng 60 (avg 60): change +20.
//  - a member honour and an org honour in October (another org honour in September).
//  - a volunteer activity (15 people) and a reception; a labor problem raised in September and
//    resolved on 10-02, a tax problem raised on 10-08 and open.
TEST_CASE("the outcomes of a month gathered from the database") {
    test::SmallDistrict s;
    auto& db = s.db;
    {
        db::WriteTx tx(db);
        add_member(db, k_chen, "A1", "secretary");
        add_member(db, k_lin, "A2", "secretary");
        add_member(db, k_zheng, "A2", "member");
        db::set_flag(db, "A2", "weak", d("2025-01-01"), "");
        db::unset_flag(db, "A2", "weak", d("2026-10-01"));
        db::set_flag(db, "A6", "weak", d("2025-01-01"), "");
        db::close_org(db, "A6", d("2026-10-10"));
        db::set_flag(db, "A4", "typical", d("2020-01-01"), "");
        db::set_flag(db, "A5", "training_base", d("2026-10-31"), "");
        db::transfer_member(db, k_chen, "A3", d("2026-10-10"));
        db::set_role(db, k_chen, "secretary", d("2026-10-11"));
        db::member_leave(db, k_lin, d("2026-10-05"), "transferred_out");
        db::set_role(db, k_zheng, "secretary", d("2026-10-20"));
        db::set_points(db, k_chen, 2026, 90);
        db::set_points(db, k_lin, 2026, 70);
        db::set_points(db, k_zheng, 2025, 60);
        db::add_member_honor(db, k_chen, {"", d("2026-10-15"), "优秀党员", "district"});
        db::add_honor(db, {"A1", d("2026-10-20"), "先进党组织", "city"});
        db::add_honor(db, {"A1", d("2026-09-01"), "五星党组织", "city"});
        db::detail::sql(db).exec(R"sql(
INSERT INTO activity(id, date, kind, cluster_id, committee_id, title, participants)
VALUES (1, '2026-10-03', 'volunteer', (SELECT id FROM cluster WHERE code = 'C1'),
        (SELECT id FROM committee WHERE code = 'HL'), '志愿服务', 15),
       (2, '2026-10-08', 'reception', NULL, (SELECT id FROM committee WHERE code = 'HL'),
        '部长会客厅', 12),
       (3, '2026-10-09', 'salon', NULL, NULL, '沙龙', 30);
INSERT INTO problem(org_id, category, raised, text, resolved, resolution, activity_id)
VALUES ((SELECT id FROM org WHERE code = 'A1'), 'labor', '2026-09-01', '招工难', '2026-10-02',
        '对接人社', NULL),
       ((SELECT id FROM org WHERE code = 'A2'), 'tax', '2026-10-08', '退税', NULL, '', 2);
)sql");
        tx.commit();
    }
    const auto out = db::outcomes(db, rules::month_period(month_of(d("2026-10-01"))));
    CHECK(out.weak_delisted == Strings{"A2"});
    CHECK(out.weak_now == 0);
    CHECK(out.typical_now == 1);
    CHECK(out.training_bases == 1);
    CHECK(out.founded.empty());
    CHECK(out.secretary_filled == Strings{"A2", "A3"});
    CHECK(out.points_year == 2026);
    CHECK(out.points_members == 2);
    CHECK(*out.points_average == doctest::Approx(80));
    CHECK(*out.points_change == doctest::Approx(20));
    CHECK(out.members_honored == 1);
    CHECK(out.orgs_honored == 1);
    CHECK(out.volunteer_activities == 1);
    CHECK(out.volunteer_participants == 15);
    CHECK(out.receptions == 1);
    CHECK(out.problems_raised == 1);
    CHECK(out.problems_resolved == 1);
    CHECK(out.problems_open == 1);

    const auto in = db::outcome_input(db, rules::month_period(month_of(d("2026-10-01"))));
    REQUIRE(in.problems.size() == 2);
    CHECK(in.problems[1].org == "A2");
    CHECK(in.problems[1].activity == 2);

    // September: A1's September honour; nothing delisted; secretaries all in place.
    const auto sep = db::outcomes(db, rules::month_period(month_of(d("2026-09-01"))));
    CHECK(sep.weak_delisted.empty());
    CHECK(sep.weak_now == 2);
    CHECK(sep.secretary_filled.empty());
    CHECK(sep.orgs_honored == 1);
    CHECK(sep.problems_raised == 1);
    CHECK(sep.problems_open == 1);
}
