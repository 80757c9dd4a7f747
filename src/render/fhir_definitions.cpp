// The programme as a PlanDefinition and an ActivityDefinition per kind of session and
// per outcome measure, with the citations behind them.
#include <algorithm>

#include "planning/programme.hpp"
#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

ojson activity_definition(const Context& c, const std::string& url, const std::string& id, const std::string& name,
                          const std::string& title, const std::string& description, const std::vector<std::string>& citations,
                          ojson code) {
    ojson a;
    a["resourceType"] = "ActivityDefinition";
    a["id"] = id;
    a["language"] = c.lang;
    a["text"] = narrative({title, description});
    a["url"] = url;
    a["version"] = definition_version;
    a["name"] = name;
    put(a, "title", title);
    a["status"] = "active";
    a["publisher"] = "rehabplan";
    put(a, "description", description);
    if (!citations.empty()) a["relatedArtifact"] = related_citations(citations);
    a["kind"] = "ServiceRequest";
    a["code"] = std::move(code);
    return a;
}

std::string type_label(const std::string& lang, SessionType t) { return tr(lang, std::string("print.type.") + to_string(t)); }

}  // namespace

ProgrammeContent template_content(const Plan& plan) {
    ProgrammeContent pc;
    auto add_type = [&](SessionType t) {
        if (std::find(pc.types.begin(), pc.types.end(), t) == pc.types.end()) pc.types.push_back(t);
    };
    const ProgrammeSet& set = builtin_programmes();
    if (auto it = set.programmes.find(plan.programme); it != set.programmes.end()) {
        for (const Phase& ph : it->second.phases)
            for (const auto& slot_id : ph.slots) {
                const SlotTemplate& slot = set.slots.at(slot_id);
                add_type(slot.type);
                if (slot.type == SessionType::hiit && !slot.instead.en.empty()) add_type(SessionType::aerobic);
            }
        pc.measures = it->second.outcome_measures;
    }
    // A therapist's plan may hold other kinds: they are defined too.
    for (const SessionPlan& s : plan.sessions) add_type(s.type);
    for (const OutcomeMeasure& m : plan.outcome_measures)
        if (std::find(pc.measures.begin(), pc.measures.end(), m.measure) == pc.measures.end()) pc.measures.push_back(m.measure);
    // A concussion return's ladders, as the plan has them (the patient document says which apply).
    for (const ReturnLadderPlan& l : plan.return_ladders)
        if (std::find(pc.ladders.begin(), pc.ladders.end(), l.ladder) == pc.ladders.end()) pc.ladders.push_back(l.ladder);
    for (const SessionPlan& s : plan.sessions)
        for (const ExerciseDose& d : s.exercises)
            if (std::none_of(pc.exercises.begin(), pc.exercises.end(), [&](const ExerciseDose* e) { return e->id == d.id; }))
                pc.exercises.push_back(&d);
    return pc;
}

namespace {

std::string measure_name(const std::string& lang, const std::string& m) {
    return has_message("measure." + m) ? tr(lang, "measure." + m) : m;
}

// "Back to sport, step by step": the ladder's printed heading without the patient's sport.
std::string ladder_title(const std::string& lang, ReturnLadder l) { return tr(lang, std::string("print.return.ladder.") + to_string(l)); }

// An exercise's name in the export's language: the library's, else as the plan stores it.
std::string exercise_name(const Context& c, const ExerciseDose& d) {
    const Exercise* e = c.rules.exercises.find(d.id);
    const std::string name = trimmed(clean(e ? e->name.in(c.lang) : d.name));
    return name.empty() ? d.id : name;
}

// The library's dose of an exercise at its level as a Dosage: sets as Timing.repeat.count,
// repetitions, seconds or minutes per set as the dose; the patient's own dose is the text of
// each session activity that names it.
ojson exercise_dosage(const Context& c, const Exercise& e) {
    const ExerciseDefaultDose& d = e.dose;
    ExerciseDose as_prescribed;
    as_prescribed.sets = d.sets;
    as_prescribed.per_side = d.per_side;
    as_prescribed.rest_seconds = d.rest_seconds;
    ojson amount;
    switch (d.type) {
        case DoseType::repetitions:
            as_prescribed.repetitions = d.amount;
            amount = quantity(d.amount, "{repetitions}", tr(c.lang, "fhir.unit.repetitions"));
            break;
        case DoseType::seconds:
            as_prescribed.seconds = d.amount;
            amount = quantity(d.amount, "s", "s");
            break;
        case DoseType::minutes:
            as_prescribed.minutes = d.amount;
            amount = quantity(d.amount, "min", "min");
            break;
    }
    ojson dosage;
    dosage["sequence"] = 1;
    put(dosage, "text", exercise_dose_text(as_prescribed, c.lang));
    dosage["timing"] = ojson{{"repeat", ojson{{"count", d.sets}}}};
    dosage["doseAndRate"] = ojson::array({ojson{{"doseQuantity", amount}}});
    return dosage;
}

// One exercise of the library: its instructions as the description, its precautions in
// the narrative, its sources as relatedArtifact and the library's dose as dosage. An ID the
// library lacks (a plan made with a clinic's file) gets its name only.
std::pair<std::string, ojson> exercise_definition_resource(const Context& c, const ExerciseDose& d) {
    const std::string url = exercise_definition(d.id);
    const std::string name = exercise_name(c, d);
    const Exercise* e = c.rules.exercises.find(d.id);
    std::string description = tr(c.lang, "fhir.exercise.unknown", {arg("name", name)});
    std::vector<std::string> citations;
    std::vector<std::string> care;
    if (e) {
        description = clean(join(c.lang == "nl" ? e->instructions_nl : e->instructions_en, "\n"));
        std::vector<std::string> keys;  // the loader checks them; a C++ caller's library may not have
        for (const auto& k : e->sources)
            if (c.rules.references.count(k)) keys.push_back(k);
        citations = c.rules.reference_texts(keys);
        for (const auto& id : e->precautions)
            if (const auto it = c.rules.exercises.precautions.find(id); it != c.rules.exercises.precautions.end())
                care.push_back(clean(it->second.text.in(c.lang)));
    }
    ojson code;
    put(code, "text", name);
    ojson a = activity_definition(c, url, fhir_id("exercise-" + d.id), computable_name("Exercise", d.id), name, description, citations, code);
    if (!care.empty()) a["text"] = narrative({name, description, tr(c.lang, "print.ex.care") + ": " + join(care, " ")});
    if (e) a["dosage"] = ojson::array({exercise_dosage(c, *e)});
    return {url, a};
}

// The programme (a plan of an unknown programme gets one named after the plan), with an
// action per kind of session and per measure.
std::pair<std::string, ojson> plan_definition(const Context& c, const ProgrammeContent& pc) {
    const ProgrammeSet& set = builtin_programmes();
    const auto prog = set.programmes.find(c.plan.programme);
    const bool known = prog != set.programmes.end();

    ojson pd;
    const std::string pd_id = fhir_id(c.plan.programme.empty() ? "plan-" + c.key : c.plan.programme);
    const std::string pd_url = canonical("PlanDefinition", pd_id);
    const std::string title = known ? prog->second.title.in(c.lang) : c.plan.programme;
    const std::string description =
        known ? prog->second.summary.in(c.lang) : tr(c.lang, "fhir.programme_unknown", {arg("name", c.plan.programme)});
    pd["resourceType"] = "PlanDefinition";
    pd["id"] = pd_id;
    pd["language"] = c.lang;
    pd["text"] = narrative({title, description});
    pd["url"] = pd_url;
    pd["version"] = definition_version;
    pd["name"] = computable_name("", c.plan.programme.empty() ? "plan" : c.plan.programme);
    put(pd, "title", title);
    pd["type"] = ojson{{"coding", ojson::array({ojson{{"system", system_url("plan_definition_type")},
                                                      {"code", "clinical-protocol"},
                                                      {"display", "Clinical Protocol"}}})}};
    pd["status"] = "active";
    pd["publisher"] = "rehabplan";
    put(pd, "description", description);
    if (known && !prog->second.reference_keys.empty()) pd["relatedArtifact"] = related_citations(c.rules.reference_texts(prog->second.reference_keys));
    ojson actions = ojson::array();
    for (SessionType t : pc.types)
        actions.push_back(ojson{{"title", type_label(c.lang, t)}, {"definitionCanonical", versioned(session_definition(t))}});
    for (const auto& m : pc.measures)
        actions.push_back(ojson{{"title", measure_name(c.lang, m)}, {"definitionCanonical", versioned(measure_definition(m))}});
    for (ReturnLadder l : pc.ladders)
        actions.push_back(ojson{{"title", ladder_title(c.lang, l)}, {"definitionCanonical", versioned(ladder_definition(l))}});
    for (const ExerciseDose* d : pc.exercises)
        actions.push_back(ojson{{"title", exercise_name(c, *d)}, {"definitionCanonical", versioned(exercise_definition(d->id))}});
    pd["action"] = actions;
    return {pd_url, pd};
}

// A kind of session, citing the rules that dose it.
std::pair<std::string, ojson> session_definition_resource(const Context& c, SessionType t) {
    const std::string kind = type_label(c.lang, t);
    std::vector<std::string> keys;
    for (const auto& rule : terms().at("session_types").at(to_string(t)).at("rules")) {
        const auto& cited = c.rules.rules.at(rule.get<std::string>()).reference_keys;
        for (const auto& k : cited)
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    const std::string url = session_definition(t);
    return {url, activity_definition(c, url, fhir_id(std::string("session-") + to_string(t)),
                                     computable_name("Session", to_string(t)), kind,
                                     tr(c.lang, "fhir.activity.description", {arg("kind", kind)}), c.rules.reference_texts(keys),
                                     session_code(t, kind, kind))};
}

std::pair<std::string, ojson> measure_definition_resource(const Context& c, const std::string& m) {
    const std::string name = measure_name(c.lang, m);
    const std::string url = measure_definition(m);
    return {url, activity_definition(c, url, fhir_id("measure-" + m), computable_name("Measure", m), name,
                                     tr(c.lang, "fhir.measure.description", {arg("name", name)}), {}, measure_code(m, name))};
}

// A ladder of a concussion return: its steps are the CarePlan's step activities (each with
// the return-step extension), dosed and gated by concussion.return, whose sources it cites.
std::pair<std::string, ojson> ladder_definition_resource(const Context& c, ReturnLadder l) {
    const std::string title = ladder_title(c.lang, l);
    const std::string rule = tr(c.lang, "print.return.rule.step",
                                {arg("hours", std::to_string(static_cast<int>(c.er[params::concussion_return_min_hours_per_step])))});
    const std::string url = ladder_definition(l);
    ojson code;
    put(code, "text", title);
    return {url, activity_definition(c, url, fhir_id(std::string("return-") + to_string(l)), computable_name("Return", to_string(l)),
                                     title, title + ". " + rule, c.rules.reference_texts(c.rules.rules.at("concussion.return").reference_keys),
                                     code)};
}

}  // namespace

std::vector<std::pair<std::string, ojson>> definitions(const Context& c, const ProgrammeContent& pc) {
    std::vector<std::pair<std::string, ojson>> out{plan_definition(c, pc)};
    for (SessionType t : pc.types) out.push_back(session_definition_resource(c, t));
    for (const auto& m : pc.measures) out.push_back(measure_definition_resource(c, m));
    for (ReturnLadder l : pc.ladders) out.push_back(ladder_definition_resource(c, l));
    for (const ExerciseDose* d : pc.exercises) out.push_back(exercise_definition_resource(c, *d));
    return out;
}

}  // namespace rehabplan::detail::fhir
