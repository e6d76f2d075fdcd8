// Enumerated values: English keys (stored, and used by machine formats), Chinese labels (accepted
// on input and shown with --lang zh) and English labels (shown with --lang en).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace hlpb::vocab {

struct Term {
    const char* key;           // secretary_meeting
    const char* zh;            // 书记例会
    const char* en;            // Secretary meeting (for people; never parsed)
    const char* alt = nullptr; // another Chinese spelling accepted on input, or null
};

std::span<const Term> committee_kinds(); // street 街道 / park 园区 / department 部门
std::span<const Term> principles(); // geo 地域相邻 / industry 行业相近 / chain 产业相连
std::span<const Term> org_types();  // enterprise 非公企业 / social 社会组织
std::span<const Term> org_forms();  // branch 党支部 / joint_branch 联合党支部 / ...
std::span<const Term> org_flags(); // weak 软弱涣散 / typical 典型 / training_base 实训基地
std::span<const Term> cluster_statuses(); // active 正常 / dissolved 已撤销
std::span<const Term>
honor_levels(); // national 国家级 / province 省级 / city 市级 / district 区级 / other 其他
std::span<const Term> genders();         // male 男 / female 女
std::span<const Term> member_statuses(); // probationary 预备党员 / full 正式党员
// secretary 书记 / deputy_secretary 副书记 / committee_member 委员 / member 党员
std::span<const Term> member_roles();
// transferred_out 转出 / deceased 去世 / expelled 开除 / other 其他
std::span<const Term> leave_reasons();
// secretary_meeting 书记例会 / theme_day 联建片主题党日 / work_meeting 工作会议 / review 年度述评 /
// training 培训 / reception 部长会客厅 / volunteer 志愿服务 / salon 沙龙 / observation 观摩 / other
// 其他
std::span<const Term> activity_kinds();
// labor 用工 / talent 人才 / tax 税务 / schooling 子女入学 / other 其他
std::span<const Term> problem_categories();
// party_affairs 党务工作 / activity 活动组织 / suggestion 献计献策 / bonus 加分 / penalty 扣分
std::span<const Term> score_categories();
// cluster history: established 成立 / join 入片 / leave 出片 / lead 担任牵头 / lead_end 卸任牵头 /
// split_from / split_to / dissolved, and the changes of the dated fields (principle, …)
std::span<const Term> cluster_events();
std::span<const Term> org_statuses(); // open 正常 / closed 已撤销

// The key for `text` (a key, case-insensitive, or a Chinese label); empty when unknown.
std::string parse(std::span<const Term> terms, std::string_view text);
// The values a refused cell may take, for error messages: the Chinese words an officer types
// and the keys, "地域相邻/行业相近/产业相连 (geo/industry/chain)"; empty for no terms.
std::string keys(std::span<const Term> terms);
// The label of `key` in `lang` ("zh": the Chinese label, "en": the English one); the key itself
// when it is not a term or the language is neither.
std::string label(std::span<const Term> terms, std::string_view key, std::string_view lang);

} // namespace hlpb::vocab
