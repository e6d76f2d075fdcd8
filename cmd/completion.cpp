// `hlpb completion bash|zsh|fish`: a shell completion script generated from the command tree
// (nouns, verbs, options, the values of enumerated options), and the hidden
// `hlpb __complete KIND PREFIX` that the scripts run for the codes of committees, clusters and
// orgs in the database (reading only: it never creates a file).
#include "args.hpp"
#include "nouns.hpp"
#include "output.hpp"

#include <hlpb/db/codes.hpp>
#include <hlpb/db/database.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n.hpp>
#include <hlpb/vocab.hpp>

#include <iostream>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::cli {
namespace {

// What a word completes to: a list of words ("table csv json"), or one of "@committee",
// "@cluster", "@org" (codes from the database), "@file", "@dir", "@any" (free text: nothing to
// offer). Empty: the option is a flag and takes no value.
using Values = std::string;

struct Command {
    std::string path; // "org honor add"; empty for hlpb itself
    std::vector<std::string> subcommands;
    std::vector<std::pair<std::string, Values>> options; // "--as-of", "-q"
    std::vector<Values> positionals;
    bool last_repeats = false; // the last positional takes several words (cluster join C O1 O2)
};

std::string words_of(std::span<const vocab::Term> terms) {
    std::string out;
    for (const auto& t : terms)
        out += (out.empty() ? "" : " ") + std::string(t.key);
    return out;
}

// The enumerated values of an option that cmd parses with parse_term (a key of lib's vocab).
std::string vocab_values(std::string_view noun, std::string_view name) {
    if (name == "kind")
        return noun == "activity"    ? words_of(vocab::activity_kinds())
               : noun == "committee" ? words_of(vocab::committee_kinds())
                                     : "";
    if (name == "status")
        return noun == "cluster"  ? words_of(vocab::cluster_statuses())
               : noun == "member" ? words_of(vocab::member_statuses())
               : noun == "org"    ? words_of(vocab::org_statuses())
                                  : "";
    if (name == "category")
        return noun == "score" ? words_of(vocab::score_categories())
               : noun == "org" ? words_of(vocab::problem_categories())
                               : "";
    constexpr std::pair<std::string_view, std::span<const vocab::Term> (*)()> k_terms[] = {
        {"gender", vocab::genders},       {"level", vocab::honor_levels},
        {"reason", vocab::leave_reasons}, {"role", vocab::member_roles},
        {"flag", vocab::org_flags},       {"form", vocab::org_forms},
        {"type", vocab::org_types},       {"principle", vocab::principles},
    };
    for (const auto& [key, terms] : k_terms)
        if (name == key)
            return words_of(terms());
    return "";
}

// "{a,b,c}", the description of a CLI11 IsMember check, as "a b c"; empty for any other check.
std::string member_values(CLI::Option* opt) {
    std::string d;
    try {
        d = opt->get_validator()->get_description();
    } catch (const CLI::Error&) {
        return "";
    }
    if (d.size() < 3 || d.front() != '{' || d.back() != '}' ||
        d.find_first_of(" \t'\"\\$`") != std::string::npos)
        return "";
    d = d.substr(1, d.size() - 2);
    for (char& c : d)
        if (c == ',')
            c = ' ';
    return d;
}

Values values_of(const std::string& path, CLI::Option* opt, std::string_view name) {
    if (opt->get_type_size_max() == 0)
        return ""; // a flag
    if (auto v = member_values(opt); !v.empty())
        return v;
    const std::string_view noun = std::string_view(path).substr(0, path.find(' '));
    const std::string_view verb = std::string_view(path).substr(path.rfind(' ') + 1);
    if (auto v = vocab_values(noun, name); !v.empty())
        return v;
    if (noun == "report" && name == "format") // the documents' own --format (cmd/report.cpp)
        return "text md html xlsx csv json";
    if (name == "committee" || name == "cluster" || name == "org" || name == "orgs" ||
        name == "lead")
        return "@" + std::string(name == "orgs" || name == "lead" ? "org" : name);
    // The code of a record: an existing one, except when it is being added.
    if (name == "code" && (noun == "committee" || noun == "cluster" || noun == "org"))
        return verb == "add" ? "@any" : "@" + std::string(noun);
    if (name == "file" || name == "out" || name == "errors-out" || name == "xlsx" || name == "db")
        return "@file";
    if (name == "out-dir")
        return "@dir";
    return "@any";
}

void collect(CLI::App& app, const std::string& path, std::vector<Command>& out) {
    Command c;
    c.path = path;
    const auto visible = [](CLI::App* sub) { return !sub->get_group().empty(); };
    for (CLI::App* sub : app.get_subcommands(visible))
        c.subcommands.push_back(sub->get_name());
    for (CLI::Option* opt : app.get_options()) {
        if (opt->get_group().empty())
            continue;
        if (!opt->nonpositional()) {
            c.positionals.push_back(values_of(path, opt, opt->get_name(true)));
            c.last_repeats = opt->get_items_expected_max() > 1;
            continue;
        }
        for (const auto& l : opt->get_lnames())
            c.options.emplace_back("--" + l, values_of(path, opt, l));
        for (const auto& s : opt->get_snames())
            c.options.emplace_back("-" + s, values_of(path, opt, s));
    }
    out.push_back(std::move(c));
    for (CLI::App* sub : app.get_subcommands(visible))
        collect(*sub, path.empty() ? sub->get_name() : path + " " + sub->get_name(), out);
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words)
        out += (out.empty() ? "" : " ") + w;
    return out;
}

// One lookup function over `key` → words, in sh (bash and zsh) or fish.
struct Lookup {
    std::string name;
    std::vector<std::pair<std::string, std::string>> entries;
};

void write_sh(std::ostream& os, const Lookup& f) {
    os << f.name << "() {\n    case \"$1\" in\n";
    for (const auto& [key, words] : f.entries)
        os << "    \"" << key << "\") echo \"" << words << "\" ;;\n";
    os << "    esac\n}\n";
}

void write_fish(std::ostream& os, const Lookup& f) {
    os << "function " << f.name << "\n    switch \"$argv[1]\"\n";
    for (const auto& [key, words] : f.entries)
        os << "        case '" << key << "'\n            echo '" << words << "'\n";
    os << "    end\nend\n";
}

// The tables every script reads: subcommands and options by command path, the values of an
// option by "PATH|OPTION", and of a positional argument by "PATH|N" (1-based; "PATH|+" for the
// words after the last one when it repeats).
std::vector<Lookup> tables(CLI::App& root) {
    std::vector<Command> commands;
    collect(root, "", commands);
    Lookup subs{"__hlpb_subcommands", {}};
    Lookup options{"__hlpb_options", {}};
    Lookup values{"__hlpb_values", {}};
    Lookup positionals{"__hlpb_positional", {}};
    for (const auto& c : commands) {
        if (!c.subcommands.empty())
            subs.entries.emplace_back(c.path, joined(c.subcommands));
        std::vector<std::string> names;
        for (const auto& [name, v] : c.options) {
            names.push_back(name);
            if (!v.empty())
                values.entries.emplace_back(c.path + "|" + name, v);
        }
        options.entries.emplace_back(c.path, joined(names));
        for (std::size_t i = 0; i < c.positionals.size(); ++i)
            positionals.entries.emplace_back(c.path + "|" + std::to_string(i + 1),
                                             c.positionals[i]);
        if (c.last_repeats && !c.positionals.empty())
            positionals.entries.emplace_back(c.path + "|+", c.positionals.back());
    }
    return {subs, options, values, positionals};
}

// The drivers: walk the words before the cursor (the command path, the positional arguments,
// the options with their values, --db), then offer what fits the word under the cursor.
const char* const k_sh_helpers =
    R"sh(# The values of OPTION at PATH, or of a global option (given anywhere on the line).
__hlpb_value() {
    local p=$1 v
    while :; do
        v=$(__hlpb_values "$p|$2")
        if [ -n "$v" ] || [ -z "$p" ]; then break; fi
        case "$p" in *" "*) p=${p% *} ;; *) p= ;; esac
    done
    echo "$v"
}
__hlpb_is_subcommand() {
    case " $(__hlpb_subcommands "$1") " in *" $2 "*) return 0 ;; esac
    return 1
}
# Sets __hlpb_spec (what to offer) and __hlpb_db (--db PATH, when given) from the words before
# the cursor: $1 is the program, $2 … the words.
__hlpb_analyse() {
    local cmdpath="" n=0 w v want=""
    __hlpb_db=()
    shift
    while [ $# -gt 0 ]; do
        w=$1
        shift
        case "$w" in
        --db=*) __hlpb_db=(--db "${w#--db=}") ;;
        --db) [ $# -gt 0 ] && __hlpb_db=(--db "$1") ;;
        esac
        case "$w" in
        -*=*) ;;
        -*)
            v=$(__hlpb_value "$cmdpath" "$w")
            if [ -n "$v" ]; then
                if [ $# -eq 0 ]; then want=$v; else shift; fi
            fi
            ;;
        *)
            if [ $n -eq 0 ] && __hlpb_is_subcommand "$cmdpath" "$w"; then
                cmdpath=${cmdpath:+$cmdpath }$w
            else
                n=$((n + 1))
            fi
            ;;
        esac
    done
    if [ -n "$want" ]; then
        __hlpb_spec=$want
    elif [ "${__hlpb_cur#-}" != "$__hlpb_cur" ]; then
        __hlpb_spec="$(__hlpb_options "$cmdpath")"
        [ -n "$cmdpath" ] && __hlpb_spec="$__hlpb_spec $(__hlpb_options "")"
    elif [ $n -eq 0 ] && [ -n "$(__hlpb_subcommands "$cmdpath")" ]; then
        __hlpb_spec=$(__hlpb_subcommands "$cmdpath")
    else
        __hlpb_spec=$(__hlpb_positional "$cmdpath|$((n + 1))")
        [ -z "$__hlpb_spec" ] && __hlpb_spec=$(__hlpb_positional "$cmdpath|+")
    fi
}
)sh";

const char* const k_bash_driver = R"sh(
_hlpb() {
    local __hlpb_cur=${COMP_WORDS[COMP_CWORD]} __hlpb_spec __hlpb_db
    __hlpb_analyse "${COMP_WORDS[@]:0:COMP_CWORD}"
    COMPREPLY=()
    case "$__hlpb_spec" in
    @committee | @cluster | @org)
        COMPREPLY=($("${COMP_WORDS[0]}" "${__hlpb_db[@]}" __complete "${__hlpb_spec#@}" \
            "$__hlpb_cur" 2>/dev/null)) ;;
    @file)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -f -- "$__hlpb_cur") ;;
    @dir)
        compopt -o filenames 2>/dev/null
        mapfile -t COMPREPLY < <(compgen -d -- "$__hlpb_cur") ;;
    @any | "") ;;
    *) COMPREPLY=($(compgen -W "$__hlpb_spec" -- "$__hlpb_cur")) ;;
    esac
    return 0
}
complete -F _hlpb hlpb
)sh";

const char* const k_zsh_driver = R"sh(
_hlpb() {
    local __hlpb_cur=${words[CURRENT]} __hlpb_spec
    local -a __hlpb_db codes
    __hlpb_analyse "${(@)words[1,CURRENT-1]}"
    case "$__hlpb_spec" in
    @committee | @cluster | @org)
        codes=(${(f)"$(${words[1]} $__hlpb_db __complete ${__hlpb_spec#@} "$__hlpb_cur" 2>/dev/null)"})
        compadd -U -a codes ;;
    @file) _files ;;
    @dir) _files -/ ;;
    @any | "") ;;
    *) compadd -- ${=__hlpb_spec} ;;
    esac
}
if [ "$funcstack[1]" = "_hlpb" ]; then
    _hlpb "$@"
else
    compdef _hlpb hlpb
fi
)sh";

const char* const k_fish_driver = R"fish(
function __hlpb_value --argument-names p option
    while true
        set -l v (__hlpb_values "$p|$option")
        if test -n "$v"; or test -z "$p"
            echo $v
            return
        end
        if string match -q -- '* *' $p
            set p (string replace -r -- ' [^ ]*$' '' $p)
        else
            set p ''
        end
    end
end

function __hlpb_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l cmdpath ''
    set -l n 0
    set -l want ''
    set -l db
    set -l i 2
    set -l count (count $tokens)
    while test $i -le $count
        set -l w $tokens[$i]
        switch "$w"
            case '--db=*'
                set db --db (string replace -- '--db=' '' $w)
            case --db
                if test $i -lt $count
                    set db --db $tokens[(math $i + 1)]
                end
        end
        switch "$w"
            case '-*=*'
            case '-*'
                set -l v (__hlpb_value "$cmdpath" $w)
                if test -n "$v"
                    if test $i -eq $count
                        set want $v
                    end
                    set i (math $i + 1)
                end
            case '*'
                if test $n -eq 0; and contains -- $w (string split ' ' -- (__hlpb_subcommands "$cmdpath"))
                    set cmdpath (string trim -- "$cmdpath $w")
                else
                    set n (math $n + 1)
                end
        end
        set i (math $i + 1)
    end
    set -l spec
    set -l subs (__hlpb_subcommands "$cmdpath")
    if test -n "$want"
        set spec $want
    else if string match -q -- '-*' $cur
        set spec (__hlpb_options "$cmdpath")
        if test -n "$cmdpath"
            set spec "$spec "(__hlpb_options '')
        end
    else if test $n -eq 0; and test -n "$subs"
        set spec $subs
    else
        set spec (__hlpb_positional "$cmdpath|"(math $n + 1))
        if test -z "$spec"
            set spec (__hlpb_positional "$cmdpath|+")
        end
    end
    switch "$spec"
        case @committee @cluster @org
            $tokens[1] $db __complete (string sub -s 2 -- $spec) $cur 2>/dev/null
        case @file
            __fish_complete_path $cur
        case @dir
            __fish_complete_directories $cur
        case @any ''
        case '*'
            string split ' ' -- $spec
    end
end

complete -c hlpb -f -a '(__hlpb_complete)'
)fish";

struct CompletionOptions {
    std::string shell;
};

struct CompleteOptions {
    std::string kind;
    std::string prefix;
};

int completion(CLI::App& root, const CompletionOptions& o) {
    const auto lookups = tables(root);
    std::ostringstream os;
    if (o.shell == "fish") {
        os << "# fish completion for hlpb, generated by `hlpb completion fish`.\n";
        for (const auto& f : lookups)
            write_fish(os, f);
        os << k_fish_driver;
    } else {
        if (o.shell == "zsh")
            os << "#compdef hlpb\n";
        os << "# " << o.shell << " completion for hlpb, generated by `hlpb completion " << o.shell
           << "`.\n";
        for (const auto& f : lookups)
            write_sh(os, f);
        os << k_sh_helpers << (o.shell == "zsh" ? k_zsh_driver : k_bash_driver);
    }
    std::cout << os.str();
    check_stdout();
    return 0;
}

// The codes for the scripts, one a line. A database that is missing or cannot be read offers
// nothing and says nothing: completion must never fail loudly, nor create a file.
int complete(Context& ctx, const CompleteOptions& o) {
    const db::CodeKind kind = o.kind == "committee" ? db::CodeKind::committee
                              : o.kind == "cluster" ? db::CodeKind::cluster
                                                    : db::CodeKind::org;
    ctx.set_read_only();
    std::vector<std::string> codes;
    try {
        codes = db::codes_starting(ctx.db(), kind, o.prefix);
    } catch (const std::exception&) {
        return 0;
    }
    for (const auto& c : codes)
        std::cout << c << '\n';
    check_stdout();
    return 0;
}

} // namespace

void register_completion(CLI::App& app, Context& ctx) {
    auto [cmd, c] = add_verb<CompletionOptions>(
        app, "completion",
        tr("Print the shell completion script for bash, zsh or fish (see: man hlpb-completion)"));
    cmd->add_option("shell", c->shell, tr("bash, zsh or fish"))
        ->required()
        ->check(CLI::IsMember({"bash", "zsh", "fish"}));
    on_run(cmd, ctx, [&app, c = c] { return completion(app, *c); });

    // For the scripts only: hidden from --help (group "").
    auto [hidden, h] = add_verb<CompleteOptions>(app, "__complete", "");
    hidden->group("");
    hidden->add_option("kind", h->kind)
        ->required()
        ->check(CLI::IsMember({"committee", "cluster", "org"}));
    hidden->add_option("prefix", h->prefix);
    on_run(hidden, ctx, [&ctx, h = h] { return complete(ctx, *h); });
}

} // namespace hlpb::cli
