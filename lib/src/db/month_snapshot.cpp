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
#include <vector>

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

constexpr const char* k_committees = "SELECT id, code, name, kind FROM committee ORDER BY code";

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

// Orgs open at :d, in the table's order (load_month sorts them by code: walking the code index
// and the table in turn, with a venue subquery per org, cost five times as much at 64,100 orgs).
constexpr const char* k_orgs = R"sql(
SELECT id, code, name, type, committee_id, venue_m2
FROM org
WHERE (founded IS NULL OR founded <= :d) AND (closed IS NULL OR closed > :d))sql";

// The venues of the field history that held on :d: they replace the current one (the first by
// to_date, as value_at's subquery reads them).
constexpr const char* k_org_venues = R"sql(
SELECT entity_id, CAST(value AS INTEGER) FROM field_history
WHERE entity = 'org' AND field = 'venue_m2' AND to_date > :d
  AND (from_date IS NULL OR from_date <= :d)
ORDER BY entity_id, to_date)sql";

constexpr const char* k_memberships = R"sql(
SELECT m.org_id, m.cluster_id FROM cluster_org m
WHERE m.from_date <= :d AND (m.to_date IS NULL OR m.to_date > :d))sql";

constexpr const char* k_leads = R"sql(
SELECT l.org_id, l.cluster_id, o.code FROM cluster_lead l JOIN org o ON o.id = l.org_id
WHERE l.from_date <= :d AND (l.to_date IS NULL OR l.to_date > :d))sql";

constexpr const char* k_flags = R"sql(
SELECT org_id, flag FROM org_flag
WHERE from_date <= :d AND (to_date IS NULL OR to_date > :d))sql";

// Members in each org at :d (the end of M) and at :p (the end of an earlier month, or :d again),
// one row each, in one pass over the member table for both days (counted here: an SQL GROUP BY
// on the member table walks it in org order through an index, twice as slow at 640,000
// members): the current placement, or an earlier one that held the day. A member who
// transferred during a month is counted once, in the org of its end. The second column holds
// four bits: 1 in the org at :d, 2 its secretary at :d, 4 in the org at :p, 8 its secretary at
// :p (role_since >= org_since, so a current role that began by the day held it then). :p <= :d,
// so the WHERE keeps every row that holds either day. The CASE settles the common rows (not a
// secretary, not left) with two column reads: the bits of every row written as one sum cost
// twice as much at 640,000 members (SQLite evaluates both sides of every AND and OR there).
constexpr const char* k_members = R"sql(
SELECT org_id,
       CASE WHEN role = 'secretary' THEN
              (left_on IS NULL OR left_on > :d)
              + 2 * ((left_on IS NULL OR left_on > :d) AND role_since <= :d)
              + 4 * (org_since <= :p)
              + 8 * (org_since <= :p AND role_since <= :p)
            WHEN left_on IS NULL THEN CASE WHEN org_since <= :p THEN 5 ELSE 1 END
            ELSE (left_on > :d) + 4 * (org_since <= :p) END
FROM member NOT INDEXED
WHERE org_since <= :d AND (left_on IS NULL OR left_on > :p)
UNION ALL
SELECT org_id, (to_date > :d) + 4 * (from_date <= :p) FROM member_org_history
WHERE from_date <= :d AND to_date > :p)sql";

// Orgs with a secretary by an earlier role (the current ones come with k_members): bit 1 at
// :d, bit 4 at :p, as in k_members.
constexpr const char* k_past_secretaries = R"sql(
SELECT org_id, 2 * (to_date > :d) + 8 * (from_date <= :p) FROM member_role_history
WHERE role = 'secretary' AND from_date <= :d AND to_date > :p)sql";

// The year's activities to the end of M, read in the index's order (by date) without joins:
// codes come from the ids, and load_month sorts them by (date, id). Walking activity_date in
// (date, id) order with the cluster and committee joined was most of the snapshot's cost.
constexpr const char* k_activities = R"sql(
SELECT id, date, kind, cluster_id, committee_id, title, participants, problems_raised,
       problems_solved
FROM activity
WHERE date >= :from AND date <= :d)sql";

// The clusters a review names, read from the (small) link table first.
constexpr const char* k_activity_clusters = R"sql(
SELECT ac.activity_id, ac.cluster_id
FROM activity_cluster ac CROSS JOIN activity a ON a.id = ac.activity_id
WHERE a.date >= :from AND a.date <= :d)sql";

constexpr const char* k_cluster_codes = "SELECT id, code FROM cluster";
constexpr const char* k_committee_codes = "SELECT id, code FROM committee";

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

namespace {

// The positions 0..n-1 in the order `less` gives them: sorting 4-byte positions and moving each
// element once afterwards is much cheaper than sorting large elements (orgs, activities).
template <typename Less> std::vector<std::uint32_t> sorted_positions(std::size_t n, Less less) {
    std::vector<std::uint32_t> order(n);
    for (std::size_t i = 0; i < n; ++i)
        order[i] = static_cast<std::uint32_t>(i);
    std::sort(order.begin(), order.end(), less);
    return order;
}

// A snapshot being loaded, with its orgs by id: row ids are small and dense, so a table indexed
// by the id (a member row looks its org up twice: a hash lookup each was 2.7 % of the monthly
// report's time at scale 100); a hash map when the ids are spread too thin for a table.
struct Loading {
    report::MonthSnapshot s;
    std::vector<std::uint32_t> org_by_id;                 // id → index in s.orgs + 1 (0: none)
    std::unordered_map<std::int64_t, std::size_t> org_at; // id → index, when not org_by_id

    void index_org(std::int64_t id, std::size_t at) {
        if (!org_by_id.empty())
            org_by_id[static_cast<std::size_t>(id)] = static_cast<std::uint32_t>(at + 1);
        else
            org_at.emplace(id, at);
    }
    report::SnapshotOrg* org(std::int64_t id) {
        if (!org_by_id.empty()) {
            if (id < 0 || static_cast<std::uint64_t>(id) >= org_by_id.size())
                return nullptr;
            const std::uint32_t at = org_by_id[static_cast<std::size_t>(id)];
            return at == 0 ? nullptr : &s.orgs[at - 1];
        }
        auto it = org_at.find(id);
        return it == org_at.end() ? nullptr : &s.orgs[it->second];
    }
};

// Everything but the members, the settings and the activities, on `day` (s.last).
Loading load_structure_on(Database& db, const Date& day, bool full) {
    Loading l;
    report::MonthSnapshot& s = l.s;
    s.last = day;
    const std::string end = format_date(s.last);

    std::unordered_map<std::int64_t, std::string> committee_code; // committee id → code
    {
        auto st = db.cached(k_committees);
        while (st->executeStep()) {
            committee_code.emplace(st->getColumn(0).getInt64(), st->getColumn(1).getString());
            s.committees.push_back({st->getColumn(1).getString(), st->getColumn(2).getString(),
                                    st->getColumn(3).getString()});
        }
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

    {
        std::unordered_map<std::int64_t, long long> venue_then;
        auto venues = db.cached(k_org_venues);
        venues->bind(":d", end);
        while (venues->executeStep())
            venue_then.try_emplace(venues->getColumn(0).getInt64(),
                                   venues->getColumn(1).getInt64());
        std::vector<std::pair<report::SnapshotOrg, std::int64_t>> read; // with the org's id
        auto st = db.cached(k_orgs);
        st->bind(":d", end);
        while (st->executeStep()) {
            report::SnapshotOrg o;
            const std::int64_t id = st->getColumn(0).getInt64();
            o.code = st->getColumn(1).getString();
            if (full) {
                o.name = st->getColumn(2).getString();
                o.type = st->getColumn(3).getString();
            }
            if (auto c = committee_code.find(st->getColumn(4).getInt64());
                c != committee_code.end())
                o.committee = c->second;
            auto v = venue_then.find(id);
            o.venue_m2 = v != venue_then.end() ? v->second : st->getColumn(5).getInt64();
            read.emplace_back(std::move(o), id);
        }
        // Positions sorted by code, then each org moved once: sorting the orgs themselves moved
        // each of them many times (9 % of the monthly report's instructions at scale 100).
        const std::vector<std::uint32_t> order =
            sorted_positions(read.size(), [&](std::uint32_t a, std::uint32_t b) {
                return read[a].first.code < read[b].first.code;
            });
        s.orgs.reserve(read.size());
        std::int64_t min_id = 0, max_id = 0;
        for (const auto& [o, id] : read) {
            min_id = std::min(min_id, id);
            max_id = std::max(max_id, id);
        }
        if (min_id >= 0 && max_id < 4 * static_cast<std::int64_t>(read.size()) + 4096)
            l.org_by_id.assign(static_cast<std::size_t>(max_id) + 1, 0);
        else
            l.org_at.reserve(read.size());
        for (const std::uint32_t i : order) {
            l.index_org(read[i].second, s.orgs.size());
            s.orgs.push_back(std::move(read[i].first));
        }
    }
    auto org_of = [&](std::int64_t id) { return l.org(id); };
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
    return l;
}

// The same at the end of month `m`.
Loading load_structure(Database& db, Month m, const Date& today, bool full) {
    Loading l = load_structure_on(db, last_day(m), full);
    l.s.month = m;
    l.s.first = first_day(m);
    l.s.complete = today > l.s.last;
    return l;
}

// Counts the members and secretaries of `at` and, in the same pass, of `before` (a month before
// it) when given.
void count_members(Database& db, Loading& at, Loading* before) {
    auto st_members = db.cached(k_members);
    auto st_secretaries = db.cached(k_past_secretaries);
    for (auto* st : {&st_members, &st_secretaries}) {
        (*st)->bind(":d", format_date(at.s.last));
        (*st)->bind(":p", format_date(before ? before->s.last : at.s.last));
        while ((*st)->executeStep()) {
            const std::int64_t id = (*st)->getColumn(0).getInt64();
            const int bits = (*st)->getColumn(1).getInt();
            auto count = [&](Loading& l, int in, int secretary) {
                if (!(bits & (in | secretary)))
                    return;
                if (auto* o = l.org(id)) {
                    if (bits & in)
                        ++o->members;
                    if (bits & secretary)
                        o->has_secretary = true;
                }
            };
            count(at, 1, 2);
            if (before)
                count(*before, 4, 8);
        }
    }
}

// The year's activities to the end of M.
void load_activities(Database& db, report::MonthSnapshot& s) {
    const std::string end = format_date(s.last);
    const std::string year_start = format_date(first_day(s.month.year() / std::chrono::January));
    std::unordered_map<std::int64_t, std::string> cluster_code, committee_code; // of every one
    for (auto [sql, codes] : {std::pair{k_cluster_codes, &cluster_code},
                              std::pair{k_committee_codes, &committee_code}}) {
        auto st = db.cached(sql);
        while (st->executeStep())
            codes->emplace(st->getColumn(0).getInt64(), st->getColumn(1).getString());
    }
    auto code_of = [](const std::unordered_map<std::int64_t, std::string>& codes,
                      const SQLite::Column& id) {
        if (id.isNull())
            return std::string();
        auto it = codes.find(id.getInt64());
        return it == codes.end() ? std::string() : it->second;
    };
    {
        auto st = db.cached(k_activities);
        st->bind(":from", year_start);
        st->bind(":d", end);
        while (st->executeStep()) {
            Activity a;
            a.id = st->getColumn(0).getInt64();
            a.date = column_date_required(st->getColumn(1));
            a.kind = st->getColumn(2).getString();
            a.cluster = code_of(cluster_code, st->getColumn(3));
            a.committee = code_of(committee_code, st->getColumn(4));
            a.title = st->getColumn(5).getString();
            a.participants = st->getColumn(6).getInt64();
            a.problems_raised = st->getColumn(7).getInt64();
            a.problems_solved = st->getColumn(8).getInt64();
            s.activities.push_back(std::move(a));
        }
    }
    {
        // By (date, id): positions sorted, then each activity moved once.
        std::vector<Activity> read = std::move(s.activities);
        const std::vector<std::uint32_t> order =
            sorted_positions(read.size(), [&](std::uint32_t a, std::uint32_t b) {
                const Activity& x = read[a];
                const Activity& y = read[b];
                return x.date != y.date ? x.date < y.date : x.id < y.id;
            });
        s.activities.clear();
        s.activities.reserve(read.size());
        for (const std::uint32_t i : order)
            s.activities.push_back(std::move(read[i]));
    }
    {
        // The few linked activities, found in one pass (the list is by date, then id).
        std::vector<std::pair<std::int64_t, std::string>> links; // activity id, cluster code
        auto st = db.cached(k_activity_clusters);
        st->bind(":from", year_start);
        st->bind(":d", end);
        while (st->executeStep())
            if (auto it = cluster_code.find(st->getColumn(1).getInt64()); it != cluster_code.end())
                links.emplace_back(st->getColumn(0).getInt64(), it->second);
        std::unordered_map<std::int64_t, Activity*> by_id;
        for (const auto& l : links)
            by_id.emplace(l.first, nullptr);
        if (!by_id.empty())
            for (auto& a : s.activities)
                if (auto it = by_id.find(a.id); it != by_id.end())
                    it->second = &a;
        for (auto& [id, code] : links)
            if (Activity* a = by_id[id])
                a->clusters.push_back(std::move(code));
    }
    for (auto& a : s.activities)
        if (!a.cluster.empty() &&
            std::find(a.clusters.begin(), a.clusters.end(), a.cluster) == a.clusters.end())
            a.clusters.push_back(a.cluster);
    for (auto& a : s.activities)
        std::sort(a.clusters.begin(), a.clusters.end());
}

} // namespace

report::MonthSnapshot load_month(Database& db, Month m, const Date& today, SnapshotDetail detail) {
    const bool full = detail == SnapshotDetail::full;
    Loading l = load_structure(db, m, today, full);
    count_members(db, l, nullptr);
    l.s.settings = load_snapshot_settings(db);
    if (full)
        load_activities(db, l.s);
    return std::move(l.s);
}

report::MonthSnapshot load_day(Database& db, const Date& day) {
    Loading l = load_structure_on(db, day, true);
    l.s.month = month_of(day);
    l.s.first = day;
    l.s.complete = true;
    count_members(db, l, nullptr);
    l.s.settings = load_snapshot_settings(db);
    return std::move(l.s);
}

MonthAndBefore load_month_and_before(Database& db, Month m, const Date& today) {
    Loading at = load_structure(db, m, today, true);
    Loading before = load_structure(db, previous_month(m), today, false);
    count_members(db, at, &before);
    at.s.settings = load_snapshot_settings(db);
    before.s.settings = at.s.settings;
    load_activities(db, at.s);
    return {std::move(at.s), std::move(before.s)};
}

} // namespace hlpb::db
