// The picture of an exercise: its stick-figure pose at the start and the end, with its
// props, drawn as a small self-contained SVG in one style for every exercise and
// printable in black and white.
#pragma once

#include <string>

#include "rules/exercise_library.hpp"

namespace rehabplan {

// An <svg> element (no XML declaration), `title` as its accessible title; every
// coordinate inside its viewBox.
std::string exercise_svg(const Exercise& exercise, const std::string& title);

}  // namespace rehabplan
