// priming.dosing_day and priming.window in validate(): no session on a day a ketamine or
// esketamine dose keeps free (error), and days in a window of heightened plasticity left
// without a skill session that a skill session of the same week could have taken (info).
#include <algorithm>
#include <map>

#include "rules/finding_builder.hpp"
#include "rules/readings_priming.hpp"
#include "rules/validator_internal.hpp"

namespace rehabplan::detail {

using namespace validation;

namespace {

using reading::priming_treatment_name;

void check_dosing_days(const Plan& plan, const EffectiveRules& rules, const reading::PrimingCalendar& cal, std::vector<Finding>& out) {
    for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
        const SessionPlan& s = plan.sessions[i];
        const reading::WindowOpening* rest = cal.resting_after(s.date);
        if (!rest) continue;
        const Date dose = rest->dose;
        const Text name = priming_treatment_name(rest->type);
        const std::int64_t after = rules[params::priming_dosing_day_rest_days_after];
        out.push_back(make_finding(rules, "priming.dosing_day", Severity::error, sessions_path(i) + "/date", s.date, s.date,
                                   "no session on " + dose.to_string() + (after > 0 ? " or the " + n(after) + (after == 1 ? " day after" : " days after") : ""),
                                   std::string(to_string(s.type)) + " session",
                                   dose == s.date ? "priming.dosing_day.session" : "priming.dosing_day.after",
                                   {arg("treatment", name), arg("dose", dose.to_string()), arg("date", s.date.to_string()),
                                    arg("type", term(std::string("session.type.") + to_string(s.type))), arg("days", n(after))},
                                   dose == s.date ? "treatments" : "rest_days_after"));
    }
}

// Per plan week: the window days the patient could train on that hold no skill session,
// and a skill session of that week outside every window that could have moved there.
void check_windows(const Patient& p, const Plan& plan, const EffectiveRules& rules, const reading::PrimingCalendar& cal,
                   std::vector<Finding>& out) {
    unsigned available = 0;
    for (Weekday d : p.available_days) available |= 1u << static_cast<int>(d);
    for (int k = 0; k < plan.weeks; ++k) {
        const Date monday = plan.start_date.plus_days(7 * k);
        std::vector<Date> unused;
        std::optional<std::size_t> movable;
        for (int i = 0; i < 7; ++i) {
            const Date d = monday.plus_days(i);
            if (!cal.window(d) || !(available & (1u << static_cast<int>(d.weekday())))) continue;
            const bool skilled = std::any_of(plan.sessions.begin(), plan.sessions.end(), [&](const SessionPlan& s) {
                return s.date == d && reading::is_skill_session(rules, s);
            });
            if (!skilled) unused.push_back(d);
        }
        if (unused.empty()) continue;
        for (std::size_t i = 0; i < plan.sessions.size() && !movable; ++i) {
            const SessionPlan& s = plan.sessions[i];
            if (s.date >= monday && s.date < monday.plus_days(7) && !cal.window(s.date) && reading::is_skill_session(rules, s))
                movable = i;
        }
        if (!movable) continue;
        const SessionPlan& s = plan.sessions[*movable];
        const reading::WindowOpening& w = *cal.window(unused.front());
        std::string days;
        for (Date d : unused) days += (days.empty() ? "" : ", ") + d.to_string();
        out.push_back(make_finding(rules, "priming.window", Severity::info, sessions_path(*movable) + "/date", s.date, s.date,
                                   "a skill session on " + days, "on " + s.date.to_string() + ", outside the window",
                                   "priming.window.unused",
                                   {arg("treatment", priming_treatment_name(w.type)), arg("dose", w.dose.to_string()),
                                    arg("days", days), arg("count", n(static_cast<std::int64_t>(unused.size()))),
                                    arg("type", term(std::string("session.type.") + to_string(s.type))), arg("date", s.date.to_string())}));
    }
}

}  // namespace

void check_priming(const Patient& p, const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out) {
    if (p.priming_treatments.empty()) return;
    const reading::PrimingCalendar cal(rules, p.priming_treatments);
    check_dosing_days(plan, rules, cal, out);
    check_windows(p, plan, rules, cal, out);
}

}  // namespace rehabplan::detail
