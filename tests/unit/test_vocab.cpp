// Unit tests for hlpb/vocab.hpp: keys, Chinese and English labels and alternative spellings.
#include <hlpb/rules/compliance.hpp>
#include <hlpb/rules/flag.hpp>
#include <hlpb/rules/outcomes.hpp>
#include <hlpb/rules/structure.hpp>
#include <hlpb/vocab.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <span>
#include <string>

namespace vocab = hlpb::vocab;

TEST_SUITE("vocab") {

    TEST_CASE("vocab: every list holds the documented keys and labels in order") {
        CHECK(vocab::keys(vocab::committee_kinds()) == "街道/园区/部门 (street/park/department)");
        CHECK(vocab::keys(vocab::principles()) ==
              "地域相邻/行业相近/产业相连 (geo/industry/chain)");
        CHECK(vocab::keys(vocab::org_types()) == "非公企业/社会组织 (enterprise/social)");
        CHECK(vocab::keys(vocab::org_forms()) ==
              "党支部/联合党支部/党总支/党委 (branch/joint_branch/general_branch/committee)");
        CHECK(vocab::keys(vocab::org_flags()) ==
              "软弱涣散/典型/实训基地 (weak/typical/training_base)");
        CHECK(vocab::keys(vocab::cluster_statuses()) == "正常/已撤销 (active/dissolved)");
        CHECK(vocab::keys(vocab::honor_levels()) ==
              "国家级/省级/市级/区级/其他 (national/province/city/district/other)");

        CHECK(vocab::label(vocab::committee_kinds(), "street", "zh") == "街道");
        CHECK(vocab::label(vocab::committee_kinds(), "park", "zh") == "园区");
        CHECK(vocab::label(vocab::committee_kinds(), "department", "zh") == "部门");
        CHECK(vocab::label(vocab::principles(), "geo", "zh") == "地域相邻");
        CHECK(vocab::label(vocab::principles(), "industry", "zh") == "行业相近");
        CHECK(vocab::label(vocab::principles(), "chain", "zh") == "产业相连");
        CHECK(vocab::label(vocab::org_types(), "enterprise", "zh") == "非公企业");
        CHECK(vocab::label(vocab::org_types(), "social", "zh") == "社会组织");
        CHECK(vocab::label(vocab::org_forms(), "branch", "zh") == "党支部");
        CHECK(vocab::label(vocab::org_forms(), "joint_branch", "zh") == "联合党支部");
        CHECK(vocab::label(vocab::org_forms(), "general_branch", "zh") == "党总支");
        CHECK(vocab::label(vocab::org_forms(), "committee", "zh") == "党委");
        CHECK(vocab::label(vocab::org_flags(), "weak", "zh") == "软弱涣散");
        CHECK(vocab::label(vocab::org_flags(), "typical", "zh") == "典型");
        CHECK(vocab::label(vocab::org_flags(), "training_base", "zh") == "实训基地");
        CHECK(vocab::label(vocab::cluster_statuses(), "active", "zh") == "正常");
        CHECK(vocab::label(vocab::cluster_statuses(), "dissolved", "zh") == "已撤销");
        CHECK(vocab::label(vocab::honor_levels(), "national", "zh") == "国家级");
        CHECK(vocab::label(vocab::honor_levels(), "province", "zh") == "省级");
        CHECK(vocab::label(vocab::honor_levels(), "city", "zh") == "市级");
        CHECK(vocab::label(vocab::honor_levels(), "district", "zh") == "区级");
        CHECK(vocab::label(vocab::honor_levels(), "other", "zh") == "其他");
    }

    TEST_CASE("vocab: parse accepts keys in any case, labels and alternative spellings") {
        const auto p = vocab::principles();
        CHECK(vocab::parse(p, "geo") == "geo");
        CHECK(vocab::parse(p, "GEO") == "geo");
        CHECK(vocab::parse(p, "Industry") == "industry");
        CHECK(vocab::parse(p, "地域相邻") == "geo");
        CHECK(vocab::parse(p, "地域") == "geo");
        CHECK(vocab::parse(p, "行业相近") == "industry");
        CHECK(vocab::parse(p, "行业") == "industry");
        CHECK(vocab::parse(p, "产业相连") == "chain");
        CHECK(vocab::parse(p, "产业") == "chain");

        CHECK(vocab::parse(vocab::org_types(), "企业") == "enterprise");
        CHECK(vocab::parse(vocab::org_types(), "非公企业") == "enterprise");
        CHECK(vocab::parse(vocab::org_types(), "社会组织") == "social");
        CHECK(vocab::parse(vocab::org_forms(), "Joint_Branch") == "joint_branch");
        CHECK(vocab::parse(vocab::org_forms(), "联合党支部") == "joint_branch");
        CHECK(vocab::parse(vocab::org_forms(), "党支部") == "branch");
        CHECK(vocab::parse(vocab::org_flags(), "典型党组织") == "typical");
        CHECK(vocab::parse(vocab::org_flags(), "实训基地") == "training_base");
        CHECK(vocab::parse(vocab::cluster_statuses(), "活跃") == "active");
        CHECK(vocab::parse(vocab::cluster_statuses(), "已撤销") == "dissolved");
        CHECK(vocab::parse(vocab::honor_levels(), "省级") == "province");
        CHECK(vocab::parse(vocab::committee_kinds(), "街道") == "street");
    }

    TEST_CASE("vocab: parse trims spaces and reads full-width letters") {
        const auto p = vocab::principles();
        CHECK(vocab::parse(p, "  geo  ") == "geo");
        CHECK(vocab::parse(p, "\t行业相近\r\n") == "industry");
        CHECK(vocab::parse(p, "\u3000产业相连\u3000") == "chain"); // ideographic spaces
        CHECK(vocab::parse(p, "ｇｅｏ") == "geo");                 // full-width letters
    }

    TEST_CASE("vocab: parse returns empty for unknown text") {
        const auto p = vocab::principles();
        CHECK(vocab::parse(p, "").empty());
        CHECK(vocab::parse(p, "   ").empty());
        CHECK(vocab::parse(p, "geography").empty());
        CHECK(vocab::parse(p, "ge").empty());
        CHECK(vocab::parse(p, "地域相").empty());
        CHECK(vocab::parse(p, "g eo").empty());
        // A key of one list is not a key of another.
        CHECK(vocab::parse(vocab::org_types(), "geo").empty());
        CHECK(vocab::parse(vocab::org_flags(), "典型典型").empty());
    }

    TEST_CASE("vocab: label gives the English label for en") {
        CHECK(vocab::label(vocab::principles(), "geo", "en") == "Neighbouring location");
        CHECK(vocab::label(vocab::activity_kinds(), "secretary_meeting", "en") ==
              "Secretary meeting");
        CHECK(vocab::label(vocab::cluster_events(), "lead_end", "en") == "Lead org end");
        CHECK(vocab::label(vocab::cluster_events(), "lead_end", "zh") == "卸任牵头");
        CHECK(vocab::label(vocab::org_statuses(), "closed", "en") == "Closed");
    }

    TEST_CASE("vocab: every term of every list has an English label for people") {
        const std::span<const vocab::Term> lists[] = {
            vocab::committee_kinds(),
            vocab::principles(),
            vocab::org_types(),
            vocab::org_forms(),
            vocab::org_flags(),
            vocab::cluster_statuses(),
            vocab::honor_levels(),
            vocab::genders(),
            vocab::member_statuses(),
            vocab::member_roles(),
            vocab::leave_reasons(),
            vocab::activity_kinds(),
            vocab::problem_categories(),
            vocab::score_categories(),
            vocab::cluster_events(),
            vocab::org_statuses(),
            hlpb::rules::rule_terms(),
            hlpb::rules::scope_terms(),
            hlpb::rules::status_terms(),
            hlpb::rules::decided_by_terms(),
            hlpb::rules::outcome_groups(),
            hlpb::rules::outcome_measures(),
            hlpb::rules::structure_lack_terms(),
        };
        for (auto terms : lists) {
            std::set<std::string> seen;
            for (const auto& t : terms) {
                const std::string key = t.key;
                CAPTURE(key);
                REQUIRE(t.en != nullptr);
                const std::string en = t.en;
                // Words, not the key (secretary_meeting) and not Chinese (an alt put in its
                // place by an initializer written for the old {key, zh, alt} order).
                CHECK(en != key);
                CHECK(en.find('_') == std::string::npos);
                CHECK(
                    std::all_of(en.begin(), en.end(), [](char c) { return c >= ' ' && c <= '~'; }));
                CHECK(((en.front() >= 'A' && en.front() <= 'Z') ||
                       (en.front() >= '0' && en.front() <= '9')));
                CHECK(seen.insert(en).second);
                CHECK(vocab::label(terms, t.key, "en") == en);
            }
        }
    }

    TEST_CASE("vocab: label falls back to the key") {
        const auto p = vocab::principles();
        CHECK(vocab::label(p, "geo", "fr") == "geo");
        CHECK(vocab::label(p, "geo", "") == "geo");
        CHECK(vocab::label(p, "unknown", "zh") == "unknown");
        CHECK(vocab::label(p, "", "zh").empty());
        CHECK(vocab::label(p, "GEO", "zh") == "GEO"); // label takes stored keys, exactly
    }

    TEST_CASE("vocab: keys, labels and alternatives are unique within each list") {
        for (auto terms :
             {vocab::committee_kinds(), vocab::principles(), vocab::org_types(), vocab::org_forms(),
              vocab::org_flags(), vocab::cluster_statuses(), vocab::honor_levels()}) {
            std::set<std::string> seen;
            for (const auto& t : terms) {
                CHECK(seen.insert(t.key).second);
                CHECK(seen.insert(t.zh).second);
                if (t.alt != nullptr)
                    CHECK(seen.insert(t.alt).second);
                // Every spelling parses back to its key.
                CHECK(vocab::parse(terms, t.key) == t.key);
                CHECK(vocab::parse(terms, t.zh) == t.key);
                if (t.alt != nullptr)
                    CHECK(vocab::parse(terms, t.alt) == t.key);
            }
        }
    }

    TEST_CASE("vocab: keys of an empty list is empty") {
        CHECK(vocab::keys({}).empty());
    }

} // TEST_SUITE
