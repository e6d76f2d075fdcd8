// The import engine shared by every `NOUN import`: one write transaction, every row checked
// (parse, duplicates inside the file, database rules), all or nothing, upsert summary.
#pragma once

#include <hlpb/error.hpp>
#include <hlpb/import/source.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {
class Database;
}

namespace hlpb::import {

enum class Outcome { inserted, updated, unchanged };

struct Summary {
    long rows = 0;
    long inserted = 0;
    long updated = 0;
    long unchanged = 0;
    bool dry_run = false;
};

// Errors found in one row; the engine adds the file name and line.
class RowErrors {
public:
    void add(std::string field, std::string message) {
        m_items.push_back({std::move(field), std::move(message)});
    }
    bool empty() const { return m_items.empty(); }
    struct Item {
        std::string field;
        std::string message;
    };
    const std::vector<Item>& items() const { return m_items; }
    void clear() { m_items.clear(); }

private:
    std::vector<Item> m_items;
};

struct ImportOptions {
    bool dry_run = false;
    std::string errors_out;           // write bad rows + an "error" column here (atomically)
    std::function<void(std::uint64_t done, std::uint64_t total)> progress; // may be empty
    std::size_t max_errors_kept = 50; // errors carried in InvalidInput; the rest only counted
};

struct Handler {
    // The row's natural key (e.g. the org code) for duplicate detection; "" to skip the check
    // (the row is then expected to carry a parse error for the key field).
    std::function<std::string(const Row&)> key;
    // Name of the key field, for the duplicate message.
    std::string key_field;
    // Parses, validates and writes one row inside the engine's transaction. Returns the outcome,
    // or nullopt after adding to `errors`. Must not write anything when it reports errors.
    std::function<std::optional<Outcome>(const Row&, RowErrors& errors)> apply;
};

// Runs the import in one WriteTx. Throws InvalidInput (every bad row, nothing written; the
// errors-out file written if asked) when any row is bad. With dry_run, rolls back and returns
// what would have happened.
Summary run(db::Database& db, RowSource& source, const Handler& handler,
            const ImportOptions& options);

} // namespace hlpb::import
