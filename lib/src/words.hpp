// Values and field names inside a sentence for people: the Chinese label in Chinese, the English
// key (as options and files spell it) in English, so that --lang en messages stay as they were.
#pragma once

#include <hlpb/i18n.hpp>
#include <hlpb/labels.hpp>
#include <hlpb/vocab.hpp>

#include <span>
#include <string>

namespace hlpb::words {

// "committee_member" → 委员 / committee_member.
inline std::string term(std::span<const vocab::Term> terms, const std::string& key) {
    return i18n::chinese() ? vocab::label(terms, key, "zh") : key;
}

// "venue_m2" → 阵地面积 / venue_m2.
inline std::string field(const std::string& key) {
    return i18n::chinese() ? std::string(labels::column(key, "zh")) : key;
}

} // namespace hlpb::words
