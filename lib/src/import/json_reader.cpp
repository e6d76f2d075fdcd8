// JSON imports: an array of objects, or JSON Lines. The bytes are scanned (tracking strings,
// escapes and depth) to cut out one top-level object at a time with the line it starts on;
// only that object is parsed, so memory does not grow with the file.
#include "import/byte_stream.hpp"
#include "import/readers.hpp"

#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace hlpb::import::detail {
namespace {

using Json = nlohmann::json;

// Flattens one object into name/value cells (see RecordReader::next).
class FlatSax final : public nlohmann::json_sax<Json> {
public:
    FlatSax(std::vector<std::string>& cells, std::vector<ValueKind>& kinds)
        : m_cells(cells), m_kinds(kinds) {
        m_kinds.clear();
    }

    std::size_t count() const { return m_count; }
    const std::string& error() const { return m_error; }
    std::size_t error_position() const { return m_error_position; }

    bool null() override { return value({}, ValueKind::string); }
    bool boolean(bool v) override { return value(v ? "1" : "0", ValueKind::boolean); }
    bool number_integer(number_integer_t v) override { return integer(v); }
    bool number_unsigned(number_unsigned_t v) override { return integer(v); }
    // `text` is the number as written: 3.50206E+17 stays recognisable as a mangled ID.
    bool number_float(number_float_t, const string_t& text) override {
        return value(text, ValueKind::number);
    }
    bool string(string_t& v) override { return value(v, ValueKind::string); }
    bool binary(binary_t&) override { return fail(tr("binary values are not supported")); }

    bool start_object(std::size_t) override {
        if (m_depth++ == 0)
            return true;
        return fail(trf("'{}': a nested object is not supported", current_key()));
    }
    bool end_object() override {
        --m_depth;
        return true;
    }
    bool key(string_t& k) override {
        if (m_count + 2 > 2 * k_max_cells)
            return fail(tr("more than 10000 keys in one object"));
        slot().assign(k);
        return true;
    }
    bool start_array(std::size_t) override {
        if (m_in_list)
            return fail(trf("'{}': a list inside a list is not supported", current_key()));
        m_in_list = true;
        m_list_first = true;
        slot().clear();
        m_kinds.push_back(ValueKind::string);
        return true;
    }
    bool end_array() override {
        m_in_list = false;
        return true;
    }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& ex) override {
        // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error …"
        std::string_view what = ex.what();
        auto at = what.find("parse error");
        auto colon = at == std::string_view::npos ? at : what.find(": ", at);
        m_error =
            trf("bad JSON: {}", colon == std::string_view::npos ? what : what.substr(colon + 2));
        m_error_position = position;
        return false;
    }

private:
    std::string& slot() {
        if (m_count == m_cells.size())
            m_cells.emplace_back();
        return m_cells[m_count++];
    }
    const std::string& current_key() const {
        static const std::string none;
        if (m_count == 0)
            return none;
        // Inside a list the last cell is the list's value, its key just before.
        return m_cells[m_count - 1 - (m_in_list ? 1 : 0)];
    }
    bool value(std::string_view v, ValueKind kind) {
        if (m_in_list) {
            std::string& c = m_cells[m_count - 1];
            if (!m_list_first)
                c += ';';
            c += v;
            m_list_first = false;
            if (m_kinds.back() == ValueKind::string)
                m_kinds.back() = kind;
            return true;
        }
        slot().assign(v);
        m_kinds.push_back(kind);
        return true;
    }
    template <class T> bool integer(T v) {
        char buf[24];
        auto r = std::to_chars(buf, buf + sizeof buf, v);
        return value(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)),
                     ValueKind::number);
    }
    bool fail(std::string message) {
        m_error = std::move(message);
        return false;
    }

    std::vector<std::string>& m_cells;
    std::vector<ValueKind>& m_kinds; // one per value, in step with the values in m_cells
    std::size_t m_count = 0;
    int m_depth = 0;
    bool m_in_list = false;
    bool m_list_first = false;
    std::string m_error;
    std::size_t m_error_position = std::string::npos;
};

std::string describe(char c) {
    if (static_cast<unsigned char>(c) < 0x20)
        return fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
    if (static_cast<unsigned char>(c) >= 0x80)
        return tr("a non-ASCII character");
    return fmt::format("'{}'", c);
}

class JsonReader final : public RecordReader {
public:
    JsonReader(std::istream& in, std::string name, const std::string& encoding, bool lines,
               std::size_t chunk)
        : m_bytes(in, encoding, chunk), m_name(std::move(name)), m_lines(lines) {}

    bool keyed() const override { return true; }
    std::span<const ValueKind> value_kinds() const override { return m_kinds; }
    std::uint64_t bytes_read() const override { return m_bytes.bytes_read(); }
    std::string decoded_from() const override { return m_bytes.decoded_from(); }
    bool bom() const override { return m_bytes.bom(); }
    bool next(std::vector<std::string>& cells, long& line) override;

private:
    enum class State {
        start,       // nothing read yet
        array_first, // after '['
        array_next,  // after an element
        array_elem,  // after ','
        array_done,  // after ']'
        objects,     // objects one after another (JSON Lines, or a .json file without '[')
        line_rest,   // JSON Lines: after an object, before the end of its line
    };

    bool fill();
    void cut_object(long start_line); // copies one object, from '{' to its '}', into m_object
    void parse_object(std::vector<std::string>& cells, long start_line);
    [[noreturn]] void fail(long line, std::string message) const {
        throw InvalidInput({RowError{m_name, line, "", std::move(message)}});
    }

    ByteStream m_bytes;
    std::string m_name;
    bool m_lines;
    State m_state = State::start;
    std::string_view m_chunk;
    std::size_t m_pos = 0;
    long m_line = 1; // line of the byte at m_pos
    std::string m_object;
    std::vector<ValueKind> m_kinds;
};

bool JsonReader::fill() {
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

bool JsonReader::next(std::vector<std::string>& cells, long& line) {
    for (;;) {
        if (!fill()) {
            if (m_state == State::array_first || m_state == State::array_next ||
                m_state == State::array_elem)
                fail(m_line, tr("the JSON array is never closed (']' missing)"));
            // An empty file is no rows, as an empty CSV is: likely a failed export, not a list
            // that is empty ([]). JSON Lines has no such form: there no lines are no rows.
            if (m_state == State::start && !m_lines)
                fail(m_line, tr("the file is empty: no rows (a file with none holds [])"));
            return false;
        }
        char c = m_chunk[m_pos];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            ++m_pos;
            if (c == '\n') {
                ++m_line;
                if (m_state == State::line_rest)
                    m_state = State::objects;
            }
            continue;
        }
        switch (m_state) {
        case State::start:
            if (c == '[' && !m_lines) {
                ++m_pos;
                m_state = State::array_first;
                continue;
            }
            if (c != '{')
                fail(m_line, m_lines
                                 ? trf("expected a JSON object on each line, found {}", describe(c))
                                 : trf("expected a JSON array of objects or JSON "
                                       "Lines, found {}",
                                       describe(c)));
            m_state = State::objects;
            continue;
        case State::array_first:
            if (c == ']') {
                ++m_pos;
                m_state = State::array_done;
                continue;
            }
            break;
        case State::array_next:
            if (c == ',') {
                ++m_pos;
                m_state = State::array_elem;
                continue;
            }
            if (c == ']') {
                ++m_pos;
                m_state = State::array_done;
                continue;
            }
            fail(m_line, trf("expected ',' or ']' after an object, found {}", describe(c)));
        case State::array_elem:
        case State::objects:
            break;
        case State::array_done:
            fail(m_line, trf("unexpected {} after the end of the JSON array", describe(c)));
        case State::line_rest:
            fail(m_line, trf("unexpected {} after the object (JSON Lines: one object per "
                             "line)",
                             describe(c)));
        }
        // An element: it must be an object.
        if (c != '{')
            fail(m_line, trf("expected an object {{…}}, found {}", describe(c)));
        line = m_line;
        cut_object(line);
        parse_object(cells, line);
        if (m_state == State::objects)
            m_state = m_lines ? State::line_rest : State::objects;
        else
            m_state = State::array_next;
        return true;
    }
}

void JsonReader::cut_object(long start_line) {
    m_object.clear();
    int depth = 0;
    bool in_string = false;
    bool escape = false;
    for (;;) {
        if (!fill())
            fail(start_line,
                 trf("the object that starts on this line is never closed ('}}' missing)"));
        const char* begin = m_chunk.data() + m_pos;
        const char* end = m_chunk.data() + m_chunk.size();
        const char* p = begin;
        bool done = false;
        for (; p < end && !done; ++p) {
            char c = *p;
            if (c == '\n') {
                if (m_lines)
                    fail(start_line, in_string ? tr("a line break inside a string")
                                               : tr("the object is not closed on its line (JSON "
                                                    "Lines: one object per line)"));
                ++m_line;
            }
            if (in_string) {
                if (escape)
                    escape = false;
                else if (c == '\\')
                    escape = true;
                else if (c == '"')
                    in_string = false;
            } else if (c == '"') {
                in_string = true;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                done = --depth == 0;
            }
        }
        m_object.append(begin, p);
        m_pos = static_cast<std::size_t>(p - m_chunk.data());
        if (m_object.size() > k_max_record_bytes)
            fail(start_line, trf("an object longer than 1 MiB: is a '}}' missing?"));
        if (done)
            return;
    }
}

void JsonReader::parse_object(std::vector<std::string>& cells, long start_line) {
    FlatSax sax(cells, m_kinds);
    bool ok = Json::sax_parse(m_object.begin(), m_object.end(), &sax);
    if (!ok) {
        long line = start_line;
        if (sax.error_position() != std::string::npos) {
            std::size_t upto = std::min(sax.error_position(), m_object.size());
            upto = upto > 0 ? upto - 1 : 0;
            line += static_cast<long>(
                std::count(m_object.begin(), m_object.begin() + static_cast<long>(upto), '\n'));
        }
        fail(line, sax.error().empty() ? std::string(tr("bad JSON")) : sax.error());
    }
    cells.resize(sax.count());
}

} // namespace

std::unique_ptr<RecordReader> make_json_reader(std::istream& in, const std::string& name,
                                               const std::string& encoding, bool lines,
                                               std::size_t chunk) {
    return std::make_unique<JsonReader>(in, name, encoding, lines, chunk);
}

} // namespace hlpb::import::detail
