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
// - This file assembles the Bundle; each resource has its own fhir_*.cpp builder
//   (fhir_resources.hpp lists them) and fhir_common.hpp holds what they share.
#include <string>
#include <vector>

#include "render/fhir_resources.hpp"
#include "render/renderers.hpp"

namespace rehabplan::detail {

namespace {

using namespace fhir;

ojson entry(const std::string& full_url, ojson resource) { return ojson{{"fullUrl", full_url}, {"resource", std::move(resource)}}; }

}  // namespace

nlohmann::ordered_json fhir_bundle(const PlanView& view, const Plan& plan, const RuleSet& rules) {
    const std::string key = plan_key(plan);
    Context c{view, plan, rules, EffectiveRules(rules, rules_patient(plan)), Uuids(key), key, "", {}, view.lang};
    c.careplan_url = c.ids.urn("CarePlan");
    c.subject = subject_reference(view, plan);

    const ProgrammeContent content = template_content(plan);
    const auto defs = definitions(c, content);
    const auto gs = goals(c);
    std::vector<std::string> goal_urls;
    for (const auto& g : gs) goal_urls.push_back(c.ids.urn(g.first));

    ojson entries = ojson::array();
    entries.push_back(entry(c.careplan_url, careplan(c, goal_urls, defs.front().first)));
    for (std::size_t i = 0; i < gs.size(); ++i) entries.push_back(entry(goal_urls[i], gs[i].second));
    for (std::size_t i = 0; i < plan.findings.size() && i < view.findings.size(); ++i)
        entries.push_back(entry(c.ids.urn("DetectedIssue/" + std::to_string(i + 1)), detected_issue(c, plan.findings[i], view.findings[i])));
    for (const auto& [url, resource] : defs) entries.push_back(entry(url, resource));

    ojson bundle;
    bundle["resourceType"] = "Bundle";
    bundle["id"] = key;
    bundle["language"] = view.lang;
    bundle["identifier"] = ojson{{"system", base() + "/plan-id"}, {"value", key}};
    bundle["type"] = "collection";
    bundle["entry"] = entries;
    return bundle;
}

std::string render_fhir(const PlanView& view, const Plan& plan, const RuleSet& rules) {
    return fhir_bundle(view, plan, rules).dump(2) + "\n";
}

}  // namespace rehabplan::detail
