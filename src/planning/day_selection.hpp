// Day selection: which weekdays of a week carry training, strength, balance and HIIT
// sessions. Pure functions over a weekday mask (bit 0 = Monday .. bit 6 = Sunday) and
// counts: no patient, no rules, no minutes. The generator passes in what the rules ask
// (the strength gap, the number of days) and gets a week pattern back.
#pragma once

#include <functional>
#include <vector>

namespace rehabplan::generation {

// Weekdays as 0 (Monday) .. 6 (Sunday), ascending.
using Weekdays = std::vector<int>;

// The weekdays of a mask, ascending.
Weekdays days_of(unsigned mask);
// The mask of a list of weekdays.
unsigned mask_of(const Weekdays& days);
// True when `days` holds `day`.
bool has(const Weekdays& days, int day);

// Days from weekday a forward to weekday b, 1..7 (the same weekday is a week later).
int forward_gap(int a, int b);
// Smallest forward gap between consecutive days of a weekly pattern (7 for one day, 0 for none).
int min_cyclic_gap(const Weekdays& days);
// Largest forward gap between consecutive days of a weekly pattern (0 for none).
int max_cyclic_gap(const Weekdays& days);

// Picks `count` days of `pool`: first those meeting `ok`, then the most `preferred`
// days, then the widest spacing; ties go to the earliest weekdays. Empty when the pool
// has fewer days than `count`.
Weekdays pick_days(unsigned pool, int count, const std::function<bool(const Weekdays&)>& ok,
                   const std::function<int(const Weekdays&)>& preferred);

// What a week asks for: training days, strength days (at least `strength_gap_days`
// apart, also across the week's end), balance days and HIIT days.
struct DayCounts {
    int training = 0;
    int strength = 0;
    int strength_gap_days = 2;
    int balance = 0;
    int hiit = 0;
    int hiit_gap_days = 2;  // hiit.protocol min_hours_between in whole days
    // Priming windows (priming.window): the weekdays of this week in a window, and which
    // kinds of day carry skill sessions. Those days prefer window days, after every
    // spacing the rules ask for; window 0 gives the pattern without windows.
    unsigned window = 0;
    bool skill_training = false;     // a skill session on every training day or the first
    bool skill_strength = false;
    bool skill_balance = false;
    bool skill_alternate = false;
    bool skill_first_two = false;
};

// A phase laid on the weekdays: which days carry which kinds of session.
struct WeekPattern {
    Weekdays days;        // training days
    Weekdays strength;    // may be fewer than asked when the days cannot be spaced
    Weekdays balance;     // preferring days without strength
    Weekdays hiit;        // hiit_gap_days apart where the days allow, then preferring days without strength
    Weekdays alternate;   // every other training day: the 1st, 3rd, ...
    Weekdays first_two;   // the first two training days
};

// Training days of `pool`: room for `strength` spaced strength days first, then the
// widest spacing.
Weekdays training_days(unsigned pool, int count, int strength, int strength_gap_days);
// Up to `count` strength days of `chosen`, at least `gap_days` apart: fewer when
// `count` cannot be spaced, none when not even one can.
Weekdays strength_days(unsigned chosen, int count, int gap_days);
// `count` days of `chosen`, as many as possible not in `avoid`, then widest spacing.
Weekdays days_apart_from(unsigned chosen, int count, const Weekdays& avoid);

// `count` HIIT days of `chosen`: `gap_days` apart (also across the week's end) where
// they can be, then as many as possible not in `avoid`, then the widest spacing. Days too
// close are left to the generator's HIIT gate (hiit.protocol min_hours_between).
Weekdays hiit_days(unsigned chosen, int count, const Weekdays& avoid, int gap_days);

// The whole pattern for a week (counts above the pool are capped at the training days).
WeekPattern choose_days(unsigned pool, const DayCounts& counts);

}  // namespace rehabplan::generation
