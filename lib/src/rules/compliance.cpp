#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/compliance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace hlpb::rules {
namespace {

using std::chrono::December;
using std::chrono::January;
using std::chrono::July;
using std::chrono::June;

// A cluster is subject for `p` when established on or before its first day and active at the
// end of the report month.
bool subject(const report::SnapshotCluster& k, const Period& p) {
    return k.active && k.established <= p.first;
}

// The first activity (by date, then id) in [p.first, s.last] that `fits`.
const Activity* first_in(const report::MonthSnapshot& s, const Period& p,
                         const std::function<bool(const Activity&)>& fits) {
    for (const auto& a : s.activities)
        if (a.date >= p.first && a.date <= s.last && fits(a))
            return &a;
    return nullptr;
}

// done / missed / due of an activity rule, with its evidence.
void settle(ComplianceRow& row, const report::MonthSnapshot& s, const Activity* a) {
    if (a) {
        row.status = Status::done;
        row.activity = a->id;
        row.activity_date = a->date;
        row.activity_title = a->title;
        return;
    }
    // A period that has not ended yet (it ends after M, or M itself is not over) is still due.
    row.status = row.period.last <= s.last && s.complete ? Status::missed : Status::due;
    row.deadline = row.period.last;
}

bool names(const Activity& a, const std::string& cluster) {
    if (a.cluster == cluster)
        return true;
    return std::find(a.clusters.begin(), a.clusters.end(), cluster) != a.clusters.end();
}

ComplianceRow cluster_row(std::string_view rule, const report::SnapshotCluster& k,
                          const Period& p) {
    ComplianceRow row;
    row.rule = rule;
    row.scope = Scope::cluster;
    row.code = k.code;
    row.committee = k.committee;
    row.cluster = k.code;
    row.period = p;
    return row;
}

// A state rule: done when `ok`, else missed by the end of the month.
void settle_state(ComplianceRow& row, bool ok) {
    row.status = ok ? Status::done : Status::missed;
    if (!ok)
        row.deadline = row.period.last;
}

constexpr vocab::Term k_rule_terms[] = {
    {"secretary_meeting_monthly", "书记例会（每月）"},
    {"theme_day_half_year", "联建片主题党日（每半年）"},
    {"work_meeting_yearly", "联建工作会议（每年）"},
    {"review_yearly", "年度讲评（每年）"},
    {"training_yearly", "牵头书记培训（每年）"},
    {"lead_venue", "牵头党组织阵地面积达标"},
    {"lead_not_weak", "牵头党组织非软弱涣散"},
    {"org_has_secretary", "党组织有书记"},
    {"cluster_structure", "1+X结构"},
};

constexpr vocab::Term k_scope_terms[] = {
    {"district", "全区"},
    {"committee", "党委"},
    {"cluster", "联建片"},
    {"org", "党组织"},
};

constexpr vocab::Term k_status_terms[] = {
    {"done", "已完成"},
    {"missed", "未完成"},
    {"due", "待完成"},
};

} // namespace

std::span<const vocab::Term> rule_terms() {
    return k_rule_terms;
}

std::span<const vocab::Term> scope_terms() {
    return k_scope_terms;
}

std::span<const vocab::Term> status_terms() {
    return k_status_terms;
}

std::string_view scope_key(Scope s) {
    switch (s) {
    case Scope::district:
        return "district";
    case Scope::committee:
        return "committee";
    case Scope::cluster:
        return "cluster";
    case Scope::org:
        return "org";
    }
    return "";
}

std::string_view status_key(Status s) {
    switch (s) {
    case Status::done:
        return "done";
    case Status::missed:
        return "missed";
    case Status::due:
        return "due";
    }
    return "";
}

std::optional<Status> parse_status(std::string_view key) {
    for (Status s : {Status::done, Status::missed, Status::due})
        if (status_key(s) == key)
            return s;
    return std::nullopt;
}

std::string Period::key() const {
    const int y = static_cast<int>(first.year());
    switch (kind) {
    case PeriodKind::month:
        return format_month(month_of(first));
    case PeriodKind::half_year:
        return fmt::format("{}-H{}", y, first.month() == January ? 1 : 2);
    case PeriodKind::year:
        return fmt::format("{}", y);
    }
    return "";
}

Period period_of(PeriodKind kind, Month m) {
    Period p;
    p.kind = kind;
    const auto y = m.year();
    switch (kind) {
    case PeriodKind::month:
        p.first = first_day(m);
        p.last = last_day(m);
        break;
    case PeriodKind::half_year:
        if (m.month() <= June) {
            p.first = first_day(y / January);
            p.last = last_day(y / June);
        } else {
            p.first = first_day(y / July);
            p.last = last_day(y / December);
        }
        break;
    case PeriodKind::year:
        p.first = first_day(y / January);
        p.last = last_day(y / December);
        break;
    }
    return p;
}

std::vector<ComplianceRow> compliance(const report::MonthSnapshot& s) {
    const Period month = period_of(PeriodKind::month, s.month);
    const Period half = period_of(PeriodKind::half_year, s.month);
    const Period year = period_of(PeriodKind::year, s.month);
    std::vector<ComplianceRow> out;

    // Activity rules of clusters.
    auto cluster_activity = [&](std::string_view rule, const Period& p, std::string_view kind,
                                bool by_naming) {
        for (const auto& k : s.clusters) {
            if (!subject(k, p))
                continue;
            ComplianceRow row = cluster_row(rule, k, p);
            settle(row, s, first_in(s, p, [&](const Activity& a) {
                       return a.kind == kind &&
                              (by_naming ? names(a, k.code) : a.cluster == k.code);
                   }));
            out.push_back(std::move(row));
        }
    };
    cluster_activity("secretary_meeting_monthly", month, "secretary_meeting", false);
    cluster_activity("theme_day_half_year", half, "theme_day", false);

    for (const auto& c : s.committees) {
        ComplianceRow row;
        row.rule = "work_meeting_yearly";
        row.scope = Scope::committee;
        row.code = c.code;
        row.committee = c.code;
        row.period = year;
        settle(row, s, first_in(s, year, [&](const Activity& a) {
                   return a.kind == "work_meeting" && a.committee == c.code;
               }));
        out.push_back(std::move(row));
    }

    cluster_activity("review_yearly", year, "review", true);

    {
        ComplianceRow row;
        row.rule = "training_yearly";
        row.scope = Scope::district;
        row.period = year;
        // The district's training class: a training of neither a cluster nor a committee.
        settle(row, s, first_in(s, year, [](const Activity& a) {
                   return a.kind == "training" && a.cluster.empty() && a.committee.empty();
               }));
        out.push_back(std::move(row));
    }

    for (const auto& k : s.clusters) {
        if (!subject(k, month))
            continue;
        ComplianceRow row = cluster_row("lead_venue", k, month);
        const auto* lead = k.lead.empty() ? nullptr : s.find_org(k.lead);
        row.org = k.lead;
        row.venue_m2 = lead ? lead->venue_m2 : 0;
        settle_state(row, lead && lead_venue_ok(lead->venue_m2));
        out.push_back(std::move(row));
    }
    for (const auto& k : s.clusters) {
        if (!subject(k, month))
            continue;
        ComplianceRow row = cluster_row("lead_not_weak", k, month);
        const auto* lead = k.lead.empty() ? nullptr : s.find_org(k.lead);
        row.org = k.lead;
        settle_state(row, lead && !lead->weak);
        out.push_back(std::move(row));
    }
    for (const auto& o : s.orgs) {
        if (o.cluster.empty())
            continue;
        const auto* k = s.find_cluster(o.cluster);
        if (!k || !k->active)
            continue;
        ComplianceRow row;
        row.rule = "org_has_secretary";
        row.scope = Scope::org;
        row.code = o.code;
        row.committee = o.committee;
        row.cluster = o.cluster;
        row.period = month;
        settle_state(row, o.has_secretary);
        out.push_back(std::move(row));
    }
    for (const auto& k : s.clusters) {
        if (!subject(k, month))
            continue;
        ComplianceRow row = cluster_row("cluster_structure", k, month);
        row.lacks = structure_lacks(
            {k.principle, !k.lead.empty(), k.orgs, k.instructor, k.community, k.supervisor});
        settle_state(row, row.lacks.empty());
        out.push_back(std::move(row));
    }
    return out;
}

std::vector<ComplianceRow> filter_compliance(std::vector<ComplianceRow> rows,
                                             const ComplianceFilter& f) {
    std::erase_if(rows, [&](const ComplianceRow& r) {
        if (f.status && r.status != *f.status)
            return true;
        if (!f.committee.empty() && r.committee != f.committee)
            return true;
        if (!f.cluster.empty() && r.cluster != f.cluster)
            return true;
        return false;
    });
    return rows;
}

} // namespace hlpb::rules
