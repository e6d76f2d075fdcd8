// Turning command-line text into domain values (dates, enumerated values, codes), and the small
// pieces every verb registration shares. Bad values throw InvalidInput naming the option.
#pragma once

#include "context.hpp"

#include <hlpb/date.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/db/resolve.hpp>
#include <hlpb/error.hpp>
#include <hlpb/import/engine.hpp>
#include <hlpb/validate.hpp>
#include <hlpb/vocab.hpp>

#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::cli {

// Makes `handler` the action run once the whole command line has parsed.
void on_run(CLI::App* cmd, Context& ctx, std::function<int()> handler);

// Adds the verb and keeps its options in a shared struct that outlives registration:
//   auto [cmd, o] = add_verb<AddOptions>(noun, "add", "...");
template <class Options>
std::pair<CLI::App*, std::shared_ptr<Options>> add_verb(CLI::App& noun, const std::string& name,
                                                        const std::string& description) {
    return {noun.add_subcommand(name, description), std::make_shared<Options>()};
}

// --on DATE: the day a change happens (default: today). `what` completes the help text.
// A CLI11 check for whole numbers >= 0 with a short message (CLI11's own prints DBL_MAX).
CLI::Validator non_negative();

void add_on_option(CLI::App* cmd, std::optional<std::string>& on, const std::string& what);

// --correct and --future of a dated change (db::ChangeOptions), and the ChangeOptions they make.
struct ChangeFlags {
    bool correct = false;
    bool future = false;
    db::ChangeOptions options() const;
};
// --correct: a change on the day the interval it ends began removes that interval (audited).
void add_correct_flag(CLI::App* cmd, ChangeFlags& flags);
// --future: `--on` may be after today, for an event planned on purpose (`what`: "the dissolve").
void add_future_flag(CLI::App* cmd, ChangeFlags& flags, const std::string& what);
// The audit note of a change, and a line on stderr for each thing a --correct removed.
std::string change_note(const Context& ctx, const db::Notes& notes);

// The date given with `flag`, or today (HLPB_TODAY) when the option was not given.
Date date_or_today(const std::optional<std::string>& text, std::string_view flag);
std::optional<Date> optional_date(const std::optional<std::string>& text, std::string_view flag);

// The English key for `text` (a key or its Chinese label); InvalidInput listing the keys.
std::string parse_term(std::span<const vocab::Term> terms, std::string_view text,
                       std::string_view flag);

// The number in `text` within `rule` (validate.hpp: the one check of each numeric field, as
// import does it); InvalidInput naming `flag` otherwise. Numeric data options are read as text
// and parsed here, so that a bad value is exit 65 with the same message as in an import.
long long require_number(const std::string& text, const validate::NumberRule& rule,
                         std::string_view flag);

// `value` through validate::clean_text (normalised; a control character refused naming `flag`),
// for the text options that no validate_* of a repository sees (notes, honour titles).
std::string clean_option(std::string value, std::string_view flag,
                         validate::TextRule rule = validate::TextRule::line);

// InvalidInput unless `code` is a valid code ([A-Za-z0-9_.-]{1,32}).
void require_code(const std::string& code, std::string_view what);
void require_codes(const std::vector<std::string>& codes, std::string_view what);

// How code_of refuses what names no record when the resolver has something to say (the
// closest records, the codes of a shared name): as a lookup that failed (NotFound or Conflict,
// exit 1), or as a bad value of a write (InvalidInput, exit 65, as the record's checks do).
enum class Refusal { not_found, invalid };

// The code of the committee, cluster or org that `text` names: its code (any case, full-width
// too) or its exact full name (db::find_code; `as_of`, default today, chooses between records of
// one name). When no record has it: with close ones or a shared name, refused as `how` says,
// the message starting with `flag` when it is an option ("--org: ..."); else `text` is returned
// as it is (require_code'd for an option or an org argument), for the library to refuse as it
// always has. An empty `text` is returned as it is.
std::string code_of(Context& ctx, db::RecordKind kind, const std::string& text,
                    std::string_view flag, const std::optional<Date>& as_of = {},
                    Refusal how = Refusal::not_found);
// code_of for each item of a list option (items split by util::split_lists: , ， 、 ; ；
// and spaces), the names loaded once.
std::vector<std::string> codes_of(Context& ctx, db::RecordKind kind,
                                  const std::vector<std::string>& texts, std::string_view flag,
                                  const std::optional<Date>& as_of = {},
                                  Refusal how = Refusal::not_found);
inline std::string org_code(Context& ctx, const std::string& text, std::string_view flag,
                            const std::optional<Date>& as_of = {}) {
    return code_of(ctx, db::RecordKind::org, text, flag, as_of);
}
inline std::string cluster_code(Context& ctx, const std::string& text, std::string_view flag,
                                const std::optional<Date>& as_of = {}) {
    return code_of(ctx, db::RecordKind::cluster, text, flag, as_of);
}
inline std::string committee_code(Context& ctx, const std::string& text, std::string_view flag) {
    return code_of(ctx, db::RecordKind::committee, text, flag);
}

// Throws InvalidInput with every problem in `errors`, each field shown as the option that sets
// it (venue_m2 → --venue-m2; "code" and "id_number" stay as they are: positional arguments).
void throw_if_invalid(const import::RowErrors& errors);

// Runs a use case of the library; its refusals (InvalidInput) are thrown again with each field
// shown as the option that sets it, as throw_if_invalid does. `positional` is the library's name
// of the field the positional argument "code" sets (e.g. "org" for `org problem add CODE`).
[[noreturn]] void rethrow_as_options(const InvalidInput& e, std::string_view positional);
template <class F> auto with_options(F&& f, std::string_view positional = {}) {
    try {
        return f();
    } catch (const InvalidInput& e) {
        rethrow_as_options(e, positional);
    }
}

// Checks several options so that every bad one is reported, not only the first:
//   OptionCheck check;
//   check([&] { o.type = parse_term(vocab::org_types(), *f.type, "--type"); });
//   check.done(); // throws InvalidInput with the problems of every step
class OptionCheck {
public:
    void operator()(const std::function<void()>& step);
    void done();

private:
    std::vector<RowError> m_errors;
};

// A boolean option that may be absent, for `edit` (--venue-standard, --venue-standard=no).
struct OptionalFlag {
    bool value = false;
    CLI::Option* option = nullptr;
    std::optional<bool> get() const {
        return option != nullptr && option->count() > 0 ? std::optional<bool>(value) : std::nullopt;
    }
};
void add_flag(CLI::App* cmd, const std::string& name, OptionalFlag& flag,
              const std::string& description);

// Items joined with `sep`, for confirmations ("O1, O2").
std::string join(const std::vector<std::string>& items, std::string_view sep = ", ");

} // namespace hlpb::cli
