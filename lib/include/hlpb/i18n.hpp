// Messages for people, in the user's language. Every sentence a person reads (errors,
// confirmations, help, check findings, reasons) is written in English in the source and passed
// through tr()/trf(); the Chinese comes from po/zh_CN.po (GNU gettext's format, compiled into
// the library at build time). xgettext keywords: tr, trf, N_ (mark only), trn (plural).
// Machine formats (csv, json, jsonl, export) never go through here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hlpb::i18n {

// "zh" (the default) or "en"; cmd sets it once from --lang, $HLPB_LANG or the locale.
void set_language(std::string_view lang);
std::string_view language();
bool chinese();

// The translation of `msgid` in the current language (msgid itself in English, or when the
// catalog has no entry). The returned pointer lives as long as the process.
const char* tr(const char* msgid);
// English singular/plural by n; Chinese has one form (the catalog's msgstr[0]).
const char* trn(const char* singular, const char* plural, long n);

// std::strerror's text for an errno value, in the current language (the C library's English
// text is the msgid; the catalog has the common ones: missing file, permission, full disk…).
const char* system_error(int errnum);

// Every entry of the compiled Chinese catalog (for the catalog's own tests). A plural entry's id
// and str hold their forms separated by NUL, as in a .mo file.
struct CatalogEntry {
    std::string_view id;
    std::string_view str;
};
std::vector<CatalogEntry> catalog();

} // namespace hlpb::i18n

namespace hlpb {
using i18n::tr;
using i18n::trn;
} // namespace hlpb

// Marks a string for extraction without translating it here (tables of messages).
#define N_(s) s
