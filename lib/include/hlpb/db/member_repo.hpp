// Party members (党员): the register, placement and role histories, e-home points, honours,
// mentors (老带新). All SQL for the member tables lives in lib/src/db/member_repo.cpp.
// Writes: the caller owns the WriteTx. Dates are half-open [from, to).
#pragma once

#include <hlpb/db/history.hpp>
#include <hlpb/model.hpp>
#include <hlpb/row_errors.hpp>

#include <optional>
#include <string>
#include <vector>

namespace hlpb::db {

class Database;

struct Member {
    std::string id_number; // 18 characters, checksum-valid
    std::string name;
    std::string gender; // male / female (derived from the ID number)
    Date birth_date{};  // derived from the ID number
    std::string ethnicity;
    std::string education;
    Date join_date{};
    std::string status = "full";   // probationary / full (at the query date)
    std::optional<Date> full_date; // nullopt for a full member: the date is not known
    std::string org;               // org code at the query date (the last one after leaving)
    Date org_since{};
    std::string role = "member"; // secretary / deputy_secretary / committee_member / member
    Date role_since{};
    std::string phone;
    std::optional<Date> left_on;
    std::string left_reason;
    std::string mentor; // id_number of the current mentor, or empty
};

struct MemberFilter {
    std::string committee;     // committee code
    std::string cluster;       // cluster code: members of its orgs at the date
    std::string org;           // org code
    std::string status;        // probationary / full (at the date)
    std::string role;          // role at the date
    bool include_left = false; // also members who had left by the date (their last org)
};

// Members in an org at `as_of` (with org, role and status as of that date), ordered by org code,
// role (secretary first), id_number.
std::vector<Member> list_members(Database& db, const Date& as_of, const MemberFilter& f);
// The member as of `as_of`, also after leaving (left_on set); nullopt when unknown.
std::optional<Member> find_member(Database& db, const std::string& id_number, const Date& as_of);
Member get_member(Database& db, const std::string& id_number, const Date& as_of); // NotFound

// Counts of members per org code at `as_of` (for candidates and reports).
long member_count(Database& db, const std::string& org, const Date& as_of);
// The secretary of `org` at `as_of`: (id_number, name, role_since), or nullopt.
struct Secretary {
    std::string id_number;
    std::string name;
    Date since;
};
std::optional<Secretary> current_secretary(Database& db, const std::string& org, const Date& as_of);

// Validates a member read from the user against the rules of SPEC §4 and the issue: ID number,
// gender and birth date agree with it, phone, joined at 18 or later, full_date after join_date,
// status consistent with full_date (as of `today`; a full member's full_date may be unknown,
// the member then counting as full since joining), org exists and is open, dates in order.
// Fills in derived fields (gender, birth_date, org_since / role_since defaults).
void validate_member(Database& db, Member& m, const Date& today, import::RowErrors& errors);

// Adds a member (validated). Conflict when the ID exists, or when the role is secretary and the
// org has one (naming them).
void add_member(Database& db, const Member& m);
// Replaces the personal fields (name, ethnicity, education, join/full dates, status, phone).
void edit_member(Database& db, const Member& m);
// A dated role change in the member's current org; the old role goes to the history. On the day
// the current role began (it would last no day) refused unless opt.correct, which replaces it
// (noted).
Notes set_role(Database& db, const std::string& id_number, const std::string& role, const Date& on,
               const ChangeOptions& opt = {});
// 书记交接, one use case for `org set-secretary`: member `id_number`, placed in `org`, becomes its
// secretary from `on`, and the secretary in office then (if any) becomes a plain member from the
// same day; both old roles go to the history (as set_role does), in the caller's WriteTx.
// NotFound for an unknown org or member; Conflict when the member has left, is placed in another
// org, is its secretary already, `on` comes before they joined the org or took their current
// role, or the secretary in office took office after `on`. opt.correct as for set_role.
struct Handover {
    std::string org;                   // the org's code (`org` may be its name)
    std::string name;                  // the new secretary's
    std::optional<Secretary> previous; // the secretary who stepped down, if there was one
    Notes notes;                       // what opt.correct replaced
};
Handover set_secretary(Database& db, const std::string& org, const std::string& id_number,
                       const Date& on, const ChangeOptions& opt = {});
// The org a member left and the role held there (a secretary leaves it without one).
struct LeftBehind {
    std::string org;
    std::string role;
};
// 组织关系转接: moves the member to `org` on `on`; the role becomes `member`. `on` after today
// needs opt.future.
LeftBehind transfer_member(Database& db, const std::string& id_number, const std::string& org,
                           const Date& on, const ChangeOptions& opt = {});
// The member leaves the district on `on` (reason: transferred_out / deceased / expelled / other…).
// `on` after today needs opt.future.
LeftBehind member_leave(Database& db, const std::string& id_number, const Date& on,
                        const std::string& reason, const ChangeOptions& opt = {});

struct PlacementEvent {
    std::string org;
    std::string role;
    Span span;
};
// Placement and role history, oldest first.
std::vector<PlacementEvent> member_history(Database& db, const std::string& id_number);

// 党建e家 yearly points.
struct Points {
    int year;
    long long points;
};
void set_points(Database& db, const std::string& id_number, int year, long long points);
// The points stored for the member (by ID number) and year; nullopt when none are.
std::optional<long long> points_of(Database& db, const std::string& id_number, int year);
std::vector<Points> member_points(Database& db, const std::string& id_number);

void add_member_honor(Database& db, const std::string& id_number, const Honor& h);
std::vector<Honor> member_honors(Database& db, const std::string& id_number);

struct MentorPair {
    std::string mentor; // id_number
    std::string mentor_name;
    std::string mentee;
    std::string mentee_name;
    Span span;
    std::string note;
};
// 老带新: `mentor` (a current secretary) mentors `mentee` from `on`; a mentee has one mentor at a
// time.
void assign_mentor(Database& db, const std::string& mentor, const std::string& mentee,
                   const Date& on, const std::string& note);
// Pairs active at `as_of`, by mentor then mentee.
std::vector<MentorPair> list_mentors(Database& db, const Date& as_of);

} // namespace hlpb::db
