#include "render/exercise_listing.hpp"

namespace rehabplan {

// Placeholder until the listing lands (issue 20).
std::string render_exercise_listing(const RuleSet&, const ExerciseListOptions&) { return ""; }

}  // namespace rehabplan
