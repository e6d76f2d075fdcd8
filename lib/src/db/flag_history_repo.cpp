#include <hlpb/db/database.hpp>
#include <hlpb/db/flag_history_repo.hpp>

#include <SQLiteCpp/Column.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <map>

namespace hlpb::db {
namespace {

constexpr const char* k_committees = "SELECT code, name FROM committee ORDER BY code";
// Months are stored as YYYY-MM, so a text range selects them (flag_award's key begins with month).
constexpr const char* k_flags_by_month =
    "SELECT f.month, c.code, count(*) FROM flag_award f "
    "JOIN cluster k ON k.id = f.cluster_id JOIN committee c ON c.id = k.committee_id "
    "WHERE f.month BETWEEN ? AND ? GROUP BY f.month, c.code ORDER BY f.month, c.code";

} // namespace

void FlagHistory::add(const std::string& committee, const Month& month) {
    auto m = std::find(months.begin(), months.end(), month);
    if (m == months.end())
        return;
    for (auto& c : committees)
        if (c.code == committee)
            ++c.flags[static_cast<std::size_t>(m - months.begin())];
}

FlagHistory load_flag_history(Database& db, const Month& m) {
    FlagHistory out;
    Month first = m;
    for (int i = 0; i < 11; ++i)
        first = previous_month(first);
    for (Month k = first; out.months.size() < 12; k += std::chrono::months{1})
        out.months.push_back(k);

    std::map<std::string, std::size_t> index;
    {
        auto st = db.cached(k_committees);
        while (st->executeStep()) {
            index.emplace(st->getColumn(0).getString(), out.committees.size());
            out.committees.push_back({st->getColumn(0).getString(), st->getColumn(1).getString(),
                                      std::vector<long>(out.months.size(), 0)});
        }
    }
    std::map<std::string, std::size_t> month_index;
    for (std::size_t i = 0; i < out.months.size(); ++i)
        month_index.emplace(format_month(out.months[i]), i);
    auto st = db.cached(k_flags_by_month);
    st->bind(1, format_month(first));
    st->bind(2, format_month(m));
    while (st->executeStep()) {
        auto mi = month_index.find(st->getColumn(0).getString());
        auto ci = index.find(st->getColumn(1).getString());
        if (mi != month_index.end() && ci != index.end())
            out.committees[ci->second].flags[mi->second] = st->getColumn(2).getInt();
    }
    return out;
}

} // namespace hlpb::db
