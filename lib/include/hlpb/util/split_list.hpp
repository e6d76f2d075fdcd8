// Lists typed by people (--orgs A1，A2、A3, a cell "A1; A2"): one splitter for every list the
// command line or an import reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hlpb::util {

// The items of `text`, separated by any run of , ， 、 ; ； and white space (ASCII and the
// ideographic space U+3000); each item trimmed, empty ones dropped, order kept.
std::vector<std::string> split_list(std::string_view text);
// split_list of each of `texts`, concatenated (an option given several times).
std::vector<std::string> split_lists(const std::vector<std::string>& texts);

} // namespace hlpb::util
