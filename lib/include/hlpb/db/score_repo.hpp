// Monthly points (积分) of orgs and the red flag (流动红旗) of each cluster (SPEC §4, §5.2): score
// entries, closed months, the month's contest (one set-based load) and the recorded awards.
// Caller owns the WriteTx for writes.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/model.hpp>
#include <hlpb/row_errors.hpp>
#include <hlpb/rules/flag.hpp>
#include <hlpb/validate.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hlpb::db {

class Database;

// Points of one entry: a whole number, negative allowed (a bonus is >= 0, a penalty <= 0).
constexpr validate::NumberRule k_score_points{-10'000, 10'000, "a whole number of points"};

// Checks an entry as typed or imported (its category already a key or the label's text):
// org code given, category one of vocab::score_categories(), points within k_score_points, a
// bonus not below 0 and a penalty not above 0, reason a clean line (normalised in place).
void validate_score(ScoreEntry& e, import::RowErrors& errors);

// The message refusing a change to closed month `m` ("... hlpb score reopen --month M").
std::string closed_month_message(const Month& m);

// Writes score entries through prepared statements, for `score add` (write) and `score import`
// (write_upserts, and month_entries when the table has entries). The natural key of an entry is
// (org, month, category, reason).
class ScoreWriter {
public:
    explicit ScoreWriter(Database& db);
    ~ScoreWriter();
    ScoreWriter(const ScoreWriter&) = delete;
    ScoreWriter& operator=(const ScoreWriter&) = delete;

    // The org's row id, or nullopt when there is no such org.
    std::optional<std::int64_t> org_id(const std::string& code);
    // Whether `m` is closed (score award); remembered per month for the writer's life, which is
    // one transaction.
    bool closed(const Month& m);

    enum class Mode {
        add,   // Conflict when an entry with the same key exists
        upsert // sets the points of the entry with the same key (import)
    };
    // Writes validated entry `e` of org row `org`. Throws Conflict when e.month is closed
    // (closed_month_message), or (add) when its key exists.
    import::Outcome write(const ScoreEntry& e, std::int64_t org, Mode mode);

    // True when there is no score entry at all: a first load may go in bulk.
    bool empty();
    // A bulk load into an empty table (call inside the transaction, before the first write):
    // the indexes of score_entry (not its primary key) are dropped and rebuilt by end_bulk() as
    // they were; in between, the caller writes every row through write_bulk() (best in the
    // order of the table's key, so that each row appends; the caller makes sure no key repeats:
    // the import refuses a repeated key), and SQLite does not evaluate CHECK
    // constraints: every entry must have passed validate_score, which makes the same checks.
    // The org ids given must exist (foreign keys may be off). If end_bulk() is never
    // called (an exception, a refused import), the caller rolls back and sets
    // ignore_check_constraints OFF again.
    void begin_bulk();
    void end_bulk();

    // An import into a table that has entries (the upsert path) decides each row's outcome
    // itself against the entries of its month, read once by month_entries(), and writes many
    // rows at a time through write_upserts(), in the order of the indexes: a month's rows go
    // into the live indexes as sweeps instead of at random places.
    // Every entry of month `m`: calls `f(org_id, category, reason, points)`, in no set order.
    void month_entries(const Month& m,
                       const std::function<void(std::int64_t org, std::string_view category,
                                                std::string_view reason, long long points)>& f);
    // A new entry or a new points value for an existing one.
    struct Upsert {
        std::int64_t org;
        const char* category;      // a key of vocab::score_categories() (static)
        const std::string* reason; // outlives write_upserts()
        Month month;
        std::int32_t points; // within k_score_points
    };
    struct Upserts {
        std::vector<Upsert> inserts; // none of whose keys exists
        std::vector<Upsert> updates; // each of whose keys exists
    };
    // Writes `u` (sorting its lists), every entry validated (validate_score) and of an open
    // month. An insert whose key exists throws what SQLite throws (the caller's bug).
    void write_upserts(Upserts& u);
    // Inserts `rows` as given, 64 to an INSERT (none of whose keys exists; each validated and of
    // an open month): a bulk load's rows, in as many calls as the caller likes. Rows in the
    // order of score_entry's key (month, org, category; then any order) append to the table.
    void write_bulk(std::span<const Upsert> rows);

private:
    struct Bulk;
    void flush_bulk();
    Database& m_db;
    std::unique_ptr<Bulk> m_bulk_rows; // the queued rows and their statement, in a bulk load
    std::vector<std::string> m_dropped_indexes; // their CREATE statements, during a bulk load
    bool m_bulk = false;
    // Every month asked about closed() so far, as text, and its answer: a file sorted by org
    // changes month at every row (no month is closed or reopened while a writer writes: one
    // transaction). m_month is the last one asked about.
    struct MonthState {
        Month month;
        std::string text;
        bool closed = false;
    };
    std::vector<MonthState> m_months;
    std::size_t m_month = 0;
};

// Every org's code and row id, in no set order (a score import indexes them once, instead of a
// query per row).
std::vector<std::pair<std::string, std::int64_t>> org_ids(Database& db);

// `score add`: the one use case of an entry typed on the command line. NotFound for an unknown
// org; InvalidInput (validate_score); Conflict as ScoreWriter::write in Mode::add.
void add_score(Database& db, ScoreEntry e);

struct ScoreFilter {
    std::optional<Month> from, to; // inclusive; nullopt = unbounded
    std::string org;               // org code
    std::string cluster;           // cluster code: orgs in it at the end of the entry's month
    std::string committee;         // committee code of the org
    std::string category;          // category key
};
// Entries by month, org code, category (in vocab order) and reason.
std::vector<ScoreEntry> list_scores(Database& db, const ScoreFilter& f);

// One cluster's contest for a month: its candidates ranked (rules::rank_flag), and, when the
// month is closed, the flag recorded by `score award` (nullopt: none was awarded).
struct ClusterContest {
    std::string cluster; // code
    std::string name;
    std::string committee; // code
    std::string lead;      // org code of the lead at the end of the month ("" when none)
    rules::FlagRanking ranking;
    std::optional<FlagAward> recorded; // closed months only
};

struct FlagContest {
    Month month{};
    bool closed = false; // awarded: the flags of record are ClusterContest::recorded
    // Every cluster active at the end of the month (established on or before its last day, not
    // dissolved on or before it), by code.
    std::vector<ClusterContest> clusters;
    // Orgs with entries for the month that were in no active cluster at its end: accepted, but
    // outside the contest (by code).
    std::vector<rules::FlagCandidate> outside;
    // Awards recorded for the month whose cluster is not in `clusters` any more (its dates were
    // corrected after the award), by cluster code.
    std::vector<FlagAward> recorded_elsewhere;
};

// The red-flag contest of month `m` (SPEC §5.2) in a handful of queries (clusters, members at
// the end of the month, leads, the month's sums per org and category, the recorded awards),
// then rules::rank_flag per cluster. With `cluster` / `committee` non-empty, only that cluster /
// that committee's clusters (the outside list is then empty).
FlagContest load_flag_contest(Database& db, const Month& m, const std::string& cluster = {},
                              const std::string& committee = {});

struct AwardResult {
    bool already_closed = false; // nothing written: the month was closed before
    FlagContest contest;         // as recorded
};
// `score award`: records one flag_award per cluster whose contest has a flag, and closes `m`.
// Conflict when `m` has not ended on `today` (its last day is today or later).
AwardResult award_flags(Database& db, const Month& m, const Date& today);

// `score reopen`: deletes the closed month and its recorded flags; returns how many flags were
// removed. Conflict when `m` is not closed.
int reopen_month(Database& db, const Month& m);

// The red flags held by a cluster's orgs / won by an org, oldest month first. NotFound for an
// unknown code.
std::vector<FlagAward> cluster_red_flags(Database& db, const std::string& cluster);
std::vector<FlagAward> org_red_flags(Database& db, const std::string& org);

} // namespace hlpb::db
