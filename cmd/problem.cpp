// `hlpb org problem`: placeholder until its verbs land (issue 8).
#include "nouns.hpp"

namespace hlpb::cli {

void register_org_problem(CLI::App& /*org*/, Context& /*ctx*/) {}

} // namespace hlpb::cli
