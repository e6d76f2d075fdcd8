// Civil dates and months: parsing the spellings spreadsheets use, formatting, "today".
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hlpb {

using Date = std::chrono::year_month_day;
using Month = std::chrono::year_month;

// Accepts YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 (digits may be full-width, spaces trimmed).
// Returns nullopt when the text is not a real calendar date.
std::optional<Date> parse_date(std::string_view text);
// Accepts YYYY-MM, YYYY/M, YYYY年M月.
std::optional<Month> parse_month(std::string_view text);

// Like the parsers above but throw InvalidInput(field, ...) with a helpful message.
Date require_date(std::string_view text, std::string_view field);
Month require_month(std::string_view text, std::string_view field);

std::string format_date(const Date& d);   // YYYY-MM-DD
std::string format_month(const Month& m); // YYYY-MM

// The local date, or HLPB_TODAY=YYYY-MM-DD when set (tests and reruns).
Date today();

Date first_day(const Month& m);
Date last_day(const Month& m);
Month month_of(const Date& d);
Month previous_month(const Month& m);
Date add_days(const Date& d, int days);
// Whole years from `from` to `to` (negative when to < from), counting birthdays.
int years_between(const Date& from, const Date& to);

} // namespace hlpb
