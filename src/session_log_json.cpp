// PLACEHOLDER (issue 7, being written): session-log document <-> SessionLog.
#include "rehabplan/session_log.hpp"

namespace rehabplan {

Result<SessionLog> parse_session_log(std::string_view) { return Error{ErrorCode::internal, "", "not implemented yet"}; }
std::string to_json(const SessionLog&) { return "{}"; }

}  // namespace rehabplan
