#include "demo/district.hpp"
#include "demo/rng.hpp"
#include "demo/tables.hpp"

#include <hlpb/date.hpp>
#include <hlpb/validate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <string_view>
#include <unordered_set>

namespace hlpb::demo {
namespace {

constexpr std::uint64_t k_seed = 0x484C50422D44454DULL; // "HLPB-DEM"
constexpr int k_year = 365;

// The shape of one copy of the district (SPEC §1 and the seed).
constexpr int k_cluster_min = 6;  // 1 lead + X = 5
constexpr int k_cluster_max = 13; // 1 lead + X = 12
constexpr int k_split_parent_size = 13;
constexpr int k_split_movers = 5;
constexpr int k_dissolve_rejoin = 2;
constexpr int k_moves = 3;
constexpr int k_lead_changes = 2;
constexpr int k_recent_unclustered = 2; // per committee, founded in the last twelve months
constexpr int k_training_bases = 17;
constexpr int k_investor_leads_permille = 650; // of the current leads, rounded up
constexpr int k_weak_recently_delisted = 14;
constexpr int k_weak_still = 4;
constexpr int k_weak_long_ago = 2;
constexpr int k_typical_leads = 36;
constexpr int k_typical_others = 34;
constexpr int k_honor_leads = 12;
constexpr int k_honor_others = 6;

constexpr std::string_view k_uscc_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr const char* k_jiayuan_note = "支部书记离职后支部工作一度瘫痪、经联建片帮扶选出新书记";

int year_of(Day d) {
    return static_cast<int>(Date{std::chrono::sys_days{std::chrono::days{d}}}.year());
}

// GB 11714 check character of an 8-character organisation code body.
char org_code_check(std::string_view body) {
    constexpr int k_weights[] = {3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 8; ++i) {
        char c = body[i];
        int value = c >= '0' && c <= '9' ? c - '0' : c - 'A' + 10;
        sum += value * k_weights[i];
    }
    int check = 11 - sum % 11;
    return check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
}

const char* form_suffix(std::string_view form) {
    if (form == "joint_branch")
        return "联合党支部";
    if (form == "general_branch")
        return "党总支";
    if (form == "committee")
        return "党委";
    return "党支部";
}

// Synthetic names and codes, unique across every copy of the district.
class NameBook {
public:
    NameBook() {
        for (const char* b : reserved_brands())
            m_reserved.insert(b);
    }

    // A brand whose short name brand + word is new; claims that short name.
    std::string brand(Rng& rng, std::string_view word) {
        auto first = brand_first(), second = brand_second();
        for (int attempt = 0;; ++attempt) {
            std::string b = rng.pick(first);
            std::string s2 = rng.pick(second);
            if (s2 == b)
                continue;
            b += s2;
            if (attempt >= 64) // two syllables are running out (very large --scale)
                b += rng.pick(second);
            if (m_reserved.count(b) != 0)
                continue;
            if (m_shorts.insert(b + std::string(word)).second)
                return b;
        }
    }

    void claim(const std::string& short_name) { m_shorts.insert(short_name); }

    std::string person(Rng& rng) {
        std::string name = rng.pick(surnames());
        name += rng.pick(given_names());
        if (rng.chance(700))
            name += rng.pick(given_names());
        return name;
    }

    std::string mobile(Rng& rng) {
        return fmt::format("{}{:08}", rng.pick(mobile_prefixes()), rng.range(0, 99'999'999));
    }

    // 统一社会信用代码: type (91, 52, 51) + Huli's area code 350206 + organisation code (8 + its
    // GB 11714 check) + the GB 32100 check character. new_style bodies start with MA (after 2015).
    std::string uscc(Rng& rng, std::string_view type, bool new_style) {
        for (;;) {
            std::string body;
            if (new_style) {
                body = "MA";
                for (int i = 0; i < 6; ++i)
                    body += k_uscc_chars[static_cast<std::size_t>(rng.range(0, 30))];
            } else {
                body += static_cast<char>('1' + rng.range(0, 8));
                for (int i = 0; i < 7; ++i)
                    body += static_cast<char>('0' + rng.range(0, 9));
            }
            std::string code = fmt::format("{}350206{}{}", type, body, org_code_check(body));
            code += validate::uscc_check_char(code);
            if (m_usccs.insert(code).second)
                return code;
        }
    }

private:
    std::unordered_set<std::string> m_reserved;
    std::unordered_set<std::string> m_shorts;
    std::unordered_set<std::string> m_usccs;
};

class Planner {
public:
    explicit Planner(Day as_of);
    District run(int scale);

private:
    void plan_copy(int copy);
    void plan_committee(int copy, int committee);
    int add_cluster(const ClusterSpec& spec, int committee, int copy, int number);
    int add_org(int committee, int copy, int number, Day founded, bool lead, const NamedOrg* named);
    void split();
    void dissolve();
    void change_leads();
    void move_orgs();
    void set_attributes();
    void set_flags();
    void set_honors();

    void open_membership(int cluster, int org, Day from);
    void close_membership(int org, Day on);
    void open_lead(int cluster, int org, Day from);
    void close_lead(int cluster, Day on);
    int lead_of(int cluster) const;
    // Current non-lead members of `cluster` that joined more than 30 days before `before`, never
    // led a cluster, never moved and were not founded recently: the orgs an event may move or
    // promote on day `before`.
    std::vector<int> settled_members(int cluster, Day before) const;
    int count_members(int cluster) const;
    int cluster_with_role(ClusterRole role) const;
    std::vector<int> current_leads() const;
    // Moves the named orgs (first copy only) to the front, keeping the order of the rest.
    void named_first(std::vector<int>& orgs) const;
    Day between(Day lo, Day hi) { return m_rng.range(lo, std::max(lo, hi)); }

    District m_d;
    Day m_as_of;
    Day m_est_lo;
    Day m_est_hi;
    Day m_latest_july1; // the most recent 七一 before as_of (honours are awarded then)
    NameBook m_names;
    Rng m_rng{k_seed};

    // Planner state, parallel to District's vectors.
    std::vector<const ClusterSpec*> m_spec; // per cluster
    std::vector<ClusterRole> m_role;        // per cluster
    std::vector<int> m_open_lead;           // per cluster: index into leads, or -1
    std::vector<int> m_open_member;         // per org: index into memberships, or -1
    std::vector<char> m_recent;             // per org: founded in the last twelve months
    std::vector<char> m_ever_lead;          // per org
    std::vector<char> m_moved;              // per org
    std::vector<char> m_named;              // per org: named by the seed
    std::vector<char> m_weak;               // per org: weak at some time
    std::vector<int> m_typical_other;       // this copy's typical orgs that never led

    // This copy's ranges.
    int m_first_cluster = 0;
    int m_first_org = 0;
    std::size_t m_first_membership = 0;
    std::vector<std::vector<int>> m_by_committee; // cluster indexes of this copy per committee
};

Planner::Planner(Day as_of) : m_as_of(as_of) {
    m_est_hi = std::min(to_day(2018, 12, 31), as_of - 2 * k_year);
    m_est_lo = std::min(to_day(2013, 1, 1), m_est_hi - 6 * k_year);
    int y = year_of(as_of);
    m_latest_july1 = to_day(y, 7, 1) < as_of ? to_day(y, 7, 1) : to_day(y - 1, 7, 1);
    for (const CommitteeSpec& c : committees())
        m_d.committees.push_back({c.code, c.name, c.kind});
    m_d.as_of = as_of;
}

District Planner::run(int scale) {
    for (int copy = 1; copy <= scale; ++copy)
        plan_copy(copy);
    for (std::size_t c = 0; c < m_d.clusters.size(); ++c) {
        if (int lead = lead_of(static_cast<int>(c)); lead >= 0) {
            m_d.clusters[c].lead_now = lead;
            m_d.orgs[static_cast<std::size_t>(lead)].lead_now = true;
        }
    }
    for (std::size_t o = 0; o < m_d.orgs.size(); ++o)
        if (m_open_member[o] >= 0)
            m_d.orgs[o].cluster_now =
                m_d.memberships[static_cast<std::size_t>(m_open_member[o])].cluster;
    return std::move(m_d);
}

void Planner::plan_copy(int copy) {
    // Each copy has its own stream, so copy 1 is the same district at every scale.
    m_rng = Rng(k_seed ^ (static_cast<std::uint64_t>(copy) * 0xD1B54A32D192ED03ULL));
    m_first_cluster = static_cast<int>(m_d.clusters.size());
    m_first_org = static_cast<int>(m_d.orgs.size());
    m_first_membership = m_d.memberships.size();
    m_by_committee.assign(committees().size(), {});
    m_typical_other.clear();
    for (std::size_t c = 0; c < committees().size(); ++c)
        plan_committee(copy, static_cast<int>(c));
    // The twelve months before as_of: these events all fall inside them.
    split();
    dissolve();
    change_leads();
    move_orgs();
    set_attributes();
    set_flags();
    set_honors();
}

void Planner::plan_committee(int copy, int committee) {
    const CommitteeSpec& cs = committees()[static_cast<std::size_t>(committee)];
    std::vector<int> originals; // clusters that exist before the last twelve months
    int number = 0;
    for (const ClusterSpec& spec : clusters()) {
        if (std::string_view(spec.committee) != cs.code)
            continue;
        int c = add_cluster(spec, committee, copy, ++number);
        m_by_committee[static_cast<std::size_t>(committee)].push_back(c);
        if (spec.role != ClusterRole::split_child)
            originals.push_back(c);
    }

    // Sizes: every cluster 1 + X with X in [5, 12]; what is left over stays unclustered.
    std::vector<int> size(originals.size());
    std::vector<std::size_t> growable;
    int clustered = 0;
    for (std::size_t i = 0; i < originals.size(); ++i) {
        ClusterRole role = m_role[static_cast<std::size_t>(originals[i])];
        size[i] = role == ClusterRole::split_parent ? k_split_parent_size : k_cluster_min;
        clustered += size[i];
        if (role == ClusterRole::normal)
            growable.push_back(i);
    }
    std::vector<std::size_t> normal = growable;
    for (int left = cs.orgs - cs.unclustered - clustered; left > 0 && !growable.empty(); --left) {
        auto g = static_cast<std::size_t>(m_rng.range(0, static_cast<int>(growable.size()) - 1));
        if (++size[growable[g]] == k_cluster_max)
            growable.erase(growable.begin() + static_cast<std::ptrdiff_t>(g));
        ++clustered;
    }
    // One member of one cluster joined when it was founded, in the last twelve months.
    std::size_t recent_cluster =
        normal[static_cast<std::size_t>(m_rng.range(0, static_cast<int>(normal.size()) - 1))];

    // Codes follow the clusters: HL-A001 is the lead of HL-C01, then its members, …
    int org_number = 0;
    for (std::size_t i = 0; i < originals.size(); ++i) {
        const int c = originals[i];
        // The seed's named orgs exist in the first copy only.
        auto named = [&](bool lead) -> const NamedOrg* {
            if (copy != 1)
                return nullptr;
            for (const NamedOrg& n : named_orgs())
                if (n.lead == lead &&
                    m_spec[static_cast<std::size_t>(c)]->name == std::string_view(n.cluster))
                    return &n;
            return nullptr;
        };

        const Day est = m_d.clusters[static_cast<std::size_t>(c)].established;
        int lead = add_org(committee, copy, ++org_number, est - m_rng.range(k_year, 10 * k_year),
                           true, named(true));
        open_membership(c, lead, est);
        open_lead(c, lead, est);
        for (int k = 1; k < size[i]; ++k) {
            const NamedOrg* n = k == 1 ? named(false) : nullptr;
            const bool recent = i == recent_cluster && k == size[i] - 1;
            Day founded;
            if (recent)
                founded = m_as_of - m_rng.range(20, 330);
            else if (n == nullptr && m_rng.chance(300) && est + 30 < m_as_of - 400)
                founded = m_rng.range(est + 30, m_as_of - 400); // joined after the cluster began
            else
                founded = est - m_rng.range(n ? k_year : 0, 10 * k_year);
            int org = add_org(committee, copy, ++org_number, founded, false, n);
            m_recent[static_cast<std::size_t>(org)] = recent;
            open_membership(c, org, std::max(est, founded));
        }
    }
    const int unclustered = cs.orgs - clustered;
    for (int k = 0; k < unclustered; ++k) {
        const bool recent = k >= unclustered - k_recent_unclustered;
        Day founded =
            recent ? m_as_of - m_rng.range(10, 350) : m_as_of - m_rng.range(400, 12 * k_year);
        int org = add_org(committee, copy, ++org_number, founded, false, nullptr);
        m_recent[static_cast<std::size_t>(org)] = recent;
    }
}

int Planner::add_cluster(const ClusterSpec& spec, int committee, int copy, int number) {
    const CommitteeSpec& cs = committees()[static_cast<std::size_t>(committee)];
    PlannedCluster c;
    c.code = copy == 1 ? fmt::format("{}-C{:02}", cs.code, number)
                       : fmt::format("{}-C{:02}-{}", cs.code, number, copy);
    c.name = copy == 1 ? std::string(spec.name) : fmt::format("{}({})", spec.name, copy);
    c.committee = committee;
    c.copy = copy;
    c.principle = spec.principle;
    // A split child's date is set by split().
    c.established = spec.role == ClusterRole::split_child ? m_as_of : between(m_est_lo, m_est_hi);
    c.instructor = m_names.person(m_rng);
    c.instructor_phone = m_names.mobile(m_rng);
    if (std::string_view(spec.principle) == "geo") {
        c.community = spec.community;
    } else {
        c.supervisor = m_names.person(m_rng);
        c.supervisor_dept = cs.supervisor_dept;
    }
    m_d.clusters.push_back(std::move(c));
    m_spec.push_back(&spec);
    m_role.push_back(spec.role);
    m_open_lead.push_back(-1);
    return static_cast<int>(m_d.clusters.size()) - 1;
}

int Planner::add_org(int committee, int copy, int number, Day founded, bool lead,
                     const NamedOrg* named) {
    const CommitteeSpec& cs = committees()[static_cast<std::size_t>(committee)];
    PlannedOrg o;
    o.code = copy == 1 ? fmt::format("{}-A{:03}", cs.code, number)
                       : fmt::format("{}-A{:03}-{}", cs.code, number, copy);
    o.committee = committee;
    o.copy = copy;
    o.founded = founded;

    const int r = m_rng.range(0, 999);
    if (named)
        o.form = named->form;
    else if (lead)
        o.form = r < 100 ? "committee" : r < 350 ? "general_branch" : "branch";
    else
        o.form = r < 80    ? "joint_branch"
                 : r < 110 ? "general_branch"
                 : r < 120 ? "committee"
                           : "branch";
    const Profile& p = *cs.profile;
    const bool social =
        named ? false
              : p.enterprise.empty() || (!p.social.empty() && m_rng.chance(cs.social_permille));
    o.type = social ? "social" : "enterprise";

    std::string brand;
    std::string_view uscc_type;
    if (std::string_view(o.form) == "joint_branch") {
        // Named after its building or street; hosted by the building's manager.
        if (named) {
            brand = named->brand;
            m_names.claim(brand);
        } else {
            brand = m_names.brand(m_rng, "");
        }
        o.name = brand + form_suffix(o.form);
        o.host_name = social ? fmt::format("厦门市湖里区{}社会组织服务中心", brand)
                             : fmt::format("厦门{}物业管理有限公司", brand);
        uscc_type = social ? "52" : "91";
    } else {
        const Industry& ind =
            named ? *named->industry : m_rng.pick(social ? p.social : p.enterprise);
        if (named) {
            brand = named->brand;
            m_names.claim(brand + ind.short_word);
        } else {
            brand = m_names.brand(m_rng, ind.short_word);
        }
        o.name = fmt::format("{}{}{}", brand, ind.short_word, form_suffix(o.form));
        const bool big = std::string_view(o.form) == "committee";
        o.host_name = social ? fmt::format("厦门市湖里区{}{}", brand, ind.host_word)
                             : fmt::format("厦门{}{}{}", brand, ind.host_word,
                                           big ? "股份有限公司" : "有限公司");
        uscc_type = ind.uscc_type;
    }
    const bool new_style = uscc_type == "91" && founded >= to_day(2015, 10, 1);
    o.host_uscc = m_names.uscc(m_rng, uscc_type, new_style);

    m_d.orgs.push_back(std::move(o));
    m_open_member.push_back(-1);
    m_recent.push_back(0);
    m_ever_lead.push_back(0);
    m_moved.push_back(0);
    m_named.push_back(named != nullptr);
    m_weak.push_back(0);
    return static_cast<int>(m_d.orgs.size()) - 1;
}

void Planner::open_membership(int cluster, int org, Day from) {
    m_d.memberships.push_back({cluster, org, from, std::nullopt});
    m_open_member[static_cast<std::size_t>(org)] = static_cast<int>(m_d.memberships.size()) - 1;
}

void Planner::close_membership(int org, Day on) {
    int& open = m_open_member[static_cast<std::size_t>(org)];
    m_d.memberships[static_cast<std::size_t>(open)].to = on;
    open = -1;
}

void Planner::open_lead(int cluster, int org, Day from) {
    m_d.leads.push_back({cluster, org, from, std::nullopt});
    m_open_lead[static_cast<std::size_t>(cluster)] = static_cast<int>(m_d.leads.size()) - 1;
    m_ever_lead[static_cast<std::size_t>(org)] = 1;
}

void Planner::close_lead(int cluster, Day on) {
    int& open = m_open_lead[static_cast<std::size_t>(cluster)];
    m_d.leads[static_cast<std::size_t>(open)].to = on;
    open = -1;
}

int Planner::lead_of(int cluster) const {
    int open = m_open_lead[static_cast<std::size_t>(cluster)];
    return open < 0 ? -1 : m_d.leads[static_cast<std::size_t>(open)].org;
}

std::vector<int> Planner::settled_members(int cluster, Day before) const {
    std::vector<int> out;
    const int lead = lead_of(cluster);
    for (std::size_t i = m_first_membership; i < m_d.memberships.size(); ++i) {
        const Term& m = m_d.memberships[i];
        auto org = static_cast<std::size_t>(m.org);
        if (m.cluster == cluster && !m.to && m.org != lead && !m_recent[org] && !m_ever_lead[org] &&
            !m_moved[org] && m.from < before - 30)
            out.push_back(m.org);
    }
    return out;
}

int Planner::count_members(int cluster) const {
    int n = 0;
    for (std::size_t i = m_first_membership; i < m_d.memberships.size(); ++i)
        if (m_d.memberships[i].cluster == cluster && !m_d.memberships[i].to)
            ++n;
    return n;
}

int Planner::cluster_with_role(ClusterRole role) const {
    for (int c = m_first_cluster; c < static_cast<int>(m_d.clusters.size()); ++c)
        if (m_role[static_cast<std::size_t>(c)] == role)
            return c;
    return -1;
}

std::vector<int> Planner::current_leads() const {
    std::vector<int> out;
    for (int c = m_first_cluster; c < static_cast<int>(m_d.clusters.size()); ++c)
        if (int lead = lead_of(c); lead >= 0)
            out.push_back(lead);
    return out;
}

void Planner::named_first(std::vector<int>& orgs) const {
    std::stable_partition(orgs.begin(), orgs.end(),
                          [&](int o) { return m_named[static_cast<std::size_t>(o)] != 0; });
}

// 裂变: the parent hands some members to a new child cluster; one of them leads it.
void Planner::split() {
    const int parent = cluster_with_role(ClusterRole::split_parent);
    const int child = cluster_with_role(ClusterRole::split_child);
    if (parent < 0 || child < 0)
        return;
    const Day on = m_as_of - m_rng.range(100, 250);
    PlannedCluster& c = m_d.clusters[static_cast<std::size_t>(child)];
    c.established = on;
    c.parent = parent;
    std::vector<int> movers = settled_members(parent, on);
    m_rng.shuffle(movers);
    // The parent keeps its lead and at least one other member.
    movers.resize(std::min<std::size_t>(k_split_movers, movers.size() - 1));
    for (int org : movers) {
        close_membership(org, on);
        open_membership(child, org, on);
    }
    open_lead(child, movers.front(), on);
}

// A cluster dissolved: memberships and the lead term end that day; some members join
// neighbouring clusters the same day, the rest stay unclustered.
void Planner::dissolve() {
    const int dc = cluster_with_role(ClusterRole::dissolved);
    if (dc < 0)
        return;
    const Day on = m_as_of - m_rng.range(120, 300);
    const int lead = lead_of(dc);
    std::vector<int> former;
    for (std::size_t i = m_first_membership; i < m_d.memberships.size(); ++i) {
        const Term& m = m_d.memberships[i];
        if (m.cluster == dc && !m.to)
            former.push_back(m.org);
    }
    for (int org : former)
        close_membership(org, on);
    close_lead(dc, on);
    m_d.clusters[static_cast<std::size_t>(dc)].dissolved = on;

    std::vector<int> neighbours;
    for (int c : m_by_committee[static_cast<std::size_t>(
             m_d.clusters[static_cast<std::size_t>(dc)].committee)])
        if (m_role[static_cast<std::size_t>(c)] == ClusterRole::normal)
            neighbours.push_back(c);
    std::erase(former, lead);
    m_rng.shuffle(former);
    for (std::size_t i = 0; i < former.size() && i < k_dissolve_rejoin; ++i)
        open_membership(m_rng.pick(std::span<const int>(neighbours)), former[i], on);
}

// A cluster hands the lead to another member (old term closed, new opened the same day).
void Planner::change_leads() {
    std::vector<int> candidates;
    for (int c = m_first_cluster; c < static_cast<int>(m_d.clusters.size()); ++c)
        if (m_role[static_cast<std::size_t>(c)] == ClusterRole::normal &&
            !m_named[static_cast<std::size_t>(lead_of(c))])
            candidates.push_back(c);
    m_rng.shuffle(candidates);
    int done = 0;
    for (int c : candidates) {
        if (done == k_lead_changes)
            break;
        const Day on = m_as_of - m_rng.range(20, 340);
        std::vector<int> members = settled_members(c, on);
        if (members.empty())
            continue;
        const int org = m_rng.pick(std::span<const int>(members));
        close_lead(c, on);
        open_lead(c, org, on);
        ++done;
    }
}

// A few orgs leave one street cluster and join a neighbouring one the same day.
void Planner::move_orgs() {
    std::vector<int> streets;
    for (std::size_t i = 0; i < committees().size(); ++i)
        if (std::string_view(committees()[i].kind) == "street")
            streets.push_back(static_cast<int>(i));
    int done = 0;
    for (int attempt = 0; done < k_moves && attempt < 100; ++attempt) {
        const int committee = m_rng.pick(std::span<const int>(streets));
        std::vector<int> normal;
        for (int c : m_by_committee[static_cast<std::size_t>(committee)])
            if (m_role[static_cast<std::size_t>(c)] == ClusterRole::normal)
                normal.push_back(c);
        if (normal.size() < 2)
            continue;
        m_rng.shuffle(normal);
        const int from = normal[0], to = normal[1];
        const Day on = m_as_of - m_rng.range(30, 330);
        std::vector<int> members = settled_members(from, on);
        if (members.empty() || count_members(from) < 4) // lead + at least 2 others stay
            continue;
        const int org = m_rng.pick(std::span<const int>(members));
        close_membership(org, on);
        open_membership(to, org, on);
        m_moved[static_cast<std::size_t>(org)] = 1;
        ++done;
    }
}

// 四看: leads have venues of 100 m² or more, mostly to the 六有七室 standard, and the investor is
// the secretary in more than 60% of them.
void Planner::set_attributes() {
    for (auto o = static_cast<std::size_t>(m_first_org); o < m_d.orgs.size(); ++o) {
        PlannedOrg& org = m_d.orgs[o];
        if (m_ever_lead[o]) {
            org.venue_m2 = m_rng.range(10, 60) * 10;
            org.venue_standard = m_named[o] || m_rng.chance(880);
            org.investor_is_secretary = m_rng.chance(500);
        } else {
            org.venue_m2 = m_rng.chance(350) ? 0 : m_rng.range(4, 30) * 5;
            org.venue_standard = org.venue_m2 >= 60 && m_rng.chance(300);
            org.investor_is_secretary = m_rng.chance(300);
        }
    }
    std::vector<int> leads = current_leads();
    m_rng.shuffle(leads);
    named_first(leads); // the seed's 丝柏科技 is exemplary
    const std::size_t investors = (leads.size() * k_investor_leads_permille + 999) / 1000;
    for (std::size_t i = 0; i < leads.size(); ++i)
        m_d.orgs[static_cast<std::size_t>(leads[i])].investor_is_secretary = i < investors;
}

void Planner::set_flags() {
    auto founded = [&](int o) { return m_d.orgs[static_cast<std::size_t>(o)].founded; };
    auto add = [&](int org, const char* flag, Day from, std::optional<Day> to, const char* note) {
        m_d.flags.push_back({org, flag, from, to, note});
        if (std::string_view(flag) == "weak")
            m_weak[static_cast<std::size_t>(org)] = 1;
    };

    // Training bases of the urban Party-building academy: 17 of the current leads.
    std::vector<int> leads = current_leads();
    m_rng.shuffle(leads);
    named_first(leads);
    for (std::size_t i = 0; i < leads.size() && i < k_training_bases; ++i) {
        const int o = leads[i];
        const Day hi = m_as_of - 15;
        add(o, "training_base",
            between(std::min(hi, std::max(founded(o) + 1, m_as_of - 8 * k_year)), hi), std::nullopt,
            "");
    }

    // 软弱涣散: never a lead. Most were delisted (摘帽) in the last twelve months.
    std::vector<int> pool;
    for (int o = m_first_org; o < static_cast<int>(m_d.orgs.size()); ++o) {
        auto i = static_cast<std::size_t>(o);
        if (!m_ever_lead[i] && !m_recent[i] && founded(o) < m_as_of - 3 * k_year)
            pool.push_back(o);
    }
    m_rng.shuffle(pool);
    named_first(pool);
    std::size_t next = 0;
    auto note = [&](int o) {
        return m_named[static_cast<std::size_t>(o)] ? k_jiayuan_note : m_rng.pick(weak_notes());
    };
    for (int k = 0; k < k_weak_recently_delisted && next < pool.size(); ++k, ++next) {
        const int o = pool[next];
        // 嘉园 (named) needs room in the last year for its secretary's leaving and the new
        // election before the delisting (lib/src/demo/members.cpp, plan_refills).
        const Day to = m_as_of - m_rng.range(15, m_named[static_cast<std::size_t>(o)] ? 300 : 350);
        add(o, "weak", between(std::max(founded(o) + k_year, to - 5 * k_year), to - 60), to,
            note(o));
    }
    for (int k = 0; k < k_weak_still && next < pool.size(); ++k, ++next)
        add(pool[next], "weak", m_as_of - m_rng.range(60, 700), std::nullopt, note(pool[next]));
    for (int k = 0; k < k_weak_long_ago && next < pool.size(); ++next) {
        const int o = pool[next];
        if (founded(o) >= m_as_of - 5 * k_year)
            continue;
        const Day from = founded(o) + m_rng.range(200, 400);
        add(o, "weak", from, from + m_rng.range(200, 500), note(o));
        ++k;
    }

    // 典型: half of them leads; one in six named in the last twelve months.
    std::vector<int> typical;
    std::vector<int> ever;
    for (int o = m_first_org; o < static_cast<int>(m_d.orgs.size()); ++o)
        if (m_ever_lead[static_cast<std::size_t>(o)])
            ever.push_back(o);
    m_rng.shuffle(ever);
    named_first(ever);
    ever.resize(std::min<std::size_t>(ever.size(), k_typical_leads));
    std::vector<int> others;
    for (int o = m_first_org; o < static_cast<int>(m_d.orgs.size()); ++o) {
        auto i = static_cast<std::size_t>(o);
        if (!m_ever_lead[i] && !m_weak[i] && !m_recent[i] && founded(o) < m_as_of - 3 * k_year)
            others.push_back(o);
    }
    m_rng.shuffle(others);
    others.resize(std::min<std::size_t>(others.size(), k_typical_others));
    m_typical_other = others;
    typical = ever;
    typical.insert(typical.end(), others.begin(), others.end());
    for (std::size_t i = 0; i < typical.size(); ++i) {
        const int o = typical[i];
        Day from;
        if (i % 6 == 5) {
            from = m_as_of - m_rng.range(10, 355);
        } else {
            const Day hi = m_as_of - 370;
            from = between(std::min(hi, std::max(founded(o) + k_year, m_as_of - 7 * k_year)), hi);
        }
        add(o, "typical", from, std::nullopt, "");
    }
}

// Honours are awarded on 七一: the latest one before as_of, or one to four years earlier.
void Planner::set_honors() {
    std::vector<int> honored = current_leads();
    m_rng.shuffle(honored);
    named_first(honored);
    honored.resize(std::min<std::size_t>(honored.size(), k_honor_leads));
    for (std::size_t i = 0; i < m_typical_other.size() && i < k_honor_others; ++i)
        honored.push_back(m_typical_other[i]);
    const int july_year = year_of(m_latest_july1);
    for (std::size_t i = 0; i < honored.size(); ++i) {
        const int o = honored[i];
        Day date = i % 4 == 1 ? m_latest_july1 : to_day(july_year - m_rng.range(1, 4), 7, 1);
        if (date <= m_d.orgs[static_cast<std::size_t>(o)].founded)
            date = m_latest_july1;
        const bool city = m_rng.chance(400);
        m_d.honors.push_back({o, date, city ? "厦门市先进基层党组织" : "湖里区先进基层党组织",
                              city ? "city" : "district"});
    }
}

} // namespace

Day to_day(const Date& d) {
    return std::chrono::sys_days{d}.time_since_epoch().count();
}

Day to_day(int year, unsigned month, unsigned day) {
    return to_day(Date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}});
}

std::string format_day(Day d) {
    return format_date(Date{std::chrono::sys_days{std::chrono::days{d}}});
}

District plan_district(int scale, Day as_of) {
    return Planner(as_of).run(scale);
}

} // namespace hlpb::demo
