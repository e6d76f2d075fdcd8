// The demo district's fixed layout (committees and clusters as in the seed, SPEC §1) and the
// syllable tables its synthetic names are drawn from. All data is compiled in; no file is read.
#pragma once

#include <span>

namespace hlpb::demo {

// What an org's host entity does; decides its type, its host name and its USCC's first two chars.
struct Industry {
    const char* host_word;  // in the host name: 厦门{brand}{host_word}有限公司
    const char* short_word; // in the org name: {brand}{short_word}党支部
    const char* uscc_type;  // 91 enterprise, 52 民办非企业单位, 51 社会团体
};

// The industries found under one kind of committee.
struct Profile {
    std::span<const Industry> enterprise; // host name 厦门{brand}{word}有限公司
    std::span<const Industry> social;     // host name 厦门市湖里区{brand}{word}
};

struct CommitteeSpec {
    const char* code;
    const char* name;
    const char* kind;            // street / park / department
    const char* supervisor_dept; // department of the supervisors of its industry/chain clusters
    int orgs;                    // orgs per copy of the district, dissolved cluster's included
    int unclustered;             // of which at least this many are in no cluster at first
    int social_permille;         // share of social organisations among its orgs
    const Profile* profile;
};

// What happens to a cluster in the twelve months before as_of.
enum class ClusterRole {
    normal,
    split_parent, // a mature cluster that hands orgs to a child cluster (裂变)
    split_child,  // established by the split, inside the last twelve months
    dissolved,    // dissolved inside the last twelve months; extra to the seed's 74
};

struct ClusterSpec {
    const char* committee; // CommitteeSpec::code
    const char* name;
    const char* principle; // geo / industry / chain
    const char* community; // geo clusters only, else ""
    ClusterRole role = ClusterRole::normal;
};

// Orgs the seed names; they exist in the first copy of the district only.
struct NamedOrg {
    const char* cluster; // ClusterSpec::name
    bool lead;           // the cluster's lead, else a plain member
    const char* form;    // branch / joint_branch / ...
    const char* brand;
    const Industry* industry; // null for a joint branch (named after its building)
};

// In the order the seed lists them: 5 streets, 创新园, 建设局, 民政局, 教育局.
std::span<const CommitteeSpec> committees();
// Grouped by committee, in code order (HL-C01, HL-C02, …); a split child follows its parent.
std::span<const ClusterSpec> clusters();
std::span<const NamedOrg> named_orgs();

// Two syllables of a synthetic brand (丝 + 柏); neither table repeats a character.
std::span<const char* const> brand_first();
std::span<const char* const> brand_second();
// Brands kept for the named orgs, never drawn.
std::span<const char* const> reserved_brands();

std::span<const char* const> surnames();
std::span<const char* const> given_names(); // one character each; a name takes one or two
// Members' given names by gender (one character each; a name takes one or two).
std::span<const char* const> male_given_names();
std::span<const char* const> female_given_names();
std::span<const char* const> mobile_prefixes();
std::span<const char* const> weak_notes(); // why an org was listed as weak ("" = no note)

} // namespace hlpb::demo
