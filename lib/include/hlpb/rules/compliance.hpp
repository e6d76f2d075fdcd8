// Compliance (SPEC §5.1): for a month M, every rule × subject with its status and evidence.
// Pure: a function of a report::MonthSnapshot.
//
// Periods: the month, the half year (Jan–Jun, Jul–Dec) and the year that hold M. A cluster is
// subject to a rule for a period when it was established on or before the period's first day and
// is active at the end of M; a committee always is (committees have no dates); so is the
// district. Status: `done` when the required activity exists in the period up to the end of M;
// otherwise `missed` when the period ends with M, `due` when it ends later, or when M has not
// ended yet (MonthSnapshot::complete false: figures so far, the deadline is still ahead). The state
// rules (lead_venue, lead_not_weak, cluster_structure: the month's subject clusters;
// org_has_secretary: every open org in a cluster active at the end of M) are done / missed as of
// the end of M.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/rules/structure.hpp>
#include <hlpb/vocab.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::report {
struct MonthSnapshot;
}

namespace hlpb::rules {

enum class Scope { district, committee, cluster, org };
enum class Status { done, missed, due };
enum class PeriodKind { month, half_year, year };

std::string_view scope_key(Scope s);   // "district", "committee", "cluster", "org"
std::string_view status_key(Status s); // "done", "missed", "due"
std::optional<Status> parse_status(std::string_view key);

// Labels (vocab::label) of the rule ids, scopes and statuses.
std::span<const vocab::Term> rule_terms(); // secretary_meeting_monthly 书记例会（每月）, ...
std::span<const vocab::Term> scope_terms();  // district 全区 / committee 党委 / ...
std::span<const vocab::Term> status_terms(); // done 已完成 / missed 未完成 / due 待完成

struct Period {
    PeriodKind kind = PeriodKind::month;
    Date first{};
    Date last{};
    std::string key() const; // "2026-10", "2026-H2", "2026"
};
// The period of `kind` that holds month `m`.
Period period_of(PeriodKind kind, Month m);

// The rule ids of §5.1, in the order of its table (the order of the report).
inline constexpr std::string_view k_rule_ids[] = {
    "secretary_meeting_monthly", "theme_day_half_year", "work_meeting_yearly", "review_yearly",
    "training_yearly",           "lead_venue",          "lead_not_weak",       "org_has_secretary",
    "cluster_structure"};

struct ComplianceRow {
    std::string rule; // one of k_rule_ids
    Scope scope = Scope::cluster;
    std::string code;      // the subject: cluster, committee or org code; empty for the district
    std::string committee; // the subject's committee (empty for the district)
    std::string cluster;   // the subject cluster, or the org's cluster (empty otherwise)
    Status status = Status::missed;
    Period period; // the rule's period (the month for the state rules)
    // Evidence. done by an activity: its id, date and title (the first in the period).
    std::optional<long long> activity;
    std::optional<Date> activity_date;
    std::string activity_title;
    // due / missed: the period's last day, by which the activity is needed.
    std::optional<Date> deadline;
    // State rules: the org concerned (the lead for lead_venue / lead_not_weak, empty when the
    // cluster has none), its venue (lead_venue), what the structure lacks (cluster_structure).
    std::string org;
    long long venue_m2 = 0;
    std::vector<StructureLack> lacks;
};

// Every rule × subject for the snapshot's month, ordered by rule (k_rule_ids), then code.
std::vector<ComplianceRow> compliance(const report::MonthSnapshot& s);

struct ComplianceFilter {
    std::optional<Status> status;
    std::string committee; // rows whose subject is of this committee (not the district's)
    std::string cluster;   // rows of this cluster and of its orgs
};
std::vector<ComplianceRow> filter_compliance(std::vector<ComplianceRow> rows,
                                             const ComplianceFilter& f);

} // namespace hlpb::rules
