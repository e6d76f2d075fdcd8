#include <hlpb/db/database.hpp>
#include <hlpb/db/outcomes_repo.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/report/monthly.hpp>

#include <algorithm>
#include <map>
#include <unordered_map>

namespace hlpb::report {
namespace {

using nlohmann::json;

// Members of each active cluster's orgs at the end of the snapshot's month.
std::unordered_map<std::string, long> cluster_members(const MonthSnapshot& s) {
    std::unordered_map<std::string, long> out;
    for (const auto& o : s.orgs)
        if (s.active_cluster_of(o))
            out[o.cluster] += o.members;
    return out;
}

// The flag of each cluster of a contest: recorded when the month is closed, else computed.
struct Holder {
    std::string org;
    long long points = 0;
    std::string decided_by;
    bool recorded = false;
};

std::map<std::string, Holder> holders(const db::FlagContest& c) {
    std::map<std::string, Holder> out;
    for (const auto& k : c.clusters) {
        if (c.closed) {
            if (k.recorded)
                out[k.cluster] = {k.recorded->org, k.recorded->points, k.recorded->decided_by,
                                  true};
        } else if (k.ranking.has_flag) {
            const auto& w = k.ranking.ranked.front();
            out[k.cluster] = {w.org, w.sums.total(),
                              std::string(rules::decided_by_key(k.ranking.decided_by)), false};
        }
    }
    return out;
}

long long points_of(const db::ClusterContest& k) {
    long long sum = 0;
    for (const auto& c : k.ranking.ranked)
        sum += c.sums.total();
    return sum;
}

std::string name_of(const std::unordered_map<std::string, std::string>& names,
                    const std::string& code) {
    auto it = names.find(code);
    return it == names.end() ? std::string() : it->second;
}

long days_between(const Date& from, const Date& to) {
    return static_cast<long>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

PreviousMonth previous_figures(const MonthSnapshot& s, const db::FlagContest& contest) {
    const rules::Coverage c = rules::coverage(s);
    PreviousMonth p;
    p.month = s.month;
    p.two_new_orgs = c.two_new_orgs;
    p.two_new_members = c.two_new_members;
    p.clustered_orgs = c.clustered_orgs;
    p.active_clusters = c.active_clusters;
    for (const auto& [code, n] : cluster_members(s))
        p.clustered_members += n;
    p.flags = static_cast<long>(holders(contest).size());
    return p;
}

} // namespace

MonthlyReport build_monthly(db::Database& db, Month m, const Date& today) {
    const Month before = previous_month(m);
    MonthlyReport r;
    MonthSnapshot s, prev;
    db::FlagContest contest, prev_contest;
    rules::OutcomeInput outcome_rows;
    {
        db::ReadTx snapshot(db);
        s = db::load_month(db, m, today);
        // The month before: only what the comparison reads (counts, no names or activities).
        prev = db::load_month(db, before, today, db::SnapshotDetail::counts);
        contest = db::load_flag_contest(db, m);
        prev_contest = db::load_flag_contest(db, before);
        outcome_rows = db::outcome_input(db, rules::month_period(m));
        r.flag_history = db::load_flag_history(db, m);
    }

    r.month = m;
    r.first = s.first;
    r.last = s.last;
    r.complete = s.complete;

    std::unordered_map<std::string, std::string> org_names, cluster_names, committee_names,
        org_committee;
    for (const auto& o : s.orgs) {
        org_names.emplace(o.code, o.name);
        org_committee.emplace(o.code, o.committee);
    }
    for (const auto& k : s.clusters)
        cluster_names.emplace(k.code, k.name);
    for (const auto& c : s.committees)
        committee_names.emplace(c.code, c.name);

    // Coverage, with the month before.
    r.coverage.figures = rules::coverage(s);
    const auto members_of = cluster_members(s);
    for (const auto& [code, n] : members_of)
        r.coverage.clustered_members += n;
    for (const auto& k : s.clusters) {
        if (!k.active)
            continue;
        if (k.principle == "geo")
            ++r.coverage.geo_clusters;
        else if (k.principle == "industry")
            ++r.coverage.industry_clusters;
        else if (k.principle == "chain")
            ++r.coverage.chain_clusters;
    }
    r.coverage.previous = previous_figures(prev, prev_contest);

    // Committees.
    std::map<std::string, MonthlyCommittee> committees;
    for (const auto& c : s.committees)
        committees[c.code] = {c.code, c.name, c.kind};
    for (const auto& k : s.clusters)
        if (k.active)
            ++committees[k.committee].clusters;
    for (const auto& o : s.orgs) {
        auto& c = committees[o.committee];
        ++c.orgs;
        c.members += o.members;
        if (s.active_cluster_of(o))
            ++c.clustered_orgs;
        if (o.weak)
            ++c.weak;
        if (!o.has_secretary)
            ++c.without_secretary;
    }
    for (auto& [code, c] : committees) {
        c.code = code;
        r.committees.push_back(std::move(c));
    }

    // Clusters, their meetings, points and flags.
    std::unordered_map<std::string, long> meetings;
    for (const auto& a : s.activities)
        if (a.kind == "secretary_meeting" && !a.cluster.empty() && s.first <= a.date &&
            a.date <= s.last)
            ++meetings[a.cluster];
    std::unordered_map<std::string, const db::ClusterContest*> contests, prev_contests;
    for (const auto& k : contest.clusters)
        contests.emplace(k.cluster, &k);
    for (const auto& k : prev_contest.clusters)
        prev_contests.emplace(k.cluster, &k);
    const auto flags_now = holders(contest);
    const auto flags_before = holders(prev_contest);
    const auto prev_members = cluster_members(prev);
    for (const auto& k : s.clusters) {
        if (!k.active)
            continue;
        MonthlyCluster c;
        c.code = k.code;
        c.name = k.name;
        c.committee = k.committee;
        c.committee_name = name_of(committee_names, k.committee);
        c.principle = k.principle;
        c.established = k.established;
        c.parent = k.parent;
        c.lead = k.lead;
        c.lead_name = name_of(org_names, k.lead);
        c.orgs = k.orgs;
        auto mem = members_of.find(k.code);
        c.members = mem == members_of.end() ? 0 : mem->second;
        auto mt = meetings.find(k.code);
        c.meetings = mt == meetings.end() ? 0 : mt->second;
        if (auto it = contests.find(k.code); it != contests.end())
            c.points = points_of(*it->second);
        if (auto it = flags_now.find(k.code); it != flags_now.end()) {
            c.flag = it->second.org;
            c.flag_name = name_of(org_names, c.flag);
        }
        if (const auto* p = prev.find_cluster(k.code); p != nullptr && p->active) {
            c.orgs_before = p->orgs;
            auto pm = prev_members.find(k.code);
            c.members_before = pm == prev_members.end() ? 0 : pm->second;
            auto pc = prev_contests.find(k.code);
            c.points_before = pc == prev_contests.end() ? 0 : points_of(*pc->second);
        }
        if (auto it = flags_before.find(k.code); it != flags_before.end())
            c.flag_before = it->second.org;
        r.clusters.push_back(std::move(c));
    }

    r.flags_recorded = contest.closed;
    for (const auto& [cluster, h] : flags_now) {
        MonthlyFlag f;
        f.cluster = cluster;
        f.cluster_name = name_of(cluster_names, cluster);
        if (const auto* k = s.find_cluster(cluster))
            f.committee = k->committee;
        f.org = h.org;
        f.org_name = name_of(org_names, h.org);
        f.points = h.points;
        f.decided_by = h.decided_by;
        f.recorded = h.recorded;
        auto b = flags_before.find(cluster);
        f.kept = b != flags_before.end() && b->second.org == h.org;
        r.flags.push_back(std::move(f));
    }
    for (const auto& f : r.flags)
        if (!f.recorded)
            r.flag_history.add(f.committee, m);
    r.clusters_without_flag =
        static_cast<long>(r.clusters.size()) - static_cast<long>(r.flags.size());

    for (auto& row : rules::compliance(s)) {
        MonthlyCompliance c;
        switch (row.scope) {
        case rules::Scope::district:
            break;
        case rules::Scope::committee:
            c.name = name_of(committee_names, row.code);
            break;
        case rules::Scope::cluster:
            c.name = name_of(cluster_names, row.code);
            break;
        case rules::Scope::org:
            c.name = name_of(org_names, row.code);
            break;
        }
        c.org_name = name_of(org_names, row.org);
        c.row = std::move(row);
        r.compliance.push_back(std::move(c));
    }

    r.subsidies = rules::subsidies(s);
    r.outcomes = rules::compute_outcomes(outcome_rows);

    for (const auto& p : outcome_rows.problems) {
        MonthlyProblem mp;
        mp.problem = p;
        mp.org_name = name_of(org_names, p.org);
        mp.committee = name_of(org_committee, p.org);
        const bool open = !p.resolved || *p.resolved > s.last;
        mp.days_open = days_between(p.raised, open ? s.last : *p.resolved);
        if (s.first <= p.raised && p.raised <= s.last)
            r.problems.raised.push_back(mp);
        if (p.resolved && s.first <= *p.resolved && *p.resolved <= s.last)
            r.problems.resolved.push_back(mp);
        if (open)
            r.problems.open.push_back(std::move(mp));
    }
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

json text_or_null(const std::string& s) {
    return s.empty() ? json() : json(s);
}

// Money: integer fen as a CNY number (12345 fen -> 123.45).
json cny(long long fen) {
    return static_cast<double>(fen) / 100.0;
}

json subsidy_line(const rules::SubsidyLine& l) {
    return {{"orgs", l.orgs},
            {"secretaries", l.secretaries},
            {"secretary_total", cny(l.secretary_fen)},
            {"members", l.members},
            {"member_month_total", cny(l.member_month_fen)},
            {"member_year_total", cny(l.member_year_fen)}};
}

json problem_json(const MonthlyProblem& m) {
    const Problem& p = m.problem;
    return {{"id", p.id},
            {"org", p.org},
            {"org_name", text_or_null(m.org_name)},
            {"committee", text_or_null(m.committee)},
            {"category", p.category},
            {"raised", format_date(p.raised)},
            {"text", p.text},
            {"resolved", optional_date(p.resolved)},
            {"resolution", text_or_null(p.resolution)},
            {"activity", optional_value(p.activity)},
            {"days_open", m.days_open}};
}

json problems_json(const std::vector<MonthlyProblem>& items) {
    json a = json::array();
    for (const auto& p : items)
        a.push_back(problem_json(p));
    return a;
}

json outcomes_json(const rules::Outcomes& o) {
    json by_category = json::array();
    for (const auto& t : o.problems_by_category)
        by_category.push_back({{"category", t.category},
                               {"raised", t.raised},
                               {"resolved", t.resolved},
                               {"open", t.open}});
    return {{"from", format_date(o.period.first)},
            {"to", format_date(o.period.last)},
            {"orgs",
             {{"weak_delisted", o.weak_delisted.size()},
              {"weak_delisted_orgs", o.weak_delisted},
              {"weak_now", o.weak_now},
              {"typical_now", o.typical_now},
              {"founded", o.founded.size()},
              {"founded_orgs", o.founded},
              {"secretary_filled", o.secretary_filled.size()},
              {"secretary_filled_orgs", o.secretary_filled}}},
            {"members",
             {{"points_year", o.points_year},
              {"points_members", o.points_members},
              {"points_average", optional_value(o.points_average)},
              {"points_average_before", optional_value(o.points_average_before)},
              {"points_change", optional_value(o.points_change)},
              {"members_honored", o.members_honored},
              {"member_honors", o.member_honors}}},
            {"role",
             {{"volunteer_activities", o.volunteer_activities},
              {"volunteer_participants", o.volunteer_participants},
              {"orgs_honored", o.orgs_honored},
              {"org_honors", o.org_honors},
              {"training_bases", o.training_bases}}},
            {"enterprises",
             {{"receptions", o.receptions},
              {"problems_raised", o.problems_raised},
              {"problems_resolved", o.problems_resolved},
              {"problems_open", o.problems_open},
              {"problems_by_category", by_category}}}};
}

} // namespace

json to_json(const MonthlyReport& r) {
    const rules::Coverage& c = r.coverage.figures;
    const PreviousMonth& p = r.coverage.previous;
    json coverage = {{"two_new_orgs", c.two_new_orgs},
                     {"two_new_members", c.two_new_members},
                     {"district_orgs", optional_value(c.district_orgs)},
                     {"district_members", optional_value(c.district_members)},
                     {"org_share", optional_value(c.org_share)},
                     {"member_share", optional_value(c.member_share)},
                     {"clustered_orgs", c.clustered_orgs},
                     {"clustered_members", r.coverage.clustered_members},
                     {"cluster_coverage", optional_value(c.cluster_coverage)},
                     {"active_clusters", c.active_clusters},
                     {"clusters_by_principle",
                      {{"geo", r.coverage.geo_clusters},
                       {"industry", r.coverage.industry_clusters},
                       {"chain", r.coverage.chain_clusters}}},
                     {"previous",
                      {{"month", format_month(p.month)},
                       {"two_new_orgs", p.two_new_orgs},
                       {"two_new_members", p.two_new_members},
                       {"clustered_orgs", p.clustered_orgs},
                       {"clustered_members", p.clustered_members},
                       {"active_clusters", p.active_clusters},
                       {"flags", p.flags}}}};

    json committees = json::array();
    for (const auto& k : r.committees)
        committees.push_back({{"code", k.code},
                              {"name", k.name},
                              {"kind", k.kind},
                              {"clusters", k.clusters},
                              {"orgs", k.orgs},
                              {"clustered_orgs", k.clustered_orgs},
                              {"members", k.members},
                              {"weak", k.weak},
                              {"without_secretary", k.without_secretary}});

    json clusters = json::array();
    for (const auto& k : r.clusters)
        clusters.push_back({{"code", k.code},
                            {"name", k.name},
                            {"committee", k.committee},
                            {"committee_name", k.committee_name},
                            {"principle", k.principle},
                            {"established", format_date(k.established)},
                            {"parent", text_or_null(k.parent)},
                            {"lead", text_or_null(k.lead)},
                            {"lead_name", text_or_null(k.lead_name)},
                            {"orgs", k.orgs},
                            {"members", k.members},
                            {"meetings", k.meetings},
                            {"points", k.points},
                            {"flag", text_or_null(k.flag)},
                            {"flag_name", text_or_null(k.flag_name)},
                            {"orgs_before", optional_value(k.orgs_before)},
                            {"members_before", optional_value(k.members_before)},
                            {"points_before", optional_value(k.points_before)},
                            {"flag_before", text_or_null(k.flag_before)}});

    // The evidence keys of a compliance row are present only where they apply (a row per org
    // and rule makes this the largest section: 100,000 rows at the benchmark's scale).
    json compliance = json::array();
    for (const auto& m : r.compliance) {
        const rules::ComplianceRow& row = m.row;
        json o = {{"rule", row.rule},
                  {"scope", std::string(rules::scope_key(row.scope))},
                  {"code", text_or_null(row.code)},
                  {"name", text_or_null(m.name)},
                  {"committee", text_or_null(row.committee)},
                  {"cluster", text_or_null(row.cluster)},
                  {"status", std::string(rules::status_key(row.status))},
                  {"period", row.period.key()}};
        if (row.activity) {
            o["activity_id"] = *row.activity;
            o["activity_date"] = optional_date(row.activity_date);
            o["activity_title"] = row.activity_title;
        }
        if (row.deadline)
            o["deadline"] = format_date(*row.deadline);
        if (!row.org.empty()) {
            o["org"] = row.org;
            o["org_name"] = text_or_null(m.org_name);
        }
        if (row.rule == "lead_venue" && !row.org.empty())
            o["venue_m2"] = row.venue_m2;
        if (!row.lacks.empty()) {
            json lacks = json::array();
            for (auto l : row.lacks)
                lacks.push_back(std::string(rules::structure_lack_key(l)));
            o["lacks"] = std::move(lacks);
        }
        compliance.push_back(std::move(o));
    }

    json flags = json::array();
    for (const auto& f : r.flags)
        flags.push_back({{"cluster", f.cluster},
                         {"cluster_name", f.cluster_name},
                         {"committee", f.committee},
                         {"org", f.org},
                         {"org_name", text_or_null(f.org_name)},
                         {"points", f.points},
                         {"decided_by", f.decided_by},
                         {"recorded", f.recorded},
                         {"kept", f.kept}});

    json subsidies = subsidy_line(r.subsidies.total);
    subsidies["secretary_monthly"] = cny(r.subsidies.secretary_monthly_fen);
    subsidies["member_yearly"] = cny(r.subsidies.member_yearly_fen);
    json by_committee = json::array();
    for (const auto& l : r.subsidies.committees) {
        json line = subsidy_line(l);
        line["committee"] = l.committee;
        line["name"] = l.name;
        by_committee.push_back(std::move(line));
    }
    subsidies["committees"] = std::move(by_committee);

    json flag_history = {{"months", json::array()}, {"committees", json::array()}};
    for (const auto& month : r.flag_history.months)
        flag_history["months"].push_back(format_month(month));
    for (const auto& h : r.flag_history.committees)
        flag_history["committees"].push_back(
            {{"committee", h.code}, {"name", h.name}, {"flags", h.flags}});

    return {{"month", format_month(r.month)},
            {"from", format_date(r.first)},
            {"to", format_date(r.last)},
            {"complete", r.complete},
            {"coverage", std::move(coverage)},
            {"committees", std::move(committees)},
            {"clusters", std::move(clusters)},
            {"compliance", std::move(compliance)},
            {"flags_recorded", r.flags_recorded},
            {"clusters_without_flag", r.clusters_without_flag},
            {"flags", std::move(flags)},
            {"subsidies", std::move(subsidies)},
            {"outcomes", outcomes_json(r.outcomes)},
            {"problems",
             {{"raised", problems_json(r.problems.raised)},
              {"resolved", problems_json(r.problems.resolved)},
              {"open", problems_json(r.problems.open)}}},
            {"flag_history", std::move(flag_history)}};
}

json outcomes_to_json(const rules::Outcomes& o) {
    return outcomes_json(o);
}

} // namespace hlpb::report
