// RowSource: opens the input, maps header cells or JSON keys onto the import's fields and
// turns records into normalised rows.
#include "import/readers.hpp"

#include <hlpb/audit.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/source.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_map>
#include <utility>

namespace hlpb::import {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

// Whether `s` holds a byte that starts a character text::normalize changes: U+00A0 (C2 A0),
// U+3000 (E3 80 80), U+FEFF or the full-width forms (EF …); see text.hpp. Eight bytes at a
// time: this runs on every cell.
bool may_change_inside(std::string_view s) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
    auto has_byte = [](std::uint64_t w, std::uint64_t b) {
        std::uint64_t x = w ^ (k_ones * b);
        return ((x - k_ones) & ~x & k_highs) != 0;
    };
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        if ((w & k_highs) != 0 && (has_byte(w, 0xC2) || has_byte(w, 0xE3) || has_byte(w, 0xEF)))
            return true;
    }
    bool found = false;
    for (; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        found |= c == 0xC2 || c == 0xE3 || c == 0xEF;
    }
    return found;
}

// out = text::normalize(in), without allocating in the common case: text with none of those
// characters only loses ASCII white space at its ends.
void normalize_into(std::string_view in, std::string& out) {
    if (may_change_inside(in)) {
        out = text::normalize(in);
        return;
    }
    std::size_t b = 0;
    std::size_t e = in.size();
    while (b < e && is_ascii_space(in[b]))
        ++b;
    while (e > b && is_ascii_space(in[e - 1]))
        --e;
    out.assign(in.data() + b, e - b);
}

// Spreadsheet column name of 0-based column i: A … Z, AA, AB, …
std::string column_letters(std::size_t i) {
    std::string s;
    for (std::size_t n = i + 1; n > 0; n = (n - 1) / 26)
        s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}

// A value for a message: at most about 40 bytes, not cutting a character.
std::string shorten(std::string_view s) {
    constexpr std::size_t k_max = 40;
    if (s.size() <= k_max)
        return std::string(s);
    std::size_t cut = k_max;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
        --cut;
    return std::string(s.substr(0, cut)) + "…";
}

// A column that is never read: the "error" column of an --errors-out file (engine.cpp), so
// that the fixed file can be imported again as it is.
constexpr int k_ignored = -2;
bool is_error_column(std::string_view normalized) {
    return normalized == "error" || normalized == "Error" || normalized == "ERROR" ||
           normalized == "错误";
}

// Columns a sheet keeps for people (row numbers, remarks; normalised, lower-cased), read past
// unless they name a field of the import (an activity's notes 备注 are read).
bool is_skipped_column(std::string_view lowered) {
    return lowered == "序号" || lowered == "备注" || lowered == "no." || lowered == "no" ||
           lowered == "notes" || lowered == "remarks";
}

// Rows looked at above the header for titles (a sheet's name, a date line, a blank-ish row).
constexpr std::size_t k_max_title_rows = 5;

std::string display_name(const std::string& path) {
    if (path == "-")
        return "stdin";
    return path.empty() ? std::string("input") : path;
}

} // namespace

std::string resolve_format(const SourceOptions& options) {
    if (!options.input_format.empty()) {
        std::string f = lower_ascii(options.input_format);
        if (f == "csv" || f == "json" || f == "jsonl")
            return f;
        if (f == "ndjson")
            return "jsonl";
        throw InvalidInput("--input-format",
                           trf("unknown format '{}' (csv, json, jsonl)", options.input_format));
    }
    std::string ext = lower_ascii(std::filesystem::path(options.path).extension().string());
    if (ext == ".json")
        return "json";
    if (ext == ".jsonl" || ext == ".ndjson")
        return "jsonl";
    return "csv";
}

std::unique_ptr<RecordReader> make_record_reader(std::istream& in, const std::string& name,
                                                 const std::string& format,
                                                 const std::string& encoding) {
    if (format == "csv")
        return detail::make_csv_reader(in, name, encoding);
    if (format == "json" || format == "jsonl")
        return detail::make_json_reader(in, name, encoding, format == "jsonl");
    throw InvalidInput("--input-format", trf("unknown format '{}' (csv, json, jsonl)", format));
}

struct RowSource::Impl {
    std::unique_ptr<std::ifstream> file;
    std::unique_ptr<RecordReader> reader;
    std::span<const Field> fields;
    std::uint64_t total = 0;
    // Every accepted spelling (key, Chinese label, alias), normalised and lower-cased.
    std::unordered_map<std::string, int> lookup;
    std::string known; // "code 编码, name 名称, …" for messages
    // CSV: the field of each header column; -1 for an empty header cell, k_ignored.
    std::vector<int> column_field;
    std::size_t cells_needed = 0; // CSV: cells every row has (to the last column with a field)
    // JSON: key as written → field, -1 when unknown (a cache in front of `lookup`).
    std::unordered_map<std::string, int> key_cache;
    std::vector<int> key_of_field;   // JSON: index in Row::pairs of the key that gave each field
    std::vector<char> present;       // CSV: Row::present, the same for every row
    std::vector<std::string> ignore; // --ignore-columns, normalised and lower-cased
    // CSV: rows read while looking for the header that turned out to be data rows.
    std::deque<std::pair<std::vector<std::string>, long>> pending;
    std::string scratch;

    int find_field(std::string_view name) const {
        auto it = lookup.find(lower_ascii(text::normalize(name)));
        return it == lookup.end() ? -1 : it->second;
    }
    // The field a header cell or key (normalised) names; k_ignored for a column read past
    // (--ignore-columns; unless it names a field: an error column, 序号, 备注); else -1.
    int classify(const std::string& name) const {
        const std::string lowered = lower_ascii(name);
        if (std::find(ignore.begin(), ignore.end(), lowered) != ignore.end())
            return k_ignored;
        if (auto it = lookup.find(lowered); it != lookup.end())
            return it->second;
        return is_error_column(name) || is_skipped_column(lowered) ? k_ignored : -1;
    }
    int find_json_key(const std::string& key) {
        if (auto it = key_cache.find(key); it != key_cache.end())
            return it->second;
        int f = classify(text::normalize(key));
        if (key_cache.size() < 1000) // bounded: keys are few unless the input is hostile
            key_cache.emplace(key, f);
        return f;
    }
    bool next_csv(Row& row, const std::vector<std::string>& header);
    bool next_json(Row& row);
};

RowSource::RowSource(const SourceOptions& options, std::span<const Field> fields)
    : m_impl(std::make_unique<Impl>()), m_name(display_name(options.path)) {
    std::istream* in = &std::cin;
    if (options.path != "-") {
        namespace fs = std::filesystem;
        std::error_code ec;
        if (fs::is_directory(options.path, ec))
            throw InputMissing(trf("cannot read {}: it is a folder", options.path));
        m_impl->file = std::make_unique<std::ifstream>(options.path, std::ios::binary);
        if (!*m_impl->file)
            throw InputMissing(
                trf("cannot open {}: {}", options.path, hlpb::i18n::system_error(errno)));
        if (fs::is_regular_file(options.path, ec))
            m_impl->total = fs::file_size(options.path, ec);
        if (ec)
            m_impl->total = 0;
        in = m_impl->file.get();
    }
    open(*in, options, fields);
}

RowSource::RowSource(std::istream& in, const SourceOptions& options, std::span<const Field> fields)
    : m_impl(std::make_unique<Impl>()), m_name(display_name(options.path)) {
    open(in, options, fields);
}

RowSource::~RowSource() {
    m_ahead.reset(); // stop the reader thread before what it reads goes away
}

void RowSource::open(std::istream& in, const SourceOptions& options,
                     std::span<const Field> fields) {
    try {
        read_header(in, options, fields);
    } catch (const InvalidInput& e) {
        throw InvalidInput(e.errors(), e.total(), 0); // no row was read: none is a bad row
    }
}

void RowSource::read_header(std::istream& in, const SourceOptions& options,
                            std::span<const Field> fields) {
    Impl& impl = *m_impl;
    impl.fields = fields;
    for (const std::string& name : options.ignore_columns)
        if (std::string n = lower_ascii(text::normalize(name)); !n.empty())
            impl.ignore.push_back(std::move(n));
    for (std::size_t f = 0; f < fields.size(); ++f) {
        const Field& field = fields[f];
        auto add = [&](const std::string& spelling) {
            if (!spelling.empty())
                impl.lookup.emplace(lower_ascii(text::normalize(spelling)), static_cast<int>(f));
        };
        add(field.key);
        add(field.zh);
        for (const std::string& alias : field.aliases)
            add(alias);
        if (!impl.known.empty())
            impl.known += ", ";
        impl.known += field.zh.empty() ? field.key : field.key + " " + field.zh;
    }
    m_format = resolve_format(options);
    impl.reader = make_record_reader(in, m_name, m_format, options.encoding);
    if (impl.reader->keyed()) {
        for (const Field& field : fields)
            m_header.push_back(field.key);
        return;
    }

    // The header: the first row, among the first non-blank ones, that has two cells or more
    // and names a field; the rows above it are titles. When none does, the first non-blank row
    // (whose unknown columns are then reported), the others being data rows.
    long line = 0;
    std::vector<std::pair<std::vector<std::string>, long>> looked_at;
    std::size_t header_at = 0;
    bool found = false;
    for (std::vector<std::string> cells; looked_at.size() < k_max_title_rows + 1;) {
        long at = 0;
        if (!impl.reader->next(cells, at))
            break;
        std::size_t filled = 0;
        bool names_field = false;
        for (const std::string& cell : cells) {
            normalize_into(cell, impl.scratch);
            if (impl.scratch.empty())
                continue;
            ++filled;
            names_field = names_field || impl.find_field(impl.scratch) >= 0;
        }
        if (filled == 0)
            continue;
        looked_at.emplace_back(std::move(cells), at);
        cells = {};
        if (filled >= 2 && names_field) {
            header_at = looked_at.size() - 1;
            found = true;
            break;
        }
    }
    if (looked_at.empty())
        throw InvalidInput({RowError{m_name, 1, "header",
                                     trf("no header row (expected columns: {})", impl.known)}});
    m_header = std::move(looked_at[header_at].first);
    line = looked_at[header_at].second;
    for (std::size_t i = 0; i < header_at; ++i)
        m_titles.push_back(std::move(looked_at[i].first));
    if (!found)
        for (std::size_t i = 1; i < looked_at.size(); ++i)
            impl.pending.push_back(std::move(looked_at[i]));

    std::vector<int> column_of_field(fields.size(), -1);
    impl.column_field.assign(m_header.size(), -1);
    for (std::size_t i = 0; i < m_header.size(); ++i) {
        normalize_into(m_header[i], impl.scratch);
        if (impl.scratch.empty())
            continue; // ignored as long as the column is empty (Excel's trailing columns)
        int f = impl.classify(impl.scratch);
        if (f == k_ignored) {
            impl.column_field[i] = k_ignored;
            continue;
        }
        if (f < 0) {
            m_header_errors.push_back(
                {m_name, line, "header",
                 trf("unknown column '{}' (known: {})", impl.scratch, impl.known)});
            impl.column_field[i] = k_ignored; // reported: its cells are not a row's problem
            continue;
        }
        if (int j = column_of_field[static_cast<std::size_t>(f)]; j >= 0) {
            m_header_errors.push_back(
                {m_name, line, "header",
                 trf("columns {} '{}' and {} '{}' are both {}", column_letters(j),
                     text::normalize(m_header[static_cast<std::size_t>(j)]), column_letters(i),
                     impl.scratch, fields[f].key)});
            impl.column_field[i] = k_ignored;
            continue;
        }
        column_of_field[static_cast<std::size_t>(f)] = static_cast<int>(i);
        impl.column_field[i] = f;
        impl.cells_needed = i + 1;
    }
    impl.present.assign(fields.size(), 0);
    m_missing.assign(fields.size(), 0);
    for (std::size_t f = 0; f < fields.size(); ++f)
        impl.present[f] = column_of_field[f] >= 0 ? 1 : 0;
    for (std::size_t f = 0; f < fields.size(); ++f)
        if (fields[f].required && column_of_field[f] < 0) {
            m_missing[f] = 1;
            m_header_errors.push_back(
                {m_name, line, "header",
                 fields[f].zh.empty()
                     ? trf("missing required column {}", fields[f].key)
                     : trf("missing required column {} ({})", fields[f].key, fields[f].zh)});
        }
}

bool RowSource::read(Row& row) {
    return m_impl->reader->keyed() ? m_impl->next_json(row) : m_impl->next_csv(row, m_header);
}

// Reading, decoding and splitting rows runs on a second thread, a few batches ahead of the
// caller, so that a large import parses while the database writes (2 cores: about a third of
// the wall time). Memory stays bounded: at most k_batches batches of k_batch rows exist.
struct RowSource::ReadAhead {
    static constexpr std::size_t k_batch = 256;
    static constexpr std::size_t k_batches = 4;

    explicit ReadAhead(RowSource& source) : worker([this, &source] { run(source); }) {}
    ~ReadAhead() {
        {
            std::lock_guard lock(mu);
            stop = true;
        }
        cv.notify_all();
        worker.join();
    }

    // Whatever escapes the reader or prepare ends the reading: next() rethrows it on its
    // caller's thread. Nothing escapes this function (an exception here would terminate).
    // The exception is handed over by moving its only reference, once this thread is done
    // with it (its catch block ended): next() may then destroy it on the other thread.
    void run(RowSource& source) noexcept {
        std::exception_ptr failure;
        try {
            read_batches(source);
            return;
        } catch (...) {
            failure = std::current_exception();
        }
        std::lock_guard lock(mu);
        done = true;
        if (!error)
            error = std::move(failure);
        cv.notify_all();
    }

    void read_batches(RowSource& source) {
        for (;;) {
            std::vector<Row> batch;
            {
                std::unique_lock lock(mu);
                cv.wait(lock, [&] { return stop || !spare.empty() || made < k_batches; });
                if (stop)
                    return;
                if (!spare.empty()) {
                    batch = std::move(spare.back());
                    spare.pop_back();
                } else {
                    ++made;
                }
            }
            batch.resize(k_batch);
            std::size_t n = 0;
            bool end = false;
            std::exception_ptr failure;
            try {
                while (n < k_batch && !end) {
                    if (source.read(batch[n]))
                        ++n;
                    else
                        end = true;
                }
            } catch (...) {
                failure = std::current_exception();
                end = true;
            }
            if (source.m_prepare && n > 0) {
                try {
                    source.m_prepare(std::span<Row>(batch.data(), n));
                } catch (...) {
                    failure = std::current_exception(); // this one matters more
                    end = true;
                    n = 0; // no row goes out unprepared
                }
            }
            {
                std::lock_guard lock(mu);
                full.push_back({std::move(batch), n});
                bytes = source.m_impl->reader->bytes_read();
                if (end) {
                    done = true;
                    error = std::move(failure);
                }
            }
            cv.notify_all();
            if (end)
                return;
        }
    }

    bool next(Row& row) {
        for (;;) {
            if (pos < current.second) {
                std::swap(row, current.first[pos++]);
                return true;
            }
            std::unique_lock lock(mu);
            if (!current.first.empty()) {
                spare.push_back(std::move(current.first));
                current = {};
                pos = 0;
                cv.notify_all();
            }
            cv.wait(lock, [&] { return !full.empty() || (done && full.empty()); });
            if (full.empty()) {
                if (error)
                    std::rethrow_exception(std::exchange(error, nullptr));
                return false;
            }
            current = std::move(full.front());
            full.pop_front();
        }
    }

    std::mutex mu;
    std::condition_variable cv;
    std::deque<std::pair<std::vector<Row>, std::size_t>> full; // batches and their row counts
    std::vector<std::vector<Row>> spare;
    std::size_t made = 0;
    bool stop = false;
    bool done = false;
    std::exception_ptr error;
    std::uint64_t bytes = 0;
    std::pair<std::vector<Row>, std::size_t> current;
    std::size_t pos = 0;
    std::thread worker; // last: starts once the members above exist
};

bool RowSource::next(Row& row) {
    if (m_stopped)
        throw std::logic_error("RowSource::next() after stop()");
    if (!m_ahead)
        m_ahead = std::make_unique<ReadAhead>(*this);
    return m_ahead->next(row);
}

void RowSource::stop() noexcept {
    m_stopped = true;
    m_ahead.reset();
}

bool RowSource::Impl::next_csv(Row& row, const std::vector<std::string>& header) {
    row.values.resize(fields.size());
    row.present = present;
    for (;;) {
        if (!pending.empty()) {
            row.raw = std::move(pending.front().first);
            row.line = pending.front().second;
            pending.pop_front();
        } else if (!reader->next(row.raw, row.line)) {
            return false;
        }
        row.error.clear();
        for (std::string& v : row.values)
            v.clear();
        bool blank = true;
        for (std::size_t i = 0; i < row.raw.size(); ++i) {
            int f = i < column_field.size() ? column_field[i] : -1;
            if (f == k_ignored)
                continue;
            if (f >= 0) {
                std::string& v = row.values[static_cast<std::size_t>(f)];
                normalize_into(row.raw[i], v);
                blank = blank && v.empty();
                continue;
            }
            normalize_into(row.raw[i], scratch);
            if (scratch.empty())
                continue;
            blank = false;
            if (!row.error.empty())
                continue;
            row.error = i < header.size()
                            ? trf("column {} holds '{}' but has no header", column_letters(i),
                                  shorten(scratch))
                            : trf("more cells than the header's {}: column {} holds '{}'",
                                  header.size(), column_letters(i), shorten(scratch));
        }
        if (!blank && row.raw.size() < cells_needed && row.error.empty())
            row.error = trf("{} cells, the header has {}: a cell is missing (every row "
                            "has one for each column, empty or not)",
                            row.raw.size(), cells_needed);
        if (!blank)
            return true;
    }
}

namespace {

// The problem with a JSON value of `kind` for `field`, empty when the type fits (FieldType).
std::string json_type_problem(const Field& field, ValueKind kind, std::string_view key,
                              std::string_view value) {
    if (kind == ValueKind::string || field.type == FieldType::flag)
        return {};
    if (field.type == FieldType::number && kind == ValueKind::number)
        return {};
    // An ID number or a phone given as a JSON number is shown masked, as everywhere else.
    const std::string shown = kind == ValueKind::boolean ? (value == "1" ? "true" : "false")
                                                         : audit::mask_command_line(shorten(value));
    if (field.type == FieldType::number)
        return trf("{}: {} is not a number", key, shown);
    const bool masked = kind != ValueKind::boolean && shown != shorten(value);
    const std::string quoted = masked ? std::string() : fmt::format(" (\"{}\")", shown);
    if (kind == ValueKind::number && field.key == "id_number")
        return trf("{}: {} is not text: write it in quotes{}; as a JSON number an ID number may "
                   "have lost digits",
                   key, shown, quoted);
    return trf("{}: {} is not text: write it in quotes{}", key, shown, quoted);
}

} // namespace

bool RowSource::Impl::next_json(Row& row) {
    row.values.resize(fields.size());
    row.raw.resize(fields.size());
    const std::vector<std::string>& cells = row.pairs;
    for (;;) {
        if (!reader->next(row.pairs, row.line))
            return false;
        auto kinds = reader->value_kinds();
        row.kinds.assign(kinds.begin(), kinds.end());
        row.error.clear();
        for (std::string& v : row.values)
            v.clear();
        for (std::string& v : row.raw)
            v.clear();
        key_of_field.assign(fields.size(), -1);
        bool blank = true;
        for (std::size_t i = 0; i + 1 < cells.size(); i += 2) {
            const std::string& key = cells[i];
            const std::string& value = cells[i + 1];
            int f = find_json_key(key);
            if (f == k_ignored)
                continue;
            if (f < 0) {
                normalize_into(value, scratch);
                blank = blank && scratch.empty();
                if (row.error.empty())
                    row.error = trf("unknown key '{}' (known: {})", shorten(key), known);
                continue;
            }
            auto uf = static_cast<std::size_t>(f);
            if (key_of_field[uf] >= 0) {
                if (row.error.empty())
                    row.error = trf("keys '{}' and '{}' are both {}",
                                    shorten(cells[static_cast<std::size_t>(key_of_field[uf])]),
                                    shorten(key), fields[uf].key);
                continue;
            }
            key_of_field[uf] = static_cast<int>(i);
            if (row.error.empty() && i / 2 < kinds.size())
                row.error = json_type_problem(fields[uf], kinds[i / 2], shorten(key), value);
            row.raw[uf] = value;
            normalize_into(value, row.values[uf]);
            blank = blank && row.values[uf].empty();
        }
        row.present.resize(fields.size());
        for (std::size_t f = 0; f < fields.size(); ++f)
            row.present[f] = key_of_field[f] >= 0 ? 1 : 0;
        if (!blank)
            return true;
    }
}

std::span<const Field> RowSource::fields() const {
    return m_impl->fields;
}

std::string RowSource::decoded_from() const {
    return m_impl->reader->decoded_from();
}

bool RowSource::bom() const {
    return m_impl->reader->bom();
}

bool RowSource::ignored(std::string_view name) const {
    const std::string n = text::normalize(name);
    return m_impl->find_field(n) < 0 && is_error_column(n);
}

std::uint64_t RowSource::bytes_read() const {
    if (m_ahead) {
        std::lock_guard lock(m_ahead->mu);
        return m_ahead->bytes;
    }
    return m_impl->reader->bytes_read();
}

std::size_t RowSource::ready_batches() const {
    if (!m_ahead)
        return 0;
    std::lock_guard lock(m_ahead->mu);
    return m_ahead->full.size();
}

std::uint64_t RowSource::total_bytes() const {
    return m_impl->total;
}

} // namespace hlpb::import
