// PLACEHOLDER (issue 7, being written): replan() from the progression decision.
#include "rehabplan/progress.hpp"

namespace rehabplan {

Result<ReplannedPlan> replan(const Patient&, const Plan&, const SessionLog&, Date, const RuleSet&) {
    return Error{ErrorCode::internal, "", "not implemented yet"};
}

}  // namespace rehabplan
