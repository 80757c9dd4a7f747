// The exercise library as data (data/exercises.json): named exercises with
// instructions in English and Dutch, a dose, a place in a chain of levels, precautions,
// a stick-figure pose, the conditions they suit and their sources. A clinic file may
// add or replace exercises and add precautions, never remove one.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"
#include "core/finding.hpp"
#include "core/patient.hpp"
#include "core/result.hpp"

namespace rehabplan {

struct RuleSet;

enum class ExerciseCategory {
    strength_lower, strength_upper, trunk, balance, mobility, dual_task,
    motor_control, breathing, aerobic, parkinson
};
enum class BodyPosition { lying, sitting, standing };
enum class DoseType { repetitions, seconds, minutes };

// The default dose of one exercise at its level.
struct ExerciseDefaultDose {
    DoseType type = DoseType::repetitions;
    int sets = 1;                                // 1-10
    int amount = 0;                              // repetitions, seconds held or minutes per set
    int rest_seconds = 0;                        // between sets, 0-600
    bool per_side = false;                       // one side at a time: the amount is per side
};

// A stick figure seen from the side, facing right. Every angle is the absolute
// direction of a segment in degrees: 0 straight down, 90 forward (right), 180 straight
// up, 270 backward. Two numbers per limb: [upper arm, forearm], [thigh, shin].
struct Pose {
    int trunk = 180;                             // hip -> shoulders
    int head = 180;                              // shoulders -> head
    std::array<int, 2> arm_near{0, 0};
    std::array<int, 2> arm_far{0, 0};
    std::array<int, 2> leg_near{0, 0};
    std::array<int, 2> leg_far{0, 0};
};

struct ExercisePose {
    Pose start;
    Pose end;
    std::vector<std::string> props;              // "chair", "wall", "step", "band", "weights", "bike", "mat", "support"
};

struct Exercise {
    std::string id;                              // ^[a-z][a-z0-9_]{0,63}$, stable
    Text name;
    std::vector<std::string> instructions_en;    // 3-5 short lines
    std::vector<std::string> instructions_nl;    // as many as in English
    ExerciseCategory category = ExerciseCategory::strength_lower;
    BodyPosition position = BodyPosition::standing;
    std::vector<std::string> equipment;          // empty: none needed
    ExerciseDefaultDose dose;
    std::string chain;                           // the chain of levels it belongs to
    int level = 1;                               // 1 = the easiest of the chain
    std::vector<std::string> precautions;        // keys into ExerciseLibrary::precautions
    std::vector<ConditionType> conditions;       // empty: suits every condition
    std::vector<std::string> sources;            // keys into RuleSet::references
    ExercisePose pose;
    std::optional<Text> cognitive_task;          // dual_task: the thinking task named
    bool unilateral = false;                     // one side at a time (stroke: extra work for the affected side)
    std::string video_url;                       // a clinic's own video; "" = none
    std::string origin;                          // "" = built in, else "clinic"
};

// The facts about a patient a precaution may rule out (data: unsuitable_when).
enum class PatientFact { falls_recorded, walking_aid, wheelchair, osteoporosis };

struct Precaution {
    std::string id;
    Text text;                                   // printed on the exercise's card
    std::vector<PatientFact> unsuitable_when;    // the exercise is unsuitable when the patient has one
};

struct ExerciseLibrary {
    std::map<std::string, Precaution> precautions;
    std::vector<Exercise> exercises;             // in the file's order: selection follows it

    const Exercise* find(std::string_view id) const;
    // The chain of `chain`, easiest first.
    std::vector<const Exercise*> chain(std::string_view chain) const;
};

// The facts the patient document records (mobility, falls, osteoporosis).
std::vector<PatientFact> patient_facts(const Patient& patient);
// The precautions of `exercise` that the patient meets (empty: suitable).
std::vector<std::string> unmet_precautions(const ExerciseLibrary& library, const Exercise& exercise,
                                           const Patient& patient);

// Reads a complete library (the built-in format). Sources must be keys of
// rules.references. Errors carry the JSON Pointer of the member.
Result<ExerciseLibrary> parse_exercise_library(std::string_view json, const RuleSet& rules);
// Lays a clinic's exercise file over base.exercises: new exercises, replacements that
// keep chain, level, category and every precaution, new precautions, facts added to
// known ones, new references. Loosening is a rules_error naming the JSON path.
Result<RuleSet> apply_clinic_exercises(const RuleSet& base, std::string_view json);

const char* to_string(ExerciseCategory c);
const char* to_string(BodyPosition p);
const char* to_string(DoseType t);
const char* to_string(PatientFact f);

template <>
struct EnumNames<ExerciseCategory> {
    static constexpr std::array<const char*, 10> names{"strength_lower", "strength_upper", "trunk", "balance",
                                                       "mobility", "dual_task", "motor_control", "breathing",
                                                       "aerobic", "parkinson"};
};
template <>
struct EnumNames<BodyPosition> {
    static constexpr std::array<const char*, 3> names{"lying", "sitting", "standing"};
};
template <>
struct EnumNames<DoseType> {
    static constexpr std::array<const char*, 3> names{"repetitions", "seconds", "minutes"};
};
template <>
struct EnumNames<PatientFact> {
    static constexpr std::array<const char*, 4> names{"falls_recorded", "walking_aid", "wheelchair", "osteoporosis"};
};

}  // namespace rehabplan
