// Internal: the resources of the FHIR export, one writer per file (render_fhir.cpp
// puts them in the Bundle): fhir_activities.cpp (sessions and measures as CarePlan
// activities with their Timing, a concussion return's steps), fhir_goals.cpp, fhir_issues.cpp (the review's findings),
// fhir_definitions.cpp (PlanDefinition and ActivityDefinitions), fhir_careplan.cpp.
// What a resource needs worked out before it is written (runs of sessions, measures'
// dates, goals, definitions) is in the plain structs below, not in json values.
#pragma once

#include <optional>
#include <string>
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
void session_activity(JsonWriter& w, const PlanView& view, const Run& r);
// A measure with every date it is taken on: one activity.
struct MeasureDates {
    std::string measure;
    std::string name;
    std::vector<std::string> dates;  // ISO, in order
};
std::vector<MeasureDates> measure_dates(const PlanView& view);
void measure_activity(JsonWriter& w, const MeasureDates& m);
// One activity per step of each ladder of a concussion return (plan.return_ladders): the
// return-step extension, scheduled from the step's date, or not-started behind its gates.
bool has_return_steps(const PlanView& view, const Plan& plan);
void return_step_activities(JsonWriter& w, const PlanView& view, const Plan& plan);
void session_code(JsonWriter& w, SessionType t, const std::string& kind, const std::string& text);
void measure_code(JsonWriter& w, const std::string& id, const std::string& name);

// ---- fhir_goals.cpp
// A Goal's target: a range of a goal's measure in data/fhir.json ("weekly_volume"), with a
// lower limit, an upper limit or both.
struct GoalTarget {
    const char* goal = "";
    std::optional<int> low, high;
    std::string unit;
    std::optional<Date> due;
};
struct Goal {
    std::string role;  // "Goal/weekly-volume": its fullUrl's name
    std::string description;
    std::vector<GoalTarget> targets;
    std::vector<std::string> notes;
};
// The plan's Goals: zone, weekly volume, strength days, steps.
std::vector<Goal> goals(const Context& c);
void goal_resource(JsonWriter& w, const Context& c, const Goal& g);

// ---- fhir_issues.cpp
// A finding of the plan's review as a DetectedIssue implicating the CarePlan.
void detected_issue(JsonWriter& w, const Context& c, const Finding& f, const FindingView& fv);

// ---- fhir_definitions.cpp
// The kinds of session and the measures a programme's template can put in a plan.
struct ProgrammeContent {
    std::vector<SessionType> types;
    std::vector<std::string> measures;
    std::vector<ReturnLadder> ladders;   // a concussion return's ladders (plan.return_ladders)
    std::vector<const ExerciseDose*> exercises;  // each exercise the sessions name, first seen first
};
ProgrammeContent template_content(const Plan& plan);
// The PlanDefinition's canonical URL (what the CarePlan instantiates).
std::string plan_definition_url(const Context& c);
// Bundle entries by canonical URL: the PlanDefinition first, then an ActivityDefinition per
// kind of session, per measure, per ladder of a concussion return and per exercise.
void definition_entries(JsonWriter& w, const Context& c, const ProgrammeContent& pc);

// ---- fhir_careplan.cpp
void careplan(JsonWriter& w, const Context& c, const std::vector<std::string>& goal_urls, const std::string& pd_url);

}  // namespace rehabplan::detail::fhir
