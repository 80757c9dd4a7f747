// Internal: what progress() and replan() share about reading a log against a plan.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "followup/session_log.hpp"
#include "planning/exposure.hpp"

namespace rehabplan::detail {

// Entry indices ordered by date (entries of one day keep their order in the log).
std::vector<std::size_t> entries_by_date(const SessionLog& log);
// For each entry, the planned session it reports on: the next unmatched session of its
// type that day, or the day's only session for an untyped entry; nullopt = an extra.
std::vector<std::optional<std::size_t>> match_entries(const SessionLog& log, const Plan& plan);
// For each session of the plan: the position in fear_order() of the activity its title
// names, for an exposure titled by the generator (in the plan's language); else nullopt.
std::vector<std::optional<std::size_t>> exposure_items(const Patient& patient, const Plan& plan);

}  // namespace rehabplan::detail
