// What every command handler shares: the global options and the database, opened on first use
// so that help and usage errors never touch a file.
#pragma once

#include <hlpb/db/database.hpp>
#include <hlpb/util/atomic_file.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hlpb::cli {

// Options accepted anywhere on the command line (before or after the noun and verb).
struct GlobalOptions {
    std::optional<std::string> db_path; // --db
    std::string format;                 // --format; empty = table on a terminal, else csv
    bool quiet = false;                 // --quiet: no confirmations or summaries on stderr
    bool no_color = false;              // --no-color (NO_COLOR is read by the output layer)
    std::string lang = "zh";            // --lang: labels for people
    bool reveal = false;                // --reveal: show personal data unmasked (audited)
};

class Context {
public:
    // `command_line` is argv joined with spaces, recorded in the audit trail.
    explicit Context(std::string command_line) : m_command_line(std::move(command_line)) {}

    GlobalOptions options;

    // Opens (creating and migrating if needed) the database on first call.
    db::Database& db();
    // The database's path for messages (--db, $HLPB_DB or the default); never throws.
    std::string database_path() const;
    // The path of the database once db() opened it, else empty.
    std::string opened_path() const { return m_db ? m_db->path() : std::string(); }
    // Commands that only read refuse a missing file (a mistyped --db) instead of creating it,
    // and never write a schema into an empty one.
    void set_read_only() { m_create = false; }

    // An input file of the command (import FILE): no output of the command may be it.
    void add_input(const std::string& path) { m_inputs.push_back(path); }
    // What every output file (--out, --xlsx, --errors-out, any later one) is checked against:
    // the database --db names (with its journals) and the inputs. Give it to util::AtomicFile.
    util::OutputGuard outputs() const;

    // The chosen verb's handler, set while parsing and run once parsing succeeded.
    // A handler returns the process exit status (0, or 1 e.g. when `db check` finds breaches).
    void set_action(std::function<int()> action) { m_action = std::move(action); }
    int run() { return m_action ? m_action() : 0; }

private:
    std::string m_command_line;
    std::unique_ptr<db::Database> m_db;
    bool m_create = true;
    std::vector<std::string> m_inputs;
    std::function<int()> m_action;
};

} // namespace hlpb::cli
