#include <hlpb/text.hpp>
#include <hlpb/validate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

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
        return "is empty";
    if (code.size() > 32)
        return fmt::format("'{}' is longer than 32 characters", code);
    for (char c : code) {
        bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
        if (!ok)
            return fmt::format("'{}' may only use letters, digits, '_', '.' and '-'", code);
    }
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
    if (uscc.size() != 18)
        return fmt::format("'{}' has {} characters; a 统一社会信用代码 has 18", uscc, uscc.size());
    for (std::size_t i = 0; i < 18; ++i) {
        if (k_uscc_chars.find(uscc[i]) == std::string_view::npos)
            return fmt::format("'{}': character {} '{}' is not allowed (digits and capital "
                               "letters except I, O, S, V, Z)",
                               uscc, i + 1, uscc[i]);
    }
    char expected = uscc_check_char(uscc.substr(0, 17));
    if (uscc[17] != expected)
        return fmt::format("'{}': check character should be {}", uscc, expected);
    return {};
}

std::string check_mobile(std::string_view phone) {
    if (looks_like_excel_scientific(phone))
        return fmt::format("'{}' was turned into a number by Excel; format the column as text "
                           "and type the phone again",
                           phone);
    if (phone.size() != 11 ||
        !std::all_of(phone.begin(), phone.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return fmt::format("'{}' is not an 11-digit mobile number", phone);
    if (phone[0] != '1' || phone[1] < '3')
        return fmt::format("'{}' is not a mainland mobile number (13x–19x)", phone);
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
