// The plan as an HL7 FHIR R4 Bundle for clinic systems (schema/fhir/README.md has the
// mapping element by element, with the extensions and code systems it uses).
//
// - A Bundle of type "collection": the CarePlan (with the patient's conditions contained),
//   its Goals (heart-rate zone or Borg effort, weekly minutes, strength days, daily steps),
//   a DetectedIssue per finding of the plan's review, the programme as a PlanDefinition and
//   an ActivityDefinition per kind of session and per outcome measure.
// - Sessions become CarePlan activities: consecutive weeks with the same session on the
//   same weekdays are one activity whose Timing repeats (boundsPeriod from its first to its
//   last date, frequency per week, dayOfWeek, duration in minutes), so expanding every
//   Timing gives back exactly the plan's dated sessions. Measurements are activities with
//   Timing.event dates.
// - No standard element holds a session's heart-rate target: the extension
//   <base>/StructureDefinition/exercise-intensity does (with hiit-intervals and
//   concussion-step beside it); the plan's zone is also a Goal with the LOINC heart-rate
//   code. Stop signals are CarePlan extensions (coded) and the first CarePlan note (the
//   patient's text). Citations are relatedArtifact of the PlanDefinition (the programme's)
//   and of each ActivityDefinition (the rules that dose that kind of session), and notes of
//   the Goals (the rules in force for this patient, condition profiles included).
// - Deterministic: fullUrls are name-based UUIDs (version 5) of the plan's identity (as
//   the calendar's UIDs) and the resource's role, so the same plan gives the same bundle
//   in either language, and a revised plan keeps its resources' identities. Canonical
//   versions are the library's major.minor, as the calendar's PRODID. Nothing reads the
//   clock: no Bundle.timestamp, no dates but the plan's.
// - Every code and code system is in data/fhir.json, never in this file.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <boost/uuid/name_generator_sha1.hpp>
#include <boost/uuid/uuid_io.hpp>
#include <nlohmann/json.hpp>

#include "render/renderers.hpp"
#include "planning/programme.hpp"
#include "rehabplan/version.h"
#include "rules/rules_internal.hpp"

namespace rehabplan::detail {

namespace {

using ojson = nlohmann::ordered_json;
using json = nlohmann::json;

#define REHABPLAN_FHIR_STR2(x) #x
#define REHABPLAN_FHIR_STR(x) REHABPLAN_FHIR_STR2(x)
constexpr const char* definition_version =
    REHABPLAN_FHIR_STR(REHABPLAN_VERSION_MAJOR) "." REHABPLAN_FHIR_STR(REHABPLAN_VERSION_MINOR);
#undef REHABPLAN_FHIR_STR
#undef REHABPLAN_FHIR_STR2

const json& terms() {
    static const json t = json::parse(embedded::fhir_json());
    return t;
}

std::string base() { return terms().at("base").get<std::string>(); }

// A code system named in data/fhir.json: a standard one from "systems", else the
// project's own under <base>/CodeSystem/ ("session_type" -> .../CodeSystem/session-type).
std::string system_url(const std::string& name) {
    const json& systems = terms().at("systems");
    if (systems.contains(name)) return systems.at(name).get<std::string>();
    std::string tail = name;
    std::replace(tail.begin(), tail.end(), '_', '-');
    return base() + "/CodeSystem/" + tail;
}

// FHIR strings must have content; free text is trimmed of surrounding white space.
std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

void put(ojson& o, const char* key, const std::string& value) {
    const std::string t = trimmed(value);
    if (!t.empty()) o[key] = t;
}

// A FHIR id ([A-Za-z0-9\-.]{1,64}) from a library identifier ("neurorc_intensive").
std::string fhir_id(std::string s) {
    std::replace(s.begin(), s.end(), '_', '-');
    return s.substr(0, 64);
}

// A computable name ([A-Z][A-Za-z0-9_]*): "neurorc_intensive" -> "NeurorcIntensive".
std::string computable_name(const std::string& prefix, const std::string& id) {
    std::string out = prefix;
    bool up = true;
    for (const char c : id) {
        if (c == '_' || c == '-') {
            up = true;
            continue;
        }
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) continue;
        out += up && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        up = false;
    }
    if (out.empty() || out[0] < 'A' || out[0] > 'Z') out = "P" + out;
    return out;
}

ojson coding(const json& c) {
    ojson o;
    o["system"] = system_url(c.at("system").get<std::string>());
    o["code"] = c.at("code").get<std::string>();
    o["display"] = c.at("display").get<std::string>();
    return o;
}

ojson own_coding(const char* system, const std::string& code, const std::string& display) {
    ojson o;
    o["system"] = system_url(system);
    o["code"] = code;
    put(o, "display", display);
    return o;
}

ojson quantity(int value, const std::string& ucum_code, const std::string& unit) {
    ojson q;
    q["value"] = value;
    q["unit"] = unit;
    q["system"] = system_url("ucum");
    q["code"] = ucum_code;
    return q;
}

ojson range(const Range& r, const std::string& ucum_code, const std::string& unit) {
    return ojson{{"low", quantity(r.low, ucum_code, unit)}, {"high", quantity(r.high, ucum_code, unit)}};
}

// Generated narrative: a div of paragraphs, escaped, line breaks kept (FHIR's XHTML subset).
ojson narrative(const std::vector<std::string>& paragraphs) {
    std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\">";
    for (const auto& p : paragraphs) {
        if (trimmed(p).empty()) continue;
        std::string e = esc(trimmed(p));
        for (std::size_t i = e.find('\n'); i != std::string::npos; i = e.find('\n', i)) e.replace(i, 1, "<br/>");
        div += "<p>" + e + "</p>";
    }
    div += "</div>";
    return ojson{{"status", "generated"}, {"div", div}};
}

// Name-based UUIDs (RFC 4122 version 5) in the project's namespace.
class Uuids {
public:
    explicit Uuids(const std::string& plan_key)
        : gen_(boost::uuids::name_generator_sha1(boost::uuids::ns::url())(base())), key_(plan_key) {}
    std::string urn(const std::string& role) const { return "urn:uuid:" + boost::uuids::to_string(gen_(key_ + "/" + role)); }

private:
    boost::uuids::name_generator_sha1 gen_;
    std::string key_;
};

std::string canonical(const std::string& type, const std::string& id) { return base() + "/" + type + "/" + id; }
std::string versioned(const std::string& url) { return url + "|" + definition_version; }

// ---------------------------------------------------------------------------------------
// Sessions as activities
// ---------------------------------------------------------------------------------------

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
    return k;
}

struct Run {
    const SessionView* first = nullptr;   // the content (every session of the run has it)
    std::string key;
    int per_day = 1;                      // sessions of this content on each of its days
    std::vector<Weekday> days;            // Monday first
    Date from, to;                        // first and last session date
    int last_week = 0;
};

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

std::string extension_url(const char* name) { return base() + "/StructureDefinition/" + name; }

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

std::string session_definition(SessionType t) { return canonical("ActivityDefinition", fhir_id(std::string("session-") + to_string(t))); }
std::string measure_definition(const std::string& m) { return canonical("ActivityDefinition", fhir_id("measure-" + m)); }

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
    if (!ext.empty()) detail["extension"] = ext;
    detail["kind"] = "ServiceRequest";
    detail["instantiatesCanonical"] = ojson::array({versioned(session_definition(sp.type))});
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
std::vector<ojson> measure_activities(const PlanView& view, const Plan& plan) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> dates;
    std::map<std::string, std::string> names;
    for (std::size_t i = 0; i < plan.outcome_measures.size() && i < view.measures.size(); ++i) {
        const std::string& id = plan.outcome_measures[i].measure;
        if (!dates.count(id)) order.push_back(id);
        dates[id].push_back(plan.outcome_measures[i].date.to_string());
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

// ---------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------

struct Context {
    const PlanView& view;
    const Plan& plan;
    const RuleSet& rules;
    EffectiveRules er;
    Uuids ids;
    std::string key;
    std::string careplan_url;
    ojson subject;
    std::string lang;
};

ojson subject_reference(const PlanView& view, const Plan& plan) {
    ojson ref;
    if (plan.patient && !trimmed(plan.patient->id).empty()) {
        ojson identifier;
        put(identifier, "value", clean(plan.patient->id));
        ref["identifier"] = identifier;
    }
    put(ref, "display", !view.who.empty() ? view.who.front() : tr(view.lang, "fhir.patient_unnamed"));
    return ref;
}

// Reference.type says what a urn:uuid or #id points at (a validator cannot tell from it).
ojson reference(const std::string& url, const char* type) { return ojson{{"reference", url}, {"type", type}}; }

ojson note(const std::string& text) { return ojson{{"text", trimmed(text)}}; }

// A plan replan() paused after a stop signal (its review has the progress.stop_signal
// finding) is on hold until a clinician has seen the patient; otherwise it is in force.
const char* plan_status(const Plan& plan) {
    const bool paused = std::any_of(plan.findings.begin(), plan.findings.end(),
                                    [](const Finding& f) { return f.rule == "progress.stop_signal"; });
    return paused ? "on-hold" : "active";
}

// "Rule week.volume: <sources>" for the rule's citations in force for this patient.
std::string sources_note(const Context& c, const std::string& rule) {
    const std::vector<std::string> cited = c.er.citation_texts(rule);
    return tr(c.lang, "fhir.rule_sources", {arg("rule", rule), arg("sources", join(cited, "; "))});
}

ojson goal(const Context& c, const std::string& description, const std::vector<ojson>& targets,
           const std::vector<std::string>& notes) {
    ojson g;
    g["resourceType"] = "Goal";
    g["language"] = c.lang;
    g["text"] = narrative({description});
    g["lifecycleStatus"] = plan_status(c.plan);
    g["category"] = ojson::array({ojson{{"coding", ojson::array({coding(terms().at("category"))})}}});
    g["description"] = ojson{{"text", trimmed(description)}};
    g["subject"] = c.subject;
    g["startDate"] = c.plan.start_date.to_string();
    g["target"] = targets;
    ojson ns = ojson::array();
    for (const auto& n : notes)
        if (!trimmed(n).empty()) ns.push_back(note(n));
    if (!ns.empty()) g["note"] = ns;
    return g;
}

ojson goal_target(const char* goal_name, const Range& r, const std::string& unit, std::optional<Date> due = std::nullopt) {
    const json& def = terms().at("goals").at(goal_name);
    ojson t;
    t["measure"] = ojson{{"coding", ojson::array({coding(def.at("code"))})}};
    const std::string ucum = def.at("unit").get<std::string>();
    t["detailRange"] = range(r, ucum, unit);
    if (due) t["dueDate"] = due->to_string();
    return t;
}

// A lower limit only ("at least 2 days a week").
ojson goal_minimum(const char* goal_name, int low, const std::string& unit) {
    const json& def = terms().at("goals").at(goal_name);
    ojson t;
    t["measure"] = ojson{{"coding", ojson::array({coding(def.at("code"))})}};
    t["detailRange"] = ojson{{"low", quantity(low, def.at("unit").get<std::string>(), unit)}};
    return t;
}

// A ceiling only (the heart rate a Borg-steered plan must stay under).
ojson goal_ceiling(const char* goal_name, int high, const std::string& unit) {
    const json& def = terms().at("goals").at(goal_name);
    ojson t;
    t["measure"] = ojson{{"coding", ojson::array({coding(def.at("code"))})}};
    t["detailRange"] = ojson{{"high", quantity(high, def.at("unit").get<std::string>(), unit)}};
    return t;
}

bool has_session(const Plan& plan, SessionType t) {
    return std::any_of(plan.sessions.begin(), plan.sessions.end(), [&](const SessionPlan& s) { return s.type == t; });
}

std::vector<std::pair<std::string, ojson>> goals(const Context& c) {
    std::vector<std::pair<std::string, ojson>> out;
    const PlanView& v = c.view;
    if (const auto& z = c.plan.zone) {
        std::vector<std::string> notes = v.zone_details;
        notes.push_back(sources_note(c, "intensity.heart_rate"));
        std::vector<ojson> targets;
        if (z->rpe) {
            targets.push_back(goal_target("effort", *z->rpe, "Borg 6-20"));
            targets.push_back(goal_ceiling("heart_rate", z->high_bpm, "beats/min"));
        } else {
            targets.push_back(goal_target("heart_rate", Range{z->low_bpm, z->high_bpm}, "beats/min"));
        }
        const std::string text = z->rpe ? tr(c.lang, "fhir.goal.effort", {arg("low", std::to_string(z->rpe->low)), arg("high", std::to_string(z->rpe->high)),
                                                                   arg("high_bpm", std::to_string(z->high_bpm))})
                                        : tr(c.lang, "fhir.goal.zone", {arg("low", std::to_string(z->low_bpm)), arg("high", std::to_string(z->high_bpm))});
        out.emplace_back("Goal/heart-rate-zone", goal(c, text, targets, notes));
    }
    {
        std::optional<Date> due;
        if (c.plan.full_dose_week) due = c.plan.start_date.plus_days(7 * (*c.plan.full_dose_week - 1));
        const std::string text = tr(c.lang, "fhir.goal.volume", {arg("min", std::to_string(v.volume_min)), arg("max", std::to_string(v.volume_max))});
        out.emplace_back("Goal/weekly-volume",
                         goal(c, text, {goal_target("weekly_volume", Range{v.volume_min, v.volume_max}, "min/week", due)},
                              {v.full_dose, sources_note(c, "week.volume")}));
    }
    if (has_session(c.plan, SessionType::strength)) {
        const int days = static_cast<int>(c.er[params::week_strength_min_days]);
        const int hours = static_cast<int>(c.er[params::week_strength_min_hours_between]);
        const std::string text = tr(c.lang, "fhir.goal.strength", {arg("days", std::to_string(days)), arg("hours", std::to_string(hours))});
        out.emplace_back("Goal/strength-days",
                         goal(c, text, {goal_minimum("strength_days", days, "days/week")}, {sources_note(c, "week.strength")}));
    }
    if (c.plan.daily_steps)
        out.emplace_back("Goal/daily-steps", goal(c, v.daily_steps, {goal_target("daily_steps", *c.plan.daily_steps, "steps/day")}, {}));
    return out;
}

ojson detected_issue(const Context& c, const Finding& f, const FindingView& fv) {
    ojson d;
    d["resourceType"] = "DetectedIssue";
    d["language"] = c.lang;
    const std::string where = fv.where.empty() ? "" : " (" + fv.where + ")";
    std::string detail = fv.message + where;
    if (!fv.citations.empty()) detail += "\n" + tr(c.lang, "fhir.sources", {arg("sources", join(fv.citations, "; "))});
    d["text"] = narrative({fv.severity_label + " [" + fv.rule + "]", detail});
    d["status"] = "final";
    ojson code;
    // A rule of the rule set is a code of the rule code system; anything else a plan's
    // review may name is text.
    if (auto it = c.rules.rules.find(f.rule); it != c.rules.rules.end())
        code["coding"] = ojson::array({own_coding("rule", f.rule, it->second.title.in(c.lang))});
    put(code, "text", fv.rule.empty() ? fv.severity_label : fv.rule);
    d["code"] = code;
    d["severity"] = f.severity == Severity::error ? "high" : f.severity == Severity::warning ? "moderate" : "low";
    d["patient"] = c.subject;
    d["implicated"] = ojson::array({reference(c.careplan_url, "CarePlan")});
    put(d, "detail", detail);
    return d;
}

ojson related_citations(const std::vector<std::string>& citations) {
    ojson out = ojson::array();
    for (const auto& text : citations) out.push_back(ojson{{"type", "citation"}, {"citation", text}});
    return out;
}

// The kinds of session and the measures a programme's template can put in a plan.
struct ProgrammeContent {
    std::vector<SessionType> types;
    std::vector<std::string> measures;
};

ProgrammeContent template_content(const Plan& plan) {
    ProgrammeContent pc;
    auto add_type = [&](SessionType t) {
        if (std::find(pc.types.begin(), pc.types.end(), t) == pc.types.end()) pc.types.push_back(t);
    };
    const ProgrammeSet& set = builtin_programmes();
    if (auto it = set.programmes.find(plan.programme); it != set.programmes.end()) {
        for (const Phase& ph : it->second.phases)
            for (const auto& slot_id : ph.slots) {
                const SlotTemplate& slot = set.slots.at(slot_id);
                add_type(slot.type);
                if (slot.type == SessionType::hiit && !slot.instead.en.empty()) add_type(SessionType::aerobic);
            }
        pc.measures = it->second.outcome_measures;
    }
    // A therapist's plan may hold other kinds: they are defined too.
    for (const SessionPlan& s : plan.sessions) add_type(s.type);
    for (const OutcomeMeasure& m : plan.outcome_measures)
        if (std::find(pc.measures.begin(), pc.measures.end(), m.measure) == pc.measures.end()) pc.measures.push_back(m.measure);
    return pc;
}

ojson activity_definition(const Context& c, const std::string& url, const std::string& id, const std::string& name,
                          const std::string& title, const std::string& description, const std::vector<std::string>& citations,
                          ojson code) {
    ojson a;
    a["resourceType"] = "ActivityDefinition";
    a["id"] = id;
    a["language"] = c.lang;
    a["text"] = narrative({title, description});
    a["url"] = url;
    a["version"] = definition_version;
    a["name"] = name;
    put(a, "title", title);
    a["status"] = "active";
    a["publisher"] = "rehabplan";
    put(a, "description", description);
    if (!citations.empty()) a["relatedArtifact"] = related_citations(citations);
    a["kind"] = "ServiceRequest";
    a["code"] = std::move(code);
    return a;
}

std::string type_label(const std::string& lang, SessionType t) { return tr(lang, std::string("print.type.") + to_string(t)); }

std::vector<std::pair<std::string, ojson>> definitions(const Context& c, const ProgrammeContent& pc) {
    std::vector<std::pair<std::string, ojson>> out;
    const ProgrammeSet& set = builtin_programmes();
    const auto prog = set.programmes.find(c.plan.programme);
    const bool known = prog != set.programmes.end();

    ojson pd;
    const std::string pd_id = fhir_id(c.plan.programme.empty() ? "plan-" + c.key : c.plan.programme);
    const std::string pd_url = canonical("PlanDefinition", pd_id);
    const std::string title = known ? prog->second.title.in(c.lang) : c.plan.programme;
    const std::string description =
        known ? prog->second.summary.in(c.lang) : tr(c.lang, "fhir.programme_unknown", {arg("name", c.plan.programme)});
    pd["resourceType"] = "PlanDefinition";
    pd["id"] = pd_id;
    pd["language"] = c.lang;
    pd["text"] = narrative({title, description});
    pd["url"] = pd_url;
    pd["version"] = definition_version;
    pd["name"] = computable_name("", c.plan.programme.empty() ? "plan" : c.plan.programme);
    put(pd, "title", title);
    pd["type"] = ojson{{"coding", ojson::array({ojson{{"system", system_url("plan_definition_type")},
                                                      {"code", "clinical-protocol"},
                                                      {"display", "Clinical Protocol"}}})}};
    pd["status"] = "active";
    pd["publisher"] = "rehabplan";
    put(pd, "description", description);
    if (known && !prog->second.reference_keys.empty()) pd["relatedArtifact"] = related_citations(c.rules.reference_texts(prog->second.reference_keys));
    ojson actions = ojson::array();
    for (SessionType t : pc.types)
        actions.push_back(ojson{{"title", type_label(c.lang, t)}, {"definitionCanonical", versioned(session_definition(t))}});
    for (const auto& m : pc.measures) {
        const std::string name = has_message("measure." + m) ? tr(c.lang, "measure." + m) : m;
        actions.push_back(ojson{{"title", name}, {"definitionCanonical", versioned(measure_definition(m))}});
    }
    pd["action"] = actions;
    out.emplace_back(pd_url, pd);

    for (SessionType t : pc.types) {
        const std::string kind = type_label(c.lang, t);
        std::vector<std::string> keys;
        for (const auto& rule : terms().at("session_types").at(to_string(t)).at("rules")) {
            const auto& cited = c.rules.rules.at(rule.get<std::string>()).reference_keys;
            for (const auto& k : cited)
                if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
        }
        const std::string url = session_definition(t);
        out.emplace_back(url, activity_definition(c, url, fhir_id(std::string("session-") + to_string(t)),
                                                  computable_name("Session", to_string(t)), kind,
                                                  tr(c.lang, "fhir.activity.description", {arg("kind", kind)}),
                                                  c.rules.reference_texts(keys), session_code(t, kind, kind)));
    }
    for (const auto& m : pc.measures) {
        const std::string name = has_message("measure." + m) ? tr(c.lang, "measure." + m) : m;
        const std::string url = measure_definition(m);
        out.emplace_back(url, activity_definition(c, url, fhir_id("measure-" + m), computable_name("Measure", m), name,
                                                  tr(c.lang, "fhir.measure.description", {arg("name", name)}), {},
                                                  measure_code(m, name)));
    }
    return out;
}

ojson careplan(const Context& c, const std::vector<std::string>& goal_urls, const std::string& pd_url) {
    const PlanView& v = c.view;
    const Plan& plan = c.plan;
    ojson cp;
    cp["resourceType"] = "CarePlan";
    cp["language"] = c.lang;

    std::vector<std::string> stop_lines{v.stop_title};
    for (const auto& s : v.stop_signals) stop_lines.push_back("- " + s);
    stop_lines.push_back(v.stop_emergency);
    const std::string stop_text = join(stop_lines, "\n");
    const std::string title = !v.programme.empty() ? builtin_programmes().programmes.at(plan.programme).title.in(c.lang) : v.title;
    std::vector<std::string> description_parts{v.period + "."};
    for (const auto* s : {&v.full_dose, &v.daily_steps})
        if (!s->empty()) description_parts.push_back(*s);
    const std::string description = join(description_parts, " ");
    cp["text"] = narrative({title, description, join(v.who, "\n"), stop_text});

    ojson contained = ojson::array();
    ojson addresses = ojson::array();
    if (plan.patient)
        for (ConditionType t : plan.patient->conditions) {
            const std::string id = fhir_id(std::string("condition-") + to_string(t));
            if (std::any_of(contained.begin(), contained.end(), [&](const ojson& e) { return e["id"] == id; })) continue;
            ojson cond;
            cond["resourceType"] = "Condition";
            cond["id"] = id;
            cond["clinicalStatus"] = ojson{{"coding", ojson::array({ojson{{"system", system_url("condition_clinical")}, {"code", "active"}}})}};
            cond["code"] = ojson{{"coding", ojson::array({coding(terms().at("conditions").at(to_string(t)))})},
                                 {"text", tr(c.lang, std::string("print.condition.") + to_string(t))}};
            cond["subject"] = c.subject;
            contained.push_back(cond);
            addresses.push_back(reference("#" + id, "Condition"));
        }
    if (!contained.empty()) cp["contained"] = contained;

    ojson ext = ojson::array();
    for (std::size_t i = 0; i < plan.stop_signals.size() && i < v.stop_signals.size(); ++i) {
        ojson concept;
        // Only the library's own signals are codes of its (complete) code system; a clinic's
        // own signal is text.
        if (has_message("signal." + plan.stop_signals[i]))
            concept["coding"] = ojson::array({own_coding("stop_signal", plan.stop_signals[i], v.stop_signals[i])});
        put(concept, "text", v.stop_signals[i]);
        ext.push_back(ojson{{"url", extension_url("stop-signal")}, {"valueCodeableConcept", concept}});
    }
    if (!ext.empty()) cp["extension"] = ext;

    cp["identifier"] = ojson::array({ojson{{"system", base() + "/plan-id"}, {"value", c.key}}});
    cp["instantiatesCanonical"] = ojson::array({versioned(pd_url)});
    cp["status"] = plan_status(plan);
    cp["intent"] = "plan";
    cp["category"] = ojson::array({ojson{{"coding", ojson::array({coding(terms().at("category"))})}}});
    put(cp, "title", title);
    put(cp, "description", description);
    cp["subject"] = c.subject;
    cp["period"] = ojson{{"start", plan.start_date.to_string()}, {"end", plan.end_date().to_string()}};
    if (!addresses.empty()) cp["addresses"] = addresses;
    ojson gs = ojson::array();
    for (const auto& g : goal_urls) gs.push_back(reference(g, "Goal"));
    if (!gs.empty()) cp["goal"] = gs;

    ojson activities = ojson::array();
    for (const Run& r : session_runs(v)) activities.push_back(session_activity(v, r));
    for (ojson& a : measure_activities(v, plan)) activities.push_back(std::move(a));
    if (!activities.empty()) cp["activity"] = activities;

    ojson notes = ojson::array({note(stop_text)});
    if (!trimmed(v.notes).empty()) notes.push_back(note(v.notes));
    cp["note"] = notes;
    return cp;
}

ojson entry(const std::string& full_url, ojson resource) { return ojson{{"fullUrl", full_url}, {"resource", std::move(resource)}}; }

}  // namespace

nlohmann::ordered_json fhir_bundle(const PlanView& view, const Plan& plan, const RuleSet& rules) {
    const std::string key = plan_key(plan);
    Context c{view, plan, rules, EffectiveRules(rules, rules_patient(plan)), Uuids(key), key, "", {}, view.lang};
    c.careplan_url = c.ids.urn("CarePlan");
    c.subject = subject_reference(view, plan);

    const ProgrammeContent content = template_content(plan);
    const auto defs = definitions(c, content);
    const auto gs = goals(c);
    std::vector<std::string> goal_urls;
    for (const auto& g : gs) goal_urls.push_back(c.ids.urn(g.first));

    ojson entries = ojson::array();
    entries.push_back(entry(c.careplan_url, careplan(c, goal_urls, defs.front().first)));
    for (std::size_t i = 0; i < gs.size(); ++i) entries.push_back(entry(goal_urls[i], gs[i].second));
    for (std::size_t i = 0; i < plan.findings.size() && i < view.findings.size(); ++i)
        entries.push_back(entry(c.ids.urn("DetectedIssue/" + std::to_string(i + 1)), detected_issue(c, plan.findings[i], view.findings[i])));
    for (const auto& [url, resource] : defs) entries.push_back(entry(url, resource));

    ojson bundle;
    bundle["resourceType"] = "Bundle";
    bundle["id"] = key;
    bundle["language"] = view.lang;
    bundle["identifier"] = ojson{{"system", base() + "/plan-id"}, {"value", key}};
    bundle["type"] = "collection";
    bundle["entry"] = entries;
    return bundle;
}

std::string render_fhir(const PlanView& view, const Plan& plan, const RuleSet& rules) {
    return fhir_bundle(view, plan, rules).dump(2) + "\n";
}

}  // namespace rehabplan::detail
