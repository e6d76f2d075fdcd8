// `hlpb db`: the database file itself: init, check, backup, audit log, undo, demo data.
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"

#include <hlpb/db/check.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/db/undo.hpp>
#include <hlpb/demo.hpp>
#include <hlpb/i18n_fmt.hpp>

#include <fmt/format.h>

#include <ctime>

namespace hlpb::cli {
namespace {

struct CheckOptions {
    std::optional<std::string> as_of;
};
struct BackupOptions {
    std::string file;
};
struct LogOptions {
    int limit = 20;
};
struct UndoOptions {
    long long entry = 0;
    bool dry_run = false;
};
struct DemoOptions {
    int scale = 1;
    std::optional<std::string> as_of;
};

int init(Context& ctx) {
    db::Database& db = ctx.db();
    note(ctx, trf("database {} ready (schema version {})", db.path(), db.schema_version()));
    return 0;
}

int check(Context& ctx, const CheckOptions& o) {
    const Date as_of = date_or_today(o.as_of, "--as-of");
    std::vector<db::Breach> breaches;
    try {
        db::ReadTx snapshot(ctx.db());
        breaches = db::check_database(ctx.db(), as_of);
    } catch (const Damaged& e) { // not an SQLite file: a finding, not a failure to check
        breaches.push_back({"integrity", ctx.database_path(), e.what()});
    } catch (const std::exception& e) {
        try {
            db::throw_file_error(e, ctx.database_path());
        } catch (const Damaged& d) { // truncated or garbled pages
            breaches.push_back({"integrity", ctx.database_path(), d.what()});
        }
        if (breaches.empty())
            throw;
    }
    if (breaches.empty()) {
        if (!for_people(ctx)) // machines get their empty list; people get the line below
            print(ctx, out::Table{columns({"check", "subject", "message"}), {}});
        note(ctx, tr("database ok"));
        return 0;
    }
    out::Table t{columns({"check", "subject", "message"}), {}};
    for (const auto& b : breaches)
        t.rows.push_back({term_cell(ctx, db::check_kinds(), b.check), b.subject, b.message});
    print(ctx, t);
    const auto found = static_cast<long>(breaches.size());
    note(ctx, trnf("{} problem found", "{} problems found", found, found));
    return k_exit_failure;
}

int backup(Context& ctx, const BackupOptions& o) {
    db::backup(ctx.db(), o.file);
    note(ctx, trf("backed up {} to {}", ctx.db().path(), o.file));
    return 0;
}

// A time of the audit trail, stored in UTC ("2026-11-29T08:40:12Z"), as local time with its
// offset for people ("2026-11-29 16:40:12 +08:00", $TZ honoured). Anything else as stored.
std::string local_time(const std::string& utc) {
    std::tm tm{};
    const char* end = ::strptime(utc.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (end == nullptr || *end != '\0')
        return utc;
    const std::time_t t = ::timegm(&tm);
    ::tzset();
    std::tm local{};
    char text[64];
    if (::localtime_r(&t, &local) == nullptr ||
        std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S %z", &local) == 0)
        return utc;
    std::string out = text; // "… +0800"
    out.insert(out.size() - 2, ":");
    return out;
}

int log(Context& ctx, const LogOptions& o) {
    out::Table t{{column("id", true), column("at"), column("os_user"), column("command"),
                  column("rows_changed", true), column("undo")},
                 {}};
    const bool people = for_people(ctx); // machine formats keep the stored English
    for (const auto& e : db::audit_log(ctx.db(), o.limit))
        t.rows.push_back({e.id, people ? local_time(e.at) : e.at, e.os_user,
                          people ? e.shown_command : e.command, e.rows_changed,
                          people ? e.shown_undo : e.undo});
    print(ctx, t);
    return 0;
}

// "entries 14, 12 (hlpb …; hlpb …)": what an undo takes back.
std::string entries_taken_back(const db::UndoResult& r) {
    std::string ids;
    std::string commands;
    for (const auto& t : r.taken) {
        ids += (ids.empty() ? "" : tr(", ")) + std::to_string(t.entry);
        commands += (commands.empty() ? "" : tr("; ")) + t.command +
                    (t.redo ? tr(", redoing what it took back") : "");
    }
    return trnf("entry {} ({})", "entries {} ({})", static_cast<long>(r.taken.size()), ids,
                commands);
}

int undo(Context& ctx, const UndoOptions& o) {
    db::UndoOptions options;
    options.entry = o.entry;
    options.dry_run = o.dry_run;
    options.reveal = ctx.options.reveal;
    const db::UndoResult r = db::undo(ctx.db(), options);
    long rows = 0;
    std::string summary;
    for (const auto& t : r.tables) {
        rows += t.inserted + t.updated + t.deleted;
        std::string counts;
        for (auto [n, what] :
             {std::pair{t.inserted, N_("{} inserted")}, std::pair{t.updated, N_("{} updated")},
              std::pair{t.deleted, N_("{} deleted")}})
            if (n > 0)
                counts += (counts.empty() ? "" : ", ") + trf(what, n);
        summary += (summary.empty() ? "" : std::string(tr("; "))) + trf("{}: {}", t.table, counts);
    }
    if (summary.empty())
        summary = tr("no rows");
    if (o.dry_run) {
        out::Table t{{column("table"), column("inserted", true), column("updated", true),
                      column("deleted", true), column("rows")},
                     {}};
        for (const auto& tab : r.tables) {
            std::string keys;
            for (const auto& k : tab.rows)
                keys += (keys.empty() ? "" : "; ") + k;
            t.rows.push_back({tab.table, static_cast<long long>(tab.inserted),
                              static_cast<long long>(tab.updated),
                              static_cast<long long>(tab.deleted), keys});
        }
        if (ctx.options.reveal && rows > 0) // before showing them
            db::audit_revealed(ctx.db(), db::Revealed::undo_id_numbers);
        print(ctx, t);
        note(ctx,
             trf("would undo {}: {} (dry run, nothing written)", entries_taken_back(r), summary));
        return 0;
    }
    note(ctx, trf("undid {} as entry {}: {} (to take this back: hlpb db undo {})",
                  entries_taken_back(r), r.entry, summary, r.entry));
    return 0;
}

int demo(Context& ctx, const DemoOptions& o) {
    demo::Options options;
    options.scale = o.scale;
    options.as_of = date_or_today(o.as_of, "--as-of");
    const demo::Stats s = demo::build(ctx.db(), options);
    note(ctx, trf("demo district as of {} in {}: {} committees, {} clusters, {} orgs, "
                  "{} members (and {} who left); {} activities and {} problems since "
                  "{}-01; {} to {} scored and closed: {} score entries, {} red flags",
                  format_date(options.as_of), ctx.db().path(), s.committees, s.clusters, s.orgs,
                  s.members, s.members_left, s.activities, s.problems, s.first_month, s.first_month,
                  s.last_month, s.score_entries, s.flags));
    return 0;
}

} // namespace

void register_db(CLI::App& app, Context& ctx) {
    CLI::App* noun =
        app.add_subcommand("db", tr("The database file: create, check, back up, audit"));
    noun->require_subcommand(1);

    CLI::App* init_cmd = noun->add_subcommand(
        "init",
        tr("Create the database (mode 0600) or bring its schema up to date, and say where"));
    on_run(init_cmd, ctx, [&ctx] { return init(ctx); });

    auto [check_cmd, c] = add_verb<CheckOptions>(
        *noun, "check",
        tr("Check integrity, foreign keys and every invariant (one line per problem; exit 1 when "
           "any)"));
    check_cmd->add_option("--as-of", c->as_of, tr("what counts as current (default: today)"));
    on_run(check_cmd, ctx, [&ctx, c = c] { return check(ctx, *c); });

    auto [backup_cmd, b] = add_verb<BackupOptions>(
        *noun, "backup",
        tr("Copy the database to a new file while others may use it (online backup)"));
    backup_cmd->add_option("file", b->file, tr("the new file (must not exist)"))->required();
    on_run(backup_cmd, ctx, [&ctx, b = b] { return backup(ctx, *b); });

    auto [log_cmd, l] = add_verb<LogOptions>(
        *noun, "log", tr("The audit trail of writes, newest first (审计日志)"));
    log_cmd->add_option("--limit", l->limit, tr("entries to show, 0 for all"))
        ->capture_default_str()
        ->check(non_negative());
    on_run(log_cmd, ctx, [&ctx, l = l] { return log(ctx, *l); });

    auto [undo_cmd, u] = add_verb<UndoOptions>(
        *noun, "undo",
        tr("Take back the latest write, or every write back to ENTRY (see db log), in one write "
           "that can itself be undone"));
    undo_cmd
        ->add_option("entry", u->entry,
                     tr("the oldest entry to take back (default: the latest write in effect)"))
        ->check(CLI::Validator(
            [](const std::string& v) {
                const bool number = !v.empty() && v.size() < 19 &&
                                    v.find_first_not_of("0123456789") == std::string::npos &&
                                    v.find_first_not_of('0') != std::string::npos;
                return number ? std::string()
                              : std::string(
                                    tr("must be an entry number, 1 or more (see: hlpb db log)"));
            },
            "ENTRY"));
    undo_cmd->add_flag("--dry-run", u->dry_run,
                       tr("show what would change, by table, and write nothing"));
    on_run(undo_cmd, ctx, [&ctx, u = u] { return undo(ctx, *u); });

    auto [demo_cmd, d] = add_verb<DemoOptions>(
        *noun, "demo",
        tr("Fill an empty database with the demo district modelled on Huli (9 committees, 74 "
           "clusters, 641 orgs) and its last twelve months of activities, points and red flags"));
    demo_cmd->add_option("--scale", d->scale, tr("multiply the orgs, for benchmarks"))
        ->capture_default_str()
        ->check(CLI::Range(1, 1000));
    demo_cmd->add_option(
        "--as-of", d->as_of,
        tr("reference date: the twelve months before it have data (default: today)"));
    on_run(demo_cmd, ctx, [&ctx, d = d] { return demo(ctx, *d); });
}

} // namespace hlpb::cli
