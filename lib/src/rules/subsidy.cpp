#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/subsidy.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace hlpb::rules {
namespace {

constexpr long long k_fen_per_cny = 100;
constexpr long long k_months = 12;

// n / 12 rounded half up (n >= 0).
long long twelfth(long long n) {
    return (n * 2 + k_months) / (k_months * 2);
}

void add(SubsidyLine& to, const SubsidyLine& line) {
    to.orgs += line.orgs;
    to.secretaries += line.secretaries;
    to.members += line.members;
    to.secretary_fen += line.secretary_fen;
    to.member_month_fen += line.member_month_fen;
    to.member_year_fen += line.member_year_fen;
}

} // namespace

std::string format_cny(long long fen) {
    const bool negative = fen < 0;
    const unsigned long long a = negative ? 0ULL - static_cast<unsigned long long>(fen)
                                          : static_cast<unsigned long long>(fen);
    return fmt::format("{}{}.{:02}", negative ? "-" : "", a / 100, a % 100);
}

Subsidies subsidies(const report::MonthSnapshot& s) {
    Subsidies out;
    out.secretary_monthly_fen = s.settings.secretary_monthly * k_fen_per_cny;
    out.member_yearly_fen = s.settings.member_yearly * k_fen_per_cny;
    std::map<std::string, SubsidyLine> by_committee;
    for (const auto& o : s.orgs) {
        const auto* k = s.active_cluster_of(o);
        if (!k)
            continue;
        SubsidyLine line;
        line.org = o.code;
        line.name = o.name;
        line.committee = o.committee;
        line.cluster = o.cluster;
        line.orgs = 1;
        line.secretaries = o.has_secretary ? 1 : 0;
        line.members = o.members;
        line.secretary_fen = line.secretaries * out.secretary_monthly_fen;
        line.member_year_fen = line.members * out.member_yearly_fen;
        line.member_month_fen = twelfth(line.member_year_fen);
        SubsidyLine& c = by_committee[o.committee];
        c.committee = o.committee;
        add(c, line);
        add(out.total, line);
        out.orgs.push_back(std::move(line));
    }
    std::stable_sort(out.orgs.begin(), out.orgs.end(),
                     [](const SubsidyLine& a, const SubsidyLine& b) {
                         return std::tie(a.committee, a.org) < std::tie(b.committee, b.org);
                     });
    for (const auto& committee : s.committees) {
        auto it = by_committee.find(committee.code);
        if (it == by_committee.end())
            continue;
        it->second.name = committee.name;
    }
    for (auto& [code, line] : by_committee)
        out.committees.push_back(std::move(line));
    return out;
}

} // namespace hlpb::rules
