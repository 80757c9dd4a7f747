// Outcome measures at the right time (data/programmes.json "outcome_measures"): which
// measures a plan holds and on which days.
//
// - One cognitive screen per plan (the first of `cognitive_screens` the patient's
//   conditions or programme name: MMSE with dementia, else MoCA), repeated no sooner than
//   `cognitive_retest_min_weeks` (12) after the last, in its next alternate form where one
//   exists (MoCA versions 1-3; Chertkow 2011, Costa 2012, Nasreddine & Patel 2016).
// - A concussion symptom scale by the days since the brain injury: SCAT6 in the acute days
//   (engine early_concussion_days_for_scat6, or the first visit up to
//   first_visit_concussion_days_for_scat6), SCOAT6 in the subacute phase up to
//   `scoat6_max_days` (30; Patricios 2023), later a symptom questionnaire
//   (`late_symptom_measure`, the Rivermead questionnaire; ONF 2018). Child versions up to
//   child_scat6_max_age.
// - Every other measure at the start, every outcome_interval_weeks (4) and at the end
//   (the six-minute walk: ATS 2002); graded exposure adds the TSK (Vlaeyen 1995).
// - Every measurement falls on a training day of the plan, the nearest one to its due
//   date and never after the plan's end (a plan that starts or ends on a Sunday or a rest
//   day moves it to the nearest day the patient trains); without any training day in the
//   plan, on the due date. A treadmill retest (concussion.return threshold_retest_days)
//   moves only earlier, so retests stay at most that many days apart.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/json_value.hpp"

#include "core/date.hpp"
#include "core/plan.hpp"

namespace rehabplan {

// The "outcome_measures" section of data/programmes.json, beyond by_condition.
struct MeasureSettings {
    std::vector<std::string> cognitive_screens;              // preference order: one per plan
    int cognitive_retest_min_weeks = 12;
    std::map<std::string, std::vector<std::string>> alternate_forms;  // measure -> its forms, itself first
    int scoat6_max_days = 30;                                  // SCOAT6 up to this many days after the injury
    std::string late_symptom_measure = "rpq";                  // after that
    std::vector<std::string> reference_keys;                   // keys into RuleSet::references
};

// Every measure ID a plan may hold (programmes.json, plan documents, messages "measure.ID").
const std::vector<const char*>& measure_ids();

namespace generation {
struct GeneratorInputs;

// The plan's outcome measures, by date (plan.sessions must be planned already).
void outcome_measures(const GeneratorInputs& in, Plan& plan);

// The training day nearest to `due` within [from, to] (the earlier one on a tie), or
// `due` itself when none lies there. A training day holds an aerobic, strength, balance,
// HIIT or dual-task session.
Date nearest_training_day(const Plan& plan, Date due, Date from, Date to);
}  // namespace generation

namespace detail {
// Reads data/programmes.json's "outcome_measures" section (by_condition and the settings
// above); throws InputError naming the field.
void read_outcome_measures(const JsonValue& section, std::map<std::string, std::vector<std::string>>& by_condition,
                           MeasureSettings& out);
}  // namespace detail

}  // namespace rehabplan
