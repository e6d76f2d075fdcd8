#include <hlpb/db/database.hpp>
#include <hlpb/db/flag_history_repo.hpp>
#include <hlpb/db/outcomes_repo.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/report/monthly.hpp>

#include "db/snapshot_pair.hpp"

#include <algorithm>
#include <future>
#include <map>
#include <string_view>
#include <system_error>
#include <unordered_map>

namespace hlpb::report {
namespace {

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

// Names and committees by code, viewing the snapshot's strings (64,100 orgs: no copies).
using Names = std::unordered_map<std::string_view, std::string_view>;

std::string name_of(const Names& names, const std::string& code) {
    auto it = names.find(code);
    return it == names.end() ? std::string() : std::string(it->second);
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

// What build_monthly reads besides the two months' snapshots: independent of them, so it is read
// on a second connection and core when there is one.
struct SideLoad {
    db::FlagContest contest, prev_contest;
    db::FlagHistory flag_history;
    rules::OutcomeInput outcome_rows;
    rules::Outcomes outcomes;
};

SideLoad side_load(db::Database& db, Month m) {
    SideLoad out;
    out.contest = db::load_flag_contest(db, m);
    out.prev_contest = db::load_flag_contest(db, previous_month(m));
    out.flag_history = db::load_flag_history(db, m);
    out.outcome_rows = db::outcome_input(db, rules::month_period(m));
    out.outcomes = rules::compute_outcomes(out.outcome_rows);
    return out;
}

} // namespace

MonthlyReport build_monthly(db::Database& db, Month m, const Date& today) {
    MonthlyReport r;
    MonthSnapshot s, prev;
    SideLoad side;
    {
        // Two connections on one state when the file allows it: the snapshots on this thread,
        // the rest on another (about 40 % of the work at scale 100, and
        // the two halves take about as long), else all of it here.
        db::detail::SnapshotPair snapshot(db);
        std::future<SideLoad> other;
        if (db::Database* second = snapshot.second()) {
            try {
                other =
                    std::async(std::launch::async, [second, m] { return side_load(*second, m); });
            } catch (const std::system_error&) { // no thread to be had: read it here
            }
        }
        // The month before: only what the comparison reads (counts, no names or activities).
        auto months = db::load_month_and_before(db, m, today);
        s = std::move(months.month);
        prev = std::move(months.before);
        side = other.valid() ? other.get() : side_load(db, m);
        r.flag_history = std::move(side.flag_history);
    }
    db::FlagContest& contest = side.contest;
    db::FlagContest& prev_contest = side.prev_contest;
    rules::OutcomeInput& outcome_rows = side.outcome_rows;

    r.month = m;
    r.first = s.first;
    r.last = s.last;
    r.complete = s.complete;

    Names org_names, cluster_names, committee_names, org_committee;
    org_names.reserve(s.orgs.size());
    org_committee.reserve(s.orgs.size());
    for (const auto& o : s.orgs) {
        org_names.emplace(o.code, o.name);
        org_committee.emplace(o.code, o.committee);
    }
    for (const auto& k : s.clusters)
        cluster_names.emplace(k.code, k.name);
    for (const auto& c : s.committees)
        committee_names.emplace(c.code, c.name);

    // The compliance rows (100,000 at scale 100, the names looked up only where there is a
    // code) on another thread while this one builds the rest: both only read the snapshot and
    // the name maps, which no longer change.
    auto compliance_rows = [&s, &org_names, &cluster_names, &committee_names] {
        std::vector<MonthlyCompliance> out;
        auto compliance = rules::compliance(s);
        out.reserve(compliance.size());
        for (auto& row : compliance) {
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
            if (!row.org.empty())
                c.org_name = name_of(org_names, row.org);
            c.row = std::move(row);
            out.push_back(std::move(c));
        }
        return out;
    };
    std::future<std::vector<MonthlyCompliance>> compliance_later;
    try {
        compliance_later = std::async(std::launch::async, compliance_rows);
    } catch (const std::system_error&) { // no thread to be had: made here, below
    }

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

    r.compliance = compliance_later.valid() ? compliance_later.get() : compliance_rows();

    r.subsidies = rules::subsidies(s);
    r.outcomes = std::move(side.outcomes);

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

} // namespace hlpb::report
