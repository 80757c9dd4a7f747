// Sessions and measurements as CarePlan activities: consecutive weeks with the same
// session on the same weekdays are one activity whose Timing repeats, so expanding every
// Timing gives back exactly the plan's dated sessions; measurements have Timing.event dates.
#include <algorithm>
#include <map>

#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

// Appends each part to `k` (numbers in decimal): a key is built without temporaries.
void add(std::string&) {}
template <class... Rest>
void add(std::string& k, int v, const Rest&... rest);
template <class... Rest>
void add(std::string& k, std::string_view s, const Rest&... rest) {
    k += s;
    add(k, rest...);
}
template <class... Rest>
void add(std::string& k, int v, const Rest&... rest) {
    k += std::to_string(v);
    add(k, rest...);
}
// "5:hello": no text can end a field early.
template <class... Rest>
void add_sized(std::string& k, const std::string& text, const Rest&... rest) {
    add(k, static_cast<int>(text.size()), ":", text, rest...);
}

// Everything an activity says about a session: sessions with the same content are one
// activity when they fall on the same weekdays in consecutive weeks. Every session of a
// plan gets one, so it is appended to one string (issue 21).
std::string content_key(const SessionPlan& s) {
    std::string k;
    k.reserve(256 + s.title.size() + s.note.size());
    add(k, to_string(s.type), "|", s.minutes, "|");
    add_sized(k, s.title, "|");
    add_sized(k, s.note);
    if (s.intensity) {
        const Intensity& in = *s.intensity;
        add(k, "|i:", to_string(in.klass));
        for (const auto* r : {&in.hr_bpm, &in.percent_hrmax, &in.rpe}) {
            if (*r) add(k, ",", (*r)->low, "-", (*r)->high);
            else add(k, ",-");
        }
    }
    if (s.hiit) add(k, "|h:", s.hiit->work_seconds, "/", s.hiit->recovery_seconds, "x", s.hiit->repeats);
    for (const Block& b : s.blocks) {
        add(k, "|b:", to_string(b.kind), ",", b.minutes, ",");
        add_sized(k, b.description);
    }
    if (s.concussion_step) add(k, "|c:", *s.concussion_step);
    if (!s.concussion_stage.empty()) add(k, "|cs:", s.concussion_stage);
    if (s.intensity && s.intensity->hr_ceiling_bpm) add(k, "|hc:", *s.intensity->hr_ceiling_bpm);
    if (s.supervised) add(k, "|sup");
    const auto opt = [&](const std::optional<int>& v) {
        if (v) add(k, *v);
        else add(k, "-");
    };
    for (const ExerciseDose& e : s.exercises) {
        add(k, "|e:");
        add_sized(k, e.id, ",");
        add_sized(k, e.name, ",", e.level, ",", e.sets, ",");
        opt(e.repetitions);
        add(k, ",");
        opt(e.seconds);
        add(k, ",");
        opt(e.minutes);
        add(k, ",", e.per_side ? "s" : "-", ",", e.rest_seconds, ",");
        if (e.rpe) add(k, e.rpe->low, "-", e.rpe->high);
        else add(k, "-");
        add(k, ",", e.extra_side ? to_string(*e.extra_side) : "-", e.extra_sets);
    }
    return k;
}

void timing(JsonWriter& w, const Run& r) {
    w.begin_object().key("repeat").begin_object();
    w.key("boundsPeriod").begin_object().member("start", r.from.to_string()).member("end", r.to.to_string()).end_object();
    w.member("duration", r.first->session->minutes);
    w.member("durationUnit", "min");
    // Once on each listed weekday reads as "n times a week"; more than once a day as "n a day".
    const bool weekly = r.per_day == 1;
    w.member("frequency", weekly ? static_cast<int>(r.days.size()) : r.per_day);
    w.member("period", 1);
    w.member("periodUnit", weekly ? "wk" : "d");
    w.key("dayOfWeek").begin_array();
    for (Weekday d : r.days) w.value(to_string(d));
    w.end_array();
    w.end_object().end_object();
}

void range_part(JsonWriter& w, const char* url, const Range& r, const std::string& ucum_code, const std::string& unit) {
    w.begin_object().member("url", url).key("valueRange");
    range(w, r, ucum_code, unit);
    w.end_object();
}

void intensity_extension(JsonWriter& w, const Intensity& in) {
    w.begin_object().member("url", extension_url("exercise-intensity")).key("extension").begin_array();
    w.begin_object().member("url", "class").member("valueCode", to_string(in.klass)).end_object();
    if (in.hr_bpm) range_part(w, "heartRate", *in.hr_bpm, "/min", "beats/min");
    if (in.percent_hrmax) range_part(w, "percentHRmax", *in.percent_hrmax, "%", "% of HRmax");
    if (in.rpe) range_part(w, "rpe", *in.rpe, "{score}", "Borg 6-20");
    w.end_array().end_object();
}

void duration_part(JsonWriter& w, const char* url, int seconds) {
    w.begin_object().member("url", url).key("valueDuration");
    quantity(w, seconds, "s", "s");
    w.end_object();
}

void hiit_extension(JsonWriter& w, const HiitIntervals& h) {
    w.begin_object().member("url", extension_url("hiit-intervals")).key("extension").begin_array();
    duration_part(w, "work", h.work_seconds);
    duration_part(w, "recovery", h.recovery_seconds);
    w.begin_object().member("url", "repeats").member("valuePositiveInt", h.repeats).end_object();
    w.end_array().end_object();
}

}  // namespace

// Runs in the order they start (week, then first appearance in the week).
std::vector<Run> session_runs(const PlanView& view) {
    std::vector<Run> runs;
    for (const WeekView& w : view.weeks) {
        // The week's contents in order of first appearance, each with its first session
        // and its count per weekday.
        struct Content {
            std::string key;
            const SessionView* first;
            std::map<int, int> counts;
        };
        std::vector<Content> week;
        for (const DayView& d : w.days)
            for (const SessionView& s : d.sessions) {
                std::string k = content_key(*s.session);
                auto it = std::find_if(week.begin(), week.end(), [&](const Content& e) { return e.key == k; });
                if (it == week.end()) it = week.insert(week.end(), Content{std::move(k), &s, {}});
                ++it->counts[static_cast<int>(d.date.weekday())];
            }
        for (const Content& content : week) {
            const std::string& k = content.key;
            const std::map<int, int>& counts = content.counts;
            // Days with the same count of this content form one group (almost always all of them).
            std::map<int, std::vector<Weekday>> by_count;
            for (const auto& [day, count] : counts) by_count[count].push_back(static_cast<Weekday>(day));
            for (const auto& [count, days] : by_count) {
                Date from = w.to, to = w.from;
                for (const DayView& d : w.days)
                    if (std::find(days.begin(), days.end(), d.date.weekday()) != days.end()) {
                        from = std::min(from, d.date);
                        to = std::max(to, d.date);
                    }
                // C++17 lambdas cannot capture structured bindings (clang refuses; g++ allows it).
                const std::string& key = k;
                const int per_day = count;
                const std::vector<Weekday>& on_days = days;
                auto open = std::find_if(runs.begin(), runs.end(), [&](const Run& r) {
                    return r.last_week == w.number - 1 && r.key == key && r.per_day == per_day && r.days == on_days;
                });
                if (open != runs.end()) {
                    open->to = to;
                    open->last_week = w.number;
                } else {
                    runs.push_back(Run{content.first, k, count, days, from, to, w.number});
                }
            }
        }
    }
    return runs;
}

void session_code(JsonWriter& w, SessionType t, const std::string& kind, const std::string& text) {
    w.begin_object().key("coding").begin_array();
    coding(w, terms().at("session_types").at(to_string(t)).at("code"));
    own_coding(w, "session_type", to_string(t), kind);
    w.end_array();
    put(w, "text", text);
    w.end_object();
}

void session_activity(JsonWriter& w, const PlanView& view, const Run& r) {
    const SessionView& s = *r.first;
    const SessionPlan& sp = *s.session;
    w.begin_object().key("detail").begin_object();
    // The stage within step 2 ("2A", "2B") beside the step, which stays a positiveInt.
    const std::string stage = sp.concussion_step ? trimmed(sp.concussion_stage) : std::string();
    if (sp.intensity || sp.hiit || sp.concussion_step) {
        w.key("extension").begin_array();
        if (sp.intensity) intensity_extension(w, *sp.intensity);
        if (sp.hiit) hiit_extension(w, *sp.hiit);
        if (sp.concussion_step)
            w.begin_object().member("url", extension_url("concussion-step")).member("valuePositiveInt", *sp.concussion_step).end_object();
        if (!stage.empty()) w.begin_object().member("url", extension_url("concussion-stage")).member("valueString", stage).end_object();
        w.end_array();
    }
    w.member("kind", "ServiceRequest");
    // The kind of session first, then each exercise it names (its ActivityDefinition carries
    // the library's text; the patient's dose is in the description).
    std::vector<std::string> canonicals{versioned(session_definition(sp.type))};
    for (const ExerciseDose& e : sp.exercises) {
        std::string url = versioned(exercise_definition(e.id));
        if (std::find(canonicals.begin(), canonicals.end(), url) == canonicals.end()) canonicals.push_back(std::move(url));
    }
    w.member("instantiatesCanonical", canonicals);
    w.key("code");
    session_code(w, sp.type, s.kind, s.title);
    w.member("status", "scheduled");
    w.key("scheduledTiming");
    timing(w, r);
    put(w, "description", join(session_instructions(view, s), "\n"));
    w.end_object().end_object();
}

void measure_code(JsonWriter& w, const std::string& id, const std::string& name) {
    const json& measures = terms().at("measures");
    const bool coded = measures.contains(id);
    // Neither a code nor a name: null, as the json value it once was.
    if (!coded && trimmed(name).empty()) {
        w.null();
        return;
    }
    w.begin_object();
    if (coded) {
        w.key("coding").begin_array();
        if (measures.at(id).contains("code")) coding(w, measures.at(id).at("code"));
        own_coding(w, "measure", id, name);
        w.end_array();
    }
    put(w, "text", name);
    w.end_object();
}

// Each measure with every date it is taken on, in the order the measures first appear.
std::vector<MeasureDates> measure_dates(const PlanView& view) {
    std::vector<MeasureDates> out;
    for (const MeasureView& m : view.measures) {
        auto it = std::find_if(out.begin(), out.end(), [&](const MeasureDates& d) { return d.measure == m.measure; });
        if (it == out.end()) it = out.insert(out.end(), MeasureDates{m.measure, "", {}});
        it->dates.push_back(m.date.to_string());
        it->name = m.name;
    }
    for (MeasureDates& m : out) std::sort(m.dates.begin(), m.dates.end());
    return out;
}

void measure_activity(JsonWriter& w, const MeasureDates& m) {
    w.begin_object().key("detail").begin_object();
    w.member("kind", "ServiceRequest");
    w.key("instantiatesCanonical").begin_array().value(versioned(measure_definition(m.measure))).end_array();
    w.key("code");
    measure_code(w, m.measure, m.name);
    w.member("status", "scheduled");
    w.key("scheduledTiming").begin_object().member("event", m.dates).end_object();
    w.end_object().end_object();
}

bool has_return_steps(const PlanView& view, const Plan& plan) {
    for (std::size_t li = 0; li < plan.return_ladders.size() && li < view.ladders.size(); ++li)
        if (!plan.return_ladders[li].steps.empty() && !view.ladders[li].steps.empty()) return true;
    return false;
}

// One activity per step of each ladder of a concussion return, in the plan's order: dated
// steps are scheduled from their earliest day, the others wait for their gates.
void return_step_activities(JsonWriter& w, const PlanView& view, const Plan& plan) {
    // A plan paused after a warning sign (the CarePlan is on hold) holds every step it has
    // not reached: no step goes on until a clinician has seen the patient.
    const bool on_hold = std::string(plan_status(plan)) == "on-hold";
    const auto held = [&](const ReturnStep& st) { return on_hold && (!st.from || !plan.paused || *st.from >= plan.paused->since); };
    for (std::size_t li = 0; li < plan.return_ladders.size() && li < view.ladders.size(); ++li) {
        const ReturnLadderPlan& l = plan.return_ladders[li];
        const ReturnLadderView& lv = view.ladders[li];
        for (std::size_t si = 0; si < l.steps.size() && si < lv.steps.size(); ++si) {
            const ReturnStep& st = l.steps[si];
            const ReturnStepView& sv = lv.steps[si];
            w.begin_object().key("detail").begin_object();
            w.key("extension").begin_array().begin_object().member("url", extension_url("return-step")).key("extension").begin_array();
            w.begin_object().member("url", "ladder").member("valueCode", to_string(l.ladder)).end_object();
            w.begin_object().member("url", "step").member("valueString", trimmed(st.step)).end_object();
            for (const std::string& g : st.gates) w.begin_object().member("url", "gate").member("valueCode", g).end_object();
            w.end_array().end_object().end_array();
            w.member("kind", "ServiceRequest");
            w.key("instantiatesCanonical").begin_array().value(versioned(ladder_definition(l.ladder))).end_array();
            w.key("code");
            text_only(w, "text", !trimmed(sv.title).empty() ? sv.title : sv.step);
            // scheduled from its date; not-started while a gate is not met (or the step before
            // has not gone well); on-hold in a paused plan, with its date as planned.
            w.member("status", held(st) ? "on-hold" : st.from ? "scheduled" : "not-started");
            if (st.from) w.key("scheduledPeriod").begin_object().member("start", st.from->to_string()).end_object();
            std::vector<std::string> lines;
            if (!trimmed(sv.description).empty()) lines.push_back(trimmed(sv.description));
            lines.push_back(sv.when);
            put(w, "description", join(lines, "\n"));
            w.end_object().end_object();
        }
    }
}

}  // namespace rehabplan::detail::fhir
