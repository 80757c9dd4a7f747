// hiit.protocol (issue 19): HIIT introduced gradually, at least min_hours_between apart
// except in a supervised clinic week, and the hard intervals steered by effort with the
// heart rate as a ceiling only. Each limit is tested at the limit and one step past it.
#include <doctest/doctest.h>

#include <algorithm>

#include "documents/json.hpp"
#include "rules/readings.hpp"
#include "rules/rules_internal.hpp"
#include "test_support.hpp"

using namespace test;
namespace reading = rehabplan::reading;

namespace {

EffectiveRules rules_for(const Patient& p) { return EffectiveRules(builtin_rules(), p); }

Patient screened(Patient p) {
    p.hiit_screening_done = true;
    p.clearance = Clearance{ClearanceLevel::vigorous, std::nullopt, ""};
    return p;
}

Patient stroke_patient() {
    Patient p = screened(adult());
    p.age = 60;  // Tanaka HRmax 208 - 42 = 166; the stroke ceiling 80 % = 132.8 -> 132 bpm
    p.baseline_minutes = 30;
    Condition c;
    c.type = ConditionType::stroke;
    c.event_date = d("2026-01-10");
    p.conditions.push_back(c);
    return p;
}

// A HIIT session as the generator writes it: effort steers, the heart rate caps.
SessionPlan effort_hiit(const char* date, int repeats, int recovery, int ceiling = 150) {
    SessionPlan s = hiit(date, repeats, 30, recovery);
    s.intensity->hr_bpm.reset();
    s.intensity->rpe = Range{15, 17};
    s.intensity->hr_ceiling_bpm = ceiling;
    return s;
}

// The findings of one kind, told apart by rule, severity and what they expected or where.
std::vector<Finding> with_key(const std::vector<Finding>& f, const std::string& key) {
    std::vector<Finding> out;
    for (const Finding& x : f) {
        const bool hp = x.rule == "hiit.protocol";
        const bool match =
            key == "hiit.protocol.spacing"        ? hp && x.expected.find("after the previous HIIT session") != std::string::npos
            : key == "hiit.protocol.introduction" ? hp && x.severity == Severity::info
            : key == "hiit.protocol.easier"       ? hp && x.severity == Severity::warning &&
                                                  x.path.find("/hiit/") != std::string::npos
            : key == "intensity.above_ceiling"    ? x.path.find("/hr_ceiling_bpm") != std::string::npos
                                                  : false;
        if (match) out.push_back(x);
    }
    return out;
}

PlanRequest request(const char* start, int weeks, const std::string& programme) {
    PlanRequest q;
    q.start_date = d(start);
    q.weeks = weeks;
    q.programme = programme;
    return q;
}

Plan generated(const Patient& p, const PlanRequest& q) {
    auto r = generate(p, q, builtin_rules());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE_FALSE(r.value().refused());
    const Plan plan = *r.value().plan;
    const auto f = validate(p, plan, builtin_rules());
    CHECK_MESSAGE(count(f).errors == 0, dump(f));
    return plan;
}

// A printout's words: calendar lines unfolded and unescaped, HTML tags dropped.
std::string plain(std::string s) {
    std::string out;
    bool tag = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\r\n ") == 0) { i += 2; continue; }
        if (s.compare(i, 2, "\\,") == 0) { out += ','; ++i; continue; }
        if (s[i] == '<') tag = true;
        if (!tag) out += s[i];
        if (s[i] == '>') tag = false;
    }
    return out;
}

std::vector<const SessionPlan*> hiit_sessions(const Plan& plan) {
    std::vector<const SessionPlan*> out;
    for (const SessionPlan& s : plan.sessions)
        if (s.type == SessionType::hiit) out.push_back(&s);
    std::sort(out.begin(), out.end(), [](const SessionPlan* a, const SessionPlan* b) { return a->date < b->date; });
    return out;
}

}  // namespace

// ------------------------------------------------------------ readings
TEST_CASE("hiit.protocol introduction reading: 5 x 30/60, then 7 x 30/45, then the full 10 x 30/30") {
    const EffectiveRules r = rules_for(adult());
    const HiitIntervals w1 = reading::hiit_intervals(r, 1), w2 = reading::hiit_intervals(r, 2), w3 = reading::hiit_intervals(r, 3);
    CHECK(w1.repeats == 5);
    CHECK(w1.recovery_seconds == 60);
    CHECK(w1.work_seconds == 30);
    CHECK(w2.repeats == 7);             // 5 + 5 x 1/2, rounded down (the easier side)
    CHECK(w2.recovery_seconds == 45);   // 60 - 30 x 1/2
    CHECK(w3.repeats == 10);
    CHECK(w3.recovery_seconds == 30);
    CHECK(reading::hiit_intervals(r, 12).repeats == 10);
}

TEST_CASE("hiit.protocol introduction_weeks: week 2 is the last introduction week, week 3 is not") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::hiit_introduction(r, 1));
    CHECK(reading::hiit_introduction(r, 2));   // at the limit
    CHECK_FALSE(reading::hiit_introduction(r, 3));  // one past
}

TEST_CASE("hiit.protocol introduction reading: never harder than a tightened protocol") {
    RuleSet set = builtin_rules();
    set.rules.at("hiit.protocol").params.at("repeats").value = std::int64_t{4};
    const EffectiveRules r(set, adult());
    const HiitIntervals w1 = reading::hiit_intervals(r, 1);
    CHECK(w1.repeats == 4);
    CHECK(w1.recovery_seconds == 60);
}

TEST_CASE("hiit.protocol introduction reading: the HIIT week counts from the plan's first HIIT session") {
    Plan p = plan(6);
    CHECK_FALSE(reading::hiit_first_plan_week(p));
    CHECK(reading::hiit_week_of(p.start_date, std::nullopt, d("2026-12-14")) == 1);
    p.sessions.push_back(effort_hiit("2026-12-09", 5, 60));  // plan week 3 (0-based 2)
    REQUIRE(reading::hiit_first_plan_week(p) == 2);
    CHECK(reading::hiit_week_of(p.start_date, 2, d("2026-12-07")) == 1);
    CHECK(reading::hiit_week_of(p.start_date, 2, d("2026-12-14")) == 2);
    CHECK(reading::hiit_week_of(p.start_date, 2, d("2026-12-21")) == 3);
}

TEST_CASE("hiit.protocol min_hours_between reading: 48 h apart passes, 24 h does not") {
    const EffectiveRules r = rules_for(adult());
    CHECK(reading::hiit_min_gap_days(r) == 2);
    CHECK(reading::hiit_spacing_ok(r, 2, false));        // 48 h: at the limit
    CHECK_FALSE(reading::hiit_spacing_ok(r, 1, false));  // 24 h: one day short
    CHECK(reading::hiit_spacing_ok(r, 1, true));         // a supervised clinic week
    CHECK_FALSE(reading::hiit_spacing_ok(r, 0, true));   // never twice a day
}

TEST_CASE("hiit.protocol work_rpe: Borg 15-17") {
    const Range rpe = reading::hiit_work_rpe(rules_for(adult()));
    CHECK(rpe.low == 15);
    CHECK(rpe.high == 17);
}

// ------------------------------------------------------------ validator: introduction
TEST_CASE("hiit.protocol introduction_weeks: easier than the protocol in HIIT week 2 is info, in week 3 a warning") {
    const Patient pt = screened(adult());
    Plan p = plan(3);
    add_good_week(p, "2026-11-23");
    add_good_week(p, "2026-11-30");
    add_good_week(p, "2026-12-07");
    p.sessions.push_back(effort_hiit("2026-11-24", 5, 60));   // HIIT week 1
    p.sessions.push_back(effort_hiit("2026-12-01", 7, 45));   // HIIT week 2: the last introduction week
    p.sessions.push_back(effort_hiit("2026-12-08", 7, 45));   // HIIT week 3: after the introduction
    const auto f = with_rule(check(pt, p), "hiit.protocol");
    const auto info = with_key(f, "hiit.protocol.introduction");
    const auto warn = with_key(f, "hiit.protocol.easier");
    CHECK_MESSAGE(info.size() == 4, dump(f));  // repeats and recovery in weeks 1 and 2
    for (const Finding& x : info) CHECK(x.severity == Severity::info);
    REQUIRE_MESSAGE(warn.size() == 2, dump(f));  // repeats and recovery in week 3
    for (const Finding& x : warn) {
        CHECK(x.severity == Severity::warning);
        CHECK(x.date == d("2026-12-08"));
    }
    CHECK(with_rule(f, "hiit.protocol", Severity::error).empty());
}

TEST_CASE("hiit.protocol: harder than the protocol is an error, also in an introduction week") {
    const Patient pt = screened(adult());
    Plan p = plan(1);
    add_good_week(p, "2026-11-23");
    p.sessions.push_back(effort_hiit("2026-11-24", 11, 30));  // one repeat past the protocol
    const auto f = with_rule(check(pt, p), "hiit.protocol", Severity::error);
    REQUIRE_MESSAGE(f.size() == 1, dump(f));
    CHECK(f[0].path.find("/hiit/repeats") != std::string::npos);
    Plan q = plan(1);
    add_good_week(q, "2026-11-23");
    q.sessions.push_back(effort_hiit("2026-11-24", 10, 30));  // the protocol itself: at the limit
    CHECK(with_rule(check(pt, q), "hiit.protocol").empty());
}

// ------------------------------------------------------------ validator: spacing
TEST_CASE("hiit.protocol min_hours_between: HIIT 48 h apart passes, 24 h apart warns") {
    const Patient pt = screened(adult());
    Plan p = plan(1);
    add_good_week(p, "2026-11-23");
    p.sessions.push_back(effort_hiit("2026-11-24", 5, 60));
    p.sessions.push_back(effort_hiit("2026-11-26", 5, 60));  // 48 h: at the limit
    CHECK(with_key(check(pt, p), "hiit.protocol.spacing").empty());
    p.sessions.push_back(effort_hiit("2026-11-27", 5, 60));  // 24 h after the one before
    const auto f = with_key(check(pt, p), "hiit.protocol.spacing");
    REQUIRE_MESSAGE(f.size() == 1, dump(f));
    CHECK(f[0].severity == Severity::warning);
    CHECK(f[0].rule == "hiit.protocol");
    CHECK(f[0].date == d("2026-11-27"));
    CHECK(f[0].actual == "24 h");
}

TEST_CASE("hiit.protocol min_hours_between: supervised daily HIIT passes only when both sessions are supervised") {
    const Patient pt = screened(adult());
    Plan p = plan(1);
    add_good_week(p, "2026-11-23");
    SessionPlan a = effort_hiit("2026-11-24", 5, 60), b = effort_hiit("2026-11-25", 5, 60);
    a.supervised = b.supervised = true;
    p.sessions.push_back(a);
    p.sessions.push_back(b);
    CHECK(with_key(check(pt, p), "hiit.protocol.spacing").empty());
    p.sessions.back().supervised = false;  // one of the pair not supervised
    CHECK(with_key(check(pt, p), "hiit.protocol.spacing").size() == 1);
    Plan q = plan(1);
    add_good_week(q, "2026-11-23");
    q.sessions.push_back(a);
    q.sessions.push_back(a);  // twice on one supervised day
    CHECK(with_key(check(pt, q), "hiit.protocol.spacing").size() == 1);
}

// ------------------------------------------------------------ validator: effort and ceiling
TEST_CASE("hiit.protocol work_rpe_high: Borg 17 passes, 18 is an error") {
    const Patient pt = screened(adult());
    Plan p = plan(1);
    add_good_week(p, "2026-11-23");
    p.sessions.push_back(effort_hiit("2026-11-24", 5, 60));
    CHECK(with_rule(check(pt, p), "hiit.protocol", Severity::error).empty());
    p.sessions.back().intensity->rpe = Range{15, 18};
    const auto f = with_rule(check(pt, p), "hiit.protocol", Severity::error);
    REQUIRE_MESSAGE(f.size() == 1, dump(f));
    CHECK(f[0].path.find("/intensity/rpe_high") != std::string::npos);
    CHECK(f[0].expected == "<= RPE 17");
}

TEST_CASE("hiit.protocol max_percent_hrmax after a stroke: the HIIT ceiling is the stroke ceiling, 132 passes, 133 is an error") {
    const Patient pt = stroke_patient();
    Plan p = plan(1);
    add_good_week(p, "2026-11-23");
    for (SessionPlan& s : p.sessions)
        if (s.intensity && s.intensity->hr_bpm) s.intensity->hr_bpm = Range{100, 125};
    p.sessions.push_back(effort_hiit("2026-11-24", 5, 60, 132));
    const auto ok = check(pt, p);
    CHECK_MESSAGE(with_key(ok, "intensity.above_ceiling").empty(), dump(ok));
    p.sessions.back().intensity->hr_ceiling_bpm = 133;
    const auto f = with_key(check(pt, p), "intensity.above_ceiling");
    REQUIRE_MESSAGE(f.size() == 1, dump(f));
    CHECK(f[0].severity == Severity::error);
    CHECK(f[0].path.find("/hr_ceiling_bpm") != std::string::npos);
}

// ------------------------------------------------------------ generator
TEST_CASE("hiit.protocol generated (hiit_stroke): introduced gradually, 48 h apart, Borg 15-17 under the stroke ceiling") {
    const Patient pt = stroke_patient();
    const Plan plan = generated(pt, request("2026-11-23", 8, "hiit_stroke"));
    const auto hiit = hiit_sessions(plan);
    REQUIRE(hiit.size() >= 4);
    const auto first = reading::hiit_first_plan_week(plan);
    REQUIRE(first);
    for (std::size_t i = 0; i < hiit.size(); ++i) {
        const SessionPlan& s = *hiit[i];
        CAPTURE(s.date.to_string());
        REQUIRE(s.hiit);
        REQUIRE(s.intensity);
        const int week = reading::hiit_week_of(plan.start_date, first, s.date);
        const int repeats = week == 1 ? 5 : week == 2 ? 7 : 10;
        const int recovery = week == 1 ? 60 : week == 2 ? 45 : 30;
        CHECK(s.hiit->repeats == repeats);
        CHECK(s.hiit->recovery_seconds == recovery);
        CHECK(s.hiit->work_seconds == 30);
        // Effort steers, the heart rate caps: no heart-rate target, the stroke ceiling.
        CHECK_FALSE(s.intensity->hr_bpm);
        REQUIRE(s.intensity->rpe);
        CHECK(s.intensity->rpe->low == 15);
        CHECK(s.intensity->rpe->high == 17);
        REQUIRE(s.intensity->hr_ceiling_bpm);
        CHECK(*s.intensity->hr_ceiling_bpm == 132);
        CHECK_FALSE(s.supervised);
        if (i > 0) CHECK(s.date.days_since(hiit[i - 1]->date) >= 2);
        // The session's minutes hold the intervals: warm-up, intervals, cool-down.
        CHECK(s.minutes == 10 + (repeats * (30 + recovery) + 59) / 60);
    }
    const auto f = validate(pt, plan, builtin_rules());
    CHECK_MESSAGE(with_key(f, "hiit.protocol.spacing").empty(), dump(f));
    CHECK_MESSAGE(with_key(f, "hiit.protocol.easier").empty(), dump(f));
}

TEST_CASE("hiit.protocol generated: two available days in a row never carry HIIT 24 h apart") {
    Patient pt = stroke_patient();
    pt.available_days = {Weekday::mon, Weekday::tue, Weekday::thu};
    const Plan plan = generated(pt, request("2026-11-23", 8, "hiit_stroke"));
    const auto hiit = hiit_sessions(plan);
    REQUIRE_FALSE(hiit.empty());
    for (std::size_t i = 1; i < hiit.size(); ++i) {
        CAPTURE(hiit[i]->date.to_string());
        CHECK(hiit[i]->date.days_since(hiit[i - 1]->date) >= 2);
    }
    CHECK(with_key(validate(pt, plan, builtin_rules()), "hiit.protocol.spacing").empty());
}

TEST_CASE("hiit.protocol generated (neurorc_intensive): week 1 is a supervised clinic week with daily HIIT") {
    Patient pt = screened(adult());
    pt.baseline_minutes = 30;
    Condition c;
    c.type = ConditionType::tbi;
    pt.conditions.push_back(c);
    const Plan plan = generated(pt, request("2026-11-23", 4, "neurorc_intensive"));
    const auto hiit = hiit_sessions(plan);
    REQUIRE(hiit.size() >= 3);
    int consecutive = 0;
    for (std::size_t i = 0; i < hiit.size(); ++i) {
        CHECK(hiit[i]->date.days_since(plan.start_date) < 7);  // HIIT only in the intensive week
        CHECK(hiit[i]->supervised);
        if (i > 0 && hiit[i]->date.days_since(hiit[i - 1]->date) == 1) ++consecutive;
    }
    CHECK(consecutive > 0);  // daily HIIT, as the source states
    for (const SessionPlan& s : plan.sessions) CHECK(s.supervised == (s.date.days_since(plan.start_date) < 7));
    const auto f = validate(pt, plan, builtin_rules());
    CHECK_MESSAGE(with_key(f, "hiit.protocol.spacing").empty(), dump(f));
    // The marker survives the plan document, written only when true.
    const std::string json = to_json(plan);
    CHECK(json.find("\"supervised\":false") == std::string::npos);
    auto back = parse_plan(json);
    REQUIRE_MESSAGE(back.ok(), back.error().describe());
    CHECK(back.value().sessions.front().supervised);
    CHECK_FALSE(back.value().sessions.back().supervised);
    REQUIRE(back.value().sessions.front().type == SessionType::hiit);
    CHECK(back.value().sessions.front().intensity->hr_ceiling_bpm == plan.sessions.front().intensity->hr_ceiling_bpm);
}

TEST_CASE("hiit.protocol printout: the effort and the ceiling, and the supervised clinic week, in English and Dutch") {
    Patient pt = screened(adult());
    pt.baseline_minutes = 30;
    Condition c;
    c.type = ConditionType::tbi;
    pt.conditions.push_back(c);
    const Plan plan = generated(pt, request("2026-11-23", 2, "neurorc_intensive"));
    const int ceiling = *hiit_sessions(plan).front()->intensity->hr_ceiling_bpm;
    for (const char* fmt : {"text", "markdown", "html", "ics"}) {
        CAPTURE(fmt);
        const Format format = *parse_format(fmt);
        const auto r = render(plan, format, "en");
        REQUIRE(r.ok());
        const std::string en_text = plain(r.value());
        CHECK(en_text.find("Supervised clinic week") != std::string::npos);
        CHECK(en_text.find("Borg 15-17, heart rate no higher than " + std::to_string(ceiling)) != std::string::npos);
        const auto rn = render(plan, format, "nl");
        REQUIRE(rn.ok());
        const std::string nl_text = plain(rn.value());
        CHECK(nl_text.find("Week onder begeleiding in de kliniek") != std::string::npos);
        CHECK(nl_text.find("Borg 15-17, hartslag niet hoger dan " + std::to_string(ceiling)) != std::string::npos);
    }
}
