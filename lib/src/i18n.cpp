// The message catalog: msgfmt's .mo of po/zh_CN.po, compiled in as bytes (data/CMakeLists.txt),
// searched in place. A .mo holds N (msgid, msgstr) pairs with the msgids sorted by strcmp, so a
// lookup is a binary search and a translation is a pointer into the bytes: nothing is parsed at
// startup, nothing allocated, safe from any thread.
#include <hlpb/i18n.hpp>

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

namespace hlpb::i18n::detail {
extern const unsigned char k_catalog_zh[];
extern const std::size_t k_catalog_zh_size;
} // namespace hlpb::i18n::detail

namespace hlpb::i18n {
namespace {

std::atomic<bool> g_chinese{true};

constexpr std::uint32_t k_mo_magic = 0x950412de;

std::uint32_t word(std::size_t offset) {
    std::uint32_t v = 0;
    if (offset + 4 <= detail::k_catalog_zh_size) {
        std::memcpy(&v, detail::k_catalog_zh + offset, 4);
    }
    return v;
}

// A string of the catalog: its table entry at `table` + 8 × i is (length, offset).
const char* string_at(std::uint32_t table, std::uint32_t i, std::uint32_t* length = nullptr) {
    const std::uint32_t len = word(table + 8 * std::size_t{i});
    const std::uint32_t off = word(table + 8 * std::size_t{i} + 4);
    if (std::size_t{off} + len >= detail::k_catalog_zh_size) {
        return nullptr; // a damaged catalog translates nothing rather than read past it
    }
    if (length != nullptr) {
        *length = len;
    }
    return reinterpret_cast<const char*>(detail::k_catalog_zh + off);
}

struct Header {
    std::uint32_t count = 0;
    std::uint32_t originals = 0;
    std::uint32_t translations = 0;
};

Header header() {
    if (word(0) != k_mo_magic) {
        return {}; // msgfmt writes the build machine's byte order: little-endian here
    }
    return {word(8), word(12), word(16)};
}

// The msgstr of `msgid`, or nullptr.
const char* find(const char* msgid) {
    static const Header h = header();
    std::uint32_t lo = 0;
    std::uint32_t hi = h.count;
    while (lo < hi) {
        const std::uint32_t mid = lo + (hi - lo) / 2;
        const char* original = string_at(h.originals, mid);
        if (original == nullptr) {
            return nullptr;
        }
        const int c = std::strcmp(msgid, original);
        if (c == 0) {
            const char* translated = string_at(h.translations, mid);
            return translated != nullptr && *translated != '\0' ? translated : nullptr;
        }
        (c < 0 ? hi : lo) = c < 0 ? mid : mid + 1;
    }
    return nullptr;
}

} // namespace

void set_language(std::string_view lang) {
    g_chinese = lang != "en";
}
std::string_view language() {
    return g_chinese ? "zh" : "en";
}
bool chinese() {
    return g_chinese;
}

const char* tr(const char* msgid) {
    if (!g_chinese || msgid == nullptr || *msgid == '\0') {
        return msgid;
    }
    const char* t = find(msgid);
    return t != nullptr ? t : msgid;
}

const char* trn(const char* singular, const char* plural, long n) {
    if (g_chinese) {
        // A plural entry's msgid is "singular\0plural"; strcmp stops at the first NUL, so the
        // search by the singular finds it. Chinese has one form: msgstr[0].
        if (const char* t = find(singular)) {
            return t;
        }
    }
    return n == 1 ? singular : plural;
}

const char* system_error(int errnum) {
    // The program runs in the "C" locale (it never calls setlocale for messages), so strerror
    // gives glibc's English text, which is the msgid.
    return tr(std::strerror(errnum));
}

std::vector<CatalogEntry> catalog() {
    const Header h = header();
    std::vector<CatalogEntry> out;
    out.reserve(h.count);
    for (std::uint32_t i = 0; i < h.count; ++i) {
        std::uint32_t id_len = 0;
        std::uint32_t str_len = 0;
        const char* id = string_at(h.originals, i, &id_len);
        const char* str = string_at(h.translations, i, &str_len);
        if (id == nullptr || str == nullptr || id_len == 0) {
            continue; // the header entry (msgid "")
        }
        out.push_back({std::string_view(id, id_len), std::string_view(str, str_len)});
    }
    return out;
}

} // namespace hlpb::i18n
