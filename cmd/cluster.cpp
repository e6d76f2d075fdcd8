// `hlpb cluster`: the "1+X" joint-building clusters (联建片), their member orgs and lead over time.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "transfer.hpp"

#include <hlpb/db/candidates_repo.hpp>
#include <hlpb/db/cluster_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/score_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/rules/candidates.hpp>
#include <hlpb/rules/structure.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace hlpb::cli {
namespace {

// The cluster's own fields, shared by add (some required) and edit (each optional).
struct Fields {
    std::optional<std::string> name;
    std::optional<std::string> committee;
    std::optional<std::string> principle;
    std::optional<std::string> established;
    std::optional<std::string> instructor;
    std::optional<std::string> instructor_phone;
    std::optional<std::string> community;
    std::optional<std::string> supervisor;
    std::optional<std::string> supervisor_dept;
    bool any() const {
        return name || committee || principle || established || instructor || instructor_phone ||
               community || supervisor || supervisor_dept;
    }
};

struct AddOptions {
    std::string code;
    Fields fields;
    std::string lead;
    std::vector<std::string> orgs;
};

struct ListOptions {
    std::string committee;
    std::string principle;
    std::string status;
    std::optional<std::string> as_of;
};

struct CodeOptions { // show, history, candidates
    std::string cluster;
    std::optional<std::string> as_of;
    std::string section; // show: only this table (orgs, red_flags)
};

struct EditOptions {
    std::string code;
    Fields fields;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct JoinOptions { // join, leave
    std::string cluster;
    std::vector<std::string> orgs;
    std::optional<std::string> on;
    bool move = false;
    ChangeFlags change;
};

struct SetLeadOptions {
    std::string cluster;
    std::string org;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct SplitOptions {
    std::string cluster;
    std::string code;
    std::string name;
    std::string lead;
    std::vector<std::string> orgs;
    std::optional<std::string> on;
    ChangeFlags change;
};

struct DissolveOptions {
    std::string cluster;
    std::optional<std::string> on;
    ChangeFlags change;
};

void add_field_options(CLI::App* cmd, Fields& f, bool adding) {
    auto* name = cmd->add_option("--name", f.name, tr("name (联建片名称)"));
    auto* committee =
        cmd->add_option("--committee", f.committee, tr("code of its committee (上级党委)"));
    auto* principle =
        cmd->add_option("--principle", f.principle,
                        tr("geo 地域相邻, industry 行业相近 or chain 产业相连 (划片原则)"));
    if (adding) {
        name->required();
        committee->required();
        principle->required();
    }
    cmd->add_option("--established", f.established,
                    adding ? tr("date established (成立日期; default: today)")
                           : tr("date established (成立日期)"));
    cmd->add_option("--instructor", f.instructor,
                    tr("its Party-building instructor (党建工作指导员)"));
    cmd->add_option("--instructor-phone", f.instructor_phone, tr("the instructor's mobile number"));
    cmd->add_option("--community", f.community,
                    tr("paired community, for geo clusters (共建社区)"));
    cmd->add_option(
        "--supervisor", f.supervisor,
        tr("cadre of the supervising department, for industry/chain clusters (挂点干部)"));
    cmd->add_option("--supervisor-dept", f.supervisor_dept,
                    tr("the supervisor's department (挂点部门)"));
}

void apply(const Fields& f, Cluster& c) {
    if (f.name)
        c.name = *f.name;
    if (f.committee)
        c.committee = *f.committee;
    if (f.principle)
        c.principle = parse_term(vocab::principles(), *f.principle, "--principle");
    if (f.established)
        c.established = require_date(*f.established, "--established");
    if (f.instructor)
        c.instructor = *f.instructor;
    if (f.instructor_phone)
        c.instructor_phone = *f.instructor_phone;
    if (f.community)
        c.community = *f.community;
    if (f.supervisor)
        c.supervisor = *f.supervisor;
    if (f.supervisor_dept)
        c.supervisor_dept = *f.supervisor_dept;
}

void validate(db::Database& db, Cluster& c) {
    import::RowErrors errors;
    db::validate_cluster(db, c, errors);
    throw_if_invalid(errors);
}

std::string orgs_phrase(std::size_t n) {
    return trnf("{} org", "{} orgs", static_cast<long>(n), n);
}

int add(Context& ctx, const AddOptions& given) {
    Cluster c;
    c.code = given.code;
    apply(given.fields, c);
    if (!c.established)
        c.established = today();
    if (given.fields.committee)
        c.committee = code_of(ctx, db::RecordKind::committee, *given.fields.committee,
                              "--committee", {}, Refusal::invalid);
    AddOptions o = given;
    if (!o.lead.empty())
        o.lead = org_code(ctx, o.lead, "--lead", c.established);
    o.orgs = codes_of(ctx, db::RecordKind::org, o.orgs, "--orgs", c.established);

    db::WriteTx tx(ctx.db());
    validate(ctx.db(), c);
    db::add_cluster(ctx.db(), c, o.lead, o.orgs);
    tx.commit();
    std::vector<std::string> joining = o.orgs;
    if (!o.lead.empty() && std::find(joining.begin(), joining.end(), o.lead) == joining.end())
        joining.insert(joining.begin(), o.lead);

    const std::string established = format_date(*c.established);
    if (joining.empty())
        note(ctx, trf("cluster {} added, established {}", c.code, established));
    else if (o.lead.empty())
        note(ctx, trf("cluster {} added, established {}: {} joined", c.code, established,
                      orgs_phrase(joining.size())));
    else
        note(ctx, trf("cluster {} added, established {}: {} joined, lead {}", c.code, established,
                      orgs_phrase(joining.size()), o.lead));
    return 0;
}

int list(Context& ctx, const ListOptions& o) {
    const Date as_of = date_or_today(o.as_of, "--as-of");
    db::ClusterFilter filter;
    if (!o.committee.empty())
        filter.committee = committee_code(ctx, o.committee, "--committee");
    if (!o.principle.empty())
        filter.principle = parse_term(vocab::principles(), o.principle, "--principle");
    if (!o.status.empty())
        filter.status = parse_term(vocab::cluster_statuses(), o.status, "--status");

    // People read the names beside the codes; machine formats keep their keys and gain the
    // members count only.
    const bool people = for_people(ctx);
    out::Table t{{column("code"), column("name"), column("committee"), column("principle"),
                  column("established"), column("status"), column("lead"), column("orgs", true),
                  column("members", true), column("instructor"), column("community"),
                  column("supervisor")},
                 {}};
    if (people) {
        t.columns.insert(t.columns.begin() + 7, column("lead_name"));
        t.columns.insert(t.columns.begin() + 3, column("committee_name"));
    }
    for (const auto& s : db::list_clusters(ctx.db(), as_of, filter)) {
        const Cluster& c = s.cluster;
        std::vector<out::Value> row{c.code,
                                    c.name,
                                    c.committee,
                                    term_cell(ctx, vocab::principles(), c.principle),
                                    date_cell(c.established),
                                    term_cell(ctx, vocab::cluster_statuses(), c.status),
                                    text_cell(c.lead),
                                    s.orgs,
                                    s.members,
                                    text_cell(c.instructor),
                                    text_cell(c.community),
                                    text_cell(c.supervisor)};
        if (people) {
            row.insert(row.begin() + 7, text_cell(s.lead_name));
            row.insert(row.begin() + 3, text_cell(s.committee_name));
        }
        t.rows.push_back(std::move(row));
    }
    print(ctx, t);
    return 0;
}

int show(Context& ctx, const CodeOptions& o) {
    const Date as_of = date_or_today(o.as_of, "--as-of");
    out::Record r;
    bool revealed = false;
    {
        db::ReadTx snapshot(ctx.db());
        const Cluster c =
            db::get_cluster(ctx.db(), cluster_code(ctx, o.cluster, "cluster", as_of), as_of);
        r.fields = columns({"code", "name", "committee", "principle", "established", "status",
                            "dissolved", "parent", "lead", "instructor", "instructor_phone",
                            "community", "supervisor", "supervisor_dept"});
        r.values = {c.code,
                    c.name,
                    c.committee,
                    term_cell(ctx, vocab::principles(), c.principle),
                    date_cell(c.established),
                    term_cell(ctx, vocab::cluster_statuses(), c.status),
                    date_cell(c.dissolved),
                    text_cell(c.parent),
                    text_cell(c.lead),
                    text_cell(c.instructor),
                    phone_cell(ctx, c.instructor_phone),
                    text_cell(c.community),
                    text_cell(c.supervisor),
                    text_cell(c.supervisor_dept)};
        revealed = ctx.options.reveal && !c.instructor_phone.empty();

        out::Table orgs{{column("org"), column("name"), column("since"), column("is_lead")}, {}};
        for (const auto& m : db::cluster_members(ctx.db(), c.code, as_of))
            orgs.rows.push_back({m.org, m.name, format_date(m.since), m.is_lead});
        r.sections.push_back({section("orgs"), std::move(orgs)});
        // The holders of its red flag (流动红旗) by month, when it has awarded one.
        out::Table red_flags{
            {column("month"), column("org"), column("points", true), column("decided_by")}, {}};
        for (const auto& f : db::cluster_red_flags(ctx.db(), c.code))
            red_flags.rows.push_back({format_month(f.month), f.org, f.points,
                                      term_cell(ctx, rules::decided_by_terms(), f.decided_by)});
        if (!red_flags.rows.empty() || o.section == "red_flags")
            r.sections.push_back({section("red_flags"), std::move(red_flags)});
    }
    // --section: one of its tables alone, in any format (csv prints one table: without it, the
    // cluster's fields; json nests every table in the object).
    if (!o.section.empty()) {
        for (const auto& s : r.sections)
            if (s.title.key == o.section)
                print(ctx, s.table);
        return 0;
    }
    if (revealed) // before showing: nothing is revealed without its audit entry
        db::audit_revealed(ctx.db(), db::Revealed::instructor_phones);
    print(ctx, r);
    return 0;
}

int edit(Context& ctx, const EditOptions& o) {
    if (!o.fields.any())
        throw UsageError(tr("nothing to change: give at least one field option (see --help)"));
    const std::optional<Date> on = optional_date(o.on, "--on");
    const Fields& f = o.fields;
    if (on && !(f.principle || f.instructor || f.instructor_phone || f.community || f.supervisor ||
                f.supervisor_dept))
        throw UsageError(
            tr("--on dates a change of the dated fields (--principle, --instructor, "
               "--instructor-phone, --community, --supervisor, --supervisor-dept); the "
               "others are current only (see: man hlpb-cluster)"));
    db::WriteTx tx(ctx.db());
    Cluster c = db::get_cluster(ctx.db(), cluster_code(ctx, o.code, "code"), today());
    apply(o.fields, c);
    if (f.committee)
        c.committee = code_of(ctx, db::RecordKind::committee, *f.committee, "--committee", {},
                              Refusal::invalid);
    validate(ctx.db(), c);
    const auto notes = db::edit_cluster(ctx.db(), c, on, o.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx, trf("cluster {} changed", c.code));
    return 0;
}

int join_orgs(Context& ctx, const JoinOptions& given) {
    const Date on = date_or_today(given.on, "--on");
    JoinOptions o = given;
    o.cluster = cluster_code(ctx, o.cluster, "cluster", on);
    o.orgs = codes_of(ctx, db::RecordKind::org, o.orgs, "orgs", on);
    db::WriteTx tx(ctx.db());
    const auto notes =
        db::join_cluster(ctx.db(), o.cluster, o.orgs, on, o.move, o.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx, trf("cluster {}: {} joined on {}", o.cluster, orgs_phrase(o.orgs.size()),
                  format_date(on)));
    return 0;
}

int leave_orgs(Context& ctx, const JoinOptions& given) {
    const Date on = date_or_today(given.on, "--on");
    JoinOptions o = given;
    o.cluster = cluster_code(ctx, o.cluster, "cluster", on);
    o.orgs = codes_of(ctx, db::RecordKind::org, o.orgs, "orgs", on);
    db::WriteTx tx(ctx.db());
    const auto notes = db::leave_cluster(ctx.db(), o.cluster, o.orgs, on, o.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx,
         trf("cluster {}: {} left on {}", o.cluster, orgs_phrase(o.orgs.size()), format_date(on)));
    return 0;
}

int set_lead(Context& ctx, const SetLeadOptions& given) {
    const Date on = date_or_today(given.on, "--on");
    SetLeadOptions o = given;
    o.cluster = cluster_code(ctx, o.cluster, "cluster", on);
    o.org = org_code(ctx, o.org, "org", on);
    db::WriteTx tx(ctx.db());
    const auto notes = db::set_lead(ctx.db(), o.cluster, o.org, on, o.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx, trf("cluster {}: {} leads from {}", o.cluster, o.org, format_date(on)));
    return 0;
}

int split(Context& ctx, const SplitOptions& given) {
    require_code(given.code, "new_code");
    const Date on = date_or_today(given.on, "--on");
    SplitOptions o = given;
    o.cluster = cluster_code(ctx, o.cluster, "cluster", on);
    o.lead = org_code(ctx, o.lead, "--lead", on);
    o.orgs = codes_of(ctx, db::RecordKind::org, o.orgs, "--orgs", on);
    db::SplitRequest request;
    request.from = o.cluster;
    request.child.code = o.code;
    request.child.name = clean_option(o.name, "--name");
    request.lead = o.lead;
    request.orgs = o.orgs;
    request.on = date_or_today(o.on, "--on");
    db::WriteTx tx(ctx.db());
    const auto notes = db::split_cluster(ctx.db(), request, o.change.options());
    tx.commit(change_note(ctx, notes));
    const std::string day = format_date(request.on);
    if (o.orgs.empty())
        note(ctx,
             trf("cluster {} split from {} on {}: lead {} moved", o.code, o.cluster, day, o.lead));
    else
        note(ctx, trf("cluster {} split from {} on {}: lead {} and {} moved", o.code, o.cluster,
                      day, o.lead, orgs_phrase(o.orgs.size())));
    return 0;
}

int dissolve(Context& ctx, const DissolveOptions& given) {
    const Date on = date_or_today(given.on, "--on");
    DissolveOptions o = given;
    o.cluster = cluster_code(ctx, o.cluster, "cluster", on);
    db::WriteTx tx(ctx.db());
    const auto notes = db::dissolve_cluster(ctx.db(), o.cluster, on, o.change.options());
    tx.commit(change_note(ctx, notes));
    note(ctx, trf("cluster {} dissolved on {}", o.cluster, format_date(on)));
    return 0;
}

int history(Context& ctx, const CodeOptions& o) {
    out::Table t{columns({"date", "event", "org", "name"}), {}};
    bool revealed = false;
    for (const auto& e : db::cluster_history(ctx.db(), cluster_code(ctx, o.cluster, "cluster"))) {
        const bool phone = e.event == "instructor_phone";
        revealed = revealed || (phone && ctx.options.reveal && !e.name.empty());
        t.rows.push_back({format_date(e.date), term_cell(ctx, cluster_events(), e.event),
                          text_cell(e.org), phone ? phone_cell(ctx, e.name) : text_cell(e.name)});
    }
    if (revealed) // before showing: nothing is revealed without its audit entry
        db::audit_revealed(ctx.db(), db::Revealed::instructor_phone_history);
    print(ctx, t);
    return 0;
}

out::Value why(const Context& ctx, const rules::CandidateScore& s) {
    std::vector<std::string> parts;
    for (rules::Ineligible r : s.reasons) {
        switch (r) {
        case rules::Ineligible::not_active:
            parts.push_back(phrase(ctx, "not an active member", "非在片党组织"));
            break;
        case rules::Ineligible::venue_too_small:
            parts.push_back(fmt::format("{} {} m² < {}", phrase(ctx, "venue", "阵地"),
                                        s.input.venue_m2, rules::k_lead_venue_min_m2));
            break;
        case rules::Ineligible::weak:
            parts.push_back(phrase(ctx, "flagged weak", "软弱涣散"));
            break;
        }
    }
    if (s.input.is_lead)
        parts.push_back(phrase(ctx, "current lead", "现任牵头"));
    return parts.empty() ? out::Value() : out::Value(join(parts, "; "));
}

int candidates(Context& ctx, const CodeOptions& o) {
    const Date as_of = date_or_today(o.as_of, "--as-of");
    std::vector<rules::CandidateScore> ranked;
    {
        db::ReadTx snapshot(ctx.db());
        const auto inputs =
            db::candidate_inputs(ctx.db(), cluster_code(ctx, o.cluster, "cluster", as_of), as_of);
        ranked = rules::rank_candidates(inputs, db::lead_weights(ctx.db()), as_of);
    }
    out::Table t{{column("rank", true), column("org"), column("name"), column("eligible"),
                  column("score", true), column("investor", true), column("experience", true),
                  column("venue", true), column("standard", true), column("training", true),
                  column("typical", true), column("members", true), column("why")},
                 {}};
    long rank = 0;
    for (const auto& s : ranked)
        t.rows.push_back({s.eligible ? out::Value(++rank) : out::Value(), s.input.code,
                          s.input.name, s.eligible, s.total, s.investor, s.experience, s.venue,
                          s.standard, s.training, s.typical, s.input.members, why(ctx, s)});
    print(ctx, t);
    return 0;
}

} // namespace

void register_cluster(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand(
        "cluster", tr("\"1+X\" joint-building clusters (联建片): one lead org + X member orgs"));
    noun->require_subcommand(1);

    auto [add_cmd, a] = add_verb<AddOptions>(
        *noun, "add",
        tr("Add a cluster; with --lead and --orgs, its orgs join on the date established"));
    add_cmd->add_option("code", a->code, tr("its code, e.g. HL-C01"))->required();
    add_field_options(add_cmd, a->fields, true);
    add_cmd->add_option("--lead", a->lead, tr("the lead org (牵头党组织), joins too"));
    add_cmd->add_option("--orgs", a->orgs, tr("member orgs, comma-separated"));
    on_run(add_cmd, ctx, [&ctx, a = a] { return add(ctx, *a); });

    auto [list_cmd, l] = add_verb<ListOptions>(
        *noun, "list",
        tr("Clusters established by the date, with their lead, orgs and members, by code"));
    list_cmd->add_option("--committee", l->committee, tr("only this committee's"));
    list_cmd->add_option("--principle", l->principle, tr("only geo, industry or chain"));
    list_cmd->add_option("--status", l->status, tr("only active or dissolved ones"));
    list_cmd->add_option("--as-of", l->as_of, tr("as of this date (default: today)"));
    on_run(list_cmd, ctx, [&ctx, l = l] { return list(ctx, *l); });

    auto [show_cmd, s] =
        add_verb<CodeOptions>(*noun, "show", tr("One cluster: its fields and member orgs"));
    show_cmd->add_option("cluster", s->cluster, tr("cluster code"))->required();
    show_cmd->add_option("--as-of", s->as_of, tr("as of this date (default: today)"));
    show_cmd
        ->add_option("--section", s->section,
                     tr("only this table: orgs (the member orgs) or red_flags; for --format csv, "
                        "which prints one table (without it: the cluster's fields)"))
        ->check(CLI::IsMember({"orgs", "red_flags"}));
    on_run(show_cmd, ctx, [&ctx, s = s] { return show(ctx, *s); });

    auto [edit_cmd, e] = add_verb<EditOptions>(
        *noun, "edit", tr("Change a cluster's fields (membership: join, leave, set-lead)"));
    edit_cmd->add_option("code", e->code, tr("cluster code"))->required();
    add_field_options(edit_cmd, e->fields, false);
    add_on_option(edit_cmd, e->on,
                  tr("the day the new principle, instructor, community or supervisor takes over "
                     "(the old one is kept as history; not after today)"));
    add_correct_flag(edit_cmd, e->change);
    on_run(edit_cmd, ctx, [&ctx, e = e] { return edit(ctx, *e); });

    auto [join_cmd, j] = add_verb<JoinOptions>(*noun, "join", tr("Orgs join the cluster (入片)"));
    join_cmd->add_option("cluster", j->cluster, tr("cluster code"))->required();
    join_cmd->add_option("orgs", j->orgs, tr("org codes"))->required();
    add_on_option(join_cmd, j->on, tr("the day they join"));
    join_cmd->add_flag("--move", j->move,
                       tr("orgs in another cluster leave it the same day (not its lead)"));
    add_correct_flag(join_cmd, j->change);
    on_run(join_cmd, ctx, [&ctx, j = j] { return join_orgs(ctx, *j); });

    auto [leave_cmd, lv] =
        add_verb<JoinOptions>(*noun, "leave", tr("Orgs leave the cluster (gone on that day)"));
    leave_cmd->add_option("cluster", lv->cluster, tr("cluster code"))->required();
    leave_cmd->add_option("orgs", lv->orgs, tr("org codes (not the lead)"))->required();
    add_on_option(leave_cmd, lv->on, tr("the day they are gone"));
    add_correct_flag(leave_cmd, lv->change);
    add_future_flag(leave_cmd, lv->change, tr("the leave"));
    on_run(leave_cmd, ctx, [&ctx, lv = lv] { return leave_orgs(ctx, *lv); });

    auto [lead_cmd, sl] =
        add_verb<SetLeadOptions>(*noun, "set-lead", tr("Make a member org the lead (牵头党组织)"));
    lead_cmd->add_option("cluster", sl->cluster, tr("cluster code"))->required();
    lead_cmd->add_option("org", sl->org, tr("the new lead, a member of the cluster"))->required();
    add_on_option(lead_cmd, sl->on, tr("the day it leads"));
    add_correct_flag(lead_cmd, sl->change);
    on_run(lead_cmd, ctx, [&ctx, sl = sl] { return set_lead(ctx, *sl); });

    auto [split_cmd, sp] = add_verb<SplitOptions>(
        *noun, "split",
        tr("Split a mature cluster (裂变): the new cluster takes the given lead and orgs"));
    split_cmd->add_option("cluster", sp->cluster, tr("the cluster to split"))->required();
    split_cmd->add_option("new_code", sp->code, tr("code of the new cluster"))->required();
    split_cmd->add_option("--name", sp->name, tr("name of the new cluster"))->required();
    split_cmd->add_option("--lead", sp->lead, tr("the new cluster's lead, moved from the old"))
        ->required();
    split_cmd->add_option("--orgs", sp->orgs, tr("other orgs moved, comma-separated"));
    add_on_option(split_cmd, sp->on, tr("the day of the split"));
    add_correct_flag(split_cmd, sp->change);
    on_run(split_cmd, ctx, [&ctx, sp = sp] { return split(ctx, *sp); });

    auto [dissolve_cmd, d] = add_verb<DissolveOptions>(
        *noun, "dissolve", tr("Dissolve a cluster: every membership and the lead term end"));
    dissolve_cmd->add_option("cluster", d->cluster, tr("cluster code"))->required();
    add_on_option(dissolve_cmd, d->on, tr("the day it is dissolved"));
    add_correct_flag(dissolve_cmd, d->change);
    add_future_flag(dissolve_cmd, d->change, tr("the dissolve"));
    on_run(dissolve_cmd, ctx, [&ctx, d = d] { return dissolve(ctx, *d); });

    auto [history_cmd, h] = add_verb<CodeOptions>(
        *noun, "history",
        tr("The cluster's events: established, joins, leaves, leads, splits, and changes of its "
           "principle, instructor, community and supervisor"));
    history_cmd->add_option("cluster", h->cluster, tr("cluster code"))->required();
    on_run(history_cmd, ctx, [&ctx, h = h] { return history(ctx, *h); });

    auto [cand_cmd, c] = add_verb<CodeOptions>(
        *noun, "candidates",
        tr("Rank the member orgs as lead (四看: investor, secretary, venue, exemplary role), "
           "showing the parts of each score"));
    cand_cmd->add_option("cluster", c->cluster, tr("cluster code"))->required();
    cand_cmd->add_option("--as-of", c->as_of, tr("as of this date (default: today)"));
    on_run(cand_cmd, ctx, [&ctx, c = c] { return candidates(ctx, *c); });

    add_import_verb(*noun, ctx, tr("clusters"), import::cluster_fields(), import::import_clusters);
    add_export_verb(
        *noun, ctx,
        tr("every cluster, dissolved ones too, instructor phones unmasked (needs --reveal)"),
        [](db::Database& db, const Date&) { return import::export_clusters(db); }, false, true);
}

} // namespace hlpb::cli
