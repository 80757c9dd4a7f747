#include "core/date.hpp"

#include "core/enum_names.hpp"

#include <cstdio>

#include <boost/date_time/gregorian/gregorian.hpp>

namespace rehabplan {

namespace g = boost::gregorian;

namespace {
const g::date epoch(1970, 1, 1);
g::date to_boost(std::int32_t n) { return epoch + g::days(n); }
}  // namespace

std::optional<Date> Date::from_ymd(int year, int month, int day) {
    // Validate before Boost: its constructor throws on 2026-02-30.
    if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1) return std::nullopt;
    auto y = static_cast<unsigned short>(year);
    auto m = static_cast<unsigned short>(month);
    if (day > g::gregorian_calendar::end_of_month_day(y, m)) return std::nullopt;
    Date d;
    d.n_ = static_cast<std::int32_t>((g::date(y, m, static_cast<unsigned short>(day)) - epoch).days());
    return d;
}

std::optional<Date> Date::parse(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    auto digits = [&](std::size_t from, std::size_t n, int& out) {
        out = 0;
        for (std::size_t i = from; i < from + n; ++i) {
            if (t[i] < '0' || t[i] > '9') return false;
            out = out * 10 + (t[i] - '0');
        }
        return true;
    };
    int y = 0, m = 0, d = 0;
    if (!digits(0, 4, y) || !digits(5, 2, m) || !digits(8, 2, d)) return std::nullopt;
    return from_ymd(y, m, d);
}

namespace {

// Boost's dates run from 1400-01-01 to 9999-12-31 and throw outside them.
bool in_boost_range(std::int32_t n) { return n >= -208188 && n <= 2932896; }

struct Ymd {
    int year, month, day;
};

// The civil date of a day number (H. Hinnant's days_to_civil, exact for the proleptic
// Gregorian calendar): plain arithmetic, where a Boost date took a few hundred
// instructions for each of year, month and day, and a plan prints thousands (issue 21).
Ymd civil(std::int32_t n) {
    if (!in_boost_range(n)) (void)to_boost(n).year();  // throws, as it always did
    const std::int32_t z = n + 719468;
    const std::int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int32_t doe = z - era * 146097;                                  // [0, 146096]
    const std::int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
    const std::int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
    const std::int32_t mp = (5 * doy + 2) / 153;                                // [0, 11], from March
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return Ymd{static_cast<int>(yoe + era * 400) + (month <= 2 ? 1 : 0), month, day};
}

}  // namespace

int Date::year() const { return civil(n_).year; }
int Date::month() const { return civil(n_).month; }
int Date::day() const { return civil(n_).day; }

Weekday Date::weekday() const {
    if (!in_boost_range(n_)) return static_cast<Weekday>((to_boost(n_).day_of_week() + 6) % 7);  // as it always did
    const std::int32_t w = ((n_ % 7) + 7 + 4) % 7;  // 0 = Sunday; 1970-01-01 was a Thursday
    return static_cast<Weekday>((w + 6) % 7);
}

std::string Date::to_string() const {
    // YYYY-MM-DD without snprintf: every year of Boost's range (1400-9999) has four digits.
    const Ymd d = civil(n_);
    std::string out(10, '-');
    const auto put = [&](std::size_t at, int v, int digits) {
        for (int i = digits - 1; i >= 0; --i, v /= 10) out[at + static_cast<std::size_t>(i)] = static_cast<char>('0' + v % 10);
    };
    put(0, d.year, 4);
    put(5, d.month, 2);
    put(8, d.day, 2);
    return out;
}

Date Date::monday() const { return plus_days(-static_cast<int>(weekday())); }

std::string Date::iso_week() const {
    // The ISO year is the year of the week's Thursday.
    Date thursday = monday().plus_days(3);
    int week = to_boost(n_).week_number();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-W%02d", thursday.year(), week);
    return buf;
}

const char* to_string(Weekday d) { return enum_name(d); }

std::optional<Weekday> parse_weekday(std::string_view s) { return parse_enum<Weekday>(s); }

}  // namespace rehabplan
