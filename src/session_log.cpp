// PLACEHOLDER (issue 7, being written): a session log checked against its plan and today.
#include "rehabplan/session_log.hpp"

namespace rehabplan {

Result<bool> check_session_log(const SessionLog&, const Plan&, Date) { return Error{ErrorCode::internal, "", "not implemented yet"}; }

}  // namespace rehabplan
