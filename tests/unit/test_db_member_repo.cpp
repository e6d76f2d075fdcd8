#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/check.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

namespace {

const Date k_today = d("2026-11-28");

db::Member member(const char* id, const char* name, const char* org, const char* joined) {
    db::Member m;
    m.id_number = id;
    m.name = name;
    m.org = org;
    m.join_date = d(joined);
    m.status = "";
    return m;
}

std::vector<std::string> problems(db::Database& db, db::Member& m) {
    import::RowErrors errors;
    db::validate_member(db, m, k_today, errors);
    std::vector<std::string> out;
    for (const auto& e : errors.items())
        out.push_back(e.field + ": " + e.message);
    return out;
}

void add(db::Database& db, db::Member m) {
    import::RowErrors errors;
    db::validate_member(db, m, k_today, errors);
    REQUIRE(errors.empty());
    db::add_member(db, m);
}

// Hand-checked valid IDs (checksums computed per GB 11643).
constexpr const char* k_chen = "350206198503121257";  // male, born 1985-03-12
constexpr const char* k_lin = "350206199008253484";   // female, born 1990-08-25
constexpr const char* k_zheng = "350206199511015635"; // male, born 1995-11-01
constexpr const char* k_old = "11010519491231002X";   // female, born 1949-12-31

} // namespace

TEST_CASE("validation derives gender and birth date and checks they agree") {
    test::SmallDistrict s;
    auto m = member(k_chen, "陈建国", "A1", "2010-07-01");
    m.full_date = d("2011-07-01");
    CHECK(problems(s.db, m).empty());
    CHECK(m.gender == "male");
    CHECK(m.birth_date == d("1985-03-12"));
    CHECK(m.status == "full");
    CHECK(m.org_since == d("2015-01-01")); // later of join_date and the org's founding
    CHECK(m.role_since == m.org_since);

    auto w = member(k_chen, "陈建国", "A1", "2010-07-01");
    w.gender = "female";
    w.birth_date = d("1985-03-13");
    auto p = problems(s.db, w);
    REQUIRE(p.size() == 2);
    CHECK(p[0] == "gender: '女' does not match the ID number (男)");
    CHECK(p[1] == "birth_date: 1985-03-13 does not match the ID number (1985-03-12)");
}

TEST_CASE("dates: joined at 18 or later, full after joining, status agrees with full_date") {
    test::SmallDistrict s;
    auto young = member(k_zheng, "郑伟", "A2", "2013-10-31"); // 17 years old the day before 18
    CHECK(problems(s.db, young) ==
          std::vector<std::string>{"join_date: 2013-10-31: joined before the age of 18 (born "
                                   "1995-11-01)"});
    auto eighteen = member(k_zheng, "郑伟", "A2", "2013-11-01");
    CHECK(problems(s.db, eighteen).empty());
    CHECK(eighteen.status == "probationary");

    auto early = member(k_lin, "林秀英", "A1", "2016-06-30");
    early.full_date = d("2016-06-30");
    CHECK(problems(s.db, early) ==
          std::vector<std::string>{"full_date: 2016-06-30 is not after join_date 2016-06-30"});
    // SPEC §6: the full date is optional; a full member without it is full since joining.
    auto full_without = member(k_lin, "林秀英", "A1", "2016-06-30");
    full_without.status = "full";
    CHECK(problems(s.db, full_without).empty());
    CHECK(full_without.status == "full");
    auto contradicts = member(k_lin, "林秀英", "A1", "2016-06-30");
    contradicts.status = "probationary";
    contradicts.full_date = d("2017-06-30");
    CHECK(problems(s.db, contradicts) ==
          std::vector<std::string>{"status: probationary (预备党员) but full_date is 2017-06-30"});
}

TEST_CASE("org, phone and ID problems are named by field") {
    test::SmallDistrict s;
    auto m = member("350206198503121253", "", "ZZ", "2010-07-01");
    m.phone = "1390600123";
    auto p = problems(s.db, m);
    REQUIRE(p.size() == 4);
    CHECK(p[0] == "id_number: checksum digit should be 7");
    CHECK(p[1] == "name: is empty");
    CHECK(p[2] == "phone: '1390600123' is not an 11-digit mobile number");
    CHECK(p[3] == "org: no org 'ZZ' (add it or import the orgs file first)");
    // An org given by its (unique) name instead of its code.
    auto by_name = member(k_chen, "陈建国", "测试1党支部", "2010-07-01");
    by_name.full_date = d("2011-07-01");
    CHECK(problems(s.db, by_name).empty());
    CHECK(by_name.org == "A1");
}

TEST_CASE("one secretary per org at a time, named when refused") {
    test::SmallDistrict s;
    auto chen = member(k_chen, "陈建国", "A1", "2010-07-01");
    chen.full_date = d("2011-07-01");
    chen.role = "secretary";
    add(s.db, chen);
    auto lin = member(k_lin, "林秀英", "A1", "2016-06-30");
    lin.full_date = d("2017-06-30");
    lin.role = "secretary";
    import::RowErrors errors;
    db::validate_member(s.db, lin, k_today, errors);
    REQUIRE(errors.empty());
    try {
        db::add_member(s.db, lin);
        FAIL("expected a conflict");
    } catch (const Conflict& e) {
        CHECK(std::string(e.what()).find("org A1 already has a secretary: 陈建国 "
                                         "(350206********1257) since 2015-01-01") !=
              std::string::npos);
    }
    lin.role = "member";
    db::add_member(s.db, lin);
    CHECK_THROWS_AS(db::set_role(s.db, k_lin, "secretary", d("2024-01-01")), Conflict);
    // Hand over: the old secretary steps down, the new one takes the role the same day.
    db::set_role(s.db, k_chen, "member", d("2024-01-01"));
    db::set_role(s.db, k_lin, "secretary", d("2024-01-01"));
    CHECK(db::current_secretary(s.db, "A1", d("2023-12-31"))->name == "陈建国");
    CHECK(db::current_secretary(s.db, "A1", d("2024-01-01"))->name == "林秀英");
    CHECK(db::current_secretary(s.db, "A1", d("2024-01-01"))->since == d("2024-01-01"));
    // The past term cannot be overlapped by a back-dated appointment.
    CHECK_THROWS_AS(db::set_role(s.db, k_chen, "secretary", d("2023-06-01")), Conflict);
}

TEST_CASE("a transfer keeps the history; listings answer as of any date") {
    test::SmallDistrict s;
    auto chen = member(k_chen, "陈建国", "A1", "2010-07-01");
    chen.full_date = d("2011-07-01");
    chen.role = "secretary";
    add(s.db, chen);
    db::transfer_member(s.db, k_chen, "A2", d("2020-05-01"));
    db::MemberFilter a1;
    a1.org = "A1";
    db::MemberFilter a2;
    a2.org = "A2";
    CHECK(db::list_members(s.db, d("2020-04-30"), a1).size() == 1);
    CHECK(db::list_members(s.db, d("2020-04-30"), a1)[0].role == "secretary");
    CHECK(db::list_members(s.db, d("2020-05-01"), a1).empty());
    CHECK(db::list_members(s.db, d("2020-05-01"), a2).size() == 1);
    CHECK(db::list_members(s.db, d("2020-05-01"), a2)[0].role == "member");
    CHECK_FALSE(db::current_secretary(s.db, "A1", d("2020-05-01")).has_value());
    CHECK(db::member_count(s.db, "A1", d("2020-04-30")) == 1);
    CHECK(db::member_count(s.db, "A2", d("2020-05-01")) == 1);
    auto h = db::member_history(s.db, k_chen);
    REQUIRE(h.size() == 2);
    CHECK(h[0].org == "A1");
    CHECK(h[0].role == "secretary");
    CHECK(h[0].span.to == d("2020-05-01"));
    CHECK(h[1].org == "A2");
    CHECK_THROWS_AS(db::transfer_member(s.db, k_chen, "A2", d("2021-01-01")), Conflict);
    CHECK_THROWS_AS(db::transfer_member(s.db, k_chen, "A3", d("2020-05-01")), Conflict);
}

TEST_CASE("status as of a date follows full_date") {
    test::SmallDistrict s;
    auto lin = member(k_lin, "林秀英", "A1", "2016-06-30");
    lin.full_date = d("2017-06-30");
    add(s.db, lin);
    db::MemberFilter probationary;
    probationary.status = "probationary";
    CHECK(db::list_members(s.db, d("2017-06-29"), probationary).size() == 1);
    CHECK(db::list_members(s.db, d("2017-06-30"), probationary).empty());
    CHECK(db::get_member(s.db, k_lin, d("2017-01-01")).status == "probationary");
    CHECK(db::get_member(s.db, k_lin, d("2017-06-30")).status == "full");
}

TEST_CASE("leaving: gone from that day, still findable, mentors end") {
    test::SmallDistrict s;
    auto chen = member(k_chen, "陈建国", "A1", "2010-07-01");
    chen.full_date = d("2011-07-01");
    chen.role = "secretary";
    add(s.db, chen);
    auto old = member(k_old, "王秀兰", "A2", "1975-07-01");
    old.full_date = d("1976-07-01");
    add(s.db, old);
    db::assign_mentor(s.db, k_chen, k_old, d("2020-01-01"), "老带新");
    CHECK(db::list_mentors(s.db, d("2020-01-01")).size() == 1);
    CHECK_THROWS_AS(db::assign_mentor(s.db, k_old, k_chen, d("2020-01-01"), ""), Conflict);
    // a mentoring that starts that day would outlive the member
    CHECK_THROWS_AS(db::member_leave(s.db, k_chen, d("2020-01-01"), "转出"), Conflict);
    db::member_leave(s.db, k_chen, d("2025-03-01"), "转出");
    CHECK(db::list_mentors(s.db, d("2025-03-01")).empty());
    CHECK(db::member_count(s.db, "A1", d("2025-03-01")) == 0);
    auto gone = db::get_member(s.db, k_chen, d("2025-03-01"));
    CHECK(gone.left_on == d("2025-03-01"));
    CHECK(gone.left_reason == "transferred_out");
    CHECK_FALSE(db::current_secretary(s.db, "A1", d("2025-03-01")).has_value());
    CHECK_THROWS_AS(db::transfer_member(s.db, k_chen, "A2", d("2025-04-01")), Conflict);
    CHECK_THROWS_AS(db::member_leave(s.db, k_old, d("2025-03-01"), "bored"), InvalidInput);
}

TEST_CASE("points and honours") {
    test::SmallDistrict s;
    auto lin = member(k_lin, "林秀英", "A1", "2016-06-30");
    lin.full_date = d("2017-06-30");
    add(s.db, lin);
    db::set_points(s.db, k_lin, 2024, 60);
    db::set_points(s.db, k_lin, 2025, 82);
    db::set_points(s.db, k_lin, 2025, 80);
    auto p = db::member_points(s.db, k_lin);
    REQUIRE(p.size() == 2);
    CHECK(p[1].points == 80);
    CHECK_THROWS_AS(db::set_points(s.db, k_lin, 1999, 1), InvalidInput);
    db::add_member_honor(s.db, k_lin, {k_lin, d("2021-07-01"), "优秀共产党员", "district"});
    CHECK_THROWS_AS(db::add_member_honor(s.db, k_lin, {k_lin, d("2021-07-01"), "优秀共产党员", ""}),
                    Conflict);
    CHECK(db::member_honors(s.db, k_lin).size() == 1);
}

TEST_CASE("db check finds two secretaries or two orgs at once, written behind the library's back") {
    test::SmallDistrict s;
    auto chen = member(k_chen, "陈建国", "A1", "2010-07-01");
    chen.full_date = d("2011-07-01");
    chen.role = "secretary";
    add(s.db, chen);
    auto lin = member(k_lin, "林秀英", "A1", "2016-06-30");
    lin.full_date = d("2017-06-30");
    add(s.db, lin);
    CHECK(db::check_database(s.db, k_today).empty());
    // A past secretary term for 林秀英 overlapping 陈建国's.
    db::detail::sql(s.db).exec(
        "INSERT INTO member_role_history(member_id, org_id, role, from_date, to_date) "
        "SELECT m.id, m.org_id, 'secretary', '2018-01-01', '2019-01-01' FROM member m "
        "WHERE m.name = '林秀英'");
    // And a past placement in A2 overlapping the current one in A1.
    db::detail::sql(s.db).exec(
        "INSERT INTO member_org_history(member_id, org_id, from_date, to_date) "
        "SELECT m.id, (SELECT id FROM org WHERE code = 'A2'), '2018-01-01', "
        "'2019-01-01' FROM member m WHERE m.name = '林秀英'");
    std::vector<std::string> checks;
    for (const auto& b : db::check_database(s.db, k_today))
        checks.push_back(b.check + " " + b.subject);
    CHECK(checks ==
          std::vector<std::string>{"member_one_org 350206********3484", "one_secretary A1"});
}

TEST_CASE("an org with members is not closed; a secretary who goes is named; future dates") {
    test::SmallDistrict s;
    auto chen = member(k_chen, "陈建国", "A2", "2010-07-01");
    chen.role = "secretary";
    chen.org_since = d("2020-01-01");
    add(s.db, chen);
    try {
        db::close_org(s.db, "A2", d("2026-01-01"));
        FAIL("expected Conflict");
    } catch (const Conflict& e) {
        CHECK(std::string(e.what()).find("hlpb member transfer") != std::string::npos);
    }
    db::ChangeOptions now;
    now.today = k_today;
    CHECK_THROWS_AS(db::transfer_member(s.db, k_chen, "A3", d("2026-12-01"), now), Conflict);
    auto left = db::transfer_member(s.db, k_chen, "A3", d("2026-01-01"), now);
    CHECK(left.org == "A2");
    CHECK(left.role == "secretary");
    db::close_org(s.db, "A2", d("2026-01-01"));
    // The same written behind the library's back is a breach of db check.
    db::detail::sql(s.db).exec("UPDATE org SET closed = '2025-06-01' WHERE code = 'A3'");
    bool found = false;
    for (const auto& b : db::check_database(s.db, k_today))
        found |= b.check == "closed_members" && b.subject == "A3";
    CHECK(found);
}

TEST_CASE("set_secretary hands over in one step; refusals name the member and the rule") {
    test::Language en("en");
    test::SmallDistrict s;
    auto chen = member(k_chen, "陈建国", "A1", "2010-07-01");
    chen.full_date = d("2011-07-01");
    chen.role = "secretary";
    add(s.db, chen);
    auto lin = member(k_lin, "林秀英", "A1", "2016-06-30");
    lin.full_date = d("2017-06-30");
    lin.role = "deputy_secretary";
    add(s.db, lin);
    auto zheng = member(k_zheng, "郑小明", "A2", "2020-01-01");
    zheng.full_date = d("2021-01-01");
    add(s.db, zheng);

    const auto refusal = [&](const char* org, const char* id, const char* on) {
        try {
            db::set_secretary(s.db, org, id, d(on));
        } catch (const Error& e) {
            return std::string(e.what());
        }
        return std::string("no refusal");
    };
    CHECK(refusal("A1", k_zheng, "2024-01-01") ==
          "member 郑小明 (350206********5635) is in org A2, not in A1; transfer them first "
          "(hlpb member transfer ID A1 --on DATE)");
    CHECK(refusal("A1", k_chen, "2024-01-01") ==
          "member 陈建国 (350206********1257) is the secretary of A1 already (since 2015-01-01)");
    CHECK(refusal("A1", k_lin, "2016-01-01") ==
          "member 林秀英 (350206********3484) joined A1 on 2016-06-30; they can be its secretary "
          "from that day on, not from 2016-01-01");
    CHECK(refusal("A9", k_lin, "2024-01-01") == "no org 'A9' (see: hlpb org list)");

    const db::Handover h = db::set_secretary(s.db, "A1", k_lin, d("2024-01-01"));
    CHECK(h.name == "林秀英");
    REQUIRE(h.previous);
    CHECK(h.previous->name == "陈建国");
    CHECK(db::current_secretary(s.db, "A1", d("2023-12-31"))->name == "陈建国");
    CHECK(db::current_secretary(s.db, "A1", d("2024-01-01"))->name == "林秀英");
    CHECK(db::get_member(s.db, k_chen, k_today).role == "member");
    CHECK(db::get_member(s.db, k_chen, k_today).role_since == d("2024-01-01"));
    // Both earlier roles are in the history: 陈建国 secretary, 林秀英 deputy secretary.
    const auto chen_history = db::member_history(s.db, k_chen);
    REQUIRE(chen_history.size() == 2);
    CHECK(chen_history[0].role == "secretary");
    const auto lin_history = db::member_history(s.db, k_lin);
    REQUIRE(lin_history.size() == 2);
    CHECK(lin_history[0].role == "deputy_secretary");
    // A handover before the secretary in office took office is refused.
    CHECK(refusal("A1", k_chen, "2023-06-01") ==
          "林秀英 (350206********3484) has been the secretary of A1 since 2024-01-01; a "
          "handover must come after that");
    // An org without a secretary (named by its full name): the member simply becomes it.
    const db::Handover first = db::set_secretary(s.db, "测试2党支部", k_zheng, d("2024-03-01"));
    CHECK(first.org == "A2");
    CHECK_FALSE(first.previous);
    CHECK(db::current_secretary(s.db, "A2", d("2024-03-01"))->name == "郑小明");
}
