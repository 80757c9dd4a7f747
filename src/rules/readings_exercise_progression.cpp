#include "rules/readings_exercise_progression.hpp"

#include <algorithm>

namespace rehabplan::reading {

int exercise_amount(const ExerciseDose& dose) {
    if (dose.repetitions) return *dose.repetitions;
    if (dose.seconds) return *dose.seconds;
    return dose.minutes.value_or(0);
}

int exercise_range_top(const EffectiveRules& rules, const ExerciseDose& dose) {
    const int amount = exercise_amount(dose);
    if (dose.repetitions) return std::max(amount, static_cast<int>(rules[params::exercise_progression_top_repetitions]));
    if (dose.seconds) return std::max(amount, static_cast<int>(rules[params::exercise_progression_top_seconds]));
    return amount;
}

bool exercise_sets_at_top(const EffectiveRules& rules, const ExerciseDose& dose, const std::vector<int>& sets) {
    if (sets.size() < static_cast<std::size_t>(dose.sets)) return false;
    const int top = exercise_range_top(rules, dose);
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
    return static_cast<int>(rules[params::exercise_progression_max_sets]);
}

std::int64_t exercise_max_levels_up(const EffectiveRules& rules) {
    return rules[params::exercise_progression_max_levels_up];
}

bool exercise_level_jump(const EffectiveRules& rules, int from, int to) {
    return std::int64_t{to} - from > exercise_max_levels_up(rules);
}

std::int64_t exercise_content_seconds(const EffectiveRules& rules, const ExerciseDose& dose) {
    const std::int64_t sets = std::int64_t{dose.sets} + (dose.extra_side ? dose.extra_sets : 0);
    std::int64_t per_set = 0;
    if (dose.repetitions) per_set = std::int64_t{*dose.repetitions} * rules[params::exercise_progression_seconds_per_repetition];
    else if (dose.seconds) per_set = *dose.seconds;
    else if (dose.minutes) per_set = std::int64_t{*dose.minutes} * 60;
    if (dose.per_side) per_set *= 2;
    return sets * per_set + std::max<std::int64_t>(0, sets - 1) * dose.rest_seconds;
}

}  // namespace rehabplan::reading
