// Internal: JSON writers shared by the documents (output_json.cpp), so a finding reads
// the same in the findings document, a plan and a progress report.
#pragma once

#include <nlohmann/json.hpp>

#include "rehabplan/finding.hpp"

namespace rehabplan::detail {

// One finding as schema/findings.schema.json's $defs/finding describes it.
nlohmann::ordered_json finding_json(const Finding& f);

}  // namespace rehabplan::detail
