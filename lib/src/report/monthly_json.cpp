// The JSON of `report monthly`: written straight into one string by JsonWriter (one function per
// section), with the bytes nlohmann's dump(2) of the same tree gave. Keys go in ascending byte
// order inside every object (the writer checks it): add a key at its place in that order.
#include <hlpb/report/monthly.hpp>

#include "report/json_writer.hpp"

namespace hlpb::report {
namespace {

using detail::JsonWriter;

// The empty string as null.
std::optional<std::string_view> text_or_null(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
}

std::optional<std::string> optional_date(const std::optional<Date>& d) {
    return d ? std::optional<std::string>(format_date(*d)) : std::nullopt;
}

// Money: integer fen as a CNY number (12345 fen -> 123.45).
double cny(long long fen) {
    return static_cast<double>(fen) / 100.0;
}

void coverage_json(JsonWriter& w, const MonthlyCoverage& v) {
    const rules::Coverage& c = v.figures;
    const PreviousMonth& p = v.previous;
    w.begin_object()
        .field("active_clusters", c.active_clusters)
        .field("cluster_coverage", c.cluster_coverage)
        .field("clustered_members", v.clustered_members)
        .field("clustered_orgs", c.clustered_orgs);
    w.key("clusters_by_principle")
        .begin_object()
        .field("chain", v.chain_clusters)
        .field("geo", v.geo_clusters)
        .field("industry", v.industry_clusters)
        .end_object();
    w.field("district_members", c.district_members)
        .field("district_orgs", c.district_orgs)
        .field("member_share", c.member_share)
        .field("org_share", c.org_share);
    w.key("previous")
        .begin_object()
        .field("active_clusters", p.active_clusters)
        .field("clustered_members", p.clustered_members)
        .field("clustered_orgs", p.clustered_orgs)
        .field("flags", p.flags)
        .field("month", format_month(p.month))
        .field("two_new_members", p.two_new_members)
        .field("two_new_orgs", p.two_new_orgs)
        .end_object();
    w.field("two_new_members", c.two_new_members).field("two_new_orgs", c.two_new_orgs);
    w.end_object();
}

void committees_json(JsonWriter& w, const std::vector<MonthlyCommittee>& committees) {
    w.begin_array();
    for (const auto& k : committees)
        w.begin_object()
            .field("clustered_orgs", k.clustered_orgs)
            .field("clusters", k.clusters)
            .field("code", k.code)
            .field("kind", k.kind)
            .field("members", k.members)
            .field("name", k.name)
            .field("orgs", k.orgs)
            .field("weak", k.weak)
            .field("without_secretary", k.without_secretary)
            .end_object();
    w.end_array();
}

void clusters_json(JsonWriter& w, const std::vector<MonthlyCluster>& clusters) {
    w.begin_array();
    for (const auto& k : clusters)
        w.begin_object()
            .field("code", k.code)
            .field("committee", k.committee)
            .field("committee_name", k.committee_name)
            .field("established", format_date(k.established))
            .field("flag", text_or_null(k.flag))
            .field("flag_before", text_or_null(k.flag_before))
            .field("flag_name", text_or_null(k.flag_name))
            .field("lead", text_or_null(k.lead))
            .field("lead_name", text_or_null(k.lead_name))
            .field("meetings", k.meetings)
            .field("members", k.members)
            .field("members_before", k.members_before)
            .field("name", k.name)
            .field("orgs", k.orgs)
            .field("orgs_before", k.orgs_before)
            .field("parent", text_or_null(k.parent))
            .field("points", k.points)
            .field("points_before", k.points_before)
            .field("principle", k.principle)
            .end_object();
    w.end_array();
}

// The evidence keys of a compliance row are present only where they apply (a row per org
// and rule makes this the largest section: 100,000 rows at the benchmark's scale).
void compliance_json(JsonWriter& w, const std::vector<MonthlyCompliance>& rows) {
    w.begin_array();
    for (const auto& m : rows) {
        const rules::ComplianceRow& row = m.row;
        w.begin_object();
        if (row.activity)
            w.field("activity_date", optional_date(row.activity_date))
                .field("activity_id", *row.activity)
                .field("activity_title", row.activity_title);
        w.field("cluster", text_or_null(row.cluster))
            .field("code", text_or_null(row.code))
            .field("committee", text_or_null(row.committee));
        if (row.deadline)
            w.field("deadline", format_date(*row.deadline));
        if (!row.lacks.empty()) {
            w.key("lacks").begin_array();
            for (auto l : row.lacks)
                w.value(rules::structure_lack_key(l));
            w.end_array();
        }
        w.field("name", text_or_null(m.name));
        if (!row.org.empty())
            w.field("org", row.org).field("org_name", text_or_null(m.org_name));
        w.field("period", row.period.key())
            .field("rule", row.rule)
            .field("scope", rules::scope_key(row.scope))
            .field("status", rules::status_key(row.status));
        if (row.rule == "lead_venue" && !row.org.empty())
            w.field("venue_m2", row.venue_m2);
        w.end_object();
    }
    w.end_array();
}

void flags_json(JsonWriter& w, const std::vector<MonthlyFlag>& flags) {
    w.begin_array();
    for (const auto& f : flags)
        w.begin_object()
            .field("cluster", f.cluster)
            .field("cluster_name", f.cluster_name)
            .field("committee", f.committee)
            .field("decided_by", f.decided_by)
            .field("kept", f.kept)
            .field("org", f.org)
            .field("org_name", text_or_null(f.org_name))
            .field("points", f.points)
            .field("recorded", f.recorded)
            .end_object();
    w.end_array();
}

void subsidies_json(JsonWriter& w, const rules::Subsidies& s) {
    const rules::SubsidyLine& t = s.total;
    w.begin_object();
    w.key("committees").begin_array();
    for (const auto& l : s.committees) {
        w.begin_object()
            .field("committee", l.committee)
            .field("member_month_total", cny(l.member_month_fen))
            .field("member_year_total", cny(l.member_year_fen))
            .field("members", l.members)
            .field("name", l.name)
            .field("orgs", l.orgs)
            .field("secretaries", l.secretaries)
            .field("secretary_total", cny(l.secretary_fen))
            .end_object();
    }
    w.end_array();
    w.field("member_month_total", cny(t.member_month_fen))
        .field("member_year_total", cny(t.member_year_fen))
        .field("member_yearly", cny(s.member_yearly_fen))
        .field("members", t.members)
        .field("orgs", t.orgs)
        .field("secretaries", t.secretaries)
        .field("secretary_monthly", cny(s.secretary_monthly_fen))
        .field("secretary_total", cny(t.secretary_fen));
    w.end_object();
}

void outcomes_json(JsonWriter& w, const rules::Outcomes& o) {
    w.begin_object();
    w.key("enterprises").begin_object();
    w.key("problems_by_category").begin_array();
    for (const auto& t : o.problems_by_category)
        w.begin_object()
            .field("category", t.category)
            .field("open", t.open)
            .field("raised", t.raised)
            .field("resolved", t.resolved)
            .end_object();
    w.end_array();
    w.field("problems_open", o.problems_open)
        .field("problems_raised", o.problems_raised)
        .field("problems_resolved", o.problems_resolved)
        .field("receptions", o.receptions)
        .end_object();
    w.field("from", format_date(o.period.first));
    w.key("members")
        .begin_object()
        .field("member_honors", o.member_honors)
        .field("members_honored", o.members_honored)
        .field("points_average", o.points_average)
        .field("points_average_before", o.points_average_before)
        .field("points_change", o.points_change)
        .field("points_members", o.points_members)
        .field("points_year", o.points_year)
        .end_object();
    w.key("orgs")
        .begin_object()
        .field("founded", o.founded.size())
        .field("founded_orgs", o.founded)
        .field("secretary_filled", o.secretary_filled.size())
        .field("secretary_filled_orgs", o.secretary_filled)
        .field("typical_now", o.typical_now)
        .field("weak_delisted", o.weak_delisted.size())
        .field("weak_delisted_orgs", o.weak_delisted)
        .field("weak_now", o.weak_now)
        .end_object();
    w.key("role")
        .begin_object()
        .field("org_honors", o.org_honors)
        .field("orgs_honored", o.orgs_honored)
        .field("training_bases", o.training_bases)
        .field("volunteer_activities", o.volunteer_activities)
        .field("volunteer_participants", o.volunteer_participants)
        .end_object();
    w.field("to", format_date(o.period.last));
    w.end_object();
}

void problem_list_json(JsonWriter& w, const std::vector<MonthlyProblem>& items) {
    w.begin_array();
    for (const auto& m : items) {
        const Problem& p = m.problem;
        w.begin_object()
            .field("activity", p.activity)
            .field("category", p.category)
            .field("committee", text_or_null(m.committee))
            .field("days_open", m.days_open)
            .field("id", p.id)
            .field("org", p.org)
            .field("org_name", text_or_null(m.org_name))
            .field("raised", format_date(p.raised))
            .field("resolution", text_or_null(p.resolution))
            .field("resolved", optional_date(p.resolved))
            .field("text", p.text)
            .end_object();
    }
    w.end_array();
}

void problems_json(JsonWriter& w, const MonthlyProblems& p) {
    w.begin_object();
    problem_list_json(w.key("open"), p.open);
    problem_list_json(w.key("raised"), p.raised);
    problem_list_json(w.key("resolved"), p.resolved);
    w.end_object();
}

// The red flags per committee over the twelve months ending M (the html chart's figures).
void flag_history_json(JsonWriter& w, const db::FlagHistory& h) {
    w.begin_object();
    w.key("committees").begin_array();
    for (const auto& c : h.committees) {
        w.begin_object().field("committee", c.code).key("flags").begin_array();
        for (long n : c.flags)
            w.value(n);
        w.end_array().field("name", c.name).end_object();
    }
    w.end_array();
    w.key("months").begin_array();
    for (const auto& m : h.months)
        w.value(format_month(m));
    w.end_array();
    w.end_object();
}

} // namespace

std::string to_json_text(const MonthlyReport& r) {
    std::string out;
    // About 360 bytes a compliance row, which is most of the document.
    out.reserve(4096 + 400 * (r.compliance.size() + r.clusters.size()));
    JsonWriter w(out);
    w.begin_object();
    clusters_json(w.key("clusters"), r.clusters);
    w.field("clusters_without_flag", r.clusters_without_flag);
    committees_json(w.key("committees"), r.committees);
    w.field("complete", r.complete);
    compliance_json(w.key("compliance"), r.compliance);
    coverage_json(w.key("coverage"), r.coverage);
    flag_history_json(w.key("flag_history"), r.flag_history);
    flags_json(w.key("flags"), r.flags);
    w.field("flags_recorded", r.flags_recorded)
        .field("from", format_date(r.first))
        .field("month", format_month(r.month));
    outcomes_json(w.key("outcomes"), r.outcomes);
    problems_json(w.key("problems"), r.problems);
    subsidies_json(w.key("subsidies"), r.subsidies);
    w.field("to", format_date(r.last));
    w.end_object();
    return out;
}

nlohmann::json to_json(const MonthlyReport& r) {
    return nlohmann::json::parse(to_json_text(r));
}

nlohmann::json outcomes_to_json(const rules::Outcomes& o) {
    std::string out;
    JsonWriter w(out);
    outcomes_json(w, o);
    return nlohmann::json::parse(out);
}

} // namespace hlpb::report
