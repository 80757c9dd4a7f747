// Internal: the parts of validate() that live in their own files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/messages.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings.hpp"
#include "rules/rules.hpp"

namespace rehabplan::detail {

// What the validator's files share to write findings.
namespace validation {
inline const std::string HR = "intensity.heart_rate";
inline std::string n(std::int64_t v) { return std::to_string(v); }
inline Text cls(IntensityClass c) { return term(std::string("class.") + to_string(c)); }
inline std::string sessions_path(std::size_t i) { return "/sessions/" + std::to_string(i); }
}  // namespace validation

// The stage of a concussion return a session belongs to (reading::concussion_session_stage).
std::optional<reading::ConcussionStage> session_stage(const Patient& p, const EffectiveRules& rules, const SessionPlan& s);

// The zones a session is judged against. A concussion patient's are those of the session's
// own stage: heart_rate_zones on the first day of that stage (concussion_schedule) below
// late_step_min, where a zone depends on the stage alone; from late_step_min on the
// session's date, or that stage's first day when the plan states it earlier.
// Other patients: `zones` (their zones without a date), not copied: a concussion
// patient's are made into `dated`.
const HeartRateZones& session_zones(const Patient& p, const EffectiveRules& rules, const SessionPlan& s,
                                    const HeartRateZones& zones, std::optional<HeartRateZones>& dated);

// intensity.heart_rate for session `index` of `plan` (and safety.contraindication for
// vigorous work with a contraindication to intensive training), appended to `out`.
// `zones` are the patient's zones without a date (a concussion's are taken per date).
void check_intensity(const Patient& p, const Plan& plan, std::size_t index, const EffectiveRules& rules,
                     const HeartRateZones& zones, std::vector<Finding>& out);

// safety.clearance: training that needs a doctor's clearance the patient lacks (judged on
// each training session's date), strength within mi_no_strength_days of a myocardial
// infarction, and a resting heart rate a doctor should check; appended to `out`.
void check_clearance(const Patient& p, const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out);

// Why the patient's zone fell back (Karvonen to % HRmax, or to effort), as a finding.
void check_zone(const EffectiveRules& rules, const HeartRateZones& zones, std::vector<Finding>& out);

// exercise.suitability (an exercise the library lacks, or whose precaution the patient
// meets: error) and exercise.dose (sets, repetitions, holds or effort outside the range in
// force on the session's date: warning) for every named exercise, appended to `out`.
void check_exercises(const Patient& p, const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out);
// exercise.progression: a chain of exercises more than max_levels_up levels up between two
// consecutive prescriptions of it (in date order), appended to `out`.
void check_exercise_progression(const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out);

// priming.dosing_day (a session on a day a ketamine or esketamine dose keeps free: error)
// and priming.window (window days left without a skill session that one of the week's
// skill sessions could have taken: info), appended to `out`.
void check_priming(const Patient& p, const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out);

// Vigorous when HIIT, stated so, or when any stated range describes vigorous work.
bool is_vigorous(const SessionPlan& s, const HrMax& m, const Patient& p, const EffectiveRules& rules);

}  // namespace rehabplan::detail
