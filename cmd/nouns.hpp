// The nouns of the command line. Each adds its verbs under `app` (one file per noun);
// main.cpp lists them in one place.
#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>

namespace hlpb::cli {

void register_db(CLI::App& app, Context& ctx);
void register_config(CLI::App& app, Context& ctx);
void register_committee(CLI::App& app, Context& ctx);
void register_cluster(CLI::App& app, Context& ctx);
void register_org(CLI::App& app, Context& ctx);
void register_member(CLI::App& app, Context& ctx);
void register_activity(CLI::App& app, Context& ctx);
void register_score(CLI::App& app, Context& ctx);
void register_report(CLI::App& app, Context& ctx);
// `hlpb summary` (cmd/summary.cpp): a command without a noun.
void register_summary(CLI::App& app, Context& ctx);
// `completion bash|zsh|fish` and the hidden `__complete` (cmd/completion.cpp); registered last,
// its script is made from the whole tree.
void register_completion(CLI::App& app, Context& ctx);
// `report outcomes|monthly` (cmd/report_monthly.cpp), under the report noun.
void register_report_monthly(CLI::App& report, Context& ctx);
// `report annual` (cmd/report_annual.cpp), under the report noun.
void register_report_annual(CLI::App& report, Context& ctx);
// `org problem add|resolve|list` (部长会客厅 problems), under the org noun.
void register_org_problem(CLI::App& org, Context& ctx);

} // namespace hlpb::cli
