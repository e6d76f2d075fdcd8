// The bytes under every import reader: an input read in fixed chunks, converted to UTF-8 with
// iconv when an encoding is given, a leading BOM dropped, and checked to be valid UTF-8.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::import::detail {

class ByteStream {
public:
    static constexpr std::size_t k_chunk = 64 * 1024;

    enum class Status { data, end, error };

    // `in` is not owned and must outlive the stream. `encoding` is an iconv name, compared
    // case-insensitively; empty, "utf-8" or "utf8" read UTF-8 as is. A file that starts with a
    // UTF-8 BOM is read as UTF-8 whatever `encoding` says (the BOM is unambiguous, and it lets
    // an errors-out file written by hlpb be imported again by the same script). Throws
    // InvalidInput("--encoding", …) for an encoding iconv does not know. `chunk` (bytes per
    // read) is for tests and fuzzing, which use tiny ones to exercise every boundary.
    ByteStream(std::istream& in, const std::string& encoding, std::size_t chunk = k_chunk);
    ~ByteStream();
    ByteStream(const ByteStream&) = delete;
    ByteStream& operator=(const ByteStream&) = delete;

    // The next piece of valid UTF-8 (non-empty when Status::data), valid until the next call.
    // Pieces never split a character. Once the input turns out undecodable, the valid part
    // before the bad bytes is returned first and the following call returns Status::error,
    // with error() saying what is wrong (the caller knows the line). Throws hlpb::Error when
    // the input cannot be read.
    Status next(std::string_view& piece);

    const std::string& error() const { return m_error; }
    // Once the first piece was returned: the iconv name the input was converted from, or ""
    // when it was read as UTF-8; and whether it started with a byte order mark (dropped).
    std::string decoded_from() const { return m_iconv ? m_encoding : std::string(); }
    bool bom() const { return m_bom; }
    std::uint64_t bytes_read() const { return m_bytes_read; } // raw input bytes so far

private:
    bool read_more(); // appends up to m_chunk raw bytes to m_raw; false at the end of input
    Status next_utf8(std::string_view& piece);
    Status next_converted(std::string_view& piece);

    std::istream& m_in;
    std::size_t m_chunk;
    std::string m_encoding;  // the --encoding value as given, for messages
    void* m_iconv = nullptr; // iconv_t; null when reading UTF-8
    std::vector<char> m_raw; // raw bytes; [m_raw_pos, m_raw_len) not yet used
    std::size_t m_raw_pos = 0;
    std::size_t m_raw_len = 0;
    std::vector<char> m_out; // converted bytes (iconv only)
    bool m_eof = false;
    bool m_started = false;        // BOM handled
    bool m_failed = false;         // next call returns Status::error
    bool m_output_started = false; // some converted text was returned
    bool m_bom = false;
    std::string m_error;
    std::uint64_t m_bytes_read = 0;
};

// UTF-8 text converted to another encoding for writing (an --errors-out file in the input's
// encoding). A character the encoding lacks becomes '?'.
class TextEncoder {
public:
    // `encoding` as ByteStream's; empty, "utf-8" or "utf8": the text stays as it is.
    explicit TextEncoder(const std::string& encoding);
    ~TextEncoder();
    TextEncoder(const TextEncoder&) = delete;
    TextEncoder& operator=(const TextEncoder&) = delete;

    // The bytes of `utf8` in the encoding, valid until the next call.
    std::string_view encode(std::string_view utf8);

private:
    void* m_iconv = nullptr; // iconv_t; null for UTF-8
    std::string m_out;
};

} // namespace hlpb::import::detail
