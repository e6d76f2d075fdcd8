// Unit tests for hlpb/date.hpp: spellings, calendar validity, month arithmetic, HLPB_TODAY.
#include <hlpb/date.hpp>
#include <hlpb/error.hpp>

#include <doctest/doctest.h>

#include <cstdlib>
#include <optional>
#include <string>

using namespace std::chrono;

namespace {

hlpb::Date ymd(int y, unsigned m, unsigned d) {
    return hlpb::Date{year{y}, month{m}, day{d}};
}

hlpb::Month ym(int y, unsigned m) {
    return hlpb::Month{year{y}, month{m}};
}

// Sets or clears HLPB_TODAY for one scope and restores what was there before.
class TodayOverride {
public:
    explicit TodayOverride(const char* value) {
        if (const char* old = std::getenv("HLPB_TODAY"))
            m_old = old;
        if (value != nullptr)
            setenv("HLPB_TODAY", value, 1);
        else
            unsetenv("HLPB_TODAY");
    }
    ~TodayOverride() {
        if (m_old)
            setenv("HLPB_TODAY", m_old->c_str(), 1);
        else
            unsetenv("HLPB_TODAY");
    }
    TodayOverride(const TodayOverride&) = delete;
    TodayOverride& operator=(const TodayOverride&) = delete;

private:
    std::optional<std::string> m_old;
};

} // namespace

TEST_SUITE("date") {

    TEST_CASE("date: parse_date accepts every spelling") {
        const auto expected = ymd(2024, 3, 5);
        CHECK(hlpb::parse_date("2024-03-05") == expected);
        CHECK(hlpb::parse_date("2024-3-5") == expected);
        CHECK(hlpb::parse_date("2024/3/5") == expected);
        CHECK(hlpb::parse_date("2024/03/05") == expected);
        CHECK(hlpb::parse_date("2024.3.5") == expected);
        CHECK(hlpb::parse_date("2024.03.05") == expected);
        CHECK(hlpb::parse_date("2024年3月5日") == expected);
        CHECK(hlpb::parse_date("2024年03月05日") == expected);
        CHECK(hlpb::parse_date("2024-12-31") == ymd(2024, 12, 31));
    }

    TEST_CASE("date: parse_date accepts full-width digits and surrounding spaces") {
        const auto expected = ymd(2024, 3, 5);
        CHECK(hlpb::parse_date("２０２４年３月５日") == expected);
        CHECK(hlpb::parse_date("２０２４－０３－０５") == expected); // full-width hyphens too
        CHECK(hlpb::parse_date("２０２４/3/５") == expected);
        CHECK(hlpb::parse_date("  2024-03-05  ") == expected);
        CHECK(hlpb::parse_date("\t2024-03-05\r\n") == expected);
        CHECK(hlpb::parse_date("\u30002024年3月5日\u3000") == expected); // ideographic space
    }

    TEST_CASE("date: parse_date rejects impossible dates") {
        CHECK_FALSE(hlpb::parse_date("2023-02-29"));
        CHECK_FALSE(hlpb::parse_date("2024-02-30"));
        CHECK_FALSE(hlpb::parse_date("2024-13-01"));
        CHECK_FALSE(hlpb::parse_date("2024-00-10"));
        CHECK_FALSE(hlpb::parse_date("2024-04-31"));
        CHECK_FALSE(hlpb::parse_date("2024-06-31"));
        CHECK_FALSE(hlpb::parse_date("2024-01-32"));
        CHECK_FALSE(hlpb::parse_date("2024-01-00"));
        CHECK_FALSE(hlpb::parse_date("2023年2月29日"));
    }

    TEST_CASE("date: parse_date handles leap years") {
        CHECK(hlpb::parse_date("2024-02-29") == ymd(2024, 2, 29));
        CHECK(hlpb::parse_date("2000-02-29") == ymd(2000, 2, 29)); // divisible by 400
        CHECK_FALSE(hlpb::parse_date("1900-02-29"));               // divisible by 100 only
        CHECK_FALSE(hlpb::parse_date("2100-02-29"));
    }

    TEST_CASE("date: parse_date rejects malformed text") {
        CHECK_FALSE(hlpb::parse_date(""));
        CHECK_FALSE(hlpb::parse_date("   "));
        CHECK_FALSE(hlpb::parse_date("2024-03-05x"));
        CHECK_FALSE(hlpb::parse_date("2024-03-05 10:00:00"));
        CHECK_FALSE(hlpb::parse_date("2024-03-05-"));
        CHECK_FALSE(hlpb::parse_date("x2024-03-05"));
        CHECK_FALSE(hlpb::parse_date("2024-03"));
        CHECK_FALSE(hlpb::parse_date("2024/03-05")); // mixed separators
        CHECK_FALSE(hlpb::parse_date("2024年3月5")); // 日 missing
        CHECK_FALSE(hlpb::parse_date("2024年3-5日"));
        CHECK_FALSE(hlpb::parse_date("24-03-05"));
        CHECK_FALSE(hlpb::parse_date("02024-03-05"));
        CHECK_FALSE(hlpb::parse_date("2024-003-05"));
        CHECK_FALSE(hlpb::parse_date("2024-03-005"));
        CHECK_FALSE(hlpb::parse_date("2024 03 05"));
        CHECK_FALSE(hlpb::parse_date("20240305"));
        CHECK_FALSE(hlpb::parse_date("45356")); // an Excel serial number
        CHECK_FALSE(hlpb::parse_date("-2024-03-05"));
    }

    TEST_CASE("date: parse_date limits years to 1900..2100") {
        CHECK(hlpb::parse_date("1900-01-01") == ymd(1900, 1, 1));
        CHECK(hlpb::parse_date("2100-12-31") == ymd(2100, 12, 31));
        CHECK_FALSE(hlpb::parse_date("1899-12-31"));
        CHECK_FALSE(hlpb::parse_date("2101-01-01"));
        CHECK_FALSE(hlpb::parse_date("0000-01-01"));
        CHECK_FALSE(hlpb::parse_date("9999-12-31"));
    }

    TEST_CASE("date: parse_month") {
        CHECK(hlpb::parse_month("2024-03") == ym(2024, 3));
        CHECK(hlpb::parse_month("2024-3") == ym(2024, 3));
        CHECK(hlpb::parse_month("2024/3") == ym(2024, 3));
        CHECK(hlpb::parse_month("2024/12") == ym(2024, 12));
        CHECK(hlpb::parse_month("2024年3月") == ym(2024, 3));
        CHECK(hlpb::parse_month("２０２４年１２月") == ym(2024, 12));
        CHECK(hlpb::parse_month(" 2024-03 ") == ym(2024, 3));
        CHECK_FALSE(hlpb::parse_month("2024-13"));
        CHECK_FALSE(hlpb::parse_month("2024-00"));
        CHECK_FALSE(hlpb::parse_month("2024-03-01"));
        CHECK_FALSE(hlpb::parse_month("2024年3"));
        CHECK_FALSE(hlpb::parse_month("2024年3月5日"));
        CHECK_FALSE(hlpb::parse_month("2024.3")); // a number, not a month
        CHECK_FALSE(hlpb::parse_month("2024-03x"));
        CHECK_FALSE(hlpb::parse_month("1899-12"));
        CHECK_FALSE(hlpb::parse_month("2101-01"));
        CHECK_FALSE(hlpb::parse_month(""));
    }

    TEST_CASE("date: require_date and require_month throw InvalidInput naming the field") {
        CHECK(hlpb::require_date("2024/2/29", "join_date") == ymd(2024, 2, 29));
        CHECK(hlpb::require_month("2024年2月", "month") == ym(2024, 2));
        try {
            hlpb::require_date("2024-02-30", "join_date");
            FAIL("no exception");
        } catch (const hlpb::InvalidInput& e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors()[0].field == "join_date");
            CHECK(e.errors()[0].message == "'2024-02-30' is not a date (use YYYY-MM-DD)");
            CHECK(std::string(e.what()) ==
                  "join_date: '2024-02-30' is not a date (use YYYY-MM-DD)");
            CHECK(e.exit_code() == hlpb::k_exit_data);
        }
        try {
            hlpb::require_month("2024-13", "month");
            FAIL("no exception");
        } catch (const hlpb::InvalidInput& e) {
            REQUIRE(e.errors().size() == 1);
            CHECK(e.errors()[0].field == "month");
            CHECK(e.errors()[0].message == "'2024-13' is not a month (use YYYY-MM)");
        }
    }

    TEST_CASE("date: format_date and format_month pad with zeros") {
        CHECK(hlpb::format_date(ymd(2024, 3, 5)) == "2024-03-05");
        CHECK(hlpb::format_date(ymd(1900, 12, 31)) == "1900-12-31");
        CHECK(hlpb::format_month(ym(2026, 1)) == "2026-01");
        CHECK(hlpb::format_month(ym(2024, 12)) == "2024-12");
        // Round trip from every spelling to the canonical one.
        CHECK(hlpb::format_date(*hlpb::parse_date("２０２４年３月５日")) == "2024-03-05");
    }

    TEST_CASE("date: first_day, last_day and month_of") {
        CHECK(hlpb::first_day(ym(2024, 2)) == ymd(2024, 2, 1));
        CHECK(hlpb::last_day(ym(2024, 2)) == ymd(2024, 2, 29));
        CHECK(hlpb::last_day(ym(2023, 2)) == ymd(2023, 2, 28));
        CHECK(hlpb::last_day(ym(2000, 2)) == ymd(2000, 2, 29));
        CHECK(hlpb::last_day(ym(1900, 2)) == ymd(1900, 2, 28));
        CHECK(hlpb::last_day(ym(2024, 1)) == ymd(2024, 1, 31));
        CHECK(hlpb::last_day(ym(2024, 4)) == ymd(2024, 4, 30));
        CHECK(hlpb::last_day(ym(2024, 6)) == ymd(2024, 6, 30));
        CHECK(hlpb::last_day(ym(2024, 12)) == ymd(2024, 12, 31));
        CHECK(hlpb::month_of(ymd(2024, 2, 29)) == ym(2024, 2));
        CHECK(hlpb::month_of(ymd(2025, 12, 1)) == ym(2025, 12));
    }

    TEST_CASE("date: previous_month crosses the year") {
        CHECK(hlpb::previous_month(ym(2026, 1)) == ym(2025, 12));
        CHECK(hlpb::previous_month(ym(2026, 3)) == ym(2026, 2));
        CHECK(hlpb::previous_month(ym(2024, 12)) == ym(2024, 11));
    }

    TEST_CASE("date: add_days") {
        CHECK(hlpb::add_days(ymd(2024, 2, 28), 1) == ymd(2024, 2, 29));
        CHECK(hlpb::add_days(ymd(2023, 2, 28), 1) == ymd(2023, 3, 1));
        CHECK(hlpb::add_days(ymd(2024, 12, 31), 1) == ymd(2025, 1, 1));
        CHECK(hlpb::add_days(ymd(2025, 1, 1), -1) == ymd(2024, 12, 31));
        CHECK(hlpb::add_days(ymd(2024, 3, 1), -1) == ymd(2024, 2, 29));
        CHECK(hlpb::add_days(ymd(2024, 1, 1), 366) == ymd(2025, 1, 1));
        CHECK(hlpb::add_days(ymd(2024, 5, 17), 0) == ymd(2024, 5, 17));
    }

    TEST_CASE("date: years_between counts birthdays") {
        const auto born = ymd(1990, 6, 15);
        CHECK(hlpb::years_between(born, ymd(2024, 6, 14)) == 33);
        CHECK(hlpb::years_between(born, ymd(2024, 6, 15)) == 34);
        CHECK(hlpb::years_between(born, ymd(2024, 6, 16)) == 34);
        CHECK(hlpb::years_between(born, ymd(2024, 5, 31)) == 33);
        CHECK(hlpb::years_between(born, ymd(2024, 7, 1)) == 34);
        CHECK(hlpb::years_between(born, born) == 0);
        CHECK(hlpb::years_between(born, ymd(1991, 6, 14)) == 0);
        CHECK(hlpb::years_between(ymd(2023, 12, 31), ymd(2024, 1, 1)) == 0);
        // Negative when `to` is earlier.
        CHECK(hlpb::years_between(ymd(2024, 6, 15), ymd(1990, 6, 15)) == -34);
        CHECK(hlpb::years_between(ymd(2024, 6, 14), ymd(1990, 6, 15)) == -33);
    }

    TEST_CASE("date: years_between for a Feb 29 birthday") {
        const auto born = ymd(2000, 2, 29);
        CHECK(hlpb::years_between(born, ymd(2001, 2, 28)) == 0); // not yet in a common year
        CHECK(hlpb::years_between(born, ymd(2001, 3, 1)) == 1);
        CHECK(hlpb::years_between(born, ymd(2004, 2, 28)) == 3);
        CHECK(hlpb::years_between(born, ymd(2004, 2, 29)) == 4);
        CHECK(hlpb::years_between(ymd(2023, 3, 1), ymd(2024, 2, 29)) == 0);
        CHECK(hlpb::years_between(ymd(2023, 2, 28), ymd(2024, 2, 29)) == 1);
    }

    TEST_CASE("date: today honours HLPB_TODAY") {
        {
            TodayOverride set("2025-07-01");
            CHECK(hlpb::today() == ymd(2025, 7, 1));
        }
        {
            TodayOverride set("2024-02-30");
            CHECK_THROWS_WITH_AS(hlpb::today(),
                                 "HLPB_TODAY='2024-02-30' is not a date (use YYYY-MM-DD)",
                                 hlpb::Error);
        }
        {
            TodayOverride set("tomorrow");
            CHECK_THROWS_AS(hlpb::today(), hlpb::Error);
        }
    }

    TEST_CASE("date: today without HLPB_TODAY is a real local date") {
        TodayOverride unset(nullptr);
        const auto before = year_month_day{floor<days>(system_clock::now())};
        const auto t = hlpb::today();
        CHECK(t.ok());
        // The local date is within a day of the UTC date, whatever the time zone.
        CHECK(hlpb::add_days(t, 1) >= before);
        CHECK(hlpb::add_days(t, -1) <= year_month_day{floor<days>(system_clock::now())});
    }

    TEST_CASE("date: an empty HLPB_TODAY counts as unset") {
        TodayOverride empty("");
        CHECK(hlpb::today().ok());
    }

} // TEST_SUITE
