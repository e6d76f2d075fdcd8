// Score entry import and export (SPEC §6). Rows are parsed and checked on the read-ahead thread
// against the org directory loaded once, the rules of an entry being those of `score add`
// (db::validate_score, the closed month). Into an empty table the rows go in bulk, all held
// back and written at the end in the month index's order (db::ScoreWriter::begin_bulk). Otherwise
// each row's outcome is found against the stored entries of its month, read once per month, and the
// inserts and updates are held back and written many at a time in the indexes' order
// (db::ScoreWriter::write_upserts).
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

#include <algorithm>
#include <unordered_map>

namespace hlpb::import {
namespace {

const std::vector<Field> k_score_fields = {
    {"org", "党组织编码", true, {"党组织", "编码"}},
    {"month", "月份", true, {"月度"}},
    {"category", "积分类别", true, {"类别"}, FieldType::text, vocab::score_categories()},
    {"points", "积分", true, {"分值"}, FieldType::number},
    {"reason", "事由", false, {"原因", "说明"}},
};
enum ScoreCol { s_org, s_month, s_category, s_points, s_reason };

// What the read-ahead thread works out from a row: the checked entry, its org's row id and
// position in the directory, or the row's errors.
struct PreparedScore final : RowPrep {
    ScoreEntry e;
    std::int64_t org = 0;
    std::uint32_t org_index = 0;
    const char* category = ""; // the key of vocab::score_categories() (static)
    RowErrors errors;
};

// Natural keys (org, month, category, reason), each with a 32-bit value, in one
// open-addressing table of 16-byte slots and no allocation per key: the org as its position in
// the directory, month and category as one number, the reason as its number among the distinct
// reasons (Reasons).
class KeyTable {
public:
    static std::uint64_t head(std::uint32_t org, const Month& m, std::uint32_t category) {
        const auto month = static_cast<std::uint32_t>(static_cast<int>(m.year()) * 12 +
                                                      static_cast<int>(unsigned(m.month())));
        return (std::uint64_t{org} << 32) | (month * 8 + category);
    }
    // The value of the key, or null.
    std::uint32_t* find(std::uint64_t head, std::uint32_t reason) {
        if (m_slots.empty())
            return nullptr;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(head, reason) & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.reason == k_free)
                return nullptr;
            if (slot.head == head && slot.reason == reason)
                return &slot.value;
        }
    }
    // Adds the key with `value` unless it is there: its value, and whether it was added.
    std::pair<std::uint32_t*, bool> insert(std::uint64_t head, std::uint32_t reason,
                                           std::uint32_t value) {
        if ((m_used + 1) * 4 > m_slots.size() * 3)
            grow();
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash(head, reason) & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.reason == k_free) {
                slot = {head, reason, value};
                ++m_used;
                return {&slot.value, true};
            }
            if (slot.head == head && slot.reason == reason)
                return {&slot.value, false};
        }
    }

private:
    static constexpr std::uint32_t k_free = 0xFFFFFFFF; // no reason has this number
    struct Slot {
        std::uint64_t head; // org << 32 | month * 8 + category
        std::uint32_t reason = k_free;
        std::uint32_t value;
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
            if (s.reason == k_free)
                continue;
            std::size_t i = hash(s.head, s.reason) & mask;
            while (m_slots[i].reason != k_free)
                i = (i + 1) & mask;
            m_slots[i] = s;
        }
    }
    std::vector<Slot> m_slots;
    std::size_t m_used = 0;
};

// The distinct reasons of a run, numbered in the order met (of one thread).
class Reasons {
public:
    // The reason's number and its text, which lives as long as this.
    std::pair<std::uint32_t, const std::string*> of(const std::string& reason) {
        const auto it =
            m_numbers.try_emplace(reason, static_cast<std::uint32_t>(m_numbers.size())).first;
        return {it->second, &it->first};
    }

private:
    std::unordered_map<std::string, std::uint32_t> m_numbers;
};

std::uint32_t category_index(std::string_view key) {
    const auto categories = vocab::score_categories();
    for (std::size_t i = 0; i < categories.size(); ++i)
        if (key == categories[i].key)
            return static_cast<std::uint32_t>(i);
    return 7;
}

class ScoreImport {
public:
    explicit ScoreImport(db::Database& db) : m_db(db), m_writer(db) {}

    // A first load (no entry at all) goes in bulk: see db::ScoreWriter::begin_bulk.
    bool bulk_planned() { return m_bulk_planned = m_writer.empty(); }

    // Inside the transaction, before any row is read: every org's id by code; the indexes
    // dropped for a bulk load.
    void start() {
        for (auto& [code, id] : db::org_ids(m_db)) {
            const auto index = static_cast<std::uint32_t>(m_codes.size());
            m_orgs.emplace(code, Org{id, index});
            m_index_of.emplace(id, index);
            m_codes.push_back(code);
        }
        m_bulk = m_bulk_planned && m_writer.empty();
        if (m_bulk)
            m_writer.begin_bulk();
    }
    // Every row was good: a bulk load builds its indexes, an upsert writes the rest of what
    // apply() found.
    void finish() {
        write_pending();
        m_writer.end_bulk();
    }

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
        p.org_index = 0;
        if (!e.org.empty()) {
            auto it = m_orgs.find(e.org);
            if (it == m_orgs.end()) {
                errors.add("org", fmt::format("no org '{}' (see: hlpb org list)", e.org));
            } else {
                p.org = it->second.id;
                p.org_index = it->second.index;
            }
        }
        if (!errors.empty())
            return;
        // A row with errors records no key (as the engine's own check of keys did).
        const std::uint32_t category = category_index(e.category);
        p.category = vocab::score_categories()[category].key;
        auto [line, fresh] =
            m_seen.insert(KeyTable::head(p.org_index, e.month, category),
                          m_seen_reasons.of(e.reason).first, static_cast<std::uint32_t>(row.line));
        if (!fresh)
            errors.add("org, month, category, reason",
                       fmt::format("'{}, {}, {}, {}' repeated; first on line {}",
                                   m_codes[p.org_index], format_month(e.month), e.category,
                                   e.reason.empty() ? "(no reason)" : e.reason, *line));
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
        if (m_bulk) {
            // Held back to the end (32 bytes a row, plus the distinct reasons), then written in
            // the order of score_entry_month (see begin_bulk).
            m_pending.inserts.push_back({p.org, p.category, m_reasons.of(p.e.reason).second,
                                         p.e.month, static_cast<std::int32_t>(p.e.points)});
            return Outcome::inserted;
        }
        return upsert(p);
    }

private:
    // Not a bulk load: the outcome from the entries of the row's month (read the first time a
    // row names it); the write is held back (write_pending). No key repeats within the file
    // (prepare()), so a key written since its month was read is never looked up again.
    Outcome upsert(const PreparedScore& p) {
        const ScoreEntry& e = p.e;
        if (std::find(m_loaded.begin(), m_loaded.end(), e.month) == m_loaded.end())
            load_month(e.month);
        const std::uint64_t head = KeyTable::head(p.org_index, e.month, category_index(p.category));
        const auto [reason, text] = m_reasons.of(e.reason);
        const db::ScoreWriter::Upsert u{p.org, p.category, text, e.month,
                                        static_cast<std::int32_t>(e.points)};
        const std::uint32_t* stored = m_stored.find(head, reason);
        if (stored && static_cast<std::int32_t>(*stored) == e.points)
            return Outcome::unchanged;
        (stored ? m_pending.updates : m_pending.inserts).push_back(u);
        const Outcome outcome = stored ? Outcome::updated : Outcome::inserted;
        if (m_pending.inserts.size() + m_pending.updates.size() == k_pending)
            write_pending();
        return outcome;
    }

    // Writes are held back k_pending at a time (8 MB; memory does not grow with the file),
    // then written in the indexes' order. Should a later row be bad, the run rolls them back.
    static constexpr std::size_t k_pending = std::size_t{1} << 18;
    void write_pending() {
        m_writer.write_upserts(m_pending);
        m_pending.inserts.clear();
        m_pending.updates.clear();
    }

    void load_month(const Month& m) {
        m_loaded.push_back(m);
        m_writer.month_entries(m, [&](std::int64_t org, std::string_view category,
                                      std::string_view reason, long long points) {
            auto it = m_index_of.find(org);
            if (it == m_index_of.end())
                return; // cannot be (a foreign key): no row of the file names it
            m_stored.insert(KeyTable::head(it->second, m, category_index(category)),
                            m_reasons.of(std::string(reason)).first,
                            static_cast<std::uint32_t>(static_cast<std::int32_t>(points)));
        });
    }

    db::Database& m_db;
    db::ScoreWriter m_writer;
    struct Org {
        std::int64_t id;
        std::uint32_t index; // in m_codes
    };
    std::unordered_map<std::string, Org> m_orgs; // from start(); then read only
    std::vector<std::string> m_codes;
    bool m_bulk_planned = false;
    bool m_bulk = false; // from start()
    // Of the read-ahead thread: the keys of the rows so far (with their lines).
    KeyTable m_seen;
    Reasons m_seen_reasons;
    // Of this thread, not in a bulk load: the stored entries of the months in m_loaded (their
    // points, within k_score_points); and the writes found so far (in a bulk load, all rows).
    std::unordered_map<std::int64_t, std::uint32_t> m_index_of; // org id → index in m_codes
    std::vector<Month> m_loaded;
    KeyTable m_stored;
    Reasons m_reasons;
    db::ScoreWriter::Upserts m_pending;
};

} // namespace

std::span<const Field> score_fields() {
    return k_score_fields;
}

Summary import_scores(db::Database& db, const SourceOptions& source, const ImportOptions& o) {
    RowSource src(source, k_score_fields);
    ScoreImport importer(db);
    Handler h;
    // Repeated keys are found by prepare(), on the read-ahead thread (KeyTable).
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
    // An upsert writes into the live indexes in their order (write_upserts): 16 MB of pages
    // serve its sweeps as well as 64 MB did. A bulk load builds its indexes at the end (their
    // sorts spill to temporary files past the cache: memory stays flat).
    db::detail::sql(db).exec(bulk ? "PRAGMA cache_size = -4096" : "PRAGMA cache_size = -16384");
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
