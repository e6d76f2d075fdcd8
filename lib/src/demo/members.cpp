#include "demo/members.hpp"
#include "demo/batch.hpp"
#include "demo/rng.hpp"
#include "demo/tables.hpp"

#include <hlpb/date.hpp>
#include <hlpb/id_number.hpp>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::demo {
namespace {

constexpr std::uint64_t k_seed = 0x484C50422D4D4252ULL; // "HLPB-MBR"
constexpr int k_year = 365;

// The shape of one copy of the district (SPEC §1 and the seed).
constexpr int k_members = 6337; // current members per copy
constexpr int k_min_size = 3;   // a branch needs three members
constexpr int k_max_size = 50;
constexpr int k_vacant = 10;          // orgs without a secretary at as_of
constexpr int k_leavers = 64;         // members who left, about 1%, extra to k_members
constexpr int k_honored = 98;         // seed: 98 members honoured
constexpr int k_honored_workers = 26; // of which 优秀党务工作者 (secretaries and their deputies)
constexpr int k_honored_labour = 10; // of which 五一劳动奖章
constexpr int k_mentor_pairs = 30;
constexpr int k_probationary_permille = 60; // of the plain members: about 4% of all
constexpr int k_transferred_permille = 180; // of the plain full members: about 10% of all

constexpr const char* k_area = "350206"; // 湖里区
constexpr const char* k_jiayuan = "嘉园联合党支部";
constexpr const char* k_heshan_first = "禾山街道第一联建片";
// Neither 小 nor 平 is in the given-name tables, so no drawn name repeats his.
constexpr const char* k_wang = "王小平";
constexpr std::string_view k_vacancy_note = "支部书记空缺";

constexpr const char* k_secretary = "secretary";
constexpr const char* k_deputy = "deputy_secretary";
constexpr const char* k_committee = "committee_member";
constexpr const char* k_member = "member";

struct Weighted {
    const char* value;
    int permille;
};

constexpr Weighted k_ethnicities[] = {
    {"汉族", 962}, {"畲族", 10},  {"回族", 8}, {"满族", 6},
    {"壮族", 5},   {"土家族", 4}, {"苗族", 3}, {"维吾尔族", 2},
};
// By generation: born 1980 or later, 1965–1979, before 1965.
constexpr Weighted k_education_young[] = {
    {"初中", 10},  {"高中", 30},        {"中专", 40},       {"大专", 220},
    {"本科", 560}, {"硕士研究生", 125}, {"博士研究生", 15},
};
constexpr Weighted k_education_middle[] = {
    {"初中", 40},  {"高中", 110},      {"中专", 100},      {"大专", 300},
    {"本科", 380}, {"硕士研究生", 60}, {"博士研究生", 10},
};
constexpr Weighted k_education_old[] = {
    {"初中", 150}, {"高中", 250},      {"中专", 180},     {"大专", 220},
    {"本科", 180}, {"硕士研究生", 20}, {"博士研究生", 0},
};

const char* pick(Rng& rng, std::span<const Weighted> table) {
    int r = rng.range(0, 999);
    for (const Weighted& w : table) {
        if (r < w.permille)
            return w.value;
        r -= w.permille;
    }
    return table.front().value;
}

// Roughly normal (Irwin–Hall sum of twelve uniforms), in integers so every platform agrees.
int normal(Rng& rng, int mean, int sd) {
    int sum = 0;
    for (int i = 0; i < 12; ++i)
        sum += rng.range(0, 999);
    return mean + sd * (sum - 5994) / 1000; // the sum has mean 5994 and sd ~1000
}

Date civil(Day d) {
    return Date{std::chrono::sys_days{std::chrono::days{d}}};
}

int year_of(Day d) {
    return static_cast<int>(civil(d).year());
}

// ---- people ---------------------------------------------------------------------------------

struct Member {
    std::string name;
    bool male = true;
    Day birth = 0;
    int seq = 0; // 顺序码: odd for men, even for women
    const char* ethnicity = "";
    const char* education = "";
    Day join = 0;
    std::optional<Day> full;
    int org = -1; // index into District::orgs
    Day org_since = 0;
    const char* role = k_member;
    Day role_since = 0;
    std::uint64_t phone = 0;
    std::optional<Day> left_on;
    const char* left_reason = "";
    Day first_day = 0; // in the district's orgs: org_since, or the start of an earlier placement
    bool transferred = false; // org_since and first_day set by CopyPlanner::transfer
    std::int64_t id = 0;
};

bool is(const Member& m, std::string_view role) {
    return m.role == role;
}

// Births from 1 January 76 years before as_of's year to 23 years before as_of.
Day birth_lo(Day as_of) {
    return to_day(year_of(as_of) - 76, 1, 1);
}
Day birth_hi(Day as_of) {
    return as_of - 23 * k_year - 6;
}

// A closed interval of member_org_history (role null) or member_role_history: [from, to).
struct Stint {
    int member;
    int org;
    const char* role;
    Day from;
    Day to;
};

struct PointsRow {
    int member;
    int year;
    int points;
};

struct HonorRow {
    int member;
    Day date;
    const char* title;
    const char* level;
};

struct MentorRow {
    int mentor;
    int mentee;
    Day from;
    std::optional<Day> to;
};

// A bijection of 0..10^8-1 that looks random: a four-round Feistel network on two halves of
// four decimal digits (each round adds a hash of one half to the other, modulo 10^4).
std::uint64_t scramble(std::uint64_t n) {
    std::uint64_t left = n / 10'000, right = n % 10'000;
    for (std::uint64_t round = 0; round < 4; ++round) {
        std::uint64_t h = (right + 1) * 0x9E3779B97F4A7C15ULL ^ (round * 0xBF58476D1CE4E5B9ULL);
        h ^= h >> 31;
        const std::uint64_t next = (left + h % 10'000) % 10'000;
        left = right;
        right = next;
    }
    return left * 10'000 + right;
}

// ID numbers and phones handed out, across every copy of the district.
class Registry {
public:
    Registry(Day birth_lo, Day birth_hi)
        : m_lo(birth_lo),
          m_ids((static_cast<std::size_t>(birth_hi - birth_lo + 2) * 1000 + 63) / 64) {}

    // A free 顺序码 for this birth day and gender. When the day is full (never at the demo's
    // sizes) the birth date moves a day earlier.
    int claim_id(Rng& rng, Day& birth, bool male) {
        for (;;) {
            for (int attempt = 0; attempt < 32; ++attempt) {
                const int seq = male ? rng.range(0, 498) * 2 + 1 : rng.range(1, 499) * 2;
                const std::size_t bit =
                    static_cast<std::size_t>(birth - m_lo) * 1000 + static_cast<std::size_t>(seq);
                std::uint64_t& word = m_ids[bit / 64];
                const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
                if ((word & mask) == 0) {
                    word |= mask;
                    return seq;
                }
            }
            birth = birth > m_lo ? birth - 1 : birth + 1;
        }
    }

    // A mobile number never handed out before: the last eight digits are the count of numbers
    // handed out so far, scrambled by a bijection of 0..10^8-1, so numbers are unique with any
    // prefix and need no set of those taken.
    std::uint64_t claim_phone(Rng& rng) {
        const std::string_view prefix = rng.pick(mobile_prefixes());
        std::uint64_t p = 0;
        for (char c : prefix)
            p = p * 10 + static_cast<std::uint64_t>(c - '0');
        return p * 100'000'000 + scramble(m_phones++);
    }

private:
    Day m_lo;
    std::vector<std::uint64_t> m_ids; // one bit per (birth day, 顺序码)
    std::uint64_t m_phones = 0;       // numbers handed out
};

// ---- one copy of the district ---------------------------------------------------------------

enum class Predecessor { none, stepped_down, left };

// An org's secretaries: the first from the org's founding, perhaps a successor; a vacancy
// between them or at the end.
struct SecretaryPlan {
    bool vacant = false; // no secretary at as_of
    Day since = 0;       // the current secretary's role_since
    Predecessor predecessor = Predecessor::none;
    Day predecessor_to = 0; // the end of the first secretary's term (left_on when left)
    const char* left_reason = "transferred_out";
};

// What the members step needs to know of each org, from the District.
struct OrgFacts {
    bool ever_lead = false;
    std::optional<Day> cluster_from; // the open cluster membership's first day
    const PlannedFlag* weak = nullptr;
};

struct DistrictFacts {
    std::vector<OrgFacts> orgs;                // per District::orgs
    std::vector<std::optional<Day>> lead_from; // per District::clusters: the open lead term
};

DistrictFacts facts_of(const District& d) {
    DistrictFacts f;
    f.orgs.resize(d.orgs.size());
    f.lead_from.resize(d.clusters.size());
    for (const Term& t : d.leads) {
        f.orgs[static_cast<std::size_t>(t.org)].ever_lead = true;
        if (!t.to)
            f.lead_from[static_cast<std::size_t>(t.cluster)] = t.from;
    }
    for (const Term& t : d.memberships)
        if (!t.to)
            f.orgs[static_cast<std::size_t>(t.org)].cluster_from = t.from;
    for (const PlannedFlag& fl : d.flags)
        if (std::string_view(fl.flag) == "weak")
            f.orgs[static_cast<std::size_t>(fl.org)].weak = &fl;
    return f;
}

class CopyPlanner {
public:
    CopyPlanner(const District& d, const DistrictFacts& facts, Registry& registry, int copy);
    void run();

    std::vector<Member> members;
    std::vector<Stint> org_history;
    std::vector<Stint> role_history;
    std::vector<PointsRow> points;
    std::vector<HonorRow> honors;
    std::vector<MentorRow> mentors;

private:
    const PlannedOrg& org(int o) const { return m_d.orgs[static_cast<std::size_t>(o)]; }
    const OrgFacts& facts(int o) const { return m_facts.orgs[static_cast<std::size_t>(o)]; }
    Day founded(int o) const { return org(o).founded; }
    bool recent(int o) const { return founded(o) > m_as_of - 2 * k_year; }
    Day between(Day lo, Day hi) { return m_rng.range(lo, std::max(lo, hi)); }

    void plan_sizes();
    void plan_secretaries();
    void plan_vacancies();
    void plan_refills();
    void fill_org(int o);
    void add_leavers();
    void add_points();
    void add_honors();
    void add_mentors();

    Member person(bool probationary, Day latest_join, bool older);
    int add(Member m, int o, const char* role, Day role_since, const char* earlier_role);
    void transfer(Member& m, int o);

    const District& m_d;
    const DistrictFacts& m_facts;
    Registry& m_registry;
    Rng m_rng;
    int m_copy;
    Day m_as_of;
    Day m_birth_lo;
    Day m_birth_hi;
    Day m_join_lo; // 18 years after m_birth_lo

    int m_first_org = 0; // this copy's orgs: [m_first_org, m_end_org)
    int m_end_org = 0;
    int m_jiayuan = -1; // org indexes of the seed's 嘉园联合党支部 and 王小平's lead org
    int m_wang_org = -1;
    int m_wang = -1;                   // member index
    std::vector<int> m_size;           // per org of the copy: current members
    std::vector<SecretaryPlan> m_plan; // per org of the copy
    std::vector<int> m_secretary;      // per org of the copy: member index, or -1
};

CopyPlanner::CopyPlanner(const District& d, const DistrictFacts& facts, Registry& registry,
                         int copy)
    : m_d(d), m_facts(facts), m_registry(registry),
      m_rng(k_seed ^ (static_cast<std::uint64_t>(copy) * 0xD1B54A32D192ED03ULL)), m_copy(copy),
      m_as_of(d.as_of) {
    m_birth_lo = birth_lo(m_as_of);
    m_birth_hi = birth_hi(m_as_of);
    m_join_lo = m_birth_lo + 18 * 366 + 30;
    m_first_org = static_cast<int>(d.orgs.size());
    for (int o = 0; o < static_cast<int>(d.orgs.size()); ++o) {
        if (d.orgs[static_cast<std::size_t>(o)].copy != copy)
            continue;
        m_first_org = std::min(m_first_org, o);
        m_end_org = o + 1;
    }
    if (copy == 1) {
        for (int o = m_first_org; o < m_end_org; ++o)
            if (org(o).name == k_jiayuan)
                m_jiayuan = o;
        for (const PlannedCluster& c : d.clusters)
            if (c.copy == 1 && c.name == k_heshan_first)
                m_wang_org = c.lead_now;
    }
    const auto n = static_cast<std::size_t>(m_end_org - m_first_org);
    m_size.assign(n, 0);
    m_plan.assign(n, {});
    m_secretary.assign(n, -1);
}

void CopyPlanner::run() {
    plan_sizes();
    plan_secretaries();
    plan_vacancies();
    plan_refills();
    for (int o = m_first_org; o < m_end_org; ++o)
        fill_org(o);
    add_leavers();
    add_points();
    add_honors();
    add_mentors();
}

// Skewed: most orgs have 3–12 members, the 党委 and 党总支 30–50, the leads more than most.
// The raw sizes add up to about k_members; random orgs are nudged by one to hit it exactly.
void CopyPlanner::plan_sizes() {
    long sum = 0;
    for (int o = m_first_org; o < m_end_org; ++o) {
        const std::string_view form = org(o).form;
        const bool lead = facts(o).ever_lead;
        int size;
        const int r = m_rng.range(0, 999);
        if (founded(o) > m_as_of - k_year)
            size = m_rng.range(3, 7);
        else if (form == "committee")
            size = m_rng.range(30, 50);
        else if (form == "general_branch")
            size = m_rng.range(lead ? 22 : 14, lead ? 45 : 36);
        else if (lead)
            size = m_rng.range(10, 28);
        else
            size = r < 640   ? m_rng.range(3, 7)
                   : r < 890 ? m_rng.range(5, 11)
                   : r < 975 ? m_rng.range(10, 18)
                             : m_rng.range(16, 30);
        m_size[static_cast<std::size_t>(o - m_first_org)] = size;
        sum += size;
    }
    const int n = static_cast<int>(m_size.size());
    while (sum != k_members) {
        int& s = m_size[static_cast<std::size_t>(m_rng.range(0, n - 1))];
        if (sum < k_members && s < k_max_size) {
            ++s;
            ++sum;
        } else if (sum > k_members && s > k_min_size) {
            --s;
            --sum;
        }
    }
}

// Founding secretaries still in office, or a successor (the first stepped down or left). Leads
// choose experienced secretaries (四看), so theirs mostly took office five or more years ago.
void CopyPlanner::plan_secretaries() {
    for (int o = m_first_org; o < m_end_org; ++o) {
        SecretaryPlan& p = m_plan[static_cast<std::size_t>(o - m_first_org)];
        const Day f = founded(o);
        p.since = f;
        if (recent(o) || o == m_wang_org)
            continue;
        std::optional<Day> handover;
        const int r = m_rng.range(0, 999);
        if (facts(o).ever_lead) {
            if (r < 200 && f + 2 * k_year < m_as_of - 5 * k_year)
                handover = between(f + 2 * k_year, m_as_of - 5 * k_year);
            else if (r >= 200 && r < 300)
                handover = between(std::max(f + k_year, m_as_of - 4 * k_year), m_as_of - 400);
        } else if (r < 500) {
            handover = between(f + k_year, m_as_of - 15);
        }
        if (handover) {
            p.since = *handover;
            p.predecessor = m_rng.chance(130) ? Predecessor::left : Predecessor::stepped_down;
            p.predecessor_to = *handover;
        }
    }
}

// Ten orgs have no secretary at as_of: the first still weak for 支部书记空缺, then other weak
// ones, then small orgs at random. Their last secretary stepped down or left.
void CopyPlanner::plan_vacancies() {
    std::vector<int> pool;
    for (int o = m_first_org; o < m_end_org; ++o)
        if (!facts(o).ever_lead && o != m_jiayuan && founded(o) < m_as_of - 3 * k_year)
            pool.push_back(o);
    m_rng.shuffle(pool);
    auto rank = [&](int o) {
        const PlannedFlag* w = facts(o).weak;
        if (w == nullptr || w->to)
            return 2;
        return k_vacancy_note == w->note ? 0 : 1;
    };
    std::stable_sort(pool.begin(), pool.end(), [&](int a, int b) { return rank(a) < rank(b); });
    for (std::size_t i = 0; i < pool.size() && i < k_vacant; ++i) {
        const int o = pool[i];
        SecretaryPlan& p = m_plan[static_cast<std::size_t>(o - m_first_org)];
        const Day earliest = founded(o) + 400;
        Day gap;
        if (const PlannedFlag* w = facts(o).weak; w != nullptr && !w->to)
            gap = between(std::max(earliest, w->from - 90), w->from - 5);
        else
            gap = between(std::max(earliest, m_as_of - 540), m_as_of - 30);
        p = SecretaryPlan{};
        p.vacant = true;
        p.predecessor = m_rng.chance(500) ? Predecessor::left : Predecessor::stepped_down;
        p.predecessor_to = gap;
        p.left_reason = m_rng.chance(200) ? "deceased" : "transferred_out";
    }
}

// 嘉园联合党支部 (seed): its secretary left in the last twelve months, the branch stood still,
// and some weeks later, helped by its cluster, it elected a new one. Orgs delisted from weak
// for 支部书记空缺 had the same kind of gap before they were delisted.
void CopyPlanner::plan_refills() {
    for (int o = m_first_org; o < m_end_org; ++o) {
        SecretaryPlan& p = m_plan[static_cast<std::size_t>(o - m_first_org)];
        const PlannedFlag* w = facts(o).weak;
        const bool delisted_vacancy = w != nullptr && w->to && k_vacancy_note == w->note;
        if (p.vacant || facts(o).ever_lead || (o != m_jiayuan && !delisted_vacancy))
            continue;
        Day elected = w != nullptr && w->to ? *w->to - m_rng.range(7, 30) : m_as_of - 90;
        Day left = elected - m_rng.range(35, 63);
        if (o == m_jiayuan && left < m_as_of - 360) { // keep the seed's story in the last year
            left = m_as_of - m_rng.range(340, 360);
            elected = left + m_rng.range(35, 63);
            if (w != nullptr && w->to && *w->to - 1 >= left + 28) // still before the delisting
                elected = std::min(elected, *w->to - 1);
        }
        if (left < founded(o) + 400 || elected > m_as_of - 7)
            continue;
        p.since = elected;
        p.predecessor = Predecessor::left;
        p.predecessor_to = left;
        p.left_reason = "transferred_out";
    }
}

// A person with no placement yet. `latest_join` bounds the join date (an officer was a full
// member when elected); `older` draws an older person (an investor secretary, the deceased).
Member CopyPlanner::person(bool probationary, Day latest_join, bool older) {
    Member m;
    m.male = m_rng.chance(older ? 750 : 580);
    Day join;
    if (probationary) {
        join = m_as_of - m_rng.range(5, 355);
    } else {
        const Day hi = std::min(latest_join, m_as_of - 375);
        const int r = m_rng.range(0, 999);
        const int years = older     ? m_rng.range(12, 35)
                          : r < 300 ? m_rng.range(1, 5)
                          : r < 650 ? m_rng.range(5, 14)
                          : r < 900 ? m_rng.range(14, 28)
                                    : m_rng.range(28, 45);
        join = m_as_of - years * k_year - m_rng.range(0, 364);
        if (join > hi)
            join = hi - m_rng.range(0, 2 * k_year);
        if (join < m_join_lo)
            join = between(m_join_lo, std::min(hi, m_join_lo + k_year));
        m.full = join + k_year + m_rng.range(-2, 6);
    }
    m.join = join;

    const int r = m_rng.range(0, 999);
    const int join_age = older     ? m_rng.range(25, 42)
                         : r < 120 ? m_rng.range(18, 21)
                         : r < 620 ? m_rng.range(22, 30)
                         : r < 900 ? m_rng.range(31, 40)
                                   : m_rng.range(41, 50);
    const Day upper = std::min(m_birth_hi, join - 18 * 366);
    Day birth = join - join_age * 36525 / 100 - m_rng.range(0, 364);
    if (birth > upper)
        birth = between(std::max(m_birth_lo, upper - 300), upper);
    if (birth < m_birth_lo)
        birth = between(m_birth_lo, std::min(upper, m_birth_lo + k_year));
    m.seq = m_registry.claim_id(m_rng, birth, m.male);
    m.birth = birth;

    m.name = m_rng.pick(surnames());
    const auto given = m.male ? male_given_names() : female_given_names();
    m.name += m_rng.pick(given);
    if (m_rng.chance(700))
        m.name += m_rng.pick(given);
    m.ethnicity = pick(m_rng, k_ethnicities);
    const int born = year_of(birth);
    m.education = pick(m_rng, born >= 1980   ? std::span<const Weighted>(k_education_young)
                              : born >= 1965 ? std::span<const Weighted>(k_education_middle)
                                             : std::span<const Weighted>(k_education_old));
    m.phone = m_registry.claim_phone(m_rng);
    return m;
}

// Places m in org o from the later of joining and the org's founding (SPEC §6 default), in
// `role` from role_since (the org_since when earlier); the time before in `earlier_role`.
int CopyPlanner::add(Member m, int o, const char* role, Day role_since, const char* earlier_role) {
    m.org = o;
    if (!m.transferred) {
        m.org_since = std::max(m.join, founded(o));
        m.first_day = m.org_since;
    }
    m.role = role;
    m.role_since = std::max(role_since, m.org_since);
    const int index = static_cast<int>(members.size());
    if (m.role_since > m.org_since)
        role_history.push_back({index, o, earlier_role, m.org_since, m.role_since});
    members.push_back(std::move(m));
    return index;
}

// About one member in ten came from another org of the district: a closed placement there as
// a plain member, then this org from the transfer day.
void CopyPlanner::transfer(Member& m, int o) {
    if (m.join > m_as_of - 2 * k_year)
        return;
    const int other = m_rng.range(m_first_org, m_end_org - 1);
    if (other == o || founded(other) > m_as_of - 2 * k_year)
        return;
    const Day from = std::max(m.join, founded(other));
    const Day lo = std::max(from + 60, founded(o));
    if (lo > m_as_of - 5)
        return;
    const Day on = m_rng.range(lo, m_as_of - 5);
    const int index = static_cast<int>(members.size()); // add() places m there next
    org_history.push_back({index, other, nullptr, from, on});
    role_history.push_back({index, other, k_member, from, on});
    m.org_since = on;
    m.first_day = from;
    m.transferred = true;
}

void CopyPlanner::fill_org(int o) {
    const auto i = static_cast<std::size_t>(o - m_first_org);
    const SecretaryPlan& p = m_plan[i];
    const int n = m_size[i];
    const Day f = founded(o);
    int filled = 0;

    if (!p.vacant) {
        const bool investor = org(o).investor_is_secretary;
        Member m = person(false, p.since - 370, investor);
        if (o == m_wang_org) {
            m.name = k_wang;
            if (!m.male) { // keep the ID's gender digit: draw a man's number instead
                m.male = true;
                Day birth = m.birth;
                m.seq = m_registry.claim_id(m_rng, birth, true);
                m.birth = birth;
            }
            m.education = "本科";
            m.ethnicity = "汉族";
        }
        const int s = add(std::move(m), o, k_secretary, p.since, n >= 7 ? k_committee : k_member);
        m_secretary[i] = s;
        if (o == m_wang_org)
            m_wang = s;
        ++filled;
    }
    if (p.predecessor != Predecessor::none) {
        // The first secretary, from the founding to predecessor_to.
        Member m = person(false, f - 370, org(o).investor_is_secretary);
        if (p.predecessor == Predecessor::left) {
            m.left_on = p.predecessor_to;
            m.left_reason = p.left_reason;
            add(std::move(m), o, k_secretary, f, k_member);
        } else {
            add(std::move(m), o, k_member, p.predecessor_to, k_secretary);
            ++filled;
        }
    }

    // The committee elected at the last 换届 (three-year terms; five for 党委 and 党总支).
    const std::string_view form = org(o).form;
    const int term = (form == "committee" || form == "general_branch" ? 5 : 3) * k_year;
    const Day election = f + (m_as_of - 1 - f) / term * term;
    const int deputies = n >= 40 ? 2 : n >= 15 ? 1 : 0;
    const int committee = n >= 35 ? 5 : n >= 25 ? 4 : n >= 15 ? 3 : n >= 7 ? 2 : 0;
    for (int k = 0; k < deputies + committee && filled < n; ++k, ++filled)
        add(person(false, election - 370, false), o, k < deputies ? k_deputy : k_committee,
            election, k_member);

    for (; filled < n; ++filled) {
        const bool probationary = m_rng.chance(k_probationary_permille);
        Member m = person(probationary, m_as_of - 375, false);
        if (!probationary && m_rng.chance(k_transferred_permille))
            transfer(m, o);
        add(std::move(m), o, k_member, 0, k_member);
    }
}

// Members who left the district (transferred out, died, expelled), keeping their last org.
// The secretaries who left are already counted.
void CopyPlanner::add_leavers() {
    long left = 0;
    for (const Member& m : members)
        left += m.left_on ? 1 : 0;
    for (long k = left; k < std::max<long>(k_leavers, left + 2);) {
        const int o = m_rng.range(m_first_org, m_end_org - 1);
        const int r = m_rng.range(0, 999); // the first two: one of each rarer reason
        const char* reason = k == left                  ? "expelled"
                             : k == left + 1 || r < 200 ? "deceased"
                             : r < 240                  ? "expelled"
                                                        : "transferred_out";
        const bool deceased = std::string_view(reason) == "deceased";
        Member m = person(false, m_as_of - 375, deceased);
        const Day since = std::max(m.join, founded(o));
        const Day lo = std::max(since + 30, m_as_of - 3 * k_year);
        if (lo > m_as_of - 1)
            continue;
        m.left_on = m_rng.range(lo, m_as_of - 1);
        m.left_reason = reason;
        add(std::move(m), o, k_member, 0, k_member);
        ++k;
    }
}

// 党建e家 yearly points for the two full years before as_of and the current year so far; the
// second full year averages 20 more than the first (seed: 年平均积分提高20分).
void CopyPlanner::add_points() {
    const int year = year_of(m_as_of);
    const int elapsed = m_as_of - to_day(year, 1, 1) + 1;
    for (int i = 0; i < static_cast<int>(members.size()); ++i) {
        const Member& m = members[static_cast<std::size_t>(i)];
        const int base = normal(m_rng, 60, 15) + (is(m, k_member) ? 0 : 8);
        const int second = base + normal(m_rng, 20, 6);
        const int current = (second + normal(m_rng, 4, 6)) * elapsed / 366;
        const int values[] = {base, second, current};
        for (int k = 0; k < 3; ++k) {
            const int y = year - 2 + k;
            if (y == year && elapsed < 31) // nothing to show for the current year yet
                continue;
            const bool present =
                m.first_day <= to_day(y, 12, 31) && (!m.left_on || *m.left_on > to_day(y, 1, 1));
            if (present)
                points.push_back({i, y, std::max(0, values[k])});
        }
    }
}

// 98 members honoured on 七一 (优秀共产党员, 优秀党务工作者) or before 五一 (劳动奖章), in the
// last four years and some in the last twelve months; 王小平 is a provincial 优秀党务工作者.
void CopyPlanner::add_honors() {
    const int year = year_of(m_as_of);
    const Day july1 = to_day(year, 7, 1) < m_as_of ? to_day(year, 7, 1) : to_day(year - 1, 7, 1);
    const Day may = to_day(year, 4, 28) < m_as_of ? to_day(year, 4, 28) : to_day(year - 1, 4, 28);
    std::vector<char> taken(members.size(), 0);

    auto honor = [&](int i, const char* title, const char* level, Day latest) {
        const Member& m = members[static_cast<std::size_t>(i)];
        if (taken[static_cast<std::size_t>(i)] || m.left_on || !m.full)
            return false;
        Day date = m_rng.chance(250) ? latest : latest - m_rng.range(1, 4) * k_year;
        date = to_day(year_of(date), static_cast<unsigned>(civil(latest).month()),
                      static_cast<unsigned>(civil(latest).day()));
        const Day earliest = std::max(m.first_day + 180, *m.full);
        if (date < earliest)
            date = latest;
        if (date < earliest)
            return false;
        honors.push_back({i, date, title, level});
        taken[static_cast<std::size_t>(i)] = 1;
        return true;
    };
    int count = 0;
    if (m_wang >= 0) {
        const Member& w = members[static_cast<std::size_t>(m_wang)];
        Day date = to_day(year_of(july1) - 3, 7, 1);
        if (date < w.role_since + k_year)
            date = july1;
        honors.push_back({m_wang, date, "优秀党务工作者", "province"});
        taken[static_cast<std::size_t>(m_wang)] = 1;
        ++count;
    }

    std::vector<int> officers; // current secretaries and deputies, leads' secretaries first
    std::vector<int> everyone;
    for (int i = 0; i < static_cast<int>(members.size()); ++i) {
        const Member& m = members[static_cast<std::size_t>(i)];
        if (is(m, k_secretary) || is(m, k_deputy))
            officers.push_back(i);
        everyone.push_back(i);
    }
    m_rng.shuffle(officers);
    std::stable_partition(officers.begin(), officers.end(), [&](int i) {
        const Member& m = members[static_cast<std::size_t>(i)];
        return is(m, k_secretary) && facts(m.org).ever_lead;
    });
    m_rng.shuffle(everyone);

    for (std::size_t k = 0; k < officers.size() && count < k_honored_workers; ++k) {
        const int r = m_rng.range(0, 999);
        count += honor(officers[k], "优秀党务工作者",
                       r < 120   ? "province"
                       : r < 450 ? "city"
                                 : "district",
                       july1);
    }
    int labour = 0;
    std::size_t next = 0;
    for (; next < everyone.size() && labour < k_honored_labour; ++next) {
        const bool done =
            honor(everyone[next], "五一劳动奖章", m_rng.chance(300) ? "province" : "city", may);
        labour += done;
        count += done;
    }
    for (; next < everyone.size() && count < k_honored; ++next) {
        const int r = m_rng.range(0, 999);
        count += honor(everyone[next], "优秀共产党员",
                       r < 50    ? "province"
                       : r < 350 ? "city"
                                 : "district",
                       july1);
    }
}

// 老带新: a lead's long-serving secretary mentors a new secretary of a member org of the same
// cluster, from the later of both taking office and both orgs being in the cluster; some pairs
// have ended.
void CopyPlanner::add_mentors() {
    struct Pair {
        int mentor;
        int mentee;
        Day earliest;
    };
    std::vector<Pair> pairs;
    for (int c = 0; c < static_cast<int>(m_d.clusters.size()); ++c) {
        const PlannedCluster& cl = m_d.clusters[static_cast<std::size_t>(c)];
        if (cl.copy != m_copy || cl.lead_now < 0)
            continue;
        const int mentor = m_secretary[static_cast<std::size_t>(cl.lead_now - m_first_org)];
        if (mentor < 0)
            continue;
        const Member& lead_secretary = members[static_cast<std::size_t>(mentor)];
        if (lead_secretary.role_since > m_as_of - 3 * k_year)
            continue;
        for (int o = m_first_org; o < m_end_org; ++o) {
            const int mentee = m_secretary[static_cast<std::size_t>(o - m_first_org)];
            if (org(o).cluster_now != c || o == cl.lead_now || mentee < 0)
                continue;
            const Member& s = members[static_cast<std::size_t>(mentee)];
            if (s.role_since < m_as_of - 4 * k_year || s.role_since <= lead_secretary.role_since)
                continue;
            const Day earliest =
                std::max({s.role_since, lead_secretary.role_since, *facts(o).cluster_from,
                          *m_facts.lead_from[static_cast<std::size_t>(c)]});
            if (earliest < m_as_of - 30)
                pairs.push_back({mentor, mentee, earliest});
        }
    }
    m_rng.shuffle(pairs);
    for (std::size_t k = 0; k < pairs.size() && k < k_mentor_pairs; ++k) {
        const Pair& p = pairs[k];
        const Day from = between(p.earliest, std::min(p.earliest + 60, m_as_of - 30));
        std::optional<Day> to;
        if (from < m_as_of - 400 && m_rng.chance(400))
            to = std::min(from + m_rng.range(365, 730), m_as_of - 1);
        mentors.push_back({p.mentor, p.mentee, from, to});
    }
}

// ---- writing ----------------------------------------------------------------------------------

// Column lists; each row's values are bound in this order.
constexpr const char* k_insert_member = R"sql(
INSERT INTO member(id, id_number, name, gender, birth_date, ethnicity, education, join_date,
                   status, full_date, org_id, org_since, role, role_since, phone, left_on,
                   left_reason) VALUES )sql";
constexpr const char* k_insert_org_history =
    "INSERT INTO member_org_history(member_id, org_id, from_date, to_date) VALUES ";
constexpr const char* k_insert_role_history =
    "INSERT INTO member_role_history(member_id, org_id, role, from_date, to_date) VALUES ";
constexpr const char* k_insert_points =
    "INSERT INTO member_points(member_id, year, points) VALUES ";
constexpr const char* k_insert_honor =
    "INSERT INTO member_honor(member_id, date, title, level) VALUES ";
constexpr const char* k_insert_mentor =
    "INSERT INTO mentor(mentor_id, mentee_id, from_date, to_date, note) VALUES ";

class Writer {
public:
    // Member rowids are given explicitly from first_id + 1 on, so references need no lookup.
    // Members go one per statement: each lands on a random page of the id_number index.
    Writer(SQLite::Database& db, std::int64_t first_id)
        : m_next_id(first_id), m_member(db, k_insert_member, 17, 1),
          m_org_history(db, k_insert_org_history, 4), m_role_history(db, k_insert_role_history, 5),
          m_points(db, k_insert_points, 3), m_honor(db, k_insert_honor, 4),
          m_mentor(db, k_insert_mentor, 5) {}

    void write(CopyPlanner& p, const District& d) {
        for (Member& m : p.members)
            m.id = ++m_next_id;
        auto id = [&](int member) { return p.members[static_cast<std::size_t>(member)].id; };
        auto org_id = [&](int org) { return d.orgs[static_cast<std::size_t>(org)].id; };
        using Row = BatchInsert::Row;

        m_member.insert(p.members, [&](Row& row, const Member& m) {
            char number[18];
            std::memcpy(number, k_area, 6);
            const Date birth = civil(m.birth);
            put_digits(number + 6, static_cast<unsigned>(static_cast<int>(birth.year())), 4);
            put_digits(number + 10, static_cast<unsigned>(birth.month()), 2);
            put_digits(number + 12, static_cast<unsigned>(birth.day()), 2);
            put_digits(number + 14, static_cast<unsigned>(m.seq), 3);
            number[17] = id_number::check_char(std::string_view(number, 17));
            char phone[11];
            put_digits(phone, static_cast<unsigned>(m.phone / 100'000'000), 3);
            put_digits(phone + 3, static_cast<unsigned>(m.phone % 100'000'000), 8);

            row.integer(m.id);
            row.copy(std::string_view(number, 18));
            row.text(m.name);
            row.text(m.male ? "male" : "female");
            row.day(m.birth);
            row.text(m.ethnicity);
            row.text(m.education);
            row.day(m.join);
            row.text(m.full ? "full" : "probationary");
            row.day(m.full);
            row.integer(org_id(m.org));
            row.day(m.org_since);
            row.text(m.role);
            row.day(m.role_since);
            row.copy(std::string_view(phone, 11));
            row.day(m.left_on);
            row.text(m.left_reason);
        });
        m_org_history.insert(p.org_history, [&](Row& row, const Stint& s) {
            row.integer(id(s.member));
            row.integer(org_id(s.org));
            row.day(s.from);
            row.day(s.to);
        });
        m_role_history.insert(p.role_history, [&](Row& row, const Stint& s) {
            row.integer(id(s.member));
            row.integer(org_id(s.org));
            row.text(s.role);
            row.day(s.from);
            row.day(s.to);
        });
        m_points.insert(p.points, [&](Row& row, const PointsRow& r) {
            row.integer(id(r.member));
            row.integer(r.year);
            row.integer(r.points);
        });
        m_honor.insert(p.honors, [&](Row& row, const HonorRow& h) {
            row.integer(id(h.member));
            row.day(h.date);
            row.text(h.title);
            row.text(h.level);
        });
        m_mentor.insert(p.mentors, [&](Row& row, const MentorRow& r) {
            row.integer(id(r.mentor));
            row.integer(id(r.mentee));
            row.day(r.from);
            row.day(r.to);
            row.text("老带新");
        });
    }

private:
    std::int64_t m_next_id;
    BatchInsert m_member;
    BatchInsert m_org_history;
    BatchInsert m_role_history;
    BatchInsert m_points;
    BatchInsert m_honor;
    BatchInsert m_mentor;
};

} // namespace

MemberCounts build_members(SQLite::Database& db, const District& district) {
    const DistrictFacts facts = facts_of(district);
    Registry registry(birth_lo(district.as_of), birth_hi(district.as_of));
    // A page cache that holds the indexes written at random places (id_number, above all) at
    // --scale 100: 64 MiB at most, used only as filled; the default 2 MiB makes the growing
    // transaction spill and rewrite pages.
    const CacheSize cache(db, 65'536);
    Writer writer(db, db.execAndGet("SELECT coalesce(max(id), 0) FROM member").getInt64());
    MemberCounts counts;
    int copies = 0;
    for (const PlannedOrg& o : district.orgs)
        copies = std::max(copies, o.copy);
    // Planned and written one copy at a time, so memory stays flat in --scale.
    for (int copy = 1; copy <= copies; ++copy) {
        CopyPlanner planner(district, facts, registry, copy);
        planner.run();
        writer.write(planner, district);
        for (const Member& m : planner.members)
            ++(m.left_on ? counts.left : counts.current);
    }
    return counts;
}

} // namespace hlpb::demo
