// Session emission: a sized week of drafts becomes the plan's SessionPlans, with their
// titles, notes, intensity and blocks, and the week is recorded in the build-up ledger
// (its minutes, its highest intensity class, whether it reached the full dose).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/plan.hpp"
#include "planning/build_up.hpp"
#include "planning/draft.hpp"
#include "planning/generator_inputs.hpp"
#include "planning/hiit_gate.hpp"
#include "planning/session_texts.hpp"
#include "rules/readings.hpp"

namespace rehabplan::generation {

// A block of a session before its text: its kind, its minutes and where its description
// comes from (the texts are the slot's, made once per plan: planning/session_texts).
struct BlockShape {
    BlockKind kind = BlockKind::main;
    int minutes = 0;
    BlockText text = BlockText::main;
};
// The blocks of a session: warm-up, main part (with its cognitive and balance shares),
// cool-down; shorter edges for a short build-up session; none for non-training. Into
// `out` (cleared first): the generator asks for the blocks of many lengths of a session.
void block_shapes(const GeneratorSettings& g, const Draft& d, std::vector<BlockShape>& out);

// `drafted` with its exercises (SlotTemplate::exercises; planning/exercise_selection)
// chosen into `exercises` for plan week `k` (0-based), fitted into its strength, balance
// and thinking-task blocks. A strength or balance session is shortened to the minutes its
// exercises take (never below the slot's min_minutes, never longer than drafted).
Draft with_exercises(const GeneratorInputs& in, const Draft& drafted, int k, std::vector<ExerciseDose>& exercises);

// The step of a concussion return a session on a day belongs to: the stage in force
// (reading::concussion_stage_on), on the daily ladder at most its last step (4), with that
// step's texts in the physical ladder and their message key prefix.
struct ConcussionSessionStep {
    reading::ConcussionStage stage = reading::ConcussionStage::step1;
    Date zone_date;                      // the day whose zone the session takes: its own, or
                                         // when held back, the day its step began
    int step = 1;                        // 1-6
    std::string sub;                     // "2A"/"2B" in step 2, else ""
    const ReturnStepTemplate* text = nullptr;
    std::string key;                     // programme.concussion_return.<ladder>.step<L>
};
// A session never skips a step: after a session in step `last` (ConcussionStage as int,
// -1 none) first held on `since`, the next is at most one step on, and moves on only
// min_hours_per_step after `since`. nullopt without a dated concussion or before it.
std::optional<ConcussionSessionStep> concussion_session_step(const GeneratorInputs& in, Date date, int last = -1,
                                                             Date since = Date());

// The message key of a step of a ladder: programme.concussion_return.<ladder>.step<l>,
// the step's label in lower case ("step2a": message keys are lower-case).
std::string return_step_key(ReturnLadder ladder, const std::string& label);

// Sizes plan week `k`'s fitted drafts (size_week) and emits them. The volume cap is
// estimated from the drafts (the zone's class); when the emitted week's
// moderate-equivalent minutes, as the validator counts them (a concussion step's own
// ceiling, the intensity step), still exceed it, the week is sized again with that much
// less, so the plan keeps progression.graded as validate() reads it. Between sizing and
// emitting, a slot's fixed minimum and graded activity's quota apply (planning/programme_fit).
// Returns the drafts as emitted.
std::vector<Draft> size_and_emit(const GeneratorInputs& in, const std::vector<Draft>& fitted, int k, HiitBans& bans,
                                 BuildUp& ledger, BuildUpLimits limits, Plan& plan);

// Appends plan week `k` (0-based) to `plan` and records it in `ledger`. After a concussion
// no session before step 2A's day (step 1 is symptom-limited daily activity); each one
// carries its step, and on the concussion_return programme the step's title and note.
void emit(const GeneratorInputs& in, const std::vector<Draft>& drafts, int k, const HiitBans& bans, BuildUp& ledger,
          Plan& plan);

}  // namespace rehabplan::generation
