#include <hlpb/labels.hpp>

#include <span>

namespace hlpb::labels {
namespace {

struct Label {
    std::string_view key;
    std::string_view zh;
    std::string_view en;
};

constexpr Label k_column_labels[] = {
    {"at", "时间", "Time"},
    {"birth_date", "出生日期", "Birth date"},
    {"check", "检查项", "Check"},
    {"closed", "撤销日期", "Closed on"},
    {"clusters", "联建片数", "Clusters"},
    {"cluster", "联建片", "Cluster"},
    {"code", "编码", "Code"},
    {"command", "命令", "Command"},
    {"committee", "上级党委", "Committee"},
    {"community", "共建社区", "Community"},
    {"date", "日期", "Date"},
    {"default", "默认值", "Default"},
    {"deleted", "删除", "Deleted"},
    {"description", "说明", "Description"},
    {"dissolved", "撤销日期", "Dissolved on"},
    {"education", "学历", "Education"},
    {"eligible", "符合条件", "Eligible"},
    {"established", "成立日期", "Established"},
    {"ethnicity", "民族", "Ethnicity"},
    {"event", "事件", "Event"},
    {"experience", "书记经验", "Secretary experience"},
    {"field", "字段", "Field"},
    {"flag", "标记", "Flag"},
    {"flags", "标记", "Flags"},
    {"form", "组织形式", "Form"},
    {"founded", "成立日期", "Founded"},
    {"from", "起", "From"},
    {"full_date", "转正日期", "Full member since"},
    {"gender", "性别", "Gender"},
    {"honors", "荣誉", "Honours"},
    {"host_name", "单位名称", "Host organisation"},
    {"host_uscc", "统一社会信用代码", "Host credit code"},
    {"id", "序号", "No."},
    {"id_number", "身份证号", "ID number"},
    {"inserted", "新增", "Inserted"},
    {"instructor", "指导员", "Instructor"},
    {"instructor_phone", "指导员电话", "Instructor phone"},
    {"investor", "出资人兼书记", "Investor is secretary"},
    {"investor_is_secretary", "出资人兼任书记", "Investor is secretary"},
    {"is_lead", "牵头", "Lead"},
    {"is_set", "已设置", "Set"},
    {"join_date", "入党日期", "Joined the Party"},
    {"key", "设置项", "Setting"},
    {"kind", "类型", "Kind"},
    {"lead", "牵头党组织", "Lead org"},
    {"lead_terms", "牵头任期", "Lead terms"},
    {"left_on", "离开日期", "Left on"},
    {"left_reason", "离开原因", "Reason for leaving"},
    {"level", "级别", "Level"},
    {"members", "党员数", "Members"},
    {"mentee", "被带教党员", "Mentee"},
    {"mentee_name", "被带教党员姓名", "Mentee name"},
    {"mentor", "带教书记", "Mentor"},
    {"mentor_name", "带教书记姓名", "Mentor name"},
    {"message", "问题", "Problem"},
    {"name", "名称", "Name"},
    {"note", "备注", "Note"},
    {"org", "党组织", "Org"},
    {"org_name", "党组织名称", "Org name"},
    {"org_since", "转入日期", "In the org since"},
    {"orgs", "党组织数", "Orgs"},
    {"os_user", "用户", "User"},
    {"parent", "裂变自", "Split from"},
    {"phone", "手机号码", "Phone"},
    {"points", "积分", "Points"},
    {"principle", "划片原则", "Principle"},
    {"rank", "排名", "Rank"},
    {"role", "党内职务", "Party post"},
    {"role_since", "任职日期", "In the post since"},
    {"rows", "数据行", "Rows"},
    {"rows_changed", "变更行数", "Rows changed"},
    {"score", "得分", "Score"},
    {"since", "起始日期", "Since"},
    {"standard", "六有七室", "Venue standard"},
    {"status", "状态", "Status"},
    {"subject", "对象", "Subject"},
    {"supervisor", "挂点干部", "Supervisor"},
    {"supervisor_dept", "挂点部门", "Supervisor department"},
    {"table", "数据表", "Table"},
    {"title", "名称", "Title"},
    {"to", "止", "To"},
    {"training", "实训基地", "Training base"},
    {"training_base", "实训基地", "Training base"},
    {"type", "单位类型", "Host type"},
    {"typical", "典型", "Model org"},
    {"undo", "撤销", "Undo"},
    {"updated", "修改", "Updated"},
    {"value", "值", "Value"},
    {"venue", "阵地", "Venue"},
    {"venue_m2", "阵地面积", "Venue (m²)"},
    {"venue_standard", "六有七室", "Venue standard"},
    {"weak", "软弱涣散", "Weak and lax"},
    {"why", "说明", "Why"},
    {"year", "年度", "Year"},
    // report compliance / subsidy / coverage
    {"rule", "规则", "Rule"},
    {"scope", "范围", "Scope"},
    {"period", "考核期", "Period"},
    {"deadline", "截止日期", "Deadline"},
    {"activity_id", "活动序号", "Activity no."},
    {"activity_date", "活动日期", "Activity date"},
    {"activity_title", "活动主题", "Activity title"},
    {"lacks", "缺少", "Lacks"},
    {"month", "月份", "Month"},
    {"secretaries", "书记数", "Secretaries"},
    {"secretary_total", "通讯补贴", "Phone allowance"},
    {"member_month_total", "活动经费（本月）", "Activity funds (month)"},
    {"member_year_total", "活动经费（全年）", "Activity funds (year)"},
    {"two_new_orgs", "两新党组织数", "Two-new orgs"},
    {"district_orgs", "全区党组织数", "District orgs"},
    {"org_share", "党组织占比", "Org share"},
    {"two_new_members", "两新党员数", "Two-new members"},
    {"district_members", "全区党员数", "District members"},
    {"member_share", "党员占比", "Member share"},
    {"clustered_orgs", "入片党组织数", "Orgs in clusters"},
    {"cluster_coverage", "入片覆盖率", "Cluster coverage"},
    {"active_clusters", "联建片数", "Active clusters"},
    // scores and the red flag (hlpb score)
    {"category", "积分类别", "Category"},
    {"reason", "事由", "Reason"},
    {"total", "总分", "Total"},
    {"party_affairs", "党务工作", "Party affairs"},
    {"activity", "活动组织", "Activity"},
    {"suggestion", "献计献策", "Suggestions"},
    {"bonus", "加分", "Bonus"},
    {"penalty", "扣分", "Penalty"},
    {"red_flag", "流动红旗", "Red flag"},
    {"red_flags", "流动红旗", "Red flags"},
    {"decided_by", "决定依据", "Decided by"},
    // activities and 部长会客厅 problems
    {"problems", "问题", "Problems"},
    {"raised", "提出日期", "Raised on"},
    {"resolution", "解决情况", "Resolution"},
    {"resolved", "解决日期", "Resolved on"},
    {"text", "问题描述", "Problem"},
    {"participants", "参加人数", "Participants"},
    {"problems_raised", "提出问题数", "Problems raised"},
    {"problems_solved", "解决问题数", "Problems solved"},
    {"notes", "备注", "Notes"},
    {"measure", "指标", "Measure"},
    // counts of committee / cluster list and hlpb summary
    {"committee_name", "上级党委名称", "Committee name"},
    {"lead_name", "牵头党组织名称", "Lead org name"},
    {"cluster_name", "联建片名称", "Cluster name"},
    {"weak_orgs", "软弱涣散党组织", "Weak orgs"},
    {"orgs_without_secretary", "无书记党组织", "Orgs without a secretary"},
    {"clusters_breaking_structure", "不符合“1+X”的联建片", "Clusters breaking 1+X"},
    {"leads_under_100m2", "牵头阵地不足100m²", "Leads under 100 m²"},
};

// Member listings: where a key's member meaning has its own label (姓名, not 名称).
constexpr Label k_member_labels[] = {
    {"name", "姓名", "Name"},
    {"org", "所在党组织", "Org"},
    {"status", "党员状态", "Member status"},
};

// Titles of the sections of `show`.
constexpr Label k_section_labels[] = {
    {"clusters", "联建片", "Clusters"},
    {"flags", "标记记录", "Flag history"},
    {"honors", "荣誉", "Honours"},
    {"lead_terms", "牵头任期", "Lead terms"},
    {"mentoring", "老带新", "Mentoring"},
    {"orgs", "成员党组织", "Member orgs"},
    {"placements", "组织关系及职务", "Orgs and posts"},
    {"points", "党建e家积分", "Points"},
    {"members", "党员", "Members"},
    {"earlier_values", "历史值", "Earlier values"},
};

const Label* find(std::span<const Label> labels, std::string_view key) {
    for (const Label& l : labels)
        if (l.key == key)
            return &l;
    return nullptr;
}

std::string_view in(const Label* l, std::string_view lang) {
    if (l == nullptr)
        return {};
    return lang == "zh" ? l->zh : lang == "en" ? l->en : std::string_view();
}

} // namespace

std::string_view column(std::string_view key, std::string_view lang) {
    return in(find(k_column_labels, key), lang);
}

std::string_view member_column(std::string_view key, std::string_view lang) {
    if (const Label* l = find(k_member_labels, key))
        return in(l, lang);
    return column(key, lang);
}

std::string_view section(std::string_view key, std::string_view lang) {
    if (const Label* l = find(k_section_labels, key))
        return in(l, lang);
    return column(key, lang);
}

} // namespace hlpb::labels
