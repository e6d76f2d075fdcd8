// `hlpb config`: settings stored in the database (subsidy rates, district totals, 四看 weights).
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/settings.hpp>
#include <hlpb/i18n_fmt.hpp>

#include <fmt/format.h>

#include <iostream>

namespace hlpb::cli {
namespace {

struct KeyOptions {
    std::string key;
    std::string value;
};

out::Value number_cell(const std::optional<long long>& v) {
    return v ? out::Value(*v) : out::Value();
}

int list(Context& ctx) {
    out::Table t{{column("key"), column("value"), column("default"), column("is_set"),
                  column("description")},
                 {}};
    for (const auto& s : db::list_settings(ctx.db()))
        t.rows.push_back({s.key, s.is_text ? out::Value(s.text) : number_cell(s.value),
                          s.is_text ? out::Value(s.default_text) : number_cell(s.default_value),
                          s.is_set, s.description});
    print(ctx, t);
    return 0;
}

// The bare value on stdout, for scripts: `rate=$(hlpb config get subsidy.member_yearly)`.
int get(Context& ctx, const KeyOptions& o) {
    const auto s = db::get_setting(ctx.db(), o.key);
    if (s.is_text)
        std::cout << s.text << '\n';
    else if (s.value)
        std::cout << *s.value << '\n';
    else
        note(ctx, trf("{} is not set", s.key));
    return 0;
}

int set(Context& ctx, const KeyOptions& o) {
    db::WriteTx tx(ctx.db());
    db::set_setting(ctx.db(), o.key, o.value);
    tx.commit();
    note(ctx, fmt::format("{} = {}", o.key, o.value));
    return 0;
}

int unset(Context& ctx, const KeyOptions& o) {
    db::WriteTx tx(ctx.db());
    db::unset_setting(ctx.db(), o.key);
    tx.commit();
    const auto s = db::get_setting(ctx.db(), o.key);
    note(ctx, s.is_text ? trf("{} back to its default {}", o.key, s.text)
              : s.value ? trf("{} back to its default {}", o.key, *s.value)
                        : trf("{} unset", o.key));
    return 0;
}

} // namespace

void register_config(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand(
        "config",
        tr("Settings stored in the database: subsidy rates, district totals, 四看 weights"));
    noun->require_subcommand(1);

    CLI::App* list_cmd =
        noun->add_subcommand("list", tr("Every setting, its value and its default"));
    on_run(list_cmd, ctx, [&ctx] { return list(ctx); });

    auto [get_cmd, g] = add_verb<KeyOptions>(*noun, "get", tr("Print one setting's value"));
    get_cmd->add_option("key", g->key, tr("setting, e.g. subsidy.secretary_monthly"))->required();
    on_run(get_cmd, ctx, [&ctx, g = g] { return get(ctx, *g); });

    auto [set_cmd, s] = add_verb<KeyOptions>(*noun, "set",
                                             tr("Store a setting (a whole number ≥ 0, or a text "
                                                "for district.name and district.office)"));
    set_cmd->add_option("key", s->key, tr("setting, e.g. district.total_orgs"))->required();
    set_cmd->add_option("value", s->value, tr("the new value"))->required();
    on_run(set_cmd, ctx, [&ctx, s = s] { return set(ctx, *s); });

    auto [unset_cmd, u] =
        add_verb<KeyOptions>(*noun, "unset", tr("Remove a stored setting (back to its default)"));
    unset_cmd->add_option("key", u->key, tr("setting"))->required();
    on_run(unset_cmd, ctx, [&ctx, u = u] { return unset(ctx, *u); });
}

} // namespace hlpb::cli
