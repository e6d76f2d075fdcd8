#include <hlpb/db/database.hpp>
#include <hlpb/db/history.hpp>
#include <hlpb/i18n_fmt.hpp>

#include "db/audit_text.hpp"
#include "db/field_history.hpp"

#include <fmt/args.h>
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
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

// What --reveal showed: each form as stored (English, fixed: the audit_revealed_* functions
// write it) and as shown (a msgid with the same {}). A count of one has its own stored form.
struct RevealForm {
    const char* stored;
    const char* shown;
};
constexpr RevealForm k_instructor_phones = {"revealed instructor_phone",
                                            N_("revealed: the instructors' phone numbers")};
constexpr RevealForm k_instructor_phones_in = {"revealed instructor_phone ({})",
                                               N_("revealed: the instructors' phone numbers ({})")};
constexpr RevealForm k_id_numbers_in = {"revealed: ID numbers in {}",
                                        N_("revealed: ID numbers in {}")};
constexpr RevealForm k_export = {"revealed: {} export",
                                 N_("revealed: ID numbers and phones in {} export")};
constexpr RevealForm k_members = {"revealed: ID numbers of {} members ({})",
                                  N_("revealed: ID numbers of {} members ({})")};
constexpr RevealForm k_member = {"revealed: ID numbers of {} member ({})", k_members.shown};
constexpr RevealForm k_members_phones = {"revealed: ID numbers and phones of {} members ({})",
                                         N_("revealed: ID numbers and phones of {} members ({})")};
constexpr RevealForm k_member_phones = {"revealed: ID numbers and phones of {} member ({})",
                                        k_members_phones.shown};
constexpr RevealForm k_pairs = {"revealed: ID numbers of {} mentoring pairs ({})",
                                N_("revealed: ID numbers of {} mentoring pairs ({})")};
constexpr RevealForm k_pair = {"revealed: ID numbers of {} mentoring pair ({})", k_pairs.shown};
// Most particular first: a form's {} may take what another form spells out.
constexpr const RevealForm* k_reveal_forms[] = {&k_instructor_phones,
                                                &k_instructor_phones_in,
                                                &k_members_phones,
                                                &k_member_phones,
                                                &k_members,
                                                &k_member,
                                                &k_pairs,
                                                &k_pair,
                                                &k_id_numbers_in,
                                                &k_export};

void reveal(Database& db, const RevealForm& form, auto&&... args) {
    audit_read(db, fmt::format(fmt::runtime(form.stored), args...));
}

// What a --reveal showed, in the user's language.
std::optional<std::string> shown_reveal(std::string_view stored) {
    for (const RevealForm* f : k_reveal_forms) {
        const auto parts = detail::match(stored, f->stored);
        if (!parts)
            continue;
        fmt::dynamic_format_arg_store<fmt::format_context> args;
        for (const auto& part : *parts)
            args.push_back(part);
        return fmt::vformat(tr(f->shown), args);
    }
    return std::nullopt;
}

} // namespace

void audit_revealed(Database& db, Revealed what) {
    switch (what) {
    case Revealed::instructor_phones:
        return reveal(db, k_instructor_phones);
    case Revealed::instructor_phone_history:
        return reveal(db, k_instructor_phones_in, "cluster history");
    case Revealed::undo_id_numbers:
        return reveal(db, k_id_numbers_in, "db undo --dry-run");
    }
}

void audit_revealed_members(Database& db, std::size_t n, bool phones, std::string_view command) {
    const RevealForm& form =
        phones ? (n == 1 ? k_member_phones : k_members_phones) : (n == 1 ? k_member : k_members);
    reveal(db, form, n, command);
}

void audit_revealed_mentoring(Database& db, std::size_t n, std::string_view command) {
    reveal(db, n == 1 ? k_pair : k_pairs, n, command);
}

void audit_revealed_export(Database& db, std::string_view noun) {
    reveal(db, k_export, noun);
}

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

std::optional<std::vector<std::string>> match(std::string_view text, std::string_view pattern) {
    std::vector<std::string_view> literals;
    for (std::size_t at = 0;;) {
        const std::size_t slot = pattern.find("{}", at);
        literals.push_back(pattern.substr(at, slot - at));
        if (slot == std::string_view::npos)
            break;
        at = slot + 2;
    }
    if (!text.starts_with(literals.front()))
        return std::nullopt;
    std::vector<std::string> args;
    std::size_t pos = literals.front().size();
    for (std::size_t i = 1; i < literals.size(); ++i) {
        std::size_t end = 0;
        if (i + 1 == literals.size()) {
            if (!text.ends_with(literals[i]) || text.size() < pos + literals[i].size())
                return std::nullopt;
            end = text.size() - literals[i].size();
        } else if (end = text.find(literals[i], pos); end == std::string_view::npos) {
            return std::nullopt;
        }
        if (end == pos)
            return std::nullopt;
        args.emplace_back(text.substr(pos, end - pos));
        pos = end + literals[i].size();
    }
    if (literals.size() == 1 && text.size() != pos)
        return std::nullopt;
    return args;
}

std::string not_recorded_note(long long max_rows) {
    return fmt::format(k_more_than, max_rows);
}

std::string shown_not_recorded(std::string_view stored) {
    if (const auto n = match(stored, k_more_than); n && is_count(n->front()))
        return trf(k_more_than, n->front());
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
