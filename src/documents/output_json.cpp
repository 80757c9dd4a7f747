// Model -> JSON, streamed through a JsonWriter with the members in the schema's order; the
// output is a pure function of its input (byte-identical for the same model).
#include "documents/output_json.hpp"

#include <string_view>
#include <unordered_map>

#include "documents/json.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

using detail::JsonWriter;
using detail::write_finding;
using detail::write_text;

namespace {

void range_pair(JsonWriter& w, const char* low, const char* high, const std::optional<Range>& r) {
    if (r) {
        w.member(low, r->low);
        w.member(high, r->high);
    }
}

void low_high(JsonWriter& w, const Range& r) {
    w.begin_object();
    w.member("low", r.low).member("high", r.high);
    w.end_object();
}

void int_array(JsonWriter& w, const std::vector<int>& values) {
    w.begin_array();
    for (int v : values) w.value(v);
    w.end_array();
}

void param_value(JsonWriter& w, const ParamValue& v) {
    std::visit([&w](const auto& x) { w.value(x); }, static_cast<const ParamVariant&>(v));
}

void limit(JsonWriter& w, const HeartRateLimit& l) {
    w.begin_object();
    w.member("bpm", static_cast<double>(l.e4_bpm) / 10000.0).member("rule", l.rule).member("param", l.param);
    w.member("source", l.source);
    write_text(w.key("basis"), l.basis);
    w.end_object();
}

// {"key": ..., "args": {...}}'s members: an argument the same in both languages is a
// string, else {"en", "nl"}; arguments by name (as a reader sees them), "args" left out when empty.
void message_members(JsonWriter& w, const PlanMessage& m) {
    w.member("key", m.key);
    if (m.args.empty()) return;
    // By name, the first of two with one name, as a std::map of them gave it. A message has
    // a few: pointers on the stack, sorted by insertion (stable), where the map took an
    // allocation per argument (issue 21).
    const detail::Arg* few[8];
    std::vector<const detail::Arg*> many(m.args.size() > 8 ? m.args.size() : 0);
    const detail::Arg** args = many.empty() ? few : many.data();
    const std::size_t count = m.args.size();
    for (std::size_t i = 0; i < count; ++i) {
        const detail::Arg* a = &m.args[i];
        std::size_t j = i;
        for (; j > 0 && a->name < args[j - 1]->name; --j) args[j] = args[j - 1];
        args[j] = a;
    }
    w.key("args").begin_object();
    for (std::size_t i = 0; i < count; ++i) {
        if (i > 0 && args[i]->name == args[i - 1]->name) continue;
        const Text& value = args[i]->value;
        w.key(args[i]->name);
        if (value.en == value.nl) w.value(value.en);
        else write_text(w, value);
    }
    w.end_object();
}

// A generated text: one message as {"key", "args", "digest"}, several as {"parts":
// [...], "digest"} with each separator other than the default " " (never the first's).
void generated(JsonWriter& w, const GeneratedText& g) {
    w.begin_object();
    if (g.messages.size() == 1) {
        message_members(w, g.messages.front());
    } else {
        w.key("parts").begin_array();
        for (std::size_t i = 0; i < g.messages.size(); ++i) {
            w.begin_object();
            message_members(w, g.messages[i]);
            if (i > 0 && g.messages[i].separator != " ") w.member("separator", g.messages[i].separator);
            w.end_object();
        }
        w.end_array();
    }
    if (!g.digest.empty()) w.member("digest", g.digest);
    w.end_object();
}

// The stored texts of one plan written so far. A 12-week plan repeats a few dozen texts
// about 500 times (every session of a slot has the same title and blocks): a text like one
// written before, at the same depth, is written as the same bytes again (issue 21).
class TextsWritten {
public:
    void member(JsonWriter& w, const char* key, const std::optional<GeneratedText>& g) {
        if (!g) return;
        w.key(key);
        if (g->digest.empty()) {
            generated(w, *g);
            return;
        }
        const auto seen = written_.find(g->digest);
        if (seen != written_.end() && seen->second.depth == w.depth() && *seen->second.text == *g) {
            w.again(seen->second.bytes);
            return;
        }
        const std::size_t mark = w.mark();
        generated(w, *g);
        if (seen == written_.end()) written_.emplace(g->digest, Written{&*g, w.depth(), w.copy(mark)});
    }

private:
    struct Written {
        const GeneratedText* text;  // in the plan being written
        std::size_t depth;
        std::string bytes;
    };
    std::unordered_map<std::string_view, Written> written_;  // by digest (views of text->digest)
};

// A session's exercises (schema/README.md, "Session exercises"): one of repetitions,
// seconds and minutes; extra_side and extra_sets only for the affected side after a stroke.
void exercises(JsonWriter& w, const std::vector<ExerciseDose>& exercises) {
    w.begin_array();
    for (const ExerciseDose& e : exercises) {
        w.begin_object();
        w.member("id", e.id).member("name", e.name).member("chain", e.chain).member("level", e.level);
        w.member("sets", e.sets);
        w.optional_member("repetitions", e.repetitions);
        w.optional_member("seconds", e.seconds);
        w.optional_member("minutes", e.minutes);
        w.member("per_side", e.per_side).member("rest_seconds", e.rest_seconds);
        if (e.rpe) low_high(w.key("rpe"), *e.rpe);
        if (e.extra_side) w.member("extra_side", to_string(*e.extra_side)).member("extra_sets", e.extra_sets);
        w.end_object();
    }
    w.end_array();
}

void return_ladders(JsonWriter& w, const std::vector<ReturnLadderPlan>& ladders, TextsWritten& texts) {
    w.begin_array();
    for (const ReturnLadderPlan& l : ladders) {
        w.begin_object();
        w.member("ladder", to_string(l.ladder));
        if (!l.sport.empty()) w.member("sport", l.sport);
        w.key("steps").begin_array();
        for (const ReturnStep& st : l.steps) {
            w.begin_object();
            w.member("step", st.step);
            if (st.from) w.member("from", st.from->to_string());
            if (!st.gates.empty()) w.member("gates", st.gates);
            if (!st.title.empty()) w.member("title", st.title);
            if (!st.description.empty()) w.member("description", st.description);
            texts.member(w, "title_message", st.title_message);
            texts.member(w, "description_message", st.description_message);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
}

void session(JsonWriter& w, const SessionPlan& s, TextsWritten& texts) {
    w.begin_object();
    w.member("date", s.date.to_string()).member("type", to_string(s.type)).member("minutes", s.minutes);
    if (!s.title.empty()) w.member("title", s.title);
    if (!s.note.empty()) w.member("note", s.note);
    texts.member(w, "title_message", s.title_message);
    texts.member(w, "note_message", s.note_message);
    if (const auto& in = s.intensity) {
        w.key("intensity").begin_object();
        w.member("class", to_string(in->klass));
        range_pair(w, "hr_low_bpm", "hr_high_bpm", in->hr_bpm);
        range_pair(w, "percent_low", "percent_high", in->percent_hrmax);
        range_pair(w, "rpe_low", "rpe_high", in->rpe);
        w.optional_member("hr_ceiling_bpm", in->hr_ceiling_bpm);
        w.end_object();
    }
    if (s.hiit) {
        w.key("hiit").begin_object();
        w.member("work_seconds", s.hiit->work_seconds).member("recovery_seconds", s.hiit->recovery_seconds);
        w.member("repeats", s.hiit->repeats);
        w.end_object();
    }
    if (!s.blocks.empty()) {
        w.key("blocks").begin_array();
        for (const auto& b : s.blocks) {
            w.begin_object();
            w.member("kind", to_string(b.kind)).member("minutes", b.minutes);
            if (!b.description.empty()) w.member("description", b.description);
            texts.member(w, "description_message", b.description_message);
            w.end_object();
        }
        w.end_array();
    }
    w.optional_member("concussion_step", s.concussion_step);
    if (!s.concussion_stage.empty()) w.member("concussion_stage", s.concussion_stage);
    if (s.supervised) w.member("supervised", true);
    if (!s.exercises.empty()) exercises(w.key("exercises"), s.exercises);
    w.end_object();
}

void plan_patient(JsonWriter& w, const PlanPatient& p) {
    w.begin_object();
    if (!p.id.empty()) w.member("id", p.id);
    w.member("age", p.age);
    w.key("conditions").begin_array();
    for (ConditionType t : p.conditions) w.value(to_string(t));
    w.end_array();
    w.member("beta_blocker", p.beta_blocker);
    if (const auto& cl = p.clearance) {
        w.key("clearance").begin_object();
        w.member("level", to_string(cl->level));
        if (cl->date) w.member("date", cl->date->to_string());
        if (!cl->by.empty()) w.member("by", cl->by);
        w.end_object();
    }
    w.optional_member("falls_past_year", p.falls_past_year);
    w.end_object();
}

void plan_zone(JsonWriter& w, const PlanZone& z) {
    w.begin_object();
    w.member("basis", z.basis).member("low_bpm", z.low_bpm).member("high_bpm", z.high_bpm);
    range_pair(w, "rpe_low", "rpe_high", z.rpe);
    w.member("hrmax_bpm", z.hrmax_bpm).member("hrmax_source", z.hrmax_source);
    write_text(w.key("low_formula"), z.low_formula);
    write_text(w.key("high_formula"), z.high_formula);
    w.end_object();
}

void finding_list(JsonWriter& w, const std::vector<Finding>& findings) {
    w.begin_array();
    for (const Finding& f : findings) write_finding(w, f);
    w.end_array();
}

}  // namespace

// A session of a generated plan is up to about 2.2 KB indented (1.3 KB compact), a finding
// up to about 1.8 KB, mostly its citations (output_json.hpp).
std::size_t detail::plan_size(const Plan& plan, int indent) {
    return 2048 + (indent < 0 ? 1400 : 2300) * plan.sessions.size() + findings_size(plan.findings);
}
std::size_t detail::findings_size(const std::vector<Finding>& findings) { return 128 + 1200 * findings.size(); }

void detail::write_text(JsonWriter& w, const Text& t) {
    w.begin_object();
    w.member("en", t.en).member("nl", t.nl);
    w.end_object();
}

void detail::write_symptoms(JsonWriter& w, const Symptoms& s) {
    w.begin_object();
    w.optional_member("pain", s.pain);
    w.optional_member("dizziness", s.dizziness);
    w.optional_member("headache", s.headache);
    w.optional_member("concussion_score", s.concussion_score);
    w.end_object();
}

void detail::write_finding(JsonWriter& w, const Finding& f) {
    w.begin_object();
    w.member("rule", f.rule).member("severity", to_string(f.severity)).member("path", f.path);
    w.key("week");
    if (f.week) w.value(f.week->iso_week());
    else w.null();
    w.key("date");
    if (f.date) w.value(f.date->to_string());
    else w.null();
    w.member("expected", f.expected).member("actual", f.actual);
    write_text(w.key("message"), f.message);
    w.member("citations", f.citations);
    w.end_object();
}

namespace {

// A priming treatment's type and dates, as the patient and the plan document write them.
void treatment_dates(JsonWriter& w, const std::string& type, const std::vector<Date>& dates) {
    w.member("type", type);
    w.key("dates").begin_array();
    for (Date d : dates) w.value(d.to_string());
    w.end_array();
}

}  // namespace

// One member after another in the schema's order (schema/plan.schema.json), so the order a
// reader checks against the schema stays in one place.
void detail::write_plan(JsonWriter& w, const Plan& plan) {
    TextsWritten texts;
    w.begin_object();
    w.member("schema_version", 1).member("start_date", plan.start_date.to_string()).member("weeks", plan.weeks);
    if (!plan.programme.empty()) w.member("programme", plan.programme);
    w.member("patient_facing", plan.patient_facing).member("stop_signals", plan.stop_signals);
    if (!plan.language.empty()) w.member("language", plan.language);
    w.optional_member("full_dose_week", plan.full_dose_week);
    if (plan.daily_steps) low_high(w.key("daily_steps"), *plan.daily_steps);
    if (!plan.daily_steps_weeks.empty()) int_array(w.key("daily_steps_weeks"), plan.daily_steps_weeks);
    if (const auto& pause = plan.paused) {
        w.key("paused").begin_object();
        w.member("since", pause->since.to_string()).member("signal_date", pause->signal_date.to_string());
        w.end_object();
    }
    if (!plan.return_ladders.empty()) return_ladders(w.key("return_ladders"), plan.return_ladders, texts);
    if (!plan.priming.empty()) {
        w.key("priming").begin_array();
        for (const PlanPriming& t : plan.priming) {
            w.begin_object();
            treatment_dates(w, t.type, t.dates);
            w.member("window_start_hours", t.window.start_hours).member("window_end_hours", t.window.end_hours);
            w.member("rest_on_dates", t.rest_on_dates);
            w.end_object();
        }
        w.end_array();
    }
    w.key("sessions").begin_array();
    for (const SessionPlan& s : plan.sessions) session(w, s, texts);
    w.end_array();
    if (!plan.outcome_measures.empty()) {
        w.key("outcome_measures").begin_array();
        for (const auto& om : plan.outcome_measures) {
            w.begin_object();
            w.member("date", om.date.to_string()).member("measure", om.measure);
            w.end_object();
        }
        w.end_array();
    }
    if (!plan.notes.empty()) w.member("notes", plan.notes);
    texts.member(w, "notes_message", plan.notes_message);
    if (plan.patient) plan_patient(w.key("patient"), *plan.patient);
    if (plan.zone) plan_zone(w.key("heart_rate_zone"), *plan.zone);
    if (!plan.findings.empty()) finding_list(w.key("findings"), plan.findings);
    w.end_object();
}

std::string to_json(const Plan& plan) {
    return detail::json_document(detail::plan_size(plan, 2), [&](JsonWriter& w) { detail::write_plan(w, plan); });
}

namespace {

void patient_document(JsonWriter& w, const Patient& p) {
    w.begin_object();
    w.member("schema_version", 1);
    if (!p.id.empty()) w.member("id", p.id);
    w.member("age", p.age).member("sex", to_string(p.sex));
    w.key("conditions").begin_array();
    for (const auto& c : p.conditions) {
        w.begin_object();
        w.member("type", to_string(c.type));
        if (c.event_date) w.member("event_date", c.event_date->to_string());
        if (c.severity) w.member("severity", to_string(*c.severity));
        w.end_object();
    }
    w.end_array();
    w.key("medications").begin_array();
    if (p.beta_blocker) w.value("beta_blocker");
    w.end_array();
    const Contraindications& ci = p.contraindications;
    w.key("contraindications").begin_object();
    if (!ci.named.empty()) w.member("named", ci.named);
    if (ci.resting_bp) {
        w.key("resting_bp").begin_object();
        w.member("systolic", ci.resting_bp->systolic).member("diastolic", ci.resting_bp->diastolic);
        w.end_object();
    }
    if (ci.myocardial_infarction_date) w.member("myocardial_infarction_date", ci.myocardial_infarction_date->to_string());
    w.end_object();
    const HeartRateFacts& hr = p.heart_rate;
    w.key("heart_rate").begin_object();
    w.optional_member("max_bpm", hr.max_bpm);
    w.optional_member("resting_bpm", hr.resting_bpm);
    w.optional_member("formula", hr.formula);
    w.optional_member("symptom_threshold_bpm", hr.symptom_threshold_bpm);
    w.end_object();
    w.member("baseline_minutes", p.baseline_minutes);
    w.key("available_days").begin_array();
    for (auto d : p.available_days) w.value(to_string(d));
    w.end_array();
    w.optional_member("max_minutes_per_day", p.max_minutes_per_day);
    w.optional_member("daily_steps", p.daily_steps);
    w.member("hiit_screening_done", p.hiit_screening_done);
    w.optional_member("falls_past_year", p.falls_past_year);
    if (p.mobility) w.member("mobility", to_string(*p.mobility));
    w.optional_member("equipment", p.equipment);
    w.optional_member("osteoporosis", p.osteoporosis);
    if (p.affected_side) w.member("affected_side", to_string(*p.affected_side));
    if (!p.fear_hierarchy.empty()) {
        w.key("fear_hierarchy").begin_array();
        for (const auto& item : p.fear_hierarchy) {
            w.begin_object();
            w.member("activity", item.activity).member("fear", item.fear);
            w.end_object();
        }
        w.end_array();
    }
    if (!p.priming_treatments.empty()) {
        // Written as dates: a course is kept expanded.
        w.key("priming_treatments").begin_array();
        for (const PrimingTreatment& t : p.priming_treatments) {
            w.begin_object();
            treatment_dates(w, t.type, t.dates);
            if (t.window) {
                w.key("window").begin_object();
                w.member("start_hours", t.window->start_hours).member("end_hours", t.window->end_hours);
                w.end_object();
                w.member("rest_on_dates", t.rest_on_dates);
            }
            w.end_object();
        }
        w.end_array();
    }
    w.end_object();
}

}  // namespace

std::string to_json(const Patient& p) {
    return detail::json_document(1024, [&](JsonWriter& w) { patient_document(w, p); });
}

void detail::write_finding_members(JsonWriter& w, const std::vector<Finding>& findings) {
    const FindingCounts c = count(findings);
    w.key("summary").begin_object();
    w.member("errors", c.errors).member("warnings", c.warnings).member("infos", c.infos);
    w.end_object();
    finding_list(w.key("findings"), findings);
}

void detail::write_findings(JsonWriter& w, const std::vector<Finding>& findings) {
    w.begin_object();
    w.member("schema_version", 1);
    write_finding_members(w, findings);
    w.end_object();
}

std::string to_json(const std::vector<Finding>& findings) {
    return detail::json_document(detail::findings_size(findings), [&](JsonWriter& w) { detail::write_findings(w, findings); });
}

namespace {

void zones_document(JsonWriter& w, const HeartRateZones& zones) {
    const HeartRateZone& z = zones.aerobic;
    w.begin_object();
    w.member("schema_version", 1);
    w.key("hrmax").begin_object();
    w.member("bpm", z.hrmax.bpm()).member("source", z.hrmax.source).member("expression", z.hrmax.expression);
    w.end_object();
    w.key("resting_bpm");
    if (z.resting_bpm) w.value(*z.resting_bpm);
    else w.null();
    w.member("basis", to_string(z.basis));
    w.key("target").begin_object();
    w.member("low_bpm", z.low_bpm).member("high_bpm", z.high_bpm);
    w.member("low_percent", z.low_percent).member("high_percent", z.high_percent);
    w.key("rpe_low");
    if (z.rpe) w.value(z.rpe->low);
    else w.null();
    w.key("rpe_high");
    if (z.rpe) w.value(z.rpe->high);
    else w.null();
    w.end_object();
    limit(w.key("floor"), z.floor);
    limit(w.key("ceiling"), z.ceiling);
    w.key("bands").begin_array();
    for (const auto& b : zones.bands) {
        w.begin_object();
        w.member("class", to_string(b.klass)).member("low_bpm", b.low_bpm).member("high_bpm", b.high_bpm);
        w.member("low_percent", b.low_percent).member("high_percent", b.high_percent);
        w.member("rpe_low", b.rpe.low).member("rpe_high", b.rpe.high);
        w.end_object();
    }
    w.end_array();
    w.key("hiit_ceiling");
    if (zones.hiit_ceiling) limit(w, *zones.hiit_ceiling);
    else w.null();
    w.member("notes", z.notes);
    w.end_object();
}

// A profile's parameter overrides by rule: a rule without any is left out.
void overrides(JsonWriter& w, const ParamOverrides& o) {
    w.begin_object();
    for (const auto& [rid, params] : o) {
        if (params.empty()) continue;
        w.key(rid).begin_object();
        for (const auto& [pid, v] : params) param_value(w.key(pid), v);
        w.end_object();
    }
    w.end_object();
}

void rule(JsonWriter& w, const Rule& r) {
    w.begin_object();
    w.member("severity", to_string(r.severity)).member("safety", r.safety);
    write_text(w.key("title"), r.title);
    write_text(w.key("explanation"), r.explanation);
    w.member("citations", r.reference_keys);
    w.key("params").begin_object();
    for (const auto& [pid, p] : r.params) {
        w.key(pid).begin_object();
        param_value(w.key("value"), p.value);
        w.member("unit", p.unit).member("stricter", to_string(p.stricter)).member("safety", p.safety);
        w.end_object();
    }
    w.end_object();
    w.end_object();
}

void condition(JsonWriter& w, const ConditionProfile& c) {
    w.begin_object();
    write_text(w.key("title"), c.title);
    w.member("citations", c.reference_keys);
    w.optional_member("min_age", c.min_age);
    overrides(w.key("params"), c.params);
    if (!c.severity_params.empty()) {
        w.key("severity_params").begin_object();
        for (const auto& [sev, layer] : c.severity_params) overrides(w.key(sev), layer);
        w.end_object();
    }
    w.end_object();
}

void rule_set_document(JsonWriter& w, const RuleSet& set) {
    w.begin_object();
    w.member("schema_version", 1).member("name", set.name).member("version", set.version);
    w.key("references").begin_object();
    for (const auto& [key, text] : set.references) w.member(key, text);
    w.end_object();
    w.key("hrmax_formulas").begin_object();
    for (const auto& [id, f] : set.hrmax_formulas) {
        w.key(id).begin_object();
        w.member("intercept", f.intercept_centi / 100).member("slope", static_cast<double>(f.slope_centi) / 100.0);
        w.member("expression", f.expression).member("citations", f.reference_keys);
        w.end_object();
    }
    w.end_object();
    w.key("rules").begin_object();
    for (const auto& [id, r] : set.rules) rule(w.key(id), r);
    w.end_object();
    w.key("conditions").begin_object();
    for (const auto& [id, c] : set.conditions) condition(w.key(id), c);
    w.end_object();
    w.end_object();
}

}  // namespace

std::string to_json(const HeartRateZones& zones) {
    return detail::json_document(2048, [&](JsonWriter& w) { zones_document(w, zones); });
}

std::string to_json(const RuleSet& set) {
    return detail::json_document(64 * 1024, [&](JsonWriter& w) { rule_set_document(w, set); });
}

}  // namespace rehabplan
