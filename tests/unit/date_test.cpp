#include <doctest/doctest.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "core/date.hpp"

using rehabplan::Date;
using rehabplan::Weekday;

TEST_CASE("dates: impossible dates are rejected, real ones accepted") {
    CHECK_FALSE(Date::parse("2026-02-30"));
    CHECK_FALSE(Date::parse("2025-02-29"));
    CHECK_FALSE(Date::parse("2100-02-29"));  // century, not a leap year
    CHECK(Date::parse("2000-02-29"));        // divisible by 400
    CHECK(Date::parse("2028-02-29"));
    CHECK_FALSE(Date::parse("2026-13-01"));
    CHECK_FALSE(Date::parse("2026-00-10"));
    CHECK_FALSE(Date::parse("2026-1-5"));
    CHECK_FALSE(Date::parse("2026-01-05T10:00"));
    CHECK_FALSE(Date::parse("1899-12-31"));
    CHECK_FALSE(Date::parse("2200-01-01"));
    CHECK_FALSE(Date::parse(""));
    CHECK(Date::parse("2199-12-31"));
}

TEST_CASE("dates: weekdays, arithmetic and ISO weeks") {
    const Date d = *Date::parse("2026-11-23");
    CHECK(d.weekday() == Weekday::mon);
    CHECK(d.to_string() == "2026-11-23");
    CHECK(d.plus_days(8).to_string() == "2026-12-01");
    CHECK(d.plus_days(39).to_string() == "2027-01-01");
    CHECK(d.iso_week() == "2026-W48");
    // ISO week 53 and year boundaries: 2026-12-31 is a Thursday in 2026-W53,
    // 2027-01-03 (Sunday) still belongs to 2026-W53, 2027-01-04 starts 2027-W01.
    CHECK(Date::parse("2026-12-31")->iso_week() == "2026-W53");
    CHECK(Date::parse("2027-01-03")->iso_week() == "2026-W53");
    CHECK(Date::parse("2027-01-04")->iso_week() == "2027-W01");
    // 2024-12-30 (Monday) belongs to 2025-W01.
    CHECK(Date::parse("2024-12-30")->iso_week() == "2025-W01");
    CHECK(Date::parse("2027-01-03")->monday().to_string() == "2026-12-28");
    CHECK(Date::parse("2028-03-01")->days_since(*Date::parse("2028-02-28")) == 2);  // leap day between
}

// Year, month, day and weekday are plain arithmetic since issue 21; Boost's calendar, which
// computed them before, is the reference: every day of the years plans can hold, and every
// 7th day elsewhere in Boost's range (1400-9999; a step of 7 walks every weekday and, over
// 8,600 years, every day of the month).
TEST_CASE("dates: year, month, day, weekday and text agree with Boost's calendar") {
    namespace g = boost::gregorian;
    const g::date epoch(1970, 1, 1);
    const auto day_number = [&](const g::date& d) { return static_cast<int>((d - epoch).days()); };
    const int first = day_number(g::date(1400, 1, 1)), last = day_number(g::date(9999, 12, 31));
    const int plans_from = day_number(g::date(1899, 12, 1)), plans_to = day_number(g::date(2200, 1, 31));
    const Date zero = *Date::parse("1970-01-01");
    long checked = 0, wrong = 0;
    for (int n = first; n <= last; n += (n >= plans_from && n <= plans_to) ? 1 : 7) {
        const g::date b = epoch + g::days(n);
        const Date d = zero.plus_days(n);
        const bool same = d.year() == b.year() && d.month() == b.month() && d.day() == b.day() &&
                          static_cast<int>(d.weekday()) == (b.day_of_week() + 6) % 7 &&
                          d.to_string() == g::to_iso_extended_string(b);
        if (!same && ++wrong <= 5) CHECK_MESSAGE(same, "day " << n << ": " << d.to_string() << " vs " << g::to_iso_extended_string(b));
        ++checked;
    }
    CHECK(wrong == 0);
    CHECK(checked > 500000);
}
