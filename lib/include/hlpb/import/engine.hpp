// The import engine shared by every `NOUN import`: one write transaction, every row checked
// (parse, duplicates inside the file, database rules), all or nothing, upsert summary.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/source.hpp>
#include <hlpb/row_errors.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hlpb::db {
class Database;
}

namespace hlpb::import {

struct Summary {
    long rows = 0;
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    bool dry_run = false;
};

struct ImportOptions {
    bool dry_run = false;
    // When some row is bad, write the whole input here with an error column (see run());
    // untouched on a clean run.
    std::string errors_out;
    // Files errors_out must not be (the database, the input): refused with CannotCreate.
    util::OutputGuard outputs;
    // Called every 1,024 rows and once at the end with input bytes read and the input's size
    // (0 when unknown: stdin, a pipe). May be empty.
    std::function<void(std::uint64_t done, std::uint64_t total)> progress;
    std::size_t max_errors_kept = 50; // errors carried in InvalidInput; the rest only counted
    // The caller's today (cmd passes it): what rows are checked against (a date in the future,
    // an ID number's birth date) and the day of the changes a row makes without a date of its
    // own. Empty: hlpb::today(), for callers written before it was passed.
    std::optional<Date> today;
};

// ImportOptions::today, or else hlpb::today().
Date today_of(const ImportOptions& options);

// A bad row found only once every row was read (see Handler::late).
struct LateError {
    long line = 0;
    std::vector<std::string> raw; // unused (the errors-out file keeps every row itself)
    RowErrors errors;
    bool counted = false; // the row was reported bad already: one bad row, not two
};

struct Handler {
    // The row's natural key (e.g. the org code) for duplicate detection; "" to skip the check
    // (the row is then expected to carry a parse error for the key field).
    std::function<std::string(const Row&)> key;
    // Name of the key field, for the duplicate message.
    std::string key_field;
    // Parses, validates and writes one row inside the engine's transaction. Returns the outcome,
    // or nullopt after adding to `errors`. Must not write anything when it reports errors.
    // InvalidInput, SQLite::Exception and hlpb::Error (but Busy) thrown from here become errors
    // of this row; Busy and anything else end the import.
    std::function<std::optional<Outcome>(const Row&, RowErrors& errors)> apply;
    // How a key appears in messages (e.g. a masked ID number); default: as it is.
    std::function<std::string(const std::string&)> display_key;
    // Called once inside the transaction before the first row is read (and before prepare
    // first runs), e.g. to load what the rows are checked against. Throws like finish.
    std::function<void()> start;
    // Work on rows ahead of apply, a batch at a time on the source's read-ahead thread, as
    // RowSource::set_prepare says (it may set Row::prep, which apply then reads). run() stops
    // and joins that thread before it returns or throws, so `prepare` may use anything that
    // outlives the run() call. An exception from it leaves next(), and so run(), after the rows
    // before its batch, as malformed input would. May be empty.
    std::function<void(std::span<Row>)> prepare;
    // Called once after the last row was read, also when rows were bad (not after malformed
    // input): rows found bad only now, e.g. repeated IDs a bulk load finds by building its
    // unique index. They are reported like the others, after them. May be empty.
    std::function<std::vector<LateError>()> late;
    // Called once when every row was read and none was bad, before the commit (also on a dry
    // run), e.g. to rebuild indexes a bulk load dropped. Throws like apply would, ending the run.
    std::function<void()> finish;
};

// Runs the import in one WriteTx. For each row: a row RowSource could not map (Row::error) is
// a bad row; a key seen before is a bad row ("<key_field>: '<key>' repeated; first on line N")
// and not applied; otherwise handler.apply. Then handler.late's rows. Every bad row is
// reported, in one round: the header's problems (RowSource::header_errors) first (not a bad row:
// InvalidInput::rows() counts the rows), the rows being checked all the same; one error a field in
// a row (the first said about it: a date that is not one is not also "required"), none about a
// field whose required column the header lacks. Throws InvalidInput carrying the first
// max_errors_kept errors (file, line, field, message) and the count of all, after rolling back and
// writing `errors_out` if asked. Malformed input (bad UTF-8, an unterminated quote, bad JSON) stops
// the import at once: InvalidInput with the errors found so far and that one; no errors-out file.
// With dry_run, rolls back and returns what would have happened. Otherwise commits, the audit entry
// noting the counts. Throws CannotCreate when errors_out cannot be created or is one of `outputs`
// (checked before any row is read), IoError when writing it fails.
//
// The errors-out file is the whole input, every row that was read with an error column first
// (its messages joined by "; ", empty on a good row), in the input's format (CSV; JSON: an
// array of objects, the "error" key first; JSON Lines) and encoding (a GB18030 input gives a
// GB18030 file; a byte order mark is kept), CSV with CRLF. Cells are as read; an error column
// of the input (an errors-out file imported again) is replaced. Written as a util::AtomicFile
// (a regular file is replaced whole, mode 0600: it holds personal data). RowSource ignores the
// error column, so the officer fixes the cells and imports that same file again.
Summary run(db::Database& db, RowSource& source, const Handler& handler,
            const ImportOptions& options);

// For a Handler::apply that writes in several steps: runs `write` (the row's outcome, or nullopt
// after adding to `errors`) in a savepoint, so that a row failing half-way leaves nothing behind
// and later rows are checked against the database as it would be. InvalidInput and hlpb::Error
// (but Busy, rethrown) become errors of the row, under `field` unless they name one.
std::optional<Outcome> in_savepoint(db::Database& db, RowErrors& errors, const char* field,
                                    const std::function<std::optional<Outcome>()>& write);

} // namespace hlpb::import
