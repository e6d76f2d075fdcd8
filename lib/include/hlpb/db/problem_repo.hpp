// Problems an org raised at a 部长会客厅 reception (SPEC §4), and how each was resolved: the
// problem table. Caller owns the WriteTx.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/model.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {

class Database;

struct ProblemFilter {
    std::string org;                   // raised by this org
    std::string committee;             // by an org of this committee
    std::string category;              // a key of vocab::problem_categories()
    std::string status;                // "open" (not resolved), "resolved", or empty for both
    std::optional<Date> from;          // raised on or after
    std::optional<Date> to;            // raised on or before
    std::optional<long long> activity; // came from this activity
};

// By date raised, then id.
std::vector<Problem> list_problems(Database& db, const ProblemFilter& f);
Problem get_problem(Database& db, long long id); // NotFound

struct ProblemAdded {
    long long id = 0;
    bool org_joined_activity = false; // the org was added to the reception's orgs
};
// Records problem `p` (its id and resolution ignored), raised on `raised`: when not given, the
// reception's date with an activity, else `today`.
// InvalidInput (every problem, under org, category, raised, text, activity): an unknown or
// not-open org, an unknown category, raised after today, an empty text, an activity that is
// unknown or not a reception, raised before the reception. An org that was not among the
// reception's orgs is added to them (through db::edit_activity, so the activity's rules hold).
ProblemAdded add_problem(Database& db, Problem p, const std::optional<Date>& raised,
                         const Date& today);

// Resolves problem `id` on `on` with `text`. InvalidInput for an empty text, `on` before it was
// raised or after today; Conflict when it is resolved already; NotFound.
void resolve_problem(Database& db, long long id, const Date& on, std::string text,
                     const Date& today);

} // namespace hlpb::db
