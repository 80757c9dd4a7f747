// The build-up reading (validator findings): which of a plan's own 7-day weeks build up
// to its full dose, so that a shortfall there (session.duration below min_minutes,
// week.volume below min_minutes, week.sessions, week.strength, week.balance) is one
// planned information finding, not a warning per session or week.
#pragma once

#include <cstdint>
#include <vector>

#include "core/plan.hpp"
#include "rules/rules.hpp"

namespace rehabplan::reading {

struct BuildUpWeeks {
    int weeks = 0;          // weeks 1..weeks of the plan build up (0: no build-up)
    int full_dose_week = 0; // the week the full dose comes (1-based); 0: after the plan
};

// A plan with full_dose_week N (the generator's, or replan's recomputed one): weeks
// 1..N-1 build up and the full dose comes in week N. A plan without it (written or
// edited by a therapist) is read by its training minutes per plan week: the build-up is
// the run from week 1 (with training) in which each week rises over the week before and
// within progression.graded's weekly cap. Weeks up to the last rising week's predecessor
// build up and the last rising week is the full dose; a run that still rises in the
// plan's last week builds up through it (the full dose comes after the plan). A plan
// with no rise (or of one week) has no build-up.
BuildUpWeeks build_up_weeks(const EffectiveRules& rules, const Plan& plan);

// Training minutes in each of the plan's own 7-day weeks (sessions outside it ignored).
std::vector<std::int64_t> plan_week_training_minutes(const Plan& plan);

}  // namespace rehabplan::reading
