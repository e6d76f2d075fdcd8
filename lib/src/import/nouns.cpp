// Import and export of committees, clusters and orgs (SPEC §6): columns, row parsing, exports.
#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/resolve.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/nouns.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/sql_access.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <map>

namespace hlpb::import {
namespace {

const std::vector<Field> k_committee_fields = {
    {"code", "编码", true, {"委员会编码", "党委编码"}},
    {"name", "名称", true, {"党委名称"}},
    {"kind", "类型", false, {}, FieldType::text, vocab::committee_kinds()},
};
enum CommitteeCol { c_code, c_name, c_kind };

const std::vector<Field> k_cluster_fields = {
    {"code", "编码", true, {"联建片编码"}},
    {"name", "联建片名称", true, {"名称"}},
    {"committee", "上级党委", true, {}},
    {"principle", "划片原则", true, {}, FieldType::text, vocab::principles()},
    {"established", "成立日期", true, {}},
    {"instructor", "指导员", false, {"党建工作指导员"}},
    {"instructor_phone", "指导员电话", false, {}, FieldType::digits},
    {"community", "共建社区", false, {}},
    {"supervisor", "挂点干部", false, {}},
    {"supervisor_dept", "挂点部门", false, {}},
    {"parent", "原联建片", false, {"裂变自"}},
    {"status", "状态", false, {}, FieldType::text, vocab::cluster_statuses()},
    {"dissolved", "撤销日期", false, {}},
};
enum ClusterCol {
    k_code,
    k_name,
    k_committee,
    k_principle,
    k_established,
    k_instructor,
    k_instructor_phone,
    k_community,
    k_supervisor,
    k_supervisor_dept,
    k_parent,
    k_status,
    k_dissolved
};

const std::vector<Field> k_org_fields = {
    {"code", "党组织编码", true, {"编码"}},
    {"name", "党组织名称", true, {"名称"}},
    {"host_name", "单位名称", false, {}},
    {"host_uscc", "统一社会信用代码", false, {"信用代码"}, FieldType::digits},
    {"type", "单位类型", true, {}, FieldType::text, vocab::org_types()},
    {"form", "组织形式", false, {}, FieldType::text, vocab::org_forms()},
    {"committee", "上级党委", true, {}},
    {"cluster", "联建片", false, {}},
    {"cluster_since", "入片日期", false, {}},
    {"is_lead", "是否牵头", false, {"牵头党组织"}, FieldType::flag},
    {"founded", "成立日期", false, {}},
    {"closed", "撤销日期", false, {}},
    {"investor_is_secretary", "出资人兼任书记", false, {}, FieldType::flag},
    {"venue_m2", "阵地面积", false, {"阵地面积(平方米)"}, FieldType::number},
    {"venue_standard", "六有七室", false, {}, FieldType::flag},
    {"training_base", "实训基地", false, {}, FieldType::flag},
    {"weak", "软弱涣散", false, {}, FieldType::flag},
    {"typical", "典型", false, {"典型党组织"}, FieldType::flag},
};
enum OrgCol {
    o_code,
    o_name,
    o_host_name,
    o_host_uscc,
    o_type,
    o_form,
    o_committee,
    o_cluster,
    o_cluster_since,
    o_is_lead,
    o_founded,
    o_closed,
    o_investor,
    o_venue_m2,
    o_venue_standard,
    o_training_base,
    o_weak,
    o_typical
};

// Parsing of one cell; problems go to `errors` under the field's key.
struct Cells {
    const Row& row;
    const std::vector<Field>& fields;
    RowErrors& errors;

    const std::string& text(std::size_t i) const { return row[i]; }
    const std::string& key(std::size_t i) const { return fields[i].key; }

    std::optional<Date> date(std::size_t i) const {
        if (row[i].empty())
            return std::nullopt;
        auto d = parse_date(row[i]);
        if (!d)
            errors.add(key(i), trf("'{}' is not a date (use YYYY-MM-DD, YYYY/M/D or "
                                   "YYYY年M月D日)",
                                   row[i]));
        return d;
    }
    std::optional<bool> flag(std::size_t i) const {
        if (row[i].empty())
            return std::nullopt;
        auto b = validate::parse_bool(row[i]);
        if (!b)
            errors.add(key(i), trf("'{}' is not yes/no (1/0, 是/否)", row[i]));
        return b;
    }
    long long number(std::size_t i, const validate::NumberRule& rule) const {
        long long n = 0;
        if (row[i].empty())
            return 0;
        if (auto p = validate::check_number(row[i], rule, n); !p.empty())
            errors.add(key(i), p);
        return n;
    }
    // The key for the cell's value; the text itself when unknown, for validate_* to report.
    std::string term(std::size_t i, std::span<const vocab::Term> terms,
                     const char* fallback) const {
        if (row[i].empty())
            return fallback;
        std::string k = vocab::parse(terms, row[i]);
        return k.empty() ? row[i] : k;
    }
};

Summary run_noun(db::Database& db, const SourceOptions& source, const ImportOptions& o,
                 const std::vector<Field>& fields,
                 std::function<std::optional<Outcome>(const Row&, RowErrors&)> apply) {
    RowSource src(source, fields);
    Handler h;
    h.key_field = "code";
    h.key = [](const Row& r) { return r[0]; };
    h.apply = std::move(apply);
    return run(db, src, h, o);
}

// Past every dated value's start: a record's stored (current) values.
const Date k_far{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};

std::string date_text(const std::optional<Date>& d) {
    return d ? format_date(*d) : std::string();
}
out::Value date_value(const std::optional<Date>& d) {
    return d ? out::Value(format_date(*d)) : out::Value(nullptr);
}

// The problems of `checks` added to `errors`, those of a cell the resolver said more about
// (`told`: the closest records, the codes of a shared name) replaced by what it said.
void add_checks(RowErrors& errors, const RowErrors& checks, const RowErrors& told) {
    std::vector<bool> used(told.items().size());
    for (const auto& item : checks.items()) {
        std::size_t i = 0;
        while (i < told.items().size() && told.items()[i].field != item.field)
            ++i;
        if (i == told.items().size()) {
            errors.add(item.field, item.message);
        } else if (!used[i]) {
            errors.add(item.field, told.items()[i].message);
            used[i] = true;
        }
    }
    for (std::size_t i = 0; i < used.size(); ++i)
        if (!used[i])
            errors.add(told.items()[i].field, told.items()[i].message);
}

std::vector<out::Column> columns_of(const std::vector<Field>& fields) {
    std::vector<out::Column> cols;
    for (const auto& f : fields)
        cols.push_back({f.key, f.zh, false});
    return cols;
}

} // namespace

std::span<const Field> committee_fields() {
    return k_committee_fields;
}
std::span<const Field> cluster_fields() {
    return k_cluster_fields;
}
std::span<const Field> org_fields() {
    return k_org_fields;
}

Summary import_committees(db::Database& db, const SourceOptions& source, const ImportOptions& o) {
    return run_noun(db, source, o, k_committee_fields,
                    [&](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
                        Cells cells{row, k_committee_fields, errors};
                        Committee c{row[c_code], row[c_name],
                                    cells.term(c_kind, vocab::committee_kinds(), "street")};
                        if (!row.has(c_kind)) // a column the file lacks keeps the stored value
                            if (auto stored = db::find_committee(db, c.code))
                                c.kind = stored->kind;
                        db::validate_committee(c, errors);
                        if (!errors.empty())
                            return std::nullopt;
                        return in_savepoint(db, errors, "code",
                                            [&] { return db::upsert_committee(db, c); });
                    });
}

Summary import_clusters(db::Database& db, const SourceOptions& source, const ImportOptions& o) {
    const Date day = today_of(o);
    db::Resolver committees(db, db::RecordKind::committee); // code or full name
    return run_noun(
        db, source, o, k_cluster_fields,
        [&](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
            Cells cells{row, k_cluster_fields, errors};
            Cluster c;
            c.code = row[k_code];
            c.name = row[k_name];
            c.committee = row[k_committee];
            RowErrors told; // by the resolver
            committees.resolve_cell(c.committee, "committee", told);
            c.principle = cells.term(k_principle, vocab::principles(), "");
            c.established = cells.date(k_established);
            c.instructor = row[k_instructor];
            c.instructor_phone = row[k_instructor_phone];
            c.community = row[k_community];
            c.supervisor = row[k_supervisor];
            c.supervisor_dept = row[k_supervisor_dept];
            c.parent = row[k_parent];
            c.status = cells.term(k_status, vocab::cluster_statuses(), "active");
            c.dissolved = cells.date(k_dissolved);
            // A column the file lacks keeps the stored value (an empty cell clears it).
            if (auto stored = db::find_cluster(db, c.code, k_far)) {
                auto keep = [&](std::size_t col, std::string& value, const std::string& old) {
                    if (!row.has(col))
                        value = old;
                };
                keep(k_instructor, c.instructor, stored->instructor);
                keep(k_instructor_phone, c.instructor_phone, stored->instructor_phone);
                keep(k_community, c.community, stored->community);
                keep(k_supervisor, c.supervisor, stored->supervisor);
                keep(k_supervisor_dept, c.supervisor_dept, stored->supervisor_dept);
                keep(k_status, c.status, stored->status);
                if (!row.has(k_dissolved) && c.status == "dissolved")
                    c.dissolved = stored->dissolved;
            }
            RowErrors checks;
            db::validate_cluster(db, c, checks);
            add_checks(errors, checks, told);
            if (c.status != "active" && c.status != "dissolved")
                errors.add("status", trf("'{}' is not one of {}", c.status,
                                         vocab::keys(vocab::cluster_statuses())));
            if (c.status == "dissolved" && !c.dissolved && row[k_dissolved].empty())
                errors.add("dissolved", tr("a dissolved cluster needs its dissolved date"));
            if (c.status == "active" && c.dissolved)
                errors.add("status", tr("an active cluster has no dissolved date"));
            if (!c.parent.empty() && c.parent == c.code)
                errors.add("parent", tr("a cluster cannot split from itself"));
            if (!errors.empty())
                return std::nullopt;
            return in_savepoint(db, errors, "code", [&] {
                Outcome out = db::upsert_cluster(db, c, day);
                Cluster stored = db::get_cluster(db, c.code, day);
                long long before = db::detail::sql(db).getTotalChanges();
                if (!c.parent.empty() && stored.parent != c.parent) {
                    if (!db::find_cluster(db, c.parent, *c.established))
                        throw InvalidInput("parent", trf("no cluster '{}' (list the parent "
                                                         "before the clusters split from it)",
                                                         c.parent));
                    db::set_cluster_parent(db, c.code, c.parent);
                }
                if (c.status == "dissolved" && stored.status != "dissolved")
                    db::dissolve_cluster(db, c.code, *c.dissolved, {.today = day});
                else if (c.status == "active" && stored.status == "dissolved")
                    throw Conflict(trf("cluster {} was dissolved on {}; a dissolved "
                                       "cluster is not reopened by import",
                                       c.code, date_text(stored.dissolved)));
                if (out == Outcome::unchanged && db::detail::sql(db).getTotalChanges() != before)
                    out = Outcome::updated;
                return out;
            });
        });
}

Summary import_orgs(db::Database& db, const SourceOptions& source, const ImportOptions& o) {
    // The line of the first row of the file that makes an org the lead, per cluster: a second
    // one is refused (one lead at a time; the last row would silently win).
    std::map<std::string, long> lead_lines;
    const Date day = today_of(o);
    db::Resolver committees(db, db::RecordKind::committee); // code or full name
    db::Resolver clusters(db, db::RecordKind::cluster);
    return run_noun(
        db, source, o, k_org_fields,
        [&](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
            Cells cells{row, k_org_fields, errors};
            db::OrgImportRow r;
            Org& g = r.org;
            g.code = row[o_code];
            g.name = row[o_name];
            g.host_name = row[o_host_name];
            g.host_uscc = row[o_host_uscc];
            if (validate::looks_like_excel_scientific(g.host_uscc)) {
                errors.add("host_uscc", trf("'{}' was turned into a number by Excel; "
                                            "format the column as text and type it again",
                                            g.host_uscc));
                g.host_uscc.clear(); // reported; validate_org need not add its length
            }
            g.type = cells.term(o_type, vocab::org_types(), "");
            g.form = cells.term(o_form, vocab::org_forms(), "branch");
            g.committee = row[o_committee];
            g.cluster = row[o_cluster];
            r.cluster_since = cells.date(o_cluster_since);
            RowErrors told; // by the resolver
            committees.resolve_cell(g.committee, "committee", told);
            clusters.resolve_cell(g.cluster, "cluster", told, r.cluster_since.value_or(day));
            g.is_lead = cells.flag(o_is_lead).value_or(false);
            g.founded = cells.date(o_founded);
            auto closed = cells.date(o_closed);
            g.investor_is_secretary = cells.flag(o_investor).value_or(false);
            g.venue_m2 = cells.number(o_venue_m2, validate::k_venue_m2);
            g.venue_standard = cells.flag(o_venue_standard).value_or(false);
            r.training_base = cells.flag(o_training_base);
            r.weak = cells.flag(o_weak);
            r.typical = cells.flag(o_typical);
            // A column the file lacks keeps the stored value (an empty cell clears it); the
            // flags and the placement are left as they are by upsert_org already.
            if (auto stored = db::find_org(db, g.code, k_far)) {
                const auto absent = [&](std::size_t col) { return !row.has(col); };
                if (absent(o_host_name))
                    g.host_name = stored->host_name;
                if (absent(o_host_uscc))
                    g.host_uscc = stored->host_uscc;
                if (absent(o_form))
                    g.form = stored->form;
                if (absent(o_founded))
                    g.founded = stored->founded;
                if (absent(o_investor))
                    g.investor_is_secretary = stored->investor_is_secretary;
                if (absent(o_venue_m2))
                    g.venue_m2 = stored->venue_m2;
                if (absent(o_venue_standard))
                    g.venue_standard = stored->venue_standard;
            }
            if (g.is_lead && g.cluster.empty())
                errors.add("is_lead", tr("a lead needs its cluster (联建片)"));
            if (g.is_lead && !g.cluster.empty()) {
                auto [first, inserted] = lead_lines.emplace(g.cluster, row.line);
                if (!inserted)
                    errors.add("is_lead", trf("a second lead of cluster {} (the first "
                                              "on line {}); a cluster has one lead at "
                                              "a time",
                                              g.cluster, first->second));
            }
            if (closed && g.founded && *closed < *g.founded)
                errors.add("closed", trf("{} is before founded {}", format_date(*closed),
                                         format_date(*g.founded)));
            if (closed && r.cluster_since && *closed < *r.cluster_since)
                errors.add("closed", trf("{} is before cluster_since {}", format_date(*closed),
                                         format_date(*r.cluster_since)));
            RowErrors checks;
            db::validate_org(db, g, checks);
            add_checks(errors, checks, told);
            if (!errors.empty())
                return std::nullopt;
            return in_savepoint(db, errors, "cluster", [&] {
                Outcome out = db::upsert_org(db, r, day);
                auto stored = db::get_org(db, g.code, day);
                if (closed && !stored.closed) {
                    try { // whatever refuses the closing is about `closed`
                        db::close_org(db, g.code, *closed, {.today = day});
                    } catch (const Conflict& e) {
                        throw InvalidInput("closed", e.what());
                    }
                    if (out == Outcome::unchanged)
                        out = Outcome::updated;
                }
                return out;
            });
        });
}

out::Table export_committees(db::Database& db) {
    out::Table t{columns_of(k_committee_fields), {}};
    for (const auto& s : db::list_committees(db, k_far)) // the counts are not exported
        t.rows.push_back({s.committee.code, s.committee.name, s.committee.kind});
    return t;
}

out::Table export_clusters(db::Database& db) {
    out::Table t{columns_of(k_cluster_fields), {}};
    // Every cluster as it stands now; parents before the clusters split from them.
    const Date far = Date{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};
    for (const auto& code : db::cluster_codes(db)) {
        Cluster c = db::get_cluster(db, code, far);
        t.rows.push_back({c.code, c.name, c.committee, c.principle, date_value(c.established),
                          c.instructor, c.instructor_phone, c.community, c.supervisor,
                          c.supervisor_dept, c.parent, c.status, date_value(c.dissolved)});
    }
    return t;
}

out::Table export_orgs(db::Database& db, const Date& as_of) {
    out::Table t{columns_of(k_org_fields), {}};
    db::OrgFilter f;
    f.status = "any";
    for (const Org& o : db::list_orgs(db, as_of, f)) {
        std::optional<Date> since;
        if (!o.cluster.empty())
            for (const auto& m : db::org_memberships(db, o.code))
                if (m.cluster == o.cluster && m.span.contains(as_of))
                    since = m.span.from;
        t.rows.push_back({o.code, o.name, o.host_name, o.host_uscc, o.type, o.form, o.committee,
                          o.cluster, date_value(since), o.is_lead, date_value(o.founded),
                          date_value(o.closed), o.investor_is_secretary, o.venue_m2,
                          o.venue_standard, o.training_base, o.weak, o.typical});
    }
    return t;
}

} // namespace hlpb::import
