#include "rules/readings_exercise_progression.hpp"

#include <algorithm>

#include "rules/readings_exercise.hpp"

namespace rehabplan::reading {

int exercise_amount(const ExerciseDose& dose) {
    if (dose.repetitions) return *dose.repetitions;
    if (dose.seconds) return *dose.seconds;
    return dose.minutes.value_or(0);
}

int exercise_range_top(const EffectiveRules& rules, const ExerciseDose& dose, std::int64_t week) {
    const int amount = exercise_amount(dose);
    if (dose.repetitions) return std::max(amount, exercise_dose_range(rules, week).repetitions.high);
    if (dose.seconds) return std::max(amount, static_cast<int>(rules[params::exercise_progression_top_seconds]));
    return amount;
}

bool exercise_sets_at_top(const EffectiveRules& rules, const ExerciseDose& dose, const std::vector<int>& sets,
                          std::int64_t week) {
    if (sets.size() < static_cast<std::size_t>(dose.sets)) return false;
    const int top = exercise_range_top(rules, dose, week);
    return std::all_of(sets.begin(), sets.end(), [&](int v) { return v >= top; });
}

int exercise_top_sessions(const EffectiveRules& rules) {
    return static_cast<int>(rules[params::exercise_progression_top_sessions]);
}

int exercise_pain_rise_points(const EffectiveRules& rules) {
    return static_cast<int>(rules[params::exercise_progression_pain_rise_points]);
}

bool exercise_pain_rise(const EffectiveRules& rules, std::optional<int> before, std::optional<int> now) {
    return before && now && *now - *before > exercise_pain_rise_points(rules);
}

int exercise_max_sets(const EffectiveRules& rules) {
    return exercise_dose_range(rules, 0).max_sets;
}

std::int64_t exercise_max_levels_up(const EffectiveRules& rules) {
    return rules[params::exercise_progression_max_levels_up];
}

bool exercise_level_jump(const EffectiveRules& rules, int from, int to) {
    return std::int64_t{to} - from > exercise_max_levels_up(rules);
}

}  // namespace rehabplan::reading
