// Graded exposure: the order in which a plan takes the patient's feared activities, and
// the title a generated exposure session carries (progress() recognises the activity by
// the title's stored message, or by the title itself in a plan without messages).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"

namespace rehabplan::detail {

// The fear hierarchy from least to most feared (stable for equal ratings): the order
// in which graded exposure takes the activities.
std::vector<std::size_t> fear_order(const Patient& patient);
// The exposure a plan prints: the least feared activity. Later, more feared activities are
// never dated in advance; the patient and the therapist choose the next when fear of this
// one has dropped (seed 001; PHODA). `order` is fear_order(patient), not empty.
const FearItem& current_exposure(const Patient& patient, const std::vector<std::size_t>& order);
// The title the generator gives an exposure to `f`, in both languages, each cut to the
// plan document's 200 characters.
Text exposure_title(const FearItem& f);
// The message of that title ("gen.exposure.title" with the activity and its fear rating).
PlanMessage exposure_title_message(const FearItem& f);
// The activity an exposure title's message names; nullopt for any other message.
std::optional<std::string> exposure_activity(const PlanMessage& m);

}  // namespace rehabplan::detail
