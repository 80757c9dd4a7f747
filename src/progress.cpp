// PLACEHOLDER (issue 7, being written): weekly progress and the progression decision.
#include "rehabplan/progress.hpp"

namespace rehabplan {

const char* to_string(Decision d) {
    switch (d) {
        case Decision::advance: return "advance";
        case Decision::hold: return "hold";
        case Decision::step_back: return "step_back";
        case Decision::stop_and_refer: return "stop_and_refer";
    }
    return "advance";
}

Result<ProgressReport> progress(const Patient&, const Plan&, const SessionLog&, Date, const RuleSet&) {
    return Error{ErrorCode::internal, "", "not implemented yet"};
}

}  // namespace rehabplan
