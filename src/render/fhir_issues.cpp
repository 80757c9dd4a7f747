// The plan's review as DetectedIssues, one per finding.
#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

void detected_issue(JsonWriter& w, const Context& c, const Finding& f, const FindingView& fv) {
    w.begin_object();
    w.member("resourceType", "DetectedIssue");
    w.member("language", c.lang);
    const std::string where = fv.where.empty() ? "" : " (" + fv.where + ")";
    std::string detail = fv.message + where;
    if (!fv.citations.empty()) detail += "\n" + tr(c.lang, "fhir.sources", {arg("sources", join(fv.citations, "; "))});
    w.key("text");
    narrative(w, {fv.severity_label + " [" + fv.rule + "]", detail});
    w.member("status", "final");
    w.key("code");
    // A rule of the rule set is a code of the rule code system; anything else a plan's
    // review may name is text.
    const std::string text = fv.rule.empty() ? fv.severity_label : fv.rule;
    if (auto it = c.rules.rules.find(f.rule); it != c.rules.rules.end()) {
        w.begin_object().key("coding").begin_array();
        own_coding(w, "rule", f.rule, it->second.title.in(c.lang));
        w.end_array();
        put(w, "text", text);
        w.end_object();
    } else {
        text_only(w, "text", text);
    }
    w.member("severity", f.severity == Severity::error ? "high" : f.severity == Severity::warning ? "moderate" : "low");
    w.key("patient");
    subject_reference(w, c.subject);
    w.key("implicated").begin_array();
    reference(w, c.careplan_url, "CarePlan");
    w.end_array();
    put(w, "detail", detail);
    w.end_object();
}

}  // namespace rehabplan::detail::fhir
