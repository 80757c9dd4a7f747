#include <doctest/doctest.h>

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
