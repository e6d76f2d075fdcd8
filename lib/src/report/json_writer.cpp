#include "report/json_writer.hpp"

#include <nlohmann/json.hpp>

#include <charconv>
#include <stdexcept>

namespace hlpb::report::detail {
namespace {

// Well-formed UTF-8 (Unicode Table 3-7): the sequences nlohmann's decoder accepts.
bool valid_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    auto cont = [&](const unsigned char* q, unsigned char lo, unsigned char hi) {
        return q < end && *q >= lo && *q <= hi;
    };
    while (p < end) {
        const unsigned char c = *p;
        if (c < 0x80) {
            ++p;
        } else if (c >= 0xC2 && c <= 0xDF) {
            if (!cont(p + 1, 0x80, 0xBF))
                return false;
            p += 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
            const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
            if (!cont(p + 1, lo, hi) || !cont(p + 2, 0x80, 0xBF))
                return false;
            p += 3;
        } else if (c >= 0xF0 && c <= 0xF4) {
            const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
            const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
            if (!cont(p + 1, lo, hi) || !cont(p + 2, 0x80, 0xBF) || !cont(p + 3, 0x80, 0xBF))
                return false;
            p += 4;
        } else {
            return false;
        }
    }
    return true;
}

void append_escape(std::string& out, unsigned char c) {
    switch (c) {
    case '"':
        out += "\\\"";
        break;
    case '\\':
        out += "\\\\";
        break;
    case '\b':
        out += "\\b";
        break;
    case '\t':
        out += "\\t";
        break;
    case '\n':
        out += "\\n";
        break;
    case '\f':
        out += "\\f";
        break;
    case '\r':
        out += "\\r";
        break;
    default: { // the other control characters, as nlohmann writes them: \u001f
        static constexpr char k_hex[] = "0123456789abcdef";
        const char u[] = {'\\', 'u', '0', '0', k_hex[c >> 4], k_hex[c & 0xF]};
        out.append(u, sizeof u);
    }
    }
}

} // namespace

void append_json_string(std::string& out, std::string_view s) {
    if (!valid_utf8(s)) { // rare (none in a checked database): nlohmann's own replacement
        out += nlohmann::json(std::string(s))
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
    }
    out += '"';
    std::size_t run = 0; // start of the bytes not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(s.data() + run, i - run);
        append_escape(out, c);
        run = i + 1;
    }
    out.append(s.data() + run, s.size() - run);
    out += '"';
}

void JsonWriter::indent() {
    m_out.append(2 * m_levels.size(), ' ');
}

void JsonWriter::before_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_levels.empty())
        return; // the document itself
    Level& l = m_levels.back();
    if (l.object)
        throw std::logic_error("JsonWriter: a value in an object needs a key");
    m_out += l.empty ? "\n" : ",\n";
    l.empty = false;
    indent();
}

JsonWriter& JsonWriter::key(std::string_view k) {
    if (m_levels.empty() || !m_levels.back().object || m_after_key)
        throw std::logic_error("JsonWriter: a key outside an object");
    Level& l = m_levels.back();
    if (!l.empty && k <= std::string_view(l.last_key))
        throw std::logic_error("JsonWriter: key '" + std::string(k) + "' after '" + l.last_key +
                               "' (keys go in ascending order)");
    m_out += l.empty ? "\n" : ",\n";
    l.empty = false;
    l.last_key.assign(k);
    indent();
    append_json_string(m_out, k);
    m_out += ": ";
    m_after_key = true;
    return *this;
}

void JsonWriter::open(bool object, char c) {
    before_value();
    m_out += c;
    m_levels.push_back({object, true, {}});
}

void JsonWriter::close(bool object, char c) {
    if (m_levels.empty() || m_levels.back().object != object || m_after_key)
        throw std::logic_error("JsonWriter: unbalanced end of an object or array");
    const bool empty = m_levels.back().empty;
    m_levels.pop_back();
    if (!empty) {
        m_out += '\n';
        indent();
    }
    m_out += c;
}

JsonWriter& JsonWriter::begin_object() {
    open(true, '{');
    return *this;
}

JsonWriter& JsonWriter::end_object() {
    close(true, '}');
    return *this;
}

JsonWriter& JsonWriter::begin_array() {
    open(false, '[');
    return *this;
}

JsonWriter& JsonWriter::end_array() {
    close(false, ']');
    return *this;
}

JsonWriter& JsonWriter::null() {
    before_value();
    m_out += "null";
    return *this;
}

JsonWriter& JsonWriter::value(std::string_view s) {
    before_value();
    append_json_string(m_out, s);
    return *this;
}

JsonWriter& JsonWriter::value(bool b) {
    before_value();
    m_out += b ? "true" : "false";
    return *this;
}

JsonWriter& JsonWriter::value(double d) {
    before_value();
    m_out += nlohmann::json(d).dump(); // a few dozen in a report: nlohmann's own digits
    return *this;
}

JsonWriter& JsonWriter::integer(std::int64_t v) {
    before_value();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    m_out.append(buf, r.ptr);
    return *this;
}

JsonWriter& JsonWriter::unsigned_integer(std::uint64_t v) {
    before_value();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    m_out.append(buf, r.ptr);
    return *this;
}

JsonWriter& JsonWriter::value(const std::vector<std::string>& strings) {
    begin_array();
    for (const auto& s : strings)
        value(s);
    return end_array();
}

} // namespace hlpb::report::detail
