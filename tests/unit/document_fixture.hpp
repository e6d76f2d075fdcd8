// Hand-built report Documents for the renderer tests (html, md, text, csv, xlsx), shaped like the
// demo district's monthly report: Chinese headings, 9 committees, 74 clusters (some with long
// names), typed tables of every CellKind, a few empty tables, several charts, and an English twin.
// Until the document builder is merged these stand in for report::build_document; every figure is
// made up but deterministic. hostile_document() holds stored names that must come out inert.
#pragma once

#include <hlpb/report/document.hpp>

#include <iterator>
#include <string>
#include <vector>

namespace hlpb::test {

struct FixtureCommittee {
    const char* code;
    const char* zh;
    const char* en;
    std::vector<const char*> clusters; // Chinese cluster names
};

// The demo district's committees and active clusters (lib/src/demo/tables.cpp): 9 and 74.
inline const std::vector<FixtureCommittee>& fixture_committees() {
    static const std::vector<FixtureCommittee> k = {
        {"HL",
         "湖里街道两新组织党委",
         "Huli Subdistrict Two-New Committee",
         {"湖里街道华美空间联建片", "湖里街道海天商务联建片", "湖里街道东渡港联建片",
          "湖里街道塘头联建片", "湖里街道兴隆联建片", "湖里街道湖里大道联建片",
          "湖里街道徐厝联建片", "湖里街道康乐新村联建片", "湖里街道村里联建片",
          "湖里街道东荣联建片", "湖里街道创业园联建片", "湖里街道华昌路联建片"}},
        {"DQ",
         "殿前街道两新组织党委",
         "Dianqian Subdistrict Two-New Committee",
         {"殿前街道高殿联建片", "殿前街道寨上联建片", "殿前街道兴湖联建片",
          "殿前街道殿前商圈联建片", "殿前街道神山联建片", "殿前街道高崎联建片",
          "殿前街道机场路联建片", "殿前街道嘉园联建片", "殿前街道马垄联建片",
          "殿前街道钟宅湾联建片"}},
        {"HS",
         "禾山街道两新组织党委",
         "Heshan Subdistrict Two-New Committee",
         {"禾山街道第一联建片", "禾山街道第二联建片", "禾山街道第三联建片", "禾山街道第四联建片",
          "禾山街道第五联建片", "禾山街道第六联建片", "禾山街道第七联建片", "禾山街道第八联建片",
          "禾山街道第九联建片", "禾山街道第十联建片", "禾山街道第十一联建片",
          "禾山街道第十二联建片"}},
        {"JT",
         "江头街道两新组织党委",
         "Jiangtou Subdistrict Two-New Committee",
         {"江头街道东方财富广场联建片", "江头街道台湾街联建片", "江头街道吕厝联建片",
          "江头街道后埔联建片", "江头街道江村联建片", "江头街道薛岭联建片", "江头街道蔡塘联建片",
          "江头街道岭下联建片", "江头街道五缘商务联建片", "江头街道金尚路联建片",
          "江头街道枋钟路联建片", "江头街道湖光大厦联建片"}},
        {"JS",
         "金山街道两新组织党委",
         "Jinshan Subdistrict Two-New Committee",
         {"金山街道金海联建片", "金山街道金山联建片", "金山街道金尚联建片", "金山街道高林联建片",
          "金山街道五通联建片", "金山街道金湖联建片", "金山街道湖边水库联建片",
          "金山街道观音山联建片", "金山街道金林湾联建片", "金山街道忠仑联建片"}},
        {"CXY",
         "创新园非公企业党委",
         "Innovation Park Non-Public Enterprise Committee",
         {"创新园万科设计公社联建片", "创新园软件产业联建片", "创新园智能制造联建片",
          "创新园数字创意联建片", "创新园信息服务联建片"}},
        {"JSJ",
         "建设局非公企业党委",
         "Construction Bureau Non-Public Enterprise Committee",
         {"建设局鲁班源联建片", "建设局装饰装修联建片", "建设局建材供应链联建片",
          "建设局市政园林联建片"}},
        {"MZJ",
         "民政局社会组织综合党委",
         "Civil Affairs Bureau Social Organisation Committee",
         {"民政局社会工作联建片", "民政局养老服务联建片", "民政局行业协会联建片",
          "民政局公益慈善联建片", "民政局社区服务联建片"}},
        {"JYJ",
         "教育局民办学校综合党委",
         "Education Bureau Private School Committee",
         {"教育局民办幼儿园第一联建片", "教育局民办幼儿园第二联建片", "教育局培训机构联建片",
          "教育局民办中小学联建片"}},
    };
    return k;
}

namespace fixture_detail {

inline report::DocColumn col(const char* key, const char* zh, const char* en, report::CellKind kind,
                             report::Lang lang) {
    return {key, lang == report::Lang::zh ? zh : en, kind};
}

inline const char* tr(report::Lang lang, const char* zh, const char* en) {
    return lang == report::Lang::zh ? zh : en;
}

} // namespace fixture_detail

// The monthly report of 2026-10 in `lang`: sections coverage, compliance, flags, subsidies,
// outcomes, problems and the appendix; the tables compliance_due, problems_open and
// problems_resolved are empty (with their empty_note); charts points_<committee> (one per
// committee, 4..12 clusters), meetings (two series over 9 committees), flags_12m (12 months, 3
// series), flag_history (12 months, 9 series) and coverage_members (single series).
inline report::Document monthly_document(report::Lang lang = report::Lang::zh) {
    using namespace report;
    using fixture_detail::col;
    using fixture_detail::tr;
    const bool zh = lang == Lang::zh;
    const auto& committees = fixture_committees();

    Document doc;
    doc.lang = lang;
    doc.title =
        zh ? "湖里区“两新”组织“1+X”联建片 2026年10月工作月报"
           : "Huli District Two-New Organisations \"1+X\" Clusters: Monthly Report, October "
             "2026";
    doc.subtitle = zh ? "湖里区委组织部（两新工委） · 数据截至 2026-10-31 · 生成于 2026-11-01 02:00"
                      : "Huli District Organisation Department · data as of 2026-10-31 · "
                        "generated 2026-11-01 02:00";
    doc.file_stem = "hlpb-monthly-2026-10";

    // 一、总体情况
    Section coverage;
    coverage.key = "coverage";
    coverage.heading = tr(lang, "一、总体情况", "1. Overview");
    coverage.counts = tr(lang, "统计全区“两新”党组织、党员及联建片覆盖情况（截至月末）。",
                         "Counts the district's two-new party organisations, members and cluster "
                         "coverage at the end of the month.");
    coverage.paragraphs.push_back(
        zh ? "本月，全区共有“两新”党组织 641 个、党员 6337 名，分别占全区党组织总数的 43.0%、"
             "党员总数的 33.0%。全区 9 个两新组织党委共组建“1+X”联建片 74 个（地域相邻 56 个，"
             "行业相近、产业相连 18 个），覆盖“两新”党组织 612 个，覆盖率 95.5%。"
           : "This month the district has 641 two-new party organisations and 6,337 members, "
             "43.0% of all party organisations and 33.0% of all members. Its 9 committees run "
             "74 \"1+X\" clusters (56 by area, 18 by industry or supply chain), which cover 612 "
             "organisations, a coverage of 95.5%.");
    coverage.paragraphs.push_back(zh ? "与上月相比，入片党组织增加 3 个，党员增加 21 名。"
                                     : "Compared with last month, clustered organisations rose by "
                                       "3 and members by 21.");
    DocTable by_committee;
    by_committee.key = "coverage_by_committee";
    by_committee.columns = {
        col("committee", "党委", "Committee", CellKind::text, lang),
        col("clusters", "联建片", "Clusters", CellKind::integer, lang),
        col("orgs", "党组织", "Orgs", CellKind::integer, lang),
        col("members", "党员", "Members", CellKind::integer, lang),
        col("members_change", "党员增减", "Members ±", CellKind::delta, lang),
        col("coverage", "覆盖率", "Coverage", CellKind::percent, lang),
        col("weak_orgs", "软弱涣散", "Weak orgs", CellKind::integer, lang),
        col("no_secretary", "缺书记", "No secretary", CellKind::integer, lang),
    };
    Chart members_chart;
    members_chart.key = "coverage_members";
    members_chart.title = tr(lang, "各党委党员数", "Members by committee");
    members_chart.unit = tr(lang, "名", "members");
    members_chart.series.push_back({"", {}});
    for (std::size_t i = 0; i < committees.size(); ++i) {
        const auto& c = committees[i];
        int n = static_cast<int>(i);
        int orgs = static_cast<int>(c.clusters.size()) * 7 + n % 3;
        int members = orgs * 10 + (n * 37) % 50;
        by_committee.rows.push_back({zh ? c.zh : c.en, static_cast<int>(c.clusters.size()), orgs,
                                     members, (n % 4) - 1, 0.9 + 0.01 * n, n % 2, n == 3 ? 1 : 0});
        members_chart.categories.push_back(zh ? c.zh : c.en);
        members_chart.series[0].values.push_back(members);
    }
    coverage.tables.push_back(std::move(by_committee));
    coverage.charts.push_back(std::move(members_chart));
    doc.sections.push_back(std::move(coverage));

    // 二、制度落实情况
    Section compliance;
    compliance.key = "compliance";
    compliance.heading = tr(lang, "二、制度落实情况", "2. Meetings and duties");
    compliance.counts = tr(lang, "统计 74 个联建片本月应开、已开的书记例会及未完成事项。",
                           "Counts the secretaries' meetings due and held in the 74 clusters and "
                           "every duty missed.");
    compliance.paragraphs.push_back(
        zh ? "书记例会：应开 74 个联建片，已开 69 个，未开 5 个。联建片主题党日（半年）：已开 70 "
             "个，未开 4 个。联建工作会议（年度）、年度讲评、牵头书记培训：尚余 2 个月。"
           : "Secretaries' meetings: 74 due, 69 held, 5 missed. Theme days (half-yearly): 70 held, "
             "4 not yet. Annual cluster meeting, annual review and lead training: 2 months left.");
    DocTable missed;
    missed.key = "compliance_missed";
    missed.title = tr(lang, "未完成事项", "Missed");
    missed.columns = {
        col("committee", "党委", "Committee", CellKind::text, lang),
        col("code", "联建片编号", "Cluster code", CellKind::code, lang),
        col("cluster", "联建片", "Cluster", CellKind::text, lang),
        col("rule", "事项", "Duty", CellKind::text, lang),
        col("deadline", "截止日期", "Deadline", CellKind::date, lang),
    };
    const char* missed_at[][2] = {{"DQ", "殿前街道殿前商圈联建片"},
                                  {"HS", "禾山街道第十一联建片"},
                                  {"JT", "江头街道东方财富广场联建片"},
                                  {"CXY", "创新园万科设计公社联建片"},
                                  {"JYJ", "教育局民办幼儿园第一联建片"}};
    for (std::size_t i = 0; i < std::size(missed_at); ++i) {
        const FixtureCommittee* c = nullptr;
        for (const auto& k : committees)
            if (std::string(k.code) == missed_at[i][0])
                c = &k;
        missed.rows.push_back(
            {zh ? c->zh : c->en, std::string(missed_at[i][0]) + "-0" + std::to_string(i + 1),
             missed_at[i][1], tr(lang, "书记例会", "secretaries' meeting"), "2026-10-31"});
    }
    DocTable due;
    due.key = "compliance_due";
    due.title = tr(lang, "即将到期事项", "Due");
    due.columns = missed.columns;
    due.empty_note = tr(lang, "本月无即将到期的事项。", "Nothing falls due this month.");
    compliance.tables.push_back(std::move(missed));
    compliance.tables.push_back(std::move(due));
    Chart meetings;
    meetings.key = "meetings";
    meetings.title =
        tr(lang, "各党委书记例会应开与已开", "Meetings required and held by committee");
    meetings.unit = tr(lang, "个", "clusters");
    meetings.series = {{tr(lang, "应开", "required"), {}}, {tr(lang, "已开", "held"), {}}};
    for (std::size_t i = 0; i < committees.size(); ++i) {
        meetings.categories.push_back(zh ? committees[i].zh : committees[i].en);
        double n = static_cast<double>(committees[i].clusters.size());
        meetings.series[0].values.push_back(n);
        meetings.series[1].values.push_back(i % 2 == 1 ? n - 1 : n);
    }
    compliance.charts.push_back(std::move(meetings));
    doc.sections.push_back(std::move(compliance));

    // 三、积分评比与流动红旗
    Section flags;
    flags.key = "flags";
    flags.heading = tr(lang, "三、积分评比与流动红旗", "3. Points and red flags");
    flags.counts = tr(lang, "统计各联建片本月积分及流动红旗归属。",
                      "Counts each cluster's points this month and who holds its red flag.");
    flags.paragraphs.push_back(zh ? "本月 74 个联建片中 70 个评出流动红旗，4 个无正分未评。"
                                  : "Of 74 clusters, 70 awarded a red flag this month; 4 had no "
                                    "positive points.");
    DocTable holders;
    holders.key = "flags";
    holders.columns = {
        col("cluster", "联建片", "Cluster", CellKind::text, lang),
        col("org", "红旗单位", "Flag holder", CellKind::text, lang),
        col("points", "积分", "Points", CellKind::integer, lang),
        col("points_change", "较上月", "vs last month", CellKind::delta, lang),
        col("tie_break", "并列时依据", "Tie-break", CellKind::text, lang),
    };
    int k = 0;
    for (const auto& c : committees) {
        Chart points;
        points.key = std::string("points_") + c.code;
        points.title =
            std::string(zh ? c.zh : c.en) + tr(lang, "各联建片积分", ": points by cluster");
        points.unit = tr(lang, "分", "points");
        points.series.push_back({"", {}});
        for (const char* cluster : c.clusters) {
            ++k;
            int p = k % 19 == 0 ? 0 : 20 + (k * 53) % 90;
            points.categories.push_back(cluster);
            points.series[0].values.push_back(p);
            if (p == 0)
                holders.rows.push_back({cluster, nullptr, 0, -(k % 5), ""});
            else
                holders.rows.push_back(
                    {cluster,
                     std::string(zh ? "厦门" : "Xiamen ") + std::to_string(k) +
                         (zh ? "号科技有限公司党支部" : " Tech Co. Party Branch"),
                     p, (k * 7) % 11 - 5,
                     k % 13 == 0 ? tr(lang, "活动次数多者优先", "more activities") : ""});
        }
        flags.charts.push_back(std::move(points));
    }
    flags.tables.push_back(std::move(holders));
    Chart flags_12m;
    flags_12m.key = "flags_12m";
    flags_12m.title = tr(lang, "近十二个月流动红旗数", "Red flags over the last twelve months");
    flags_12m.unit = tr(lang, "面", "flags");
    for (int m = 0; m < 12; ++m) {
        int month = (m + 10) % 12 + 1; // 2025-11 .. 2026-10
        int year = month >= 11 ? 2025 : 2026;
        flags_12m.categories.push_back(std::to_string(year) + "-" + (month < 10 ? "0" : "") +
                                       std::to_string(month));
    }
    flags_12m.series = {{tr(lang, "街道", "subdistricts"), {}},
                        {tr(lang, "园区", "park"), {}},
                        {tr(lang, "部门", "departments"), {}}};
    for (int m = 0; m < 12; ++m) {
        flags_12m.series[0].values.push_back(50 + m % 5);
        flags_12m.series[1].values.push_back(3 + m % 3);
        flags_12m.series[2].values.push_back(12 + (m * 5) % 6);
    }
    flags.charts.push_back(std::move(flags_12m));
    // The same months by committee: nine series (a renderer stacks them).
    Chart history;
    history.key = "flag_history";
    history.title =
        tr(lang, "近十二个月各党委流动红旗数", "Red flags by committee, last twelve months");
    history.unit = tr(lang, "面", "flags");
    history.categories = flags.charts.back().categories;
    int h = 0;
    for (const auto& c : committees) {
        Chart::Series series{zh ? c.zh : c.en, {}};
        for (int m = 0; m < 12; ++m)
            series.values.push_back(static_cast<double>(c.clusters.size()) - (++h % 3));
        history.series.push_back(std::move(series));
    }
    flags.charts.push_back(std::move(history));
    doc.sections.push_back(std::move(flags));

    // 四、经费保障
    Section subsidies;
    subsidies.key = "subsidies";
    subsidies.heading = tr(lang, "四、经费保障", "4. Subsidies");
    subsidies.counts = tr(lang, "统计书记通讯补贴和党员活动经费（单位：元）。",
                          "Counts secretaries' phone subsidies and members' activity funds (CNY).");
    subsidies.paragraphs.push_back(
        zh ? "书记通讯补贴：74 名书记 × 300 元 = 22200 元；党员活动经费：6337 名党员，本月计提 "
             "5280.83 元，全年预算 63370.00 元。"
           : "Secretaries' phone subsidy: 74 secretaries × CNY 300 = CNY 22,200; members' "
             "activity funds: 6,337 members, CNY 5,280.83 this month, CNY 63,370.00 for the year.");
    DocTable money;
    money.key = "subsidies";
    money.columns = {
        col("committee", "党委", "Committee", CellKind::text, lang),
        col("secretaries", "书记", "Secretaries", CellKind::integer, lang),
        col("secretary_total", "通讯补贴", "Phone subsidy", CellKind::money, lang),
        col("members", "党员", "Members", CellKind::integer, lang),
        col("member_month_total", "本月活动经费", "Funds this month", CellKind::money, lang),
        col("member_year_total", "全年预算", "Year budget", CellKind::money, lang),
    };
    for (std::size_t i = 0; i < committees.size(); ++i) {
        int secretaries = static_cast<int>(committees[i].clusters.size());
        int members = secretaries * 70 + static_cast<int>(i) * 13;
        money.rows.push_back({zh ? committees[i].zh : committees[i].en, secretaries,
                              secretaries * 300.0, members, members * 10.0 / 12.0, members * 10.0});
    }
    subsidies.tables.push_back(std::move(money));
    doc.sections.push_back(std::move(subsidies));

    // 五、工作成效（“四有”）
    Section outcomes;
    outcomes.key = "outcomes";
    outcomes.heading = tr(lang, "五、工作成效（“四有”）", "5. Outcomes (the four goals)");
    outcomes.counts = tr(lang, "统计本年度截至月末的组织、党员、作用和发展成效。",
                         "Counts the year's outcomes up to the end of the month.");
    outcomes.paragraphs = {
        zh ? "组织有巩固：软弱涣散摘帽 14 个，现有软弱涣散 4 个，典型 70 个，新建 18 个，补齐书记 "
             "6 个。"
           : "Stronger organisations: 14 weak organisations turned round, 4 still weak, 70 "
             "model organisations, 18 new, 6 secretaries appointed.",
        zh ? "党员有提升：党建e家积分人均 86，较上年 +20；表彰党员 6 名。"
           : "Better members: 86 points per member on the party app, +20 on last year; 6 members "
             "honoured.",
        zh ? "企业有发展：部长会客厅 12 场，收集问题 40 个，解决 31 个，按类别：用工 11、人才 9、"
             "税务 7、子女入学 8、其他 5。"
           : "Growing businesses: 12 minister's receptions, 40 problems raised, 31 solved: "
             "staffing 11, talent 9, tax 7, school places 8, other 5.",
    };
    DocTable four;
    four.key = "outcomes";
    four.columns = {col("item", "指标", "Measure", CellKind::text, lang),
                    col("value", "数值", "Value", CellKind::integer, lang),
                    col("change", "较上年", "vs last year", CellKind::delta, lang)};
    four.rows = {{tr(lang, "软弱涣散摘帽", "weak orgs turned round"), 14, 3},
                 {tr(lang, "典型党组织", "model orgs"), 70, 0},
                 {tr(lang, "党建e家人均积分", "app points per member"), 86, 20},
                 {tr(lang, "志愿服务场次", "volunteer events"), 132, -8},
                 {tr(lang, "实训基地", "training bases"), 17, nullptr}};
    outcomes.tables.push_back(std::move(four));
    doc.sections.push_back(std::move(outcomes));

    // 六、部长会客厅问题办理
    Section problems;
    problems.key = "problems";
    problems.heading = tr(lang, "六、部长会客厅问题办理", "6. Problems raised with the minister");
    problems.counts = tr(lang, "统计超过 30 天未办结的问题和本月办结的问题。",
                         "Counts problems open for more than 30 days and those solved this month.");
    DocTable open;
    open.key = "problems_open";
    open.title = tr(lang, "超过30天未办结", "Open for more than 30 days");
    open.columns = {col("id", "编号", "ID", CellKind::code, lang),
                    col("org", "提出单位", "Raised by", CellKind::text, lang),
                    col("category", "类别", "Category", CellKind::text, lang),
                    col("raised", "提出日期", "Raised", CellKind::date, lang),
                    col("days", "天数", "Days", CellKind::integer, lang)};
    open.empty_note =
        tr(lang, "本月无超过30天未办结的问题。", "No problem has been open for more than 30 days.");
    DocTable resolved = open;
    resolved.key = "problems_resolved";
    resolved.title = tr(lang, "本月办结", "Solved this month");
    resolved.empty_note = tr(lang, "本月无办结的问题。", "No problem was solved this month.");
    problems.tables.push_back(std::move(open));
    problems.tables.push_back(std::move(resolved));
    doc.sections.push_back(std::move(problems));

    // 附表
    Section appendix;
    appendix.key = "clusters";
    appendix.heading = tr(lang, "附表", "Appendix");
    appendix.counts = tr(lang, "每个联建片一行：截至月末的党组织、党员和本月例会、积分、红旗。",
                         "One row per cluster: organisations and members at the end of the month, "
                         "this month's meetings, points and flag.");
    DocTable clusters;
    clusters.key = "clusters";
    clusters.title = tr(lang, "附表1 联建片运行情况", "Table A1 Clusters");
    clusters.columns = {
        col("code", "编号", "Code", CellKind::code, lang),
        col("name", "联建片", "Cluster", CellKind::text, lang),
        col("committee", "党委", "Committee", CellKind::text, lang),
        col("principle", "组建方式", "Principle", CellKind::text, lang),
        col("lead", "牵头单位", "Lead", CellKind::text, lang),
        col("orgs", "党组织", "Orgs", CellKind::integer, lang),
        col("members", "党员", "Members", CellKind::integer, lang),
        col("members_change", "党员增减", "Members ±", CellKind::delta, lang),
        col("meetings", "例会", "Meetings", CellKind::integer, lang),
        col("points", "积分", "Points", CellKind::integer, lang),
        col("points_change", "积分增减", "Points ±", CellKind::delta, lang),
        col("flag", "流动红旗", "Red flag", CellKind::text, lang),
    };
    k = 0;
    for (const auto& c : committees) {
        int j = 0;
        for (const char* cluster : c.clusters) {
            ++k;
            ++j;
            bool geo = std::string(c.code).size() == 2;
            std::string code = std::string(c.code) + "-" + (j < 10 ? "0" : "") + std::to_string(j);
            int points = k % 19 == 0 ? 0 : 20 + (k * 53) % 90;
            clusters.rows.push_back(
                {code, cluster, zh ? c.zh : c.en,
                 geo ? tr(lang, "地域相邻", "area") : tr(lang, "行业相近", "industry"),
                 std::string(zh ? "厦门" : "Xiamen ") + std::to_string(k) +
                     (zh ? "号科技有限公司党支部" : " Tech Co. Party Branch"),
                 6 + k % 7, 50 + (k * 31) % 120, (k * 3) % 7 - 3, k % 15 == 0 ? 0 : 1, points,
                 (k * 7) % 11 - 5,
                 points == 0 ? nullptr
                             : Cell(std::string(zh ? "厦门" : "Xiamen ") + std::to_string(k) +
                                    (zh ? "号科技有限公司党支部" : " Tech Co. Party Branch"))});
        }
    }
    appendix.tables.push_back(std::move(clusters));
    doc.sections.push_back(std::move(appendix));
    return doc;
}

// A small document whose every stored string is hostile: a cluster named `</script><script>…`, an
// org named `<svg onload=alert(1)>`, quotes and ampersands in titles, keys, labels, notes and chart
// categories. A renderer must write all of it as inert text.
inline report::Document hostile_document() {
    using namespace report;
    const std::string script = "</script><script>alert('x')</script>";
    const std::string svg = "<svg onload=alert(1)>";
    const std::string quotes = "\"A&B\" 'C' <D> &amp;";
    Document doc;
    doc.title = "月报 " + script;
    doc.subtitle = quotes;
    doc.file_stem = "hostile";
    Section s;
    s.key = "x\" onclick=\"alert(1)";
    s.heading = "一、" + svg;
    s.counts = quotes;
    s.paragraphs = {script, svg + " & " + quotes};
    DocTable t;
    t.key = "t'><img src=x onerror=alert(1)>";
    t.title = svg;
    t.columns = {{"name", "名称 " + script, CellKind::text},
                 {"code", quotes, CellKind::code},
                 {"points", "积分<b>", CellKind::integer}};
    t.rows = {{script, svg, 10}, {quotes, "A&B", nullptr}};
    DocTable empty;
    empty.key = "empty";
    empty.columns = t.columns;
    empty.empty_note = "无 " + script;
    Chart c;
    c.key = "c\"><script>";
    c.title = script;
    c.unit = svg;
    c.categories = {script, svg, quotes};
    c.series = {{svg, {1, 2, 3}}, {quotes, {3, 2, 1}}};
    s.tables = {t, empty};
    s.charts = {c};
    doc.sections.push_back(std::move(s));
    return doc;
}

} // namespace hlpb::test
