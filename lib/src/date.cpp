#include <hlpb/date.hpp>
#include <hlpb/error.hpp>
#include <hlpb/i18n_fmt.hpp>
#include <hlpb/text.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <ctime>

namespace hlpb {
namespace {

using namespace std::chrono;

constexpr int k_min_year = 1900;
constexpr int k_max_year = 2100;

// A left-to-right reader over normalised text; every read either consumes what it wants or
// leaves the position alone and reports failure.
class Scanner {
public:
    explicit Scanner(std::string_view s) : m_s(s) {}

    // Reads between min_digits and max_digits ASCII digits; a longer run of digits fails
    // rather than being read as a shorter number followed by garbage.
    std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
        std::size_t n = 0;
        int value = 0;
        while (n < max_digits && digit_at(m_pos + n)) {
            value = value * 10 + (m_s[m_pos + n] - '0');
            ++n;
        }
        if (n < min_digits || digit_at(m_pos + n))
            return std::nullopt;
        m_pos += n;
        return value;
    }

    bool literal(std::string_view lit) {
        if (m_s.substr(m_pos, lit.size()) != lit)
            return false;
        m_pos += lit.size();
        return true;
    }

    bool at_end() const { return m_pos == m_s.size(); }

private:
    bool digit_at(std::size_t i) const { return i < m_s.size() && m_s[i] >= '0' && m_s[i] <= '9'; }

    std::string_view m_s;
    std::size_t m_pos = 0;
};

// The separators of one date spelling: after the year, after the month, after the day.
struct DateSpelling {
    std::string_view after_year;
    std::string_view after_month;
    std::string_view after_day;
};

constexpr DateSpelling k_date_spellings[] = {
    {"-", "-", ""},
    {"/", "/", ""},
    {".", ".", ""},
    {"年", "月", "日"},
};

// Months have no "YYYY.M" spelling: "2024.3" is too easily a number.
struct MonthSpelling {
    std::string_view after_year;
    std::string_view after_month;
};

constexpr MonthSpelling k_month_spellings[] = {
    {"-", ""},
    {"/", ""},
    {"年", "月"},
};

bool year_in_range(int y) {
    return y >= k_min_year && y <= k_max_year;
}

} // namespace

// YYYY-MM-DD exactly, the common case of a large import: no normalising copy.
static std::optional<Date> parse_iso_date(std::string_view s) {
    auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
    if (s.size() != 10 || s[4] != '-' || s[7] != '-')
        return std::nullopt;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (!digit(i))
            return std::nullopt;
    auto num = [&](std::size_t i, std::size_t n) {
        int v = 0;
        for (std::size_t k = i; k < i + n; ++k)
            v = v * 10 + (s[k] - '0');
        return v;
    };
    return Date{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))},
                day{static_cast<unsigned>(num(8, 2))}};
}

std::optional<Date> parse_date(std::string_view text) {
    if (auto iso = parse_iso_date(text)) {
        if (iso->ok() && year_in_range(static_cast<int>(iso->year())))
            return iso;
        return std::nullopt;
    }
    const std::string s = text::normalize(text);
    for (const DateSpelling& sp : k_date_spellings) {
        Scanner in(s);
        auto y = in.number(4, 4);
        if (!y || !in.literal(sp.after_year))
            continue;
        auto m = in.number(1, 2);
        if (!m || !in.literal(sp.after_month))
            continue;
        auto d = in.number(1, 2);
        if (!d || !in.literal(sp.after_day) || !in.at_end())
            continue;
        if (!year_in_range(*y))
            return std::nullopt;
        Date date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
        if (!date.ok())
            return std::nullopt;
        return date;
    }
    return std::nullopt;
}

std::optional<Month> parse_month(std::string_view text) {
    const std::string s = text::normalize(text);
    for (const MonthSpelling& sp : k_month_spellings) {
        Scanner in(s);
        auto y = in.number(4, 4);
        if (!y || !in.literal(sp.after_year))
            continue;
        auto m = in.number(1, 2);
        if (!m || !in.literal(sp.after_month) || !in.at_end())
            continue;
        if (!year_in_range(*y))
            return std::nullopt;
        Month result{year{*y}, month{static_cast<unsigned>(*m)}};
        if (!result.ok())
            return std::nullopt;
        return result;
    }
    return std::nullopt;
}

Date require_date(std::string_view text, std::string_view field) {
    if (auto d = parse_date(text))
        return *d;
    throw InvalidInput(std::string(field), trf("'{}' is not a date (use YYYY-MM-DD)", text));
}

Month require_month(std::string_view text, std::string_view field) {
    if (auto m = parse_month(text))
        return *m;
    throw InvalidInput(std::string(field), trf("'{}' is not a month (use YYYY-MM)", text));
}

std::string format_date(const Date& d) {
    // Hand-rolled: this runs several times per row of a million-row import.
    int y = static_cast<int>(d.year());
    if (y < 0 || y > 9999)
        return fmt::format("{:04}-{:02}-{:02}", y, static_cast<unsigned>(d.month()),
                           static_cast<unsigned>(d.day()));
    unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
    std::string out(10, '-');
    out[0] = static_cast<char>('0' + y / 1000);
    out[1] = static_cast<char>('0' + y / 100 % 10);
    out[2] = static_cast<char>('0' + y / 10 % 10);
    out[3] = static_cast<char>('0' + y % 10);
    out[5] = static_cast<char>('0' + m / 10 % 10);
    out[6] = static_cast<char>('0' + m % 10);
    out[8] = static_cast<char>('0' + day / 10 % 10);
    out[9] = static_cast<char>('0' + day % 10);
    return out;
}

std::string format_month(const Month& m) {
    return fmt::format("{:04}-{:02}", static_cast<int>(m.year()), static_cast<unsigned>(m.month()));
}

// HLPB_TODAY wins when set and non-empty; a value that is not a date throws Error rather than
// silently falling back to the clock.
Date today() {
    if (const char* env = std::getenv("HLPB_TODAY"); env != nullptr && *env != '\0') {
        if (auto d = parse_date(env))
            return *d;
        throw Error(trf("HLPB_TODAY='{}' is not a date (use YYYY-MM-DD)", env));
    }
    std::time_t now = std::time(nullptr);
    std::tm local{};
    if (localtime_r(&now, &local) == nullptr)
        throw Error(tr("cannot determine the local date"));
    return Date{year{local.tm_year + 1900}, month{static_cast<unsigned>(local.tm_mon + 1)},
                day{static_cast<unsigned>(local.tm_mday)}};
}

Date first_day(const Month& m) {
    return Date{m.year(), m.month(), day{1}};
}

Date last_day(const Month& m) {
    return Date{year_month_day_last{m.year(), month_day_last{m.month()}}};
}

Month month_of(const Date& d) {
    return Month{d.year(), d.month()};
}

Month previous_month(const Month& m) {
    return m - months{1};
}

Date add_days(const Date& d, int n) {
    return Date{sys_days{d} + days{n}};
}

// A birthday on Feb 29 is reached on Mar 1 in common years (month/day compared as numbers).
int years_between(const Date& from, const Date& to) {
    if (to < from)
        return -years_between(to, from);
    int years = static_cast<int>(to.year()) - static_cast<int>(from.year());
    if (month_day{to.month(), to.day()} < month_day{from.month(), from.day()})
        --years;
    return years;
}

} // namespace hlpb
