// safety.clearance in validate(): training a patient may only do with a doctor's
// clearance, strength training too soon after a myocardial infarction, and a resting
// heart rate a doctor should check. The limits are the readings of rules/readings.hpp,
// judged on each training session's own date; HIIT without a vigorous clearance is
// reported with the other HIIT reasons (validator.cpp).
#include <set>

#include "rules/clearance_text.hpp"
#include "rules/finding_builder.hpp"
#include "rules/readings.hpp"
#include "rules/validator_internal.hpp"

namespace rehabplan::detail {

using namespace validation;

namespace {

bool trains_strength(const SessionPlan& s) {
    if (s.type == SessionType::strength) return true;
    for (const Block& b : s.blocks)
        if (b.kind == BlockKind::strength) return true;
    return false;
}

}  // namespace

void check_clearance(const Patient& p, const Plan& plan, const EffectiveRules& rules, std::vector<Finding>& out) {
    const std::string rule = "safety.clearance";
    // Each reason once, at the first training session on or after the day it applies.
    std::set<std::string> reported;
    for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
        const SessionPlan& s = plan.sessions[i];
        if (!is_training(s.type)) continue;
        for (const reading::ClearanceReason& r : reading::clearance_missing(rules, p, s.date)) {
            if (!reported.insert(r.path).second) continue;
            out.push_back(make_finding(rules, rule, Severity::error, sessions_path(i) + "/date", s.date, s.date,
                                       "a doctor's clearance (patient /clearance)", r.path + ": " + r.detail,
                                       std::string("clearance.") + clearance_key(r.need), clearance_args(rules, r, s.date),
                                       r.param));
        }
    }
    // No strength within mi_no_strength_days of an infarction, clearance or not (AHA 2007).
    if (const auto& mi = p.contraindications.myocardial_infarction_date) {
        const std::int64_t days = rules[params::safety_clearance_mi_no_strength_days];
        for (std::size_t i = 0; i < plan.sessions.size(); ++i) {
            const SessionPlan& s = plan.sessions[i];
            if (!is_training(s.type) || !trains_strength(s) || !reading::mi_strength_window(rules, *mi, s.date)) continue;
            out.push_back(make_finding(rules, rule, Severity::error, sessions_path(i) + (s.type == SessionType::strength ? "/type" : "/blocks"),
                                       s.date, s.date, "no strength training within " + n(days) +
                                           " days after the myocardial infarction",
                                       n(s.date.days_since(*mi)) + " days", "clearance.mi_strength",
                                       {arg("date", s.date.to_string()), arg("days", n(days)), arg("mi", mi->to_string())},
                                       "mi_no_strength_days"));
        }
    }
    if (reading::resting_hr_needs_check(rules, p)) {
        const int bpm = *p.heart_rate.resting_bpm;
        out.push_back(make_finding(rules, rule, Severity::warning, "", std::nullopt, std::nullopt,
                                   "resting heart rate <= " + n(rules[params::safety_clearance_resting_hr_warning_above]) +
                                       " bpm",
                                   n(bpm) + " bpm", "clearance.resting_hr_check", resting_hr_check_args(rules, bpm),
                                   "resting_hr_warning_above"));
    }
}

}  // namespace rehabplan::detail
