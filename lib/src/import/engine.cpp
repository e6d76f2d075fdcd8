// The import engine: one write transaction, duplicate keys, every bad row collected, the
// errors-out file, all or nothing.
#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/text.hpp>
#include <hlpb/util/atomic_file.hpp>
#include <hlpb/validate.hpp>

#include "db/savepoint.hpp"
#include "import/byte_stream.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
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
            throw Error(tr("too many keys in one import (over 4 GB of them)"));
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

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    for (char c : s) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20)
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
            else
                out += c;
        }
    }
    out += '"';
}

// Whether `s` is a JSON number as written (a list of numbers flattened to "1;2" is not).
bool is_json_number(std::string_view s) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t from = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            ++i;
        return i > from;
    };
    if (i < s.size() && s[i] == '-')
        ++i;
    if (!digits())
        return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        if (!digits())
            return false;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-'))
            ++i;
        if (!digits())
            return false;
    }
    return i == s.size();
}

// A JSON value as the reader flattened it (RecordReader::next), written back with its type.
void append_json_value(std::string& out, std::string_view value, ValueKind kind) {
    if (kind == ValueKind::number && is_json_number(value))
        out += value;
    else if (kind == ValueKind::boolean && (value == "1" || value == "0"))
        out += value == "1" ? "true" : "false";
    else
        append_json_string(out, value);
}

// --errors-out: the whole input, every row with an error column first (empty on good rows), in
// the input's format and encoding, so that the officer fixes the cells where they are and
// imports the same file again (RowSource ignores the error column). The rows are spilled to an
// unnamed temporary file as they are read, because errors found after the last row
// (Handler::late) belong to rows read long before; commit() writes the file from the spill.
class ErrorsFile {
public:
    // `json`: rows are JSON objects (Row::pairs), else CSV (Row::raw).
    ErrorsFile(const std::string& path, const util::OutputGuard& guard, bool json)
        : m_path(path), m_file(path, guard), m_spill(std::tmpfile()), m_json(json) {
        if (!m_spill)
            throw CannotCreate(trf("cannot write {}: no temporary file for its rows: {}", path,
                                   hlpb::i18n::system_error(errno)));
    }
    ~ErrorsFile() {
        if (m_spill)
            std::fclose(m_spill);
    }
    ErrorsFile(const ErrorsFile&) = delete;
    ErrorsFile& operator=(const ErrorsFile&) = delete;

    // A row as read (CSV: Row::raw; JSON: Row::pairs and Row::kinds), with its errors.
    void add(const Row& row, std::string_view error) {
        ++m_rows;
        put_number(static_cast<std::uint64_t>(row.line));
        put_text(error);
        const std::vector<std::string>& cells = m_json ? row.pairs : row.raw;
        put_number(cells.size());
        for (const std::string& cell : cells)
            put_text(cell);
        if (m_json)
            for (std::size_t i = 0; i < cells.size() / 2; ++i)
                put_byte(static_cast<unsigned char>(i < row.kinds.size() ? row.kinds[i]
                                                                         : ValueKind::string));
    }
    // Errors of a row added before, found after the last row.
    void add_late(long line, std::string error) { m_late.push_back({line, std::move(error)}); }

    // Writes the file in place. Throws CannotCreate or IoError (mentioning `bad_rows`) when it
    // cannot be completed.
    void commit(const RowSource& source, long bad_rows) {
        const auto with_count = [&](const Error& e) {
            return trf("{} ({} bad rows; nothing was imported)", e.what(), bad_rows);
        };
        try {
            write(source);
            m_file.commit();
        } catch (const IoError& e) {
            throw IoError(with_count(e));
        } catch (const CannotCreate& e) {
            throw CannotCreate(with_count(e));
        }
    }

private:
    void put_byte(unsigned char b) {
        if (std::fputc(b, m_spill) == EOF)
            m_failed = true;
    }
    void put_number(std::uint64_t n) {
        if (std::fwrite(&n, sizeof n, 1, m_spill) != 1)
            m_failed = true;
    }
    void put_text(std::string_view s) {
        put_number(s.size());
        if (!s.empty() && std::fwrite(s.data(), 1, s.size(), m_spill) != s.size())
            m_failed = true;
    }
    std::uint64_t get_number() {
        std::uint64_t n = 0;
        if (std::fread(&n, sizeof n, 1, m_spill) != 1)
            throw IoError(trf("cannot write {}: its rows were not read back", m_path));
        return n;
    }
    void get_text(std::string& s) {
        s.resize(get_number());
        if (!s.empty() && std::fread(s.data(), 1, s.size(), m_spill) != s.size())
            throw IoError(trf("cannot write {}: its rows were not read back", m_path));
    }

    void write(const RowSource& source) {
        if (m_failed || std::fflush(m_spill) != 0)
            throw IoError(trf("cannot write {}: writing its rows to a temporary file "
                              "failed: {}",
                              m_path, hlpb::i18n::system_error(errno)));
        std::rewind(m_spill);
        std::sort(m_late.begin(), m_late.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        detail::TextEncoder encoder(source.decoded_from());
        std::ostream& out = m_file.stream();
        std::string text;
        auto flush = [&] {
            std::string_view bytes = encoder.encode(text);
            out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
            text.clear();
        };
        if (source.bom())
            text += "\xEF\xBB\xBF";
        const std::string& format = source.format();
        const bool csv = !m_json;
        // CSV: the title rows as they were (an empty error cell first), the error column
        // first, then the header's columns but the old error column.
        std::vector<char> dropped;
        std::string error_name = "error";
        if (csv) {
            for (const std::vector<std::string>& title : source.title_rows()) {
                for (const std::string& cell : title) {
                    text += ',';
                    append_csv_cell(text, cell);
                }
                text += "\r\n";
            }
            const std::vector<std::string>& header = source.header();
            dropped.assign(header.size(), 0);
            for (std::size_t i = 0; i < header.size(); ++i)
                if (source.ignored(header[i])) {
                    if (error_name == "error")
                        error_name = text::normalize(header[i]);
                    dropped[i] = 1;
                }
            append_csv_cell(text, error_name);
            for (std::size_t i = 0; i < header.size(); ++i)
                if (!dropped[i]) {
                    text += ',';
                    append_csv_cell(text, header[i]);
                }
            text += "\r\n";
        } else if (format == "json") {
            text += "[\n";
        }
        flush();

        std::string error;
        std::vector<std::string> cells;
        std::vector<ValueKind> kinds;
        std::size_t late = 0;
        for (std::uint64_t r = 0; r < m_rows; ++r) {
            const auto line = static_cast<long>(get_number());
            get_text(error);
            cells.resize(get_number());
            for (std::string& cell : cells)
                get_text(cell);
            if (!csv) {
                kinds.resize(cells.size() / 2);
                for (ValueKind& k : kinds) {
                    int b = std::fgetc(m_spill);
                    k = b == EOF ? ValueKind::string : static_cast<ValueKind>(b);
                }
            }
            for (; late < m_late.size() && m_late[late].first <= line; ++late)
                if (m_late[late].first == line)
                    error += (error.empty() ? "" : "; ") + m_late[late].second;
            if (csv) {
                append_csv_cell(text, error);
                for (std::size_t i = 0; i < cells.size(); ++i)
                    if (i >= dropped.size() || !dropped[i]) {
                        text += ',';
                        append_csv_cell(text, cells[i]);
                    }
                text += "\r\n";
            } else {
                std::string name = "error";
                for (std::size_t i = 0; i + 1 < cells.size(); i += 2)
                    if (source.ignored(cells[i])) {
                        name = cells[i];
                        break;
                    }
                if (format == "json" && r > 0)
                    text += ",\n";
                text += '{';
                append_json_string(text, name);
                text += ": ";
                append_json_string(text, error);
                for (std::size_t i = 0; i + 1 < cells.size(); i += 2) {
                    if (source.ignored(cells[i]))
                        continue;
                    text += ", ";
                    append_json_string(text, cells[i]);
                    text += ": ";
                    append_json_value(text, cells[i + 1], kinds[i / 2]);
                }
                text += '}';
                if (format != "json")
                    text += '\n';
            }
            flush();
        }
        if (format == "json") {
            text += m_rows > 0 ? "\n]\n" : "]\n";
            flush();
        }
    }

    std::string m_path;
    util::AtomicFile m_file;
    std::FILE* m_spill;
    bool m_json;
    std::uint64_t m_rows = 0; // in the spill
    bool m_failed = false;
    std::vector<std::pair<long, std::string>> m_late;
};

} // namespace

Summary run(db::Database& db, RowSource& source, const Handler& handler,
            const ImportOptions& options) {
    db::WriteTx tx(db);
    std::optional<ErrorsFile> errors_file;
    if (!options.errors_out.empty())
        errors_file.emplace(options.errors_out, options.outputs, source.format() != "csv");

    Summary summary;
    summary.dry_run = options.dry_run;
    std::vector<RowError> kept;
    long total_errors = 0;
    long bad_rows = 0;
    KeyIndex keys;
    Row row;
    RowErrors errors;
    std::string joined;

    // The fields whose column the header lacks: the header's error says so once, not each row.
    std::vector<std::string_view> missing;
    for (std::size_t f = 0; f < source.fields().size(); ++f)
        if (source.missing(f))
            missing.push_back(source.fields()[f].key);
    std::vector<std::string_view> fields_seen;

    // Counts and keeps the errors of a bad row, and joins them for the errors-out file; false
    // when none is left to report. One error a cell: the first said about a field (a date that
    // is not one is not also "required"), none about a field whose column is missing.
    auto report = [&](long line, const RowErrors& found, bool counted = false) {
        joined.clear();
        fields_seen.clear();
        long before = total_errors;
        for (const RowErrors::Item& item : found.items()) {
            if (!item.field.empty()) {
                const std::string_view field = item.field;
                if (std::find(missing.begin(), missing.end(), field) != missing.end() ||
                    std::find(fields_seen.begin(), fields_seen.end(), field) != fields_seen.end())
                    continue;
                fields_seen.push_back(field);
            }
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
        if (total_errors == before)
            return false;
        if (!counted)
            ++bad_rows;
        return true;
    };

    // The header's problems first (not counted as a bad row); the rows are checked all the
    // same, with the columns that are known, so that one round finds every error of the file.
    if (!source.header_errors().empty()) {
        for (const RowError& e : source.header_errors()) {
            ++total_errors;
            if (kept.size() < options.max_errors_kept)
                kept.push_back(e);
        }
    }

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
                               trf("'{}' repeated; first on line {}",
                                   handler.display_key ? handler.display_key(key) : key, first));
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
                        // A constraint is the row's fault; a locked, full or damaged file is
                        // not (main says what it means): the code tells, not the message.
                        if ((e.getErrorCode() & 0xff) != SQLITE_CONSTRAINT)
                            throw;
                        auto p = validate::describe_constraint(e.what()); // never SQLite's words
                        errors.add(p.field,
                                   p.rule.empty()
                                       ? trf("the change breaks a rule of the database ({})",
                                             db::error_detail(e))
                                       : p.rule);
                    } catch (const Busy&) {
                        throw;
                    } catch (const Error& e) {
                        errors.add("", e.what());
                    }
                    if (errors.empty() && !outcome)
                        errors.add("", tr("rejected")); // a handler that gave no reason
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
            const bool bad = !errors.empty() && report(row.line, errors);
            if (errors_file)
                errors_file->add(row, bad ? std::string_view(joined) : std::string_view());
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
            if (report(e.line, e.errors, e.counted) && errors_file)
                errors_file->add_late(e.line, joined);
    if (options.progress)
        options.progress(source.bytes_read(), source.total_bytes());

    if (total_errors > 0) {
        if (errors_file)
            errors_file->commit(source, bad_rows);
        tx.rollback();
        throw InvalidInput(std::move(kept), total_errors, bad_rows);
    }
    if (handler.finish)
        handler.finish();
    if (options.dry_run) {
        tx.rollback();
        return summary;
    }
    tx.commit(db::import_note(source.name(), summary.inserted, summary.updated, summary.unchanged));
    return summary;
}

Date today_of(const ImportOptions& options) {
    return options.today ? *options.today : today();
}

std::optional<Outcome> in_savepoint(db::Database& db, RowErrors& errors, const char* field,
                                    const std::function<std::optional<Outcome>()>& write) {
    db::detail::Savepoint row(db);
    try {
        if (auto o = write()) {
            row.release();
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
    return std::nullopt; // the savepoint rolls back
}

} // namespace hlpb::import
