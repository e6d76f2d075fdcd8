// Score entry import and export (SPEC §6). Rows are parsed and checked on the read-ahead thread
// against the org directory loaded once; this thread writes each through ScoreWriter (prepared
// statements, the engine's one transaction), so a rule of an entry exists once (db::validate_score,
// ScoreWriter::write) for `score add` and the import alike.
#include <hlpb/db/database.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/scores.hpp>
#include <hlpb/validate.hpp>

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
    std::string key;
    RowErrors errors;
};

class ScoreImport {
public:
    explicit ScoreImport(db::Database& db) : m_db(db), m_writer(db) {}

    // Inside the transaction, before any row is read: every org's id by code.
    void start() {
        SQLite::Statement st(m_db.sql(), "SELECT code, id FROM org");
        while (st.executeStep())
            m_orgs.emplace(st.getColumn(0).getString(), st.getColumn(1).getInt64());
    }

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
        RowErrors entry_errors;
        db::validate_score(e, entry_errors);
        for (const auto& item : entry_errors.items())
            if (item.field != "points" || errors.empty()) // a bad number is reported once
                errors.add(item.field, item.message);
        if (!e.org.empty()) {
            auto it = m_orgs.find(e.org);
            if (it == m_orgs.end())
                errors.add("org", fmt::format("no org '{}' (see: hlpb org list)", e.org));
            else
                p.org = it->second;
        }
        if (errors.empty()) {
            p.key = e.org;
            p.key += '\x1f';
            p.key += format_month(e.month);
            p.key += '\x1f';
            p.key += e.category;
            p.key += '\x1f';
            p.key += e.reason;
        }
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
};

// "O1, 2026-10, party_affairs, 'reason'": a key as the repeated-key message shows it.
std::string display_key(const std::string& key) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t i = 0; i <= key.size(); ++i)
        if (i == key.size() || key[i] == '\x1f') {
            parts.push_back(key.substr(from, i - from));
            from = i + 1;
        }
    if (parts.size() != 4)
        return key;
    return fmt::format("{}, {}, {}, '{}'", parts[0], parts[1], parts[2], parts[3]);
}

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
    h.display_key = display_key;
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
    db.sql().exec("PRAGMA cache_size = -65536"); // the key index stays in memory as it grows
    struct Restore {
        db::Database& db;
        ~Restore() { db.sql().tryExec("PRAGMA cache_size = -2000"); }
    } restore{db};
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
