// The printout's part on priming treatments (plan.priming): a section that explains the
// dosing days and the learning window in plain words, the treatment days in the weekly
// tables, and a mark on each skill session in a window. The days come from the one
// reading (rules/readings_priming.hpp), fed the plan's record of the treatments.
#pragma once

#include <string>

#include "core/plan.hpp"
#include "render/plan_view.hpp"
#include "rules/rules.hpp"

namespace rehabplan::detail {

// Fills v.priming_title and v.priming, each week's treatment days and the sessions'
// window marks; nothing for a plan without treatments. After the weeks are made.
void priming_section(PlanView& v, const Plan& plan, const std::string& lang, const EffectiveRules& er);

}  // namespace rehabplan::detail
