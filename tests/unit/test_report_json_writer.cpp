// JsonWriter writes the bytes nlohmann's dump(2, ' ', false, replace) gives for the same document.
#include "report/json_writer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

using hlpb::report::detail::append_json_string;
using hlpb::report::detail::JsonWriter;

namespace {

std::string nlohmann_dump(const nlohmann::json& j) {
    return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

TEST_CASE("JsonWriter escapes strings as nlohmann does, invalid UTF-8 included") {
    std::vector<std::string> cases = {
        "", "plain", "say \"hi\" \\ back/slash", "湖里街道第一联建片", "emoji 😀 4 bytes",
        "tab\there\nnew\rret\fform\bback", std::string("nul\0in", 6), "\x7f del",
        // Invalid: a lone byte, a cut sequence, overlong forms, a surrogate, past U+10FFFF.
        "\xff", "a\xc3", "a\xc3z", "\xe6\xb9", "\xe6\xb9x", "\xc0\xaf", "\xe0\x80\x80",
        "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xf0\x9f\x98", "ok\xe6\xb9\x96\xff\xfe end"};
    for (int c = 0; c < 0x20; ++c)
        cases.push_back(std::string("<") + static_cast<char>(c) + ">");
    for (const auto& s : cases) {
        std::string out;
        append_json_string(out, s);
        CHECK_MESSAGE(out == nlohmann_dump(nlohmann::json(s)), s);
    }
}

TEST_CASE("JsonWriter writes numbers, literals and nesting as nlohmann's dump(2)") {
    const std::vector<double> doubles = {900.0,
                                         0.625,
                                         0.9359,
                                         1e-05,
                                         1e20,
                                         123.45,
                                         -4.52,
                                         0.1 + 0.2,
                                         1e16,
                                         1e15,
                                         -0.0,
                                         5e-324,
                                         std::numeric_limits<double>::max(),
                                         std::nan(""),
                                         77.32};
    std::string out;
    JsonWriter w(out);
    w.begin_object();
    w.key("a_empty_array").begin_array().end_array();
    w.key("b_empty_object").begin_object().end_object();
    w.key("c_doubles").begin_array();
    for (double d : doubles)
        w.value(d);
    w.end_array();
    w.field("d_false", false)
        .field("d_true", true)
        .field("e_int_max", std::numeric_limits<long long>::max())
        .field("e_int_min", std::numeric_limits<long long>::min())
        .field("e_size", std::numeric_limits<std::size_t>::max())
        .field("f_null", std::optional<long>())
        .field("f_some", std::optional<long>(-3))
        .field("g_strings", std::vector<std::string>{"x", "湖里"});
    w.key("h_nested").begin_array().begin_object().field("k", 1).end_object();
    w.begin_array().value(1).value("two").end_array().end_array();
    w.end_object();

    nlohmann::json j = {{"a_empty_array", nlohmann::json::array()},
                        {"b_empty_object", nlohmann::json::object()},
                        {"c_doubles", doubles},
                        {"d_false", false},
                        {"d_true", true},
                        {"e_int_max", std::numeric_limits<long long>::max()},
                        {"e_int_min", std::numeric_limits<long long>::min()},
                        {"e_size", std::numeric_limits<std::size_t>::max()},
                        {"f_null", nullptr},
                        {"f_some", -3},
                        {"g_strings", nlohmann::json::array({"x", "湖里"})},
                        {"h_nested", {{{"k", 1}}, {1, "two"}}}};
    CHECK(out == nlohmann_dump(j));
}

TEST_CASE("JsonWriter refuses a key out of nlohmann's order") {
    std::string out;
    JsonWriter w(out);
    w.begin_object().field("b", 1);
    CHECK_THROWS_AS(w.key("a"), std::logic_error);
    CHECK_THROWS_AS(w.key("b"), std::logic_error); // repeated
    // Bytewise, as std::map orders them: "_" (0x5f) before "s" (0x73).
    std::string out2;
    JsonWriter w2(out2);
    w2.begin_object().field("member_honors", 1);
    CHECK_NOTHROW(w2.field("members_honored", 2));
    CHECK_THROWS_AS(w2.key("member_x"), std::logic_error);
}
