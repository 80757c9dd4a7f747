// Internal: the document readers on an already parsed JSON value, for documents that
// arrive inside another one (a batch line holds a patient and a request or a plan). They
// throw InputError with the JSON Pointer relative to the document's own root, which the
// caller prefixes with the document's place ("/patient" + "/age"); the public parse_*
// functions are these readers behind parse_document() and guarded().
#pragma once

#include "core/json_reader.hpp"
#include "planning/generator.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"

namespace rehabplan::detail {

Patient patient_from_json(const json& doc);
Plan plan_from_json(const json& doc);
PlanRequest request_from_json(const json& doc);
// A recorded medical clearance {level, date, by}, as patient and plan documents hold it.
Clearance clearance_from_json(const json& v, const std::string& path);

}  // namespace rehabplan::detail
