// `hlpb report`: placeholder until its verbs land (issue 8).
#include "nouns.hpp"

namespace hlpb::cli {

void register_report(CLI::App& /*app*/, Context& /*ctx*/) {}

} // namespace hlpb::cli
