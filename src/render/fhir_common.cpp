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

std::string base() { return terms().at("base").get<std::string>(); }

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

void put(ojson& o, const char* key, const std::string& value) {
    const std::string t = trimmed(value);
    if (!t.empty()) o[key] = t;
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

ojson coding(const json& c) {
    ojson o;
    o["system"] = system_url(c.at("system").get<std::string>());
    o["code"] = c.at("code").get<std::string>();
    o["display"] = c.at("display").get<std::string>();
    return o;
}

ojson own_coding(const char* system, const std::string& code, const std::string& display) {
    ojson o;
    o["system"] = system_url(system);
    o["code"] = code;
    put(o, "display", display);
    return o;
}

ojson quantity(int value, const std::string& ucum_code, const std::string& unit) {
    ojson q;
    q["value"] = value;
    q["unit"] = unit;
    q["system"] = system_url("ucum");
    q["code"] = ucum_code;
    return q;
}

ojson range(const Range& r, const std::string& ucum_code, const std::string& unit) {
    return ojson{{"low", quantity(r.low, ucum_code, unit)}, {"high", quantity(r.high, ucum_code, unit)}};
}

ojson narrative(const std::vector<std::string>& paragraphs) {
    std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";
    for (const auto& p : paragraphs) {
        if (trimmed(p).empty()) continue;
        std::string e = esc(trimmed(p));
        for (std::size_t i = e.find('\n'); i != std::string::npos; i = e.find('\n', i)) e.replace(i, 1, "<br/>");
        div += "<p>" + e + "</p>";
    }
    div += "</div>";
    return ojson{{"status", "generated"}, {"div", div}};
}

std::string canonical(const std::string& type, const std::string& id) { return base() + "/" + type + "/" + id; }
std::string versioned(const std::string& url) { return url + "|" + definition_version; }
std::string extension_url(const char* name) { return base() + "/StructureDefinition/" + name; }
std::string session_definition(SessionType t) { return canonical("ActivityDefinition", fhir_id(std::string("session-") + to_string(t))); }
std::string measure_definition(const std::string& m) { return canonical("ActivityDefinition", fhir_id("measure-" + m)); }
std::string exercise_definition(const std::string& id) { return canonical("ActivityDefinition", fhir_id("exercise-" + id)); }
std::string ladder_definition(ReturnLadder l) { return canonical("ActivityDefinition", fhir_id(std::string("return-") + to_string(l))); }

ojson subject_reference(const PlanView& view, const Plan& plan) {
    ojson ref;
    if (plan.patient && !trimmed(plan.patient->id).empty()) {
        ojson identifier;
        put(identifier, "value", clean(plan.patient->id));
        ref["identifier"] = identifier;
    }
    put(ref, "display", !view.who.empty() ? view.who.front() : tr(view.lang, "fhir.patient_unnamed"));
    return ref;
}

ojson reference(const std::string& url, const char* type) { return ojson{{"reference", url}, {"type", type}}; }

ojson note(const std::string& text) { return ojson{{"text", trimmed(text)}}; }

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

ojson related_citations(const std::vector<std::string>& citations) {
    ojson out = ojson::array();
    for (const auto& text : citations) out.push_back(ojson{{"type", "citation"}, {"citation", text}});
    return out;
}

}  // namespace rehabplan::detail::fhir
