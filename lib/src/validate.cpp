#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>
#include <hlpb/validate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>

namespace hlpb::validate {
namespace {

// GB 32100-2015: the 31 characters of the code (no I, O, S, V, Z) and the position weights.
constexpr std::string_view k_uscc_chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> k_uscc_weights = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                                29, 25, 13, 8,  24, 10, 30, 28};

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

std::string check_code(std::string_view code) {
    if (code.empty())
        return tr("is empty");
    if (text::first_control(code))
        return check_text(code);
    if (std::any_of(code.begin(), code.end(), [](char c) { return (c & 0x80) != 0; }))
        return trf("'{}' is not a code (a name? codes use only letters, digits, '_', "
                   "'.' and '-')",
                   code);
    if (code.size() > 32) // ASCII from here on: bytes are characters
        return trf("'{}' is longer than 32 characters ({})", code, code.size());
    for (char c : code) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
        if (!ok)
            return trf("'{}' may only use letters, digits, '_', '.' and '-'", code);
    }
    return {};
}

namespace {

std::string control_name(char32_t cp) {
    const auto code = static_cast<std::uint32_t>(cp);
    if (cp == 0x0A || cp == 0x0D)
        return trf("a line break (U+{:04X})", code);
    if (cp == 0x09)
        return tr("a tab (U+0009)");
    if (cp == 0x00)
        return trf("the control character U+{:04X} NUL", code);
    if (cp == 0x1B)
        return trf("the control character U+{:04X} escape", code);
    if (cp == 0x7F)
        return trf("the control character U+{:04X} delete", code);
    return trf("the control character U+{:04X}", code);
}

} // namespace

std::string check_text(std::string_view value, TextRule rule) {
    const bool note = rule == TextRule::note;
    auto c = text::first_control(value, note ? std::string_view("\t\n\r") : std::string_view());
    if (!c)
        return {};
    return note ? trf("holds {} at character {}: only printable text, tabs and line breaks are "
                      "allowed here",
                      control_name(c->code_point), c->position + 1)
                : trf("holds {} at character {}: only printable text is allowed here",
                      control_name(c->code_point), c->position + 1);
}

namespace {

// Bytes after which clean_text has work to do: a control character (C0, DEL; C2 starts the C1
// controls) or the start of a character text::normalize changes (C2: U+00A0, E3: U+3000,
// EF: U+FEFF and the full-width forms). None is a UTF-8 continuation byte.
constexpr std::array<bool, 256> k_special = [] {
    std::array<bool, 256> t{};
    for (int c = 0; c < 0x20; ++c)
        t[static_cast<std::size_t>(c)] = true;
    for (int c : {0x7F, 0xC2, 0xE3, 0xEF})
        t[static_cast<std::size_t>(c)] = true;
    return t;
}();

// Whether `s` holds a k_special byte; eight bytes at a time, as this runs on every imported cell.
bool has_special(std::string_view s) {
    constexpr std::uint64_t k_ones = 0x0101010101010101ULL;
    constexpr std::uint64_t k_highs = 0x8080808080808080ULL;
    auto has_byte = [](std::uint64_t w, std::uint64_t b) {
        const std::uint64_t x = w ^ (k_ones * b);
        return ((x - k_ones) & ~x & k_highs) != 0;
    };
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        // Below 0x20: (w - 0x20 per byte) sets a high bit the byte did not have.
        if (((w - k_ones * 0x20) & ~w & k_highs) != 0 || has_byte(w, 0x7F) ||
            ((w & k_highs) != 0 && (has_byte(w, 0xC2) || has_byte(w, 0xE3) || has_byte(w, 0xEF))))
            return true;
    }
    for (; i < s.size(); ++i)
        if (k_special[static_cast<unsigned char>(s[i])])
            return true;
    return false;
}

} // namespace

std::string clean_text(std::string& value, TextRule rule) {
    // Fast path, as most values (every cell of a large import) are clean already: no special
    // byte, and no space at either end.
    if (value.empty() || (value.front() != ' ' && value.back() != ' ' && !has_special(value)))
        return {};
    if (rule == TextRule::note)
        value = text::trim(value);
    else
        text::normalize_in_place(value);
    return check_text(value, rule);
}

std::vector<std::pair<std::string_view, std::string>>
clean_texts(std::initializer_list<TextField> fields) {
    std::vector<std::pair<std::string_view, std::string>> problems;
    for (const TextField& f : fields)
        if (auto p = clean_text(*f.value, f.rule); !p.empty())
            problems.emplace_back(f.key, std::move(p));
    return problems;
}

namespace {

// The nouns of the NumberRules (validate.hpp, db/activity_repo.hpp, db/score_repo.hpp), marked
// for xgettext; `what` in the current language.
[[maybe_unused]] constexpr const char* k_rule_nouns[] = {
    N_("a whole number of m²"),       N_("a year"),
    N_("a whole number of points"),   N_("a whole number of people"),
    N_("a whole number of problems"),
};
std::string noun(std::string_view what) {
    return tr(std::string(what).c_str()); // copied before the temporary goes
}

} // namespace

std::string check_number(std::string_view text, const NumberRule& rule, long long& out) {
    const std::string t = hlpb::text::normalize(text);
    std::string_view digits = t;
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative)
        digits.remove_prefix(1);
    bool ok =
        !digits.empty() && digits.size() <= 18 &&
        std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
    long long v = 0;
    for (char c : ok ? digits : std::string_view())
        v = v * 10 + (c - '0');
    v = negative ? -v : v;
    if (!ok || v < rule.min || v > rule.max)
        return trf("'{}' is not {} from {} to {}", t, noun(rule.what), rule.min, rule.max);
    out = v;
    return {};
}

std::string check_number(long long value, const NumberRule& rule) {
    if (value < rule.min || value > rule.max)
        return trf("'{}' is not {} from {} to {}", value, noun(rule.what), rule.min, rule.max);
    return {};
}

char uscc_check_char(std::string_view first17) {
    int sum = 0;
    for (std::size_t i = 0; i < 17 && i < first17.size(); ++i) {
        auto pos = k_uscc_chars.find(first17[i]);
        sum += static_cast<int>(pos == std::string_view::npos ? 0 : pos) * k_uscc_weights[i];
    }
    int check = (31 - sum % 31) % 31;
    return k_uscc_chars[static_cast<std::size_t>(check)];
}

std::string check_uscc(std::string_view uscc) {
    const auto at = text::char_starts(uscc);
    const std::size_t length = at.size() - 1;
    if (length != 18)
        return trf("'{}' has {} characters; a 统一社会信用代码 has 18", uscc, length);
    for (std::size_t i = 0; i < 18; ++i) {
        std::string_view c = uscc.substr(at[i], at[i + 1] - at[i]);
        if (c.size() != 1 || k_uscc_chars.find(c[0]) == std::string_view::npos)
            return trf("'{}': character {} '{}' is not allowed (digits and capital "
                       "letters except I, O, S, V, Z)",
                       uscc, i + 1, c);
    }
    char expected = uscc_check_char(uscc.substr(0, 17));
    if (uscc[17] != expected)
        return trf("'{}': check character should be {}", uscc, expected);
    return {};
}

std::string check_mobile(std::string_view phone) {
    if (looks_like_excel_scientific(phone))
        return trf("'{}' was turned into a number by Excel; format the column as text "
                   "and type the phone again",
                   phone);
    if (text::length(phone) != 11 ||
        !std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return trf("'{}' is not an 11-digit mobile number", phone);
    if (phone[0] != '1' || phone[1] < '3')
        return trf("'{}' is not a mainland mobile number (13x–19x)", phone);
    return {};
}

std::optional<bool> parse_bool(std::string_view text) {
    std::string t = lower_ascii(hlpb::text::normalize(text));
    if (t == "1" || t == "true" || t == "yes" || t == "y" || t == "是" || t == "√")
        return true;
    if (t == "0" || t == "false" || t == "no" || t == "n" || t == "否" || t == "×")
        return false;
    return std::nullopt;
}

std::optional<long long> parse_int(std::string_view text) {
    std::string t = hlpb::text::normalize(text);
    if (t.empty() || t.size() > 18)
        return std::nullopt;
    long long v = 0;
    for (char c : t) {
        if (c < '0' || c > '9')
            return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

ConstraintProblem describe_constraint(std::string_view message) {
    auto after = [&](std::string_view prefix) -> std::optional<std::string_view> {
        auto at = message.find(prefix);
        if (at == std::string_view::npos)
            return std::nullopt;
        return message.substr(at + prefix.size());
    };
    // table.column → column
    auto column = [](std::string_view s) {
        s = s.substr(0, s.find_first_of(", "));
        auto dot = s.find('.');
        return std::string(dot == std::string_view::npos ? s : s.substr(dot + 1));
    };
    if (auto rest = after("NOT NULL constraint failed: "))
        return {column(*rest), tr("is required")};
    if (auto rest = after("UNIQUE constraint failed: ")) {
        struct Unique {
            std::string_view columns, field;
            const char* rule;
        };
        static constexpr Unique k_unique[] = {
            {"member.id_number", "id_number", N_("a member with this ID number exists already")},
            {"member.org_id", "role", N_("the org has a secretary already")},
            {"cluster_lead.cluster_id", "lead", N_("the cluster has a lead already")},
            {"cluster_org.org_id", "cluster", N_("the org is in a cluster already")},
            {"org_flag.org_id, org_flag.flag", "flag", N_("the org has this flag already")},
            {"mentor.mentee_id", "mentor", N_("the member has a mentor already")},
        };
        for (const Unique& u : k_unique)
            if (*rest == u.columns)
                return {std::string(u.field), tr(u.rule)};
        if (rest->find(".title") != std::string_view::npos)
            return {"title", tr("this honour is recorded on that date already")};
        return {column(*rest), tr("is taken by another record already")};
    }
    if (auto rest = after("FOREIGN KEY constraint failed"))
        return {"", tr("refers to a record that does not exist, or is still referred to")};
    auto check = after("CHECK constraint failed: ");
    if (!check)
        return message.find("constraint failed") == std::string_view::npos
                   ? ConstraintProblem{}
                   : ConstraintProblem{"", tr("the change breaks a rule of the database")};
    struct Known {
        std::string_view expression, field;
        const char* rule;
    };
    // The CHECKs of data/migrations, in words.
    static constexpr Known k_known[] = {
        {"org_since >= join_date", "org_since", N_("must not be before join_date")},
        {"role_since >= org_since", "role_since", N_("must not be before org_since")},
        {"full_date IS NULL OR full_date > join_date", "full_date", N_("must be after join_date")},
        {"left_on IS NULL OR left_on > org_since", "left_on", N_("must be after org_since")},
        {"(status = 'full') = (full_date IS NOT NULL)", "status",
         N_("a full member (正式党员) has a full_date, a probationary one none")},
        {"status = 'full' OR full_date IS NULL", "status",
         N_("a probationary member (预备党员) has no full_date")},
        {"(status = 'dissolved') = (dissolved IS NOT NULL)", "status",
         N_("a dissolved cluster has a dissolved date, an active one none")},
        {"to_date IS NULL OR to_date > from_date", "to",
         N_("a period must end after the day it starts")},
        {"to_date > from_date", "to", N_("a period must end after the day it starts")},
        {"mentor_id <> mentee_id", "mentor", N_("a member cannot mentor themselves")},
        {"venue_m2 >= 0", "venue_m2", N_("must not be negative")},
        {"points >= 0", "points", N_("must not be negative")},
        {"year BETWEEN 2000 AND 2100", "year", N_("must be a year from 2000 to 2100")},
    };
    for (const Known& k : k_known)
        if (*check == k.expression)
            return {std::string(k.field), tr(k.rule)};
    // "kind IN ('street', …)", "investor_is_secretary IN (0, 1)", "role = 'secretary' OR …"
    std::string_view expr = *check;
    auto end = expr.find_first_of(" =<>!(");
    std::string field(expr.substr(0, end));
    return {field, trf("breaks the rule {} of the database", expr)};
}

bool looks_like_excel_scientific(std::string_view text) {
    // d.ddd…E+nn or dE+nn (Excel writes E+17; JSON numbers may give e+17).
    auto e = text.find_first_of("Ee");
    if (e == std::string_view::npos || e == 0 || e + 1 >= text.size())
        return false;
    std::string_view mant = text.substr(0, e), exp = text.substr(e + 1);
    if (exp[0] == '+' || exp[0] == '-')
        exp.remove_prefix(1);
    auto digits = [](std::string_view s) {
        return !s.empty() &&
               std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    auto dot = mant.find('.');
    bool mant_ok = dot == std::string_view::npos
                       ? digits(mant)
                       : digits(mant.substr(0, dot)) &&
                             (dot + 1 == mant.size() || digits(mant.substr(dot + 1)));
    return mant_ok && digits(exp);
}

} // namespace hlpb::validate
