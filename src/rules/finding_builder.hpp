// The one way a finding is made: rule, severity, place, expected and actual, a catalog
// message, and the citations of the rule (and of the condition profile that set `param`)
// in force for this patient. The generator, validator, progress and replan call it in
// this argument order, through thin wrappers that only fill in their own defaults.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/messages.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

// `week` is stored as the Monday of its ISO week; `date` as given. `param` "" cites the
// rule alone.
Finding make_finding(const EffectiveRules& rules, const std::string& rule, Severity severity, std::string path,
                     std::optional<Date> week, std::optional<Date> date, std::string expected, std::string actual,
                     const std::string& key, const std::vector<detail::Arg>& args, const std::string& param = "");

}  // namespace rehabplan
