// The doctest runner for every unit test in tests/unit.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

namespace hlpb::test {
bool current_test_failed() {
    return doctest::detail::g_cs && doctest::detail::g_cs->numAssertsFailedCurrentTest_atomic > 0;
}
} // namespace hlpb::test
