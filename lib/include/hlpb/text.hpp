// UTF-8 text helpers: validation, normalisation of spreadsheet input, terminal display width.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hlpb::text {

// Byte offset of the first invalid UTF-8 sequence, or nullopt when `s` is valid UTF-8.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

// Trims ASCII whitespace, U+3000 (ideographic space) and U+00A0 at both ends.
std::string trim(std::string_view s);

// Full-width ASCII forms (U+FF01..U+FF5E) to ASCII, U+3000 to space; other text unchanged.
std::string to_half_width(std::string_view s);

// trim(to_half_width(s)): what every imported or typed value goes through first.
std::string normalize(std::string_view s);

// Terminal columns: East Asian wide and fullwidth characters count 2, combining marks 0.
std::size_t display_width(std::string_view s);

// Pads `s` with spaces on the right (or left when `right_align`) to `width` display columns.
std::string pad(std::string_view s, std::size_t width, bool right_align = false);

// Converts `in` from `encoding` (an iconv name, e.g. "GB18030") to UTF-8; throws hlpb::Error.
std::string to_utf8(std::string_view in, const std::string& encoding);

bool starts_with_utf8_bom(std::string_view s);

} // namespace hlpb::text
