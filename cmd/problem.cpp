// `hlpb org problem`: problems orgs raised at a 部长会客厅 reception (用工, 人才, 税务, 子女入学),
// and how each was resolved.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/problem_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>

#include <fmt/format.h>

#include <iostream>

namespace hlpb::cli {
namespace {

struct AddOptions {
    std::string org;
    std::string category;
    std::string text;
    std::optional<std::string> raised;
    std::optional<long long> activity;
};

struct ResolveOptions {
    long long id = 0;
    std::optional<std::string> on;
    std::string text;
};

struct ListOptions {
    std::string org;
    std::string committee;
    std::string category;
    bool open = false;
    bool resolved = false;
    std::optional<std::string> from;
    std::optional<std::string> to;
};

int add(Context& ctx, const AddOptions& o) {
    Problem p;
    p.org = code_of(ctx, db::RecordKind::org, o.org, "code", {}, Refusal::invalid);
    p.activity = o.activity;
    p.text = o.text;
    OptionCheck check;
    check([&] { p.category = parse_term(vocab::problem_categories(), o.category, "--category"); });
    std::optional<Date> raised;
    check([&] { raised = optional_date(o.raised, "--raised"); });
    check.done();
    db::WriteTx tx(ctx.db());
    db::ProblemAdded added;
    with_options([&] { added = db::add_problem(ctx.db(), p, raised, today()); }, "org");
    tx.commit();
    std::cout << added.id << '\n';
    check_stdout();
    note(ctx, trf("problem {} of org {} added", added.id, p.org));
    if (added.org_joined_activity)
        note(ctx, trf("org {} is now among the orgs of activity {}", p.org, *p.activity));
    return 0;
}

int resolve(Context& ctx, const ResolveOptions& o) {
    const Date on = date_or_today(o.on, "--on");
    db::WriteTx tx(ctx.db());
    with_options([&] { db::resolve_problem(ctx.db(), o.id, on, o.text, today()); }, "org");
    tx.commit();
    note(ctx, trf("problem {} resolved on {}", o.id, format_date(on)));
    return 0;
}

int list(Context& ctx, const ListOptions& o) {
    if (o.open && o.resolved)
        throw UsageError(
            tr("--open and --resolved exclude each other: give one, or neither for both"));
    db::ProblemFilter f;
    OptionCheck check;
    if (!o.org.empty())
        f.org = org_code(ctx, o.org, "--org");
    if (!o.committee.empty())
        f.committee = committee_code(ctx, o.committee, "--committee");
    if (!o.category.empty())
        check([&] {
            f.category = parse_term(vocab::problem_categories(), o.category, "--category");
        });
    check([&] { f.from = optional_date(o.from, "--from"); });
    check([&] { f.to = optional_date(o.to, "--to"); });
    check.done();
    f.status = o.open ? "open" : o.resolved ? "resolved" : "";
    out::Table t{{column("id", true), column("org"), out::Column{"category", "类别"},
                  column("raised"), column("text"), column("resolved"), column("resolution"),
                  out::Column{"activity", "来源活动", true}},
                 {}};
    for (const Problem& p : db::list_problems(ctx.db(), f))
        t.rows.push_back({p.id, p.org, term_cell(ctx, vocab::problem_categories(), p.category),
                          format_date(p.raised), p.text, date_cell(p.resolved),
                          text_cell(p.resolution),
                          p.activity ? out::Value(*p.activity) : out::Value()});
    print(ctx, t);
    return 0;
}

const char* const k_category_help =
    N_("labor 用工, talent 人才, tax 税务, schooling 子女入学 or other 其他");

} // namespace

void register_org_problem(CLI::App& org, Context& ctx) {
    CLI::App* noun = org.add_subcommand(
        "problem", tr("Problems orgs raised at a 部长会客厅 reception, and their "
                      "resolution"));
    noun->require_subcommand(1);

    auto [add_cmd, a] =
        add_verb<AddOptions>(*noun, "add", tr("Record a problem an org raised; prints its id"));
    add_cmd->add_option("code", a->org, tr("org code"))->required();
    add_cmd->add_option("--category", a->category, tr(k_category_help))->required();
    add_cmd->add_option("--text", a->text, tr("what the problem is"))->required();
    add_cmd->add_option("--raised", a->raised,
                        tr("the day it was raised (default: the reception's date with --activity, "
                           "else today)"));
    add_cmd->add_option(
        "--activity", a->activity,
        tr("id of the reception (部长会客厅) it was raised at; the org joins its orgs "
           "if it was not among them"));
    on_run(add_cmd, ctx, [&ctx, a = a] { return add(ctx, *a); });

    auto [resolve_cmd, r] = add_verb<ResolveOptions>(
        *noun, "resolve", tr("Record how and when a problem was resolved"));
    resolve_cmd->add_option("id", r->id, tr("problem id (see: hlpb org problem list)"))->required();
    add_on_option(resolve_cmd, r->on, tr("the day it was resolved (not before it was raised)"));
    resolve_cmd->add_option("--text", r->text, tr("how it was resolved"))->required();
    on_run(resolve_cmd, ctx, [&ctx, r = r] { return resolve(ctx, *r); });

    auto [list_cmd, l] =
        add_verb<ListOptions>(*noun, "list", tr("Problems, by date raised then id"));
    list_cmd->add_option("--org", l->org, tr("only this org's"));
    list_cmd->add_option("--committee", l->committee, tr("only those of this committee's orgs"));
    list_cmd->add_option("--category", l->category,
                         trf("only this category: {}", tr(k_category_help)));
    list_cmd->add_flag("--open", l->open, tr("only those not resolved yet"));
    list_cmd->add_flag("--resolved", l->resolved, tr("only those resolved"));
    list_cmd->add_option("--from", l->from, tr("only those raised on or after this date"));
    list_cmd->add_option("--to", l->to, tr("only those raised on or before this date"));
    on_run(list_cmd, ctx, [&ctx, l = l] { return list(ctx, *l); });
}

} // namespace hlpb::cli
