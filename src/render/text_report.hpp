// Plain-text output of findings, zones and rules for the CLI and for logs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.hpp"
#include "rules/heart_rate.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

std::string findings_to_text(const std::vector<Finding>& findings, std::string_view lang = "en");
std::string zones_to_text(const HeartRateZones& zones, std::string_view lang = "en");
std::string rules_to_text(const RuleSet& rules, std::string_view lang = "en");

}  // namespace rehabplan
