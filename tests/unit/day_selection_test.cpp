// Day selection without a patient: weekday masks and counts in, weekdays out
// (0 = Monday .. 6 = Sunday).
#include <doctest/doctest.h>

#include "planning/day_selection.hpp"

namespace gen = rehabplan::generation;
using gen::Weekdays;

namespace {
constexpr unsigned all_week = 0x7f;
constexpr int mon = 0, tue = 1, wed = 2, thu = 3, fri = 4, sat = 5, sun = 6;
unsigned mask(std::initializer_list<int> days) { return gen::mask_of(Weekdays(days)); }
}  // namespace

TEST_CASE("day selection: the cyclic gaps of a weekly pattern") {
    CHECK(gen::forward_gap(mon, wed) == 2);
    CHECK(gen::forward_gap(fri, mon) == 3);
    CHECK(gen::forward_gap(tue, tue) == 7);
    CHECK(gen::min_cyclic_gap({mon, wed, fri}) == 2);
    CHECK(gen::max_cyclic_gap({mon, wed, fri}) == 3);
    CHECK(gen::min_cyclic_gap({thu}) == 7);
    CHECK(gen::min_cyclic_gap({}) == 0);
    CHECK(gen::days_of(mask({mon, sat})) == Weekdays{mon, sat});
}

TEST_CASE("day selection: 3 of Mon-Sun are spread widest, ties to the earliest weekdays") {
    CHECK(gen::training_days(all_week, 3, 0, 2) == Weekdays{mon, wed, fri});
    CHECK(gen::training_days(all_week, 2, 0, 2) == Weekdays{mon, thu});
    // 4 days: gaps 1,2,2,2 at best; Mon/Tue/Thu/Sat is the earliest such list (before Mon/Wed/Fri/Sun).
    CHECK(gen::training_days(all_week, 4, 0, 2) == Weekdays{mon, tue, thu, sat});
    CHECK(gen::training_days(all_week, 7, 0, 2) == Weekdays{mon, tue, wed, thu, fri, sat, sun});
}

TEST_CASE("day selection: strength days at least 48 h apart, also across the week's end") {
    const gen::WeekPattern w = gen::choose_days(all_week, gen::DayCounts{3, 2, 2, 0, 0});
    CHECK(w.days == Weekdays{mon, wed, fri});
    CHECK(w.strength == Weekdays{mon, fri});        // Fri -> Mon is 3 days, Mon -> Fri 4
    CHECK(gen::min_cyclic_gap(w.strength) >= 2);
    // Three consecutive days hold only one strength day 2 days apart from itself.
    CHECK(gen::strength_days(mask({mon, tue, wed}), 2, 2) == Weekdays{mon, wed});
    CHECK(gen::strength_days(mask({mon, tue}), 2, 2) == Weekdays{mon});
    // Training days leave room for spaced strength days: not Mon/Tue when Mon/Wed exists.
    CHECK(gen::training_days(mask({mon, tue, wed}), 2, 2, 2) == Weekdays{mon, wed});
}

TEST_CASE("day selection: a pool of 2 days") {
    const gen::WeekPattern w = gen::choose_days(mask({tue, sat}), gen::DayCounts{2, 2, 2, 2, 0});
    CHECK(w.days == Weekdays{tue, sat});
    CHECK(w.strength == Weekdays{tue, sat});  // 4 and 3 days apart
    CHECK(w.balance == Weekdays{tue, sat});
    CHECK(w.alternate == Weekdays{tue});
    CHECK(w.first_two == Weekdays{tue, sat});
    // Asking for more days than the pool has gives none.
    CHECK(gen::training_days(mask({tue, sat}), 3, 0, 2).empty());
}

TEST_CASE("day selection: balance and HIIT days prefer days without strength") {
    const gen::WeekPattern w = gen::choose_days(all_week, gen::DayCounts{4, 2, 2, 2, 1});
    CHECK(w.days == Weekdays{mon, tue, thu, sat});
    CHECK(w.strength == Weekdays{mon, thu});   // Mon/Thu and Tue/Sat tie (3 and 4 days); the earlier wins
    CHECK(w.balance == Weekdays{tue, sat});
    CHECK(w.hiit == Weekdays{tue});
    CHECK(w.alternate == Weekdays{mon, thu});
}
