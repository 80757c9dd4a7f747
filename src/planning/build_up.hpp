// Build-up: progression.graded as the validator reads it, applied to the weeks of a
// plan. Week 1 (or any week with no training before it) starts from the baseline;
// later weeks rise at most the progression limit on the previous week (the best earlier
// week after a pause). The ledger holds the weeks so far; the sizing functions shrink
// one week's drafts (their full dose) to what the ledger and the readings allow.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "planning/draft.hpp"
#include "rules/readings.hpp"
#include "rules/rules.hpp"

namespace rehabplan::generation {

// (weekday, slot id) -> minutes of that session in the last week.
using LastMinutes = std::map<std::pair<int, std::string>, int>;

// The weeks planned so far (indexes 0-based).
struct BuildUp {
    std::vector<int> week_minutes;        // training minutes per week
    int best_week = 0;                    // the most training minutes of any week
    int last_class = -1;                  // highest intensity class of the last week with one (-1: none)
    LastMinutes last_minutes;             // the last week's sessions
    std::vector<int> week_full_minutes;   // training minutes per week at full dose (what fits the days)
    std::vector<bool> week_full;          // weeks at full dose
    std::set<int> dropped_in_week;        // weeks with sessions left out (too early, too short)
    reading::ProgressionHistory history;  // each week as the validator measures it (progression.graded)
    // A concussion return: the step (ConcussionStage as int) of the last training session,
    // and the day of the first session in it (-1: none yet). Sessions never skip a step.
    int concussion_stage = -1;
    Date concussion_stage_since;
};

// The limits the sizing needs besides the rules.
struct BuildUpLimits {
    int baseline_minutes = 0;                // the patient's continuous aerobic minutes
    std::optional<int> max_minutes_per_day;  // the patient's, if any
    int min_session_minutes = 5;             // shorter training sessions are left out
    int first_week_min_minutes = 5;          // floor of strength and balance in a first week
    int session_max_minutes = 0;             // one aerobic session at most (session.duration; 0: none)
    int volume_factor = 1;                   // moderate-equivalent minutes per minute of zone work (0 light, 2 vigorous)
    int hiit_volume = 0;                     // moderate-equivalent minutes of one HIIT session
    bool intermittent = false;               // a baseline below intermittent_below_minutes: bouts with rests
    int intermittent_rest = 0;               // minutes of rest between bouts
    int bout_cap = 0;                        // the week's longest bout (reading::progression_limits)
    std::int64_t volume_margin = 0;          // taken off the volume cap where the estimate fell short
};

// Keeps each day within `max_minutes_per_day`: non-training sessions shrink first
// (down to `min_session_minutes`), then training; what still does not fit is left out.
// Sets minutes and full dose of each draft to what fits.
// An aerobic or dual-task session is at most `session_max_minutes` (0: no cap) long.
void fit_days(std::vector<Draft>& drafts, std::optional<int> max_minutes_per_day, int min_session_minutes,
              int session_max_minutes = 0);

// Largest level L with sum(min(v, L)) <= budget: trims the longest values first.
void trim_to(std::vector<int*>& values, int budget);

// Leaves out training sessions shorter than `min_session_minutes` (and empty drafts).
void drop_short(std::vector<Draft>& drafts, int min_session_minutes);

// A first week, one pass: no aerobic bout above the baseline, aerobic minutes (HIIT
// included) within baseline x training days; on the `first` pass strength and balance
// start at the aerobic fraction. Returns true when a HIIT session was left out.
bool size_first_week_once(std::vector<Draft>& drafts, const BuildUpLimits& limits, bool first);
// A first week: the pass above until leaving out short sessions changes nothing more.
bool size_first_week(std::vector<Draft>& drafts, const BuildUpLimits& limits);
// A later week: at most `cap` training minutes, shared in proportion to the full dose,
// no session below its `last` minutes when the budget allows. Returns true when a HIIT
// session was left out.
bool size_after(std::vector<Draft>& drafts, std::int64_t cap, const LastMinutes& last);

// The week's bout and aerobic-volume caps on sized drafts: continuous sessions within
// the bout cap, intermittent ones split into bouts of at most it (their clock time
// within the session cap and the day), moderate-equivalent aerobic minutes within
// `volume_cap` (HIIT left out first when it alone is over). Returns true when a HIIT
// session was left out.
bool apply_aerobic_caps(std::vector<Draft>& drafts, const BuildUpLimits& limits, std::optional<std::int64_t> volume_cap);

// Sizes plan week `week` (0-based) after the weeks in `ledger`, and records in it a week
// that left sessions out. Returns true when a HIIT session was left out for the dose.
bool size_week(std::vector<Draft>& drafts, int week, BuildUp& ledger, BuildUpLimits limits,
               const EffectiveRules& rules);

}  // namespace rehabplan::generation
