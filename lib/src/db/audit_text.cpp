#include <hlpb/db/history.hpp>
#include <hlpb/i18n_fmt.hpp>

#include "db/audit_text.hpp"
#include "db/field_history.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <regex>
#include <vector>

namespace hlpb::db {
namespace {

constexpr const char* k_import = N_("{}: {} inserted, {} updated, {} unchanged");
constexpr const char* k_more_than = N_("more than {} rows changed");

bool is_count(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// An import's summary in the user's language. The file name may hold ": ", so the counts are read
// from the end.
std::optional<std::string> shown_import(std::string_view stored) {
    const std::size_t colon = stored.rfind(": ");
    if (colon == std::string_view::npos)
        return std::nullopt;
    const std::string_view counts = stored.substr(colon + 2);
    constexpr std::string_view k_parts[] = {" inserted, ", " updated, ", " unchanged"};
    std::vector<long> n;
    std::size_t at = 0;
    for (std::string_view part : k_parts) {
        const std::size_t end = counts.find(part, at);
        if (end == std::string_view::npos || !is_count(counts.substr(at, end - at)))
            return std::nullopt;
        n.push_back(std::stol(std::string(counts.substr(at, end - at))));
        at = end + part.size();
    }
    if (at != counts.size())
        return std::nullopt;
    return trf(k_import, stored.substr(0, colon), n[0], n[1], n[2]);
}

// The notes of a change ("; " between them; a note's own text may hold "; " too), each in the
// user's language, or nothing unless every one is a known form.
std::optional<std::string> shown_notes(std::string_view stored) {
    std::string out;
    std::string pending;
    std::size_t at = 0;
    while (at <= stored.size()) {
        std::size_t end = stored.find("; ", at);
        if (end == std::string_view::npos)
            end = stored.size();
        pending += (pending.empty() ? "" : "; ") + std::string(stored.substr(at, end - at));
        if (auto shown = detail::shown_note(pending)) {
            out += (out.empty() ? "" : tr("; ")) + *shown;
            pending.clear();
        }
        at = end + 2;
    }
    if (!pending.empty())
        return std::nullopt;
    return out;
}

// What a --reveal showed (cmd writes these forms): in the user's language.
std::optional<std::string> shown_reveal(std::string_view stored) {
    struct Form {
        const char* pattern; // std::regex over the stored text
        const char* shown;   // msgid, filled with the pattern's groups
    };
    static constexpr Form k_forms[] = {
        {R"(revealed instructor_phone)", N_("revealed: the instructors' phone numbers")},
        {R"(revealed instructor_phone \((.+)\))",
         N_("revealed: the instructors' phone numbers ({})")},
        {R"(revealed: ID numbers in (.+))", N_("revealed: ID numbers in {}")},
        {R"(revealed: (\w+) export)", N_("revealed: ID numbers and phones in {} export")},
        {R"(revealed: ID numbers of (\d+) members? \((.+)\))",
         N_("revealed: ID numbers of {} members ({})")},
        {R"(revealed: ID numbers and phones of (\d+) members? \((.+)\))",
         N_("revealed: ID numbers and phones of {} members ({})")},
        {R"(revealed: ID numbers of (\d+) mentoring pairs? \((.+)\))",
         N_("revealed: ID numbers of {} mentoring pairs ({})")},
    };
    // Compiled once: db log shows every entry of the trail.
    static const std::vector<std::regex> k_patterns = [] {
        std::vector<std::regex> out;
        for (const Form& f : k_forms)
            out.emplace_back(f.pattern);
        return out;
    }();
    const std::string text(stored);
    std::smatch m;
    for (std::size_t form = 0; form < std::size(k_forms); ++form) {
        const Form& f = k_forms[form];
        if (!std::regex_match(text, m, k_patterns[form]))
            continue;
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (std::size_t i = 1; i < m.size(); ++i)
            args.push_back(m.str(i));
        return fmt::vformat(tr(f.shown), args);
    }
    return std::nullopt;
}

} // namespace

std::string import_note(std::string_view file, long inserted, long updated, long unchanged) {
    return fmt::format(k_import, file, inserted, updated, unchanged);
}

std::string shown_audit_command(std::string_view stored) {
    // "hlpb … [note]": the note is what follows one of the " [" (a typed value may hold one too).
    // In English every form reads as stored.
    if (!stored.ends_with(']') || !i18n::chinese())
        return std::string(stored);
    for (std::size_t open = stored.find(" ["); open != std::string_view::npos;
         open = stored.find(" [", open + 1)) {
        const std::string_view note = stored.substr(open + 2, stored.size() - open - 3);
        std::optional<std::string> shown = shown_import(note);
        if (!shown)
            shown = shown_reveal(note);
        if (!shown)
            shown = shown_notes(note);
        if (shown)
            return fmt::format("{} [{}]", stored.substr(0, open), *shown);
    }
    return std::string(stored);
}

namespace detail {

std::string not_recorded_note(long long max_rows) {
    return fmt::format(k_more_than, max_rows);
}

std::string shown_not_recorded(std::string_view stored) {
    const std::string_view head = "more than ";
    const std::string_view tail = " rows changed";
    if (stored.starts_with(head) && stored.ends_with(tail) &&
        stored.size() > head.size() + tail.size()) {
        const std::string_view n =
            stored.substr(head.size(), stored.size() - head.size() - tail.size());
        if (is_count(n))
            return trf(k_more_than, n);
    }
    return tr(std::string(stored).c_str());
}

std::string undo_marks(long long id, long long undoes_from, long long undone_by,
                       std::string_view not_recorded, bool shown) {
    auto text = [shown](const char* form, auto... args) {
        return shown ? trf(form, args...) : fmt::format(fmt::runtime(form), args...);
    };
    std::vector<std::string> marks;
    if (undoes_from > 0)
        marks.push_back(undoes_from == id - 1 ? text(N_("undoes {}"), id - 1)
                                              : text(N_("undoes {}-{}"), undoes_from, id - 1));
    if (undone_by > 0)
        marks.push_back(text(N_("undone by {}"), undone_by));
    if (!not_recorded.empty())
        marks.push_back(text(N_("not undoable: {}"),
                             shown ? shown_not_recorded(not_recorded) : std::string(not_recorded)));
    std::string out;
    for (const auto& m : marks)
        out += (out.empty() ? "" : shown ? tr("; ") : "; ") + m;
    return out;
}

} // namespace detail
} // namespace hlpb::db
