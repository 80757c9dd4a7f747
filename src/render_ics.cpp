#include "renderers.hpp"

namespace rehabplan::detail {

std::string render_ics(const PlanView& view, const Plan& plan) { return "BEGIN:VCALENDAR\r\nX-TODO:" + view.title + plan.programme + "\r\nEND:VCALENDAR\r\n"; }

}  // namespace rehabplan::detail
