// A dated exercise plan: what the generator writes and a therapist may edit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/finding.hpp"
#include "core/patient.hpp"

namespace rehabplan {

enum class SessionType { aerobic, strength, balance, hiit, dual_task, mobility, relaxation, education, exposure };
enum class IntensityClass { light = 0, moderate = 1, vigorous = 2 };
enum class BlockKind { warm_up, main, cool_down, balance, cognitive, strength, rest };

struct Range {
    int low = 0;
    int high = 0;
};

struct Intensity {
    IntensityClass klass = IntensityClass::moderate;
    std::optional<Range> hr_bpm;
    std::optional<Range> percent_hrmax;
    std::optional<Range> rpe;                // Borg 6-20
};

struct HiitIntervals {
    int work_seconds = 0;
    int recovery_seconds = 0;
    int repeats = 0;
    int total_work_seconds() const { return work_seconds * repeats; }
};

struct Block {
    BlockKind kind = BlockKind::main;
    int minutes = 0;
    std::string description;
};

struct SessionPlan {
    Date date;
    SessionType type = SessionType::aerobic;
    int minutes = 0;
    std::string title;
    std::string note;
    std::optional<Intensity> intensity;
    std::optional<HiitIntervals> hiit;
    std::vector<Block> blocks;
    std::optional<int> concussion_step;
};

struct OutcomeMeasure {
    Date date;
    std::string measure;
};

// Who the plan is for, as printed on it (the generator copies it from the patient).
struct PlanPatient {
    std::string id;                          // the clinic's pseudonymous ID; "" = not printed
    int age = 0;
    std::vector<ConditionType> conditions;
    bool beta_blocker = false;
};

// The aerobic target zone the plan was made with, and how it was worked out, so a
// printout can show the formula next to the numbers.
struct PlanZone {
    std::string basis;                       // to_string(ZoneBasis): percent_hrmax, karvonen, ...
    int low_bpm = 0;
    int high_bpm = 0;
    std::optional<Range> rpe;                // Borg 6-20, when heart rate cannot steer
    int hrmax_bpm = 0;                       // rounded; the formulas below carry the exact value
    std::string hrmax_source;                // "measured" or a formula ID ("tanaka", ...)
    Text low_formula;                        // e.g. "60 % of HRmax 163.2 (208 - 0.7 x age)"
    Text high_formula;
};

struct Plan {
    Date start_date;
    int weeks = 0;
    std::string programme;
    bool patient_facing = true;
    std::vector<std::string> stop_signals;
    std::vector<SessionPlan> sessions;
    std::vector<OutcomeMeasure> outcome_measures;
    std::string notes;
    std::string language;                   // "en" or "nl": the language of titles and notes ("" = unstated)
    std::optional<int> full_dose_week;       // first week at the programme's full dose (generated plans)
    std::optional<Range> daily_steps;        // daily walking target, steps
    std::optional<PlanPatient> patient;      // printed on the plan; not used by the validator
    std::optional<PlanZone> zone;
    // A review of the plan for the therapist (the generator's own findings, or a
    // validation pasted in): printed, never re-checked.
    std::vector<Finding> findings;

    Date end_date() const { return start_date.plus_days(7 * weeks - 1); }  // inclusive
};

// Who a plan is for, as a plan document carries it (ID, age, conditions, beta-blocker).
PlanPatient plan_patient(const Patient& patient);

// Aerobic, strength, balance, HIIT and dual-task sessions make a training day.
bool is_training(SessionType t);
// Longest continuous bout: the longest run of blocks without a rest block, or the
// whole session when it has no blocks.
int longest_bout_minutes(const SessionPlan& s);

const char* to_string(SessionType t);
const char* to_string(IntensityClass c);
const char* to_string(BlockKind k);

}  // namespace rehabplan
