// `hlpb org`: Party organisations (党组织) of 两新 entities: their data, flags (软弱涣散, 典型,
// 实训基地) with history, honours, and closing.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "transfer.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/db/member_repo.hpp>
#include <hlpb/db/org_repo.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>

#include <fmt/format.h>

namespace hlpb::cli {
namespace {

// The org's stored fields, shared by add (some required) and edit (each optional).
struct Fields {
    std::optional<std::string> name;
    std::optional<std::string> committee;
    std::optional<std::string> type;
    std::optional<std::string> form;
    std::optional<std::string> host_name;
    std::optional<std::string> host_uscc;
    std::optional<std::string> founded;
    OptionalFlag investor_is_secretary;
    std::optional<std::string> venue_m2;
    OptionalFlag venue_standard;
    bool any() const {
        return name || committee || type || form || host_name || host_uscc || founded ||
               investor_is_secretary.get() || venue_m2 || venue_standard.get();
    }
};

struct AddOptions {
    std::string code;
    Fields fields;
};

struct EditOptions {
    std::string code;
    Fields fields;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct ListOptions {
    std::string committee;
    std::string cluster;
    std::string type;
    std::string flag;
    std::string status;
    std::optional<std::string> as_of;
    bool weak = false, typical = false, training_base = false, lead = false;
    bool no_secretary = false, unclustered = false;
    std::string flagged;
    std::optional<std::string> from, to;
};

struct ShowOptions {
    std::string code;
    std::optional<std::string> as_of;
};

struct CloseOptions {
    std::string code;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct FlagOptions { // flag, unflag
    std::string code;
    std::string flag;
    std::optional<std::string> on;
    std::string note;
    ChangeFlags change;
};

struct SecretaryOptions {
    std::string code;
    std::string id;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct HonorOptions {
    std::string code;
    std::string title;
    std::optional<std::string> date;
    std::string level = "other";
};

void add_field_options(CLI::App* cmd, Fields& f, bool adding) {
    auto* name = cmd->add_option("--name", f.name, tr("name (党组织名称)"));
    auto* committee =
        cmd->add_option("--committee", f.committee, tr("code of its committee (上级党委)"));
    if (adding) {
        name->required();
        committee->required();
    }
    cmd->add_option("--type", f.type,
                    adding ? tr("enterprise 非公企业 (default) or social 社会组织")
                           : tr("enterprise 非公企业 or social 社会组织"));
    cmd->add_option("--form", f.form,
                    adding ? tr("branch 党支部 (default), joint_branch 联合党支部, general_branch "
                                "党总支 or committee 党委")
                           : tr("branch 党支部, joint_branch 联合党支部, general_branch 党总支 or "
                                "committee 党委"));
    cmd->add_option("--host-name", f.host_name,
                    tr("the hosting enterprise or organisation (单位名称)"));
    cmd->add_option("--host-uscc", f.host_uscc, tr("its 统一社会信用代码 (18 characters)"));
    cmd->add_option("--founded", f.founded, tr("date the org was founded (成立日期)"));
    add_flag(cmd, "--investor-is-secretary", f.investor_is_secretary,
             tr("the investor is the org's secretary (出资人兼任书记); =no to clear"));
    cmd->add_option("--venue-m2", f.venue_m2, tr("venue area in m² (阵地面积), 0 to 1000000"));
    add_flag(cmd, "--venue-standard", f.venue_standard,
             tr("the venue meets 六有七室; =no to clear"));
}

void apply(const Fields& f, Org& o) {
    OptionCheck check;
    if (f.name)
        o.name = *f.name;
    if (f.committee)
        o.committee = *f.committee;
    if (f.type)
        check([&] { o.type = parse_term(vocab::org_types(), *f.type, "--type"); });
    if (f.form)
        check([&] { o.form = parse_term(vocab::org_forms(), *f.form, "--form"); });
    if (f.host_name)
        o.host_name = *f.host_name;
    if (f.host_uscc)
        o.host_uscc = *f.host_uscc;
    if (f.founded)
        check([&] { o.founded = require_date(*f.founded, "--founded"); });
    if (auto v = f.investor_is_secretary.get())
        o.investor_is_secretary = *v;
    if (f.venue_m2)
        check(
            [&] { o.venue_m2 = require_number(*f.venue_m2, validate::k_venue_m2, "--venue-m2"); });
    if (auto v = f.venue_standard.get())
        o.venue_standard = *v;
    check.done();
}

void validate(db::Database& db, Org& o) {
    import::RowErrors errors;
    db::validate_org(db, o, errors);
    throw_if_invalid(errors);
}

std::vector<std::string> flags_of(const Org& o) {
    std::vector<std::string> flags;
    if (o.weak)
        flags.emplace_back("weak");
    if (o.typical)
        flags.emplace_back("typical");
    if (o.training_base)
        flags.emplace_back("training_base");
    return flags;
}

int add(Context& ctx, const AddOptions& a) {
    Org o;
    o.code = a.code;
    apply(a.fields, o);
    if (a.fields.committee)
        o.committee = code_of(ctx, db::RecordKind::committee, *a.fields.committee, "--committee",
                              {}, Refusal::invalid);
    db::WriteTx tx(ctx.db());
    validate(ctx.db(), o);
    db::add_org(ctx.db(), o);
    tx.commit();
    note(ctx, trf("org {} added", o.code));
    return 0;
}

int list(Context& ctx, const ListOptions& l) {
    const Date as_of = date_or_today(l.as_of, "--as-of");
    db::OrgFilter filter;
    if (!l.committee.empty())
        filter.committee = committee_code(ctx, l.committee, "--committee");
    if (!l.cluster.empty())
        filter.cluster =
            l.cluster == "-" ? l.cluster : cluster_code(ctx, l.cluster, "--cluster", as_of);
    if (!l.type.empty())
        filter.type = parse_term(vocab::org_types(), l.type, "--type");
    if (!l.flag.empty())
        filter.flag = parse_term(vocab::org_flags(), l.flag, "--flag");
    if (!l.status.empty())
        filter.status = parse_term(org_statuses(), l.status, "--status");
    if (l.unclustered) {
        if (!l.cluster.empty() && l.cluster != "-")
            throw UsageError(tr("--unclustered lists orgs in no cluster: give it or --cluster, "
                                "not both"));
        filter.cluster = "-";
    }
    filter.weak = l.weak;
    filter.typical = l.typical;
    filter.training_base = l.training_base;
    filter.lead = l.lead;
    filter.no_secretary = l.no_secretary;
    if (!l.flagged.empty())
        filter.flagged = parse_term(vocab::org_flags(), l.flagged, "--flagged");
    else if (l.from || l.to)
        throw UsageError(tr("--from and --to bound --flagged: give --flagged weak, typical or "
                            "training_base too"));
    filter.flagged_from = optional_date(l.from, "--from");
    filter.flagged_to = optional_date(l.to, "--to");
    if (filter.flagged_from && *filter.flagged_from > filter.flagged_to.value_or(as_of))
        throw UsageError(tr("--from is after --to (or after --as-of when --to is not given): "
                            "give the earlier date first"));

    // People read the names beside the codes; machine formats keep their keys.
    const bool people = for_people(ctx);
    out::Table t{{column("code"), column("name"), column("type"), column("form"),
                  column("committee"), column("cluster"), column("is_lead"),
                  column("venue_m2", true), column("flags"), column("closed")},
                 {}};
    if (people) {
        t.columns.insert(t.columns.begin() + 6, column("cluster_name"));
        t.columns.insert(t.columns.begin() + 5, column("committee_name"));
    }
    std::vector<db::OrgNames> names;
    const auto orgs = db::list_orgs(ctx.db(), as_of, filter, names);
    for (std::size_t i = 0; i < orgs.size(); ++i) {
        const Org& o = orgs[i];
        std::vector<out::Value> row{o.code,
                                    o.name,
                                    term_cell(ctx, vocab::org_types(), o.type),
                                    term_cell(ctx, vocab::org_forms(), o.form),
                                    o.committee,
                                    text_cell(o.cluster),
                                    o.is_lead,
                                    o.venue_m2,
                                    terms_cell(ctx, vocab::org_flags(), flags_of(o)),
                                    date_cell(o.closed)};
        if (people) {
            row.insert(row.begin() + 6, text_cell(names[i].cluster));
            row.insert(row.begin() + 5, text_cell(names[i].committee));
        }
        t.rows.push_back(std::move(row));
    }
    print(ctx, t);
    return 0;
}

out::Table span_table(std::string_view first_key) {
    return {{column(first_key), column("from"), column("to")}, {}};
}

int show(Context& ctx, const ShowOptions& s) {
    const Date as_of = date_or_today(s.as_of, "--as-of");
    out::Record r;
    std::size_t revealed = 0;
    {
        db::ReadTx snapshot(ctx.db());
        const Org o = db::get_org(ctx.db(), org_code(ctx, s.code, "code", as_of), as_of);
        r.fields =
            columns({"code", "name", "host_name", "host_uscc", "type", "form", "committee",
                     "founded", "closed", "investor_is_secretary", "venue_m2", "venue_standard",
                     "cluster", "is_lead", "weak", "typical", "training_base"});
        r.values = {o.code,
                    o.name,
                    text_cell(o.host_name),
                    text_cell(o.host_uscc),
                    term_cell(ctx, vocab::org_types(), o.type),
                    term_cell(ctx, vocab::org_forms(), o.form),
                    o.committee,
                    date_cell(o.founded),
                    date_cell(o.closed),
                    o.investor_is_secretary,
                    o.venue_m2,
                    o.venue_standard,
                    text_cell(o.cluster),
                    o.is_lead,
                    o.weak,
                    o.typical,
                    o.training_base};

        out::Table clusters = span_table("cluster");
        for (const auto& m : db::org_memberships(ctx.db(), o.code))
            clusters.rows.push_back({m.cluster, format_date(m.span.from), date_cell(m.span.to)});
        r.sections.push_back({section("clusters"), std::move(clusters)});

        out::Table leads = span_table("cluster");
        for (const auto& l : db::org_lead_terms(ctx.db(), o.code))
            leads.rows.push_back({l.cluster, format_date(l.span.from), date_cell(l.span.to)});
        r.sections.push_back({section("lead_terms"), std::move(leads)});

        out::Table flags{columns({"flag", "from", "to", "note"}), {}};
        for (const auto& f : db::flag_history(ctx.db(), o.code))
            flags.rows.push_back({term_cell(ctx, vocab::org_flags(), f.flag),
                                  format_date(f.span.from), date_cell(f.span.to),
                                  text_cell(f.note)});
        r.sections.push_back({section("flags"), std::move(flags)});

        // Earlier values of the dated fields (venue_m2, investor_is_secretary, venue_standard).
        out::Table changes{columns({"field", "value", "from", "to"}), {}};
        for (const auto& f : db::field_history(ctx.db(), "org", o.code))
            changes.rows.push_back(
                {field_cell(ctx, f.field), f.value, date_cell(f.from), format_date(f.to)});
        r.sections.push_back({section("earlier_values"), std::move(changes)});

        out::Table honors{columns({"date", "title", "level"}), {}};
        for (const auto& h : db::org_honors(ctx.db(), o.code))
            honors.rows.push_back(
                {format_date(h.date), h.title, term_cell(ctx, vocab::honor_levels(), h.level)});
        r.sections.push_back({section("honors"), std::move(honors)});
        // The months it held its cluster's red flag (流动红旗), when it has.
        out::Table red_flags{
            {column("month"), column("cluster"), column("points", true), column("decided_by")}, {}};
        for (const auto& f : db::org_red_flags(ctx.db(), o.code))
            red_flags.rows.push_back({format_month(f.month), f.cluster, f.points,
                                      term_cell(ctx, rules::decided_by_terms(), f.decided_by)});
        if (!red_flags.rows.empty())
            r.sections.push_back({section("red_flags"), std::move(red_flags)});

        // Its Party members at the date (电子花名册 in short), personal data masked.
        db::MemberFilter f;
        f.org = o.code;
        out::Table members{member_columns({"id_number", "name", "role", "status", "org_since"}),
                           {}};
        for (const auto& m : db::list_members(ctx.db(), as_of, f))
            members.rows.push_back(
                {id_cell(ctx, m.id_number), m.name, term_cell(ctx, vocab::member_roles(), m.role),
                 term_cell(ctx, vocab::member_statuses(), m.status), format_date(m.org_since)});
        revealed = ctx.options.reveal ? members.rows.size() : 0;
        r.sections.push_back({section("members"), std::move(members)});
    }
    if (revealed > 0) // after the read snapshot: the audit entry is a write
        db::audit_revealed_members(ctx.db(), revealed, false, "org show");
    print(ctx, r);
    return 0;
}

int edit(Context& ctx, const EditOptions& e) {
    if (!e.fields.any())
        throw UsageError(tr("nothing to change: give at least one field option (see --help)"));
    const std::optional<Date> on = optional_date(e.on, "--on");
    const Fields& f = e.fields;
    if (on && !(f.venue_m2 || f.investor_is_secretary.get() || f.venue_standard.get()))
        throw UsageError(tr("--on dates a change of the dated fields (--venue-m2, "
                            "--investor-is-secretary, --venue-standard); the others are current "
                            "only (see: man hlpb-org)"));
    db::WriteTx tx(ctx.db());
    Org o = db::get_org(ctx.db(), org_code(ctx, e.code, "code"), today());
    apply(e.fields, o);
    if (f.committee)
        o.committee = code_of(ctx, db::RecordKind::committee, *f.committee, "--committee", {},
                              Refusal::invalid);
    validate(ctx.db(), o);
    const auto notes = db::edit_org(ctx.db(), o, on, e.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx, trf("org {} changed", o.code));
    return 0;
}

int close(Context& ctx, const CloseOptions& c) {
    const Date on = date_or_today(c.on, "--on");
    db::WriteTx tx(ctx.db());
    const std::string code = org_code(ctx, c.code, "code", on);
    const auto notes = db::close_org(ctx.db(), code, on, c.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx, trf("org {} closed on {}", code, format_date(on)));
    return 0;
}

// A flag for a message: its label in the user's language.
std::string flag_label(const std::string& key) {
    return vocab::label(vocab::org_flags(), key, i18n::language());
}

int flag(Context& ctx, const FlagOptions& f) {
    const std::string key = parse_term(vocab::org_flags(), f.flag, "flag");
    const Date on = date_or_today(f.on, "--on");
    const std::string note_text = clean_option(f.note, "--note", validate::TextRule::note);
    db::WriteTx tx(ctx.db());
    const std::string code = org_code(ctx, f.code, "code", on);
    db::set_flag(ctx.db(), code, key, on, note_text, f.change.options());
    tx.commit();
    note(ctx, trf("org {}: {} from {}", code, flag_label(key), format_date(on)));
    return 0;
}

int unflag(Context& ctx, const FlagOptions& f) {
    const std::string key = parse_term(vocab::org_flags(), f.flag, "flag");
    const Date on = date_or_today(f.on, "--on");
    db::WriteTx tx(ctx.db());
    const std::string code = org_code(ctx, f.code, "code", on);
    const auto notes = db::unset_flag(ctx.db(), code, key, on, f.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx, trf("org {}: {} ended on {}", code, flag_label(key), format_date(on)));
    return 0;
}

int set_secretary(Context& ctx, const SecretaryOptions& o) {
    const std::string id = id_number::normalize(o.id);
    const Date on = date_or_today(o.on, "--on");
    db::WriteTx tx(ctx.db());
    const db::Handover h = db::set_secretary(ctx.db(), o.code, id, on, o.change.options());
    tx.commit(change_note(ctx, h.notes));
    const auto shown = [&](const std::string& i) {
        return ctx.options.reveal ? i : id_number::mask(i);
    };
    if (h.previous)
        note(ctx,
             trf("org {}: {} ({}) secretary from {}; {} ({}) a member from that day", h.org, h.name,
                 shown(id), format_date(on), h.previous->name, shown(h.previous->id_number)));
    else
        note(ctx,
             trf("org {}: {} ({}) secretary from {}", h.org, h.name, shown(id), format_date(on)));
    return 0;
}

int add_honor(Context& ctx, const HonorOptions& h) {
    Honor honor;
    honor.org = h.code;
    honor.title = clean_option(h.title, "--title");
    honor.date = date_or_today(h.date, "--date");
    honor.level = parse_term(vocab::honor_levels(), h.level, "--level");
    if (honor.title.empty())
        throw InvalidInput("--title", tr("is empty"));
    db::WriteTx tx(ctx.db());
    honor.org = org_code(ctx, h.code, "code", honor.date);
    db::add_honor(ctx.db(), honor);
    tx.commit();
    note(ctx, trf("org {}: honour \"{}\" on {}", honor.org, honor.title, format_date(honor.date)));
    return 0;
}

const char* const k_flag_help = N_("weak 软弱涣散, typical 典型 or training_base 实训基地");

} // namespace

void register_org(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand(
        "org",
        tr("Party organisations (党组织) of non-public enterprises and social organisations"));
    noun->require_subcommand(1);

    auto [add_cmd, a] = add_verb<AddOptions>(*noun, "add", tr("Add an org"));
    add_cmd->add_option("code", a->code, tr("its code (党组织编码)"))->required();
    add_field_options(add_cmd, a->fields, true);
    on_run(add_cmd, ctx, [&ctx, a = a] { return add(ctx, *a); });

    auto [list_cmd, l] = add_verb<ListOptions>(
        *noun, "list", tr("Orgs existing at the date, with cluster and flags then, by code"));
    list_cmd->add_option("--committee", l->committee, tr("only this committee's"));
    list_cmd->add_option("--cluster", l->cluster, tr("only members of this cluster; - for none"));
    list_cmd->add_option("--type", l->type, tr("only enterprise or social"));
    list_cmd->add_option("--flag", l->flag, trf("only orgs flagged {}", tr(k_flag_help)));
    list_cmd->add_option("--status", l->status, tr("open (default) or closed"));
    list_cmd->add_option("--as-of", l->as_of, tr("as of this date (default: today)"));
    list_cmd->add_flag("--weak", l->weak, tr("only orgs flagged weak (软弱涣散)"));
    list_cmd->add_flag("--typical", l->typical, tr("only orgs flagged typical (典型)"));
    list_cmd->add_flag("--training-base", l->training_base,
                       tr("only orgs flagged training_base (实训基地)"));
    list_cmd->add_flag("--lead", l->lead, tr("only orgs that lead a cluster"));
    list_cmd->add_flag("--no-secretary", l->no_secretary,
                       tr("only orgs where no member holds the secretary's post"));
    list_cmd->add_flag("--unclustered", l->unclustered,
                       tr("only orgs in no cluster (as --cluster -)"));
    list_cmd
        ->add_option("--flagged", l->flagged,
                     tr("only orgs flagged weak, typical or training_base at any time "
                        "from --from to --to"))
        ->type_name("FLAG");
    list_cmd
        ->add_option("--from", l->from, tr("first day of the --flagged range (default: no limit)"))
        ->type_name("DATE");
    list_cmd
        ->add_option("--to", l->to,
                     tr("last day of the --flagged range (default: the --as-of date)"))
        ->type_name("DATE");
    list_cmd->footer(tr("The filters combine: each one given narrows the list."));
    on_run(list_cmd, ctx, [&ctx, l = l] { return list(ctx, *l); });

    auto [show_cmd, s] = add_verb<ShowOptions>(
        *noun, "show",
        tr("One org: its fields, clusters, lead terms, flags, earlier values and honours"));
    show_cmd->add_option("code", s->code, tr("org code"))->required();
    show_cmd->add_option("--as-of", s->as_of, tr("as of this date (default: today)"));
    on_run(show_cmd, ctx, [&ctx, s = s] { return show(ctx, *s); });

    auto [edit_cmd, e] = add_verb<EditOptions>(
        *noun, "edit",
        tr("Change an org's fields (clusters: hlpb cluster join/leave; flags: flag)"));
    edit_cmd->add_option("code", e->code, tr("org code"))->required();
    add_field_options(edit_cmd, e->fields, false);
    add_on_option(edit_cmd, e->on,
                  tr("the day the new venue_m2, investor_is_secretary or venue_standard takes over "
                     "(the old value is kept as history; not after today)"));
    add_correct_flag(edit_cmd, e->change);
    on_run(edit_cmd, ctx, [&ctx, e = e] { return edit(ctx, *e); });

    auto [close_cmd, c] = add_verb<CloseOptions>(
        *noun, "close", tr("Close an org: its cluster membership and flags end that day"));
    close_cmd->add_option("code", c->code, tr("org code"))->required();
    add_on_option(close_cmd, c->on, tr("the day it is closed"));
    add_correct_flag(close_cmd, c->change);
    add_future_flag(close_cmd, c->change, tr("the closing"));
    on_run(close_cmd, ctx, [&ctx, c = c] { return close(ctx, *c); });

    auto [flag_cmd, f] = add_verb<FlagOptions>(*noun, "flag", tr("Flag an org from a date"));
    flag_cmd->add_option("code", f->code, tr("org code"))->required();
    flag_cmd->add_option("flag", f->flag, tr(k_flag_help))->required();
    add_on_option(flag_cmd, f->on, tr("the day the flag is set"));
    add_future_flag(flag_cmd, f->change, tr("the flag"));
    flag_cmd->add_option("--note", f->note, tr("why, or the document that decided it"));
    on_run(flag_cmd, ctx, [&ctx, f = f] { return flag(ctx, *f); });

    auto [unflag_cmd, u] = add_verb<FlagOptions>(
        *noun, "unflag", tr("End a flag on a date (e.g. a weak org taken off the list: 摘帽)"));
    unflag_cmd->add_option("code", u->code, tr("org code"))->required();
    unflag_cmd->add_option("flag", u->flag, tr(k_flag_help))->required();
    add_on_option(unflag_cmd, u->on, tr("the day the flag ends"));
    add_correct_flag(unflag_cmd, u->change);
    add_future_flag(unflag_cmd, u->change, tr("the unflag"));
    on_run(unflag_cmd, ctx, [&ctx, u = u] { return unflag(ctx, *u); });

    auto [secretary_cmd, sec] = add_verb<SecretaryOptions>(
        *noun, "set-secretary",
        tr("Hand the secretary's post over from a date: the member becomes the secretary, the "
           "secretary before them a member (both recorded)"));
    secretary_cmd->add_option("code", sec->code, tr("org code"))->required();
    secretary_cmd
        ->add_option("id", sec->id, tr("ID number of the new secretary, a member of the org"))
        ->required();
    add_on_option(secretary_cmd, sec->on, tr("the day of the handover"));
    add_correct_flag(secretary_cmd, sec->change);
    on_run(secretary_cmd, ctx, [&ctx, sec = sec] { return set_secretary(ctx, *sec); });

    CLI::App* honor = noun->add_subcommand("honor", tr("Honours awarded to an org (荣誉)"));
    honor->require_subcommand(1);
    auto [honor_add, h] = add_verb<HonorOptions>(*honor, "add", tr("Record an honour"));
    honor_add->add_option("code", h->code, tr("org code"))->required();
    honor_add->add_option("--title", h->title, tr("the honour's title"))->required();
    honor_add->add_option("--date", h->date, tr("date awarded (default: today)"));
    honor_add
        ->add_option("--level", h->level,
                     tr("national 国家级, province 省级, city 市级, district 区级 or other 其他"))
        ->capture_default_str();
    on_run(honor_add, ctx, [&ctx, h = h] { return add_honor(ctx, *h); });

    register_org_problem(*noun, ctx);

    add_import_verb(*noun, ctx, tr("orgs with their cluster placement and flags"),
                    import::org_fields(), import::import_orgs);
    add_export_verb(
        *noun, ctx, tr("orgs with their cluster placement and flags at --as-of"),
        [](db::Database& db, const Date& as_of) { return import::export_orgs(db, as_of); }, true);
}

} // namespace hlpb::cli
