#include <hlpb/text.hpp>
#include <hlpb/vocab.hpp>

namespace hlpb::vocab {
namespace {

constexpr Term k_committee_kinds[] = {
    {"street", "街道"},
    {"park", "园区"},
    {"department", "部门"},
};

constexpr Term k_principles[] = {
    {"geo", "地域相邻", "地域"},
    {"industry", "行业相近", "行业"},
    {"chain", "产业相连", "产业"},
};

constexpr Term k_org_types[] = {
    {"enterprise", "非公企业", "企业"},
    {"social", "社会组织"},
};

constexpr Term k_org_forms[] = {
    {"branch", "党支部"},
    {"joint_branch", "联合党支部"},
    {"general_branch", "党总支"},
    {"committee", "党委"},
};

constexpr Term k_org_flags[] = {
    {"weak", "软弱涣散"},
    {"typical", "典型", "典型党组织"},
    {"training_base", "实训基地"},
};

constexpr Term k_cluster_statuses[] = {
    {"active", "正常", "活跃"},
    {"dissolved", "已撤销"},
};

constexpr Term k_honor_levels[] = {
    {"national", "国家级"}, {"province", "省级"}, {"city", "市级"},
    {"district", "区级"},   {"other", "其他"},
};

constexpr Term k_genders[] = {
    {"male", "男"},
    {"female", "女"},
};

constexpr Term k_member_statuses[] = {
    {"probationary", "预备党员", "预备"},
    {"full", "正式党员", "正式"},
};

constexpr Term k_member_roles[] = {
    {"secretary", "书记", "党支部书记"},
    {"deputy_secretary", "副书记"},
    {"committee_member", "委员", "支委"},
    {"member", "党员", "普通党员"},
};

constexpr Term k_leave_reasons[] = {
    {"transferred_out", "转出"},
    {"deceased", "去世", "死亡"},
    {"expelled", "开除", "开除党籍"},
    {"other", "其他"},
};

constexpr Term k_activity_kinds[] = {
    {"secretary_meeting", "书记例会"},
    {"theme_day", "联建片主题党日", "主题党日"},
    {"work_meeting", "工作会议"},
    {"review", "年度述评", "述评"},
    {"training", "培训"},
    {"reception", "部长会客厅", "会客厅"},
    {"volunteer", "志愿服务"},
    {"salon", "沙龙"},
    {"observation", "观摩", "观摩交流"},
    {"other", "其他"},
};

constexpr Term k_problem_categories[] = {
    {"labor", "用工"}, {"talent", "人才"}, {"tax", "税务"}, {"schooling", "子女入学", "入学"},
    {"other", "其他"},
};

constexpr Term k_score_categories[] = {
    {"party_affairs", "党务工作", "党务"},
    {"activity", "活动组织", "活动"},
    {"suggestion", "献计献策"},
    {"bonus", "加分"},
    {"penalty", "扣分"},
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
    std::string out;
    for (const Term& t : terms) {
        if (!out.empty())
            out += ", ";
        out += t.key;
    }
    return out;
}

std::string label(std::span<const Term> terms, std::string_view key, std::string_view lang) {
    if (lang == "zh") {
        for (const Term& t : terms)
            if (key == t.key)
                return t.zh;
    }
    return std::string(key);
}

} // namespace hlpb::vocab
