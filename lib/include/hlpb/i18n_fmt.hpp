// trf(): a translated fmt format string filled with arguments. A translation may reorder the
// arguments with {0} {1}; tests/unit/test_i18n.cpp checks that every translation uses the same
// arguments as its msgid. Include only where fmt is linked (lib sources and cmd).
#pragma once

#include <hlpb/i18n.hpp>

#include <fmt/format.h>

#include <string>
#include <utility>

namespace hlpb::i18n {

template <typename... Args> std::string trf(const char* msgid, Args&&... args) {
    return fmt::format(fmt::runtime(tr(msgid)), std::forward<Args>(args)...);
}

template <typename... Args>
std::string trnf(const char* singular, const char* plural, long n, Args&&... args) {
    return fmt::format(fmt::runtime(trn(singular, plural, n)), std::forward<Args>(args)...);
}

} // namespace hlpb::i18n

namespace hlpb {
using i18n::trf;
using i18n::trnf;
} // namespace hlpb
