// The readings of exercise.suitability and exercise.dose (data/rules.json): which
// exercises of the library a patient may be given, where a chain starts, and the dose
// range in force in a plan week. Selection (planning/exercise_selection) and the
// validator read these and nothing else.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/patient.hpp"
#include "core/plan.hpp"
#include "rules/exercise_library.hpp"
#include "rules/rules.hpp"

namespace rehabplan::reading {

// ------------------------------------------------------------ exercise.suitability
// Why `exercise` does not suit the patient, empty when it does: the precautions the
// patient meets (unmet_precautions: the library's data), and, whatever the data says,
// "standing" or "floor" for a wheelchair user when the exercise stands or lies, and the
// support precaution (support_precaution) missing from standing balance after recorded
// falls or with a walking aid.
std::vector<std::string> exercise_unsuitable(const EffectiveRules& rules, const ExerciseLibrary& library,
                                             const Exercise& exercise, const Patient& patient);

// True when every chain starts at its easiest suitable level: recorded falls, a walking
// aid or wheelchair, age easiest_level_min_age and over, or a condition of
// easiest_level_conditions. Otherwise a chain starts at start_level (or the highest
// suitable level below it).
bool exercise_easiest_level(const EffectiveRules& rules, const Patient& patient);
int exercise_start_level(const EffectiveRules& rules);

// ------------------------------------------------------------ exercise.dose
// Strength work: repetitions and effort depend on the plan week; holds and sets do not.
bool exercise_strength_category(ExerciseCategory c);

struct ExerciseDoseRange {
    int min_sets = 1;
    int max_sets = 3;
    Range repetitions;                   // strength: per set
    Range rpe;                           // strength: Borg
    Range hold_seconds;                  // exercises dosed in seconds held
    int extra_sets = 0;                  // after a stroke, for the affected side (unilateral exercises)
    bool start = true;                   // the first start_weeks weeks
};
// The range in force in plan week `week` (0-based: the plan's own 7-day weeks).
ExerciseDoseRange exercise_dose_range(const EffectiveRules& rules, std::int64_t week);
// Both ranges, read once, for a caller that walks week by week (a dose built up over
// the weeks before its own): at(week) is exercise_dose_range(rules, week).
struct ExerciseDoseRanges {
    ExerciseDoseRange start, later;
    std::int64_t start_weeks = 0;
    const ExerciseDoseRange& at(std::int64_t week) const { return week < start_weeks ? start : later; }
};
ExerciseDoseRanges exercise_dose_ranges(const EffectiveRules& rules);

// How a generated plan moves a strength dose on: repetitions rise by this much a week
// within the range; at the top a set is added (up to max_sets).
int exercise_repetition_rise(const EffectiveRules& rules);

// How long one exercise takes in seconds, as the session's minutes count it: every set
// (per side when per_side, and the affected side's extra sets), the rest between sets and
// the change-over to the next exercise (seconds_per_repetition, changeover_seconds).
std::int64_t exercise_seconds(const EffectiveRules& rules, const ExerciseDose& dose);

// How many exercises a session names at most: max_exercises for strength sessions,
// other_max_exercises otherwise; at least min_exercises for strength when they fit.
int exercise_max_count(const EffectiveRules& rules, bool strength);
int exercise_min_count(const EffectiveRules& rules);

}  // namespace rehabplan::reading
