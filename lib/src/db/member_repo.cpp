#include <hlpb/db/database.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/text.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/field_history.hpp"
#include "db/member_writer.hpp"
#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "words.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>

namespace hlpb::db {
namespace {

using detail::column_date;
using detail::column_date_required;

// Where each member is placed at :d: the current row (also, with :left = 1, the last org of
// those who had left by :d) and the closed history rows. `current` says which.
constexpr const char* k_list_head = R"sql(
WITH placed(member_id, org_id, since, current) AS (
  SELECT m.id, m.org_id, m.org_since, 1 FROM member m
   WHERE m.org_since <= :d AND (m.left_on IS NULL OR m.left_on > :d OR :left = 1) %ORG_M%
  UNION ALL
  SELECT h.member_id, h.org_id, h.from_date, 0 FROM member_org_history h
   WHERE h.from_date <= :d AND h.to_date > :d %ORG_H%)
SELECT * FROM (
SELECT m.id_number, m.name, m.gender, m.birth_date, m.ethnicity, m.education, m.join_date,
       CASE WHEN m.full_date <= :d OR (m.full_date IS NULL AND m.status = 'full') THEN 'full'
            ELSE 'probationary' END AS status,
       CASE WHEN m.full_date <= :d THEN m.full_date END,
       o.code, p.since,
       CASE WHEN p.current = 1 AND m.role_since <= :d THEN m.role
            ELSE coalesce((SELECT r.role FROM member_role_history r WHERE r.member_id = m.id
                            AND r.from_date <= :d AND r.to_date > :d), 'member') END AS role,
       CASE WHEN p.current = 1 AND m.role_since <= :d THEN m.role_since
            ELSE coalesce((SELECT r.from_date FROM member_role_history r WHERE r.member_id = m.id
                            AND r.from_date <= :d AND r.to_date > :d), p.since) END,
       m.phone, CASE WHEN m.left_on <= :d THEN m.left_on END,
       CASE WHEN m.left_on <= :d THEN m.left_reason ELSE '' END,
       coalesce((SELECT mm.id_number FROM mentor t JOIN member mm ON mm.id = t.mentor_id
                  WHERE t.mentee_id = m.id AND t.from_date <= :d
                    AND (t.to_date IS NULL OR t.to_date > :d)), ''),
       o.committee_id AS committee_id, p.org_id AS org_id
FROM placed p JOIN member m ON m.id = p.member_id JOIN org o ON o.id = p.org_id
%WHERE_INNER%)
WHERE 1 = 1 %WHERE_OUTER%
ORDER BY 10, CASE role WHEN 'secretary' THEN 0 WHEN 'deputy_secretary' THEN 1
                       WHEN 'committee_member' THEN 2 ELSE 3 END, 1)sql";

constexpr const char* k_insert_member = R"sql(
INSERT INTO member(id_number, name, gender, birth_date, ethnicity, education, join_date, status,
                   full_date, org_id, org_since, role, role_since, phone, left_on, left_reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(id_number) DO NOTHING)sql";

constexpr const char* k_insert_member_bulk = R"sql(
INSERT INTO member(id_number, name, gender, birth_date, ethnicity, education, join_date, status,
                   full_date, org_id, org_since, role, role_since, phone, left_on, left_reason)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql";

// The member indexes of data/migrations/002_members.sql and 008_secretaries_left.sql, dropped
// and rebuilt around a bulk load.
constexpr const char* k_drop_indexes =
    "DROP INDEX member_id_number; DROP INDEX member_org; DROP INDEX member_secretary; "
    "DROP INDEX member_secretary_left;";
constexpr const char* k_create_indexes = R"sql(
CREATE UNIQUE INDEX member_id_number ON member(id_number);
CREATE INDEX member_org ON member(org_id);
CREATE UNIQUE INDEX member_secretary ON member(org_id) WHERE role = 'secretary' AND left_on IS NULL;
CREATE INDEX member_secretary_left ON member(left_on) WHERE role = 'secretary' AND left_on IS NOT NULL;
)sql";

constexpr const char* k_insert_role_history = R"sql(
INSERT INTO member_role_history(member_id, org_id, role, from_date, to_date)
VALUES (?, ?, ?, ?, ?))sql";

constexpr const char* k_secretaries_from = R"sql(
SELECT m.id, m.name, m.id_number, m.role_since FROM member m
 WHERE m.org_id = :org AND m.role = 'secretary' AND (m.left_on IS NULL OR m.left_on > :d)
UNION ALL
SELECT m.id, m.name, m.id_number, r.from_date FROM member_role_history r
  JOIN member m ON m.id = r.member_id
 WHERE r.org_id = :org AND r.role = 'secretary' AND r.to_date > :d)sql";

constexpr const char* k_secretary_at = R"sql(
SELECT m.id_number, m.name, m.role_since FROM member m
 WHERE m.org_id = :org AND m.role = 'secretary' AND m.role_since <= :d
   AND (m.left_on IS NULL OR m.left_on > :d)
UNION ALL
SELECT m.id_number, m.name, r.from_date FROM member_role_history r JOIN member m ON m.id = r.member_id
 WHERE r.org_id = :org AND r.role = 'secretary' AND r.from_date <= :d AND r.to_date > :d
LIMIT 1)sql";

constexpr const char* k_count_at = R"sql(
SELECT (SELECT count(*) FROM member m WHERE m.org_id = :org AND m.org_since <= :d
          AND (m.left_on IS NULL OR m.left_on > :d))
     + (SELECT count(*) FROM member_org_history h WHERE h.org_id = :org AND h.from_date <= :d
          AND h.to_date > :d))sql";

constexpr const char* k_current_row = R"sql(
SELECT m.id, m.org_id, o.code, m.org_since, m.role, m.role_since, m.left_on, m.birth_date
FROM member m JOIN org o ON o.id = m.org_id WHERE m.id_number = ?)sql";

struct CurrentRow {
    std::int64_t id;
    std::int64_t org_id;
    std::string org;
    Date org_since;
    std::string role;
    Date role_since;
    std::optional<Date> left_on;
};

// "no member 350206********1234": the key masked when it is one (a digit run that may be an ID
// number), else quoted as typed and said not to be one ('吴晶' used to print as '**').
NotFound no_member(const std::string& key) {
    const bool digits =
        std::count_if(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 6;
    if (digits || text::length(key) == 18)
        return NotFound(trf("no member {} (see: hlpb member list)", id_number::mask(key)));
    return NotFound(trf("no member '{}': members are found by their 18-character ID "
                        "number (see: hlpb member list)",
                        key));
}

CurrentRow current_row(Database& db, const std::string& id_number) {
    auto st = db.cached(k_current_row);
    st->bind(1, id_number);
    if (!st->executeStep())
        throw no_member(id_number);
    return {st->getColumn(0).getInt64(),  st->getColumn(1).getInt64(),
            st->getColumn(2).getString(), column_date_required(st->getColumn(3)),
            st->getColumn(4).getString(), column_date_required(st->getColumn(5)),
            column_date(st->getColumn(6))};
}

void require_present(const CurrentRow& r, const std::string& id_number) {
    if (r.left_on)
        throw Conflict(
            trf("member {} left on {}", id_number::mask(id_number), format_date(*r.left_on)));
}

std::string list_sql(const MemberFilter& f, bool by_id) {
    std::string sql = k_list_head;
    auto put = [&](const char* slot, const std::string& text) {
        auto pos = sql.find(slot);
        sql.replace(pos, std::string_view(slot).size(), text);
    };
    // Only constant fragments are spliced in; every value is bound.
    const bool by_org = !f.org.empty();
    put("%ORG_M%", std::string(by_org ? "AND m.org_id = :org_id " : "") +
                       (by_id ? "AND m.id_number = :id" : ""));
    put("%ORG_H%",
        std::string(by_org ? "AND h.org_id = :org_id " : "") +
            (by_id ? "AND h.member_id = (SELECT id FROM member WHERE id_number = :id)" : ""));
    std::string inner;
    if (!f.committee.empty())
        inner += " AND o.committee_id = (SELECT id FROM committee WHERE code = :committee)";
    if (!f.cluster.empty())
        inner += " AND p.org_id IN (SELECT c.org_id FROM cluster_org c JOIN cluster k ON k.id = "
                 "c.cluster_id WHERE k.code = :cluster AND c.from_date <= :d AND (c.to_date IS "
                 "NULL OR c.to_date > :d))";
    put("%WHERE_INNER%", inner.empty() ? "" : "WHERE 1 = 1" + inner);
    std::string outer;
    if (!f.status.empty())
        outer += " AND status = :status";
    if (!f.role.empty())
        outer += " AND role = :role";
    put("%WHERE_OUTER%", outer);
    return sql;
}

Member read_member(SQLite::Statement& st) {
    Member m;
    m.id_number = st.getColumn(0).getString();
    m.name = st.getColumn(1).getString();
    m.gender = st.getColumn(2).getString();
    m.birth_date = column_date_required(st.getColumn(3));
    m.ethnicity = st.getColumn(4).getString();
    m.education = st.getColumn(5).getString();
    m.join_date = column_date_required(st.getColumn(6));
    m.status = st.getColumn(7).getString();
    m.full_date = column_date(st.getColumn(8));
    m.org = st.getColumn(9).getString();
    m.org_since = column_date_required(st.getColumn(10));
    m.role = st.getColumn(11).getString();
    m.role_since = column_date_required(st.getColumn(12));
    m.phone = st.getColumn(13).getString();
    m.left_on = column_date(st.getColumn(14));
    m.left_reason = st.getColumn(15).getString();
    m.mentor = st.getColumn(16).getString();
    return m;
}

std::vector<Member> select_members(Database& db, const Date& as_of, const MemberFilter& f,
                                   const std::string& id_number) {
    SQLite::Statement st(detail::sql(db), list_sql(f, !id_number.empty()));
    st.bind(":d", format_date(as_of));
    st.bind(":left", f.include_left ? 1 : 0);
    if (!f.org.empty()) {
        auto id = detail::id_of(detail::sql(db), "org", f.org);
        if (!id)
            throw NotFound(trf("no org '{}' (see: hlpb org list)", f.org));
        st.bind(":org_id", *id);
    }
    if (!f.committee.empty())
        st.bind(":committee", f.committee);
    if (!f.cluster.empty())
        st.bind(":cluster", f.cluster);
    if (!f.status.empty())
        st.bind(":status", f.status);
    if (!f.role.empty())
        st.bind(":role", f.role);
    if (!id_number.empty())
        st.bind(":id", id_number);
    std::vector<Member> out;
    while (st.executeStep())
        out.push_back(read_member(st));
    return out;
}

// Records the closed term [from, to) of a member's role in an org.
void record_role_term(Database& db, std::int64_t member, std::int64_t org, const std::string& role,
                      const std::string& from, const std::string& to) {
    auto st = db.cached(k_insert_role_history);
    st->bind(1, member);
    st->bind(2, org);
    st->bind(3, role);
    st->bind(4, from);
    st->bind(5, to);
    st->exec();
}

void bind_text_or_null(SQLite::Statement& st, int index, const std::string& text) {
    if (text.empty())
        st.bind(index); // NULL
    else
        st.bindNoCopy(index, text);
}

} // namespace

// ---------------------------------------------------------------------------------------------
// MemberWriter

MemberWriter::MemberWriter(Database& db) : m_db(db) {}

// ---------------------------------------------------------------------------------------------
// OrgDirectory

void OrgDirectory::load(SQLite::Database& db) {
    m_list.clear();
    m_slots.clear();
    m_list.reserve(static_cast<std::size_t>(db.execAndGet("SELECT count(*) FROM org").getInt64()));
    std::vector<NamedRecord> names;
    names.reserve(m_list.capacity());
    SQLite::Statement st(db, "SELECT id, code, name, founded, closed FROM org ORDER BY code");
    while (st.executeStep()) {
        const OrgInfo* o = add(OrgInfo{st.getColumn(0).getInt64(), st.getColumn(1).getString(),
                                       column_date(st.getColumn(3)), column_date(st.getColumn(4))});
        names.push_back({o->code, st.getColumn(2).getString(), o->founded, o->closed});
    }
    m_names.emplace(RecordKind::org, std::move(names));
    m_complete = true;
}

const OrgInfo* OrgDirectory::by_code(std::string_view code) const {
    if (m_slots.empty())
        return nullptr;
    const std::size_t hash = std::hash<std::string_view>{}(code);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = m_slots.size() - 1;
    for (std::size_t i = hash & mask; m_slots[i].position != 0; i = (i + 1) & mask) {
        if (m_slots[i].tag != tag) // most misses end here, without reading the entry
            continue;
        const OrgInfo& o = m_list[m_slots[i].position - 1];
        if (o.code == code)
            return &o;
    }
    return nullptr;
}

void OrgDirectory::prefetch_slot(std::string_view code) const {
    if (!m_slots.empty())
        __builtin_prefetch(&m_slots[std::hash<std::string_view>{}(code) & (m_slots.size() - 1)]);
}

void OrgDirectory::prefetch_entry(std::string_view code) const {
    if (m_slots.empty())
        return;
    const Slot& slot = m_slots[std::hash<std::string_view>{}(code) & (m_slots.size() - 1)];
    if (slot.position != 0)
        __builtin_prefetch(&m_list[slot.position - 1]);
}

const OrgInfo* OrgDirectory::by_name(std::string_view text) const {
    if (!m_names)
        return nullptr;
    const Resolved r = m_names->find(text);
    return r ? by_code(r.code) : nullptr;
}

std::string OrgDirectory::problem(std::string_view text) const {
    if (!m_names)
        return {};
    Resolved r = m_names->find(text);
    return r.telling() ? r.problem : std::string();
}

const OrgInfo* OrgDirectory::find(std::string_view key) const {
    const OrgInfo* o = by_code(key);
    return o ? o : by_name(key); // officers' sheets often name the org instead of its code
}

const OrgInfo* OrgDirectory::add(OrgInfo info) {
    if (const OrgInfo* o = by_code(info.code))
        return o;
    m_list.push_back(std::move(info));
    if (m_list.size() * 2 > m_slots.size()) { // grow and re-index
        m_slots.assign(std::max<std::size_t>(1024, m_slots.size() * 2), Slot{});
        for (std::size_t j = 0; j < m_list.size(); ++j)
            index(static_cast<std::uint32_t>(j));
    } else {
        index(static_cast<std::uint32_t>(m_list.size() - 1));
    }
    return &m_list.back();
}

void OrgDirectory::index(std::uint32_t position) {
    const std::size_t hash = std::hash<std::string_view>{}(m_list[position].code);
    const std::size_t mask = m_slots.size() - 1;
    std::size_t i = hash & mask;
    while (m_slots[i].position != 0)
        i = (i + 1) & mask;
    m_slots[i] = Slot{position + 1, static_cast<std::uint32_t>(hash >> 32)};
}

// ---------------------------------------------------------------------------------------------
// Validation

void MemberDates::set(const Member& m) {
    auto put = [](std::string& out, const Date& d) { out = format_date(d); };
    put(birth, m.birth_date);
    put(join, m.join_date);
    put(org_since, m.org_since);
    put(role_since, m.role_since);
    if (m.full_date)
        put(full, *m.full_date);
    else
        full.clear();
    if (m.left_on)
        put(left_on, *m.left_on);
    else
        left_on.clear();
}

void validate_person(Member& m, const Date& today, import::RowErrors& errors) {
    if (!detail::clean_texts({{"id_number", &m.id_number},
                              {"name", &m.name},
                              {"ethnicity", &m.ethnicity},
                              {"education", &m.education},
                              {"phone", &m.phone},
                              {"org", &m.org},
                              {"left_reason", &m.left_reason}},
                             errors))
        return;
    m.id_number = id_number::normalize(m.id_number);
    const std::string id_problem = id_number::check(m.id_number, today);
    if (!id_problem.empty()) {
        errors.add("id_number", id_problem);
    } else {
        auto info = id_number::info(m.id_number);
        if (!m.gender.empty() && m.gender != info.gender)
            errors.add("gender", trf("'{}' does not match the ID number ({})",
                                     vocab::label(vocab::genders(), m.gender, "zh"),
                                     vocab::label(vocab::genders(), info.gender, "zh")));
        if (m.birth_date.ok() && m.birth_date != info.birth_date)
            errors.add("birth_date", trf("{} does not match the ID number ({})",
                                         format_date(m.birth_date), format_date(info.birth_date)));
        m.gender = info.gender;
        m.birth_date = info.birth_date;
    }
    if (m.name.empty())
        errors.add("name", tr("is empty"));
    if (!m.phone.empty())
        if (auto p = validate::check_mobile(m.phone); !p.empty())
            errors.add("phone", p);
    const bool join_reported = std::any_of(errors.items().begin(), errors.items().end(),
                                           [](const auto& e) { return e.field == "join_date"; });
    if (!m.join_date.ok()) {
        if (!join_reported)
            errors.add("join_date", tr("is required (入党日期)"));
    } else {
        if (m.join_date > today)
            errors.add("join_date", trf("{} is in the future", format_date(m.join_date)));
        if (id_problem.empty() && years_between(m.birth_date, m.join_date) < 18)
            errors.add("join_date", trf("{}: joined before the age of 18 (born {})",
                                        format_date(m.join_date), format_date(m.birth_date)));
    }
    // Status and full_date (转正) agree, as of today.
    if (m.full_date) {
        if (m.join_date.ok() && *m.full_date <= m.join_date)
            errors.add("full_date", trf("{} is not after join_date {}", format_date(*m.full_date),
                                        format_date(m.join_date)));
        else if (*m.full_date > today)
            errors.add("full_date", trf("{} is in the future", format_date(*m.full_date)));
        else if (m.status == "probationary")
            errors.add("status", trf("probationary (预备党员) but full_date is {}",
                                     format_date(*m.full_date)));
        if (m.status.empty())
            m.status = "full";
    } else if (m.status.empty()) {
        // A full member's full_date may be unknown (SPEC §6): full only when the status says so.
        m.status = "probationary";
    }
    if (m.status != "full" && m.status != "probationary")
        errors.add("status",
                   trf("'{}' is not one of {}", m.status, vocab::keys(vocab::member_statuses())));
    if (vocab::parse(vocab::member_roles(), m.role) != m.role || m.role.empty())
        errors.add("role",
                   trf("'{}' is not one of {}", m.role, vocab::keys(vocab::member_roles())));
}

void validate_placement(Member& m, const OrgInfo* o, const Date& today, import::RowErrors& errors,
                        std::string_view unknown) {
    if (m.org.empty())
        errors.add("org", tr("is required (所在党组织: the org code)"));
    else if (!o && !unknown.empty())
        errors.add("org", std::string(unknown));
    else if (!o)
        errors.add("org", trf("no org '{}' (add it or import the orgs file first)", m.org));
    else if (o->closed)
        errors.add("org", trf("org {} was closed on {}", o->code, format_date(*o->closed)));
    if (!o || !m.join_date.ok())
        return;
    m.org = o->code;
    if (!m.org_since.ok())
        m.org_since = o->founded && *o->founded > m.join_date ? *o->founded : m.join_date;
    else if (m.org_since < m.join_date)
        errors.add("org_since", trf("{} is before join_date {}", format_date(m.org_since),
                                    format_date(m.join_date)));
    else if (o->founded && m.org_since < *o->founded)
        errors.add("org_since", trf("{} is before org {} was founded ({})",
                                    format_date(m.org_since), o->code, format_date(*o->founded)));
    if (!m.role_since.ok())
        m.role_since = m.org_since;
    else if (m.role_since < m.org_since)
        errors.add("role_since", trf("{} is before org_since {}", format_date(m.role_since),
                                     format_date(m.org_since)));
    if (m.org_since > today)
        errors.add("org_since", trf("{} is in the future", format_date(m.org_since)));
    if (m.left_on && *m.left_on <= m.org_since)
        errors.add("left_on", trf("{} is not after org_since {}", format_date(*m.left_on),
                                  format_date(m.org_since)));
}

// ---------------------------------------------------------------------------------------------
// MemberWriter (continued)

const OrgInfo* MemberWriter::org(const std::string& key) {
    if (m_last_org && key == m_last_key) // member files are often grouped by org
        return m_last_org;
    const OrgInfo* found = m_orgs.by_code(key);
    if (!found && !m_orgs.complete()) {
        m_last_org = nullptr; // adding may move the entries
        auto st = m_db.cached("SELECT id, code, founded, closed FROM org WHERE code = ?");
        st->bind(1, key);
        if (st->executeStep())
            found =
                m_orgs.add(OrgInfo{st->getColumn(0).getInt64(), st->getColumn(1).getString(),
                                   column_date(st->getColumn(2)), column_date(st->getColumn(3))});
        if (!found)
            m_orgs.load(detail::sql(m_db)); // for the names
    }
    if (!found)
        found = m_orgs.by_name(key);
    if (found) {
        m_last_org = found;
        m_last_key = key;
    } else {
        m_problem = m_orgs.problem(key);
    }
    return found;
}

const OrgDirectory& MemberWriter::load_orgs() {
    if (!m_orgs.complete())
        m_orgs.load(detail::sql(m_db));
    return m_orgs;
}

void MemberWriter::validate(Member& m, const Date& today, import::RowErrors& errors) {
    validate_person(m, today, errors);
    const OrgInfo* o = m.org.empty() ? nullptr : org(m.org);
    validate_placement(m, o, today, errors, o ? std::string_view() : m_problem);
}

std::optional<std::int64_t> MemberWriter::rowid_of(const std::string& id_number) {
    auto st = m_db.cached("SELECT id FROM member WHERE id_number = ?");
    st->bind(1, id_number);
    if (st->executeStep())
        return st->getColumn(0).getInt64();
    return std::nullopt;
}

bool MemberWriter::register_empty() {
    return detail::sql(m_db).execAndGet("SELECT coalesce(max(id), 0) FROM member").getInt64() == 0;
}

MemberWriter::LoadSettings::LoadSettings(Database& db, bool bulk) : m_db(db), m_bulk(bulk) {
    detail::sql(m_db).exec(bulk ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -65536");
    if (bulk)
        detail::sql(m_db).exec("PRAGMA foreign_keys = OFF");
}

MemberWriter::LoadSettings::~LoadSettings() {
    detail::sql(m_db).tryExec("PRAGMA cache_size = -2000");
    detail::sql(m_db).tryExec("PRAGMA ignore_check_constraints = OFF"); // see begin_bulk()
    if (m_bulk)
        detail::sql(m_db).tryExec("PRAGMA foreign_keys = ON");
}

void MemberWriter::begin_bulk() {
    detail::sql(m_db).exec(k_drop_indexes);
    // Until end_bulk(): setting it back makes SQLite compile every statement again.
    detail::sql(m_db).exec("PRAGMA ignore_check_constraints = ON");
    m_insert_bulk.emplace(detail::sql(m_db), k_insert_member_bulk);
    m_bulk_binds = {};
    m_bulk = true;
}

void MemberWriter::end_bulk() {
    if (!m_bulk)
        return;
    m_insert_bulk.reset();
    m_bulk_binds = {};
    detail::sql(m_db).exec("PRAGMA ignore_check_constraints = OFF");
    detail::sql(m_db).exec(k_create_indexes);
    m_bulk = false;
}

bool MemberWriter::end_bulk_unless_repeated() {
    if (!m_bulk)
        return true;
    try {
        end_bulk();
        return true;
    } catch (const SQLite::Exception& e) {
        // Only that statement failed; the transaction goes on. A repeated ID number is a
        // constraint (by its code) on member.id_number (as its message names it).
        if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT ||
            std::string_view(e.what()).find("member.id_number") == std::string_view::npos)
            throw;
    }
    detail::sql(m_db).exec("CREATE INDEX member_id_number ON member(id_number)");
    return false;
}

std::int64_t MemberWriter::first_with(const std::string& id_number) {
    auto st = m_db.cached("SELECT coalesce(min(id), 0) FROM member WHERE id_number = ?");
    st->bind(1, id_number);
    st->executeStep();
    return st->getColumn(0).getInt64();
}

std::optional<MemberWriter::Placement> MemberWriter::placement_of(const std::string& id_number) {
    auto st = m_db.cached(R"sql(
SELECT m.id, o.code, m.role, m.left_on IS NOT NULL, m.ethnicity, m.education, m.status, m.phone,
       m.full_date
FROM member m JOIN org o ON o.id = m.org_id WHERE m.id_number = ?)sql");
    st->bind(1, id_number);
    if (!st->executeStep())
        return std::nullopt;
    return Placement{st->getColumn(0).getInt64(),  st->getColumn(1).getString(),
                     st->getColumn(2).getString(), st->getColumn(3).getInt() != 0,
                     st->getColumn(4).getString(), st->getColumn(5).getString(),
                     st->getColumn(6).getString(), st->getColumn(7).getString(),
                     column_date(st->getColumn(8))};
}

void MemberWriter::refuse_second_secretary(std::int64_t org_id, const std::string& org_code,
                                           const Date& on, std::int64_t except) {
    SQLite::Statement st(detail::sql(m_db), k_secretaries_from);
    st.bind(":org", org_id);
    st.bind(":d", format_date(on));
    while (st.executeStep()) {
        if (st.getColumn(0).getInt64() == except)
            continue;
        throw Conflict(trf(
            "org {} already has a secretary: {} ({}) since {}; an org has one secretary at a "
            "time. Change their role first (hlpb member edit {} --role member --on {}; their ID "
            "number: hlpb member find {})",
            org_code, st.getColumn(1).getString(), id_number::mask(st.getColumn(2).getString()),
            st.getColumn(3).getString(), st.getColumn(1).getString(), format_date(on),
            st.getColumn(1).getString()));
    }
}

std::optional<std::int64_t> MemberWriter::insert(const Member& m) {
    const OrgInfo* o = org(m.org);
    if (!o)
        throw NotFound(trf("no org '{}'", m.org));
    MemberDates dates;
    dates.set(m);
    return insert(m, *o, dates);
}

std::optional<std::int64_t> MemberWriter::insert(const Member& m, const OrgInfo& org,
                                                 const MemberDates& dates) {
    const OrgInfo* o = &org;
    if (m_bulk && m.role == "secretary" && !m.left_on) {
        // No index during a bulk load: an empty register has no past, so one map suffices.
        auto [it, fresh] = m_bulk_secretaries.try_emplace(
            o->id, SecretaryNote{m.name, m.id_number, dates.role_since});
        // The same ID again is a repeated row, which the bulk load reports as such.
        if (!fresh && it->second.id_number != m.id_number)
            throw Conflict(trf(
                "org {} already has a secretary: {} ({}) since {}; an org has one secretary at a "
                "time",
                o->code, it->second.name, id_number::mask(it->second.id_number), it->second.since));
    } else if (m.role == "secretary") {
        // The partial unique index refuses a second current secretary; a back-dated term
        // overlapping a past one is checked here.
        auto past = m_db.cached("SELECT 1 FROM member_role_history WHERE org_id = ? AND "
                                "role = 'secretary' AND to_date > ? LIMIT 1");
        past->bind(1, o->id);
        past->bind(2, dates.role_since);
        const bool overlaps = past->executeStep();
        if (overlaps && !rowid_of(m.id_number))
            refuse_second_secretary(o->id, o->code, m.role_since, -1);
    }
    // Bound without copies: every string outlives exec().
    std::optional<CachedStatement> cached;
    if (!m_bulk)
        cached.emplace(m_db.cached(k_insert_member));
    SQLite::Statement& st = m_bulk ? *m_insert_bulk : **cached;
    st.tryReset();
    st.bindNoCopy(1, m.id_number);
    st.bindNoCopy(2, m.name);
    st.bindNoCopy(4, dates.birth);
    st.bindNoCopy(7, dates.join);
    bind_text_or_null(st, 9, dates.full);
    st.bind(10, o->id);
    st.bindNoCopy(11, dates.org_since);
    st.bindNoCopy(13, dates.role_since);
    st.bindNoCopy(14, m.phone);
    if (m_bulk) { // the columns that mostly repeat from row to row: see BulkBinds
        m_bulk_binds.text(st, 3, m.gender);
        m_bulk_binds.text(st, 5, m.ethnicity);
        m_bulk_binds.text(st, 6, m.education);
        m_bulk_binds.text(st, 8, m.status);
        m_bulk_binds.text(st, 12, m.role);
        m_bulk_binds.text_or_null(st, 15, dates.left_on);
        m_bulk_binds.text(st, 16, m.left_reason);
    } else {
        st.bindNoCopy(3, m.gender);
        st.bindNoCopy(5, m.ethnicity);
        st.bindNoCopy(6, m.education);
        st.bindNoCopy(8, m.status);
        st.bindNoCopy(12, m.role);
        bind_text_or_null(st, 15, dates.left_on);
        st.bindNoCopy(16, m.left_reason);
    }
    int changed = 0;
    try {
        changed = st.exec();
    } catch (const SQLite::Exception& e) {
        st.tryReset(); // reset() would throw the step's error again
        if (m.role == "secretary" && (e.getErrorCode() & 0xff) == SQLITE_CONSTRAINT &&
            std::string_view(e.what()).find("member.org_id") != std::string_view::npos)
            refuse_second_secretary(o->id, o->code, m.role_since, -1);
        throw;
    }
    if (changed == 0)
        return std::nullopt;
    std::int64_t rowid = detail::sql(m_db).getLastInsertRowid();
    if (m.role_since > m.org_since) // a plain member until the role began
        record_role_term(m_db, rowid, o->id, "member", dates.org_since, dates.role_since);
    return rowid;
}

// ---------------------------------------------------------------------------------------------
// Public functions

std::vector<Member> list_members(Database& db, const Date& as_of, const MemberFilter& f) {
    return select_members(db, as_of, f, "");
}

std::optional<Member> find_member(Database& db, const std::string& id_number, const Date& as_of) {
    MemberFilter f;
    f.include_left = true;
    auto rows = select_members(db, as_of, f, id_number);
    if (!rows.empty())
        return rows.front();
    // Not placed at that date (joined later): show the current row.
    auto st = db.cached("SELECT org_since FROM member WHERE id_number = ?");
    st->bind(1, id_number);
    if (!st->executeStep())
        return std::nullopt;
    Date since = column_date_required(st->getColumn(0));
    if (since <= as_of)
        return std::nullopt;
    rows = select_members(db, since, f, id_number);
    return rows.empty() ? std::nullopt : std::optional<Member>(rows.front());
}

Member get_member(Database& db, const std::string& id_number, const Date& as_of) {
    auto m = find_member(db, id_number, as_of);
    if (!m)
        throw no_member(id_number);
    return *m;
}

long member_count(Database& db, const std::string& org, const Date& as_of) {
    auto id = detail::id_of(detail::sql(db), "org", org);
    if (!id)
        return 0;
    auto st = db.cached(k_count_at);
    st->bind(":org", *id);
    st->bind(":d", format_date(as_of));
    st->executeStep();
    return st->getColumn(0).getInt();
}

std::optional<Secretary> current_secretary(Database& db, const std::string& org,
                                           const Date& as_of) {
    auto id = detail::id_of(detail::sql(db), "org", org);
    if (!id)
        return std::nullopt;
    auto st = db.cached(k_secretary_at);
    st->bind(":org", *id);
    st->bind(":d", format_date(as_of));
    if (!st->executeStep())
        return std::nullopt;
    return Secretary{st->getColumn(0).getString(), st->getColumn(1).getString(),
                     column_date_required(st->getColumn(2))};
}

void validate_member(Database& db, Member& m, const Date& today, import::RowErrors& errors) {
    MemberWriter(db).validate(m, today, errors);
}

void add_member(Database& db, const Member& m) {
    MemberWriter w(db);
    if (!w.insert(m))
        throw Conflict(trf("member {} already exists (change it with: hlpb member edit)",
                           id_number::mask(m.id_number)));
}

void edit_member(Database& db, const Member& m) {
    auto st = db.cached(R"sql(
UPDATE member SET name = ?, ethnicity = ?, education = ?, join_date = ?, status = ?,
                  full_date = ?, phone = ?
WHERE id_number = ?
  AND (name, ethnicity, education, join_date, status, coalesce(full_date, ''), phone)
      IS NOT (?, ?, ?, ?, ?, coalesce(?, ''), ?))sql");
    for (int base : {1, 9}) {
        st->bind(base, m.name);
        st->bind(base + 1, m.ethnicity);
        st->bind(base + 2, m.education);
        st->bind(base + 3, format_date(m.join_date));
        st->bind(base + 4, m.status);
        detail::bind_date(*st, base + 5, m.full_date);
        st->bind(base + 6, m.phone);
    }
    st->bind(8, m.id_number);
    st->exec();
}

Notes set_role(Database& db, const std::string& id, const std::string& role, const Date& on,
               const ChangeOptions& opt) {
    if (vocab::parse(vocab::member_roles(), role) != role || role.empty())
        throw InvalidInput("role",
                           trf("'{}' is not one of {}", role, vocab::keys(vocab::member_roles())));
    CurrentRow r = current_row(db, id);
    require_present(r, id);
    if (r.role == role)
        throw Conflict(trf("member {} is already {} (since {})", id_number::mask(id),
                           words::term(vocab::member_roles(), role), format_date(r.role_since)));
    if (on < r.role_since)
        throw Conflict(trf("member {} has been {} since {}; a role change must come "
                           "after that",
                           id_number::mask(id), words::term(vocab::member_roles(), r.role),
                           format_date(r.role_since)));
    Notes notes;
    if (on == r.role_since) {
        // The current role would last no day: a correction of it, not a change.
        const std::string what =
            trf("the {} role of member {} in {}", words::term(vocab::member_roles(), r.role),
                id_number::mask(id), r.org);
        if (!opt.correct)
            throw Conflict(zero_length_message(what, on));
        notes.push_back(detail::role_corrected_note(id_number::mask(id), r.org, on, r.role));
    }
    if (role == "secretary")
        MemberWriter(db).refuse_second_secretary(r.org_id, r.org, on, r.id);
    if (on > r.role_since)
        record_role_term(db, r.id, r.org_id, r.role, format_date(r.role_since), format_date(on));
    auto st = db.cached("UPDATE member SET role = ?, role_since = ? WHERE id = ?");
    st->bind(1, role);
    st->bind(2, format_date(on));
    st->bind(3, r.id);
    st->exec();
    return notes;
}

Handover set_secretary(Database& db, const std::string& org, const std::string& id, const Date& on,
                       const ChangeOptions& opt) {
    MemberWriter writer(db);
    const OrgInfo* o = writer.org(org); // by code, or by its exact name
    if (!o)
        throw NotFound(trf("no org '{}' (see: hlpb org list)", org));
    CurrentRow r = current_row(db, id);
    require_present(r, id);
    Handover h;
    h.org = o->code;
    {
        auto st = db.cached("SELECT name FROM member WHERE id = ?");
        st->bind(1, r.id);
        st->executeStep();
        h.name = st->getColumn(0).getString();
    }
    const std::string shown = id_number::mask(id);
    if (r.org_id != o->id)
        throw Conflict(trf("member {0} ({1}) is in org {2}, not in {3}; transfer them first "
                           "(hlpb member transfer ID {3} --on DATE)",
                           h.name, shown, r.org, o->code));
    if (r.role == "secretary")
        throw Conflict(trf("member {} ({}) is the secretary of {} already (since {})", h.name,
                           shown, o->code, format_date(r.role_since)));
    if (on < r.org_since)
        throw Conflict(trf("member {} ({}) joined {} on {}; they can be its secretary from that "
                           "day on, not from {}",
                           h.name, shown, o->code, format_date(r.org_since), format_date(on)));
    auto st = db.cached("SELECT id_number, name, role_since FROM member WHERE org_id = ? AND "
                        "role = 'secretary' AND left_on IS NULL");
    st->bind(1, o->id);
    if (st->executeStep())
        h.previous = Secretary{st->getColumn(0).getString(), st->getColumn(1).getString(),
                               column_date_required(st->getColumn(2))};
    st->reset();
    if (h.previous) {
        if (on < h.previous->since)
            throw Conflict(trf("{} ({}) has been the secretary of {} since {}; a handover must "
                               "come after that",
                               h.previous->name, id_number::mask(h.previous->id_number), o->code,
                               format_date(h.previous->since)));
        h.notes = set_role(db, h.previous->id_number, "member", on, opt);
    }
    for (auto& n : set_role(db, id, "secretary", on, opt))
        h.notes.push_back(std::move(n));
    return h;
}

LeftBehind transfer_member(Database& db, const std::string& id, const std::string& org,
                           const Date& on, const ChangeOptions& opt) {
    refuse_unplanned_future(on, opt, tr("a transfer"));
    CurrentRow r = current_row(db, id);
    require_present(r, id);
    MemberWriter w(db);
    const OrgInfo* o = w.org(org);
    if (!o)
        throw NotFound(trf("no org '{}' (see: hlpb org list)", org));
    if (o->id == r.org_id)
        throw Conflict(trf("member {} is already in {} (since {})", id_number::mask(id), o->code,
                           format_date(r.org_since)));
    if (o->closed)
        throw Conflict(trf("org {} was closed on {}", o->code, format_date(*o->closed)));
    if (o->founded && on < *o->founded)
        throw Conflict(trf("org {} was founded on {}; no transfer into it before that", o->code,
                           format_date(*o->founded)));
    if (on <= r.org_since || on <= r.role_since)
        throw Conflict(trf("member {} has been in {} since {}; a transfer must come "
                           "after that",
                           id_number::mask(id), r.org,
                           format_date(std::max(r.org_since, r.role_since))));
    auto h = db.cached("INSERT INTO member_org_history(member_id, org_id, from_date, "
                       "to_date) VALUES (?, ?, ?, ?)");
    h->bind(1, r.id);
    h->bind(2, r.org_id);
    h->bind(3, format_date(r.org_since));
    h->bind(4, format_date(on));
    h->exec();
    record_role_term(db, r.id, r.org_id, r.role, format_date(r.role_since), format_date(on));
    auto st = db.cached("UPDATE member SET org_id = ?, org_since = ?, role = 'member', "
                        "role_since = ? WHERE id = ?");
    st->bind(1, o->id);
    st->bind(2, format_date(on));
    st->bind(3, format_date(on));
    st->bind(4, r.id);
    st->exec();
    return {r.org, r.role};
}

LeftBehind member_leave(Database& db, const std::string& id, const Date& on,
                        const std::string& reason, const ChangeOptions& opt) {
    refuse_unplanned_future(on, opt, tr("a member's leaving"));
    std::string key = vocab::parse(vocab::leave_reasons(), reason);
    if (key.empty())
        throw InvalidInput(
            "reason", trf("'{}' is not one of {}", reason, vocab::keys(vocab::leave_reasons())));
    CurrentRow r = current_row(db, id);
    require_present(r, id);
    if (on <= r.org_since || on <= r.role_since)
        throw Conflict(trf("member {} has been in {} since {}; leaving must come after "
                           "that",
                           id_number::mask(id), r.org,
                           format_date(std::max(r.org_since, r.role_since))));
    {
        // A mentoring that starts on or after the day would outlive the member (or last no day).
        auto later = db.cached("SELECT min(from_date) FROM mentor WHERE (mentee_id = ? OR "
                               "mentor_id = ?) AND from_date >= ?");
        later->bind(1, r.id);
        later->bind(2, r.id);
        later->bind(3, format_date(on));
        if (later->executeStep() && !later->getColumn(0).isNull())
            throw Conflict(trf("member {} has a mentoring (老带新) from {}; leaving must "
                               "come after that",
                               id_number::mask(id), later->getColumn(0).getString()));
    }
    auto st = db.cached("UPDATE member SET left_on = ?, left_reason = ? WHERE id = ?");
    st->bind(1, format_date(on));
    st->bind(2, key);
    st->bind(3, r.id);
    st->exec();
    auto end = db.cached("UPDATE mentor SET to_date = ? WHERE (mentee_id = ? OR "
                         "mentor_id = ?) AND to_date IS NULL AND from_date < ?");
    end->bind(1, format_date(on));
    end->bind(2, r.id);
    end->bind(3, r.id);
    end->bind(4, format_date(on));
    end->exec();
    return {r.org, r.role};
}

std::vector<PlacementEvent> member_history(Database& db, const std::string& id) {
    CurrentRow r = current_row(db, id);
    auto st = db.cached(R"sql(
SELECT o.code, h.role, h.from_date, h.to_date FROM member_role_history h
JOIN org o ON o.id = h.org_id WHERE h.member_id = ? ORDER BY h.from_date)sql");
    st->bind(1, r.id);
    std::vector<PlacementEvent> out;
    while (st->executeStep())
        out.push_back(
            {st->getColumn(0).getString(), st->getColumn(1).getString(),
             Span{column_date_required(st->getColumn(2)), column_date(st->getColumn(3))}});
    out.push_back({r.org, r.role, Span{r.role_since, r.left_on}});
    return out;
}

void set_points(Database& db, const std::string& id, int year, long long points) {
    CurrentRow r = current_row(db, id);
    if (auto p = validate::check_number(year, validate::k_year); !p.empty())
        throw InvalidInput("year", p);
    if (auto p = validate::check_number(points, validate::k_points); !p.empty())
        throw InvalidInput("points", p);
    auto st = db.cached(R"sql(
INSERT INTO member_points(member_id, year, points) VALUES (?, ?, ?)
ON CONFLICT(member_id, year) DO UPDATE SET points = excluded.points
WHERE points <> excluded.points)sql");
    st->bind(1, r.id);
    st->bind(2, year);
    st->bind(3, static_cast<int64_t>(points));
    st->exec();
}

std::optional<long long> points_of(Database& db, const std::string& id, int year) {
    auto st = db.cached("SELECT p.points FROM member_points p JOIN member m ON m.id = p.member_id "
                        "WHERE m.id_number = ? AND p.year = ?");
    st->bind(1, id);
    st->bind(2, year);
    if (!st->executeStep())
        return std::nullopt;
    return st->getColumn(0).getInt64();
}

std::vector<Points> member_points(Database& db, const std::string& id) {
    CurrentRow r = current_row(db, id);
    SQLite::Statement st(
        detail::sql(db),
        "SELECT year, points FROM member_points WHERE member_id = ? ORDER BY year");
    st.bind(1, r.id);
    std::vector<Points> out;
    while (st.executeStep())
        out.push_back({st.getColumn(0).getInt(), st.getColumn(1).getInt64()});
    return out;
}

void add_member_honor(Database& db, const std::string& id, const Honor& h) {
    static constexpr detail::HonorSql k_sql{
        "SELECT 1 FROM member_honor WHERE member_id = ? AND date = ? AND title = ?",
        "INSERT INTO member_honor(member_id, date, title, level) VALUES (?, ?, ?, ?)"};
    detail::add_honor(db, k_sql, current_row(db, id).id, trf("member {}", id_number::mask(id)), h);
}

std::vector<Honor> member_honors(Database& db, const std::string& id) {
    CurrentRow r = current_row(db, id);
    auto st = db.cached("SELECT date, title, level FROM member_honor WHERE member_id = "
                        "? ORDER BY date, title");
    st->bind(1, r.id);
    std::vector<Honor> out;
    while (st->executeStep())
        out.push_back({id, column_date_required(st->getColumn(0)), st->getColumn(1).getString(),
                       st->getColumn(2).getString()});
    return out;
}

void assign_mentor(Database& db, const std::string& mentor, const std::string& mentee,
                   const Date& on, const std::string& note) {
    if (mentor == mentee)
        throw Conflict(tr("a member cannot mentor themselves"));
    CurrentRow a = current_row(db, mentor);
    CurrentRow b = current_row(db, mentee);
    require_present(a, mentor);
    require_present(b, mentee);
    if (a.role != "secretary" || a.role_since > on)
        throw Conflict(trf("member {} is not a secretary on {}; 老带新 mentors are "
                           "experienced secretaries",
                           id_number::mask(mentor), format_date(on)));
    auto open = db.cached("SELECT id, from_date, mentor_id FROM mentor WHERE "
                          "mentee_id = ? AND to_date IS NULL");
    open->bind(1, b.id);
    if (open->executeStep()) {
        if (open->getColumn(2).getInt64() == a.id)
            throw Conflict(trf("member {} already mentors {} (since {})", id_number::mask(mentor),
                               id_number::mask(mentee), open->getColumn(1).getString()));
        if (open->getColumn(1).getString() >= format_date(on))
            throw Conflict(trf("member {} has a mentor since {}; a new one must start "
                               "later",
                               id_number::mask(mentee), open->getColumn(1).getString()));
        auto end = db.cached("UPDATE mentor SET to_date = ? WHERE id = ?");
        end->bind(1, format_date(on));
        end->bind(2, open->getColumn(0).getInt64());
        end->exec();
    }
    auto st = db.cached("INSERT INTO mentor(mentor_id, mentee_id, from_date, note) "
                        "VALUES (?, ?, ?, ?)");
    st->bind(1, a.id);
    st->bind(2, b.id);
    st->bind(3, format_date(on));
    st->bind(4, note);
    st->exec();
}

std::vector<MentorPair> list_mentors(Database& db, const Date& as_of) {
    auto st = db.cached(R"sql(
SELECT a.id_number, a.name, b.id_number, b.name, t.from_date, t.to_date, t.note
FROM mentor t JOIN member a ON a.id = t.mentor_id JOIN member b ON b.id = t.mentee_id
WHERE t.from_date <= :d AND (t.to_date IS NULL OR t.to_date > :d)
ORDER BY a.id_number, b.id_number)sql");
    st->bind(":d", format_date(as_of));
    std::vector<MentorPair> out;
    while (st->executeStep())
        out.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(),
                       st->getColumn(2).getString(), st->getColumn(3).getString(),
                       Span{column_date_required(st->getColumn(4)), column_date(st->getColumn(5))},
                       st->getColumn(6).getString()});
    return out;
}

} // namespace hlpb::db
