// `db undo`: take back recorded writes by applying the inverse of the changesets WriteTx kept,
// in one write that is itself audited (and so can be undone: a redo).
#pragma once

#include <hlpb/db/database.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace hlpb::db {

struct UndoOptions {
    std::int64_t entry = 0; // take back this entry and every later one; 0: see undo()
    bool dry_run = false;   // apply, report and roll back (conflicts are found all the same)
    bool reveal = false;    // ID numbers and phones in full in the row labels
};

// What an undo changes in one table.
struct UndoTable {
    std::string table;
    long inserted = 0;
    long updated = 0;
    long deleted = 0;
    // Readable keys of the rows (codes, ID numbers masked unless reveal, names, dates), by kind
    // of change then label.
    std::vector<std::string> rows;
};

struct UndoResult {
    std::int64_t from = 0; // the oldest entry taken back
    // The writes whose effect is taken back, newest first: each entry still in effect, but not
    // an undo of entries at or after `from` (the two cancel out); an undo of earlier entries
    // taken back is a redo of those.
    struct Taken {
        std::int64_t entry;
        std::string command; // masked; its note in the user's language (shown_audit_command)
        bool redo;
    };
    std::vector<Taken> taken;
    std::vector<UndoTable> tables; // by table name
    std::int64_t entry = 0;        // the undo's own audit entry; 0 in a dry run
};

// Takes back `options.entry` and every later entry, newest first, in one WriteTx: afterwards
// the rows are as they were before that entry. Without an entry: the newest write still in
// effect that is not itself an undo (so repeated undos walk back through the history).
// Throws NotFound (no such entry; `options.entry` already undone; nothing to undo) or Conflict,
// changing nothing: an entry in the way kept no changeset (a bulk load, a write before undo
// existed), was recorded under an older schema, or a row is no longer as the recorded writes left
// it (changed outside hlpb).
UndoResult undo(Database& db, const UndoOptions& options);

} // namespace hlpb::db
