// The priming readings (priming.window, priming.dosing_day): which days a patient's
// treatments keep free of training and which days lie in a window of heightened
// plasticity. The generator places sessions by them, the validator checks a plan against
// them and the printouts explain them: one reading for all three.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/plan.hpp"
#include "rules/rules.hpp"

namespace rehabplan::reading {

// A treatment's window in hours after the dose: the rules' for ketamine, esketamine and
// rtms (priming.window), the patient's own for another type.
PrimingWindowHours priming_window(const EffectiveRules& rules, const PrimingTreatment& t);

// The whole days a window covers, as offsets from the dose's day: the time of a dose is
// not recorded, so a day is in the window when the window is open at the same clock
// time as the dose. 24-72 h gives days 1 and 2; 0-1 h the day of the session itself.
struct WindowDays {
    int first = 0;
    int last = 0;
};
WindowDays window_days(PrimingWindowHours h);

// Whether a treatment's dates carry no training (priming.dosing_day): a type the rule
// names, or another type the patient document marks rest_on_dates.
bool rests_on_dates(const EffectiveRules& rules, const PrimingTreatment& t);

// A day in a window: the treatment (its index in the patient's list, its type) and the
// dose that opened it (the latest, when windows overlap).
struct WindowOpening {
    std::size_t treatment = 0;
    std::string type;
    Date dose;
};

// The patient's treatments laid on the calendar.
class PrimingCalendar {
public:
    PrimingCalendar() = default;
    PrimingCalendar(const EffectiveRules& rules, const std::vector<PrimingTreatment>& treatments);

    bool empty() const { return days_.empty(); }
    // A dosing day or one of priming.dosing_day's rest_days_after: no session at all.
    bool no_training(Date d) const;
    // The dose whose dosing rest covers `d` (its treatment and date), or nullptr.
    const WindowOpening* resting_after(Date d) const;
    // The window `d` lies in; none on a day without training (a dosing day inside another
    // window stays a dosing day).
    const WindowOpening* window(Date d) const;

private:
    struct Day {
        std::optional<WindowOpening> rest_for;  // the dose whose rest covers this day
        std::optional<WindowOpening> window;
    };
    std::map<std::int32_t, Day> days_;
};

// A treatment's name in both languages (the catalog's priming.type.<type>, else the ID).
Text priming_treatment_name(const std::string& type);

// Whether a session trains a skill (priming.window skill_session_types, or an exercise of
// skill_exercise_categories from the rule set's library).
bool is_skill_session(const EffectiveRules& rules, const SessionPlan& s);
// The same for what the generator knows before a session exists: its type and the
// exercise categories its slot draws from.
bool is_skill_kind(const EffectiveRules& rules, SessionType type, const std::vector<std::string>& categories);

}  // namespace rehabplan::reading
