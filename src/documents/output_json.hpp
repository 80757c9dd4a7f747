// Internal: JSON writers shared by the documents (output_json.cpp), so a finding reads
// the same in the findings document, a plan and a progress report, and symptoms the
// same in a session log and a progress report.
#pragma once

#include <nlohmann/json.hpp>

#include "core/finding.hpp"
#include "core/plan.hpp"
#include "followup/session_log.hpp"

namespace rehabplan::detail {

// The plan and findings documents as JSON values (to_json() writes them indented; a batch
// record embeds them).
nlohmann::ordered_json plan_document(const Plan& plan);
nlohmann::ordered_json findings_document(const std::vector<Finding>& findings);
// One finding as schema/findings.schema.json's $defs/finding describes it.
nlohmann::ordered_json finding_json(const Finding& f);
// Symptom ratings as the session log and the progress report write them: the ratings
// given, in a fixed order (an empty object when none is).
nlohmann::ordered_json symptoms_json(const Symptoms& s);

}  // namespace rehabplan::detail
