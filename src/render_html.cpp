#include "renderers.hpp"

namespace rehabplan::detail {

std::string render_html(const PlanView& view) { return "<!-- html renderer: in progress -->\n" + view.title + "\n"; }

}  // namespace rehabplan::detail
