// The demo district planned in memory before it is written: every row of the foundation tables,
// linked by index. Later steps (members, activities, scores) take the written District and find
// each org's code, committee and cluster here instead of querying the database back.
#pragma once

#include <hlpb/date.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace SQLite {
class Database;
}

namespace hlpb::demo {

using Day = int; // days since 1970-01-01 (std::chrono::sys_days), so dates add and compare

struct PlannedCommittee {
    const char* code;
    const char* name;
    const char* kind;
    std::int64_t id = 0; // rowid, set by write_district
};

struct PlannedCluster {
    std::string code;
    std::string name;
    int committee; // index into District::committees
    int copy;      // 1-based copy of the district (--scale)
    const char* principle;
    Day established;
    std::optional<Day> dissolved;
    int parent = -1; // index into District::clusters, or -1
    std::string instructor;
    std::string instructor_phone;
    const char* community = "";
    std::string supervisor;
    const char* supervisor_dept = "";
    int lead_now = -1; // org index of the lead at as_of, -1 when dissolved
    std::int64_t id = 0;
};

struct PlannedOrg {
    std::string code;
    std::string name;
    std::string host_name;
    std::string host_uscc;
    const char* type; // enterprise / social
    const char* form; // branch / joint_branch / general_branch / committee
    int committee;
    int copy;
    Day founded;
    bool investor_is_secretary = false;
    int venue_m2 = 0;
    bool venue_standard = false;
    int cluster_now = -1; // cluster index at as_of, -1 when in none
    bool lead_now = false;
    std::int64_t id = 0;
};

// A dated row of cluster_org (an org in a cluster) or cluster_lead: [from, to).
struct Term {
    int cluster;
    int org;
    Day from;
    std::optional<Day> to;
};

struct PlannedFlag {
    int org;
    const char* flag; // weak / typical / training_base
    Day from;
    std::optional<Day> to;
    const char* note = "";
};

struct PlannedHonor {
    int org;
    Day date;
    const char* title;
    const char* level;
};

struct District {
    Day as_of = 0;
    std::vector<PlannedCommittee> committees;
    std::vector<PlannedCluster> clusters; // a parent always precedes its children
    std::vector<PlannedOrg> orgs;
    std::vector<Term> memberships; // cluster_org
    std::vector<Term> leads;       // cluster_lead
    std::vector<PlannedFlag> flags;
    std::vector<PlannedHonor> honors;
};

Day to_day(int year, unsigned month, unsigned day);
Day to_day(const Date& d);
std::string format_day(Day d); // YYYY-MM-DD

// Plans `scale` copies of the district (scale >= 1) dated relative to as_of. Pure and
// deterministic: the same arguments give the same District, and copy 1 is the same at every scale.
District plan_district(int scale, Day as_of);

// Inserts every planned row (one prepared statement per table) and stores the rowids in the
// District. The caller owns the transaction; the tables must be empty.
void write_district(SQLite::Database& db, District& district);

} // namespace hlpb::demo
