// The CarePlan: the plan's period, patient, conditions (contained), stop signals, goals,
// activities and notes.
#include <algorithm>

#include "planning/programme.hpp"
#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

std::string condition_id(ConditionType t) { return fhir_id(std::string("condition-") + to_string(t)); }

// The patient's conditions, once each: contained Conditions, each referenced in `addresses`.
std::vector<ConditionType> conditions(const Plan& plan) {
    std::vector<ConditionType> out;
    if (!plan.patient) return out;
    for (ConditionType t : plan.patient->conditions)
        if (std::none_of(out.begin(), out.end(), [&](ConditionType o) { return condition_id(o) == condition_id(t); })) out.push_back(t);
    return out;
}

void contained_condition(JsonWriter& w, const Context& c, ConditionType t) {
    w.begin_object();
    w.member("resourceType", "Condition");
    w.member("id", condition_id(t));
    w.key("clinicalStatus").begin_object().key("coding").begin_array();
    w.begin_object().member("system", system_url("condition_clinical")).member("code", "active").end_object();
    w.end_array().end_object();
    w.key("code").begin_object().key("coding").begin_array();
    coding(w, terms().at("conditions").at(to_string(t)));
    w.end_array();
    w.member("text", tr(c.lang, std::string("print.condition.") + to_string(t)));
    w.end_object();
    w.key("subject");
    subject_reference(w, c.subject);
    w.end_object();
}

// The stop signals as coded extensions (the patient's text is the CarePlan's first note).
void stop_signal_extensions(JsonWriter& w, const Context& c, std::size_t count) {
    const PlanView& v = c.view;
    const Plan& plan = c.plan;
    w.begin_array();
    for (std::size_t i = 0; i < count; ++i) {
        w.begin_object().member("url", extension_url("stop-signal")).key("valueCodeableConcept");
        // Only the library's own signals are codes of its (complete) code system; a clinic's
        // own signal is text.
        const bool coded = has_message("signal." + plan.stop_signals[i]);
        if (!coded && trimmed(v.stop_signals[i].text).empty()) {
            w.null();  // neither code nor text, as the json value it once was
        } else {
            w.begin_object();
            if (coded) {
                w.key("coding").begin_array();
                own_coding(w, "stop_signal", plan.stop_signals[i], v.stop_signals[i].text);
                // SNOMED CT where a finding of that name exists (data/fhir.json).
                const json& standard = terms().at("stop_signals");
                if (standard.contains(plan.stop_signals[i])) coding(w, standard.at(plan.stop_signals[i]));
                w.end_array();
            }
            put(w, "text", v.stop_signals[i].text);
            w.end_object();
        }
        w.end_object();
    }
    w.end_array();
}

}  // namespace

void careplan(JsonWriter& w, const Context& c, const std::vector<std::string>& goal_urls, const std::string& pd_url) {
    const PlanView& v = c.view;
    const Plan& plan = c.plan;
    w.begin_object();
    w.member("resourceType", "CarePlan");
    w.member("language", c.lang);

    std::vector<std::string> stop_lines{v.stop_title};
    for (const StopGroupView& g : v.stop_groups) {
        stop_lines.push_back(g.heading);
        for (const auto& s : g.signals) stop_lines.push_back("- " + s);
    }
    const std::string stop_text = join(stop_lines, "\n");
    const std::string title = !v.programme.empty() ? builtin_programmes().programmes.at(plan.programme).title.in(c.lang) : v.title;
    std::vector<std::string> description_parts{v.period + "."};
    if (!v.paused.empty()) description_parts.insert(description_parts.begin(), v.paused);
    for (const auto* s : {&v.full_dose, &v.daily_steps})
        if (!s->empty()) description_parts.push_back(*s);
    const std::string description = join(description_parts, " ");
    std::vector<std::string> narrative_parts{title, description, join(v.who, "\n"), stop_text};
    if (!v.falls.empty()) {  // fall precautions (week.balance fall_precautions, falls_past_year)
        std::vector<std::string> falls_lines{v.falls_title};
        for (const auto& f : v.falls) falls_lines.push_back("- " + f);
        narrative_parts.push_back(join(falls_lines, "\n"));
    }
    if (!v.priming.empty()) {  // priming treatments (plan.priming): dosing days and the learning window
        std::vector<std::string> priming_lines{v.priming_title};
        for (const auto& line : v.priming) priming_lines.push_back("- " + line);
        narrative_parts.push_back(join(priming_lines, "\n"));
    }
    w.key("text");
    narrative(w, narrative_parts);

    const std::vector<ConditionType> conds = conditions(plan);
    if (!conds.empty()) {
        w.key("contained").begin_array();
        for (ConditionType t : conds) contained_condition(w, c, t);
        w.end_array();
    }

    const std::size_t signals = std::min(plan.stop_signals.size(), v.stop_signals.size());
    if (signals > 0) {
        w.key("extension");
        stop_signal_extensions(w, c, signals);
    }

    w.key("identifier").begin_array().begin_object().member("system", base() + "/plan-id").member("value", c.key).end_object().end_array();
    w.key("instantiatesCanonical").begin_array().value(versioned(pd_url)).end_array();
    w.member("status", plan_status(plan));
    w.member("intent", "plan");
    w.key("category").begin_array();
    concept_of(w, terms().at("category"));
    w.end_array();
    put(w, "title", title);
    put(w, "description", description);
    w.key("subject");
    subject_reference(w, c.subject);
    w.key("period").begin_object().member("start", plan.start_date.to_string()).member("end", plan.end_date().to_string()).end_object();
    if (!conds.empty()) {
        w.key("addresses").begin_array();
        for (ConditionType t : conds) reference(w, "#" + condition_id(t), "Condition");
        w.end_array();
    }
    if (!goal_urls.empty()) {
        w.key("goal").begin_array();
        for (const auto& g : goal_urls) reference(w, g, "Goal");
        w.end_array();
    }

    const std::vector<Run> runs = session_runs(v);
    const std::vector<MeasureDates> measures = measure_dates(v);
    if (!runs.empty() || !measures.empty() || has_return_steps(v, plan)) {
        w.key("activity").begin_array();
        for (const Run& r : runs) session_activity(w, v, r);
        for (const MeasureDates& m : measures) measure_activity(w, m);
        return_step_activities(w, v, plan);
        w.end_array();
    }

    w.key("note").begin_array();
    note(w, stop_text);
    if (!v.paused.empty()) note(w, v.paused);  // after the stop signals; the description opens with it
    if (!trimmed(v.notes).empty()) note(w, v.notes);
    // The doctor's clearance the plan was made with (safety.clearance), as printed.
    if (!v.clearance.empty()) note(w, v.clearance);
    // Priming treatments (plan.priming): the dosing days and the window, as printed.
    if (!v.priming.empty()) note(w, v.priming_title + ": " + join(v.priming, " "));
    w.end_array();
    w.end_object();
}

}  // namespace rehabplan::detail::fhir
