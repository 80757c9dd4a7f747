// What a programme's own method asks of a week beyond the build-up: fixed-length sessions
// (Cognitive Fitness's group session run by the provider, NeuroRC's hour of consolidation
// rest) kept whole or left out, never shortened; slots with a fixed minimum (NeuroRC's
// brain training); graded activity's time-contingent quota; and the daily step target.
#pragma once

#include <optional>
#include <set>
#include <vector>

#include "core/plan.hpp"
#include "planning/build_up.hpp"
#include "planning/draft.hpp"
#include "planning/generator_inputs.hpp"
#include "rules/readings.hpp"

namespace rehabplan::generation {

// True for a draft of a fixed-length slot.
bool fixed_length(const Draft& d);

// True when the phase has a fixed-length training slot for this patient.
bool has_fixed_training(const GeneratorInputs& in, const Phase& ph);
// The phase without its fixed-length training slots and the fixed rest slots on the same
// days (the group's relaxation).
Phase phase_without_fixed(const GeneratorInputs& in, const Phase& ph);
// False (with a warning naming the session, its minutes and the limit) when a fixed-length
// training slot of the phase is longer than the patient's max_minutes_per_day. The safer
// reading: the plan does not book a session the patient's day cannot hold, and does not
// shorten what the provider runs at its method's length.
bool fixed_slots_fit_day(const GeneratorInputs& in, const Phase& ph, GeneratorFindings& findings);

// fit_days() per day, with the fixed-length sessions taken out first: a fixed training
// session counts toward the day's limit but is never shortened; a fixed rest slot (an
// hour of consolidation rest) is not exercise and does not count. The drafts come back in
// their order within the day.
void fit_days_keeping_fixed(std::vector<Draft>& drafts, std::optional<int> max_minutes_per_day, int min_session_minutes,
                            int session_max_minutes);

// True when every fixed-length training draft of `before` is whole in `sized` and the
// emitted week keeps each of progression.graded's limits for it (reading::progression_limits:
// total and moderate-equivalent minutes, the longest bout): the group session joins only
// when the build-up can hold it.
bool fixed_sessions_held(const std::vector<Draft>& before, const std::vector<Draft>& sized,
                         const reading::ProgressionLimits& limits, const reading::ProgressionWeek& week);

// A slot's fixed minimum (min_minutes): a sized draft below it is raised to it (not above
// its full dose) when that keeps the week within progression.graded: only non-aerobic
// drafts rise (aerobic minutes and bouts have their own caps), and the week's training
// minutes stay within reading::progression_limits' total cap after the ledger's weeks.
void apply_min_minutes(const GeneratorInputs& in, std::vector<Draft>& drafts, const BuildUp& ledger);

// Graded activity's quota in plan week `week` (0-based): quota_start_percent of the
// baseline (at least 1 minute), plus quota_step_minutes a week. nullopt without a quota.
std::optional<int> quota_minutes(const GeneratorInputs& in, int week);
// Caps every quota draft at the week's quota (never raises one).
void apply_quota(const GeneratorInputs& in, std::vector<Draft>& drafts, int week);

// The daily step target of each plan week: from the measured daily_steps up by
// weekly_rise_steps to the programme's goal (never below the measurement); without a
// measurement from the assumed start by age and baseline, up by unmeasured_weekly_rise_steps,
// at most unmeasured_max_steps and the goal. Empty when the programme has no goal.
std::vector<int> daily_step_targets(const GeneratorInputs& in, int weeks);
// The plan's daily_steps for those targets: the goal once the last week reaches its low
// end (or the measurement when it is already above), else the last week's target.
std::optional<Range> daily_steps_range(const GeneratorInputs& in, const std::vector<int>& targets);

}  // namespace rehabplan::generation
