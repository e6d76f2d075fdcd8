#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>
#include <utf8proc.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <iconv.h>

namespace hlpb::text {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length, or 0 when invalid (overlong,
// surrogate, out of range, truncated).
std::size_t decode(std::string_view s, std::size_t i, char32_t& cp) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[i + k]); };
    unsigned char c = b(0);
    std::size_t n = s.size() - i;
    if (c < 0x80) {
        cp = c;
        return 1;
    }
    auto cont = [&](std::size_t k) { return k < n && (b(k) & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF) {
        if (!cont(1))
            return 0;
        cp = (char32_t(c & 0x1F) << 6) | (b(1) & 0x3F);
        return 2;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        cp = (char32_t(c & 0x0F) << 12) | (char32_t(b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        cp = (char32_t(c & 0x07) << 18) | (char32_t(b(1) & 0x3F) << 12) |
             (char32_t(b(2) & 0x3F) << 6) | (b(3) & 0x3F);
        if (cp < 0x10000 || cp > 0x10FFFF)
            return 0;
        return 4;
    }
    return 0;
}

bool is_space_cp(char32_t cp) {
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\v' || cp == '\f' ||
           cp == 0x3000 || cp == 0xA0 || cp == 0xFEFF;
}

} // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        // Fast path over ASCII, eight bytes at a time.
        while (i + 8 <= s.size()) {
            std::uint64_t word;
            std::memcpy(&word, s.data() + i, 8);
            if (word & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= s.size())
            break;
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        char32_t cp;
        std::size_t n = decode(s, i, cp);
        if (n == 0)
            return i;
        i += n;
    }
    return std::nullopt;
}

std::string trim(std::string_view s) {
    std::size_t begin = 0;
    while (begin < s.size()) {
        char32_t cp;
        std::size_t n = decode(s, begin, cp);
        if (n == 0 || !is_space_cp(cp))
            break;
        begin += n;
    }
    std::size_t end = s.size();
    while (end > begin) {
        // Step back to the start of the last character.
        std::size_t start = end - 1;
        while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
            --start;
        char32_t cp;
        std::size_t n = decode(s, start, cp);
        if (n == 0 || start + n != end || !is_space_cp(cp))
            break;
        end = start;
    }
    return std::string(s.substr(begin, end - begin));
}

std::string to_half_width(std::string_view s) {
    // Full-width forms start with 0xEF 0xBC/0xBD; U+3000 is E3 80 80.
    if (s.find('\xEF') == std::string_view::npos && s.find('\xE3') == std::string_view::npos)
        return std::string(s);
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp;
        std::size_t n = decode(s, i, cp);
        if (n == 0) { // leave invalid bytes alone; validation reports them
            out += s[i++];
            continue;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E)
            out += static_cast<char>(cp - 0xFF01 + 0x21);
        else if (cp == 0x3000)
            out += ' ';
        else
            out.append(s.substr(i, n));
        i += n;
    }
    return out;
}

std::string normalize(std::string_view s) {
    bool plain = true;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) {
            plain = false;
            break;
        }
    if (plain) {
        std::size_t b = 0, e = s.size();
        auto sp = [](char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
        };
        while (b < e && sp(s[b]))
            ++b;
        while (e > b && sp(s[e - 1]))
            --e;
        return std::string(s.substr(b, e - b));
    }
    return trim(to_half_width(s));
}

void normalize_in_place(std::string& s) {
    // Only a byte that starts a character normalize changes (U+00A0: C2, U+3000: E3, U+FEFF
    // and the full-width forms: EF), or white space at an end, can make it differ.
    auto is_space = [](char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
    };
    bool clean = s.empty() || (!is_space(s.front()) && !is_space(s.back()));
    for (std::size_t i = 0; clean && i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        clean = c != 0xC2 && c != 0xE3 && c != 0xEF;
    }
    if (!clean)
        s = normalize(s);
}

std::size_t length(std::string_view s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size(); ++n) {
        char32_t cp;
        std::size_t k = decode(s, i, cp);
        i += k == 0 ? 1 : k;
    }
    return n;
}

std::vector<std::size_t> char_starts(std::string_view s) {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < s.size();) {
        at.push_back(i);
        char32_t cp;
        std::size_t k = decode(s, i, cp);
        i += k == 0 ? 1 : k;
    }
    at.push_back(s.size());
    return at;
}

std::optional<Control> first_control(std::string_view s, std::string_view allowed) {
    std::size_t position = 0;
    for (std::size_t i = 0; i < s.size(); ++position) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) {
            if (allowed.find(static_cast<char>(c)) == std::string_view::npos)
                return Control{c, position};
            ++i;
            continue;
        }
        if (c < 0x80) {
            ++i;
            continue;
        }
        char32_t cp = 0;
        std::size_t k = decode(s, i, cp);
        if (k != 0 && cp >= 0x80 && cp <= 0x9F)
            return Control{cp, position};
        i += k == 0 ? 1 : k;
    }
    return std::nullopt;
}

std::string printable(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        auto c = first_control(s.substr(i));
        if (!c) {
            out.append(s.substr(i));
            break;
        }
        const auto at = char_starts(s.substr(i));
        out.append(s.substr(i, at[c->position]));
        out += fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(c->code_point));
        i += at[c->position + 1];
    }
    return out;
}

std::size_t display_width(std::string_view s) {
    std::size_t width = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp;
        std::size_t n = decode(s, i, cp);
        if (n == 0) {
            ++width;
            ++i;
            continue;
        }
        int w = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
        width += w < 0 ? 0 : static_cast<std::size_t>(w);
        i += n;
    }
    return width;
}

std::string pad(std::string_view s, std::size_t width, bool right_align) {
    std::size_t w = display_width(s);
    if (w >= width)
        return std::string(s);
    std::string fill(width - w, ' ');
    return right_align ? fill + std::string(s) : std::string(s) + fill;
}

std::string to_utf8(std::string_view in, const std::string& encoding) {
    iconv_t cd = iconv_open("UTF-8", encoding.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw Error(trf("unknown encoding '{}' (try gb18030)", encoding));
    std::string out;
    out.resize(in.size() * 2 + 16);
    char* src = const_cast<char*>(in.data());
    std::size_t src_left = in.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    while (src_left > 0) {
        std::size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
        if (r == static_cast<std::size_t>(-1)) {
            if (errno == E2BIG) {
                std::size_t used = out.size() - dst_left;
                out.resize(out.size() * 2);
                dst = out.data() + used;
                dst_left = out.size() - used;
                continue;
            }
            std::size_t offset = in.size() - src_left;
            iconv_close(cd);
            throw Error(trf("byte {} is not valid {}", offset, encoding));
        }
    }
    out.resize(out.size() - dst_left);
    iconv_close(cd);
    return out;
}

bool starts_with_utf8_bom(std::string_view s) {
    return s.substr(0, 3) == "\xEF\xBB\xBF";
}

} // namespace hlpb::text
