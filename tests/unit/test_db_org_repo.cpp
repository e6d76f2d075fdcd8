#include "db/sql_access.hpp"
#include "fixture.hpp"

#include <hlpb/db/candidates_repo.hpp>
#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/engine.hpp>

#include <SQLiteCpp/Database.h>
#include <doctest/doctest.h>

using namespace hlpb;
using hlpb::test::d;

TEST_CASE("flags keep their history and answer as of a date") {
    test::SmallDistrict s;
    db::set_flag(s.db, "A2", "weak", d("2023-03-01"), "支部书记离职");
    CHECK_THROWS_AS(db::set_flag(s.db, "A2", "weak", d("2023-04-01"), ""), Conflict);
    db::unset_flag(s.db, "A2", "weak", d("2024-06-30"));
    CHECK_THROWS_AS(db::unset_flag(s.db, "A2", "weak", d("2024-07-01")), Conflict);
    CHECK_FALSE(db::get_org(s.db, "A2", d("2023-02-28")).weak);
    CHECK(db::get_org(s.db, "A2", d("2023-03-01")).weak);
    CHECK(db::get_org(s.db, "A2", d("2024-06-29")).weak);
    CHECK_FALSE(db::get_org(s.db, "A2", d("2024-06-30")).weak);
    auto h = db::flag_history(s.db, "A2");
    REQUIRE(h.size() == 1);
    CHECK(h[0].note == "支部书记离职");
    CHECK(h[0].span.to == d("2024-06-30"));
    db::OrgFilter weak;
    weak.flag = "weak";
    CHECK(db::list_orgs(s.db, d("2023-06-01"), weak).size() == 1);
    CHECK(db::list_orgs(s.db, d("2025-01-01"), weak).empty());
    CHECK_THROWS_AS(db::set_flag(s.db, "A2", "bogus", d("2023-03-01"), ""), UsageError);
}

TEST_CASE("closing an org ends its membership, but not while it leads") {
    test::SmallDistrict s;
    CHECK_THROWS_AS(db::close_org(s.db, "A1", d("2022-01-01")), Conflict);
    db::set_flag(s.db, "A3", "typical", d("2020-01-01"), "");
    db::close_org(s.db, "A3", d("2022-01-01"));
    CHECK(db::get_org(s.db, "A3", d("2021-12-31")).cluster == "C1");
    CHECK(db::get_org(s.db, "A3", d("2022-01-01")).cluster == "");
    CHECK_FALSE(db::get_org(s.db, "A3", d("2022-01-01")).typical);
    CHECK(db::get_org(s.db, "A3", d("2022-01-01")).closed == d("2022-01-01"));
    // Listings show open orgs unless asked for closed ones.
    CHECK(db::list_orgs(s.db, d("2022-01-01"), {}).size() == 5);
    db::OrgFilter closed;
    closed.status = "closed";
    CHECK(db::list_orgs(s.db, d("2022-01-01"), closed).size() == 1);
    CHECK(db::list_orgs(s.db, d("2021-12-31"), closed).empty());
    CHECK_THROWS_AS(db::close_org(s.db, "A3", d("2023-01-01")), Conflict);
}

TEST_CASE("honors are unique per org, date and title") {
    test::SmallDistrict s;
    db::add_honor(s.db, {"A1", d("2021-07-01"), "湖里区先进基层党组织", "district"});
    CHECK_THROWS_AS(db::add_honor(s.db, {"A1", d("2021-07-01"), "湖里区先进基层党组织", ""}),
                    Conflict);
    CHECK_THROWS_AS(db::add_honor(s.db, {"A1", d("2021-07-01"), "x", "galactic"}), InvalidInput);
    db::add_honor(s.db, {"A1", d("2022-07-01"), "厦门市先进基层党组织", "市级"});
    auto h = db::org_honors(s.db, "A1");
    REQUIRE(h.size() == 2);
    CHECK(h[1].level == "city");
}

TEST_CASE("org validation names each bad field") {
    test::SmallDistrict s;
    Org o;
    o.code = "bad code";
    o.name = "";
    o.type = "company";
    o.form = "branch";
    o.committee = "XX";
    o.host_uscc = "9135020061200187X5";
    o.cluster = "C9";
    import::RowErrors errors;
    db::validate_org(s.db, o, errors);
    std::vector<std::string> fields;
    for (const auto& e : errors.items())
        fields.push_back(e.field);
    CHECK(fields ==
          std::vector<std::string>{"code", "name", "type", "committee", "host_uscc", "cluster"});
    CHECK(errors.items()[4].message.find("should be Y") != std::string::npos);
}

TEST_CASE("hostile text is stored literally") {
    test::SmallDistrict s;
    Org o = db::get_org(s.db, "A2", d("2026-01-01"));
    o.name = "'); DROP TABLE org;--";
    db::edit_org(s.db, o);
    CHECK(db::get_org(s.db, "A2", d("2026-01-01")).name == "'); DROP TABLE org;--");
    CHECK(db::list_orgs(s.db, d("2026-01-01"), {}).size() == 6);
}

TEST_CASE("upsert_org places, leads and flags, and a second run changes nothing") {
    test::SmallDistrict s;
    db::OrgImportRow r;
    r.org.code = "B1";
    r.org.name = "新建党支部";
    r.org.committee = "HL";
    r.org.founded = d("2019-05-01");
    r.org.cluster = "C1";
    r.typical = true;
    CHECK(db::upsert_org(s.db, r, d("2026-11-28")) == import::Outcome::inserted);
    auto memberships = db::org_memberships(s.db, "B1");
    REQUIRE(memberships.size() == 1);
    CHECK(memberships[0].span.from == d("2019-05-01")); // later of founded and established
    CHECK(db::upsert_org(s.db, r, d("2026-11-28")) == import::Outcome::unchanged);
    r.org.venue_m2 = 120;
    CHECK(db::upsert_org(s.db, r, d("2026-11-28")) == import::Outcome::updated);
    r.cluster_since = d("2019-06-01");
    CHECK_THROWS_AS(db::upsert_org(s.db, r, d("2026-11-28")), InvalidInput);
}

TEST_CASE("venue_m2 and investor_is_secretary are dated: 四看 reads them as of the date") {
    test::SmallDistrict s;
    db::ChangeOptions now;
    now.today = d("2026-11-28");
    Org a1 = db::get_org(s.db, "A1", d("2026-11-28"));
    a1.venue_m2 = 80;
    a1.investor_is_secretary = false;
    db::edit_org(s.db, a1, d("2025-07-01"), now);
    CHECK(db::get_org(s.db, "A1", d("2025-06-30")).venue_m2 == 200);
    CHECK(db::get_org(s.db, "A1", d("2025-06-30")).investor_is_secretary);
    CHECK(db::get_org(s.db, "A1", d("2025-07-01")).venue_m2 == 80);
    auto before = db::candidate_inputs(s.db, "C1", d("2025-06-30"));
    auto after = db::candidate_inputs(s.db, "C1", d("2025-07-01"));
    REQUIRE(before.front().code == "A1");
    CHECK(before.front().venue_m2 == 200);
    CHECK(before.front().investor_is_secretary);
    CHECK(after.front().venue_m2 == 80);
    CHECK_FALSE(after.front().investor_is_secretary);
    auto h = db::field_history(s.db, "org", "A1");
    REQUIRE(h.size() == 2);
    CHECK(h[0].field == "investor_is_secretary");
    CHECK(h[1].field == "venue_m2");
    CHECK(h[1].value == "200");
    CHECK(h[1].from == d("2015-01-01"));
}

TEST_CASE("an org with members, or whose flag began that day, is not closed silently") {
    test::SmallDistrict s;
    db::set_flag(s.db, "A3", "weak", d("2022-01-01"), "");
    auto msg = [&](auto&& f) {
        try {
            f();
        } catch (const Conflict& e) {
            return std::string(e.what());
        }
        return std::string("(no conflict)");
    };
    CHECK(msg([&] {
              db::close_org(s.db, "A3", d("2022-01-01"));
          }).find("the weak flag of org A3 began on 2022-01-01") != std::string::npos);
    db::ChangeOptions correct;
    correct.correct = true;
    auto notes = db::close_org(s.db, "A3", d("2022-01-01"), correct);
    CHECK(db::audit_note(notes) == "removed the weak flag of org A3 from 2022-01-01");
    CHECK(db::flag_history(s.db, "A3").empty());
    CHECK(db::get_org(s.db, "A3", d("2021-12-31")).cluster == "C1");
}

namespace {

std::vector<std::string> codes(const std::vector<Org>& orgs) {
    std::vector<std::string> out;
    for (const auto& o : orgs)
        out.push_back(o.code);
    return out;
}

using Codes = std::vector<std::string>;

// The small district (C1 = A1 lead, A2, A3) with A2 weak from 2024-01-01, A3 weak from
// 2023-01-01 to 2023-07-01, A4 typical and a training base, secretaries in A1 (now) and A5
// (until 2025-06-01: then an ordinary member).
struct Flagged : test::SmallDistrict {
    Flagged() {
        db::WriteTx tx(db);
        db::set_flag(db, "A2", "weak", d("2024-01-01"), "");
        db::set_flag(db, "A3", "weak", d("2023-01-01"), "");
        db::unset_flag(db, "A3", "weak", d("2023-07-01"));
        db::set_flag(db, "A4", "typical", d("2020-01-01"), "");
        db::set_flag(db, "A4", "training_base", d("2020-01-01"), "");
        db::detail::sql(db).exec(R"sql(
INSERT INTO member(id_number, name, gender, birth_date, join_date, status, full_date, org_id,
                   org_since, role, role_since)
SELECT 'M1', '甲', 'male', '1970-01-01', '2000-01-01', 'full', '2001-01-01', id, '2015-01-01',
       'secretary', '2020-01-01' FROM org WHERE code = 'A1'
UNION ALL
SELECT 'M2', '乙', 'male', '1970-01-01', '2000-01-01', 'full', '2001-01-01', id, '2015-01-01',
       'member', '2025-06-01' FROM org WHERE code = 'A5';
INSERT INTO member_role_history(member_id, org_id, role, from_date, to_date)
SELECT m.id, m.org_id, 'secretary', '2015-01-01', '2025-06-01' FROM member m
 WHERE m.id_number = 'M2';)sql");
        tx.commit();
    }
};

} // namespace

TEST_CASE("org list filters: flags, lead, unclustered, no secretary, combined with AND") {
    Flagged s;
    const Date today = d("2026-11-28");
    auto list = [&](const db::OrgFilter& f, Date on) { return codes(db::list_orgs(s.db, on, f)); };
    db::OrgFilter f;
    f.weak = true;
    CHECK(list(f, today) == Codes{"A2"});
    CHECK(list(f, d("2023-03-01")) == Codes{"A3"});
    f = {};
    f.typical = true;
    CHECK(list(f, today) == Codes{"A4"});
    f.training_base = true;
    CHECK(list(f, today) == Codes{"A4"});
    f.weak = true; // typical and weak: none
    CHECK(list(f, today).empty());
    f = {};
    f.lead = true;
    CHECK(list(f, today) == Codes{"A1"});
    f = {};
    f.cluster = "-";
    CHECK(list(f, today) == Codes{"A4", "A5", "A6"});
    f = {};
    f.no_secretary = true;
    CHECK(list(f, today) == Codes{"A2", "A3", "A4", "A5", "A6"});
    CHECK(list(f, d("2025-05-31")) == Codes{"A2", "A3", "A4", "A6"});       // A5's secretary then
    CHECK(list(f, d("2019-12-31")) == Codes{"A1", "A2", "A3", "A4", "A6"}); // A1's from 2020
    f.cluster = "-";                                                        // and in no cluster
    CHECK(list(f, today) == Codes{"A4", "A5", "A6"});
    f.cluster = "C1";
    CHECK(list(f, today) == Codes{"A2", "A3"});
}

TEST_CASE("org list --flagged: flagged at any time in the range, both ends included") {
    Flagged s;
    const Date today = d("2026-11-28");
    auto flagged = [&](std::optional<Date> from, std::optional<Date> to) {
        db::OrgFilter f;
        f.flagged = "weak";
        f.flagged_from = from;
        f.flagged_to = to;
        return codes(db::list_orgs(s.db, today, f));
    };
    CHECK(flagged(d("2023-01-01"), d("2023-12-31")) == Codes{"A3"});
    CHECK(flagged(d("2023-06-30"), d("2024-01-01")) == Codes{"A2", "A3"}); // both days count
    CHECK(flagged(d("2023-07-01"), d("2023-12-31")).empty());              // A3's ended that day
    CHECK(flagged(d("2022-01-01"), d("2022-12-31")).empty());
    CHECK(flagged(std::nullopt, std::nullopt) == Codes{"A2", "A3"}); // up to as_of
    CHECK(flagged(std::nullopt, d("2023-12-31")) == Codes{"A3"});
    db::OrgFilter f;
    f.flagged = "weak";
    f.flagged_from = d("2020-01-01");
    f.cluster = "C1";
    f.weak = true; // and weak today
    CHECK(codes(db::list_orgs(s.db, today, f)) == Codes{"A2"});
    std::vector<db::OrgNames> names;
    const auto orgs = db::list_orgs(s.db, today, f, names);
    REQUIRE(names.size() == orgs.size());
    CHECK(names[0].committee == "湖里街道两新组织党委");
    CHECK(names[0].cluster == "测试联建片");
}
