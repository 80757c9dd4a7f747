#include "rules/clearance_text.hpp"

#include "rules/params.hpp"

namespace rehabplan::detail {

const char* clearance_key(reading::ClearanceNeed need) {
    switch (need) {
        case reading::ClearanceNeed::unstable: return "unstable";
        case reading::ClearanceNeed::recent_event: return "recent_event";
        case reading::ClearanceNeed::recent_mi: return "recent_mi";
        case reading::ClearanceNeed::blood_pressure: return "blood_pressure";
        case reading::ClearanceNeed::resting_hr: return "resting_hr";
    }
    return "unstable";
}

Text event_term(const std::string& name) {
    const std::string key = "event." + name;
    return has_message(key) ? term(key) : Text{name, name};
}

std::vector<Arg> clearance_args(const EffectiveRules& rules, const reading::ClearanceReason& r, Date on) {
    const auto num = [](std::int64_t v) { return std::to_string(v); };
    std::vector<Arg> out{arg("date", on.to_string())};
    switch (r.need) {
        case reading::ClearanceNeed::unstable: out.push_back(arg("name", r.detail)); break;
        case reading::ClearanceNeed::recent_event:
            out.push_back(arg("condition", event_term(r.detail)));
            out.push_back(arg("event", on.plus_days(static_cast<int>(-r.days)).to_string()));
            out.push_back(arg("days", num(r.days)));
            out.push_back(arg("max", num(rules[params::safety_clearance_recent_event_days])));
            break;
        case reading::ClearanceNeed::recent_mi:
            out.push_back(arg("mi", r.detail));
            out.push_back(arg("days", num(r.days)));
            out.push_back(arg("max", num(rules[params::safety_clearance_recent_mi_days])));
            break;
        case reading::ClearanceNeed::blood_pressure:
            out.push_back(arg("systolic", r.detail));
            out.push_back(arg("max", num(rules[params::safety_clearance_max_systolic_without_clearance])));
            break;
        case reading::ClearanceNeed::resting_hr:
            out.push_back(arg("bpm", r.detail));
            out.push_back(arg("max", num(rules[params::safety_clearance_max_resting_hr_without_clearance])));
            break;
    }
    return out;
}

std::vector<Arg> resting_hr_check_args(const EffectiveRules& rules, int bpm) {
    return {arg("bpm", std::to_string(bpm)), arg("max", std::to_string(rules[params::safety_clearance_resting_hr_warning_above]))};
}

}  // namespace rehabplan::detail
