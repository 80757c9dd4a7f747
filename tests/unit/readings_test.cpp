// One test per rule reading, at each limit and one step past it (built-in rule set).
#include <doctest/doctest.h>

#include <stdexcept>

#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"
#include "test_support.hpp"

using namespace test;
namespace reading = rehabplan::reading;

namespace {
EffectiveRules rules_for(const Patient& p) { return EffectiveRules(builtin_rules(), p); }
Patient with_condition(Patient p, ConditionType type, std::optional<Date> event = std::nullopt) {
    Condition c;
    c.type = type;
    c.event_date = event;
    p.conditions.push_back(c);
    return p;
}
}  // namespace

TEST_CASE("progression.graded reading: +20 % on 100 min allows 120, not 121") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::progression_increase_cap(r, 100) == 120);
    CHECK_FALSE(121 <= reading::progression_increase_cap(r, 100));
    CHECK(reading::progression_increase_cap(r, 101) == 121);  // 121.2 rounds down
}

TEST_CASE("progression.graded reading: +10 % for stroke on 100 min allows 110, not 111") {
    const EffectiveRules r = rules_for(with_condition(adult(), ConditionType::stroke, d("2026-01-05")));
    CHECK(reading::progression_increase_cap(r, 100) == 110);
}

TEST_CASE("progression.graded reading: the reference is the previous week, else the best earlier week") {
    CHECK(reading::progression_reference(90, 150) == 90);
    CHECK(reading::progression_reference(0, 150) == 150);  // after a pause
    CHECK(reading::progression_reference(1, 0) == 1);
    CHECK_FALSE(reading::progression_reference(0, 0));     // no training yet: the baseline decides
}

TEST_CASE("progression.graded reading: week 1 allows baseline x training days, not one minute more") {
    CHECK(reading::progression_baseline_cap(20, 3) == 60);
    CHECK(reading::progression_baseline_cap(20, 0) == 0);
    CHECK(reading::progression_first_week_max_bout(20) == 20);
}

TEST_CASE("progression.graded reading: one intensity step a week") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::progression_max_class(r, -1) == 2);  // nothing stated yet: any class
    CHECK(reading::progression_max_class(r, 0) == 1);   // light -> moderate, not vigorous
    CHECK(reading::progression_max_class(r, 1) == 2);
    CHECK(reading::progression_max_class(r, 2) == 2);
}

TEST_CASE("hiit.eligibility reading: screened with baseline 20 min in week 1 is allowed, 19 min is not") {
    Patient p = adult();
    p.hiit_screening_done = true;
    p.clearance = Clearance{ClearanceLevel::vigorous, std::nullopt, ""};  // safety.clearance: HIIT needs a vigorous clearance
    p.baseline_minutes = 20;
    CHECK(reading::hiit_eligibility(rules_for(p), p, d("2026-11-23"), 1).empty());
    p.baseline_minutes = 19;
    auto v = reading::hiit_eligibility(rules_for(p), p, d("2026-11-23"), 2);
    REQUIRE(v.size() == 1);
    CHECK(v[0].reason == reading::HiitReason::build_up);
    CHECK(v[0].param == "build_up_weeks");
    CHECK(reading::hiit_eligibility(rules_for(p), p, d("2026-11-23"), 3).empty());  // week 3: past the build-up
}

TEST_CASE("hiit.eligibility reading: screening, contraindication and forbidden conditions, in that order") {
    Patient p = adult();
    p.hiit_screening_done = false;
    p.clearance = Clearance{ClearanceLevel::vigorous, std::nullopt, ""};
    p.contraindications.named = {"untreated_epilepsy"};
    auto v = reading::hiit_eligibility(rules_for(p), p, d("2026-11-23"), 5);
    REQUIRE(v.size() == 2);
    CHECK(v[0].reason == reading::HiitReason::screening);
    CHECK(v[0].param == "requires_screening");
    CHECK(v[1].reason == reading::HiitReason::contraindication);
    CHECK(v[1].detail == "untreated_epilepsy");

    const RuleSet clinic = apply_clinic_rules(
        builtin_rules(), R"({"schema_version": 1, "rules": {"hiit.eligibility": {"params": {"forbidden_conditions": ["stroke"]}}}})")
                               .value();
    Patient s = with_condition(adult(), ConditionType::stroke, d("2026-01-05"));
    s.hiit_screening_done = true;
    s.clearance = Clearance{ClearanceLevel::vigorous, std::nullopt, ""};
    v = reading::hiit_eligibility(EffectiveRules(clinic, s), s, d("2026-11-23"), 5);
    REQUIRE(v.size() == 1);
    CHECK(v[0].reason == reading::HiitReason::condition);
    CHECK(v[0].detail == "stroke");
    CHECK(v[0].param == "forbidden_conditions");
}

TEST_CASE("hiit.eligibility reading: concussion early phase is 14 days: day 13 no HIIT, day 14 allowed") {
    Patient p = with_condition(adult(), ConditionType::concussion, d("2026-11-01"));
    p.hiit_screening_done = true;
    p.clearance = Clearance{ClearanceLevel::vigorous, std::nullopt, ""};
    const EffectiveRules r = rules_for(p);
    auto v = reading::hiit_eligibility(r, p, d("2026-11-14"), 5);
    REQUIRE(v.size() == 1);
    CHECK(v[0].reason == reading::HiitReason::concussion_early);
    CHECK(v[0].rule == "concussion.return");
    CHECK(v[0].param == "early_phase_days");
    CHECK(reading::hiit_eligibility(r, p, d("2026-11-15"), 5).empty());
    CHECK(reading::concussion_early_phase(r, d("2026-11-01"), d("2026-11-14")));
    CHECK_FALSE(reading::concussion_early_phase(r, d("2026-11-01"), d("2026-11-15")));
}

TEST_CASE("concussion.return reading: 1 rest day: the event day rests, the next day trains") {
    const EffectiveRules r = rules_for(with_condition(adult(), ConditionType::concussion, d("2026-11-01")));
    CHECK(reading::concussion_rest_day(r, d("2026-11-01"), d("2026-11-01")));
    CHECK_FALSE(reading::concussion_rest_day(r, d("2026-11-01"), d("2026-11-02")));
    CHECK_FALSE(reading::concussion_rest_day(r, d("2026-11-01"), d("2026-10-31")));  // before the event
    CHECK(reading::concussion_first_training_day(r, d("2026-11-01")) == d("2026-11-02"));
}

TEST_CASE("safety.contraindication reading: MI window of 2 days: day 2 no training, day 3 trains") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::mi_window(r, d("2026-11-01"), d("2026-11-01")));
    CHECK(reading::mi_window(r, d("2026-11-01"), d("2026-11-03")));
    CHECK_FALSE(reading::mi_window(r, d("2026-11-01"), d("2026-11-04")));
    CHECK_FALSE(reading::mi_window(r, d("2026-11-01"), d("2026-10-31")));
    CHECK(reading::mi_first_training_day(r, d("2026-11-01")) == d("2026-11-04"));
}

TEST_CASE("session.duration reading: 45 min is enough, 44 is short - 60 is within, 61 above the recommendation") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::session_day_length(r, 45) == reading::DayLength::within);
    CHECK(reading::session_day_length(r, 44) == reading::DayLength::below_min);
    CHECK(reading::session_day_length(r, 60) == reading::DayLength::within);
    CHECK(reading::session_day_length(r, 61) == reading::DayLength::above_recommended);
    CHECK(reading::session_aimed_minutes(r, 30) == 45);
    CHECK(reading::session_aimed_minutes(r, 50) == 50);
    CHECK(reading::session_aimed_minutes(r, 90) == 60);
}

TEST_CASE("week.strength reading: 48 h between strength days: 2 days apart is enough, 1 is not") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::strength_spacing_ok(r, 2));
    CHECK_FALSE(reading::strength_spacing_ok(r, 1));
    CHECK(reading::strength_min_gap_days(r) == 2);
    CHECK(reading::strength_hours_between(3) == 72);
}

TEST_CASE("week.rest reading: 1 rest day allows 6 training days, not 7") {
    CHECK(reading::week_max_training_days(rules_for(adult())) == 6);
}

TEST_CASE("rules: reference_texts throws on an unknown key") {
    const RuleSet& set = builtin_rules();
    CHECK(set.reference_texts({"tanaka2001"}).size() == 1);
    CHECK_THROWS_AS(set.reference_texts({"tanaka2001", "no_such_reference"}), std::logic_error);
    // A reference text is not a key: citing twice fails loudly.
    CHECK_THROWS_AS(set.reference_texts(set.reference_texts({"tanaka2001"})), std::logic_error);
}

TEST_CASE("params: every handle names a parameter of the built-in rule set with the handle's type") {
    const RuleSet& set = builtin_rules();
    const EffectiveRules eff(set, adult());
    std::size_t handles = 0;
#define CHECK_HANDLE(handle, rule_id, param_name, type)                                                    \
    {                                                                                                    \
        ++handles;                                                                                       \
        const auto& h = params::handle;                                                                   \
        INFO(rule_id << "." << param_name);                                                              \
        CHECK(std::string(h.rule) == rule_id);                                                           \
        CHECK(std::string(h.name) == param_name);                                                        \
        REQUIRE(set.rules.count(h.rule) == 1);                                                           \
        REQUIRE(set.rules.at(h.rule).params.count(h.name) == 1);                                         \
        CHECK(set.rules.at(h.rule).params.at(h.name).value.index() == static_cast<std::size_t>(h.kind)); \
        CHECK_NOTHROW((void)eff[h]);                                                                     \
    }
    REHABPLAN_RULE_PARAMS(CHECK_HANDLE)
#undef CHECK_HANDLE
    CHECK(handles == detail::required_params().size());
}

TEST_CASE("safety.contraindication reading: absolute, intensive and unknown names are told apart") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::contraindication_kind(r, "unstable_angina") == reading::ContraindicationKind::absolute);
    CHECK(reading::contraindication_kind(r, "acute_systemic_infection") == reading::ContraindicationKind::absolute);
    CHECK(reading::contraindication_kind(r, "medically_unstable") == reading::ContraindicationKind::intensive);
    CHECK(reading::contraindication_kind(r, "untreated_epilepsy") == reading::ContraindicationKind::intensive);
    CHECK(reading::contraindication_kind(r, "sore_knee") == reading::ContraindicationKind::unknown);
    Patient p = adult();
    CHECK(reading::intensive_names(r, p).empty());
    p.contraindications.named = {"untreated_epilepsy", "medically_unstable"};
    CHECK(reading::intensive_names(rules_for(p), p) == "untreated_epilepsy, medically_unstable");
}

TEST_CASE("safety.contraindication reading: resting BP 200/110 is within the limit, 201/110 and 200/111 are above") {
    const EffectiveRules r = rules_for(adult());
    CHECK_FALSE(reading::blood_pressure_above_limit(r, BloodPressure{200, 110}));
    CHECK(reading::blood_pressure_above_limit(r, BloodPressure{201, 110}));
    CHECK(reading::blood_pressure_above_limit(r, BloodPressure{200, 111}));
    CHECK_FALSE(reading::blood_pressure_above_limit(r, BloodPressure{120, 80}));
}

TEST_CASE("safety.clearance reading: HIIT needs a vigorous clearance - none and moderate give HiitReason::clearance, vigorous none") {
    Patient p = adult();
    p.hiit_screening_done = true;
    auto v = reading::hiit_eligibility(rules_for(p), p, d("2026-11-23"), 5);
    REQUIRE(v.size() == 1);
    CHECK(v[0].reason == reading::HiitReason::clearance);
    CHECK(v[0].rule == "safety.clearance");
    CHECK(v[0].param == "vigorous_requires_clearance");
    p.clearance = Clearance{ClearanceLevel::moderate, std::nullopt, ""};
    CHECK(reading::hiit_eligibility(rules_for(p), p, d("2026-11-23"), 5).size() == 1);
    CHECK_FALSE(reading::vigorous_cleared(rules_for(p), p));
    CHECK(reading::cleared(p, ClearanceLevel::moderate));
    CHECK_FALSE(reading::cleared(p, ClearanceLevel::vigorous));
    p.clearance = Clearance{ClearanceLevel::vigorous, std::nullopt, ""};
    CHECK(reading::hiit_eligibility(rules_for(p), p, d("2026-11-23"), 5).empty());
    CHECK(reading::vigorous_cleared(rules_for(p), p));
}

TEST_CASE("safety.clearance reading: clearance_missing at each limit and one step past it") {
    const Date start = d("2026-11-23");
    Patient p = with_condition(adult(), ConditionType::stroke, start.plus_days(-14));
    auto v = reading::clearance_missing(rules_for(p), p, start);
    REQUIRE(v.size() == 1);
    CHECK(v[0].need == reading::ClearanceNeed::recent_event);
    CHECK(v[0].days == 14);
    p = with_condition(adult(), ConditionType::stroke, start.plus_days(-15));
    CHECK(reading::clearance_missing(rules_for(p), p, start).empty());
    p = adult();
    p.contraindications.myocardial_infarction_date = start.plus_days(-42);
    CHECK(reading::clearance_missing(rules_for(p), p, start).size() == 1);
    p.contraindications.myocardial_infarction_date = start.plus_days(-43);
    CHECK(reading::clearance_missing(rules_for(p), p, start).empty());
    p = adult();
    p.contraindications.resting_bp = BloodPressure{181, 80};
    CHECK(reading::clearance_missing(rules_for(p), p, start).size() == 1);
    p.contraindications.resting_bp = BloodPressure{180, 80};
    CHECK(reading::clearance_missing(rules_for(p), p, start).empty());
    p.contraindications.resting_bp = BloodPressure{201, 80};  // absolute: safety.contraindication, not a clearance reason
    CHECK(reading::clearance_missing(rules_for(p), p, start).empty());
    p = adult();
    p.heart_rate.resting_bpm = 121;
    CHECK(reading::clearance_missing(rules_for(p), p, start).size() == 1);
    CHECK(reading::resting_hr_needs_check(rules_for(p), p));
    p.heart_rate.resting_bpm = 120;
    CHECK(reading::clearance_missing(rules_for(p), p, start).empty());
    CHECK(reading::resting_hr_needs_check(rules_for(p), p));
    p.heart_rate.resting_bpm = 100;
    CHECK_FALSE(reading::resting_hr_needs_check(rules_for(p), p));
    p.heart_rate.resting_bpm = 101;
    CHECK(reading::resting_hr_needs_check(rules_for(p), p));
    p = adult();
    p.contraindications.named = {"medically_unstable"};
    CHECK(reading::clearance_missing(rules_for(p), p, start).size() == 1);
    p.clearance = Clearance{ClearanceLevel::moderate, std::nullopt, ""};
    CHECK(reading::clearance_missing(rules_for(p), p, start).empty());
    CHECK(reading::clearance_reasons(rules_for(p), p, start).size() == 1);
}

TEST_CASE("safety.clearance reading: mi_strength_window is 35 days - day 35 inside, day 36 outside") {
    const Patient p = adult();
    const Date mi = d("2026-10-01");
    CHECK(reading::mi_strength_window(rules_for(p), mi, mi.plus_days(35)));
    CHECK_FALSE(reading::mi_strength_window(rules_for(p), mi, mi.plus_days(36)));
}
