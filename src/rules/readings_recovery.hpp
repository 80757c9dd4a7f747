// progress.recovery's reading: whether a week's sleep and stress, as the session log's
// `days` record them, call for recovery (an information finding, or a held dose when a
// clinic enables the decision). The figures are counted by followup/recovery.cpp; the
// limits are read here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>

#include "rules/rules.hpp"

namespace rehabplan::reading {

// One plan week of the log's days (each measure counted over the days that state it).
struct RecoveryFigures {
    int nights_logged = 0;       // days with any of sleep hours, sleep quality or stress
    int sleep_nights = 0;        // days with sleep hours
    double sleep_hours_sum = 0;
    int quality_nights = 0;      // days with a sleep-quality rating
    int poor_nights = 0;         // ... rated fairly bad or very bad
    int stress_days = 0;         // days with a stress rating
    int stress_sum = 0;
    std::optional<double> mean_sleep_hours() const;
    std::optional<double> mean_stress() const;
};

// The age bands of the sleep limit, each with its own parameter: paruthi2016's 6-12 and
// 13-18 years, with 18 counted as adult (watson2015's adults; hirshkowitz2015's young
// adults from 18; the project's other under-18 rules). The ages are in the parameters'
// names, so they are the bands' definitions here, not settings. Patients are 12 or older
// (the patient reader), so only age 12 falls in the youngest band.
enum class SleepBand { age_6_12, age_13_17, adult };
// The band at an age in whole years; none (the age is not known) reads as adult.
SleepBand sleep_band(std::optional<int> age);
// The band's parameter of progress.recovery: min_mean_sleep_hours_6_12,
// min_mean_sleep_hours_13_17 or min_mean_sleep_hours.
IntParam sleep_param(SleepBand band);

// The parameters in force (the printout draws them as limit lines and names them).
struct RecoveryLimits {
    bool decision = false;       // enabled_as_decision: such a week holds the dose (never a step back)
    SleepBand sleep_band = SleepBand::adult;
    std::int64_t min_mean_sleep_hours = 0;  // the band's limit
    std::int64_t poor_quality_nights = 0;
    std::int64_t min_logged_nights = 0;
    std::int64_t max_mean_stress = 0;
};
// The limits for a patient of `age` (the patient document's age, whole years). The sleep
// band is chosen here and nowhere else.
RecoveryLimits recovery_limits(const EffectiveRules& rules, std::optional<int> age);

struct RecoveryVerdict : RecoveryLimits {
    bool short_sleep = false;    // mean sleep below the band's min_mean_sleep_hours
    bool poor_quality = false;   // poor nights >= poor_quality_nights
    bool high_stress = false;    // mean stress >= max_mean_stress
    bool hold = false;           // any() and the rule is a decision
    bool any() const { return short_sleep || poor_quality || high_stress; }
};

// Each measure is judged only when it was logged on at least min_logged_nights days of
// the week (one missing day can neither trigger nor hide it). The comparisons are on
// sums, so 6.9 h x 7 nights is below 7 h and 7 x 7.0 is not, whatever the rounding.
RecoveryVerdict recovery_verdict(const EffectiveRules& rules, std::optional<int> age, const RecoveryFigures& week);

}  // namespace rehabplan::reading
