// Build-up arithmetic without a patient's plan: drafts and a ledger of earlier weeks
// in, minutes out (progression.graded of the built-in rules: +20 % a week).
#include <doctest/doctest.h>

#include <numeric>

#include "planning/build_up.hpp"
#include "rules/readings.hpp"
#include "test_support.hpp"

using namespace test;
namespace gen = rehabplan::generation;
using gen::Draft;

namespace {
SlotTemplate slot(const std::string& id, SessionType type, bool fill) {
    SlotTemplate s;
    s.id = id;
    s.type = type;
    s.fill = fill;
    return s;
}
const SlotTemplate fill_walk = slot("walk", SessionType::aerobic, true);
const SlotTemplate extra_walk = slot("extra_walk", SessionType::aerobic, false);
const SlotTemplate strength_slot = slot("strength", SessionType::strength, false);
const SlotTemplate hiit_slot = slot("hiit", SessionType::hiit, false);

const Date monday = d("2026-01-05");

Draft draft(const SlotTemplate& s, int day, int full) {
    Draft x;
    x.slot = &s;
    x.type = s.type;
    x.date = monday.plus_days(day);
    x.full = full;
    x.minutes = full;
    return x;
}

int training_minutes(const std::vector<Draft>& drafts) {
    int sum = 0;
    for (const Draft& x : drafts)
        if (is_training(x.type)) sum += x.minutes;
    return sum;
}

gen::BuildUpLimits limits(int baseline) {
    gen::BuildUpLimits l;
    l.baseline_minutes = baseline;
    l.min_session_minutes = 5;
    l.first_week_min_minutes = 8;
    return l;
}

EffectiveRules builtin() { return EffectiveRules(builtin_rules(), adult()); }

// A week of the ledger as the validator measures it: training minutes, moderate-equivalent
// aerobic minutes and the longest bout.
reading::ProgressionWeek measured(std::int64_t total, std::int64_t volume, std::int64_t bout) {
    reading::ProgressionWeek w;
    w.total = total;
    w.aerobic = volume;
    w.volume = volume;
    w.bout = bout;
    return w;
}
void push(gen::BuildUp& ledger, std::int64_t total, std::int64_t volume, std::int64_t bout) {
    ledger.week_minutes.push_back(static_cast<int>(total));
    ledger.best_week = std::max<int>(ledger.best_week, static_cast<int>(total));
    ledger.history.push(measured(total, volume, bout));
}
}  // namespace

TEST_CASE("build-up: trim_to trims the longest values first") {
    int a = 30, b = 20, c = 10;
    std::vector<int*> v{&a, &b, &c};
    gen::trim_to(v, 45);
    CHECK(a == 17);
    CHECK(b == 17);
    CHECK(c == 10);  // below the level: untouched
    gen::trim_to(v, 60);  // within the budget: unchanged
    CHECK(a + b + c == 44);
    gen::trim_to(v, 5);
    CHECK(a == 1);
    CHECK(b == 1);
    CHECK(c == 1);
}

TEST_CASE("build-up: a later week grows at most 20 % on the previous week") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    push(ledger, 100, 100, 40);
    std::vector<Draft> drafts{draft(fill_walk, 0, 60), draft(fill_walk, 2, 60), draft(fill_walk, 4, 60)};
    CHECK_FALSE(gen::size_week(drafts, 1, ledger, limits(30), rules));
    CHECK(training_minutes(drafts) == 120);
    CHECK(drafts[0].minutes == 40);
    CHECK(drafts[1].minutes == 40);
    CHECK(drafts[2].minutes == 40);
}

TEST_CASE("build-up: after a week without training the best earlier week is the reference") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    push(ledger, 90, 90, 45);
    push(ledger, 0, 0, 0);
    std::vector<Draft> drafts{draft(fill_walk, 0, 60), draft(fill_walk, 2, 60)};
    gen::size_week(drafts, 2, ledger, limits(30), rules);
    CHECK(training_minutes(drafts) == 108);  // 90 x 1.2
    CHECK(ledger.dropped_in_week.empty());
}

TEST_CASE("build-up: no session shrinks while the week grows when the budget allows") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    push(ledger, 100, 100, 40);
    ledger.last_minutes = {{{0, "walk"}, 30}, {{2, "walk"}, 30}, {{4, "walk"}, 40}};
    std::vector<Draft> drafts{draft(fill_walk, 0, 60), draft(fill_walk, 2, 60), draft(fill_walk, 4, 60)};
    gen::size_week(drafts, 1, ledger, limits(30), rules);
    // 20 spare minutes shared by what is still missing (30, 30, 20), leftover to the earliest.
    CHECK(drafts[0].minutes == 38);
    CHECK(drafts[1].minutes == 37);
    CHECK(drafts[2].minutes == 45);
    CHECK(training_minutes(drafts) == 120);

    // When last week's minutes do not fit the budget, the share is in proportion to the dose.
    const gen::LastMinutes too_much{{{0, "walk"}, 50}, {{2, "walk"}, 50}, {{4, "walk"}, 50}};
    std::vector<Draft> again{draft(fill_walk, 0, 60), draft(fill_walk, 2, 60), draft(fill_walk, 4, 60)};
    gen::size_after(again, 120, too_much);
    CHECK(again[0].minutes == 40);
    CHECK(again[1].minutes == 40);
    CHECK(again[2].minutes == 40);
}

TEST_CASE("build-up: the first week stays within baseline x days, no bout above the baseline") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    std::vector<Draft> drafts{draft(fill_walk, 0, 60), draft(extra_walk, 0, 30), draft(strength_slot, 0, 20),
                              draft(fill_walk, 2, 60)};
    CHECK_FALSE(gen::size_week(drafts, 0, ledger, limits(20), rules));
    REQUIRE(drafts.size() == 4);
    // 2 training days x 20 min = 40 aerobic minutes over 3 bouts of at most 20: 13 each.
    CHECK(drafts[0].minutes == 13);
    CHECK(drafts[1].minutes == 13);
    CHECK(drafts[3].minutes == 13);
    // Strength starts at the aerobic fraction (20 x 39 / 150 = 5), floored at 8.
    CHECK(drafts[2].minutes == 8);
    CHECK(reading::progression_baseline_cap(20, 2) == 40);
}

TEST_CASE("build-up: a first-week HIIT session above the baseline cap is left out, not shortened") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    std::vector<Draft> drafts{draft(hiit_slot, 0, 25), draft(fill_walk, 2, 60)};
    CHECK(gen::size_week(drafts, 0, ledger, limits(10), rules));  // cap 20 < 25
    REQUIRE(drafts.size() == 1);
    CHECK(drafts[0].type == SessionType::aerobic);
    CHECK(drafts[0].minutes == 10);
}

TEST_CASE("build-up: fit_days shrinks non-training first, then leaves out what does not fit") {
    const SlotTemplate education = slot("education", SessionType::education, false);
    std::vector<Draft> drafts{draft(fill_walk, 0, 40), draft(education, 0, 20), draft(strength_slot, 0, 30)};
    gen::fit_days(drafts, 60, 5);
    // 90 on a 60-minute day: education 20 -> 5 (75), then training: walk 40 -> 25 (60).
    REQUIRE(drafts.size() == 3);
    CHECK(drafts[0].minutes == 25);
    CHECK(drafts[1].minutes == 5);
    CHECK(drafts[2].minutes == 30);
    CHECK(drafts[0].full == 25);
}

// ------------------------------------------------------------ progression.graded: bout, volume, session cap
namespace {
SlotTemplate zone_slot(const std::string& id) {
    SlotTemplate s = slot(id, SessionType::aerobic, true);
    s.intensity = SlotIntensity::zone;
    return s;
}
const SlotTemplate zone_walk = zone_slot("zone_walk");
}  // namespace

TEST_CASE("build-up: test_progression_graded_bout_at_limit - a later week's sessions stay within the bout cap (20 -> 24)") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    push(ledger, 200, 80, 20);  // strength keeps the total cap out of the way
    std::vector<Draft> drafts{draft(zone_walk, 0, 40), draft(zone_walk, 2, 40)};
    gen::size_week(drafts, 1, ledger, limits(20), rules);
    CHECK(drafts[0].minutes == 24);  // 20 x 1.2: at the limit, not 25
    CHECK(drafts[1].minutes == 24);
    CHECK(drafts[0].bout == 0);      // continuous (baseline 20 is not intermittent)
}

TEST_CASE("build-up: test_progression_graded_aerobic_at_limit - moderate-equivalent aerobic minutes within +20 % (80 -> 96)") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    push(ledger, 300, 80, 40);  // baseline 20: its floor (20 x 3 days) stays below the cap
    std::vector<Draft> drafts{draft(zone_walk, 0, 40), draft(zone_walk, 2, 40), draft(zone_walk, 4, 40)};
    gen::size_week(drafts, 1, ledger, limits(20), rules);
    CHECK(training_minutes(drafts) == 96);  // not 97: the volume cap, though total and bout allow more
    // Vigorous zone work counts twice: 48 minutes reach 96.
    std::vector<Draft> vig{draft(zone_walk, 0, 40), draft(zone_walk, 2, 40), draft(zone_walk, 4, 40)};
    gen::BuildUpLimits l = limits(20);
    l.volume_factor = 2;
    gen::size_week(vig, 1, ledger, l, rules);
    CHECK(training_minutes(vig) == 48);
}

TEST_CASE("build-up: test_progression_graded_min_step_week_minutes - a 10-minute week grows to 15") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    push(ledger, 10, 10, 10);
    std::vector<Draft> drafts{draft(zone_walk, 0, 40), draft(zone_walk, 2, 40)};
    gen::size_week(drafts, 1, ledger, limits(10), rules);
    CHECK(training_minutes(drafts) == 15);  // 10 x 1.2 = 12 < 10 + 5
}

TEST_CASE("build-up: test_progression_graded_intermittent_below_minutes - a 4-minute baseline trains in bouts of 4 with rests") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    gen::BuildUpLimits l = limits(4);
    l.session_max_minutes = 60;
    // Week 1: 3 training days (strength Tue, Thu) x 4 = 12 aerobic minutes on one walking day.
    std::vector<Draft> drafts{draft(zone_walk, 0, 40), draft(strength_slot, 1, 20), draft(strength_slot, 3, 20)};
    gen::size_week(drafts, 0, ledger, l, rules);
    REQUIRE(drafts.size() == 3);
    CHECK(drafts[0].minutes == 12);
    CHECK(drafts[0].bout == 4);
    CHECK(drafts[0].rest == 2);
    CHECK(drafts[0].clock_minutes() == 16);  // 4 + 2 + 4 + 2 + 4
    // Baseline 5 is continuous: one bout of at most 5.
    std::vector<Draft> five{draft(zone_walk, 0, 40), draft(strength_slot, 1, 20), draft(strength_slot, 3, 20)};
    gen::BuildUp fresh;
    gen::size_week(five, 0, fresh, limits(5), rules);
    CHECK(five[0].minutes == 5);
    CHECK(five[0].bout == 0);
}

TEST_CASE("build-up: a 4-minute bout session is kept below min_session_minutes (every bout counts)") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    gen::BuildUpLimits l = limits(4);
    std::vector<Draft> drafts{draft(zone_walk, 0, 40)};
    gen::size_week(drafts, 0, ledger, l, rules);
    REQUIRE(drafts.size() == 1);
    CHECK(drafts[0].minutes == 4);
    CHECK(ledger.dropped_in_week.empty());
}

TEST_CASE("build-up: test_session_duration_aerobic_session_at_limit - fit_days keeps an aerobic session at 60 minutes whatever the day allows") {
    std::vector<Draft> drafts{draft(zone_walk, 5, 150), draft(strength_slot, 5, 20)};
    gen::fit_days(drafts, 240, 5, 60);
    CHECK(drafts[0].minutes == 60);
    CHECK(drafts[0].full == 60);
    CHECK(drafts[1].minutes == 20);  // strength is not capped here
    std::vector<Draft> at{draft(zone_walk, 5, 60)};
    gen::fit_days(at, 240, 5, 60);
    CHECK(at[0].minutes == 60);
}
