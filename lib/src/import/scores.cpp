// Score entry import and export (SPEC §6). Rows are parsed and checked on the read-ahead thread
// against the org directory loaded once, the rules of an entry being those of `score add`
// (db::validate_score, the closed month). Into an empty table the rows go in bulk: held back in
// runs, each run sorted into the order of score_entry's key and written while the next is read
// (db::ScoreWriter::begin_bulk, ScoreImport::hold). Otherwise
// each row's outcome is found against the stored entries of its month, read once per month, and the
// inserts and updates are held back and written many at a time in the key's order
// (db::ScoreWriter::write_upserts).
#include <hlpb/db/database.hpp>
#include <hlpb/db/resolve.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/scores.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include "db/sql_access.hpp"
#include "import/score_run.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <unordered_map>

namespace hlpb::import {

namespace detail {

// score_entry's key order (month, org, category), field by field, then points: entries of one
// org, month and category under several reasons (the key's last field) go to one place.
bool key_order(const db::ScoreWriter::Upsert& a, const db::ScoreWriter::Upsert& b) {
    if (a.month != b.month)
        return a.month < b.month;
    if (a.org != b.org)
        return a.org < b.org;
    if (const int c = std::strcmp(a.category, b.category); c != 0)
        return c < 0;
    return a.points < b.points;
}

// The same order as one 64-bit number, when the values fit (months from 1900 to 3265, org ids
// below 2^32, a category of vocab::score_categories(), points within k_score_points): month 14
// bits, org 32, category 3 (its rank by name, as strcmp orders them), points 15.
std::optional<std::uint64_t> packed_key(const db::ScoreWriter::Upsert& u) {
    static const std::vector<std::uint32_t> ranks = [] {
        const auto categories = vocab::score_categories();
        std::vector<std::uint32_t> r(categories.size(), 0);
        for (std::size_t i = 0; i < categories.size(); ++i)
            for (const auto& other : categories)
                r[i] += std::strcmp(other.key, categories[i].key) < 0 ? 1 : 0;
        return r;
    }();
    const auto categories = vocab::score_categories();
    std::size_t category = 0;
    while (category < categories.size() && categories[category].key != u.category &&
           std::strcmp(categories[category].key, u.category) != 0)
        ++category;
    const long long month = (static_cast<int>(u.month.year()) - 1900) * 12LL +
                            static_cast<unsigned>(u.month.month()) - 1;
    const long long points = u.points - db::k_score_points.min;
    if (category == categories.size() || month < 0 || month >= (1LL << 14) || u.org < 0 ||
        u.org >= (1LL << 32) || points < 0 || points >= (1LL << 15))
        return std::nullopt;
    return (static_cast<std::uint64_t>(month) << 50) | (static_cast<std::uint64_t>(u.org) << 18) |
           (static_cast<std::uint64_t>(ranks[category]) << 15) | static_cast<std::uint64_t>(points);
}

// Sorts `rows` into key_order: by their keys with a radix sort, a pass per byte that
// varies (a run of one month: five or six passes), then the rows moved into that order; field by
// field when a key does not fit. Rows of the same key keep their order.
void sort_run(std::vector<db::ScoreWriter::Upsert>& rows) {
    struct Keyed {
        std::uint64_t key;
        std::uint32_t at;
    };
    const auto by_fields = [&rows] { std::sort(rows.begin(), rows.end(), key_order); };
    if (rows.size() > std::numeric_limits<std::uint32_t>::max())
        return by_fields();
    std::vector<Keyed> keys(rows.size()), other(rows.size());
    std::uint64_t all_or = 0, all_and = ~std::uint64_t{0};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto key = packed_key(rows[i]);
        if (!key)
            return by_fields();
        keys[i] = {*key, static_cast<std::uint32_t>(i)};
        all_or |= *key;
        all_and &= *key;
    }
    for (int shift = 0; shift < 64; shift += 8) {
        if ((((all_or ^ all_and) >> shift) & 0xFF) == 0)
            continue; // the same byte in every key
        std::array<std::size_t, 257> start{};
        for (const Keyed& k : keys)
            ++start[((k.key >> shift) & 0xFF) + 1];
        for (std::size_t b = 1; b < start.size(); ++b)
            start[b] += start[b - 1];
        for (const Keyed& k : keys)
            other[start[(k.key >> shift) & 0xFF]++] = k;
        keys.swap(other);
    }
    std::vector<db::ScoreWriter::Upsert> sorted;
    sorted.reserve(rows.size());
    for (const Keyed& k : keys)
        sorted.push_back(rows[k.at]);
    rows.swap(sorted);
}

} // namespace detail

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
    // For the batch's lookups (ScoreImport::prepare): the hash of the org code, and the row's
    // key in the table of keys seen (when `keyed`: the row has no error).
    std::size_t org_hash = 0;
    std::uint64_t key_head = 0;
    std::uint32_t reason_number = 0;
    const std::string* reason = nullptr; // e.reason, kept by ScoreImport (Reasons) for the run
    bool keyed = false;
};

// Every org's row id and position by code: one flat open-addressing table of 8-byte slots over
// the list of orgs, so that a batch of lookups can load its slots and entries ahead of use
// (prefetch_slot, prefetch_entry) and their cache misses overlap (64,100 orgs at scale 100).
class OrgCodes {
public:
    static constexpr std::uint32_t k_none = 0xFFFFFFFF;
    void load(db::Database& db) {
        for (auto& [code, id] : db::org_ids(db))
            m_list.push_back({std::move(code), id});
        std::size_t size = 1024;
        while (size < m_list.size() * 2)
            size *= 2;
        m_slots.assign(size, Slot{});
        const std::size_t mask = size - 1;
        for (std::uint32_t i = 0; i < m_list.size(); ++i) {
            const std::size_t h = hash(m_list[i].code);
            std::size_t at = h & mask;
            while (m_slots[at].position != 0)
                at = (at + 1) & mask;
            m_slots[at] = {i + 1, tag(h)};
        }
    }
    static std::size_t hash(std::string_view code) { return std::hash<std::string_view>{}(code); }
    void prefetch_slot(std::size_t h) const {
        __builtin_prefetch(&m_slots[h & (m_slots.size() - 1)]);
    }
    void prefetch_entry(std::size_t h) const {
        const Slot& slot = m_slots[h & (m_slots.size() - 1)];
        if (slot.position != 0)
            __builtin_prefetch(&m_list[slot.position - 1]);
    }
    // The org's position in the list, or k_none.
    std::uint32_t find(std::string_view code, std::size_t h) const {
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t at = h & mask;; at = (at + 1) & mask) {
            const Slot& slot = m_slots[at];
            if (slot.position == 0)
                return k_none;
            if (slot.tag == tag(h) && m_list[slot.position - 1].code == code)
                return slot.position - 1;
        }
    }
    std::size_t size() const { return m_list.size(); }
    const std::string& code(std::uint32_t position) const { return m_list[position].code; }
    std::int64_t id(std::uint32_t position) const { return m_list[position].id; }

private:
    static std::uint32_t tag(std::size_t h) { return static_cast<std::uint32_t>(h >> 32); }
    struct Entry {
        std::string code;
        std::int64_t id;
    };
    struct Slot {
        std::uint32_t position = 0; // + 1, in m_list; 0 free
        std::uint32_t tag = 0;      // the high half of the code's hash
    };
    std::vector<Entry> m_list;
    std::vector<Slot> m_slots; // a power of two, at most half full
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
    // Room for `keys` keys without growing.
    void reserve(std::size_t keys) {
        std::size_t size = 1024;
        while (size * 3 < keys * 4)
            size *= 2;
        if (size > m_slots.size() && m_used == 0)
            m_slots.assign(size, Slot{});
    }
    void prefetch(std::uint64_t head, std::uint32_t reason) const {
        if (!m_slots.empty())
            __builtin_prefetch(&m_slots[hash(head, reason) & (m_slots.size() - 1)]);
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
    // The source the rows come from: a bulk load writes while its read-ahead thread has room
    // (hold()). `expected_rows`: about how many rows the file has (0: unknown), to size the
    // table of keys seen once.
    void read_from(const RowSource& source, std::size_t expected_rows) {
        m_source = &source;
        m_seen.reserve(expected_rows);
    }

    // Inside the transaction, before any row is read: every org's id by code; the indexes
    // dropped for a bulk load.
    void start() {
        m_orgs.load(m_db);
        m_name_records = db::NameIndex::records(m_db, db::RecordKind::org);
        m_bulk = m_bulk_planned && m_writer.empty();
        if (m_bulk)
            m_writer.begin_bulk();
    }
    // Every row was good: a bulk load writes what it holds back and builds its indexes, an
    // upsert writes the rest of what apply() found.
    void finish() {
        if (m_bulk) {
            close_run();
            write_held(m_held.size() - m_next_held);
        }
        write_pending();
        m_writer.end_bulk();
    }

    // On the read-ahead thread, a batch of rows at a time: needs nothing but m_orgs, which does
    // not change during the run, and what only this thread uses (m_seen, m_seen_reasons). The
    // cache misses of the batch's lookups (the org table, the table of keys seen) overlap:
    // each table is read for the whole batch only after its lines were asked for.
    void prepare(std::span<Row> rows) {
        for (Row& row : rows) {
            if (!row.prep)
                row.prep = std::make_unique<PreparedScore>();
            auto& p = static_cast<PreparedScore&>(*row.prep);
            p.errors.clear();
            p.keyed = false;
            if (!row.error.empty())
                continue;
            p.org_hash = OrgCodes::hash(row[s_org]);
            m_orgs.prefetch_slot(p.org_hash);
        }
        for (Row& row : rows)
            if (row.error.empty())
                m_orgs.prefetch_entry(static_cast<PreparedScore&>(*row.prep).org_hash);
        for (Row& row : rows)
            if (row.error.empty())
                check(row, static_cast<PreparedScore&>(*row.prep));
        for (Row& row : rows) {
            auto& p = static_cast<PreparedScore&>(*row.prep);
            if (!p.keyed)
                continue;
            auto [line, fresh] =
                m_seen.insert(p.key_head, p.reason_number, static_cast<std::uint32_t>(row.line));
            if (!fresh)
                p.errors.add("org, month, category, reason",
                             trf("'{}, {}, {}, {}' repeated; first on line {}",
                                 m_orgs.code(p.org_index), format_month(p.e.month), p.e.category,
                                 p.e.reason.empty() ? std::string(tr("(no reason)")) : p.e.reason,
                                 *line));
        }
    }

    std::optional<Outcome> apply(const Row& row, RowErrors& errors) {
        auto& p = static_cast<PreparedScore&>(*row.prep); // prepare() ran on every row
        if (!p.errors.empty()) {
            std::swap(errors, p.errors);
            m_failed = true;
            return std::nullopt;
        }
        if (m_writer.closed(p.e.month)) {
            errors.add("month", db::closed_month_message(p.e.month));
            m_failed = true;
            return std::nullopt;
        }
        if (m_bulk) {
            if (!m_failed) // else nothing is written: the run rolls back
                hold({p.org, p.category, p.reason, p.e.month,
                      static_cast<std::int32_t>(p.e.points)});
            return Outcome::inserted;
        }
        return upsert(p);
    }

private:
    // On the read-ahead thread: the row's checks, its org, and its key (see prepare()).
    void check(Row& row, PreparedScore& p) {
        ScoreEntry& e = p.e;
        RowErrors& errors = p.errors;
        e.org = row[s_org];
        e.category = row[s_category];
        e.reason = row[s_reason];
        e.points = 0;
        const auto month = parse_month(row[s_month]);
        if (!month)
            errors.add("month",
                       trf("'{}' is not a month (use YYYY-MM or YYYY年M月)", row[s_month]));
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
            std::uint32_t at = m_orgs.find(e.org, p.org_hash);
            if (at == OrgCodes::k_none) { // a code in another case, a full name (db::NameIndex)
                if (!m_names) // 64,100 names at scale 100 (20 ms): only if a row needs them
                    m_names.emplace(db::RecordKind::org, std::move(m_name_records));
                const db::Resolved r = m_names->find(e.org);
                if (r) {
                    e.org = r.code;
                    at = m_orgs.find(e.org, OrgCodes::hash(e.org));
                } else {
                    errors.add("org", r.telling() ? r.problem
                                                  : trf("no org '{}' (see: hlpb org list)", e.org));
                }
            }
            if (at != OrgCodes::k_none) {
                p.org = m_orgs.id(at);
                p.org_index = at;
            }
        }
        if (!errors.empty())
            return; // a row with errors records no key (as the engine's own check of keys did)
        const std::uint32_t category = category_index(e.category);
        p.category = vocab::score_categories()[category].key;
        const auto [number, text] = m_seen_reasons.of(e.reason);
        p.reason_number = number;
        p.reason = text;
        p.key_head = KeyTable::head(p.org_index, e.month, category);
        p.keyed = true;
        m_seen.prefetch(p.key_head, number);
    }

    // A bulk load holds its rows back in runs. A run ends at a change of month once it has
    // k_run rows (or at k_max_run rows): it is sorted into the order of score_entry's key and
    // queued (m_held), and the queue is written while the next run is read, 64 rows at a time:
    // at least one row written for each row read, and more while the read-ahead thread has room
    // (so that neither thread waits on the other). A file that comes month by month (as an
    // export or the bench's) then appends each month to the table as one sorted sweep; the last
    // run is written after the last row. Memory: two runs, not the file.
    static constexpr std::size_t k_run = std::size_t{1} << 14;
    static constexpr std::size_t k_max_run = std::size_t{1} << 20;
    static constexpr std::size_t k_chunk = 64; // db::ScoreWriter's rows per INSERT
    void hold(const db::ScoreWriter::Upsert& u) {
        if (!m_run.empty() &&
            ((m_run.size() >= k_run && u.month != m_run.back().month) || m_run.size() >= k_max_run))
            close_run();
        m_run.push_back(u);
        if (m_next_held == m_held.size())
            return;
        ++m_owed;
        if (m_owed >= static_cast<long>(k_chunk) ||
            ((++m_asked & 15) == 0 && m_source && m_source->ready_batches() < 2))
            write_held(k_chunk);
    }
    void close_run() {
        detail::sort_run(m_run);
        if (m_next_held == m_held.size()) {
            m_held.clear();
            m_next_held = 0;
            m_held.swap(m_run); // m_run keeps the old queue's memory
        } else {
            m_held.erase(m_held.begin(), m_held.begin() + static_cast<std::ptrdiff_t>(m_next_held));
            m_next_held = 0;
            m_held.insert(m_held.end(), m_run.begin(), m_run.end());
            m_run.clear();
        }
    }
    void write_held(std::size_t n) {
        n = std::min(n, m_held.size() - m_next_held);
        m_writer.write_bulk(std::span(m_held.data() + m_next_held, n));
        m_next_held += n;
        m_owed -= static_cast<long>(n);
        if (m_next_held == m_held.size())
            m_owed = 0;
    }

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
        if (m_index_of.empty()) // the first month: a bulk load never needs it
            for (std::uint32_t i = 0; i < m_orgs.size(); ++i)
                m_index_of.emplace(m_orgs.id(i), i);
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
    const RowSource* m_source = nullptr;
    OrgCodes m_orgs; // from start(); then read only (by both threads)
    // Codes in another case and names: the records read by start(), indexed by the read-ahead
    // thread at its first row that needs them, and then used only there.
    std::vector<db::NamedRecord> m_name_records;
    std::optional<db::NameIndex> m_names;
    bool m_bulk_planned = false;
    bool m_bulk = false;   // from start()
    bool m_failed = false; // a row was bad: nothing more is written
    // Of the read-ahead thread: the keys of the rows so far (with their lines), the distinct
    // reasons (whose texts the held-back rows of a bulk load point to: an entry of the map does
    // not move, and its text is not changed once the row naming it is handed over).
    KeyTable m_seen;
    Reasons m_seen_reasons;
    // A bulk load's rows (hold()): the run being read, and the sorted runs not written yet
    // (from m_next_held on); m_owed rows written fewer than read since the queue had rows.
    std::vector<db::ScoreWriter::Upsert> m_run, m_held;
    std::size_t m_next_held = 0;
    long m_owed = 0;
    unsigned m_asked = 0;
    // Of this thread, not in a bulk load: the stored entries of the months in m_loaded (their
    // points, within k_score_points); and the writes found so far.
    // org id → position in m_orgs, for the stored entries (made by the first load_month)
    std::unordered_map<std::int64_t, std::uint32_t> m_index_of;
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
    // A row of the bench's file is 43 bytes; shorter rows make the table of keys grow once.
    importer.read_from(src, static_cast<std::size_t>(src.total_bytes() / 40));
    Handler h;
    // Repeated keys are found by prepare(), on the read-ahead thread (KeyTable).
    h.key_field = "org, month, category, reason";
    h.start = [&] {
        // db undo: a write past WriteTx::k_max_recorded_rows keeps no changeset anyway; a file
        // that big (a row is about 30 bytes) is not recorded from the start, which saves time.
        constexpr std::uint64_t k_unrecorded_bytes = 4'000'000;
        if (src.total_bytes() > k_unrecorded_bytes)
            db.current_write()->stop_recording(N_("a large score import"));
        importer.start();
    };
    h.prepare = [&importer](std::span<Row> rows) { importer.prepare(rows); };
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
