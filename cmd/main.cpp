// hlpb: the command line of libhlpb. Builds the command tree, parses, runs the chosen verb,
// and is the one place that turns an exception into a message and an exit status.
#include "context.hpp"
#include "nouns.hpp"
#include "output.hpp"

#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <utility>

namespace {

using namespace hlpb::cli;
using hlpb::tr;
using hlpb::trf;
using hlpb::trnf;

constexpr std::size_t k_max_errors_printed = 50;

const char* const k_description = N_("hlpb: \"1+X\" 联建片 (joint-building clusters) of the 两新 "
                                     "Party organisations of a district.");

const char* const k_footer =
    N_(R"(Database: --db PATH, else $HLPB_DB, else $XDG_DATA_HOME/hlpb/hlpb.db.
Dates are YYYY-MM-DD (also YYYY/M/D, YYYY年M月D日); "today" is $HLPB_TODAY when set.
Exit status: 0 ok · 1 not found, conflict or other failure · 2 usage · 65 invalid input,
nothing written · 66 input file missing · 70 internal error · 73 cannot create output ·
74 write error (disk full, closed stdout) · 75 database busy, retry later.)");

const char* const k_verb_footer = N_(
    "Global options, accepted anywhere on the line: --db PATH, --format table|csv|json|jsonl|md,\n"
    "-q/--quiet, --no-color, --lang zh|en, --reveal (see: hlpb --help).");

void add_global_options(CLI::App& app, Context& ctx) {
    GlobalOptions& g = ctx.options;
    app.add_option("--db", g.db_path, tr("database file"))->option_text("PATH");
    app.add_option("--format", g.format,
                   tr("output of listings: table, csv, json, jsonl or md "
                      "(default: table on a terminal, else csv)"))
        ->check(CLI::IsMember({"table", "csv", "json", "jsonl", "md"}));
    app.add_flag("-q,--quiet", g.quiet, tr("no confirmations or summaries on stderr"));
    app.add_flag("--no-color", g.no_color, tr("no colour (also when NO_COLOR is set)"));
    app.add_option("--lang", g.lang,
                   tr("language of messages, help and labels: zh (default) or en; else $HLPB_LANG, "
                      "else the locale"))
        ->check(CLI::IsMember({"zh", "en"}));
    app.add_flag("--reveal", g.reveal, tr("show ID numbers and phones unmasked (audited)"));
}

// Every noun and verb points to the global options in its --help.
void add_footers(CLI::App& app) {
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
        const std::string own = sub->get_footer();
        sub->footer(own.empty() ? std::string(tr(k_verb_footer))
                                : own + "\n\n" + tr(k_verb_footer));
        add_footers(*sub);
    }
}

// What --help shows after options that take a value, by long option name.
constexpr std::pair<std::string_view, std::string_view> k_placeholders[] = {
    {"as-of", "DATE"},      {"on", "DATE"},        {"established", "DATE"}, {"founded", "DATE"},
    {"date", "DATE"},       {"committee", "CODE"}, {"cluster", "CODE"},     {"lead", "CODE"},
    {"orgs", "CODE,CODE"},  {"out", "FILE"},       {"errors-out", "FILE"},  {"scale", "N"},
    {"limit", "N"},         {"venue-m2", "N"},     {"encoding", "NAME"},    {"org", "CODE"},
    {"join-date", "DATE"},  {"full-date", "DATE"}, {"birth-date", "DATE"},  {"org-since", "DATE"},
    {"role-since", "DATE"}, {"xlsx", "FILE"},
};

void set_placeholders(CLI::App& app) {
    for (CLI::Option* opt : app.get_options()) {
        const auto names = opt->get_lnames();
        if (opt->get_expected_max() == 0)
            continue; // a flag (org list --lead) takes no value
        for (const auto& [name, text] : k_placeholders)
            if (!names.empty() && names.front() == name)
                opt->type_name(std::string(text));
    }
    for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
        set_placeholders(*sub);
}

// The command line for the audit trail, the program named "hlpb" whatever its path.
std::string join_argv(int argc, char** argv) {
    std::string out = "hlpb";
    for (int i = 1; i < argc; ++i) {
        out += ' ';
        out += argv[i];
    }
    return out;
}

// The innermost command the parser reached (`org` for `hlpb org`), with the path before it.
const CLI::App* reached(const CLI::App& app, std::string& parent_path) {
    parent_path.clear();
    const CLI::App* at = &app;
    for (;;) {
        auto subs = at->get_subcommands();
        if (subs.empty())
            return at;
        parent_path += parent_path.empty() ? "hlpb" : " " + at->get_name();
        at = subs.front();
    }
}

// Verbs that never write: they must not create a database file that does not exist.
bool is_read_only(std::string_view verb) {
    constexpr std::string_view k_read_verbs[] = {"list",  "show",   "history",  "candidates",
                                                 "check", "log",    "backup",   "export",
                                                 "get",   "roster", "template", "summary"};
    return std::find(std::begin(k_read_verbs), std::end(k_read_verbs), verb) !=
           std::end(k_read_verbs);
}

// The language of messages, chosen before the command tree is built (its help texts are
// translated as they are added): --lang anywhere on the line, else $HLPB_LANG, else English when
// the locale (LC_ALL, LC_MESSAGES, LANG: the first one set) starts with "en", else Chinese.
// A value other than zh or en is passed over here (CLI11 refuses it for --lang).
std::string_view choose_language(int argc, char** argv) {
    const auto known = [](std::string_view lang) { return lang == "zh" || lang == "en"; };
    std::string_view chosen;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--")
            break;
        if (arg == "--lang" && i + 1 < argc)
            chosen = argv[++i];
        else if (arg.substr(0, 7) == "--lang=")
            chosen = arg.substr(7);
    }
    if (known(chosen))
        return chosen;
    if (const char* env = std::getenv("HLPB_LANG"); env != nullptr && known(env))
        return env;
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"})
        if (const char* locale = std::getenv(name); locale != nullptr && *locale != '\0')
            return std::string_view(locale).substr(0, 2) == "en" ? "en" : "zh";
    return "zh";
}

// CLI11's help layout with its own words (Usage, Options, REQUIRED…) in the user's language.
class HelpFormatter : public CLI::Formatter {
public:
    HelpFormatter() {
        label("Usage", tr("Usage"));
        label("OPTIONS", tr("OPTIONS"));
        label("SUBCOMMAND", tr("SUBCOMMAND"));
        label("SUBCOMMANDS", tr("SUBCOMMANDS"));
        label("Positionals", tr("Positionals"));
        label("REQUIRED", tr("REQUIRED"));
        label("Needs", tr("Needs"));
        label("Excludes", tr("Excludes"));
    }

    std::string make_usage(const CLI::App* app, std::string name) const override {
        std::string usage = CLI::Formatter::make_usage(app, std::move(name));
        const std::string head = get_label("Usage") + ":";
        if (usage.rfind(head, 0) == 0) // "Usage: hlpb" in English, "用法：hlpb" in Chinese
            usage.replace(0, head.size() + (hlpb::i18n::chinese() ? 1 : 0),
                          heading(get_label("Usage")));
        return usage;
    }

    std::string make_group(std::string group, bool is_positional,
                           std::vector<const CLI::Option*> opts) const override {
        std::string out = "\n" + heading(group == "Options" ? tr("Options") : group) + "\n";
        for (const CLI::Option* opt : opts)
            out += make_option(opt, is_positional);
        return out;
    }

    std::string make_subcommands(const CLI::App* app, CLI::AppFormatMode mode) const override {
        std::string out = CLI::Formatter::make_subcommands(app, mode);
        const std::string group = "\nSubcommands:\n";
        if (const auto at = out.find(group); at != std::string::npos)
            out.replace(at, group.size(), "\n" + heading(tr("Subcommands")) + "\n");
        return out;
    }

private:
    // "Options:" in English, "选项：" in Chinese.
    static std::string heading(const std::string& title) { return trf("{}:", title); }
};

// CLI11's message for a parse error (CLI11 2.1.2 writes English), in the user's language by the
// error's class; the option names and values stay as typed. Every message CLI11 can raise for
// this tree is known (CLI/Error.hpp, CLI/Validators.hpp); a message not known is CLI11's own in
// English, and wrapped in a Chinese sentence in Chinese.
std::string parse_message(const CLI::ParseError& e) {
    const std::string what = e.what();
    std::smatch m;
    const auto matches = [&](const char* pattern) {
        return std::regex_match(what, m, std::regex(pattern));
    };
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
        if (what == "A subcommand is required")
            return std::string(tr("a command is required"));
        if (matches("Requires at least (\\d+) subcommands"))
            return trf("at least {} commands are required", m.str(1));
        if (matches("Exactly 1 option from \\[(.*)\\]( is required and \\d+ were given)?"))
            return trf("exactly one of {} is required", m.str(1));
        if (matches("At least 1 option from \\[(.*)\\]"))
            return trf("at least one of {} is required", m.str(1));
        if (matches("Requires at least (\\d+) options used and only (\\d+) ?were given from "
                    "\\[(.*)\\]"))
            return trf("at least {} of {} are required ({} given)", m.str(1), m.str(3), m.str(2));
        if (matches("Requires at most 1 options be given from \\[(.*)\\]"))
            return trf("at most one of {} may be given", m.str(1));
        if (matches("Requires at most (\\d+) options be used and (\\d+) ?were given from "
                    "\\[(.*)\\]"))
            return trf("at most {} of {} may be given ({} given)", m.str(1), m.str(3), m.str(2));
        if (matches("(.+) is required"))
            return trf("{} is required", m.str(1));
    } else if (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr) {
        if (matches("(?:(\\S+): )?The following arguments? (?:was|were) not expected: (.*)"))
            return trf("unexpected argument: {}", m.str(2));
    } else if (dynamic_cast<const CLI::ValidationError*>(&e) != nullptr) {
        if (matches("(\\S+): Value (.*) not in range (\\S+) to (\\S+)"))
            return trf("{}: '{}' is not a number from {} to {}", m.str(1), m.str(2), m.str(3),
                       m.str(4));
        if (matches("(\\S+): Value (.*) could not be converted.*"))
            return trf("{}: '{}' is not a valid value", m.str(1), m.str(2));
        if (matches("(\\S+): Failed parsing (.*) as a .*"))
            return trf("{}: '{}' is not a valid value", m.str(1), m.str(2));
        if (matches("(\\S+): (?:File|Directory|Path) does not exist: (.*)"))
            return trf("{}: '{}' does not exist", m.str(1), m.str(2));
        if (matches("(\\S+): Path already exists: (.*)"))
            return trf("{}: '{}' exists already", m.str(1), m.str(2));
        if (matches("(\\S+): (.*) not in (\\{.*\\})"))
            return trf("{}: '{}' is not one of {}", m.str(1), m.str(2), m.str(3));
        return what; // our own validators: their text is translated already
    } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&e) != nullptr) {
        if (matches("(\\S+): \\d+ required (.+) missing"))
            return trf("{}: the value ({}) is missing", m.str(1),
                       m.str(2).substr(0, m.str(2).find(':'))); // "N:N >= 0": its type
        if (matches("(\\S+): At Most \\d+ required but received \\d+"))
            return trf("{} is given more than once", m.str(1));
        if (matches("(\\S+): At least (\\d+) required but received (\\d+)"))
            return trf("{} takes at least {} values ({} given)", m.str(1), m.str(2), m.str(3));
        if (matches("Expected exactly (\\d+) arguments to (\\S+), got (\\d+)"))
            return trf("{} takes {} values ({} given)", m.str(2), m.str(1), m.str(3));
        if (matches("Expected at least (\\d+) arguments to (\\S+), got (\\d+)"))
            return trf("{} takes at least {} values ({} given)", m.str(2), m.str(1), m.str(3));
        if (matches("(\\S+) was given a disallowed flag override"))
            return trf("{} takes no value", m.str(1));
    } else if (dynamic_cast<const CLI::ExcludesError*>(&e) != nullptr) {
        if (matches("(\\S+) excludes (\\S+)"))
            return trf("{} cannot be given together with {}", m.str(1), m.str(2));
    } else if (dynamic_cast<const CLI::RequiresError*>(&e) != nullptr) {
        if (matches("(\\S+) requires (\\S+)"))
            return trf("{} requires {}", m.str(1), m.str(2));
    } else if (dynamic_cast<const CLI::ConversionError*>(&e) != nullptr) {
        if (matches("Could not convert: (\\S+) = (.*)"))
            return trf("{}: '{}' is not a valid value", m.str(1), m.str(2));
        if (matches("The value (.*) is not an allowed value for (\\S+)"))
            return trf("{}: '{}' is not a valid value", m.str(2), m.str(1));
        if (matches("(\\S+): too many inputs for a flag"))
            return trf("{} takes no value", m.str(1));
        if (matches("(\\S+): Should be true/false or a number"))
            return trf("{}: give true or false", m.str(1));
    } else if (dynamic_cast<const CLI::FileError*>(&e) != nullptr) {
        if (matches("(.*) was not readable \\(missing\\?\\)"))
            return trf("{} cannot be read (missing?)", m.str(1));
    }
    // Not one of the messages above (a newer CLI11, a configuration file, a bug in the tree):
    // said in Chinese, with CLI11's words for the details.
    return hlpb::i18n::chinese() ? trf("the command line cannot be read ({})", what) : what;
}

void print_error(std::string_view message) {
    std::cerr << trf("hlpb: error: {}", message) << '\n';
}

int usage_error(const CLI::App& app, const CLI::ParseError& e) {
    std::string parent;
    const CLI::App* at = reached(app, parent);
    const std::string path = parent.empty() ? "hlpb" : parent + " " + at->get_name();
    // A noun without its verb: show what the verbs are.
    if (at->get_require_subcommand_min() > 0 && at->get_subcommands().empty())
        std::cerr << at->help(parent) << '\n';
    // CLI11 reports "A subcommand is required" before the word it could not place: name it.
    std::string message = parse_message(e);
    auto extra = at->remaining();
    if (extra.empty())
        extra = app.remaining(true); // with fallthrough the word may sit with a parent
    if (!extra.empty() && at->get_require_subcommand_min() > 0 && at->get_subcommands().empty())
        message = trf("unknown command '{}' ({})", extra.front(), message);
    print_error(message);
    std::cerr << trf("hlpb: see: {} --help", path) << '\n';
    return hlpb::k_exit_usage;
}

int invalid_input(const hlpb::InvalidInput& e) {
    const auto& errors = e.errors();
    bool in_file = false;
    for (const auto& r : errors)
        in_file = in_file || !r.file.empty() || r.line > 0;
    if (!in_file) { // bad values on the command line
        for (const auto& r : errors)
            print_error(hlpb::text::printable(r.to_string()));
        return e.exit_code();
    }
    const std::size_t shown = std::min(errors.size(), k_max_errors_printed);
    for (std::size_t i = 0; i < shown; ++i)
        std::cerr << "hlpb: " << hlpb::text::printable(errors[i].to_string()) << '\n';
    const long total = e.total();
    if (const long more = total - static_cast<long>(shown); more > 0)
        std::cerr << trnf("hlpb: … and {} more error", "hlpb: … and {} more errors", more, more)
                  << '\n';
    if (e.rows() == 0) // found reading the header (RowSource)
        print_error(trnf("{} error in the header; nothing was written",
                         "{} errors in the header; nothing was written", total, total));
    else if (total == e.rows())
        print_error(trnf("{} bad row; nothing was written", "{} bad rows; nothing was written",
                         total, total));
    else // more errors than rows: several in a row
        print_error(trnf("{} errors in {} row; nothing was written",
                         "{} errors in {} rows; nothing was written", e.rows(), total, e.rows()));
    return e.exit_code();
}

// Parses and runs the command; returns its exit status.
int run(int argc, char** argv) {
    hlpb::i18n::set_language(choose_language(argc, argv));
    Context ctx(join_argv(argc, argv));
    ctx.options.lang = std::string(hlpb::i18n::language());
    CLI::App app(tr(k_description), "hlpb");
    try {
        app.set_version_flag("--version", "hlpb " HLPB_VERSION, tr("print the version and exit"));
        app.formatter(std::make_shared<HelpFormatter>()); // before the nouns: they copy it
        app.set_help_flag("-h,--help", tr("Print this help message and exit"));
        app.require_subcommand(1);
        app.fallthrough(); // global options work after the noun and verb too
        add_global_options(app, ctx);

        register_db(app, ctx);
        register_config(app, ctx);
        register_committee(app, ctx);
        register_cluster(app, ctx);
        register_org(app, ctx);
        register_member(app, ctx);
        register_activity(app, ctx);
        register_score(app, ctx);
        register_report(app, ctx);
        register_summary(app, ctx);
        register_completion(app, ctx);

        add_footers(app);
        set_placeholders(app);
        app.footer(tr(k_footer)); // after add_footers: subcommands copy their parent's footer
        try {
            app.parse(argc, argv);
        } catch (const CLI::ParseError& e) {
            if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success))
                return app.exit(e); // --help, --version
            return usage_error(app, e);
        }
        std::string parent;
        if (is_read_only(reached(app, parent)->get_name()))
            ctx.set_read_only();
        return ctx.run();
    } catch (const ReaderGone&) {
        return hlpb::k_exit_ok; // `| head`: the reader has what it wanted
    } catch (const hlpb::InvalidInput& e) {
        return invalid_input(e);
    } catch (const hlpb::NotFound& e) {
        // A lookup that failed names the file it looked in (a mistyped --db finds nothing).
        const std::string path = ctx.opened_path();
        const std::string message =
            path.empty() ? std::string(e.what()) : hlpb::trf("{} (database: {})", e.what(), path);
        print_error(hlpb::text::printable(message));
        return e.exit_code();
    } catch (const hlpb::Error& e) {
        print_error(hlpb::text::printable(e.what()));
        return e.exit_code();
    } catch (const std::exception& e) {
        // What an error of the database means for the user (a constraint, a locked or damaged
        // file), as lib says it; anything else is a bug.
        try {
            hlpb::db::rethrow_as_error(ctx.database_path());
        } catch (const hlpb::InvalidInput& f) {
            return invalid_input(f);
        } catch (const hlpb::Error& f) {
            print_error(hlpb::text::printable(f.what()));
            return f.exit_code();
        } catch (...) {
        }
        std::cerr << trf("hlpb: internal error: {}", e.what()) << '\n';
        return hlpb::k_exit_software;
    }
}

} // namespace

int main(int argc, char** argv) {
    init_standard_streams();
    const int status = run(argc, argv);
    // A result that did not reach stdout is a failure (a full disk, a closed stdout), unless the
    // command failed already.
    const int error = close_stdout();
    if (error == 0 || error == EPIPE || status != hlpb::k_exit_ok)
        return status;
    print_error(trf("cannot write to standard output: {}", hlpb::i18n::system_error(error)));
    return hlpb::k_exit_io_error;
}
