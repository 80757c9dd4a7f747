#include "rules/readings_build_up.hpp"

#include "rules/readings.hpp"

namespace rehabplan::reading {

std::vector<std::int64_t> plan_week_training_minutes(const Plan& plan) {
    std::vector<std::int64_t> out(static_cast<std::size_t>(std::max(plan.weeks, 0)), 0);
    const Date end = plan.end_date();
    for (const SessionPlan& s : plan.sessions) {
        if (!is_training(s.type) || s.date < plan.start_date || s.date > end) continue;
        const auto k = static_cast<std::size_t>(s.date.days_since(plan.start_date) / 7);
        if (k < out.size()) out[k] += s.minutes;
    }
    return out;
}

BuildUpWeeks build_up_weeks(const EffectiveRules& rules, const Plan& plan) {
    BuildUpWeeks b;
    if (plan.full_dose_week) {
        b.weeks = *plan.full_dose_week - 1;
        b.full_dose_week = *plan.full_dose_week;
        return b;
    }
    const std::vector<std::int64_t> m = plan_week_training_minutes(plan);
    if (m.size() < 2 || m[0] <= 0) return b;
    std::size_t rising = 1;  // weeks 1..rising form the run
    while (rising < m.size() && m[rising] > m[rising - 1] &&
           m[rising] <= progression_increase_cap(rules, m[rising - 1]))
        ++rising;
    if (rising < 2) return b;
    if (rising == m.size()) {
        b.weeks = static_cast<int>(rising);
        b.full_dose_week = 0;
    } else {
        b.weeks = static_cast<int>(rising) - 1;
        b.full_dose_week = static_cast<int>(rising);
    }
    return b;
}

}  // namespace rehabplan::reading
