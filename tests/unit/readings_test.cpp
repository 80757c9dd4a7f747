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

TEST_CASE("hiit.eligibility reading: concussion early phase is 14 days: day 13 no HIIT, day 14 allowed from step 4 with clearances") {
    // Concussion 2026-11-01; symptoms resolved 11-10, cleared for contact 11-10, a vigorous
    // clearance given 11-10 (after the concussion): steps 4-6 from 11-10, 11-11, 11-12.
    Patient p = with_condition(adult(), ConditionType::concussion, d("2026-11-01"));
    p.hiit_screening_done = true;
    p.clearance = Clearance{ClearanceLevel::vigorous, d("2026-11-10"), "Dr. Test"};
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-10");
    cr.cleared = Clearance{ClearanceLevel::moderate, d("2026-11-10"), "Dr. Test"};
    p.concussion_return = cr;
    const EffectiveRules r = rules_for(p);
    auto v = reading::hiit_eligibility(r, p, d("2026-11-14"), 5);  // day 13
    REQUIRE(v.size() == 1);
    CHECK(v[0].reason == reading::HiitReason::concussion_early);
    CHECK(v[0].rule == "concussion.return");
    CHECK(v[0].param == "early_phase_days");
    CHECK(reading::hiit_eligibility(r, p, d("2026-11-15"), 5).empty());  // day 14
    CHECK(reading::concussion_early_phase(r, d("2026-11-01"), d("2026-11-14")));
    CHECK_FALSE(reading::concussion_early_phase(r, d("2026-11-01"), d("2026-11-15")));
}

TEST_CASE("hiit.eligibility reading: concussion.return after day 14 without a step 4 or a clearance since the concussion is concussion_step") {
    Patient p = with_condition(adult(), ConditionType::concussion, d("2026-11-01"));
    p.hiit_screening_done = true;
    p.clearance = Clearance{ClearanceLevel::vigorous, d("2026-11-10"), "Dr. Test"};
    // No resolution recorded: still step 3 on day 14.
    auto v = reading::hiit_eligibility(rules_for(p), p, d("2026-11-15"), 5);
    REQUIRE(v.size() == 1);
    CHECK(v[0].reason == reading::HiitReason::concussion_step);
    CHECK(v[0].param == "late_step_min");
    // Step 4 reached, but the vigorous clearance predates the concussion.
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-10");
    cr.cleared = Clearance{ClearanceLevel::moderate, d("2026-11-10"), ""};
    p.concussion_return = cr;
    p.clearance->date = d("2026-10-31");
    v = reading::hiit_eligibility(rules_for(p), p, d("2026-11-15"), 5);
    REQUIRE(v.size() == 1);
    CHECK(v[0].reason == reading::HiitReason::concussion_step);
    p.clearance->date = d("2026-11-01");  // on the day of the concussion: covers it
    CHECK(reading::hiit_eligibility(rules_for(p), p, d("2026-11-15"), 5).empty());
}

TEST_CASE("concussion.return reading: 1 rest day: the event day rests, the next day trains") {
    const EffectiveRules r = rules_for(with_condition(adult(), ConditionType::concussion, d("2026-11-01")));
    CHECK(reading::concussion_rest_day(r, d("2026-11-01"), d("2026-11-01")));
    CHECK_FALSE(reading::concussion_rest_day(r, d("2026-11-01"), d("2026-11-02")));
    CHECK_FALSE(reading::concussion_rest_day(r, d("2026-11-01"), d("2026-10-31")));  // before the event
    CHECK(reading::concussion_first_training_day(r, d("2026-11-01")) == d("2026-11-02"));
}

namespace {
std::string from_of(const std::vector<reading::ConcussionStepDate>& s, std::size_t i) {
    return s.at(i).from ? s.at(i).from->to_string() : "none";
}
Patient concussed_on(const char* event) { return with_condition(adult(), ConditionType::concussion, d(event)); }
}  // namespace

TEST_CASE("concussion.return reading: concussion_schedule dates 1, 2A, 2B, 3 from the event and gates 4-6") {
    Patient p = concussed_on("2026-11-01");
    const EffectiveRules r = rules_for(p);
    REQUIRE(r.integer("concussion.return", "step_1_planned_days") == 2);
    REQUIRE(r.integer("concussion.return", "step_2a_planned_days") == 3);
    REQUIRE(r.integer("concussion.return", "step_2b_planned_days") == 3);
    auto s = reading::concussion_schedule(r, p);
    REQUIRE(s.size() == 7u);
    CHECK(s[0].stage == reading::ConcussionStage::step1);
    CHECK(from_of(s, 0) == "2026-11-01");
    CHECK(from_of(s, 1) == "2026-11-03");  // 2A: event + 2 days
    CHECK(from_of(s, 2) == "2026-11-06");  // 2B: + 3
    CHECK(from_of(s, 3) == "2026-11-09");  // 3: + 3
    for (std::size_t i = 4; i < 7; ++i) CHECK(from_of(s, i) == "none");  // no resolution recorded
    // The gates: 4-6 need the resolution and (clearance_from_step 4) the clearance.
    CHECK_FALSE(s[3].needs_resolution);
    CHECK(s[4].needs_resolution);
    CHECK(s[4].needs_clearance);
    CHECK(s[6].needs_clearance);
    // Resolution alone opens nothing: step 4 needs the clearance too.
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-05");
    p.concussion_return = cr;
    s = reading::concussion_schedule(rules_for(p), p);
    CHECK(from_of(s, 4) == "none");
    // Resolved on day 4, cleared on day 5: step 4 a day after step 3 (11-10), then 24 h per step.
    p.concussion_return->cleared = Clearance{ClearanceLevel::moderate, d("2026-11-06"), ""};
    s = reading::concussion_schedule(rules_for(p), p);
    CHECK(from_of(s, 4) == "2026-11-10");
    CHECK(from_of(s, 5) == "2026-11-11");
    CHECK(from_of(s, 6) == "2026-11-12");
    // A clearance recorded later moves steps 4-6 to it.
    p.concussion_return->cleared->date = d("2026-11-20");
    s = reading::concussion_schedule(rules_for(p), p);
    CHECK(from_of(s, 4) == "2026-11-20");
    CHECK(from_of(s, 5) == "2026-11-21");
    // No dated concussion: no schedule.
    CHECK(reading::concussion_schedule(r, adult()).empty());
    CHECK(reading::concussion_schedule(r, with_condition(adult(), ConditionType::concussion)).empty());
}

TEST_CASE("concussion.return reading: min_rest_days_after_event and min_hours_per_step stretch the schedule") {
    Patient p = concussed_on("2026-11-01");
    const RuleSet clinic =
        apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"concussion.return": {"params":
            {"min_rest_days_after_event": 3, "min_hours_per_step": 48}}}})")
            .value();
    const auto s = reading::concussion_schedule(EffectiveRules(clinic, p), p);
    CHECK(from_of(s, 1) == "2026-11-04");  // 2A: the rest of 3 days beats step 1's 2 planned days
    CHECK(from_of(s, 2) == "2026-11-07");  // 3 planned days >= 48 h
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-02");
    cr.cleared = Clearance{ClearanceLevel::moderate, d("2026-11-02"), ""};
    p.concussion_return = cr;
    const auto g = reading::concussion_schedule(EffectiveRules(clinic, p), p);
    CHECK(from_of(g, 3) == "2026-11-10");
    CHECK(from_of(g, 4) == "2026-11-12");  // 48 h after step 3
    CHECK(from_of(g, 5) == "2026-11-14");
}

TEST_CASE("concussion.return reading: concussion_stage_on reads the schedule day by day") {
    Patient p = concussed_on("2026-11-01");
    const EffectiveRules r = rules_for(p);
    using S = reading::ConcussionStage;
    CHECK_FALSE(reading::concussion_stage_on(r, p, d("2026-10-31")));
    CHECK(reading::concussion_stage_on(r, p, d("2026-11-01")) == S::step1);
    CHECK(reading::concussion_stage_on(r, p, d("2026-11-02")) == S::step1);
    CHECK(reading::concussion_stage_on(r, p, d("2026-11-03")) == S::step2a);
    CHECK(reading::concussion_stage_on(r, p, d("2026-11-05")) == S::step2a);
    CHECK(reading::concussion_stage_on(r, p, d("2026-11-06")) == S::step2b);
    CHECK(reading::concussion_stage_on(r, p, d("2026-11-09")) == S::step3);
    CHECK(reading::concussion_stage_on(r, p, d("2027-03-01")) == S::step3);  // no gate met
    CHECK_FALSE(reading::concussion_stage_on(r, adult(), d("2026-11-09")));
    CHECK(std::string(reading::stage_label(S::step2b)) == "2B");
    CHECK(reading::stage_number(S::step2b) == 2);
    CHECK(reading::stage_of(2, "") == S::step2a);
    CHECK(reading::stage_of(2, "2B") == S::step2b);
    CHECK(reading::stage_of(5, "") == S::step5);
    CHECK_FALSE(reading::stage_of(7, ""));
    CHECK_FALSE(reading::stage_of(0, ""));
}

TEST_CASE("concussion.return reading: concussion_stage_percent - 2A 45-55, 2B 55-70, step 3 64-76, none from step 4") {
    const EffectiveRules r = rules_for(concussed_on("2026-11-01"));
    using S = reading::ConcussionStage;
    const auto pct = [&](S s) { return reading::concussion_stage_percent(r, s); };
    REQUIRE(pct(S::step1));
    CHECK(pct(S::step1)->low == 45);
    CHECK(pct(S::step1)->high == 55);
    CHECK(pct(S::step2a)->high == 55);
    CHECK(pct(S::step2a)->high_param.name == std::string("step_2a_max_percent_hrmax"));
    CHECK(pct(S::step2b)->low == 55);
    CHECK(pct(S::step2b)->high == 70);
    CHECK(pct(S::step3)->low == 64);
    CHECK(pct(S::step3)->high == 76);
    CHECK_FALSE(pct(S::step4));
    CHECK_FALSE(pct(S::step6));
    CHECK(reading::concussion_dose_free(r, S::step3));
    CHECK_FALSE(reading::concussion_dose_free(r, S::step4));
}

TEST_CASE("concussion.return reading: concussion_dose_free_on - steps 1-3 by date, not before the concussion") {
    Patient p = concussed_on("2026-11-01");
    const EffectiveRules r = rules_for(p);
    CHECK_FALSE(reading::concussion_dose_free_on(r, p, d("2026-10-31")));
    CHECK(reading::concussion_dose_free_on(r, p, d("2026-11-01")));
    CHECK(reading::concussion_dose_free_on(r, p, d("2026-12-31")));  // no gate met: still step 3
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-09");
    cr.cleared = Clearance{ClearanceLevel::moderate, d("2026-11-09"), ""};
    p.concussion_return = cr;
    CHECK(reading::concussion_dose_free_on(r, p, d("2026-11-09")));        // step 3
    CHECK_FALSE(reading::concussion_dose_free_on(r, p, d("2026-11-10")));  // step 4
    CHECK_FALSE(reading::concussion_dose_free_on(r, adult(), d("2026-11-10")));
}

TEST_CASE("concussion.return reading: concussion_vigorous_allowed - step 4, day 14 and a vigorous clearance since the concussion") {
    Patient p = concussed_on("2026-11-01");
    const EffectiveRules r = rules_for(p);
    CHECK(reading::concussion_vigorous_allowed(r, adult(), d("2026-11-02")));  // no concussion
    CHECK_FALSE(reading::concussion_vigorous_allowed(r, with_condition(adult(), ConditionType::concussion), d("2027-01-01")));
    p.clearance = Clearance{ClearanceLevel::vigorous, d("2026-11-05"), "Dr. Test"};
    CHECK_FALSE(reading::concussion_vigorous_allowed(r, p, d("2026-11-20")));  // step 3: no resolution
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-08");
    cr.cleared = Clearance{ClearanceLevel::moderate, d("2026-11-08"), ""};
    p.concussion_return = cr;  // step 4 from 11-10
    CHECK_FALSE(reading::concussion_vigorous_allowed(r, p, d("2026-11-14")));  // day 13: early phase
    CHECK(reading::concussion_vigorous_allowed(r, p, d("2026-11-15")));        // day 14
    p.clearance->level = ClearanceLevel::moderate;
    CHECK_FALSE(reading::concussion_vigorous_allowed(r, p, d("2026-11-15")));
    p.clearance->level = ClearanceLevel::vigorous;
    p.clearance->date = d("2026-10-31");  // before the concussion
    CHECK_FALSE(reading::concussion_vigorous_allowed(r, p, d("2026-11-15")));
    p.clearance->date = d("2026-11-01");  // the day itself
    CHECK(reading::concussion_vigorous_allowed(r, p, d("2026-11-15")));
    p.clearance->date.reset();  // undated: not shown to be after the concussion
    CHECK_FALSE(reading::concussion_vigorous_allowed(r, p, d("2026-11-15")));
}

TEST_CASE("concussion.return reading: concussion_persisting_from - day 28 unless resolved before it") {
    Patient p = concussed_on("2026-11-01");
    const EffectiveRules r = rules_for(p);
    REQUIRE(r.integer("concussion.return", "persisting_symptoms_days") == 28);
    CHECK(reading::concussion_persisting_from(r, p) == d("2026-11-29"));
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-28");  // the day before: not persisting
    p.concussion_return = cr;
    CHECK_FALSE(reading::concussion_persisting_from(r, p));
    p.concussion_return->symptoms_resolved = d("2026-11-29");  // on day 28: persisting from then
    CHECK(reading::concussion_persisting_from(r, p) == d("2026-11-29"));
    CHECK_FALSE(reading::concussion_persisting_from(r, adult()));
}

TEST_CASE("concussion.return reading: threshold_retest_days - a treadmill threshold in use is tested again every 14 days") {
    Patient p = concussed_on("2026-11-01");
    const EffectiveRules r = rules_for(p);
    REQUIRE(r.integer("concussion.return", "threshold_retest_days") == 14);
    CHECK(reading::concussion_threshold_retests(r, p, d("2026-11-02"), d("2026-12-31")).empty());  // no threshold
    p.heart_rate.symptom_threshold_bpm = 150;
    // Day 14 after the start is a retest; day 13 is not yet one.
    CHECK(reading::concussion_threshold_retests(r, p, d("2026-11-02"), d("2026-11-15")).empty());
    CHECK(reading::concussion_threshold_retests(r, p, d("2026-11-02"), d("2026-11-16")) == std::vector<Date>{d("2026-11-16")});
    CHECK(reading::concussion_threshold_retests(r, p, d("2026-11-02"), d("2026-11-30")) ==
          std::vector<Date>{d("2026-11-16"), d("2026-11-30")});
    // From step 4 (symptoms resolved and cleared) the threshold no longer steers: no retest.
    ConcussionReturn cr;
    cr.symptoms_resolved = d("2026-11-20");
    cr.cleared = Clearance{ClearanceLevel::moderate, d("2026-11-20"), "Dr X"};
    p.concussion_return = cr;
    CHECK(reading::concussion_threshold_retests(r, p, d("2026-11-02"), d("2026-11-30")) == std::vector<Date>{d("2026-11-16")});
    CHECK(reading::concussion_threshold_retests(r, adult(), d("2026-11-02"), d("2026-11-30")).empty());
}

TEST_CASE("concussion.return reading: concussion_stage_after_symptoms - steps 1-3 repeat, 4-6 go back to step 3") {
    const EffectiveRules r = rules_for(concussed_on("2026-11-01"));
    using S = reading::ConcussionStage;
    for (const S s : {S::step1, S::step2a, S::step2b, S::step3}) CHECK(reading::concussion_stage_after_symptoms(r, s) == s);
    for (const S s : {S::step4, S::step5, S::step6}) CHECK(reading::concussion_stage_after_symptoms(r, s) == S::step3);
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

// ------------------------------------------------------------ progression.graded: three quantities
TEST_CASE("progression.graded reading: test_progression_graded_min_step_week_minutes - 10 min a week may reach 15, not 16") {
    const EffectiveRules r = rules_for(adult());
    REQUIRE(r.integer("progression.graded", "min_step_week_minutes") == 5);
    // 20 % of 10 is 2: the minimum step of 5 decides.
    CHECK(reading::progression_cap(r, reading::ProgressionQuantity::volume, 10) == 15);
    CHECK(reading::progression_cap(r, reading::ProgressionQuantity::total, 10) == 15);
    CHECK_FALSE(16 <= reading::progression_cap(r, reading::ProgressionQuantity::volume, 10));
    // From 25 min on the percentage reaches the step: 25 -> 30, 100 -> 120.
    CHECK(reading::progression_cap(r, reading::ProgressionQuantity::total, 25) == 30);
    CHECK(reading::progression_cap(r, reading::ProgressionQuantity::volume, 100) == 120);
    CHECK(reading::progression_increase_cap(r, 10) == 15);
}

TEST_CASE("progression.graded reading: test_progression_graded_min_step_bout_minutes - a 4-min bout may reach 5, not 6") {
    const EffectiveRules r = rules_for(adult());
    REQUIRE(r.integer("progression.graded", "min_step_bout_minutes") == 1);
    CHECK(reading::progression_cap(r, reading::ProgressionQuantity::bout, 4) == 5);
    CHECK_FALSE(6 <= reading::progression_cap(r, reading::ProgressionQuantity::bout, 4));
    CHECK(reading::progression_cap(r, reading::ProgressionQuantity::bout, 20) == 24);
    CHECK(reading::progression_cap(r, reading::ProgressionQuantity::bout, 21) == 25);  // 25.2 rounds down
    // After stroke 10 %: 20 -> 22, 10 -> 11 (the step and the percentage agree), 5 -> 6 (the step).
    const EffectiveRules s = rules_for(with_condition(adult(), ConditionType::stroke, d("2026-01-05")));
    CHECK(reading::progression_cap(s, reading::ProgressionQuantity::bout, 20) == 22);
    CHECK(reading::progression_cap(s, reading::ProgressionQuantity::bout, 10) == 11);
    CHECK(reading::progression_cap(s, reading::ProgressionQuantity::bout, 5) == 6);
}

TEST_CASE("progression.graded reading: progression_limits - the baseline in week 1, then each quantity on its reference") {
    const EffectiveRules r = rules_for(adult());
    reading::ProgressionHistory h;
    auto lim = reading::progression_limits(r, 20, h);
    CHECK(lim.baseline_week);
    CHECK_FALSE(lim.total);
    CHECK_FALSE(lim.volume);
    CHECK(lim.bout == 20);
    reading::ProgressionWeek w;
    w.total = 130;
    w.volume = 80;
    w.aerobic = 80;
    w.bout = 20;
    h.push(w);
    lim = reading::progression_limits(r, 20, h);
    CHECK_FALSE(lim.baseline_week);
    CHECK(lim.total == 156);
    CHECK(lim.volume == 96);
    CHECK(lim.bout == 24);
    // A week programmed below the baseline (NeuroRC's 5-minute week 1): the next may reach the baseline.
    w.bout = 5;
    h.weeks.back() = w;
    CHECK(reading::progression_limits(r, 20, h).bout == 20);
    // After a week without training: the best earlier week of each quantity.
    h.weeks.back().bout = 20;
    h.push(reading::ProgressionWeek{});
    lim = reading::progression_limits(r, 20, h);
    CHECK(lim.total == 156);
    CHECK(lim.volume == 96);
    CHECK(lim.bout == 24);
}

TEST_CASE("progression.graded reading: test_progression_graded_intermittent_below_minutes - 4 min is intermittent, 5 is not") {
    const EffectiveRules r = rules_for(adult());
    REQUIRE(r.integer("progression.graded", "intermittent_below_minutes") == 5);
    REQUIRE(r.integer("progression.graded", "intermittent_rest_minutes") == 2);
    CHECK(reading::progression_intermittent(r, 4));
    CHECK(reading::progression_intermittent(r, 0));
    CHECK_FALSE(reading::progression_intermittent(r, 5));
    CHECK(reading::progression_intermittent_rest(r) == 2);
    CHECK(reading::progression_bouts(12, 4) == std::vector<int>{4, 4, 4});
    CHECK(reading::progression_bouts(13, 4) == std::vector<int>{4, 3, 3, 3});
    CHECK(reading::progression_bouts(4, 4) == std::vector<int>{4});
    CHECK(reading::progression_bouts(0, 4).empty());
}

TEST_CASE("progression.graded reading: progression_measure counts activity, not rests, and reads bouts between rests") {
    const Patient p = adult();
    const EffectiveRules r = rules_for(p);
    SessionPlan s = aerobic("2026-01-05", 16);
    s.blocks = {{BlockKind::main, 4, ""}, {BlockKind::rest, 2, ""}, {BlockKind::main, 4, ""}, {BlockKind::rest, 2, ""},
                {BlockKind::main, 4, ""}};
    SessionPlan st = test::strength("2026-01-06", 10);
    const auto w = reading::progression_measure({&s, &st}, r, p);
    CHECK(w.total == 22);
    CHECK(w.aerobic == 12);
    CHECK(w.volume == 12);
    CHECK(w.bout == 4);
    CHECK(w.training_days == 2);
}

TEST_CASE("session.duration reading: test_session_duration_aerobic_session_at_limit - 60 min passes, 61 is above") {
    const EffectiveRules r = rules_for(adult());
    REQUIRE(reading::session_aerobic_max_minutes(r) == 60);
    SessionPlan s = aerobic("2026-01-05", 60);
    CHECK_FALSE(reading::session_aerobic_above_max(r, s));
    s.minutes = 61;
    CHECK(reading::session_aerobic_above_max(r, s));
    s.type = SessionType::dual_task;
    CHECK(reading::session_aerobic_above_max(r, s));
    s.type = SessionType::strength;  // strength is not an aerobic session
    CHECK_FALSE(reading::session_aerobic_above_max(r, s));
}
