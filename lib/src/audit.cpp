#include <hlpb/audit.hpp>
#include <hlpb/id_number.hpp>

#include <cstddef>

namespace hlpb::audit {
namespace {

constexpr std::size_t k_id_like = 15; // runs at least this long are masked as ID numbers
constexpr std::size_t k_id_length = 18;
constexpr std::size_t k_phone_length = 11;

// The digit (or 'X' when `x_ok`) starting at `at`, as ASCII, and its length in bytes; 0 when
// there is none. Full-width ０-９ and Ｘ are U+FF10..FF19, U+FF38 (and ｘ U+FF58).
std::size_t digit_at(std::string_view s, std::size_t at, bool x_ok, char& out) {
    const auto c = static_cast<unsigned char>(s[at]);
    if (c >= '0' && c <= '9') {
        out = static_cast<char>(c);
        return 1;
    }
    if (x_ok && (c == 'X' || c == 'x')) {
        out = 'X';
        return 1;
    }
    // Arabic-Indic digits U+0660..0669 (D9 A0..A9) and extended ones U+06F0..06F9 (DB B0..B9),
    // which id_number::normalize reads as digits too.
    if ((c == 0xD9 || c == 0xDB) && at + 1 < s.size()) {
        const auto b1 = static_cast<unsigned char>(s[at + 1]);
        const unsigned char zero = c == 0xD9 ? 0xA0 : 0xB0;
        if (b1 >= zero && b1 <= zero + 9) {
            out = static_cast<char>('0' + (b1 - zero));
            return 2;
        }
    }
    if (c == 0xEF && at + 2 < s.size()) {
        const auto b1 = static_cast<unsigned char>(s[at + 1]);
        const auto b2 = static_cast<unsigned char>(s[at + 2]);
        if (b1 == 0xBC && b2 >= 0x90 && b2 <= 0x99) {
            out = static_cast<char>('0' + (b2 - 0x90));
            return 3;
        }
        if (x_ok && ((b1 == 0xBC && b2 == 0xB8) || (b1 == 0xBD && b2 == 0x98))) {
            out = 'X';
            return 3;
        }
    }
    return 0;
}

bool is_mobile(std::string_view digits) {
    return digits.size() == k_phone_length && digits[0] == '1' && digits[1] >= '3' &&
           digits[1] <= '9';
}

// The masked form of a run of digits; empty when it is kept as typed.
std::string masked(std::string_view digits) {
    // No ID number starts with 9 (area codes are 11..82): an 18-digit 统一社会信用代码 does.
    if (digits.size() >= k_id_like && digits[0] == '9')
        return {};
    if (digits.size() == k_id_length)
        return id_number::mask(digits);
    if (digits.size() >= k_id_like)
        return std::string(digits.substr(0, 6)) + std::string(digits.size() - 10, '*') +
               std::string(digits.substr(digits.size() - 4));
    if (is_mobile(digits))
        return id_number::mask_phone(digits);
    if (digits.size() == k_phone_length + 2 && digits.substr(0, 2) == "86" &&
        is_mobile(digits.substr(2)))
        return "86" + id_number::mask_phone(digits.substr(2));
    return {};
}

} // namespace

std::string mask_command_line(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::string digits;
    std::size_t i = 0;
    while (i < text.size()) {
        char d = 0;
        std::size_t n = digit_at(text, i, false, d);
        if (n == 0) {
            out += text[i++];
            continue;
        }
        const std::size_t start = i;
        digits.clear();
        while (n > 0) {
            digits += d;
            i += n;
            if (i >= text.size() || d == 'X')
                break;
            // An ID number's 18th character may be X.
            n = digit_at(text, i, digits.size() == k_id_length - 1, d);
        }
        const std::string m = masked(digits);
        if (m.empty())
            out.append(text.substr(start, i - start));
        else
            out += m;
    }
    return out;
}

} // namespace hlpb::audit
