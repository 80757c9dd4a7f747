// One reading per rule: pure functions that say what a rule allows for this patient,
// given the parameters in force and the facts being judged. Each returns a verdict (a
// limit, a reason or nothing) and decides nothing else: the validator turns a verdict
// into a finding at a path, the generator and replan into a size, a ban or a date.
// No other file computes these limits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "rules/heart_rate.hpp"
#include "rules/rules.hpp"

namespace rehabplan::reading {

// ------------------------------------------------------------ progression.graded
// The week a week is measured against: the previous week's training minutes, or after
// a week without training the best earlier week; none before any training.
std::optional<std::int64_t> progression_reference(std::int64_t previous_week_minutes, std::int64_t best_earlier_minutes);

// With no reference (week 1, or no training before): the week's aerobic minutes
// (aerobic, dual-task and HIIT: what the baseline measures) may reach baseline x
// training days.
std::int64_t progression_baseline_cap(int baseline_minutes, std::int64_t training_days);

// In the plan's first week no aerobic bout is longer than the baseline.
int progression_first_week_max_bout(int baseline_minutes);

// With a reference: the week's training minutes may reach reference x (100 + pct) / 100,
// rounded down (pct = max_weekly_increase_percent), or reference + min_step_week_minutes
// when that is more (tiny baselines grow too). Same as progression_cap(total).
std::int64_t progression_increase_cap(const EffectiveRules& rules, std::int64_t reference);

// The three quantities progression.graded caps week on week, each at
// max(reference x (100 + pct) / 100 rounded down, reference + its minimum step).
enum class ProgressionQuantity {
    volume,  // moderate-equivalent aerobic minutes, as week.volume counts them (min_step_week_minutes)
    total,   // training minutes, rest blocks left out (min_step_week_minutes)
    bout,    // the longest continuous aerobic bout (min_step_bout_minutes)
};
const char* progression_quantity_name(ProgressionQuantity q);  // "volume", "total", "bout"
std::int64_t progression_min_step(const EffectiveRules& rules, ProgressionQuantity q);
std::int64_t progression_cap(const EffectiveRules& rules, ProgressionQuantity q, std::int64_t reference);

// What progression.graded measures in one of the plan's own weeks.
struct ProgressionWeek {
    std::int64_t total = 0;          // training minutes (rest blocks left out)
    std::int64_t aerobic = 0;        // aerobic, dual-task and HIIT minutes: what the baseline measures
    std::int64_t volume = 0;         // moderate-equivalent aerobic minutes (week.volume's count)
    std::int64_t bout = 0;           // longest continuous aerobic or dual-task bout
    std::int64_t training_days = 0;
    std::int64_t of(ProgressionQuantity q) const;
};
// True for the sessions whose bouts progression.graded reads (aerobic, dual-task).
bool progression_bout_session(const SessionPlan& s);
// The week of `sessions` (one plan week's), as the validator reads it.
ProgressionWeek progression_measure(const std::vector<const SessionPlan*>& sessions, const EffectiveRules& rules,
                                    const Patient& patient);

// The weeks so far, in order: each quantity's reference is the previous week's value, or
// after a week without it the best earlier one (progression_reference).
struct ProgressionHistory {
    std::vector<ProgressionWeek> weeks;
    std::optional<std::int64_t> reference(ProgressionQuantity q) const;
    void push(const ProgressionWeek& w) { weeks.push_back(w); }
};

// The limits of the next week after `history`. total and volume: none without a
// reference (week 1, or nothing before: then the week's aerobic minutes stay within
// baseline x training days, progression_baseline_cap). bout: in a baseline week the
// baseline; later the cap on the previous (or best earlier) week's longest bout, the
// baseline standing in when there was none, and never below the baseline (the patient's
// measured tolerance).
struct ProgressionLimits {
    std::optional<std::int64_t> total;
    std::optional<std::int64_t> volume;
    std::int64_t bout = 0;
    bool baseline_week = false;      // no training before: progression_baseline_cap applies
};
// volume never below baseline x `training_days` (the week's own days; progression_baseline_cap):
// the patient's measured tolerance stands even after a week that counted little (a HIIT or
// a light concussion week), as the bout never drops below the baseline.
ProgressionLimits progression_limits(const EffectiveRules& rules, int baseline_minutes, const ProgressionHistory& history,
                                     std::int64_t training_days = 0);

// A baseline below intermittent_below_minutes is trained in intermittent bouts.
bool progression_intermittent(const EffectiveRules& rules, int baseline_minutes);
// The rest between two intermittent bouts (intermittent_rest_minutes).
int progression_intermittent_rest(const EffectiveRules& rules);
// `active` minutes in bouts of at most `max_bout`, as even as possible (longest first).
std::vector<int> progression_bouts(int active, int max_bout);

// The highest intensity class (0 light .. 2 vigorous) a week may reach after weeks whose
// last stated highest class was `previous_class` (-1: none stated yet, any class):
// at most max_intensity_steps_per_week classes up.
int progression_max_class(const EffectiveRules& rules, int previous_class);

// ------------------------------------------------------------ hiit.eligibility
enum class HiitReason {
    screening,         // hiit.eligibility requires_screening, and the patient is not screened
    contraindication,  // a contraindication to intensive training (safety.contraindication intensive)
    condition,         // hiit.eligibility forbidden_conditions names one of the patient's conditions
    concussion_early,  // concussion.return early_phase_days after the concussion not over
    concussion_step,   // concussion.return: before late_step_min, or without a vigorous clearance since the concussion
    build_up,          // hiit.eligibility build_up_weeks, with the baseline below min_baseline_minutes
    clearance,         // safety.clearance vigorous_requires_clearance, and no vigorous clearance
};

struct HiitVerdict {
    HiitReason reason;
    std::string rule;      // the rule whose parameter decided it
    std::string param;     // "" when no single parameter did (a contraindication)
    std::string detail;    // the forbidden condition, or the contraindications' names
};

// Every reason HIIT on `date`, in the plan's week `week` (1-based), is not allowed, in
// this order; empty when it is allowed.
std::vector<HiitVerdict> hiit_eligibility(const EffectiveRules& rules, const Patient& patient, Date date, std::int64_t week);

// ------------------------------------------------------------ hiit.protocol
// (rules/readings_hiit.cpp) The protocol introduced gradually, its spacing and its effort.

// A HIIT session's intervals in the patient's `hiit_week`-th week with HIIT (1-based,
// counted from the plan week of the plan's first HIIT session): introduction_repeats x
// work_seconds / introduction_recovery_seconds in the first, then a straight-line step
// each week to the full protocol (repeats, recovery_seconds) after introduction_weeks
// weeks; repeats rounded down and recovery up (the easier side), never harder than the
// protocol. With introduction_weeks 2: 5 x 30/60, 7 x 30/45, then 10 x 30/30.
HiitIntervals hiit_intervals(const EffectiveRules& rules, int hiit_week);
// True while `hiit_week` (1-based) is one of the introduction_weeks.
bool hiit_introduction(const EffectiveRules& rules, int hiit_week);
// The plan week (0-based, the plan's own 7-day weeks from its start) of the plan's
// earliest HIIT session; nullopt without one.
std::optional<int> hiit_first_plan_week(const Plan& plan);
// The HIIT week (1-based) of `date` in a plan starting on `start` whose first HIIT
// session lies in plan week `first` (0-based); 1 when there is none yet.
int hiit_week_of(Date start, std::optional<int> first, Date date);
// Whole days that hold min_hours_between between two HIIT sessions (48 h -> 2 days).
int hiit_min_gap_days(const EffectiveRules& rules);
// Hours between two HIIT days `days` apart.
std::int64_t hiit_hours_between(std::int64_t days);
// True when HIIT sessions `days` apart keep min_hours_between, or when both are marked
// supervised and lie on different days (a supervised clinic week of daily HIIT: never
// two HIIT sessions on one day, supervised or not).
bool hiit_spacing_ok(const EffectiveRules& rules, std::int64_t days, bool both_supervised);
// The effort of the work intervals, Borg 6-20 (work_rpe_low..work_rpe_high): what steers
// a 30-second interval; the heart rate only caps it.
Range hiit_work_rpe(const EffectiveRules& rules);

// ------------------------------------------------------------ concussion.return
// (rules/readings_concussion.cpp) The physical steps of the return, Amsterdam 2022:
// 1, 2A, 2B, 3 dated from the concussion (step_1_planned_days, step_2a/2b_planned_days),
// 4, 5, 6 only behind their gates (resolution_from_step, clearance_from_step).
enum class ConcussionStage { step1, step2a, step2b, step3, step4, step5, step6 };

// "1", "2A", "2B", "3", "4", "5", "6"; the step number 1-6.
const char* stage_label(ConcussionStage s);
int stage_number(ConcussionStage s);
// The stage of a plan session's step and sub-step ("2A"/"2B"; "" in step 2 reads as 2A, the
// safer ceiling); nullopt when the step is out of 1-6.
std::optional<ConcussionStage> stage_of(int step, const std::string& sub);

struct ConcussionStepDate {
    ConcussionStage stage = ConcussionStage::step1;
    std::optional<Date> from;                // earliest day; none: a gate is not met
    bool needs_resolution = false;           // resolution_from_step: symptoms_resolved recorded first
    bool needs_clearance = false;            // clearance_from_step: a doctor's clearance recorded first
};

// The seven stages with their earliest dates; empty without a dated concussion. A stage
// is at least min_hours_per_step (2A, 2B: their planned days) after the one before, and
// from a gated stage on at or after the recorded date that opens it.
std::vector<ConcussionStepDate> concussion_schedule(const EffectiveRules& rules, const Patient& patient);
// Whole days that hold min_hours_per_step (24 h -> 1 day, 30 h -> 2): the shortest step on
// the calendar, for the schedule, the generator and replan alike.
int concussion_step_days(const EffectiveRules& rules);
// The stage in force on `date`: the last dated one that has begun; nullopt before the
// concussion or without one. zones, the generator and the validator read the same day alike.
std::optional<ConcussionStage> concussion_stage_on(const EffectiveRules& rules, const Patient& patient, Date date);
// The % HRmax ceiling and floor of a stage's aerobic work: 2A and 2B their own
// (step_2a/2b_*), step 1 as 2A, step 3 the moderate band (intensity.heart_rate); nullopt
// from late_step_min on (the patient's usual zone).
struct StagePercent {
    std::int64_t low = 0;
    std::int64_t high = 0;
    IntParam low_param;
    IntParam high_param;
};
std::optional<StagePercent> concussion_stage_percent(const EffectiveRules& rules, ConcussionStage s);
// True when vigorous work and HIIT are allowed on `date` after a concussion: from
// late_step_min, after early_phase_days, with a vigorous clearance (safety.clearance)
// dated on or after the concussion. True without a concussion.
bool concussion_vigorous_allowed(const EffectiveRules& rules, const Patient& patient, Date date);
// The first day of persisting post-concussive symptoms (persisting_symptoms_days after
// the concussion) when symptoms_resolved is not recorded by then; nullopt otherwise.
std::optional<Date> concussion_persisting_from(const EffectiveRules& rules, const Patient& patient);
// The days a treadmill (or bike) threshold test is repeated within [from, to]: every
// threshold_retest_days after `from` while the threshold steers (before late_step_min);
// none without a concussion and a symptom_threshold_bpm.
std::vector<Date> concussion_threshold_retests(const EffectiveRules& rules, const Patient& patient, Date from, Date to);
// The stage a return goes back to after symptoms rose on a day of stage `s`: the same
// stage (steps 1-3: repeat after min_hours_per_step) or fallback_step (from resolution_from_step).
ConcussionStage concussion_stage_after_symptoms(const EffectiveRules& rules, ConcussionStage s);
// True for a stage below late_step_min (steps 1-3): the stage's own ceiling holds, and
// the week's and the day's dose minimums (week.volume, week.sessions, week.strength,
// week.balance, session.duration) are not the goal, so they are not asked for.
bool concussion_dose_free(const EffectiveRules& rules, ConcussionStage s);
// concussion_dose_free for the stage in force on `date`; false before the concussion and
// without a dated one.
bool concussion_dose_free_on(const EffectiveRules& rules, const Patient& patient, Date date);
// The stage of a concussion return a plan session belongs to: its stated concussion_step
// (with concussion_stage "2A"/"2B"; step 2 alone reads as 2A), else the stage in force on
// its date (concussion_stage_on). nullopt without a dated concussion or before it.
std::optional<ConcussionStage> concussion_session_stage(const EffectiveRules& rules, const Patient& patient,
                                                        const SessionPlan& s);
// True when the days from `from` to `to` (inclusive) ask no weekly dose: one of them is
// concussion_dose_free_on, or a session of `sessions` dated in them is in steps 1-3 by its
// concussion_session_stage (the generator holds a step back so that none is skipped). The
// validator reads an ISO week so; the generator a plan week before it states a full dose.
bool concussion_days_dose_free(const EffectiveRules& rules, const Patient& patient, Date from, Date to,
                               const std::vector<SessionPlan>& sessions);
// The first day training may start after the concussion (min_rest_days_after_event).
Date concussion_first_training_day(const EffectiveRules& rules, Date event);
// True on a day of the rest after the concussion (from the event, before the first day).
bool concussion_rest_day(const EffectiveRules& rules, Date event, Date date);
// True in the early phase (early_phase_days) after the concussion: no HIIT, no vigorous work.
bool concussion_early_phase(const EffectiveRules& rules, Date event, Date date);

// ------------------------------------------------------------ safety.contraindication
// How a named contraindication is classed: absolute ones block all training (the
// generator refuses, the validator reports any training), intensive ones HIIT and
// vigorous work, unknown ones need a clinician.
enum class ContraindicationKind { absolute, intensive, unknown };
ContraindicationKind contraindication_kind(const EffectiveRules& rules, const std::string& name);
// Resting BP above max_systolic or max_diastolic (ACSM's "> 200 or > 110").
bool blood_pressure_above_limit(const EffectiveRules& rules, const BloodPressure& bp);
// The patient's contraindications to intensive training (no HIIT, no vigorous work),
// comma-separated; "" when there are none.
std::string intensive_names(const EffectiveRules& rules, const Patient& patient);

// The first day training may start after a myocardial infarction (more than mi_min_days).
Date mi_first_training_day(const EffectiveRules& rules, Date mi);
// True when `date` lies within mi_min_days after the infarction (the day itself included).
bool mi_window(const EffectiveRules& rules, Date mi, Date date);

// ------------------------------------------------------------ safety.clearance
// True when the patient has a recorded clearance of at least `level`.
bool cleared(const Patient& patient, ClearanceLevel level);

// Why a plan starting on `start` needs a recorded clearance; each reason names the
// patient field and the parameter that decided it.
enum class ClearanceNeed {
    unstable,        // a named contraindication in needs_clearance (medically_unstable)
    recent_event,    // a stroke or moderate/severe TBI within recent_event_days of the start
    recent_mi,       // a myocardial infarction within recent_mi_days of the start (cardiac rehabilitation)
    blood_pressure,  // resting systolic above max_systolic_without_clearance (below the absolute limit)
    resting_hr,      // resting heart rate above max_resting_hr_without_clearance
};
struct ClearanceReason {
    ClearanceNeed need;
    std::string path;      // the patient field, e.g. "/conditions/0/event_date"
    std::string param;     // the safety.clearance parameter
    std::string detail;    // the contraindication, the condition, the value
    std::int64_t days = 0; // recent_event, recent_mi: days from the event to `start`
};
std::vector<ClearanceReason> clearance_reasons(const EffectiveRules& rules, const Patient& patient, Date start);

// The reasons that stop a plan: clearance_reasons() when the patient has no clearance.
std::vector<ClearanceReason> clearance_missing(const EffectiveRules& rules, const Patient& patient, Date start);

// A resting heart rate a doctor should check (above resting_hr_warning_above).
bool resting_hr_needs_check(const EffectiveRules& rules, const Patient& patient);

// True when vigorous work (and HIIT) is allowed as far as clearance goes: a vigorous
// clearance, or vigorous_requires_clearance switched off (never by a clinic: true_only).
bool vigorous_cleared(const EffectiveRules& rules, const Patient& patient);

// True when `date` lies within mi_no_strength_days after the infarction: no strength
// training (AHA 2007), clearance or not.
bool mi_strength_window(const EffectiveRules& rules, Date mi, Date date);

// ------------------------------------------------------------ week.balance: fall precautions
// Who gets fall precautions in the printout: week.balance fall_precautions in force (stroke,
// Parkinson's, dementia, and from the age_65_plus profile's min_age: WHO 2020), or any
// recorded fall in the past year (falls_past_year >= 1), who also gets someone nearby for
// the first sessions.
enum class FallPrecautions { none, general, with_company };
FallPrecautions fall_precautions(const EffectiveRules& rules, const Patient& patient);

// ------------------------------------------------------------ session.duration
enum class DayLength { within, below_min, above_recommended };
// A training day's total minutes against min_minutes and recommended_max_minutes.
DayLength session_day_length(const EffectiveRules& rules, std::int64_t minutes);
// The minutes a planned day aims at: `wanted` within min_minutes and recommended_max_minutes.
int session_aimed_minutes(const EffectiveRules& rules, int wanted);
// The longest one aerobic or dual-task session may be (recommended_max_minutes), whatever
// the patient's daily limit.
int session_aerobic_max_minutes(const EffectiveRules& rules);
// True when an aerobic or dual-task session of `minutes` is longer than that.
bool session_aerobic_above_max(const EffectiveRules& rules, const SessionPlan& s);

// ------------------------------------------------------------ week.strength
// Whole days needed between strength days (min_hours_between, rounded up to days).
int strength_min_gap_days(const EffectiveRules& rules);
// Hours between two strength days `days` apart.
std::int64_t strength_hours_between(std::int64_t days);
// True when strength days `days` apart are far enough apart.
bool strength_spacing_ok(const EffectiveRules& rules, std::int64_t days);

// ------------------------------------------------------------ week.rest
// The most training days a week may hold: 7 - min_rest_days.
std::int64_t week_max_training_days(const EffectiveRules& rules);
// A logged week that skipped the plan's rest days: more days with training logged than
// week_max_training_days, in a week whose plan kept within it.
bool logged_rest_days_skipped(const EffectiveRules& rules, std::int64_t logged_training_days,
                              std::int64_t planned_training_days);

// ------------------------------------------------------------ progress.stop_signal
// A headache or dizziness rating that is itself a warning sign, ticked box or not: at or
// above symptom_stop_score after the session, or a rise of symptom_stop_rise_points or
// more within it (rated before and after). Other ratings (pain, the concussion score)
// never stop here; progress.symptoms reads their rises.
enum class SymptomStopKind { score, rise };
struct SymptomStop {
    SymptomStopKind kind;
    std::string param;     // "symptom_stop_score" or "symptom_stop_rise_points"
    int limit = 0;         // the parameter's value
};
bool symptom_can_stop(const std::string& symptom);  // "headache", "dizziness"
std::optional<SymptomStop> symptom_stop(const EffectiveRules& rules, const std::string& symptom, std::optional<int> before,
                                        int after);

// ------------------------------------------------------------ progress.effort
// The safety ceiling a logged heart rate is judged against (not the target range): the
// HIIT ceiling for a HIIT session (the aerobic ceiling where HIIT has none), else the
// aerobic zone's limit: its ceiling without the clearance narrowing (the moderate band).
const HeartRateLimit& session_hr_ceiling(const HeartRateZones& zones, std::optional<SessionType> type);
// The highest heart rate logged (the peak, else the average) when it is above the ceiling.
std::optional<int> logged_hr_above_ceiling(const HeartRateLimit& ceiling, std::optional<int> average_bpm,
                                           std::optional<int> peak_bpm);
// True when a week's sessions above the ceiling step the plan back: more than
// max_sessions_above_ceiling. One within the limit is a warning.
bool ceiling_sessions_step_back(const EffectiveRules& rules, std::int64_t sessions);

// ------------------------------------------------------------ safety.stop_signals
// What the patient does on a stop signal: stop and call 112 at once (the signal is in
// call_112), or stop, rest and call the therapist or doctor before training again.
enum class StopAction { call_112, stop_call_therapist };
StopAction stop_signal_action(const EffectiveRules& rules, const std::string& signal);

// The stop signals a patient-facing plan must list for this patient, in print order:
// the signals in force (the rule's general ones plus those the patient's condition
// profiles add), plus the seizure signal for a contraindication in
// seizure_contraindications; the call_112 ones first (in call_112's order), then the
// others (in the order of the signals in force). No repeats.
std::vector<std::string> required_stop_signals(const EffectiveRules& rules, const Patient& patient);

}  // namespace rehabplan::reading
