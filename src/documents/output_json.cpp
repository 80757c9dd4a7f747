// Model -> JSON. nlohmann::ordered_json keeps fields in the schema's order, and the
// output is a pure function of its input (byte-identical for the same model).
#include <map>

#include <nlohmann/json.hpp>

#include "documents/output_json.hpp"
#include "documents/json.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

using ojson = nlohmann::ordered_json;

namespace {

ojson range_pair(ojson& o, const char* low, const char* high, const std::optional<Range>& r) {
    if (r) {
        o[low] = r->low;
        o[high] = r->high;
    }
    return o;
}

ojson text(const Text& t) { return ojson{{"en", t.en}, {"nl", t.nl}}; }

ojson value(const ParamValue& v) {
    return std::visit([](const auto& x) { return ojson(x); }, v);
}

ojson limit(const HeartRateLimit& l) {
    return ojson{{"bpm", static_cast<double>(l.e4_bpm) / 10000.0}, {"rule", l.rule}, {"param", l.param},
                 {"source", l.source}, {"basis", text(l.basis)}};
}

std::string dump(const ojson& j) { return j.dump(2) + "\n"; }

// {"key": ..., "args": {...}}: an argument the same in both languages is a string, else
// {"en", "nl"}; arguments by name (as a reader sees them), "args" left out when empty.
ojson message_json(const PlanMessage& m) {
    ojson o{{"key", m.key}};
    std::map<std::string, const Text*> args;
    for (const auto& a : m.args) args.emplace(a.name, &a.value);
    if (!args.empty()) {
        ojson a = ojson::object();
        for (const auto& [name, value] : args) a[name] = value->en == value->nl ? ojson(value->en) : text(*value);
        o["args"] = a;
    }
    return o;
}

// A generated text: one message as {"key", "args", "digest"}, several as {"parts":
// [...], "digest"} with each separator other than the default " " (never the first's).
ojson generated_json(const GeneratedText& g) {
    ojson o;
    if (g.messages.size() == 1) {
        o = message_json(g.messages.front());
    } else {
        ojson parts = ojson::array();
        for (std::size_t i = 0; i < g.messages.size(); ++i) {
            ojson p = message_json(g.messages[i]);
            if (i > 0 && g.messages[i].separator != " ") p["separator"] = g.messages[i].separator;
            parts.push_back(p);
        }
        o["parts"] = parts;
    }
    if (!g.digest.empty()) o["digest"] = g.digest;
    return o;
}

// A session's exercises (schema/README.md, "Session exercises"): one of repetitions,
// seconds and minutes; extra_side and extra_sets only for the affected side after a stroke.
ojson exercises_json(const std::vector<ExerciseDose>& exercises) {
    ojson a = ojson::array();
    for (const ExerciseDose& e : exercises) {
        ojson o{{"id", e.id}, {"name", e.name}, {"chain", e.chain}, {"level", e.level}, {"sets", e.sets}};
        if (e.repetitions) o["repetitions"] = *e.repetitions;
        if (e.seconds) o["seconds"] = *e.seconds;
        if (e.minutes) o["minutes"] = *e.minutes;
        o["per_side"] = e.per_side;
        o["rest_seconds"] = e.rest_seconds;
        if (e.rpe) o["rpe"] = ojson{{"low", e.rpe->low}, {"high", e.rpe->high}};
        if (e.extra_side) {
            o["extra_side"] = to_string(*e.extra_side);
            o["extra_sets"] = e.extra_sets;
        }
        a.push_back(o);
    }
    return a;
}

}  // namespace

// Shared with the session log and the progress report (output_json.hpp).
ojson detail::symptoms_json(const Symptoms& s) {
    ojson o = ojson::object();
    if (s.pain) o["pain"] = *s.pain;
    if (s.dizziness) o["dizziness"] = *s.dizziness;
    if (s.headache) o["headache"] = *s.headache;
    if (s.concussion_score) o["concussion_score"] = *s.concussion_score;
    return o;
}

// Shared with the progress report (output_json.hpp).
ojson detail::finding_json(const Finding& f) {
    ojson o;
    o["rule"] = f.rule;
    o["severity"] = to_string(f.severity);
    o["path"] = f.path;
    o["week"] = f.week ? ojson(f.week->iso_week()) : ojson(nullptr);
    o["date"] = f.date ? ojson(f.date->to_string()) : ojson(nullptr);
    o["expected"] = f.expected;
    o["actual"] = f.actual;
    o["message"] = text(f.message);
    o["citations"] = f.citations;
    return o;
}

using detail::finding_json;

// One member after another in the schema's order (schema/plan.schema.json): long because the
// document is, and split it would scatter the order a reader checks against the schema.
ojson detail::plan_document(const Plan& plan) {
    ojson j;
    j["schema_version"] = 1;
    j["start_date"] = plan.start_date.to_string();
    j["weeks"] = plan.weeks;
    if (!plan.programme.empty()) j["programme"] = plan.programme;
    j["patient_facing"] = plan.patient_facing;
    j["stop_signals"] = plan.stop_signals;
    if (!plan.language.empty()) j["language"] = plan.language;
    if (plan.full_dose_week) j["full_dose_week"] = *plan.full_dose_week;
    if (plan.daily_steps) j["daily_steps"] = ojson{{"low", plan.daily_steps->low}, {"high", plan.daily_steps->high}};
    if (!plan.daily_steps_weeks.empty()) j["daily_steps_weeks"] = plan.daily_steps_weeks;
    if (const auto& pause = plan.paused)
        j["paused"] = ojson{{"since", pause->since.to_string()}, {"signal_date", pause->signal_date.to_string()}};
    if (!plan.return_ladders.empty()) {
        ojson ladders = ojson::array();
        for (const ReturnLadderPlan& l : plan.return_ladders) {
            ojson lo{{"ladder", to_string(l.ladder)}};
            if (!l.sport.empty()) lo["sport"] = l.sport;
            ojson steps = ojson::array();
            for (const ReturnStep& st : l.steps) {
                ojson so{{"step", st.step}};
                if (st.from) so["from"] = st.from->to_string();
                if (!st.gates.empty()) so["gates"] = st.gates;
                if (!st.title.empty()) so["title"] = st.title;
                if (!st.description.empty()) so["description"] = st.description;
                if (st.title_message) so["title_message"] = generated_json(*st.title_message);
                if (st.description_message) so["description_message"] = generated_json(*st.description_message);
                steps.push_back(so);
            }
            lo["steps"] = steps;
            ladders.push_back(lo);
        }
        j["return_ladders"] = ladders;
    }
    ojson sessions = ojson::array();
    for (const auto& s : plan.sessions) {
        ojson o;
        o["date"] = s.date.to_string();
        o["type"] = to_string(s.type);
        o["minutes"] = s.minutes;
        if (!s.title.empty()) o["title"] = s.title;
        if (!s.note.empty()) o["note"] = s.note;
        if (s.title_message) o["title_message"] = generated_json(*s.title_message);
        if (s.note_message) o["note_message"] = generated_json(*s.note_message);
        if (s.intensity) {
            ojson in;
            in["class"] = to_string(s.intensity->klass);
            range_pair(in, "hr_low_bpm", "hr_high_bpm", s.intensity->hr_bpm);
            range_pair(in, "percent_low", "percent_high", s.intensity->percent_hrmax);
            range_pair(in, "rpe_low", "rpe_high", s.intensity->rpe);
            if (s.intensity->hr_ceiling_bpm) in["hr_ceiling_bpm"] = *s.intensity->hr_ceiling_bpm;
            o["intensity"] = in;
        }
        if (s.hiit)
            o["hiit"] = ojson{{"work_seconds", s.hiit->work_seconds},
                              {"recovery_seconds", s.hiit->recovery_seconds},
                              {"repeats", s.hiit->repeats}};
        if (!s.blocks.empty()) {
            ojson blocks = ojson::array();
            for (const auto& b : s.blocks) {
                ojson bo{{"kind", to_string(b.kind)}, {"minutes", b.minutes}};
                if (!b.description.empty()) bo["description"] = b.description;
                if (b.description_message) bo["description_message"] = generated_json(*b.description_message);
                blocks.push_back(bo);
            }
            o["blocks"] = blocks;
        }
        if (s.concussion_step) o["concussion_step"] = *s.concussion_step;
        if (!s.concussion_stage.empty()) o["concussion_stage"] = s.concussion_stage;
        if (s.supervised) o["supervised"] = true;
        if (!s.exercises.empty()) o["exercises"] = exercises_json(s.exercises);
        sessions.push_back(o);
    }
    j["sessions"] = sessions;
    if (!plan.outcome_measures.empty()) {
        ojson m = ojson::array();
        for (const auto& om : plan.outcome_measures) m.push_back(ojson{{"date", om.date.to_string()}, {"measure", om.measure}});
        j["outcome_measures"] = m;
    }
    if (!plan.notes.empty()) j["notes"] = plan.notes;
    if (plan.notes_message) j["notes_message"] = generated_json(*plan.notes_message);
    if (const auto& p = plan.patient) {
        ojson o;
        if (!p->id.empty()) o["id"] = p->id;
        o["age"] = p->age;
        ojson c = ojson::array();
        for (ConditionType t : p->conditions) c.push_back(to_string(t));
        o["conditions"] = c;
        o["beta_blocker"] = p->beta_blocker;
        if (const auto& cl = p->clearance) {
            ojson cj;
            cj["level"] = to_string(cl->level);
            if (cl->date) cj["date"] = cl->date->to_string();
            if (!cl->by.empty()) cj["by"] = cl->by;
            o["clearance"] = cj;
        }
        if (p->falls_past_year) o["falls_past_year"] = *p->falls_past_year;
        j["patient"] = o;
    }
    if (const auto& z = plan.zone) {
        ojson o;
        o["basis"] = z->basis;
        o["low_bpm"] = z->low_bpm;
        o["high_bpm"] = z->high_bpm;
        range_pair(o, "rpe_low", "rpe_high", z->rpe);
        o["hrmax_bpm"] = z->hrmax_bpm;
        o["hrmax_source"] = z->hrmax_source;
        o["low_formula"] = text(z->low_formula);
        o["high_formula"] = text(z->high_formula);
        j["heart_rate_zone"] = o;
    }
    if (!plan.findings.empty()) {
        ojson list = ojson::array();
        for (const auto& f : plan.findings) list.push_back(finding_json(f));
        j["findings"] = list;
    }
    return j;
}

std::string to_json(const Plan& plan) { return dump(detail::plan_document(plan)); }

std::string to_json(const Patient& p) {
    ojson j;
    j["schema_version"] = 1;
    if (!p.id.empty()) j["id"] = p.id;
    j["age"] = p.age;
    j["sex"] = to_string(p.sex);
    ojson conditions = ojson::array();
    for (const auto& c : p.conditions) {
        ojson o{{"type", to_string(c.type)}};
        if (c.event_date) o["event_date"] = c.event_date->to_string();
        if (c.severity) o["severity"] = to_string(*c.severity);
        conditions.push_back(o);
    }
    j["conditions"] = conditions;
    j["medications"] = p.beta_blocker ? ojson::array({"beta_blocker"}) : ojson::array();
    ojson ci = ojson::object();
    if (!p.contraindications.named.empty()) ci["named"] = p.contraindications.named;
    if (p.contraindications.resting_bp)
        ci["resting_bp"] = ojson{{"systolic", p.contraindications.resting_bp->systolic},
                                 {"diastolic", p.contraindications.resting_bp->diastolic}};
    if (p.contraindications.myocardial_infarction_date)
        ci["myocardial_infarction_date"] = p.contraindications.myocardial_infarction_date->to_string();
    j["contraindications"] = ci;
    ojson hr = ojson::object();
    if (p.heart_rate.max_bpm) hr["max_bpm"] = *p.heart_rate.max_bpm;
    if (p.heart_rate.resting_bpm) hr["resting_bpm"] = *p.heart_rate.resting_bpm;
    if (p.heart_rate.formula) hr["formula"] = *p.heart_rate.formula;
    if (p.heart_rate.symptom_threshold_bpm) hr["symptom_threshold_bpm"] = *p.heart_rate.symptom_threshold_bpm;
    j["heart_rate"] = hr;
    j["baseline_minutes"] = p.baseline_minutes;
    ojson days = ojson::array();
    for (auto d : p.available_days) days.push_back(to_string(d));
    j["available_days"] = days;
    if (p.max_minutes_per_day) j["max_minutes_per_day"] = *p.max_minutes_per_day;
    if (p.daily_steps) j["daily_steps"] = *p.daily_steps;
    j["hiit_screening_done"] = p.hiit_screening_done;
    if (p.falls_past_year) j["falls_past_year"] = *p.falls_past_year;
    if (p.mobility) j["mobility"] = to_string(*p.mobility);
    if (p.equipment) j["equipment"] = *p.equipment;
    if (p.osteoporosis) j["osteoporosis"] = *p.osteoporosis;
    if (p.affected_side) j["affected_side"] = to_string(*p.affected_side);
    if (!p.fear_hierarchy.empty()) {
        ojson f = ojson::array();
        for (const auto& item : p.fear_hierarchy) f.push_back(ojson{{"activity", item.activity}, {"fear", item.fear}});
        j["fear_hierarchy"] = f;
    }
    return dump(j);
}

ojson detail::findings_document(const std::vector<Finding>& findings) {
    const FindingCounts c = count(findings);
    ojson j;
    j["schema_version"] = 1;
    j["summary"] = ojson{{"errors", c.errors}, {"warnings", c.warnings}, {"infos", c.infos}};
    ojson list = ojson::array();
    for (const auto& f : findings) list.push_back(finding_json(f));
    j["findings"] = list;
    return j;
}

std::string to_json(const std::vector<Finding>& findings) { return dump(detail::findings_document(findings)); }

std::string to_json(const HeartRateZones& zones) {
    const HeartRateZone& z = zones.aerobic;
    ojson j;
    j["schema_version"] = 1;
    j["hrmax"] = ojson{{"bpm", z.hrmax.bpm()}, {"source", z.hrmax.source}, {"expression", z.hrmax.expression}};
    j["resting_bpm"] = z.resting_bpm ? ojson(*z.resting_bpm) : ojson(nullptr);
    j["basis"] = to_string(z.basis);
    j["target"] = ojson{{"low_bpm", z.low_bpm},
                        {"high_bpm", z.high_bpm},
                        {"low_percent", z.low_percent},
                        {"high_percent", z.high_percent},
                        {"rpe_low", z.rpe ? ojson(z.rpe->low) : ojson(nullptr)},
                        {"rpe_high", z.rpe ? ojson(z.rpe->high) : ojson(nullptr)}};
    j["floor"] = limit(z.floor);
    j["ceiling"] = limit(z.ceiling);
    ojson bands = ojson::array();
    for (const auto& b : zones.bands)
        bands.push_back(ojson{{"class", to_string(b.klass)}, {"low_bpm", b.low_bpm}, {"high_bpm", b.high_bpm},
                              {"low_percent", b.low_percent}, {"high_percent", b.high_percent},
                              {"rpe_low", b.rpe.low}, {"rpe_high", b.rpe.high}});
    j["bands"] = bands;
    j["hiit_ceiling"] = zones.hiit_ceiling ? limit(*zones.hiit_ceiling) : ojson(nullptr);
    j["notes"] = z.notes;
    return dump(j);
}

std::string to_json(const RuleSet& set) {
    ojson j;
    j["schema_version"] = 1;
    j["name"] = set.name;
    j["version"] = set.version;
    j["references"] = set.references;
    ojson formulas = ojson::object();
    for (const auto& [id, f] : set.hrmax_formulas)
        formulas[id] = ojson{{"intercept", f.intercept_centi / 100},
                             {"slope", static_cast<double>(f.slope_centi) / 100.0},
                             {"expression", f.expression},
                             {"citations", f.reference_keys}};
    j["hrmax_formulas"] = formulas;
    ojson rules = ojson::object();
    for (const auto& [id, r] : set.rules) {
        ojson params = ojson::object();
        for (const auto& [pid, p] : r.params)
            params[pid] = ojson{{"value", value(p.value)}, {"unit", p.unit}, {"stricter", to_string(p.stricter)},
                                {"safety", p.safety}};
        rules[id] = ojson{{"severity", to_string(r.severity)}, {"safety", r.safety}, {"title", text(r.title)},
                          {"explanation", text(r.explanation)}, {"citations", r.reference_keys}, {"params", params}};
    }
    j["rules"] = rules;
    ojson conditions = ojson::object();
    auto overrides = [](const ParamOverrides& o) {
        ojson out = ojson::object();
        for (const auto& [rid, params] : o)
            for (const auto& [pid, v] : params) out[rid][pid] = value(v);
        return out;
    };
    for (const auto& [id, c] : set.conditions) {
        ojson o{{"title", text(c.title)}, {"citations", c.reference_keys}};
        if (c.min_age) o["min_age"] = *c.min_age;
        o["params"] = overrides(c.params);
        if (!c.severity_params.empty()) {
            ojson sp = ojson::object();
            for (const auto& [sev, layer] : c.severity_params) sp[sev] = overrides(layer);
            o["severity_params"] = sp;
        }
        conditions[id] = o;
    }
    j["conditions"] = conditions;
    return dump(j);
}

}  // namespace rehabplan
