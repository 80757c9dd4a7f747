// Internal: what progress() and replan() share about reading a log against a plan.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "rehabplan/finding.hpp"
#include "rehabplan/patient.hpp"
#include "rehabplan/plan.hpp"
#include "rehabplan/session_log.hpp"

namespace rehabplan::detail {

// Entry indices ordered by date (entries of one day keep their order in the log).
std::vector<std::size_t> entries_by_date(const SessionLog& log);
// For each entry, the planned session it reports on: the next unmatched session of its
// type that day, or the day's only session for an untyped entry; nullopt = an extra.
std::vector<std::optional<std::size_t>> match_entries(const SessionLog& log, const Plan& plan);
// The fear hierarchy from least to most feared (stable for equal ratings): the order
// in which graded exposure takes the activities.
std::vector<std::size_t> fear_order(const Patient& patient);
// The title the generator gives an exposure to `f`, in both languages, each cut to the
// plan document's 200 characters: progress() recognises the activity by it.
Text exposure_title(const FearItem& f);
// For each session of the plan: the position in fear_order() of the activity its title
// names, for an exposure titled by the generator (in the plan's language); else nullopt.
std::vector<std::optional<std::size_t>> exposure_items(const Patient& patient, const Plan& plan);

}  // namespace rehabplan::detail
