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

#include "db/sql_access.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

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
    RowErrors errors;
};

// The natural keys seen so far (org, month, category, reason) with the line of each, for
// "repeated; first on line N": 16 bytes a key in one open-addressing table (the org as its
// position in the directory, the reason as its number among the distinct reasons), no
// allocation per row. Used by the read-ahead thread alone.
class SeenKeys {
public:
    // Records the key on `line`; returns the line it was first seen on, or 0 when it is new.
    long insert(std::uint32_t org, std::uint32_t month_category, const std::string& reason,
                long line) {
        auto [it, fresh] =
            m_reasons.try_emplace(reason, static_cast<std::uint32_t>(m_reasons.size()));
        const std::uint64_t head = (std::uint64_t{org} << 32) | month_category;
        const std::uint32_t tail = it->second;
        if ((m_used + 1) * 4 > m_slots.size() * 3)
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(head, tail) & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.line == 0) {
                slot = {head, tail, static_cast<std::uint32_t>(line)};
                ++m_used;
                return 0;
            }
            if (slot.head == head && slot.reason == tail)
                return slot.line;
        }
    }

private:
    struct Slot {
        std::uint64_t head; // org << 32 | month_category
        std::uint32_t reason;
        std::uint32_t line; // 0: free
    };
    static std::size_t hash(std::uint64_t head, std::uint32_t reason) {
        std::uint64_t h = (head ^ (std::uint64_t{reason} << 47)) * 0x9E3779B97F4A7C15ull;
        return static_cast<std::size_t>(h ^ (h >> 29));
    }
    void grow() {
        std::vector<Slot> old(m_slots.empty() ? 1024 : m_slots.size() * 2);
        old.swap(m_slots);
        const std::size_t mask = m_slots.size() - 1;
        for (const Slot& s : old) {
            if (s.line == 0)
                continue;
            std::size_t i = hash(s.head, s.reason) & mask;
            while (m_slots[i].line != 0)
                i = (i + 1) & mask;
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    std::size_t m_used = 0;
    std::unordered_map<std::string, std::uint32_t> m_reasons;
};

class ScoreImport {
public:
    explicit ScoreImport(db::Database& db) : m_db(db), m_writer(db) {}

    // A first load (no entry at all) goes in bulk: see db::ScoreWriter::begin_bulk.
    bool bulk_planned() { return m_bulk_planned = m_writer.empty(); }

    // Inside the transaction, before any row is read: every org's id by code; the indexes
    // dropped for a bulk load.
    void start() {
        for (auto& [code, id] : db::org_ids(m_db)) {
            m_orgs.emplace(code, Org{id, static_cast<std::uint32_t>(m_codes.size())});
            m_codes.push_back(code);
        }
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
        std::uint32_t org_index = 0;
        if (!e.org.empty()) {
            auto it = m_orgs.find(e.org);
            if (it == m_orgs.end()) {
                errors.add("org", fmt::format("no org '{}' (see: hlpb org list)", e.org));
            } else {
                p.org = it->second.id;
                org_index = it->second.index;
            }
        }
        if (!errors.empty())
            return;
        // A row with errors records no key (as the engine's own check of keys did).
        const auto categories = vocab::score_categories();
        std::uint32_t category = 0;
        for (std::size_t i = 0; i < categories.size(); ++i)
            if (e.category == categories[i].key)
                category = static_cast<std::uint32_t>(i);
        const auto month_index = static_cast<std::uint32_t>(
            static_cast<int>(e.month.year()) * 12 + static_cast<int>(unsigned(e.month.month())));
        if (long first = m_seen.insert(org_index, month_index * 8 + category, e.reason, row.line))
            errors.add("org, month, category, reason",
                       fmt::format("'{}, {}, {}, {}' repeated; first on line {}",
                                   m_codes[org_index], format_month(e.month), e.category,
                                   e.reason.empty() ? "(no reason)" : e.reason, first));
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
    struct Org {
        std::int64_t id;
        std::uint32_t index; // in m_codes
    };
    std::unordered_map<std::string, Org> m_orgs; // from start(); then read only
    std::vector<std::string> m_codes;
    SeenKeys m_seen; // of the read-ahead thread
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
    // Repeated keys are found by prepare(), on the read-ahead thread (SeenKeys).
    h.key_field = "org, month, category, reason";
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
            db::detail::sql(db).tryExec("PRAGMA cache_size = -2000");
            if (bulk) {
                db::detail::sql(db).tryExec("PRAGMA foreign_keys = ON");
                // see begin_bulk()
                db::detail::sql(db).tryExec("PRAGMA ignore_check_constraints = OFF");
            }
        }
    } restore{db, bulk};
    // A live key index stays in memory as it grows; a bulk load builds its indexes at the end
    // (their sorts spill to temporary files past the cache: memory stays flat).
    db::detail::sql(db).exec(bulk ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -65536");
    if (bulk)
        db::detail::sql(db).exec("PRAGMA foreign_keys = OFF");
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
