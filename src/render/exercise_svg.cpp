#include "render/exercise_svg.hpp"

namespace rehabplan {

// Placeholder until the renderer lands (issue 20).
std::string exercise_svg(const Exercise&, const std::string&) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\"></svg>";
}

}  // namespace rehabplan
