// The codes of committees, clusters and orgs by prefix: what shell completion offers
// (`hlpb __complete`). Reads only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hlpb::db {

class Database;

enum class CodeKind { committee, cluster, org };

// Codes of `kind` that start with `prefix` (ASCII letters in either case), in code order, at
// most `limit`: those of orgs not closed and clusters not dissolved, or, when none is, the closed
// and dissolved ones (`org show` of a closed org still completes).
std::vector<std::string> codes_starting(Database& db, CodeKind kind, std::string_view prefix,
                                        int limit = 2000);

} // namespace hlpb::db
