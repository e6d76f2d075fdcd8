// The four outcomes (四有) of a period: a month, a year or a date range (SPEC §5.5). Pure: no
// database; db/outcomes_repo.hpp gathers the input.
//
// Every figure is district-wide (every 两新 org). Events count when their date lies in the period
// [first, last] (both days included); states are read on the period's last day. Intervals are
// half-open (SPEC §4): a flag whose term ends on D is no longer set on D.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/model.hpp>
#include <hlpb/vocab.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace hlpb::rules {

// The days of a period, both included.
struct OutcomePeriod {
    Date first{};
    Date last{};
};
OutcomePeriod month_period(const Month& m);
OutcomePeriod year_period(int year);

// What the rule reads. The gatherer may pass more rows than matter (any flag term, secretary
// term or problem); the rule picks by date.
struct OutcomeInput {
    OutcomePeriod period;

    struct OrgDates {
        std::string code;
        std::optional<Date> founded;
        std::optional<Date> closed;
    };
    std::vector<OrgDates> orgs; // every org that a row below names, and every org founded

    struct FlagSpan {
        std::string org;
        std::string flag; // weak / typical / training_base
        Span span;
    };
    std::vector<FlagSpan> flags;

    struct SecretaryTerm { // a member's term as secretary of an org
        std::string org;
        Span span;
    };
    std::vector<SecretaryTerm> secretaries;

    // 党建e家 points of the period's year (the year of its last day) and of the year before.
    struct YearPoints {
        long long members = 0; // members with a points record for the year
        long long total = 0;   // their points summed
    };
    YearPoints points;
    YearPoints points_before;

    struct MemberHonor {
        long long member = 0; // any key that tells members apart (the row id)
        Date date{};
    };
    std::vector<MemberHonor> member_honors;
    std::vector<Honor> org_honors; // Honor::org is the org code

    struct ActivityDay {
        std::string kind; // volunteer, reception (others are ignored)
        Date date{};
        long long participants = 0;
    };
    std::vector<ActivityDay> activities;

    std::vector<Problem> problems;
};

// Problems of one category (vocab::problem_categories()).
struct ProblemTally {
    std::string category;
    long long raised = 0;   // raised in the period
    long long resolved = 0; // resolved in the period, whenever raised
    long long open = 0;     // raised by the period's last day and not resolved by then
};

struct Outcomes {
    OutcomePeriod period;

    // 组织有巩固 (orgs consolidated)
    // Orgs whose weak flag ended in the period (摘帽), not counting an end that came with the org's
    // closing, nor an org flagged weak again by the period's last day. Codes, sorted.
    std::vector<std::string> weak_delisted;
    long long weak_now = 0;           // open orgs flagged weak on the period's last day
    long long typical_now = 0;        // open orgs flagged typical on the period's last day
    std::vector<std::string> founded; // orgs founded in the period, sorted
    // Orgs that had no secretary on the day before a secretary's term began in the period, and
    // existed then (founded before that day, or no founding date known). Sorted.
    std::vector<std::string> secretary_filled;

    // 党员有提升 (members improved)
    int points_year = 0; // the year of the period's last day
    long long points_members = 0;
    long long points_total = 0;
    std::optional<double> points_average;        // rounded to 2 decimals; none without records
    std::optional<double> points_average_before; // the year before
    std::optional<double> points_change;         // average minus the year before's
    long long members_honored = 0;               // members with an honour dated in the period
    long long member_honors = 0;                 // those honours

    // 作用有发挥 (role played)
    long long volunteer_activities = 0;
    long long volunteer_participants = 0;
    long long orgs_honored = 0; // orgs with an honour dated in the period
    long long org_honors = 0;
    long long training_bases = 0; // open orgs flagged training_base on the period's last day

    // 企业有发展 (enterprises developed)
    long long receptions = 0; // `reception` activities (部长会客厅 sessions) in the period
    long long problems_raised = 0;
    long long problems_resolved = 0;
    long long problems_open = 0;
    std::vector<ProblemTally> problems_by_category; // every category, in vocabulary order
};

Outcomes compute_outcomes(const OutcomeInput& input);

// The measures of Outcomes by key (weak_delisted, weak_now, …, problems_open) with their Chinese
// labels, in the order a report lists them; the four groups (orgs, members, role, enterprises).
std::span<const vocab::Term> outcome_measures();
std::span<const vocab::Term> outcome_groups();

} // namespace hlpb::rules
