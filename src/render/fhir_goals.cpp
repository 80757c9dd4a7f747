// The plan's Goals: heart-rate zone (or Borg effort under a ceiling), weekly minutes,
// strength days and daily steps, each with the rules in force as notes.
#include <algorithm>
#include <optional>

#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

void goal_target(JsonWriter& w, const GoalTarget& t) {
    const json& def = terms().at("goals").at(t.goal);
    const std::string ucum = def.at("unit").get<std::string>();
    w.begin_object().key("measure");
    concept_of(w, def.at("code"));
    w.key("detailRange").begin_object();
    if (t.low) {
        w.key("low");
        quantity(w, *t.low, ucum, t.unit);
    }
    if (t.high) {
        w.key("high");
        quantity(w, *t.high, ucum, t.unit);
    }
    w.end_object();
    if (t.due) w.member("dueDate", t.due->to_string());
    w.end_object();
}

GoalTarget target(const char* goal_name, const Range& r, const std::string& unit, std::optional<Date> due = std::nullopt) {
    return GoalTarget{goal_name, r.low, r.high, unit, due};
}

bool has_session(const Plan& plan, SessionType t) {
    return std::any_of(plan.sessions.begin(), plan.sessions.end(), [&](const SessionPlan& s) { return s.type == t; });
}

}  // namespace

void goal_resource(JsonWriter& w, const Context& c, const Goal& g) {
    w.begin_object();
    w.member("resourceType", "Goal");
    w.member("language", c.lang);
    w.key("text");
    narrative(w, {g.description});
    w.member("lifecycleStatus", plan_status(c.plan));
    w.key("category").begin_array();
    concept_of(w, terms().at("category"));
    w.end_array();
    w.key("description").begin_object().member("text", trimmed(g.description)).end_object();
    w.key("subject");
    subject_reference(w, c.subject);
    w.member("startDate", c.plan.start_date.to_string());
    w.key("target").begin_array();
    for (const GoalTarget& t : g.targets) goal_target(w, t);
    w.end_array();
    if (std::any_of(g.notes.begin(), g.notes.end(), [](const std::string& n) { return !trimmed(n).empty(); })) {
        w.key("note").begin_array();
        for (const auto& n : g.notes)
            if (!trimmed(n).empty()) note(w, n);
        w.end_array();
    }
    w.end_object();
}

std::vector<Goal> goals(const Context& c) {
    std::vector<Goal> out;
    const PlanView& v = c.view;
    if (const auto& z = c.plan.zone) {
        std::vector<std::string> notes = v.zone_details;
        notes.push_back(sources_note(c, "intensity.heart_rate"));
        std::vector<GoalTarget> targets;
        const bool effort_only = z->rpe && z->basis == "effort";  // no heart-rate zone above the resting rate
        if (z->rpe) {
            targets.push_back(target("effort", *z->rpe, "Borg 6-20"));
            // A ceiling only (the heart rate a Borg-steered plan must stay under).
            if (!effort_only) targets.push_back(GoalTarget{"heart_rate", std::nullopt, z->high_bpm, "beats/min", std::nullopt});
        } else {
            targets.push_back(target("heart_rate", Range{z->low_bpm, z->high_bpm}, "beats/min"));
        }
        const std::string text =
            effort_only ? tr(c.lang, "fhir.goal.effort_only", {arg("low", std::to_string(z->rpe->low)), arg("high", std::to_string(z->rpe->high))})
            : z->rpe    ? tr(c.lang, "fhir.goal.effort", {arg("low", std::to_string(z->rpe->low)), arg("high", std::to_string(z->rpe->high)),
                                                          arg("high_bpm", std::to_string(z->high_bpm))})
                        : tr(c.lang, "fhir.goal.zone", {arg("low", std::to_string(z->low_bpm)), arg("high", std::to_string(z->high_bpm))});
        out.push_back(Goal{"Goal/heart-rate-zone", text, std::move(targets), std::move(notes)});
    }
    {
        std::optional<Date> due;
        if (c.plan.full_dose_week) due = c.plan.start_date.plus_days(7 * (*c.plan.full_dose_week - 1));
        const std::string text = tr(c.lang, "fhir.goal.volume", {arg("min", std::to_string(v.volume_min)), arg("max", std::to_string(v.volume_max))});
        out.push_back(Goal{"Goal/weekly-volume", text, {target("weekly_volume", Range{v.volume_min, v.volume_max}, "min/week", due)},
                           {v.full_dose, sources_note(c, "week.volume")}});
    }
    if (has_session(c.plan, SessionType::strength)) {
        const int days = static_cast<int>(c.er[params::week_strength_min_days]);
        const int hours = static_cast<int>(c.er[params::week_strength_min_hours_between]);
        const std::string text = tr(c.lang, "fhir.goal.strength", {arg("days", std::to_string(days)), arg("hours", std::to_string(hours))});
        // A lower limit only ("at least 2 days a week").
        out.push_back(Goal{"Goal/strength-days", text, {GoalTarget{"strength_days", days, std::nullopt, "days/week", std::nullopt}},
                           {sources_note(c, "week.strength")}});
    }
    if (c.plan.daily_steps)
        out.push_back(Goal{"Goal/daily-steps", v.daily_steps, {target("daily_steps", *c.plan.daily_steps, "steps/day")}, {}});
    return out;
}

}  // namespace rehabplan::detail::fhir
