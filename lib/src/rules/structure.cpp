#include <hlpb/rules/structure.hpp>

namespace hlpb::rules {
namespace {

constexpr vocab::Term k_lack_terms[] = {
    {"lead", "无牵头党组织", "No lead org"},
    {"other_org", "无其他成员党组织", "No other member org"},
    {"instructor", "无指导员", "No instructor"},
    {"community", "无共建社区", "No partner community"},
    {"supervisor", "无挂点干部", "No supervising cadre"},
};

} // namespace

std::span<const vocab::Term> structure_lack_terms() {
    return k_lack_terms;
}

std::string_view structure_lack_key(StructureLack lack) {
    switch (lack) {
    case StructureLack::lead:
        return "lead";
    case StructureLack::other_org:
        return "other_org";
    case StructureLack::instructor:
        return "instructor";
    case StructureLack::community:
        return "community";
    case StructureLack::supervisor:
        return "supervisor";
    }
    return "";
}

std::vector<StructureLack> structure_lacks(const StructureInput& c) {
    std::vector<StructureLack> out;
    if (!c.has_lead)
        out.push_back(StructureLack::lead);
    if (!has_other_org(c.orgs))
        out.push_back(StructureLack::other_org);
    if (c.instructor.empty())
        out.push_back(StructureLack::instructor);
    if (c.principle == "geo") {
        if (c.community.empty())
            out.push_back(StructureLack::community);
    } else if (c.supervisor.empty()) {
        out.push_back(StructureLack::supervisor);
    }
    return out;
}

} // namespace hlpb::rules
