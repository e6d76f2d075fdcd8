// db::load_month: one month's state in a handful of set-based queries (none per org or cluster).
#include <hlpb/db/database.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/report/month_snapshot.hpp>

#include "db/field_history.hpp"
#include "db/sql_access.hpp"
#include "db/sql_util.hpp"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace hlpb::report {

const SnapshotCluster* MonthSnapshot::find_cluster(const std::string& code) const {
    auto it =
        std::lower_bound(clusters.begin(), clusters.end(), code,
                         [](const SnapshotCluster& k, const std::string& c) { return k.code < c; });
    return it != clusters.end() && it->code == code ? &*it : nullptr;
}

const SnapshotOrg* MonthSnapshot::find_org(const std::string& code) const {
    auto it =
        std::lower_bound(orgs.begin(), orgs.end(), code,
                         [](const SnapshotOrg& o, const std::string& c) { return o.code < c; });
    return it != orgs.end() && it->code == code ? &*it : nullptr;
}

const SnapshotCluster* MonthSnapshot::active_cluster_of(const SnapshotOrg& o) const {
    if (o.cluster.empty())
        return nullptr;
    const auto* k = find_cluster(o.cluster);
    return k != nullptr && k->active ? k : nullptr;
}

} // namespace hlpb::report

namespace hlpb::db {
namespace {

using detail::column_date;
using detail::column_date_required;

constexpr const char* k_committees = "SELECT code, name, kind FROM committee ORDER BY code";

// Clusters established by :d (the end of M), their dated fields as of :d.
constexpr const char* k_clusters = R"sql(
SELECT k.id, k.code, k.name, c.code, %principle%, k.established,
       CASE WHEN k.dissolved <= :d THEN k.dissolved END, coalesce(p.code, ''),
       %instructor%, %community%, %supervisor%
FROM cluster k
JOIN committee c ON c.id = k.committee_id
LEFT JOIN cluster p ON p.id = k.parent_id
WHERE k.established <= :d
ORDER BY k.code)sql";

// Orgs open at :d, their venue as of :d.
constexpr const char* k_orgs = R"sql(
SELECT o.id, o.code, o.name, o.type, c.code, %venue_m2%
FROM org o
JOIN committee c ON c.id = o.committee_id
WHERE (o.founded IS NULL OR o.founded <= :d) AND (o.closed IS NULL OR o.closed > :d)
ORDER BY o.code)sql";

constexpr const char* k_memberships = R"sql(
SELECT m.org_id, m.cluster_id FROM cluster_org m
WHERE m.from_date <= :d AND (m.to_date IS NULL OR m.to_date > :d))sql";

constexpr const char* k_leads = R"sql(
SELECT l.org_id, l.cluster_id, o.code FROM cluster_lead l JOIN org o ON o.id = l.org_id
WHERE l.from_date <= :d AND (l.to_date IS NULL OR l.to_date > :d))sql";

constexpr const char* k_flags = R"sql(
SELECT org_id, flag FROM org_flag
WHERE from_date <= :d AND (to_date IS NULL OR to_date > :d))sql";

// Members in each org at :d, one row each (counted here: an SQL GROUP BY on the member table
// walks it in org order through an index, twice as slow at 640,000 members): the current
// placement, or an earlier one that held :d. A member who transferred during M is counted once,
// in the org of the end of M. The second column: a secretary at :d (role_since >= org_since,
// so a current role that began by :d held it then).
constexpr const char* k_members = R"sql(
SELECT org_id, role = 'secretary' AND role_since <= :d FROM member NOT INDEXED
WHERE org_since <= :d AND (left_on IS NULL OR left_on > :d)
UNION ALL
SELECT org_id, 0 FROM member_org_history WHERE from_date <= :d AND to_date > :d)sql";

// Orgs with a secretary at :d by an earlier role (the current ones come with k_members).
constexpr const char* k_past_secretaries = R"sql(
SELECT DISTINCT org_id FROM member_role_history
WHERE role = 'secretary' AND from_date <= :d AND to_date > :d)sql";

constexpr const char* k_activities = R"sql(
SELECT a.id, a.date, a.kind, coalesce(k.code, ''), coalesce(c.code, ''), a.title, a.participants,
       a.problems_raised, a.problems_solved
FROM activity a
LEFT JOIN cluster k ON k.id = a.cluster_id
LEFT JOIN committee c ON c.id = a.committee_id
WHERE a.date >= :from AND a.date <= :d
ORDER BY a.date, a.id)sql";

constexpr const char* k_activity_clusters = R"sql(
SELECT ac.activity_id, k.code
FROM activity a
JOIN activity_cluster ac ON ac.activity_id = a.id
JOIN cluster k ON k.id = ac.cluster_id
WHERE a.date >= :from AND a.date <= :d
ORDER BY ac.activity_id, k.code)sql";

std::string dated(const char* sql, const char* entity, const char* alias,
                  std::initializer_list<std::pair<const char*, bool>> fields) {
    std::string out = sql;
    for (const auto& [field, integer] : fields) {
        const std::string slot = std::string("%") + field + "%";
        out.replace(out.find(slot), slot.size(), detail::value_at(entity, alias, field, integer));
    }
    return out;
}

} // namespace

report::SnapshotSettings load_snapshot_settings(Database& db) {
    report::SnapshotSettings s;
    s.secretary_monthly = setting_or(db, "subsidy.secretary_monthly", s.secretary_monthly);
    s.member_yearly = setting_or(db, "subsidy.member_yearly", s.member_yearly);
    s.total_orgs = get_setting(db, "district.total_orgs").value;
    s.total_members = get_setting(db, "district.total_members").value;
    return s;
}

report::MonthSnapshot load_month(Database& db, Month m, const Date& today, SnapshotDetail detail) {
    const bool full = detail == SnapshotDetail::full;
    report::MonthSnapshot s;
    s.month = m;
    s.first = first_day(m);
    s.last = last_day(m);
    s.complete = today > s.last;
    const std::string end = format_date(s.last);
    const std::string year_start = format_date(first_day(m.year() / std::chrono::January));

    {
        auto st = db.cached(k_committees);
        while (st->executeStep())
            s.committees.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(),
                                    st->getColumn(2).getString()});
    }

    std::unordered_map<std::int64_t, std::size_t> cluster_at; // cluster id → index
    {
        static const std::string sql = dated(k_clusters, "cluster", "k",
                                             {{"principle", false},
                                              {"instructor", false},
                                              {"community", false},
                                              {"supervisor", false}});
        SQLite::Statement st(detail::sql(db), sql);
        st.bind(":d", end);
        while (st.executeStep()) {
            report::SnapshotCluster k;
            k.code = st.getColumn(1).getString();
            k.name = st.getColumn(2).getString();
            k.committee = st.getColumn(3).getString();
            k.principle = st.getColumn(4).getString();
            k.established = column_date_required(st.getColumn(5));
            k.dissolved = column_date(st.getColumn(6));
            k.active = !k.dissolved;
            k.parent = st.getColumn(7).getString();
            k.instructor = st.getColumn(8).getString();
            k.community = st.getColumn(9).getString();
            k.supervisor = st.getColumn(10).getString();
            cluster_at.emplace(st.getColumn(0).getInt64(), s.clusters.size());
            s.clusters.push_back(std::move(k));
        }
    }

    std::unordered_map<std::int64_t, std::size_t> org_at; // org id → index
    {
        static const std::string sql = dated(k_orgs, "org", "o", {{"venue_m2", true}});
        SQLite::Statement st(detail::sql(db), sql);
        st.bind(":d", end);
        while (st.executeStep()) {
            report::SnapshotOrg o;
            o.code = st.getColumn(1).getString();
            if (full) {
                o.name = st.getColumn(2).getString();
                o.type = st.getColumn(3).getString();
            }
            o.committee = st.getColumn(4).getString();
            o.venue_m2 = st.getColumn(5).getInt64();
            org_at.emplace(st.getColumn(0).getInt64(), s.orgs.size());
            s.orgs.push_back(std::move(o));
        }
    }
    auto org_of = [&](std::int64_t id) -> report::SnapshotOrg* {
        auto it = org_at.find(id);
        return it == org_at.end() ? nullptr : &s.orgs[it->second];
    };
    auto cluster_of = [&](std::int64_t id) -> report::SnapshotCluster* {
        auto it = cluster_at.find(id);
        return it == cluster_at.end() ? nullptr : &s.clusters[it->second];
    };

    {
        auto st = db.cached(k_memberships);
        st->bind(":d", end);
        while (st->executeStep()) {
            auto* k = cluster_of(st->getColumn(1).getInt64());
            if (!k)
                continue;
            ++k->orgs;
            if (auto* o = org_of(st->getColumn(0).getInt64()))
                o->cluster = k->code;
        }
    }
    if (full) {
        auto st = db.cached(k_leads);
        st->bind(":d", end);
        while (st->executeStep()) {
            auto* k = cluster_of(st->getColumn(1).getInt64());
            if (!k)
                continue;
            k->lead = st->getColumn(2).getString();
            if (auto* o = org_of(st->getColumn(0).getInt64()))
                o->is_lead = o->cluster == k->code;
        }
    }
    if (full) {
        auto st = db.cached(k_flags);
        st->bind(":d", end);
        while (st->executeStep()) {
            auto* o = org_of(st->getColumn(0).getInt64());
            if (!o)
                continue;
            const std::string flag = st->getColumn(1).getString();
            if (flag == "weak")
                o->weak = true;
            else if (flag == "typical")
                o->typical = true;
            else if (flag == "training_base")
                o->training_base = true;
        }
    }
    {
        auto st = db.cached(k_members);
        st->bind(":d", end);
        while (st->executeStep())
            if (auto* o = org_of(st->getColumn(0).getInt64())) {
                ++o->members;
                if (st->getColumn(1).getInt() != 0)
                    o->has_secretary = true;
            }
    }
    {
        auto st = db.cached(k_past_secretaries);
        st->bind(":d", end);
        while (st->executeStep())
            if (auto* o = org_of(st->getColumn(0).getInt64()))
                o->has_secretary = true;
    }

    s.settings = load_snapshot_settings(db);
    if (!full)
        return s;

    std::unordered_map<std::int64_t, std::size_t> activity_at;
    {
        auto st = db.cached(k_activities);
        st->bind(":from", year_start);
        st->bind(":d", end);
        while (st->executeStep()) {
            Activity a;
            a.id = st->getColumn(0).getInt64();
            a.date = column_date_required(st->getColumn(1));
            a.kind = st->getColumn(2).getString();
            a.cluster = st->getColumn(3).getString();
            a.committee = st->getColumn(4).getString();
            a.title = st->getColumn(5).getString();
            a.participants = st->getColumn(6).getInt64();
            a.problems_raised = st->getColumn(7).getInt64();
            a.problems_solved = st->getColumn(8).getInt64();
            activity_at.emplace(a.id, s.activities.size());
            s.activities.push_back(std::move(a));
        }
    }
    {
        auto st = db.cached(k_activity_clusters);
        st->bind(":from", year_start);
        st->bind(":d", end);
        while (st->executeStep()) {
            auto it = activity_at.find(st->getColumn(0).getInt64());
            if (it != activity_at.end())
                s.activities[it->second].clusters.push_back(st->getColumn(1).getString());
        }
    }
    for (auto& a : s.activities)
        if (!a.cluster.empty() &&
            std::find(a.clusters.begin(), a.clusters.end(), a.cluster) == a.clusters.end()) {
            a.clusters.push_back(a.cluster);
            std::sort(a.clusters.begin(), a.clusters.end());
        }
    return s;
}

} // namespace hlpb::db
