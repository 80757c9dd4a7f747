// What the patient actually did: a session log, one entry per performed (or
// attempted) session, as clinic software or a wearable export records it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/plan.hpp"
#include "core/result.hpp"

namespace rehabplan {

// Symptom ratings. Each is optional: a log states what was asked.
struct Symptoms {
    std::optional<int> pain;                 // numeric rating scale 0-10
    std::optional<int> dizziness;            // 0-10
    std::optional<int> headache;             // 0-10
    std::optional<int> concussion_score;     // SCAT symptom severity score, 0-132 (22 symptoms x 0-6)
    bool any() const { return pain || dizziness || headache || concussion_score; }
};

// What was done of one exercise in a session (per-exercise progression).
struct ExerciseLogEntry {
    std::string id;                          // the library's exercise ID
    std::vector<int> sets;                   // repetitions (or seconds held) per set done
    std::optional<double> load_kg;           // 0-500
    std::optional<int> rpe;                  // Borg 6-20
    std::optional<int> pain;                 // 0-10, during or after the exercise
    bool completed = true;                   // false: could not finish the prescribed dose
};

struct LogEntry {
    Date date;
    // Which planned session this was. May be left out when the plan has exactly one
    // session that day; an entry on a day without a planned session is an extra one.
    std::optional<SessionType> type;
    int minutes = 0;                         // minutes actually done, 0-600
    bool completed = true;                   // done as planned (false: stopped early or skipped)
    std::optional<int> average_hr_bpm;      // 30-250
    std::optional<int> peak_hr_bpm;          // 30-250, >= average
    std::optional<int> minutes_in_zone;      // from a heart-rate monitor, <= minutes
    std::optional<int> rpe;                  // Borg 6-20, for the whole session
    Symptoms symptoms;                       // after the session
    Symptoms symptoms_before;                // before it, when asked (a rise is then within the session)
    std::optional<int> fear;                 // exposure: fear of the activity after the exposure, 0-100
    bool stop_signal = false;                // a stop signal occurred (the note says which)
    // A new knock to the head or body (concussion.return): with any symptom after a
    // concussion it is a suspected new concussion, stop and refer.
    bool head_impact = false;
    std::vector<ExerciseLogEntry> exercises; // per exercise, when recorded
    std::string note;
};

// The patient's own rating of a night's sleep, a 4-step scale like the PSQI's
// subjective-quality item; "poor" is the last two (progress.recovery).
enum class SleepQuality { very_good = 0, fairly_good = 1, fairly_bad = 2, very_bad = 3 };
const char* to_string(SleepQuality q);       // "very_good", "fairly_good", "fairly_bad", "very_bad"
inline bool is_poor(SleepQuality q) { return q == SleepQuality::fairly_bad || q == SleepQuality::very_bad; }

// How the patient slept and felt on one day (not a session): read by progress.recovery.
struct DayLog {
    Date date;                               // the night before this morning's entry
    std::optional<double> sleep_hours;       // 0-24, as given (a wearable's 7.25 is kept)
    std::optional<SleepQuality> sleep_quality;
    std::optional<int> stress;               // 0-10 (0 = none, 10 = the worst imaginable)
    bool any() const { return sleep_hours || sleep_quality || stress; }
};

struct SessionLog {
    std::string patient_id;                  // "" = not stated; else it must match the plan's
    std::vector<LogEntry> entries;           // in any order
    std::vector<DayLog> days;                // per-day wellbeing, one per date, in any order
};

// Session-log document (schema/session-log.schema.json) -> SessionLog. Checks what the
// document alone can: types, ranges, peak >= average, minutes in zone <= minutes,
// "completed" with 0 minutes, one `days` item per date. Errors name the JSON Pointer
// ("/entries/3/rpe", "/days/2/sleep_hours").
Result<SessionLog> parse_session_log(std::string_view json);

// Checks a log against the plan it belongs to and today's date: no entry after `today`
// (an entry dated today is allowed), none outside the plan's dates, no duplicates (more
// entries of one type on a day than that day's planned sessions of the type, or two
// untyped entries on a day), a type given where the day has several sessions, and a
// patient ID that matches the plan's. A `days` item is checked like an entry's date:
// inside the plan's dates and not after today. The error is a schema_error naming the entry.
Result<bool> check_session_log(const SessionLog& log, const Plan& plan, Date today);

std::string to_json(const SessionLog& log);

}  // namespace rehabplan
