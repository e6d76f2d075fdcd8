// The record readers behind make_record_reader: CSV (csv_reader.cpp) and JSON (json_reader.cpp).
#pragma once

#include "import/byte_stream.hpp"

#include <hlpb/import/source.hpp>

#include <cstddef>
#include <memory>
#include <string>

namespace hlpb::import::detail {

// Longest row (CSV, the bytes of its cells) or object (JSON) accepted: a bound on memory when
// a quote or a brace is never closed.
constexpr std::size_t k_max_record_bytes = 1024 * 1024;
// Most cells in one CSV row (or keys in one JSON object).
constexpr std::size_t k_max_cells = 10000;

// `chunk`: bytes per read, as ByteStream's.
std::unique_ptr<RecordReader> make_csv_reader(std::istream& in, const std::string& name,
                                              const std::string& encoding,
                                              std::size_t chunk = ByteStream::k_chunk);
// `lines`: JSON Lines, one object per line; otherwise an array or a sequence of objects.
std::unique_ptr<RecordReader> make_json_reader(std::istream& in, const std::string& name,
                                               const std::string& encoding, bool lines,
                                               std::size_t chunk = ByteStream::k_chunk);

} // namespace hlpb::import::detail
