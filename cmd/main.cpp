// hlpb: the command line of libhlpb. Builds the command tree, parses, runs the chosen verb,
// and is the one place that turns an exception into a message and an exit status.
#include "context.hpp"
#include "nouns.hpp"

#include <hlpb/error.hpp>

#include <CLI/CLI.hpp>
#include <SQLiteCpp/Exception.h>

#include <iostream>
#include <string>

namespace {

using namespace hlpb::cli;

constexpr std::size_t k_max_errors_printed = 50;
constexpr int k_sqlite_busy = 5;
constexpr int k_sqlite_locked = 6;

const char* const k_description =
    "hlpb: \"1+X\" 联建片 (joint-building clusters) of the 两新 Party organisations of a district.";

const char* const k_footer =
    R"(Database: --db PATH, else $HLPB_DB, else $XDG_DATA_HOME/hlpb/hlpb.db.
Dates are YYYY-MM-DD (also YYYY/M/D, YYYY年M月D日); "today" is $HLPB_TODAY when set.
Exit status: 0 ok · 1 not found, conflict or other failure · 2 usage · 65 invalid input,
nothing written · 66 input file missing · 70 internal error · 73 cannot create output ·
75 database busy, retry later.)";

const char* const k_verb_footer =
    "Global options, accepted anywhere on the line: --db PATH, --format table|csv|json|jsonl|md,\n"
    "-q/--quiet, --no-color, --lang zh|en, --reveal (see: hlpb --help).";

void add_global_options(CLI::App& app, Context& ctx) {
    GlobalOptions& g = ctx.options;
    app.add_option("--db", g.db_path, "database file")->option_text("PATH");
    app.add_option("--format", g.format,
                   "output of listings: table, csv, json, jsonl or md "
                   "(default: table on a terminal, else csv)")
        ->check(CLI::IsMember({"table", "csv", "json", "jsonl", "md"}));
    app.add_flag("-q,--quiet", g.quiet, "no confirmations or summaries on stderr");
    app.add_flag("--no-color", g.no_color, "no colour (also when NO_COLOR is set)");
    app.add_option("--lang", g.lang, "language of labels for people: zh (default) or en")
        ->check(CLI::IsMember({"zh", "en"}));
    app.add_flag("--reveal", g.reveal, "show ID numbers and phones unmasked (audited)");
}

// Every noun and verb points to the global options in its --help.
void add_footers(CLI::App& app) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        sub->footer(k_verb_footer);
        add_footers(*sub);
    }
}

std::string join_argv(int argc, char** argv) {
    std::string out;
    for (int i = 0; i < argc; ++i) {
        if (i > 0)
            out += ' ';
        out += argv[i];
    }
    return out;
}

// The innermost command the parser reached ("hlpb org" for `hlpb org`), for usage errors.
const CLI::App* reached(const CLI::App& app, std::string& path) {
    path = "hlpb";
    const CLI::App* at = &app;
    for (;;) {
        auto subs = at->get_subcommands();
        if (subs.empty())
            return at;
        at = subs.front();
        path += " " + at->get_name();
    }
}

int usage_error(const CLI::App& app, const CLI::ParseError& e) {
    std::string path;
    const CLI::App* at = reached(app, path);
    // A noun without its verb: show what the verbs are.
    if (at->get_require_subcommand_min() > 0 && at->get_subcommands().empty())
        std::cerr << at->help();
    std::cerr << "hlpb: error: " << e.what() << "\n"
              << "hlpb: see: " << path << " --help\n";
    return hlpb::k_exit_usage;
}

int invalid_input(const hlpb::InvalidInput& e) {
    const auto& errors = e.errors();
    bool in_file = false;
    for (const auto& r : errors)
        in_file = in_file || !r.file.empty() || r.line > 0;
    if (!in_file) { // bad values on the command line
        for (const auto& r : errors)
            std::cerr << "hlpb: error: " << r.to_string() << '\n';
        return e.exit_code();
    }
    std::size_t shown = 0;
    for (const auto& r : errors) {
        if (shown++ == k_max_errors_printed)
            break;
        std::cerr << "hlpb: " << r.to_string() << '\n';
    }
    const long total = e.total();
    if (total > static_cast<long>(std::min(errors.size(), k_max_errors_printed)))
        std::cerr << "hlpb: … and "
                  << total - static_cast<long>(std::min(errors.size(), k_max_errors_printed))
                  << " more\n";
    std::cerr << "hlpb: error: " << total << (total == 1 ? " bad row" : " bad rows")
              << "; nothing was written\n";
    return e.exit_code();
}

} // namespace

int main(int argc, char** argv) {
    Context ctx(join_argv(argc, argv));
    CLI::App app(k_description, "hlpb");
    try {
        app.footer(k_footer);
        app.set_version_flag("--version", "hlpb " HLPB_VERSION, "print the version and exit");
        app.require_subcommand(1);
        app.fallthrough(); // global options work after the noun and verb too
        add_global_options(app, ctx);

        register_db(app, ctx);
        register_config(app, ctx);
        register_committee(app, ctx);
        register_cluster(app, ctx);
        register_org(app, ctx);

        add_footers(app);
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
                return app.exit(e); // --help, --version
            return usage_error(app, e);
        }
        return ctx.run();
    } catch (const hlpb::InvalidInput& e) {
        return invalid_input(e);
    } catch (const hlpb::Error& e) {
        std::cerr << "hlpb: error: " << e.what() << '\n';
        return e.exit_code();
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code == k_sqlite_busy || code == k_sqlite_locked) {
            std::cerr << "hlpb: error: database is locked by another hlpb; retry later ("
                      << e.what() << ")\n";
            return hlpb::k_exit_temp_fail;
        }
        std::cerr << "hlpb: internal error: " << e.what() << '\n';
        return hlpb::k_exit_software;
    } catch (const std::exception& e) {
        std::cerr << "hlpb: internal error: " << e.what() << '\n';
        return hlpb::k_exit_software;
    }
}
