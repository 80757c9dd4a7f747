// hiit.protocol's readings: the gradual introduction, the spacing between HIIT sessions
// and the effort of the work intervals (rules/readings.hpp).
#include <algorithm>

#include "core/plan.hpp"
#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan::reading {

HiitIntervals hiit_intervals(const EffectiveRules& rules, int hiit_week) {
    const auto full_repeats = rules[params::hiit_protocol_repeats];
    const auto full_recovery = rules[params::hiit_protocol_recovery_seconds];
    HiitIntervals h{static_cast<int>(rules[params::hiit_protocol_work_seconds]), static_cast<int>(full_recovery),
                    static_cast<int>(full_repeats)};
    if (!hiit_introduction(rules, hiit_week)) return h;
    const std::int64_t weeks = rules[params::hiit_protocol_introduction_weeks];
    // Never harder than the protocol, whatever a clinic set for either.
    const std::int64_t r0 = std::min(rules[params::hiit_protocol_introduction_repeats], full_repeats);
    const std::int64_t c0 = std::max(rules[params::hiit_protocol_introduction_recovery_seconds], full_recovery);
    const std::int64_t done = hiit_week - 1;  // 0 .. weeks-1 steps of `weeks` taken
    h.repeats = static_cast<int>(r0 + (full_repeats - r0) * done / weeks);
    h.recovery_seconds = static_cast<int>(c0 - ((c0 - full_recovery) * done) / weeks);
    return h;
}

bool hiit_introduction(const EffectiveRules& rules, int hiit_week) {
    return hiit_week >= 1 && hiit_week <= rules[params::hiit_protocol_introduction_weeks];
}

std::optional<int> hiit_first_plan_week(const Plan& plan) {
    std::optional<Date> first;
    for (const SessionPlan& s : plan.sessions)
        if (s.type == SessionType::hiit && s.date >= plan.start_date && (!first || s.date < *first)) first = s.date;
    if (!first) return std::nullopt;
    return static_cast<int>(first->days_since(plan.start_date) / 7);
}

int hiit_week_of(Date start, std::optional<int> first, Date date) {
    if (!first) return 1;
    return static_cast<int>(date.days_since(start) / 7) - *first + 1;
}

int hiit_min_gap_days(const EffectiveRules& rules) {
    return static_cast<int>((rules[params::hiit_protocol_min_hours_between] + 23) / 24);
}

std::int64_t hiit_hours_between(std::int64_t days) { return days * 24; }

bool hiit_spacing_ok(const EffectiveRules& rules, std::int64_t days, bool both_supervised) {
    if (hiit_hours_between(days) >= rules[params::hiit_protocol_min_hours_between]) return true;
    return both_supervised && days >= 1;
}

Range hiit_work_rpe(const EffectiveRules& rules) {
    return Range{static_cast<int>(rules[params::hiit_protocol_work_rpe_low]),
                 static_cast<int>(rules[params::hiit_protocol_work_rpe_high])};
}

}  // namespace rehabplan::reading
