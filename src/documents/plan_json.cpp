// Plan document -> Plan. Limits follow schema/plan.schema.json; the semantic checks
// (dates inside the plan, low <= high, blocks adding up) follow schema/README.md.
#include <algorithm>
#include <string_view>
#include <unordered_map>

#include "core/document_limits.hpp"
#include "documents/documents.hpp"
#include "core/json_reader.hpp"
#include "documents/json.hpp"
#include "planning/measures.hpp"
#include "rules/heart_rate.hpp"

namespace rehabplan {

using namespace detail;

namespace {

std::optional<Range> read_range(ObjectReader& r, const char* low, const char* high, std::int64_t min, std::int64_t max) {
    // Each member looked up once (get), then checked as integer() checks it.
    const json* low_value = r.get(low);
    const json* high_value = r.get(high);
    if (!low_value != !high_value)
        fail(child_path(r.path(), low_value ? high : low),
             std::string("missing required field; ") + low + " and " + high + " come together");
    if (!low_value) return std::nullopt;
    const PathRef here = r.where();
    const std::int64_t l = as_integer(*low_value, here.child(low), min, max);
    const std::int64_t h = as_integer(*high_value, here.child(high), min, max);
    if (l > h)
        fail(child_path(r.path(), low), std::string("expected ") + low + " <= " + high + ", got " +
                                            std::to_string(l) + " > " + std::to_string(h));
    return Range{static_cast<int>(l), static_cast<int>(h)};
}

// A message key: lower-case words joined by dots ("gen.exposure.title", "slot.walk.main").
bool is_message_key(const std::string& key) {
    if (key.empty() || key.size() > 128 || key[0] < 'a' || key[0] > 'z' || key.back() == '.') return false;
    for (std::size_t i = 0; i < key.size(); ++i) {
        const char c = key[i];
        const bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        if (!word && !(c == '.' && key[i - 1] != '.')) return false;
    }
    return true;
}

// The fields of one message: "key", "args" ({name: "value" or {"en", "nl"}}) and, after
// the first of several, "separator". The key is checked for its form only: a key this
// version does not know leaves the stored text as written (schema/README.md, "Stored
// messages").
PlanMessage read_message_fields(ObjectReader& r, bool separator_allowed) {
    const PathRef path = r.where();
    PlanMessage m;
    m.key = *r.view("key", true, 128);
    if (!is_message_key(m.key))
        fail(path.child("key").str(), "expected a message key (lower-case words joined by dots, e.g. gen.exposure.title), got " +
                                describe_value(m.key));
    if (const json* a = r.object("args", false)) {
        const PathRef args = path.child("args");
        if (a->size() > 16) fail(args.str(), "expected at most 16 arguments, got " + std::to_string(a->size()));
        m.args.reserve(a->size());
        for (auto it = a->begin(); it != a->end(); ++it) {
            const PathRef p = args.child(it.key_view());
            std::string name = as_identifier(it.key_view(), p);
            if (it.value().is_string()) {
                m.args.push_back(arg(std::move(name), as_string(it.value(), p, 2000)));
            } else if (it.value().is_object()) {
                m.args.push_back(arg(std::move(name), as_text(it.value(), p)));
            } else {
                fail(p.str(), "expected a string or an object with en and nl, got " + type_name(it.value()));
            }
        }
    }
    if (separator_allowed) {
        m.separator = r.string("separator", false, 4).value_or(" ");
        if (m.separator.empty() || m.separator.find_first_not_of(" \n") != std::string::npos)
            fail(path.child("separator").str(), "expected 1-4 spaces or line breaks, got " + describe_value(m.separator));
    } else {
        r.forbid("separator", "only a message after the first of a text has a separator");
    }
    return m;
}

// {"key", "args", "digest"} or {"parts": [{"key", "args", "separator"}, ...], "digest"}.
GeneratedText read_generated(const json& v, const PathRef& path) {
    ObjectReader r(v, path);
    GeneratedText g;
    if (const json* a = r.array("parts", 1, 64, false)) {
        r.forbid("key", "a text of several messages has them under parts");
        r.forbid("args", "a text of several messages has them under parts");
        const PathRef parts = path.child("parts");
        g.messages.reserve(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) {
            const PathRef part = parts.element(i);
            ObjectReader pr((*a)[i], part);
            g.messages.push_back(read_message_fields(pr, i > 0));
            pr.finish();
        }
    } else {
        g.messages.push_back(read_message_fields(r, false));
    }
    if (auto d = r.view("digest", false, 16)) {
        const auto lower_hex = [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); };
        if (d->size() != 16 || !std::all_of(d->begin(), d->end(), lower_hex))
            fail(path.child("digest").str(), "expected 16 lower-case hex digits, got " + describe_value(*d));
        g.digest = *d;
    }
    r.finish();
    return g;
}

// The stored texts of one plan being read. A 12-week plan stores about 500 texts of a few
// dozen kinds (each session of a slot has the same title and blocks), and reading them cost
// more than the rest of the sessions: a text written exactly like one read before (the same
// digest, members and order) is copied from it, as the same bytes pass the same checks.
class StoredTexts {
public:
    GeneratedText read(const json& v, const PathRef& path) {
        std::size_t position = 0;
        const json* digest = v.find_member("digest", position);
        if (digest == nullptr || !digest->is_string()) return read_generated(v, path);
        const auto seen = seen_.find(digest->str());
        if (seen != seen_.end()) {
            if (written_alike(*seen->second.source, v)) return seen->second.text;
            return read_generated(v, path);  // other messages giving the same text
        }
        GeneratedText g = read_generated(v, path);
        seen_.emplace(digest->str(), Seen{&v, g});
        return g;
    }

private:
    struct Seen {
        const json* source;
        GeneratedText text;
    };
    std::unordered_map<std::string_view, Seen> seen_;  // by digest; views into the document
};

Intensity read_intensity(const json& v, const PathRef& path) {
    ObjectReader r(v, path);
    Intensity in;
    in.klass = *read_enum<IntensityClass>(r, "class", true);
    in.hr_bpm = read_range(r, "hr_low_bpm", "hr_high_bpm", 40, 230);
    in.percent_hrmax = read_range(r, "percent_low", "percent_high", 20, 100);
    in.rpe = read_range(r, "rpe_low", "rpe_high", 6, 20);
    if (auto c = r.integer("hr_ceiling_bpm", 40, 230, false)) in.hr_ceiling_bpm = static_cast<int>(*c);
    r.finish();
    return in;
}

// One prescribed exercise (schema/README.md, "Session exercises"): exactly one of
// repetitions, seconds and minutes; extra_side and extra_sets come together. Whether the
// library knows the ID and the patient may do it is the validator's (exercise.suitability).
ExerciseDose read_exercise_dose(const json& v, const PathRef& path) {
    ObjectReader r(v, path);
    ExerciseDose e;
    e.id = *r.identifier("id", true);
    e.name = *r.view("name", true, 200);
    if (e.name.empty()) fail(path.child("name").str(), "expected a non-empty string of at most 200 characters");
    e.chain = *r.identifier("chain", true);
    e.level = static_cast<int>(*r.integer("level", 1, 20, true));
    e.sets = static_cast<int>(*r.integer("sets", 1, 10, true));
    // Each amount looked up once, then checked as integer() checks it: a dose has one of the
    // three, and a lookup that finds nothing has read every name of the dose.
    const json* repetitions = r.get("repetitions");
    const json* seconds = r.get("seconds");
    const json* minutes = r.get("minutes");
    const int amounts = int(repetitions != nullptr) + int(seconds != nullptr) + int(minutes != nullptr);
    if (amounts != 1)
        fail(path.str(), "expected exactly one of repetitions, seconds and minutes, got " + std::to_string(amounts));
    if (repetitions) e.repetitions = static_cast<int>(as_integer(*repetitions, path.child("repetitions"), 1, 100));
    if (seconds) e.seconds = static_cast<int>(as_integer(*seconds, path.child("seconds"), 1, 600));
    if (minutes) e.minutes = static_cast<int>(as_integer(*minutes, path.child("minutes"), 1, 120));
    e.per_side = r.boolean("per_side", false).value_or(false);
    e.rest_seconds = static_cast<int>(r.integer("rest_seconds", 0, 600, false).value_or(0));
    if (const json* rpe = r.object("rpe", false)) {
        const PathRef rpe_path = path.child("rpe");
        ObjectReader rr(*rpe, rpe_path);
        const int low = static_cast<int>(*rr.integer("low", 6, 20, true));
        const int high = static_cast<int>(*rr.integer("high", 6, 20, true));
        rr.finish();
        if (low > high)
            fail(rpe_path.child("low").str(), "expected low <= high, got " + std::to_string(low) + " > " + std::to_string(high));
        e.rpe = Range{low, high};
    }
    // The same for the extras, which most doses lack.
    const bool extra_side = r.get("extra_side") != nullptr, extra_sets = r.get("extra_sets") != nullptr;
    if (extra_side != extra_sets)
        fail(path.child(extra_side ? "extra_sets" : "extra_side").str(),
             "missing required field; extra_side and extra_sets come together");
    if (extra_side) {
        e.extra_side = read_enum<BodySide>(r, "extra_side", true);
        e.extra_sets = static_cast<int>(*r.integer("extra_sets", 1, 10, true));
    }
    r.finish();
    return e;
}

SessionPlan read_session(const json& v, const PathRef& path, const Plan& plan, StoredTexts& texts) {
    ObjectReader r(v, path);
    SessionPlan s;
    s.date = *r.date("date", true);
    if (s.date < plan.start_date || s.date > plan.end_date())
        fail(path.child("date").str(), "expected a date inside the plan (" + plan.start_date.to_string() + " to " +
                                  plan.end_date().to_string() + "), got " + s.date.to_string());
    s.type = *read_enum<SessionType>(r, "type", true);
    s.minutes = static_cast<int>(*r.integer("minutes", 1, 480, true));
    s.title = r.view("title", false, 200).value_or("");
    s.note = r.view("note", false, 2000).value_or("");
    if (const json* m = r.object("title_message", false)) s.title_message = texts.read(*m, path.child("title_message"));
    if (const json* m = r.object("note_message", false)) s.note_message = texts.read(*m, path.child("note_message"));
    if (const json* in = r.object("intensity", false)) s.intensity = read_intensity(*in, path.child("intensity"));
    if (s.type == SessionType::hiit) {
        const json* h = r.object("hiit", true);
        const PathRef hiit = path.child("hiit");
        ObjectReader hr(*h, hiit);
        HiitIntervals iv;
        iv.work_seconds = static_cast<int>(*hr.integer("work_seconds", 5, 600, true));
        iv.recovery_seconds = static_cast<int>(*hr.integer("recovery_seconds", 5, 600, true));
        iv.repeats = static_cast<int>(*hr.integer("repeats", 1, 50, true));
        hr.finish();
        s.hiit = iv;
    } else {
        r.forbid("hiit", "only a session of type hiit has hiit intervals");
    }
    if (const json* a = r.array("blocks", 1, max_session_blocks, false)) {
        int total = 0;
        const PathRef blocks = path.child("blocks");
        s.blocks.reserve(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) {
            const PathRef block = blocks.element(i);
            ObjectReader br((*a)[i], block);
            Block b;
            b.kind = *read_enum<BlockKind>(br, "kind", true);
            b.minutes = static_cast<int>(*br.integer("minutes", 1, 480, true));
            b.description = br.view("description", false, 500).value_or("");
            if (const json* m = br.object("description_message", false))
                b.description_message = texts.read(*m, block.child("description_message"));
            br.finish();
            total += b.minutes;
            s.blocks.push_back(std::move(b));
        }
        if (total != s.minutes)
            fail(blocks.str(), "expected block minutes adding up to the session's " + std::to_string(s.minutes) +
                                       " minutes, got " + std::to_string(total));
    }
    if (auto step = r.integer("concussion_step", 1, 6, false)) s.concussion_step = static_cast<int>(*step);
    if (auto stage = r.enumeration("concussion_stage", {"2A", "2B"}, false)) {
        if (s.concussion_step != 2) fail(path.child("concussion_stage").str(), "expected only beside concussion_step 2");
        s.concussion_stage = *stage;
    }
    if (auto sup = r.boolean("supervised", false)) s.supervised = *sup;
    if (const json* a = r.array("exercises", 1, max_session_exercises, false)) {
        const PathRef exercises = path.child("exercises");
        s.exercises.reserve(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) s.exercises.push_back(read_exercise_dose((*a)[i], exercises.element(i)));
    }
    r.finish();
    return s;
}

// A concussion return's ladder (concussion.return): its steps in order, each dated or
// held behind its gates; an undated step is never followed by a dated one.
ReturnLadderPlan read_ladder(const json& v, const std::string& path, StoredTexts& texts) {
    ObjectReader r(v, path);
    ReturnLadderPlan l;
    l.ladder = *read_enum<ReturnLadder>(r, "ladder", true);
    l.sport = r.view("sport", false, 100).value_or("");
    const json* a = r.array("steps", 1, 10, true);
    bool undated = false;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const std::string sp = child_path(path + "/steps", i);
        ObjectReader sr((*a)[i], sp);
        ReturnStep st;
        st.step = *sr.enumeration("step", {"1", "2", "2A", "2B", "3", "4", "5", "6"}, true);
        st.from = sr.date("from", false);
        if (st.from && undated) fail(sp + "/from", "expected no date after an undated step");
        if (st.from && !l.steps.empty() && l.steps.back().from && *st.from < *l.steps.back().from)
            fail(sp + "/from", "expected a date on or after the step before (" + l.steps.back().from->to_string() + "), got " +
                                   st.from->to_string());
        undated = undated || !st.from;
        if (const json* g = sr.array("gates", 0, 2, false)) {
            for (std::size_t k = 0; k < g->size(); ++k)
                st.gates.push_back(as_enum((*g)[k], child_path(sp + "/gates", k), {"symptoms_resolved", "cleared"}));
            require_unique_strings(*g, sp + "/gates");
        }
        st.title = sr.view("title", false, 200).value_or("");
        st.description = sr.view("description", false, 2000).value_or("");
        if (const json* m = sr.object("title_message", false)) st.title_message = texts.read(*m, sp + "/title_message");
        if (const json* m = sr.object("description_message", false))
            st.description_message = texts.read(*m, sp + "/description_message");
        sr.finish();
        l.steps.push_back(std::move(st));
    }
    r.finish();
    return l;
}

PlanPatient read_patient(const json& v) {
    ObjectReader r(v, "/patient");
    PlanPatient p;
    p.id = r.view("id", false, 64).value_or("");
    p.age = static_cast<int>(*r.integer("age", 12, 110, true));
    if (const json* a = r.array("conditions", 0, 16, false)) {
        for (std::size_t i = 0; i < a->size(); ++i)
            p.conditions.push_back(as_enum_value<ConditionType>((*a)[i], child_path("/patient/conditions", i)));
        require_unique_strings(*a, "/patient/conditions");
    }
    p.beta_blocker = r.boolean("beta_blocker", false).value_or(false);
    if (const json* c = r.object("clearance", false)) p.clearance = clearance_from_json(*c, "/patient/clearance");
    if (auto f = r.integer("falls_past_year", 0, 100, false)) p.falls_past_year = static_cast<int>(*f);
    r.finish();
    return p;
}

PlanZone read_zone(const json& v) {
    const std::string path = "/heart_rate_zone";
    ObjectReader r(v, path);
    PlanZone z;
    z.basis = *r.enumeration("basis", enum_names<ZoneBasis>(), true);
    // low_bpm is 0 when heart rate only caps the effort (basis rpe).
    z.low_bpm = static_cast<int>(*r.integer("low_bpm", 0, 230, true));
    z.high_bpm = static_cast<int>(*r.integer("high_bpm", 40, 230, true));
    if (z.low_bpm > z.high_bpm)
        fail(path + "/low_bpm", "expected low_bpm <= high_bpm, got " + std::to_string(z.low_bpm) + " > " + std::to_string(z.high_bpm));
    z.rpe = read_range(r, "rpe_low", "rpe_high", 6, 20);
    z.hrmax_bpm = static_cast<int>(*r.integer("hrmax_bpm", 40, 250, true));
    z.hrmax_source = *r.identifier("hrmax_source", true);
    z.low_formula = as_text(*r.object("low_formula", true), path + "/low_formula");
    z.high_formula = as_text(*r.object("high_formula", true), path + "/high_formula");
    r.finish();
    return z;
}

// The Monday of ISO week "YYYY-Www", or nullopt for a week that does not exist.
std::optional<Date> iso_week_monday(const std::string& s) {
    if (s.size() != 8 || s[4] != '-' || s[5] != 'W') return std::nullopt;
    for (std::size_t i : {0u, 1u, 2u, 3u, 6u, 7u})
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
    const int year = std::stoi(s.substr(0, 4)), week = std::stoi(s.substr(6, 2));
    const auto jan4 = Date::from_ymd(year, 1, 4);
    if (!jan4 || week < 1) return std::nullopt;
    const Date monday = jan4->monday().plus_days(7 * (week - 1));
    if (monday.iso_week() != s) return std::nullopt;  // week 53 of a 52-week year
    return monday;
}

Finding read_finding(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    Finding f;
    f.rule = *r.view("rule", true, 128);
    f.severity = *read_enum<Severity>(r, "severity", true);
    f.path = *r.view("path", true, 1000);
    if (!f.path.empty() && f.path[0] != '/') fail(path + "/path", "expected a JSON Pointer (\"\" or starting with /), got " + describe_value(f.path));
    for (const char* key : {"week", "date"}) {
        const json* w = r.get(key);
        if (!w || w->is_null()) continue;
        if (std::string(key) == "date") {
            f.date = as_date(*w, path + "/date");
        } else {
            const std::string text = as_string(*w, path + "/week", 8);
            f.week = iso_week_monday(text);
            if (!f.week) fail(path + "/week", "expected an ISO week YYYY-Www, got " + describe_value(*w));
        }
    }
    f.expected = r.view("expected", false, 2000).value_or("");
    f.actual = r.view("actual", false, 2000).value_or("");
    f.message = as_text(*r.object("message", true), path + "/message");
    if (const json* a = r.array("citations", 0, 64, true))
        for (std::size_t i = 0; i < a->size(); ++i) f.citations.push_back(as_string((*a)[i], child_path(path + "/citations", i), 2000));
    r.finish();
    return f;
}

// One treatment of the plan's priming record (plan.priming): its doses ascending, its
// window opening before it closes.
PlanPriming read_priming(const json& v, const std::string& path) {
    ObjectReader tr(v, path);
    PlanPriming t;
    t.type = *tr.identifier("type", true);
    const json* dates = tr.array("dates", 1, 400, true);
    for (std::size_t k = 0; k < dates->size(); ++k) {
        t.dates.push_back(as_date((*dates)[k], child_path(path + "/dates", k)));
        if (k > 0 && !(t.dates[k - 1] < t.dates[k]))
            fail(child_path(path + "/dates", k), "expected dates in ascending order without repeats");
    }
    t.window.start_hours = static_cast<int>(*tr.integer("window_start_hours", 0, 335, true));
    t.window.end_hours = static_cast<int>(*tr.integer("window_end_hours", 1, 336, true));
    if (t.window.end_hours <= t.window.start_hours)
        fail(path + "/window_end_hours", "expected more than window_start_hours " + std::to_string(t.window.start_hours) +
                                             ", got " + std::to_string(t.window.end_hours));
    t.rest_on_dates = *tr.boolean("rest_on_dates", true);
    tr.finish();
    return t;
}

Plan read_plan(const json& doc) {
    ObjectReader r(doc, "");
    Plan p;
    StoredTexts texts;
    r.integer("schema_version", 1, 1, true);
    p.start_date = *r.date("start_date", true);
    p.weeks = static_cast<int>(*r.integer("weeks", 1, 52, true));
    p.programme = r.identifier("programme", false).value_or("");
    p.patient_facing = r.boolean("patient_facing", false).value_or(true);
    if (const json* a = r.array("stop_signals", 0, 64, false)) {
        for (std::size_t i = 0; i < a->size(); ++i)
            p.stop_signals.push_back(as_identifier((*a)[i], child_path("/stop_signals", i)));
        require_unique_strings(*a, "/stop_signals");
    }
    p.language = r.enumeration("language", {"en", "nl"}, false).value_or("");
    if (auto w = r.integer("full_dose_week", 1, 52, false)) {
        if (*w > p.weeks) fail("/full_dose_week", "expected a week of the plan (1-" + std::to_string(p.weeks) + "), got " + std::to_string(*w));
        p.full_dose_week = static_cast<int>(*w);
    }
    if (const json* d = r.object("daily_steps", false)) {
        ObjectReader dr(*d, "/daily_steps");
        p.daily_steps = read_range(dr, "low", "high", 0, 50000);
        if (!p.daily_steps) fail("/daily_steps", "expected low and high");
        dr.finish();
    }
    if (const json* a = r.array("daily_steps_weeks", 1, 52, false)) {
        if (a->size() > static_cast<std::size_t>(p.weeks))
            fail("/daily_steps_weeks", "expected at most one target per plan week (" + std::to_string(p.weeks) + ")");
        for (std::size_t i = 0; i < a->size(); ++i)
            p.daily_steps_weeks.push_back(static_cast<int>(as_integer((*a)[i], child_path("/daily_steps_weeks", i), 0, 50000)));
    }
    if (const json* d = r.object("paused", false)) {
        ObjectReader pr(*d, "/paused");
        PlanPause pause;
        pause.since = *pr.date("since", true);
        pause.signal_date = *pr.date("signal_date", true);
        if (pause.since < p.start_date || pause.since > p.end_date())
            fail("/paused/since", "expected a date inside the plan (" + p.start_date.to_string() + " to " +
                                      p.end_date().to_string() + "), got " + pause.since.to_string());
        if (pause.since < pause.signal_date)
            fail("/paused/signal_date", "expected a date on or before the pause (" + pause.since.to_string() + "), got " +
                                            pause.signal_date.to_string());
        pr.finish();
        p.paused = pause;
    }
    if (const json* a = r.array("return_ladders", 0, 4, false)) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            ReturnLadderPlan l = read_ladder((*a)[i], child_path("/return_ladders", i), texts);
            for (const ReturnLadderPlan& other : p.return_ladders)
                if (other.ladder == l.ladder)
                    fail(child_path("/return_ladders", i) + "/ladder", std::string("ladder \"") + to_string(l.ladder) + "\" is listed twice");
            p.return_ladders.push_back(std::move(l));
        }
    }
    if (const json* a = r.array("priming", 0, 8, false))
        for (std::size_t i = 0; i < a->size(); ++i) p.priming.push_back(read_priming((*a)[i], child_path("/priming", i)));
    const json* sessions = r.array("sessions", 0, 2000, true);
    p.sessions.reserve(sessions->size());
    const PathRef sessions_path("/sessions");
    for (std::size_t i = 0; i < sessions->size(); ++i)
        p.sessions.push_back(read_session((*sessions)[i], sessions_path.element(i), p, texts));
    if (const json* a = r.array("outcome_measures", 0, 200, false)) {
        for (std::size_t i = 0; i < a->size(); ++i) {
            const std::string path = child_path("/outcome_measures", i);
            ObjectReader m((*a)[i], path);
            OutcomeMeasure om;
            om.date = *m.date("date", true);
            if (om.date < p.start_date || om.date > p.end_date())
                fail(path + "/date", "expected a date inside the plan (" + p.start_date.to_string() + " to " +
                                         p.end_date().to_string() + "), got " + om.date.to_string());
            om.measure = *m.enumeration("measure", Names(measure_ids().data(), measure_ids().size()), true);
            m.finish();
            p.outcome_measures.push_back(om);
        }
    }
    p.notes = r.view("notes", false, 10000).value_or("");
    if (const json* m = r.object("notes_message", false)) p.notes_message = texts.read(*m, "/notes_message");
    if (const json* v = r.object("patient", false)) p.patient = read_patient(*v);
    if (const json* v = r.object("heart_rate_zone", false)) p.zone = read_zone(*v);
    if (const json* a = r.array("findings", 0, 2000, false))
        for (std::size_t i = 0; i < a->size(); ++i) p.findings.push_back(read_finding((*a)[i], child_path("/findings", i)));
    r.finish();
    return p;
}

}  // namespace

Plan detail::plan_from_json(const json& doc) { return read_plan(doc); }

Result<Plan> parse_plan(std::string_view text) {
    return guarded<Plan>([&] { return read_plan(parse_document(text)); });
}

}  // namespace rehabplan
