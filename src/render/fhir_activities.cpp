// Sessions and measurements as CarePlan activities: consecutive weeks with the same
// session on the same weekdays are one activity whose Timing repeats, so expanding every
// Timing gives back exactly the plan's dated sessions; measurements have Timing.event dates.
#include <algorithm>
#include <map>

#include "render/fhir_resources.hpp"

namespace rehabplan::detail::fhir {

namespace {

// Everything an activity says about a session: sessions with the same content are one
// activity when they fall on the same weekdays in consecutive weeks.
std::string content_key(const SessionPlan& s) {
    std::string k = std::string(to_string(s.type)) + "|" + std::to_string(s.minutes) + "|" +
                    std::to_string(s.title.size()) + ":" + s.title + "|" + std::to_string(s.note.size()) + ":" + s.note;
    if (s.intensity) {
        const Intensity& in = *s.intensity;
        k += std::string("|i:") + to_string(in.klass);
        for (const auto* r : {&in.hr_bpm, &in.percent_hrmax, &in.rpe})
            k += *r ? "," + std::to_string((*r)->low) + "-" + std::to_string((*r)->high) : ",-";
    }
    if (s.hiit) k += "|h:" + std::to_string(s.hiit->work_seconds) + "/" + std::to_string(s.hiit->recovery_seconds) + "x" +
                     std::to_string(s.hiit->repeats);
    for (const Block& b : s.blocks)
        k += std::string("|b:") + to_string(b.kind) + "," + std::to_string(b.minutes) + "," +
             std::to_string(b.description.size()) + ":" + b.description;
    if (s.concussion_step) k += "|c:" + std::to_string(*s.concussion_step);
    if (!s.concussion_stage.empty()) k += "|cs:" + s.concussion_stage;
    if (s.intensity && s.intensity->hr_ceiling_bpm) k += "|hc:" + std::to_string(*s.intensity->hr_ceiling_bpm);
    if (s.supervised) k += "|sup";
    for (const ExerciseDose& e : s.exercises) {
        const auto opt = [](const std::optional<int>& v) { return v ? std::to_string(*v) : std::string("-"); };
        k += "|e:" + std::to_string(e.id.size()) + ":" + e.id + "," + std::to_string(e.name.size()) + ":" + e.name + "," +
             std::to_string(e.level) + "," + std::to_string(e.sets) + "," + opt(e.repetitions) + "," + opt(e.seconds) + "," +
             opt(e.minutes) + "," + (e.per_side ? "s" : "-") + "," + std::to_string(e.rest_seconds) + "," +
             (e.rpe ? std::to_string(e.rpe->low) + "-" + std::to_string(e.rpe->high) : "-") + "," +
             (e.extra_side ? to_string(*e.extra_side) : "-") + std::to_string(e.extra_sets);
    }
    return k;
}

ojson timing(const Run& r) {
    ojson repeat;
    repeat["boundsPeriod"] = ojson{{"start", r.from.to_string()}, {"end", r.to.to_string()}};
    repeat["duration"] = r.first->session->minutes;
    repeat["durationUnit"] = "min";
    // Once on each listed weekday reads as "n times a week"; more than once a day as "n a day".
    const bool weekly = r.per_day == 1;
    repeat["frequency"] = weekly ? static_cast<int>(r.days.size()) : r.per_day;
    repeat["period"] = 1;
    repeat["periodUnit"] = weekly ? "wk" : "d";
    ojson days = ojson::array();
    for (Weekday d : r.days) days.push_back(to_string(d));
    repeat["dayOfWeek"] = days;
    return ojson{{"repeat", repeat}};
}

ojson intensity_extension(const Intensity& in) {
    ojson parts = ojson::array();
    parts.push_back(ojson{{"url", "class"}, {"valueCode", to_string(in.klass)}});
    if (in.hr_bpm) parts.push_back(ojson{{"url", "heartRate"}, {"valueRange", range(*in.hr_bpm, "/min", "beats/min")}});
    if (in.percent_hrmax)
        parts.push_back(ojson{{"url", "percentHRmax"}, {"valueRange", range(*in.percent_hrmax, "%", "% of HRmax")}});
    if (in.rpe) parts.push_back(ojson{{"url", "rpe"}, {"valueRange", range(*in.rpe, "{score}", "Borg 6-20")}});
    return ojson{{"url", extension_url("exercise-intensity")}, {"extension", parts}};
}

ojson hiit_extension(const HiitIntervals& h) {
    ojson parts = ojson::array();
    parts.push_back(ojson{{"url", "work"}, {"valueDuration", quantity(h.work_seconds, "s", "s")}});
    parts.push_back(ojson{{"url", "recovery"}, {"valueDuration", quantity(h.recovery_seconds, "s", "s")}});
    parts.push_back(ojson{{"url", "repeats"}, {"valuePositiveInt", h.repeats}});
    return ojson{{"url", extension_url("hiit-intervals")}, {"extension", parts}};
}

}  // namespace

// Runs in the order they start (week, then first appearance in the week).
std::vector<Run> session_runs(const PlanView& view) {
    std::vector<Run> runs;
    for (const WeekView& w : view.weeks) {
        // content -> weekday -> count, in order of first appearance
        std::vector<std::pair<std::string, std::map<int, int>>> week;
        std::map<std::string, const SessionView*> first;
        std::map<std::string, Date> last;
        for (const DayView& d : w.days)
            for (const SessionView& s : d.sessions) {
                const std::string k = content_key(*s.session);
                auto it = std::find_if(week.begin(), week.end(), [&](const auto& e) { return e.first == k; });
                if (it == week.end()) {
                    week.emplace_back(k, std::map<int, int>{});
                    it = week.end() - 1;
                    first[k] = &s;
                }
                ++it->second[static_cast<int>(d.date.weekday())];
                last[k] = d.date;
            }
        for (const auto& [k, counts] : week) {
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
                    runs.push_back(Run{first[k], k, count, days, from, to, w.number});
                }
            }
        }
    }
    return runs;
}

ojson session_code(SessionType t, const std::string& kind, const std::string& text) {
    ojson codings = ojson::array();
    codings.push_back(coding(terms().at("session_types").at(to_string(t)).at("code")));
    codings.push_back(own_coding("session_type", to_string(t), kind));
    ojson c{{"coding", codings}};
    put(c, "text", text);
    return c;
}

ojson session_activity(const PlanView& view, const Run& r) {
    const SessionView& s = *r.first;
    const SessionPlan& sp = *s.session;
    ojson detail;
    ojson ext = ojson::array();
    if (sp.intensity) ext.push_back(intensity_extension(*sp.intensity));
    if (sp.hiit) ext.push_back(hiit_extension(*sp.hiit));
    if (sp.concussion_step)
        ext.push_back(ojson{{"url", extension_url("concussion-step")}, {"valuePositiveInt", *sp.concussion_step}});
    // The stage within step 2 ("2A", "2B") beside the step, which stays a positiveInt.
    if (sp.concussion_step && !trimmed(sp.concussion_stage).empty())
        ext.push_back(ojson{{"url", extension_url("concussion-stage")}, {"valueString", trimmed(sp.concussion_stage)}});
    if (!ext.empty()) detail["extension"] = ext;
    detail["kind"] = "ServiceRequest";
    // The kind of session first, then each exercise it names (its ActivityDefinition carries
    // the library's text; the patient's dose is in the description).
    ojson canonicals = ojson::array({versioned(session_definition(sp.type))});
    for (const ExerciseDose& e : sp.exercises) {
        const std::string url = versioned(exercise_definition(e.id));
        if (std::find(canonicals.begin(), canonicals.end(), url) == canonicals.end()) canonicals.push_back(url);
    }
    detail["instantiatesCanonical"] = canonicals;
    detail["code"] = session_code(sp.type, s.kind, s.title);
    detail["status"] = "scheduled";
    detail["scheduledTiming"] = timing(r);
    put(detail, "description", join(session_instructions(view, s), "\n"));
    return ojson{{"detail", detail}};
}

ojson measure_code(const std::string& id, const std::string& name) {
    ojson codings = ojson::array();
    const json& measures = terms().at("measures");
    if (measures.contains(id)) {
        if (measures.at(id).contains("code")) codings.push_back(coding(measures.at(id).at("code")));
        codings.push_back(own_coding("measure", id, name));
    }
    ojson c;
    if (!codings.empty()) c["coding"] = codings;
    put(c, "text", name);
    return c;
}

// One activity per measure, with every date it is taken on.
std::vector<ojson> measure_activities(const PlanView& view, const Plan& /*plan*/) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> dates;
    std::map<std::string, std::string> names;
    for (std::size_t i = 0; i < view.measures.size(); ++i) {
        const std::string& id = view.measures[i].measure;
        if (!dates.count(id)) order.push_back(id);
        dates[id].push_back(view.measures[i].date.to_string());
        names[id] = view.measures[i].name;
    }
    std::vector<ojson> out;
    for (const auto& id : order) {
        std::sort(dates[id].begin(), dates[id].end());
        ojson detail;
        detail["kind"] = "ServiceRequest";
        detail["instantiatesCanonical"] = ojson::array({versioned(measure_definition(id))});
        detail["code"] = measure_code(id, names[id]);
        detail["status"] = "scheduled";
        detail["scheduledTiming"] = ojson{{"event", dates[id]}};
        out.push_back(ojson{{"detail", detail}});
    }
    return out;
}

// One activity per step of each ladder of a concussion return, in the plan's order: dated
// steps are scheduled from their earliest day, the others wait for their gates.
std::vector<ojson> return_step_activities(const PlanView& view, const Plan& plan) {
    std::vector<ojson> out;
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
            ojson parts = ojson::array();
            parts.push_back(ojson{{"url", "ladder"}, {"valueCode", to_string(l.ladder)}});
            parts.push_back(ojson{{"url", "step"}, {"valueString", trimmed(st.step)}});
            for (const std::string& g : st.gates) parts.push_back(ojson{{"url", "gate"}, {"valueCode", g}});
            ojson detail;
            detail["extension"] = ojson::array({ojson{{"url", extension_url("return-step")}, {"extension", parts}}});
            detail["kind"] = "ServiceRequest";
            detail["instantiatesCanonical"] = ojson::array({versioned(ladder_definition(l.ladder))});
            ojson code;
            put(code, "text", !trimmed(sv.title).empty() ? sv.title : sv.step);
            detail["code"] = code;
            // scheduled from its date; not-started while a gate is not met (or the step before
            // has not gone well); on-hold in a paused plan, with its date as planned.
            detail["status"] = held(st) ? "on-hold" : st.from ? "scheduled" : "not-started";
            if (st.from) detail["scheduledPeriod"] = ojson{{"start", st.from->to_string()}};
            std::vector<std::string> lines;
            if (!trimmed(sv.description).empty()) lines.push_back(trimmed(sv.description));
            lines.push_back(sv.when);
            put(detail, "description", join(lines, "\n"));
            out.push_back(ojson{{"detail", detail}});
        }
    }
    return out;
}

}  // namespace rehabplan::detail::fhir
