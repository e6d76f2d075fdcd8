// report::annual_document: the annual report (年度工作报告) as a Document, in the tone of
// ../shared/report-outline.md: numbered sections, a first paragraph of figures in sentences,
// tables after the text, an appendix of the clusters' year. Every figure is the AnnualReport's.
#include <hlpb/report/annual.hpp>
#include <hlpb/rules/compliance.hpp>
#include <hlpb/vocab.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <map>

namespace hlpb::report {
namespace {

using nlohmann::json;

struct Words {
    Lang lang;
    bool keys = false; // enumerated values in table cells as their keys (csv)
    const char* operator()(const char* zh, const char* en) const {
        return lang == Lang::zh ? zh : en;
    }
    bool zh() const { return lang == Lang::zh; }
    // A yes/no or enumerated value in a table cell: its key for a machine format.
    std::string cell(const char* key, const char* zh, const char* en) const {
        return keys ? key : (*this)(zh, en);
    }
};

std::string percent(long part, long whole) {
    if (whole == 0)
        return "—";
    return fmt::format("{:.1f}%", 100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

// CNY in prose: whole amounts without decimals, else two.
std::string yuan(long long fen) {
    if (fen % 100 == 0)
        return fmt::format("{}", fen / 100);
    return fmt::format("{:.2f}", static_cast<double>(fen) / 100.0);
}

json money(long long fen) {
    return static_cast<double>(fen) / 100.0;
}

json share(const std::optional<double>& v) {
    return v ? json(*v) : json();
}

std::string day_words(const Date& d, const Words& w) {
    if (w.zh())
        return fmt::format("{}年{}月{}日", static_cast<int>(d.year()),
                           static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return format_date(d);
}

std::string month_label(const Month& m, const Words& w) {
    if (w.zh())
        return fmt::format("{}月", static_cast<unsigned>(m.month()));
    return format_month(m);
}

std::string status_label(const std::optional<rules::Status>& s, const Words& w) {
    if (!s)
        return "—";
    const std::string key(rules::status_key(*s));
    return vocab::label(rules::status_terms(), key, w.zh() ? "zh" : "en");
}

// A label inside an English sentence: "Due" reads "due" there (Chinese has no case).
std::string in_sentence(std::string label) {
    if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z' &&
        (label.size() < 2 || !(label[1] >= 'A' && label[1] <= 'Z')))
        label[0] = static_cast<char>(label[0] - 'A' + 'a');
    return label;
}

// A status in a table cell: its label, or its key (empty: not subject) for a machine format.
std::string status_cell(const std::optional<rules::Status>& s, const Words& w) {
    if (w.keys)
        return s ? std::string(rules::status_key(*s)) : std::string();
    return status_label(s, w);
}

// A month's meeting status in the appendix grid: ✓ done, ✗ missed, … due, — not subject (csv:
// done, missed, due, empty).
std::string mark(const std::optional<rules::Status>& s, const Words& w) {
    if (w.keys)
        return s ? std::string(rules::status_key(*s)) : std::string();
    if (!s)
        return "—";
    switch (*s) {
    case rules::Status::done:
        return "✓";
    case rules::Status::missed:
        return "✗";
    case rules::Status::due:
        return "…";
    }
    return "";
}

DocColumn col(const char* key, const char* label, CellKind kind) {
    return {key, label, kind};
}

Section overview(const AnnualReport& r, const Words& w) {
    Section s;
    s.key = "overview";
    s.heading = w("一、全年总体情况", "1. The year at a glance");
    s.counts = w("按月统计月末的“两新”党组织、党员和联建片覆盖情况。",
                 "Two-new organisations, members and cluster coverage at the end of each month.");
    const AnnualMonth& first = r.months.front();
    const AnnualMonth& last = r.months.back();
    const auto& c = last.coverage;
    const long dissolved = static_cast<long>(std::count_if(
        r.clusters.begin(), r.clusters.end(), [](const auto& k) { return k.dissolved; }));
    const long founded = static_cast<long>(
        std::count_if(r.clusters.begin(), r.clusters.end(),
                      [&](const AnnualCluster& k) { return k.established >= r.first; }));
    if (w.zh())
        s.paragraphs.push_back(
            fmt::format("{}年{}，全区“两新”党组织由年初（1月末）的{}个变为{}个，党员由{}名变为{}"
                        "名。{}月末共有“1+X”联建片{}个，覆盖“两新”党组织{}个、党员{}名，覆盖率"
                        "{}；全年新建联建片{}个，撤销{}个。",
                        r.year, r.complete ? "" : fmt::format("（截至{}）", day_words(r.last, w)),
                        first.coverage.two_new_orgs, c.two_new_orgs, first.coverage.two_new_members,
                        c.two_new_members, static_cast<unsigned>(last.month.month()),
                        c.active_clusters, c.clustered_orgs, last.clustered_members,
                        percent(c.clustered_orgs, c.two_new_orgs), founded, dissolved));
    else
        s.paragraphs.push_back(fmt::format(
            "In {}{}, two-new Party organisations went from {} (end of January) to {}, members "
            "from {} to {}. At the end of {} there were {} \"1+X\" clusters covering {} "
            "organisations and {} members ({} coverage). Clusters established in the year: {}; "
            "dissolved: {}.",
            r.year, r.complete ? "" : fmt::format(" (to {})", format_date(r.last)),
            first.coverage.two_new_orgs, c.two_new_orgs, first.coverage.two_new_members,
            c.two_new_members, format_month(last.month), c.active_clusters, c.clustered_orgs,
            last.clustered_members, percent(c.clustered_orgs, c.two_new_orgs), founded, dissolved));

    DocTable t;
    t.key = "months_coverage";
    t.title = w("表1 各月覆盖情况", "Table 1 Coverage by month");
    t.columns = {col("month", w("月份", "Month"), CellKind::code),
                 col("two_new_orgs", w("两新党组织", "Orgs"), CellKind::integer),
                 col("two_new_members", w("党员", "Members"), CellKind::integer),
                 col("active_clusters", w("联建片", "Clusters"), CellKind::integer),
                 col("clustered_orgs", w("入片党组织", "Clustered orgs"), CellKind::integer),
                 col("clustered_members", w("入片党员", "Clustered members"), CellKind::integer),
                 col("cluster_coverage", w("覆盖率", "Coverage"), CellKind::percent)};
    for (const auto& m : r.months)
        t.rows.push_back({format_month(m.month), m.coverage.two_new_orgs,
                          m.coverage.two_new_members, m.coverage.active_clusters,
                          m.coverage.clustered_orgs, m.clustered_members,
                          share(rules::exact_shares(m.coverage).cluster_coverage)});
    s.tables.push_back(std::move(t));
    return s;
}

Section compliance(const AnnualReport& r, const Words& w) {
    Section s;
    s.key = "compliance";
    s.heading = w("二、制度落实情况", "2. Rules kept");
    s.counts = w("书记例会按联建片·月统计，主题党日按联建片·半年统计，年度讲评、联建工作会议和牵头"
                 "书记培训按年统计。",
                 "Secretary meetings per cluster and month, theme days per cluster and "
                 "half-year; reviews, work meetings and the training per year.");
    long required = 0, held = 0, missed = 0;
    for (const auto& m : r.months) {
        required += m.meetings_required;
        held += m.meetings_held;
        missed += m.meetings_missed;
    }
    long theme_required = 0, theme_held = 0, theme_missed = 0, review_done = 0, review_missed = 0,
         review_due = 0;
    for (const auto& k : r.clusters) {
        theme_required += k.theme_days_required;
        theme_held += k.theme_days_held;
        theme_missed += (k.theme_day_h1 == rules::Status::missed ? 1 : 0) +
                        (k.theme_day_h2 == rules::Status::missed ? 1 : 0);
        if (k.review == rules::Status::done)
            ++review_done;
        else if (k.review == rules::Status::missed)
            ++review_missed;
        else if (k.review == rules::Status::due)
            ++review_due;
    }
    long work_done = 0;
    for (const auto& k : r.committees)
        work_done += k.work_meeting == rules::Status::done;
    const std::string training = r.training == rules::Status::done && r.training_date
                                     ? fmt::format(fmt::runtime(w("已完成（{}）", "done ({})")),
                                                   day_words(*r.training_date, w))
                                     : status_label(r.training, w);
    const long meetings_due = required - held - missed;
    const long themes_due = theme_required - theme_held - theme_missed;
    if (w.zh()) {
        s.paragraphs.push_back(
            fmt::format("书记例会：全年应开{}个（联建片·月），已开{}个，未开{}个{}，落实率{}。"
                        "联建片主题党日（半年）：应开{}个，已开{}个，未开{}个{}。",
                        required, held, missed,
                        meetings_due > 0 ? fmt::format("，{}个待开", meetings_due) : std::string(),
                        percent(held, required), theme_required, theme_held, theme_missed,
                        themes_due > 0 ? fmt::format("，{}个待开", themes_due) : std::string()));
        s.paragraphs.push_back(fmt::format(
            "年度讲评：{}个联建片已完成，{}个未完成{}。联建工作会议：{}个两新组织党委中{}"
            "个已召开。牵头书记培训：{}。",
            review_done, review_missed,
            review_due > 0 ? fmt::format("，{}个待完成", review_due) : std::string(),
            r.committees.size(), work_done, training));
    } else {
        s.paragraphs.push_back(fmt::format(
            "Secretary meetings: {} due in the year (cluster × month), {} held, {} missed{} ({} "
            "kept). Theme days (half-yearly): {} due, {} held, {} missed{}.",
            required, held, missed,
            meetings_due > 0 ? fmt::format(", {} still due", meetings_due) : std::string(),
            percent(held, required), theme_required, theme_held, theme_missed,
            themes_due > 0 ? fmt::format(", {} still due", themes_due) : std::string()));
        s.paragraphs.push_back(fmt::format(
            "Year's review, by cluster: {} done, {} missed{}. Work meetings: held by {} of {} "
            "committees. Lead secretaries' training: {}.",
            review_done, review_missed,
            review_due > 0 ? fmt::format(", {} still due", review_due) : std::string(), work_done,
            r.committees.size(), in_sentence(training)));
    }

    DocTable t;
    t.key = "months_meetings";
    t.title = w("表2 各月书记例会", "Table 2 Secretary meetings by month");
    t.columns = {col("month", w("月份", "Month"), CellKind::code),
                 col("meetings_required", w("应开", "Due"), CellKind::integer),
                 col("meetings_held", w("已开", "Held"), CellKind::integer),
                 col("meetings_missed", w("未开", "Missed"), CellKind::integer),
                 col("meetings", w("例会场次", "Meetings"), CellKind::integer)};
    Chart chart;
    chart.key = "meetings_by_month";
    chart.title = w("各月书记例会：应开与已开", "Secretary meetings by month: due and held");
    chart.unit = w("个", "clusters");
    Chart::Series due{w("应开", "Due"), {}}, done{w("已开", "Held"), {}};
    for (const auto& m : r.months) {
        t.rows.push_back({format_month(m.month), m.meetings_required, m.meetings_held,
                          m.meetings_missed, m.meetings});
        chart.categories.push_back(month_label(m.month, w));
        due.values.push_back(static_cast<double>(m.meetings_required));
        done.values.push_back(static_cast<double>(m.meetings_held));
    }
    chart.series = {std::move(due), std::move(done)};
    s.tables.push_back(std::move(t));

    DocTable c;
    c.key = "committees";
    c.title = w("表3 各党委全年制度落实", "Table 3 Committees over the year");
    c.columns = {col("committee", w("编码", "Code"), CellKind::code),
                 col("name", w("两新组织党委", "Committee"), CellKind::text),
                 col("clusters", w("联建片", "Clusters"), CellKind::integer),
                 col("meetings_required", w("例会应开", "Meetings due"), CellKind::integer),
                 col("meetings_held", w("例会已开", "Meetings held"), CellKind::integer),
                 col("work_meeting", w("联建工作会议", "Work meeting"), CellKind::text),
                 col("work_meeting_date", w("召开日期", "Date"), CellKind::date)};
    for (const auto& k : r.committees)
        c.rows.push_back({k.code, k.name, k.clusters, k.meetings_required, k.meetings_held,
                          status_cell(k.work_meeting, w),
                          k.work_meeting_date ? json(format_date(*k.work_meeting_date)) : json()});
    s.tables.push_back(std::move(c));
    s.charts.push_back(std::move(chart));
    return s;
}

Section flags(const AnnualReport& r, const Words& w) {
    Section s;
    s.key = "flags";
    s.heading = w("三、积分评比与流动红旗", "3. Points and the red flag");
    s.counts = w("每月每个联建片评出一面流动红旗（无正分不评）。",
                 "One red flag a month per cluster (none without a positive total).");
    long total = 0, without = 0, open = 0;
    for (const auto& m : r.months) {
        total += m.flags;
        without += m.clusters_without_flag;
        open += m.flags_recorded ? 0 : 1;
    }
    if (w.zh())
        s.paragraphs.push_back(fmt::format(
            "全年共评出流动红旗{}面，{}个（联建片·月）无正分未评。{}", total, without,
            open > 0 ? fmt::format("其中{}个月尚未评定（score award），按当前积分计算。", open)
                     : std::string("各月均已评定。")));
    else
        s.paragraphs.push_back(fmt::format(
            "Red flags awarded in the year: {}; cluster-months without a positive total: {}. {}",
            total, without,
            open > 0 ? fmt::format("Months not closed yet (score award): {}; their flags are "
                                   "computed from the points so far.",
                                   open)
                     : std::string("Every month is closed.")));

    DocTable t;
    t.key = "months_flags";
    t.title = w("表4 各月流动红旗", "Table 4 Red flags by month");
    t.columns = {
        col("month", w("月份", "Month"), CellKind::code),
        col("flags", w("流动红旗", "Flags"), CellKind::integer),
        col("clusters_without_flag", w("未评联建片", "Clusters without"), CellKind::integer),
        col("flags_recorded", w("已评定", "Closed"), CellKind::text)};
    for (const auto& m : r.months)
        t.rows.push_back(
            {format_month(m.month), m.flags, m.clusters_without_flag,
             m.flags_recorded ? w.cell("yes", "是", "yes") : w.cell("no", "否", "no")});
    s.tables.push_back(std::move(t));

    Chart chart;
    chart.key = "flags_by_committee";
    chart.title = w("各党委全年流动红旗", "Red flags of the year by committee");
    chart.unit = w("面", "flags");
    Chart::Series series{"", {}};
    for (const auto& k : r.committees) {
        chart.categories.push_back(k.name);
        series.values.push_back(static_cast<double>(k.flags));
    }
    chart.series = {std::move(series)};
    s.charts.push_back(std::move(chart));
    return s;
}

Section subsidies(const AnnualReport& r, const Words& w) {
    Section s;
    s.key = "subsidies";
    s.heading = w("四、经费保障", "4. Subsidies");
    s.counts = w("各月月末在片党组织的书记通讯补贴和党员活动经费当月计提，全年合计。",
                 "Each month's secretary stipends and members' activity funds accrued for the "
                 "orgs in a cluster at its end, summed over the year.");
    if (w.zh())
        s.paragraphs.push_back(fmt::format("全年书记通讯补贴{}元，党员活动经费计提{}元，合计{}元。",
                                           yuan(r.secretary_fen), yuan(r.member_fen),
                                           yuan(r.secretary_fen + r.member_fen)));
    else
        s.paragraphs.push_back(fmt::format(
            "Secretary stipends of the year: CNY {}; members' activity funds accrued: CNY {}; "
            "in all CNY {}.",
            yuan(r.secretary_fen), yuan(r.member_fen), yuan(r.secretary_fen + r.member_fen)));
    DocTable t;
    t.key = "months_subsidies";
    t.title = w("表5 各月经费", "Table 5 Subsidies by month");
    t.columns = {
        col("month", w("月份", "Month"), CellKind::code),
        col("secretaries", w("书记", "Secretaries"), CellKind::integer),
        col("secretary_total", w("通讯补贴（元）", "Stipends (CNY)"), CellKind::money),
        col("members", w("党员", "Members"), CellKind::integer),
        col("member_month_total", w("活动经费计提（元）", "Funds accrued (CNY)"), CellKind::money)};
    for (const auto& m : r.months)
        t.rows.push_back({format_month(m.month), m.subsidies.secretaries,
                          money(m.subsidies.secretary_fen), m.subsidies.members,
                          money(m.subsidies.member_month_fen)});
    s.tables.push_back(std::move(t));
    DocTable c;
    c.key = "committees_subsidies";
    c.title = w("表6 各党委全年经费", "Table 6 Subsidies of the year by committee");
    c.columns = {col("committee", w("编码", "Code"), CellKind::code),
                 col("name", w("两新组织党委", "Committee"), CellKind::text),
                 col("secretary_total", w("通讯补贴（元）", "Stipends (CNY)"), CellKind::money),
                 col("member_total", w("活动经费（元）", "Funds (CNY)"), CellKind::money)};
    for (const auto& k : r.committees)
        c.rows.push_back({k.code, k.name, money(k.secretary_fen), money(k.member_fen)});
    c.empty_note = w("全年无经费。", "No subsidies in the year.");
    s.tables.push_back(std::move(c));
    return s;
}

Section outcomes(const AnnualReport& r, const Words& w) {
    Section s;
    s.key = "outcomes";
    s.heading = w("五、工作成效（“四有”）", "5. Outcomes (the four gains)");
    s.counts = w("全年（1月1日至12月31日）的事件，状态按年末。",
                 "Events of the year (January 1 to December 31); states at its end.");
    const rules::Outcomes& o = r.outcomes;
    const auto avg = [](const std::optional<double>& v) {
        return v ? fmt::format("{:.2f}", *v) : std::string("—");
    };
    const auto change = [](const std::optional<double>& v) {
        return v ? fmt::format("{:+.2f}", *v) : std::string("—");
    };
    if (w.zh()) {
        std::string categories;
        for (const auto& t : o.problems_by_category)
            if (t.raised > 0) // as the monthly report: a category with nothing raised is left out
                categories += fmt::format(
                    "{}{}{}个", categories.empty() ? "" : "、",
                    vocab::label(vocab::problem_categories(), t.category, "zh"), t.raised);
        if (!categories.empty())
            categories = "（按类别：" + categories + "）";
        s.paragraphs.push_back(fmt::format(
            "组织有巩固：软弱涣散摘帽{}个，现有软弱涣散{}个，典型{}个，新建{}个，补齐书记"
            "{}个。党员有提升：党建e家积分人均{}，较上年{}；表彰党员{}"
            "名。作用有发挥：志愿服务"
            "{}场、{}人次，表彰党组织{}个，实训基地{}个。企业有发展：部长会客厅{}"
            "场，收集问题"
            "{}个，解决{}个{}。",
            o.weak_delisted.size(), o.weak_now, o.typical_now, o.founded.size(),
            o.secretary_filled.size(), avg(o.points_average), change(o.points_change),
            o.members_honored, o.volunteer_activities, o.volunteer_participants, o.orgs_honored,
            o.training_bases, o.receptions, o.problems_raised, o.problems_resolved, categories));
    } else {
        s.paragraphs.push_back(fmt::format(
            "Organisations: {} weak ones delisted, {} weak now, {} typical, {} founded, {} "
            "secretaries filled. Members: average e-home points {} ({} on last year); {} members "
            "honoured. Role: {} volunteer activities with {} participants, {} organisations "
            "honoured, {} training bases. Enterprises: {} receptions, {} problems raised, {} "
            "resolved.",
            o.weak_delisted.size(), o.weak_now, o.typical_now, o.founded.size(),
            o.secretary_filled.size(), avg(o.points_average), change(o.points_change),
            o.members_honored, o.volunteer_activities, o.volunteer_participants, o.orgs_honored,
            o.training_bases, o.receptions, o.problems_raised, o.problems_resolved));
    }
    DocTable t;
    t.key = "months_outcomes";
    t.title = w("表7 各月工作成效", "Table 7 Outcomes by month");
    const std::string lang = w.zh() ? "zh" : "en";
    auto measure = [&](const char* key, const char* en) {
        return DocColumn{key, w.zh() ? vocab::label(rules::outcome_measures(), key, lang) : en,
                         CellKind::integer};
    };
    t.columns = {col("month", w("月份", "Month"), CellKind::code),
                 measure("weak_delisted", "Weak delisted"),
                 measure("founded", "Founded"),
                 measure("secretary_filled", "Secretaries filled"),
                 measure("members_honored", "Members honoured"),
                 measure("volunteer_activities", "Volunteer activities"),
                 measure("receptions", "Receptions"),
                 measure("problems_raised", "Problems raised"),
                 measure("problems_resolved", "Problems resolved")};
    for (const auto& m : r.months) {
        const auto& x = m.outcomes;
        t.rows.push_back({format_month(m.month), x.weak_delisted.size(), x.founded.size(),
                          x.secretary_filled.size(), x.members_honored, x.volunteer_activities,
                          x.receptions, x.problems_raised, x.problems_resolved});
    }
    s.tables.push_back(std::move(t));
    return s;
}

Section clusters(const AnnualReport& r, const Words& w) {
    Section s;
    s.key = "clusters";
    s.heading = w("附表", "Appendix");
    s.counts = w("年内任一月末在运行的联建片，各项按其在运行的月份和半年统计。",
                 "Every cluster active at the end of some month of the year, counted over the "
                 "months and half-years it was subject to each rule.");
    const std::string lang = w.zh() ? "zh" : "en";
    DocTable t;
    t.key = "clusters";
    t.title = w("附表1 联建片年度情况", "Appendix 1 The clusters' year");
    t.columns = {
        col("code", w("编码", "Code"), CellKind::code),
        col("name", w("联建片", "Cluster"), CellKind::text),
        col("committee_name", w("两新组织党委", "Committee"), CellKind::text),
        col("principle", w("划片原则", "Principle"), CellKind::text),
        col("lead_name", w("牵头党组织", "Lead"), CellKind::text),
        col("orgs", w("党组织", "Orgs"), CellKind::integer),
        col("members", w("党员", "Members"), CellKind::integer),
        col("months_subject", w("例会应开（月）", "Meetings due (months)"), CellKind::integer),
        col("meetings_held", w("例会已开（月）", "Meetings held (months)"), CellKind::integer),
        col("theme_days_required", w("主题党日应开", "Theme days due"), CellKind::integer),
        col("theme_days_held", w("主题党日已开", "Theme days held"), CellKind::integer),
        col("review", w("年度讲评", "Review"), CellKind::text),
        col("flags", w("流动红旗", "Red flags"), CellKind::integer),
        col("dissolved", w("撤销日期", "Dissolved"), CellKind::date)};
    DocTable g;
    g.key = "clusters_meetings";
    g.title = w("附表2 书记例会逐月情况（✓ 已开 ✗ 未开 … 待开 — 不适用）",
                "Appendix 2 Secretary meetings month by month (✓ held ✗ missed … due — n/a)");
    g.columns = {col("code", w("编码", "Code"), CellKind::code),
                 col("name", w("联建片", "Cluster"), CellKind::text)};
    for (const auto& m : r.months)
        g.columns.push_back({format_month(m.month), month_label(m.month, w), CellKind::text});
    for (const auto& k : r.clusters) {
        t.rows.push_back(
            {k.code, k.name, k.committee_name,
             w.keys ? k.principle : vocab::label(vocab::principles(), k.principle, lang),
             k.lead_name.empty() ? json() : json(k.lead_name), k.orgs, k.members, k.months_subject,
             k.meetings_held, k.theme_days_required, k.theme_days_held, status_cell(k.review, w),
             k.flags, k.dissolved ? json(format_date(*k.dissolved)) : json()});
        std::vector<Cell> row{k.code, k.name};
        for (const auto& st : k.meeting_status)
            row.push_back(mark(st, w));
        g.rows.push_back(std::move(row));
    }
    t.empty_note = g.empty_note = w("年内无联建片。", "No cluster in the year.");
    s.tables.push_back(std::move(t));
    s.tables.push_back(std::move(g));
    return s;
}

} // namespace

Document annual_document(const AnnualReport& r, const DocOptions& o) {
    const Words w{o.lang, o.keys};
    Document doc;
    doc.lang = o.lang;
    doc.file_stem = fmt::format("hlpb-annual-{}", r.year);
    doc.title = w.zh() ? fmt::format("{}“两新”组织“1+X”联建片{}年度工作报告", o.district, r.year)
                       : fmt::format("{} \"1+X\" Clusters of Two-New Organisations: Annual "
                                     "Report {}",
                                     o.district, r.year);
    std::vector<std::string> parts;
    if (!o.office.empty())
        parts.push_back(o.office);
    parts.push_back(fmt::format(fmt::runtime(w("数据截至 {}{}", "figures to {}{}")),
                                format_date(r.last),
                                r.complete ? "" : w("（年度未结束）", " (the year not ended)")));
    if (!o.generated.empty())
        parts.push_back(fmt::format(fmt::runtime(w("生成于 {}", "generated {}")), o.generated));
    doc.subtitle = fmt::format("{}", fmt::join(parts, " · "));
    if (r.months.empty()) {
        Section s;
        s.key = "overview";
        s.heading = w("一、全年总体情况", "1. The year at a glance");
        s.paragraphs.push_back(
            w("该年度尚未开始，无数据。", "The year has not begun: no figures."));
        doc.sections.push_back(std::move(s));
        return doc;
    }
    doc.sections.push_back(overview(r, w));
    doc.sections.push_back(compliance(r, w));
    doc.sections.push_back(flags(r, w));
    doc.sections.push_back(subsidies(r, w));
    doc.sections.push_back(outcomes(r, w));
    doc.sections.push_back(clusters(r, w));
    return doc;
}

namespace {
constexpr std::array<std::string_view, 9> k_annual_tables = {
    "months_coverage",      "months_meetings", "committees", "months_flags",     "months_subsidies",
    "committees_subsidies", "months_outcomes", "clusters",   "clusters_meetings"};
constexpr std::array<std::string_view, 6> k_annual_sections = {
    "overview", "compliance", "flags", "subsidies", "outcomes", "clusters"};
} // namespace

std::span<const std::string_view> annual_table_keys() {
    return k_annual_tables;
}

std::span<const std::string_view> annual_section_keys() {
    return k_annual_sections;
}

} // namespace hlpb::report
