// PLACEHOLDER (issue 7, being written): a progress report as json, text or html.
#include "rehabplan/progress.hpp"

namespace rehabplan {

Result<std::string> render_progress(const ProgressReport&, Format, std::string_view) {
    return Error{ErrorCode::internal, "", "not implemented yet"};
}

}  // namespace rehabplan
