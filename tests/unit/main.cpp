// The doctest runner for every unit test in tests/unit. Tests run in English (the messages as the
// source writes them); a test about Chinese sets the language itself and restores it.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <hlpb/i18n.hpp>

namespace hlpb::test {
bool current_test_failed() {
    return doctest::detail::g_cs && doctest::detail::g_cs->numAssertsFailedCurrentTest_atomic > 0;
}
} // namespace hlpb::test

int main(int argc, char** argv) {
    hlpb::i18n::set_language("en");
    doctest::Context context(argc, argv);
    return context.run();
}
