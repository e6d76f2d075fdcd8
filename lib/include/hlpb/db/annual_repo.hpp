// The months of one year as db::load_month sees them, from one set-based load of the year (for
// the annual report: twelve load_month calls read the member table twelve times).
#pragma once

#include <hlpb/date.hpp>
#include <hlpb/model.hpp>
#include <hlpb/report/month_snapshot.hpp>

#include <memory>
#include <set>
#include <vector>

namespace hlpb::db {

class Database;

// Loads, in a handful of queries, every row that a month-end of January..`last` (a month of
// one year) can read: clusters and orgs with their dated fields, memberships, leads, flags,
// members and secretaries, the activities of the year up to the end of `last`, the settings.
// Then month(m) makes the snapshot of each month from those rows alone, equal to
// db::load_month(db, m, today) (SnapshotDetail::full). Hold a db::ReadTx around the constructor.
class YearSnapshots {
public:
    YearSnapshots(Database& db, Month last, const Date& today);
    ~YearSnapshots();
    YearSnapshots(const YearSnapshots&) = delete;
    YearSnapshots& operator=(const YearSnapshots&) = delete;

    // The snapshot of month `m` (January..last of the year). Months are asked in increasing
    // order (the activities are appended); the reference stays valid until the next call.
    const report::MonthSnapshot& month(Month m);

private:
    struct Rows;
    std::unique_ptr<Rows> m_rows;
    report::MonthSnapshot m_snapshot;
    std::size_t m_activities = 0; // of m_rows' activities, how many m_snapshot holds
};

// The closed months (score award) of `year` as YYYY-MM, and the flags recorded for them, by
// month, then cluster code.
struct YearAwards {
    std::set<std::string> closed;
    std::vector<FlagAward> awards;
};
YearAwards year_awards(Database& db, int year);

} // namespace hlpb::db
