// Internal: a progress report laid out for print in one language. The text and HTML
// renderers format this one view, so they say the same thing; the JSON document is
// written from the report itself (progress_json.cpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "render/plan_view.hpp"
#include "followup/progress.hpp"

namespace rehabplan::detail {

struct ProgressWeekView {
    const WeekProgress* week = nullptr;   // the numbers, for the charts
    int number = 0;
    bool complete = true;
    std::string heading;                  // "Week 3"
    std::string dates;                    // "7 Dec-13 Dec"
    std::string dates_long;               // "7 December 2026 to 13 December 2026"
    // Table cells; "-" where nothing was logged or nothing can be computed.
    std::string sessions;                 // "3/4": completed/planned
    std::string minutes;                  // "120/160": done/planned
    std::string adherence;                // "75 %"
    std::string in_zone;                  // "90/120": in zone/with a heart rate
    std::string rpe;                      // "13.5" ("13,5" in Dutch)
    std::string symptoms;                 // "2/-/0": pain/dizziness/headache
    std::string load;                     // "1560"
    std::string decision;                 // "hold"
    std::string decision_line;            // "Decision: hold (progress.adherence). <reason>"
    std::string reason;
    std::string rule;
    std::vector<std::string> notes;       // extra sessions, sessions not completed, stop signals, SCAT, exposure
    // The load table.
    std::string load_rated;               // sessions with an RPE
    std::string monotony, strain, acwr;
    // The sleep and stress table (progress.recovery); "-" where the week logged none.
    std::string days_logged;              // days with any of sleep hours, quality or stress
    std::string sleep;                    // "6.8" mean hours a night
    std::string poor;                     // "3/5": poor nights/nights rated
    std::string stress;                   // "4.3" mean 0-10
};

struct ProgressExposureView {
    std::string title;
    std::vector<std::string> lines;
};

struct ProgressView {
    std::string lang;
    std::string title;
    std::string programme;                // "Programme: ..."; "" when the report names none
    std::string report_date;              // "Report date: Monday 21 December 2026"
    std::string period;                   // "Weeks 1-4 of the plan: ..." or "No week ... yet"

    std::string next_title;               // "Decision for the coming weeks"
    std::string next_decision;            // "hold"
    Decision next = Decision::advance;
    std::string next_rule;                // "Rule: Dose done before it rises (progress.adherence)"; ""
    std::string next_from;                // "Applies from Monday 21 December 2026."
    std::string next_reason;
    std::string stop_signal;              // "First stop signal logged on ..."; ""

    std::string weeks_title;
    std::string columns[10];              // week, dates, sessions, minutes, % done, in zone, RPE, symptoms, load, decision
    std::string legend;
    std::string running;                  // "*: week still running, counted so far."; "" when every week is complete
    std::string running_short;            // "still running"
    std::vector<ProgressWeekView> weeks;

    std::optional<ProgressExposureView> exposure;

    // Double progression per chain of exercises (exercise.progression); none without
    // per-exercise entries in the log.
    struct ExerciseLine {
        std::string line;                 // "Up: Sit to stand: every set ..."
        std::string evidence;             // "Logged sessions: 2026-11-23, 2026-11-25."
        ExerciseStep step = ExerciseStep::hold;
    };
    std::string exercises_title;
    std::vector<ExerciseLine> exercises;

    // Sleep and stress from the log's days (progress.recovery); shown only when some
    // week has logged days.
    bool has_recovery = false;
    std::string recovery_title;
    std::string recovery_columns[5];      // week, days, sleep (h), poor nights, stress
    std::string recovery_note;            // what the columns mean, the limits and what they do

    std::string load_title;
    std::string load_columns[6];          // week, load, sessions with RPE, monotony, strain, ACWR
    std::string load_note;
    std::string load_caveat;              // load.monitoring's explanation

    std::string findings_title;
    std::string findings_summary;         // "Errors: 0. Warnings: 2. Remarks: 1."
    std::string findings_none;
    std::vector<FindingView> findings;

    // Charts (HTML).
    std::string no_weeks;                 // "No weeks to show yet."
    std::string chart_week;               // axis label "week"
    std::string minutes_title, minutes_axis, minutes_planned, minutes_done, minutes_caption;
    std::vector<std::string> minutes_desc;   // one sentence per week
    std::string rpe_title, rpe_axis, rpe_limit_label, rpe_caption;
    std::optional<int> rpe_limit;         // progress.effort's max_mean_rpe
    std::vector<std::string> rpe_desc;
    std::string symptoms_title, symptoms_axis, symptom_names[3], symptoms_caption;
    std::vector<std::string> symptoms_desc;
    bool has_score = false;               // a concussion symptom score in some week
    std::string score_title, score_axis, score_caption;
    std::vector<std::string> score_desc;
    std::string sleep_title, sleep_axis, sleep_limit_label, sleep_caption;
    std::optional<int> sleep_limit;       // progress.recovery's min_mean_sleep_hours in force
    std::vector<std::string> sleep_desc;
    std::string stress_title, stress_axis, stress_limit_label, stress_caption;
    std::optional<int> stress_limit;      // progress.recovery's max_mean_stress in force
    std::vector<std::string> stress_desc;
};

// "en" or "nl"; the caller has checked lang.
ProgressView make_progress_view(const ProgressReport& report, const std::string& lang);

// A double for print: rounded to `decimals` (0-2) places, with the language's decimal
// separator, without the host's locale. Callers pass finite values only.
std::string decimal(double v, int decimals, const std::string& lang);

std::string render_progress_text(const ProgressView& view);
std::string render_progress_html(const ProgressView& view);
std::string progress_json(const ProgressReport& report);

}  // namespace rehabplan::detail
