// Activities (SPEC §4): the activity table, the clusters a review names (activity_cluster) and
// the orgs involved (activity_org). Every rule an activity keeps is checked in one place
// (check_activity), which add, edit and the import's upsert all run. Caller owns the WriteTx.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/model.hpp>
#include <hlpb/row_errors.hpp>
#include <hlpb/validate.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {

class Database;

// Bounds of an activity's counts: one check for an option and an import cell alike.
constexpr validate::NumberRule k_participants{0, 100'000, "a whole number of people"};
constexpr validate::NumberRule k_problem_count{0, 10'000, "a whole number of problems"};

struct ActivityFilter {
    std::string cluster;      // held by this cluster, or a review naming it
    std::string committee;    // of this committee (a cluster's activity: its cluster's)
    std::string kind;         // a key of vocab::activity_kinds()
    std::optional<Date> from; // on or after
    std::optional<Date> to;   // on or before
};

// The activities matching `f`, by date then id, each with its committee (a cluster's when the
// row names none), clusters (a review: its own first, then the others by code) and orgs (by
// code). One query for the whole list.
std::vector<Activity> list_activities(Database& db, const ActivityFilter& f);
std::optional<Activity> find_activity(Database& db, long long id);
Activity get_activity(Database& db, long long id); // NotFound

// Normalises `a` (texts cleaned, kind as its key, committee filled in from the cluster, a
// review's clusters with its own first, orgs sorted and unique) and adds each broken rule to
// `errors` under its field (date, kind, cluster, clusters, committee, title, orgs, participants,
// problems_raised, problems_solved, notes):
//   - date after `today`; kind unknown; title empty; a count out of bounds; solved > raised;
//   - an unknown cluster, committee or org code;
//   - a cluster's activity dated before it was established or on/after it was dissolved;
//   - a committee other than the cluster's;
//   - a secretary_meeting, theme_day or review without a cluster; a work_meeting without a
//     committee; several clusters for anything but a review; a review naming a cluster of
//     another committee or one not active on the date;
//   - an org not open on the date (founded after it, closed on or before it);
//   - for a stored activity (a.id != 0) that problems came from: a kind other than reception,
//     a date after a problem was raised, an org left out whose problem came from it.
void check_activity(Database& db, Activity& a, const Date& today, import::RowErrors& errors);

// The use cases, each running check_activity first: InvalidInput with every problem (fields as
// above) and nothing written. Conflict when another activity has the same key (date, kind,
// cluster or else committee, title): add returns the new id; edit replaces every field of
// activity a.id (NotFound).
long long add_activity(Database& db, Activity a, const Date& today);
void edit_activity(Database& db, Activity a, const Date& today);
// Deletes the activity with its cluster and org links; returns how many problems named it
// (they stay, no longer naming a reception). NotFound when there is no such activity.
long long delete_activity(Database& db, long long id);
// The fields of a stored activity an import row leaves as they are (its file lacks the column).
struct ActivityKeep {
    bool participants = false;
    bool orgs = false;
    bool problems_raised = false;
    bool problems_solved = false;
    bool notes = false;
};

// The import: the activity with a's key is added, or changed to `a` (unchanged when equal); the
// fields `keep` names take the stored activity's values first (then every rule is checked on the
// result). Conflict when several stored activities share the key.
hlpb::import::Outcome upsert_activity(Database& db, Activity a, const Date& today,
                                      const ActivityKeep& keep = {});

} // namespace hlpb::db
