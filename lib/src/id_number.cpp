#include <hlpb/i18n_fmt.hpp>
#include <hlpb/id_number.hpp>
#include <hlpb/text.hpp>
#include <hlpb/validate.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace hlpb::id_number {
namespace {

constexpr std::array<int, 17> k_weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
constexpr std::string_view k_check_chars = "10X98765432";

bool all_digits(std::string_view s) {
    return !s.empty() &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int num(std::string_view s) {
    int v = 0;
    for (char c : s)
        v = v * 10 + (c - '0');
    return v;
}

} // namespace

char check_char(std::string_view first17) {
    int sum = 0;
    for (std::size_t i = 0; i < 17 && i < first17.size(); ++i)
        sum += (first17[i] - '0') * k_weights[i];
    return k_check_chars[static_cast<std::size_t>(sum % 11)];
}

std::string normalize(std::string_view text) {
    std::string s = text::normalize(text);
    for (char& c : s)
        if (c == 'x')
            c = 'X';
    // Arabic-Indic digits (U+0660-0669: D9 A0-A9) and their extended forms (U+06F0-06F9:
    // DB B0-B9), which some input methods type, are the digits 0-9 (full-width ones were
    // turned into ASCII by text::normalize).
    if (s.find('\xD9') == std::string::npos && s.find('\xDB') == std::string::npos)
        return s;
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto lead = static_cast<unsigned char>(s[i]);
        const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
        if (lead == 0xD9 && next >= 0xA0 && next <= 0xA9) {
            out += static_cast<char>('0' + (next - 0xA0));
            ++i;
        } else if (lead == 0xDB && next >= 0xB0 && next <= 0xB9) {
            out += static_cast<char>('0' + (next - 0xB0));
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::string check(std::string_view id, const Date& today) {
    if (id.empty())
        return tr("is empty");
    if (validate::looks_like_excel_scientific(id))
        return trf("'{}' was turned into a number by Excel, which kept only 6 digits; "
                   "format the column as text (文本) and type the full 18-character "
                   "number again",
                   id);
    const auto at = text::char_starts(id);
    if (at.size() - 1 != 18)
        return trf("has {} characters; a 公民身份号码 has 18", at.size() - 1);
    if (id.size() != 18 || !all_digits(id.substr(0, 17)) ||
        !(all_digits(id.substr(17)) || id[17] == 'X')) {
        std::size_t i = 0; // the first character that is not one of 0-9 (or X last)
        while (i < 18 && at[i + 1] - at[i] == 1 &&
               ((id[at[i]] >= '0' && id[at[i]] <= '9') || (i == 17 && id[at[i]] == 'X')))
            ++i;
        return trf("must be 17 digits 0-9 and a final digit or X: character {} '{}' is "
                   "not",
                   i + 1, id.substr(at[i], at[i + 1] - at[i]));
    }
    if (id[0] == '0' || num(id.substr(0, 2)) < 11 || num(id.substr(0, 2)) > 91)
        return trf("does not start with a province code (11–91): {}", id.substr(0, 2));
    using namespace std::chrono;
    Date birth{year{num(id.substr(6, 4))}, month{static_cast<unsigned>(num(id.substr(10, 2)))},
               day{static_cast<unsigned>(num(id.substr(12, 2)))}};
    if (!birth.ok() || int(birth.year()) < 1900 || birth > today)
        return trf("holds no real birth date ({})", id.substr(6, 8));
    char expected = check_char(id.substr(0, 17));
    if (id[17] != expected) {
        if (id.substr(15) == "000")
            return tr("ends in 000 and its checksum is wrong: Excel cut it to 15 significant "
                      "digits; format the column as text (文本) and type the number again");
        return trf("checksum digit should be {}", expected);
    }
    return {};
}

Info info(std::string_view id) {
    using namespace std::chrono;
    Info out;
    out.birth_date =
        Date{year{num(id.substr(6, 4))}, month{static_cast<unsigned>(num(id.substr(10, 2)))},
             day{static_cast<unsigned>(num(id.substr(12, 2)))}};
    out.gender = ((id[16] - '0') % 2 == 1) ? "male" : "female";
    out.area = std::string(id.substr(0, 6));
    return out;
}

namespace {

// `s` with every character but the first `head` and the last `tail` replaced by `fill`
// (one '*' per character; all masked when there are no more than head + tail characters).
std::string mask_chars(std::string_view s, std::size_t head, std::size_t tail,
                       std::string_view fill = {}) {
    const auto at = text::char_starts(s);
    const std::size_t n = at.size() - 1;
    if (n <= head + tail)
        return std::string(n, '*');
    std::string out(s.substr(0, at[head]));
    out += fill.empty() ? std::string(n - head - tail, '*') : std::string(fill);
    out += s.substr(at[n - tail]);
    return out;
}

} // namespace

std::string mask(std::string_view id) {
    if (id.size() == 18 && text::length(id) == 18) // the area code and the last four kept
        return mask_chars(id, 6, 4);
    return mask_chars(id, 0, 4);
}

std::string mask_phone(std::string_view phone) {
    if (phone.empty())
        return {};
    if (phone.size() == 11 && text::length(phone) == 11)
        return mask_chars(phone, 3, 4);
    return mask_chars(phone, 0, 4);
}

} // namespace hlpb::id_number
