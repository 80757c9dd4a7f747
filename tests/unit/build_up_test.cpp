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
    ledger.week_minutes = {100};
    ledger.best_week = 100;
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
    ledger.week_minutes = {90, 0};
    ledger.best_week = 90;
    std::vector<Draft> drafts{draft(fill_walk, 0, 60), draft(fill_walk, 2, 60)};
    gen::size_week(drafts, 2, ledger, limits(30), rules);
    CHECK(training_minutes(drafts) == 108);  // 90 x 1.2
    CHECK(ledger.dropped_in_week.empty());
}

TEST_CASE("build-up: no session shrinks while the week grows when the budget allows") {
    const EffectiveRules rules = builtin();
    gen::BuildUp ledger;
    ledger.week_minutes = {100};
    ledger.best_week = 100;
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
