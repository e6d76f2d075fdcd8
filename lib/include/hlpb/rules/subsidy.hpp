// Subsidies (SPEC §5.3) for a month: 通讯补贴 for each org in a cluster active at the end of M
// with a current secretary (subsidy.secretary_monthly CNY), and 活动经费 for each member of such
// orgs (subsidy.member_yearly CNY a year; the month accrues a twelfth). Pure: a function of a
// report::MonthSnapshot. Money is integer fen (1 CNY = 100 fen).
#pragma once

#include <string>
#include <vector>

namespace hlpb::report {
struct MonthSnapshot;
}

namespace hlpb::rules {

// "1234.50": fen as CNY with two decimals (negative with a leading '-').
std::string format_cny(long long fen);

// One org, one committee, or the total: the same figures.
struct SubsidyLine {
    std::string org;       // org code (per-org lines only)
    std::string name;      // the org's or committee's name
    std::string committee; // committee code (empty in the total)
    std::string cluster;   // the org's cluster (per-org lines only)
    long orgs = 0;         // orgs counted (1 in a per-org line)
    long secretaries = 0;  // orgs with a current secretary
    long members = 0;
    long long secretary_fen = 0;    // secretaries × secretary_monthly
    long long member_month_fen = 0; // the month's accrual: members × member_yearly / 12
    long long member_year_fen = 0;  // the year's budget: members × member_yearly
};

struct Subsidies {
    long long secretary_monthly_fen = 0; // the rates used
    long long member_yearly_fen = 0;
    std::vector<SubsidyLine> orgs;       // by committee, then org code
    std::vector<SubsidyLine> committees; // by committee code; only those with orgs counted
    SubsidyLine total;
};

// The month's accrual of a line is rounded to the fen per org (half up); a committee's and the
// total's are the sums of their orgs' lines, so the detail adds up to the totals exactly.
Subsidies subsidies(const report::MonthSnapshot& s);

} // namespace hlpb::rules
