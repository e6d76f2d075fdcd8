#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/field_history.hpp"
#include "db/savepoint.hpp"
#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "words.hpp"

#include <fmt/format.h>

#include <tuple>

namespace hlpb::db {
namespace {

using detail::bind_date;
using detail::column_date;
using detail::column_date_required;

// Orgs with their placement and flags at :d.
constexpr const char* k_select_orgs = R"sql(
SELECT * FROM (
  SELECT o.code, o.name, o.host_name, o.host_uscc, o.type, o.form, c.code, o.founded,
         CASE WHEN o.closed <= :d THEN o.closed END, %investor_is_secretary%, %venue_m2%,
         %venue_standard%,
         coalesce((SELECT k.code FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id
                    WHERE m.org_id = o.id AND m.from_date <= :d
                      AND (m.to_date IS NULL OR m.to_date > :d)), '') AS cluster,
         EXISTS (SELECT 1 FROM cluster_lead l WHERE l.org_id = o.id AND l.from_date <= :d
                    AND (l.to_date IS NULL OR l.to_date > :d)) AS is_lead,
         EXISTS (SELECT 1 FROM org_flag f WHERE f.org_id = o.id AND f.flag = 'weak'
                    AND f.from_date <= :d AND (f.to_date IS NULL OR f.to_date > :d)) AS weak,
         EXISTS (SELECT 1 FROM org_flag f WHERE f.org_id = o.id AND f.flag = 'typical'
                    AND f.from_date <= :d AND (f.to_date IS NULL OR f.to_date > :d)) AS typical,
         EXISTS (SELECT 1 FROM org_flag f WHERE f.org_id = o.id AND f.flag = 'training_base'
                    AND f.from_date <= :d AND (f.to_date IS NULL OR f.to_date > :d)) AS training,
         CASE WHEN o.closed IS NOT NULL AND o.closed <= :d THEN 'closed' ELSE 'open' END AS status,
         c.name,
         coalesce((SELECT k.name FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id
                    WHERE m.org_id = o.id AND m.from_date <= :d
                      AND (m.to_date IS NULL OR m.to_date > :d)), ''),
         o.id AS o_id
  FROM org o JOIN committee c ON c.id = o.committee_id
  WHERE %CODE%
    AND (:committee = '' OR c.code = :committee)
    AND (:type = '' OR o.type = :type))
WHERE (:cluster = '' OR cluster = :cluster OR (:cluster = '-' AND cluster = ''))
  AND (:status = 'any' OR status = :status)
  AND (:flag = '' OR (:flag = 'weak' AND weak) OR (:flag = 'typical' AND typical)
       OR (:flag = 'training_base' AND training))
  AND (:weak = 0 OR weak) AND (:typical = 0 OR typical) AND (:training = 0 OR training)
  AND (:lead = 0 OR is_lead)
  AND (:no_secretary = 0
       OR NOT (EXISTS (SELECT 1 FROM member x
                        WHERE x.org_id = o_id AND x.role = 'secretary' AND x.role_since <= :d
                          AND (x.left_on IS NULL OR x.left_on > :d))
               OR EXISTS (SELECT 1 FROM member_role_history r
                           WHERE r.org_id = o_id AND r.role = 'secretary'
                             AND r.from_date <= :d AND r.to_date > :d)))
  AND (:flagged = ''
       OR EXISTS (SELECT 1 FROM org_flag g
                   WHERE g.org_id = o_id AND g.flag = :flagged AND g.from_date <= :flagged_to
                     AND (g.to_date IS NULL OR g.to_date > :flagged_from)))
ORDER BY 1)sql";

constexpr const char* k_insert_org = R"sql(
INSERT INTO org(code, name, host_name, host_uscc, type, form, committee_id, founded,
                investor_is_secretary, venue_m2, venue_standard)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql";

constexpr const char* k_update_org = R"sql(
UPDATE org SET name = ?, host_name = ?, host_uscc = ?, type = ?, form = ?, committee_id = ?,
               founded = ?, investor_is_secretary = ?, venue_m2 = ?, venue_standard = ?
WHERE code = ?
  AND (name, host_name, host_uscc, type, form, committee_id, coalesce(founded, ''),
       investor_is_secretary, venue_m2, venue_standard)
      IS NOT (?, ?, ?, ?, ?, ?, coalesce(?, ''), ?, ?, ?))sql";

constexpr const char* k_flag_terms_from = R"sql(
SELECT id, from_date FROM org_flag
WHERE org_id = ? AND flag = ? AND (to_date IS NULL OR to_date > ?)
ORDER BY from_date)sql";
constexpr const char* k_insert_flag =
    "INSERT INTO org_flag(org_id, flag, from_date, note) VALUES (?, ?, ?, ?)";
constexpr const char* k_end_flag = "UPDATE org_flag SET to_date = ? WHERE id = ?";
constexpr const char* k_delete_flag = "DELETE FROM org_flag WHERE id = ?";

constexpr const char* k_flag_history = R"sql(
SELECT f.flag, f.from_date, f.to_date, f.note FROM org_flag f
WHERE f.org_id = ? ORDER BY f.from_date, f.flag)sql";

constexpr const char* k_honors =
    "SELECT date, title, level FROM org_honor WHERE org_id = ? ORDER BY date, title";

constexpr const char* k_memberships = R"sql(
SELECT k.code, m.from_date, m.to_date FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id
WHERE m.org_id = ? ORDER BY m.from_date)sql";
constexpr const char* k_lead_terms = R"sql(
SELECT k.code, l.from_date, l.to_date FROM cluster_lead l JOIN cluster k ON k.id = l.cluster_id
WHERE l.org_id = ? ORDER BY l.from_date)sql";

constexpr const char* k_close_org = "UPDATE org SET closed = ? WHERE id = ?";

// Members of the org on or after :d (now, or in a closed term of its history).
constexpr const char* k_members_from = R"sql(
SELECT (SELECT count(*) FROM member WHERE org_id = :o AND (left_on IS NULL OR left_on > :d))
     + (SELECT count(*) FROM member_org_history WHERE org_id = :o AND to_date > :d))sql";

const Date k_far{std::chrono::year{9999}, std::chrono::December, std::chrono::day{31}};

struct OrgRow {
    std::int64_t id;
    std::optional<Date> founded;
    std::optional<Date> closed;
};

OrgRow org_row(Database& db, const std::string& code) {
    auto st = db.cached("SELECT id, founded, closed FROM org WHERE code = ?");
    st->bind(1, code);
    if (!st->executeStep())
        throw NotFound(trf("no org '{}' (see: hlpb org list)", code));
    return {st->getColumn(0).getInt64(), column_date(st->getColumn(1)),
            column_date(st->getColumn(2))};
}

// With `names`, the committee's and cluster's names of each org too.
std::vector<Org> select_orgs(Database& db, const Date& as_of, const std::string& code,
                             const OrgFilter& f, const std::string& status,
                             std::vector<OrgNames>* names = nullptr) {
    // One of two constant conditions: an indexed lookup by code, or every org existing at :d.
    auto with = [](const char* condition) {
        std::string sql = k_select_orgs;
        sql.replace(sql.find("%CODE%"), 6, condition);
        return detail::with_values_at(sql, "org", "o", true);
    };
    static const std::string existing = with("(o.founded IS NULL OR o.founded <= :d)"),
                             by_code = with("o.code = :code");
    auto st = db.cached((code.empty() ? existing : by_code).c_str()); // static: stable keys
    st->bind(":d", format_date(as_of));
    if (!code.empty())
        st->bind(":code", code);
    st->bind(":committee", f.committee);
    st->bind(":type", f.type);
    st->bind(":cluster", f.cluster);
    st->bind(":status", status);
    st->bind(":flag", f.flag);
    st->bind(":weak", f.weak ? 1 : 0);
    st->bind(":typical", f.typical ? 1 : 0);
    st->bind(":training", f.training_base ? 1 : 0);
    st->bind(":lead", f.lead ? 1 : 0);
    st->bind(":no_secretary", f.no_secretary ? 1 : 0);
    st->bind(":flagged", f.flagged);
    st->bind(":flagged_from", f.flagged_from ? format_date(*f.flagged_from) : std::string());
    st->bind(":flagged_to", format_date(f.flagged_to ? *f.flagged_to : as_of));
    std::vector<Org> out;
    while (st->executeStep()) {
        Org o;
        o.code = st->getColumn(0).getString();
        o.name = st->getColumn(1).getString();
        o.host_name = st->getColumn(2).getString();
        o.host_uscc = st->getColumn(3).getString();
        o.type = st->getColumn(4).getString();
        o.form = st->getColumn(5).getString();
        o.committee = st->getColumn(6).getString();
        o.founded = column_date(st->getColumn(7));
        o.closed = column_date(st->getColumn(8));
        o.investor_is_secretary = st->getColumn(9).getInt() != 0;
        o.venue_m2 = st->getColumn(10).getInt64();
        o.venue_standard = st->getColumn(11).getInt() != 0;
        o.cluster = st->getColumn(12).getString();
        o.is_lead = st->getColumn(13).getInt() != 0;
        o.weak = st->getColumn(14).getInt() != 0;
        o.typical = st->getColumn(15).getInt() != 0;
        o.training_base = st->getColumn(16).getInt() != 0;
        if (names != nullptr)
            names->push_back({st->getColumn(18).getString(), st->getColumn(19).getString()});
        out.push_back(std::move(o));
    }
    return out;
}

std::int64_t committee_id(Database& db, const std::string& code) {
    auto id = detail::id_of(detail::sql(db), "committee", code);
    if (!id)
        throw NotFound(trf("no committee '{}' (see: hlpb committee list)", code));
    return *id;
}

void bind_org_columns(SQLite::Statement& st, int first, const Org& o, std::int64_t committee) {
    st.bind(first, o.name);
    st.bind(first + 1, o.host_name);
    st.bind(first + 2, o.host_uscc);
    st.bind(first + 3, o.type);
    st.bind(first + 4, o.form);
    st.bind(first + 5, committee);
    bind_date(st, first + 6, o.founded);
    st.bind(first + 7, o.investor_is_secretary ? 1 : 0);
    st.bind(first + 8, static_cast<int64_t>(o.venue_m2));
    st.bind(first + 9, o.venue_standard ? 1 : 0);
}

void require_flag(const std::string& flag) {
    if (vocab::parse(vocab::org_flags(), flag) != flag || flag.empty())
        throw UsageError(
            trf("unknown flag '{}' (known: {})", flag, vocab::keys(vocab::org_flags())));
}

// The first lead term of a cluster that lasts past `since` (open, or ending after it).
std::optional<LeadTerm> lead_term_reaching(Database& db, const std::string& cluster,
                                           const Date& since) {
    auto st = db.cached(R"sql(
SELECT o.code, l.from_date, l.to_date FROM cluster_lead l JOIN org o ON o.id = l.org_id
WHERE l.cluster_id = (SELECT id FROM cluster WHERE code = ?)
  AND (l.to_date IS NULL OR l.to_date > ?)
ORDER BY l.from_date LIMIT 1)sql");
    st->bind(1, cluster);
    st->bind(2, format_date(since));
    if (!st->executeStep())
        return std::nullopt;
    return LeadTerm{cluster, st->getColumn(0).getString(),
                    Span{column_date_required(st->getColumn(1)), column_date(st->getColumn(2))}};
}

// The latest membership of the org that is still open, if any.
std::optional<ClusterMembership> open_membership(Database& db, const std::string& code) {
    for (const auto& m : org_memberships(db, code))
        if (!m.span.to)
            return m;
    return std::nullopt;
}

} // namespace

std::vector<Org> list_orgs(Database& db, const Date& as_of, const OrgFilter& f) {
    return select_orgs(db, as_of, "", f, f.status.empty() ? "open" : f.status);
}

std::vector<Org> list_orgs(Database& db, const Date& as_of, const OrgFilter& f,
                           std::vector<OrgNames>& names) {
    names.clear();
    return select_orgs(db, as_of, "", f, f.status.empty() ? "open" : f.status, &names);
}

std::optional<Org> find_org(Database& db, const std::string& code, const Date& as_of) {
    if (code.empty())
        return std::nullopt;
    auto rows = select_orgs(db, as_of, code, {}, "any");
    if (rows.empty())
        return std::nullopt;
    return rows.front();
}

Org get_org(Database& db, const std::string& code, const Date& as_of) {
    auto o = find_org(db, code, as_of);
    if (!o)
        throw NotFound(trf("no org '{}' (see: hlpb org list)", code));
    return *o;
}

void validate_org(Database& db, Org& o, import::RowErrors& errors) {
    if (!detail::clean_texts({{"code", &o.code},
                              {"name", &o.name},
                              {"host_name", &o.host_name},
                              {"host_uscc", &o.host_uscc},
                              {"type", &o.type},
                              {"form", &o.form},
                              {"committee", &o.committee},
                              {"cluster", &o.cluster}},
                             errors))
        return;
    if (auto p = validate::check_code(o.code); !p.empty())
        errors.add("code", p);
    if (o.name.empty())
        errors.add("name", tr("is empty"));
    if (o.type.empty())
        errors.add("type", tr("is required (enterprise/social, 非公企业/社会组织)"));
    else if (vocab::parse(vocab::org_types(), o.type).empty())
        errors.add("type", trf("'{}' is not one of {}", o.type, vocab::keys(vocab::org_types())));
    if (vocab::parse(vocab::org_forms(), o.form).empty())
        errors.add("form", trf("'{}' is not one of {}", o.form, vocab::keys(vocab::org_forms())));
    if (o.committee.empty())
        errors.add("committee", tr("is empty"));
    else if (!detail::id_of(detail::sql(db), "committee", o.committee))
        errors.add("committee", trf("no committee '{}' (add it first, or import the "
                                    "committees file before this one)",
                                    o.committee));
    if (!o.host_uscc.empty())
        if (auto p = validate::check_uscc(o.host_uscc); !p.empty())
            errors.add("host_uscc", p);
    if (auto p = validate::check_number(o.venue_m2, validate::k_venue_m2); !p.empty())
        errors.add("venue_m2", p);
    if (!o.cluster.empty() && !detail::id_of(detail::sql(db), "cluster", o.cluster))
        errors.add("cluster", trf("no cluster '{}' (import the clusters file first)", o.cluster));
}

void add_org(Database& db, const Org& o) {
    if (detail::id_of(detail::sql(db), "org", o.code))
        throw Conflict(
            trf("org '{}' already exists (change it with: hlpb org edit {})", o.code, o.code));
    auto st = db.cached(k_insert_org);
    st->bind(1, o.code);
    bind_org_columns(*st, 2, o, committee_id(db, o.committee));
    st->exec();
}

Notes edit_org(Database& db, const Org& o, std::optional<Date> on, const ChangeOptions& opt) {
    detail::Savepoint change(db);
    OrgRow row = org_row(db, o.code);
    if (o.founded && (!row.founded || *o.founded != *row.founded)) {
        auto st = db.cached("SELECT min(from_date) FROM cluster_org WHERE org_id = ?");
        st->bind(1, row.id);
        if (st->executeStep() && !st->getColumn(0).isNull() &&
            st->getColumn(0).getString() < format_date(*o.founded))
            throw Conflict(trf("org {} is in a cluster since {}; it cannot be founded "
                               "later than that",
                               o.code, st->getColumn(0).getString()));
    }
    std::int64_t committee = committee_id(db, o.committee);
    // The stored (current) values; a far date is past every earlier value's end.
    const Org old = get_org(db, o.code, k_far);
    auto flag_text = [](bool b) { return std::string(b ? "1" : "0"); };
    Notes notes;
    detail::record_field_changes(
        db, "org", row.id, detail::subject_of("org", o.code), row.founded,
        {{"investor_is_secretary", flag_text(old.investor_is_secretary),
          flag_text(o.investor_is_secretary)},
         {"venue_m2", std::to_string(old.venue_m2), std::to_string(o.venue_m2)},
         {"venue_standard", flag_text(old.venue_standard), flag_text(o.venue_standard)}},
        on ? *on : opt.now(), opt, notes);
    detail::note_current_only(notes, "name", old.name, o.name);
    detail::note_current_only(notes, "host_name", old.host_name, o.host_name);
    detail::note_current_only(notes, "host_uscc", old.host_uscc, o.host_uscc);
    detail::note_current_only(notes, "type", old.type, o.type);
    detail::note_current_only(notes, "form", old.form, o.form);
    detail::note_current_only(notes, "committee", old.committee, o.committee);
    if (o.founded)
        detail::note_current_only(notes, "founded",
                                  old.founded ? format_date(*old.founded) : std::string(),
                                  format_date(*o.founded));
    auto st = db.cached(k_update_org);
    bind_org_columns(*st, 1, o, committee);
    st->bind(11, o.code);
    bind_org_columns(*st, 12, o, committee);
    st->exec();
    change.release();
    return notes;
}

Notes close_org(Database& db, const std::string& code, const Date& on, const ChangeOptions& opt) {
    detail::Savepoint change(db);
    refuse_unplanned_future(on, opt, tr("a closing"));
    OrgRow o = org_row(db, code);
    if (o.closed)
        throw Conflict(trf("org {} was already closed on {}", code, format_date(*o.closed)));
    if (o.founded && on < *o.founded)
        throw Conflict(trf("org {} was founded on {}; it cannot close before that", code,
                           format_date(*o.founded)));
    // A lead term on or after `on` (also one that ends at a planned dissolve).
    for (const auto& t : org_lead_terms(db, code))
        if (!t.span.to || *t.span.to > on)
            throw Conflict(trf("{} leads cluster {} (from {}); make another member the "
                               "lead first (hlpb cluster set-lead {} ORG --on {}), then "
                               "close it",
                               code, t.cluster, format_date(t.span.from), t.cluster,
                               format_date(std::max(on, t.span.from))));
    {
        auto st = db.cached(k_members_from);
        st->bind(":o", o.id);
        st->bind(":d", format_date(on));
        if (st->executeStep() && st->getColumn(0).getInt() > 0)
            throw Conflict(trf(
                "org {} has {} member(s) on or after {}; a closed org has none. Move them first "
                "(hlpb member transfer ID ORG --on {}; see: hlpb member list --org {})",
                code, st->getColumn(0).getInt(), format_date(on), format_date(on), code));
    }
    Notes notes;
    for (const auto& m : org_memberships(db, code)) {
        if (m.span.to && *m.span.to <= on)
            continue;
        if (m.span.from > on)
            throw Conflict(trf("org {} joins cluster {} on {}; it cannot close before "
                               "that",
                               code, m.cluster, format_date(m.span.from)));
        ChangeOptions leaving = opt;
        leaving.future = true; // checked above
        for (auto& n : leave_cluster(db, m.cluster, {code}, on, leaving))
            notes.push_back(std::move(n));
    }
    for (const char* flag : {"weak", "typical", "training_base"}) {
        auto st = db.cached(k_flag_terms_from);
        st->bind(1, o.id);
        st->bind(2, flag);
        st->bind(3, format_date(on));
        if (st->executeStep()) {
            ChangeOptions ending = opt;
            ending.future = true;
            for (auto& n : unset_flag(db, code, flag, on, ending))
                notes.push_back(std::move(n));
        }
    }
    auto st = db.cached(k_close_org);
    st->bind(1, format_date(on));
    st->bind(2, o.id);
    st->exec();
    change.release();
    return notes;
}

void set_flag(Database& db, const std::string& code, const std::string& flag, const Date& on,
              const std::string& note, const ChangeOptions& opt) {
    require_flag(flag);
    refuse_unplanned_future(on, opt, tr("a flag"));
    OrgRow o = org_row(db, code);
    if (o.closed && *o.closed <= on)
        throw Conflict(trf("org {} was closed on {}", code, format_date(*o.closed)));
    auto st = db.cached(k_flag_terms_from);
    st->bind(1, o.id);
    st->bind(2, flag);
    st->bind(3, format_date(on));
    if (st->executeStep())
        throw Conflict(trf("org {} is already flagged {} (since {}); unflag it first", code,
                           words::term(vocab::org_flags(), flag), st->getColumn(1).getString()));
    auto ins = db.cached(k_insert_flag);
    ins->bind(1, o.id);
    ins->bind(2, flag);
    ins->bind(3, format_date(on));
    ins->bind(4, note);
    ins->exec();
}

Notes unset_flag(Database& db, const std::string& code, const std::string& flag, const Date& on,
                 const ChangeOptions& opt) {
    require_flag(flag);
    refuse_unplanned_future(on, opt, tr("an unflag"));
    OrgRow o = org_row(db, code);
    auto st = db.cached(k_flag_terms_from);
    st->bind(1, o.id);
    st->bind(2, flag);
    st->bind(3, format_date(on));
    if (!st->executeStep())
        throw Conflict(trf("org {} is not flagged {} on {}", code,
                           words::term(vocab::org_flags(), flag), format_date(on)));
    std::int64_t id = st->getColumn(0).getInt64();
    Date from = column_date_required(st->getColumn(1));
    if (from > on)
        throw Conflict(trf("org {} is flagged {} from {}; it cannot be unflagged before "
                           "that",
                           code, words::term(vocab::org_flags(), flag), format_date(from)));
    Notes notes;
    if (from == on) {
        const Wording what = detail::flag_of(flag, code);
        if (!opt.correct)
            throw Conflict(zero_length_message(what.shown, from, opt.correct_with));
        auto del = db.cached(k_delete_flag);
        del->bind(1, id);
        del->exec();
        notes.push_back(detail::removed_note(what, from));
    } else {
        auto end = db.cached(k_end_flag);
        end->bind(1, format_date(on));
        end->bind(2, id);
        end->exec();
    }
    return notes;
}

std::vector<FlagTerm> flag_history(Database& db, const std::string& code) {
    OrgRow o = org_row(db, code);
    auto st = db.cached(k_flag_history);
    st->bind(1, o.id);
    std::vector<FlagTerm> out;
    while (st->executeStep())
        out.push_back({code, st->getColumn(0).getString(),
                       Span{column_date_required(st->getColumn(1)), column_date(st->getColumn(2))},
                       st->getColumn(3).getString()});
    return out;
}

void add_honor(Database& db, const Honor& h) {
    static constexpr detail::HonorSql k_sql{
        "SELECT 1 FROM org_honor WHERE org_id = ? AND date = ? AND title = ?",
        "INSERT INTO org_honor(org_id, date, title, level) VALUES (?, ?, ?, ?)"};
    detail::add_honor(db, k_sql, org_row(db, h.org).id, trf("org {}", h.org), h);
}

std::vector<Honor> org_honors(Database& db, const std::string& code) {
    OrgRow o = org_row(db, code);
    auto st = db.cached(k_honors);
    st->bind(1, o.id);
    std::vector<Honor> out;
    while (st->executeStep())
        out.push_back({code, column_date_required(st->getColumn(0)), st->getColumn(1).getString(),
                       st->getColumn(2).getString()});
    return out;
}

std::vector<ClusterMembership> org_memberships(Database& db, const std::string& code) {
    OrgRow o = org_row(db, code);
    auto st = db.cached(k_memberships);
    st->bind(1, o.id);
    std::vector<ClusterMembership> out;
    while (st->executeStep())
        out.push_back(
            {st->getColumn(0).getString(), code,
             Span{column_date_required(st->getColumn(1)), column_date(st->getColumn(2))}});
    return out;
}

std::vector<LeadTerm> org_lead_terms(Database& db, const std::string& code) {
    OrgRow o = org_row(db, code);
    auto st = db.cached(k_lead_terms);
    st->bind(1, o.id);
    std::vector<LeadTerm> out;
    while (st->executeStep())
        out.push_back(
            {st->getColumn(0).getString(), code,
             Span{column_date_required(st->getColumn(1)), column_date(st->getColumn(2))}});
    return out;
}

hlpb::import::Outcome upsert_org(Database& db, const OrgImportRow& row, const Date& today) {
    const Org& o = row.org;
    const long long before = detail::sql(db).getTotalChanges();
    const bool existed = detail::id_of(detail::sql(db), "org", o.code).has_value();
    if (existed) {
        ChangeOptions change; // a changed dated field changes today
        change.today = today;
        // The field, --on and --correct are added where it is refused.
        change.correct_with = fmt::format("hlpb org edit {}", o.code);
        edit_org(db, o, std::nullopt, change);
    } else
        add_org(db, o);

    const Date now = today;
    // An import row cannot take --correct: a refusal names the command that can.
    ChangeOptions placement;
    placement.today = today;
    placement.correct_with = "hlpb cluster join/leave/set-lead with --correct";
    if (!o.cluster.empty()) {
        auto current = open_membership(db, o.code);
        Cluster k = get_cluster(db, o.cluster, now);
        if (k.status == "dissolved" && (!current || current->cluster != o.cluster))
            // The row says where the org is now.
            throw Conflict(trf("cluster {} was dissolved on {}; no org joins it now", o.cluster,
                               format_date(*k.dissolved)));
        if (!current || current->cluster != o.cluster) {
            // First placement: as far back as both existed; a move: today, unless given.
            Date since = now;
            if (row.cluster_since)
                since = *row.cluster_since;
            else if (!current)
                since = std::max(*k.established, o.founded ? *o.founded : *k.established);
            if (o.is_lead && !row.cluster_since)
                // Dated back to the join, the new lead would rewrite the terms of the leads
                // before it: only a cluster that has had no lead from then on takes it so.
                if (auto t = lead_term_reaching(db, o.cluster, since))
                    throw InvalidInput(
                        "is_lead",
                        trf("cluster {} is led by {} from {}; a new lead needs the day "
                            "it joins and takes over (cluster_since), or make it the "
                            "lead with hlpb cluster set-lead {} {} --on DATE after this "
                            "import",
                            o.cluster, t->org, format_date(t->span.from), o.cluster, o.code));
            join_cluster(db, o.cluster, {o.code}, since, true, placement);
            if (o.is_lead)
                set_lead(db, o.cluster, o.code, since, placement);
        } else {
            if (row.cluster_since && *row.cluster_since != current->span.from)
                throw InvalidInput(
                    "cluster_since",
                    trf("{} is recorded in {} since {}; membership dates are changed "
                        "with hlpb cluster leave/join, not by import",
                        o.code, o.cluster, format_date(current->span.from)));
            if (o.is_lead && k.lead != o.code)
                set_lead(db, o.cluster, o.code, std::max(now, current->span.from), placement);
        }
    }
    Org stored = get_org(db, o.code, now);
    const std::tuple<const char*, std::optional<bool>, bool> flags[] = {
        {"weak", row.weak, stored.weak},
        {"typical", row.typical, stored.typical},
        {"training_base", row.training_base, stored.training_base}};
    for (const auto& [flag, wanted, is_set] : flags) {
        if (wanted && *wanted && !is_set)
            set_flag(db, o.code, flag, now, "import", {.today = now});
        else if (wanted && !*wanted && is_set)
            unset_flag(
                db, o.code, flag, now,
                {.today = now,
                 .correct_with = fmt::format("hlpb org unflag {} {} --correct", o.code, flag)});
    }
    if (!existed)
        return import::Outcome::inserted;
    return detail::sql(db).getTotalChanges() == before ? import::Outcome::unchanged
                                                       : import::Outcome::updated;
}

} // namespace hlpb::db
