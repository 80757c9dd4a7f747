// Double progression per exercise (exercise.progression): what the session log's
// per-exercise entries say of each chain of exercises the plan prescribes, and the dose
// that follows. progress() reports it, replan() writes it into the sessions to come.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/finding.hpp"
#include "core/plan.hpp"
#include "followup/session_log.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

// advance: the next level of the chain (or at its top one more set); repeat: the level
// is repeated with the repetitions (or seconds) the patient reached; hold: the dose
// stays; step_back: one level down (at level 1 the repetitions the patient managed).
enum class ExerciseStep { advance = 0, hold = 1, repeat = 2, step_back = 3 };

struct ExerciseProgress {
    std::string chain;
    std::string id;                      // the exercise of the chain logged last: the level judged
    int level = 1;
    ExerciseDose prescribed;             // its prescription in the session logged last
    ExerciseStep step = ExerciseStep::hold;
    ExerciseDose next;                   // the dose that follows (the prescription when it holds)
    // advance: "top_reached" (next level), "set_added" (top of the chain); repeat: "reps_rise";
    // hold: "below_top", "chain_top", "level_one", "not_in_library", "capped" (replan: the
    // sessions' minutes would break a rule); step_back: "pain_rise", "not_completed" (one
    // level down), "fewer" (level 1: the repetitions managed).
    std::string why;
    Text reason;                         // one sentence, en and nl
    std::vector<Date> evidence;          // the logged sessions the step rests on
    int logged = 0;                      // entries of this exercise (the level judged)
};

// Per chain, in the order the plan first prescribes it; only chains with a logged entry.
// `rules` carries the library (rule_set().exercises); its names are used in the reasons.
std::vector<ExerciseProgress> exercise_progress(const Plan& plan, const SessionLog& log, const EffectiveRules& rules);

// replan(): the step would make the sessions from `from` break `rule` (their minutes
// within progression.graded, session.duration, ...): the dose is held and the reason says so.
void hold_exercise(ExerciseProgress& x, const EffectiveRules& rules, Date from, const std::string& rule);

// exercise.progression with a log: a prescription dated after `today` more than the level
// logged last up while the log does not show that level done (its last entry completed,
// and every set at the top of the range in some session); one error each, at the
// session's exercise.
std::vector<Finding> check_exercise_levels(const Plan& plan, const SessionLog& log, Date today,
                                           const EffectiveRules& rules);

const char* to_string(ExerciseStep s);   // "advance", "hold", "repeat", "step_back"

}  // namespace rehabplan
