// The exercise library as a listing: text, JSON, or a printable HTML catalogue with
// every picture (rehabplan exercises, rehabplan_exercises()).
#pragma once

#include <optional>
#include <string>

#include "core/patient.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

struct ExerciseListOptions {
    std::optional<ConditionType> condition;  // only the exercises that suit it; none: all
    std::string language = "en";             // "en" or "nl"
    std::string format = "text";             // "text", "json" or "html"
};

std::string render_exercise_listing(const RuleSet& rules, const ExerciseListOptions& options);

}  // namespace rehabplan
