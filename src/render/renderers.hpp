// Internal: one function per output format, each in its own render_<format>.cpp.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_writer.hpp"
#include "render/plan_view.hpp"
#include "core/plan.hpp"
#include "core/utf8.hpp"

namespace rehabplan::detail {

std::string render_text(const PlanView& view);
std::string render_markdown(const PlanView& view);
std::string render_html(const PlanView& view);
// The calendar also needs the plan itself: its UIDs are built from the plan's identity.
std::string render_ics(const PlanView& view, const Plan& plan);
// The FHIR R4 Bundle needs the plan's numbers (targets, intervals) and the rules in force
// (goals and citations) beside the view's text.
std::string render_fhir(const PlanView& view, const Plan& plan, const RuleSet& rules);
// The same Bundle streamed into `w` at its place (a batch record embeds it as "fhir").
void write_fhir_bundle(JsonWriter& w, const PlanView& view, const Plan& plan, const RuleSet& rules);
// render_ics.cpp: the plan's identity (patient ID, programme, start date) as the 16 hex
// digits of its FNV-1a hash: the calendar's UIDs and the FHIR identifiers start from it.
std::string plan_key(const Plan& plan);

// Shared with the progress report (render_progress*.cpp).
// render_text.cpp: padded to `w` characters (UTF-8 aware), left or right aligned; greedy
// word wrap to `w` characters, a word longer than a line cut.
std::string pad(std::string s, std::size_t w);
std::string rpad(const std::string& s, std::size_t w);
std::vector<std::string> wrap(const std::string& text, std::size_t w);
// The text printouts (plan and progress report) are 80 columns: text wrapped to them,
// `first` before its first line and `indent` before the others; a heading underlined
// with `rule` as long as its longest line.
constexpr std::size_t text_width = 80;
void paragraph(std::ostream& out, const std::string& text, const std::string& indent = "", const std::string& first = "");
void heading(std::ostream& out, const std::string& text, char rule);
// One finding for the therapist: "Warning [rule] where: message", hanging indent.
void finding_paragraph(std::ostream& out, const FindingView& f);
// render_html.cpp: HTML-escaped (content and attributes); text() also keeps number
// ranges and ISO dates on one line (content only).
std::string esc(const std::string& s);
std::string text(const std::string& s);
// The therapist's findings: the summary in bold, then a numbered list with each
// finding's severity, rule, place, message and citations.
void findings_html(std::ostream& out, const std::string& summary, const std::vector<FindingView>& findings);

}  // namespace rehabplan::detail
