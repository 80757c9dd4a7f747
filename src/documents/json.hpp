// JSON in and out. Every reader checks type and range before converting and
// reports the JSON Pointer of the first offending field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document_limits.hpp"
#include "core/finding.hpp"
#include "rules/heart_rate.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

Result<Patient> parse_patient(std::string_view json);
Result<Plan> parse_plan(std::string_view json);

std::string to_json(const Plan& plan);
std::string to_json(const Patient& patient);
std::string to_json(const std::vector<Finding>& findings);
std::string to_json(const HeartRateZones& zones);
std::string to_json(const RuleSet& rules);

}  // namespace rehabplan
