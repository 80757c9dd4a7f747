#include "render/fhir_common.hpp"

#include <algorithm>

#include "core/embedded_data.hpp"
#include "render/renderers.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan::detail::fhir {

const json& terms() {
    static const json t = json::parse(embedded::fhir_json());
    return t;
}

const std::string& base() {
    static const std::string b = terms().at("base").get<std::string>();  // in every URL: looked up once
    return b;
}

std::string system_url(const std::string& name) {
    const json& systems = terms().at("systems");
    if (systems.contains(name)) return systems.at(name).get<std::string>();
    std::string tail = name;
    std::replace(tail.begin(), tail.end(), '_', '-');
    return base() + "/CodeSystem/" + tail;
}

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

void put(JsonWriter& w, const char* key, const std::string& value) {
    const std::string t = trimmed(value);
    if (!t.empty()) w.member(key, t);
}

void text_only(JsonWriter& w, const char* key, const std::string& value) {
    const std::string t = trimmed(value);
    if (t.empty()) {
        w.null();
        return;
    }
    w.begin_object().member(key, t).end_object();
}

std::string fhir_id(std::string s) {
    std::replace(s.begin(), s.end(), '_', '-');
    return s.substr(0, 64);
}

std::string computable_name(const std::string& prefix, const std::string& id) {
    std::string out = prefix;
    bool up = true;
    for (const char c : id) {
        if (c == '_' || c == '-') {
            up = true;
            continue;
        }
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) continue;
        out += up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        up = false;
    }
    if (out.empty() || out[0] < 'A' || out[0] > 'Z') out = "P" + out;
    return out;
}

void coding(JsonWriter& w, const json& c) {
    w.begin_object();
    w.member("system", system_url(c.at("system").get<std::string>()));
    w.member("code", c.at("code").get<std::string>());
    w.member("display", c.at("display").get<std::string>());
    w.end_object();
}

void own_coding(JsonWriter& w, const char* system, const std::string& code, const std::string& display) {
    w.begin_object().member("system", system_url(system)).member("code", code);
    put(w, "display", display);
    w.end_object();
}

void concept_of(JsonWriter& w, const json& c) {
    w.begin_object().key("coding").begin_array();
    coding(w, c);
    w.end_array().end_object();
}

void quantity(JsonWriter& w, int value, const std::string& ucum_code, const std::string& unit) {
    w.begin_object().member("value", value).member("unit", unit).member("system", system_url("ucum")).member("code", ucum_code);
    w.end_object();
}

void range(JsonWriter& w, const Range& r, const std::string& ucum_code, const std::string& unit) {
    w.begin_object().key("low");
    quantity(w, r.low, ucum_code, unit);
    w.key("high");
    quantity(w, r.high, ucum_code, unit);
    w.end_object();
}

void narrative(JsonWriter& w, const std::vector<std::string>& paragraphs) {
    std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";
    for (const auto& p : paragraphs) {
        const std::string t = trimmed(p);
        if (t.empty()) continue;
        const std::string e = esc(t);
        div += "<p>";
        std::size_t from = 0;
        for (std::size_t i = e.find('\n'); i != std::string::npos; i = e.find('\n', from)) {
            div.append(e, from, i - from).append("<br/>");
            from = i + 1;
        }
        div.append(e, from, std::string::npos).append("</p>");
    }
    div += "</div>";
    w.begin_object().member("status", "generated").member("div", div).end_object();
}

std::string canonical(const std::string& type, const std::string& id) { return base() + "/" + type + "/" + id; }
std::string versioned(const std::string& url) { return url + "|" + definition_version; }
std::string extension_url(const char* name) { return base() + "/StructureDefinition/" + name; }
std::string session_definition(SessionType t) { return canonical("ActivityDefinition", fhir_id(std::string("session-") + to_string(t))); }
std::string measure_definition(const std::string& m) { return canonical("ActivityDefinition", fhir_id("measure-" + m)); }
std::string exercise_definition(const std::string& id) { return canonical("ActivityDefinition", fhir_id("exercise-" + id)); }
std::string ladder_definition(ReturnLadder l) { return canonical("ActivityDefinition", fhir_id(std::string("return-") + to_string(l))); }

Subject subject_of(const PlanView& view, const Plan& plan) {
    Subject s;
    if (plan.patient && !trimmed(plan.patient->id).empty()) {
        s.has_identifier = true;
        s.identifier = trimmed(clean(plan.patient->id));
    }
    s.display = trimmed(!view.who.empty() ? view.who.front() : tr(view.lang, "fhir.patient_unnamed"));
    return s;
}

void subject_reference(JsonWriter& w, const Subject& s) {
    // Without members the Reference is null, as it always was.
    if (!s.has_identifier && s.display.empty()) {
        w.null();
        return;
    }
    w.begin_object();
    if (s.has_identifier) {
        w.key("identifier");
        text_only(w, "value", s.identifier);
    }
    put(w, "display", s.display);
    w.end_object();
}

void reference(JsonWriter& w, const std::string& url, const char* type) {
    w.begin_object().member("reference", url).member("type", type).end_object();
}

void note(JsonWriter& w, const std::string& text) { w.begin_object().member("text", trimmed(text)).end_object(); }

const char* plan_status(const Plan& plan) {
    // plan.paused; a plan paused before it was a property is known by its findings.
    const bool paused = plan.paused || std::any_of(plan.findings.begin(), plan.findings.end(),
                                    [](const Finding& f) { return f.rule == "progress.stop_signal"; });
    return paused ? "on-hold" : "active";
}

std::string sources_note(const Context& c, const std::string& rule) {
    const std::vector<std::string> cited = c.er.citation_texts(rule);
    return tr(c.lang, "fhir.rule_sources", {arg("rule", rule), arg("sources", join(cited, "; "))});
}

void related_citations(JsonWriter& w, const std::vector<std::string>& citations) {
    w.begin_array();
    for (const auto& text : citations) w.begin_object().member("type", "citation").member("citation", text).end_object();
    w.end_array();
}

}  // namespace rehabplan::detail::fhir
