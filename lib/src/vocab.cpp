#include <hlpb/text.hpp>
#include <hlpb/vocab.hpp>

namespace hlpb::vocab {
namespace {

constexpr Term k_committee_kinds[] = {
    {"street", "街道", "Sub-district"},
    {"park", "园区", "Park"},
    {"department", "部门", "Department"},
};

constexpr Term k_principles[] = {
    {"geo", "地域相邻", "Neighbouring location", "地域"},
    {"industry", "行业相近", "Similar industry", "行业"},
    {"chain", "产业相连", "Linked supply chain", "产业"},
};

constexpr Term k_org_types[] = {
    {"enterprise", "非公企业", "Non-public enterprise", "企业"},
    {"social", "社会组织", "Social organisation"},
};

constexpr Term k_org_forms[] = {
    {"branch", "党支部", "Party branch"},
    {"joint_branch", "联合党支部", "Joint Party branch"},
    {"general_branch", "党总支", "General Party branch"},
    {"committee", "党委", "Party committee"},
};

constexpr Term k_org_flags[] = {
    {"weak", "软弱涣散", "Weak and lax"},
    {"typical", "典型", "Model org", "典型党组织"},
    {"training_base", "实训基地", "Training base"},
};

constexpr Term k_cluster_statuses[] = {
    {"active", "正常", "Active", "活跃"},
    {"dissolved", "已撤销", "Dissolved"},
};

constexpr Term k_honor_levels[] = {
    {"national", "国家级", "National"}, {"province", "省级", "Provincial"},
    {"city", "市级", "City"},           {"district", "区级", "District"},
    {"other", "其他", "Other"},
};

constexpr Term k_genders[] = {
    {"male", "男", "Male"},
    {"female", "女", "Female"},
};

constexpr Term k_member_statuses[] = {
    {"probationary", "预备党员", "Probationary member", "预备"},
    {"full", "正式党员", "Full member", "正式"},
};

constexpr Term k_member_roles[] = {
    {"secretary", "书记", "Secretary", "党支部书记"},
    {"deputy_secretary", "副书记", "Deputy secretary"},
    {"committee_member", "委员", "Committee member", "支委"},
    {"member", "党员", "Member", "普通党员"},
};

constexpr Term k_leave_reasons[] = {
    {"transferred_out", "转出", "Transferred out"},
    {"deceased", "去世", "Deceased", "死亡"},
    {"expelled", "开除", "Expelled", "开除党籍"},
    {"other", "其他", "Other"},
};

constexpr Term k_activity_kinds[] = {
    {"secretary_meeting", "书记例会", "Secretary meeting"},
    {"theme_day", "联建片主题党日", "Cluster theme day", "主题党日"},
    {"work_meeting", "工作会议", "Work meeting"},
    {"review", "年度述评", "Annual review", "述评"},
    {"training", "培训", "Training"},
    {"reception", "部长会客厅", "Minister's reception", "会客厅"},
    {"volunteer", "志愿服务", "Volunteer service"},
    {"salon", "沙龙", "Salon"},
    {"observation", "观摩", "Observation visit", "观摩交流"},
    {"other", "其他", "Other"},
};

constexpr Term k_problem_categories[] = {
    {"labor", "用工", "Labour"}, {"talent", "人才", "Talent"},
    {"tax", "税务", "Tax"},      {"schooling", "子女入学", "Schooling", "入学"},
    {"other", "其他", "Other"},
};

constexpr Term k_score_categories[] = {
    {"party_affairs", "党务工作", "Party affairs", "党务"},
    {"activity", "活动组织", "Activities", "活动"},
    {"suggestion", "献计献策", "Suggestions"},
    {"bonus", "加分", "Bonus"},
    {"penalty", "扣分", "Penalty"},
};

constexpr Term k_cluster_events[] = {
    {"established", "成立", "Established"},
    {"join", "入片", "Joined"},
    {"leave", "出片", "Left"},
    {"lead", "担任牵头", "Lead org start"},
    {"lead_end", "卸任牵头", "Lead org end"},
    {"split_from", "裂变自", "Split from"},
    {"split_to", "裂变出", "Split into"},
    {"dissolved", "撤销", "Dissolved"},
    // changes of the dated fields (the value from that day)
    {"principle", "划片原则变更", "Principle changed"},
    {"instructor", "指导员变更", "Instructor changed"},
    {"instructor_phone", "指导员电话变更", "Instructor phone changed"},
    {"community", "共建社区变更", "Community changed"},
    {"supervisor", "挂点干部变更", "Supervisor changed"},
    {"supervisor_dept", "挂点部门变更", "Supervisor department changed"},
};

constexpr Term k_org_statuses[] = {
    {"open", "正常", "Open"},
    {"closed", "已撤销", "Closed"},
};

char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ignoring_ascii_case(std::string_view a, std::string_view b) {
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return false;
    return true;
}

} // namespace

std::span<const Term> committee_kinds() {
    return k_committee_kinds;
}
std::span<const Term> principles() {
    return k_principles;
}
std::span<const Term> org_types() {
    return k_org_types;
}
std::span<const Term> org_forms() {
    return k_org_forms;
}
std::span<const Term> org_flags() {
    return k_org_flags;
}
std::span<const Term> cluster_statuses() {
    return k_cluster_statuses;
}
std::span<const Term> honor_levels() {
    return k_honor_levels;
}
std::span<const Term> genders() {
    return k_genders;
}
std::span<const Term> member_statuses() {
    return k_member_statuses;
}
std::span<const Term> member_roles() {
    return k_member_roles;
}
std::span<const Term> leave_reasons() {
    return k_leave_reasons;
}

std::span<const Term> activity_kinds() {
    return k_activity_kinds;
}
std::span<const Term> problem_categories() {
    return k_problem_categories;
}
std::span<const Term> score_categories() {
    return k_score_categories;
}
std::span<const Term> cluster_events() {
    return k_cluster_events;
}
std::span<const Term> org_statuses() {
    return k_org_statuses;
}

// Input goes through text::normalize first, so full-width letters and surrounding spaces
// (ASCII or U+3000) are accepted too.
std::string parse(std::span<const Term> terms, std::string_view text) {
    for (const Term& t : terms) // the exact key: the common case, no normalising copy
        if (text == t.key)
            return t.key;
    const std::string s = text::normalize(text);
    if (s.empty())
        return {};
    for (const Term& t : terms) {
        if (equals_ignoring_ascii_case(s, t.key) || s == t.zh || (t.alt != nullptr && s == t.alt))
            return t.key;
    }
    return {};
}

std::string keys(std::span<const Term> terms) {
    std::string zh;
    std::string en;
    for (const Term& t : terms) {
        if (!en.empty()) {
            zh += '/';
            en += '/';
        }
        zh += t.zh;
        en += t.key;
    }
    return en.empty() ? std::string() : zh + " (" + en + ")";
}

std::string label(std::span<const Term> terms, std::string_view key, std::string_view lang) {
    for (const Term& t : terms)
        if (key == t.key) {
            if (lang == "zh")
                return t.zh;
            if (lang == "en" && t.en != nullptr)
                return t.en;
            break;
        }
    return std::string(key);
}

} // namespace hlpb::vocab
