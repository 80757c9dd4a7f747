// The plan's review as DetectedIssues, one per finding.
#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

ojson detected_issue(const Context& c, const Finding& f, const FindingView& fv) {
    ojson d;
    d["resourceType"] = "DetectedIssue";
    d["language"] = c.lang;
    const std::string where = fv.where.empty() ? "" : " (" + fv.where + ")";
    std::string detail = fv.message + where;
    if (!fv.citations.empty()) detail += "\n" + tr(c.lang, "fhir.sources", {arg("sources", join(fv.citations, "; "))});
    d["text"] = narrative({fv.severity_label + " [" + fv.rule + "]", detail});
    d["status"] = "final";
    ojson code;
    // A rule of the rule set is a code of the rule code system; anything else a plan's
    // review may name is text.
    if (auto it = c.rules.rules.find(f.rule); it != c.rules.rules.end())
        code["coding"] = ojson::array({own_coding("rule", f.rule, it->second.title.in(c.lang))});
    put(code, "text", fv.rule.empty() ? fv.severity_label : fv.rule);
    d["code"] = code;
    d["severity"] = f.severity == Severity::error ? "high" : f.severity == Severity::warning ? "moderate" : "low";
    d["patient"] = c.subject;
    d["implicated"] = ojson::array({reference(c.careplan_url, "CarePlan")});
    put(d, "detail", detail);
    return d;
}

}  // namespace rehabplan::detail::fhir
