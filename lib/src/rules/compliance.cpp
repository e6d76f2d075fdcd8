#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/rules/compliance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>

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

// The activities of one kind by the code they are filed under (their cluster, every cluster
// they name, or their committee), each list in the snapshot's order (date, then id): a rule
// looks up its subject's short list instead of scanning the year's activities once per cluster
// (64,100 orgs: 6,000 clusters times 100,000 activities).
using ByCode = std::unordered_map<std::string_view, std::vector<const Activity*>>;

enum class FiledBy { cluster, naming, committee };

ByCode by_code(const report::MonthSnapshot& s, std::string_view kind, FiledBy by) {
    ByCode out;
    for (const auto& a : s.activities) {
        if (a.kind != kind)
            continue;
        switch (by) {
        case FiledBy::cluster:
            out[a.cluster].push_back(&a);
            break;
        case FiledBy::committee:
            out[a.committee].push_back(&a);
            break;
        case FiledBy::naming: {
            // Its cluster and every cluster it names, each once.
            std::vector<std::string_view> codes{a.cluster};
            codes.insert(codes.end(), a.clusters.begin(), a.clusters.end());
            std::sort(codes.begin(), codes.end());
            codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
            for (auto c : codes)
                out[c].push_back(&a);
            break;
        }
        }
    }
    return out;
}

// The first activity (by date, then id) filed under `code` in [p.first, s.last].
const Activity* first_filed(const report::MonthSnapshot& s, const Period& p, const ByCode& index,
                            std::string_view code) {
    auto it = index.find(code);
    if (it == index.end())
        return nullptr;
    for (const Activity* a : it->second)
        if (a->date >= p.first && a->date <= s.last)
            return a;
    return nullptr;
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
    {"secretary_meeting_monthly", "书记例会（每月）", "Secretary meeting (monthly)"},
    {"theme_day_half_year", "联建片主题党日（每半年）", "Cluster theme day (half-yearly)"},
    {"work_meeting_yearly", "联建工作会议（每年）", "Work meeting (yearly)"},
    {"review_yearly", "年度讲评（每年）", "Annual review (yearly)"},
    {"training_yearly", "牵头书记培训（每年）", "Lead secretary training (yearly)"},
    {"lead_venue", "牵头党组织阵地面积达标", "Lead org venue large enough"},
    {"lead_not_weak", "牵头党组织非软弱涣散", "Lead org not weak"},
    {"org_has_secretary", "党组织有书记", "Org has a secretary"},
    {"cluster_structure", "1+X结构", "1+X structure"},
};

constexpr vocab::Term k_scope_terms[] = {
    {"district", "全区", "District"},
    {"committee", "党委", "Committee"},
    {"cluster", "联建片", "Cluster"},
    {"org", "党组织", "Org"},
};

constexpr vocab::Term k_status_terms[] = {
    {"done", "已完成", "Done"},
    {"missed", "未完成", "Missed"},
    {"due", "待完成", "Due"},
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
                                FiledBy by) {
        const ByCode index = by_code(s, kind, by);
        for (const auto& k : s.clusters) {
            if (!subject(k, p))
                continue;
            ComplianceRow row = cluster_row(rule, k, p);
            settle(row, s, first_filed(s, p, index, k.code));
            out.push_back(std::move(row));
        }
    };
    cluster_activity("secretary_meeting_monthly", month, "secretary_meeting", FiledBy::cluster);
    cluster_activity("theme_day_half_year", half, "theme_day", FiledBy::cluster);

    const ByCode work_meetings = by_code(s, "work_meeting", FiledBy::committee);
    for (const auto& c : s.committees) {
        ComplianceRow row;
        row.rule = "work_meeting_yearly";
        row.scope = Scope::committee;
        row.code = c.code;
        row.committee = c.code;
        row.period = year;
        settle(row, s, first_filed(s, year, work_meetings, c.code));
        out.push_back(std::move(row));
    }

    cluster_activity("review_yearly", year, "review", FiledBy::naming);

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
        const auto* k = s.active_cluster_of(o);
        if (!k)
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
