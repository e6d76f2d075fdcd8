#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/rules/structure.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/field_history.hpp"
#include "db/savepoint.hpp"
#include "db/sql_access.hpp"
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
  SELECT k.code, k.name, c.code AS committee, %principle% AS principle, k.established,
         CASE WHEN k.dissolved IS NOT NULL AND k.dissolved <= :d THEN 'dissolved'
              ELSE 'active' END AS status,
         CASE WHEN k.dissolved <= :d THEN k.dissolved END,
         coalesce(p.code, ''), %instructor%, %instructor_phone%, %community%, %supervisor%,
         %supervisor_dept%,
         coalesce((SELECT o.code FROM cluster_lead l JOIN org o ON o.id = l.org_id
                    WHERE l.cluster_id = k.id AND l.from_date <= :d
                      AND (l.to_date IS NULL OR l.to_date > :d)), ''),
         (SELECT count(*) FROM cluster_org m
           WHERE m.cluster_id = k.id AND m.from_date <= :d
             AND (m.to_date IS NULL OR m.to_date > :d)),
         c.name,
         coalesce((SELECT o.name FROM cluster_lead l JOIN org o ON o.id = l.org_id
                    WHERE l.cluster_id = k.id AND l.from_date <= :d
                      AND (l.to_date IS NULL OR l.to_date > :d)), ''),
         (SELECT count(*) FROM cluster_org m JOIN member x ON x.org_id = m.org_id
           WHERE m.cluster_id = k.id AND m.from_date <= :d
             AND (m.to_date IS NULL OR m.to_date > :d)
             AND x.org_since <= :d AND (x.left_on IS NULL OR x.left_on > :d))
       + (SELECT count(*) FROM cluster_org m JOIN member_org_history h ON h.org_id = m.org_id
           WHERE m.cluster_id = k.id AND m.from_date <= :d
             AND (m.to_date IS NULL OR m.to_date > :d)
             AND h.from_date <= :d AND h.to_date > :d)
  FROM cluster k
  JOIN committee c ON c.id = k.committee_id
  LEFT JOIN cluster p ON p.id = k.parent_id
  WHERE %CODE%
    AND (:committee = '' OR c.code = :committee))
WHERE (:status = '' OR status = :status)
  AND (:principle = '' OR principle = :principle)
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

// The org's latest membership of the cluster that reaches past :d (it may start after :d).
constexpr const char* k_membership_reaching = R"sql(
SELECT id, from_date, to_date FROM cluster_org
WHERE cluster_id = ? AND org_id = ? AND (to_date IS NULL OR to_date > ?)
ORDER BY from_date DESC LIMIT 1)sql";

// A membership holding :d that lasts as long as the cluster (open, or to its planned dissolve).
constexpr const char* k_membership_to_end = R"sql(
SELECT id FROM cluster_org
WHERE cluster_id = :c AND org_id = :o AND from_date <= :d
  AND (to_date IS NULL OR (:dissolved IS NOT NULL AND to_date >= :dissolved)))sql";

// to_date: the cluster's planned dissolve, or NULL.
constexpr const char* k_insert_membership =
    "INSERT INTO cluster_org(cluster_id, org_id, from_date, to_date) VALUES (?, ?, ?, ?)";
constexpr const char* k_end_membership = "UPDATE cluster_org SET to_date = ? WHERE id = ?";
constexpr const char* k_delete_membership = "DELETE FROM cluster_org WHERE id = ?";

// Lead terms of a cluster that reach :d or later.
constexpr const char* k_lead_terms_from = R"sql(
SELECT l.id, o.code, l.from_date, l.to_date, l.org_id
FROM cluster_lead l JOIN org o ON o.id = l.org_id
WHERE l.cluster_id = ? AND (l.to_date IS NULL OR l.to_date > ?)
ORDER BY l.from_date)sql";
constexpr const char* k_insert_lead =
    "INSERT INTO cluster_lead(cluster_id, org_id, from_date, to_date) VALUES (?, ?, ?, ?)";

// The first day from :on on which the cluster has a lead but fewer than :min_orgs orgs (1+X with
// X = 0: rules::has_other_org fails):
// the days on which a membership ends or a lead term starts are the only ones to look at.
constexpr const char* k_lead_alone_from = R"sql(
SELECT x, lead FROM (
  SELECT d.x,
         (SELECT o.code FROM cluster_lead l JOIN org o ON o.id = l.org_id
           WHERE l.cluster_id = :c AND l.from_date <= d.x
             AND (l.to_date IS NULL OR l.to_date > d.x)) AS lead,
         (SELECT count(*) FROM cluster_org m
           WHERE m.cluster_id = :c AND m.from_date <= d.x
             AND (m.to_date IS NULL OR m.to_date > d.x)) AS n
  FROM (SELECT :on AS x
        UNION SELECT to_date FROM cluster_org WHERE cluster_id = :c AND to_date > :on
        UNION SELECT from_date FROM cluster_lead WHERE cluster_id = :c AND from_date > :on) d)
WHERE lead IS NOT NULL AND n < :min_orgs
ORDER BY x LIMIT 1)sql";
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

// The dated fields' changes: the day each earlier value ended, the field, the value from then
// (the next earlier value, or the current one).
constexpr const char* k_field_changes = R"sql(
SELECT h.to_date, h.field,
       coalesce((SELECT n.value FROM field_history n
                  WHERE n.entity = 'cluster' AND n.entity_id = h.entity_id
                    AND n.field = h.field AND n.from_date = h.to_date),
                CASE h.field WHEN 'principle' THEN k.principle
                             WHEN 'instructor' THEN k.instructor
                             WHEN 'instructor_phone' THEN k.instructor_phone
                             WHEN 'community' THEN k.community
                             WHEN 'supervisor' THEN k.supervisor
                             WHEN 'supervisor_dept' THEN k.supervisor_dept END)
FROM field_history h JOIN cluster k ON k.id = h.entity_id
WHERE h.entity = 'cluster' AND h.entity_id = ?
ORDER BY h.to_date, h.field)sql";

struct ClusterRow {
    std::int64_t id;
    std::string code;
    Date established;
    bool dissolved;
    std::optional<Date> dissolved_on; // may be after today: a planned dissolve
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
        throw NotFound(trf("no cluster '{}' (see: hlpb cluster list)", code));
    return {st->getColumn(0).getInt64(), code, column_date_required(st->getColumn(1)),
            st->getColumn(2).getString() == "dissolved", column_date(st->getColumn(3))};
}

OrgRow org_row(Database& db, const std::string& code) {
    auto st = db.cached(k_org_row);
    st->bind(1, code);
    if (!st->executeStep())
        throw NotFound(trf("no org '{}' (see: hlpb org list)", code));
    return {st->getColumn(0).getInt64(), code, column_date(st->getColumn(1)),
            column_date(st->getColumn(2))};
}

// A change on `on` to a cluster that is (or is planned to be) dissolved: refused from that day,
// accepted before it.
void require_active(const ClusterRow& k, const Date& on) {
    if (k.dissolved && on >= *k.dissolved_on)
        throw Conflict(trf("cluster {} is dissolved on {}; it accepts no changes from "
                           "that day (changes dated before it are accepted)",
                           k.code, format_date(*k.dissolved_on)));
}

void bind_end(SQLite::Statement& st, int index, const ClusterRow& k) {
    bind_date(st, index, k.dissolved_on);
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
        sql.replace(sql.find("%CODE%"), 6, condition);
        return detail::with_values_at(sql, "cluster", "k", false);
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
        out.push_back({read_cluster(*st), st->getColumn(14).getInt(), st->getColumn(15).getString(),
                       st->getColumn(16).getString(), st->getColumn(17).getInt()});
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
    auto committee_id = detail::id_of(detail::sql(db), "committee", c.committee);
    if (!committee_id)
        throw NotFound(trf("no committee '{}' (see: hlpb committee list)", c.committee));
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

// Ends a history row on `on`. A row that starts on `on` would last no day: refused, or removed
// with o.correct (noted). `what` names the interval in messages. The SQL are constants.
void end_row(Database& db, const char* end_sql, const char* delete_sql, std::int64_t id,
             const Date& from, const Date& on, const Wording& what, const ChangeOptions& o,
             Notes& notes) {
    if (from == on) {
        if (!o.correct)
            throw Conflict(zero_length_message(what.shown, from, o.correct_with));
        auto st = db.cached(delete_sql);
        st->bind(1, id);
        st->exec();
        notes.push_back(detail::removed_note(what, from));
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
            throw Conflict(
                std::string_view(doing) == "leave"
                    ? trf("{} leads cluster {} (since {}); it cannot leave on {}. Make another "
                          "member the lead first: hlpb cluster set-lead {} ORG --on {}",
                          o.code, k.code, format_date(t.from), format_date(on), k.code,
                          format_date(on))
                    : trf("{} leads cluster {} (since {}); it cannot move on {}. Make another "
                          "member the lead first: hlpb cluster set-lead {} ORG --on {}",
                          o.code, k.code, format_date(t.from), format_date(on), k.code,
                          format_date(on)));
}

// Refuses when the cluster would have its lead and no other org on some day from `on`.
void refuse_lead_alone(Database& db, const ClusterRow& k, const Date& on) {
    auto st = db.cached(k_lead_alone_from);
    st->bind(":c", k.id);
    st->bind(":on", format_date(on));
    st->bind(":min_orgs", static_cast<std::int64_t>(rules::k_min_cluster_orgs));
    if (!st->executeStep())
        return;
    const std::string day = st->getColumn(0).getString();
    throw Conflict(trf("cluster {} would keep only its lead {} from {}; 1+X needs at "
                       "least one other org (X ≥ 1). Join another first (hlpb cluster "
                       "join {} ORG --on {}) or dissolve it (hlpb cluster dissolve {} "
                       "--on {})",
                       k.code, st->getColumn(1).getString(), day, k.code, day, k.code, day));
}

void leave_one(Database& db, const ClusterRow& k, const OrgRow& o, const Date& on,
               const ChangeOptions& opt, Notes& notes) {
    auto st = db.cached(k_membership_reaching);
    st->bind(1, k.id);
    st->bind(2, o.id);
    st->bind(3, format_date(on));
    if (!st->executeStep())
        throw Conflict(
            trf("{} is not a member of cluster {} on {}", o.code, k.code, format_date(on)));
    std::int64_t id = st->getColumn(0).getInt64();
    Date from = column_date_required(st->getColumn(1));
    if (on < from)
        throw Conflict(trf("{} joined cluster {} on {}; it cannot leave before that", o.code,
                           k.code, format_date(from)));
    refuse_if_lead(db, k, o, on, "leave");
    end_row(db, k_end_membership, k_delete_membership, id, from, on,
            detail::membership_of(o.code, k.code), opt, notes);
}

void leave_many(Database& db, const ClusterRow& k, const std::vector<std::string>& orgs,
                const Date& on, const ChangeOptions& opt, Notes& notes) {
    require_active(k, on);
    for (const auto& code : unique_codes(orgs))
        leave_one(db, k, org_row(db, code), on, opt, notes);
    refuse_lead_alone(db, k, on);
}

void join_one(Database& db, const ClusterRow& k, const OrgRow& o, const Date& on, bool move,
              const ChangeOptions& opt, Notes& notes) {
    if (o.closed)
        throw Conflict(trf("org {} was closed on {}; it cannot join a cluster", o.code,
                           format_date(*o.closed)));
    if (o.founded && on < *o.founded)
        throw Conflict(trf("org {} was founded on {}; it cannot join cluster {} on {}", o.code,
                           format_date(*o.founded), k.code, format_date(on)));
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
            s.to ? trf("from {} to {}", format_date(s.from), format_date(*s.to))
                 : trf("since {}", format_date(s.from));
        if (s.cluster_id == k.id)
            throw Conflict(
                trf("{} is already a member of cluster {} ({})", o.code, k.code, period));
        if (!move || s.to || s.from > on)
            throw Conflict(
                trf("{} is in cluster {} ({}); an org belongs to one cluster at a time. Leave it "
                    "first (hlpb cluster leave {} {} --on {}) or join with --move",
                    o.code, s.cluster, period, s.cluster, o.code, format_date(on)));
        ClusterRow other = cluster_row(db, s.cluster);
        refuse_if_lead(db, other, o, on, "move");
        end_row(db, k_end_membership, k_delete_membership, s.id, s.from, on,
                detail::membership_of(o.code, other.code), opt, notes);
        refuse_lead_alone(db, other, on);
    }
    auto ins = db.cached(k_insert_membership);
    ins->bind(1, k.id);
    ins->bind(2, o.id);
    ins->bind(3, format_date(on));
    bind_end(*ins, 4, k);
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
        throw NotFound(trf("no cluster '{}' (see: hlpb cluster list)", code));
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
    if (!detail::clean_texts({{"code", &c.code},
                              {"name", &c.name},
                              {"committee", &c.committee},
                              {"principle", &c.principle},
                              {"instructor", &c.instructor},
                              {"instructor_phone", &c.instructor_phone},
                              {"community", &c.community},
                              {"supervisor", &c.supervisor},
                              {"supervisor_dept", &c.supervisor_dept},
                              {"parent", &c.parent},
                              {"status", &c.status}},
                             errors))
        return;
    if (auto p = validate::check_code(c.code); !p.empty())
        errors.add("code", p);
    if (c.name.empty())
        errors.add("name", tr("is empty"));
    if (c.committee.empty())
        errors.add("committee", tr("is empty"));
    else if (!detail::id_of(detail::sql(db), "committee", c.committee))
        errors.add("committee", trf("no committee '{}' (add it first, or import the "
                                    "committees file before this one)",
                                    c.committee));
    if (c.principle.empty())
        errors.add("principle", tr("is required (geo/industry/chain, 地域相邻/行业相近/产业相连)"));
    else if (vocab::parse(vocab::principles(), c.principle).empty())
        errors.add("principle",
                   trf("'{}' is not one of {}", c.principle, vocab::keys(vocab::principles())));
    if (!c.established)
        errors.add("established", tr("is required (YYYY-MM-DD)"));
    if (!c.instructor_phone.empty())
        if (auto p = validate::check_mobile(c.instructor_phone); !p.empty())
            errors.add("instructor_phone", p);
}

void add_cluster(Database& db, const Cluster& c, const std::string& lead,
                 const std::vector<std::string>& orgs) {
    detail::Savepoint change(db);
    if (detail::id_of(detail::sql(db), "cluster", c.code))
        throw Conflict(trf("cluster '{}' already exists (change it with: hlpb cluster "
                           "edit {})",
                           c.code, c.code));
    std::vector<std::string> joining = orgs;
    if (!lead.empty() && std::find(joining.begin(), joining.end(), lead) == joining.end())
        joining.insert(joining.begin(), lead);
    joining = unique_codes(joining);
    if (!lead.empty() && !rules::has_other_org(static_cast<long>(joining.size())))
        throw Conflict(trf("cluster {} would have only its lead {}; 1+X needs at least "
                           "one other org (X ≥ 1), and the lead is not one of them: "
                           "name the others with --orgs",
                           c.code, lead));
    insert_cluster(db, c, std::nullopt);
    if (joining.empty()) {
        change.release();
        return;
    }
    ClusterRow k = cluster_row(db, c.code);
    const Date on = k.established; // as stored (the column is NOT NULL)
    Notes notes;
    for (const auto& code : joining)
        join_one(db, k, org_row(db, code), on, false, {}, notes);
    if (!lead.empty())
        set_lead(db, c.code, lead, on);
    change.release();
}

Notes edit_cluster(Database& db, const Cluster& c, std::optional<Date> on, const ChangeOptions& o) {
    detail::Savepoint change(db);
    ClusterRow k = cluster_row(db, c.code);
    auto committee_id = detail::id_of(detail::sql(db), "committee", c.committee);
    if (!committee_id)
        throw NotFound(trf("no committee '{}'", c.committee));
    if (c.established && *c.established != k.established) {
        // Memberships and lead terms must not start before the cluster existed.
        auto st = db.cached("SELECT min(from_date) FROM cluster_org WHERE cluster_id = ?");
        st->bind(1, k.id);
        if (st->executeStep() && !st->getColumn(0).isNull() &&
            st->getColumn(0).getString() < format_date(*c.established))
            throw Conflict(trf("cluster {} has members since {}; it cannot be "
                               "established later than that",
                               c.code, st->getColumn(0).getString()));
    }
    // The stored (current) values; a far date is past every earlier value's end.
    const Cluster old = get_cluster(
        db, c.code, Date{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}});
    Notes notes;
    detail::record_field_changes(
        db, "cluster", k.id, detail::subject_of("cluster", c.code), k.established,
        {{"principle", old.principle, c.principle},
         {"instructor", old.instructor, c.instructor},
         {"instructor_phone", old.instructor_phone, c.instructor_phone, true},
         {"community", old.community, c.community},
         {"supervisor", old.supervisor, c.supervisor},
         {"supervisor_dept", old.supervisor_dept, c.supervisor_dept}},
        on ? *on : o.now(), o, notes);
    detail::note_current_only(notes, "name", old.name, c.name);
    detail::note_current_only(notes, "committee", old.committee, c.committee);
    if (c.established)
        detail::note_current_only(notes, "established", format_date(k.established),
                                  format_date(*c.established));
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
    change.release();
    return notes;
}

hlpb::import::Outcome upsert_cluster(Database& db, const Cluster& c, const Date& today) {
    auto old = find_cluster(db, c.code, today);
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
    ChangeOptions o; // a changed dated field changes today
    o.today = today;
    o.correct_with = fmt::format("hlpb cluster edit {}", c.code); // the field, --on, --correct
                                                                  // are added where refused
    edit_cluster(db, c, std::nullopt, o);
    return import::Outcome::updated;
}

void set_cluster_parent(Database& db, const std::string& code, const std::string& parent) {
    const ClusterRow k = cluster_row(db, code);
    const ClusterRow p = cluster_row(db, parent);
    auto st = db.cached("UPDATE cluster SET parent_id = ? WHERE id = ?");
    st->bind(1, p.id);
    st->bind(2, k.id);
    st->exec();
}

std::vector<std::string> cluster_codes(Database& db) {
    auto st = db.cached("SELECT code FROM cluster ORDER BY established, code");
    std::vector<std::string> codes;
    while (st->executeStep())
        codes.push_back(st->getColumn(0).getString());
    return codes;
}

Notes join_cluster(Database& db, const std::string& cluster, const std::vector<std::string>& orgs,
                   const Date& on, bool move, const ChangeOptions& o) {
    detail::Savepoint change(db);
    ClusterRow k = cluster_row(db, cluster);
    require_active(k, on);
    if (on < k.established)
        throw Conflict(trf("cluster {} was established on {}; no org can join it "
                           "before that",
                           k.code, format_date(k.established)));
    Notes notes;
    for (const auto& code : unique_codes(orgs))
        join_one(db, k, org_row(db, code), on, move, o, notes);
    change.release();
    return notes;
}

Notes leave_cluster(Database& db, const std::string& cluster, const std::vector<std::string>& orgs,
                    const Date& on, const ChangeOptions& o) {
    detail::Savepoint change(db);
    refuse_unplanned_future(on, o, tr("a leave"));
    Notes notes;
    leave_many(db, cluster_row(db, cluster), orgs, on, o, notes);
    change.release();
    return notes;
}

Notes set_lead(Database& db, const std::string& cluster, const std::string& org, const Date& on,
               const ChangeOptions& opt) {
    detail::Savepoint change(db);
    ClusterRow k = cluster_row(db, cluster);
    require_active(k, on);
    OrgRow o = org_row(db, org);
    auto st = db.cached(k_membership_to_end);
    st->bind(":c", k.id);
    st->bind(":o", o.id);
    st->bind(":d", format_date(on));
    bind_date(*st, st->getIndex(":dissolved"), k.dissolved_on);
    if (!st->executeStep())
        throw Conflict(trf("{} is not a member of cluster {} on {}; the lead must be "
                           "one of its orgs (hlpb cluster join {} {} --on {})",
                           o.code, k.code, format_date(on), k.code, o.code, format_date(on)));
    const auto terms = lead_terms_from(db, k.id, on);
    for (const auto& t : terms) { // every refusal before the first write
        if (t.from > on)
            throw Conflict(trf("cluster {} has a lead term of {} starting {}, after {}; "
                               "lead changes must be entered in date order",
                               k.code, t.org, format_date(t.from), format_date(on)));
        if (t.org_id == o.id)
            throw Conflict(
                trf("{} already leads cluster {} (since {})", o.code, k.code, format_date(t.from)));
    }
    Notes notes;
    for (const auto& t : terms)
        end_row(db, k_end_lead, k_delete_lead, t.id, t.from, on,
                detail::lead_term_of(t.org, k.code), opt, notes);
    auto ins = db.cached(k_insert_lead);
    ins->bind(1, k.id);
    ins->bind(2, o.id);
    ins->bind(3, format_date(on));
    bind_end(*ins, 4, k);
    ins->exec();
    change.release();
    return notes;
}

Notes split_cluster(Database& db, const SplitRequest& r, const ChangeOptions& o) {
    detail::Savepoint change(db);
    ClusterRow parent = cluster_row(db, r.from);
    require_active(parent, r.on);
    Cluster parent_now = get_cluster(db, r.from, r.on);
    if (r.lead.empty())
        throw UsageError(tr("a split needs the new cluster's lead (--lead ORG)"));
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
            throw Conflict(trf("{} is not a member of cluster {} on {}; only its members "
                               "can be split off",
                               code, r.from, format_date(r.on)));
        if (it->is_lead)
            throw Conflict(trf("{} leads cluster {}; it stays. Choose other orgs, or "
                               "first make another member the lead of {}",
                               code, r.from, r.from));
    }
    if (!rules::has_other_org(static_cast<long>(moved.size())))
        throw Conflict(trf("the new cluster needs its lead and at least one other org "
                           "(1+X, X ≥ 1): add --orgs"));
    if (!rules::has_other_org(static_cast<long>(members.size() - moved.size())))
        throw Conflict(trf("cluster {} would keep {} org(s); it needs its lead and at "
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
        throw UsageError(tr("the new cluster needs a name (--name)"));
    if (detail::id_of(detail::sql(db), "cluster", child.code))
        throw Conflict(trf("cluster '{}' already exists; choose a new code", child.code));
    insert_cluster(db, child, parent.id);
    Notes notes;
    leave_many(db, parent, moved, r.on, o, notes);
    join_cluster(db, child.code, moved, r.on);
    set_lead(db, child.code, r.lead, r.on);
    change.release();
    return notes;
}

Notes dissolve_cluster(Database& db, const std::string& cluster, const Date& on,
                       const ChangeOptions& o) {
    detail::Savepoint change(db);
    refuse_unplanned_future(on, o, tr("a dissolve"));
    ClusterRow k = cluster_row(db, cluster);
    if (k.dissolved)
        throw Conflict(
            trf("cluster {} is dissolved on {} already", k.code, format_date(*k.dissolved_on)));
    if (on <= k.established)
        throw Conflict(trf("cluster {} was established on {}; it can only be dissolved "
                           "after that",
                           k.code, format_date(k.established)));
    auto later = db.cached("SELECT count(*) FROM cluster_org WHERE cluster_id = ? AND "
                           "from_date > ?");
    later->bind(1, k.id);
    later->bind(2, format_date(on));
    later->executeStep();
    if (later->getColumn(0).getInt() > 0)
        throw Conflict(trf("cluster {} has orgs joining after {}; dissolve it later", k.code,
                           format_date(on)));
    const auto terms = lead_terms_from(db, k.id, on);
    for (const auto& t : terms)
        if (t.from > on)
            throw Conflict(trf("cluster {} has a lead term of {} starting {}; dissolve "
                               "it later",
                               k.code, t.org, format_date(t.from)));
    Notes notes;
    for (const auto& t : terms)
        end_row(db, k_end_lead, k_delete_lead, t.id, t.from, on,
                detail::lead_term_of(t.org, k.code), o, notes);
    auto open = db.cached(R"sql(
SELECT m.id, m.from_date, o.code FROM cluster_org m JOIN org o ON o.id = m.org_id
WHERE m.cluster_id = ? AND (m.to_date IS NULL OR m.to_date > ?) ORDER BY o.code)sql");
    open->bind(1, k.id);
    open->bind(2, format_date(on));
    struct Open {
        std::int64_t id;
        Date from;
        std::string org;
    };
    std::vector<Open> rows;
    while (open->executeStep())
        rows.push_back({open->getColumn(0).getInt64(), column_date_required(open->getColumn(1)),
                        open->getColumn(2).getString()});
    for (const auto& r : rows)
        end_row(db, k_end_membership, k_delete_membership, r.id, r.from, on,
                detail::membership_of(r.org, k.code), o, notes);
    auto st = db.cached(k_dissolve);
    st->bind(1, format_date(on));
    st->bind(2, k.id);
    st->exec();
    change.release();
    return notes;
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
    auto changes = db.cached(k_field_changes);
    changes->bind(1, k.id);
    while (changes->executeStep())
        out.push_back({column_date_required(changes->getColumn(0)),
                       changes->getColumn(1).getString(), "", changes->getColumn(2).getString()});
    // Field changes after the events of their day (a change on the day established follows it).
    std::stable_sort(out.begin(), out.end(),
                     [](const ClusterEvent& a, const ClusterEvent& b) { return a.date < b.date; });
    return out;
}

} // namespace hlpb::db
