// `hlpb committee`: the level-2 两新组织党委 (sub-district, park and department committees).
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "transfer.hpp"

#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/committee_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>

#include <fmt/format.h>

namespace hlpb::cli {
namespace {

struct AddOptions {
    std::string code;
    std::string name;
    std::string kind = "street";
};

struct ListOptions {
    std::optional<std::string> as_of;
};

struct ShowOptions {
    std::string code;
    std::optional<std::string> as_of;
};

struct EditOptions {
    std::string code;
    std::optional<std::string> name;
    std::optional<std::string> kind;
};

int add(Context& ctx, const AddOptions& o) {
    Committee c{o.code, o.name, parse_term(vocab::committee_kinds(), o.kind, "--kind")};
    import::RowErrors errors;
    db::validate_committee(c, errors);
    throw_if_invalid(errors);
    db::WriteTx tx(ctx.db());
    db::add_committee(ctx.db(), c);
    tx.commit();
    note(ctx, trf("committee {} added", c.code));
    return 0;
}

int list(Context& ctx, const ListOptions& o) {
    const Date as_of = date_or_today(o.as_of, "--as-of");
    out::Table t{{column("code"), column("name"), column("kind"), column("clusters", true),
                  column("orgs", true), column("members", true)},
                 {}};
    for (const auto& s : db::list_committees(ctx.db(), as_of))
        t.rows.push_back({s.committee.code, s.committee.name,
                          term_cell(ctx, vocab::committee_kinds(), s.committee.kind), s.clusters,
                          s.orgs, s.members});
    print(ctx, t);
    return 0;
}

int show(Context& ctx, const ShowOptions& o) {
    const Date as_of = date_or_today(o.as_of, "--as-of");
    db::ReadTx snapshot(ctx.db());
    const Committee c = db::get_committee(ctx.db(), committee_code(ctx, o.code, "code"));
    out::Record r;
    r.fields = columns({"code", "name", "kind"});
    r.values = {c.code, c.name, term_cell(ctx, vocab::committee_kinds(), c.kind)};

    db::ClusterFilter filter;
    filter.committee = c.code;
    // The lead org's name beside its code for people; machine formats keep their keys.
    const bool people = for_people(ctx);
    out::Table clusters{{column("code"), column("name"), column("principle"), column("status"),
                         column("lead"), column("orgs", true), column("members", true)},
                        {}};
    if (people)
        clusters.columns.insert(clusters.columns.begin() + 5, column("lead_name"));
    for (const auto& s : db::list_clusters(ctx.db(), as_of, filter)) {
        std::vector<out::Value> row{s.cluster.code,
                                    s.cluster.name,
                                    term_cell(ctx, vocab::principles(), s.cluster.principle),
                                    term_cell(ctx, vocab::cluster_statuses(), s.cluster.status),
                                    text_cell(s.cluster.lead),
                                    s.orgs,
                                    s.members};
        if (people)
            row.insert(row.begin() + 5, text_cell(s.lead_name));
        clusters.rows.push_back(std::move(row));
    }
    r.sections.push_back({section("clusters"), std::move(clusters)});
    print(ctx, r);
    return 0;
}

int edit(Context& ctx, const EditOptions& o) {
    if (!o.name && !o.kind)
        throw UsageError(tr("nothing to change: give --name or --kind"));
    db::WriteTx tx(ctx.db());
    Committee c = db::get_committee(ctx.db(), committee_code(ctx, o.code, "code"));
    if (o.name)
        c.name = *o.name;
    if (o.kind)
        c.kind = parse_term(vocab::committee_kinds(), *o.kind, "--kind");
    import::RowErrors errors;
    db::validate_committee(c, errors);
    throw_if_invalid(errors);
    db::edit_committee(ctx.db(), c);
    tx.commit();
    note(ctx, trf("committee {} changed", c.code));
    return 0;
}

const std::string k_kind_help = "street 街道, park 园区 or department 部门";

} // namespace

void register_committee(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand(
        "committee",
        tr("Level-2 committees (两新组织党委) of sub-districts, parks and departments"));
    noun->require_subcommand(1);

    auto [add_cmd, a] = add_verb<AddOptions>(*noun, "add", tr("Add a committee"));
    add_cmd->add_option("code", a->code, tr("its code, e.g. HL"))->required();
    add_cmd->add_option("--name", a->name, tr("its name, e.g. 湖里街道两新组织党委"))->required();
    add_cmd->add_option("--kind", a->kind, k_kind_help)->capture_default_str();
    on_run(add_cmd, ctx, [&ctx, a = a] { return add(ctx, *a); });

    auto [list_cmd, l] = add_verb<ListOptions>(
        *noun, "list", tr("Committees with their active clusters, open orgs and members, by code"));
    list_cmd->add_option("--as-of", l->as_of, tr("count as of this date (default: today)"));
    on_run(list_cmd, ctx, [&ctx, l = l] { return list(ctx, *l); });

    auto [show_cmd, s] = add_verb<ShowOptions>(*noun, "show", tr("One committee and its clusters"));
    show_cmd->add_option("code", s->code, tr("committee code"))->required();
    show_cmd->add_option("--as-of", s->as_of, tr("clusters as of this date (default: today)"));
    on_run(show_cmd, ctx, [&ctx, s = s] { return show(ctx, *s); });

    auto [edit_cmd, e] =
        add_verb<EditOptions>(*noun, "edit", tr("Change a committee's name or kind"));
    edit_cmd->add_option("code", e->code, tr("committee code"))->required();
    edit_cmd->add_option("--name", e->name, tr("new name"));
    edit_cmd->add_option("--kind", e->kind, k_kind_help);
    on_run(edit_cmd, ctx, [&ctx, e = e] { return edit(ctx, *e); });

    add_import_verb(*noun, ctx, tr("committees"), import::committee_fields(),
                    import::import_committees);
    add_export_verb(
        *noun, ctx, tr("committees"),
        [](db::Database& db, const Date&) { return import::export_committees(db); }, false);
}

} // namespace hlpb::cli
