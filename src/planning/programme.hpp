// Programme templates (data/programmes.json): what a programme asks for, week by
// week, before the generator fits it to a patient and to the rules.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.hpp"
#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "planning/measures.hpp"
#include "rules/exercise_library.hpp"

namespace rehabplan {

// Which of the week's training days a slot goes on.
enum class SlotDays { every, alternate, strength_days, balance_days, hiit_days, first_day, first_two_days };
enum class SlotIntensity { none, zone, hiit };

template <>
struct EnumNames<SlotDays> {
    static constexpr std::array<const char*, 7> names{"every",     "alternate", "strength_days", "balance_days",
                                                      "hiit_days", "first_day", "first_two_days"};
};
template <>
struct EnumNames<SlotIntensity> {
    static constexpr std::array<const char*, 3> names{"none", "zone", "hiit"};
};

// What a slot's sessions name from the exercise library (planning/exercise_selection):
// exercises of `categories`, taken in turn (the library's order within each), plus one
// of each category in `also`; Parkinson's exercises join strength and balance slots for
// a patient with Parkinson's.
struct SlotExercises {
    std::vector<ExerciseCategory> categories;
    std::vector<ExerciseCategory> also;
    // Chains tried before the rest of their category (a dual-task walk: the walking dual
    // tasks), where they suit the patient; otherwise the library's order.
    std::vector<std::string> first_chains;
};

// One kind of session a programme places in its weeks.
struct SlotTemplate {
    std::string id;
    SessionType type = SessionType::aerobic;
    SlotDays on = SlotDays::every;
    bool fill = false;                   // aerobic minutes that make up the day and the weekly volume
    int minutes = 0;                     // full-dose minutes (fill slots: computed)
    bool scales = true;                  // shrinks during the build-up (training slots)
    // Kept at its length, never shortened (a provider's group session, an hour of rest):
    // a training slot is left out of a day or week that cannot hold it whole; a rest
    // slot is not exercise and does not count toward the patient's daily limit.
    bool fixed_length = false;
    int min_minutes = 0;                 // training slots: never planned shorter (0: no minimum)
    bool quota = false;                  // graded activity's time-contingent quota (Programme::quota)
    SlotIntensity intensity = SlotIntensity::none;
    std::vector<ConditionType> for_conditions;  // empty: every patient
    int per_week = 0;                    // hiit_days: how many
    int from_week = 1;                   // first plan week the slot may appear
    std::optional<Range> target_percent; // HIIT target, % HRmax (clamped to the rule's ceiling)
    int cognitive_share_percent = 0;     // dual-task: share of the main part with a thinking task
    int balance_share_percent = 0;
    // Circuit sessions (Cognitive Fitness's group): the main part alternates aerobic stations
    // and strength stations of this many minutes; a strength station ends an aerobic bout.
    int station_minutes = 0;
    std::optional<SlotExercises> exercises;  // none: the session names no exercises
    Text title;
    Text main;                           // what the patient does in the main part
    Text instead;                        // HIIT slots: title when HIIT is not allowed
};

struct Phase {
    int from_week = 1;
    int to_week = 52;
    bool all_days = false;               // every available day (less the rest days) instead of the dose
    std::vector<std::string> slots;
    bool supervised = false;             // a supervised clinic week (the source states it): SessionPlan::supervised
};

// One step of a concussion return's ladder (data/programmes.json return_ladders): its
// label as printed ("1", "2A", ...), its planned day after the concussion (learn and work
// only: the physical ladders are dated by reading::concussion_schedule) and its texts.
struct ReturnStepTemplate {
    std::string step;
    std::optional<int> day;
    Text title;
    Text description;
};

// A ladder: sport, daily, learn or work, with the line printed under it.
struct ReturnLadderTemplate {
    Text title;
    std::vector<ReturnStepTemplate> steps;
    Text note;

    // The step labelled `label`, or nullptr.
    const ReturnStepTemplate* find(const std::string& label) const;
};

// The lines every concussion return prints (return_notes), in plain words.
struct ReturnNotes {
    Text flare;                    // steps 1-3: the acceptable rise; more: stop, same step after 24 h
    Text late_symptoms;            // steps 4-6: back to step 3
    Text new_knock;                // a new knock with symptoms: stop, see the doctor
    Text gate_symptoms_resolved;   // an undated step waiting for symptoms_resolved
    Text gate_cleared;             // an undated step waiting for the doctor's clearance
    Text persisting;               // symptoms after 4 weeks: see the doctor
    Text youth;                    // 12-17: school before team training, the longer timeline
};

// Graded activity's quota (programme `quota`): the first quota is start_percent of the
// baseline (the mean of the measured sessions, Patient::baseline_minutes), then it rises
// by step_minutes each week, time-contingent, never above the build-up's minutes.
struct QuotaSettings {
    int start_percent = 70;
    int step_minutes = 2;
    std::vector<std::string> reference_keys;
};

struct Programme {
    std::string id;
    Text title;
    Text summary;
    std::vector<std::string> reference_keys;     // keys into RuleSet::references
    std::vector<ConditionType> conditions;   // empty: any patient; else one of these
    std::vector<std::string> requires;       // patient fields that must be present ("fear_hierarchy")
    int default_weeks = 12;
    int days_min = 3;
    int days_max = 5;
    std::optional<Range> daily_steps;
    std::optional<QuotaSettings> quota;
    std::vector<std::string> outcome_measures;
    std::vector<Phase> phases;
    std::map<ReturnLadder, ReturnLadderTemplate> return_ladders;  // concussion_return: sport, daily, learn, work
    std::optional<ReturnNotes> return_notes;

    const Phase& phase_for_week(int week) const;  // 1-based; the last phase covers later weeks
};

struct GeneratorSettings {
    int session_minutes = 50;            // aimed-for training minutes per day, within session.duration
    int min_fill_minutes = 10;
    int min_session_minutes = 5;
    int first_week_min_minutes = 10;     // strength and balance in week 1 when the baseline is very low
    int warm_up_minutes = 5;
    int cool_down_minutes = 5;
    int outcome_interval_weeks = 4;
    int early_concussion_days_for_scat6 = 3;        // SCAT6 up to this many days after a concussion
    int first_visit_concussion_days_for_scat6 = 7;  // ... and at the plan's first visit up to this many
    int child_scat6_max_age = 12;                   // Child SCAT6 / Child SCOAT6 up to this age
    std::vector<std::string> reference_keys;     // keys into RuleSet::references
};

// The daily step target (programmes.json `daily_steps`): from the patient's measured
// steps (Patient::daily_steps) it rises weekly_rise_steps a week to the programme's goal;
// without a measurement it starts from an assumed level by age (lower with a low baseline
// or a short day) and rises more slowly, never above unmeasured_max_steps.
struct StepsBand {
    int max_age = 110;
    int start_steps = 0;
};
struct StepSettings {
    int weekly_rise_steps = 500;
    int unmeasured_weekly_rise_steps = 250;
    int unmeasured_max_steps = 4000;
    std::vector<StepsBand> unmeasured_start;     // by age, rising max_age
    int low_baseline_minutes = 10;               // below this baseline ...
    int short_day_minutes = 30;                  // ... or a daily limit of at most this ...
    int low_start_reduction_steps = 1000;        // ... the assumed start is this much lower
    int min_start_steps = 1000;
    std::vector<std::string> reference_keys;
};

struct ProgrammeSet {
    GeneratorSettings engine;
    StepSettings steps;
    std::map<std::string, Programme> programmes;
    std::map<std::string, SlotTemplate> slots;
    std::map<std::string, std::vector<std::string>> measures_by_condition;
    MeasureSettings measures;            // planning/measures: when each measure falls
};

// The programmes compiled into the library. Parsed once; thread-safe.
const ProgrammeSet& builtin_programmes();

// The programme used when a request names none: concussion_return after a
// concussion, graded_activity for chronic pain, otherwise standard.
std::string default_programme(const Patient& patient);

const char* to_string(SlotDays d);

// The ladders' data (the concussion_return programme's return_ladders and return_notes),
// read by the generator for a concussion patient whatever the programme.
const Programme& concussion_return_programme();

}  // namespace rehabplan
