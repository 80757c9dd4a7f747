#include "rules/readings_recovery.hpp"

#include "rules/params.hpp"

namespace rehabplan::reading {

std::optional<double> RecoveryFigures::mean_sleep_hours() const {
    if (sleep_nights == 0) return std::nullopt;
    return sleep_hours_sum / sleep_nights;
}

std::optional<double> RecoveryFigures::mean_stress() const {
    if (stress_days == 0) return std::nullopt;
    return static_cast<double>(stress_sum) / stress_days;
}

SleepBand sleep_band(std::optional<int> age) {
    if (!age || *age >= 18) return SleepBand::adult;
    return *age >= 13 ? SleepBand::age_13_17 : SleepBand::age_6_12;
}

IntParam sleep_param(SleepBand band) {
    switch (band) {
        case SleepBand::age_6_12: return params::progress_recovery_min_mean_sleep_hours_6_12;
        case SleepBand::age_13_17: return params::progress_recovery_min_mean_sleep_hours_13_17;
        case SleepBand::adult: break;
    }
    return params::progress_recovery_min_mean_sleep_hours;
}

RecoveryLimits recovery_limits(const EffectiveRules& rules, std::optional<int> age) {
    RecoveryLimits l;
    l.decision = rules[params::progress_recovery_enabled_as_decision];
    l.sleep_band = sleep_band(age);
    l.min_mean_sleep_hours = rules[sleep_param(l.sleep_band)];
    l.poor_quality_nights = rules[params::progress_recovery_poor_quality_nights];
    l.min_logged_nights = rules[params::progress_recovery_min_logged_nights];
    l.max_mean_stress = rules[params::progress_recovery_max_mean_stress];
    return l;
}

RecoveryVerdict recovery_verdict(const EffectiveRules& rules, std::optional<int> age, const RecoveryFigures& w) {
    RecoveryVerdict v;
    static_cast<RecoveryLimits&>(v) = recovery_limits(rules, age);
    const auto enough = [&](int days) { return days >= v.min_logged_nights; };
    // The hours are summed from the log's decimals: a tolerance far below any logged
    // precision keeps 7 x 7.0 from reading as short through a rounding error.
    constexpr double tolerance = 1e-9;
    v.short_sleep = enough(w.sleep_nights) &&
                    w.sleep_hours_sum < static_cast<double>(v.min_mean_sleep_hours) * w.sleep_nights - tolerance;
    v.poor_quality = enough(w.quality_nights) && w.poor_nights >= v.poor_quality_nights;
    v.high_stress = enough(w.stress_days) && std::int64_t{w.stress_sum} >= v.max_mean_stress * w.stress_days;
    v.hold = v.any() && v.decision;
    return v;
}

}  // namespace rehabplan::reading
