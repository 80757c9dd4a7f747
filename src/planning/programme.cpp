// data/programmes.json -> ProgrammeSet, read with the same checked reader as user
// documents so a typo in the data fails the build's tests, not a patient's plan.
#include "planning/programme.hpp"

#include <stdexcept>

#include "core/json_reader.hpp"
#include "rules/rules_internal.hpp"

namespace rehabplan {

using namespace detail;

namespace {

int to_int(std::optional<std::int64_t> v, int fallback) { return v ? static_cast<int>(*v) : fallback; }

std::vector<ConditionType> read_conditions(ObjectReader& r, const char* key) {
    std::vector<ConditionType> out;
    if (const json* a = r.array(key, 0, 6, false))
        for (std::size_t i = 0; i < a->size(); ++i)
            out.push_back(as_enum_value<ConditionType>((*a)[i], child_path(child_path(r.path(), key), i)));
    return out;
}

std::vector<std::string> read_measures(const json& a, const std::string& path) {
    if (!a.is_array()) fail(path, "expected an array");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < a.size(); ++i) out.push_back(as_enum(a[i], child_path(path, i), Names(measure_ids().data(), measure_ids().size())));
    return out;
}

std::optional<Range> read_range(ObjectReader& r, const char* key, std::int64_t max) {
    const json* v = r.object(key, false);
    if (!v) return std::nullopt;
    ObjectReader rr(*v, child_path(r.path(), key));
    Range out{static_cast<int>(*rr.integer("low", 0, max, true)), static_cast<int>(*rr.integer("high", 0, max, true))};
    rr.finish();
    if (out.low > out.high) fail(rr.path(), "expected low <= high");
    return out;
}

SlotTemplate read_slot(const json& v, const std::string& path, const std::string& id) {
    ObjectReader r(v, path);
    SlotTemplate s;
    s.id = id;
    s.type = *read_enum<SessionType>(r, "type", true);
    s.on = *read_enum<SlotDays>(r, "on", true);
    s.fill = r.boolean("fill", false).value_or(false);
    s.minutes = to_int(r.integer("minutes", 1, 240, !s.fill), 0);
    s.scales = r.boolean("scales", false).value_or(is_training(s.type));
    s.fixed_length = r.boolean("fixed_length", false).value_or(false);
    s.min_minutes = to_int(r.integer("min_minutes", 1, 240, false), 0);
    s.quota = r.boolean("quota", false).value_or(false);
    s.intensity = read_enum<SlotIntensity>(r, "intensity", false).value_or(SlotIntensity::none);
    s.for_conditions = read_conditions(r, "for_conditions");
    s.per_week = to_int(r.integer("per_week", 1, 7, s.on == SlotDays::hiit_days), 0);
    s.from_week = to_int(r.integer("from_week", 1, 52, false), 1);
    s.target_percent = read_range(r, "target_percent", 100);
    s.cognitive_share_percent = to_int(r.integer("cognitive_share_percent", 0, 100, false), 0);
    s.balance_share_percent = to_int(r.integer("balance_share_percent", 0, 100, false), 0);
    s.station_minutes = to_int(r.integer("station_minutes", 2, 30, false), 0);
    if (const json* e = r.object("exercises", false)) {
        ObjectReader er(*e, path + "/exercises");
        SlotExercises x;
        const json* c = er.array("categories", 1, 10, true);
        for (std::size_t i = 0; i < c->size(); ++i)
            x.categories.push_back(as_enum_value<ExerciseCategory>((*c)[i], child_path(path + "/exercises/categories", i)));
        require_unique_strings(*c, path + "/exercises/categories");
        if (const json* a = er.array("also", 0, 10, false)) {
            for (std::size_t i = 0; i < a->size(); ++i)
                x.also.push_back(as_enum_value<ExerciseCategory>((*a)[i], child_path(path + "/exercises/also", i)));
            require_unique_strings(*a, path + "/exercises/also");
        }
        if (const json* f = er.array("first_chains", 0, 10, false)) {
            for (std::size_t i = 0; i < f->size(); ++i)
                x.first_chains.push_back(as_string((*f)[i], child_path(path + "/exercises/first_chains", i), 64));
            require_unique_strings(*f, path + "/exercises/first_chains");
        }
        er.finish();
        s.exercises = std::move(x);
    }
    s.title = as_text(*r.object("title", true), path + "/title");
    s.main = as_text(*r.object("main", true), path + "/main");
    if (const json* t = r.object("instead", false)) s.instead = as_text(*t, path + "/instead");
    r.finish();
    if (s.type == SessionType::hiit && s.intensity != SlotIntensity::hiit) fail(path, "a hiit slot has intensity hiit");
    if (s.fixed_length && (s.scales || s.fill)) fail(path, "a fixed_length slot neither scales nor fills");
    if (s.min_minutes > 0 && (!is_training(s.type) || s.min_minutes > s.minutes))
        fail(path + "/min_minutes", "expected a training slot's minimum at most its minutes");
    if (s.quota && !s.fill) fail(path + "/quota", "a quota slot is a fill slot");
    if (s.station_minutes > 0 && (s.type != SessionType::dual_task && s.type != SessionType::aerobic))
        fail(path + "/station_minutes", "expected stations in an aerobic or dual-task slot");
    if (s.cognitive_share_percent + s.balance_share_percent > 80) fail(path, "shares leave too little main work");
    return s;
}

// A ladder's steps in order. The physical ladders (sport, daily) use the stage labels of
// reading::concussion_schedule and carry no day (the schedule dates them); learn and work
// are numbered 1.. and carry their planned day after the concussion, rising.
ReturnLadderTemplate read_ladder(const json& v, const std::string& path, ReturnLadder ladder) {
    static const std::vector<std::string> stages{"1", "2A", "2B", "3", "4", "5", "6"};
    const bool physical = ladder == ReturnLadder::sport || ladder == ReturnLadder::daily;
    ObjectReader r(v, path);
    ReturnLadderTemplate out;
    out.title = as_text(*r.object("title", true), path + "/title");
    const json* steps = r.array("steps", 1, 7, true);
    for (std::size_t i = 0; i < steps->size(); ++i) {
        const std::string sp = child_path(path + "/steps", i);
        ObjectReader sr((*steps)[i], sp);
        ReturnStepTemplate st;
        st.step = *sr.string("step", true, 2);
        const std::string expected = physical ? (i < stages.size() ? stages[i] : "") : std::to_string(i + 1);
        if (st.step != expected) fail(sp + "/step", "expected \"" + expected + "\", got \"" + st.step + "\"");
        if (auto d = sr.integer("day", 0, 60, !physical)) st.day = static_cast<int>(*d);
        if (physical && st.day) fail(sp + "/day", "the physical ladders are dated by the rule's schedule");
        if (st.day && !out.steps.empty() && *st.day <= *out.steps.back().day)
            fail(sp + "/day", "expected a day after the step before");
        st.title = as_text(*sr.object("title", true), sp + "/title");
        st.description = as_text(*sr.object("description", true), sp + "/description");
        sr.finish();
        out.steps.push_back(std::move(st));
    }
    if (ladder == ReturnLadder::sport && out.steps.size() != stages.size()) fail(path + "/steps", "expected steps 1-6");
    if (ladder == ReturnLadder::daily && out.steps.size() != 5) fail(path + "/steps", "expected steps 1-4");
    if (const json* t = r.object("note", false)) out.note = as_text(*t, path + "/note");
    r.finish();
    return out;
}

ReturnNotes read_return_notes(const json& v, const std::string& path) {
    ObjectReader r(v, path);
    ReturnNotes n;
    const auto text = [&](const char* key) { return as_text(*r.object(key, true), path + "/" + key); };
    n.flare = text("flare");
    n.late_symptoms = text("late_symptoms");
    n.new_knock = text("new_knock");
    n.gate_symptoms_resolved = text("gate_symptoms_resolved");
    n.gate_cleared = text("gate_cleared");
    n.persisting = text("persisting");
    n.youth = text("youth");
    r.finish();
    return n;
}

// One member after another in the order of schema/programmes.schema.json: long because the
// template is.
Programme read_programme(const json& v, const std::string& path, const std::string& id, const ProgrammeSet& set) {
    ObjectReader r(v, path);
    Programme p;
    p.id = id;
    p.title = as_text(*r.object("title", true), path + "/title");
    p.summary = as_text(*r.object("summary", true), path + "/summary");
    if (const json* a = r.array("citations", 1, 16, true))
        for (std::size_t i = 0; i < a->size(); ++i) p.reference_keys.push_back(as_identifier((*a)[i], child_path(path + "/citations", i)));
    p.conditions = read_conditions(r, "conditions");
    if (const json* a = r.array("requires", 0, 4, false))
        for (std::size_t i = 0; i < a->size(); ++i)
            p.requires.push_back(as_enum((*a)[i], child_path(path + "/requires", i), {"fear_hierarchy"}));
    p.default_weeks = to_int(r.integer("default_weeks", 1, 52, true), 12);
    if (const json* d = r.object("days_per_week", true)) {
        ObjectReader dr(*d, path + "/days_per_week");
        p.days_min = static_cast<int>(*dr.integer("min", 1, 7, true));
        p.days_max = static_cast<int>(*dr.integer("max", p.days_min, 7, true));
        dr.finish();
    }
    p.daily_steps = read_range(r, "daily_steps", 50000);
    if (const json* q = r.object("quota", false)) {
        const std::string qp = path + "/quota";
        ObjectReader qr(*q, qp);
        QuotaSettings qs;
        qs.start_percent = static_cast<int>(*qr.integer("quota_start_percent", 10, 100, true));
        qs.step_minutes = static_cast<int>(*qr.integer("quota_step_minutes", 1, 30, true));
        const json* c = qr.array("citations", 1, 8, true);
        for (std::size_t i = 0; i < c->size(); ++i) qs.reference_keys.push_back(as_identifier((*c)[i], child_path(qp + "/citations", i)));
        qr.finish();
        p.quota = qs;
    }
    if (const json* a = r.get("outcome_measures")) p.outcome_measures = read_measures(*a, path + "/outcome_measures");
    if (const json* l = r.object("return_ladders", false)) {
        for (auto it = l->begin(); it != l->end(); ++it) {
            const std::string lp = child_path(path + "/return_ladders", it.key());
            const ReturnLadder ladder = as_enum_value<ReturnLadder>(it.key(), lp);
            p.return_ladders[ladder] = read_ladder(it.value(), lp, ladder);
        }
        for (const ReturnLadder need : {ReturnLadder::sport, ReturnLadder::daily, ReturnLadder::learn, ReturnLadder::work})
            if (!p.return_ladders.count(need))
                fail(path + "/return_ladders", std::string("expected the ladder \"") + to_string(need) + "\"");
    }
    if (const json* c = r.object("return_notes", false)) p.return_notes = read_return_notes(*c, path + "/return_notes");
    if (p.return_ladders.empty() != !p.return_notes) fail(path, "return_ladders and return_notes go together");
    const json* phases = r.array("phases", 1, 16, true);
    int next = 1;
    for (std::size_t i = 0; i < phases->size(); ++i) {
        const std::string pp = child_path(path + "/phases", i);
        ObjectReader pr((*phases)[i], pp);
        Phase ph;
        const json* w = pr.array("weeks", 2, 2, true);
        ph.from_week = static_cast<int>(as_integer((*w)[0], pp + "/weeks/0", 1, 52));
        ph.to_week = static_cast<int>(as_integer((*w)[1], pp + "/weeks/1", ph.from_week, 52));
        if (ph.from_week != next) fail(pp + "/weeks", "phases must follow each other from week 1");
        next = ph.to_week + 1;
        ph.all_days = *pr.enumeration("days", {"dose", "all"}, true) == "all";
        const json* slots = pr.array("slots", 1, 16, true);
        for (std::size_t k = 0; k < slots->size(); ++k) {
            std::string sid = as_identifier((*slots)[k], child_path(pp + "/slots", k));
            if (!set.slots.count(sid)) fail(child_path(pp + "/slots", k), "unknown slot \"" + sid + "\"");
            ph.slots.push_back(sid);
        }
        ph.supervised = pr.boolean("supervised", false).value_or(false);
        if (pr.string("supervised_source", false, 2000).value_or("").empty() && ph.supervised)
            fail(pp + "/supervised_source", "a supervised phase quotes the source that states it");
        pr.finish();
        p.phases.push_back(std::move(ph));
    }
    if (next != 53) fail(path + "/phases", "phases must cover weeks 1-52");
    r.finish();
    return p;
}

ProgrammeSet read_programmes(const json& doc) {
    ObjectReader r(doc, "");
    ProgrammeSet set;
    r.integer("schema_version", 1, 1, true);
    r.string("description", true);
    {
        ObjectReader e(*r.object("engine", true), "/engine");
        GeneratorSettings& g = set.engine;
        g.session_minutes = static_cast<int>(*e.integer("session_minutes", 10, 240, true));
        g.min_fill_minutes = static_cast<int>(*e.integer("min_fill_minutes", 1, 60, true));
        g.min_session_minutes = static_cast<int>(*e.integer("min_session_minutes", 1, 30, true));
        g.first_week_min_minutes = static_cast<int>(*e.integer("first_week_min_minutes", 1, 60, true));
        g.warm_up_minutes = static_cast<int>(*e.integer("block_warm_up_minutes", 1, 30, true));
        g.cool_down_minutes = static_cast<int>(*e.integer("block_cool_down_minutes", 1, 30, true));
        g.outcome_interval_weeks = static_cast<int>(*e.integer("outcome_interval_weeks", 1, 52, true));
        g.early_concussion_days_for_scat6 = static_cast<int>(*e.integer("early_concussion_days_for_scat6", 0, 30, true));
        g.first_visit_concussion_days_for_scat6 = static_cast<int>(
            *e.integer("first_visit_concussion_days_for_scat6", g.early_concussion_days_for_scat6, 30, true));
        g.child_scat6_max_age = static_cast<int>(*e.integer("child_scat6_max_age", 12, 17, true));
        const json* c = e.array("citations", 1, 16, true);
        for (std::size_t i = 0; i < c->size(); ++i) g.reference_keys.push_back(as_identifier((*c)[i], child_path("/engine/citations", i)));
        e.finish();
    }
    {
        ObjectReader e(*r.object("daily_steps", true), "/daily_steps");
        StepSettings& st = set.steps;
        st.weekly_rise_steps = static_cast<int>(*e.integer("weekly_rise_steps", 0, 5000, true));
        st.unmeasured_weekly_rise_steps = static_cast<int>(*e.integer("unmeasured_weekly_rise_steps", 0, st.weekly_rise_steps, true));
        st.unmeasured_max_steps = static_cast<int>(*e.integer("unmeasured_max_steps", 0, 50000, true));
        st.low_baseline_minutes = static_cast<int>(*e.integer("low_baseline_minutes", 0, 240, true));
        st.short_day_minutes = static_cast<int>(*e.integer("short_day_minutes", 0, 1440, true));
        st.low_start_reduction_steps = static_cast<int>(*e.integer("low_start_reduction_steps", 0, 50000, true));
        st.min_start_steps = static_cast<int>(*e.integer("min_start_steps", 0, 50000, true));
        const json* bands = e.array("unmeasured_start", 1, 8, true);
        for (std::size_t i = 0; i < bands->size(); ++i) {
            const std::string bp = child_path("/daily_steps/unmeasured_start", i);
            ObjectReader br((*bands)[i], bp);
            StepsBand b;
            b.max_age = static_cast<int>(*br.integer("max_age", 0, 110, true));
            b.start_steps = static_cast<int>(*br.integer("start_steps", 0, st.unmeasured_max_steps, true));
            br.finish();
            if (!st.unmeasured_start.empty() && b.max_age <= st.unmeasured_start.back().max_age)
                fail(bp + "/max_age", "expected rising ages");
            st.unmeasured_start.push_back(b);
        }
        if (st.unmeasured_start.back().max_age != 110) fail("/daily_steps/unmeasured_start", "expected the last band to end at 110");
        const json* c = e.array("citations", 1, 8, true);
        for (std::size_t i = 0; i < c->size(); ++i) st.reference_keys.push_back(as_identifier((*c)[i], child_path("/daily_steps/citations", i)));
        e.finish();
    }
    const json* slots = r.object("slots", true);
    for (auto it = slots->begin(); it != slots->end(); ++it)
        set.slots[it.key()] = read_slot(it.value(), child_path("/slots", it.key()), it.key());
    const json* progs = r.object("programmes", true);
    for (auto it = progs->begin(); it != progs->end(); ++it)
        set.programmes[it.key()] = read_programme(it.value(), child_path("/programmes", it.key()), it.key(), set);
    read_outcome_measures(*r.object("outcome_measures", true), set.measures_by_condition, set.measures);  // planning/measures
    r.finish();
    return set;
}

}  // namespace

const Phase& Programme::phase_for_week(int week) const {
    for (const Phase& p : phases)
        if (week >= p.from_week && week <= p.to_week) return p;
    return phases.back();
}

const ProgrammeSet& builtin_programmes() {
    // Parsed once (thread-safe static init); the build's tests load it, so a failure
    // here is a packaging bug.
    static const ProgrammeSet set = [] {
        auto r = guarded<ProgrammeSet>([] { return read_programmes(parse_document(embedded::programmes_json())); });
        if (!r) throw std::logic_error("built-in programmes are invalid: " + r.error().describe());
        return std::move(r).value();
    }();
    return set;
}

std::string default_programme(const Patient& patient) {
    if (patient.has(ConditionType::concussion)) return "concussion_return";
    if (patient.has(ConditionType::chronic_pain)) return "graded_activity";
    return "standard";
}

const ReturnStepTemplate* ReturnLadderTemplate::find(const std::string& label) const {
    for (const ReturnStepTemplate& s : steps)
        if (s.step == label) return &s;
    return nullptr;
}

const Programme& concussion_return_programme() {
    const ProgrammeSet& ps = builtin_programmes();
    auto it = ps.programmes.find("concussion_return");
    if (it == ps.programmes.end() || it->second.return_ladders.empty() || !it->second.return_notes)
        throw std::logic_error("built-in programmes have no concussion_return ladders");
    return it->second;
}

const char* to_string(SlotDays d) {
    switch (d) {
        case SlotDays::every: return "every";
        case SlotDays::alternate: return "alternate";
        case SlotDays::strength_days: return "strength_days";
        case SlotDays::balance_days: return "balance_days";
        case SlotDays::hiit_days: return "hiit_days";
        case SlotDays::first_day: return "first_day";
        case SlotDays::first_two_days: return "first_two_days";
    }
    return "every";
}

}  // namespace rehabplan
