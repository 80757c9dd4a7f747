// The plan's Goals: heart-rate zone (or Borg effort under a ceiling), weekly minutes,
// strength days and daily steps, each with the rules in force as notes.
#include <algorithm>
#include <optional>

#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

ojson goal(const Context& c, const std::string& description, const std::vector<ojson>& targets,
           const std::vector<std::string>& notes) {
    ojson g;
    g["resourceType"] = "Goal";
    g["language"] = c.lang;
    g["text"] = narrative({description});
    g["lifecycleStatus"] = plan_status(c.plan);
    g["category"] = ojson::array({ojson{{"coding", ojson::array({coding(terms().at("category"))})}}});
    g["description"] = ojson{{"text", trimmed(description)}};
    g["subject"] = c.subject;
    g["startDate"] = c.plan.start_date.to_string();
    g["target"] = targets;
    ojson ns = ojson::array();
    for (const auto& n : notes)
        if (!trimmed(n).empty()) ns.push_back(note(n));
    if (!ns.empty()) g["note"] = ns;
    return g;
}

ojson goal_target(const char* goal_name, const Range& r, const std::string& unit, std::optional<Date> due = std::nullopt) {
    const json& def = terms().at("goals").at(goal_name);
    ojson t;
    t["measure"] = ojson{{"coding", ojson::array({coding(def.at("code"))})}};
    const std::string ucum = def.at("unit").get<std::string>();
    t["detailRange"] = range(r, ucum, unit);
    if (due) t["dueDate"] = due->to_string();
    return t;
}

// A lower limit only ("at least 2 days a week").
ojson goal_minimum(const char* goal_name, int low, const std::string& unit) {
    const json& def = terms().at("goals").at(goal_name);
    ojson t;
    t["measure"] = ojson{{"coding", ojson::array({coding(def.at("code"))})}};
    t["detailRange"] = ojson{{"low", quantity(low, def.at("unit").get<std::string>(), unit)}};
    return t;
}

// A ceiling only (the heart rate a Borg-steered plan must stay under).
ojson goal_ceiling(const char* goal_name, int high, const std::string& unit) {
    const json& def = terms().at("goals").at(goal_name);
    ojson t;
    t["measure"] = ojson{{"coding", ojson::array({coding(def.at("code"))})}};
    t["detailRange"] = ojson{{"high", quantity(high, def.at("unit").get<std::string>(), unit)}};
    return t;
}

bool has_session(const Plan& plan, SessionType t) {
    return std::any_of(plan.sessions.begin(), plan.sessions.end(), [&](const SessionPlan& s) { return s.type == t; });
}

}  // namespace

std::vector<std::pair<std::string, ojson>> goals(const Context& c) {
    std::vector<std::pair<std::string, ojson>> out;
    const PlanView& v = c.view;
    if (const auto& z = c.plan.zone) {
        std::vector<std::string> notes = v.zone_details;
        notes.push_back(sources_note(c, "intensity.heart_rate"));
        std::vector<ojson> targets;
        const bool effort_only = z->rpe && z->basis == "effort";  // no heart-rate zone above the resting rate
        if (z->rpe) {
            targets.push_back(goal_target("effort", *z->rpe, "Borg 6-20"));
            if (!effort_only) targets.push_back(goal_ceiling("heart_rate", z->high_bpm, "beats/min"));
        } else {
            targets.push_back(goal_target("heart_rate", Range{z->low_bpm, z->high_bpm}, "beats/min"));
        }
        const std::string text =
            effort_only ? tr(c.lang, "fhir.goal.effort_only", {arg("low", std::to_string(z->rpe->low)), arg("high", std::to_string(z->rpe->high))})
            : z->rpe    ? tr(c.lang, "fhir.goal.effort", {arg("low", std::to_string(z->rpe->low)), arg("high", std::to_string(z->rpe->high)),
                                                          arg("high_bpm", std::to_string(z->high_bpm))})
                        : tr(c.lang, "fhir.goal.zone", {arg("low", std::to_string(z->low_bpm)), arg("high", std::to_string(z->high_bpm))});
        out.emplace_back("Goal/heart-rate-zone", goal(c, text, targets, notes));
    }
    {
        std::optional<Date> due;
        if (c.plan.full_dose_week) due = c.plan.start_date.plus_days(7 * (*c.plan.full_dose_week - 1));
        const std::string text = tr(c.lang, "fhir.goal.volume", {arg("min", std::to_string(v.volume_min)), arg("max", std::to_string(v.volume_max))});
        out.emplace_back("Goal/weekly-volume",
                         goal(c, text, {goal_target("weekly_volume", Range{v.volume_min, v.volume_max}, "min/week", due)},
                              {v.full_dose, sources_note(c, "week.volume")}));
    }
    if (has_session(c.plan, SessionType::strength)) {
        const int days = static_cast<int>(c.er[params::week_strength_min_days]);
        const int hours = static_cast<int>(c.er[params::week_strength_min_hours_between]);
        const std::string text = tr(c.lang, "fhir.goal.strength", {arg("days", std::to_string(days)), arg("hours", std::to_string(hours))});
        out.emplace_back("Goal/strength-days",
                         goal(c, text, {goal_minimum("strength_days", days, "days/week")}, {sources_note(c, "week.strength")}));
    }
    if (c.plan.daily_steps)
        out.emplace_back("Goal/daily-steps", goal(c, v.daily_steps, {goal_target("daily_steps", *c.plan.daily_steps, "steps/day")}, {}));
    return out;
}

}  // namespace rehabplan::detail::fhir
