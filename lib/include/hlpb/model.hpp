// Plain structs of the domain (SPEC §4). Enumerated values are held as their English keys;
// vocab.hpp maps them to and from the Chinese words officers use.
#pragma once

#include <hlpb/date.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb {

struct Committee {
    std::string code;
    std::string name;
    std::string kind = "street"; // street / park / department
};

struct Cluster {
    std::string code;
    std::string name;
    std::string committee; // committee code
    std::string principle; // geo / industry / chain
    std::optional<Date> established;
    std::string status = "active"; // active / dissolved
    std::optional<Date> dissolved;
    std::string parent; // code of the cluster it split from, or empty
    std::string instructor;
    std::string instructor_phone;
    std::string community;  // geo clusters
    std::string supervisor; // industry / chain clusters
    std::string supervisor_dept;
    std::string lead; // org code of the lead as of the query date, or empty
};

struct Org {
    std::string code;
    std::string name;
    std::string host_name;
    std::string host_uscc;
    std::string type = "enterprise"; // enterprise / social
    std::string form = "branch";     // branch / joint_branch / general_branch / committee
    std::string committee;           // committee code
    std::optional<Date> founded;
    std::optional<Date> closed;
    bool investor_is_secretary = false;
    long long venue_m2 = 0;
    bool venue_standard = false;
    // Derived as of the query date (not stored in the org row):
    std::string cluster; // code of the cluster it belongs to, or empty
    bool is_lead = false;
    bool weak = false;
    bool typical = false;
    bool training_base = false;
};

// A dated interval [from, to); `to` empty means still open.
struct Span {
    Date from;
    std::optional<Date> to;
    bool contains(const Date& d) const { return from <= d && (!to || d < *to); }
};

struct ClusterMembership { // an org in a cluster
    std::string cluster;
    std::string org;
    Span span;
};

struct LeadTerm {
    std::string cluster;
    std::string org;
    Span span;
};

struct FlagTerm {
    std::string org;
    std::string flag; // weak / typical / training_base
    Span span;
    std::string note;
};

struct Honor {
    std::string org; // org code (or member id for member honors)
    Date date;
    std::string title;
    std::string level; // national / province / city / district / other
};

// An activity (SPEC §4). A cluster's activity names its cluster (and that cluster's committee);
// a committee's work meeting names only the committee; a district training names neither.
struct Activity {
    long long id = 0; // the database row id: the activity's key
    Date date{};
    std::string kind;                  // secretary_meeting / theme_day / ... / other
    std::string cluster;               // cluster code, or empty
    std::string committee;             // committee code, or empty
    std::vector<std::string> clusters; // a review: every cluster it names (its own included)
    std::string title;
    long long participants = 0;
    std::vector<std::string> orgs; // org codes involved
    long long problems_raised = 0;
    long long problems_solved = 0;
    std::string notes;
};

// A problem an org raised at a 部长会客厅 reception (SPEC §4).
struct Problem {
    long long id = 0;
    std::string org;      // org code
    std::string category; // labor / talent / tax / schooling / other
    Date raised{};
    std::string text;
    std::optional<Date> resolved;
    std::string resolution;
    std::optional<long long> activity; // the reception it came from
};

// One score entry of an org for a month (SPEC §4).
struct ScoreEntry {
    long long id = 0;
    std::string org; // org code
    Month month{};
    std::string category; // party_affairs / activity / suggestion / bonus / penalty
    long long points = 0;
    std::string reason;
};

// A red flag (流动红旗) recorded by `score award`.
struct FlagAward {
    Month month{};
    std::string cluster; // cluster code
    std::string org;     // org code
    long long points = 0;
    std::string decided_by; // total / party_affairs / activity / suggestion / code
};

} // namespace hlpb
