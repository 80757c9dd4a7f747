// progress.recovery: sleep and stress from the session log's days, on both sides of
// each limit (mean sleep 6.9 vs 7.0 h from 18, 7.9 vs 8.0 h at 13-17, 8.9 vs 9.0 h at 12;
// 2 vs 3 poor nights, 3 vs 4 logged days, mean stress below vs at 7); the sleep band by
// the patient document's age; information only by default, a hold (never a step back)
// when a clinic makes it a decision; and replan() holding the week consistently.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "followup/recovery.hpp"
#include "rules/readings_recovery.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using test::d;

namespace {

Patient stroke() { return test::parsed_patient(test::read_file("examples/patient-stroke.json")); }

// The stroke patient at another age (the example is 67).
Patient aged(int age) {
    Patient p = stroke();
    p.age = age;
    return p;
}

Plan twelve_weeks(const Patient& p) {
    PlanRequest q;
    q.start_date = d("2026-11-23");
    q.weeks = 12;
    q.language = "en";
    auto r = generate(p, q, builtin_rules());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r.value().plan);
    return *r.value().plan;
}

// Week 1 (23-29 Nov 2026) done in full at RPE 13, heart rate mid-zone: an advance.
SessionLog week_one_done(const Plan& plan) {
    SessionLog log;
    for (const SessionPlan& s : plan.sessions)
        if (s.date.days_since(plan.start_date) < 7) log.entries.push_back(test::done_as_planned(s));
    return log;
}

struct Night {
    std::optional<double> hours;
    std::optional<SleepQuality> quality;
    std::optional<int> stress;
};

// Week 1's days from Monday on (or another week's from `monday`), one item per night given.
SessionLog with_nights(SessionLog log, const std::vector<Night>& nights, const char* monday = "2026-11-23") {
    for (std::size_t i = 0; i < nights.size(); ++i) {
        DayLog day;
        day.date = d(monday).plus_days(static_cast<int>(i));
        day.sleep_hours = nights[i].hours;
        day.sleep_quality = nights[i].quality;
        day.stress = nights[i].stress;
        log.days.push_back(day);
    }
    return log;
}

std::vector<Night> hours(std::vector<double> h) {
    std::vector<Night> out;
    for (double x : h) out.push_back(Night{x, std::nullopt, std::nullopt});
    return out;
}

const RuleSet& enabled() {
    static const RuleSet set = [] {
        auto r = apply_clinic_rules(builtin_rules(),
                                    R"({"schema_version": 1, "rules": {"progress.recovery": {"params": {"enabled_as_decision": true}}}})");
        REQUIRE_MESSAGE(r.ok(), r.error().describe());
        return r.value();
    }();
    return set;
}

struct Outcome {
    bool finding = false;
    std::string message;
    std::string message_nl;
    Decision week1 = Decision::advance;
    std::string rule;
    Decision next = Decision::advance;
    std::int64_t sleep_limit = 0;  // the limit in force (report.recovery), 0 without one
    std::string progress_text;     // the English text report, wrapped lines joined
};

// The text with its line breaks and runs of spaces made single spaces (the text wraps at
// 80 columns).
std::string flat(const std::string& text) {
    std::string out;
    for (char c : text) {
        const char x = c == '\n' ? ' ' : c;
        if (!(x == ' ' && !out.empty() && out.back() == ' ')) out += x;
    }
    return out;
}

// Week 1 done with `nights` logged, reported on its last day + 1, for a patient of `age`
// (the example's 67 by default) whose plan was made at that age too.
Outcome run(const std::vector<Night>& nights, const RuleSet& rules = builtin_rules(), int age = 67) {
    const Patient p = aged(age);
    const Plan plan = twelve_weeks(p);
    auto r = progress(p, plan, with_nights(week_one_done(plan), nights), d("2026-11-30"), rules);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    Outcome o;
    const auto found = test::with_rule(r.value().findings, "progress.recovery");
    o.finding = !found.empty();
    if (o.finding) {
        CHECK(found.size() == 1);
        CHECK(found[0].severity == Severity::info);
        CHECK_FALSE(found[0].citations.empty());
        o.message = found[0].message.en;
        o.message_nl = found[0].message.nl;
    }
    o.week1 = r.value().weeks.at(0).decision;
    o.rule = r.value().weeks.at(0).rule;
    o.next = r.value().next;
    if (r.value().recovery) o.sleep_limit = r.value().recovery->min_mean_sleep_hours;
    o.progress_text = flat(render_progress(r.value(), Format::text, "en").value());
    return o;
}

// Seven nights of `h` hours each.
std::vector<Night> week_of(double h) { return hours({h, h, h, h, h, h, h}); }

// Both sides of the sleep limit at `age`: a week of `below` hours a night is named with the
// band's `limit` (finding in both languages, the report's limit and its note); a week of
// `at` hours is not.
void both_sides(int age, double below, double at, int limit) {
    CAPTURE(age);
    const std::string h = std::to_string(limit);
    const Outcome short_sleep = run(week_of(below), builtin_rules(), age);
    CHECK(short_sleep.finding);
    CHECK(short_sleep.message.find(" a night over 7 nights, below " + h + " h.") != std::string::npos);
    CHECK(short_sleep.message_nl.find(" uur slaap per nacht over 7 nachten, minder dan " + h + " uur.") != std::string::npos);
    CHECK(short_sleep.week1 == Decision::advance);  // information only by default
    CHECK(short_sleep.sleep_limit == limit);
    CHECK(short_sleep.progress_text.find("A mean below " + h + " hours") != std::string::npos);
    const Outcome enough = run(week_of(at), builtin_rules(), age);
    CHECK_FALSE(enough.finding);
    CHECK(enough.sleep_limit == limit);
}

const Night poor{std::nullopt, SleepQuality::fairly_bad, std::nullopt};
const Night very_poor{std::nullopt, SleepQuality::very_bad, std::nullopt};
const Night good{std::nullopt, SleepQuality::fairly_good, std::nullopt};

std::vector<Night> stress(std::vector<int> s) {
    std::vector<Night> out;
    for (int x : s) out.push_back(Night{std::nullopt, std::nullopt, x});
    return out;
}

}  // namespace

TEST_CASE("progress.recovery: the built-in parameters, information only by default") {
    const EffectiveRules er(builtin_rules(), stroke());
    CHECK_FALSE(er[params::progress_recovery_enabled_as_decision]);
    CHECK(er[params::progress_recovery_min_mean_sleep_hours] == 7);
    CHECK(er[params::progress_recovery_min_mean_sleep_hours_13_17] == 8);
    CHECK(er[params::progress_recovery_min_mean_sleep_hours_6_12] == 9);
    CHECK(er[params::progress_recovery_poor_quality_nights] == 3);
    CHECK(er[params::progress_recovery_min_logged_nights] == 4);
    CHECK(er[params::progress_recovery_max_mean_stress] == 7);
    CHECK(builtin_rules().rules.at("progress.recovery").severity == Severity::info);
    CHECK_FALSE(builtin_rules().rules.at("progress.recovery").safety);
}

TEST_CASE("progress.recovery: mean sleep 6.9 h is short, 7.0 h is not") {
    const Outcome short_sleep = run(hours({6.9, 6.9, 6.9, 6.9, 6.9, 6.9, 6.9}));
    CHECK(short_sleep.finding);
    CHECK(short_sleep.message == "Week 1: mean sleep 6.9 h a night over 7 nights, below 7 h. Offer the breathing exercises on "
                                 "rest days and talk about sleep and stress.");
    CHECK(short_sleep.week1 == Decision::advance);  // information only by default
    CHECK_FALSE(run(hours({7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0})).finding);
    // A mean, not each night: one long night makes up for a short one.
    CHECK_FALSE(run(hours({6.0, 8.0, 7.0, 7.0})).finding);
    CHECK(run(hours({6.0, 7.9, 7.0, 7.0})).finding);
}

TEST_CASE("progress.recovery: the sleep band by age, 12 is 6-12, 13 to 17 is 13-17, from 18 adult") {
    using reading::SleepBand;
    CHECK(reading::sleep_band(12) == SleepBand::age_6_12);
    CHECK(reading::sleep_band(13) == SleepBand::age_13_17);
    CHECK(reading::sleep_band(17) == SleepBand::age_13_17);
    CHECK(reading::sleep_band(18) == SleepBand::adult);
    CHECK(reading::sleep_band(110) == SleepBand::adult);
    CHECK(reading::sleep_band(std::nullopt) == SleepBand::adult);  // a plan without its patient
    CHECK(std::string(reading::sleep_param(SleepBand::age_6_12).name) == "min_mean_sleep_hours_6_12");
    CHECK(std::string(reading::sleep_param(SleepBand::age_13_17).name) == "min_mean_sleep_hours_13_17");
    CHECK(std::string(reading::sleep_param(SleepBand::adult).name) == "min_mean_sleep_hours");
    const EffectiveRules er(builtin_rules(), stroke());
    CHECK(reading::recovery_limits(er, 12).min_mean_sleep_hours == 9);
    CHECK(reading::recovery_limits(er, 13).min_mean_sleep_hours == 8);
    CHECK(reading::recovery_limits(er, 17).min_mean_sleep_hours == 8);
    CHECK(reading::recovery_limits(er, 18).min_mean_sleep_hours == 7);
    CHECK(reading::recovery_limits(er, std::nullopt).min_mean_sleep_hours == 7);
}

TEST_CASE("progress.recovery: at 17 years mean sleep 7.9 h is short, 8.0 h is not") {
    both_sides(17, 7.9, 8.0, 8);
    CHECK(run(week_of(7.9), builtin_rules(), 17).message ==
          "Week 1: mean sleep 7.9 h a night over 7 nights, below 8 h. Offer the breathing exercises on rest days and talk "
          "about sleep and stress.");
    // The adults' 7 hours no longer judge a teenager: 7.5 h is short at 17.
    CHECK(run(week_of(7.5), builtin_rules(), 17).finding);
    both_sides(13, 7.9, 8.0, 8);
}

TEST_CASE("progress.recovery: at 18 years mean sleep 6.9 h is short, 7.0 h is not") {
    both_sides(18, 6.9, 7.0, 7);
    CHECK_FALSE(run(week_of(7.5), builtin_rules(), 18).finding);
}

TEST_CASE("progress.recovery: at 12 years mean sleep 8.9 h is short, 9.0 h is not") { both_sides(12, 8.9, 9.0, 9); }

// Ages are whole years in the patient document (no birth date), as for every other age
// rule; the document given to progress() decides, for every week of the plan alike.
TEST_CASE("progress.recovery: the birthday boundary, the patient document's age at the report decides for every week") {
    // The same week of 7.5 h: short at 17, enough at 18.
    CHECK(run(week_of(7.5), builtin_rules(), 17).finding);
    CHECK_FALSE(run(week_of(7.5), builtin_rules(), 18).finding);
    // A plan made at 17 whose patient has turned 18 since (the document says so): the
    // adults' limit, whatever age the plan prints.
    const Plan at17 = twelve_weeks(aged(17));
    REQUIRE(at17.patient);
    CHECK(at17.patient->age == 17);
    const SessionLog log = with_nights(week_one_done(at17), week_of(7.5));
    auto now18 = progress(aged(18), at17, log, d("2026-11-30"));
    REQUIRE(now18.ok());
    CHECK(test::with_rule(now18.value().findings, "progress.recovery").empty());
    REQUIRE(now18.value().recovery);
    CHECK(now18.value().recovery->min_mean_sleep_hours == 7);
    auto still17 = progress(aged(17), at17, log, d("2026-11-30"));
    REQUIRE(still17.ok());
    CHECK(test::with_rule(still17.value().findings, "progress.recovery").size() == 1);
    // Without a new document the age does not move on during the plan: week 12 of the
    // 17-year-old's plan is judged against 8 hours as week 1 was.
    const SessionLog last = with_nights(SessionLog{}, week_of(7.9), "2027-02-08");
    auto week12 = progress(aged(17), at17, last, d("2027-02-15"));
    REQUIRE_MESSAGE(week12.ok(), week12.error().describe());
    const auto found = test::with_rule(week12.value().findings, "progress.recovery");
    REQUIRE(found.size() == 1);
    CHECK(found[0].message.en.find("Week 12: mean sleep 7.9 h a night over 7 nights, below 8 h") == 0);
}

TEST_CASE("progress.recovery: a clinic file sets each band's limit, either way, and no more than 24 hours") {
    const auto clinic = [](const std::string& params) {
        return apply_clinic_rules(builtin_rules(),
                                  R"({"schema_version": 1, "rules": {"progress.recovery": {"params": {)" + params + "}}}}");
    };
    auto stricter = clinic(R"("min_mean_sleep_hours_13_17": 9)");
    REQUIRE_MESSAGE(stricter.ok(), stricter.error().describe());
    const Outcome o = run(week_of(8.5), stricter.value(), 17);
    CHECK(o.finding);
    CHECK(o.message.find("below 9 h") != std::string::npos);
    CHECK_FALSE(run(week_of(8.5), stricter.value(), 18).finding);  // the adults' limit is untouched
    // Not a safety parameter: a clinic may also lower it.
    auto looser = clinic(R"("min_mean_sleep_hours_6_12": 8)");
    REQUIRE_MESSAGE(looser.ok(), looser.error().describe());
    CHECK_FALSE(run(week_of(8.5), looser.value(), 12).finding);
    CHECK(run(week_of(8.5), builtin_rules(), 12).finding);
    // Hours of a night: 24 at most, in the rules and in a condition profile.
    CHECK(clinic(R"("min_mean_sleep_hours_6_12": 24)").ok());
    for (const char* name : {"min_mean_sleep_hours", "min_mean_sleep_hours_13_17", "min_mean_sleep_hours_6_12"}) {
        CAPTURE(name);
        auto bad = clinic("\"" + std::string(name) + "\": 25");
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.error().code == ErrorCode::rules_error);
        CHECK(bad.error().path == "/rules/progress.recovery/params/" + std::string(name));
        CHECK(bad.error().message.find("expected 0-24 hours a night, got 25") != std::string::npos);
    }
    auto profile = apply_clinic_rules(
        builtin_rules(),
        R"({"schema_version": 1, "conditions": {"stroke": {"params": {"progress.recovery": {"min_mean_sleep_hours_13_17": 30}}}}})");
    REQUIRE_FALSE(profile.ok());
    CHECK(profile.error().path == "/conditions/stroke/params/progress.recovery/min_mean_sleep_hours_13_17");
    CHECK(profile.error().message.find("with condition stroke") != std::string::npos);
}

TEST_CASE("progress.recovery: 3 poor nights call for recovery, 2 do not") {
    CHECK_FALSE(run({poor, very_poor, good, good, good}).finding);
    const Outcome three = run({poor, very_poor, poor, good, good});
    CHECK(three.finding);
    CHECK(three.message.find("3 of 5 nights slept poorly (3 or more call for recovery)") != std::string::npos);
}

TEST_CASE("progress.recovery: a measure counts from 4 logged days, not 3") {
    // Three short nights: too few to judge; a fourth makes the mean count.
    CHECK_FALSE(run(hours({5.0, 5.0, 5.0})).finding);
    CHECK(run(hours({5.0, 5.0, 5.0, 5.0})).finding);
    // Three poor nights of three rated: not judged (also 3 poor of 3 would hold otherwise).
    CHECK_FALSE(run({poor, poor, poor}).finding);
    CHECK(run({poor, poor, poor, good}).finding);
    CHECK_FALSE(run(stress({9, 9, 9})).finding);
    CHECK(run(stress({9, 9, 9, 9})).finding);
    // Days count per measure: 4 days with stress but only 3 with hours.
    CHECK_FALSE(run({{5.0, std::nullopt, 2}, {5.0, std::nullopt, 2}, {5.0, std::nullopt, 2}, {std::nullopt, std::nullopt, 2}}).finding);
}

TEST_CASE("progress.recovery: mean stress 6.9 is below the limit, 7 is at it") {
    // 6, 7, 7, 7, 7, 7, 7, 7, 7, 7 is 6.9 over ten days; a week has seven: 48/7 = 6.86.
    const Outcome below = run(stress({7, 7, 7, 7, 7, 7, 6}));
    CHECK_FALSE(below.finding);
    const Outcome at = run(stress({7, 7, 7, 7, 7, 7, 7}));
    CHECK(at.finding);
    CHECK(at.message.find("mean stress 7.0/10 over 7 days, 7 or more") != std::string::npos);
    // The reading itself, with a 6.9 mean over ten days (a clinic's longer window is not
    // possible, but the comparison is on sums and must hold for any count).
    const EffectiveRules er(builtin_rules(), stroke());
    reading::RecoveryFigures f;
    f.stress_days = 10;
    f.stress_sum = 69;
    CHECK_FALSE(reading::recovery_verdict(er, 67, f).high_stress);
    f.stress_sum = 70;
    CHECK(reading::recovery_verdict(er, 67, f).high_stress);
}

TEST_CASE("progress.recovery: every measure named in one finding") {
    std::vector<Night> bad;
    for (int i = 0; i < 7; ++i) bad.push_back(Night{5.5, SleepQuality::very_bad, 8});
    const Outcome o = run(bad);
    CHECK(o.message == "Week 1: mean sleep 5.5 h a night over 7 nights, below 7 h; 7 of 7 nights slept poorly (3 or more "
                       "call for recovery); mean stress 8.0/10 over 7 days, 7 or more. Offer the breathing exercises on "
                       "rest days and talk about sleep and stress.");
    CHECK(o.week1 == Decision::advance);
    CHECK(o.next == Decision::advance);
}

TEST_CASE("progress.recovery: enabled by a clinic, a week of short sleep holds the dose, never steps back") {
    const Outcome held = run(hours({6.9, 6.9, 6.9, 6.9, 6.9, 6.9, 6.9}), enabled());
    CHECK(held.finding);
    CHECK(held.week1 == Decision::hold);
    CHECK(held.rule == "progress.recovery");
    CHECK(held.next == Decision::hold);
    // The other side of each limit, enabled: the plan goes on.
    for (const std::vector<Night>& fine : {hours({7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0}), std::vector<Night>{poor, poor, good, good},
                                           hours({5.0, 5.0, 5.0}), stress({7, 7, 7, 7, 7, 7, 6})}) {
        const Outcome o = run(fine, enabled());
        CHECK_FALSE(o.finding);
        CHECK(o.week1 == Decision::advance);
    }
    CHECK(run({poor, very_poor, poor, good}, enabled()).week1 == Decision::hold);
    CHECK(run(stress({7, 7, 7, 7}), enabled()).week1 == Decision::hold);
}

TEST_CASE("progress.recovery: a stricter rule keeps its decision, recovery only turns an advance into a hold") {
    const Patient p = stroke();
    const Plan plan = twelve_weeks(p);
    SessionLog log = with_nights(SessionLog{}, hours({5.0, 5.0, 5.0, 5.0, 5.0, 5.0, 5.0}));
    // Nothing logged but the nights: adherence holds (its own rule), recovery adds its finding.
    auto r = progress(p, plan, log, d("2026-11-30"), enabled());
    REQUIRE(r.ok());
    CHECK(r.value().weeks[0].decision != Decision::advance);
    CHECK(r.value().weeks[0].rule != "progress.recovery");
    CHECK(test::with_rule(r.value().findings, "progress.recovery").size() == 1);
}

TEST_CASE("progress.recovery: the week's figures are reported, and weeks without days have none") {
    const Patient p = stroke();
    const Plan plan = twelve_weeks(p);
    SessionLog log = with_nights(week_one_done(plan), {{6.5, SleepQuality::fairly_bad, 4}, {7.5, std::nullopt, std::nullopt},
                                                       {std::nullopt, SleepQuality::very_good, 2}});
    auto r = progress(p, plan, log, d("2026-12-07"));
    REQUIRE(r.ok());
    REQUIRE(r.value().weeks.size() == 2);
    REQUIRE(r.value().weeks[0].recovery);
    const reading::RecoveryFigures& f = *r.value().weeks[0].recovery;
    CHECK(f.nights_logged == 3);
    CHECK(f.sleep_nights == 2);
    CHECK(f.mean_sleep_hours() == doctest::Approx(7.0));
    CHECK(f.quality_nights == 2);
    CHECK(f.poor_nights == 1);
    CHECK(f.stress_days == 2);
    CHECK(f.mean_stress() == doctest::Approx(3.0));
    CHECK_FALSE(r.value().weeks[1].recovery);
}

TEST_CASE("progress.recovery: replan holds the week the same way as any hold, and the plan validates") {
    const Patient p = stroke();
    const Plan plan = twelve_weeks(p);
    const SessionLog log = with_nights(week_one_done(plan), hours({6.0, 6.0, 6.0, 6.0, 6.0, 6.0, 6.0}));
    auto held = replan(p, plan, log, d("2026-11-30"), enabled());
    REQUIRE_MESSAGE(held.ok(), held.error().describe());
    CHECK(held.value().progress.next == Decision::hold);
    CHECK(held.value().progress.next_rule == "progress.recovery");
    CHECK(test::with_rule(held.value().findings, "progress.recovery").size() >= 1);
    const auto findings = test::check(p, held.value().plan, enabled());
    CHECK_MESSAGE(std::none_of(findings.begin(), findings.end(), [](const Finding& f) { return f.severity == Severity::error; }),
                  test::dump(findings));
    // Week 2 repeats week 1's dose: the same training minutes.
    int week1 = 0, week2 = 0;
    for (const SessionPlan& s : held.value().plan.sessions) {
        if (!is_training(s.type)) continue;
        const int k = s.date.days_since(plan.start_date) / 7;
        if (k == 0) week1 += s.minutes;
        if (k == 1) week2 += s.minutes;
    }
    CHECK(week2 == week1);
    // Off by default: the same log advances.
    auto on = replan(p, plan, log, d("2026-11-30"));
    REQUIRE(on.ok());
    CHECK(on.value().progress.next == Decision::advance);
}

TEST_CASE("progress.recovery: the why-text names 7 hours of sleep for an adult, 8 to 10 for a patient under 18") {
    const auto why = [](int age, const std::string& lang) {
        Plan pl = test::plan(1);
        pl.sessions = {test::aerobic("2026-11-23", 30)};
        PlanPatient who;
        who.age = age;
        pl.patient = who;
        return flat(render(pl, Format::text, lang).value());
    };
    CHECK(why(18, "en").find("at least 7 hours of sleep") != std::string::npos);
    CHECK(why(18, "en").find("8 to 10 hours") == std::string::npos);
    CHECK(why(17, "en").find("8 to 10 hours of sleep a night") != std::string::npos);
    CHECK(why(17, "en").find("at least 7 hours") == std::string::npos);
    CHECK(why(17, "nl").find("8 tot 10 uur slaap per nacht") != std::string::npos);
    CHECK(why(18, "nl").find("minstens 7 uur") != std::string::npos);
    // The same band as the log's judgement: 12 is young too.
    CHECK(why(12, "en").find("8 to 10 hours of sleep a night (9 to 12 hours up to age 12)") != std::string::npos);
}
