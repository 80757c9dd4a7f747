// The programme as a PlanDefinition and an ActivityDefinition per kind of session and
// per outcome measure, with the citations behind them.
#include <algorithm>
#include <functional>

#include "planning/programme.hpp"
#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

// An ActivityDefinition: `text` is its narrative's paragraphs, write_code(w) writes its code
// and write_more(w), when given, the members after it (an exercise's dosage).
void activity_definition(JsonWriter& w, const Context& c, const std::string& url, const std::string& id, const std::string& name,
                         const std::string& title, const std::string& description, const std::vector<std::string>& text,
                         const std::vector<std::string>& citations, const std::function<void(JsonWriter&)>& write_code,
                         const std::function<void(JsonWriter&)>& write_more = {}) {
    w.begin_object();
    w.member("resourceType", "ActivityDefinition");
    w.member("id", id);
    w.member("language", c.lang);
    w.key("text");
    narrative(w, text);
    w.member("url", url);
    w.member("version", definition_version);
    w.member("name", name);
    put(w, "title", title);
    w.member("status", "active");
    w.member("publisher", "rehabplan");
    put(w, "description", description);
    if (!citations.empty()) {
        w.key("relatedArtifact");
        related_citations(w, citations);
    }
    w.member("kind", "ServiceRequest");
    w.key("code");
    write_code(w);
    if (write_more) write_more(w);
    w.end_object();
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
void exercise_dosage(JsonWriter& w, const Context& c, const Exercise& e) {
    const ExerciseDefaultDose& d = e.dose;
    ExerciseDose as_prescribed;
    as_prescribed.sets = d.sets;
    as_prescribed.per_side = d.per_side;
    as_prescribed.rest_seconds = d.rest_seconds;
    const char* ucum = "";
    std::string unit;
    switch (d.type) {
        case DoseType::repetitions:
            as_prescribed.repetitions = d.amount;
            ucum = "{repetitions}";
            unit = tr(c.lang, "fhir.unit.repetitions");
            break;
        case DoseType::seconds:
            as_prescribed.seconds = d.amount;
            ucum = "s";
            unit = "s";
            break;
        case DoseType::minutes:
            as_prescribed.minutes = d.amount;
            ucum = "min";
            unit = "min";
            break;
    }
    w.begin_object();
    w.member("sequence", 1);
    put(w, "text", exercise_dose_text(as_prescribed, c.lang));
    w.key("timing").begin_object().key("repeat").begin_object().member("count", d.sets).end_object().end_object();
    w.key("doseAndRate").begin_array().begin_object().key("doseQuantity");
    quantity(w, d.amount, ucum, unit);
    w.end_object().end_array();
    w.end_object();
}

// One exercise of the library: its instructions as the description, its precautions in
// the narrative, its sources as relatedArtifact and the library's dose as dosage. An ID the
// library lacks (a plan made with a clinic's file) gets its name only.
void exercise_definition_resource(JsonWriter& w, const Context& c, const ExerciseDose& d) {
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
    std::vector<std::string> text{name, description};
    if (!care.empty()) text.push_back(tr(c.lang, "print.ex.care") + ": " + join(care, " "));
    std::function<void(JsonWriter&)> dosage;
    if (e) dosage = [&](JsonWriter& wr) {
        wr.key("dosage").begin_array();
        exercise_dosage(wr, c, *e);
        wr.end_array();
    };
    activity_definition(w, c, exercise_definition(d.id), fhir_id("exercise-" + d.id), computable_name("Exercise", d.id), name, description,
                        text, citations, [&](JsonWriter& wr) { text_only(wr, "text", name); }, dosage);
}

std::string plan_definition_id(const Context& c) { return fhir_id(c.plan.programme.empty() ? "plan-" + c.key : c.plan.programme); }

// The programme (a plan of an unknown programme gets one named after the plan), with an
// action per kind of session and per measure.
void plan_definition(JsonWriter& w, const Context& c, const ProgrammeContent& pc) {
    const ProgrammeSet& set = builtin_programmes();
    const auto prog = set.programmes.find(c.plan.programme);
    const bool known = prog != set.programmes.end();

    const std::string title = known ? prog->second.title.in(c.lang) : c.plan.programme;
    const std::string description =
        known ? prog->second.summary.in(c.lang) : tr(c.lang, "fhir.programme_unknown", {arg("name", c.plan.programme)});
    w.begin_object();
    w.member("resourceType", "PlanDefinition");
    w.member("id", plan_definition_id(c));
    w.member("language", c.lang);
    w.key("text");
    narrative(w, {title, description});
    w.member("url", plan_definition_url(c));
    w.member("version", definition_version);
    w.member("name", computable_name("", c.plan.programme.empty() ? "plan" : c.plan.programme));
    put(w, "title", title);
    w.key("type").begin_object().key("coding").begin_array();
    w.begin_object()
        .member("system", system_url("plan_definition_type"))
        .member("code", "clinical-protocol")
        .member("display", "Clinical Protocol")
        .end_object();
    w.end_array().end_object();
    w.member("status", "active");
    w.member("publisher", "rehabplan");
    put(w, "description", description);
    if (known && !prog->second.reference_keys.empty()) {
        w.key("relatedArtifact");
        related_citations(w, c.rules.reference_texts(prog->second.reference_keys));
    }
    const auto action = [&](const std::string& label, const std::string& url) {
        w.begin_object().member("title", label).member("definitionCanonical", versioned(url)).end_object();
    };
    w.key("action").begin_array();
    for (SessionType t : pc.types) action(type_label(c.lang, t), session_definition(t));
    for (const auto& m : pc.measures) action(measure_name(c.lang, m), measure_definition(m));
    for (ReturnLadder l : pc.ladders) action(ladder_title(c.lang, l), ladder_definition(l));
    for (const ExerciseDose* d : pc.exercises) action(exercise_name(c, *d), exercise_definition(d->id));
    w.end_array();
    w.end_object();
}

// A kind of session, citing the rules that dose it.
void session_definition_resource(JsonWriter& w, const Context& c, SessionType t) {
    const std::string kind = type_label(c.lang, t);
    std::vector<std::string> keys;
    for (const auto& rule : terms().at("session_types").at(to_string(t)).at("rules")) {
        const auto& cited = c.rules.rules.at(rule.get<std::string>()).reference_keys;
        for (const auto& k : cited)
            if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    const std::string description = tr(c.lang, "fhir.activity.description", {arg("kind", kind)});
    activity_definition(w, c, session_definition(t), fhir_id(std::string("session-") + to_string(t)), computable_name("Session", to_string(t)),
                        kind, description, {kind, description}, c.rules.reference_texts(keys),
                        [&](JsonWriter& wr) { session_code(wr, t, kind, kind); });
}

void measure_definition_resource(JsonWriter& w, const Context& c, const std::string& m) {
    const std::string name = measure_name(c.lang, m);
    const std::string description = tr(c.lang, "fhir.measure.description", {arg("name", name)});
    activity_definition(w, c, measure_definition(m), fhir_id("measure-" + m), computable_name("Measure", m), name, description,
                        {name, description}, {}, [&](JsonWriter& wr) { measure_code(wr, m, name); });
}

// A ladder of a concussion return: its steps are the CarePlan's step activities (each with
// the return-step extension), dosed and gated by concussion.return, whose sources it cites.
void ladder_definition_resource(JsonWriter& w, const Context& c, ReturnLadder l) {
    const std::string title = ladder_title(c.lang, l);
    const std::string rule = tr(c.lang, "print.return.rule.step",
                                {arg("hours", std::to_string(static_cast<int>(c.er[params::concussion_return_min_hours_per_step])))});
    const std::string description = title + ". " + rule;
    activity_definition(w, c, ladder_definition(l), fhir_id(std::string("return-") + to_string(l)), computable_name("Return", to_string(l)),
                        title, description, {title, description},
                        c.rules.reference_texts(c.rules.rules.at("concussion.return").reference_keys),
                        [&](JsonWriter& wr) { text_only(wr, "text", title); });
}

}  // namespace

std::string plan_definition_url(const Context& c) { return canonical("PlanDefinition", plan_definition_id(c)); }

void definition_entries(JsonWriter& w, const Context& c, const ProgrammeContent& pc) {
    entry(w, plan_definition_url(c), [&](JsonWriter& wr) { plan_definition(wr, c, pc); });
    for (SessionType t : pc.types) entry(w, session_definition(t), [&](JsonWriter& wr) { session_definition_resource(wr, c, t); });
    for (const auto& m : pc.measures) entry(w, measure_definition(m), [&](JsonWriter& wr) { measure_definition_resource(wr, c, m); });
    for (ReturnLadder l : pc.ladders) entry(w, ladder_definition(l), [&](JsonWriter& wr) { ladder_definition_resource(wr, c, l); });
    for (const ExerciseDose* d : pc.exercises)
        entry(w, exercise_definition(d->id), [&](JsonWriter& wr) { exercise_definition_resource(wr, c, *d); });
}

}  // namespace rehabplan::detail::fhir
