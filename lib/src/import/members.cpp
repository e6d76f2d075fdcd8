// Member and e-home points import and export (SPEC §6). Built for a district's whole register:
// rows parsed and checked on the read-ahead thread, one prepared INSERT per row on this one. Into
// an empty register the load is bulk (indexes built at the end, repeated IDs found by SeenFilter
// and the unique index); otherwise repeated IDs are found through the unique index and the line
// kept of each member a row inserted or updated (4 bytes a member, for "first on line N").
#include <hlpb/db/database.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/import/members.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/member_writer.hpp"
#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "import/seen_filter.hpp"

#include <SQLiteCpp/Database.h>
#include <fmt/format.h>

#include <unordered_map>

namespace hlpb::import {
namespace {

const std::vector<Field> k_member_fields = {
    {"id_number", "身份证号", true, {"公民身份号码", "身份证号码", "身份证"}, FieldType::digits},
    {"name", "姓名", true, {}},
    {"gender", "性别", false, {}, FieldType::text, vocab::genders()},
    {"birth_date", "出生日期", false, {"出生年月"}},
    {"ethnicity", "民族", false, {}},
    {"education", "学历", false, {"文化程度"}},
    {"join_date", "入党日期", true, {"入党时间"}},
    {"status",
     "党员状态",
     false,
     {"党员类别", "人员类别"},
     FieldType::text,
     vocab::member_statuses()},
    {"full_date", "转正日期", false, {"转正时间"}},
    {"org", "所在党组织", true, {"党组织", "党组织编码", "所在支部"}},
    {"org_since", "转入日期", false, {"转入时间"}},
    {"role", "党内职务", false, {"职务"}, FieldType::text, vocab::member_roles()},
    {"role_since", "任职日期", false, {"任职时间"}},
    {"phone", "手机号码", false, {"联系电话", "手机", "电话"}, FieldType::digits},
    {"left_on", "离开日期", false, {}},
    {"left_reason", "离开原因", false, {}, FieldType::text, vocab::leave_reasons()},
};
enum MemberCol {
    c_id,
    c_name,
    c_gender,
    c_birth,
    c_ethnicity,
    c_education,
    c_join,
    c_status,
    c_full,
    c_org,
    c_org_since,
    c_role,
    c_role_since,
    c_phone,
    c_left_on,
    c_left_reason
};

const std::vector<Field> k_points_fields = {
    {"id_number", "身份证号", true, {"公民身份号码", "身份证号码"}, FieldType::digits},
    {"year", "年度", true, {"年份"}, FieldType::number},
    {"points", "积分", true, {"党建e家积分"}, FieldType::number},
};

std::optional<Date> date_cell(const Row& row, std::size_t i, const char* key, RowErrors& errors) {
    if (row[i].empty())
        return std::nullopt;
    auto d = parse_date(row[i]);
    if (!d)
        errors.add(key, trf("'{}' is not a date (use YYYY-MM-DD, YYYY/M/D or "
                            "YYYY年M月D日)",
                            row[i]));
    return d;
}

// A vocabulary cell: its key, or an error (empty cells give `fallback`, and so do refused
// ones: the later checks then do not refuse the same cell again as empty).
std::string term_cell(const Row& row, std::size_t i, const char* key,
                      std::span<const vocab::Term> terms, const char* fallback, RowErrors& errors) {
    if (row[i].empty())
        return fallback;
    std::string k = vocab::parse(terms, row[i]);
    if (k.empty()) {
        errors.add(key, trf("'{}' is not one of {}", row[i], vocab::keys(terms)));
        return fallback;
    }
    return k;
}

// What the read-ahead thread works out from a member row: the parsed and checked member, its
// org and its dates ready to bind, or the row's errors.
struct PreparedMember final : RowPrep {
    db::Member m;
    const db::OrgInfo* org = nullptr;
    db::MemberDates dates;
    bool org_since_given = false;
    bool role_since_given = false;
    bool perhaps_repeated = false; // a bulk load may have seen its ID before (SeenFilter)
    // A bad row of a bulk load whose ID an earlier good row may have (SeenFilter): late() looks,
    // so that the repeat is reported with the row's other errors, not in the next round.
    bool bad_perhaps_repeated = false;
    RowErrors errors;
};

class MemberImport {
public:
    // `expected_rows`: a guess for the size of the filter of IDs seen (0: unknown).
    MemberImport(db::Database& db, const Date& today, std::uint64_t expected_rows)
        : m_db(db), m_writer(db), m_today(today), m_seen(expected_rows) {
        m_bulk_planned = m_writer.register_empty();
    }

    // An empty register loads in bulk: indexes are built at the end (late() or finish()), and
    // repeated IDs are found by SeenFilter and late() instead of the unique index.
    bool bulk() const { return m_bulk_planned; }

    // Inside run()'s transaction, before any row is read: the indexes are dropped there, and
    // every org is read for prepare().
    void start() {
        m_bulk = m_bulk_planned && m_writer.register_empty();
        if (m_bulk)
            m_writer.begin_bulk();
        m_orgs = &m_writer.load_orgs();
    }
    void finish() { m_writer.end_bulk(); }

    // On the read-ahead thread: everything but the writing, which needs no database but the org
    // directory start() loaded (it does not change during the import). Only this thread uses
    // m_seen.
    void prepare(std::span<Row> rows) {
        // The org and ID lookups of a whole batch miss the cache at once rather than in turn.
        for (const Row& row : rows) {
            if (!row.error.empty())
                continue;
            m_orgs->prefetch_slot(row[c_org]);
            if (m_bulk)
                m_seen.prefetch(row[c_id]);
        }
        for (const Row& row : rows)
            if (row.error.empty())
                m_orgs->prefetch_entry(row[c_org]);
        for (Row& row : rows)
            prepare(row);
    }

    void prepare(Row& row) {
        if (!row.prep)
            row.prep = std::make_unique<PreparedMember>();
        auto& p = static_cast<PreparedMember&>(*row.prep);
        p.errors.clear();
        p.org = nullptr;
        p.perhaps_repeated = false;
        p.bad_perhaps_repeated = false;
        if (!row.error.empty())
            return; // the engine reports it
        db::Member& m = p.m;
        RowErrors& errors = p.errors;
        m.id_number = row[c_id];
        m.name = row[c_name];
        m.gender = term_cell(row, c_gender, "gender", vocab::genders(), "", errors);
        m.birth_date = date_cell(row, c_birth, "birth_date", errors).value_or(Date{});
        m.ethnicity = row[c_ethnicity];
        m.education = row[c_education];
        m.join_date = date_cell(row, c_join, "join_date", errors).value_or(Date{});
        m.status = term_cell(row, c_status, "status", vocab::member_statuses(), "", errors);
        m.full_date = date_cell(row, c_full, "full_date", errors);
        m.org = row[c_org];
        auto org_since = date_cell(row, c_org_since, "org_since", errors);
        p.org_since_given = org_since.has_value();
        m.org_since = org_since.value_or(Date{});
        m.role = term_cell(row, c_role, "role", vocab::member_roles(), "member", errors);
        auto role_since = date_cell(row, c_role_since, "role_since", errors);
        p.role_since_given = role_since.has_value();
        m.role_since = role_since.value_or(Date{});
        m.phone = row[c_phone];
        m.left_on = date_cell(row, c_left_on, "left_on", errors);
        m.left_reason = m.left_on ? term_cell(row, c_left_reason, "left_reason",
                                              vocab::leave_reasons(), "other", errors)
                                  : std::string();
        db::validate_person(m, m_today, errors);
        p.org = m.org.empty() ? nullptr : m_orgs->find(m.org);
        db::validate_placement(m, p.org, m_today, errors,
                               p.org || m.org.empty() ? std::string() : m_orgs->problem(m.org));
        if (!errors.empty()) {
            p.bad_perhaps_repeated = m_bulk && !errors.has("id_number") &&
                                     m.id_number.size() == 18 && m_seen.test(m.id_number);
            return;
        }
        p.dates.set(m);
        // Here rather than when writing: this thread has time to spare for the filter's
        // cache misses. A row the writer then refuses leaves its ID in the filter, which only
        // makes a later row with that ID one to check in late().
        p.perhaps_repeated = m_bulk && m_seen.test_and_add(m.id_number);
    }

    std::optional<Outcome> apply(const Row& row, RowErrors& errors) {
        auto& p = static_cast<PreparedMember&>(*row.prep); // prepare() ran on every row
        if (!p.errors.empty()) {
            against_bad_rows(row.line, p.m, p.errors, true);
            if (p.bad_perhaps_repeated)
                m_bad_perhaps_repeated.push_back({0, row.line, p.m.id_number});
            std::swap(errors, p.errors);
            return std::nullopt;
        }
        const db::Member& m = p.m;
        if (!m_bad_ids.empty() || !m_bad_secretaries.empty()) {
            against_bad_rows(row.line, m, errors, false);
            if (!errors.empty())
                return std::nullopt;
        }
        if (m_bulk) {
            const std::int64_t rowid = *m_writer.insert(m, *p.org, p.dates);
            if (p.perhaps_repeated)
                m_perhaps_repeated.push_back({rowid, row.line, m.id_number});
            if (row.line - rowid != m_line_offset) { // a skipped row, blank or multi-line
                m_line_offset = row.line - rowid;
                m_line_offsets.push_back({rowid, m_line_offset});
            }
            return Outcome::inserted;
        }
        auto rowid = m_writer.insert(m, *p.org, p.dates);
        if (rowid) {
            remember(*rowid, row.line);
            return Outcome::inserted;
        }
        const auto stored = *m_writer.placement_of(m.id_number);
        if (long first = line_of(stored.rowid)) { // inserted or updated by an earlier row
            errors.add("id_number",
                       trf("'{}' repeated; first on line {}", id_number::mask(m.id_number), first));
            return std::nullopt;
        }
        auto outcome = in_savepoint(m_db, errors, "org", [&]() -> std::optional<Outcome> {
            return update(row, p, stored);
        });
        if (outcome)
            remember(stored.rowid, row.line);
        return outcome;
    }

    // After the last row of a bulk load: the rows that repeat an ID number. The indexes are
    // built here unless some row may repeat one (SeenFilter), which is then looked up; and bad
    // rows whose ID a good row before them may have are looked up too.
    std::vector<LateError> late() {
        std::vector<LateError> out;
        if (m_perhaps_repeated.empty() && m_bad_perhaps_repeated.empty())
            return out;
        if (!m_writer.end_bulk_unless_repeated())
            repeated_good_rows(out);
        for (const Perhaps& r : m_bad_perhaps_repeated) {
            const std::int64_t first = m_writer.first_with(r.id_number);
            if (first == 0 || bulk_line(first) > r.line)
                continue; // the filter's false answer, or a later row (against_bad_rows)
            LateError e{r.line, {}, {}, true};
            e.errors.add("id_number", trf("'{}' repeated; first on line {}",
                                          id_number::mask(r.id_number), bulk_line(first)));
            out.push_back(std::move(e));
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const LateError& a, const LateError& b) { return a.line < b.line; });
        return out;
    }

private:
    // late(): the good rows that repeat an ID number, once the unique index could not be built.
    void repeated_good_rows(std::vector<LateError>& out) {
        const std::size_t before = out.size();
        for (Perhaps& r : m_perhaps_repeated) {
            const std::int64_t first = m_writer.first_with(r.id_number);
            if (first == 0 || first >= r.rowid)
                continue; // the filter's false answer
            LateError e{r.line, {}, {}};
            e.errors.add("id_number", trf("'{}' repeated; first on line {}",
                                          id_number::mask(r.id_number), bulk_line(first)));
            out.push_back(std::move(e));
        }
        if (out.size() == before) // cannot be: the filter never misses an ID it was given
            throw Error(tr("repeated ID numbers found but not located; nothing was imported"));
    }

    // A bad row is not written, so neither the unique index nor the writer sees its ID or its
    // secretary: the rows found bad are remembered here (`bad`: this one is), so that a later
    // row repeating the ID or naming a second secretary of the org is reported in this round,
    // not in the next one once the first row is fixed.
    void against_bad_rows(long line, const db::Member& m, RowErrors& errors, bool bad) {
        if (!m.id_number.empty()) {
            if (auto it = m_bad_ids.find(m.id_number); it != m_bad_ids.end())
                errors.add("id_number", trf("'{}' repeated; first on line {}",
                                            id_number::mask(m.id_number), it->second));
            else if (bad)
                m_bad_ids.emplace(m.id_number, line);
        }
        if (m.role == "secretary" && !m.org.empty() && !m.left_on) {
            if (auto it = m_bad_secretaries.find(m.org); it != m_bad_secretaries.end())
                errors.add("role", trf("a second secretary of org {} (the first on line {}); an "
                                       "org has one secretary at a time",
                                       m.org, it->second));
            else if (bad)
                m_bad_secretaries.emplace(m.org, line);
        }
    }

    // The line a bulk load read the row `rowid` from.
    long bulk_line(std::int64_t rowid) const {
        auto it = std::upper_bound(
            m_line_offsets.begin(), m_line_offsets.end(), rowid,
            [](std::int64_t r, const std::pair<std::int64_t, long>& o) { return r < o.first; });
        return static_cast<long>(rowid) +
               (it == m_line_offsets.begin() ? 0 : std::prev(it)->second);
    }
    // The line of the row that inserted or updated member `rowid` (not in a bulk load), or 0.
    void remember(std::int64_t rowid, long line) {
        auto index = static_cast<std::size_t>(rowid - 1);
        if (index >= m_lines.size())
            m_lines.resize(index + 1, 0);
        m_lines[index] = static_cast<std::uint32_t>(line);
    }
    long line_of(std::int64_t rowid) const {
        auto index = static_cast<std::size_t>(rowid - 1);
        return index < m_lines.size() ? m_lines[index] : 0;
    }

    // A member already in the database: bring it in line with the row. A column the file
    // lacks keeps the stored value (an empty cell clears it); so does the status when neither
    // it nor full_date is said.
    Outcome update(const Row& row, const PreparedMember& p,
                   const db::MemberWriter::Placement& stored) {
        db::Member m = p.m;
        if (!row.has(c_ethnicity))
            m.ethnicity = stored.ethnicity;
        if (!row.has(c_education))
            m.education = stored.education;
        if (!row.has(c_phone))
            m.phone = stored.phone;
        if (!row.has(c_role) && (stored.left || stored.org == m.org)) // a move starts as member
            m.role = stored.role;
        const bool status_said = row.has(c_status) && !row[c_status].empty();
        if (!row.has(c_full) && !status_said) {
            m.status = stored.status;
            m.full_date = stored.full_date;
        } else if (!row.has(c_full)) {
            m.full_date = m.status == "full" ? stored.full_date : std::nullopt;
        }
        const long long before = db::detail::sql(m_db).getTotalChanges();
        db::edit_member(m_db, m);
        const Date org_since = p.org_since_given ? m.org_since : m_today;
        if (!stored.left && stored.org != m.org) {
            db::transfer_member(m_db, m.id_number, m.org, org_since, {.today = m_today});
            if (m.role != "member")
                // the role taken with the transfer replaces its placeholder `member`
                db::set_role(m_db, m.id_number, m.role, org_since,
                             {.today = m_today, .correct = true});
        } else if (!stored.left && stored.role != m.role) {
            db::set_role(m_db, m.id_number, m.role, p.role_since_given ? m.role_since : m_today,
                         {.today = m_today});
        }
        if (!stored.left && m.left_on)
            db::member_leave(m_db, m.id_number, *m.left_on, m.left_reason, {.today = m_today});
        return db::detail::sql(m_db).getTotalChanges() == before ? Outcome::unchanged
                                                                 : Outcome::updated;
    }

    db::Database& m_db;
    db::MemberWriter m_writer;
    const db::OrgDirectory* m_orgs = nullptr; // every org, from start()
    Date m_today;
    bool m_bulk_planned = false;
    bool m_bulk = false;                // from start(): the load is bulk (read by both threads)
    std::vector<std::uint32_t> m_lines; // by rowid: see remember() (4 bytes a member, not bulk)
    // A bulk load: the IDs seen (by prepare()), the rows that may repeat one, and where the
    // line of a row stops being its rowid plus the last offset (rowid, line - rowid).
    SeenFilter m_seen;
    struct Perhaps {
        std::int64_t rowid;
        long line;
        std::string id_number;
    };
    std::vector<Perhaps> m_perhaps_repeated;     // good rows (rowid, line, ID)
    std::vector<Perhaps> m_bad_perhaps_repeated; // bad rows (0, line, ID): see prepare()
    // Rows found bad (see against_bad_rows): ID number and org of a secretary -> line.
    std::unordered_map<std::string, long> m_bad_ids;
    std::unordered_map<std::string, long> m_bad_secretaries;
    long m_line_offset = 0;
    std::vector<std::pair<std::int64_t, long>> m_line_offsets;
};

} // namespace

std::span<const Field> member_fields() {
    return k_member_fields;
}
std::span<const Field> points_fields() {
    return k_points_fields;
}

Summary import_members(db::Database& db, const SourceOptions& source, const ImportOptions& o) {
    RowSource src(source, k_member_fields);
    // Room in the filter for an ID every 128 bytes of input: a full row of the template is about
    // 140 bytes; files of shorter rows make the filter grow (a second part: one more probe).
    MemberImport importer(db, today_of(o), src.total_bytes() / 128);
    // MemberImport finds repeated IDs itself (SeenFilter in a bulk load, else the unique index).
    // Rows are parsed and checked on the read-ahead thread; this one writes them. run() joins
    // that thread before it is left, so the importer outlives every prepare().
    Handler h;
    h.key_field = "id_number";
    h.start = [&] {
        // db undo: a bulk load of a big file (about 100,000 rows and more) records no changeset.
        constexpr std::uint64_t k_bulk_unrecorded_bytes = 8'000'000;
        if (importer.bulk() && src.total_bytes() > k_bulk_unrecorded_bytes)
            db.current_write()->stop_recording(N_("bulk load into an empty register"));
        importer.start();
    };
    h.prepare = [&importer](std::span<Row> rows) { importer.prepare(rows); };
    h.late = [&] { return importer.late(); };
    h.finish = [&] { importer.finish(); };
    h.apply = [&](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
        // The common case (a new member) writes one row and needs no savepoint; errors found
        // before writing leave nothing behind either.
        try {
            return importer.apply(row, errors);
        } catch (const Conflict& e) {
            errors.add("role", e.what());
            return std::nullopt;
        }
    };
    // Set before run() begins its transaction (see LoadSettings), put back however it ends.
    db::MemberWriter::LoadSettings settings(db, importer.bulk());
    return run(db, src, h, o);
}

Summary import_points(db::Database& db, const SourceOptions& source, const ImportOptions& o) {
    RowSource src(source, k_points_fields);
    const Date day = today_of(o);
    Handler h;
    h.key_field = "id_number";
    h.key = [](const Row& r) { return id_number::normalize(r[0]) + "/" + r[1]; };
    h.apply = [&](const Row& row, RowErrors& errors) -> std::optional<Outcome> {
        std::string id = id_number::normalize(row[0]);
        long long year = 0;
        long long points = 0;
        if (auto p = id_number::check(id, day); !p.empty())
            errors.add("id_number", p);
        if (auto p = validate::check_number(row[1], validate::k_year, year); !p.empty())
            errors.add("year", p);
        if (auto p = validate::check_number(row[2], validate::k_points, points); !p.empty())
            errors.add("points", p);
        if (!errors.empty())
            return std::nullopt;
        const std::optional<long long> old = db::points_of(db, id, static_cast<int>(year));
        if (old && *old == points)
            return Outcome::unchanged;
        return in_savepoint(db, errors, "id_number", [&]() -> std::optional<Outcome> {
            db::set_points(db, id, static_cast<int>(year), points);
            return old ? Outcome::updated : Outcome::inserted;
        });
    };
    return run(db, src, h, o);
}

out::Table export_members(db::Database& db, const Date& as_of) {
    out::Table t;
    for (const auto& f : k_member_fields)
        t.columns.push_back({f.key, f.zh, false});
    db::MemberFilter f;
    f.include_left = true;
    auto date = [](const std::optional<Date>& d) {
        return d ? out::Value(format_date(*d)) : out::Value(nullptr);
    };
    for (const auto& m : db::list_members(db, as_of, f))
        t.rows.push_back({m.id_number, m.name, m.gender, format_date(m.birth_date), m.ethnicity,
                          m.education, format_date(m.join_date), m.status, date(m.full_date), m.org,
                          format_date(m.org_since), m.role, format_date(m.role_since), m.phone,
                          date(m.left_on),
                          m.left_reason.empty() ? out::Value(nullptr) : out::Value(m.left_reason)});
    return t;
}

} // namespace hlpb::import
