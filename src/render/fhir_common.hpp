// Internal: what every part of the FHIR export shares (render_fhir.cpp streams the
// Bundle; fhir_*.cpp stream its resources): codes and code systems from data/fhir.json,
// canonical URLs, name-based UUIDs, small FHIR data types and the export's context.
// Everything is written straight into a JsonWriter: no json value is built for the Bundle
// (issue 21); only data/fhir.json, read once, is a json value.
#pragma once

#include <string>
#include <vector>

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <nlohmann/json.hpp>

#include "core/json_writer.hpp"
#include "core/plan.hpp"
#include "render/plan_view.hpp"
#include "rehabplan/version.h"
#include "rules/rules.hpp"

namespace rehabplan::detail::fhir {

using json = nlohmann::json;

#define REHABPLAN_FHIR_STR2(x) #x
#define REHABPLAN_FHIR_STR(x) REHABPLAN_FHIR_STR2(x)
// Canonical versions are the library's major.minor (as the calendar's PRODID).
inline constexpr const char* definition_version =
    REHABPLAN_FHIR_STR(REHABPLAN_VERSION_MAJOR) "." REHABPLAN_FHIR_STR(REHABPLAN_VERSION_MINOR);
#undef REHABPLAN_FHIR_STR
#undef REHABPLAN_FHIR_STR2

// data/fhir.json: every code and code system the export uses.
const json& terms();
// The project's base URL for its canonical resources, extensions and code systems.
const std::string& base();
// A code system named in data/fhir.json: a standard one from "systems", else the
// project's own under <base>/CodeSystem/ ("session_type" -> .../CodeSystem/session-type).
std::string system_url(const std::string& name);
// FHIR strings must have content; free text is trimmed of surrounding white space.
std::string trimmed(const std::string& s);
// The member `key`: the trimmed value, left out when nothing remains.
void put(JsonWriter& w, const char* key, const std::string& value);
// An object whose only member is put(w, key, value): null when that is left out (as the
// json value the export was once built from, which stayed null without members).
void text_only(JsonWriter& w, const char* key, const std::string& value);
// A FHIR id ([A-Za-z0-9\-.]{1,64}) from a library identifier ("neurorc_intensive").
std::string fhir_id(std::string s);
// A computable name ([A-Z][A-Za-z0-9_]*): "neurorc_intensive" -> "NeurorcIntensive".
std::string computable_name(const std::string& prefix, const std::string& id);
void coding(JsonWriter& w, const json& c);
void own_coding(JsonWriter& w, const char* system, const std::string& code, const std::string& display);
// {"coding": [coding(c)]}: a CodeableConcept of one standard code.
void concept_of(JsonWriter& w, const json& c);
void quantity(JsonWriter& w, int value, const std::string& ucum_code, const std::string& unit);
void range(JsonWriter& w, const Range& r, const std::string& ucum_code, const std::string& unit);
// Generated narrative: a div of paragraphs, escaped, line breaks kept (FHIR's XHTML subset).
void narrative(JsonWriter& w, const std::vector<std::string>& paragraphs);

// A Bundle entry: {"fullUrl": url, "resource": <what write_resource(w) writes>}.
template <class F>
void entry(JsonWriter& w, const std::string& full_url, F&& write_resource) {
    w.begin_object().member("fullUrl", full_url).key("resource");
    write_resource(w);
    w.end_object();
}

// Name-based UUIDs (RFC 4122 version 5) in the project's namespace.
class Uuids {
public:
    explicit Uuids(const std::string& plan_key)
        : gen_(boost::uuids::name_generator_sha1(boost::uuids::ns::url())(base())), key_(plan_key) {}
    std::string urn(const std::string& role) const { return "urn:uuid:" + boost::uuids::to_string(gen_(key_ + "/" + role)); }

private:
    boost::uuids::name_generator_sha1 gen_;
    std::string key_;
};

// <base>/<type>/<id>, and the same with the definition version (url|major.minor).
std::string canonical(const std::string& type, const std::string& id);
std::string versioned(const std::string& url);
std::string extension_url(const char* name);
std::string session_definition(SessionType t);
std::string measure_definition(const std::string& m);
// A concussion return's ladder (…/ActivityDefinition/return-sport): what its step activities instantiate.
std::string ladder_definition(ReturnLadder l);
// A library exercise (…/ActivityDefinition/exercise-sit-to-stand): what a session's activity
// instantiates beside its kind of session.
std::string exercise_definition(const std::string& id);

// The patient as a Reference: the clinic's ID as identifier, the printed line as display.
// Worked out once, written into every resource that names the patient.
struct Subject {
    bool has_identifier = false;
    std::string identifier;  // trimmed; identifier.value left out when empty
    std::string display;     // trimmed; left out when empty
};
Subject subject_of(const PlanView& view, const Plan& plan);
void subject_reference(JsonWriter& w, const Subject& s);

// What every resource builder needs: the view (text in one language), the plan (numbers),
// the rules in force and the plan's identities.
struct Context {
    const PlanView& view;
    const Plan& plan;
    const RuleSet& rules;
    EffectiveRules er;
    Uuids ids;
    std::string key;
    std::string careplan_url;
    Subject subject;
    std::string lang;
};

// Reference.type says what a urn:uuid or #id points at (a validator cannot tell from it).
void reference(JsonWriter& w, const std::string& url, const char* type);
void note(JsonWriter& w, const std::string& text);
// A plan replan() paused after a stop signal (its review has the progress.stop_signal
// finding) is on hold until a clinician has seen the patient; otherwise it is in force.
const char* plan_status(const Plan& plan);
// "Rule week.volume: <sources>" for the rule's citations in force for this patient.
std::string sources_note(const Context& c, const std::string& rule);
// Citations as relatedArtifact entries.
void related_citations(JsonWriter& w, const std::vector<std::string>& citations);

}  // namespace rehabplan::detail::fhir
