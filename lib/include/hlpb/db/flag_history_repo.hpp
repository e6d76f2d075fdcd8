// The red flags (流动红旗) of each committee month by month, for the monthly report's chart of
// the last twelve months: one set-based read of flag_award.
#pragma once

#include <hlpb/date.hpp>

#include <string>
#include <vector>

namespace hlpb::db {

class Database;

struct FlagHistory {
    std::vector<Month> months; // the twelve months ending M, oldest first
    struct Committee {
        std::string code;
        std::string name;
        std::vector<long> flags; // one count per month of `months`
    };
    std::vector<Committee> committees; // every committee, by code

    // Counts one more flag of `committee` in `month` (nothing when either is not in the history).
    void add(const std::string& committee, const Month& month);
};

// The flags recorded (score award) in the twelve months ending `m`, per committee: two queries,
// whatever the number of committees. A month not closed counts none.
FlagHistory load_flag_history(Database& db, const Month& m);

} // namespace hlpb::db
