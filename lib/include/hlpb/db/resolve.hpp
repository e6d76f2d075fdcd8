// Finding a committee, cluster or org by what an officer types: its code (in any case, with
// full-width letters and digits too) or its exact full name. One resolver per kind, used by every
// command-line argument and option and every import column that takes a code.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/row_errors.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hlpb::db {

enum class RecordKind { committee, cluster, org };

// One record as the resolver sees it: its code, its name and when it is in force ([from, to):
// a cluster's established and dissolved dates, an org's founded and closed; none for committees).
struct NamedRecord {
    std::string code;
    std::string name;
    std::optional<Date> from;
    std::optional<Date> to;
    bool in_force(const Date& d) const { return (!from || *from <= d) && (!to || d < *to); }
};

// The outcome of one lookup: the code found, or why there is none (a sentence for a person,
// in the current language: an unknown text with the closest records, or a name that several
// records share with their codes).
struct Resolved {
    std::string code; // empty when not found
    std::string problem;
    bool ambiguous = false; // a name shared by several records (else: unknown)
    bool suggests = false;  // unknown, with the closest records
    explicit operator bool() const { return !code.empty(); }
    // The problem says more than "no such record": the codes of a shared name, or the closest.
    bool telling() const { return ambiguous || suggests; }
};

// The codes and names of every record of one kind, for any number of lookups (an import loads
// it once, whatever the number of rows).
class NameIndex {
public:
    NameIndex(RecordKind kind, std::vector<NamedRecord> records);
    // Every record of `kind`, in one query.
    static NameIndex load(Database& db, RecordKind kind);
    // The records load() indexes: to index them later, on another thread (an import's read-ahead
    // thread, at its first cell that is not an exact code).
    static std::vector<NamedRecord> records(Database& db, RecordKind kind);

    // In this order: the exact code; the code folded (fold_code) when one record has it; the
    // exact full name (NFKC) when one record has it, or else one record in force at `as_of`.
    Resolved find(std::string_view text, const std::optional<Date>& as_of = {}) const;
    // find(), throwing NotFound (unknown) or Conflict (a shared name) with its problem.
    std::string resolve(std::string_view text, const std::optional<Date>& as_of = {}) const;
    // The records closest to `text` by edit distance over folded codes and names (a name that
    // holds the text counts too), nearest first, at most `limit`, only reasonably close ones.
    std::vector<const NamedRecord*> closest(std::string_view text, std::size_t limit = 3) const;

    RecordKind kind() const { return m_kind; }

private:
    RecordKind m_kind;
    std::vector<NamedRecord> m_records;
    std::unordered_map<std::string, std::size_t> m_codes;
    std::unordered_map<std::string, std::vector<std::size_t>> m_folded;
    std::unordered_map<std::string, std::vector<std::size_t>> m_names;
};

// NameIndex::find for the cells of an import: the index is loaded at the first lookup (one
// query, whatever the number of rows) and kept; an empty text is left as it is.
class Resolver {
public:
    Resolver(Database& db, RecordKind kind) : m_db(db), m_kind(kind) {}
    Resolved find(std::string_view text, const std::optional<Date>& as_of = {});
    // `value` (a cell) replaced by the code it names. Else false, and its problem added under
    // `field` when it is telling() (a plain "no such record" is left to the checks of the
    // record, which say which file to import first).
    bool resolve_cell(std::string& value, std::string_view field, RowErrors& errors,
                      const std::optional<Date>& as_of = {});

private:
    Database& m_db;
    RecordKind m_kind;
    std::optional<NameIndex> m_index;
};

// One lookup against the database: an exact code costs one query; anything else loads the
// index. Throw NotFound (unknown, with "did you mean") or Conflict (a name several records share).
// `as_of` only chooses between records of the same name (the one in force then).
std::string resolve_committee(Database& db, std::string_view text);
std::string resolve_cluster(Database& db, std::string_view text, const Date& as_of);
std::string resolve_org(Database& db, std::string_view text, const Date& as_of);
std::string resolve(Database& db, RecordKind kind, std::string_view text,
                    const std::optional<Date>& as_of);
// resolve() without throwing.
Resolved find_code(Database& db, RecordKind kind, std::string_view text,
                   const std::optional<Date>& as_of);

// What codes are compared by: NFKC (full-width letters and digits become ASCII), trimmed, upper
// case.
std::string fold_code(std::string_view text);
// Levenshtein distance in characters (code points).
std::size_t edit_distance(std::string_view a, std::string_view b);

} // namespace hlpb::db
