#include <hlpb/i18n.hpp>

#include <string>

namespace hlpb::i18n {
namespace {
std::string g_language = "zh";
} // namespace

void set_language(std::string_view lang) {
    g_language = lang == "en" ? "en" : "zh";
}
std::string_view language() {
    return g_language;
}
bool chinese() {
    return g_language == "zh";
}

// Placeholder until the catalog lands: every message as written.
const char* tr(const char* msgid) {
    return msgid;
}
const char* trn(const char* singular, const char* plural, long n) {
    return n == 1 ? singular : plural;
}

} // namespace hlpb::i18n
