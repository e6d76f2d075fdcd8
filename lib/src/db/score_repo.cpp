// Score entries, closed months, the red-flag contest of a month and its recorded awards.
#include <hlpb/db/database.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/vocab.hpp>

#include "db/sql_access.hpp"
#include "db/sql_util.hpp"
#include "words.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

namespace hlpb::db {
namespace {

constexpr const char* k_org_id = "SELECT id FROM org WHERE code = ?";
constexpr const char* k_month_closed = "SELECT 1 FROM score_month WHERE month = ?";
constexpr const char* k_insert_entry =
    "INSERT INTO score_entry(org_id, month, category, points, reason) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(month, org_id, category, reason) DO NOTHING";
constexpr const char* k_any_entry = "SELECT EXISTS (SELECT 1 FROM score_entry)";
constexpr const char* k_entry_indexes = "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                        "AND tbl_name = 'score_entry' AND sql IS NOT NULL "
                                        "ORDER BY name";
constexpr const char* k_update_points =
    "UPDATE score_entry SET points = ?5 WHERE org_id = ?1 AND month = ?2 AND category = ?3 "
    "AND reason = ?4 AND points <> ?5";
constexpr const char* k_month_entries =
    "SELECT org_id, category, reason, points FROM score_entry WHERE month = ?";
constexpr const char* k_entry_points = "SELECT points FROM score_entry WHERE org_id = ? AND "
                                       "month = ? AND category = ? AND reason = ?";

// Entries matching the filter; an org is in :cluster when a member at the end of the entry's
// month (its last day: date(month || '-01', '+1 month', '-1 day')).
constexpr const char* k_list_scores = R"sql(
SELECT o.code, s.month, s.category, s.points, s.reason
FROM score_entry s
JOIN org o ON o.id = s.org_id
JOIN committee c ON c.id = o.committee_id
WHERE s.month >= :from AND s.month <= :to -- a range of score_entry's key
  AND (:org = '' OR o.code = :org) AND (:committee = '' OR c.code = :committee)
  AND (:category = '' OR s.category = :category)
  AND (:cluster = '' OR EXISTS (
        SELECT 1 FROM cluster_org m JOIN cluster k ON k.id = m.cluster_id
        WHERE m.org_id = s.org_id AND k.code = :cluster
          AND m.from_date <= date(s.month || '-01', '+1 month', '-1 day')
          AND (m.to_date IS NULL OR m.to_date > date(s.month || '-01', '+1 month', '-1 day'))))
ORDER BY s.month, o.code,
         CASE s.category WHEN 'party_affairs' THEN 0 WHEN 'activity' THEN 1
                         WHEN 'suggestion' THEN 2 WHEN 'bonus' THEN 3 ELSE 4 END,
         s.reason)sql";

// Clusters active at :e (the month's last day), with committee.
constexpr const char* k_contest_clusters =
    "SELECT k.id, k.code, k.name, c.code FROM cluster k JOIN committee c ON c.id = k.committee_id "
    "WHERE k.established <= :e AND (k.dissolved IS NULL OR k.dissolved > :e) "
    "AND (:cluster = '' OR k.code = :cluster) AND (:committee = '' OR c.code = :committee) "
    "ORDER BY k.code";
// Every membership at :e (of any cluster: the caller keeps the active ones).
constexpr const char* k_contest_members =
    "SELECT m.cluster_id, o.id, o.code FROM cluster_org m JOIN org o ON o.id = m.org_id "
    "WHERE m.from_date <= :e AND (m.to_date IS NULL OR m.to_date > :e)";
constexpr const char* k_contest_leads =
    "SELECT l.cluster_id, o.code FROM cluster_lead l JOIN org o ON o.id = l.org_id "
    "WHERE l.from_date <= :e AND (l.to_date IS NULL OR l.to_date > :e)";
// The month's sums per org and category.
// (A range of score_entry's key, read in its order.)
constexpr const char* k_contest_sums = "SELECT org_id, category, sum(points) FROM score_entry "
                                       "WHERE month = ? GROUP BY org_id, category";
constexpr const char* k_org_codes = "SELECT id, code FROM org";
constexpr const char* k_awards_of_month =
    "SELECT k.code, o.code, f.points, f.decided_by FROM flag_award f "
    "JOIN cluster k ON k.id = f.cluster_id JOIN org o ON o.id = f.org_id WHERE f.month = ? "
    "ORDER BY k.code";

constexpr const char* k_close_month = "INSERT INTO score_month(month, closed_at) VALUES (?, "
                                      "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))";
constexpr const char* k_record_award =
    "INSERT INTO flag_award(month, cluster_id, org_id, points, decided_by) VALUES (?, (SELECT id "
    "FROM cluster WHERE code = ?), (SELECT id FROM org WHERE code = ?), ?, ?)";
constexpr const char* k_count_awards = "SELECT count(*) FROM flag_award WHERE month = ?";
constexpr const char* k_reopen_flags = "DELETE FROM flag_award WHERE month = ?";
constexpr const char* k_reopen = "DELETE FROM score_month WHERE month = ?";

constexpr const char* k_cluster_flags =
    "SELECT f.month, k.code, o.code, f.points, f.decided_by FROM flag_award f "
    "JOIN cluster k ON k.id = f.cluster_id JOIN org o ON o.id = f.org_id WHERE k.code = ? "
    "ORDER BY f.month";
constexpr const char* k_org_flags =
    "SELECT f.month, k.code, o.code, f.points, f.decided_by FROM flag_award f "
    "JOIN cluster k ON k.id = f.cluster_id JOIN org o ON o.id = f.org_id WHERE o.code = ? "
    "ORDER BY f.month, k.code";

void add_to(rules::ScoreSums& s, const std::string& category, long long points) {
    if (category == "party_affairs")
        s.party_affairs += points;
    else if (category == "activity")
        s.activity += points;
    else if (category == "suggestion")
        s.suggestion += points;
    else if (category == "bonus")
        s.bonus += points;
    else
        s.penalty += points;
}

std::vector<FlagAward> read_awards(SQLite::Statement& st) {
    std::vector<FlagAward> out;
    while (st.executeStep()) {
        FlagAward a;
        a.month = parse_month(st.getColumn(0).getString()).value_or(Month{});
        a.cluster = st.getColumn(1).getString();
        a.org = st.getColumn(2).getString();
        a.points = st.getColumn(3).getInt64();
        a.decided_by = st.getColumn(4).getString();
        out.push_back(std::move(a));
    }
    return out;
}

bool month_is_closed(Database& db, const std::string& month) {
    auto st = db.cached(k_month_closed);
    st->bind(1, month);
    return st->executeStep();
}

// Writes the flags of `contest` and closes `month` (flags first: see award_flags).
// The closed month, then its flags (which reference it).
void record_awards(Database& db, const std::string& month, FlagContest& contest) {
    {
        auto st = db.cached(k_close_month);
        st->bind(1, month);
        st->exec();
    }
    for (auto& c : contest.clusters) {
        if (!c.ranking.has_flag)
            continue;
        const auto& winner = c.ranking.ranked.front();
        FlagAward a{contest.month, c.cluster, winner.org, winner.sums.total(),
                    std::string(rules::decided_by_key(c.ranking.decided_by))};
        auto st = db.cached(k_record_award);
        st->bind(1, month);
        st->bind(2, a.cluster);
        st->bind(3, a.org);
        st->bind(4, static_cast<std::int64_t>(a.points));
        st->bind(5, a.decided_by);
        st->exec();
        c.recorded = std::move(a);
    }
}

} // namespace

void validate_score(ScoreEntry& e, import::RowErrors& errors) {
    detail::clean_texts({{"reason", &e.reason}}, errors);
    if (e.org.empty())
        errors.add("org", tr("is empty"));
    const std::string category = vocab::parse(vocab::score_categories(), e.category);
    if (category.empty()) {
        errors.add("category", trf("'{}' is not one of {}", e.category,
                                   vocab::keys(vocab::score_categories())));
        return;
    }
    e.category = category;
    if (auto p = validate::check_number(e.points, k_score_points); !p.empty())
        errors.add("points", p);
    else if (category == "bonus" && e.points < 0)
        errors.add("points", trf("a bonus is not negative ({}); record a deduction as "
                                 "category penalty",
                                 e.points));
    else if (category == "penalty" && e.points > 0)
        errors.add("points", trf("a penalty is not positive ({}); write the points "
                                 "deducted as a negative number, e.g. -{}",
                                 e.points, e.points));
}

std::string closed_month_message(const Month& m) {
    const std::string month = format_month(m);
    return trf("month {} is closed (its red flags were awarded) and accepts no score "
               "changes; to change it, reopen it first: hlpb score reopen --month {}",
               month, month);
}

// A bulk load's queued rows, written k_rows at a time by one multi-row INSERT (a statement's
// step costs about as much as its binds: one per row was a third of the writing thread's work).
// The texts are bound without copies: the months' from `months`, the reasons' from the caller.
struct ScoreWriter::Bulk {
    static constexpr std::size_t k_rows = 64;
    struct Queued {
        std::int64_t org;
        const std::string* month;
        const char* category; // a key of vocab::score_categories() (static)
        std::int64_t points;
        const std::string* reason;
    };
    std::vector<Queued> rows;
    std::size_t size = 0;                    // queued in rows
    std::optional<SQLite::Statement> insert; // of k_rows rows
    std::map<Month, std::string> months;     // each month's text (stable addresses)
    const std::string& month_text(const Month& m) {
        auto it = months.find(m);
        if (it == months.end())
            it = months.emplace(m, format_month(m)).first;
        return it->second;
    }
    static std::string sql(std::size_t n) {
        std::string out =
            "INSERT INTO score_entry(org_id, month, category, points, reason) VALUES ";
        for (std::size_t i = 0; i < n; ++i)
            out += i ? ",(?,?,?,?,?)" : "(?,?,?,?,?)";
        return out;
    }
};

ScoreWriter::ScoreWriter(Database& db) : m_db(db) {}
ScoreWriter::~ScoreWriter() = default;

void ScoreWriter::flush_bulk() {
    Bulk& b = *m_bulk_rows;
    if (b.size == 0)
        return;
    std::optional<SQLite::Statement> partial;
    if (b.size < Bulk::k_rows)
        partial.emplace(detail::sql(m_db), Bulk::sql(b.size));
    SQLite::Statement& st = partial ? *partial : *b.insert;
    int i = 0;
    for (std::size_t r = 0; r < b.size; ++r) {
        const Bulk::Queued& q = b.rows[r];
        st.bind(++i, q.org);
        st.bindNoCopy(++i, *q.month);
        st.bindNoCopy(++i, q.category);
        st.bind(++i, q.points);
        st.bindNoCopy(++i, *q.reason);
    }
    st.exec();
    st.reset();
    b.size = 0;
}

std::optional<std::int64_t> ScoreWriter::org_id(const std::string& code) {
    auto st = m_db.cached(k_org_id);
    st->bind(1, code);
    if (!st->executeStep())
        return std::nullopt;
    return st->getColumn(0).getInt64();
}

bool ScoreWriter::closed(const Month& m) {
    if (m_months.empty() || m_months[m_month].month != m) {
        const auto known = std::find_if(m_months.begin(), m_months.end(),
                                        [&](const MonthState& s) { return s.month == m; });
        m_month = static_cast<std::size_t>(known - m_months.begin());
        if (known == m_months.end()) {
            std::string text = format_month(m);
            const bool closed = month_is_closed(m_db, text);
            m_months.push_back({m, std::move(text), closed});
        }
    }
    return m_months[m_month].closed;
}

hlpb::import::Outcome ScoreWriter::write(const ScoreEntry& e, std::int64_t org, Mode mode) {
    if (closed(e.month))
        throw Conflict(closed_month_message(e.month));
    const std::string& month = m_months[m_month].text; // closed() just set it
    {
        auto st = m_db.cached(k_insert_entry);
        st->bind(1, org);
        st->bind(2, month);
        st->bind(3, e.category);
        st->bind(4, static_cast<std::int64_t>(e.points));
        st->bind(5, e.reason);
        if (st->exec() == 1)
            return import::Outcome::inserted;
    }
    if (mode == Mode::add) {
        auto st = m_db.cached(k_entry_points);
        st->bind(1, org);
        st->bind(2, month);
        st->bind(3, e.category);
        st->bind(4, e.reason);
        const long long points = st->executeStep() ? st->getColumn(0).getInt64() : 0;
        throw Conflict(trf(
            "org {} has {} points of {} for {} with reason '{}' already; an entry is one org, "
            "month, category and reason: give another --reason, or import a file with the "
            "corrected points (hlpb score import)",
            e.org, points, words::term(vocab::score_categories(), e.category), month, e.reason));
    }
    auto st = m_db.cached(k_update_points);
    st->bind(1, org);
    st->bind(2, month);
    st->bind(3, e.category);
    st->bind(4, e.reason);
    st->bind(5, static_cast<std::int64_t>(e.points));
    return st->exec() == 1 ? import::Outcome::updated : import::Outcome::unchanged;
}

bool ScoreWriter::empty() {
    auto st = m_db.cached(k_any_entry);
    st->executeStep();
    return st->getColumn(0).getInt() == 0;
}

void ScoreWriter::begin_bulk() {
    // The table stays: the rows come in its key's order (write_upserts), so each one appends to
    // its last page. Its indexes (score_entry_org) are built again by end_bulk(), which sorts
    // once instead of inserting at random places.
    std::vector<std::string> names;
    {
        SQLite::Statement st(detail::sql(m_db), k_entry_indexes);
        while (st.executeStep()) {
            names.push_back(st.getColumn(0).getString());
            m_dropped_indexes.push_back(st.getColumn(1).getString());
        }
    }
    for (const auto& name : names)
        detail::sql(m_db).exec("DROP INDEX \"" + name + "\"");
    // Until end_bulk(): setting it back makes SQLite compile every statement again.
    detail::sql(m_db).exec("PRAGMA ignore_check_constraints = ON");
    m_bulk = true;
}

void ScoreWriter::end_bulk() {
    if (!m_bulk)
        return;
    m_bulk_rows.reset(); // compiled without its CHECKs
    detail::sql(m_db).exec("PRAGMA ignore_check_constraints = OFF");
    // The org index's build sorts a row per entry: a second thread merges while the first sorts
    // (its first column is the org id, which SQLite's sorter compares without unpacking).
    detail::sql(m_db).exec("PRAGMA threads = 2");
    for (const auto& sql : m_dropped_indexes)
        detail::sql(m_db).exec(sql);
    detail::sql(m_db).exec("PRAGMA threads = 0");
    m_dropped_indexes.clear();
    m_bulk = false;
}

void ScoreWriter::month_entries(
    const Month& m,
    const std::function<void(std::int64_t, std::string_view, std::string_view, long long)>& f) {
    SQLite::Statement st(detail::sql(m_db), k_month_entries);
    st.bind(1, format_month(m));
    while (st.executeStep()) {
        const SQLite::Column category = st.getColumn(1);
        const SQLite::Column reason = st.getColumn(2);
        f(st.getColumn(0).getInt64(),
          std::string_view(category.getText(), static_cast<std::size_t>(category.getBytes())),
          std::string_view(reason.getText(), static_cast<std::size_t>(reason.getBytes())),
          st.getColumn(3).getInt64());
    }
}

void ScoreWriter::write_upserts(Upserts& u) {
    std::vector<Upsert>& inserts = u.inserts;
    std::vector<Upsert>& updates = u.updates;
    // The order of score_entry's key: the inserts of a month append to the month's range of the
    // table and sweep the org index once.
    const auto order = [](const Upsert& a, const Upsert& b) {
        const std::string_view ca = a.category, cb = b.category;
        return std::tie(a.month, a.org, ca, *a.reason) < std::tie(b.month, b.org, cb, *b.reason);
    };
    std::sort(updates.begin(), updates.end(), order);
    std::sort(inserts.begin(), inserts.end(), order);
    std::string month;
    Month last{};
    const auto month_text = [&](const Month& m) -> const std::string& {
        if (month.empty() || m != last) {
            last = m;
            month = format_month(m);
        }
        return month;
    };
    for (const Upsert& e : updates) {
        auto st = m_db.cached(k_update_points);
        st->bind(1, e.org);
        st->bind(2, month_text(e.month));
        st->bindNoCopy(3, e.category);
        st->bindNoCopy(4, *e.reason);
        st->bind(5, static_cast<std::int64_t>(e.points));
        st->exec();
    }
    write_bulk(inserts);
    if (!m_bulk)
        m_bulk_rows.reset();
}

void ScoreWriter::write_bulk(std::span<const Upsert> rows) {
    if (rows.empty())
        return;
    if (!m_bulk_rows) {
        auto bulk = std::make_unique<Bulk>();
        bulk->rows.resize(Bulk::k_rows);
        bulk->insert.emplace(detail::sql(m_db), Bulk::sql(Bulk::k_rows));
        m_bulk_rows = std::move(bulk);
    }
    Bulk& b = *m_bulk_rows;
    for (const Upsert& e : rows) {
        b.rows[b.size++] = {e.org, &b.month_text(e.month), e.category,
                            static_cast<std::int64_t>(e.points), e.reason};
        if (b.size == Bulk::k_rows)
            flush_bulk();
    }
    flush_bulk();
}

void add_score(Database& db, ScoreEntry e) {
    import::RowErrors errors;
    validate_score(e, errors);
    if (!errors.empty()) {
        std::vector<RowError> list;
        for (const auto& item : errors.items())
            list.push_back({"", 0, item.field, item.message});
        throw InvalidInput(std::move(list));
    }
    ScoreWriter w(db);
    const auto org = w.org_id(e.org);
    if (!org)
        throw NotFound(trf("no org '{}' (see: hlpb org list)", e.org));
    w.write(e, *org, ScoreWriter::Mode::add);
}

std::vector<std::pair<std::string, std::int64_t>> org_ids(Database& db) {
    std::vector<std::pair<std::string, std::int64_t>> out;
    SQLite::Statement st(detail::sql(db), k_org_codes);
    while (st.executeStep())
        out.emplace_back(st.getColumn(1).getString(), st.getColumn(0).getInt64());
    return out;
}

std::vector<ScoreEntry> list_scores(Database& db, const ScoreFilter& f) {
    auto st = db.cached(k_list_scores);
    st->bind(":from", f.from ? format_month(*f.from) : std::string("0000-00"));
    st->bind(":to", f.to ? format_month(*f.to) : std::string("9999-99"));
    st->bind(":org", f.org);
    st->bind(":committee", f.committee);
    st->bind(":category", f.category);
    st->bind(":cluster", f.cluster);
    std::vector<ScoreEntry> out;
    while (st->executeStep()) {
        ScoreEntry e;
        e.org = st->getColumn(0).getString();
        e.month = parse_month(st->getColumn(1).getString()).value_or(Month{});
        e.category = st->getColumn(2).getString();
        e.points = st->getColumn(3).getInt64();
        e.reason = st->getColumn(4).getString();
        out.push_back(std::move(e));
    }
    return out;
}

FlagContest load_flag_contest(Database& db, const Month& m, const std::string& cluster,
                              const std::string& committee) {
    FlagContest out;
    out.month = m;
    const std::string month = format_month(m);
    const std::string end = format_date(last_day(m));
    out.closed = month_is_closed(db, month);

    std::unordered_map<std::int64_t, std::size_t> index; // cluster id → position in clusters
    {
        auto st = db.cached(k_contest_clusters);
        st->bind(":e", end);
        st->bind(":cluster", cluster);
        st->bind(":committee", committee);
        while (st->executeStep()) {
            index.emplace(st->getColumn(0).getInt64(), out.clusters.size());
            ClusterContest c;
            c.cluster = st->getColumn(1).getString();
            c.name = st->getColumn(2).getString();
            c.committee = st->getColumn(3).getString();
            out.clusters.push_back(std::move(c));
        }
    }
    struct Member {
        std::int64_t id;
        std::string code;
    };
    std::vector<std::vector<Member>> members(out.clusters.size());
    std::unordered_map<std::int64_t, bool> in_contest; // org id → in an active cluster at :e
    {
        auto st = db.cached(k_contest_members);
        st->bind(":e", end);
        while (st->executeStep()) {
            auto it = index.find(st->getColumn(0).getInt64());
            if (it == index.end())
                continue;
            const std::int64_t id = st->getColumn(1).getInt64();
            in_contest[id] = true;
            members[it->second].push_back({id, st->getColumn(2).getString()});
        }
    }
    {
        auto st = db.cached(k_contest_leads);
        st->bind(":e", end);
        while (st->executeStep()) {
            auto it = index.find(st->getColumn(0).getInt64());
            if (it != index.end())
                out.clusters[it->second].lead = st->getColumn(1).getString();
        }
    }
    std::unordered_map<std::int64_t, rules::ScoreSums> sums; // by org id
    {
        auto st = db.cached(k_contest_sums);
        st->bind(1, month);
        while (st->executeStep())
            add_to(sums[st->getColumn(0).getInt64()], st->getColumn(1).getString(),
                   st->getColumn(2).getInt64());
    }
    for (std::size_t i = 0; i < out.clusters.size(); ++i) {
        std::vector<rules::FlagCandidate> candidates;
        candidates.reserve(members[i].size());
        for (auto& org : members[i]) {
            auto it = sums.find(org.id);
            candidates.push_back(
                {std::move(org.code), it == sums.end() ? rules::ScoreSums{} : it->second});
        }
        out.clusters[i].ranking = rules::rank_flag(out.clusters[i].cluster, std::move(candidates));
    }
    if (cluster.empty() && committee.empty()) {
        std::unordered_map<std::int64_t, const rules::ScoreSums*> outside;
        for (const auto& [id, s] : sums)
            if (!in_contest.contains(id))
                outside.emplace(id, &s);
        if (!outside.empty()) { // their codes, in one pass over the orgs
            auto st = db.cached(k_org_codes);
            while (st->executeStep()) {
                auto it = outside.find(st->getColumn(0).getInt64());
                if (it != outside.end())
                    out.outside.push_back({st->getColumn(1).getString(), *it->second});
            }
        }
        std::sort(out.outside.begin(), out.outside.end(),
                  [](const auto& a, const auto& b) { return a.org < b.org; });
    }
    if (out.closed) {
        auto st = db.cached(k_awards_of_month);
        st->bind(1, month);
        std::map<std::string, std::size_t> by_code;
        for (std::size_t i = 0; i < out.clusters.size(); ++i)
            by_code.emplace(out.clusters[i].cluster, i);
        while (st->executeStep()) {
            FlagAward a{m, st->getColumn(0).getString(), st->getColumn(1).getString(),
                        st->getColumn(2).getInt64(), st->getColumn(3).getString()};
            auto it = by_code.find(a.cluster);
            if (it != by_code.end())
                out.clusters[it->second].recorded = std::move(a);
            else if (cluster.empty() && committee.empty())
                out.recorded_elsewhere.push_back(std::move(a));
        }
    }
    return out;
}

AwardResult award_flags(Database& db, const Month& m, const Date& today) {
    const std::string month = format_month(m);
    if (last_day(m) >= today)
        throw Conflict(trf("month {} has not ended (today is {}); its flags are awarded "
                           "from {} on (hlpb score rank --month {} shows the standing)",
                           month, format_date(today), format_date(add_days(last_day(m), 1)),
                           month));
    AwardResult out;
    out.already_closed = month_is_closed(db, month);
    out.contest = load_flag_contest(db, m);
    if (!out.already_closed) {
        record_awards(db, month, out.contest);
        out.contest.closed = true;
    }
    return out;
}

int reopen_month(Database& db, const Month& m) {
    const std::string month = format_month(m);
    if (!month_is_closed(db, month))
        throw Conflict(trf("month {} is not closed; nothing to reopen (hlpb score award "
                           "--month {} closes it)",
                           month, month));
    auto count = db.cached(k_count_awards);
    count->bind(1, month);
    count->executeStep();
    const int flags = count->getColumn(0).getInt();
    for (const char* sql : {k_reopen_flags, k_reopen}) { // the flags first: no ON DELETE actions
        auto st = db.cached(sql);
        st->bind(1, month);
        st->exec();
    }
    return flags;
}

std::vector<FlagAward> cluster_red_flags(Database& db, const std::string& cluster) {
    if (!detail::id_of(detail::sql(db), "cluster", cluster))
        throw NotFound(trf("no cluster '{}' (see: hlpb cluster list)", cluster));
    auto st = db.cached(k_cluster_flags);
    st->bind(1, cluster);
    return read_awards(*st);
}

std::vector<FlagAward> org_red_flags(Database& db, const std::string& org) {
    if (!detail::id_of(detail::sql(db), "org", org))
        throw NotFound(trf("no org '{}' (see: hlpb org list)", org));
    auto st = db.cached(k_org_flags);
    st->bind(1, org);
    return read_awards(*st);
}

} // namespace hlpb::db
