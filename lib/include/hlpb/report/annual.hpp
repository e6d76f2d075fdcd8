// The annual report (年度工作报告, issue 9 item 4) as one plain value: the year month by month
// (coverage, meetings held, red flags, subsidies, outcomes) and each cluster's and committee's
// year. Each month's figures are those of the monthly report of that month (the same snapshot
// definitions and the same rules of SPEC §5); the year's outcomes are `report outcomes --year`.
// Everything is sorted by month, then code; nothing depends on the clock.
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/report/document.hpp>
#include <hlpb/rules/compliance.hpp>
#include <hlpb/rules/coverage.hpp>
#include <hlpb/rules/outcomes.hpp>
#include <hlpb/rules/subsidy.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::db {
class Database;
}

namespace hlpb::report {

// One committee in one month.
struct AnnualCommitteeMonth {
    std::string committee;      // code
    long clusters = 0;          // active at the end of the month
    long meetings_required = 0; // its clusters subject to secretary_meeting_monthly
    long meetings_held = 0;     // of which done
    long flags = 0;             // red flags of the month in its clusters
};

// One month of the year: the monthly report's figures of that month.
struct AnnualMonth {
    Month month{};
    Date last{};           // the end of the month
    bool complete = false; // the month had ended on `today`; else figures so far
    rules::Coverage coverage;
    long clustered_members = 0; // members of the clustered orgs
    long meetings_required = 0; // clusters subject to secretary_meeting_monthly (应开)
    long meetings_held = 0;     // of which done (已开)
    long meetings_missed = 0;   // of which missed (未开; due ones are neither)
    long meetings = 0;          // secretary_meeting activities of the active clusters in M
    long flags = 0;             // red flags of the month (recorded when closed)
    long clusters_without_flag = 0;
    bool flags_recorded = false;  // the month is closed (score award)
    rules::SubsidyLine subsidies; // the month's total line (secretaries, members, money)
    rules::Outcomes outcomes;     // of the month
    std::vector<AnnualCommitteeMonth> committees; // every committee, by code
};

// A committee's year.
struct AnnualCommittee {
    std::string code;
    std::string name;
    std::string kind;
    long clusters = 0; // active at the end of the last month reported
    long orgs = 0;     // open orgs then
    long members = 0;
    long meetings_required = 0; // summed over the months
    long meetings_held = 0;
    long flags = 0;                            // red flags of the year in its clusters
    std::optional<rules::Status> work_meeting; // work_meeting_yearly, as of the last month
    std::optional<Date> work_meeting_date;     // the first one of the year
    long long secretary_fen = 0;               // subsidies of the year: 通讯补贴
    long long member_fen = 0;                  // the months' accruals of 活动经费
};

// A cluster's year: every cluster active at the end of some month reported.
struct AnnualCluster {
    std::string code;
    std::string name;
    std::string committee; // code
    std::string committee_name;
    std::string principle; // as of the last month it was active
    Date established{};
    std::optional<Date> dissolved; // in the months reported
    // At the end of the last month it was active.
    std::string lead; // org code, or empty
    std::string lead_name;
    long orgs = 0;
    long members = 0;
    // secretary_meeting_monthly: one status per month reported (nullopt: not subject that
    // month: not yet established on its first day, or not active at its end).
    std::vector<std::optional<rules::Status>> meeting_status;
    long months_subject = 0; // months it was subject to the monthly meeting (of 12)
    long meetings_held = 0;  // of those, months with a meeting
    long meetings = 0;       // its secretary meetings in the months it was active
    // theme_day_half_year of H1 and H2, as of the last month reported in each half (nullopt:
    // not subject, or the half not begun).
    std::optional<rules::Status> theme_day_h1;
    std::optional<rules::Status> theme_day_h2;
    long theme_days_required = 0; // halves it was subject to (of 2)
    long theme_days_held = 0;
    // review_yearly as of the last month reported (nullopt: not subject then), and its date.
    std::optional<rules::Status> review;
    std::optional<Date> review_date;
    long flags = 0;         // months in which its red flag was awarded (won by one of its orgs)
    std::string top_holder; // the org that held it most often (then the smaller code)
    std::string top_holder_name;
    long top_holder_flags = 0;
};

struct AnnualReport {
    int year = 0;
    Date first{};          // January 1
    Date last{};           // the end of the last month reported (December 31 for a year ended)
    bool complete = false; // the year had ended on `today`; else figures so far
    std::vector<AnnualMonth> months;         // January .. the month of `today` (at most December)
    std::vector<AnnualCommittee> committees; // every committee, by code
    std::vector<AnnualCluster> clusters;     // by code
    // training_yearly (district) as of the last month, and the first training's date.
    std::optional<rules::Status> training;
    std::optional<Date> training_date;
    // Subsidies of the year: the months' totals summed.
    long long secretary_fen = 0;
    long long member_fen = 0;
    rules::Outcomes outcomes; // of the whole year (rules::year_period): report outcomes --year
};

// Builds `year` as of `today` in one read snapshot (do not hold a db::ReadTx around it): the
// year's rows loaded once (db::YearSnapshots, the recorded flags, the outcomes' rows; the flag
// contest only of months not closed), then the rules per month. Months that have not begun on
// `today` are left out: a year after today's has no months.
AnnualReport build_annual(db::Database& db, int year, const Date& today);

// The JSON of `report annual` (keys documented in man hlpb-report): money as CNY numbers,
// shares as fractions, dates as YYYY-MM-DD; no generation time.
nlohmann::json to_json(const AnnualReport& r);

// The annual report as a document (lib/src/report/annual_document.cpp): title 湖里区“两新”组织
// “1+X”联建片 2026年度工作报告 (district from `o`), sections 一、全年总体情况 … with sentences,
// tables (months × figures, committees, clusters × year figures) and charts (meetings held per
// month, red flags per committee), in o.lang. Every figure is one of `r`'s.
Document annual_document(const AnnualReport& r, const DocOptions& o);

// The keys of its tables and of its sections, in document order (csv --section, --help, man
// page): the same for every year that has begun.
std::span<const std::string_view> annual_table_keys();
std::span<const std::string_view> annual_section_keys();

} // namespace hlpb::report
