// A JSON text written straight into a string, with the bytes of nlohmann::json's
// dump(2, ' ', false, error_handler_t::replace) of the same document (indentation, escaping,
// numbers), without building the tree: the monthly report is 36 MB at the benchmark's scale.
#pragma once

#include <concepts>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hlpb::report::detail {

// Usage: w.begin_object(); w.field("a", 1).field("b", "x"); w.key("c").begin_array(); ...
// The keys of an object must come in nlohmann's order (bytewise ascending, as its std::map has
// them): a key out of order or repeated throws std::logic_error, so a key added in the wrong place
// fails the first test that writes it instead of changing the bytes.
class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : m_out(out) {}

    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    JsonWriter& key(std::string_view k); // in an object; the value follows

    JsonWriter& null();
    JsonWriter& value(std::string_view s); // invalid UTF-8 becomes U+FFFD as in nlohmann
    JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
    JsonWriter& value(const char* s) { return value(std::string_view(s)); }
    JsonWriter& value(bool b);
    JsonWriter& value(double d); // nlohmann's shortest round-trip form (900.0, 0.625, 1e-05)
    template <std::integral T> JsonWriter& value(T v) {
        if constexpr (std::is_signed_v<T>)
            return integer(static_cast<std::int64_t>(v));
        else
            return unsigned_integer(static_cast<std::uint64_t>(v));
    }
    template <class T> JsonWriter& value(const std::optional<T>& v) {
        return v ? value(*v) : null();
    }
    JsonWriter& value(const std::vector<std::string>& strings); // an array of strings

    template <class T> JsonWriter& field(std::string_view k, const T& v) { return key(k).value(v); }

private:
    struct Level {
        bool object = false;
        bool empty = true;
        std::string last_key; // objects: the key written last
    };
    JsonWriter& integer(std::int64_t v);
    JsonWriter& unsigned_integer(std::uint64_t v);
    void before_value(); // the separator and indentation an array element needs
    void open(bool object, char c);
    void close(bool object, char c);
    void indent();

    std::string& m_out;
    std::vector<Level> m_levels;
    bool m_after_key = false;
};

// Appends `s` as a JSON string (quoted, escaped) to `out`.
void append_json_string(std::string& out, std::string_view s);

} // namespace hlpb::report::detail
