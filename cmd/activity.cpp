// `hlpb activity`: the activities of clusters, committees and the district (书记例会, 主题党日,
// 工作会议, 年度述评, 培训, 部长会客厅, 志愿服务, ...), keyed by their row id.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"
#include "transfer.hpp"

#include <hlpb/db/activity_repo.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/problem_repo.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/import/activities.hpp>

#include <fmt/format.h>

#include <iostream>

namespace hlpb::cli {
namespace {

// The activity's fields, shared by add (kind and title required) and edit (each optional).
struct Fields {
    std::optional<std::string> date;
    std::optional<std::string> kind;
    std::optional<std::string> cluster;
    std::optional<std::string> committee;
    std::optional<std::vector<std::string>> clusters;
    std::optional<std::string> title;
    std::optional<std::string> participants;
    std::optional<std::vector<std::string>> orgs;
    std::optional<std::string> problems_raised;
    std::optional<std::string> problems_solved;
    std::optional<std::string> notes;
    bool any() const {
        return date || kind || cluster || committee || clusters || title || participants || orgs ||
               problems_raised || problems_solved || notes;
    }
};

struct AddOptions {
    Fields fields;
};

struct EditOptions {
    long long id = 0;
    Fields fields;
};

struct IdOptions {
    long long id = 0;
};

struct ListOptions {
    std::string cluster;
    std::string committee;
    std::string kind;
    std::optional<std::string> month;
    std::optional<std::string> from;
    std::optional<std::string> to;
};

const char* const k_kind_help = N_(
    "secretary_meeting 书记例会, theme_day 联建片主题党日, work_meeting 工作会议, review 年度述评, "
    "training 培训, reception 部长会客厅, volunteer 志愿服务, salon 沙龙, observation 观摩 or "
    "other 其他");

void add_field_options(CLI::App* cmd, Fields& f, bool adding) {
    cmd->add_option("--date", f.date,
                    adding ? tr("the day it took place (default: today; not after it)")
                           : tr("the day it took place (not after today)"));
    auto* kind = cmd->add_option("--kind", f.kind, tr(k_kind_help));
    cmd->add_option("--cluster", f.cluster,
                    adding ? tr("code of the cluster that held it (联建片)")
                           : tr("code of the cluster that held it (联建片); - for none"));
    cmd->add_option(
        "--committee", f.committee,
        adding ? tr("code of the committee that held it (上级党委; default: the cluster's)")
               : tr("code of the committee that held it (上级党委); - for none (with a "
                    "cluster: its committee)"));
    cmd->add_option(
        "--clusters", f.clusters,
        tr("a review: every cluster it reviews, comma-separated (its own included; the first "
           "is its own without --cluster)"));
    auto* title = cmd->add_option("--title", f.title, tr("its title (主题)"));
    cmd->add_option("--participants", f.participants, tr("how many people took part (参加人数)"));
    cmd->add_option("--orgs", f.orgs,
                    adding
                        ? tr("orgs involved (参加党组织), comma-separated")
                        : tr("orgs involved (参加党组织), comma-separated, replacing the list; - "
                             "for none"));
    cmd->add_option("--problems-raised", f.problems_raised,
                    tr("problems raised at it (提出问题数, a reception's)"));
    cmd->add_option("--problems-solved", f.problems_solved,
                    tr("of those, problems solved (解决问题数; not more than raised)"));
    cmd->add_option("--notes", f.notes, tr("notes (备注)"));
    if (adding) {
        kind->required();
        title->required();
    }
}

// Applies the options given to `a`; every bad value is reported.
void apply(Context& ctx, const Fields& f, Activity& a) {
    OptionCheck check;
    // A cluster, committee or org by its code or full name (db::resolve), "-" for none.
    const auto code_or_none = [&](db::RecordKind kind, const std::string& v,
                                  std::string_view flag) {
        return v == "-" ? std::string() : code_of(ctx, kind, v, flag, a.date, Refusal::invalid);
    };
    if (f.date)
        check([&] { a.date = require_date(*f.date, "--date"); });
    if (f.kind)
        check([&] {
            a.kind = parse_term(vocab::activity_kinds(), *f.kind, "--kind");
            if (a.kind != "review" && !f.clusters)
                a.clusters.clear(); // no longer a review
        });
    if (f.cluster) {
        const std::string old = a.cluster;
        a.cluster = code_or_none(db::RecordKind::cluster, *f.cluster, "--cluster");
        std::erase(a.clusters, old); // a review's own cluster changes with it
        if (!f.committee)
            a.committee.clear(); // the new cluster's
    }
    if (f.committee)
        a.committee = code_or_none(db::RecordKind::committee, *f.committee, "--committee");
    if (f.clusters) {
        a.clusters = *f.clusters;
        if (a.clusters.size() == 1 && a.clusters.front() == "-")
            a.clusters.clear();
        else
            a.clusters = codes_of(ctx, db::RecordKind::cluster, a.clusters, "--clusters", a.date,
                                  Refusal::invalid);
    }
    if (f.title)
        a.title = *f.title;
    if (f.participants)
        check([&] {
            a.participants = require_number(*f.participants, db::k_participants, "--participants");
        });
    if (f.orgs) {
        a.orgs = *f.orgs;
        if (a.orgs.size() == 1 && a.orgs.front() == "-")
            a.orgs.clear();
        else
            a.orgs = codes_of(ctx, db::RecordKind::org, a.orgs, "--orgs", a.date, Refusal::invalid);
    }
    if (f.problems_raised)
        check([&] {
            a.problems_raised =
                require_number(*f.problems_raised, db::k_problem_count, "--problems-raised");
        });
    if (f.problems_solved)
        check([&] {
            a.problems_solved =
                require_number(*f.problems_solved, db::k_problem_count, "--problems-solved");
        });
    if (f.notes)
        a.notes = *f.notes;
    check.done();
}

std::string holder(const Activity& a) {
    if (!a.cluster.empty())
        return trf("cluster {}", a.cluster);
    if (!a.committee.empty())
        return trf("committee {}", a.committee);
    return tr("the district");
}

// The kind of activity for a message: its label in the user's language.
std::string kind_label(const std::string& kind) {
    return vocab::label(vocab::activity_kinds(), kind, i18n::language());
}

std::string codes_text(const Context& ctx, const std::vector<std::string>& codes) {
    return join(codes, for_people(ctx) ? ", " : ";");
}

// The columns of the import file, with the id first.
std::vector<out::Column> activity_columns() {
    std::vector<out::Column> cols{column("id", true)};
    for (const auto& f : import::activity_fields())
        cols.push_back(
            {f.key, f.zh,
             f.key == "participants" || f.key == "problems_raised" || f.key == "problems_solved"});
    return cols;
}

std::vector<out::Value> activity_cells(const Context& ctx, const Activity& a) {
    return {a.id,
            format_date(a.date),
            term_cell(ctx, vocab::activity_kinds(), a.kind),
            text_cell(codes_text(ctx, a.kind == "review"  ? a.clusters
                                      : a.cluster.empty() ? std::vector<std::string>{}
                                                          : std::vector<std::string>{a.cluster})),
            text_cell(a.committee),
            a.title,
            a.participants,
            text_cell(codes_text(ctx, a.orgs)),
            a.problems_raised,
            a.problems_solved,
            text_cell(a.notes)};
}

int add(Context& ctx, const AddOptions& o) {
    Activity a;
    a.date = today();
    apply(ctx, o.fields, a);
    db::WriteTx tx(ctx.db());
    const long long id = with_options([&] { return db::add_activity(ctx.db(), a, today()); });
    tx.commit();
    a = db::get_activity(ctx.db(), id); // as stored: the committee of its cluster
    std::cout << id << '\n';
    check_stdout();
    note(ctx, trf("activity {} added: {} of {} on {}", id, kind_label(a.kind), holder(a),
                  format_date(a.date)));
    return 0;
}

int list(Context& ctx, const ListOptions& o) {
    db::ActivityFilter f;
    OptionCheck check;
    if (!o.cluster.empty())
        f.cluster = cluster_code(ctx, o.cluster, "--cluster");
    if (!o.committee.empty())
        f.committee = committee_code(ctx, o.committee, "--committee");
    if (!o.kind.empty())
        check([&] { f.kind = parse_term(vocab::activity_kinds(), o.kind, "--kind"); });
    if (o.month)
        check([&] {
            const Month m = require_month(*o.month, "--month");
            f.from = first_day(m);
            f.to = last_day(m);
        });
    if (o.from)
        check([&] {
            const Date from = require_date(*o.from, "--from");
            f.from = f.from ? std::max(*f.from, from) : from;
        });
    if (o.to)
        check([&] {
            const Date to = require_date(*o.to, "--to");
            f.to = f.to ? std::min(*f.to, to) : to;
        });
    check.done();
    out::Table t{activity_columns(), {}};
    for (const Activity& a : db::list_activities(ctx.db(), f))
        t.rows.push_back(activity_cells(ctx, a));
    print(ctx, t);
    return 0;
}

int show(Context& ctx, const IdOptions& o) {
    db::ReadTx snapshot(ctx.db());
    const Activity a = db::get_activity(ctx.db(), o.id);
    out::Record r;
    r.fields = activity_columns();
    r.values = activity_cells(ctx, a);
    if (a.kind != "reception") {
        print(ctx, r);
        return 0;
    }
    db::ProblemFilter pf; // those raised at the reception
    pf.activity = a.id;
    out::Table problems{{column("id", true), column("org"), out::Column{"category", "类别"},
                         column("raised"), column("text"), column("resolved")},
                        {}};
    for (const Problem& p : db::list_problems(ctx.db(), pf))
        problems.rows.push_back({p.id, p.org,
                                 term_cell(ctx, vocab::problem_categories(), p.category),
                                 format_date(p.raised), p.text, date_cell(p.resolved)});
    r.sections.push_back({section("problems"), std::move(problems)});
    print(ctx, r);
    return 0;
}

int edit(Context& ctx, const EditOptions& o) {
    if (!o.fields.any())
        throw UsageError(tr("nothing to change: give at least one field option (see --help)"));
    db::WriteTx tx(ctx.db());
    Activity a = db::get_activity(ctx.db(), o.id);
    apply(ctx, o.fields, a);
    with_options([&] {
        db::edit_activity(ctx.db(), a, today());
        return 0;
    });
    tx.commit();
    note(ctx, trf("activity {} changed", o.id));
    return 0;
}

int remove(Context& ctx, const IdOptions& o) {
    db::WriteTx tx(ctx.db());
    const Activity a = db::get_activity(ctx.db(), o.id);
    const long long problems = db::delete_activity(ctx.db(), o.id);
    tx.commit();
    note(ctx, trf("activity {} deleted: {} of {} on {}, '{}'", o.id, kind_label(a.kind), holder(a),
                  format_date(a.date), a.title));
    if (problems == 1)
        note(ctx,
             tr("1 problem that came from it no longer names a reception (see: hlpb org problem "
                "list)"));
    else if (problems > 1)
        note(ctx, trf("{} problems that came from it no longer name a reception (see: hlpb "
                      "org problem list)",
                      problems));
    return 0;
}

} // namespace

void register_activity(CLI::App& app, Context& ctx) {
    CLI::App* noun = app.add_subcommand(
        "activity",
        tr("Activities of clusters, committees and the district (书记例会, 主题党日, ...)"));
    noun->require_subcommand(1);

    auto [add_cmd, a] = add_verb<AddOptions>(
        *noun, "add", tr("Record an activity; prints its id (the key of show, edit and delete)"));
    add_field_options(add_cmd, a->fields, true);
    on_run(add_cmd, ctx, [&ctx, a = a] { return add(ctx, *a); });

    auto [list_cmd, l] = add_verb<ListOptions>(*noun, "list", tr("Activities, by date then id"));
    list_cmd->add_option("--cluster", l->cluster,
                         tr("only this cluster's, and the reviews naming it"));
    list_cmd->add_option("--committee", l->committee,
                         tr("only this committee's (its clusters' included)"));
    list_cmd->add_option("--kind", l->kind, trf("only this kind: {}", tr(k_kind_help)));
    list_cmd->add_option("--month", l->month, tr("only this month (YYYY-MM)"));
    list_cmd->add_option("--from", l->from, tr("only on or after this date"));
    list_cmd->add_option("--to", l->to, tr("only on or before this date"));
    on_run(list_cmd, ctx, [&ctx, l = l] { return list(ctx, *l); });

    auto [show_cmd, s] = add_verb<IdOptions>(
        *noun, "show", tr("One activity, and the problems raised at it (a reception)"));
    show_cmd->add_option("id", s->id, tr("activity id (see: hlpb activity list)"))->required();
    on_run(show_cmd, ctx, [&ctx, s = s] { return show(ctx, *s); });

    auto [edit_cmd, e] = add_verb<EditOptions>(*noun, "edit", tr("Change an activity's fields"));
    edit_cmd->add_option("id", e->id, tr("activity id"))->required();
    add_field_options(edit_cmd, e->fields, false);
    on_run(edit_cmd, ctx, [&ctx, e = e] { return edit(ctx, *e); });

    auto [delete_cmd, d] = add_verb<IdOptions>(*noun, "delete", tr("Delete an activity"));
    delete_cmd->add_option("id", d->id, tr("activity id"))->required();
    on_run(delete_cmd, ctx, [&ctx, d = d] { return remove(ctx, *d); });

    add_import_verb(*noun, ctx, tr("activities"), import::activity_fields(),
                    [](db::Database& db, const import::SourceOptions& source,
                       const import::ImportOptions& options) {
                        return import::import_activities(db, source, options, today());
                    });
    add_export_verb(
        *noun, ctx, tr("activities"),
        [](db::Database& db, const Date&) { return import::export_activities(db); }, false);
}

} // namespace hlpb::cli
