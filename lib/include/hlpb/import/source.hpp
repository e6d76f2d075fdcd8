// Reading import files (SPEC §6): CSV (RFC 4180, BOM, CRLF, quoted newlines), JSON arrays and
// JSON Lines, from a file or stdin ("-"), optionally converted from another encoding. Rows stream
// one at a time: memory does not grow with the file.
#pragma once

#include <hlpb/error.hpp>
#include <hlpb/vocab.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::import {

// What a field holds, for the JSON value types it accepts: text only a JSON string (or null);
// a number a JSON number or a string; a flag true/false, 0/1 or a string (是/否, yes/no). Digits
// are text that must never become a number (ID numbers, phones, credit codes): as text in JSON,
// a text column in a template workbook.
enum class FieldType : unsigned char { text, number, flag, digits };

// One column an import accepts: its English key, its Chinese label, other accepted spellings,
// and for a column of a fixed set of values the terms it takes (their keys or Chinese words).
struct Field {
    std::string key;
    std::string zh;
    bool required = false;
    std::vector<std::string> aliases;
    FieldType type = FieldType::text;
    std::span<const vocab::Term> terms = {};
};

// The JSON type a value had before it became a cell (RecordReader::value_kinds).
enum class ValueKind : unsigned char { string, number, boolean };

struct SourceOptions {
    std::string path;         // "-" for stdin
    std::string input_format; // "csv", "json", "jsonl"; empty = from the extension (default csv)
    // iconv name such as "gb18030" (any case); empty = UTF-8 (checked). A file that is plainly
    // UTF-8 (it starts with a BOM, or its first 64 KiB are valid UTF-8 with some non-ASCII in
    // them) is read as UTF-8 whatever this says, instead of being turned into mojibake.
    std::string encoding;
    // Header cells (CSV) or keys (JSON) never read, in any spelling a header may have (case and
    // width do not matter), even when they name a field: `--ignore-columns`. Columns 序号 and
    // 备注 (no., notes) are read past anyway when they name no field.
    std::vector<std::string> ignore_columns = {};
};

// What an import worked out from a row ahead of time (RowSource::set_prepare), carried with it.
struct RowPrep {
    virtual ~RowPrep() = default;
};

// A data row mapped onto the import's fields.
struct Row {
    long line = 0;                   // physical line where the row starts, 1-based
    std::vector<std::string> values; // one per Field, in the Field order; "" when absent/empty
    std::vector<std::string> raw;    // the row as read, in file column order (for --errors-out);
                                     // for JSON, the values as read in Field order
    std::string error;               // non-empty when the row could not be mapped (see next())
    std::unique_ptr<RowPrep> prep;   // see RowSource::set_prepare; rows are reused, and so is this
    // One per Field: whether the input has the field at all (CSV: a header column maps to it;
    // JSON: this object has its key, null too). An absent field is not an empty one: an import
    // that updates a record keeps the stored value of an absent field, and clears it for an
    // empty cell.
    std::vector<char> present;
    // JSON: the object's name/value pairs as read (RecordReader::next) and their value_kinds,
    // for --errors-out. Empty for CSV.
    std::vector<std::string> pairs;
    std::vector<ValueKind> kinds;
    const std::string& operator[](std::size_t field) const { return values[field]; }
    bool has(std::size_t field) const { return field < present.size() && present[field] != 0; }
};

// Low-level record reader under RowSource, also used directly by the fuzz targets. Reads a
// CSV or JSON input one record at a time, in constant memory.
class RecordReader {
public:
    virtual ~RecordReader() = default;
    // Next record into `cells` (resized to the record; the strings are reused) and the physical
    // line where it starts (1-based); false at the end. Cells are as read: not normalised.
    // CSV: one record per row, cells in column order; the first record is the header.
    // JSON (keyed() is true): one record per object, flattened name/value pairs: cells[2i] is
    // a key and cells[2i+1] its value (numbers as written, true/false as "1"/"0", null as "",
    // a list of scalars joined by ";").
    // Throws InvalidInput naming the line on malformed input (unterminated quote, invalid
    // UTF-8 with the --encoding hint, bad JSON, a row or object over 1 MiB), and hlpb::Error
    // when the input cannot be read.
    virtual bool next(std::vector<std::string>& cells, long& line) = 0;
    virtual bool keyed() const = 0;
    // JSON: the type of each value of the last record read, one per name/value pair (a list:
    // the first element that is not a string, else string; null: string). Empty for CSV.
    virtual std::span<const ValueKind> value_kinds() const { return {}; }
    virtual std::uint64_t bytes_read() const = 0; // raw input bytes consumed so far
    // Once a record was read: the iconv name the input was converted from ("" when read as
    // UTF-8), and whether it started with a byte order mark.
    virtual std::string decoded_from() const { return {}; }
    virtual bool bom() const { return false; }
};

// "csv", "json" or "jsonl" from SourceOptions::input_format (also accepts "ndjson", any case),
// else from the extension of `path` (.csv, .json, .jsonl, .ndjson), else "csv". Throws
// InvalidInput("--input-format", …) for an unknown format.
std::string resolve_format(const SourceOptions& options);

// A reader over `in` (not owned; must outlive the reader). `format` is as resolve_format
// returns; `name` prefixes error messages; `encoding` as in SourceOptions. A "json" input is a
// JSON array of objects, or objects one after another (as JSON Lines, but an object may span
// lines); a "jsonl" input has one object per line, blank lines skipped.
std::unique_ptr<RecordReader> make_record_reader(std::istream& in, const std::string& name,
                                                 const std::string& format,
                                                 const std::string& encoding);

class RowSource {
public:
    // Opens the input and reads the header. Throws InputMissing when the file cannot be opened,
    // InvalidInput (with rows() == 0) when there is no header row or the file cannot be decoded.
    // The header is the first of the first rows that has two cells or more and names a field;
    // the rows above it are titles (`湖里区两新组织党员花名册`), read past (title_rows()). The
    // header's problems (an unknown column, listing the known ones; a missing required column;
    // a column given twice) are not thrown but kept in header_errors(), so that the rows are
    // still checked with the columns that are known (an unknown column and the second of two
    // are not read). `fields` must outlive the source.
    RowSource(const SourceOptions& options, std::span<const Field> fields);
    // Reads `in` (not owned) instead of opening options.path, which still names the input in
    // messages and gives the format by its extension. For tests and in-memory input.
    RowSource(std::istream& in, const SourceOptions& options, std::span<const Field> fields);
    ~RowSource();
    RowSource(const RowSource&) = delete;
    RowSource& operator=(const RowSource&) = delete;

    // Next non-blank row (rows whose cells are all empty are skipped); false at the end.
    // Values are normalised (text::normalize). A row that cannot be mapped onto the fields
    // (more cells than the header, unless the extras are empty; a value under an empty header
    // cell; an unknown JSON key; two keys for one field) comes back with Row::error set, so
    // that every bad row can be reported. Malformed input throws as RecordReader::next does.
    bool next(Row& row);

    // Has `prepare` called on every row read, a batch of rows in file order at a time, on the
    // thread that reads ahead of next()'s caller (so in parallel with it), before next() returns
    // them. It may set or update Row::prep: a row object is reused and keeps the prep of an
    // earlier row until prepare replaces it. `prepare` must not use the database or anything
    // next()'s caller changes; a row's problems belong in its prep. Should it throw all the
    // same (a bug, bad_alloc), no row of that batch is returned: next() rethrows the exception
    // on its caller's thread after the rows before it. Set it before the first next().
    // The thread runs from the first next() until stop() or the source's destruction: whatever
    // `prepare` uses must outlive that. Handler::prepare, which run() stops before it returns
    // or throws, is the way to give one (engine.hpp).
    void set_prepare(std::function<void(std::span<Row>)> prepare) {
        m_prepare = std::move(prepare);
    }
    // Stops the read-ahead thread and waits for it to end (at most the batch it is preparing);
    // nothing of the source is used on another thread afterwards. next() then throws
    // std::logic_error: rows read ahead are dropped. Does not throw.
    void stop() noexcept;

    const std::string& name() const { return m_name; } // file name for messages ("stdin")
    std::span<const Field> fields() const;             // as given to the constructor
    // "csv", "json" or "jsonl" (resolve_format).
    const std::string& format() const { return m_format; }
    // Once next() returned false: as RecordReader::decoded_from() and bom(), for writing a file
    // in the input's encoding.
    std::string decoded_from() const;
    bool bom() const;
    // Whether a header cell or JSON key with this name is read past: it names no field and is
    // an "error" column (error, Error, ERROR, 错误), as an --errors-out file has.
    bool ignored(std::string_view name) const;
    // Raw header cells (CSV); for JSON the field keys, in Field order, matching Row::raw.
    const std::vector<std::string>& header() const { return m_header; }
    // Batches of rows read ahead and waiting behind the one next() hands out (see set_prepare):
    // below ReadAhead's limit of 4 the read-ahead thread has room, so next()'s caller may do
    // other work (a bulk load's writes) without holding it up. 0 before the first next().
    std::size_t ready_batches() const;
    // CSV: the rows above the header, as read (see the constructor). Empty for JSON.
    const std::vector<std::vector<std::string>>& title_rows() const { return m_titles; }
    // CSV: what is wrong with the header (line and field "header"); empty when nothing is.
    const std::vector<RowError>& header_errors() const { return m_header_errors; }
    // CSV: whether field `f` is required and the header lacks it (a header error already
    // says so: the rows' "is required" for it would repeat that).
    bool missing(std::size_t f) const { return f < m_missing.size() && m_missing[f] != 0; }
    std::uint64_t bytes_read() const;  // for the progress bar
    std::uint64_t total_bytes() const; // 0 when unknown (stdin, pipe)

private:
    void open(std::istream& in, const SourceOptions& options, std::span<const Field> fields);
    void read_header(std::istream& in, const SourceOptions& options, std::span<const Field> fields);
    bool read(Row& row); // the next row from the reader itself (next() reads ahead of it)

    struct Impl;
    std::unique_ptr<Impl> m_impl;
    struct ReadAhead;
    std::unique_ptr<ReadAhead> m_ahead;
    std::string m_name;
    std::string m_format;
    std::vector<std::string> m_header;
    std::vector<std::vector<std::string>> m_titles;
    std::vector<RowError> m_header_errors;
    std::vector<char> m_missing;
    std::function<void(std::span<Row>)> m_prepare;
    bool m_stopped = false;
};

} // namespace hlpb::import
