// safety.clearance in words: the message key and arguments that describe why a patient
// needs a doctor's clearance (a reading::ClearanceReason), shared by the generator's
// refusal and the validator's finding so both say the same thing.
#pragma once

#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/messages.hpp"
#include "core/patient.hpp"
#include "rules/readings.hpp"
#include "rules/rules.hpp"

namespace rehabplan::detail {

// "unstable", "recent_event", "recent_mi", "blood_pressure", "resting_hr": the last part
// of the message keys gen.refused.clearance.* and clearance.*.
const char* clearance_key(reading::ClearanceNeed need);

// The arguments of those messages for a reason judged on `on` (the plan's start, or a
// session's date): {name}; {condition} {event} {days} {max}; {mi} {days} {max};
// {systolic} {max}; {bpm} {max}; and {date} = `on`.
std::vector<Arg> clearance_args(const EffectiveRules& rules, const reading::ClearanceReason& r, Date on);

// The condition named in recent_event_conditions as a phrase ("the stroke", "het ernstige
// hersenletsel"); a name without a phrase in the catalog as it is.
Text event_term(const std::string& name);

// The arguments of clearance.resting_hr_check: {bpm} {max}.
std::vector<Arg> resting_hr_check_args(const EffectiveRules& rules, int bpm);

}  // namespace rehabplan::detail
