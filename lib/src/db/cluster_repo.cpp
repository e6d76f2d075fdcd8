#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/sql_util.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace hlpb::db {
namespace {

using detail::bind_date;
using detail::column_date;
using detail::column_date_required;

// Clusters with their state at :d. :code = '' lists all; :all = 1 ignores `established`.
constexpr const char* k_select_clusters = R"sql(
SELECT * FROM (
  SELECT k.code, k.name, c.code AS committee, k.principle, k.established,
         CASE WHEN k.dissolved IS NOT NULL AND k.dissolved <= :d THEN 'dissolved'
              ELSE 'active' END AS status,
         CASE WHEN k.dissolved <= :d THEN k.dissolved END,
         coalesce(p.code, ''), k.instructor, k.instructor_phone, k.community, k.supervisor,
         k.supervisor_dept,
         coalesce((SELECT o.code FROM cluster_lead l JOIN org o ON o.id = l.org_id
                    WHERE l.cluster_id = k.id AND l.from_date <= :d
                      AND (l.to_date IS NULL OR l.to_date > :d)), ''),
         (SELECT count(*) FROM cluster_org m
           WHERE m.cluster_id = k.id AND m.from_date <= :d
             AND (m.to_date IS NULL OR m.to_date > :d))
  FROM cluster k
  JOIN committee c ON c.id = k.committee_id
  LEFT JOIN cluster p ON p.id = k.parent_id
  WHERE %CODE%
    AND (:committee = '' OR c.code = :committee)
    AND (:principle = '' OR k.principle = :principle))
WHERE (:status = '' OR status = :status)
ORDER BY 1)sql";

constexpr const char* k_members = R"sql(
SELECT o.code, o.name, m.from_date,
       EXISTS (SELECT 1 FROM cluster_lead l
                WHERE l.cluster_id = m.cluster_id AND l.org_id = m.org_id
                  AND l.from_date <= :d AND (l.to_date IS NULL OR l.to_date > :d)) AS is_lead
FROM cluster_org m
JOIN org o ON o.id = m.org_id
WHERE m.cluster_id = :cluster AND m.from_date <= :d AND (m.to_date IS NULL OR m.to_date > :d)
ORDER BY is_lead DESC, o.code)sql";

constexpr const char* k_insert_cluster = R"sql(
INSERT INTO cluster(code, name, committee_id, principle, established, parent_id, instructor,
                    instructor_phone, community, supervisor, supervisor_dept)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql";

constexpr const char* k_update_cluster = R"sql(
UPDATE cluster SET name = ?, committee_id = ?, principle = ?, established = ?, instructor = ?,
                   instructor_phone = ?, community = ?, supervisor = ?, supervisor_dept = ?
WHERE code = ?)sql";

constexpr const char* k_cluster_row =
    "SELECT id, established, status, dissolved FROM cluster WHERE code = ?";
constexpr const char* k_org_row = "SELECT id, founded, closed FROM org WHERE code = ?";

// Memberships of an org that reach `:d` or later (they would overlap a new open one).
constexpr const char* k_org_spans_from = R"sql(
SELECT m.id, k.code, m.from_date, m.to_date, k.id
FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id
WHERE m.org_id = ? AND (m.to_date IS NULL OR m.to_date > ?)
ORDER BY m.from_date)sql";

constexpr const char* k_open_membership = R"sql(
SELECT id, from_date FROM cluster_org
WHERE cluster_id = ? AND org_id = ? AND to_date IS NULL)sql";

constexpr const char* k_insert_membership =
    "INSERT INTO cluster_org(cluster_id, org_id, from_date) VALUES (?, ?, ?)";
constexpr const char* k_end_membership = "UPDATE cluster_org SET to_date = ? WHERE id = ?";
constexpr const char* k_delete_membership = "DELETE FROM cluster_org WHERE id = ?";

// Lead terms of a cluster that reach :d or later.
constexpr const char* k_lead_terms_from = R"sql(
SELECT l.id, o.code, l.from_date, l.to_date, l.org_id
FROM cluster_lead l JOIN org o ON o.id = l.org_id
WHERE l.cluster_id = ? AND (l.to_date IS NULL OR l.to_date > ?)
ORDER BY l.from_date)sql";
constexpr const char* k_insert_lead =
    "INSERT INTO cluster_lead(cluster_id, org_id, from_date) VALUES (?, ?, ?)";
constexpr const char* k_end_lead = "UPDATE cluster_lead SET to_date = ? WHERE id = ?";
constexpr const char* k_delete_lead = "DELETE FROM cluster_lead WHERE id = ?";

constexpr const char* k_dissolve =
    "UPDATE cluster SET status = 'dissolved', dissolved = ? WHERE id = ?";

constexpr const char* k_history = R"sql(
SELECT from_date, 1, o.code, '', o.name FROM cluster_org m JOIN org o ON o.id = m.org_id
 WHERE m.cluster_id = :c
UNION ALL
SELECT to_date, 2, o.code, '', o.name FROM cluster_org m JOIN org o ON o.id = m.org_id
 WHERE m.cluster_id = :c AND to_date IS NOT NULL
UNION ALL
SELECT from_date, 3, o.code, '', o.name FROM cluster_lead l JOIN org o ON o.id = l.org_id
 WHERE l.cluster_id = :c
UNION ALL
SELECT to_date, 4, o.code, '', o.name FROM cluster_lead l JOIN org o ON o.id = l.org_id
 WHERE l.cluster_id = :c AND to_date IS NOT NULL
UNION ALL
SELECT k.established, 0, '', '', k.name FROM cluster k WHERE k.id = :c
UNION ALL
SELECT k.established, 0, p.code, 'split_from', p.name FROM cluster k
  JOIN cluster p ON p.id = k.parent_id WHERE k.id = :c
UNION ALL
SELECT ch.established, 5, ch.code, '', ch.name FROM cluster ch WHERE ch.parent_id = :c
UNION ALL
SELECT k.dissolved, 6, '', '', '' FROM cluster k WHERE k.id = :c AND k.dissolved IS NOT NULL
ORDER BY 1, 2, 3)sql";

struct ClusterRow {
    std::int64_t id;
    std::string code;
    Date established;
    bool dissolved;
    std::optional<Date> dissolved_on;
};

struct OrgRow {
    std::int64_t id;
    std::string code;
    std::optional<Date> founded;
    std::optional<Date> closed;
};

ClusterRow cluster_row(Database& db, const std::string& code) {
    auto st = db.cached(k_cluster_row);
    st->bind(1, code);
    if (!st->executeStep())
        throw NotFound(fmt::format("no cluster '{}' (see: hlpb cluster list)", code));
    return {st->getColumn(0).getInt64(), code, column_date_required(st->getColumn(1)),
            st->getColumn(2).getString() == "dissolved", column_date(st->getColumn(3))};
}

OrgRow org_row(Database& db, const std::string& code) {
    auto st = db.cached(k_org_row);
    st->bind(1, code);
    if (!st->executeStep())
        throw NotFound(fmt::format("no org '{}' (see: hlpb org list)", code));
    return {st->getColumn(0).getInt64(), code, column_date(st->getColumn(1)),
            column_date(st->getColumn(2))};
}

void require_active(const ClusterRow& k) {
    if (k.dissolved)
        throw Conflict(fmt::format("cluster {} was dissolved on {}; it accepts no changes", k.code,
                                   format_date(*k.dissolved_on)));
}

Cluster read_cluster(SQLite::Statement& st) {
    Cluster c;
    c.code = st.getColumn(0).getString();
    c.name = st.getColumn(1).getString();
    c.committee = st.getColumn(2).getString();
    c.principle = st.getColumn(3).getString();
    c.established = column_date(st.getColumn(4));
    c.status = st.getColumn(5).getString();
    c.dissolved = column_date(st.getColumn(6));
    c.parent = st.getColumn(7).getString();
    c.instructor = st.getColumn(8).getString();
    c.instructor_phone = st.getColumn(9).getString();
    c.community = st.getColumn(10).getString();
    c.supervisor = st.getColumn(11).getString();
    c.supervisor_dept = st.getColumn(12).getString();
    c.lead = st.getColumn(13).getString();
    return c;
}

std::vector<ClusterSummary> select_clusters(Database& db, const Date& as_of,
                                            const std::string& code, bool all,
                                            const ClusterFilter& f) {
    // One of four constant conditions: by code (indexed, existing at :d or not), every cluster,
    // or those existing at :d.
    auto with = [](const char* condition) {
        std::string sql = k_select_clusters;
        return sql.replace(sql.find("%CODE%"), 6, condition);
    };
    static const std::string by_code = with("k.code = :code"),
                             by_code_existing = with("k.code = :code AND k.established <= :d"),
                             every = with("1 = 1"), existing = with("k.established <= :d");
    const std::string& sql = !code.empty() ? (all ? by_code : by_code_existing)
                             : all         ? every
                                           : existing;
    auto st = db.cached(sql.c_str()); // static strings: the cache's keys stay valid
    st->bind(":d", format_date(as_of));
    if (!code.empty())
        st->bind(":code", code);
    st->bind(":committee", f.committee);
    st->bind(":principle", f.principle);
    st->bind(":status", f.status);
    std::vector<ClusterSummary> out;
    while (st->executeStep())
        out.push_back({read_cluster(*st), st->getColumn(14).getInt()});
    return out;
}

std::vector<std::string> unique_codes(const std::vector<std::string>& codes) {
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const auto& c : codes)
        if (seen.insert(c).second)
            out.push_back(c);
    return out;
}

void insert_cluster(Database& db, const Cluster& c, std::optional<std::int64_t> parent_id) {
    auto committee_id = detail::id_of(db.sql(), "committee", c.committee);
    if (!committee_id)
        throw NotFound(fmt::format("no committee '{}' (see: hlpb committee list)", c.committee));
    auto st = db.cached(k_insert_cluster);
    st->bind(1, c.code);
    st->bind(2, c.name);
    st->bind(3, *committee_id);
    st->bind(4, c.principle);
    bind_date(*st, 5, c.established);
    if (parent_id)
        st->bind(6, *parent_id);
    else
        st->bind(6);
    st->bind(7, c.instructor);
    st->bind(8, c.instructor_phone);
    st->bind(9, c.community);
    st->bind(10, c.supervisor);
    st->bind(11, c.supervisor_dept);
    st->exec();
}

// The open lead term of a cluster at or after `on`: refuses if one starts after `on`.
struct LeadTermRow {
    std::int64_t id;
    std::string org;
    Date from;
    std::optional<Date> to;
    std::int64_t org_id;
};

std::vector<LeadTermRow> lead_terms_from(Database& db, std::int64_t cluster_id, const Date& on) {
    auto st = db.cached(k_lead_terms_from);
    st->bind(1, cluster_id);
    st->bind(2, format_date(on));
    std::vector<LeadTermRow> out;
    while (st->executeStep())
        out.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getString(),
                       column_date_required(st->getColumn(2)), column_date(st->getColumn(3)),
                       st->getColumn(4).getInt64()});
    return out;
}

// Ends (or, when it starts on `on`, removes) a history row on `on`. The SQL are constants.
void end_row(Database& db, const char* end_sql, const char* delete_sql, std::int64_t id,
             const Date& from, const Date& on) {
    if (from == on) {
        auto st = db.cached(delete_sql);
        st->bind(1, id);
        st->exec();
    } else {
        auto st = db.cached(end_sql);
        st->bind(1, format_date(on));
        st->bind(2, id);
        st->exec();
    }
}

// Refuses when `org` leads `cluster` on or after `on`.
void refuse_if_lead(Database& db, const ClusterRow& k, const OrgRow& o, const Date& on,
                    const char* doing) {
    for (const auto& t : lead_terms_from(db, k.id, on))
        if (t.org_id == o.id)
            throw Conflict(fmt::format(
                "{} leads cluster {} (since {}); it cannot {} on {}. Make another member the "
                "lead first: hlpb cluster set-lead {} ORG --on {}",
                o.code, k.code, format_date(t.from), doing, format_date(on), k.code,
                format_date(on)));
}

void leave_one(Database& db, const ClusterRow& k, const OrgRow& o, const Date& on) {
    auto st = db.cached(k_open_membership);
    st->bind(1, k.id);
    st->bind(2, o.id);
    if (!st->executeStep())
        throw Conflict(fmt::format("{} is not a member of cluster {}", o.code, k.code));
    std::int64_t id = st->getColumn(0).getInt64();
    Date from = column_date_required(st->getColumn(1));
    if (on < from)
        throw Conflict(fmt::format("{} joined cluster {} on {}; it cannot leave before that",
                                   o.code, k.code, format_date(from)));
    refuse_if_lead(db, k, o, on, "leave");
    end_row(db, k_end_membership, k_delete_membership, id, from, on);
}

void join_one(Database& db, const ClusterRow& k, const OrgRow& o, const Date& on, bool move) {
    if (o.closed)
        throw Conflict(fmt::format("org {} was closed on {}; it cannot join a cluster", o.code,
                                   format_date(*o.closed)));
    if (o.founded && on < *o.founded)
        throw Conflict(fmt::format("org {} was founded on {}; it cannot join cluster {} on {}",
                                   o.code, format_date(*o.founded), k.code, format_date(on)));
    auto st = db.cached(k_org_spans_from);
    st->bind(1, o.id);
    st->bind(2, format_date(on));
    struct Span_ {
        std::int64_t id;
        std::string cluster;
        Date from;
        std::optional<Date> to;
        std::int64_t cluster_id;
    };
    std::vector<Span_> spans;
    while (st->executeStep())
        spans.push_back({st->getColumn(0).getInt64(), st->getColumn(1).getString(),
                         column_date_required(st->getColumn(2)), column_date(st->getColumn(3)),
                         st->getColumn(4).getInt64()});
    for (const auto& s : spans) {
        const std::string period =
            s.to ? fmt::format("from {} to {}", format_date(s.from), format_date(*s.to))
                 : fmt::format("since {}", format_date(s.from));
        if (s.cluster_id == k.id)
            throw Conflict(
                fmt::format("{} is already a member of cluster {} ({})", o.code, k.code, period));
        if (!move || s.to || s.from > on)
            throw Conflict(fmt::format(
                "{} is in cluster {} ({}); an org belongs to one cluster at a time. Leave it "
                "first (hlpb cluster leave {} {} --on {}) or join with --move",
                o.code, s.cluster, period, s.cluster, o.code, format_date(on)));
        ClusterRow other = cluster_row(db, s.cluster);
        refuse_if_lead(db, other, o, on, "move");
        end_row(db, k_end_membership, k_delete_membership, s.id, s.from, on);
    }
    auto ins = db.cached(k_insert_membership);
    ins->bind(1, k.id);
    ins->bind(2, o.id);
    ins->bind(3, format_date(on));
    ins->exec();
}

} // namespace

std::vector<ClusterSummary> list_clusters(Database& db, const Date& as_of, const ClusterFilter& f) {
    return select_clusters(db, as_of, "", false, f);
}

std::optional<Cluster> find_cluster(Database& db, const std::string& code, const Date& as_of) {
    if (code.empty())
        return std::nullopt;
    auto rows = select_clusters(db, as_of, code, true, {});
    if (rows.empty())
        return std::nullopt;
    return rows.front().cluster;
}

Cluster get_cluster(Database& db, const std::string& code, const Date& as_of) {
    auto c = find_cluster(db, code, as_of);
    if (!c)
        throw NotFound(fmt::format("no cluster '{}' (see: hlpb cluster list)", code));
    return *c;
}

std::vector<ClusterMember> cluster_members(Database& db, const std::string& cluster,
                                           const Date& as_of) {
    ClusterRow k = cluster_row(db, cluster);
    auto st = db.cached(k_members);
    st->bind(":d", format_date(as_of));
    st->bind(":cluster", k.id);
    std::vector<ClusterMember> out;
    while (st->executeStep())
        out.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(),
                       column_date_required(st->getColumn(2)), st->getColumn(3).getInt() != 0});
    return out;
}

void validate_cluster(Database& db, Cluster& c, import::RowErrors& errors) {
    const auto bad = validate::clean_texts({{"code", &c.code},
                                            {"name", &c.name},
                                            {"committee", &c.committee},
                                            {"principle", &c.principle},
                                            {"instructor", &c.instructor},
                                            {"instructor_phone", &c.instructor_phone},
                                            {"community", &c.community},
                                            {"supervisor", &c.supervisor},
                                            {"supervisor_dept", &c.supervisor_dept},
                                            {"parent", &c.parent},
                                            {"status", &c.status}});
    for (const auto& [field, problem] : bad)
        errors.add(std::string(field), problem);
    if (!bad.empty())
        return;
    if (auto p = validate::check_code(c.code); !p.empty())
        errors.add("code", p);
    if (c.name.empty())
        errors.add("name", "is empty");
    if (c.committee.empty())
        errors.add("committee", "is empty");
    else if (!detail::id_of(db.sql(), "committee", c.committee))
        errors.add("committee", fmt::format("no committee '{}' (add it first, or import the "
                                            "committees file before this one)",
                                            c.committee));
    if (c.principle.empty())
        errors.add("principle", "is required (geo/industry/chain, 地域相邻/行业相近/产业相连)");
    else if (vocab::parse(vocab::principles(), c.principle).empty())
        errors.add("principle", fmt::format("'{}' is not one of {} (地域相邻/行业相近/产业相连)",
                                            c.principle, vocab::keys(vocab::principles())));
    if (!c.established)
        errors.add("established", "is required (YYYY-MM-DD)");
    if (!c.instructor_phone.empty())
        if (auto p = validate::check_mobile(c.instructor_phone); !p.empty())
            errors.add("instructor_phone", p);
}

void add_cluster(Database& db, const Cluster& c) {
    if (detail::id_of(db.sql(), "cluster", c.code))
        throw Conflict(fmt::format("cluster '{}' already exists (change it with: hlpb cluster "
                                   "edit {})",
                                   c.code, c.code));
    insert_cluster(db, c, std::nullopt);
}

void edit_cluster(Database& db, const Cluster& c) {
    ClusterRow k = cluster_row(db, c.code);
    auto committee_id = detail::id_of(db.sql(), "committee", c.committee);
    if (!committee_id)
        throw NotFound(fmt::format("no committee '{}'", c.committee));
    if (c.established && *c.established != k.established) {
        // Memberships and lead terms must not start before the cluster existed.
        auto st = db.cached("SELECT min(from_date) FROM cluster_org WHERE cluster_id = ?");
        st->bind(1, k.id);
        if (st->executeStep() && !st->getColumn(0).isNull() &&
            st->getColumn(0).getString() < format_date(*c.established))
            throw Conflict(fmt::format("cluster {} has members since {}; it cannot be "
                                       "established later than that",
                                       c.code, st->getColumn(0).getString()));
    }
    auto st = db.cached(k_update_cluster);
    st->bind(1, c.name);
    st->bind(2, *committee_id);
    st->bind(3, c.principle);
    bind_date(*st, 4, c.established ? c.established : std::optional<Date>(k.established));
    st->bind(5, c.instructor);
    st->bind(6, c.instructor_phone);
    st->bind(7, c.community);
    st->bind(8, c.supervisor);
    st->bind(9, c.supervisor_dept);
    st->bind(10, c.code);
    st->exec();
}

hlpb::import::Outcome upsert_cluster(Database& db, const Cluster& c) {
    auto old = find_cluster(db, c.code, today());
    if (!old) {
        add_cluster(db, c);
        return import::Outcome::inserted;
    }
    bool same = old->name == c.name && old->committee == c.committee &&
                old->principle == c.principle && old->established == c.established &&
                old->instructor == c.instructor && old->instructor_phone == c.instructor_phone &&
                old->community == c.community && old->supervisor == c.supervisor &&
                old->supervisor_dept == c.supervisor_dept;
    if (same)
        return import::Outcome::unchanged;
    edit_cluster(db, c);
    return import::Outcome::updated;
}

void join_cluster(Database& db, const std::string& cluster, const std::vector<std::string>& orgs,
                  const Date& on, bool move) {
    ClusterRow k = cluster_row(db, cluster);
    require_active(k);
    if (on < k.established)
        throw Conflict(fmt::format("cluster {} was established on {}; no org can join it "
                                   "before that",
                                   k.code, format_date(k.established)));
    for (const auto& code : unique_codes(orgs))
        join_one(db, k, org_row(db, code), on, move);
}

void leave_cluster(Database& db, const std::string& cluster, const std::vector<std::string>& orgs,
                   const Date& on) {
    ClusterRow k = cluster_row(db, cluster);
    require_active(k);
    for (const auto& code : unique_codes(orgs))
        leave_one(db, k, org_row(db, code), on);
}

void set_lead(Database& db, const std::string& cluster, const std::string& org, const Date& on) {
    ClusterRow k = cluster_row(db, cluster);
    require_active(k);
    OrgRow o = org_row(db, org);
    auto st = db.cached(k_open_membership);
    st->bind(1, k.id);
    st->bind(2, o.id);
    if (!st->executeStep() || on < column_date_required(st->getColumn(1)))
        throw Conflict(fmt::format("{} is not a member of cluster {} on {}; the lead must be "
                                   "one of its orgs (hlpb cluster join {} {} --on {})",
                                   o.code, k.code, format_date(on), k.code, o.code,
                                   format_date(on)));
    for (const auto& t : lead_terms_from(db, k.id, on)) {
        if (t.from > on)
            throw Conflict(fmt::format("cluster {} has a lead term of {} starting {}, after {}; "
                                       "lead changes must be entered in date order",
                                       k.code, t.org, format_date(t.from), format_date(on)));
        if (t.org_id == o.id)
            throw Conflict(fmt::format("{} already leads cluster {} (since {})", o.code, k.code,
                                       format_date(t.from)));
        end_row(db, k_end_lead, k_delete_lead, t.id, t.from, on);
    }
    auto ins = db.cached(k_insert_lead);
    ins->bind(1, k.id);
    ins->bind(2, o.id);
    ins->bind(3, format_date(on));
    ins->exec();
}

void split_cluster(Database& db, const SplitRequest& r) {
    ClusterRow parent = cluster_row(db, r.from);
    require_active(parent);
    Cluster parent_now = get_cluster(db, r.from, r.on);
    if (r.lead.empty())
        throw UsageError("a split needs the new cluster's lead (--lead ORG)");
    std::vector<std::string> moved = unique_codes([&] {
        std::vector<std::string> v{r.lead};
        v.insert(v.end(), r.orgs.begin(), r.orgs.end());
        return v;
    }());
    auto members = cluster_members(db, r.from, r.on);
    for (const auto& code : moved) {
        auto it = std::find_if(members.begin(), members.end(),
                               [&](const ClusterMember& m) { return m.org == code; });
        if (it == members.end())
            throw Conflict(fmt::format("{} is not a member of cluster {} on {}; only its members "
                                       "can be split off",
                                       code, r.from, format_date(r.on)));
        if (it->is_lead)
            throw Conflict(fmt::format("{} leads cluster {}; it stays. Choose other orgs, or "
                                       "first make another member the lead of {}",
                                       code, r.from, r.from));
    }
    if (moved.size() < 2)
        throw Conflict(fmt::format("the new cluster needs its lead and at least one other org "
                                   "(1+X, X ≥ 1): add --orgs"));
    if (members.size() < moved.size() + 2)
        throw Conflict(fmt::format("cluster {} would keep {} org(s); it needs its lead and at "
                                   "least one other (1+X, X ≥ 1). Move fewer orgs",
                                   r.from, members.size() - moved.size()));
    Cluster child = r.child;
    child.committee = parent_now.committee;
    if (child.principle.empty())
        child.principle = parent_now.principle;
    child.established = r.on;
    for (auto [field, from] : {std::pair{&child.instructor, &parent_now.instructor},
                               std::pair{&child.instructor_phone, &parent_now.instructor_phone},
                               std::pair{&child.community, &parent_now.community},
                               std::pair{&child.supervisor, &parent_now.supervisor},
                               std::pair{&child.supervisor_dept, &parent_now.supervisor_dept}})
        if (field->empty())
            *field = *from;
    if (auto p = validate::check_code(child.code); !p.empty())
        throw InvalidInput("code", p);
    if (child.name.empty())
        throw UsageError("the new cluster needs a name (--name)");
    if (detail::id_of(db.sql(), "cluster", child.code))
        throw Conflict(fmt::format("cluster '{}' already exists; choose a new code", child.code));
    insert_cluster(db, child, parent.id);
    leave_cluster(db, r.from, moved, r.on);
    join_cluster(db, child.code, moved, r.on);
    set_lead(db, child.code, r.lead, r.on);
}

void dissolve_cluster(Database& db, const std::string& cluster, const Date& on) {
    ClusterRow k = cluster_row(db, cluster);
    require_active(k);
    if (on <= k.established)
        throw Conflict(fmt::format("cluster {} was established on {}; it can only be dissolved "
                                   "after that",
                                   k.code, format_date(k.established)));
    auto later = db.cached("SELECT count(*) FROM cluster_org WHERE cluster_id = ? AND "
                           "from_date > ?");
    later->bind(1, k.id);
    later->bind(2, format_date(on));
    later->executeStep();
    if (later->getColumn(0).getInt() > 0)
        throw Conflict(fmt::format("cluster {} has orgs joining after {}; dissolve it later",
                                   k.code, format_date(on)));
    for (const auto& t : lead_terms_from(db, k.id, on))
        end_row(db, k_end_lead, k_delete_lead, t.id, t.from, on);
    auto open = db.cached("SELECT id, from_date FROM cluster_org WHERE cluster_id = ? "
                          "AND to_date IS NULL");
    open->bind(1, k.id);
    std::vector<std::pair<std::int64_t, Date>> rows;
    while (open->executeStep())
        rows.emplace_back(open->getColumn(0).getInt64(), column_date_required(open->getColumn(1)));
    for (const auto& [id, from] : rows)
        end_row(db, k_end_membership, k_delete_membership, id, from, on);
    auto st = db.cached(k_dissolve);
    st->bind(1, format_date(on));
    st->bind(2, k.id);
    st->exec();
}

std::vector<ClusterEvent> cluster_history(Database& db, const std::string& cluster) {
    ClusterRow k = cluster_row(db, cluster);
    auto st = db.cached(k_history);
    st->bind(":c", k.id);
    static constexpr const char* k_names[] = {"established", "join",     "leave",    "lead",
                                              "lead_end",    "split_to", "dissolved"};
    std::vector<ClusterEvent> out;
    while (st->executeStep()) {
        int kind = st->getColumn(1).getInt();
        std::string detail_text = st->getColumn(3).getString();
        std::string event = detail_text == "split_from" ? "split_from" : k_names[kind];
        out.push_back({column_date_required(st->getColumn(0)), event, st->getColumn(2).getString(),
                       st->getColumn(4).getString()});
    }
    return out;
}

} // namespace hlpb::db
