// What every step of generate() reads and none changes: the patient, the request, the
// rules in force for this patient, the programme and the engine settings, the heart-rate
// zones. Passed by const reference to the units of the generator (day selection, dose,
// build-up, intensity, HIIT gate, sessions), with the few helpers over slots they share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/messages.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "planning/exercise_selection.hpp"
#include "planning/generator.hpp"
#include "planning/programme.hpp"
#include "planning/session_texts.hpp"
#include "rules/heart_rate.hpp"
#include "rules/readings_priming.hpp"
#include "rules/rules.hpp"

namespace rehabplan::generation {

struct GeneratorInputs {
    GeneratorInputs(const Patient& p, const PlanRequest& req, const RuleSet& set, const Programme& prog);

    const Patient& patient;
    const PlanRequest& request;
    EffectiveRules rules;
    ExerciseChoices exercise_choices;      // each chain's level for the patient (exercise_selection)
    const Programme& programme;
    const ProgrammeSet& programmes;
    const GeneratorSettings& settings;
    HeartRateZones zones;                  // without a date (concussion: the early-phase limits)
    IntensityClass zone_class;             // what zone sessions are planned as: moderate at most
    std::vector<std::size_t> fear_order;   // the fear hierarchy, least feared first (graded exposure)
    // A dated concussion: the ladder the training sessions follow (sport when the patient's
    // ladders include it, else daily); none otherwise.
    std::optional<ReturnLadder> physical_ladder;
    SessionTexts session_texts;            // the programme's slots' titles and block texts
    reading::PrimingCalendar priming;      // dosing days and windows of the patient's treatments

    // A text in the plan's language.
    const std::string& text(const Text& t) const { return t.in(request.language); }
    const SlotTemplate& slot(const std::string& id) const { return programmes.slots.at(id); }
};

// The physical ladder of a patient with a dated concussion: sport when return_ladders(p)
// holds it, else daily; nullopt without a dated concussion.
std::optional<ReturnLadder> physical_ladder_of(const Patient& p);

// A number as text, for message arguments.
std::string n(std::int64_t v);

// True when the slot applies to this patient (no conditions named, or one the patient has).
bool slot_for_patient(const Patient& patient, const SlotTemplate& s);
// False for a fixed-length training slot longer than the patient's max_minutes_per_day:
// it is left out of the plan, never shortened (planning/programme_fit).
bool slot_fits_day(const GeneratorInputs& in, const SlotTemplate& s);
// hiit.protocol: the intervals of every HIIT session.
HiitIntervals hiit_protocol(const EffectiveRules& rules);
// A HIIT session's minutes: warm-up, the intervals rounded up to whole minutes, cool-down.
int hiit_minutes(const GeneratorInputs& in);
// A non-fill slot's full-dose minutes.
int slot_minutes(const GeneratorInputs& in, const SlotTemplate& s);

// The generator's findings, each with the message it was made from (for the plan's notes).
struct GeneratorFindings {
    std::vector<Finding> list;
    std::vector<PlanMessage> messages;   // messages[i] made list[i]
};

// Adds a finding of the generator, one per distinct cause (rule and message).
void add_finding(GeneratorFindings& findings, const EffectiveRules& rules, const std::string& rule, Severity sev,
                 std::string path, const std::string& key, const std::vector<detail::Arg>& args,
                 const std::string& param = "");

}  // namespace rehabplan::generation
