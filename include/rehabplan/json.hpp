// JSON in and out. Every reader checks type and range before converting and
// reports the JSON Pointer of the first offending field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rehabplan/finding.hpp"
#include "rehabplan/heart_rate.hpp"
#include "rehabplan/patient.hpp"
#include "rehabplan/plan.hpp"
#include "rehabplan/result.hpp"
#include "rehabplan/rules.hpp"

namespace rehabplan {

constexpr std::size_t max_document_bytes = 4u * 1024u * 1024u;
constexpr int max_document_depth = 32;

Result<Patient> parse_patient(std::string_view json);
Result<Plan> parse_plan(std::string_view json);

std::string to_json(const Plan& plan);
std::string to_json(const Patient& patient);
std::string to_json(const std::vector<Finding>& findings);
std::string to_json(const HeartRateZones& zones);
std::string to_json(const RuleSet& rules);

}  // namespace rehabplan
