// db::YearSnapshots: the rows of a year read once (set-based), and each month's snapshot made
// from them with the definitions of db::load_month (lib/src/db/month_snapshot.cpp): "at the end of
// M" is M's last day, intervals are half-open, a dated field's value at a day is the earlier
// value whose interval holds it, else the current one (db/field_history.hpp).
#include <hlpb/db/annual_repo.hpp>
#include <hlpb/db/database.hpp>

#include "db/sql_util.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace hlpb::db {
namespace {

using detail::column_date;
using detail::column_date_required;

// :lo is the first month-end of the year (January's last day), :hi the last one asked for: a row
// matters when it holds some day of [lo, hi].
constexpr const char* k_committees = "SELECT code, name, kind FROM committee ORDER BY code";

constexpr const char* k_clusters = R"sql(
SELECT k.id, k.code, k.name, c.code, k.established, k.dissolved, coalesce(p.code, ''),
       k.principle, k.instructor, k.community, k.supervisor
FROM cluster k
JOIN committee c ON c.id = k.committee_id
LEFT JOIN cluster p ON p.id = k.parent_id
WHERE k.established <= :hi
ORDER BY k.code)sql";

constexpr const char* k_orgs = R"sql(
SELECT o.id, o.code, o.name, o.type, c.code, o.founded, o.closed, o.venue_m2
FROM org o
JOIN committee c ON c.id = o.committee_id
WHERE (o.founded IS NULL OR o.founded <= :hi) AND (o.closed IS NULL OR o.closed > :lo)
ORDER BY o.code)sql";

// The earlier values of the dated fields a snapshot reads.
constexpr const char* k_field_history = R"sql(
SELECT entity, entity_id, field, value, from_date, to_date FROM field_history
WHERE ((entity = 'cluster' AND field IN ('principle', 'instructor', 'community', 'supervisor'))
       OR (entity = 'org' AND field = 'venue_m2'))
  AND to_date > :lo AND (from_date IS NULL OR from_date <= :hi)
ORDER BY id)sql";

constexpr const char* k_memberships = R"sql(
SELECT org_id, cluster_id, from_date, to_date FROM cluster_org
WHERE from_date <= :hi AND (to_date IS NULL OR to_date > :lo))sql";

constexpr const char* k_leads = R"sql(
SELECT l.org_id, l.cluster_id, o.code, l.from_date, l.to_date
FROM cluster_lead l JOIN org o ON o.id = l.org_id
WHERE l.from_date <= :hi AND (l.to_date IS NULL OR l.to_date > :lo))sql";

constexpr const char* k_flags = R"sql(
SELECT org_id, flag, from_date, to_date FROM org_flag
WHERE from_date <= :hi AND (to_date IS NULL OR to_date > :lo))sql";

// Placements of members (the current one and earlier ones) that hold some month-end; the fourth
// column says the current role is secretary, the fifth since when.
constexpr const char* k_members = R"sql(
SELECT org_id, org_since, left_on, role = 'secretary', role_since FROM member NOT INDEXED
WHERE org_since <= :hi AND (left_on IS NULL OR left_on > :lo)
UNION ALL
SELECT org_id, from_date, to_date, 0, NULL FROM member_org_history
WHERE from_date <= :hi AND to_date > :lo)sql";

constexpr const char* k_past_secretaries = R"sql(
SELECT org_id, from_date, to_date FROM member_role_history
WHERE role = 'secretary' AND from_date <= :hi AND to_date > :lo)sql";

constexpr const char* k_activities = R"sql(
SELECT a.id, a.date, a.kind, coalesce(k.code, ''), coalesce(c.code, ''), a.title, a.participants,
       a.problems_raised, a.problems_solved
FROM activity a
LEFT JOIN cluster k ON k.id = a.cluster_id
LEFT JOIN committee c ON c.id = a.committee_id
WHERE a.date >= :from AND a.date <= :hi
ORDER BY a.date, a.id)sql";

constexpr const char* k_activity_clusters = R"sql(
SELECT ac.activity_id, k.code
FROM activity a
JOIN activity_cluster ac ON ac.activity_id = a.id
JOIN cluster k ON k.id = ac.cluster_id
WHERE a.date >= :from AND a.date <= :hi
ORDER BY ac.activity_id, k.code)sql";

constexpr const char* k_closed_months =
    "SELECT month FROM score_month WHERE month >= ? AND month <= ? ORDER BY month";
constexpr const char* k_year_awards = R"sql(
SELECT f.month, k.code, o.code, f.points, f.decided_by FROM flag_award f
JOIN cluster k ON k.id = f.cluster_id JOIN org o ON o.id = f.org_id
WHERE f.month >= ? AND f.month <= ?
ORDER BY f.month, k.code)sql";

constexpr int k_max_months = 12;

// A half-open interval [from, to) of days as YYYY-MM-DD text (compared as text, as SQL does).
struct TextSpan {
    std::string from; // empty: unbounded (a dated field's first value)
    std::string to;   // empty: open
    bool holds(const std::string& d) const {
        return (from.empty() || from <= d) && (to.empty() || to > d);
    }
};

std::string text_of(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

// The earlier values of one dated field of one row.
struct Earlier {
    std::string value;
    TextSpan span;
};
using EarlierValues = std::vector<Earlier>;

const std::string& value_at(const EarlierValues* earlier, const std::string& current,
                            const std::string& d) {
    if (earlier)
        for (const auto& e : *earlier)
            if (e.span.holds(d))
                return e.value;
    return current;
}

} // namespace

struct YearSnapshots::Rows {
    Month first{};
    int months = 0;                             // January..last
    std::array<std::string, k_max_months> ends; // each month's last day, as text
    Date today{};

    std::vector<report::SnapshotCommittee> committees;
    report::SnapshotSettings settings;

    struct Cluster {
        std::int64_t id = 0;
        report::SnapshotCluster row; // current values; dated ones overwritten per month
        std::string established, dissolved;
        // Earlier values of principle, instructor, community, supervisor.
        std::array<EarlierValues, 4> earlier;
    };
    std::vector<Cluster> clusters; // by code
    std::unordered_map<std::int64_t, std::size_t> cluster_at;

    struct Org {
        std::int64_t id = 0;
        report::SnapshotOrg row;
        std::string founded, closed;
        EarlierValues earlier_venue;
        std::array<std::int32_t, k_max_months> members{};
        std::uint32_t secretary = 0; // bit i: a secretary at the end of month i
    };
    std::vector<Org> orgs; // by code
    std::unordered_map<std::int64_t, std::size_t> org_at;

    // Rows below refer to clusters and orgs by their position in `clusters` and `orgs` (-1: an
    // org outside them, closed before the year's first month-end or founded after the last).
    struct Link { // a membership or a lead term
        std::int64_t org = -1;
        std::int64_t cluster = -1;
        std::string org_code; // leads
        TextSpan span;
    };
    std::vector<Link> memberships, leads;

    struct Flag {
        std::int64_t org = -1;
        std::string flag;
        TextSpan span;
    };
    std::vector<Flag> flags;

    std::vector<Activity> activities; // by (date, id)

    // Bits of the month-ends that [from, to) holds (a null `to`: open).
    std::uint32_t months_held(const char* from, const char* to) const {
        std::uint32_t bits = 0;
        for (int i = 0; i < months; ++i)
            if (std::strcmp(from, ends[i].c_str()) <= 0 &&
                (to == nullptr || std::strcmp(to, ends[i].c_str()) > 0))
                bits |= 1u << i;
        return bits;
    }
};

YearSnapshots::YearSnapshots(Database& db, Month last, const Date& today)
    : m_rows(std::make_unique<Rows>()) {
    Rows& r = *m_rows;
    r.first = last.year() / std::chrono::January;
    r.months = static_cast<int>(static_cast<unsigned>(last.month()));
    r.today = today;
    for (int i = 0; i < r.months; ++i)
        r.ends[i] = format_date(last_day(r.first + std::chrono::months{i}));
    const std::string& lo = r.ends[0];
    const std::string& hi = r.ends[r.months - 1];
    const std::string year_start = format_date(first_day(r.first));

    {
        auto st = db.cached(k_committees);
        while (st->executeStep())
            r.committees.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(),
                                    st->getColumn(2).getString()});
    }
    {
        auto st = db.cached(k_clusters);
        st->bind(":hi", hi);
        while (st->executeStep()) {
            Rows::Cluster k;
            k.id = st->getColumn(0).getInt64();
            k.row.code = st->getColumn(1).getString();
            k.row.name = st->getColumn(2).getString();
            k.row.committee = st->getColumn(3).getString();
            k.established = st->getColumn(4).getString();
            k.row.established = column_date_required(st->getColumn(4));
            k.dissolved = text_of(st->getColumn(5));
            k.row.parent = st->getColumn(6).getString();
            k.row.principle = st->getColumn(7).getString();
            k.row.instructor = st->getColumn(8).getString();
            k.row.community = st->getColumn(9).getString();
            k.row.supervisor = st->getColumn(10).getString();
            r.cluster_at.emplace(k.id, r.clusters.size());
            r.clusters.push_back(std::move(k));
        }
    }
    {
        auto st = db.cached(k_orgs);
        st->bind(":lo", lo);
        st->bind(":hi", hi);
        while (st->executeStep()) {
            Rows::Org o;
            o.id = st->getColumn(0).getInt64();
            o.row.code = st->getColumn(1).getString();
            o.row.name = st->getColumn(2).getString();
            o.row.type = st->getColumn(3).getString();
            o.row.committee = st->getColumn(4).getString();
            o.founded = text_of(st->getColumn(5));
            o.closed = text_of(st->getColumn(6));
            o.row.venue_m2 = st->getColumn(7).getInt64();
            r.org_at.emplace(o.id, r.orgs.size());
            r.orgs.push_back(std::move(o));
        }
    }
    {
        auto st = db.cached(k_field_history);
        st->bind(":lo", lo);
        st->bind(":hi", hi);
        constexpr std::string_view k_cluster_fields[] = {"principle", "instructor", "community",
                                                         "supervisor"};
        while (st->executeStep()) {
            const std::string entity = st->getColumn(0).getString();
            const std::int64_t id = st->getColumn(1).getInt64();
            const std::string field = st->getColumn(2).getString();
            Earlier e{st->getColumn(3).getString(),
                      {text_of(st->getColumn(4)), st->getColumn(5).getString()}};
            if (entity == "cluster") {
                auto it = r.cluster_at.find(id);
                if (it == r.cluster_at.end())
                    continue;
                for (std::size_t f = 0; f < 4; ++f)
                    if (field == k_cluster_fields[f])
                        r.clusters[it->second].earlier[f].push_back(std::move(e));
            } else if (auto it = r.org_at.find(id); it != r.org_at.end()) {
                r.orgs[it->second].earlier_venue.push_back(std::move(e));
            }
        }
    }
    auto links = [&](const char* sql, std::vector<Rows::Link>& out, bool with_code) {
        auto st = db.cached(sql);
        st->bind(":lo", lo);
        st->bind(":hi", hi);
        while (st->executeStep()) {
            auto k = r.cluster_at.find(st->getColumn(1).getInt64());
            if (k == r.cluster_at.end())
                continue; // established after the last month-end
            Rows::Link l;
            auto o = r.org_at.find(st->getColumn(0).getInt64());
            l.org = o == r.org_at.end() ? -1 : static_cast<std::int64_t>(o->second);
            l.cluster = static_cast<std::int64_t>(k->second);
            int c = 2;
            if (with_code)
                l.org_code = st->getColumn(c++).getString();
            l.span.from = st->getColumn(c).getString();
            l.span.to = text_of(st->getColumn(c + 1));
            out.push_back(std::move(l));
        }
    };
    links(k_memberships, r.memberships, false);
    links(k_leads, r.leads, true);
    {
        auto st = db.cached(k_flags);
        st->bind(":lo", lo);
        st->bind(":hi", hi);
        while (st->executeStep()) {
            auto o = r.org_at.find(st->getColumn(0).getInt64());
            if (o != r.org_at.end())
                r.flags.push_back({static_cast<std::int64_t>(o->second),
                                   st->getColumn(1).getString(),
                                   {st->getColumn(2).getString(), text_of(st->getColumn(3))}});
        }
    }
    // Members and secretaries: counted per org and month-end here, in one pass over the rows.
    auto org_row = [&](std::int64_t id) -> Rows::Org* {
        auto it = r.org_at.find(id);
        return it == r.org_at.end() ? nullptr : &r.orgs[it->second];
    };
    {
        auto st = db.cached(k_members);
        st->bind(":lo", lo);
        st->bind(":hi", hi);
        Rows::Org* o = nullptr;
        std::int64_t last_id = -1;
        while (st->executeStep()) {
            const std::int64_t id = st->getColumn(0).getInt64();
            if (id != last_id) {
                o = org_row(id);
                last_id = id;
            }
            if (!o)
                continue;
            const auto left = st->getColumn(2);
            const std::uint32_t held =
                r.months_held(st->getColumn(1).getText(), left.isNull() ? nullptr : left.getText());
            for (int i = 0; i < r.months; ++i)
                if (held & (1u << i))
                    ++o->members[i];
            if (st->getColumn(3).getInt() != 0 && !st->getColumn(4).isNull())
                o->secretary |= held & r.months_held(st->getColumn(4).getText(), nullptr);
        }
    }
    {
        auto st = db.cached(k_past_secretaries);
        st->bind(":lo", lo);
        st->bind(":hi", hi);
        while (st->executeStep())
            if (auto* o = org_row(st->getColumn(0).getInt64()))
                o->secretary |=
                    r.months_held(st->getColumn(1).getText(), st->getColumn(2).getText());
    }
    r.settings = load_snapshot_settings(db);

    std::unordered_map<std::int64_t, std::size_t> activity_at;
    {
        auto st = db.cached(k_activities);
        st->bind(":from", year_start);
        st->bind(":hi", hi);
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
            activity_at.emplace(a.id, r.activities.size());
            r.activities.push_back(std::move(a));
        }
    }
    {
        auto st = db.cached(k_activity_clusters);
        st->bind(":from", year_start);
        st->bind(":hi", hi);
        while (st->executeStep()) {
            auto it = activity_at.find(st->getColumn(0).getInt64());
            if (it != activity_at.end())
                r.activities[it->second].clusters.push_back(st->getColumn(1).getString());
        }
    }
    for (auto& a : r.activities)
        if (!a.cluster.empty() &&
            std::find(a.clusters.begin(), a.clusters.end(), a.cluster) == a.clusters.end()) {
            a.clusters.push_back(a.cluster);
            std::sort(a.clusters.begin(), a.clusters.end());
        }
}

YearSnapshots::~YearSnapshots() = default;

const report::MonthSnapshot& YearSnapshots::month(Month m) {
    const Rows& r = *m_rows;
    const int i = (m - r.first).count();
    const std::string& end = r.ends.at(static_cast<std::size_t>(i));
    report::MonthSnapshot& s = m_snapshot;
    s.month = m;
    s.first = first_day(m);
    s.last = last_day(m);
    s.complete = r.today > s.last;
    s.committees = r.committees;
    s.settings = r.settings;

    s.clusters.clear();
    std::vector<std::int64_t> cluster_pos(r.clusters.size(), -1); // row → position in s
    for (std::size_t row = 0; row < r.clusters.size(); ++row) {
        const auto& k = r.clusters[row];
        if (k.established > end)
            continue;
        report::SnapshotCluster c = k.row;
        if (!k.dissolved.empty() && k.dissolved <= end)
            c.dissolved = parse_date(k.dissolved);
        c.active = !c.dissolved;
        c.principle = value_at(&k.earlier[0], k.row.principle, end);
        c.instructor = value_at(&k.earlier[1], k.row.instructor, end);
        c.community = value_at(&k.earlier[2], k.row.community, end);
        c.supervisor = value_at(&k.earlier[3], k.row.supervisor, end);
        cluster_pos[row] = static_cast<std::int64_t>(s.clusters.size());
        s.clusters.push_back(std::move(c));
    }

    s.orgs.clear();
    std::vector<std::int64_t> org_pos(r.orgs.size(), -1);
    for (std::size_t row = 0; row < r.orgs.size(); ++row) {
        const auto& o = r.orgs[row];
        if ((!o.founded.empty() && o.founded > end) || (!o.closed.empty() && o.closed <= end))
            continue;
        report::SnapshotOrg x = o.row;
        if (!o.earlier_venue.empty()) {
            const std::string current = std::to_string(o.row.venue_m2);
            const std::string& v = value_at(&o.earlier_venue, current, end);
            if (&v != &current)
                x.venue_m2 = std::atoll(v.c_str()); // CAST(value AS INTEGER)
        }
        x.members = o.members[static_cast<std::size_t>(i)];
        x.has_secretary = (o.secretary & (1u << i)) != 0;
        org_pos[row] = static_cast<std::int64_t>(s.orgs.size());
        s.orgs.push_back(std::move(x));
    }

    auto org_in = [&](std::int64_t row) -> report::SnapshotOrg* {
        if (row < 0 || org_pos[static_cast<std::size_t>(row)] < 0)
            return nullptr;
        return &s.orgs[static_cast<std::size_t>(org_pos[static_cast<std::size_t>(row)])];
    };
    for (const auto& l : r.memberships) {
        if (!l.span.holds(end))
            continue;
        const std::int64_t k = cluster_pos[static_cast<std::size_t>(l.cluster)];
        if (k < 0)
            continue;
        auto& c = s.clusters[static_cast<std::size_t>(k)];
        ++c.orgs;
        if (auto* o = org_in(l.org))
            o->cluster = c.code;
    }
    for (const auto& l : r.leads) {
        if (!l.span.holds(end))
            continue;
        const std::int64_t k = cluster_pos[static_cast<std::size_t>(l.cluster)];
        if (k < 0)
            continue;
        auto& c = s.clusters[static_cast<std::size_t>(k)];
        c.lead = l.org_code;
        if (auto* o = org_in(l.org))
            o->is_lead = o->cluster == c.code;
    }
    for (const auto& f : r.flags) {
        if (!f.span.holds(end))
            continue;
        auto* o = org_in(f.org);
        if (!o)
            continue;
        auto& x = *o;
        if (f.flag == "weak")
            x.weak = true;
        else if (f.flag == "typical")
            x.typical = true;
        else if (f.flag == "training_base")
            x.training_base = true;
    }

    // The activities from January 1 to the end of m: those before are there already.
    if (m_activities > r.activities.size() ||
        (m_activities > 0 && r.activities[m_activities - 1].date > s.last)) {
        s.activities.clear(); // asked out of order: start again
        m_activities = 0;
    }
    while (m_activities < r.activities.size() && r.activities[m_activities].date <= s.last)
        s.activities.push_back(r.activities[m_activities++]);
    return s;
}

YearAwards year_awards(Database& db, int year) {
    YearAwards out;
    const std::chrono::year y{year};
    const std::string from = format_month(y / std::chrono::January),
                      to = format_month(y / std::chrono::December);
    {
        auto st = db.cached(k_closed_months);
        st->bind(1, from);
        st->bind(2, to);
        while (st->executeStep())
            out.closed.insert(st->getColumn(0).getString());
    }
    auto st = db.cached(k_year_awards);
    st->bind(1, from);
    st->bind(2, to);
    while (st->executeStep())
        out.awards.push_back({*parse_month(st->getColumn(0).getString()),
                              st->getColumn(1).getString(), st->getColumn(2).getString(),
                              st->getColumn(3).getInt64(), st->getColumn(4).getString()});
    return out;
}

} // namespace hlpb::db
