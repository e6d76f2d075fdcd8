// Unit tests for the order of a score import's bulk load (import/score_run.hpp): the radix sort of
// packed keys gives score_entry's key order, field by field, and values that do not pack fall
// back to the comparison sort.
#include "import/score_run.hpp"

#include <hlpb/vocab.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <random>
#include <vector>

namespace detail = hlpb::import::detail;
using Upsert = hlpb::db::ScoreWriter::Upsert;
using std::chrono::month;
using std::chrono::year;

namespace {

// `n` rows over three months around a year's end, orgs with ids far apart, every category, the
// extreme points, in random order.
std::vector<Upsert> shuffled_rows(std::size_t n, std::int64_t org_base) {
    const auto categories = hlpb::vocab::score_categories();
    const hlpb::Month months[] = {year{2025} / month{12}, year{2026} / month{1},
                                  year{2026} / month{11}};
    std::mt19937 rng(7);
    std::vector<Upsert> rows;
    for (std::size_t i = 0; i < n; ++i) {
        Upsert u{};
        u.org = org_base + static_cast<std::int64_t>(rng() % 300) * 997;
        u.category = categories[rng() % categories.size()].key;
        u.month = months[rng() % 3];
        const int pick = static_cast<int>(rng() % 10);
        u.points = pick == 0 ? -10000 : pick == 1 ? 10000 : static_cast<int>(rng() % 21) - 10;
        rows.push_back(u);
    }
    return rows;
}

bool same_fields(const Upsert& a, const Upsert& b) {
    return a.org == b.org && a.month == b.month && a.category == b.category && a.points == b.points;
}

} // namespace

TEST_CASE("score import's bulk order: packed keys order rows as the index does, field by field") {
    const auto categories = hlpb::vocab::score_categories();
    Upsert a{1, categories[0].key, nullptr, year{2026} / month{1}, -10000};
    Upsert b = a;
    b.points = 10000;
    CHECK(*detail::packed_key(a) < *detail::packed_key(b));
    for (const auto& x : categories)
        for (const auto& y : categories) {
            Upsert u = a, v = a;
            u.category = x.key;
            v.category = y.key;
            CHECK(detail::key_order(u, v) == (*detail::packed_key(u) < *detail::packed_key(v)));
        }
    Upsert next_year = a;
    next_year.month = year{2027} / month{1};
    next_year.org = 0;
    CHECK(*detail::packed_key(a) < *detail::packed_key(next_year));

    // What does not pack: an org id of 2^32, a month before 1900, points below k_score_points or
    // past 15 bits above its minimum.
    Upsert big = a;
    big.org = std::int64_t{1} << 32;
    CHECK_FALSE(detail::packed_key(big));
    Upsert old = a;
    old.month = year{1899} / month{12};
    CHECK_FALSE(detail::packed_key(old));
    Upsert low = a;
    low.points = -10001;
    CHECK_FALSE(detail::packed_key(low));
    Upsert high = a;
    high.points = 32768 - 10000;
    CHECK_FALSE(detail::packed_key(high));
}

TEST_CASE("score import's bulk order: the radix sort equals a stable sort by the fields") {
    for (const std::int64_t base : {std::int64_t{1}, std::int64_t{4'000'000'000}}) {
        CAPTURE(base); // the second: ids past 2^32, the comparison sort
        std::vector<Upsert> rows = shuffled_rows(20000, base);
        std::vector<Upsert> expected = rows;
        std::stable_sort(expected.begin(), expected.end(), detail::key_order);
        detail::sort_run(rows);
        REQUIRE(rows.size() == expected.size());
        CHECK(std::is_sorted(rows.begin(), rows.end(), detail::key_order));
        if (base == 1) // equal keys keep their order: the same rows as the stable sort
            CHECK(std::equal(rows.begin(), rows.end(), expected.begin(), same_fields));
    }
    std::vector<Upsert> none;
    detail::sort_run(none);
    CHECK(none.empty());
}
