// Internal: a plan laid out for print in one language. Every renderer (text, Markdown,
// HTML, calendar) formats this one view, so they all say the same thing.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/messages.hpp"
#include "core/finding.hpp"
#include "core/plan.hpp"
#include "rules/rules.hpp"

namespace rehabplan::detail {

struct BlockView {
    BlockKind kind = BlockKind::main;
    std::string label;            // "Warm-up"
    int minutes = 0;
    std::string text;             // what to do, in the view's language when translatable
    bool text_names_kind = false; // the text opens with the label ("Warm-up: start easy"): don't repeat it
};

// One named exercise of a session (SessionPlan::exercises) as printed: the name in the
// view's language from the rules' library (the stored name for an ID the library lacks)
// and the dose of this session.
struct ExerciseItemView {
    std::string id;
    std::string name;             // "Sit to stand"
    std::string dose;             // "2 x 12 repetitions, rest 60 s, effort 12-13 (Borg)"
    std::string extra;            // "1 extra set with your left side"; ""
    std::string line;             // "Sit to stand: 2 x 12 repetitions, ...; 1 extra set ..." (calendar, lists)
};

struct SessionView {
    std::size_t index = 0;        // position in plan.sessions
    const SessionPlan* session = nullptr;
    std::string title;
    std::string kind;             // "Endurance", from the session type
    std::string minutes;          // "30 min"
    std::string target;           // "89-128 bpm", "effort 11-14 (Borg)"; "" without a target
    std::string intensity_class;  // "moderate"; "" without intensity
    std::string hiit;             // the intervals written out; "" unless HIIT
    std::string hiit_short;       // "10 x 30 s hard / 30 s easy"
    std::string step;             // concussion return step; ""
    std::string supervised;       // "Supervised clinic week" (SessionPlan::supervised); ""
    std::string bouts;            // "In short bouts: 3 min, 2 min rest, 3 min" (rest blocks); ""
    std::vector<BlockView> blocks;
    std::string note;             // what the note adds beyond the target and intervals
    bool own_note = false;        // the note differs from the one under "how to do each session"
    std::string stand;            // balance work: where to stand ("next to a kitchen counter ..."); ""
    std::size_t stand_at = 0;     // printed before blocks[stand_at] (the balance work)
    std::vector<ExerciseItemView> exercises;  // the session's named exercises, in order
    std::string exercise_names;   // "Exercises: Sit to stand, Wall push-up" (the daily table); ""
    std::string window;           // a skill session in a priming window: "In the learning window after ..."; ""
};

// An exercise's card, printed once per kind of session: what to do, how much, what to
// take care of, and its picture (HTML only).
struct ExerciseCardView {
    std::string id;
    std::string name;
    std::string level;            // "level 2 of 4"; "" for an ID the library lacks
    std::vector<std::string> instructions;   // the library's lines; empty for an unknown ID
    std::vector<std::string> doses;          // one dose, or "From week 3: ..." a line per change
    std::vector<std::pair<int, std::string>> dose_changes;  // (plan week, dose) where the dose changes
    std::vector<std::string> precautions;    // the precautions' texts
    std::string task;             // dual task: "Thinking task: ..."; ""
    std::string video;            // "Video: https://..."; ""
    std::string video_url;        // the link itself; ""
    std::string svg;              // exercise_svg(); "" for an unknown ID
};

// One kind of session, explained once: the instructions of the first session with this
// title (later weeks change the minutes, not what to do).
struct ExerciseView {
    std::string title;
    std::string kind;
    std::vector<std::string> steps;  // what to do, block by block
    std::string hiit;             // the intervals written out; ""
    std::string note;
    SessionType type = SessionType::aerobic;
    std::string cards_title;      // "Strength: your exercises"; "" without cards
    std::vector<ExerciseCardView> cards;     // every exercise sessions of this title name, first seen first
};

struct DayView {
    Date date;
    std::string label;            // "Mon 23 Nov"
    std::string long_label;       // "Monday 23 November 2026"
    std::vector<SessionView> sessions;   // empty: a rest day
    std::string treatment;        // a day a priming treatment keeps free: "esketamine: no training"; ""
    std::string rest_note;        // a rest day's offer ("If you like: ..."; rest_day_note()); "" otherwise
};

struct WeekView {
    int number = 0;               // 1-based plan week
    Date from, to;
    std::string heading;          // "Week 1"
    std::string dates;            // "23 November 2026 to 29 November 2026"
    std::vector<DayView> days;    // the week's 7 days
    int minutes = 0;              // minutes of exercise: every session but relaxation (rest) and education
    int volume_minutes = 0;       // moderate-equivalent, as week.volume counts them
    int training_days = 0;
    std::string total;            // "This week: 140 minutes of exercise on 4 days."
    std::string steps;            // "Steps a day this week: at least 3000." ("" without daily_steps_weeks)
};

struct FindingView {
    Severity severity = Severity::info;
    std::string severity_label;   // "Warning"
    std::string rule;
    std::string message;
    std::string where;            // "week 2026-W49, at /sessions/3"; "" for the whole plan
    std::vector<std::string> citations;
};
// A finding laid out for a printout's therapist page: severity, rule, message, where
// (ISO week, the date when `with_date`, JSON Pointer) and citations, cleaned for print.
FindingView finding_view(const Finding& f, const std::string& lang, bool with_date);

struct MeasureView {
    Date date;
    std::string measure;          // its ID ("six_minute_walk")
    std::string date_label;       // "Mon 23 Nov 2026"
    std::string name;
};

// One stop signal as printed: its ID, the patient's words and what to do (safety.stop_signals).
struct StopSignalView {
    std::string id;
    std::string text;                         // "Pain or pressure in your chest"
    bool call_112 = false;                    // else: stop, rest and call the therapist or doctor
    std::string action;                       // "Stop and call 112 at once"
};

// The signals that share an action, under a heading that says what to do.
struct StopGroupView {
    bool call_112 = false;
    std::string action;                       // "Stop and call 112 at once"
    std::string heading;                      // "Stop and call 112 at once if you notice:"
    std::vector<std::string> signals;         // the patients' words
};

// One step of a concussion return's ladder as printed: from when, or what must happen first.
struct ReturnStepView {
    std::string step;             // "Step 2A"
    std::string title;
    std::string heading;          // "Step 2A: light exercise" (the title alone when it names the step)
    std::string description;
    std::string when;             // "From Mon 23 Nov" or "Not yet: when you have had no symptoms ..."
    bool dated = false;
    Date from;                    // when dated
    std::string id;               // "2A": the step as the plan names it
};

struct ReturnLadderView {
    std::string ladder;           // "sport", "learn", "work", "daily"
    std::string heading;          // "Back to football, step by step"
    std::vector<ReturnStepView> steps;
};

struct PlanView {
    std::string lang;             // "en" or "nl"
    std::string title;            // "Your exercise plan"
    std::vector<std::string> who; // patient, conditions
    std::string programme;        // "Programme: ..."; "" when unknown
    std::string period;           // "23 November 2026 to 14 February 2027, 12 weeks"
    std::string beta_blocker;     // "" unless the patient takes one
    std::string full_dose;        // ""
    std::string daily_steps;      // ""; "" in a paused plan
    // A paused plan (plan.paused): the banner above everything else on the first page;
    // the view then holds nothing from the pause on (no week after it, no session or
    // measure on or after it, no step target). "" when training goes on.
    std::string paused;
    // Warnings the patient must see on the first page (concussion.return: persisting
    // symptoms, see the doctor), in the view's language.
    std::vector<std::string> alerts;

    // A concussion return's ladders (plan.return_ladders) and the rules for moving on.
    std::string return_title;     // "" without ladders
    std::vector<ReturnLadderView> ladders;
    std::vector<std::string> return_rules;

    std::string zone_title;
    std::string zone_target;      // "Train at 89-128 beats per minute, ..."; "" without a zone
    std::vector<std::string> zone_details;  // talk test, HRmax, lower and upper limit formulas

    // Priming treatments (plan.priming): what the dosing days and windows mean; empty without.
    std::string priming_title;
    std::vector<std::string> priming;
    std::string treatment_days;   // "Treatment days", the label of a week's days without training

    std::vector<WeekView> weeks;
    std::string rest_day;         // "Rest day"
    std::string rest_days;        // "Rest days"
    std::string columns[4];       // day, what to do, minutes, how hard
    std::string exercises_title;  // "How to do each session"
    // Card labels: "What to do", "How much", "Take care", the picture's caption.
    std::string card_what, card_dose, card_care, card_picture;
    std::vector<ExerciseView> exercises;

    // Fall precautions (week.balance fall_precautions, or a recorded fall: falls_past_year),
    // a line each; empty for a patient who needs none.
    std::string falls_title;                  // "Preventing falls"
    std::vector<std::string> falls;

    std::string stop_title;                   // "When to stop"
    std::vector<StopSignalView> stop_signals; // in the plan's order
    std::vector<StopGroupView> stop_groups;   // by action: call 112 first, then call the therapist
    std::string stop_more;                    // HTML's box on every page: "More stop signals on page 1: ..."

    std::string measures_title;
    std::vector<MeasureView> measures;

    std::string chart_title;
    std::string chart_caption;
    std::string chart_week;       // axis label
    std::string chart_target;
    int volume_min = 0;           // week.volume in force for the patient
    int volume_max = 0;

    std::string why_title;
    std::vector<std::string> why;

    std::string review_title;     // the therapist's part: the plan's notes and findings
    std::string clearance;        // "Medical clearance: vigorous, 20 November 2026, Dr X"; "" when none recorded
    std::string notes;
    std::string review_summary;
    std::vector<FindingView> findings;
};

// "en" or "nl"; the caller has checked lang. Without `pictures` the exercise cards have no
// SVG: only the HTML page prints them, and drawing them was a fifth of the view's cost
// for the FHIR export (issue 21).
PlanView make_view(const Plan& plan, const std::string& lang, const RuleSet& rules, bool pictures = true);

// How to do one session, a line each: how hard, the concussion step, the intervals, the
// blocks and the note (the calendar's event description and the FHIR activity's).
std::vector<std::string> session_instructions(const PlanView& view, const SessionView& s);

// How much of one exercise: "2 x 12 repetitions, rest 60 s, effort 12-13 (Borg)".
std::string exercise_dose_text(const ExerciseDose& d, const std::string& lang);

// The patient the rules see for a plan (age, conditions, beta-blocker from plan.patient):
// the rules in force behind the view's targets.
Patient rules_patient(const Plan& plan);

// A catalog string in one language, placeholders filled.
std::string tr(const std::string& lang, const std::string& key, const std::vector<Arg>& args = {});

// Free text as printable text: control characters become spaces, CRLF becomes LF (the
// one place this is done; every renderer then escapes only its own syntax).
std::string clean(const std::string& text);

// The items with `separator` between them ("a, b, c").
std::string join(const std::vector<std::string>& items, const char* separator);

// "Monday 23 November 2026" (long), "23 November 2026" (medium), "Mon 23 Nov" (short).
enum class DateStyle { long_form, medium, short_form };
std::string format_date(Date d, const std::string& lang, DateStyle style);

}  // namespace rehabplan::detail
