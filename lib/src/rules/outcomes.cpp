#include <hlpb/rules/outcomes.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

namespace hlpb::rules {
namespace {

constexpr vocab::Term k_groups[] = {
    {"orgs", "组织有巩固", "Organisations consolidated"},
    {"members", "党员有提升", "Members improved"},
    {"role", "作用有发挥", "Role played"},
    {"enterprises", "企业有发展", "Enterprises developed"},
};

constexpr vocab::Term k_measures[] = {
    {"weak_delisted", "软弱涣散摘帽", "Weak orgs delisted"},
    {"weak_now", "现有软弱涣散", "Weak orgs now"},
    {"typical_now", "典型党组织", "Model orgs now"},
    {"founded", "新建党组织", "Orgs founded"},
    {"secretary_filled", "补齐书记", "Secretaries filled"},
    {"points_year", "积分年度", "Points year"},
    {"points_members", "有积分党员", "Members with points"},
    {"points_average", "党建e家人均积分", "Average points per member"},
    {"points_average_before", "上年人均积分", "Average points, year before"},
    {"points_change", "较上年", "Change on the year before"},
    {"members_honored", "表彰党员", "Members honoured"},
    {"volunteer_activities", "志愿服务场次", "Volunteer activities"},
    {"volunteer_participants", "志愿服务人次", "Volunteer participants"},
    {"orgs_honored", "表彰党组织", "Orgs honoured"},
    {"training_bases", "实训基地", "Training bases"},
    {"receptions", "部长会客厅场次", "Minister's receptions"},
    {"problems_raised", "收集问题", "Problems raised"},
    {"problems_resolved", "解决问题", "Problems resolved"},
    {"problems_open", "未解决问题", "Problems open"},
};

bool within(const Date& d, const OutcomePeriod& p) {
    return p.first <= d && d <= p.last;
}

bool open_on(const OutcomeInput::OrgDates* org, const Date& d) {
    return org == nullptr || !org->closed || d < *org->closed;
}

std::optional<double> average(const OutcomeInput::YearPoints& p) {
    if (p.members == 0)
        return std::nullopt;
    return std::round(static_cast<double>(p.total) * 100.0 / static_cast<double>(p.members)) /
           100.0;
}

std::vector<std::string> sorted(const std::set<std::string>& codes) {
    return {codes.begin(), codes.end()};
}

} // namespace

OutcomePeriod month_period(const Month& m) {
    return {first_day(m), last_day(m)};
}

OutcomePeriod year_period(int year) {
    const std::chrono::year y{year};
    return {Date{y, std::chrono::January, std::chrono::day{1}},
            Date{y, std::chrono::December, std::chrono::day{31}}};
}

std::span<const vocab::Term> outcome_measures() {
    return k_measures;
}

std::span<const vocab::Term> outcome_groups() {
    return k_groups;
}

Outcomes compute_outcomes(const OutcomeInput& in) {
    const OutcomePeriod& p = in.period;
    Outcomes out;
    out.period = p;

    std::unordered_map<std::string, const OutcomeInput::OrgDates*> orgs;
    for (const auto& o : in.orgs)
        orgs.emplace(o.code, &o);
    auto org = [&](const std::string& code) -> const OutcomeInput::OrgDates* {
        auto it = orgs.find(code);
        return it == orgs.end() ? nullptr : it->second;
    };

    // Flags: states on the last day, and weak terms that ended in the period.
    std::set<std::string> weak_at_end, typical_at_end, bases_at_end, weak_ended;
    for (const auto& f : in.flags) {
        if (f.span.contains(p.last) && open_on(org(f.org), p.last)) {
            if (f.flag == "weak")
                weak_at_end.insert(f.org);
            else if (f.flag == "typical")
                typical_at_end.insert(f.org);
            else if (f.flag == "training_base")
                bases_at_end.insert(f.org);
        }
        // Ended on D: an org closed on D had its flags ended by the closing, not delisted.
        if (f.flag == "weak" && f.span.to && within(*f.span.to, p) &&
            open_on(org(f.org), *f.span.to))
            weak_ended.insert(f.org);
    }
    std::set<std::string> delisted;
    for (const auto& code : weak_ended)
        if (!weak_at_end.contains(code))
            delisted.insert(code);
    out.weak_delisted = sorted(delisted);
    out.weak_now = static_cast<long long>(weak_at_end.size());
    out.typical_now = static_cast<long long>(typical_at_end.size());
    out.training_bases = static_cast<long long>(bases_at_end.size());

    std::set<std::string> founded;
    for (const auto& o : in.orgs)
        if (o.founded && within(*o.founded, p))
            founded.insert(o.code);
    out.founded = sorted(founded);

    // A term that began on D in the period fills a vacancy when no term of the org held D - 1.
    std::unordered_map<std::string, std::vector<const Span*>> terms_of;
    for (const auto& t : in.secretaries)
        terms_of[t.org].push_back(&t.span);
    std::set<std::string> filled;
    for (const auto& t : in.secretaries) {
        if (!within(t.span.from, p) || filled.contains(t.org))
            continue;
        const Date before = add_days(t.span.from, -1);
        const auto* o = org(t.org);
        if (o != nullptr && o->founded && *o->founded > before)
            continue; // a new org's first secretary: founded, not filled
        const auto& terms = terms_of[t.org];
        const bool held = std::any_of(terms.begin(), terms.end(),
                                      [&](const Span* s) { return s->contains(before); });
        if (!held)
            filled.insert(t.org);
    }
    out.secretary_filled = sorted(filled);

    out.points_year = static_cast<int>(p.last.year());
    out.points_members = in.points.members;
    out.points_total = in.points.total;
    out.points_average = average(in.points);
    out.points_average_before = average(in.points_before);
    if (out.points_average && out.points_average_before)
        out.points_change =
            std::round((*out.points_average - *out.points_average_before) * 100.0) / 100.0;

    std::set<long long> honored_members;
    for (const auto& h : in.member_honors) {
        if (!within(h.date, p))
            continue;
        ++out.member_honors;
        honored_members.insert(h.member);
    }
    out.members_honored = static_cast<long long>(honored_members.size());

    std::set<std::string> honored_orgs;
    for (const auto& h : in.org_honors) {
        if (!within(h.date, p))
            continue;
        ++out.org_honors;
        honored_orgs.insert(h.org);
    }
    out.orgs_honored = static_cast<long long>(honored_orgs.size());

    for (const auto& a : in.activities) {
        if (!within(a.date, p))
            continue;
        if (a.kind == "volunteer") {
            ++out.volunteer_activities;
            out.volunteer_participants += a.participants;
        } else if (a.kind == "reception") {
            ++out.receptions;
        }
    }

    std::map<std::string, ProblemTally> tally;
    for (const auto& c : vocab::problem_categories())
        tally[c.key].category = c.key;
    for (const auto& pr : in.problems) {
        ProblemTally& t = tally[pr.category];
        t.category = pr.category;
        if (within(pr.raised, p))
            ++t.raised;
        if (pr.resolved && within(*pr.resolved, p))
            ++t.resolved;
        if (pr.raised <= p.last && (!pr.resolved || *pr.resolved > p.last))
            ++t.open;
    }
    for (const auto& c : vocab::problem_categories()) {
        out.problems_by_category.push_back(tally[c.key]);
        tally.erase(c.key);
    }
    for (auto& [key, t] : tally) // a category outside the vocabulary (none in a checked file)
        out.problems_by_category.push_back(t);
    for (const auto& t : out.problems_by_category) {
        out.problems_raised += t.raised;
        out.problems_resolved += t.resolved;
        out.problems_open += t.open;
    }
    return out;
}

} // namespace hlpb::rules
