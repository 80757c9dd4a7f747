#include "rules/readings_exercise.hpp"

#include <algorithm>

namespace rehabplan::reading {

namespace {
int i(std::int64_t v) { return static_cast<int>(v); }
}  // namespace

std::vector<std::string> exercise_unsuitable(const EffectiveRules& rules, const ExerciseLibrary& library,
                                             const Exercise& exercise, const Patient& patient) {
    std::vector<std::string> out = unmet_precautions(library, exercise, patient);
    const auto add = [&out](const std::string& why) {
        if (std::find(out.begin(), out.end(), why) == out.end()) out.push_back(why);
    };
    if (patient.mobility == Mobility::wheelchair) {
        if (exercise.position == BodyPosition::standing) add("standing");
        if (exercise.position == BodyPosition::lying) add("floor");
    }
    // Standing balance after falls or with a walking aid only with a hand on a support.
    const bool falls = patient.falls_past_year && *patient.falls_past_year > 0;
    const std::string& support = rules[params::exercise_suitability_support_precaution];
    if ((falls || patient.mobility == Mobility::walking_aid) && exercise.category == ExerciseCategory::balance &&
        exercise.position == BodyPosition::standing &&
        std::find(exercise.precautions.begin(), exercise.precautions.end(), support) == exercise.precautions.end())
        add(support);
    return out;
}

bool exercise_easiest_level(const EffectiveRules& rules, const Patient& patient) {
    if (patient.falls_past_year && *patient.falls_past_year > 0) return true;
    if (patient.mobility && *patient.mobility != Mobility::independent) return true;
    if (patient.age >= rules[params::exercise_suitability_easiest_level_min_age]) return true;
    for (const std::string& c : rules[params::exercise_suitability_easiest_level_conditions])
        if (const auto t = parse_enum<ConditionType>(c); t && patient.has(*t)) return true;
    return false;
}

int exercise_start_level(const EffectiveRules& rules) { return i(rules[params::exercise_suitability_start_level]); }

bool exercise_strength_category(ExerciseCategory c) {
    return c == ExerciseCategory::strength_lower || c == ExerciseCategory::strength_upper || c == ExerciseCategory::trunk;
}

namespace {
ExerciseDoseRange dose_range(const EffectiveRules& rules, bool start) {
    ExerciseDoseRange r;
    r.min_sets = i(rules[params::exercise_dose_min_sets]);
    r.max_sets = i(rules[params::exercise_dose_max_sets]);
    r.start = start;
    if (r.start) {
        r.repetitions = {i(rules[params::exercise_dose_start_repetitions_low]), i(rules[params::exercise_dose_start_repetitions_high])};
        r.rpe = {i(rules[params::exercise_dose_start_rpe_low]), i(rules[params::exercise_dose_start_rpe_high])};
    } else {
        r.repetitions = {i(rules[params::exercise_dose_later_repetitions_low]), i(rules[params::exercise_dose_later_repetitions_high])};
        r.rpe = {i(rules[params::exercise_dose_later_rpe_low]), i(rules[params::exercise_dose_later_rpe_high])};
    }
    // A profile or clinic may raise a low end above a high end (stricter both ways): the range stays a range.
    r.repetitions.high = std::max(r.repetitions.high, r.repetitions.low);
    r.rpe.high = std::max(r.rpe.high, r.rpe.low);
    r.max_sets = std::max(r.max_sets, r.min_sets);
    r.hold_seconds = {i(rules[params::exercise_dose_min_hold_seconds]), i(rules[params::exercise_dose_max_hold_seconds])};
    r.hold_seconds.high = std::max(r.hold_seconds.high, r.hold_seconds.low);
    r.extra_sets = i(rules[params::exercise_dose_affected_side_extra_sets]);
    return r;
}
}  // namespace

ExerciseDoseRanges exercise_dose_ranges(const EffectiveRules& rules) {
    return ExerciseDoseRanges{dose_range(rules, true), dose_range(rules, false), rules[params::exercise_dose_start_weeks]};
}

ExerciseDoseRange exercise_dose_range(const EffectiveRules& rules, std::int64_t week) {
    return dose_range(rules, week < rules[params::exercise_dose_start_weeks]);
}

int exercise_repetition_rise(const EffectiveRules& rules) { return i(rules[params::exercise_dose_repetition_rise_per_week]); }

std::int64_t exercise_seconds(const EffectiveRules& rules, const ExerciseDose& dose) {
    std::int64_t per_set = 0;
    if (dose.repetitions) per_set = std::int64_t{*dose.repetitions} * rules[params::exercise_dose_seconds_per_repetition];
    else if (dose.seconds) per_set = *dose.seconds;
    else if (dose.minutes) per_set = std::int64_t{*dose.minutes} * 60;
    const std::int64_t sides = dose.per_side ? 2 : 1;
    const std::int64_t sets = dose.sets * sides + dose.extra_sets;
    return sets * per_set + (sets - 1) * dose.rest_seconds + rules[params::exercise_dose_changeover_seconds];
}

int exercise_max_count(const EffectiveRules& rules, bool strength) {
    return i(strength ? rules[params::exercise_dose_max_exercises] : rules[params::exercise_dose_other_max_exercises]);
}
int exercise_min_count(const EffectiveRules& rules) { return i(rules[params::exercise_dose_min_exercises]); }

}  // namespace rehabplan::reading
