// UTF-8 text helpers: validation, normalisation of spreadsheet input, terminal display width.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::text {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

// Trims ASCII whitespace, U+3000 (ideographic space) and U+00A0 at both ends.
std::string trim(std::string_view s);

// Full-width ASCII forms (U+FF01..U+FF5E) to ASCII, U+3000 to space; other text unchanged.
std::string to_half_width(std::string_view s);

// trim(to_half_width(s)): what every imported or typed value goes through first.
std::string normalize(std::string_view s);
// s = normalize(s), allocating only when something changes (most values are already clean).
void normalize_in_place(std::string& s);

// Characters (code points) in `s`, as people count them: "吴晶" has 2. An invalid byte counts 1.
std::size_t length(std::string_view s);

// Byte offsets where the characters of `s` start, and s.size() last: characters i is
// s.substr(at[i], at[i + 1] - at[i]). An invalid byte is a character of its own.
std::vector<std::size_t> char_starts(std::string_view s);

// The first C0 control character (U+0000..U+001F), DEL (U+007F) or C1 control (U+0080..U+009F)
// in `s` not in `allowed` (e.g. "\t\n"): its code point and its position in characters
// (0-based); nullopt when there is none.
// `s` for a terminal or a log: each control character (as first_control finds them; tabs and
// line breaks too) shown as <U+001B>, so that a message echoing bad input cannot drive the
// terminal. Other text unchanged.
std::string printable(std::string_view s);

struct Control {
    char32_t code_point;
    std::size_t position;
};
std::optional<Control> first_control(std::string_view s, std::string_view allowed = {});

// Terminal columns: East Asian wide and fullwidth characters count 2, combining marks 0.
std::size_t display_width(std::string_view s);

// Pads `s` with spaces on the right (or left when `right_align`) to `width` display columns.
std::string pad(std::string_view s, std::size_t width, bool right_align = false);

// Converts `in` from `encoding` (an iconv name, e.g. "GB18030") to UTF-8; throws hlpb::Error.
std::string to_utf8(std::string_view in, const std::string& encoding);

bool starts_with_utf8_bom(std::string_view s);

} // namespace hlpb::text
