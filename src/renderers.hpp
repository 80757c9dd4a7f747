// Internal: one function per output format, each in its own render_<format>.cpp.
#pragma once

#include <string>

#include "plan_view.hpp"
#include "rehabplan/plan.hpp"

namespace rehabplan::detail {

std::string render_text(const PlanView& view);
std::string render_markdown(const PlanView& view);
std::string render_html(const PlanView& view);
// The calendar also needs the plan itself: its UIDs are built from the plan's identity.
std::string render_ics(const PlanView& view, const Plan& plan);

}  // namespace rehabplan::detail
