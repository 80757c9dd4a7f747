// The patient as the rules see them: conditions, medication, contraindications,
// heart-rate facts and what they can do today.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"

namespace rehabplan {

enum class Sex { female, male, other };
enum class ConditionType { stroke, tbi, concussion, dementia, parkinson, chronic_pain };
enum class TbiSeverity { mild, moderate, severe };
// How the patient gets about (exercise selection: seated variants, no floor work).
enum class Mobility { independent, walking_aid, wheelchair };
enum class BodySide { left, right };

struct Condition {
    ConditionType type = ConditionType::stroke;
    std::optional<Date> event_date;          // stroke, tbi, concussion
    std::optional<TbiSeverity> severity;     // tbi
};

struct BloodPressure {
    int systolic = 0;
    int diastolic = 0;
};

struct Contraindications {
    std::vector<std::string> named;          // IDs such as "unstable_angina"
    std::optional<BloodPressure> resting_bp;
    std::optional<Date> myocardial_infarction_date;
};

// A doctor's recorded medical clearance for exercise (safety.clearance): moderate allows
// home training at moderate intensity, vigorous also vigorous work and HIIT (which still
// needs the HIIT screening).
enum class ClearanceLevel { moderate, vigorous };

struct Clearance {
    ClearanceLevel level = ClearanceLevel::moderate;
    std::optional<Date> date;                // when it was given; "" = not recorded
    std::string by;                          // who gave it (free text); "" = not recorded
};

// The ladders of a concussion return (concussion.return; data/programmes.json): back to
// sport, to school or study, to work, or to daily activity only (steps 1-3, then
// unrestricted daily and recreational activity, never contact practice).
enum class ReturnLadder { sport, learn, work, daily };

// What the patient document records about a concussion return. Steps from
// resolution_from_step on are dated only once symptoms_resolved is recorded, steps from
// clearance_from_step on only once a clearance is (concussion.return).
struct ConcussionReturn {
    std::vector<ReturnLadder> ladders;       // empty: the default (daily, and learn under 18)
    std::string sport;                       // the sport, free text; "" = not named
    std::optional<Date> symptoms_resolved;   // symptoms, cognition and findings resolved, also with exertion
    std::optional<Clearance> cleared;        // the doctor's clearance for at-risk activity (level unused)
};

struct HeartRateFacts {
    std::optional<int> max_bpm;              // measured HRmax
    std::optional<int> resting_bpm;
    std::optional<std::string> formula;      // preferred HRmax formula
    std::optional<int> symptom_threshold_bpm;  // concussion treadmill test
};

// One activity of a chronic-pain patient's fear hierarchy (PHODA-style, 0-100).
struct FearItem {
    std::string activity;
    int fear = 0;
};

// A treatment that may open a period of heightened plasticity (priming.window): a ketamine
// or esketamine dose, an rTMS session, or a clinic's own named treatment. The windows of
// the known types are rule data; another type states its own.
struct PrimingWindowHours {
    int start_hours = 0;                     // after the dose, 0-336
    int end_hours = 0;                       // after the dose, start_hours < end_hours <= 336
};

struct PrimingTreatment {
    std::string type;                        // "ketamine", "esketamine", "rtms" or a clinic's own ID
    std::vector<Date> dates;                 // every dose or session, ascending, no repeats (a course expanded)
    std::optional<PrimingWindowHours> window;  // another type's window; none for the known types
    bool rest_on_dates = false;              // another type: no training on its dates (priming.dosing_day)
};

struct Patient {
    std::string id;
    int age = 0;
    Sex sex = Sex::other;
    std::vector<Condition> conditions;
    bool beta_blocker = false;
    Contraindications contraindications;
    HeartRateFacts heart_rate;
    int baseline_minutes = 0;                // continuous moderate activity tolerated now
    std::vector<Weekday> available_days;     // never empty after parsing
    std::optional<int> max_minutes_per_day;
    bool hiit_screening_done = false;
    std::optional<Clearance> clearance;      // none recorded: not cleared
    std::vector<FearItem> fear_hierarchy;    // graded exposure; any order
    std::optional<ConcussionReturn> concussion_return;  // only with a concussion
    std::optional<int> falls_past_year;      // recorded falls in the last 12 months, 0-100; none: not recorded
    std::optional<int> daily_steps;          // measured mean daily steps, 0-50000 (none: not measured)
    // Exercise selection (data/exercises.json). None: not recorded.
    std::optional<Mobility> mobility;
    std::optional<std::vector<std::string>> equipment;  // at home: "chair", "wall", "step", "band", "weights", "bike"
    std::optional<bool> osteoporosis;
    std::optional<BodySide> affected_side;   // after stroke: the weaker side
    std::vector<PrimingTreatment> priming_treatments;  // priming.window, priming.dosing_day

    bool has(ConditionType t) const;
    const Condition* find(ConditionType t) const;
};

const char* to_string(Sex s);
const char* to_string(ConditionType t);
const char* to_string(TbiSeverity s);
const char* to_string(ClearanceLevel l);
const char* to_string(ReturnLadder l);
const char* to_string(Mobility m);
const char* to_string(BodySide s);
// The treatment types whose windows are rule data (priming.window): ketamine, esketamine, rtms.
bool is_known_priming_type(const std::string& type);
// The ladders in force: the recorded ones, else daily activity (and return to learn
// under 18). Empty without a concussion.
std::vector<ReturnLadder> return_ladders(const Patient& p);

// Dates that cannot be for a plan starting on `start`: an event (a condition's
// event_date, the myocardial infarction) or a clearance dated after the start. The first
// one as an invalid_argument Error naming the patient's field (document "patient"),
// none when every date is on or before the start. generate() and every caller of
// validate() check it: a plan cannot be judged against a future event.
std::optional<Error> patient_date_error(const Patient& p, Date start);

}  // namespace rehabplan
