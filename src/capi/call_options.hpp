// The options document of the C API functions added since 1.4.0
// (schema/options.schema.json): each function reads the members it takes; any other
// member is a schema error naming it, so an old library refuses a new option.
#pragma once

#include <string_view>

#include "core/result.hpp"
#include "render/exercise_listing.hpp"

namespace rehabplan::capi {

// rehabplan_exercises(): condition, lang (default "en"), format (json, text or html;
// default json). An empty document takes every default.
Result<ExerciseListOptions> exercise_list_options(std::string_view options);

}  // namespace rehabplan::capi
