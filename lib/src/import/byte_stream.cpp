#include "import/byte_stream.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iconv.h>

namespace hlpb::import::detail {
namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";
// Below this many unused bytes the stream reads more before decoding, so that no character
// (at most 4 bytes in UTF-8, fewer than this in any iconv encoding) is cut in two.
constexpr std::size_t k_min_avail = 16;

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::string upper_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// Bytes at the end of `s` that begin a UTF-8 sequence `s` does not complete (0 to 3).
std::size_t incomplete_tail(std::string_view s) {
    std::size_t n = s.size();
    for (std::size_t back = 1; back <= 4 && back <= n; ++back) {
        auto c = static_cast<unsigned char>(s[n - back]);
        if ((c & 0xC0) == 0x80)
            continue; // a continuation byte: keep looking for the lead
        std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
        return len > back ? back : 0;
    }
    return 0;
}

iconv_t as_iconv(void* p) {
    return static_cast<iconv_t>(p);
}

} // namespace

ByteStream::ByteStream(std::istream& in, const std::string& encoding, std::size_t chunk)
    : m_in(in), m_chunk(chunk > 0 ? chunk : 1), m_encoding(encoding) {
    m_raw.resize(m_chunk + k_min_avail);
    std::string lower = lower_ascii(encoding);
    if (!encoding.empty() && lower != "utf-8" && lower != "utf8") {
        iconv_t cd = iconv_open("UTF-8", upper_ascii(encoding).c_str());
        if (cd == reinterpret_cast<iconv_t>(-1))
            throw InvalidInput("--encoding", trf("unknown encoding '{}' (try gb18030)", encoding));
        m_iconv = cd;
        // GB18030 takes at most 4 bytes to one character of at most 4 UTF-8 bytes; other
        // encodings may expand more, and E2BIG is handled anyway.
        m_out.resize(2 * m_chunk + 64);
    }
}

ByteStream::~ByteStream() {
    if (m_iconv)
        iconv_close(as_iconv(m_iconv));
}

bool ByteStream::read_more() {
    if (m_eof)
        return false;
    // Keep the unused bytes, at the front.
    if (m_raw_pos > 0) {
        std::memmove(m_raw.data(), m_raw.data() + m_raw_pos, m_raw_len - m_raw_pos);
        m_raw_len -= m_raw_pos;
        m_raw_pos = 0;
    }
    if (m_raw.size() < m_raw_len + m_chunk)
        m_raw.resize(m_raw_len + m_chunk);
    m_in.read(m_raw.data() + m_raw_len, static_cast<std::streamsize>(m_chunk));
    auto n = static_cast<std::size_t>(m_in.gcount());
    if (n < m_chunk) {
        if (m_in.bad())
            throw Error(trf("cannot read the input: {}", hlpb::i18n::system_error(errno)));
        m_eof = true;
    }
    m_raw_len += n;
    m_bytes_read += n;
    return n > 0;
}

ByteStream::Status ByteStream::next(std::string_view& piece) {
    if (m_failed)
        return Status::error;
    if (!m_started) {
        m_started = true;
        while (m_raw_len < k_bom.size() && read_more()) {
        }
        std::string_view head(m_raw.data(), m_raw_len);
        bool bom = head.starts_with(k_bom);
        if (bom)
            m_raw_pos = k_bom.size();
        m_bom = bom;
        if (m_iconv) {
            // Text that is valid UTF-8 with some non-ASCII in it is, in practice, never
            // GB18030 or any other legacy encoding: read it as UTF-8 rather than turn it into
            // mojibake (a script that always passes --encoding gb18030 gets a UTF-8 file).
            std::string_view body =
                head.substr(0, head.size() - (m_eof ? 0 : incomplete_tail(head)));
            bool non_ascii = std::any_of(body.begin(), body.end(), [](char c) {
                return static_cast<unsigned char>(c) >= 0x80;
            });
            if (bom || (non_ascii && !text::first_invalid_utf8(body))) {
                iconv_close(as_iconv(m_iconv));
                m_iconv = nullptr;
            }
        }
    }
    return m_iconv ? next_converted(piece) : next_utf8(piece);
}

ByteStream::Status ByteStream::next_utf8(std::string_view& piece) {
    for (;;) {
        if (m_raw_len - m_raw_pos < k_min_avail && !m_eof)
            read_more();
        std::string_view avail(m_raw.data() + m_raw_pos, m_raw_len - m_raw_pos);
        if (avail.empty())
            return Status::end;
        std::size_t tail = m_eof ? 0 : incomplete_tail(avail);
        std::string_view body = avail.substr(0, avail.size() - tail);
        if (body.empty())
            continue; // only part of a character so far (tiny reads): read more
        if (auto bad = text::first_invalid_utf8(body)) {
            m_failed = true;
            m_error = tr("not valid UTF-8 (saved by Excel/WPS as GB18030? try --encoding gb18030)");
            m_raw_pos = m_raw_len;
            if (*bad == 0)
                return Status::error;
            piece = body.substr(0, *bad);
            return Status::data;
        }
        piece = body;
        m_raw_pos += body.size();
        return Status::data;
    }
}

ByteStream::Status ByteStream::next_converted(std::string_view& piece) {
    iconv_t cd = as_iconv(m_iconv);
    for (;;) {
        if (m_raw_len - m_raw_pos < k_min_avail && !m_eof)
            read_more();
        char* out = m_out.data();
        std::size_t out_left = m_out.size();
        std::size_t result = 0;
        int error = 0;
        if (m_raw_pos == m_raw_len) {
            if (!m_eof)
                continue;
            // End of input: flush any shift state (stateful encodings), then stop.
            result = iconv(cd, nullptr, nullptr, &out, &out_left);
            if (result == static_cast<std::size_t>(-1))
                error = errno;
            if (out_left == m_out.size() && error == 0)
                return Status::end;
        } else {
            char* in = m_raw.data() + m_raw_pos;
            std::size_t in_left = m_raw_len - m_raw_pos;
            result = iconv(cd, &in, &in_left, &out, &out_left);
            if (result == static_cast<std::size_t>(-1))
                error = errno;
            m_raw_pos = m_raw_len - in_left;
        }
        std::size_t produced = m_out.size() - out_left;
        if (error == EINVAL && !m_eof) {
            // A character cut by the end of what was read: convert it once more is read.
            if (produced == 0) {
                read_more();
                continue;
            }
            error = 0; // completed on the next call
        }
        if (error != 0 && error != E2BIG) {
            m_failed = true;
            m_error = error == EINVAL
                          ? trf("ends inside a character: not valid {} (is --encoding right?)",
                                m_encoding)
                          : trf("not valid {} (is --encoding right?)", m_encoding);
            m_raw_pos = m_raw_len;
        }
        std::string_view got(m_out.data(), produced);
        if (!got.empty() && !m_output_started) {
            m_output_started = true;
            if (got.starts_with(k_bom)) { // U+FEFF from a UTF-16 or GB18030 byte order mark
                got.remove_prefix(k_bom.size());
                m_bom = true;
            }
        }
        if (!got.empty()) {
            piece = got;
            return Status::data;
        }
        if (m_failed)
            return Status::error;
    }
}

TextEncoder::TextEncoder(const std::string& encoding) {
    std::string lower = lower_ascii(encoding);
    if (encoding.empty() || lower == "utf-8" || lower == "utf8")
        return;
    iconv_t cd = iconv_open(upper_ascii(encoding).c_str(), "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw InvalidInput("--encoding", trf("unknown encoding '{}' (try gb18030)", encoding));
    m_iconv = cd;
}

TextEncoder::~TextEncoder() {
    if (m_iconv)
        iconv_close(as_iconv(m_iconv));
}

std::string_view TextEncoder::encode(std::string_view utf8) {
    if (!m_iconv)
        return utf8;
    iconv_t cd = as_iconv(m_iconv);
    m_out.resize(utf8.size() * 2 + 16);
    // iconv takes a non-const input pointer but does not write through it.
    char* in = const_cast<char*>(utf8.data());
    std::size_t in_left = utf8.size();
    std::size_t used = 0;
    while (in_left > 0) {
        char* out = m_out.data() + used;
        std::size_t out_left = m_out.size() - used;
        std::size_t r = iconv(cd, &in, &in_left, &out, &out_left);
        used = m_out.size() - out_left;
        if (r != static_cast<std::size_t>(-1))
            break;
        if (errno == E2BIG) {
            m_out.resize(m_out.size() * 2);
        } else { // a character the encoding lacks (or invalid UTF-8): '?' and the next one
            std::size_t skip = 1;
            while (skip < in_left && (static_cast<unsigned char>(in[skip]) & 0xC0) == 0x80)
                ++skip;
            in += skip;
            in_left -= skip;
            if (used == m_out.size())
                m_out.resize(m_out.size() * 2);
            m_out[used++] = '?';
        }
    }
    // Back to the initial shift state (stateful encodings), so that each piece stands alone.
    m_out.resize(used + 16);
    char* out = m_out.data() + used;
    std::size_t out_left = m_out.size() - used;
    iconv(cd, nullptr, nullptr, &out, &out_left);
    used = m_out.size() - out_left;
    return {m_out.data(), used};
}

} // namespace hlpb::import::detail
