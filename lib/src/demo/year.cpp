#include "demo/year.hpp"
#include "demo/batch.hpp"
#include "demo/rng.hpp"
#include "demo/tables.hpp"

#include <hlpb/date.hpp>
#include <hlpb/rules/flag.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::demo {
namespace {

constexpr std::uint64_t k_seed = 0x484C50422D595231ULL; // "HLPB-YR1"
constexpr int k_months = 12;

// The shape of one copy of the district's year (SPEC §1 and the seed).
constexpr int k_meeting_missed = 45;          // ‰ of cluster months without a 书记例会
constexpr int k_last_month_missed_every = 31; // of clusters, in the last full month
constexpr int k_meeting_absent = 150;         // ‰ of meetings one member org missed
constexpr int k_theme_day_missed = 60;        // ‰ of cluster half years without a 主题党日
constexpr int k_volunteer_rate = 540; // ‰ of cluster months with a 志愿服务 (March: 学雷锋)
constexpr int k_volunteer_march = 950;  // ‰
constexpr int k_receptions = 24;        // seed: 部(局)长会客厅20余场
constexpr int k_problems_at_least = 84; // seed: 解决…问题80余件
constexpr int k_problem_open = 40;      // ‰ of problems still open however old
constexpr int k_salon_count = 2;        // 牵头党组织联盟 党建沙龙
constexpr int k_observations = 2;       // 观摩会
constexpr int k_code_ties = 2;          // cluster months whose flag the org code decides
constexpr int k_party_affairs_ties = 2; // … and the party_affairs sum
static_assert(k_receptions * 3 + k_receptions / 2 >= k_problems_at_least); // 3 or 4 each, or 5

template <std::size_t N> const char* pick(Rng& rng, const char* const (&items)[N]) {
    return rng.pick(std::span<const char* const>(items));
}

Date civil(Day d) {
    return Date{std::chrono::sys_days{std::chrono::days{d}}};
}

int year_of(Day d) {
    return static_cast<int>(civil(d).year());
}

// Moves a Saturday to the Friday and a Sunday to the Monday when that stays in [lo, hi].
Day weekday(Day d, Day lo, Day hi) {
    const unsigned wd =
        std::chrono::weekday(std::chrono::sys_days{std::chrono::days{d}}).c_encoding();
    Day moved = wd == 6 ? d - 1 : wd == 0 ? d + 1 : d;
    return moved >= lo && moved <= hi ? moved : d;
}

struct MonthSpan {
    Day first;
    Day last;
    int year;
    unsigned month;
    std::string key; // YYYY-MM
};

MonthSpan month_span(int year, unsigned month) {
    const std::chrono::year_month ym{std::chrono::year{year}, std::chrono::month{month}};
    return {to_day(first_day(ym)), to_day(last_day(ym)), year, month, format_month(ym)};
}

// ---- titles and texts -------------------------------------------------------------------------

constexpr const char* k_meeting_topics[] = {
    "研究本月积分考核",     "交流党建工作经验",     "部署联建片主题党日",
    "学习上级党委会议精神", "研究志愿服务项目",     "通报软弱涣散党组织整改",
    "商议企业用工互助",     "研究年度党建工作计划", "讨论联建片资源共享",
};
constexpr const char* k_theme_days[] = {
    "重温入党誓词",         "参观红色教育基地",         "学习贯彻党的创新理论",
    "党员志愿服务进社区",   "“学党史、强党性”专题学习", "走进共建社区开展联学联建",
    "清廉企业建设专题党课", "“两带三同”经验交流",       "红歌赛",
};
constexpr const char* k_volunteer[] = {
    "社区环境整治", "关爱独居老人",         "文明城市创建", "垃圾分类宣传", "反诈宣传进社区",
    "义务献血",     "关爱外来务工人员子女", "交通文明劝导", "社区义诊",     "爱心助学",
};
// The departments that come to a 部长会客厅, and the problems they come for first.
struct Department {
    const char* name;
    const char* category;
};
constexpr Department k_departments[] = {
    {"区人社局", "labor"},     {"区委人才办", "talent"}, {"区税务局", "tax"},
    {"区教育局", "schooling"}, {"区商务局", "other"},    {"区市场监管局", "other"},
};
constexpr const char* k_salons[] = {
    "牵头党组织联盟党建沙龙——新手书记经验交流",
    "牵头党组织联盟党建沙龙——非公企业党建与生产经营深度融合",
    "牵头党组织联盟党建沙龙——党员积分制管理",
    "牵头党组织联盟党建沙龙——联建片交流刊物怎么办",
};

struct ProblemText {
    const char* text;       // may hold {} for a number
    const char* resolution; // may hold {} for another
    int lo;
    int hi;
};

constexpr ProblemText k_labor[] = {
    {"一线普工招工难、缺口约{}人", "区人社局组织专场招聘会并对接用工{}人", 10, 60},
    {"技术工人流失率高", "对接职业院校开展订单式培养并签订校企合作协议", 0, 0},
    {"稳岗补贴申领流程不熟悉", "经区人社局专人指导{}名员工的补贴已申领到位", 5, 40},
};
constexpr ProblemText k_talent[] = {
    {"高层次人才认定申报材料不清楚", "区委人才办上门辅导后已完成认定申报", 0, 0},
    {"人才住房补贴兑现慢", "协调区委人才办加快审核后{}人的补贴已兑现", 2, 12},
    {"引进人才落户咨询", "公安窗口专人对接并已办理落户", 0, 0},
};
constexpr ProblemText k_tax[] = {
    {"研发费用加计扣除政策不熟悉", "区税务局开展政策辅导后已完成申报", 0, 0},
    {"出口退税办理周期长", "区税务局开通绿色通道后退税已到账", 0, 0},
    {"小微企业税费减免咨询", "税务专管员上门讲解后减免已落实", 0, 0},
};
constexpr ProblemText k_schooling[] = {
    {"{}名员工随迁子女积分入学咨询", "区教育局专场解读积分入学政策后子女已按积分入学", 2, 9},
    {"外地员工子女转学难", "区教育局协调学位后已办理转学", 0, 0},
};
constexpr ProblemText k_other[] = {
    {"党群活动场地不足", "协调社区党群服务中心免费开放使用", 0, 0},
    {"企业融资难", "对接辖区银行召开银企对接会并获授信{}万元", 100, 800},
    {"办公场地租金压力大", "协调园区落实租金减免政策", 0, 0},
};

struct Category {
    const char* key;
    int permille;
    std::span<const ProblemText> texts;
};
constexpr Category k_categories[] = {
    {"labor", 280, k_labor},         {"talent", 230, k_talent}, {"tax", 200, k_tax},
    {"schooling", 170, k_schooling}, {"other", 120, k_other},
};

constexpr const char* k_party_affairs[] = {
    "按时召开“三会一课”", "党费收缴及时足额", "组织生活会规范",
    "党建台账完整规范",   "按时开展主题党日", "发展党员程序规范",
};
constexpr const char* k_party_affairs_extra[] = {
    "按期完成支部换届",
    "党员教育培训到位",
    "报送党建信息被采用",
};
constexpr const char* k_weak_party_affairs = "整改软弱涣散问题后组织生活逐步规范";
constexpr const char* k_suggestions[] = {
    "提出联建片资源共享建议", "为书记例会提交议题",   "提出企业用工互助建议",
    "为联建片交流刊物供稿",   "提出志愿服务项目建议",
};
constexpr const char* k_bonuses[] = {
    "承办联建片主题党日",
    "党建工作获区级通报表扬",
    "党员获评优秀志愿者",
};
constexpr const char* k_penalties[] = {
    "党建台账不全",
    "党费未按时收缴",
    "未按时报送党建材料",
};

// ---- planned rows -----------------------------------------------------------------------------

struct Act {
    Day date;
    const char* kind;
    int cluster = -1;   // District::clusters index
    int committee = -1; // District::committees index
    std::string title;
    int participants = 0;
    int raised = 0;
    int solved = 0;
    const char* notes = "";
    std::vector<int> orgs;  // District::orgs indexes
    std::vector<int> named; // a review: the clusters it names
    int department = -1;    // a reception: index into k_departments
    std::int64_t id = 0;
};

struct ProblemRow {
    int org;
    const char* category;
    Day raised;
    std::string text;
    std::optional<Day> resolved;
    std::string resolution;
    std::size_t act; // index into the copy's acts
};

struct ScoreRow {
    int org;
    int month; // 0..11
    const char* category;
    int points;
    std::string reason;
};

struct Award {
    int month;
    int cluster;
    int org;
    long long points;
    rules::DecidedBy decided_by;
};

// Who was where on a day, from the District's terms.
class Index {
public:
    explicit Index(const District& d) : m_d(d) {
        m_members.resize(d.clusters.size());
        m_leads.resize(d.clusters.size());
        m_org_terms.resize(d.orgs.size());
        m_weak.resize(d.orgs.size());
        m_honors.resize(d.orgs.size());
        for (std::size_t i = 0; i < d.memberships.size(); ++i) {
            const Term& t = d.memberships[i];
            m_members[static_cast<std::size_t>(t.cluster)].push_back(&t);
            m_org_terms[static_cast<std::size_t>(t.org)].push_back(&t);
        }
        for (const Term& t : d.leads)
            m_leads[static_cast<std::size_t>(t.cluster)].push_back(&t);
        for (const PlannedFlag& f : d.flags)
            if (std::string_view(f.flag) == "weak")
                m_weak[static_cast<std::size_t>(f.org)].push_back(&f);
        for (const PlannedHonor& h : d.honors)
            m_honors[static_cast<std::size_t>(h.org)].push_back(&h);
    }

    static bool holds(const Term& t, Day d) { return t.from <= d && (!t.to || d < *t.to); }

    bool active(int cluster, Day d) const {
        const PlannedCluster& c = m_d.clusters[static_cast<std::size_t>(cluster)];
        return c.established <= d && (!c.dissolved || d < *c.dissolved);
    }
    // The days of [lo, hi] on which the cluster is active, as [first, last]; first > last if none.
    std::pair<Day, Day> active_within(int cluster, Day lo, Day hi) const {
        const PlannedCluster& c = m_d.clusters[static_cast<std::size_t>(cluster)];
        return {std::max(lo, c.established), c.dissolved ? std::min(hi, *c.dissolved - 1) : hi};
    }
    std::vector<int> orgs_in(int cluster, Day d) const {
        std::vector<int> out;
        for (const Term* t : m_members[static_cast<std::size_t>(cluster)])
            if (holds(*t, d))
                out.push_back(t->org);
        std::sort(out.begin(), out.end());
        return out;
    }
    int lead_of(int cluster, Day d) const {
        for (const Term* t : m_leads[static_cast<std::size_t>(cluster)])
            if (holds(*t, d))
                return t->org;
        return -1;
    }
    // In some cluster on any day of [first, last].
    bool clustered(int org, Day first, Day last) const {
        for (const Term* t : m_org_terms[static_cast<std::size_t>(org)])
            if (t->from <= last && (!t->to || *t->to > first))
                return true;
        return false;
    }
    bool leads_on(int org, Day d) const {
        for (const Term* t : m_org_terms[static_cast<std::size_t>(org)])
            if (holds(*t, d) && lead_of(t->cluster, d) == org)
                return true;
        return false;
    }
    bool weak_on(int org, Day d) const {
        for (const PlannedFlag* f : m_weak[static_cast<std::size_t>(org)])
            if (f->from <= d && (!f->to || d < *f->to))
                return true;
        return false;
    }
    const std::vector<const PlannedHonor*>& honors(int org) const {
        return m_honors[static_cast<std::size_t>(org)];
    }

private:
    const District& m_d;
    std::vector<std::vector<const Term*>> m_members; // per cluster
    std::vector<std::vector<const Term*>> m_leads;   // per cluster
    std::vector<std::vector<const Term*>> m_org_terms;
    std::vector<std::vector<const PlannedFlag*>> m_weak;
    std::vector<std::vector<const PlannedHonor*>> m_honors;
};

// What an org did in a month, from the activities that involved it.
struct Involvement {
    int meetings = 0;
    int theme_days = 0;
    int volunteer = 0;
    int receptions = 0;
    int training = 0;
    int committee = 0; // work meetings and reviews
    int other = 0;     // salons and observations
    bool absent = false;
};

class YearPlanner {
public:
    YearPlanner(const District& d, const Index& index, const std::vector<MonthSpan>& months,
                Day end, int copy);
    void run();

    std::vector<Act> acts;
    std::vector<ProblemRow> problems;
    std::vector<ScoreRow> scores;
    std::vector<Award> awards;

private:
    const PlannedCluster& cluster(int c) const { return m_d.clusters[static_cast<std::size_t>(c)]; }
    const PlannedOrg& org(int o) const { return m_d.orgs[static_cast<std::size_t>(o)]; }
    Day between(Day lo, Day hi) { return m_rng.range(lo, std::max(lo, hi)); }
    // Month index of a day: 0..11 the full months, 12 as_of's month.
    int month_index(Day d) const;
    Involvement& involved(int o, int month) {
        return m_involved[static_cast<std::size_t>(o - m_first_org) * (k_months + 1) +
                          static_cast<std::size_t>(month)];
    }
    rules::ScoreSums& sums(int o, int month) {
        return m_sums[static_cast<std::size_t>(o - m_first_org) * k_months +
                      static_cast<std::size_t>(month)];
    }
    // The day of an activity of a period [pfirst, plast] usually held in [lo, hi]: moved inside
    // the demo's days [m_window, m_end] when the period began before them, and inside [life_lo,
    // life_hi] (a cluster's life); none when it falls after m_end (not held yet) or no day fits.
    std::optional<Day> day_in(Day lo, Day hi, Day pfirst, Day plast, Day life_lo, Day life_hi);
    std::vector<int> leads_of(std::span<const int> clusters, Day d) const;

    void plan_cluster(int c);
    void plan_receptions();
    void plan_committees();
    void plan_district();
    void raise_problems(std::size_t act);
    void score();
    void tie(int month, int cluster, bool by_code);
    void award();
    void add_score(int o, int month, const char* category, int points, std::string reason);

    const District& m_d;
    const Index& m_index;
    const std::vector<MonthSpan>& m_months; // the twelve full months, then as_of's if begun
    Rng m_rng;
    std::string m_suffix; // of the titles of committee and district activities: (2), (3), … as
                          // the clusters' names of the copies after the first
    Day m_window;         // the first day of the twelve months
    Day m_end;            // the last day with activities: the day before as_of
    std::vector<int> m_clusters; // this copy's
    int m_first_org = 0;         // this copy's orgs: [m_first_org, m_end_org)
    int m_end_org = 0;
    std::vector<Involvement> m_involved;  // per (org - m_first_org) * 13 + month
    std::vector<rules::ScoreSums> m_sums; // per (org - m_first_org) * 12 + month
};

YearPlanner::YearPlanner(const District& d, const Index& index,
                         const std::vector<MonthSpan>& months, Day end, int copy)
    : m_d(d), m_index(index), m_months(months),
      m_rng(k_seed ^ (static_cast<std::uint64_t>(copy) * 0xD1B54A32D192ED03ULL)),
      m_suffix(copy == 1 ? "" : fmt::format("({})", copy)), m_window(months.front().first),
      m_end(end) {
    for (int c = 0; c < static_cast<int>(d.clusters.size()); ++c)
        if (d.clusters[static_cast<std::size_t>(c)].copy == copy)
            m_clusters.push_back(c);
    m_first_org = static_cast<int>(d.orgs.size());
    for (int o = 0; o < static_cast<int>(d.orgs.size()); ++o) {
        if (d.orgs[static_cast<std::size_t>(o)].copy != copy)
            continue;
        m_first_org = std::min(m_first_org, o);
        m_end_org = o + 1;
    }
    const auto n = static_cast<std::size_t>(m_end_org - m_first_org);
    m_involved.assign(n * (k_months + 1), {});
    m_sums.assign(n * k_months, {});
}

void YearPlanner::run() {
    for (int c : m_clusters)
        plan_cluster(c);
    plan_receptions();
    plan_committees();
    plan_district();
    // Chronological ids: `activity list` reads in the order an officer entered them.
    std::stable_sort(acts.begin(), acts.end(),
                     [](const Act& a, const Act& b) { return a.date < b.date; });
    for (std::size_t i = 0; i < acts.size(); ++i)
        if (std::string_view(acts[i].kind) == "reception")
            raise_problems(i);
    score();
    award();
}

int YearPlanner::month_index(Day d) const {
    const Date ymd = civil(d);
    const int n = (static_cast<int>(ymd.year()) * 12 + static_cast<int>(unsigned(ymd.month()))) -
                  (m_months.front().year * 12 + static_cast<int>(m_months.front().month));
    return n;
}

std::optional<Day> YearPlanner::day_in(Day lo, Day hi, Day pfirst, Day plast, Day life_lo,
                                       Day life_hi) {
    Day d = between(lo, hi);
    const Day first = std::max({pfirst, m_window, life_lo});
    const Day last = std::min({plast, m_end, life_hi});
    if (d < m_window) // the period began before the twelve months: held inside them
        d = between(first, last);
    if (d > m_end || first > last)
        return std::nullopt;
    if (d < first || d > last) // the cluster did not exist or was gone that day
        d = between(first, last);
    return weekday(d, first, last);
}

std::vector<int> YearPlanner::leads_of(std::span<const int> clusters, Day d) const {
    std::vector<int> out;
    for (int c : clusters)
        if (m_index.active(c, d))
            if (int lead = m_index.lead_of(c, d); lead >= 0)
                out.push_back(lead);
    std::sort(out.begin(), out.end());
    return out;
}

// A cluster's 书记例会 each month, 主题党日 each half year and 志愿服务, while it is active.
void YearPlanner::plan_cluster(int c) {
    const PlannedCluster& cl = cluster(c);
    const bool geo = std::string_view(cl.principle) == "geo";
    for (std::size_t m = 0; m < m_months.size(); ++m) {
        const MonthSpan& ms = m_months[m];
        const auto [lo, hi] = m_index.active_within(c, ms.first, std::min(ms.last, m_end));
        // The last full month (the default report's) always shows a few missed meetings,
        // whatever the draws gave: one cluster in k_last_month_missed_every.
        const bool forced_miss =
            m + 1 == static_cast<std::size_t>(k_months) && c % k_last_month_missed_every == 5;
        if (!m_rng.chance(k_meeting_missed) && lo <= hi && !forced_miss) {
            if (auto day = day_in(ms.first + 3, ms.first + 24, ms.first, ms.last, lo, hi)) {
                Act a{*day, "secretary_meeting", c};
                a.title = fmt::format("{}年{}月书记例会", ms.year, ms.month);
                if (m_rng.chance(350))
                    a.title += fmt::format("——{}", pick(m_rng, k_meeting_topics));
                a.orgs = m_index.orgs_in(c, *day);
                const int lead = m_index.lead_of(c, *day);
                if (a.orgs.size() > 2 && m_rng.chance(k_meeting_absent)) {
                    const int absent = m_rng.pick(std::span<const int>(a.orgs));
                    if (absent != lead) {
                        std::erase(a.orgs, absent);
                        involved(absent, static_cast<int>(m)).absent = true;
                    }
                }
                a.participants =
                    static_cast<int>(a.orgs.size()) + 1; // the secretaries, the instructor
                acts.push_back(std::move(a));
            }
        }
        if (lo <= hi && m_rng.chance(ms.month == 3 ? k_volunteer_march : k_volunteer_rate)) {
            if (auto day = day_in(ms.first + 1, ms.last - 1, ms.first, ms.last, lo, hi)) {
                Act a{*day, "volunteer", c};
                const char* what = ms.month == 3 ? "学雷锋志愿服务" : pick(m_rng, k_volunteer);
                a.title = fmt::format("爱心志愿服务队——{}", what);
                std::vector<int> orgs = m_index.orgs_in(c, *day);
                m_rng.shuffle(orgs);
                orgs.resize(std::min<std::size_t>(orgs.size(),
                                                  static_cast<std::size_t>(m_rng.range(1, 4))));
                std::sort(orgs.begin(), orgs.end());
                a.orgs = std::move(orgs);
                a.participants = m_rng.range(6, 36);
                acts.push_back(std::move(a));
            }
        }
    }
    // Half years from the one the twelve months begin in to as_of's.
    for (int y = m_months.front().year; y <= year_of(m_end); ++y) {
        for (int half = 0; half < 2; ++half) {
            const Day pfirst = to_day(y, half == 0 ? 1 : 7, 1);
            const Day plast = to_day(y, half == 0 ? 6 : 12, half == 0 ? 30 : 31);
            if (plast < m_window || pfirst > m_end)
                continue;
            if (m_rng.chance(k_theme_day_missed))
                continue;
            const Day lo = half == 0 ? to_day(y, 5, 10) : to_day(y, 10, 8);
            const Day hi = half == 0 ? to_day(y, 6, 28) : to_day(y, 12, 20);
            const auto [life_lo, life_hi] = m_index.active_within(c, pfirst, plast);
            auto day = day_in(lo, hi, pfirst, plast, life_lo, life_hi);
            if (!day)
                continue;
            Act a{*day, "theme_day", c};
            std::string_view theme = pick(m_rng, k_theme_days);
            if (theme == "走进共建社区开展联学联建" && geo)
                a.title = fmt::format("联建片主题党日——走进{}开展联学联建", cl.community);
            else
                a.title = fmt::format("联建片主题党日——{}", theme);
            a.orgs = m_index.orgs_in(c, *day);
            a.participants = static_cast<int>(a.orgs.size()) * m_rng.range(4, 8);
            acts.push_back(std::move(a));
        }
    }
}

// 部(局)长会客厅: department heads meet a cluster's orgs, two a month for most months.
void YearPlanner::plan_receptions() {
    for (int k = 0; k < k_receptions; ++k) {
        const MonthSpan& ms = m_months[static_cast<std::size_t>(k * k_months / k_receptions)];
        const Day want = between(ms.first + 2, ms.last - 2);
        std::vector<int> open;
        for (int c : m_clusters)
            if (m_index.active(c, want) && m_index.orgs_in(c, want).size() >= 3)
                open.push_back(c);
        if (open.empty())
            continue;
        const int c = m_rng.pick(std::span<const int>(open));
        const Day day = weekday(want, ms.first, std::min(ms.last, m_end));
        const auto [lo, hi] = m_index.active_within(c, day, day);
        if (lo > hi)
            continue;
        Act a{day, "reception", c};
        a.department = k % static_cast<int>(std::size(k_departments));
        a.title = fmt::format("部长会客厅——区委组织部、{}走进{}",
                              k_departments[static_cast<std::size_t>(a.department)].name,
                              cluster(c).name);
        std::vector<int> orgs = m_index.orgs_in(c, day);
        m_rng.shuffle(orgs);
        orgs.resize(
            std::min<std::size_t>(orgs.size(), static_cast<std::size_t>(m_rng.range(3, 6))));
        std::sort(orgs.begin(), orgs.end());
        a.orgs = std::move(orgs);
        a.participants = static_cast<int>(a.orgs.size()) * 2 + m_rng.range(3, 6);
        // Problems come after the sort (raise_problems); their count is set here.
        a.raised = k % 2 == 0 ? 4 : 3;
        if (m_rng.chance(250))
            ++a.raised;
        acts.push_back(std::move(a));
    }
}

// Each committee's 联建工作会议 (early in the year) and 年度讲评 (in December).
void YearPlanner::plan_committees() {
    const int first_year = m_months.front().year;
    // One committee's first review leaves one cluster out (that cluster's review is missed).
    const int skip_committee = m_rng.range(0, static_cast<int>(m_d.committees.size()) - 1);
    for (int k = 0; k < static_cast<int>(m_d.committees.size()); ++k) {
        const PlannedCommittee& pc = m_d.committees[static_cast<std::size_t>(k)];
        std::vector<int> own;
        for (int c : m_clusters)
            if (cluster(c).committee == k)
                own.push_back(c);
        for (int y = first_year; y <= year_of(m_end); ++y) {
            const Day pfirst = to_day(y, 1, 1), plast = to_day(y, 12, 31);
            if (auto day =
                    day_in(to_day(y, 2, 20), to_day(y, 4, 30), pfirst, plast, pfirst, plast)) {
                Act a{*day, "work_meeting", -1, k};
                a.title = fmt::format("{}{}年联建工作会议{}", pc.name, y, m_suffix);
                a.orgs = leads_of(own, *day);
                a.participants = static_cast<int>(a.orgs.size()) + m_rng.range(4, 12);
                acts.push_back(std::move(a));
            }
            // In December, or not at all when December has not come yet.
            const Day review =
                weekday(between(to_day(y, 12, 5), to_day(y, 12, 26)), to_day(y, 12, 1), plast);
            if (review < m_window || review > m_end)
                continue;
            Act a{review, "review", -1, k};
            a.title = fmt::format("{}{}年度联建片工作讲评{}", pc.name, y, m_suffix);
            for (int c : own)
                if (m_index.active(c, review))
                    a.named.push_back(c);
            if (k == skip_committee && y == first_year && a.named.size() > 1)
                a.named.erase(a.named.begin() +
                              m_rng.range(0, static_cast<int>(a.named.size()) - 1));
            if (a.named.empty())
                continue;
            // As `activity add` and the import store a review (check_activity): held by the
            // first cluster it names, by code, and naming each of them; its export then imports
            // back as itself.
            std::sort(a.named.begin(), a.named.end(),
                      [&](int p, int q) { return cluster(p).code < cluster(q).code; });
            a.cluster = a.named.front();
            a.orgs = leads_of(a.named, review);
            a.participants = static_cast<int>(a.orgs.size()) + m_rng.range(3, 8);
            acts.push_back(std::move(a));
        }
    }
}

// The district's 牵头党组织书记培训班 each year (seed: 依托厦门城市党建学院), and the leads'
// alliance's 党建沙龙 and 观摩会.
void YearPlanner::plan_district() {
    for (int y = m_months.front().year; y <= year_of(m_end); ++y) {
        const Day pfirst = to_day(y, 1, 1), plast = to_day(y, 12, 31);
        if (auto day = day_in(to_day(y, 6, 10), to_day(y, 9, 20), pfirst, plast, pfirst, plast)) {
            Act a{*day, "training"};
            a.title = fmt::format("{}年湖里区联建片牵头党组织书记培训班{}", y, m_suffix);
            a.notes = "依托厦门城市党建学院举办";
            a.orgs = leads_of(m_clusters, *day);
            a.participants = static_cast<int>(a.orgs.size()) + m_rng.range(6, 15);
            acts.push_back(std::move(a));
        }
    }
    // Each salon on its own theme, each observation in its own half of the twelve months: no
    // two share a date and a title (the key an import matches them by).
    const Day last = std::min(m_months.back().last, m_end);
    const Day middle = m_window + (last - m_window) / 2;
    const int theme = m_rng.range(0, static_cast<int>(std::size(k_salons)) - 1);
    for (int k = 0; k < k_salon_count; ++k) {
        const Day day = weekday(between(m_window + 20, last - 10), m_window, last);
        Act a{day, "salon"};
        a.title = std::string(k_salons[static_cast<std::size_t>(theme + k) % std::size(k_salons)]) +
                  m_suffix;
        std::vector<int> leads = leads_of(m_clusters, day);
        m_rng.shuffle(leads);
        leads.resize(
            std::min<std::size_t>(leads.size(), static_cast<std::size_t>(m_rng.range(6, 10))));
        std::sort(leads.begin(), leads.end());
        a.orgs = std::move(leads);
        a.participants = static_cast<int>(a.orgs.size()) + m_rng.range(2, 6);
        acts.push_back(std::move(a));
    }
    for (int k = 0; k < k_observations; ++k) {
        const Day day = k % 2 == 0
                            ? weekday(between(m_window + 20, middle - 1), m_window, middle - 1)
                            : weekday(between(middle, last - 10), middle, last);
        std::vector<int> leads = leads_of(m_clusters, day);
        if (leads.size() < 4)
            continue;
        m_rng.shuffle(leads);
        leads.resize(
            std::min<std::size_t>(leads.size(), static_cast<std::size_t>(m_rng.range(5, 9))));
        Act a{day, "observation"};
        a.title =
            fmt::format("观摩会——走进{}党群活动服务中心{}", org(leads.front()).name, m_suffix);
        std::sort(leads.begin(), leads.end());
        a.orgs = std::move(leads);
        a.participants = static_cast<int>(a.orgs.size()) * 2 + m_rng.range(4, 10);
        acts.push_back(std::move(a));
    }
}

void YearPlanner::raise_problems(std::size_t act) {
    Act& a = acts[act];
    for (int k = 0; k < a.raised; ++k) {
        int r = m_rng.range(0, 999);
        const Category* cat = &k_categories[0];
        for (const Category& c : k_categories) {
            cat = &c;
            if (k == 0 ? std::string_view(c.key) ==
                             k_departments[static_cast<std::size_t>(a.department)].category
                       : r < c.permille)
                break;
            r -= c.permille;
        }
        const ProblemText& t = m_rng.pick(cat->texts);
        ProblemRow p{a.orgs[static_cast<std::size_t>(k) % a.orgs.size()], cat->key, a.date};
        const int n = t.hi > 0 ? m_rng.range(t.lo, t.hi) : 0;
        p.text = fmt::format(fmt::runtime(t.text), n);
        const Day resolved = a.date + m_rng.range(4, 75);
        if (!m_rng.chance(k_problem_open) && resolved <= m_end) {
            p.resolved = resolved;
            p.resolution = fmt::format(fmt::runtime(t.resolution),
                                       t.hi > 0 ? std::max(1, n - m_rng.range(0, n / 3)) : 0);
            ++a.solved;
        }
        p.act = act;
        problems.push_back(std::move(p));
    }
}

void YearPlanner::add_score(int o, int month, const char* category, int points,
                            std::string reason) {
    rules::ScoreSums& s = sums(o, month);
    const std::string_view cat = category;
    (cat == "party_affairs" ? s.party_affairs
     : cat == "activity"    ? s.activity
     : cat == "suggestion"  ? s.suggestion
     : cat == "bonus"       ? s.bonus
                            : s.penalty) += points;
    scores.push_back({o, month, category, points, std::move(reason)});
}

// 积分制: every org in a cluster on any day of the month is scored: its Party work, the cluster
// activities it took part in (so a figure traces to the activities), suggestions, now and then
// a bonus or a penalty.
void YearPlanner::score() {
    for (const Act& a : acts) {
        const int m = month_index(a.date);
        const std::string_view kind = a.kind;
        for (int o : a.orgs) {
            Involvement& v = involved(o, m);
            if (kind == "secretary_meeting")
                ++v.meetings;
            else if (kind == "theme_day")
                ++v.theme_days;
            else if (kind == "volunteer")
                ++v.volunteer;
            else if (kind == "reception")
                ++v.receptions;
            else if (kind == "training")
                ++v.training;
            else if (kind == "work_meeting" || kind == "review")
                ++v.committee;
            else
                ++v.other;
        }
    }
    for (int m = 0; m < k_months; ++m) {
        const MonthSpan& ms = m_months[static_cast<std::size_t>(m)];
        for (int o = m_first_org; o < m_end_org; ++o) {
            if (!m_index.clustered(o, ms.first, ms.last))
                continue;
            const Involvement& v = involved(o, m);
            if (m_index.weak_on(o, ms.last)) {
                add_score(o, m, "party_affairs", m_rng.range(2, 6), k_weak_party_affairs);
            } else {
                const int lead = m_index.leads_on(o, ms.last) ? 2 : 0;
                add_score(o, m, "party_affairs", m_rng.range(4, 15) + lead,
                          pick(m_rng, k_party_affairs));
                if (m_rng.chance(350))
                    add_score(o, m, "party_affairs", m_rng.range(1, 6),
                              pick(m_rng, k_party_affairs_extra));
            }

            std::vector<std::string> parts;
            int points = 0;
            auto part = [&](int n, int each, const char* what) {
                if (n == 0)
                    return;
                points += n * each;
                parts.push_back(n == 1 ? std::string(what) : fmt::format("{}{}次", what, n));
            };
            part(v.meetings, 3, "书记例会");
            part(v.theme_days, 4, "联建片主题党日");
            part(v.volunteer, 2, "志愿服务");
            part(v.receptions, 3, "部长会客厅");
            part(v.training, 3, "牵头书记培训班");
            part(v.committee, 2, "联建工作会议或讲评");
            part(v.other, 2, "党建沙龙或观摩会");
            if (points > 0) {
                std::string reason = "参加";
                for (std::size_t i = 0; i < parts.size(); ++i)
                    reason += (i > 0 ? "、" : "") + parts[i];
                add_score(o, m, "activity", points, std::move(reason));
            } else if (m_rng.chance(300)) {
                add_score(o, m, "activity", m_rng.range(1, 3), "组织党员集中学习");
            }

            if (m_rng.chance(400))
                add_score(o, m, "suggestion", m_rng.range(1, 8), pick(m_rng, k_suggestions));
            for (const PlannedHonor* h : m_index.honors(o))
                if (h->date >= ms.first && h->date <= ms.last)
                    add_score(o, m, "bonus", 8, fmt::format("获评{}", h->title));
            if (m_rng.chance(30))
                add_score(o, m, "bonus", m_rng.range(2, 6), pick(m_rng, k_bonuses));
            if (v.absent)
                add_score(o, m, "penalty", -2, fmt::format("缺席{}月书记例会", ms.month));
            if (m_rng.chance(25))
                add_score(o, m, "penalty", -m_rng.range(1, 5), pick(m_rng, k_penalties));
        }
    }
    // Ties, so the demo shows a flag decided by each tie-break.
    std::vector<std::pair<int, int>> picks; // (month, cluster)
    for (int m = 0; m < k_months; ++m)
        for (int c : m_clusters)
            if (m_index.orgs_in(c, m_months[static_cast<std::size_t>(m)].last).size() >= 2)
                picks.emplace_back(m, c);
    m_rng.shuffle(picks);
    for (std::size_t k = 0; k < picks.size() && k < k_code_ties + k_party_affairs_ties; ++k)
        tie(picks[k].first, picks[k].second, k < k_code_ties);
}

// Makes the two best of a cluster's candidates tie on their total: with every sum equal (the
// org code decides) or with different party_affairs sums. Only adds points, so the two stay
// ahead of the others; each reason here is used nowhere else, so an org never has two entries
// of a month with the same category and reason (the key `score import` matches them by).
void YearPlanner::tie(int month, int c, bool by_code) {
    const std::vector<int> orgs =
        m_index.orgs_in(c, m_months[static_cast<std::size_t>(month)].last);
    std::vector<int> ranked = orgs;
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](int a, int b) { return sums(a, month).total() > sums(b, month).total(); });
    const int a = ranked[0], b = ranked[1];
    auto level = [&](const char* category, long long rules::ScoreSums::*field, const char* reason) {
        const long long d = sums(a, month).*field - sums(b, month).*field;
        if (d > 0)
            add_score(b, month, category, static_cast<int>(d), reason);
        else if (d < 0)
            add_score(a, month, category, static_cast<int>(-d), reason);
    };
    level("party_affairs", &rules::ScoreSums::party_affairs, "党建品牌创建");
    level("activity", &rules::ScoreSums::activity, "协办联建片活动");
    level("suggestion", &rules::ScoreSums::suggestion, "提出联建片共建建议");
    const long long rest = (sums(a, month).bonus + sums(a, month).penalty) -
                           (sums(b, month).bonus + sums(b, month).penalty);
    if (rest > 0)
        add_score(b, month, "bonus", static_cast<int>(rest), "联建片评比加分");
    else if (rest < 0)
        add_score(a, month, "bonus", static_cast<int>(-rest), "联建片评比加分");
    if (!by_code) { // same total, more party work for one of them
        add_score(b, month, "party_affairs", 2, "按时完成党员信息采集");
        add_score(a, month, "activity", 2, "组织党员观看专题片");
    }
}

// The flag of each cluster active at the end of each month, by the rule (SPEC §5.2).
void YearPlanner::award() {
    for (int m = 0; m < k_months; ++m) {
        const Day last = m_months[static_cast<std::size_t>(m)].last;
        for (int c : m_clusters) {
            if (!m_index.active(c, last))
                continue;
            const std::vector<int> orgs = m_index.orgs_in(c, last);
            std::vector<rules::FlagCandidate> candidates;
            for (int o : orgs)
                candidates.push_back({org(o).code, sums(o, m)});
            const rules::FlagRanking r = rules::rank_flag(cluster(c).code, std::move(candidates));
            if (!r.has_flag)
                continue;
            const std::string& code = r.ranked.front().org;
            const auto winner =
                std::find_if(orgs.begin(), orgs.end(), [&](int o) { return org(o).code == code; });
            awards.push_back({m, c, *winner, r.ranked.front().sums.total(), r.decided_by});
        }
    }
}

// ---- writing ----------------------------------------------------------------------------------

constexpr const char* k_insert_activity = R"sql(
INSERT INTO activity(id, date, kind, cluster_id, committee_id, title, participants,
                     problems_raised, problems_solved, notes) VALUES )sql";
constexpr const char* k_insert_activity_cluster =
    "INSERT INTO activity_cluster(activity_id, cluster_id) VALUES ";
constexpr const char* k_insert_activity_org =
    "INSERT INTO activity_org(activity_id, org_id) VALUES ";
constexpr const char* k_insert_problem = R"sql(
INSERT INTO problem(org_id, category, raised, text, resolved, resolution, activity_id) VALUES )sql";
constexpr const char* k_insert_score =
    "INSERT INTO score_entry(org_id, month, category, points, reason) VALUES ";
constexpr const char* k_insert_month = "INSERT INTO score_month(month, closed_at) VALUES ";
constexpr const char* k_insert_award =
    "INSERT INTO flag_award(month, cluster_id, org_id, points, decided_by) VALUES ";

struct Pair {
    std::int64_t a;
    std::int64_t b;
};

class Writer {
public:
    Writer(SQLite::Database& db, std::int64_t first_id)
        : m_next_id(first_id), m_activity(db, k_insert_activity, 10),
          m_activity_cluster(db, k_insert_activity_cluster, 2),
          m_activity_org(db, k_insert_activity_org, 2), m_problem(db, k_insert_problem, 7),
          m_score(db, k_insert_score, 5), m_award(db, k_insert_award, 5) {}

    void write(YearPlanner& p, const District& d, const std::vector<MonthSpan>& months) {
        auto org_id = [&](int o) { return d.orgs[static_cast<std::size_t>(o)].id; };
        auto cluster_id = [&](int c) { return d.clusters[static_cast<std::size_t>(c)].id; };
        using Row = BatchInsert::Row;
        std::vector<Pair> clusters, orgs;
        for (Act& a : p.acts) {
            a.id = ++m_next_id;
            for (int c : a.named)
                clusters.push_back({a.id, cluster_id(c)});
            for (int o : a.orgs)
                orgs.push_back({a.id, org_id(o)});
        }
        auto activity = [&](Row& row, const Act& a) {
            row.integer(a.id);
            row.day(a.date);
            row.text(a.kind);
            if (a.cluster >= 0)
                row.integer(cluster_id(a.cluster));
            else
                row.null();
            if (a.committee >= 0)
                row.integer(d.committees[static_cast<std::size_t>(a.committee)].id);
            else
                row.null();
            row.text(a.title);
            row.integer(a.participants);
            row.integer(a.raised);
            row.integer(a.solved);
            row.text(a.notes);
        };
        // The first copy writes the rows that point at its activities before the activities: a
        // changeset lists its tables in the order they were first written, so `db undo` of the
        // demo deletes those rows first (the schema has no ON DELETE actions today; this keeps
        // undo right if one is added). Foreign keys are checked at commit (build_year).
        if (!m_children_first)
            m_activity.insert(p.acts, activity);
        auto pair = [](Row& row, const Pair& x) {
            row.integer(x.a);
            row.integer(x.b);
        };
        m_activity_cluster.insert(clusters, pair);
        m_activity_org.insert(orgs, pair);
        m_problem.insert(p.problems, [&](Row& row, const ProblemRow& r) {
            row.integer(org_id(r.org));
            row.text(r.category);
            row.day(r.raised);
            row.text(r.text);
            row.day(r.resolved);
            row.text(r.resolution);
            row.integer(p.acts[r.act].id);
        });
        if (m_children_first)
            m_activity.insert(p.acts, activity);
        m_children_first = false;
        m_score.insert(p.scores, [&](Row& row, const ScoreRow& s) {
            row.integer(org_id(s.org));
            row.text(months[static_cast<std::size_t>(s.month)].key);
            row.text(s.category);
            row.integer(s.points);
            row.text(s.reason);
        });
        m_award.insert(p.awards, [&](Row& row, const Award& a) {
            row.text(months[static_cast<std::size_t>(a.month)].key);
            row.integer(cluster_id(a.cluster));
            row.integer(org_id(a.org));
            row.integer(a.points);
            row.copy(rules::decided_by_key(a.decided_by));
        });
    }

private:
    std::int64_t m_next_id;
    bool m_children_first = true;
    BatchInsert m_activity;
    BatchInsert m_activity_cluster;
    BatchInsert m_activity_org;
    BatchInsert m_problem;
    BatchInsert m_score;
    BatchInsert m_award;
};

} // namespace

YearCounts build_year(SQLite::Database& db, const District& district) {
    // The twelve full months before as_of, then as_of's month when it has begun.
    const Day as_of = district.as_of;
    const Day end = as_of - 1;
    const Date today = civil(as_of);
    std::chrono::year_month ym{today.year(), today.month()};
    ym -= std::chrono::months{k_months};
    std::vector<MonthSpan> months;
    for (int k = 0; k <= k_months; ++k, ym += std::chrono::months{1}) {
        MonthSpan ms = month_span(static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
        if (ms.first > end)
            break;
        months.push_back(std::move(ms));
    }

    YearCounts counts;
    // Rows that point at rows written after them (Writer::write): foreign keys are checked at
    // commit (this pragma ends with the transaction).
    db.exec("PRAGMA defer_foreign_keys = ON");
    const Index index(district);
    const CacheSize cache(db, 65'536); // as for the members: the indexes of 2M score rows
    // Each month was closed by `score award` a few days after it ended (before as_of); written
    // after the first copy's flags for the same reason as its activities after their rows
    // (Writer::write). Then no row points at a missing one any more, so the later copies, written
    // parents first, cost no deferred checks.
    auto close_months = [&] {
        struct Closed {
            std::string month;
            std::string at;
        };
        std::vector<Closed> closed;
        for (int m = 0; m < k_months; ++m) {
            const MonthSpan& ms = months[static_cast<std::size_t>(m)];
            const Day on = std::min(ms.last + 5, as_of);
            closed.push_back({ms.key, fmt::format("{}T02:00:00Z", format_day(on))});
        }
        BatchInsert insert(db, k_insert_month, 2);
        insert.insert(closed, [](BatchInsert::Row& row, const Closed& c) {
            row.text(c.month);
            row.text(c.at);
        });
        counts.closed_months = k_months;
        counts.first_month = months.front().key;
        counts.last_month = months[k_months - 1].key;
    };
    Writer writer(db, db.execAndGet("SELECT coalesce(max(id), 0) FROM activity").getInt64());
    int copies = 0;
    for (const PlannedOrg& o : district.orgs)
        copies = std::max(copies, o.copy);
    for (int copy = 1; copy <= copies; ++copy) {
        YearPlanner planner(district, index, months, end, copy);
        planner.run();
        writer.write(planner, district, months);
        if (copy == 1)
            close_months();
        counts.activities += static_cast<long>(planner.acts.size());
        counts.problems += static_cast<long>(planner.problems.size());
        counts.score_entries += static_cast<long>(planner.scores.size());
        counts.flags += static_cast<long>(planner.awards.size());
    }
    return counts;
}

} // namespace hlpb::demo
