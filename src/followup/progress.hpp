// Closing the loop: what the session log says about each week of a plan (adherence,
// time in the heart-rate zone, training load, symptoms), the progression decision
// for the next weeks with the rule behind it, and replan(), which rewrites the weeks
// from today accordingly. Deterministic and clock-free: "today" is an input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"
#include "rules/readings_recovery.hpp"
#include "rules/rules.hpp"
#include "followup/exercise_progress.hpp"
#include "followup/session_log.hpp"

namespace rehabplan {

// What the next weeks do, from the safest down: a stop signal pauses training and
// refers the patient; a symptom rise steps back (concussion) or holds; a dose not
// done is held (or stepped back when far below); a week of short or poor sleep or high
// stress holds when a clinic made progress.recovery a decision; otherwise the plan goes on.
enum class Decision { advance = 0, hold = 1, step_back = 2, stop_and_refer = 3 };

// Foster's session-RPE load, computed with the Borg 6-20 rating the log holds
// (Foster used CR-10, so the numbers are not comparable with published CR-10 loads).
struct TrainingLoad {
    int load = 0;                            // sum of RPE x minutes over the week (arbitrary units)
    int sessions_with_rpe = 0;
    std::optional<double> monotony;          // mean daily load / SD of the 7 daily loads; none when SD = 0
    std::optional<double> strain;            // load x monotony
    // Acute:chronic workload ratio (this week / mean of the last `chronic_weeks` weeks,
    // this one included). Information only: see load.monitoring's explanation.
    std::optional<double> acwr;
};

struct WeekProgress {
    int week = 0;                            // 1-based plan week (7 days from the plan's start)
    Date start;                              // its first day
    bool complete = false;                   // the week ended before today
    // Training sessions (aerobic, strength, balance, HIIT, dual-task) planned in the
    // week up to today (all of it when complete) and what the log says of them.
    int planned_sessions = 0;
    int planned_minutes = 0;
    int logged_sessions = 0;                 // entries matched to a planned training session
    int completed_sessions = 0;              // ... of which completed
    int done_minutes = 0;                    // minutes done in planned training sessions
    int extra_sessions = 0;                  // entries on days or types the plan did not have
    int extra_minutes = 0;
    // Minutes done, each session counted up to its planned minutes, over the planned
    // minutes; rounded down; none when nothing was planned.
    std::optional<int> adherence_percent;
    // Heart rate: minutes of aerobic work with a heart rate logged, and of those the
    // minutes in the session's target range (the monitor's figure, or the whole
    // session when its average lies in range).
    int hr_logged_minutes = 0;
    int minutes_in_zone = 0;
    std::optional<double> mean_rpe;          // over entries with an RPE
    Symptoms worst;                          // the week's highest rating of each symptom
    int stop_signals = 0;
    TrainingLoad load;
    // Exposure (graded exposure): the activity of the week and its last fear rating.
    std::string exposure_activity;
    std::optional<int> exposure_fear;        // last logged rating this week
    // Sleep and stress from the log's days (progress.recovery); none without a logged day.
    std::optional<reading::RecoveryFigures> recovery;
    Decision decision = Decision::advance;
    std::string rule;                        // the rule behind the decision, e.g. "progress.adherence"
    Text reason;                             // one sentence, en and nl
};

// The fear-hierarchy track of graded exposure, apart from the minutes.
struct ExposureProgress {
    std::string activity;                    // the item being exposed now
    int hierarchy_fear = 0;                  // its rating in the patient's hierarchy
    std::optional<int> last_fear;            // the last logged rating
    bool move_on = false;                    // the next week exposes the next item
    int item = 0;                            // 0-based position in the hierarchy (least feared first)
    int items = 0;
};

// concussion.return: a symptom rise above the acceptable flare on a day of the return,
// the step it happened in (the session's concussion_step, else the stage in force that
// day) and the step the return goes on with (reading::concussion_stage_after_symptoms).
struct ConcussionRise {
    Date date;
    std::size_t entry = 0;                   // index in the log
    std::string step;                        // "1", "2A", "2B", "3", "4", "5", "6"
    std::string back_to;                     // the same step (1-3: repeated) or fallback_step
};

struct ProgressReport {
    Date today;
    std::string programme;
    std::string language;                    // the plan's
    std::vector<WeekProgress> weeks;         // every plan week that started before today
    // The decision for the weeks from today, the rule behind it and why.
    Decision next = Decision::advance;
    std::string next_rule;
    Text next_reason;
    // The first day the decision changes: today for a stop signal or a step back after
    // symptoms rose this week, else the start of the next plan week. Equal to the day
    // after the plan's end when nothing is left to change.
    Date next_from;
    std::optional<Date> stop_signal_date;    // the first logged stop signal
    std::optional<ExposureProgress> exposure;
    // After a concussion: every symptom rise above the acceptable flare, by date (replan
    // repeats a step 1-3 or goes back to fallback_step from step 4 on), and whether the
    // stop is a new head impact with symptoms (a suspected new concussion).
    std::vector<ConcussionRise> concussion_rises;
    bool head_impact_stop = false;
    // Double progression per chain of exercises the log reports on (exercise.progression);
    // replan() applies each step to the sessions after today.
    std::vector<ExerciseProgress> exercises;
    // progress.recovery's limits in force, when some week has logged days (the printout
    // draws and names them; the JSON document does not carry them).
    std::optional<reading::RecoveryLimits> recovery;
    // Observations for the therapist: missed sessions, extra sessions, effort above the
    // zone, load information; each with rule, place and citations.
    std::vector<Finding> findings;
};

// Errors: schema_error for a log that does not fit the plan or today (see
// check_session_log); invalid_argument for a `today` before the plan's start.
Result<ProgressReport> progress(const Patient& patient, const Plan& plan, const SessionLog& log, Date today,
                                const RuleSet& rules = builtin_rules());

struct ReplannedPlan {
    Plan plan;                               // validates with zero errors for the patient
    ProgressReport progress;                 // the report the decision came from
    // What changed and why (the decision, weeks repeated or stepped back, training
    // paused, content that no longer fits the plan's length, the exposure item).
    std::vector<Finding> findings;
};

// Rewrites the plan from `today` on: sessions before today stay as they were, later
// ones follow the decision. advance keeps the plan; hold repeats the last week's
// dose before going on; step back goes one week (a concussion step) back, for at
// least the rule's hours; stop and refer removes every session from today until a
// clinician has seen the patient (then make a new plan). The plan keeps its dates and
// length; content pushed past its end is named in a finding. The revised plan carries
// its findings in plan.findings and validates with zero errors (else: internal).
// Errors: as progress(); invalid_argument for a plan that already breaks a rule in
// force (it is not rewritten: correct it or generate a new one).
Result<ReplannedPlan> replan(const Patient& patient, const Plan& plan, const SessionLog& log, Date today,
                             const RuleSet& rules = builtin_rules());

const char* to_string(Decision d);           // "advance", "hold", "step_back", "stop_and_refer"

}  // namespace rehabplan
