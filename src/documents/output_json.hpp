// Internal: JSON writers shared by the documents (output_json.cpp), so a finding reads
// the same in the findings document, a plan, a batch record and a progress report, and
// symptoms the same in a session log and a progress report. They stream into a
// JsonWriter (issue 21: no json values built to be dumped).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/finding.hpp"
#include "core/json_writer.hpp"
#include "core/plan.hpp"
#include "followup/session_log.hpp"

namespace rehabplan::detail {

// The plan and findings documents, each one JSON object at the writer's place (to_json()
// writes them indented; a batch record embeds them compact).
void write_plan(JsonWriter& w, const Plan& plan);
void write_findings(JsonWriter& w, const std::vector<Finding>& findings);
// The findings document's "summary" and "findings" members, into an open object (the
// progress report has them too).
void write_finding_members(JsonWriter& w, const std::vector<Finding>& findings);
// One finding as schema/findings.schema.json's $defs/finding describes it.
void write_finding(JsonWriter& w, const Finding& f);
// Symptom ratings as the session log and the progress report write them: the ratings
// given, in a fixed order (an empty object when none is).
void write_symptoms(JsonWriter& w, const Symptoms& s);
// A text in both languages: {"en": ..., "nl": ...}.
void write_text(JsonWriter& w, const Text& t);

// Guesses of the documents' length, indented by 2 or compact (indent < 0), a little above
// what generated plans measure, so a string reserved for one does not grow.
std::size_t plan_size(const Plan& plan, int indent);
std::size_t findings_size(const std::vector<Finding>& findings);

// A document as the library returns it: indented by 2, ending in a line break. `size` is a
// guess of its length, which spares the string its regrowth.
template <class Write>
std::string json_document(std::size_t size, Write&& write,
                          JsonWriter::Utf8Errors errors = JsonWriter::Utf8Errors::strict) {
    std::string out;
    out.reserve(size);
    JsonWriter w(out, 2, errors);
    std::forward<Write>(write)(w);
    out += '\n';
    return out;
}

}  // namespace rehabplan::detail
