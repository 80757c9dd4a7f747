// Graded exposure: the order in which a plan takes the patient's feared activities, and
// the title a generated exposure session carries (progress() recognises it by that title).
#pragma once

#include <cstddef>
#include <vector>

#include "core/finding.hpp"
#include "core/patient.hpp"

namespace rehabplan::detail {

// The fear hierarchy from least to most feared (stable for equal ratings): the order
// in which graded exposure takes the activities.
std::vector<std::size_t> fear_order(const Patient& patient);
// The title the generator gives an exposure to `f`, in both languages, each cut to the
// plan document's 200 characters.
Text exposure_title(const FearItem& f);

}  // namespace rehabplan::detail
