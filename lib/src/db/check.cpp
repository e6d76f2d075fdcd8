#include <hlpb/db/check.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/rules/structure.hpp>
#include <hlpb/validate.hpp>

#include "db/field_history.hpp"
#include "db/sql_access.hpp"
#include "words.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace hlpb::db {
namespace {

// Each query yields (subject, message key, up to four arguments) rows; :d is today.
struct Query {
    const char* check;
    const char* sql;
};

constexpr Query k_queries[] = {
    {"one_cluster", R"sql(
SELECT o.code, 'one_cluster', ka.code, a.from_date, kb.code, b.from_date
FROM cluster_org a
JOIN cluster_org b ON b.org_id = a.org_id AND b.id > a.id
 AND a.from_date < coalesce(b.to_date, '9999-12-31') AND b.from_date < coalesce(a.to_date, '9999-12-31')
JOIN org o ON o.id = a.org_id
JOIN cluster ka ON ka.id = a.cluster_id JOIN cluster kb ON kb.id = b.cluster_id)sql"},
    {"one_lead", R"sql(
SELECT k.code, 'one_lead', oa.code, a.from_date, ob.code, b.from_date
FROM cluster_lead a
JOIN cluster_lead b ON b.cluster_id = a.cluster_id AND b.id > a.id
 AND a.from_date < coalesce(b.to_date, '9999-12-31') AND b.from_date < coalesce(a.to_date, '9999-12-31')
JOIN cluster k ON k.id = a.cluster_id JOIN org oa ON oa.id = a.org_id JOIN org ob ON ob.id = b.org_id)sql"},
    {"lead_member", R"sql(
SELECT k.code, 'lead_member', o.code, l.from_date, NULL, NULL
FROM cluster_lead l JOIN cluster k ON k.id = l.cluster_id JOIN org o ON o.id = l.org_id
WHERE NOT EXISTS (
  SELECT 1 FROM cluster_org m
  WHERE m.cluster_id = l.cluster_id AND m.org_id = l.org_id AND m.from_date <= l.from_date
    AND (m.to_date IS NULL OR (l.to_date IS NOT NULL AND m.to_date >= l.to_date))))sql"},
    {"dates", R"sql(
SELECT o.code, 'before_established', k.code, m.from_date, k.established, NULL
FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id JOIN org o ON o.id = m.org_id
WHERE m.from_date < k.established
UNION ALL
SELECT o.code, 'before_founded', k.code, m.from_date, o.founded, NULL
FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id JOIN org o ON o.id = m.org_id
WHERE o.founded IS NOT NULL AND m.from_date < o.founded
UNION ALL
SELECT o.code, 'closed_in_cluster', o.closed, k.code, NULL, NULL
FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id JOIN org o ON o.id = m.org_id
WHERE o.closed IS NOT NULL AND coalesce(m.to_date, '9999-12-31') > o.closed
UNION ALL
SELECT k.code, 'dissolved_with_member', k.dissolved, o.code, NULL, NULL
FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id JOIN org o ON o.id = m.org_id
WHERE k.dissolved IS NOT NULL AND coalesce(m.to_date, '9999-12-31') > k.dissolved)sql"},
    {"member_one_org", R"sql(
WITH spans(member_id, org_id, f, t) AS (
  SELECT id, org_id, org_since, coalesce(left_on, '9999-12-31') FROM member
  UNION ALL
  SELECT member_id, org_id, from_date, to_date FROM member_org_history)
SELECT m.id_number, 'member_one_org', oa.code, a.f, ob.code, b.f
FROM spans a JOIN spans b ON b.member_id = a.member_id AND (a.f, a.org_id) < (b.f, b.org_id)
 AND a.f < b.t AND b.f < a.t
JOIN member m ON m.id = a.member_id JOIN org oa ON oa.id = a.org_id JOIN org ob ON ob.id = b.org_id)sql"},
    {"closed_members", R"sql(
WITH spans(org_id, t) AS (
  SELECT org_id, coalesce(left_on, '9999-12-31') FROM member
  UNION ALL
  SELECT org_id, to_date FROM member_org_history)
SELECT o.code, 'closed_members', o.closed, count(*), NULL, NULL
FROM spans s JOIN org o ON o.id = s.org_id
WHERE o.closed IS NOT NULL AND s.t > o.closed
GROUP BY o.id)sql"},
    {"one_secretary", R"sql(
WITH terms(member_id, org_id, f, t) AS (
  SELECT id, org_id, role_since, coalesce(left_on, '9999-12-31') FROM member WHERE role = 'secretary'
  UNION ALL
  SELECT member_id, org_id, from_date, to_date FROM member_role_history WHERE role = 'secretary')
SELECT o.code, 'one_secretary', ma.name, a.f, mb.name, b.f
FROM terms a JOIN terms b ON b.org_id = a.org_id AND a.member_id < b.member_id
 AND a.f < b.t AND b.f < a.t
JOIN org o ON o.id = a.org_id JOIN member ma ON ma.id = a.member_id JOIN member mb ON mb.id = b.member_id)sql"},
};

// The sentence of a finding's key (the queries' second column); its arguments are the four
// columns that follow (the unused ones are NULL).
const char* finding(const std::string& key) {
    struct Finding {
        std::string_view key;
        const char* message;
    };
    static constexpr Finding k_findings[] = {
        {"one_cluster", N_("in clusters {} (from {}) and {} (from {}) at the same time")},
        {"one_lead", N_("two leads at the same time: {} (from {}) and {} (from {})")},
        {"lead_member", N_("lead {} (from {}) is not a member of the cluster for the whole term")},
        {"before_established", N_("joins cluster {} on {}, before it was established ({})")},
        {"before_founded", N_("joins cluster {} on {}, before it was founded ({})")},
        {"closed_in_cluster", N_("closed on {} but in cluster {} after that")},
        {"dissolved_with_member", N_("dissolved on {} but {} is a member after that")},
        {"member_one_org", N_("in orgs {} (from {}) and {} (from {}) at the same time")},
        {"closed_members", N_("closed on {} but {} member(s) in it after that (move them: hlpb "
                              "member transfer ID ORG)")},
        {"one_secretary", N_("two secretaries at the same time: {} (from {}) and {} (from {})")},
    };
    for (const auto& f : k_findings)
        if (f.key == key)
            return tr(f.message);
    throw std::logic_error("db check: no sentence for finding " + key);
}

// Clusters active on :d with what the 1+X rule (rules/structure.hpp) reads: the dated fields as
// they were on :d (migration 004), whether a lead holds :d and the member orgs on :d.
constexpr const char* k_structure = R"sql(
SELECT k.code, %principle%, %instructor%, %community%, %supervisor%,
       EXISTS (SELECT 1 FROM cluster_lead l WHERE l.cluster_id = k.id AND l.from_date <= :d
                 AND (l.to_date IS NULL OR l.to_date > :d)),
       (SELECT count(*) FROM cluster_org m WHERE m.cluster_id = k.id AND m.from_date <= :d
          AND (m.to_date IS NULL OR m.to_date > :d))
FROM cluster k WHERE k.established <= :d AND (k.dissolved IS NULL OR k.dissolved > :d))sql";

std::string structure_sql() {
    std::string sql = k_structure;
    for (const char* field : {"principle", "instructor", "community", "supervisor"}) {
        const std::string slot = std::string("%") + field + "%";
        sql.replace(sql.find(slot), slot.size(), detail::value_at("cluster", "k", field, false));
    }
    return sql;
}

std::string structure_message(rules::StructureLack lack, const std::string& code,
                              const rules::StructureInput& k) {
    switch (lack) {
    case rules::StructureLack::lead:
        return trf("has no lead org (set one: hlpb cluster set-lead {} ORG)", code);
    case rules::StructureLack::other_org:
        return trf("has {} org(s); 1+X needs the lead and at least one other", k.orgs);
    case rules::StructureLack::instructor:
        return tr("has no instructor (党建工作指导员)");
    case rules::StructureLack::community:
        return tr("is geographic but has no partner community (共建社区)");
    case rules::StructureLack::supervisor:
        return trf("is {} but has no supervising cadre (挂点干部)",
                   words::term(vocab::principles(), k.principle));
    }
    return {};
}

// Invariant 5 on `today`, by the one rule of rules/structure.hpp.
void check_structure(Database& db, const Date& today, std::vector<Breach>& out) {
    static const std::string sql = structure_sql();
    SQLite::Statement st(detail::sql(db), sql);
    st.bind(":d", format_date(today));
    while (st.executeStep()) {
        const std::string code = st.getColumn(0).getString();
        rules::StructureInput k;
        k.principle = st.getColumn(1).getString();
        k.instructor = st.getColumn(2).getString();
        k.community = st.getColumn(3).getString();
        k.supervisor = st.getColumn(4).getString();
        k.has_lead = st.getColumn(5).getInt() != 0;
        k.orgs = st.getColumn(6).getInt();
        for (auto lack : rules::structure_lacks(k))
            out.push_back({"structure", code, structure_message(lack, code, k)});
    }
}

} // namespace

std::span<const vocab::Term> check_kinds() {
    static constexpr vocab::Term k_kinds[] = {
        {"one_cluster", "一个党组织只入一个联建片", "One cluster per org"},
        {"one_lead", "一个联建片一个牵头党组织", "One lead org per cluster"},
        {"lead_member", "牵头党组织在片内", "Lead org in its cluster"},
        {"dates", "日期先后", "Dates in order"},
        {"member_one_org", "党员只在一个党组织", "One org per member"},
        {"closed_members", "撤销的党组织无党员", "No members in a closed org"},
        {"one_secretary", "一个党组织一名书记", "One secretary per org"},
        {"structure", "“1+X”结构", "1+X structure"},
        {"integrity", "数据库完整性", "Database integrity"},
        {"foreign_key", "引用完整性", "References"},
        {"uscc", "统一社会信用代码", "Credit code"},
    };
    return k_kinds;
}

std::vector<Breach> check_database(Database& db, const Date& today) {
    std::vector<Breach> out;
    {
        auto st = db.cached("PRAGMA integrity_check");
        while (st->executeStep()) {
            std::string r = st->getColumn(0).getString();
            if (r != "ok")
                out.push_back({"integrity", "database", r});
        }
    }
    {
        auto st = db.cached("PRAGMA foreign_key_check");
        while (st->executeStep())
            out.push_back({"foreign_key", st->getColumn(0).getString(),
                           trf("row {} refers to a missing {} row", st->getColumn(1).getString(),
                               st->getColumn(2).getString())});
    }
    for (const auto& q : k_queries) {
        SQLite::Statement st(detail::sql(db), q.sql);
        if (st.getBindParameterCount() > 0)
            st.bind(":d", format_date(today));
        const bool personal = std::string_view(q.check) == "member_one_org";
        while (st.executeStep()) {
            std::string subject = st.getColumn(0).getString();
            out.push_back({q.check, personal ? id_number::mask(subject) : subject,
                           fmt::format(fmt::runtime(finding(st.getColumn(1).getString())),
                                       st.getColumn(2).getString(), st.getColumn(3).getString(),
                                       st.getColumn(4).getString(), st.getColumn(5).getString())});
        }
    }
    check_structure(db, today, out);
    {
        auto st = db.cached("SELECT code, host_uscc FROM org WHERE host_uscc <> '' "
                            "ORDER BY code");
        while (st->executeStep()) {
            auto problem = validate::check_uscc(st->getColumn(1).getString());
            if (!problem.empty())
                out.push_back({"uscc", st->getColumn(0).getString(), problem});
        }
    }
    std::stable_sort(out.begin(), out.end(), [](const Breach& a, const Breach& b) {
        return std::tie(a.check, a.subject) < std::tie(b.check, b.subject);
    });
    return out;
}

} // namespace hlpb::db
