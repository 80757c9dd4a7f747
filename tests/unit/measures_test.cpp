// Outcome measures at the right time (planning/measures, data/programmes.json
// "outcome_measures") and fall precautions (week.balance fall_precautions, the patient's
// falls_past_year): each setting on both sides of its limit.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "planning/measures.hpp"
#include "rules/readings.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using test::d;

namespace {

Patient patient(const std::string& json) { return test::parsed_patient(json); }

Plan plan_of(const Patient& p, const char* start, int weeks, const std::string& programme = "") {
    PlanRequest q;
    q.start_date = d(start);
    q.weeks = weeks;
    q.programme = programme;
    q.language = "en";
    auto r = generate(p, q, builtin_rules());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE_FALSE(r.value().refused());
    const Plan plan = *r.value().plan;
    const auto f = validate(p, plan, builtin_rules());
    CHECK_MESSAGE(count(f).errors == 0, test::dump(f));
    return plan;
}

std::vector<OutcomeMeasure> measures_of(const Plan& plan, const std::vector<std::string>& ids) {
    std::vector<OutcomeMeasure> out;
    for (const auto& m : plan.outcome_measures)
        if (std::find(ids.begin(), ids.end(), m.measure) != ids.end()) out.push_back(m);
    return out;
}

bool training_day(const Plan& plan, Date day) {
    return std::any_of(plan.sessions.begin(), plan.sessions.end(),
                       [&](const SessionPlan& s) { return s.date == day && is_training(s.type); });
}

const std::vector<std::string> cognitive{"moca", "moca_v2", "moca_v3", "mmse"};
const std::vector<std::string> symptom_scales{"scat6", "scoat6", "child_scat6", "child_scoat6", "rpq"};

std::string with_days(int age, const std::string& conditions, const std::string& days, const std::string& extra = "") {
    return R"({"schema_version": 1, "age": )" + std::to_string(age) + R"(, "sex": "female", "conditions": [)" + conditions +
           R"(], "baseline_minutes": 20, "available_days": [)" + days + "]" + extra + "}";
}

}  // namespace

TEST_CASE("outcome_measures.cognitive_screens: one cognitive screen per plan, MMSE with dementia, else MoCA") {
    const auto& s = builtin_programmes().measures;
    CHECK(s.cognitive_screens == std::vector<std::string>{"mmse", "moca"});
    // Stroke and dementia name both: the plan holds the MMSE only.
    const Plan both = plan_of(patient(with_days(70, R"({"type": "stroke", "event_date": "2026-06-01"}, {"type": "dementia"})",
                                                R"("mon", "wed", "fri")")),
                              "2026-11-23", 12);
    const auto screens = measures_of(both, cognitive);
    REQUIRE_FALSE(screens.empty());
    for (const auto& m : screens) CHECK(m.measure == "mmse");
    // Stroke alone: MoCA.
    const Plan stroke = plan_of(patient(with_days(70, R"({"type": "stroke", "event_date": "2026-06-01"})", R"("mon", "wed", "fri")")),
                                "2026-11-23", 12);
    const auto moca = measures_of(stroke, cognitive);
    REQUIRE(moca.size() == 1u);
    CHECK(moca[0].measure == "moca");
    // Parkinson's and TBI both name MoCA: still one.
    const Plan pd_tbi = plan_of(patient(with_days(60, R"({"type": "parkinson"}, {"type": "tbi", "event_date": "2026-01-10", "severity": "mild"})",
                                                  R"("mon", "wed", "fri")")),
                                "2026-11-23", 12);
    CHECK(measures_of(pd_tbi, cognitive).size() == 1u);
}

TEST_CASE("outcome_measures.cognitive_retest_min_weeks: a retest 84 days after the last takes the alternate form, 83 days does not") {
    CHECK(builtin_programmes().measures.cognitive_retest_min_weeks == 12);
    CHECK(builtin_programmes().measures.alternate_forms.at("moca") == std::vector<std::string>{"moca", "moca_v2", "moca_v3"});
    const std::string stroke = R"({"type": "stroke", "event_date": "2026-06-01"})";
    SUBCASE("at the limit: Tuesdays only, 13 weeks: first and last Tuesday 84 days apart") {
        const Plan plan = plan_of(patient(with_days(70, stroke, R"("tue")")), "2026-11-24", 13);
        const auto m = measures_of(plan, cognitive);
        REQUIRE(m.size() == 2u);
        CHECK(m[0].measure == "moca");
        CHECK(m[0].date == d("2026-11-24"));
        CHECK(m[1].measure == "moca_v2");
        CHECK(m[1].date.days_since(m[0].date) == 84);
    }
    SUBCASE("one day short: Tuesdays and Mondays, 12 weeks: the last Monday is 83 days after the first Tuesday") {
        const Plan plan = plan_of(patient(with_days(70, stroke, R"("tue", "mon")")), "2026-11-24", 12);
        REQUIRE(training_day(plan, plan.end_date()));
        const auto m = measures_of(plan, cognitive);
        REQUIRE(m.size() == 1u);
        CHECK(m[0].measure == "moca");
    }
    SUBCASE("a year-long plan: every retest at least 12 weeks after the last, forms in turn") {
        const Plan plan = plan_of(patient(with_days(70, stroke, R"("mon", "wed", "fri")")), "2026-11-23", 52);
        const auto m = measures_of(plan, cognitive);
        REQUIRE(m.size() >= 4u);
        const std::vector<std::string> forms{"moca", "moca_v2", "moca_v3"};
        for (std::size_t i = 0; i < m.size(); ++i) {
            CHECK(m[i].measure == forms[i % 3]);
            if (i > 0) CHECK(m[i].date.days_since(m[i - 1].date) >= 84);
        }
        CHECK(plan.end_date().days_since(m.back().date) < 7);  // the last one at the end
    }
}

TEST_CASE("outcome_measures.scoat6_max_days: SCOAT6 up to 30 days after the brain injury, the Rivermead questionnaire after") {
    CHECK(builtin_programmes().measures.scoat6_max_days == 30);
    CHECK(builtin_programmes().measures.late_symptom_measure == "rpq");
    // NeuroRC after a mild TBI trains every day: its first measurement is on the start.
    for (const int days : {30, 31}) {
        CAPTURE(days);
        const Date start = d("2026-11-23");
        const std::string event = start.plus_days(-days).to_string();
        const Plan plan = plan_of(patient(with_days(40, R"({"type": "tbi", "severity": "mild", "event_date": ")" + event + R"("})",
                                                    R"("mon", "tue", "wed", "thu", "fri", "sat", "sun")")),
                                  "2026-11-23", 4, "neurorc_intensive");
        const auto m = measures_of(plan, symptom_scales);
        REQUIRE_FALSE(m.empty());
        REQUIRE(m[0].date == start);
        CHECK(m[0].measure == (days <= 30 ? "scoat6" : "rpq"));
        for (const auto& x : m) CHECK(x.measure == (x.date.days_since(d(event.c_str())) <= 30 ? "scoat6" : "rpq"));
    }
}

TEST_CASE("outcome_measures: never SCAT6 seven months after a TBI (NeuroRC's symptom scale)") {
    const Plan plan = plan_of(patient(with_days(45, R"({"type": "tbi", "severity": "moderate", "event_date": "2026-04-20"})",
                                                R"("mon", "tue", "wed", "thu", "fri")")),
                              "2026-11-23", 8, "neurorc_intensive");
    const auto m = measures_of(plan, symptom_scales);
    REQUIRE_FALSE(m.empty());
    for (const auto& x : m) CHECK(x.measure == "rpq");
}

TEST_CASE("outcome_measures: SCAT6 at the first visit up to 7 days after a concussion, SCOAT6 from day 8") {
    for (const int days : {7, 8}) {
        CAPTURE(days);
        const Date start = d("2026-11-23");
        const std::string event = start.plus_days(-days).to_string();
        const Plan plan = plan_of(patient(with_days(30, R"({"type": "concussion", "event_date": ")" + event + R"("})",
                                                    R"("mon", "tue", "wed", "thu", "fri", "sat", "sun")")),
                                  "2026-11-23", 4);
        const auto m = measures_of(plan, symptom_scales);
        REQUIRE_FALSE(m.empty());
        CHECK(m[0].measure == (days <= 7 ? "scat6" : "scoat6"));
        for (std::size_t i = 1; i < m.size(); ++i) CHECK(m[i].measure != "scat6");
    }
}

TEST_CASE("outcome_measures: the six-minute walk every outcome_interval_weeks (4) and at the end, on training days") {
    CHECK(builtin_programmes().engine.outcome_interval_weeks == 4);
    const Plan plan = plan_of(patient(with_days(67, "", R"("mon", "wed", "fri")")), "2026-11-23", 12);
    const auto walk = measures_of(plan, {"six_minute_walk"});
    REQUIRE(walk.size() == 4u);
    CHECK(walk[0].date == d("2026-11-23"));
    CHECK(walk[1].date == d("2026-12-21"));
    CHECK(walk[2].date == d("2027-01-18"));
    CHECK(walk[3].date == d("2027-02-12"));  // the last Friday: the plan ends on a Sunday
    for (const auto& m : walk) CHECK(training_day(plan, m.date));
}

TEST_CASE("outcome_measures: a plan that starts and ends on a rest day measures on the nearest training day, never after the end") {
    // Starts on a Sunday, trains Monday, Wednesday and Friday; ends on a Saturday.
    const Plan plan = plan_of(patient(with_days(70, R"({"type": "parkinson"})", R"("mon", "wed", "fri")")), "2026-11-22", 12);
    REQUIRE_FALSE(plan.outcome_measures.empty());
    for (const auto& m : plan.outcome_measures) {
        CAPTURE(m.date.to_string());
        CAPTURE(m.measure);
        CHECK(training_day(plan, m.date));
        CHECK(m.date >= plan.start_date);
        CHECK(m.date <= plan.end_date());
        CHECK(m.date.weekday() != Weekday::sun);
    }
    CHECK(plan.outcome_measures.front().date == d("2026-11-23"));
    CHECK(plan.outcome_measures.back().date == d("2027-02-12"));
}

TEST_CASE("outcome_measures: graded exposure measures fear of moving (TSK)") {
    const Plan plan = plan_of(patient(with_days(50, R"({"type": "chronic_pain"})", R"("mon", "wed", "fri")",
                                                R"(, "fear_hierarchy": [{"activity": "bending", "fear": 70}, {"activity": "walking", "fear": 20}])")),
                              "2026-11-23", 12, "graded_exposure");
    const auto tsk = measures_of(plan, {"tsk"});
    REQUIRE(tsk.size() >= 2u);
    CHECK(tsk.front().date == d("2026-11-23"));
    // Graded activity has no fear measure.
    const Plan ga = plan_of(patient(with_days(50, R"({"type": "chronic_pain"})", R"("mon", "wed", "fri")")), "2026-11-23", 12,
                            "graded_activity");
    CHECK(measures_of(ga, {"tsk"}).empty());
}

TEST_CASE("outcome_measures: nearest_training_day takes the earlier day on a tie and stays within the plan") {
    Plan plan = test::plan(2, "2026-11-23");
    plan.sessions.push_back(test::aerobic("2026-11-24", 30));  // Tue
    plan.sessions.push_back(test::aerobic("2026-11-28", 30));  // Sat
    plan.sessions.push_back(test::aerobic("2026-12-04", 30));  // Fri
    const Date from = plan.start_date, to = plan.end_date();
    CHECK(generation::nearest_training_day(plan, d("2026-11-23"), from, to) == d("2026-11-24"));
    CHECK(generation::nearest_training_day(plan, d("2026-11-26"), from, to) == d("2026-11-24"));  // 2 back, 2 ahead
    CHECK(generation::nearest_training_day(plan, d("2026-11-27"), from, to) == d("2026-11-28"));
    CHECK(generation::nearest_training_day(plan, d("2026-12-06"), from, to) == d("2026-12-04"));
    CHECK(generation::nearest_training_day(plan, d("2026-12-06"), from, d("2026-12-03")) == d("2026-11-28"));
    Plan empty = test::plan(1, "2026-11-23");
    CHECK(generation::nearest_training_day(empty, d("2026-11-29"), empty.start_date, empty.end_date()) == d("2026-11-29"));
}

TEST_CASE("week.balance fall_precautions: from age 65 (age_65_plus, WHO 2020), stroke, Parkinson's, dementia, and a recorded fall adds company") {
    const RuleSet& rules = builtin_rules();
    auto need = [&](const std::string& json) {
        const Patient p = patient(json);
        return reading::fall_precautions(EffectiveRules(rules, p), p);
    };
    using F = reading::FallPrecautions;
    CHECK(rules.conditions.at("age_65_plus").min_age == 65);
    CHECK(need(with_days(64, "", R"("mon")")) == F::none);
    CHECK(need(with_days(65, "", R"("mon")")) == F::general);
    CHECK(need(with_days(40, R"({"type": "stroke", "event_date": "2026-06-01"})", R"("mon")")) == F::general);
    CHECK(need(with_days(40, R"({"type": "parkinson"})", R"("mon")")) == F::general);
    CHECK(need(with_days(40, R"({"type": "dementia"})", R"("mon")")) == F::general);
    CHECK(need(with_days(40, R"({"type": "chronic_pain"})", R"("mon")")) == F::none);
    CHECK(need(with_days(40, R"({"type": "concussion", "event_date": "2026-11-01"})", R"("mon")")) == F::none);
    // falls_past_year: 0 is no fall, 1 is.
    CHECK(need(with_days(40, "", R"("mon")", R"(, "falls_past_year": 0)")) == F::none);
    CHECK(need(with_days(40, "", R"("mon")", R"(, "falls_past_year": 1)")) == F::with_company);
    CHECK(need(with_days(70, "", R"("mon")", R"(, "falls_past_year": 3)")) == F::with_company);
}

TEST_CASE("falls_past_year: 0-100, an integer, checked before conversion, with its path") {
    CHECK(parse_patient(with_days(40, "", R"("mon")", R"(, "falls_past_year": 100)")).ok());
    CHECK(parse_patient(with_days(40, "", R"("mon")", R"(, "falls_past_year": 0)")).ok());
    for (const char* bad : {"101", "-1", "2.5", "\"2\"", "true", "null", "1e300"}) {
        CAPTURE(bad);
        auto r = parse_patient(with_days(40, "", R"("mon")", std::string(R"(, "falls_past_year": )") + bad));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::schema_error);
        CHECK(r.error().path == "/falls_past_year");
    }
}

TEST_CASE("week.balance fall_precautions: the printout in every format and both languages") {
    const auto printed = [&](const std::string& json, Format f, const std::string& lang) {
        PlanRequest q;
        q.start_date = d("2026-11-23");
        q.weeks = 4;
        q.language = lang;
        auto g = generate(patient(json), q, builtin_rules());
        REQUIRE(g.ok());
        auto r = render(*g.value().plan, f, lang);
        REQUIRE(r.ok());
        return r.value();
    };
    const std::string at_65 = with_days(65, "", R"("mon", "wed", "fri")");
    const std::string at_64 = with_days(64, "", R"("mon", "wed", "fri")");
    const std::string fell = with_days(64, "", R"("mon", "wed", "fri")", R"(, "falls_past_year": 2)");
    for (const Format f : {Format::text, Format::markdown, Format::html, Format::fhir}) {
        CAPTURE(static_cast<int>(f));
        CHECK(printed(at_65, f, "en").find("Preventing falls") != std::string::npos);
        CHECK(printed(at_65, f, "nl").find("Vallen voorkomen") != std::string::npos);
        CHECK(printed(at_64, f, "en").find("Preventing falls") == std::string::npos);
        CHECK(printed(at_65, f, "en").find("someone is nearby") == std::string::npos);
        CHECK(printed(fell, f, "en").find("someone is nearby") != std::string::npos);
        CHECK(printed(fell, f, "nl").find("iemand in de buurt") != std::string::npos);
    }
    // The calendar: with every training session.
    CHECK(printed(at_65, Format::ics, "en").find("Preventing falls") != std::string::npos);
    CHECK(printed(at_64, Format::ics, "en").find("Preventing falls") == std::string::npos);
}

TEST_CASE("week.balance: balance work says where to stand, in both languages") {
    PlanRequest q;
    q.start_date = d("2026-11-23");
    q.weeks = 2;
    for (const std::string lang : {"en", "nl"}) {
        q.language = lang;
        auto g = generate(patient(with_days(70, R"({"type": "parkinson"})", R"("mon", "wed", "fri")")), q, builtin_rules());
        REQUIRE(g.ok());
        auto r = render(*g.value().plan, Format::text, lang);
        REQUIRE(r.ok());
        const std::string want = lang == "en" ? "next to a kitchen counter" : "naast het aanrecht";
        CHECK(r.value().find(want) != std::string::npos);
    }
}
