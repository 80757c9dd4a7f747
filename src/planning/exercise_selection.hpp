// Which exercises of the library a session names, and their doses: deterministic (the
// library's order, never a draw), only exercises that suit the patient
// (reading::exercise_unsuitable, equipment at home, the conditions an exercise suits),
// dosed within exercise.dose for the plan week.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/patient.hpp"
#include "core/plan.hpp"
#include "planning/programme.hpp"
#include "rules/exercise_library.hpp"
#include "rules/readings_exercise.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

// True when the patient has what `e` needs at home (not recorded: a chair and a wall)
// and `e` suits one of the patient's conditions (or every condition).
bool exercise_available(const Exercise& e, const Patient& p);

// The level of `chain` a patient gets: among its suitable, available levels, the
// easiest when reading::exercise_easiest_level says so, else the highest at or below
// the start level (or the easiest above it). With a walking aid a seated level comes
// first where the chain has one (balance aside: standing with a support is the point).
// nullptr when no level suits.
const Exercise* exercise_level(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p,
                               const std::string& chain);

// The dose of `e` in plan week `week` (0-based). Strength exercises: the repetitions
// rise by exercise_repetition_rise a week within the range in force, then a set is added
// (up to max_sets), with the week's effort; other exercises keep their default amount,
// sets within the range and holds within the hold range. After a stroke with a recorded
// affected side, a unilateral exercise gets extra_side and extra_sets. The stored name
// is in `language`.
// The library's default dose of `e` at its level, as a prescription in `language`: no
// effort, no extra sets (exercise_dose() and replan's level steps start from it).
ExerciseDose library_dose(const Exercise& e, const std::string& language);

ExerciseDose exercise_dose(const EffectiveRules& rules, const Exercise& e, const Patient& p, std::int64_t week,
                           const std::string& language);

// What choosing a session's exercises reads that depends only on the patient and the
// rules: each chain's level for the patient (exercise_level), the chains of each category
// in the library's order, the dose ranges. Made once per plan: a plan chooses exercises
// for every strength and balance session of every week, from the same chains.
class ExerciseChoices {
public:
    ExerciseChoices(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p);

    struct Chain {
        const std::string* name;         // the chain's name, in the library
        const Exercise* level;           // exercise_level(); nullptr when no level suits
    };
    const std::vector<Chain>& chains() const { return chains_; }
    // The chains holding an exercise of `category` (indices into chains()), in the
    // library's order: a chain's place is its first exercise of that category.
    const std::vector<std::size_t>& of(ExerciseCategory category) const {
        return by_category_[static_cast<std::size_t>(category)];
    }
    const reading::ExerciseDoseRanges& ranges() const { return ranges_; }
    const EffectiveRules& rules() const { return *rules_; }
    const Patient& patient() const { return *patient_; }

private:
    const EffectiveRules* rules_;
    const Patient* patient_;
    std::vector<Chain> chains_;
    std::array<std::vector<std::size_t>, EnumNames<ExerciseCategory>::names.size()> by_category_;
    reading::ExerciseDoseRanges ranges_;
};

// The exercises of a session of slot `what` (and the Parkinson's exercises a patient with
// Parkinson's gets in strength and balance sessions) that fit in `budget_seconds`
// (reading::exercise_seconds), at most exercise_max_count: the categories taken in turn,
// each in the library's order, one level per chain; one of each `also` category first.
// A strength session holding fewer than min_exercises, or any session holding none, is
// chosen again at min_sets each. Empty when nothing suitable fits.
std::vector<ExerciseDose> select_exercises(const EffectiveRules& rules, const ExerciseLibrary& library, const Patient& p,
                                           const SlotExercises& what, SessionType type, std::int64_t budget_seconds,
                                           std::int64_t week, const std::string& language);

// The same with the patient's choices read once (ExerciseChoices).
std::vector<ExerciseDose> select_exercises(const ExerciseChoices& choices, const SlotExercises& what, SessionType type,
                                           std::int64_t budget_seconds, std::int64_t week, const std::string& language);

// The seconds the exercises take together (reading::exercise_seconds for each).
std::int64_t exercises_seconds(const EffectiveRules& rules, const std::vector<ExerciseDose>& exercises);

}  // namespace rehabplan
