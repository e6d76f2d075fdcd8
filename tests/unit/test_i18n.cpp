// The message catalog: lookups in both languages, and every translation usable by fmt with the
// arguments its msgid is given.
#include "fixture.hpp"

#include <hlpb/i18n.hpp>
#include <hlpb/i18n_fmt.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cerrno>
#include <string>
#include <vector>

using namespace hlpb;

namespace {

// The replacement fields of a fmt format string, each as "index:spec" with automatic indexes
// numbered; "" when the string is not a valid format (an unmatched brace).
struct Fields {
    bool valid = true;
    std::vector<std::string> fields;
};

Fields fields_of(std::string_view s) {
    Fields f;
    int next = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '}') {
            if (i + 1 < s.size() && s[i + 1] == '}') {
                ++i;
                continue;
            }
            f.valid = false;
            return f;
        }
        if (s[i] != '{') {
            continue;
        }
        if (i + 1 < s.size() && s[i + 1] == '{') {
            ++i;
            continue;
        }
        const std::size_t end = s.find('}', i);
        if (end == std::string_view::npos) {
            f.valid = false;
            return f;
        }
        std::string_view body = s.substr(i + 1, end - i - 1);
        const std::size_t colon = body.find(':');
        std::string_view index = body.substr(0, colon);
        std::string spec = colon == std::string_view::npos ? "" : std::string(body.substr(colon));
        f.fields.push_back((index.empty() ? std::to_string(next++) : std::string(index)) + spec);
        i = end;
    }
    std::sort(f.fields.begin(), f.fields.end());
    return f;
}

} // namespace

TEST_CASE("i18n: a message is its msgid in English and its translation in Chinese") {
    test::Language lang("en");
    CHECK(std::string(tr("invalid input")) == "invalid input");
    CHECK(i18n::language() == "en");
    CHECK_FALSE(i18n::chinese());
    i18n::set_language("zh");
    CHECK(std::string(tr("invalid input")) == "输入有误");
    CHECK(i18n::chinese());
    // Without an entry a message stays as written, in either language.
    CHECK(std::string(tr("no such message in the catalog")) == "no such message in the catalog");
    CHECK(std::string(tr("")).empty());
    CHECK(std::string(trn("{} row", "{} rows", 1)) == "{} row");
    CHECK(std::string(trn("{} row", "{} rows", 2)) == "{} rows");
    i18n::set_language("en");
    CHECK(trnf("{} row", "{} rows", 3, 3) == "3 rows");
    CHECK(trf("{}: {}", "a", 1) == "a: 1");
}

TEST_CASE("i18n: the C library's error texts in the user's language") {
    test::Language lang("zh");
    CHECK(std::string(i18n::system_error(ENOENT)) == "没有那个文件或目录");
    CHECK(std::string(i18n::system_error(ENOSPC)) == "磁盘空间已满");
    // Every error a file, a folder or a standard stream can meet has its Chinese.
    for (int e : {EPERM,  ENOENT, EIO,     ENXIO,  EBADF,        EAGAIN, ENOMEM, EACCES,  EBUSY,
                  EEXIST, ENODEV, ENOTDIR, EISDIR, EINVAL,       ENFILE, EMFILE, ETXTBSY, EFBIG,
                  ENOSPC, ESPIPE, EROFS,   EPIPE,  ENAMETOOLONG, ELOOP,  EDQUOT}) {
        const std::string text = i18n::system_error(e);
        INFO(e, " ", text);
        CHECK(std::none_of(text.begin(), text.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }));
    }
    i18n::set_language("en");
    CHECK(std::string(i18n::system_error(ENOENT)) == "No such file or directory");
}

TEST_CASE("i18n: the field scanner used by the catalog check") {
    CHECK(fields_of("no {} in {}").fields == std::vector<std::string>{"0", "1"});
    CHECK(fields_of("{1}的{0}").fields == std::vector<std::string>{"0", "1"});
    CHECK(fields_of("{:>5} {{literal}}").fields == std::vector<std::string>{"0:>5"});
    CHECK_FALSE(fields_of("broken {").valid);
    CHECK_FALSE(fields_of("broken }").valid);
}

TEST_CASE("i18n: every translation in the catalog uses exactly its msgid's arguments") {
    const auto entries = i18n::catalog();
    REQUIRE_FALSE(entries.empty());
    for (const auto& e : entries) {
        // A plural entry holds its forms separated by NUL: each form is checked against the
        // English plural, which names every argument.
        const std::size_t plural_at = e.id.find('\0');
        const std::string_view id =
            plural_at == std::string_view::npos ? e.id : e.id.substr(plural_at + 1);
        const Fields want = fields_of(id);
        CAPTURE(std::string(e.id));
        CAPTURE(std::string(e.str));
        if (!want.valid)
            continue; // not a format string (a tr() message with a lone brace): nothing to fill
        std::string_view rest = e.str;
        while (true) {
            const std::size_t nul = rest.find('\0');
            const Fields got = fields_of(rest.substr(0, nul));
            CHECK(got.valid);
            CHECK(got.fields == want.fields);
            if (nul == std::string_view::npos) {
                break;
            }
            rest = rest.substr(nul + 1);
        }
    }
}
