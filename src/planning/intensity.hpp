// Intensity: the target a planned session states. Zone sessions get the patient's
// aerobic zone (heart rate, or RPE on a beta-blocker), moderate at most and at most one
// class above last week's (progression.graded); HIIT sessions the protocol's effort
// under the HIIT heart-rate ceiling.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/date.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "planning/generator_inputs.hpp"
#include "rules/heart_rate.hpp"
#include "rules/rules.hpp"

namespace rehabplan::generation {

// `percent` of HRmax in whole bpm, rounded up or down.
int bpm_at(const HrMax& m, std::int64_t percent, bool round_up);

// The class of the patient's aerobic zone (RPE on a beta-blocker when stated).
IntensityClass planned_zone_class(const Patient& patient, const EffectiveRules& rules, const HeartRateZones& zones);

// The target for a zone session on `date`, kept within `max_class` (-1: none stated
// before, moderate); nullopt when no target within it exists. `note` gets the target
// as a message.
std::optional<Intensity> zone_intensity(const GeneratorInputs& in, Date date, int max_class, PlanMessage& note);

// Why the patient's zone fell back (Karvonen to % HRmax, or to effort), as a finding.
void zone_findings(const GeneratorInputs& in, GeneratorFindings& findings);

// The target of a HIIT session of slot `s` with intervals `h`: effort steers the work
// intervals (hiit.protocol work_rpe_low..work_rpe_high; a 30-second interval is over
// before the heart rate catches up), and the heart rate is only a ceiling: the HIIT
// ceiling (max_percent_hrmax, narrowed by a condition: after a stroke the stroke
// ceiling), lower where the slot's target_percent says so. `note` gets the intervals,
// the effort and the ceiling as a message.
Intensity hiit_intensity(const GeneratorInputs& in, const SlotTemplate& s, const HiitIntervals& h, PlanMessage& note);

}  // namespace rehabplan::generation
