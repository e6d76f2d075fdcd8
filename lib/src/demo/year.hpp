// The demo district's work in the twelve full months before as_of (SPEC §5, §7): activities of
// every kind, 部长会客厅 problems, monthly points of every clustered org and the red flags of
// every closed month, planned copy by copy from the written District.
#pragma once

#include "demo/district.hpp"

#include <string>

namespace SQLite {
class Database;
}

namespace hlpb::demo {

struct YearCounts {
    std::string first_month; // YYYY-MM
    std::string last_month;
    long activities = 0;
    long problems = 0;
    long score_entries = 0;
    long flags = 0;        // flag_award rows
    int closed_months = 0; // score_month rows: the twelve full months before as_of
};

// Inserts, in the caller's transaction (these tables empty), for each copy of a District already
// written by write_district:
// - per cluster, while it is active: a 书记例会 most months (some missed), a 联建片主题党日 most
//   half years, 志愿服务 (400+ a year) and, in the days of as_of's month before it, that month's
//   meetings so far; the orgs involved are the cluster's members on the day;
// - per committee: a 联建工作会议 each year and a 年度讲评 each December naming its clusters
//   (the current year's not held yet when as_of is before it); one district 牵头书记培训班 a
//   year; a few 党建沙龙 and 观摩会;
// - 24 部长会客厅 raising 84+ problems (用工, 人才, 税务, 子女入学, other), most resolved;
// - score entries for every org in a cluster on any day of each of the twelve months, the months
//   closed, and each cluster's red flag by rules::rank_flag (with ties decided by a tie-break).
// A yearly or half-yearly activity whose period began before the twelve months is held inside
// them. Each copy draws from its own random stream, so copy 1 is the same at every scale.
YearCounts build_year(SQLite::Database& db, const District& district);

} // namespace hlpb::demo
