// generate(): per programme and per condition, with concrete dates and numbers.
// Every generated plan in this file is also validated: zero errors, always.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include "test_support.hpp"

using namespace rehabplan;
using test::d;

namespace {

Patient patient(const std::string& json) {
    auto r = parse_patient(json);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

// The stroke patient of examples/patient-stroke.json: 67, Tanaka HRmax 161.1, baseline 30.
const char* stroke_json = R"({"schema_version": 1, "age": 67, "sex": "female",
  "conditions": [{"type": "stroke", "event_date": "2026-08-14"}], "baseline_minutes": 30,
  "available_days": ["mon", "wed", "fri", "sat"]})";

PlanRequest request(const char* start, int weeks, const std::string& programme = "", const std::string& lang = "en") {
    PlanRequest q;
    q.start_date = d(start);
    q.weeks = weeks;
    q.programme = programme;
    q.language = lang;
    return q;
}

GeneratedPlan gen(const Patient& p, const PlanRequest& q, const RuleSet& rules = builtin_rules()) {
    auto r = generate(p, q, rules);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

Plan plan_of(const Patient& p, const PlanRequest& q, const RuleSet& rules = builtin_rules()) {
    GeneratedPlan g = gen(p, q, rules);
    REQUIRE_FALSE(g.refused());
    const auto f = validate(p, *g.plan, rules);
    CHECK_MESSAGE(count(f).errors == 0, test::dump(f));
    return *g.plan;
}

// Training minutes of each of the plan's own 7-day weeks.
std::vector<int> week_minutes(const Plan& plan) {
    std::vector<int> out(static_cast<std::size_t>(plan.weeks), 0);
    for (const auto& s : plan.sessions)
        if (is_training(s.type)) out[static_cast<std::size_t>(s.date.days_since(plan.start_date) / 7)] += s.minutes;
    return out;
}

std::vector<const SessionPlan*> of_type(const Plan& plan, SessionType t) {
    std::vector<const SessionPlan*> out;
    for (const auto& s : plan.sessions)
        if (s.type == t) out.push_back(&s);
    return out;
}

bool has_finding(const std::vector<Finding>& f, const std::string& rule, Severity sev) {
    return !test::with_rule(f, rule, sev).empty();
}

}  // namespace

TEST_CASE("generator: standard plan after stroke, 12 weeks from Monday 2026-11-23") {
    const Patient p = patient(stroke_json);
    const GeneratedPlan g = gen(p, request("2026-11-23", 12));
    REQUIRE(g.plan);
    const Plan& plan = *g.plan;
    CHECK(plan.programme == "standard");
    CHECK(plan.end_date() == d("2027-02-14"));
    // Only the available weekdays, never two strength days in a row, at least one rest day.
    std::set<Weekday> days;
    for (const auto& s : plan.sessions) days.insert(s.date.weekday());
    CHECK(days == std::set<Weekday>{Weekday::mon, Weekday::wed, Weekday::fri, Weekday::sat});
    const auto strength = of_type(plan, SessionType::strength);
    REQUIRE(strength.size() == 24);
    CHECK(strength[0]->date == d("2026-11-23"));
    CHECK(strength[1]->date == d("2026-11-27"));
    for (std::size_t i = 1; i < strength.size(); ++i) CHECK(strength[i]->date.days_since(strength[i - 1]->date) >= 2);
    // Week 1: no aerobic bout longer than the 30-minute baseline.
    for (const auto& s : plan.sessions)
        if (s.date < d("2026-11-30") && (s.type == SessionType::aerobic || s.type == SessionType::dual_task))
            CHECK(s.minutes <= 30);
    // After stroke weekly minutes rise by at most 10 %.
    const auto w = week_minutes(plan);
    CHECK(w[0] == 182);
    for (std::size_t k = 1; k < w.size(); ++k) CHECK(w[k] * 100 <= w[k - 1] * 110);
    CHECK(w[1] == 200);
    CHECK(w[2] == 220);
    REQUIRE(plan.full_dose_week);
    CHECK(*plan.full_dose_week == 3);
    // Stroke zone 55-80 % of Tanaka HRmax 161.1 bpm, kept in the moderate band without a
    // vigorous clearance (76 % = 122.4): 89-122 bpm, with Borg 11-13 (RPE 11-14 steers
    // after a stroke; 14 is vigorous).
    const auto walks = of_type(plan, SessionType::aerobic);
    REQUIRE_FALSE(walks.empty());
    REQUIRE(walks[0]->intensity);
    CHECK(walks[0]->intensity->hr_bpm->low == 89);
    CHECK(walks[0]->intensity->hr_bpm->high == 122);
    REQUIRE(walks[0]->intensity->rpe);
    CHECK(walks[0]->intensity->rpe->low == 11);
    CHECK(walks[0]->intensity->rpe->high == 13);
    CHECK(walks[0]->intensity->klass == IntensityClass::moderate);
    // Dual-task walks for brain injury, balance on 2 days, warm-up and cool-down inside.
    CHECK(of_type(plan, SessionType::dual_task).size() == 24);
    const auto dual = of_type(plan, SessionType::dual_task);
    CHECK(std::any_of(dual[0]->blocks.begin(), dual[0]->blocks.end(), [](const Block& b) { return b.kind == BlockKind::cognitive; }));
    CHECK(dual[0]->blocks.front().kind == BlockKind::warm_up);
    CHECK(dual[0]->blocks.back().kind == BlockKind::cool_down);
    // Every training session, even a short build-up one, has a warm-up and a cool-down.
    for (const auto& s : plan.sessions) {
        if (!is_training(s.type)) continue;
        REQUIRE(s.blocks.size() >= 3);
        CHECK(s.blocks.front().kind == BlockKind::warm_up);
        CHECK(s.blocks.back().kind == BlockKind::cool_down);
    }
    std::set<int> balance_days;
    for (const auto* s : of_type(plan, SessionType::balance))
        if (s->date < d("2026-11-30")) balance_days.insert(s->date.day_number());
    CHECK(balance_days.size() >= 2);
    // Stop signals and outcome measures: baseline, every 4 weeks, end.
    CHECK(plan.stop_signals == std::vector<std::string>{"stroke_signs", "chest_pain", "unusual_breathlessness", "acute_dizziness",
                                                        "palpitations", "severe_headache", "calf_pain", "emotional_dysregulation"});
    std::set<std::string> on_first;
    for (const auto& m : plan.outcome_measures)
        if (m.date == d("2026-11-23")) on_first.insert(m.measure);
    CHECK(on_first == std::set<std::string>{"moca", "six_minute_walk"});
    CHECK(std::any_of(plan.outcome_measures.begin(), plan.outcome_measures.end(),
                      [](const OutcomeMeasure& m) { return m.date == d("2026-12-21") && m.measure == "moca"; }));
    CHECK(std::any_of(plan.outcome_measures.begin(), plan.outcome_measures.end(),
                      [](const OutcomeMeasure& m) { return m.date == d("2027-02-14") && m.measure == "six_minute_walk"; }));
    CHECK(has_finding(g.findings, "progression.graded", Severity::info));
    CHECK(plan.daily_steps->low == 5000);
    CHECK(plan.daily_steps->high == 7500);
}

TEST_CASE("generator: the same input gives byte-identical JSON") {
    const Patient p = patient(stroke_json);
    const auto a = to_json(*gen(p, request("2026-11-23", 52)).plan);
    const auto b = to_json(*gen(p, request("2026-11-23", 52)).plan);
    CHECK(a == b);
    auto back = parse_plan(a);
    REQUIRE_MESSAGE(back.ok(), back.error().describe());
    CHECK(to_json(back.value()) == a);
}

TEST_CASE("generator: any start weekday, across the year end and a leap day") {
    const Patient p = patient(R"({"schema_version": 1, "age": 50, "sex": "male", "baseline_minutes": 40,
        "available_days": ["tue", "thu", "sat"]})");
    SUBCASE("Thursday 2026-12-31, across the year end") {
        const Plan plan = plan_of(p, request("2026-12-31", 2));
        CHECK(plan.end_date() == d("2027-01-13"));
        REQUIRE_FALSE(plan.sessions.empty());
        CHECK(plan.sessions.front().date == d("2026-12-31"));
        for (const auto& s : plan.sessions) {
            CHECK(s.date >= d("2026-12-31"));
            CHECK(s.date <= d("2027-01-13"));
            const Weekday wd = s.date.weekday();
            CHECK((wd == Weekday::tue || wd == Weekday::thu || wd == Weekday::sat));
        }
    }
    SUBCASE("2028-02-29 is a Tuesday and gets a session") {
        const Plan plan = plan_of(p, request("2028-02-24", 2));
        CHECK(std::any_of(plan.sessions.begin(), plan.sessions.end(), [](const SessionPlan& s) { return s.date == d("2028-02-29"); }));
    }
    SUBCASE("52 weeks") {
        const Plan plan = plan_of(p, request("2026-11-25", 52));
        CHECK(plan.sessions.back().date <= d("2027-11-23"));
        CHECK(plan.sessions.back().date >= d("2027-11-17"));
    }
    SUBCASE("a plan may not run past 2199") {
        auto r = generate(p, request("2199-12-01", 8), builtin_rules());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_argument);
        CHECK(r.error().path == "/weeks");
    }
}

TEST_CASE("safety.contraindication: absolute contraindications and blood pressure refuse the plan") {
    SUBCASE("unstable angina") {
        const Patient p = patient(R"({"schema_version": 1, "age": 60, "sex": "male", "baseline_minutes": 20,
            "contraindications": {"named": ["unstable_angina"]}})");
        const GeneratedPlan g = gen(p, request("2026-11-23", 4));
        CHECK(g.refused());
        REQUIRE(g.findings.size() == 1);
        CHECK(g.findings[0].rule == "safety.contraindication");
        CHECK(g.findings[0].severity == Severity::error);
        CHECK(g.findings[0].path == "/contraindications/named/0");
        CHECK(g.findings[0].message.en.find("Refer the patient to a physician") != std::string::npos);
    }
    SUBCASE("an unknown contraindication is refused, not ignored") {
        const Patient p = patient(R"({"schema_version": 1, "age": 60, "sex": "male", "baseline_minutes": 20,
            "contraindications": {"named": ["something_else"]}})");
        CHECK(gen(p, request("2026-11-23", 4)).refused());
    }
    SUBCASE("resting BP: 200/110 passes, 201/95 and 185/111 are refused") {
        const auto bp = [](int sys, int dia) {
            // With a clearance: 181-200 systolic needs one (safety.clearance); above the
            // absolute limits it does not help.
            return patient(R"({"schema_version": 1, "age": 60, "sex": "male", "baseline_minutes": 20,
                "clearance": {"level": "moderate", "date": "2026-11-20"},
                "contraindications": {"resting_bp": {"systolic": )" + std::to_string(sys) + R"(, "diastolic": )" +
                           std::to_string(dia) + "}}}");
        };
        CHECK_FALSE(gen(bp(200, 110), request("2026-11-23", 4)).refused());
        CHECK(gen(bp(201, 95), request("2026-11-23", 4)).refused());
        CHECK(gen(bp(185, 111), request("2026-11-23", 4)).refused());
    }
    SUBCASE("myocardial infarction within mi_min_days (2, day 2 included) of the start: refused, even cleared") {
        // Cleared by a doctor (without a clearance an MI within 42 days is refused: safety.clearance).
        const Patient p = patient(R"({"schema_version": 1, "age": 60, "sex": "male", "baseline_minutes": 20,
            "clearance": {"level": "moderate", "date": "2026-11-22"},
            "contraindications": {"myocardial_infarction_date": "2026-11-21"}})");
        CHECK(gen(p, request("2026-11-23", 2)).refused());
        const Plan plan = plan_of(p, request("2026-11-24", 2));  // day 3: planned
        CHECK(plan.sessions.front().date >= d("2026-11-24"));
    }
}

TEST_CASE("safety.contraindication: an intensive contraindication removes HIIT and vigorous work") {
    const Patient p = patient(R"({"schema_version": 1, "age": 60, "sex": "male", "baseline_minutes": 30,
        "conditions": [{"type": "stroke", "event_date": "2026-06-01"}], "hiit_screening_done": true,
        "contraindications": {"named": ["severe_heart_disease"]}})");
    const GeneratedPlan g = gen(p, request("2026-11-23", 12, "hiit_stroke"));
    REQUIRE(g.plan);
    CHECK(of_type(*g.plan, SessionType::hiit).empty());
    // Tanaka 166 bpm; the ceiling is the top of the moderate band, 76 %: 126 bpm.
    for (const auto& s : g.plan->sessions)
        if (s.intensity && s.intensity->hr_bpm) CHECK(s.intensity->hr_bpm->high <= 126);
    CHECK(has_finding(g.findings, "hiit.eligibility", Severity::warning));
    CHECK(has_finding(g.findings, "safety.contraindication", Severity::info));
    CHECK(count(validate(p, *g.plan, builtin_rules())).errors == 0);
}

TEST_CASE("hiit.eligibility: HIIT after stroke only when screened, from week 3, at 30 s / 30 s") {
    const std::string base = R"({"schema_version": 1, "age": 60, "sex": "male", "baseline_minutes": 30,
        "conditions": [{"type": "stroke", "event_date": "2026-06-01"}], "available_days": ["mon", "tue", "thu", "sat"],
        "clearance": {"level": "vigorous", "date": "2026-11-16"}, )";
    SUBCASE("screened") {
        const Patient p = patient(base + R"("hiit_screening_done": true})");
        const Plan plan = plan_of(p, request("2026-11-23", 8, "hiit_stroke"));
        const auto h = of_type(plan, SessionType::hiit);
        REQUIRE_FALSE(h.empty());
        CHECK(h.front()->date >= d("2026-12-07"));  // week 3
        for (const auto* s : h) {
            REQUIRE(s->hiit);
            CHECK(s->hiit->repeats == 10);
            CHECK(s->hiit->work_seconds == 30);
            CHECK(s->hiit->recovery_seconds == 30);
            CHECK(s->intensity->hr_bpm->high <= 141);  // 85 % of 166
        }
    }
    SUBCASE("not screened: steady cycling instead, and a finding that says why") {
        const Patient p = patient(base + R"("hiit_screening_done": false})");
        const GeneratedPlan g = gen(p, request("2026-11-23", 8, "hiit_stroke"));
        CHECK(of_type(*g.plan, SessionType::hiit).empty());
        const auto f = test::with_rule(g.findings, "hiit.eligibility", Severity::warning);
        REQUIRE(f.size() == 1);
        CHECK(f[0].message.en.find("not been screened") != std::string::npos);
        CHECK(f[0].message.en.find("weeks 3-8") != std::string::npos);
        CHECK(std::any_of(g.plan->sessions.begin(), g.plan->sessions.end(),
                          [](const SessionPlan& s) { return s.title.find("Steady cycling") == 0; }));
    }
}

TEST_CASE("hiit.eligibility: no HIIT in the first build_up_weeks unless the baseline is at least min_baseline_minutes") {
    const auto tbi = [](int baseline) {
        return patient(R"({"schema_version": 1, "age": 35, "sex": "female", "hiit_screening_done": true,
            "clearance": {"level": "vigorous", "date": "2026-11-16"},
            "conditions": [{"type": "tbi", "event_date": "2026-01-10", "severity": "mild"}], "baseline_minutes": )" +
                       std::to_string(baseline) + "}");
    };
    SUBCASE("baseline 19: week 1 activation is moderate cycling") {
        const GeneratedPlan g = gen(tbi(19), request("2026-11-23", 12, "neurorc_intensive"));
        for (const auto* s : of_type(*g.plan, SessionType::hiit)) CHECK(s->date >= d("2026-12-07"));
        CHECK(has_finding(g.findings, "hiit.eligibility", Severity::warning));
        CHECK(count(validate(tbi(19), *g.plan, builtin_rules())).errors == 0);
    }
    SUBCASE("baseline 20: HIIT activation every training day of week 1") {
        const Plan plan = plan_of(tbi(20), request("2026-11-23", 12, "neurorc_intensive"));
        int week1 = 0;
        for (const auto* s : of_type(plan, SessionType::hiit)) week1 += s->date < d("2026-11-30");
        CHECK(week1 == 6);  // every day but the rest day
    }
}

TEST_CASE("generator: neurorc_intensive has three phases a day in week 1, boosters from week 3") {
    const Patient p = patient(R"({"schema_version": 1, "age": 35, "sex": "female", "hiit_screening_done": true,
        "clearance": {"level": "vigorous", "date": "2026-11-16"},
        "conditions": [{"type": "tbi", "event_date": "2026-01-10", "severity": "moderate"}], "baseline_minutes": 40})");
    const Plan plan = plan_of(p, request("2026-11-23", 0, "neurorc_intensive"));
    CHECK(plan.weeks == 12);
    std::map<int, std::vector<SessionType>> week1;
    for (const auto& s : plan.sessions)
        if (s.date < d("2026-11-30")) week1[s.date.day_number()].push_back(s.type);
    CHECK(week1.size() == 6);
    for (const auto& [day, types] : week1) {
        CHECK(std::count(types.begin(), types.end(), SessionType::hiit) == 1);
        CHECK(std::count(types.begin(), types.end(), SessionType::dual_task) == 1);
        CHECK(std::count(types.begin(), types.end(), SessionType::relaxation) == 1);
    }
    for (const auto* s : of_type(plan, SessionType::relaxation)) CHECK(s->minutes == 60);
    int boosters = 0;
    for (const auto& s : plan.sessions) boosters += s.title.find("Booster") == 0;
    CHECK(boosters == 10);  // weeks 3-12
    std::set<std::string> measures;
    for (const auto& m : plan.outcome_measures)
        if (m.date == d("2027-02-14")) measures.insert(m.measure);
    CHECK(measures.count("scat6") == 1);
    CHECK(measures.count("qolibri") == 1);
    // Moderate TBI: at most 10 % more a week.
    const auto w = week_minutes(plan);
    for (std::size_t k = 1; k < w.size(); ++k) CHECK(w[k] * 100 <= w[k - 1] * 110);
}

TEST_CASE("generator: cognitive_fitness has 15 weekly group sessions and home sessions") {
    const Patient p = patient(R"({"schema_version": 1, "age": 70, "sex": "male", "baseline_minutes": 50,
        "conditions": [{"type": "dementia"}], "available_days": ["tue", "wed", "fri", "sun"]})");
    const Plan plan = plan_of(p, request("2026-11-23", 0, "cognitive_fitness"));
    CHECK(plan.weeks == 15);
    int group = 0;
    for (const auto& s : plan.sessions)
        if (s.title.find("Group session") == 0) {
            ++group;
            CHECK(s.date.weekday() == Weekday::tue);
            CHECK(s.type == SessionType::dual_task);
        }
    CHECK(group == 15);
    CHECK(of_type(plan, SessionType::aerobic).size() > 15);  // home sessions on the other days
    std::set<std::string> first;
    for (const auto& m : plan.outcome_measures)
        if (m.date == d("2026-11-23")) first.insert(m.measure);
    CHECK(first.count("mmse") == 1);
}

TEST_CASE("concussion.return: relative rest, then one step a week below the symptom threshold") {
    const Patient p = patient(R"({"schema_version": 1, "age": 22, "sex": "male", "baseline_minutes": 15,
        "conditions": [{"type": "concussion", "event_date": "2026-11-21"}]})");
    const GeneratedPlan g = gen(p, request("2026-11-22", 0));
    REQUIRE(g.plan);
    const Plan& plan = *g.plan;
    CHECK(plan.programme == "concussion_return");
    CHECK(plan.weeks == 6);
    REQUIRE_FALSE(plan.sessions.empty());
    CHECK(plan.sessions.front().date == d("2026-11-23"));  // 48 h after the event
    CHECK(of_type(plan, SessionType::hiit).empty());
    int last_step = 0;
    for (const auto& s : plan.sessions) {
        REQUIRE(s.concussion_step);
        CHECK(*s.concussion_step >= last_step);
        CHECK(*s.concussion_step <= last_step + 1);
        last_step = *s.concussion_step;
        CHECK(s.note.find("go back one step") != std::string::npos);
        // Early phase: at most 70 % of HRmax 192.6 (134 bpm).
        if (s.date < d("2026-12-05")) CHECK(s.intensity->hr_bpm->high <= 134);
        CHECK(s.intensity->klass != IntensityClass::vigorous);
    }
    CHECK(last_step == 6);
    CHECK(plan.outcome_measures.front().measure == "scat6");
    CHECK(plan.outcome_measures.back().measure == "scoat6");
    CHECK(has_finding(g.findings, "concussion.return", Severity::info));
    CHECK(count(validate(p, plan, builtin_rules())).errors == 0);
}

TEST_CASE("generator: graded_activity is the default for chronic pain, with quotas and education") {
    const Patient p = patient(R"({"schema_version": 1, "age": 45, "sex": "female", "baseline_minutes": 12,
        "conditions": [{"type": "chronic_pain"}], "available_days": ["mon", "wed", "fri"]})");
    const Plan plan = plan_of(p, request("2026-11-23", 8));
    CHECK(plan.programme == "graded_activity");
    const auto edu = of_type(plan, SessionType::education);
    REQUIRE(edu.size() == 4);  // weeks 1-4, first training day
    CHECK(edu[0]->date == d("2026-11-23"));
    CHECK(of_type(plan, SessionType::relaxation).size() == 24);  // breathing on every training day
    for (const auto& s : plan.sessions)
        if (s.date < d("2026-11-30") && s.type == SessionType::aerobic) CHECK(s.minutes <= 12);
}

TEST_CASE("generator: graded_exposure steps through the fear hierarchy from least to most feared") {
    const std::string base = R"({"schema_version": 1, "age": 45, "sex": "female", "baseline_minutes": 20,
        "conditions": [{"type": "chronic_pain"}])";
    SUBCASE("without a fear hierarchy the request is refused with the field's path") {
        auto r = generate(patient(base + "}"), request("2026-11-23", 4, "graded_exposure"), builtin_rules());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_argument);
        CHECK(r.error().path == "/fear_hierarchy");
    }
    SUBCASE("one step a week") {
        const Patient p = patient(base + R"(, "fear_hierarchy": [
            {"activity": "lifting a crate", "fear": 80}, {"activity": "bending forward", "fear": 30},
            {"activity": "carrying shopping", "fear": 55}]})");
        const Plan plan = plan_of(p, request("2026-11-23", 4, "graded_exposure", "nl"));
        const auto ex = of_type(plan, SessionType::exposure);
        REQUIRE(ex.size() == 8);  // two a week
        CHECK(ex[0]->title == "Blootstelling: bending forward (angst 30/100)");
        CHECK(ex[2]->title == "Blootstelling: carrying shopping (angst 55/100)");
        CHECK(ex[4]->title == "Blootstelling: lifting a crate (angst 80/100)");
        CHECK(ex[6]->title == ex[4]->title);
        CHECK(plan.language == "nl");
    }
}

TEST_CASE("generator: too few days or minutes give warnings that name the rule, never an error") {
    SUBCASE("two available days") {
        const Patient p = patient(R"({"schema_version": 1, "age": 40, "sex": "male", "baseline_minutes": 30,
            "available_days": ["mon", "tue"]})");
        const GeneratedPlan g = gen(p, request("2026-11-23", 4));
        CHECK(has_finding(g.findings, "week.sessions", Severity::warning));
        CHECK(has_finding(g.findings, "week.strength", Severity::warning));  // mon/tue are 24 h apart
        CHECK(count(validate(p, *g.plan, builtin_rules())).errors == 0);
    }
    SUBCASE("30 minutes a day") {
        const Patient p = patient(R"({"schema_version": 1, "age": 40, "sex": "male", "baseline_minutes": 30,
            "max_minutes_per_day": 30})");
        const GeneratedPlan g = gen(p, request("2026-11-23", 4));
        CHECK(has_finding(g.findings, "session.duration", Severity::warning));
        std::map<int, int> per_day;
        for (const auto& s : g.plan->sessions) per_day[s.date.day_number()] += s.minutes;
        for (const auto& [day, m] : per_day) CHECK(m <= 30);
        CHECK(count(validate(p, *g.plan, builtin_rules())).errors == 0);
    }
    SUBCASE("a 5-minute baseline does not reach the full dose in 4 weeks") {
        const Patient p = patient(R"({"schema_version": 1, "age": 40, "sex": "male", "baseline_minutes": 5})");
        const GeneratedPlan g = gen(p, request("2026-11-23", 4));
        CHECK_FALSE(g.plan->full_dose_week);
        const auto f = test::with_rule(g.findings, "progression.graded", Severity::warning);
        REQUIRE(f.size() == 1);
        CHECK(f[0].message.en.find("not reached within 4 weeks") != std::string::npos);
    }
    SUBCASE("a baseline of 0: no aerobic work in week 1, zero errors") {
        const Patient p = patient(R"({"schema_version": 1, "age": 40, "sex": "male", "baseline_minutes": 0})");
        const Plan plan = plan_of(p, request("2026-11-23", 6));
        for (const auto& s : plan.sessions)
            if (s.date < d("2026-11-30")) CHECK(s.type != SessionType::aerobic);
    }
}

TEST_CASE("generator: beta-blockers steer by RPE 11-13 (the moderate part of 11-14)") {
    const Patient p = patient(R"({"schema_version": 1, "age": 67, "sex": "female", "baseline_minutes": 30,
        "medications": ["beta_blocker"], "conditions": [{"type": "stroke", "event_date": "2026-08-14"}]})");
    const Plan plan = plan_of(p, request("2026-11-23", 4));
    for (const auto* s : of_type(plan, SessionType::aerobic)) {
        REQUIRE(s->intensity);
        REQUIRE(s->intensity->rpe);
        CHECK(s->intensity->rpe->low == 11);
        CHECK(s->intensity->rpe->high == 13);
        CHECK_FALSE(s->intensity->hr_bpm);
    }
}

TEST_CASE("intensity.heart_rate: generated plans stay moderate without clearance (dementia 85: at most 76 % = 112 bpm)") {
    const Patient p = patient(R"({"schema_version": 1, "age": 85, "sex": "female", "baseline_minutes": 15,
        "conditions": [{"type": "dementia"}]})");
    const Plan plan = plan_of(p, request("2026-11-23", 6));
    REQUIRE(plan.zone);
    CHECK(plan.zone->high_bpm == 112);  // 76 % of 148.5 = 112.86 (was 85 %: 126)
    for (const auto* s : of_type(plan, SessionType::aerobic)) {
        REQUIRE(s->intensity);
        REQUIRE(s->intensity->hr_bpm);
        CHECK(s->intensity->hr_bpm->high <= 112);
    }
}

TEST_CASE("intensity.heart_rate: Karvonen collapse in a generated plan: a finding, a zone above the resting rate") {
    const Patient p = patient(R"({"schema_version": 1, "age": 40, "sex": "male", "baseline_minutes": 20,
        "heart_rate": {"resting_bpm": 118}})");
    Result<GeneratedPlan> r = generate(p, request("2026-11-23", 2), builtin_rules());
    REQUIRE(r.ok());
    REQUIRE(r.value().plan);
    const Plan& plan = *r.value().plan;
    REQUIRE(plan.zone);
    CHECK(plan.zone->low_bpm == 119);
    CHECK(plan.zone->high_bpm == 136);
    const auto& fs = r.value().findings;
    CHECK(std::any_of(fs.begin(), fs.end(), [](const Finding& f) {
        return f.rule == "intensity.heart_rate" && f.severity == Severity::info && f.path == "/heart_rate/resting_bpm";
    }));
}

TEST_CASE("progression.graded: a clinic's stricter rules are obeyed by the generator") {
    const std::string clinic = R"({"schema_version": 1, "name": "strict clinic", "version": "1",
        "rules": {"progression.graded": {"params": {"max_weekly_increase_percent": 5}},
                  "week.rest": {"params": {"min_rest_days": 2}}}})";
    auto rules = apply_clinic_rules(builtin_rules(), clinic);
    REQUIRE_MESSAGE(rules.ok(), rules.error().describe());
    const Patient p = patient(R"({"schema_version": 1, "age": 40, "sex": "male", "baseline_minutes": 20})");
    const Plan plan = plan_of(p, request("2026-11-23", 8), rules.value());
    const auto w = week_minutes(plan);
    for (std::size_t k = 1; k < w.size(); ++k) CHECK(w[k] * 100 <= w[k - 1] * 105);
    std::set<Weekday> days;
    for (const auto& s : plan.sessions) days.insert(s.date.weekday());
    CHECK(days.size() <= 5);
}

TEST_CASE("generator: requests that cannot be planned as asked") {
    const Patient p = patient(stroke_json);
    const auto err = [&](const PlanRequest& q) {
        auto r = generate(p, q, builtin_rules());
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_argument);
        return r.error();
    };
    CHECK(err(request("2026-11-23", 4, "yoga")).path == "/programme");
    CHECK(err(request("2026-11-23", 4, "concussion_return")).message.find("concussion") != std::string::npos);
    CHECK(err(request("2026-11-23", 53)).path == "/weeks");
    CHECK(err(request("2026-11-23", 4, "", "de")).path == "/language");
}

TEST_CASE("parse_request: type and range are checked before conversion, with the field's path") {
    CHECK(parse_request(R"({"schema_version": 1, "start_date": "2026-11-23"})").ok());
    const auto bad = [](const std::string& json, const std::string& path) {
        auto r = parse_request(json);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().path == path);
        return r.error();
    };
    bad(R"({"schema_version": 1, "start_date": "2026-02-30"})", "/start_date");
    bad(R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": 1e300})", "/weeks");
    bad(R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": 0})", "/weeks");
    bad(R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": 53})", "/weeks");
    bad(R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": "12"})", "/weeks");
    bad(R"({"schema_version": 1, "start_date": "2026-11-23", "programme": "yoga"})", "/programme");
    bad(R"({"schema_version": 1, "start_date": "2026-11-23", "language": "de"})", "/language");
    bad(R"({"schema_version": 1, "start_date": "2026-11-23", "today": "2026-11-23"})", "/today");
    CHECK(parse_request("").error().code == ErrorCode::parse_error);
    auto q = parse_request(R"({"schema_version": 1, "start_date": "2026-11-23", "weeks": 8, "programme": "standard", "language": "nl"})");
    REQUIRE(q.ok());
    CHECK(q.value().weeks == 8);
    CHECK(q.value().language == "nl");
}

TEST_CASE("generator: built-in programmes load and every slot they name exists") {
    const ProgrammeSet& ps = builtin_programmes();
    CHECK(ps.programmes.size() == 7);
    for (const char* id : {"standard", "neurorc_intensive", "cognitive_fitness", "hiit_stroke", "concussion_return",
                           "graded_activity", "graded_exposure"}) {
        CAPTURE(id);
        REQUIRE(ps.programmes.count(id) == 1);
        const Programme& prog = ps.programmes.at(id);
        CHECK_FALSE(prog.reference_keys.empty());
        for (const auto& c : prog.reference_keys) CHECK(builtin_rules().references.count(c) == 1);
        CHECK(prog.phase_for_week(52).to_week == 52);
    }
}

TEST_CASE("generator: the patient's own long texts stay within the plan's limits") {
    // 190 characters of "e with diaeresis": 380 bytes. Titles count characters, as JSON Schema does.
    std::string activity;
    for (int i = 0; i < 190; ++i) activity += "\xC3\xAB";
    const Patient p = patient(R"({"schema_version": 1, "age": 45, "sex": "female", "baseline_minutes": 20,
        "conditions": [{"type": "chronic_pain"}], "fear_hierarchy": [{"activity": ")" + activity + R"(", "fear": 100}]})");
    const Plan plan = plan_of(p, request("2026-11-23", 2, "graded_exposure", "nl"));
    const auto ex = of_type(plan, SessionType::exposure);
    REQUIRE_FALSE(ex.empty());
    auto back = parse_plan(to_json(plan));
    REQUIRE_MESSAGE(back.ok(), back.error().describe());
    CHECK(back.value().sessions.size() == plan.sessions.size());
    // Cut at a character boundary: the title is valid UTF-8 of exactly 200 characters.
    std::size_t chars = 0;
    for (unsigned char c : ex[0]->title) chars += (c & 0xC0) != 0x80;
    CHECK(chars == 200);
}

TEST_CASE("intensity.heart_rate: generated plans validate with zero errors over ages, resting rates, beta-blockers and stroke") {
    // The generator's zone follows the same readings as the validator: the moderate band
    // without a clearance, stroke Borg 11-14, Brawner with beta-blockers, the Karvonen and
    // effort fallbacks. generate() returns an internal error when its plan breaks a rule.
    int plans = 0;
    for (int age = 12; age <= 110; age += 7)
        for (int rest : {0, 40, 90, 110, 118, 125, 130})
            for (int kind = 0; kind < 4; ++kind) {
                std::string j = R"({"schema_version": 1, "sex": "female", "baseline_minutes": 20, "age": )" + std::to_string(age);
                if (rest) j += R"(, "heart_rate": {"resting_bpm": )" + std::to_string(rest) + "}";
                if (kind == 1 || kind == 3) j += R"(, "conditions": [{"type": "stroke", "event_date": "2026-06-01"}])";
                if (kind == 2 || kind == 3) j += R"(, "medications": ["beta_blocker"])";
                if (rest > 120 || kind == 3) j += R"(, "clearance": {"level": "vigorous", "date": "2026-11-01"})";
                j += "}";
                CAPTURE(j);
                const Patient p = patient(j);
                Result<GeneratedPlan> r = generate(p, request("2026-11-23", 3), builtin_rules());
                REQUIRE_MESSAGE(r.ok(), r.error().describe());
                if (!r.value().plan) continue;  // refused (not for this test to judge)
                ++plans;
                const Plan& plan = *r.value().plan;
                for (const Finding& f : validate(p, plan, builtin_rules())) CHECK_MESSAGE(f.severity != Severity::error, f.message.en);
                REQUIRE(plan.zone);
                if (plan.zone->basis != "rpe" && plan.zone->basis != "effort") {
                    CHECK(plan.zone->low_bpm < plan.zone->high_bpm);
                    if (rest) CHECK(plan.zone->low_bpm > rest);
                }
            }
    CHECK(plans > 300);
}
