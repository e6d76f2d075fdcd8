// `hlpb summary`: the district on one screen, per committee and in total (a noun-less command).
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/i18n.hpp>
#include <hlpb/report/month_snapshot.hpp>
#include <hlpb/report/summary.hpp>

namespace hlpb::cli {
namespace {

struct SummaryOptions {
    std::optional<std::string> as_of;
};

std::vector<out::Value> cells(const report::SummaryRow& r) {
    return {r.committee,
            r.name,
            r.clusters,
            r.orgs,
            r.members,
            r.weak_orgs,
            r.orgs_without_secretary,
            r.clusters_breaking_structure,
            r.leads_under_100m2};
}

int summary(Context& ctx, const SummaryOptions& o) {
    const Date as_of = date_or_today(o.as_of, "--as-of");
    report::DistrictSummary sum;
    {
        db::ReadTx snapshot(ctx.db());
        sum = report::summarize(db::load_day(ctx.db(), as_of));
    }
    out::Table t{{column("committee"), column("name"), column("clusters", true),
                  column("orgs", true), column("members", true), column("weak_orgs", true),
                  column("orgs_without_secretary", true),
                  column("clusters_breaking_structure", true), column("leads_under_100m2", true)},
                 {}};
    for (const auto& r : sum.committees)
        t.rows.push_back(cells(r));
    auto total = cells(sum.total);
    total[0] = out::Value();
    total[1] = phrase(ctx, "total", "合计"); // as report subsidy's total row
    t.rows.push_back(std::move(total));
    print(ctx, t);
    return 0;
}

} // namespace

void register_summary(CLI::App& app, Context& ctx) {
    auto [cmd, o] = add_verb<SummaryOptions>(
        app, "summary",
        tr("The district on one screen: per committee its clusters, orgs, members, weak orgs, orgs "
           "without a secretary, clusters breaking 1+X and leads under 100 m², with a total row"));
    cmd->add_option("--as-of", o->as_of, tr("count as of this date (default: today)"));
    on_run(cmd, ctx, [&ctx, o = o] { return summary(ctx, *o); });
}

} // namespace hlpb::cli
