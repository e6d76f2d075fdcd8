#include <hlpb/util/split_list.hpp>

#include <array>

namespace hlpb::util {
namespace {

// The separators of more than one byte (UTF-8): ， 、 ； and U+3000.
constexpr std::array<std::string_view, 4> k_wide = {"\xEF\xBC\x8C", "\xE3\x80\x81", "\xEF\xBC\x9B",
                                                    "\xE3\x80\x80"};

// Bytes of the separator at `i` of `s`, or 0.
std::size_t separator_at(std::string_view s, std::size_t i) {
    const char c = s[i];
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r')
        return 1;
    for (std::string_view w : k_wide)
        if (s.substr(i, w.size()) == w)
            return w.size();
    return 0;
}

} // namespace

std::vector<std::string> split_list(std::string_view text) {
    std::vector<std::string> out;
    std::string item;
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t n = separator_at(text, i)) {
            if (!item.empty())
                out.push_back(std::move(item));
            item.clear();
            i += n;
        } else {
            item += text[i++];
        }
    }
    if (!item.empty())
        out.push_back(std::move(item));
    return out;
}

std::vector<std::string> split_lists(const std::vector<std::string>& texts) {
    std::vector<std::string> out;
    for (const auto& t : texts)
        for (auto& item : split_list(t))
            out.push_back(std::move(item));
    return out;
}

} // namespace hlpb::util
