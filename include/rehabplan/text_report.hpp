// Plain-text output of findings, zones and rules for the CLI and for logs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rehabplan/finding.hpp"
#include "rehabplan/heart_rate.hpp"
#include "rehabplan/rules.hpp"

namespace rehabplan {

std::string findings_to_text(const std::vector<Finding>& findings, std::string_view lang = "en");
std::string zones_to_text(const HeartRateZones& zones, std::string_view lang = "en");
std::string rules_to_text(const RuleSet& rules, std::string_view lang = "en");

}  // namespace rehabplan
