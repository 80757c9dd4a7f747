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

int Date::year() const { return to_boost(n_).year(); }
int Date::month() const { return to_boost(n_).month(); }
int Date::day() const { return to_boost(n_).day(); }

Weekday Date::weekday() const {
    int w = to_boost(n_).day_of_week();  // 0 = Sunday
    return static_cast<Weekday>((w + 6) % 7);
}

std::string Date::to_string() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year(), month(), day());
    return buf;
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
