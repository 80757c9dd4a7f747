// validate(): every rule against a dated plan, findings ordered deterministically.
#pragma once

#include <vector>

#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

// Weeks are ISO weeks (Monday to Sunday). Weekly minimums are checked on ISO weeks
// that lie wholly inside the plan; a partial first or last week gets an info finding.
std::vector<Finding> validate(const Patient& patient, const Plan& plan, const RuleSet& rules);

// Moderate-equivalent minutes of one session (week.volume): moderate x 1,
// vigorous x vigorous_factor, HIIT work intervals as vigorous, other types 0. A session
// is read by its numbers: a range reaching above the moderate band (% HRmax, RPE, and
// heart rate against the HRmax of `patient` when given and not on a beta-blocker) is
// vigorous, whatever its stated class.
int moderate_equivalent_minutes(const SessionPlan& s, const EffectiveRules& rules, const Patient* patient = nullptr);

}  // namespace rehabplan
