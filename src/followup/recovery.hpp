// progress.recovery inside progress(): the week's sleep and stress from the session log's
// days, an information finding for a week that calls for recovery, and (when a clinic
// enabled the decision) a hold instead of an advance. Never a step back.
#pragma once

#include <vector>

#include "core/finding.hpp"
#include "core/plan.hpp"
#include "followup/progress.hpp"
#include "followup/session_log.hpp"
#include "rules/rules.hpp"

namespace rehabplan::detail {

// The figures of one plan week (0-based) from the log's days; nights_logged 0 when the
// week has none.
reading::RecoveryFigures recovery_figures(const SessionLog& log, const Plan& plan, int week);

// For every week: its figures (left empty without logged days), a progress.recovery
// finding when recovery_verdict() names a measure, and the week's advance turned into a
// hold when the rule is a decision. Run after the other decisions: every rule before it
// (stop signal, symptoms, adherence, effort) keeps its own, stricter outcome.
// Sets report.recovery (the limits) when any week has logged days. `age` is the patient
// document's (whole years): it picks the sleep limit's band for every week alike
// (reading::recovery_limits).
void apply_recovery(ProgressReport& report, const SessionLog& log, const Plan& plan, const EffectiveRules& rules,
                    int age);

}  // namespace rehabplan::detail
