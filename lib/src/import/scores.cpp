// Score entry import and export (SPEC §6). Rows are parsed and checked on the read-ahead thread
// against the org directory loaded once; this thread writes each through ScoreWriter (prepared
// statements, the engine's one transaction), so a rule of an entry exists once (db::validate_score,
// ScoreWriter::write) for `score add` and the import alike.
#include <hlpb/db/database.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/scores.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <cstring>
#include <unordered_map>

namespace hlpb::import {
namespace {

const std::vector<Field> k_score_fields = {
    {"org", "党组织编码", true, {"党组织", "编码"}},
    {"month", "月份", true, {"月度"}},
    {"category", "积分类别", true, {"类别"}},
    {"points", "积分", true, {"分值"}, FieldType::number},
    {"reason", "事由", false, {"原因", "说明"}},
};
enum ScoreCol { s_org, s_month, s_category, s_points, s_reason };

// What the read-ahead thread works out from a row: the checked entry and its org's row id, or
// the row's errors; and the row's natural key.
struct PreparedScore final : RowPrep {
    ScoreEntry e;
    std::int64_t org = 0;
    std::string key;
    RowErrors errors;
};

class ScoreImport {
public:
    explicit ScoreImport(db::Database& db) : m_db(db), m_writer(db) {}

    // A first load (no entry at all) goes in bulk: see db::ScoreWriter::begin_bulk.
    bool bulk_planned() { return m_bulk_planned = m_writer.empty(); }

    // Inside the transaction, before any row is read: every org's id by code; the indexes
    // dropped for a bulk load.
    void start() {
        m_orgs = db::org_ids(m_db);
        if (m_bulk_planned && m_writer.empty())
            m_writer.begin_bulk();
    }
    void finish() { m_writer.end_bulk(); }

    // On the read-ahead thread: needs nothing but m_orgs, which does not change during the run.
    void prepare(Row& row) {
        if (!row.prep)
            row.prep = std::make_unique<PreparedScore>();
        auto& p = static_cast<PreparedScore&>(*row.prep);
        p.errors.clear();
        p.key.clear();
        if (!row.error.empty())
            return; // the engine reports it
        ScoreEntry& e = p.e;
        RowErrors& errors = p.errors;
        e.org = row[s_org];
        e.category = row[s_category];
        e.reason = row[s_reason];
        e.points = 0;
        const auto month = parse_month(row[s_month]);
        if (!month)
            errors.add("month",
                       fmt::format("'{}' is not a month (use YYYY-MM or YYYY年M月)", row[s_month]));
        else
            e.month = *month;
        long long points = 0;
        if (auto problem = validate::check_number(row[s_points], db::k_score_points, points);
            !problem.empty())
            errors.add("points", problem);
        e.points = points;
        db::validate_score(e, errors); // the rules of `score add` too
        if (!e.org.empty()) {
            auto it = m_orgs.find(e.org);
            if (it == m_orgs.end())
                errors.add("org", fmt::format("no org '{}' (see: hlpb org list)", e.org));
            else
                p.org = it->second;
        }
        if (errors.empty())
            key_of(p.org, e, p.key);
    }

    // The natural key as bytes: org id (8), month (4), category (1), then the reason. Short
    // (no allocation for an empty reason): the engine keeps a million of them.
    static void key_of(std::int64_t org, const ScoreEntry& e, std::string& key) {
        const auto month = static_cast<std::int32_t>(static_cast<int>(e.month.year()) * 12 +
                                                     static_cast<int>(unsigned(e.month.month())));
        const auto categories = vocab::score_categories();
        char category = 0;
        for (std::size_t i = 0; i < categories.size(); ++i)
            if (e.category == categories[i].key)
                category = static_cast<char>(i);
        key.assign(reinterpret_cast<const char*>(&org), sizeof org);
        key.append(reinterpret_cast<const char*>(&month), sizeof month);
        key += category;
        key += e.reason;
    }

    // "O1, 2026-10, party_affairs, reason": a key as the repeated-key message shows it.
    std::string display_key(const std::string& key) const {
        constexpr std::size_t k_fixed = sizeof(std::int64_t) + sizeof(std::int32_t) + 1;
        if (key.size() < k_fixed)
            return key;
        std::int64_t org = 0;
        std::int32_t month = 0;
        std::memcpy(&org, key.data(), sizeof org);
        std::memcpy(&month, key.data() + sizeof org, sizeof month);
        const auto category = static_cast<std::size_t>(key[k_fixed - 1]);
        std::string code;
        for (const auto& [c, id] : m_orgs) // only for an error message
            if (id == org)
                code = c;
        const std::string reason = key.substr(k_fixed);
        return fmt::format("{}, {:04}-{:02}, {}, {}", code, (month - 1) / 12, (month - 1) % 12 + 1,
                           vocab::score_categories()[category].key,
                           reason.empty() ? "(no reason)" : reason);
    }

    std::optional<Outcome> apply(const Row& row, RowErrors& errors) {
        auto& p = static_cast<PreparedScore&>(*row.prep); // prepare() ran on every row
        if (!p.errors.empty()) {
            std::swap(errors, p.errors);
            return std::nullopt;
        }
        if (m_writer.closed(p.e.month)) {
            errors.add("month", db::closed_month_message(p.e.month));
            return std::nullopt;
        }
        return m_writer.write(p.e, p.org, db::ScoreWriter::Mode::upsert);
    }

private:
    db::Database& m_db;
    db::ScoreWriter m_writer;
    std::unordered_map<std::string, std::int64_t> m_orgs;
    bool m_bulk_planned = false;
};

} // namespace

std::span<const Field> score_fields() {
    return k_score_fields;
}

Summary import_scores(db::Database& db, const SourceOptions& source, const ImportOptions& o) {
    RowSource src(source, k_score_fields);
    ScoreImport importer(db);
    Handler h;
    h.key_field = "org, month, category, reason";
    h.key = [](const Row& r) {
        return r.prep ? static_cast<const PreparedScore&>(*r.prep).key : std::string();
    };
    h.display_key = [&importer](const std::string& key) { return importer.display_key(key); };
    h.start = [&] {
        // db undo: a write past WriteTx::k_max_recorded_rows keeps no changeset anyway; a file
        // that big (a row is about 30 bytes) is not recorded from the start, which saves time.
        constexpr std::uint64_t k_unrecorded_bytes = 4'000'000;
        if (src.total_bytes() > k_unrecorded_bytes)
            db.current_write()->stop_recording("a large score import");
        importer.start();
    };
    h.prepare = [&importer](std::span<Row> rows) {
        for (Row& row : rows)
            importer.prepare(row);
    };
    h.apply = [&](const Row& row, RowErrors& errors) { return importer.apply(row, errors); };
    h.finish = [&] { importer.finish(); };
    // A bulk load writes only org ids from the directory start() read, so the foreign key
    // check (a probe per row) rests; the pragma only takes effect outside a transaction.
    const bool bulk = importer.bulk_planned();
    struct Restore {
        db::Database& db;
        bool bulk;
        ~Restore() {
            db.sql().tryExec("PRAGMA cache_size = -2000");
            if (bulk)
                db.sql().tryExec("PRAGMA foreign_keys = ON");
        }
    } restore{db, bulk};
    // A live key index stays in memory as it grows; a bulk load builds its indexes at the end
    // (their sorts spill to temporary files past the cache: memory stays flat).
    db.sql().exec(bulk ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -65536");
    if (bulk)
        db.sql().exec("PRAGMA foreign_keys = OFF");
    return run(db, src, h, o);
}

out::Table export_scores(db::Database& db, const std::optional<Month>& from,
                         const std::optional<Month>& to) {
    out::Table t;
    for (const auto& f : k_score_fields)
        t.columns.push_back({f.key, f.zh, f.type == FieldType::number});
    db::ScoreFilter filter;
    filter.from = from;
    filter.to = to;
    for (const auto& e : db::list_scores(db, filter))
        t.rows.push_back({e.org, format_month(e.month), e.category, e.points, e.reason});
    return t;
}

} // namespace hlpb::import
