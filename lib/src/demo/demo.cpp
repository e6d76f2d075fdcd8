#include <hlpb/db/database.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/demo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>

#include "db/sql_access.hpp"

#include "demo/district.hpp"
#include "demo/members.hpp"
#include "demo/year.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>

namespace hlpb::demo {
namespace {

constexpr int k_max_scale = 1000;

constexpr const char* k_count_committees = "SELECT count(*) FROM committee";
constexpr const char* k_insert_committee =
    "INSERT INTO committee(code, name, kind) VALUES (?, ?, ?)";
constexpr const char* k_insert_cluster = R"sql(
INSERT INTO cluster(code, name, committee_id, principle, established, status, dissolved,
                    parent_id, instructor, instructor_phone, community, supervisor,
                    supervisor_dept)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql";
constexpr const char* k_insert_org = R"sql(
INSERT INTO org(code, name, host_name, host_uscc, type, form, committee_id, founded,
                investor_is_secretary, venue_m2, venue_standard)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql";
constexpr const char* k_insert_cluster_org =
    "INSERT INTO cluster_org(cluster_id, org_id, from_date, to_date) VALUES (?, ?, ?, ?)";
constexpr const char* k_insert_cluster_lead =
    "INSERT INTO cluster_lead(cluster_id, org_id, from_date, to_date) VALUES (?, ?, ?, ?)";
constexpr const char* k_insert_flag =
    "INSERT INTO org_flag(org_id, flag, from_date, to_date, note) VALUES (?, ?, ?, ?, ?)";
constexpr const char* k_insert_honor =
    "INSERT INTO org_honor(org_id, date, title, level) VALUES (?, ?, ?, ?)";

void bind_day(SQLite::Statement& st, int index, const std::optional<Day>& d) {
    if (d)
        st.bind(index, format_day(*d));
    else
        st.bind(index); // NULL
}

// Runs a bound insert, readies the statement for the next row and returns the new rowid.
std::int64_t insert(SQLite::Database& db, SQLite::Statement& st) {
    st.exec();
    st.reset();
    return db.getLastInsertRowid();
}

void write_terms(SQLite::Database& db, const char* sql, const District& d,
                 const std::vector<Term>& terms) {
    SQLite::Statement st(db, sql);
    for (const Term& t : terms) {
        st.bind(1, d.clusters[static_cast<std::size_t>(t.cluster)].id);
        st.bind(2, d.orgs[static_cast<std::size_t>(t.org)].id);
        bind_day(st, 3, t.from);
        bind_day(st, 4, t.to);
        insert(db, st);
    }
}

} // namespace

void write_district(SQLite::Database& db, District& d) {
    SQLite::Statement committee(db, k_insert_committee);
    for (PlannedCommittee& c : d.committees) {
        committee.bind(1, c.code);
        committee.bind(2, c.name);
        committee.bind(3, c.kind);
        c.id = insert(db, committee);
    }

    SQLite::Statement cluster(db, k_insert_cluster);
    for (PlannedCluster& c : d.clusters) {
        cluster.bind(1, c.code);
        cluster.bind(2, c.name);
        cluster.bind(3, d.committees[static_cast<std::size_t>(c.committee)].id);
        cluster.bind(4, c.principle);
        bind_day(cluster, 5, c.established);
        cluster.bind(6, c.dissolved ? "dissolved" : "active");
        bind_day(cluster, 7, c.dissolved);
        if (c.parent >= 0)
            cluster.bind(8, d.clusters[static_cast<std::size_t>(c.parent)].id);
        else
            cluster.bind(8);
        cluster.bind(9, c.instructor);
        cluster.bind(10, c.instructor_phone);
        cluster.bind(11, c.community);
        cluster.bind(12, c.supervisor);
        cluster.bind(13, c.supervisor_dept);
        c.id = insert(db, cluster);
    }

    SQLite::Statement org(db, k_insert_org);
    for (PlannedOrg& o : d.orgs) {
        org.bind(1, o.code);
        org.bind(2, o.name);
        org.bind(3, o.host_name);
        org.bind(4, o.host_uscc);
        org.bind(5, o.type);
        org.bind(6, o.form);
        org.bind(7, d.committees[static_cast<std::size_t>(o.committee)].id);
        bind_day(org, 8, o.founded);
        org.bind(9, o.investor_is_secretary ? 1 : 0);
        org.bind(10, o.venue_m2);
        org.bind(11, o.venue_standard ? 1 : 0);
        o.id = insert(db, org);
    }

    write_terms(db, k_insert_cluster_org, d, d.memberships);
    write_terms(db, k_insert_cluster_lead, d, d.leads);

    SQLite::Statement flag(db, k_insert_flag);
    for (const PlannedFlag& f : d.flags) {
        flag.bind(1, d.orgs[static_cast<std::size_t>(f.org)].id);
        flag.bind(2, f.flag);
        bind_day(flag, 3, f.from);
        bind_day(flag, 4, f.to);
        flag.bind(5, f.note);
        insert(db, flag);
    }

    SQLite::Statement honor(db, k_insert_honor);
    for (const PlannedHonor& h : d.honors) {
        honor.bind(1, d.orgs[static_cast<std::size_t>(h.org)].id);
        bind_day(honor, 2, h.date);
        honor.bind(3, h.title);
        honor.bind(4, h.level);
        insert(db, honor);
    }
}

// 641 / 0.43 and 6,337 / 0.33, rounded (the seed's figures and shares), per unit of scale.
constexpr long k_district_orgs = 1491;
constexpr long k_district_members = 19203;

Stats build(db::Database& db, const Options& options) {
    if (options.scale < 1 || options.scale > k_max_scale)
        throw InvalidInput("scale", trf("{} is not between 1 and {}", options.scale, k_max_scale));
    if (!options.as_of.ok())
        throw InvalidInput("as_of", tr("is not a valid date"));

    db::WriteTx tx(db);
    if (db::detail::sql(db).execAndGet(k_count_committees).getInt64() > 0)
        throw Conflict(
            tr("the database already holds committees; the demo district is built into an "
               "empty database only (use a new --db file)"));

    District district = plan_district(options.scale, to_day(options.as_of));
    write_district(db::detail::sql(db), district);
    // Later steps fill in what the District's orgs hold, in this same transaction: each
    // PlannedOrg has its id, code, committee and cluster_now, and the Terms give every org's
    // cluster on any day. Each step draws from its own random stream.
    const MemberCounts members = build_members(db::detail::sql(db), district);
    const YearCounts year = build_year(db::detail::sql(db), district);
    // The district's totals, for the shares of the report's first sentence: the seed's 641 orgs
    // are 43% of all the district's Party orgs and its 6,337 members 33% of all its members.
    db::set_setting(db, "district.total_orgs", std::to_string(k_district_orgs * options.scale));
    db::set_setting(db, "district.total_members",
                    std::to_string(k_district_members * options.scale));
    tx.commit();

    Stats stats;
    stats.committees = static_cast<long>(district.committees.size());
    stats.clusters = std::count_if(district.clusters.begin(), district.clusters.end(),
                                   [](const PlannedCluster& c) { return !c.dissolved; });
    stats.orgs = static_cast<long>(district.orgs.size());
    stats.members = members.current;
    stats.members_left = members.left;
    stats.first_month = year.first_month;
    stats.last_month = year.last_month;
    stats.activities = year.activities;
    stats.problems = year.problems;
    stats.score_entries = year.score_entries;
    stats.flags = year.flags;
    stats.closed_months = year.closed_months;
    return stats;
}

} // namespace hlpb::demo
