// The CarePlan: the plan's period, patient, conditions (contained), stop signals, goals,
// activities and notes.
#include <algorithm>

#include "planning/programme.hpp"
#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

// The patient's conditions as contained Conditions (once each), with a reference to
// each in `addresses`.
ojson contained_conditions(const Context& c, ojson& addresses) {
    ojson contained = ojson::array();
    if (!c.plan.patient) return contained;
    for (ConditionType t : c.plan.patient->conditions) {
        const std::string id = fhir_id(std::string("condition-") + to_string(t));
        if (std::any_of(contained.begin(), contained.end(), [&](const ojson& e) { return e["id"] == id; })) continue;
        ojson cond;
        cond["resourceType"] = "Condition";
        cond["id"] = id;
        cond["clinicalStatus"] = ojson{{"coding", ojson::array({ojson{{"system", system_url("condition_clinical")}, {"code", "active"}}})}};
        cond["code"] = ojson{{"coding", ojson::array({coding(terms().at("conditions").at(to_string(t)))})},
                             {"text", tr(c.lang, std::string("print.condition.") + to_string(t))}};
        cond["subject"] = c.subject;
        contained.push_back(cond);
        addresses.push_back(reference("#" + id, "Condition"));
    }
    return contained;
}

// The stop signals as coded extensions (the patient's text is the CarePlan's first note).
ojson stop_signal_extensions(const Context& c) {
    const PlanView& v = c.view;
    const Plan& plan = c.plan;
    ojson ext = ojson::array();
    for (std::size_t i = 0; i < plan.stop_signals.size() && i < v.stop_signals.size(); ++i) {
        ojson concept;
        // Only the library's own signals are codes of its (complete) code system; a clinic's
        // own signal is text.
        if (has_message("signal." + plan.stop_signals[i])) {
            ojson codings = ojson::array({own_coding("stop_signal", plan.stop_signals[i], v.stop_signals[i].text)});
            // SNOMED CT where a finding of that name exists (data/fhir.json).
            const json& standard = terms().at("stop_signals");
            if (standard.contains(plan.stop_signals[i])) codings.push_back(coding(standard.at(plan.stop_signals[i])));
            concept["coding"] = codings;
        }
        put(concept, "text", v.stop_signals[i].text);
        ext.push_back(ojson{{"url", extension_url("stop-signal")}, {"valueCodeableConcept", concept}});
    }
    return ext;
}

}  // namespace

ojson careplan(const Context& c, const std::vector<std::string>& goal_urls, const std::string& pd_url) {
    const PlanView& v = c.view;
    const Plan& plan = c.plan;
    ojson cp;
    cp["resourceType"] = "CarePlan";
    cp["language"] = c.lang;

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
    cp["text"] = narrative(narrative_parts);

    ojson addresses = ojson::array();
    const ojson contained = contained_conditions(c, addresses);
    if (!contained.empty()) cp["contained"] = contained;

    const ojson ext = stop_signal_extensions(c);
    if (!ext.empty()) cp["extension"] = ext;

    cp["identifier"] = ojson::array({ojson{{"system", base() + "/plan-id"}, {"value", c.key}}});
    cp["instantiatesCanonical"] = ojson::array({versioned(pd_url)});
    cp["status"] = plan_status(plan);
    cp["intent"] = "plan";
    cp["category"] = ojson::array({ojson{{"coding", ojson::array({coding(terms().at("category"))})}}});
    put(cp, "title", title);
    put(cp, "description", description);
    cp["subject"] = c.subject;
    cp["period"] = ojson{{"start", plan.start_date.to_string()}, {"end", plan.end_date().to_string()}};
    if (!addresses.empty()) cp["addresses"] = addresses;
    ojson gs = ojson::array();
    for (const auto& g : goal_urls) gs.push_back(reference(g, "Goal"));
    if (!gs.empty()) cp["goal"] = gs;

    ojson activities = ojson::array();
    for (const Run& r : session_runs(v)) activities.push_back(session_activity(v, r));
    for (ojson& a : measure_activities(v, plan)) activities.push_back(std::move(a));
    for (ojson& a : return_step_activities(v, plan)) activities.push_back(std::move(a));
    if (!activities.empty()) cp["activity"] = activities;

    ojson notes = ojson::array({note(stop_text)});
    if (!v.paused.empty()) notes.push_back(note(v.paused));  // after the stop signals; the description opens with it
    if (!trimmed(v.notes).empty()) notes.push_back(note(v.notes));
    // The doctor's clearance the plan was made with (safety.clearance), as printed.
    if (!v.clearance.empty()) notes.push_back(note(v.clearance));
    cp["note"] = notes;
    return cp;
}

}  // namespace rehabplan::detail::fhir
