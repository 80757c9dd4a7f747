// ProgressReport -> JSON (schema/progress.schema.json). Fields in the schema's order,
// numbers with at most 2 decimals, optional values left out when absent: the same report
// gives the same bytes.
#include <cmath>

#include "documents/output_json.hpp"
#include "render/progress_view.hpp"

namespace rehabplan::detail {

namespace {

// Rounded to 2 decimals. A value that is not finite (no report computes one) is left out
// like an absent one: JSON has no NaN.
void number(JsonWriter& w, const char* key, const std::optional<double>& v) {
    if (!v || !std::isfinite(*v)) return;
    const double r = std::round(*v * 100.0) / 100.0;
    w.member(key, r == 0.0 ? 0.0 : r);  // never -0.0
}

void week(JsonWriter& w, const WeekProgress& wp) {
    w.begin_object();
    w.member("week", wp.week).member("start", wp.start.to_string()).member("complete", wp.complete);
    w.member("planned_sessions", wp.planned_sessions).member("planned_minutes", wp.planned_minutes);
    w.member("logged_sessions", wp.logged_sessions).member("completed_sessions", wp.completed_sessions);
    w.member("done_minutes", wp.done_minutes);
    w.member("extra_sessions", wp.extra_sessions).member("extra_minutes", wp.extra_minutes);
    w.optional_member("adherence_percent", wp.adherence_percent);
    w.member("hr_logged_minutes", wp.hr_logged_minutes).member("minutes_in_zone", wp.minutes_in_zone);
    number(w, "mean_rpe", wp.mean_rpe);
    write_symptoms(w.key("worst"), wp.worst);
    w.member("stop_signals", wp.stop_signals);
    w.key("load").begin_object();
    w.member("load", wp.load.load).member("sessions_with_rpe", wp.load.sessions_with_rpe);
    number(w, "monotony", wp.load.monotony);
    number(w, "strain", wp.load.strain);
    number(w, "acwr", wp.load.acwr);
    w.end_object();
    if (!wp.exposure_activity.empty()) w.member("exposure_activity", wp.exposure_activity);
    w.optional_member("exposure_fear", wp.exposure_fear);
    // Only for a week with logged days (progress.recovery): reports without them stay as they were.
    if (const auto& rc = wp.recovery) {
        w.key("recovery").begin_object();
        w.member("nights_logged", rc->nights_logged).member("sleep_nights", rc->sleep_nights);
        number(w, "mean_sleep_hours", rc->mean_sleep_hours());
        w.member("quality_nights", rc->quality_nights).member("poor_nights", rc->poor_nights);
        w.member("stress_days", rc->stress_days);
        number(w, "mean_stress", rc->mean_stress());
        w.end_object();
    }
    w.member("decision", to_string(wp.decision)).member("rule", wp.rule);
    write_text(w.key("reason"), wp.reason);
    w.end_object();
}

void dose(JsonWriter& w, const ExerciseDose& d) {
    w.begin_object();
    w.member("id", d.id);
    if (!d.name.empty()) w.member("name", d.name);
    w.member("chain", d.chain).member("level", d.level).member("sets", d.sets);
    w.optional_member("repetitions", d.repetitions);
    w.optional_member("seconds", d.seconds);
    w.optional_member("minutes", d.minutes);
    w.member("per_side", d.per_side).member("rest_seconds", d.rest_seconds);
    w.end_object();
}

void exercise(JsonWriter& w, const ExerciseProgress& x) {
    w.begin_object();
    w.member("chain", x.chain).member("id", x.id).member("level", x.level).member("step", to_string(x.step));
    w.member("why", x.why);
    write_text(w.key("reason"), x.reason);
    w.key("evidence").begin_array();
    for (const Date& d : x.evidence) w.value(d.to_string());
    w.end_array();
    w.member("logged", x.logged);
    dose(w.key("prescribed"), x.prescribed);
    dose(w.key("next"), x.next);
    w.end_object();
}

void report(JsonWriter& w, const ProgressReport& r) {
    w.begin_object();
    w.member("schema_version", 1).member("today", r.today.to_string());
    if (!r.programme.empty()) w.member("programme", r.programme);
    if (!r.language.empty()) w.member("language", r.language);
    w.member("next", to_string(r.next)).member("next_rule", r.next_rule);
    write_text(w.key("next_reason"), r.next_reason);
    w.member("next_from", r.next_from.to_string());
    if (r.stop_signal_date) w.member("stop_signal_date", r.stop_signal_date->to_string());
    if (const auto& e = r.exposure) {
        w.key("exposure").begin_object();
        w.member("activity", e->activity).member("hierarchy_fear", e->hierarchy_fear);
        w.optional_member("last_fear", e->last_fear);
        w.member("move_on", e->move_on).member("item", e->item).member("items", e->items);
        w.end_object();
    }
    // Only when the log has per-exercise entries: reports without them stay as they were.
    if (!r.exercises.empty()) {
        w.key("exercises").begin_array();
        for (const ExerciseProgress& x : r.exercises) exercise(w, x);
        w.end_array();
    }
    w.key("weeks").begin_array();
    for (const WeekProgress& wp : r.weeks) week(w, wp);
    w.end_array();
    write_finding_members(w, r.findings);
    w.end_object();
}

}  // namespace

std::string progress_json(const ProgressReport& r) {
    return json_document(2048 + 1200 * r.weeks.size() + 700 * r.findings.size(),
                         [&](JsonWriter& w) { report(w, r); });
}

}  // namespace rehabplan::detail
