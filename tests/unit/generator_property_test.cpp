// Property: for random valid patients, requests and clinic rule files (fixed seed),
// generate() returns a plan that validates with zero errors, or refuses exactly
// when an absolute contraindication is present or a doctor's clearance is needed and
// not recorded (safety.clearance); an event or clearance dated after the start is an
// invalid argument; and generating twice gives byte-identical JSON.
//
// For every programme of data/programmes.json the plans also keep progression.graded's
// three quantities (training minutes, moderate-equivalent aerobic minutes, longest bout)
// week on week, computed here from the plan with the readings, and a plan that states a
// full-dose week has week.volume's dose in its own validator's count from then on.
//
// Priming treatments (#22) are drawn with a generator of their own (so the other draws
// stay as they were): 0-3 of ketamine, esketamine, rtms or an own type with a random window
// and rest_on_dates, as dates or courses around the plan, sometimes with a clinic's
// priming.dosing_day and priming.window; no session may fall on a day they keep free.
//
// The default suite runs REHABPLAN_PROPERTY_CASES cases (default 300); the full run:
//   REHABPLAN_PROPERTY_CASES=10000 build/tests/rehabplan_tests -tc="generator property*"
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <random>

#include <nlohmann/json.hpp>

#include "planning/programme.hpp"
#include "rules/readings.hpp"
#include "rules/readings_priming.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

using test::Rng;

struct Case {
    std::string patient;
    PlanRequest request;
    std::string clinic;      // "" = built-in rules
    bool must_refuse = false;
    bool bad_date = false;   // an event or clearance after the start: invalid_argument
};

// concussion.return's record for a concussion `before` days before `start`: random
// ladders and sport, sometimes symptoms_resolved (on or after the event, not after the
// start) and then sometimes the doctor's clearance (on or after it).
json concussion_return(Rng& r, Date start, int before) {
    json cr = json::object();
    if (r.chance(70)) {
        json ladders = json::array();
        for (const char* l : {"sport", "learn", "work", "daily"})
            if (r.chance(40)) ladders.push_back(l);
        if (ladders.empty()) ladders.push_back(r.pick<std::string>({"sport", "daily"}));
        cr["ladders"] = ladders;
    }
    if (r.chance(30)) cr["sport"] = r.pick<std::string>({"football", "hockey", "rugby", "judo"});
    if (r.chance(50)) {
        const int resolved = r.between(0, before);  // days after the event
        cr["symptoms_resolved"] = start.plus_days(-before + resolved).to_string();
        if (r.chance(50)) {
            json cl{{"date", start.plus_days(-before + r.between(resolved, before)).to_string()}};
            if (r.chance(50)) cl["by"] = "Dr " + std::to_string(r.between(1, 99));
            cr["cleared"] = cl;
        }
    }
    return cr;
}

// concussion.return's gates in a generated plan: no dated step from resolution_from_step
// without symptoms_resolved, none from clearance_from_step without the clearance, and no
// session in such a step; sessions never before their step's day.
void check_concussion_gates(const Patient& p, const Plan& plan, const RuleSet& rules) {
    const Condition* c = p.find(ConditionType::concussion);
    if (!c || !c->event_date) {
        CHECK(plan.return_ladders.empty());
        return;
    }
    const EffectiveRules er(rules, p);
    const std::int64_t resolution_from = er[params::concussion_return_resolution_from_step];
    const std::int64_t clearance_from = er[params::concussion_return_clearance_from_step];
    const bool resolved = p.concussion_return && p.concussion_return->symptoms_resolved;
    const bool cleared = p.concussion_return && p.concussion_return->cleared;
    REQUIRE_FALSE(plan.return_ladders.empty());
    for (const ReturnLadderPlan& l : plan.return_ladders) {
        if (l.ladder != ReturnLadder::sport && l.ladder != ReturnLadder::daily) {
            for (const ReturnStep& s : l.steps) CHECK(s.from);  // learn and work: always dated
            continue;
        }
        for (const ReturnStep& s : l.steps) {
            const int number = s.step[0] - '0';
            CAPTURE(s.step);
            if (number >= resolution_from && !resolved) CHECK_FALSE(s.from);
            if (number >= clearance_from && !cleared) CHECK_FALSE(s.from);
            if (!s.from) CHECK_FALSE(s.gates.empty());
        }
    }
    // Pupils: full-time school (learn step 4) before team training (sport step 4).
    const ReturnStep* learn4 = nullptr;
    const ReturnStep* sport4 = nullptr;
    for (const ReturnLadderPlan& l : plan.return_ladders)
        for (const ReturnStep& s : l.steps) {
            if (s.step != "4") continue;
            if (l.ladder == ReturnLadder::learn) learn4 = &s;
            if (l.ladder == ReturnLadder::sport) sport4 = &s;
        }
    if (learn4 && sport4 && learn4->from && sport4->from) CHECK(*learn4->from <= *sport4->from);
    const auto schedule = reading::concussion_schedule(er, p);
    std::optional<reading::ConcussionStage> last;  // sessions never skip a step
    for (const SessionPlan& s : plan.sessions) {
        if (!s.concussion_step) continue;
        CAPTURE(s.date.to_string());
        if (const auto st = reading::stage_of(*s.concussion_step, s.concussion_stage)) {
            if (last) CHECK(static_cast<int>(*st) <= static_cast<int>(*last) + 1);
            if (last) CHECK(*st >= *last);
            last = st;
        }
        CHECK(*s.concussion_step >= 2);  // step 1: no training sessions
        if (*s.concussion_step >= resolution_from) CHECK(resolved);
        if (*s.concussion_step >= clearance_from) CHECK(cleared);
        const auto stage = reading::stage_of(*s.concussion_step, s.concussion_stage);
        REQUIRE(stage);
        const auto& day = schedule.at(static_cast<std::size_t>(*stage));
        REQUIRE(day.from);
        CHECK(*day.from <= s.date);
    }
}


// progression.graded, computed from the plan with the readings (not with validate()):
// each plan week's training minutes, moderate-equivalent aerobic minutes and longest
// bout against the limits after the weeks before it; week 1 within the baseline.
void check_progression(const Patient& p, const Plan& plan, const RuleSet& rules) {
    const EffectiveRules er(rules, p);
    reading::ProgressionHistory history;
    for (int k = 0; k < plan.weeks; ++k) {
        std::vector<const SessionPlan*> week;
        for (const SessionPlan& s : plan.sessions)
            if (s.date.days_since(plan.start_date) / 7 == k) week.push_back(&s);
        const reading::ProgressionWeek m = reading::progression_measure(week, er, p);
        const reading::ProgressionLimits lim = reading::progression_limits(er, p.baseline_minutes, history, m.training_days);
        CAPTURE(k + 1);
        CAPTURE(m.total);
        CAPTURE(m.volume);
        CAPTURE(m.bout);
        if (lim.baseline_week) CHECK(m.aerobic <= reading::progression_baseline_cap(p.baseline_minutes, m.training_days));
        if (lim.total) CHECK(m.total <= *lim.total);
        if (lim.volume) CHECK(m.volume <= *lim.volume);
        CHECK(m.bout <= lim.bout);
        for (const SessionPlan* s : week)  // one aerobic session at most recommended_max_minutes
            CHECK_FALSE(reading::session_aerobic_above_max(er, *s));
        history.push(m);
    }
}

// A plan that states a full-dose week has week.volume's minimum, counted as the validator
// counts it (moderate_equivalent_minutes), in that and every later plan week, unless the
// generator warned that the patient's availability cannot reach it (a week.volume warning
// of its own), or a concussion return's steps 1-3 hold the week (no dose asked). The
// plan's own 7-day weeks are compared: an ISO week that straddles two plan weeks can mix
// their day patterns (see the report of #19).
void check_full_dose(const Patient& p, const Plan& plan, const RuleSet& rules) {
    if (!plan.full_dose_week) return;
    for (const Finding& f : plan.findings)
        if (f.rule == "week.volume" && f.severity == Severity::warning) return;
    const EffectiveRules er(rules, p);
    const std::int64_t min_volume = er[params::week_volume_min_minutes];
    for (int k = *plan.full_dose_week - 1; k < plan.weeks; ++k) {
        const Date from = plan.start_date.plus_days(7 * k);
        bool dose_free = false;
        for (int i = 0; i < 7; ++i) dose_free = dose_free || reading::concussion_dose_free_on(er, p, from.plus_days(i));
        if (dose_free) continue;
        std::int64_t volume = 0;
        for (const SessionPlan& s : plan.sessions)
            if (s.date >= from && s.date < from.plus_days(7)) volume += moderate_equivalent_minutes(s, er, &p);
        CAPTURE(k + 1);
        CHECK_MESSAGE(volume >= min_volume, "full dose from week " << *plan.full_dose_week << " but plan week " << k + 1
                                                                   << " holds " << volume << " moderate-equivalent minutes");
    }
}

// 0-3 priming treatments around a plan from `start` of `weeks` weeks (none in about half
// the cases): ketamine, esketamine, rtms or an own type with its window (mostly short,
// sometimes up to two weeks) and rest_on_dates; dates, a course, or both.
json priming_treatments(Rng& r, Date start, int weeks) {
    json list = json::array();
    if (r.chance(50)) return list;
    const int span = 7 * std::max(weeks, 1);
    const auto some_day = [&] { return start.plus_days(r.between(-14, span + 7)); };
    for (int i = r.between(1, 3); i > 0; --i) {
        json t{{"type", r.pick<std::string>({"ketamine", "esketamine", "esketamine", "rtms", "rtms", "own"})}};
        if (t["type"] == "own") {
            t["type"] = r.pick<std::string>({"hbot", "tdcs", "psilocybin"});
            const int start_hours = r.chance(70) ? r.between(0, 48) : r.between(0, 335);
            const int end_hours = std::min(336, start_hours + (r.chance(70) ? r.between(1, 72) : r.between(1, 336)));
            t["window"] = {{"start_hours", start_hours}, {"end_hours", end_hours}};
            if (r.chance(60)) t["rest_on_dates"] = r.chance(50);
        }
        const int form = r.between(0, 2);  // dates, course, both
        if (form != 1) {
            json dates = json::array();
            std::vector<std::string> seen;
            for (int k = r.chance(70) ? r.between(1, 6) : r.between(1, 40); k > 0; --k) {
                const std::string day = some_day().to_string();
                if (std::find(seen.begin(), seen.end(), day) != seen.end()) continue;
                seen.push_back(day);
                dates.push_back(day);
            }
            t["dates"] = dates;
        }
        if (form != 0) {
            const Date from = some_day();
            const Date to = from.plus_days(r.chance(80) ? r.between(0, 60) : r.between(0, 365));
            // The first day's weekday and some others: the course always holds a date.
            static const std::vector<std::string> names{"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
            json weekdays = json::array({names[static_cast<std::size_t>(from.weekday())]});
            for (int k = 0; k < 7; ++k)
                if (k != static_cast<int>(from.weekday()) && r.chance(25)) weekdays.push_back(names[static_cast<std::size_t>(k)]);
            t["course"] = {{"from", from.to_string()}, {"to", to.to_string()}, {"weekdays", weekdays}};
        }
        list.push_back(t);
    }
    return list;
}

// A clinic's priming parameters (sometimes): more rest after a dose, rTMS or an own type
// as dosing days, other window hours (end at or before start included: an empty window).
json priming_rules(Rng& r) {
    json rules = json::object();
    if (r.chance(80)) return rules;
    if (r.chance(60)) rules["priming.dosing_day"]["params"]["rest_days_after"] = r.between(0, 2);
    if (r.chance(40)) {
        json names = json::array({"ketamine", "esketamine"});
        if (r.chance(50)) names.push_back("rtms");
        if (r.chance(50)) names.push_back("hbot");
        rules["priming.dosing_day"]["params"]["treatments"] = names;
    }
    if (r.chance(50)) {
        // A window opens before it closes (the rules loader refuses anything else).
        const int start = r.between(0, 72);
        rules["priming.window"]["params"]["esketamine_start_hours"] = start;
        rules["priming.window"]["params"]["esketamine_end_hours"] = start + r.between(1, 72);
    }
    if (r.chance(30)) rules["priming.window"]["params"]["rtms_end_hours"] = r.between(1, 48);
    if (r.chance(30)) rules["priming.window"]["params"]["skill_session_types"] = json::array({"dual_task", "balance", "exposure", "strength"});
    return rules;
}

Case random_case(Rng& r, Rng& priming) {
    Case c;
    const Date start = *Date::from_ymd(r.between(2020, 2040), r.between(1, 12), r.between(1, 28));
    json p{{"schema_version", 1}, {"age", r.between(12, 110)}, {"sex", r.pick<std::string>({"female", "male", "other"})}};
    const std::vector<std::string> types{"stroke", "tbi", "concussion", "dementia", "parkinson", "chronic_pain"};
    json conditions = json::array();
    std::vector<std::string> have;
    // safety.clearance, with the built-in limits (the clinic files drawn below leave them):
    // what needs a clearance, whatever the patient has recorded.
    bool needs_clearance = false;
    // Days before the start: often recent (the first weeks after an event), sometimes
    // after the start (bad input).
    const auto days_before = [&r](int far) {
        if (r.chance(3)) return -r.between(1, 30);
        return r.chance(30) ? r.between(0, 50) : r.between(0, far);
    };
    for (int i = r.between(0, 2); i > 0; --i) {
        const std::string t = r.pick(types);
        if (std::find(have.begin(), have.end(), t) != have.end()) continue;
        have.push_back(t);
        json cond{{"type", t}};
        std::string severity;
        if (t == "tbi") severity = r.pick<std::string>({"mild", "moderate", "severe"});
        if (t == "stroke" || t == "tbi" || t == "concussion") {
            const int before = t == "concussion" ? days_before(40) : days_before(900);
            cond["event_date"] = start.plus_days(-before).to_string();
            if (before < 0) c.bad_date = true;
            if (t == "concussion" && before >= 0 && r.chance(60)) p["concussion_return"] = concussion_return(r, start, before);
            // A stroke or a moderate/severe TBI within recent_event_days (14, day 14 included).
            if (before >= 0 && before <= 14 && (t == "stroke" || severity == "moderate" || severity == "severe"))
                needs_clearance = true;
        }
        if (t == "tbi") cond["severity"] = severity;
        conditions.push_back(cond);
    }
    p["conditions"] = conditions;
    if (r.chance(20)) p["medications"] = {"beta_blocker"};
    json contra = json::object();
    if (r.chance(10)) {
        const std::string name = r.pick<std::string>({"severe_heart_disease", "untreated_epilepsy", "medically_unstable"});
        contra["named"] = {name};
        if (name == "medically_unstable") needs_clearance = true;
    }
    if (r.chance(4)) {
        contra["named"] = {r.pick<std::string>({"unstable_angina", "acute_systemic_infection", "not_a_known_name"})};
        c.must_refuse = true;
    }
    if (r.chance(8)) {
        const int sys = r.between(110, 230), dia = r.between(60, 130);
        contra["resting_bp"] = {{"systolic", sys}, {"diastolic", dia}};
        if (sys > 200 || dia > 110) c.must_refuse = true;
        else if (sys > 180) needs_clearance = true;  // max_systolic_without_clearance
    }
    if (r.chance(10)) {
        const int before = days_before(120);
        contra["myocardial_infarction_date"] = start.plus_days(-before).to_string();
        if (before < 0) c.bad_date = true;
        if (before >= 0 && before <= 42) needs_clearance = true;  // recent_mi_days
        if (before >= 0 && before <= 2) c.must_refuse = true;     // mi_min_days: absolute, cleared or not
    }
    if (!contra.empty()) p["contraindications"] = contra;
    json hr = json::object();
    if (r.chance(20)) hr["max_bpm"] = r.between(120, 210);
    if (r.chance(25)) {
        const int rest = r.chance(70) ? r.between(40, 100) : r.between(95, 130);
        hr["resting_bpm"] = rest;
        if (rest > 120) needs_clearance = true;  // max_resting_hr_without_clearance
    }
    if (r.chance(20)) hr["formula"] = r.pick<std::string>({"tanaka", "fox", "gellish", "gulati"});
    if (r.chance(30)) hr["symptom_threshold_bpm"] = r.between(90, 190);
    if (!hr.empty()) p["heart_rate"] = hr;
    p["baseline_minutes"] = r.chance(10) ? r.between(0, 5) : r.between(0, 90);
    json days = json::array();
    for (const char* dname : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
        if (r.chance(55)) days.push_back(dname);
    if (days.empty()) days.push_back(r.pick<std::string>({"mon", "thu", "sun"}));
    if (!r.chance(10)) p["available_days"] = days;
    if (r.chance(20)) p["max_minutes_per_day"] = r.between(10, 120);
    p["hiit_screening_done"] = r.chance(50);
    if (const int level = r.between(0, 4); level >= 3) {  // none 60 %, moderate 20 %, vigorous 20 %
        json cl{{"level", level == 3 ? "moderate" : "vigorous"}};
        if (r.chance(70)) {
            const int before = days_before(60);
            cl["date"] = start.plus_days(-before).to_string();
            if (before < 0) c.bad_date = true;
        }
        if (r.chance(50)) cl["by"] = "Dr " + std::to_string(r.between(1, 99));
        p["clearance"] = cl;
    } else if (needs_clearance) {
        c.must_refuse = true;
    }
    const bool pain = std::find(have.begin(), have.end(), "chronic_pain") != have.end();
    if (pain && r.chance(70)) {
        json fh = json::array();
        for (int i = r.between(1, 6); i > 0; --i) fh.push_back({{"activity", "activity " + std::to_string(i)}, {"fear", r.between(0, 100)}});
        p["fear_hierarchy"] = fh;
    }
    // Exercise selection's facts (exercise.suitability): mobility, falls, equipment, osteoporosis, side.
    if (r.chance(60)) p["mobility"] = r.pick<std::string>({"independent", "walking_aid", "wheelchair"});
    if (r.chance(40)) p["falls_past_year"] = r.chance(50) ? 0 : r.between(1, 5);
    if (r.chance(50)) {
        json eq = json::array();
        for (const char* e : {"chair", "wall", "step", "band", "weights", "bike"})
            if (r.chance(40)) eq.push_back(e);
        p["equipment"] = eq;
    }
    if (r.chance(30)) p["osteoporosis"] = r.chance(60);
    if (std::find(have.begin(), have.end(), "stroke") != have.end() && r.chance(70))
        p["affected_side"] = r.pick<std::string>({"left", "right"});
    c.patient = p.dump();

    // A programme this patient may follow (or the default).
    std::vector<std::string> progs{"", "standard"};
    const auto has = [&](const char* t) { return std::find(have.begin(), have.end(), t) != have.end(); };
    if (has("stroke") || has("tbi") || has("concussion")) progs.push_back("neurorc_intensive");
    if (has("stroke") || has("tbi") || has("dementia") || has("parkinson")) progs.push_back("cognitive_fitness");
    if (has("stroke")) progs.push_back("hiit_stroke");
    if (has("concussion")) progs.push_back("concussion_return");
    if (pain) progs.push_back("graded_activity");
    if (pain && p.contains("fear_hierarchy")) progs.push_back("graded_exposure");
    c.request.start_date = start;
    c.request.weeks = r.chance(10) ? 0 : r.between(1, 52);
    c.request.programme = r.pick(progs);
    c.request.language = r.chance(50) ? "en" : "nl";
    if (json t = priming_treatments(priming, start, c.request.weeks); !t.empty()) {
        p["priming_treatments"] = t;
        c.patient = p.dump();
    }

    if (r.chance(30)) {
        json rules = json::object();
        rules["progression.graded"]["params"]["max_weekly_increase_percent"] = r.between(0, 20);
        if (r.chance(50)) rules["week.rest"]["params"]["min_rest_days"] = r.between(1, 3);
        if (r.chance(50)) rules["session.duration"]["params"]["min_minutes"] = r.between(45, 60);
        if (r.chance(50)) rules["week.volume"]["params"]["min_minutes"] = r.between(150, 250);
        if (r.chance(50)) rules["week.strength"]["params"]["min_days"] = r.between(2, 3);
        if (r.chance(50)) rules["week.balance"]["params"]["min_days"] = r.between(0, 4);
        if (r.chance(30)) rules["intensity.heart_rate"]["params"]["max_percent_hrmax"] = r.between(70, 85);
        if (r.chance(30)) rules["hiit.eligibility"]["params"]["build_up_weeks"] = r.between(2, 6);
        if (r.chance(20)) rules["progression.graded"]["params"]["max_intensity_steps_per_week"] = 0;
        if (r.chance(30)) rules["exercise.dose"]["params"]["max_sets"] = r.between(1, 3);
        if (r.chance(30)) rules["exercise.suitability"]["params"]["easiest_level_min_age"] = r.between(50, 65);
        c.clinic = json{{"schema_version", 1}, {"name", "random clinic"}, {"version", "1"}, {"rules", rules}}.dump();
    }
    if (json extra = priming_rules(priming); !extra.empty()) {
        json doc = c.clinic.empty() ? json{{"schema_version", 1}, {"name", "random clinic"}, {"version", "1"}, {"rules", json::object()}}
                                    : json::parse(c.clinic);
        for (auto it = extra.begin(); it != extra.end(); ++it) doc["rules"][it.key()] = it.value();
        c.clinic = doc.dump();
    }
    return c;
}

// Every named exercise suits the patient (checked here without the validator's reading
// too: no standing or lying for a wheelchair user, no spinal flexion with osteoporosis),
// and a strength or balance session is no longer than the drafted minimum its exercises need.
void check_exercises(const Patient& p, const Plan& plan, const RuleSet& rules) {
    const bool wheelchair = p.mobility == Mobility::wheelchair;
    const bool osteoporosis = p.osteoporosis.value_or(false);
    for (const SessionPlan& s : plan.sessions)
        for (const ExerciseDose& d : s.exercises) {
            CAPTURE(s.date.to_string());
            CAPTURE(d.id);
            const Exercise* e = rules.exercises.find(d.id);
            REQUIRE(e);
            if (wheelchair) CHECK(e->position == BodyPosition::sitting);
            if (osteoporosis)
                CHECK(std::find(e->precautions.begin(), e->precautions.end(), "spinal_flexion") == e->precautions.end());
            CHECK(unmet_precautions(rules.exercises, *e, p).empty());
            CHECK((d.repetitions.has_value() + d.seconds.has_value() + d.minutes.has_value()) == 1);
            if (d.extra_side) CHECK(p.affected_side == d.extra_side);
        }
}

int case_count() {
    const char* env = std::getenv("REHABPLAN_PROPERTY_CASES");
    if (!env) return 300;
    const long n = std::strtol(env, nullptr, 10);
    return n > 0 && n <= 1000000 ? static_cast<int>(n) : 300;
}

}  // namespace

TEST_CASE("generator property: random patients and requests always give an error-free, byte-identical plan") {
    Rng rng(20261123);
    Rng priming_rng(20261207);
    const int cases = case_count();
    int refused = 0, plans = 0, clinic = 0, bad_dates = 0, concussion = 0;
    int primed = 0, kept_free = 0, in_window = 0;  // plans with treatments; their free days, skill sessions in windows
    std::int64_t named = 0;  // sessions naming exercises
    for (int i = 0; i < cases; ++i) {
        const Case c = random_case(rng, priming_rng);
        CAPTURE(i);
        CAPTURE(c.patient);
        CAPTURE(c.request.start_date.to_string());
        CAPTURE(c.request.weeks);
        CAPTURE(c.request.programme);
        CAPTURE(c.clinic);
        auto patient = parse_patient(c.patient);
        REQUIRE_MESSAGE(patient.ok(), patient.error().describe());
        RuleSet rules = builtin_rules();
        if (!c.clinic.empty()) {
            auto rs = apply_clinic_rules(builtin_rules(), c.clinic);
            REQUIRE_MESSAGE(rs.ok(), rs.error().describe());
            rules = std::move(rs).value();
            ++clinic;
        }
        // Until the built-in library is full, a small one with every kind of precaution.
        if (rules.exercises.exercises.size() < 20) rules.exercises = test::exercise_library();
        auto g1 = generate(patient.value(), c.request, rules);
        if (c.bad_date) {
            // An event or clearance after the start: bad input naming the patient's field.
            REQUIRE_FALSE(g1.ok());
            CHECK(g1.error().code == ErrorCode::invalid_argument);
            CHECK(g1.error().document == "patient");
            ++bad_dates;
            continue;
        }
        REQUIRE_MESSAGE(g1.ok(), g1.error().describe());
        CHECK(g1.value().refused() == c.must_refuse);
        if (g1.value().refused()) {
            ++refused;
            continue;
        }
        ++plans;
        const Plan& plan = *g1.value().plan;
        const auto findings = validate(patient.value(), plan, rules);
        REQUIRE_MESSAGE(count(findings).errors == 0, test::dump(findings));
        CHECK(test::with_rule(findings, "exercise.suitability").empty());
        // The therapist page names every rule the validator warns about.
        for (const Finding& f : findings)
            if (f.severity == Severity::warning) {
                CAPTURE(f.rule);
                CHECK_FALSE(test::with_rule(g1.value().findings, f.rule).empty());
            }
        check_exercises(patient.value(), plan, rules);
        named += std::count_if(plan.sessions.begin(), plan.sessions.end(),
                               [](const SessionPlan& s) { return !s.exercises.empty(); });
        check_concussion_gates(patient.value(), plan, rules);
        check_progression(patient.value(), plan, rules);
        check_full_dose(patient.value(), plan, rules);
        if (patient.value().has(ConditionType::concussion)) ++concussion;
        if (!patient.value().priming_treatments.empty()) {
            // No session on a day priming.dosing_day keeps free, computed with the reading.
            ++primed;
            const EffectiveRules er(rules, patient.value());
            const reading::PrimingCalendar cal(er, patient.value().priming_treatments);
            for (const SessionPlan& s : plan.sessions) {
                CAPTURE(s.date.to_string());
                CHECK_FALSE(cal.no_training(s.date));
                if (cal.window(s.date) && reading::is_skill_session(er, s)) ++in_window;
            }
            for (int d = 0; d < 7 * plan.weeks; ++d) kept_free += cal.no_training(plan.start_date.plus_days(d)) ? 1 : 0;
        }
        const std::string a = to_json(plan);
        auto g2 = generate(patient.value(), c.request, rules);
        REQUIRE(g2.ok());
        REQUIRE(to_json(*g2.value().plan) == a);
        // The JSON reads back as the same plan.
        auto back = parse_plan(a);
        REQUIRE_MESSAGE(back.ok(), back.error().describe());
        CHECK(to_json(back.value()) == a);
    }
    MESSAGE(cases << " cases: " << plans << " plans, " << refused << " refused, " << bad_dates << " with a date after the start, "
                  << clinic << " with a clinic rule file, " << concussion << " after a concussion, " << primed
                  << " with priming treatments (" << kept_free << " days kept free, " << in_window
                  << " skill sessions in a window)");
    CHECK(plans > cases / 2);
    CHECK(primed > plans / 4);
    CHECK(kept_free > primed);
    CHECK(in_window > primed);
    CHECK(refused > 0);
    CHECK(concussion > 0);
    CHECK(named > plans);  // most plans name exercises in several sessions
}

TEST_CASE("generator property: concussion patients never get a dated step 4-6 or its sessions without the gate") {
    Rng r(20261206);
    const int cases = case_count();
    int plans = 0, dated_late = 0, undated_late = 0;
    for (int i = 0; i < cases; ++i) {
        const Date start = *Date::from_ymd(r.between(2020, 2040), r.between(1, 12), r.between(1, 28));
        const int before = r.chance(30) ? r.between(0, 4) : r.between(0, 45);
        json p{{"schema_version", 1}, {"age", r.between(12, 95)}, {"sex", r.pick<std::string>({"female", "male", "other"})},
               {"baseline_minutes", r.between(0, 60)},
               {"conditions", json::array({json{{"type", "concussion"}, {"event_date", start.plus_days(-before).to_string()}}})}};
        json hr = json::object();
        if (r.chance(40)) hr["symptom_threshold_bpm"] = r.between(90, 190);
        if (r.chance(30)) hr["max_bpm"] = r.between(140, 210);
        if (!hr.empty()) p["heart_rate"] = hr;
        if (r.chance(80)) p["concussion_return"] = concussion_return(r, start, before);
        p["hiit_screening_done"] = r.chance(50);
        if (r.chance(30)) p["clearance"] = {{"level", "vigorous"}, {"date", start.plus_days(-r.between(0, before)).to_string()}};
        PlanRequest q;
        q.start_date = start;
        q.weeks = r.chance(20) ? 0 : r.between(1, 12);
        q.programme = r.pick<std::string>({"", "concussion_return", "standard", "neurorc_intensive"});
        q.language = r.chance(50) ? "en" : "nl";
        CAPTURE(i);
        CAPTURE(p.dump());
        CAPTURE(q.programme);
        CAPTURE(q.weeks);
        auto patient = parse_patient(p.dump());
        REQUIRE_MESSAGE(patient.ok(), patient.error().describe());
        auto g = generate(patient.value(), q, builtin_rules());
        REQUIRE_MESSAGE(g.ok(), g.error().describe());
        REQUIRE_FALSE(g.value().refused());
        ++plans;
        const Plan& plan = *g.value().plan;
        const auto findings = validate(patient.value(), plan, builtin_rules());
        REQUIRE_MESSAGE(count(findings).errors == 0, test::dump(findings));
        check_concussion_gates(patient.value(), plan, builtin_rules());
        for (const ReturnLadderPlan& l : plan.return_ladders)
            for (const ReturnStep& s : l.steps)
                if (s.step == "4" && (l.ladder == ReturnLadder::sport || l.ladder == ReturnLadder::daily))
                    (s.from ? dated_late : undated_late)++;
        // HIIT and vigorous work only when concussion_vigorous_allowed on the day.
        const EffectiveRules er(builtin_rules(), patient.value());
        for (const SessionPlan& s : plan.sessions) {
            const bool vigorous = s.type == SessionType::hiit || (s.intensity && s.intensity->klass == IntensityClass::vigorous);
            if (vigorous) CHECK(reading::concussion_vigorous_allowed(er, patient.value(), s.date));
        }
    }
    MESSAGE(plans << " concussion plans: step 4 dated in " << dated_late << ", undated in " << undated_late);
    CHECK(dated_late > 0);
    CHECK(undated_late > 0);
}

TEST_CASE("generator property: every programme keeps progression.graded's three quantities and its stated full dose") {
    Rng r(20261219);
    const int per_programme = std::max(20, case_count() / 5);
    const std::vector<std::string> all_types{"stroke", "tbi", "concussion", "dementia", "parkinson", "chronic_pain"};
    for (const auto& [id, prog] : builtin_programmes().programmes) {
        int plans = 0, full = 0;
        for (int i = 0; i < per_programme; ++i) {
            const Date start = *Date::from_ymd(r.between(2024, 2030), r.between(1, 12), r.between(1, 28));
            std::string type = prog.conditions.empty() ? r.pick(all_types) : to_string(prog.conditions[static_cast<std::size_t>(
                                                                                  r.between(0, static_cast<int>(prog.conditions.size()) - 1))]);
            json cond{{"type", type}};
            if (type == "stroke" || type == "tbi") cond["event_date"] = start.plus_days(-r.between(60, 900)).to_string();
            if (type == "concussion") cond["event_date"] = start.plus_days(-r.between(0, 40)).to_string();
            if (type == "tbi") cond["severity"] = r.pick<std::string>({"mild", "moderate", "severe"});
            json p{{"schema_version", 1}, {"age", r.between(18, 95)}, {"sex", r.pick<std::string>({"female", "male"})},
                   {"conditions", json::array({cond})},
                   {"baseline_minutes", r.chance(25) ? r.between(0, 5) : r.between(5, 60)},
                   {"hiit_screening_done", r.chance(60)}};
            if (r.chance(40)) p["clearance"] = {{"level", "vigorous"}, {"date", start.plus_days(-1).to_string()}};
            json days = json::array();
            for (const char* dname : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})
                if (r.chance(60)) days.push_back(dname);
            if (days.empty()) days.push_back("sat");
            if (!r.chance(20)) p["available_days"] = days;
            if (r.chance(30)) p["max_minutes_per_day"] = r.chance(30) ? r.between(61, 240) : r.between(10, 120);
            if (type == "chronic_pain") {
                json fh = json::array();
                for (int j = r.between(1, 5); j > 0; --j)
                    fh.push_back({{"activity", "activity " + std::to_string(j)}, {"fear", r.between(0, 100)}});
                p["fear_hierarchy"] = fh;
            }
            PlanRequest q;
            q.start_date = start;
            q.weeks = r.chance(30) ? 0 : r.between(1, 24);
            q.programme = id;
            q.language = r.chance(50) ? "en" : "nl";
            CAPTURE_BOUND(id);
            CAPTURE(p.dump());
            CAPTURE(q.weeks);
            auto patient = parse_patient(p.dump());
            REQUIRE_MESSAGE(patient.ok(), patient.error().describe());
            auto g = generate(patient.value(), q, builtin_rules());
            REQUIRE_MESSAGE(g.ok(), g.error().describe());
            if (g.value().refused()) continue;
            ++plans;
            const Plan& plan = *g.value().plan;
            const auto findings = validate(patient.value(), plan, builtin_rules());
            REQUIRE_MESSAGE(count(findings).errors == 0, test::dump(findings));
            check_progression(patient.value(), plan, builtin_rules());
            check_full_dose(patient.value(), plan, builtin_rules());
            if (plan.full_dose_week) ++full;
        }
        MESSAGE(id << ": " << plans << " plans, " << full << " with a full-dose week");
        CHECK(plans > 0);
    }
}
