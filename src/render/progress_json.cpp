// ProgressReport -> JSON (schema/progress.schema.json). Fields in the schema's order,
// numbers with at most 2 decimals, optional values left out when absent: the same report
// gives the same bytes.
#include <cmath>

#include <nlohmann/json.hpp>

#include "documents/output_json.hpp"
#include "render/progress_view.hpp"

namespace rehabplan::detail {

namespace {

using ojson = nlohmann::ordered_json;

ojson text(const Text& t) { return ojson{{"en", t.en}, {"nl", t.nl}}; }

// Rounded to 2 decimals. A value that is not finite (no report computes one) is left out
// like an absent one: JSON has no NaN.
void number(ojson& o, const char* key, const std::optional<double>& v) {
    if (!v || !std::isfinite(*v)) return;
    const double r = std::round(*v * 100.0) / 100.0;
    o[key] = r == 0.0 ? 0.0 : r;  // never -0.0
}

void integer(ojson& o, const char* key, const std::optional<int>& v) {
    if (v) o[key] = *v;
}

ojson week(const WeekProgress& w) {
    ojson o;
    o["week"] = w.week;
    o["start"] = w.start.to_string();
    o["complete"] = w.complete;
    o["planned_sessions"] = w.planned_sessions;
    o["planned_minutes"] = w.planned_minutes;
    o["logged_sessions"] = w.logged_sessions;
    o["completed_sessions"] = w.completed_sessions;
    o["done_minutes"] = w.done_minutes;
    o["extra_sessions"] = w.extra_sessions;
    o["extra_minutes"] = w.extra_minutes;
    integer(o, "adherence_percent", w.adherence_percent);
    o["hr_logged_minutes"] = w.hr_logged_minutes;
    o["minutes_in_zone"] = w.minutes_in_zone;
    number(o, "mean_rpe", w.mean_rpe);
    o["worst"] = symptoms_json(w.worst);
    o["stop_signals"] = w.stop_signals;
    ojson load;
    load["load"] = w.load.load;
    load["sessions_with_rpe"] = w.load.sessions_with_rpe;
    number(load, "monotony", w.load.monotony);
    number(load, "strain", w.load.strain);
    number(load, "acwr", w.load.acwr);
    o["load"] = load;
    if (!w.exposure_activity.empty()) o["exposure_activity"] = w.exposure_activity;
    integer(o, "exposure_fear", w.exposure_fear);
    o["decision"] = to_string(w.decision);
    o["rule"] = w.rule;
    o["reason"] = text(w.reason);
    return o;
}

ojson dose(const ExerciseDose& d) {
    ojson o;
    o["id"] = d.id;
    if (!d.name.empty()) o["name"] = d.name;
    o["chain"] = d.chain;
    o["level"] = d.level;
    o["sets"] = d.sets;
    integer(o, "repetitions", d.repetitions);
    integer(o, "seconds", d.seconds);
    integer(o, "minutes", d.minutes);
    o["per_side"] = d.per_side;
    o["rest_seconds"] = d.rest_seconds;
    return o;
}

ojson exercise(const ExerciseProgress& x) {
    ojson o;
    o["chain"] = x.chain;
    o["id"] = x.id;
    o["level"] = x.level;
    o["step"] = to_string(x.step);
    o["why"] = x.why;
    o["reason"] = text(x.reason);
    ojson ev = ojson::array();
    for (const Date& d : x.evidence) ev.push_back(d.to_string());
    o["evidence"] = ev;
    o["logged"] = x.logged;
    o["prescribed"] = dose(x.prescribed);
    o["next"] = dose(x.next);
    return o;
}

}  // namespace

std::string progress_json(const ProgressReport& r) {
    ojson j;
    j["schema_version"] = 1;
    j["today"] = r.today.to_string();
    if (!r.programme.empty()) j["programme"] = r.programme;
    if (!r.language.empty()) j["language"] = r.language;
    j["next"] = to_string(r.next);
    j["next_rule"] = r.next_rule;
    j["next_reason"] = text(r.next_reason);
    j["next_from"] = r.next_from.to_string();
    if (r.stop_signal_date) j["stop_signal_date"] = r.stop_signal_date->to_string();
    if (const auto& e = r.exposure) {
        ojson o;
        o["activity"] = e->activity;
        o["hierarchy_fear"] = e->hierarchy_fear;
        integer(o, "last_fear", e->last_fear);
        o["move_on"] = e->move_on;
        o["item"] = e->item;
        o["items"] = e->items;
        j["exposure"] = o;
    }
    // Only when the log has per-exercise entries: reports without them stay as they were.
    if (!r.exercises.empty()) {
        ojson xs = ojson::array();
        for (const ExerciseProgress& x : r.exercises) xs.push_back(exercise(x));
        j["exercises"] = xs;
    }
    ojson weeks = ojson::array();
    for (const WeekProgress& w : r.weeks) weeks.push_back(week(w));
    j["weeks"] = weeks;
    const FindingCounts c = count(r.findings);
    j["summary"] = ojson{{"errors", c.errors}, {"warnings", c.warnings}, {"infos", c.infos}};
    ojson findings = ojson::array();
    for (const Finding& f : r.findings) findings.push_back(finding_json(f));
    j["findings"] = findings;
    return j.dump(2) + "\n";
}

}  // namespace rehabplan::detail
