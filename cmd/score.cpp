// `hlpb score`: monthly points (积分) of orgs, the red flag (流动红旗) of each cluster, and the
// closing of a month by `award` (SPEC §5.2).
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "transfer.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/scores.hpp>
#include <hlpb/rules/flag.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace hlpb::cli {
namespace {

struct AddOptions {
    std::string org;
    std::string month;
    std::string category;
    std::string points;
    std::string reason;
};

// The months of list and export: --month, or --from/--to (each optional).
struct MonthRange {
    std::optional<std::string> month;
    std::optional<std::string> from;
    std::optional<std::string> to;
};

struct ListOptions {
    MonthRange months;
    std::string org;
    std::string cluster;
    std::string committee;
    std::string category;
};

struct RankOptions {
    std::string month;
    std::string cluster;
    std::string committee;
};

struct MonthOptions { // award, reopen
    std::string month;
};

void add_range_options(CLI::App* cmd, MonthRange& r) {
    auto* month = cmd->add_option("--month", r.month, tr("only this month"))->type_name("YYYY-MM");
    cmd->add_option("--from", r.from, tr("from this month on"))
        ->type_name("YYYY-MM")
        ->excludes(month);
    cmd->add_option("--to", r.to, tr("up to this month, inclusive"))
        ->type_name("YYYY-MM")
        ->excludes(month);
}

std::pair<std::optional<Month>, std::optional<Month>> months_of(const MonthRange& r) {
    if (r.month) {
        const Month m = require_month(*r.month, "--month");
        return {m, m};
    }
    std::optional<Month> from, to;
    if (r.from)
        from = require_month(*r.from, "--from");
    if (r.to)
        to = require_month(*r.to, "--to");
    if (from && to && *to < *from)
        throw InvalidInput("--to",
                           trf("{} is before --from {}", format_month(*to), format_month(*from)));
    return {from, to};
}

int add(Context& ctx, const AddOptions& a) {
    ScoreEntry e;
    e.org = org_code(ctx, a.org, "org");
    e.category = a.category;
    e.reason = a.reason;
    OptionCheck check; // every bad option reported, not only the first
    check([&] { e.month = require_month(a.month, "--month"); });
    check([&] { e.points = require_number(a.points, db::k_score_points, "--points"); });
    check([&] {
        import::RowErrors errors;
        db::validate_score(e, errors); // named as the options that set them (--category)
        throw_if_invalid(errors);
    });
    check.done();
    db::WriteTx tx(ctx.db());
    db::add_score(ctx.db(), e);
    tx.commit();
    const std::string category =
        vocab::label(vocab::score_categories(), e.category, i18n::language());
    if (e.reason.empty())
        note(ctx, trf("org {}, {}: {} {}", e.org, format_month(e.month), category, e.points));
    else
        note(ctx, trf("org {}, {}: {} {} ({})", e.org, format_month(e.month), category, e.points,
                      e.reason));
    return 0;
}

int list(Context& ctx, const ListOptions& l) {
    db::ScoreFilter f;
    std::tie(f.from, f.to) = months_of(l.months);
    if (!l.org.empty())
        f.org = org_code(ctx, l.org, "--org");
    if (!l.cluster.empty())
        f.cluster = cluster_code(ctx, l.cluster, "--cluster");
    if (!l.committee.empty())
        f.committee = committee_code(ctx, l.committee, "--committee");
    if (!l.category.empty())
        f.category = parse_term(vocab::score_categories(), l.category, "--category");
    out::Table t{{column("month"), column("org"), column("category"), column("points", true),
                  column("reason")},
                 {}};
    {
        db::ReadTx snapshot(ctx.db());
        for (const auto& e : db::list_scores(ctx.db(), f))
            t.rows.push_back({format_month(e.month), e.org,
                              term_cell(ctx, vocab::score_categories(), e.category), e.points,
                              text_cell(e.reason)});
    }
    print(ctx, t);
    return 0;
}

// One row per candidate (best first), a row for a cluster without any, then the orgs outside
// the contest (no cluster). For a closed month the flag and its rule are those recorded.
out::Table rank_table(const Context& ctx, const db::FlagContest& c) {
    out::Table t{{column("cluster"), column("rank", true), column("org"), column("is_lead"),
                  column("total", true), column("party_affairs", true), column("activity", true),
                  column("suggestion", true), column("bonus", true), column("penalty", true),
                  column("red_flag"), column("decided_by")},
                 {}};
    auto sums = [](std::vector<out::Value>& row, const rules::ScoreSums& s) {
        for (long long v :
             {s.total(), s.party_affairs, s.activity, s.suggestion, s.bonus, s.penalty})
            row.push_back(v);
    };
    for (const auto& k : c.clusters) {
        std::string winner;
        std::string decided_by;
        if (c.closed && k.recorded) {
            winner = k.recorded->org;
            decided_by = k.recorded->decided_by;
        } else if (!c.closed && k.ranking.has_flag) {
            winner = k.ranking.ranked.front().org;
            decided_by = rules::decided_by_key(k.ranking.decided_by);
        }
        if (k.ranking.ranked.empty())
            t.rows.push_back({k.cluster, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr,
                              nullptr, nullptr, nullptr, false, nullptr});
        long rank = 0;
        for (const auto& cand : k.ranking.ranked) {
            std::vector<out::Value> row{k.cluster, ++rank, cand.org, cand.org == k.lead};
            sums(row, cand.sums);
            const bool flag = cand.org == winner;
            row.push_back(flag);
            row.push_back(flag ? term_cell(ctx, rules::decided_by_terms(), decided_by)
                               : out::Value());
            t.rows.push_back(std::move(row));
        }
    }
    for (const auto& o : c.outside) {
        std::vector<out::Value> row{nullptr, nullptr, o.org, false};
        sums(row, o.sums);
        row.push_back(false);
        row.push_back(nullptr);
        t.rows.push_back(std::move(row));
    }
    return t;
}

int rank(Context& ctx, const RankOptions& given) {
    const Month m = require_month(given.month, "--month");
    RankOptions o = given;
    if (!o.cluster.empty())
        o.cluster = cluster_code(ctx, o.cluster, "--cluster", last_day(m));
    if (!o.committee.empty())
        o.committee = committee_code(ctx, o.committee, "--committee");
    db::FlagContest contest;
    {
        db::ReadTx snapshot(ctx.db());
        contest = db::load_flag_contest(ctx.db(), m, o.cluster, o.committee);
    }
    const std::string month = format_month(m);
    if (contest.clusters.empty() && !o.cluster.empty())
        throw NotFound(trf("no cluster '{}' active at the end of {} (see: hlpb cluster "
                           "list --as-of {})",
                           o.cluster, month, format_date(last_day(m))));
    print(ctx, rank_table(ctx, contest));
    if (contest.closed)
        note(ctx, trf("{} is closed: the red flags shown are those recorded by score "
                      "award (hlpb score reopen --month {} to change its points)",
                      month, month));
    else if (last_day(m) >= today())
        note(ctx, trf("{} has not ended: the standing so far", month));
    if (!contest.outside.empty())
        note(ctx, trnf("{} org with points for {} in no cluster at its end: outside the "
                       "contest (the rows without a cluster)",
                       "{} orgs with points for {} in no cluster at its end: outside the "
                       "contest (the rows without a cluster)",
                       static_cast<long>(contest.outside.size()), contest.outside.size(), month));
    for (const auto& k : contest.clusters) {
        if (!k.recorded)
            continue;
        const auto& ranked = k.ranking.ranked;
        if (std::none_of(ranked.begin(), ranked.end(),
                         [&](const auto& c) { return c.org == k.recorded->org; }))
            note(ctx, trf("recorded for {}: cluster {} gave the red flag to {} ({} points), "
                          "not a member at the end of {} any more",
                          month, k.cluster, k.recorded->org, k.recorded->points, month));
    }
    for (const auto& a : contest.recorded_elsewhere)
        note(ctx, trf("recorded for {}: cluster {} (not active at the end of {} any "
                      "more) gave the red flag to {} ({} points)",
                      month, a.cluster, month, a.org, a.points));
    return 0;
}

std::string red_flags(std::size_t n) {
    return trnf("{} red flag", "{} red flags", static_cast<long>(n), n);
}

int award(Context& ctx, const MonthOptions& o) {
    const Month m = require_month(o.month, "--month");
    db::WriteTx tx(ctx.db());
    const db::AwardResult r = db::award_flags(ctx.db(), m, today());
    const std::string month = format_month(m);
    if (r.already_closed) {
        tx.rollback();
        note(ctx, trf("{} is closed already; nothing changed (hlpb score rank --month {} "
                      "shows its flags)",
                      month, month));
        return 0;
    }
    tx.commit();
    out::Table t{{column("cluster"), column("org"), column("points", true), column("decided_by")},
                 {}};
    for (const auto& k : r.contest.clusters)
        if (k.recorded)
            t.rows.push_back({k.cluster, k.recorded->org, k.recorded->points,
                              term_cell(ctx, rules::decided_by_terms(), k.recorded->decided_by)});
    print(ctx, t);
    note(ctx, trf("{} closed: {} of {} awarded", month, red_flags(t.rows.size()),
                  trnf("{} cluster", "{} clusters", static_cast<long>(r.contest.clusters.size()),
                       r.contest.clusters.size())));
    return 0;
}

int reopen(Context& ctx, const MonthOptions& o) {
    const Month m = require_month(o.month, "--month");
    db::WriteTx tx(ctx.db());
    const int flags = db::reopen_month(ctx.db(), m);
    tx.commit();
    note(ctx, trf("{} reopened: {} removed; hlpb score award --month {} records them "
                  "again",
                  format_month(m), red_flags(static_cast<std::size_t>(flags)), format_month(m)));
    return 0;
}

} // namespace

void register_score(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand(
        "score", tr("Monthly points of orgs (积分) and each cluster's red flag (流动红旗)"));
    noun->require_subcommand(1);
    const std::string category_help = tr("party_affairs 党务工作, activity 活动组织, suggestion "
                                         "献计献策, bonus 加分 or penalty 扣分");

    auto [add_cmd, a] =
        add_verb<AddOptions>(*noun, "add", tr("Record an org's points for a month"));
    add_cmd->add_option("org", a->org, tr("org code"))->required();
    add_cmd->add_option("--month", a->month, tr("the month"))->type_name("YYYY-MM")->required();
    add_cmd->add_option("--category", a->category, category_help)
        ->type_name("CATEGORY")
        ->required();
    add_cmd
        ->add_option("--points", a->points,
                     tr("whole points, negative allowed (a bonus >= 0, a penalty <= 0)"))
        ->type_name("N")
        ->required();
    add_cmd->add_option("--reason", a->reason,
                        tr("why (事由); one entry per org, month, category "
                           "and reason"));
    on_run(add_cmd, ctx, [&ctx, a = a] { return add(ctx, *a); });

    auto [list_cmd, l] = add_verb<ListOptions>(
        *noun, "list", tr("Score entries by month, org, category and reason"));
    add_range_options(list_cmd, l->months);
    list_cmd->add_option("--org", l->org, tr("only this org's"));
    list_cmd->add_option("--cluster", l->cluster,
                         tr("only orgs in this cluster at the end of the entry's month"));
    list_cmd->add_option("--committee", l->committee, tr("only orgs of this committee"));
    list_cmd->add_option("--category", l->category, tr("only this category"))
        ->type_name("CATEGORY");
    on_run(list_cmd, ctx, [&ctx, l = l] { return list(ctx, *l); });

    auto [rank_cmd, r] = add_verb<RankOptions>(
        *noun, "rank",
        tr("Each active cluster's candidates for the month's red flag, ranked, and the rule that "
           "decided"));
    rank_cmd->add_option("--month", r->month, tr("the month"))->type_name("YYYY-MM")->required();
    rank_cmd->add_option("--cluster", r->cluster, tr("only this cluster"));
    rank_cmd->add_option("--committee", r->committee, tr("only this committee's clusters"));
    on_run(rank_cmd, ctx, [&ctx, r = r] {
        ctx.set_read_only();
        return rank(ctx, *r);
    });

    auto [award_cmd, w] = add_verb<MonthOptions>(
        *noun, "award", tr("Record the month's red flags and close it to score changes"));
    award_cmd->add_option("--month", w->month, tr("a month that has ended"))
        ->type_name("YYYY-MM")
        ->required();
    on_run(award_cmd, ctx, [&ctx, w = w] { return award(ctx, *w); });

    auto [reopen_cmd, o] = add_verb<MonthOptions>(
        *noun, "reopen", tr("Reopen a closed month: its recorded red flags are removed"));
    reopen_cmd->add_option("--month", o->month, tr("the closed month"))
        ->type_name("YYYY-MM")
        ->required();
    on_run(reopen_cmd, ctx, [&ctx, o = o] { return reopen(ctx, *o); });

    add_import_verb(*noun, ctx, tr("score entries (upserted on org, month, category and reason)"),
                    import::score_fields(), import::import_scores);
    auto range = std::make_shared<MonthRange>();
    add_export_verb(
        *noun, ctx, tr("score entries (every month, or --month, or --from/--to)"),
        [range](db::Database& db, const Date&) {
            const auto [from, to] = months_of(*range);
            return import::export_scores(db, from, to);
        },
        false);
    add_range_options(noun->get_subcommand("export"), *range);
}

} // namespace hlpb::cli
