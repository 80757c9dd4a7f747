// Printable plans: one plan document, rendered for the patient in English or Dutch as
// an A4 HTML page, 80-column text, Markdown, an iCalendar file or the plan's JSON; and for
// clinic systems as an HL7 FHIR R4 Bundle (CarePlan, Goals, PlanDefinition, ...).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/plan.hpp"
#include "core/result.hpp"
#include "followup/progress.hpp"
#include "rules/rules.hpp"

namespace rehabplan {

enum class Format { text, markdown, html, ics, json, fhir };

const char* to_string(Format f);                    // "text", "markdown", "html", "ics", "json", "fhir"
std::optional<Format> parse_format(std::string_view name);
// parse_format() with an invalid_argument error that names the value and the choices.
Result<Format> format_named(std::string_view name);

// Renders `plan` in `lang` ("en" or "nl"; "" = the plan's own language, else English).
// Every label, weekday, month, unit, stop signal and measure comes from the catalogs in
// data/; titles, notes and instructions the generator wrote are translated when the
// plan is in the other language, and text a therapist typed is shown as written.
// `rules` supplies the weekly targets drawn in the chart (the clinic's rules, if any).
// Deterministic: the same plan gives the same bytes. Errors: invalid_argument for an
// unknown language.
Result<std::string> render(const Plan& plan, Format format, std::string_view lang = "",
                           const RuleSet& rules = builtin_rules());

// The report as a document: json (schema/progress.schema.json), text (80 columns) or
// html (A4, inline SVG charts of planned vs done minutes, RPE and symptoms per week),
// in `lang` ("en", "nl"; "" = the plan's language, else English). Other formats:
// invalid_argument.
Result<std::string> render_progress(const ProgressReport& report, Format format, std::string_view lang = "");

}  // namespace rehabplan
