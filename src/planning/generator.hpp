// generate(): a dated, graded plan for one patient from a programme template.
// Deterministic and clock-free: the start date is part of the request, and the same
// inputs give the same plan. A generated plan validates with zero errors; a dose the
// patient's availability or baseline cannot reach is reported with warnings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

struct PlanRequest {
    Date start_date;                 // a local calendar date; the first day of the plan
    int weeks = 0;                   // 1-52; 0 = the programme's default length
    std::string programme;           // "" = default_programme(patient)
    std::string language = "en";     // language of titles and notes in the plan: "en" or "nl"
};

struct GeneratedPlan {
    std::optional<Plan> plan;        // nullopt: refused (absolute contraindication)
    // What the generator decided and why: the week the full dose is reached, doses the
    // patient's availability cannot reach, HIIT left out, a refusal and its referral.
    std::vector<Finding> findings;
    bool refused() const { return !plan; }
};

// Errors: invalid_argument for a request that cannot be planned as asked (unknown
// programme, a programme for another condition, a missing fear hierarchy, a plan
// beyond the supported dates); internal if the plan would not validate cleanly
// (never returned for a correct build: the property test guards it).
Result<GeneratedPlan> generate(const Patient& patient, const PlanRequest& request, const RuleSet& rules);

// Request document (schema/request.schema.json) -> PlanRequest.
Result<PlanRequest> parse_request(std::string_view json);

}  // namespace rehabplan
