#include <hlpb/report/monthly_document.hpp>
#include <hlpb/rules/compliance.hpp>
#include <hlpb/rules/flag.hpp>
#include <hlpb/rules/outcomes.hpp>
#include <hlpb/vocab.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <utility>

namespace hlpb::report {
namespace {

constexpr std::array<std::string_view, 12> k_table_keys = {
    "committees", "compliance",         "flags",    "flag_history", "subsidies",
    "outcomes",   "problem_categories", "problems", "clusters",     "compliance_detail",
    "points",     "subsidy_orgs"};
constexpr std::array<std::string_view, 7> k_section_keys = {
    "coverage", "compliance", "flags", "subsidies", "outcomes", "problems", "appendix"};

// English labels of the enumerated values the document shows (the Chinese ones are in vocab and
// rules, with the rest of the program's).
struct EnTerm {
    std::string_view key;
    std::string_view en;
};
constexpr EnTerm k_en_terms[] = {
    {"geo", "geographic"},
    {"industry", "same industry"},
    {"chain", "supply chain"},
    {"secretary_meeting_monthly", "secretaries' meeting (monthly)"},
    {"theme_day_half_year", "cluster theme day (half-yearly)"},
    {"work_meeting_yearly", "cluster work meeting (yearly)"},
    {"review_yearly", "annual review (yearly)"},
    {"training_yearly", "lead secretaries' training (yearly)"},
    {"lead_venue", "lead org's venue up to standard"},
    {"lead_not_weak", "lead org not weak"},
    {"org_has_secretary", "org has a secretary"},
    {"cluster_structure", "1+X structure"},
    {"done", "done"},
    {"missed", "missed"},
    {"due", "due"},
    {"labor", "labour"},
    {"talent", "talent"},
    {"tax", "tax"},
    {"schooling", "schooling"},
    {"other", "other"},
    {"total", "highest total"},
    {"party_affairs", "tie: higher party affairs"},
    {"activity", "tie: higher activities"},
    {"suggestion", "tie: higher suggestions"},
    {"code", "tie: first by code"},
    {"weak_delisted", "weak orgs delisted"},
    {"weak_now", "weak orgs now"},
    {"typical_now", "typical orgs"},
    {"founded", "orgs founded"},
    {"secretary_filled", "secretaries filled"},
    {"points_average", "e-home points, average"},
    {"points_change", "change on the year before"},
    {"members_honored", "members honoured"},
    {"volunteer_activities", "volunteer activities"},
    {"volunteer_participants", "volunteer participants"},
    {"orgs_honored", "orgs honoured"},
    {"training_bases", "training bases"},
    {"receptions", "receptions (部长会客厅)"},
    {"problems_raised", "problems raised"},
    {"problems_resolved", "problems resolved"},
    {"problems_open", "problems open"},
};

constexpr const char* k_month_names[] = {"January",   "February", "March",    "April",
                                         "May",       "June",     "July",     "August",
                                         "September", "October",  "November", "December"};

// The words of one document: labels, numbers, money and dates in its language.
class Words {
public:
    explicit Words(const DocOptions& o) : m_zh(o.lang == Lang::zh), m_keys(o.keys) {}

    bool zh() const { return m_zh; }
    std::string operator()(std::string_view zh, std::string_view en) const {
        return std::string(m_zh ? zh : en);
    }
    // An enumerated value in a table cell: its label, or its key for a machine format.
    std::string cell(std::span<const vocab::Term> terms, std::string_view key) const {
        return m_keys ? std::string(key) : term(terms, key);
    }
    std::string cell(std::string_view key, std::string_view zh, std::string_view en) const {
        return std::string(m_keys ? key : m_zh ? zh : en);
    }
    // An enumerated value in prose: its label.
    std::string term(std::span<const vocab::Term> terms, std::string_view key) const {
        if (m_zh)
            return vocab::label(terms, key, "zh");
        for (const auto& t : k_en_terms)
            if (t.key == key)
                return std::string(t.en);
        return std::string(key);
    }
    // 2026年10月 / October 2026
    std::string month(const Month& m) const {
        const unsigned mo = static_cast<unsigned>(m.month());
        return m_zh ? fmt::format("{}年{}月", static_cast<int>(m.year()), mo)
                    : fmt::format("{} {}", k_month_names[mo - 1], static_cast<int>(m.year()));
    }
    // 2026年10月31日 / 31 October 2026 (prose; tables use YYYY-MM-DD)
    std::string date(const Date& d) const {
        const unsigned mo = static_cast<unsigned>(d.month());
        const unsigned day = static_cast<unsigned>(d.day());
        return m_zh ? fmt::format("{}年{}月{}日", static_cast<int>(d.year()), mo, day)
                    : fmt::format("{} {} {}", day, k_month_names[mo - 1],
                                  static_cast<int>(d.year()));
    }
    // 1234元 / 1234.50元 (two decimals only when not whole)
    std::string money(long long fen) const {
        const std::string n = fen % 100 == 0 ? std::to_string(fen / 100) : rules::format_cny(fen);
        return m_zh ? n + "元" : n + " CNY";
    }
    // 43.2%
    static std::string percent(double fraction) { return fmt::format("{:.1f}%", fraction * 100); }
    // 增加3个 / 减少2个 / 持平 ; up 3 / down 2 / unchanged
    std::string change(long long d, std::string_view unit) const {
        if (d == 0)
            return m_zh ? "持平" : "unchanged";
        if (m_zh)
            return fmt::format("{}{}{}", d > 0 ? "增加" : "减少", d > 0 ? d : -d, unit);
        return fmt::format("{} {}", d > 0 ? "up" : "down", d > 0 ? d : -d);
    }
    // A list of names in prose: 甲、乙、丙等5个 / A, B, C and 2 more.
    std::string names(const std::vector<std::string>& items, std::size_t shown,
                      std::string_view unit) const {
        std::string out;
        for (std::size_t i = 0; i < items.size() && i < shown; ++i)
            out += (i == 0 ? "" : (m_zh ? "、" : ", ")) + items[i];
        if (items.size() > shown)
            out += m_zh ? fmt::format("等{}{}", items.size(), unit)
                        : fmt::format(" and {} more", items.size() - shown);
        return out;
    }
    std::string end() const { return m_zh ? "。" : "."; }
    std::string comma() const { return m_zh ? "，" : ", "; }
    std::string semicolon() const { return m_zh ? "；" : "; "; }

private:
    bool m_zh;
    bool m_keys;
};

// "1 organisation", "3 organisations", "2 volunteer activities" (English prose).
template <class N> std::string plural(N n, std::string_view noun) {
    std::string s = fmt::format("{} {}", n, noun);
    if (n != 1) {
        if (s.ends_with("y") && !s.ends_with("ey"))
            s.back() = 'i', s += "es";
        else
            s += "s";
    }
    return s;
}

// A number with at most two decimals, without trailing zeros (85.5, 85, 85.25).
std::string decimal(double v) {
    std::string s = fmt::format("{:.2f}", v);
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s.pop_back();
    return s == "-0" ? "0" : s;
}

DocColumn col(const Words& w, std::string_view key, std::string_view zh, std::string_view en,
              CellKind kind = CellKind::text) {
    return DocColumn{std::string(key), w(zh, en), kind};
}

Cell text_or_null(const std::string& s) {
    return s.empty() ? Cell() : Cell(s);
}

Cell cny(long long fen) {
    return static_cast<double>(fen) / 100.0;
}

template <class T> Cell delta_of(T now, const std::optional<T>& before) {
    return before ? Cell(static_cast<long long>(now) - static_cast<long long>(*before)) : Cell();
}

std::map<std::string, std::string> committee_names(const MonthlyReport& r) {
    std::map<std::string, std::string> out;
    for (const auto& c : r.committees)
        out.emplace(c.code, c.name);
    for (const auto& c : r.flag_history.committees)
        out.emplace(c.code, c.name);
    return out;
}

std::string name_in(const std::map<std::string, std::string>& names, const std::string& code) {
    auto it = names.find(code);
    return it == names.end() ? code : it->second;
}

// ---- 一、总体情况 ----

Section coverage_section(const MonthlyReport& r, const Words& w) {
    const rules::Coverage c = rules::exact_shares(r.coverage.figures);
    const PreviousMonth& p = r.coverage.previous;
    Section s;
    s.key = "coverage";
    s.heading = w("一、总体情况", "1. Overview");
    s.counts = w("统计口径：月末在册的“两新”党组织及其党员，月末运行中的联建片。",
                 "Counts: the open “two new” Party organisations and their members, and the "
                 "active clusters, at the end of the month.");

    std::string first;
    if (w.zh()) {
        first = fmt::format("本月，全区共有“两新”党组织{}个、党员{}名", c.two_new_orgs,
                            c.two_new_members);
        if (c.org_share && c.member_share)
            first += fmt::format("，分别占全区党组织总数的{}、党员总数的{}",
                                 Words::percent(*c.org_share), Words::percent(*c.member_share));
        else if (c.org_share)
            first += fmt::format("，占全区党组织总数的{}", Words::percent(*c.org_share));
        else if (c.member_share)
            first += fmt::format("，党员占全区党员总数的{}", Words::percent(*c.member_share));
        first += fmt::format("。全区{}个两新组织党委共组建“1+X”联建片{}个（地域相邻{}个，行业相近{}"
                             "个，产业相连{}个），覆盖“两新”党组织{}个、党员{}名",
                             r.committees.size(), c.active_clusters, r.coverage.geo_clusters,
                             r.coverage.industry_clusters, r.coverage.chain_clusters,
                             c.clustered_orgs, r.coverage.clustered_members);
        if (c.cluster_coverage)
            first += fmt::format("，覆盖率{}", Words::percent(*c.cluster_coverage));
        first += "。";
    } else {
        first = fmt::format("This month the district has {} “two new” Party organisations with {} "
                            "members",
                            c.two_new_orgs, c.two_new_members);
        if (c.org_share && c.member_share)
            first += fmt::format(", {} of all its Party organisations and {} of all its members",
                                 Words::percent(*c.org_share), Words::percent(*c.member_share));
        else if (c.org_share)
            first +=
                fmt::format(", {} of all its Party organisations", Words::percent(*c.org_share));
        else if (c.member_share)
            first += fmt::format(", with {} of all its members", Words::percent(*c.member_share));
        first += fmt::format(". Its {} committees run {} “1+X” clusters ({} geographic, {} same "
                             "industry, {} supply chain), which hold {} organisations with {} "
                             "members",
                             r.committees.size(), c.active_clusters, r.coverage.geo_clusters,
                             r.coverage.industry_clusters, r.coverage.chain_clusters,
                             c.clustered_orgs, r.coverage.clustered_members);
        if (c.cluster_coverage)
            first += fmt::format(": a coverage of {}", Words::percent(*c.cluster_coverage));
        first += ".";
    }
    s.paragraphs.push_back(std::move(first));

    if (w.zh())
        s.paragraphs.push_back(
            fmt::format("与上月相比，入片党组织{}，入片党员{}，联建片{}。",
                        w.change(c.clustered_orgs - p.clustered_orgs, "个"),
                        w.change(r.coverage.clustered_members - p.clustered_members, "名"),
                        w.change(c.active_clusters - p.active_clusters, "个")));
    else
        s.paragraphs.push_back(fmt::format(
            "Compared with {}: clustered organisations {}, their members {}, clusters {}.",
            w.month(p.month), w.change(c.clustered_orgs - p.clustered_orgs, ""),
            w.change(r.coverage.clustered_members - p.clustered_members, ""),
            w.change(c.active_clusters - p.active_clusters, "")));
    if (!r.complete)
        s.paragraphs.push_back(w("本月尚未结束，以上为截至目前的数据。",
                                 "The month has not ended: these are the figures so far."));

    DocTable t;
    t.key = "committees";
    t.title = w("各党委情况", "By committee");
    t.columns = {col(w, "code", "党委代码", "Code", CellKind::code),
                 col(w, "name", "党委", "Committee"),
                 col(w, "clusters", "联建片", "Clusters", CellKind::integer),
                 col(w, "orgs", "党组织", "Orgs", CellKind::integer),
                 col(w, "clustered_orgs", "入片党组织", "Clustered orgs", CellKind::integer),
                 col(w, "members", "党员", "Members", CellKind::integer),
                 col(w, "weak", "软弱涣散", "Weak", CellKind::integer),
                 col(w, "without_secretary", "无书记", "No secretary", CellKind::integer)};
    for (const auto& k : r.committees)
        t.rows.push_back({k.code, k.name, k.clusters, k.orgs, k.clustered_orgs, k.members, k.weak,
                          k.without_secretary});
    t.empty_note = w("暂无党委。", "No committee yet.");
    s.tables.push_back(std::move(t));
    return s;
}

// ---- 二、制度落实情况 ----

struct RuleTally {
    std::string rule;
    long total = 0, done = 0, missed = 0, due = 0;
    std::vector<std::string> missed_names;
    std::optional<Date> deadline; // of the first due row
};

std::string subject_name(const MonthlyCompliance& m, const Words& w) {
    if (m.row.scope == rules::Scope::district)
        return w("全区", "the district");
    return m.name.empty() ? m.row.code : m.name;
}

// The rules checked at the end of the month (they hold or not; never due).
bool is_check(std::string_view rule) {
    return rule == "lead_venue" || rule == "lead_not_weak" || rule == "org_has_secretary" ||
           rule == "cluster_structure";
}

std::string upper_first(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

Section compliance_section(const MonthlyReport& r, const Words& w,
                           const std::map<std::string, std::string>& committees) {
    Section s;
    s.key = "compliance";
    s.heading = w("二、制度落实情况", "2. Regular work");
    s.counts = w("统计口径：本月应落实的各项制度（书记例会每月，主题党日每半年，工作会议、讲评、"
                 "培训每年），逐个联建片、党委或党组织判定；期限未到的为待完成。",
                 "Counts: every rule due this month (secretaries' meeting monthly, theme day "
                 "half-yearly, work meeting, review and training yearly), for each cluster, "
                 "committee or organisation; a period not yet over is due.");

    std::vector<RuleTally> tallies;
    for (const auto& m : r.compliance) {
        if (tallies.empty() || tallies.back().rule != m.row.rule)
            tallies.push_back(RuleTally{m.row.rule, 0, 0, 0, 0, {}, std::nullopt});
        RuleTally& t = tallies.back();
        ++t.total;
        switch (m.row.status) {
        case rules::Status::done:
            ++t.done;
            break;
        case rules::Status::missed:
            ++t.missed;
            t.missed_names.push_back(subject_name(m, w));
            break;
        case rules::Status::due:
            ++t.due;
            if (!t.deadline)
                t.deadline = m.row.deadline;
            break;
        }
    }
    bool any_cluster_due = false;
    for (const auto& m : r.compliance)
        any_cluster_due = any_cluster_due || (m.row.status == rules::Status::due &&
                                              m.row.scope == rules::Scope::cluster);
    for (const auto& t : tallies) {
        const std::string label = w.term(rules::rule_terms(), t.rule);
        const std::string missed_names = w.names(t.missed_names, 10, "个");
        std::string p;
        if (t.rule == "secretary_meeting_monthly") {
            p = w.zh() ? fmt::format("书记例会：应开{}个联建片，已开{}个", t.total, t.done)
                       : fmt::format("Secretaries' meetings: {} clusters to meet, {} met", t.total,
                                     t.done);
            if (t.missed > 0)
                p += w.zh() ? fmt::format("，未开{}个（{}）", t.missed, missed_names)
                            : fmt::format(", {} did not ({})", t.missed, missed_names);
            if (t.due > 0)
                p += w.zh() ? fmt::format("，待开{}个", t.due)
                            : fmt::format(", {} still to meet", t.due);
        } else if (is_check(t.rule)) {
            // A condition checked at the end of the month: it holds or it does not.
            const bool orgs = t.rule == "org_has_secretary";
            const std::string_view noun =
                w.zh() ? (orgs ? "个党组织" : "个联建片") : (orgs ? " organisations" : " clusters");
            if (t.missed == 0 && t.total == 1)
                p = w.zh() ? fmt::format("{}：1{}符合", label, noun)
                           : fmt::format("{}: the one{} complies", upper_first(label),
                                         noun.substr(0, noun.size() - 1));
            else if (t.missed == 0)
                p = w.zh() ? fmt::format("{}：{}{}均符合", label, t.total, noun)
                           : fmt::format("{}: all {}{} comply", upper_first(label), t.total, noun);
            else
                p = w.zh()
                        ? fmt::format("{}：{}{}中{}个符合，{}个不符合（{}）", label, t.total, noun,
                                      t.done, t.missed, missed_names)
                        : fmt::format("{}: {} of {}{} comply, {} do not ({})", upper_first(label),
                                      t.done, t.total, noun, t.missed, missed_names);
        } else {
            p = w.zh() ? fmt::format("{}：应完成{}个，已完成{}个", label, t.total, t.done)
                       : fmt::format("{}: {} to do, {} done", upper_first(label), t.total, t.done);
            if (t.missed > 0)
                p += w.zh() ? fmt::format("，未完成{}个（{}）", t.missed, missed_names)
                            : fmt::format(", {} missed ({})", t.missed, missed_names);
            if (t.due > 0) {
                p += w.zh() ? fmt::format("，待完成{}个", t.due) : fmt::format(", {} due", t.due);
                if (t.deadline)
                    p += w.zh() ? fmt::format("（期限{}）", w.date(*t.deadline))
                                : fmt::format(" by {}", w.date(*t.deadline));
            }
        }
        s.paragraphs.push_back(p + w.end());
    }
    if (tallies.empty())
        s.paragraphs.push_back(w("本月没有应落实的制度。", "No rule was due this month."));
    else if (any_cluster_due)
        s.paragraphs.push_back(w("各联建片待完成事项见附表2。",
                                 "Table 2 in the appendix lists what each cluster still has due."));

    // Every missed item grouped by committee, then the due items that 附表2 (clusters only) does
    // not show, by their deadline.
    std::map<std::string, std::size_t> rule_order;
    for (const auto& t : tallies)
        rule_order.emplace(t.rule, rule_order.size());
    std::vector<const MonthlyCompliance*> missed, due;
    for (const auto& m : r.compliance)
        if (m.row.status == rules::Status::missed)
            missed.push_back(&m);
        else if (m.row.status == rules::Status::due && m.row.scope != rules::Scope::cluster)
            due.push_back(&m); // a cluster's due items are in 附表2

    std::stable_sort(missed.begin(), missed.end(), [&](const auto* a, const auto* b) {
        return std::tie(a->row.committee, rule_order[a->row.rule], a->row.code) <
               std::tie(b->row.committee, rule_order[b->row.rule], b->row.code);
    });
    std::stable_sort(due.begin(), due.end(), [](const auto* a, const auto* b) {
        return std::tie(a->row.deadline, a->row.committee, a->row.code) <
               std::tie(b->row.deadline, b->row.committee, b->row.code);
    });
    DocTable t;
    t.key = "compliance";
    t.title = due.empty()
                  ? w("未完成事项（按党委）", "Missed, by committee")
                  : w("未完成事项（按党委）及待完成事项", "Missed (by committee), then due");
    t.columns = {col(w, "status", "状态", "Status"),
                 col(w, "committee", "党委代码", "Committee", CellKind::code),
                 col(w, "committee_name", "党委", "Committee name"),
                 col(w, "rule", "制度", "Rule"),
                 col(w, "code", "代码", "Code", CellKind::code),
                 col(w, "name", "对象", "Subject"),
                 col(w, "org_name", "相关党组织", "Organisation"),
                 col(w, "deadline", "期限", "Deadline", CellKind::date)};
    auto add = [&](const MonthlyCompliance& m) {
        const auto& row = m.row;
        t.rows.push_back({w.cell(rules::status_terms(), rules::status_key(row.status)),
                          text_or_null(row.committee),
                          row.committee.empty() ? Cell(w("全区", "district"))
                                                : Cell(name_in(committees, row.committee)),
                          w.cell(rules::rule_terms(), row.rule), text_or_null(row.code),
                          subject_name(m, w), text_or_null(m.org_name),
                          row.deadline ? Cell(format_date(*row.deadline)) : Cell()});
    };
    for (const auto* m : missed)
        add(*m);
    for (const auto* m : due)
        add(*m);
    t.empty_note = w("本月无未完成的事项。", "Nothing was missed this month.");
    s.tables.push_back(std::move(t));

    // Meetings held vs required, per committee.
    Chart chart;
    chart.key = "meetings";
    chart.title = w("各党委书记例会召开情况", "Secretaries' meetings by committee");
    chart.unit = w("个", "clusters");
    std::map<std::string, std::pair<double, double>> by_committee;
    for (const auto& m : r.compliance)
        if (m.row.rule == "secretary_meeting_monthly") {
            auto& [required, held] = by_committee[m.row.committee];
            required += 1;
            if (m.row.status == rules::Status::done)
                held += 1;
        }
    Chart::Series required{w("应开", "required"), {}}, held{w("已开", "held"), {}};
    for (const auto& [code, v] : by_committee) {
        chart.categories.push_back(name_in(committees, code));
        required.values.push_back(v.first);
        held.values.push_back(v.second);
    }
    chart.series = {std::move(required), std::move(held)};
    s.charts.push_back(std::move(chart));
    return s;
}

// ---- 三、积分评比与流动红旗 ----

Section flags_section(const MonthlyReport& r, const Words& w,
                      const std::map<std::string, std::string>& committees) {
    Section s;
    s.key = "flags";
    s.heading = w("三、积分评比与流动红旗", "3. Points and red flags");
    s.counts = w("统计口径：各联建片成员党组织本月积分之和；流动红旗授予本月总分最高且为正的党组织"
                 "（同分依次比党务工作、活动组织、献计献策得分）。",
                 "Counts: the month's points of each cluster's organisations; the red flag goes "
                 "to the organisation with the highest positive total (ties: party affairs, "
                 "activities, suggestions).");
    long kept = 0, up = 0, down = 0;
    for (const auto& f : r.flags)
        kept += f.kept ? 1 : 0;
    for (const auto& k : r.clusters)
        if (k.points_before) {
            up += k.points > *k.points_before ? 1 : 0;
            down += k.points < *k.points_before ? 1 : 0;
        }
    std::string p;
    if (!r.flags.empty() && r.flags.size() == r.clusters.size())
        p = w.zh()
                ? fmt::format("本月{}个联建片均评出流动红旗", r.clusters.size())
                : fmt::format("All {} clusters awarded a red flag this month", r.clusters.size());
    else
        p = w.zh()
                ? fmt::format("本月{}个联建片中{}个评出流动红旗", r.clusters.size(), r.flags.size())
                : fmt::format("Of the {} clusters, {} awarded a red flag this month",
                              r.clusters.size(), r.flags.size());
    if (r.clusters_without_flag > 0)
        p += w.zh() ? fmt::format("，{}个无正分未评", r.clusters_without_flag)
                    : fmt::format("; {} had no positive total", r.clusters_without_flag);
    if (kept > 0)
        p += w.zh() ? fmt::format("，其中{}面由上月红旗单位保持", kept)
                    : fmt::format("; {} stayed with last month's holder", kept);
    p += w.end();
    p += w.zh() ? fmt::format("与上月相比，积分上升的联建片{}个，下降的{}个。", up, down)
                : fmt::format(" Compared with last month, {} clusters gained points and {} lost.",
                              up, down);
    s.paragraphs.push_back(std::move(p));
    if (!r.flags_recorded && !r.flags.empty())
        s.paragraphs.push_back(w("本月尚未评定，流动红旗按当前积分计算，以评定结果为准。",
                                 "The month is not yet closed: the flags follow the points so "
                                 "far; the award decides."));

    DocTable t;
    t.key = "flags";
    t.title = w("流动红旗", "Red flags");
    t.columns = {col(w, "cluster", "联建片代码", "Cluster", CellKind::code),
                 col(w, "cluster_name", "联建片", "Cluster name"),
                 col(w, "committee_name", "党委", "Committee"),
                 col(w, "org", "党组织代码", "Org", CellKind::code),
                 col(w, "org_name", "红旗单位", "Flag holder"),
                 col(w, "points", "红旗单位积分", "Holder's points", CellKind::integer),
                 col(w, "decided_by", "评定依据", "Decided by"),
                 col(w, "kept", "连续保持", "Kept")};
    for (const auto& f : r.flags)
        t.rows.push_back({f.cluster, f.cluster_name, name_in(committees, f.committee), f.org,
                          text_or_null(f.org_name), f.points,
                          w.cell(rules::decided_by_terms(), f.decided_by),
                          f.kept ? Cell(w.cell("kept", "是", "yes")) : Cell()});
    t.empty_note = w("本月无评出流动红旗的联建片。", "No cluster awarded a red flag this month.");
    s.tables.push_back(std::move(t));

    // Points by cluster, one chart per committee.
    std::map<std::string, std::vector<const MonthlyCluster*>> by_committee;
    for (const auto& k : r.clusters)
        by_committee[k.committee].push_back(&k);
    for (const auto& [code, clusters] : by_committee) {
        Chart c;
        c.key = "points_" + code;
        c.title = w.zh() ? fmt::format("{}各联建片积分", name_in(committees, code))
                         : fmt::format("Points by cluster: {}", name_in(committees, code));
        c.unit = w("分", "points");
        Chart::Series points{w("积分", "points"), {}};
        for (const auto* k : clusters) {
            c.categories.push_back(k->name);
            points.values.push_back(static_cast<double>(k->points));
        }
        c.series.push_back(std::move(points));
        s.charts.push_back(std::move(c));
    }

    // Flags per committee over the last twelve months (chart and its table).
    const auto& h = r.flag_history;
    DocTable ht;
    ht.key = "flag_history";
    ht.title = w("近十二个月各党委流动红旗数", "Red flags by committee, last twelve months");
    ht.columns = {col(w, "committee", "党委代码", "Committee", CellKind::code),
                  col(w, "name", "党委", "Committee name")};
    for (const auto& m : h.months)
        ht.columns.push_back({format_month(m), format_month(m), CellKind::integer});
    Chart hc;
    hc.key = "flag_history";
    hc.title = ht.title;
    hc.unit = w("面", "flags");
    for (const auto& m : h.months)
        hc.categories.push_back(format_month(m));
    for (const auto& c : h.committees) {
        std::vector<Cell> row{c.code, c.name};
        Chart::Series series{c.name, {}};
        for (long n : c.flags) {
            row.push_back(n);
            series.values.push_back(static_cast<double>(n));
        }
        ht.rows.push_back(std::move(row));
        hc.series.push_back(std::move(series));
    }
    ht.empty_note = w("暂无党委。", "No committee yet.");
    s.tables.push_back(std::move(ht));
    s.charts.push_back(std::move(hc));
    return s;
}

// ---- 四、经费保障 ----

std::vector<Cell> subsidy_cells(const rules::SubsidyLine& l) {
    return {l.secretaries, cny(l.secretary_fen), l.members, cny(l.member_month_fen),
            cny(l.member_year_fen)};
}

std::vector<DocColumn> subsidy_columns(const Words& w) {
    return {
        col(w, "secretaries", "书记", "Secretaries", CellKind::integer),
        col(w, "secretary_total", "通讯补贴(元)", "Phone allowance (CNY)", CellKind::money),
        col(w, "members", "党员", "Members", CellKind::integer),
        col(w, "member_month_total", "本月活动经费(元)", "Fund this month (CNY)", CellKind::money),
        col(w, "member_year_total", "全年活动经费(元)", "Fund for the year (CNY)",
            CellKind::money)};
}

Section subsidies_section(const MonthlyReport& r, const Words& w) {
    const auto& sub = r.subsidies;
    Section s;
    s.key = "subsidies";
    s.heading = w("四、经费保障", "4. Funding");
    s.counts =
        w.zh() ? fmt::format("统计口径：月末运行中联建片的党组织；书记通讯补贴每名书记每月"
                             "{}，党员活动经费每名党员每年{}、按月计提。",
                             w.money(sub.secretary_monthly_fen), w.money(sub.member_yearly_fen))
               : fmt::format("Counts: the organisations of the active clusters at the end "
                             "of the month; phone allowance {} per secretary a month, "
                             "activity fund {} per member a year, accrued monthly.",
                             w.money(sub.secretary_monthly_fen), w.money(sub.member_yearly_fen));
    const auto& t = sub.total;
    s.paragraphs.push_back(
        w.zh() ? fmt::format(
                     "书记通讯补贴：{}名书记 × {} = {}；党员活动经费：{}名党员，本月计提{}，"
                     "全年预算{}。",
                     t.secretaries, w.money(sub.secretary_monthly_fen), w.money(t.secretary_fen),
                     t.members, w.money(t.member_month_fen), w.money(t.member_year_fen))
               : fmt::format("Secretaries' phone allowance: {} secretaries × {} = {}; members' "
                             "activity fund: {} members, {} accrued this month, {} for the year.",
                             t.secretaries, w.money(sub.secretary_monthly_fen),
                             w.money(t.secretary_fen), t.members, w.money(t.member_month_fen),
                             w.money(t.member_year_fen)));
    DocTable table;
    table.key = "subsidies";
    table.title = w("各党委经费", "By committee");
    table.columns = {col(w, "committee", "党委代码", "Committee", CellKind::code),
                     col(w, "name", "党委", "Committee name"),
                     col(w, "orgs", "党组织", "Orgs", CellKind::integer)};
    for (auto& c : subsidy_columns(w))
        table.columns.push_back(std::move(c));
    for (const auto& l : sub.committees) {
        std::vector<Cell> row{l.committee, l.name, l.orgs};
        for (auto& c : subsidy_cells(l))
            row.push_back(std::move(c));
        table.rows.push_back(std::move(row));
    }
    table.empty_note = w("本月无入片党组织，无补贴。", "No clustered organisation: no funding.");
    s.tables.push_back(std::move(table));
    return s;
}

// ---- 五、工作成效（“四有”） ----

Section outcomes_section(const MonthlyReport& r, const Words& w) {
    const rules::Outcomes& o = r.outcomes;
    Section s;
    s.key = "outcomes";
    s.heading = w("五、工作成效（“四有”）", "5. Outcomes (“four haves”)");
    s.counts = w("统计口径：本月内发生的事项（摘帽、新建、补齐书记、表彰、志愿服务、部长会客厅），"
                 "月末的状态（软弱涣散、典型、实训基地）；党建e家积分按年度。",
                 "Counts: what happened in the month (delisted, founded, secretaries filled, "
                 "honours, volunteer work, receptions) and the state at its end (weak, typical, "
                 "training bases); e-home points by year.");
    std::string points;
    if (o.points_average) {
        points = w.zh() ? fmt::format("党建e家积分人均{}（{}年）", decimal(*o.points_average),
                                      o.points_year)
                        : fmt::format("Party e-home points average {} in {}",
                                      decimal(*o.points_average), o.points_year);
        if (o.points_change) {
            const double d = *o.points_change;
            const std::string v = decimal(std::fabs(d));
            if (w.zh())
                points += d > 0 ? "，较上年增加" + v : d < 0 ? "，较上年减少" + v : "，与上年持平";
            else
                points += d > 0   ? " (up " + v + " on the year before)"
                          : d < 0 ? " (down " + v + " on the year before)"
                                  : " (as the year before)";
        }
    } else {
        points = w("党建e家积分暂无记录", "no Party e-home points recorded");
    }
    // The problems raised, by category (the categories with none left out).
    std::string categories;
    for (const auto& t : o.problems_by_category)
        if (t.raised > 0)
            categories += (categories.empty() ? "" : (w.zh() ? "、" : ", ")) +
                          w.term(vocab::problem_categories(), t.category) + (w.zh() ? "" : " ") +
                          std::to_string(t.raised) + (w.zh() ? "个" : "");
    if (w.zh())
        s.paragraphs.push_back(fmt::format(
            "组织有巩固（软弱涣散摘帽{}个，现有软弱涣散{}个，典型{}个，新建{}个，补齐书记{}个）；"
            "党员有提升（{}；表彰党员{}名）；作用有发挥（志愿服务{}场、{}人次，表彰党组织{}个，"
            "实训基地{}个）；企业有发展（部长会客厅{}场，收集问题{}个，解决{}个）。{}",
            o.weak_delisted.size(), o.weak_now, o.typical_now, o.founded.size(),
            o.secretary_filled.size(), points, o.members_honored, o.volunteer_activities,
            o.volunteer_participants, o.orgs_honored, o.training_bases, o.receptions,
            o.problems_raised, o.problems_resolved,
            categories.empty() ? "" : "本月收集的问题按类别：" + categories + "。"));
    else
        s.paragraphs.push_back(fmt::format(
            "Organisations consolidated: {} delisted as weak, {} weak now, {} typical, {} "
            "founded, {} filled. Members improved: {}; {} honoured. Role played: {} with {}, "
            "{} honoured, {}. Enterprises developed: {} (部长会客厅), {} raised, {} resolved.{}",
            plural(o.weak_delisted.size(), "organisation"), o.weak_now, o.typical_now,
            o.founded.size(), plural(o.secretary_filled.size(), "secretary post"), points,
            plural(o.members_honored, "member"),
            plural(o.volunteer_activities, "volunteer activity"),
            plural(o.volunteer_participants, "participant"), plural(o.orgs_honored, "organisation"),
            plural(o.training_bases, "training base"), plural(o.receptions, "reception"),
            plural(o.problems_raised, "problem"), o.problems_resolved,
            categories.empty() ? "" : " Problems raised by category: " + categories + "."));

    DocTable t;
    t.key = "outcomes";
    t.title = w("“四有”指标", "The four outcomes");
    t.columns = {
        col(w, "group", "方面", "Outcome"), col(w, "measure", "指标代码", "Key", CellKind::code),
        col(w, "label", "指标", "Measure"), col(w, "value", "数值", "Value", CellKind::integer)};
    auto add = [&](std::string_view group_zh, std::string_view group_en, std::string_view key,
                   Cell value) {
        t.rows.push_back({w.cell(group_en, group_zh, group_en), std::string(key),
                          w.term(rules::outcome_measures(), key), std::move(value)});
    };
    auto opt = [](const std::optional<double>& v) { return v ? Cell(*v) : Cell(); };
    add("组织有巩固", "organisations", "weak_delisted",
        static_cast<long long>(o.weak_delisted.size()));
    add("组织有巩固", "organisations", "weak_now", o.weak_now);
    add("组织有巩固", "organisations", "typical_now", o.typical_now);
    add("组织有巩固", "organisations", "founded", static_cast<long long>(o.founded.size()));
    add("组织有巩固", "organisations", "secretary_filled",
        static_cast<long long>(o.secretary_filled.size()));
    add("党员有提升", "members", "points_average", opt(o.points_average));
    add("党员有提升", "members", "points_change", opt(o.points_change));
    add("党员有提升", "members", "members_honored", o.members_honored);
    add("作用有发挥", "role", "volunteer_activities", o.volunteer_activities);
    add("作用有发挥", "role", "volunteer_participants", o.volunteer_participants);
    add("作用有发挥", "role", "orgs_honored", o.orgs_honored);
    add("作用有发挥", "role", "training_bases", o.training_bases);
    add("企业有发展", "enterprises", "receptions", o.receptions);
    add("企业有发展", "enterprises", "problems_raised", o.problems_raised);
    add("企业有发展", "enterprises", "problems_resolved", o.problems_resolved);
    add("企业有发展", "enterprises", "problems_open", o.problems_open);
    s.tables.push_back(std::move(t));

    DocTable c;
    c.key = "problem_categories";
    c.title = w("部长会客厅问题分类", "Problems by category");
    c.columns = {col(w, "category", "类别", "Category"),
                 col(w, "raised", "收集", "Raised", CellKind::integer),
                 col(w, "resolved", "解决", "Resolved", CellKind::integer),
                 col(w, "open", "未解决", "Open", CellKind::integer)};
    for (const auto& p : o.problems_by_category)
        c.rows.push_back(
            {w.cell(vocab::problem_categories(), p.category), p.raised, p.resolved, p.open});
    s.tables.push_back(std::move(c));
    return s;
}

// ---- 六、部长会客厅问题办理 ----

constexpr long k_old_days = 30;

Section problems_section(const MonthlyReport& r, const Words& w) {
    const auto& p = r.problems;
    Section s;
    s.key = "problems";
    s.heading = w("六、部长会客厅问题办理", "6. Problems raised at 部长会客厅");
    s.counts = w("统计口径：本月收集和解决的问题，月末仍未解决的问题（超过30天的列在最前）。",
                 "Counts: problems raised and resolved in the month, and those still open at its "
                 "end (open over 30 days first).");
    long old = 0;
    for (const auto& m : p.open)
        old += m.days_open > k_old_days ? 1 : 0;
    s.paragraphs.push_back(
        w.zh()
            ? fmt::format("本月收集问题{}个，解决{}个；截至月末尚未解决{}个，其中超过30天的{}个。",
                          p.raised.size(), p.resolved.size(), p.open.size(), old)
            : fmt::format("This month {} problems were raised and {} resolved; {} are still "
                          "open at its end, {} of them for over 30 days.",
                          p.raised.size(), p.resolved.size(), p.open.size(), old));
    DocTable t;
    t.key = "problems";
    t.title = w("问题清单", "Problems");
    t.columns = {col(w, "state", "状态", "State"),
                 col(w, "id", "编号", "ID", CellKind::code),
                 col(w, "org", "党组织代码", "Org", CellKind::code),
                 col(w, "org_name", "党组织", "Org name"),
                 col(w, "category", "类别", "Category"),
                 col(w, "raised", "提出日期", "Raised", CellKind::date),
                 col(w, "resolved", "解决日期", "Resolved", CellKind::date),
                 col(w, "days_open", "历时(天)", "Days", CellKind::integer),
                 col(w, "text", "问题", "Problem")};
    auto add = [&](const MonthlyProblem& m, std::string_view key, std::string_view zh,
                   std::string_view en) {
        const Problem& q = m.problem;
        t.rows.push_back(
            {w.cell(key, zh, en), std::to_string(q.id), q.org, text_or_null(m.org_name),
             w.cell(vocab::problem_categories(), q.category), format_date(q.raised),
             q.resolved && !(r.last < *q.resolved) ? Cell(format_date(*q.resolved)) : Cell(),
             m.days_open, q.text});
    };
    for (const auto& m : p.open)
        if (m.days_open > k_old_days)
            add(m, "open_over_30_days", "超过30天未解决", "open over 30 days");
    for (const auto& m : p.resolved)
        add(m, "resolved", "本月解决", "resolved this month");
    for (const auto& m : p.open)
        if (m.days_open <= k_old_days)
            add(m, "open", "未解决", "open");
    t.empty_note = w("本月无未解决或本月解决的问题。", "No problem open or resolved this month.");
    s.tables.push_back(std::move(t));
    return s;
}

// ---- 附表 ----

Section appendix_section(const MonthlyReport& r, const Words& w,
                         const std::map<std::string, std::string>& committees) {
    Section s;
    s.key = "appendix";
    s.heading = w("附表", "Appendix");
    s.counts = w("统计口径：月末运行中的联建片及其党组织；变化为与上月末相比（▲增加，▼减少）。",
                 "Counts: the active clusters and their organisations at the end of the month; "
                 "changes against the end of the month before (▲ up, ▼ down).");

    DocTable k;
    k.key = "clusters";
    k.title = w("附表1 联建片运行情况", "Table 1. Clusters");
    k.columns = {col(w, "code", "联建片代码", "Code", CellKind::code),
                 col(w, "name", "联建片", "Cluster"),
                 col(w, "committee_name", "党委", "Committee"),
                 col(w, "principle", "组建方式", "Principle"),
                 col(w, "lead", "牵头党组织代码", "Lead", CellKind::code),
                 col(w, "lead_name", "牵头党组织", "Lead name"),
                 col(w, "orgs", "党组织", "Orgs", CellKind::integer),
                 col(w, "orgs_change", "较上月", "Change", CellKind::delta),
                 col(w, "members", "党员", "Members", CellKind::integer),
                 col(w, "members_change", "较上月", "Change", CellKind::delta),
                 col(w, "meetings", "书记例会", "Meetings", CellKind::integer),
                 col(w, "points", "积分", "Points", CellKind::integer),
                 col(w, "flag_name", "流动红旗", "Red flag")};
    for (const auto& c : r.clusters)
        k.rows.push_back({c.code, c.name, c.committee_name,
                          w.cell(vocab::principles(), c.principle), text_or_null(c.lead),
                          text_or_null(c.lead_name), c.orgs, delta_of(c.orgs, c.orgs_before),
                          c.members, delta_of(c.members, c.members_before), c.meetings, c.points,
                          text_or_null(c.flag_name)});
    k.empty_note = w("本月无运行中的联建片。", "No active cluster this month.");
    s.tables.push_back(std::move(k));

    // Each cluster's rules in one row.
    std::vector<std::string> rules_seen;
    std::map<std::string, std::map<std::string, rules::Status>> status;
    for (const auto& m : r.compliance)
        if (m.row.scope == rules::Scope::cluster) {
            if (std::find(rules_seen.begin(), rules_seen.end(), m.row.rule) == rules_seen.end())
                rules_seen.push_back(m.row.rule);
            status[m.row.code][m.row.rule] = m.row.status;
        }
    DocTable d;
    d.key = "compliance_detail";
    d.title = w("附表2 制度落实明细", "Table 2. Regular work by cluster");
    d.columns = {col(w, "code", "联建片代码", "Code", CellKind::code),
                 col(w, "name", "联建片", "Cluster"),
                 col(w, "committee_name", "党委", "Committee")};
    for (const auto& rule : rules_seen)
        d.columns.push_back({rule, w.term(rules::rule_terms(), rule), CellKind::text});
    for (const auto& c : r.clusters) {
        std::vector<Cell> row{c.code, c.name, c.committee_name};
        const auto it = status.find(c.code);
        for (const auto& rule : rules_seen) {
            if (it == status.end() || !it->second.contains(rule))
                row.push_back(Cell());
            else
                row.push_back(
                    w.cell(rules::status_terms(), rules::status_key(it->second.at(rule))));
        }
        d.rows.push_back(std::move(row));
    }
    d.empty_note = w("本月无运行中的联建片。", "No active cluster this month.");
    s.tables.push_back(std::move(d));

    DocTable p;
    p.key = "points";
    p.title = w("附表3 积分明细", "Table 3. Points by cluster");
    p.columns = {col(w, "code", "联建片代码", "Code", CellKind::code),
                 col(w, "name", "联建片", "Cluster"),
                 col(w, "committee_name", "党委", "Committee"),
                 col(w, "points", "本月积分", "Points", CellKind::integer),
                 col(w, "points_before", "上月积分", "Last month", CellKind::integer),
                 col(w, "points_change", "较上月", "Change", CellKind::delta),
                 col(w, "flag", "红旗单位代码", "Flag holder", CellKind::code),
                 col(w, "flag_name", "流动红旗", "Red flag")};
    for (const auto& c : r.clusters)
        p.rows.push_back({c.code, c.name, c.committee_name, c.points,
                          c.points_before ? Cell(*c.points_before) : Cell(),
                          delta_of(c.points, c.points_before), text_or_null(c.flag),
                          text_or_null(c.flag_name)});
    p.empty_note = w("本月无运行中的联建片。", "No active cluster this month.");
    s.tables.push_back(std::move(p));

    DocTable o;
    o.key = "subsidy_orgs";
    o.title = w("附表4 补贴明细", "Table 4. Funding by organisation");
    o.columns = {col(w, "org", "党组织代码", "Org", CellKind::code),
                 col(w, "name", "党组织", "Org name"),
                 col(w, "committee_name", "党委", "Committee"),
                 col(w, "cluster", "联建片代码", "Cluster", CellKind::code)};
    for (auto& c : subsidy_columns(w))
        o.columns.push_back(std::move(c));
    for (const auto& l : r.subsidies.orgs) {
        std::vector<Cell> row{l.org, l.name, name_in(committees, l.committee), l.cluster};
        for (auto& c : subsidy_cells(l))
            row.push_back(std::move(c));
        o.rows.push_back(std::move(row));
    }
    o.empty_note = w("本月无入片党组织，无补贴。", "No clustered organisation: no funding.");
    s.tables.push_back(std::move(o));
    return s;
}

} // namespace

std::span<const std::string_view> monthly_table_keys() {
    return k_table_keys;
}

std::span<const std::string_view> monthly_section_keys() {
    return k_section_keys;
}

Document monthly_document(const MonthlyReport& r, const DocOptions& options) {
    const Words w(options);
    Document doc;
    doc.lang = options.lang;
    doc.title = w.zh() ? fmt::format("{}“两新”组织“1+X”联建片{}工作月报", options.district,
                                     w.month(r.month))
                       : fmt::format("{} “Two New” Organisations, “1+X” Clusters: Monthly Report, "
                                     "{}",
                                     options.district, w.month(r.month));
    std::vector<std::string> parts;
    if (!options.office.empty())
        parts.push_back(options.office);
    parts.push_back(w("数据截至 ", "Figures as of ") + format_date(r.last));
    if (!options.generated.empty())
        parts.push_back(w("生成于 ", "Generated ") + options.generated);
    for (const auto& part : parts)
        doc.subtitle += (doc.subtitle.empty() ? "" : " · ") + part;
    doc.file_stem = "hlpb-monthly-" + format_month(r.month);

    const auto committees = committee_names(r);
    doc.sections.push_back(coverage_section(r, w));
    doc.sections.push_back(compliance_section(r, w, committees));
    doc.sections.push_back(flags_section(r, w, committees));
    doc.sections.push_back(subsidies_section(r, w));
    doc.sections.push_back(outcomes_section(r, w));
    doc.sections.push_back(problems_section(r, w));
    doc.sections.push_back(appendix_section(r, w, committees));
    return doc;
}

} // namespace hlpb::report
