// RFC 4180 CSV as Excel and WPS write it, parsed by a state machine that keeps no more than
// the current record in memory.
#include "import/byte_stream.hpp"
#include "import/readers.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>

#include <array>

namespace hlpb::import::detail {
namespace {

// Bytes that end an unquoted cell.
constexpr std::array<bool, 256> k_unquoted_stop = [] {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(',')] = true;
    t[static_cast<unsigned char>('\r')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    return t;
}();

// Bytes that interrupt a quoted cell: its end (or an escaped quote), and line ends to count.
constexpr std::array<bool, 256> k_quoted_stop = [] {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>('"')] = true;
    t[static_cast<unsigned char>('\r')] = true;
    t[static_cast<unsigned char>('\n')] = true;
    return t;
}();

// Lines end with LF, CRLF or a lone CR, inside quotes too; a row's line is where it starts.
// Lenient where Excel is: a quote inside an unquoted cell is kept as text, and so is text
// between a closing quote and the next comma (`"a"b` reads as `ab`).
class CsvReader final : public RecordReader {
public:
    CsvReader(std::istream& in, std::string name, const std::string& encoding, std::size_t chunk)
        : m_bytes(in, encoding, chunk), m_name(std::move(name)) {}

    bool keyed() const override { return false; }
    std::uint64_t bytes_read() const override { return m_bytes.bytes_read(); }
    std::string decoded_from() const override { return m_bytes.decoded_from(); }
    bool bom() const override { return m_bytes.bom(); }
    bool next(std::vector<std::string>& cells, long& line) override;

private:
    enum class State { cell_start, unquoted, quoted, quote_in_quoted };

    // Makes m_pos point at an unread byte; false at the end of the input.
    bool fill();
    [[noreturn]] void fail(long line, std::string message) const {
        throw InvalidInput({RowError{m_name, line, "", std::move(message)}});
    }

    ByteStream m_bytes;
    std::string m_name;
    std::string_view m_chunk;
    std::size_t m_pos = 0;
    long m_line = 1;        // line of the byte at m_pos
    bool m_skip_lf = false; // the last row ended with CR: an LF right after it is part of it
};

bool CsvReader::fill() {
    while (m_pos == m_chunk.size()) {
        switch (m_bytes.next(m_chunk)) {
        case ByteStream::Status::data:
            m_pos = 0;
            break;
        case ByteStream::Status::end:
            m_chunk = {};
            m_pos = 0;
            return false;
        case ByteStream::Status::error:
            fail(m_line, m_bytes.error());
        }
    }
    return true;
}

bool CsvReader::next(std::vector<std::string>& cells, long& line) {
    if (m_skip_lf) {
        m_skip_lf = false;
        if (fill() && m_chunk[m_pos] == '\n')
            ++m_pos;
    }
    if (!fill())
        return false;
    line = m_line;

    std::size_t count = 0; // cells started
    auto begin_cell = [&]() -> std::string& {
        if (count == k_max_cells)
            fail(line, tr("more than 10000 cells in one row"));
        if (count == cells.size())
            cells.emplace_back();
        else
            cells[count].clear();
        return cells[count++];
    };
    std::string* cell = &begin_cell();
    State state = State::cell_start;
    long quote_line = 0;
    bool after_cr = false; // inside quotes, the last byte was CR
    std::size_t size = 0;  // bytes in the row's cells so far
    auto grow = [&](std::size_t n) {
        size += n;
        if (size <= k_max_record_bytes)
            return;
        if (state == State::unquoted)
            fail(line, tr("a row longer than 1 MiB"));
        fail(quote_line,
             tr("a row longer than 1 MiB from the quoted cell that starts on this line: "
                "is its closing quote missing?"));
    };

    for (;;) {
        if (m_pos == m_chunk.size() && !fill()) {
            if (state == State::quoted)
                fail(quote_line, tr("unterminated quote: the quoted cell that starts on this line "
                                    "is never closed"));
            break; // the last row need not end with a line break
        }
        const char* begin = m_chunk.data() + m_pos;
        const char* end = m_chunk.data() + m_chunk.size();
        switch (state) {
        case State::cell_start:
            if (*begin == '"') {
                state = State::quoted;
                quote_line = m_line;
                after_cr = false;
                ++m_pos;
                continue;
            }
            state = State::unquoted;
            [[fallthrough]];
        case State::unquoted: {
            const char* p = begin;
            while (p < end && !k_unquoted_stop[static_cast<unsigned char>(*p)])
                ++p;
            cell->append(begin, p);
            grow(static_cast<std::size_t>(p - begin));
            m_pos = static_cast<std::size_t>(p - m_chunk.data());
            if (p == end)
                continue;
            ++m_pos;
            if (*p == ',') {
                cell = &begin_cell();
                state = State::cell_start;
                continue;
            }
            ++m_line;
            m_skip_lf = *p == '\r';
            cells.resize(count);
            return true;
        }
        case State::quoted: {
            const char* p = begin;
            while (p < end && !k_quoted_stop[static_cast<unsigned char>(*p)])
                ++p;
            if (p != begin) {
                cell->append(begin, p);
                after_cr = false;
                grow(static_cast<std::size_t>(p - begin));
            }
            m_pos = static_cast<std::size_t>(p - m_chunk.data());
            if (p == end)
                continue;
            ++m_pos;
            if (*p == '"') {
                state = State::quote_in_quoted;
                continue;
            }
            cell->push_back(*p);
            grow(1);
            if (*p == '\r')
                ++m_line;
            else if (!after_cr)
                ++m_line; // LF, not the second half of CRLF
            after_cr = *p == '\r';
            continue;
        }
        case State::quote_in_quoted:
            if (*begin == '"') { // "" is one quote
                cell->push_back('"');
                grow(1);
                ++m_pos;
                after_cr = false;
                state = State::quoted;
                continue;
            }
            state = State::unquoted; // that was the closing quote
            continue;
        }
    }
    cells.resize(count);
    return true;
}

} // namespace

std::unique_ptr<RecordReader> make_csv_reader(std::istream& in, const std::string& name,
                                              const std::string& encoding, std::size_t chunk) {
    return std::make_unique<CsvReader>(in, name, encoding, chunk);
}

} // namespace hlpb::import::detail
