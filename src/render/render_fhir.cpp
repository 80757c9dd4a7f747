// The plan as an HL7 FHIR R4 Bundle for clinic systems (schema/fhir/README.md has the
// mapping element by element, with the extensions and code systems it uses).
//
// - A Bundle of type "collection": the CarePlan (with the patient's conditions contained),
//   its Goals (heart-rate zone or Borg effort, weekly minutes, strength days, daily steps),
//   a DetectedIssue per finding of the plan's review, the programme as a PlanDefinition and
//   an ActivityDefinition per kind of session and per outcome measure.
// - Sessions become CarePlan activities: consecutive weeks with the same session on the
//   same weekdays are one activity whose Timing repeats (boundsPeriod from its first to its
//   last date, frequency per week, dayOfWeek, duration in minutes), so expanding every
//   Timing gives back exactly the plan's dated sessions. Measurements are activities with
//   Timing.event dates. After a concussion each step of each return ladder is an activity
//   with the return-step extension (ladder, step, gates): scheduled from its date, or
//   not-started while a gate is not met.
// - No standard element holds a session's heart-rate target: the extension
//   <base>/StructureDefinition/exercise-intensity does (with hiit-intervals,
//   concussion-step and concussion-stage beside it); the plan's zone is also a Goal with
//   the LOINC heart-rate code. Stop signals are CarePlan extensions (coded) and the first CarePlan note (the
//   patient's text). Citations are relatedArtifact of the PlanDefinition (the programme's)
//   and of each ActivityDefinition (the rules that dose that kind of session), and notes of
//   the Goals (the rules in force for this patient, condition profiles included).
// - Deterministic: fullUrls are name-based UUIDs (version 5) of the plan's identity (as
//   the calendar's UIDs) and the resource's role, so the same plan gives the same bundle
//   in either language, and a revised plan keeps its resources' identities. Canonical
//   versions are the library's major.minor, as the calendar's PRODID. Nothing reads the
//   clock: no Bundle.timestamp, no dates but the plan's.
// - Every code and code system is in data/fhir.json, never in this file.
// - This file assembles the Bundle; each resource has its own fhir_*.cpp writer
//   (fhir_resources.hpp lists them) and fhir_common.hpp holds what they share. The Bundle
//   is streamed into a JsonWriter, never built as a json value (issue 21).
#include <string>
#include <vector>

#include "render/fhir_resources.hpp"
#include "render/renderers.hpp"

namespace rehabplan::detail {

void write_fhir_bundle(JsonWriter& w, const PlanView& view, const Plan& plan, const RuleSet& rules) {
    using namespace fhir;
    const std::string key = plan_key(plan);
    Context c{view, plan, rules, EffectiveRules(rules, rules_patient(plan)), Uuids(key), key, "", subject_of(view, plan), view.lang};
    c.careplan_url = c.ids.urn("CarePlan");

    const ProgrammeContent content = template_content(plan);
    const std::vector<Goal> gs = goals(c);
    std::vector<std::string> goal_urls;
    for (const Goal& g : gs) goal_urls.push_back(c.ids.urn(g.role));

    w.begin_object();
    w.member("resourceType", "Bundle");
    w.member("id", key);
    w.member("language", view.lang);
    w.key("identifier").begin_object().member("system", base() + "/plan-id").member("value", key).end_object();
    w.member("type", "collection");
    w.key("entry").begin_array();
    entry(w, c.careplan_url, [&](JsonWriter& wr) { careplan(wr, c, goal_urls, plan_definition_url(c)); });
    for (std::size_t i = 0; i < gs.size(); ++i) entry(w, goal_urls[i], [&](JsonWriter& wr) { goal_resource(wr, c, gs[i]); });
    for (std::size_t i = 0; i < plan.findings.size() && i < view.findings.size(); ++i)
        entry(w, c.ids.urn("DetectedIssue/" + std::to_string(i + 1)),
              [&](JsonWriter& wr) { detected_issue(wr, c, plan.findings[i], view.findings[i]); });
    definition_entries(w, c, content);
    w.end_array();
    w.end_object();
}

std::string render_fhir(const PlanView& view, const Plan& plan, const RuleSet& rules) {
    std::string out;
    JsonWriter w(out, 2);
    write_fhir_bundle(w, view, plan, rules);
    out += '\n';
    return out;
}

}  // namespace rehabplan::detail
