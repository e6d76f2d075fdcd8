// The import engine: one write transaction, duplicate keys, every bad row collected, the
// errors-out file, all or nothing.
#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/util/atomic_file.hpp>
#include <hlpb/validate.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>

#include <cstring>
#include <functional>
#include <limits>
#include <optional>

namespace hlpb::import {
namespace {

// Rows between two progress calls.
constexpr long k_progress_every = 1024;

// The keys seen so far with the line of each, for "repeated; first on line N". An
// open-addressing table of 8-byte slots over one arena of length-prefixed key bytes: about a
// third of the memory of an unordered_map<std::string, long>, and no allocation per row.
class KeyIndex {
public:
    // Records `key` on `line`; returns the line it was first seen on, or 0 when it is new.
    long insert(std::string_view key, long line) {
        if ((m_size + 1) * 2 > m_slots.size())
            grow();
        std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = std::hash<std::string_view>{}(key)&mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.offset == k_empty) {
                slot.offset = append(key);
                slot.line = line > k_max_line ? k_max_line : static_cast<std::uint32_t>(line);
                ++m_size;
                return 0;
            }
            if (key_at(slot.offset) == key)
                return slot.line;
        }
    }

private:
    struct Slot {
        std::uint32_t offset; // of the key's length prefix in m_arena; k_empty when free
        std::uint32_t line;
    };
    static constexpr std::uint32_t k_empty = std::numeric_limits<std::uint32_t>::max();
    static constexpr std::uint32_t k_max_line = std::numeric_limits<std::uint32_t>::max();

    std::uint32_t append(std::string_view key) {
        std::size_t offset = m_arena.size();
        if (offset + sizeof(std::uint32_t) + key.size() >= k_empty)
            throw Error("too many keys in one import (over 4 GB of them)");
        auto len = static_cast<std::uint32_t>(key.size());
        m_arena.append(reinterpret_cast<const char*>(&len), sizeof len);
        m_arena.append(key);
        return static_cast<std::uint32_t>(offset);
    }
    std::string_view key_at(std::uint32_t offset) const {
        std::uint32_t len = 0;
        std::memcpy(&len, m_arena.data() + offset, sizeof len);
        return {m_arena.data() + offset + sizeof len, len};
    }
    void grow() {
        std::vector<Slot> old(std::max<std::size_t>(1024, m_slots.size() * 2), Slot{k_empty, 0});
        old.swap(m_slots);
        std::size_t mask = m_slots.size() - 1;
        for (const Slot& slot : old) {
            if (slot.offset == k_empty)
                continue;
            std::size_t i = std::hash<std::string_view>{}(key_at(slot.offset)) & mask;
            while (m_slots[i].offset != k_empty)
                i = (i + 1) & mask;
            m_slots[i] = slot;
        }
    }

    std::vector<Slot> m_slots; // size a power of two, at most half full
    std::string m_arena;
    std::size_t m_size = 0;
};

void append_csv_cell(std::string& out, std::string_view cell) {
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) {
        out += cell;
        return;
    }
    out += '"';
    for (char c : cell) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
}

// --errors-out: the header plus an "error" column, then each bad row as read with its
// messages. UTF-8 with a BOM (so that Excel shows the Chinese; the readers skip the BOM and
// ignore the "error" column), CRLF line ends. An AtomicFile: in place by commit(), or never.
class ErrorsFile {
public:
    ErrorsFile(const std::string& path, const util::OutputGuard& guard,
               const std::vector<std::string>& header)
        : m_file(path, guard), m_columns(header.size()) {
        m_line = "\xEF\xBB\xBF";
        write_row(header, "error");
    }

    // `cells` padded or cut to the header's width, then `error`.
    void write_row(const std::vector<std::string>& cells, std::string_view error) {
        for (std::size_t i = 0; i < m_columns; ++i) {
            if (i < cells.size())
                append_csv_cell(m_line, cells[i]);
            m_line += ',';
        }
        append_csv_cell(m_line, error);
        m_line += "\r\n";
        m_file.write(m_line);
        m_line.clear();
    }

    // Throws CannotCreate or IoError (mentioning `bad_rows`) when the file cannot be completed.
    void commit(long bad_rows) {
        const auto with_count = [&](const Error& e) {
            return fmt::format("{} ({} bad rows; nothing was imported)", e.what(), bad_rows);
        };
        try {
            m_file.commit();
        } catch (const IoError& e) {
            throw IoError(with_count(e));
        } catch (const CannotCreate& e) {
            throw CannotCreate(with_count(e));
        }
    }

private:
    util::AtomicFile m_file;
    std::size_t m_columns;
    std::string m_line;
};

} // namespace

Summary run(db::Database& db, RowSource& source, const Handler& handler,
            const ImportOptions& options) {
    db::WriteTx tx(db);
    std::optional<ErrorsFile> errors_file;
    if (!options.errors_out.empty())
        errors_file.emplace(options.errors_out, options.outputs, source.header());

    Summary summary;
    summary.dry_run = options.dry_run;
    std::vector<RowError> kept;
    long total_errors = 0;
    long bad_rows = 0;
    KeyIndex keys;
    Row row;
    RowErrors errors;
    std::string joined;

    auto report = [&](long line, const std::vector<std::string>& raw, const RowErrors& found) {
        ++bad_rows;
        joined.clear();
        for (const RowErrors::Item& item : found.items()) {
            ++total_errors;
            if (kept.size() < options.max_errors_kept)
                kept.push_back({source.name(), line, item.field, item.message});
            if (!joined.empty())
                joined += "; ";
            if (!item.field.empty()) {
                joined += item.field;
                joined += ": ";
            }
            joined += item.message;
        }
        if (errors_file)
            errors_file->write_row(raw, joined);
    };

    // The read-ahead thread calls handler.prepare, which uses what the caller owns: it ends
    // here, however this function is left (a guard, not a call on each path).
    if (handler.prepare)
        source.set_prepare(handler.prepare);
    struct StopReading {
        RowSource& source;
        ~StopReading() { source.stop(); }
    } stop_reading{source};

    if (handler.start)
        handler.start();
    try {
        while (source.next(row)) {
            ++summary.rows;
            errors.clear();
            if (!row.error.empty()) {
                errors.add("", row.error);
            } else {
                std::string key = handler.key ? handler.key(row) : std::string();
                long first = key.empty() ? 0 : keys.insert(key, row.line);
                if (first > 0) {
                    errors.add(handler.key_field,
                               fmt::format("'{}' repeated; first on line {}",
                                           handler.display_key ? handler.display_key(key) : key,
                                           first));
                } else {
                    std::optional<Outcome> outcome;
                    try {
                        outcome = handler.apply(row, errors);
                    } catch (const InvalidInput& e) {
                        for (const RowError& err : e.errors())
                            errors.add(err.field, err.message);
                        if (e.errors().empty())
                            errors.add("", e.what());
                    } catch (const SQLite::Exception& e) {
                        auto p = validate::describe_constraint(e.what()); // never SQLite's words
                        errors.add(p.field,
                                   p.rule.empty() ? fmt::format("database: {}", e.what()) : p.rule);
                    } catch (const Busy&) {
                        throw;
                    } catch (const Error& e) {
                        errors.add("", e.what());
                    }
                    if (errors.empty() && !outcome)
                        errors.add("", "rejected"); // a handler that gave no reason
                    if (errors.empty()) {
                        switch (*outcome) {
                        case Outcome::inserted:
                            ++summary.inserted;
                            break;
                        case Outcome::updated:
                            ++summary.updated;
                            break;
                        case Outcome::unchanged:
                            ++summary.unchanged;
                            break;
                        }
                    }
                }
            }
            if (!errors.empty())
                report(row.line, row.raw, errors);
            if (options.progress && summary.rows % k_progress_every == 0)
                options.progress(source.bytes_read(), source.total_bytes());
        }
    } catch (const InvalidInput& e) {
        // The input itself is malformed: stop here, report the rows found bad so far too.
        // The errors file is not written (the bad input is not rows one can fix one by one).
        for (const RowError& err : e.errors())
            if (kept.size() < options.max_errors_kept)
                kept.push_back(err);
        throw InvalidInput(std::move(kept), total_errors + e.total(), bad_rows + 1);
    }
    if (handler.late)
        for (const LateError& e : handler.late())
            report(e.line, e.raw, e.errors);
    if (options.progress)
        options.progress(source.bytes_read(), source.total_bytes());

    if (total_errors > 0) {
        if (errors_file)
            errors_file->commit(bad_rows);
        tx.rollback();
        throw InvalidInput(std::move(kept), total_errors, bad_rows);
    }
    if (handler.finish)
        handler.finish();
    if (options.dry_run) {
        tx.rollback();
        return summary;
    }
    tx.commit(fmt::format("{}: {} inserted, {} updated, {} unchanged", source.name(),
                          summary.inserted, summary.updated, summary.unchanged));
    return summary;
}

std::optional<Outcome> in_savepoint(db::Database& db, RowErrors& errors, const char* field,
                                    const std::function<std::optional<Outcome>()>& write) {
    db.cached("SAVEPOINT row")->exec();
    try {
        if (auto o = write()) {
            db.cached("RELEASE row")->exec();
            return o;
        }
    } catch (const InvalidInput& e) {
        for (const auto& r : e.errors())
            errors.add(r.field.empty() ? field : r.field, r.message);
    } catch (const Busy&) {
        throw;
    } catch (const Error& e) {
        errors.add(field, e.what());
    }
    db.cached("ROLLBACK TO row")->exec();
    db.cached("RELEASE row")->exec();
    return std::nullopt;
}

} // namespace hlpb::import
