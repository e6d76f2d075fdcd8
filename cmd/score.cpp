// `hlpb score`: placeholder until its verbs land (issue 8).
#include "nouns.hpp"

namespace hlpb::cli {

void register_score(CLI::App& /*app*/, Context& /*ctx*/) {}

} // namespace hlpb::cli
