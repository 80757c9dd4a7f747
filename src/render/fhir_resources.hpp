// Internal: the resources of the FHIR export, one builder per file (render_fhir.cpp
// puts them in the Bundle): fhir_activities.cpp (sessions and measures as CarePlan
// activities with their Timing, a concussion return's steps), fhir_goals.cpp, fhir_issues.cpp (the review's findings),
// fhir_definitions.cpp (PlanDefinition and ActivityDefinitions), fhir_careplan.cpp.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "render/fhir_common.hpp"

namespace rehabplan::detail::fhir {

// ---- fhir_activities.cpp
// Sessions with the same content on the same weekdays in consecutive weeks: one activity.
struct Run {
    const SessionView* first = nullptr;   // the content (every session of the run has it)
    std::string key;
    int per_day = 1;                      // sessions of this content on each of its days
    std::vector<Weekday> days;            // Monday first
    Date from, to;                        // first and last session date
    int last_week = 0;
};
// Runs in the order they start (week, then first appearance in the week).
std::vector<Run> session_runs(const PlanView& view);
ojson session_activity(const PlanView& view, const Run& r);
// One activity per measure, with every date it is taken on.
std::vector<ojson> measure_activities(const PlanView& view, const Plan& plan);
// One activity per step of each ladder of a concussion return (plan.return_ladders): the
// return-step extension, scheduled from the step's date, or not-started behind its gates.
std::vector<ojson> return_step_activities(const PlanView& view, const Plan& plan);
ojson session_code(SessionType t, const std::string& kind, const std::string& text);
ojson measure_code(const std::string& id, const std::string& name);

// ---- fhir_goals.cpp
// The plan's Goals by role ("Goal/weekly-volume"): zone, weekly volume, strength days, steps.
std::vector<std::pair<std::string, ojson>> goals(const Context& c);

// ---- fhir_issues.cpp
// A finding of the plan's review as a DetectedIssue implicating the CarePlan.
ojson detected_issue(const Context& c, const Finding& f, const FindingView& fv);

// ---- fhir_definitions.cpp
// The kinds of session and the measures a programme's template can put in a plan.
struct ProgrammeContent {
    std::vector<SessionType> types;
    std::vector<std::string> measures;
    std::vector<ReturnLadder> ladders;   // a concussion return's ladders (plan.return_ladders)
    std::vector<const ExerciseDose*> exercises;  // each exercise the sessions name, first seen first
};
ProgrammeContent template_content(const Plan& plan);
// By canonical URL: the PlanDefinition first, then an ActivityDefinition per kind of
// session, per measure, per ladder of a concussion return and per exercise.
std::vector<std::pair<std::string, ojson>> definitions(const Context& c, const ProgrammeContent& pc);

// ---- fhir_careplan.cpp
ojson careplan(const Context& c, const std::vector<std::string>& goal_urls, const std::string& pd_url);

}  // namespace rehabplan::detail::fhir
