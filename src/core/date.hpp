// Calendar dates without time or time zone: a session is on a day, and a
// daylight-saving change never moves it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rehabplan {

enum class Weekday { mon = 0, tue, wed, thu, fri, sat, sun };

// A local calendar date, stored as a day number so comparisons and
// "date + n days" are plain integer arithmetic. Years 1900-2199.
class Date {
public:
    Date() = default;
    // Returns nullopt for dates that do not exist (2026-02-30) or are out of range.
    static std::optional<Date> from_ymd(int year, int month, int day);
    // Strict YYYY-MM-DD; nullopt for anything else.
    static std::optional<Date> parse(std::string_view text);

    int year() const;
    int month() const;
    int day() const;
    Weekday weekday() const;
    std::string to_string() const;           // YYYY-MM-DD
    Date monday() const;                      // Monday of this date's ISO week
    std::string iso_week() const;             // YYYY-Www, the ISO 8601 week
    Date plus_days(int days) const { Date d; d.n_ = n_ + days; return d; }
    int days_since(Date other) const { return n_ - other.n_; }
    std::int32_t day_number() const { return n_; }

    friend bool operator==(Date a, Date b) { return a.n_ == b.n_; }
    friend bool operator!=(Date a, Date b) { return a.n_ != b.n_; }
    friend bool operator<(Date a, Date b) { return a.n_ < b.n_; }
    friend bool operator<=(Date a, Date b) { return a.n_ <= b.n_; }
    friend bool operator>(Date a, Date b) { return a.n_ > b.n_; }
    friend bool operator>=(Date a, Date b) { return a.n_ >= b.n_; }

private:
    std::int32_t n_ = 0;  // days since 1970-01-01
};

const char* to_string(Weekday d);                       // "mon" .. "sun"
std::optional<Weekday> parse_weekday(std::string_view s);

}  // namespace rehabplan
