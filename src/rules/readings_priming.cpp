// priming.window and priming.dosing_day, read once (rules/readings_priming.hpp).
#include "rules/readings_priming.hpp"

#include <algorithm>

#include "rules/rules_internal.hpp"

namespace rehabplan::reading {

PrimingWindowHours priming_window(const EffectiveRules& rules, const PrimingTreatment& t) {
    if (t.window) return *t.window;
    const auto hours = [&](IntParam start, IntParam end) {
        return PrimingWindowHours{static_cast<int>(rules[start]), static_cast<int>(rules[end])};
    };
    if (t.type == "ketamine")
        return hours(params::priming_window_ketamine_start_hours, params::priming_window_ketamine_end_hours);
    if (t.type == "esketamine")
        return hours(params::priming_window_esketamine_start_hours, params::priming_window_esketamine_end_hours);
    if (t.type == "rtms") return hours(params::priming_window_rtms_start_hours, params::priming_window_rtms_end_hours);
    return {};  // the reader requires a window for any other type
}

WindowDays window_days(PrimingWindowHours h) {
    // A clinic's file may set end at or below start: then the window is empty.
    if (h.end_hours <= h.start_hours) return {1, 0};
    return {h.start_hours / 24, (h.end_hours - 1) / 24};
}

bool rests_on_dates(const EffectiveRules& rules, const PrimingTreatment& t) {
    const auto& named = rules[params::priming_dosing_day_treatments];
    return t.rest_on_dates || std::find(named.begin(), named.end(), t.type) != named.end();
}

PrimingCalendar::PrimingCalendar(const EffectiveRules& rules, const std::vector<PrimingTreatment>& treatments) {
    const int rest_after = static_cast<int>(std::max<std::int64_t>(0, rules[params::priming_dosing_day_rest_days_after]));
    for (std::size_t i = 0; i < treatments.size(); ++i) {
        const PrimingTreatment& t = treatments[i];
        const bool rests = rests_on_dates(rules, t);
        const WindowDays w = window_days(priming_window(rules, t));
        for (Date dose : t.dates) {
            if (rests)
                for (int k = 0; k <= rest_after; ++k) {
                    Day& day = days_[dose.plus_days(k).day_number()];
                    if (!day.rest_for || day.rest_for->dose < dose) day.rest_for = WindowOpening{i, t.type, dose};
                }
            for (int k = w.first; k <= w.last; ++k) {
                Day& day = days_[dose.plus_days(k).day_number()];
                if (!day.window || day.window->dose < dose) day.window = WindowOpening{i, t.type, dose};
            }
        }
    }
}

bool PrimingCalendar::no_training(Date d) const { return resting_after(d) != nullptr; }

const WindowOpening* PrimingCalendar::resting_after(Date d) const {
    auto it = days_.find(d.day_number());
    return it == days_.end() || !it->second.rest_for ? nullptr : &*it->second.rest_for;
}

const WindowOpening* PrimingCalendar::window(Date d) const {
    auto it = days_.find(d.day_number());
    if (it == days_.end() || it->second.rest_for || !it->second.window) return nullptr;
    return &*it->second.window;
}

Text priming_treatment_name(const std::string& type) {
    const std::string key = "priming.type." + type;
    return detail::has_message(key) ? detail::term(key) : Text{type, type};
}

bool is_skill_kind(const EffectiveRules& rules, SessionType type, const std::vector<std::string>& categories) {
    const auto& types = rules[params::priming_window_skill_session_types];
    if (std::find(types.begin(), types.end(), to_string(type)) != types.end()) return true;
    const auto& skill = rules[params::priming_window_skill_exercise_categories];
    return std::any_of(categories.begin(), categories.end(),
                       [&](const std::string& c) { return std::find(skill.begin(), skill.end(), c) != skill.end(); });
}

bool is_skill_session(const EffectiveRules& rules, const SessionPlan& s) {
    std::vector<std::string> categories;
    for (const ExerciseDose& e : s.exercises)
        if (const Exercise* x = rules.rule_set().exercises.find(e.id)) categories.push_back(to_string(x->category));
    return is_skill_kind(rules, s.type, categories);
}

}  // namespace rehabplan::reading
