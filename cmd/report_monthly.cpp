// `hlpb report outcomes|monthly`: placeholder; the outcomes and monthly report land here (issue 8).
#include "nouns.hpp"

namespace hlpb::cli {

void register_report_monthly(CLI::App& /*report*/, Context& /*ctx*/) {}

} // namespace hlpb::cli
