#include <hlpb/db/annual_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/outcomes_repo.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/report/annual.hpp>
#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/report/monthly.hpp>

#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace hlpb::report {
namespace {

using nlohmann::json;
using std::chrono::December;
using std::chrono::January;
using std::chrono::June;

// What the year adds up per cluster besides AnnualCluster's own fields.
struct ClusterYear {
    AnnualCluster c;
    std::map<std::string, long> holders; // org code → months it held the flag
    std::map<std::string, std::string> holder_names;
};

// The flag holders of month `m` by cluster code: the recorded flags when the month is closed,
// else the contest's winners (as the monthly report), of the clusters active at its end.
std::map<std::string, std::string> holders_of(const MonthSnapshot& s, const db::YearAwards& awards,
                                              const db::FlagContest* contest) {
    std::map<std::string, std::string> out;
    if (awards.closed.contains(format_month(s.month))) {
        for (const auto& a : awards.awards)
            if (a.month == s.month)
                if (const auto* k = s.find_cluster(a.cluster); k != nullptr && k->active)
                    out[a.cluster] = a.org;
    } else if (contest != nullptr) {
        for (const auto& k : contest->clusters)
            if (k.ranking.has_flag)
                out[k.cluster] = k.ranking.ranked.front().org;
    }
    return out;
}

// The outcome rows of the year that period `p` (a month of it) reads, as db::outcome_input would
// gather them for `p` alone: compute_outcomes then does no work for the rest of the year.
rules::OutcomeInput rows_of(const rules::OutcomeInput& year, const rules::OutcomePeriod& p) {
    rules::OutcomeInput in;
    in.period = p;
    in.points = year.points;
    in.points_before = year.points_before;
    auto reaches = [&](const Span& s) { return s.from <= p.last && (!s.to || *s.to >= p.first); };
    auto within = [&](const Date& d) { return p.first <= d && d <= p.last; };
    std::unordered_set<std::string_view> named; // orgs the flag and secretary rows name
    for (const auto& f : year.flags)
        if (reaches(f.span)) {
            in.flags.push_back(f);
            named.insert(f.org);
        }
    // Secretary terms matter only to orgs with a term beginning in p (secretary_filled).
    std::unordered_set<std::string_view> starting;
    for (const auto& t : year.secretaries)
        if (within(t.span.from))
            starting.insert(t.org);
    for (const auto& t : year.secretaries)
        if (starting.contains(t.org) && reaches(t.span)) {
            in.secretaries.push_back(t);
            named.insert(t.org);
        }
    for (const auto& o : year.orgs) // not closed before p (as outcome_input reads them)
        if ((!o.closed || *o.closed >= p.first) &&
            (named.contains(o.code) || (o.founded && within(*o.founded))))
            in.orgs.push_back(o);
    for (const auto& h : year.member_honors)
        if (within(h.date))
            in.member_honors.push_back(h);
    for (const auto& h : year.org_honors)
        if (within(h.date))
            in.org_honors.push_back(h);
    for (const auto& a : year.activities)
        if (within(a.date))
            in.activities.push_back(a);
    for (const auto& pr : year.problems)
        if (pr.raised <= p.last && (!pr.resolved || *pr.resolved >= p.first))
            in.problems.push_back(pr);
    return in;
}

bool is_last_of_half(const Month& m, const Month& last) {
    return m == last || m.month() == June;
}

} // namespace

AnnualReport build_annual(db::Database& db, int year, const Date& today) {
    AnnualReport r;
    r.year = year;
    const std::chrono::year y{year};
    r.first = first_day(y / January);
    r.last = r.first;
    r.complete = today > last_day(y / December);
    const Month now = month_of(today);
    if (now < y / January) {
        r.outcomes = db::outcomes(db, rules::year_period(year));
        return r;
    }
    const Month last = std::min(now, y / December);
    r.last = last_day(last);

    std::optional<db::YearSnapshots> year_rows;
    db::YearAwards awards;
    std::map<unsigned, db::FlagContest> contests; // months not closed, by month number
    rules::OutcomeInput outcome_rows;
    {
        db::ReadTx snapshot(db);
        outcome_rows = db::outcome_input(db, rules::year_period(year));
        year_rows.emplace(db, last, today);
        awards = db::year_awards(db, year);
        for (Month m = y / January; m <= last; m += std::chrono::months{1})
            if (!awards.closed.contains(format_month(m)))
                contests.emplace(static_cast<unsigned>(m.month()), db::load_flag_contest(db, m));
    }

    std::map<std::string, AnnualCommittee> committees;
    std::map<std::string, ClusterYear> clusters;
    const std::size_t n_months = static_cast<unsigned>(last.month());

    for (Month m = y / January; m <= last; m += std::chrono::months{1}) {
        const std::size_t i = static_cast<unsigned>(m.month()) - 1;
        const MonthSnapshot& s = year_rows->month(m);
        AnnualMonth am;
        am.month = m;
        am.last = s.last;
        am.complete = s.complete;
        am.coverage = rules::coverage(s);

        std::map<std::string, AnnualCommitteeMonth> by_committee;
        for (const auto& c : s.committees) {
            by_committee[c.code].committee = c.code;
            auto& k = committees[c.code];
            k.code = c.code;
            k.name = c.name;
            k.kind = c.kind;
        }
        std::unordered_map<std::string, long> members_of; // members by active cluster
        for (const auto& o : s.orgs) {
            if (s.active_cluster_of(o)) {
                am.clustered_members += o.members;
                members_of[o.cluster] += o.members;
            }
        }
        std::unordered_map<std::string, long> meetings; // secretary meetings in M by cluster
        for (const auto& a : s.activities)
            if (a.kind == "secretary_meeting" && !a.cluster.empty() && s.first <= a.date &&
                a.date <= s.last)
                ++meetings[a.cluster];

        auto contest = contests.find(static_cast<unsigned>(m.month()));
        const auto holders =
            holders_of(s, awards, contest == contests.end() ? nullptr : &contest->second);
        am.flags_recorded = awards.closed.contains(format_month(m));
        am.flags = static_cast<long>(holders.size());

        for (const auto& k : s.clusters) {
            if (!k.active) {
                if (auto it = clusters.find(k.code); it != clusters.end() && k.dissolved)
                    it->second.c.dissolved = k.dissolved;
                continue;
            }
            ++by_committee[k.committee].clusters;
            auto& cy = clusters[k.code];
            AnnualCluster& c = cy.c;
            c.code = k.code;
            c.name = k.name;
            c.committee = k.committee;
            c.principle = k.principle;
            c.established = k.established;
            c.lead = k.lead;
            const auto* lead = k.lead.empty() ? nullptr : s.find_org(k.lead);
            c.lead_name = lead ? lead->name : std::string();
            c.orgs = k.orgs;
            auto mem = members_of.find(k.code);
            c.members = mem == members_of.end() ? 0 : mem->second;
            auto mt = meetings.find(k.code);
            const long held = mt == meetings.end() ? 0 : mt->second;
            c.meetings += held;
            am.meetings += held;
            c.meeting_status.resize(n_months);
            if (auto h = holders.find(k.code); h != holders.end()) {
                ++c.flags;
                ++cy.holders[h->second];
                if (const auto* o = s.find_org(h->second))
                    cy.holder_names[h->second] = o->name;
                ++by_committee[k.committee].flags;
            }
        }
        am.clusters_without_flag = am.coverage.active_clusters - am.flags;

        for (const auto& row : rules::compliance(s)) {
            if (row.rule == "secretary_meeting_monthly") {
                auto& bc = by_committee[row.committee];
                ++am.meetings_required;
                ++bc.meetings_required;
                if (row.status == rules::Status::done) {
                    ++am.meetings_held;
                    ++bc.meetings_held;
                } else if (row.status == rules::Status::missed) {
                    ++am.meetings_missed;
                }
                auto& c = clusters[row.code].c;
                c.meeting_status[i] = row.status;
                ++c.months_subject;
                if (row.status == rules::Status::done)
                    ++c.meetings_held;
            } else if (row.rule == "theme_day_half_year" && is_last_of_half(m, last)) {
                auto& c = clusters[row.code].c;
                (m.month() <= June ? c.theme_day_h1 : c.theme_day_h2) = row.status;
            } else if (m == last && row.rule == "review_yearly") {
                auto& c = clusters[row.code].c;
                c.review = row.status;
                c.review_date = row.activity_date;
            } else if (m == last && row.rule == "work_meeting_yearly") {
                auto& k = committees[row.code];
                k.work_meeting = row.status;
                k.work_meeting_date = row.activity_date;
            } else if (m == last && row.rule == "training_yearly") {
                r.training = row.status;
                r.training_date = row.activity_date;
            }
        }

        const rules::Subsidies sub = rules::subsidies(s);
        am.subsidies = sub.total;
        r.secretary_fen += sub.total.secretary_fen;
        r.member_fen += sub.total.member_month_fen;
        for (const auto& l : sub.committees) {
            auto& k = committees[l.committee];
            k.secretary_fen += l.secretary_fen;
            k.member_fen += l.member_month_fen;
        }

        am.outcomes = rules::compute_outcomes(rows_of(outcome_rows, rules::month_period(m)));

        for (auto& [code, bc] : by_committee) {
            auto& k = committees[code];
            k.meetings_required += bc.meetings_required;
            k.meetings_held += bc.meetings_held;
            k.flags += bc.flags;
            am.committees.push_back(std::move(bc));
        }

        if (m == last) { // the committees at the end of the last month
            for (const auto& k : s.clusters)
                if (k.active)
                    ++committees[k.committee].clusters;
            for (const auto& o : s.orgs) {
                auto& k = committees[o.committee];
                ++k.orgs;
                k.members += o.members;
            }
        }
        r.months.push_back(std::move(am));
    }

    for (auto& [code, cy] : clusters) {
        AnnualCluster& c = cy.c;
        if (auto k = committees.find(c.committee); k != committees.end())
            c.committee_name = k->second.name;
        for (const auto& [org, times] : cy.holders) // by code: the smaller code wins a tie
            if (times > c.top_holder_flags) {
                c.top_holder = org;
                c.top_holder_flags = times;
            }
        if (auto it = cy.holder_names.find(c.top_holder); it != cy.holder_names.end())
            c.top_holder_name = it->second;
        for (const auto& h : {c.theme_day_h1, c.theme_day_h2})
            if (h) {
                ++c.theme_days_required;
                if (*h == rules::Status::done)
                    ++c.theme_days_held;
            }
        r.clusters.push_back(std::move(c));
    }

    for (auto& [code, k] : committees)
        r.committees.push_back(std::move(k));
    outcome_rows.period = rules::year_period(year);
    r.outcomes = rules::compute_outcomes(outcome_rows);
    return r;
}

namespace {

json optional_value(const std::optional<double>& v) {
    return v ? json(*v) : json();
}

template <class T> json optional_value(const std::optional<T>& v) {
    return v ? json(*v) : json();
}

json optional_date(const std::optional<Date>& d) {
    return d ? json(format_date(*d)) : json();
}

json optional_status(const std::optional<rules::Status>& s) {
    return s ? json(std::string(rules::status_key(*s))) : json();
}

json text_or_null(const std::string& s) {
    return s.empty() ? json() : json(s);
}

// Money: integer fen as a CNY number (12345 fen -> 123.45).
json cny(long long fen) {
    return static_cast<double>(fen) / 100.0;
}

json month_json(const AnnualMonth& m) {
    const rules::Coverage& c = m.coverage;
    json committees = json::array();
    for (const auto& k : m.committees)
        committees.push_back({{"committee", k.committee},
                              {"clusters", k.clusters},
                              {"meetings_required", k.meetings_required},
                              {"meetings_held", k.meetings_held},
                              {"flags", k.flags}});
    const rules::SubsidyLine& s = m.subsidies;
    return {{"month", format_month(m.month)},
            {"to", format_date(m.last)},
            {"complete", m.complete},
            {"coverage",
             {{"two_new_orgs", c.two_new_orgs},
              {"two_new_members", c.two_new_members},
              {"district_orgs", optional_value(c.district_orgs)},
              {"district_members", optional_value(c.district_members)},
              {"org_share", optional_value(c.org_share)},
              {"member_share", optional_value(c.member_share)},
              {"clustered_orgs", c.clustered_orgs},
              {"clustered_members", m.clustered_members},
              {"cluster_coverage", optional_value(c.cluster_coverage)},
              {"active_clusters", c.active_clusters}}},
            {"meetings_required", m.meetings_required},
            {"meetings_held", m.meetings_held},
            {"meetings_missed", m.meetings_missed},
            {"meetings", m.meetings},
            {"flags", m.flags},
            {"clusters_without_flag", m.clusters_without_flag},
            {"flags_recorded", m.flags_recorded},
            {"subsidies",
             {{"orgs", s.orgs},
              {"secretaries", s.secretaries},
              {"secretary_total", cny(s.secretary_fen)},
              {"members", s.members},
              {"member_month_total", cny(s.member_month_fen)},
              {"member_year_total", cny(s.member_year_fen)}}},
            {"outcomes", outcomes_to_json(m.outcomes)},
            {"committees", std::move(committees)}};
}

} // namespace

json to_json(const AnnualReport& r) {
    json months = json::array();
    for (const auto& m : r.months)
        months.push_back(month_json(m));

    json committees = json::array();
    for (const auto& k : r.committees)
        committees.push_back({{"code", k.code},
                              {"name", k.name},
                              {"kind", k.kind},
                              {"clusters", k.clusters},
                              {"orgs", k.orgs},
                              {"members", k.members},
                              {"meetings_required", k.meetings_required},
                              {"meetings_held", k.meetings_held},
                              {"flags", k.flags},
                              {"work_meeting", optional_status(k.work_meeting)},
                              {"work_meeting_date", optional_date(k.work_meeting_date)},
                              {"secretary_total", cny(k.secretary_fen)},
                              {"member_total", cny(k.member_fen)}});

    json clusters = json::array();
    for (const auto& c : r.clusters) {
        json by_month = json::array();
        for (const auto& s : c.meeting_status)
            by_month.push_back(optional_status(s));
        clusters.push_back({{"code", c.code},
                            {"name", c.name},
                            {"committee", c.committee},
                            {"committee_name", c.committee_name},
                            {"principle", c.principle},
                            {"established", format_date(c.established)},
                            {"dissolved", optional_date(c.dissolved)},
                            {"lead", text_or_null(c.lead)},
                            {"lead_name", text_or_null(c.lead_name)},
                            {"orgs", c.orgs},
                            {"members", c.members},
                            {"months_subject", c.months_subject},
                            {"meetings_held", c.meetings_held},
                            {"meetings", c.meetings},
                            {"meetings_by_month", std::move(by_month)},
                            {"theme_day_h1", optional_status(c.theme_day_h1)},
                            {"theme_day_h2", optional_status(c.theme_day_h2)},
                            {"theme_days_required", c.theme_days_required},
                            {"theme_days_held", c.theme_days_held},
                            {"review", optional_status(c.review)},
                            {"review_date", optional_date(c.review_date)},
                            {"flags", c.flags},
                            {"top_holder", text_or_null(c.top_holder)},
                            {"top_holder_name", text_or_null(c.top_holder_name)},
                            {"top_holder_flags", c.top_holder_flags}});
    }

    return {{"year", r.year},
            {"from", format_date(r.first)},
            {"to", format_date(r.last)},
            {"complete", r.complete},
            {"months", std::move(months)},
            {"committees", std::move(committees)},
            {"clusters", std::move(clusters)},
            {"training", optional_status(r.training)},
            {"training_date", optional_date(r.training_date)},
            {"subsidies",
             {{"secretary_total", cny(r.secretary_fen)},
              {"member_total", cny(r.member_fen)},
              {"total", cny(r.secretary_fen + r.member_fen)}}},
            {"outcomes", outcomes_to_json(r.outcomes)}};
}

} // namespace hlpb::report
