// exercise.progression as readings: double progression of one exercise (the top of its
// range, a pain rise, the next dose), the level limit between two prescriptions of a
// chain, and the time an exercise's dose takes. No other file computes these.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/plan.hpp"
#include "rules/rules.hpp"

namespace rehabplan::reading {

// The top of the dose's range in plan week `week` (0-based): the top of exercise.dose's
// repetition range in force that week, top_seconds for holds, never below the prescribed
// amount (a prescription above the range is its own top); an exercise dosed in minutes
// has the prescribed minutes as its top.
int exercise_range_top(const EffectiveRules& rules, const ExerciseDose& dose, std::int64_t week);
// The amount per set of the dose (repetitions, seconds or minutes).
int exercise_amount(const ExerciseDose& dose);
// Every set of the prescription done, each at the top of the range.
bool exercise_sets_at_top(const EffectiveRules& rules, const ExerciseDose& dose, const std::vector<int>& sets,
                          std::int64_t week);
// The sessions running with every set at the top that move the chain on (top_sessions).
int exercise_top_sessions(const EffectiveRules& rules);
// A pain rating that rose by more than pain_rise_points on `before` (none: nothing to compare).
bool exercise_pain_rise(const EffectiveRules& rules, std::optional<int> before, std::optional<int> now);
int exercise_pain_rise_points(const EffectiveRules& rules);
// At the top of a chain one more set follows, up to exercise.dose's max_sets.
int exercise_max_sets(const EffectiveRules& rules);
// More than max_levels_up levels up from `from` to `to` (two consecutive prescriptions of a chain).
bool exercise_level_jump(const EffectiveRules& rules, int from, int to);
std::int64_t exercise_max_levels_up(const EffectiveRules& rules);

}  // namespace rehabplan::reading
