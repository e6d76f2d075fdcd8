// `hlpb activity`: placeholder until its verbs land (issue 8).
#include "nouns.hpp"

namespace hlpb::cli {

void register_activity(CLI::App& /*app*/, Context& /*ctx*/) {}

} // namespace hlpb::cli
