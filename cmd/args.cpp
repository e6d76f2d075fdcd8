#include "args.hpp"

#include "output.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>
#include <hlpb/util/split_list.hpp>
#include <hlpb/validate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace hlpb::cli {

void on_run(CLI::App* cmd, Context& ctx, std::function<int()> handler) {
    cmd->callback([&ctx, handler = std::move(handler)] { ctx.set_action(handler); });
}

void add_on_option(CLI::App* cmd, std::optional<std::string>& on, const std::string& what) {
    cmd->add_option("--on", on, trf("{} (default: today)", what));
}

db::ChangeOptions ChangeFlags::options() const {
    db::ChangeOptions o;
    o.correct = correct;
    o.future = future;
    return o;
}

void add_correct_flag(CLI::App* cmd, ChangeFlags& flags) {
    cmd->add_flag("--correct", flags.correct,
                  tr("a correction: when --on is the day the interval this change ends began (it "
                     "would last no day), remove that interval instead of refusing (audited)"));
}

void add_future_flag(CLI::App* cmd, ChangeFlags& flags, const std::string& what) {
    cmd->add_flag("--future", flags.future,
                  trf("allow --on after today: {} is planned (refused otherwise)", what));
}

std::string change_note(const Context& ctx, const db::Notes& notes) {
    for (const auto& n : notes)
        if (n.kind == db::Note::Kind::correction)
            note(ctx, n.text.shown);
    return db::audit_note(notes);
}

Date date_or_today(const std::optional<std::string>& text, std::string_view flag) {
    return text ? require_date(*text, flag) : today();
}

std::optional<Date> optional_date(const std::optional<std::string>& text, std::string_view flag) {
    if (!text)
        return std::nullopt;
    return require_date(*text, flag);
}

std::string parse_term(std::span<const vocab::Term> terms, std::string_view text,
                       std::string_view flag) {
    std::string key = vocab::parse(terms, text);
    if (key.empty())
        throw InvalidInput(std::string(flag),
                           trf("'{}' is not one of {}", text, vocab::keys(terms)));
    return key;
}

long long require_number(const std::string& text, const validate::NumberRule& rule,
                         std::string_view flag) {
    long long value = 0;
    if (auto problem = validate::check_number(text, rule, value); !problem.empty())
        throw InvalidInput(std::string(flag), problem);
    return value;
}

std::string clean_option(std::string value, std::string_view flag, validate::TextRule rule) {
    if (auto problem = validate::clean_text(value, rule); !problem.empty())
        throw InvalidInput(std::string(flag), problem);
    return value;
}

void require_code(const std::string& code, std::string_view what) {
    auto problem = validate::check_code(code);
    if (problem.empty())
        return;
    // The problems that do not quote the code ("is empty", a control character): say what is.
    // (Decided by the code, not by the wording, which is in the user's language.)
    const bool control = text::first_control(code).has_value();
    if (code.empty() || control)
        problem = fmt::format("'{}': {}", code, problem);
    // A name (non-ASCII letters) where a code belongs, and no record has that name either.
    const bool name_like =
        !control && std::any_of(code.begin(), code.end(), [](char c) { return (c & 0x80) != 0; });
    constexpr std::pair<std::string_view, const char*> k_hints[] = {
        {"--org", N_("; nor is it the full name of any org (see: hlpb org list)")},
        {"--cluster", N_("; nor is it the full name of any cluster (see: hlpb cluster list)")},
        {"--committee",
         N_("; nor is it the full name of any committee (see: hlpb committee list)")},
    };
    for (const auto& [option, hint] : k_hints)
        if (what == option && name_like)
            problem += tr(hint);
    throw InvalidInput(std::string(what), problem);
}

void require_codes(const std::vector<std::string>& codes, std::string_view what) {
    for (const auto& c : codes)
        require_code(c, what);
}

namespace {

// The code found, or the refusal (see code_of).
std::string found_or_refused(db::Resolved r, const std::string& text, std::string_view flag,
                             Refusal how) {
    if (r)
        return r.code;
    const bool option = flag.substr(0, 2) == "--";
    if (!r.telling()) {
        if (option || flag == "org" || flag == "orgs")
            require_code(text, flag);
        return text;
    }
    if (how == Refusal::invalid)
        throw InvalidInput(std::string(flag), r.problem);
    std::string message = option ? fmt::format("{}: {}", flag, r.problem) : r.problem;
    if (r.ambiguous)
        throw Conflict(message);
    throw NotFound(message);
}

} // namespace

std::string code_of(Context& ctx, db::RecordKind kind, const std::string& text,
                    std::string_view flag, const std::optional<Date>& as_of, Refusal how) {
    if (text.empty())
        return text;
    return found_or_refused(db::find_code(ctx.db(), kind, text, as_of.value_or(today())), text,
                            flag, how);
}

std::vector<std::string> codes_of(Context& ctx, db::RecordKind kind,
                                  const std::vector<std::string>& texts, std::string_view flag,
                                  const std::optional<Date>& as_of, Refusal how) {
    const auto items = util::split_lists(texts);
    if (items.empty())
        return {};
    const auto index = db::NameIndex::load(ctx.db(), kind);
    std::vector<std::string> codes;
    for (const auto& item : items)
        codes.push_back(
            found_or_refused(index.find(item, as_of.value_or(today())), item, flag, how));
    return codes;
}

void throw_if_invalid(const import::RowErrors& errors) {
    if (errors.empty())
        return;
    std::vector<RowError> out;
    for (const auto& item : errors.items()) {
        std::string field = item.field;
        if (!field.empty() && field != "code" && field != "id_number") {
            for (char& c : field)
                if (c == '_')
                    c = '-';
            field = "--" + field;
        }
        out.push_back(RowError{"", 0, field, item.message});
    }
    throw InvalidInput(std::move(out));
}

void rethrow_as_options(const InvalidInput& e, std::string_view positional) {
    import::RowErrors errors;
    for (const RowError& r : e.errors())
        errors.add(!positional.empty() && r.field == positional ? "code" : r.field, r.message);
    throw_if_invalid(errors);
    throw; // no field to rename: as it was
}

void OptionCheck::operator()(const std::function<void()>& step) {
    try {
        step();
    } catch (const InvalidInput& e) {
        m_errors.insert(m_errors.end(), e.errors().begin(), e.errors().end());
    }
}

void OptionCheck::done() {
    if (!m_errors.empty())
        throw InvalidInput(std::exchange(m_errors, {}));
}

void add_flag(CLI::App* cmd, const std::string& name, OptionalFlag& flag,
              const std::string& description) {
    flag.option = cmd->add_flag(name, flag.value, description);
}

std::string join(const std::vector<std::string>& items, std::string_view sep) {
    std::string out;
    for (const auto& s : items) {
        if (!out.empty())
            out += sep;
        out += s;
    }
    return out;
}

CLI::Validator non_negative() {
    return CLI::Validator(
        [](const std::string& v) {
            const bool digits =
                !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
            return digits ? std::string() : std::string(tr("must be a whole number, 0 or more"));
        },
        "N >= 0");
}

} // namespace hlpb::cli
