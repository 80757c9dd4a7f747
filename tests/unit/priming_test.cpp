// Priming treatments (#22): priming.dosing_day (no session on a ketamine or esketamine
// day, nor rest_days_after days after), priming.window (the days of a window, the info
// for a window left unused), the patient reader's priming_treatments, and the generator
// with the example patients of tests/data/priming/.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "rules/readings_priming.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

using test::d;

PrimingTreatment treatment(const std::string& type, std::vector<const char*> dates) {
    PrimingTreatment t;
    t.type = type;
    for (const char* x : dates) t.dates.push_back(d(x));
    std::sort(t.dates.begin(), t.dates.end());
    return t;
}

PrimingTreatment own(const std::string& type, std::vector<const char*> dates, int start, int end, bool rest) {
    PrimingTreatment t = treatment(type, std::move(dates));
    t.window = PrimingWindowHours{start, end};
    t.rest_on_dates = rest;
    return t;
}

Patient with(std::vector<PrimingTreatment> ts) {
    Patient p = test::adult();
    p.priming_treatments = std::move(ts);
    return p;
}

RuleSet clinic_dosing(const json& params) {
    json doc{{"schema_version", 1}, {"rules", {{"priming.dosing_day", {{"params", params}}}}}};
    auto r = apply_clinic_rules(builtin_rules(), doc.dump());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return std::move(r).value();
}

// A plan of one week from Monday 2026-11-23 with a mobility session on each given day.
Plan plan_on(std::vector<const char*> dates, int weeks = 1) {
    Plan pl = test::plan(weeks);
    for (const char* x : dates) {
        SessionPlan s;
        s.date = d(x);
        s.type = SessionType::mobility;
        s.minutes = 15;
        pl.sessions.push_back(s);
    }
    return pl;
}

std::vector<std::string> paths(const std::vector<Finding>& f) {
    std::vector<std::string> out;
    for (const Finding& x : f) out.push_back(x.path);
    return out;
}

std::vector<Finding> dosing(const Patient& p, const Plan& pl, const RuleSet& rules = builtin_rules()) {
    return test::with_rule(test::check(p, pl, rules), "priming.dosing_day");
}

std::vector<Finding> windows(const Patient& p, const Plan& pl, const RuleSet& rules = builtin_rules()) {
    return test::with_rule(test::check(p, pl, rules), "priming.window");
}

bool same(reading::WindowDays w, int first, int last) { return w.first == first && w.last == last; }
bool empty(reading::WindowDays w) { return w.last < w.first; }

SessionPlan with_exercises(SessionPlan s, std::vector<std::string> ids) {
    for (const auto& id : ids) {
        const Exercise* e = builtin_rules().exercises.find(id);
        REQUIRE_MESSAGE(e, id);
        ExerciseDose x;
        x.id = id;
        x.name = id;
        x.level = e->level;
        x.sets = 1;
        x.repetitions = 8;
        s.exercises.push_back(x);
    }
    return s;
}

// ---- the patient reader --------------------------------------------------------------

json patient_with(const json& treatments) {
    return json{{"schema_version", 1}, {"age", 58}, {"sex", "male"}, {"baseline_minutes", 20},
                {"priming_treatments", treatments}};
}

json esketamine(const json& extra = json::object()) {
    json t{{"type", "esketamine"}, {"dates", {"2026-11-24"}}};
    for (auto it = extra.begin(); it != extra.end(); ++it) t[it.key()] = it.value();
    return t;
}

json own_type(const json& window) {
    return json{{"type", "hbot"}, {"dates", {"2026-11-24"}}, {"window", window}};
}

json course(const char* from, const char* to, const json& weekdays) {
    return json{{"type", "rtms"}, {"course", {{"from", from}, {"to", to}, {"weekdays", weekdays}}}};
}

// The reader refuses the document as a schema error at exactly `pointer`, and its
// description names the pointer.
void refused_raw(const json& treatments, const std::string& pointer, const std::string& words = "") {
    const std::string text = patient_with(treatments).dump();
    CAPTURE(text);
    auto r = parse_patient(text);
    REQUIRE_FALSE(r.ok());
    CAPTURE(r.error().describe());
    CHECK(r.error().code == ErrorCode::schema_error);
    CHECK(r.error().path == pointer);
    CHECK(r.error().describe().find(pointer) != std::string::npos);
    if (!words.empty()) CHECK(r.error().message.find(words) != std::string::npos);
}

// A list of treatments (a vector: braces around one json would copy it, not make an array).
void refused_at(const std::vector<json>& treatments, const std::string& pointer, const std::string& words = "") {
    refused_raw(json(treatments), pointer, words);
}

Patient accepted(const std::vector<json>& treatments) {
    const std::string text = patient_with(json(treatments)).dump();
    CAPTURE(text);
    auto r = parse_patient(text);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

// ---- the generator -------------------------------------------------------------------

struct Generated {
    Patient patient;
    Plan plan;
};

Generated generate_file(const std::string& rel, const char* start, int weeks) {
    Generated g;
    g.patient = test::parsed_patient(test::read_file(rel));
    PlanRequest q;
    q.start_date = d(start);
    q.weeks = weeks;
    auto r = generate(g.patient, q, builtin_rules());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE_FALSE(r.value().refused());
    g.plan = *r.value().plan;
    return g;
}

}  // namespace

// ---- priming.dosing_day --------------------------------------------------------------

TEST_CASE("priming.dosing_day: a session on the esketamine day is an error, the day before and after are not") {
    const Patient p = with({treatment("esketamine", {"2026-11-25"})});
    const auto f = dosing(p, plan_on({"2026-11-24", "2026-11-25", "2026-11-26"}));
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::error);
    CHECK(f[0].path == "/sessions/1/date");
    CHECK(f[0].date == d("2026-11-25"));
    CHECK(f[0].message.en.find("falls on a dosing day of esketamine") != std::string::npos);
    CHECK(f[0].message.nl.find("valt op een doseringsdag van esketamine") != std::string::npos);
    CHECK(f[0].expected == "no session on 2026-11-25");
    CHECK_FALSE(f[0].citations.empty());
    // Without the session on the dosing day: nothing.
    CHECK(dosing(p, plan_on({"2026-11-24", "2026-11-26"})).empty());
    // Without treatments: nothing either.
    CHECK(dosing(test::adult(), plan_on({"2026-11-25"})).empty());
}

TEST_CASE("priming.dosing_day: every session on a dosing day is reported, whatever its type") {
    const Patient p = with({treatment("esketamine", {"2026-11-24", "2026-11-27"})});
    Plan pl = test::plan(1);
    pl.sessions = {test::aerobic("2026-11-24", 30), test::balance("2026-11-24", 15), test::strength("2026-11-26", 30),
                   test::strength("2026-11-27", 30)};
    const auto f = dosing(p, pl);
    CHECK(paths(f) == std::vector<std::string>{"/sessions/0/date", "/sessions/1/date", "/sessions/3/date"});
}

TEST_CASE("priming.dosing_day: rest_days_after 1 from a clinic file makes the day after an error, 2 days after is not") {
    const RuleSet rules = clinic_dosing({{"rest_days_after", 1}});
    const Patient p = with({treatment("esketamine", {"2026-11-24"})});
    const auto f = dosing(p, plan_on({"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"}), rules);
    CHECK(paths(f) == std::vector<std::string>{"/sessions/1/date", "/sessions/2/date"});
    REQUIRE(f.size() == 2);
    // The day after says which dose keeps it free.
    CHECK(f[1].message.en.find("2026-11-24") != std::string::npos);
    CHECK(f[1].message.en.find("1 day after") != std::string::npos);
    CHECK(f[1].expected == "no session on 2026-11-24 or the 1 day after");
    const auto two = dosing(p, plan_on({"2026-11-26"}), clinic_dosing({{"rest_days_after", 2}}));
    REQUIRE(two.size() == 1);
    CHECK(two[0].expected == "no session on 2026-11-24 or the 2 days after");
    // Built-in rules (0 days after): only the dosing day.
    CHECK(paths(dosing(p, plan_on({"2026-11-24", "2026-11-25"}))) == std::vector<std::string>{"/sessions/0/date"});
    // The PrimingCalendar says the same.
    const reading::PrimingCalendar cal(EffectiveRules(rules, p), p.priming_treatments);
    CHECK_FALSE(cal.no_training(d("2026-11-23")));
    CHECK(cal.no_training(d("2026-11-24")));
    REQUIRE(cal.resting_after(d("2026-11-25")) != nullptr);
    CHECK(cal.resting_after(d("2026-11-25"))->dose == d("2026-11-24"));
    CHECK_FALSE(cal.no_training(d("2026-11-26")));
}

TEST_CASE("priming.dosing_day: a clinic cannot lower rest_days_after below 0 or drop esketamine from treatments") {
    const auto refused = [](const json& params, ErrorCode code, const std::string& path) {
        json doc{{"schema_version", 1}, {"rules", {{"priming.dosing_day", {{"params", params}}}}}};
        CAPTURE(doc.dump());
        auto r = apply_clinic_rules(builtin_rules(), doc.dump());
        REQUIRE_FALSE(r.ok());
        CAPTURE(r.error().describe());
        CHECK(r.error().code == code);
        CHECK(r.error().path == path);
    };
    // Below 0 is outside the integer's range (a schema error), whatever the direction.
    refused({{"rest_days_after", -1}}, ErrorCode::schema_error, "/rules/priming.dosing_day/params/rest_days_after");
    // A list that loses esketamine or ketamine loosens a safety parameter.
    refused({{"treatments", {"ketamine"}}}, ErrorCode::rules_error, "/rules/priming.dosing_day/params/treatments");
    refused({{"treatments", {"esketamine", "rtms"}}}, ErrorCode::rules_error, "/rules/priming.dosing_day/params/treatments");
    refused({{"treatments", json::array()}}, ErrorCode::rules_error, "/rules/priming.dosing_day/params/treatments");
    // The safety flag cannot be switched off in the object form either.
    refused({{"rest_days_after", {{"value", 0}, {"unit", "days"}, {"stricter", "higher"}, {"safety", false}}}},
            ErrorCode::rules_error, "/rules/priming.dosing_day/params/rest_days_after/safety");
    // The built-in values themselves, and a stricter one, are fine.
    CHECK(apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"priming.dosing_day": {"params":
        {"rest_days_after": 0, "treatments": ["esketamine", "ketamine"]}}}})").ok());
    CHECK(apply_clinic_rules(builtin_rules(), R"({"schema_version": 1, "rules": {"priming.dosing_day": {"params":
        {"rest_days_after": 2}}}})").ok());
}

TEST_CASE("priming.dosing_day: a clinic adding rtms to treatments makes rTMS days dosing days") {
    const Patient p = with({treatment("rtms", {"2026-11-24"})});
    const Plan pl = plan_on({"2026-11-24", "2026-11-25"});
    CHECK(dosing(p, pl).empty());  // built-in: rTMS days are for training
    const RuleSet rules = clinic_dosing({{"treatments", {"ketamine", "esketamine", "rtms"}}});
    CHECK(paths(dosing(p, pl, rules)) == std::vector<std::string>{"/sessions/0/date"});
    // And its day 0 window is gone: a dosing day is never a window day.
    const reading::PrimingCalendar builtin(EffectiveRules(builtin_rules(), p), p.priming_treatments);
    CHECK(builtin.window(d("2026-11-24")));
    const reading::PrimingCalendar strict(EffectiveRules(rules, p), p.priming_treatments);
    CHECK_FALSE(strict.window(d("2026-11-24")));
    CHECK(strict.no_training(d("2026-11-24")));
}

TEST_CASE("priming.dosing_day: a clinic's own type rests on its dates with rest_on_dates true, not with false") {
    const Plan pl = plan_on({"2026-11-24", "2026-11-25"});
    const Patient rests = with({own("hbot", {"2026-11-24"}, 24, 48, true)});
    const auto f = dosing(rests, pl);
    CHECK(paths(f) == std::vector<std::string>{"/sessions/0/date"});
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.en.find("hbot") != std::string::npos);  // the type as written
    CHECK(dosing(with({own("hbot", {"2026-11-24"}, 24, 48, false)}), pl).empty());
    CHECK(reading::rests_on_dates(EffectiveRules(builtin_rules(), rests), rests.priming_treatments[0]));
}

TEST_CASE("priming.dosing_day: ketamine rests like esketamine, rtms does not") {
    const Plan pl = plan_on({"2026-11-24"});
    CHECK(paths(dosing(with({treatment("ketamine", {"2026-11-24"})}), pl)) == std::vector<std::string>{"/sessions/0/date"});
    CHECK(dosing(with({treatment("rtms", {"2026-11-24"})}), pl).empty());
    const Patient p = test::adult();
    const EffectiveRules er(builtin_rules(), p);
    CHECK(reading::rests_on_dates(er, treatment("ketamine", {"2026-11-24"})));
    CHECK(reading::rests_on_dates(er, treatment("esketamine", {"2026-11-24"})));
    CHECK_FALSE(reading::rests_on_dates(er, treatment("rtms", {"2026-11-24"})));
}

// ---- priming.window: the days --------------------------------------------------------

TEST_CASE("priming.window: window_days on both sides of each limit") {
    using reading::window_days;
    CHECK(same(window_days({24, 72}), 1, 2));
    CHECK(same(window_days({23, 72}), 0, 2));   // one hour earlier: the dose's own day
    CHECK(same(window_days({24, 73}), 1, 3));   // one hour later: a third day
    CHECK(same(window_days({25, 72}), 1, 2));
    CHECK(same(window_days({48, 72}), 2, 2));
    CHECK(same(window_days({0, 1}), 0, 0));     // rTMS: the day of the session only
    CHECK(same(window_days({0, 24}), 0, 0));
    CHECK(same(window_days({0, 25}), 0, 1));
    CHECK(same(window_days({335, 336}), 13, 13));
    CHECK(empty(window_days({24, 24})));        // end <= start: no day at all
    CHECK(empty(window_days({72, 24})));
    CHECK(empty(window_days({0, 0})));
}

TEST_CASE("priming.window: the built-in windows are 24-72 h for ketamine and esketamine and the day itself for rtms") {
    const Patient p = with({treatment("esketamine", {"2026-11-23"}), treatment("rtms", {"2026-11-27"}),
                            treatment("ketamine", {"2026-12-01"})});
    const EffectiveRules er(builtin_rules(), p);
    CHECK(same(reading::window_days(reading::priming_window(er, p.priming_treatments[0])), 1, 2));
    CHECK(same(reading::window_days(reading::priming_window(er, p.priming_treatments[1])), 0, 0));
    CHECK(same(reading::window_days(reading::priming_window(er, p.priming_treatments[2])), 1, 2));
    const reading::PrimingCalendar cal(er, p.priming_treatments);
    std::vector<std::string> in_window;
    for (Date x = d("2026-11-20"); x <= d("2026-12-06"); x = x.plus_days(1))
        if (cal.window(x)) in_window.push_back(x.to_string());
    CHECK(in_window == std::vector<std::string>{"2026-11-24", "2026-11-25", "2026-11-27", "2026-12-02", "2026-12-03"});
    REQUIRE(cal.window(d("2026-11-27")));
    CHECK(cal.window(d("2026-11-27"))->type == "rtms");
    CHECK(cal.window(d("2026-11-27"))->treatment == 1u);
    CHECK(cal.window(d("2026-12-03"))->dose == d("2026-12-01"));
}

TEST_CASE("priming.window: a clinic file's window hours move the days, and an end at or before the start is refused") {
    const auto calendar_days = [](const json& params) {
        json doc{{"schema_version", 1}, {"rules", {{"priming.window", {{"params", params}}}}}};
        auto rules = apply_clinic_rules(builtin_rules(), doc.dump());
        REQUIRE_MESSAGE(rules.ok(), rules.error().describe());
        const Patient p = with({treatment("esketamine", {"2026-11-23"})});
        const reading::PrimingCalendar cal(EffectiveRules(rules.value(), p), p.priming_treatments);
        std::vector<std::string> days;
        for (Date x = d("2026-11-22"); x <= d("2026-11-30"); x = x.plus_days(1))
            if (cal.window(x)) days.push_back(x.to_string());
        return days;
    };
    using V = std::vector<std::string>;
    CHECK(calendar_days(json::object()) == V{"2026-11-24", "2026-11-25"});
    CHECK(calendar_days({{"esketamine_start_hours", 25}, {"esketamine_end_hours", 49}}) == V{"2026-11-24", "2026-11-25"});
    CHECK(calendar_days({{"esketamine_start_hours", 48}}) == V{"2026-11-25"});
    CHECK(calendar_days({{"esketamine_end_hours", 48}}) == V{"2026-11-24"});
    // The window is not a safety parameter: a clinic may widen it too (73 h: a third day).
    CHECK(calendar_days({{"esketamine_end_hours", 73}}) == V{"2026-11-24", "2026-11-25", "2026-11-26"});
    CHECK(calendar_days({{"ketamine_end_hours", 200}}) == V{"2026-11-24", "2026-11-25"});  // another type
    CHECK(calendar_days({{"esketamine_start_hours", 71}}) == V{"2026-11-25"});  // 71 < 72: one hour left
    // A window must open before it closes (72 -> 72 is empty) and end within 336 hours.
    const auto refused = [](const json& params) {
        json doc{{"schema_version", 1}, {"rules", {{"priming.window", {{"params", params}}}}}};
        auto rules = apply_clinic_rules(builtin_rules(), doc.dump());
        REQUIRE_FALSE(rules.ok());
        CHECK(rules.error().code == ErrorCode::rules_error);
        return rules.error().path;
    };
    CHECK(refused({{"esketamine_start_hours", 72}}) == "/rules/priming.window/params/esketamine_end_hours");
    CHECK(refused({{"esketamine_start_hours", 100}, {"esketamine_end_hours", 24}}) == "/rules/priming.window/params/esketamine_end_hours");
    CHECK(refused({{"rtms_end_hours", 337}}) == "/rules/priming.window/params/rtms_end_hours");
}

TEST_CASE("priming.window: a condition profile cannot set the priming parameters, so no profile closes a window") {
    // Each profile layer alone could be checked, but the strictest of several profiles
    // (a later start from one, an earlier end from another) can still close the window, and
    // the plan document could not record it: the priming rules hold for every patient.
    const auto refused = [](const json& doc, const std::string& path) {
        CAPTURE(doc.dump());
        auto r = apply_clinic_rules(builtin_rules(), doc.dump());
        REQUIRE_FALSE(r.ok());
        CAPTURE(r.error().describe());
        CHECK(r.error().code == ErrorCode::rules_error);
        CHECK(r.error().path == path);
        CHECK(r.error().message.find("for every patient") != std::string::npos);
    };
    const auto profile = [](const char* condition, const char* rule, const char* param, int value) {
        return json{{"schema_version", 1}, {"conditions", {{condition, {{"params", {{rule, {{param, value}}}}}}}}}};
    };
    refused(profile("stroke", "priming.window", "esketamine_start_hours", 80),
            "/conditions/stroke/params/priming.window/esketamine_start_hours");
    refused(profile("age_65_plus", "priming.window", "esketamine_end_hours", 48),
            "/conditions/age_65_plus/params/priming.window/esketamine_end_hours");
    refused(profile("stroke", "priming.dosing_day", "rest_days_after", 1),
            "/conditions/stroke/params/priming.dosing_day/rest_days_after");
    json severity{{"schema_version", 1},
                  {"conditions", {{"tbi", {{"severity_params", {{"severe", {{"priming.window", {{"rtms_end_hours", 2}}}}}}}}}}}};
    refused(severity, "/conditions/tbi/severity_params/severe/priming.window/rtms_end_hours");
    // The same values for every patient load, and a generated plan reads back with them.
    json doc{{"schema_version", 1},
             {"rules", {{"priming.window", {{"params", {{"esketamine_start_hours", 12}, {"esketamine_end_hours", 336}}}}}}}};
    auto rules = apply_clinic_rules(builtin_rules(), doc.dump());
    REQUIRE_MESSAGE(rules.ok(), rules.error().describe());
    const Patient p = test::parsed_patient(test::read_file("tests/data/priming/patient-stroke-esketamine.json"));
    PlanRequest q;
    q.start_date = d("2026-11-23");
    q.weeks = 4;
    auto g = generate(p, q, rules.value());
    REQUIRE_MESSAGE(g.ok(), g.error().describe());
    const std::string once = to_json(*g.value().plan);
    auto back = parse_plan(once);
    REQUIRE_MESSAGE(back.ok(), back.error().describe());
    CHECK(to_json(back.value()) == once);
}

TEST_CASE("priming.dosing_day: a clinic's rest_days_after is at most 14 days") {
    const auto load = [](int days) {
        json doc{{"schema_version", 1}, {"rules", {{"priming.dosing_day", {{"params", {{"rest_days_after", days}}}}}}}};
        return apply_clinic_rules(builtin_rules(), doc.dump());
    };
    CHECK(load(14).ok());
    auto r = load(15);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == "/rules/priming.dosing_day/params/rest_days_after");
}

TEST_CASE("priming.window: a patient's own type uses its own window hours") {
    const Patient p = with({own("hbot", {"2026-11-23"}, 23, 73, false)});
    const reading::PrimingCalendar cal(EffectiveRules(builtin_rules(), p), p.priming_treatments);
    std::vector<std::string> in_window;
    for (Date x = d("2026-11-22"); x <= d("2026-11-29"); x = x.plus_days(1))
        if (cal.window(x)) in_window.push_back(x.to_string());
    CHECK(in_window == std::vector<std::string>{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"});
    CHECK_FALSE(cal.no_training(d("2026-11-23")));
}

TEST_CASE("priming.window: overlapping windows take the latest dose, and a dosing day inside another window is no window day") {
    // Esketamine on Monday and Tuesday: Tuesday is a dosing day inside Monday's window,
    // Wednesday lies in both windows and belongs to Tuesday's dose.
    const Patient p = with({treatment("esketamine", {"2026-11-23", "2026-11-24"})});
    const reading::PrimingCalendar cal(EffectiveRules(builtin_rules(), p), p.priming_treatments);
    CHECK(cal.no_training(d("2026-11-24")));
    CHECK(cal.window(d("2026-11-24")) == nullptr);
    REQUIRE(cal.resting_after(d("2026-11-24")) != nullptr);
    CHECK(cal.resting_after(d("2026-11-24"))->dose == d("2026-11-24"));
    REQUIRE(cal.window(d("2026-11-25")));
    CHECK(cal.window(d("2026-11-25"))->dose == d("2026-11-24"));
    REQUIRE(cal.window(d("2026-11-26")));
    CHECK(cal.window(d("2026-11-26"))->dose == d("2026-11-24"));
    CHECK_FALSE(cal.window(d("2026-11-27")));
    // The same with the doses in two treatments, listed latest first.
    const Patient q = with({treatment("esketamine", {"2026-11-24"}), treatment("ketamine", {"2026-11-23"})});
    const reading::PrimingCalendar cal2(EffectiveRules(builtin_rules(), q), q.priming_treatments);
    REQUIRE(cal2.window(d("2026-11-25")));
    CHECK(cal2.window(d("2026-11-25"))->dose == d("2026-11-24"));
    CHECK(cal2.window(d("2026-11-25"))->type == "esketamine");
    CHECK(cal2.window(d("2026-11-24")) == nullptr);
    // An rTMS window on an esketamine day stays a dosing day.
    const Patient r = with({treatment("esketamine", {"2026-11-24"}), treatment("rtms", {"2026-11-24", "2026-11-26"})});
    const reading::PrimingCalendar cal3(EffectiveRules(builtin_rules(), r), r.priming_treatments);
    CHECK(cal3.window(d("2026-11-24")) == nullptr);
    CHECK(cal3.no_training(d("2026-11-24")));
    REQUIRE(cal3.window(d("2026-11-26")));
    CHECK(cal3.window(d("2026-11-26"))->type == "rtms");  // the later dose: the rTMS session
}

// ---- priming.window: the validator's information -------------------------------------

TEST_CASE("priming.window: unused window days with a skill session of the week outside them give exactly one info per week") {
    // Esketamine on the two Mondays: Tue-Wed are window days; balance on Friday is outside.
    const Patient p = with({treatment("esketamine", {"2026-11-23", "2026-11-30"})});
    Plan pl = test::plan(2);
    pl.sessions = {test::aerobic("2026-11-24", 30), test::balance("2026-11-27", 15), test::balance("2026-11-28", 15),
                   test::aerobic("2026-12-01", 30), test::balance("2026-12-04", 15)};
    const auto f = windows(p, pl);
    REQUIRE(f.size() == 2);
    CHECK(f[0].severity == Severity::info);
    CHECK(f[0].path == "/sessions/1/date");  // the first movable skill session of the week
    CHECK(f[1].path == "/sessions/4/date");
    CHECK(f[0].message.en.find("2026-11-24, 2026-11-25") != std::string::npos);
    CHECK(f[0].message.en.find("the best timing is not known exactly") != std::string::npos);
    CHECK(f[1].message.en.find("2026-12-01, 2026-12-02") != std::string::npos);
    CHECK_FALSE(f[0].message.nl.empty());
    CHECK(dosing(p, pl).empty());
    CHECK(count(test::check(p, pl)).errors == 0);
    // With the skill sessions in the window: nothing.
    Plan in = test::plan(2);
    in.sessions = {test::balance("2026-11-24", 15), test::balance("2026-11-25", 15), test::balance("2026-11-27", 15),
                   test::balance("2026-12-01", 15), test::balance("2026-12-02", 15)};
    CHECK(windows(p, in).empty());
    // One window day filled, one not: still the info, naming only the unused day.
    Plan half = test::plan(1);
    half.sessions = {test::balance("2026-11-24", 15), test::balance("2026-11-27", 15)};
    const auto h = windows(p, half);
    REQUIRE(h.size() == 1);
    CHECK(h[0].path == "/sessions/1/date");
    CHECK(h[0].message.en.find("(2026-11-25)") != std::string::npos);
}

TEST_CASE("priming.window: no info when the unused window day is not an available weekday") {
    Patient p = with({treatment("esketamine", {"2026-11-23"})});
    Plan pl = test::plan(1);
    pl.sessions = {test::balance("2026-11-27", 15)};
    REQUIRE(windows(p, pl).size() == 1);
    p.available_days = {Weekday::mon, Weekday::thu, Weekday::fri, Weekday::sat};  // no Tue, no Wed
    CHECK(windows(p, pl).empty());
    p.available_days = {Weekday::mon, Weekday::wed, Weekday::fri};  // Wed can train
    const auto f = windows(p, pl);
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.en.find("(2026-11-25)") != std::string::npos);
}

TEST_CASE("priming.window: no info when the week has no skill session that could move") {
    const Patient p = with({treatment("esketamine", {"2026-11-23"})});
    Plan pl = test::plan(1);
    pl.sessions = {test::aerobic("2026-11-24", 30), test::strength("2026-11-26", 30), test::aerobic("2026-11-27", 30)};
    CHECK(windows(p, pl).empty());
    // A skill session in the next week cannot move into this week's window.
    Plan two = test::plan(2);
    two.sessions = {test::aerobic("2026-11-24", 30), test::balance("2026-12-01", 15)};
    CHECK(windows(p, two).empty());
    // Without treatments never.
    pl.sessions.push_back(test::balance("2026-11-28", 15));
    CHECK(windows(test::adult(), pl).empty());
    CHECK(windows(p, pl).size() == 1);
}

TEST_CASE("priming.window: a strength session of motor_control exercises counts as skill, one of strength_lower does not") {
    const Patient p = with({treatment("esketamine", {"2026-11-23"})});
    const SessionPlan motor = with_exercises(test::strength("2026-11-27", 20), {"mc_sitting_posture", "mc_hip_hinge_stick"});
    const SessionPlan legs = with_exercises(test::strength("2026-11-27", 20), {"sit_to_stand", "bridge"});
    const EffectiveRules er(builtin_rules(), p);
    CHECK(reading::is_skill_session(er, motor));
    CHECK_FALSE(reading::is_skill_session(er, legs));
    CHECK(reading::is_skill_session(er, test::balance("2026-11-27", 15)));
    CHECK_FALSE(reading::is_skill_session(er, test::aerobic("2026-11-27", 15)));
    // One skill exercise among strength ones is enough.
    CHECK(reading::is_skill_session(er, with_exercises(test::strength("2026-11-27", 20), {"sit_to_stand", "balance_feet_together"})));

    Plan pl = test::plan(1);
    pl.sessions = {test::aerobic("2026-11-24", 30), motor};
    const auto f = windows(p, pl);
    REQUIRE(f.size() == 1);
    CHECK(f[0].path == "/sessions/1/date");
    pl.sessions = {test::aerobic("2026-11-24", 30), legs};
    CHECK(windows(p, pl).empty());
    // The motor_control session on a window day fills it.
    SessionPlan motor_tue = motor;
    motor_tue.date = d("2026-11-24");
    SessionPlan motor_wed = motor;
    motor_wed.date = d("2026-11-25");
    pl.sessions = {motor_tue, motor_wed, motor};
    CHECK(windows(p, pl).empty());
}

// ---- the patient reader --------------------------------------------------------------

TEST_CASE("priming.window: the reader takes dates, a course and both, ascending without repeats") {
    const Patient p = accepted({{{"type", "esketamine"},
                                 {"course", {{"from", "2026-11-24"}, {"to", "2026-12-04"}, {"weekdays", {"fri", "tue"}}}},
                                 {"dates", {"2026-12-08", "2026-11-27", "2026-11-20"}}},
                                own_type({{"start_hours", 0}, {"end_hours", 336}})});
    REQUIRE(p.priming_treatments.size() == 2);
    std::vector<std::string> dates;
    for (Date x : p.priming_treatments[0].dates) dates.push_back(x.to_string());
    CHECK(dates == std::vector<std::string>{"2026-11-20", "2026-11-24", "2026-11-27", "2026-12-01", "2026-12-04",
                                            "2026-12-08"});
    CHECK_FALSE(p.priming_treatments[0].window);
    CHECK_FALSE(p.priming_treatments[0].rest_on_dates);
    REQUIRE(p.priming_treatments[1].window);
    CHECK(p.priming_treatments[1].window->start_hours == 0);
    CHECK(p.priming_treatments[1].window->end_hours == 336);
    CHECK_FALSE(p.priming_treatments[1].rest_on_dates);
    // A patient without the field has none; an empty list is none too.
    CHECK(accepted({}).priming_treatments.empty());
}

TEST_CASE("priming.window: the reader refuses a type without its window, and a window or rest_on_dates where the rules decide") {
    refused_at({{{"type", "hbot"}, {"dates", {"2026-11-24"}}}}, "/priming_treatments/0/window", "missing required field");
    refused_at({esketamine({{"window", {{"start_hours", 0}, {"end_hours", 24}}}})}, "/priming_treatments/0/window",
               "not allowed");
    refused_at({json{{"type", "ketamine"}, {"dates", {"2026-11-24"}}, {"rest_on_dates", false}}},
               "/priming_treatments/0/rest_on_dates", "not allowed");
    refused_at({json{{"type", "rtms"}, {"dates", {"2026-11-24"}}, {"window", {{"start_hours", 0}, {"end_hours", 2}}}}},
               "/priming_treatments/0/window");
    refused_at({esketamine(), own_type({{"start_hours", 0}, {"end_hours", 24}}), {{"type", "tdcs"}, {"dates", {"2026-11-24"}}}},
               "/priming_treatments/2/window");
    // An own type with rest_on_dates of the wrong type.
    json t = own_type({{"start_hours", 0}, {"end_hours", 24}});
    t["rest_on_dates"] = "yes";
    refused_at({t}, "/priming_treatments/0/rest_on_dates");
    t["rest_on_dates"] = true;
    CHECK(accepted({t}).priming_treatments[0].rest_on_dates);
}

TEST_CASE("priming.window: the reader refuses a window whose end is not after its start") {
    refused_at({own_type({{"start_hours", 24}, {"end_hours", 24}})}, "/priming_treatments/0/window/end_hours",
               "more than start_hours 24");
    refused_at({own_type({{"start_hours", 48}, {"end_hours", 24}})}, "/priming_treatments/0/window/end_hours");
    CHECK(accepted({own_type({{"start_hours", 24}, {"end_hours", 25}})}).priming_treatments[0].window->end_hours == 25);
    // Limits: start 0-335, end 1-336.
    CHECK(accepted({own_type({{"start_hours", 335}, {"end_hours", 336}})}).priming_treatments.size() == 1);
    refused_at({own_type({{"start_hours", 336}, {"end_hours", 336}})}, "/priming_treatments/0/window/start_hours");
    refused_at({own_type({{"start_hours", 0}, {"end_hours", 337}})}, "/priming_treatments/0/window/end_hours");
    refused_at({own_type({{"start_hours", 0}, {"end_hours", 0}})}, "/priming_treatments/0/window/end_hours");
    refused_at({own_type({{"start_hours", 0}})}, "/priming_treatments/0/window/end_hours", "missing required field");
    refused_at({own_type({{"start_hours", 0}, {"end_hours", 24}, {"peak_hours", 12}})},
               "/priming_treatments/0/window/peak_hours", "unknown field");
}

TEST_CASE("priming.window: the reader refuses start_hours of 1e300, NaN, a string, a fraction or below 0") {
    for (const json& v : {json(1e300), json(-1e300), json("NaN"), json("24"), json(-1), json(23.5), json(nullptr),
                          json(true), json::array(), json(18446744073709551615ull)}) {
        CAPTURE(v.dump());
        refused_at({own_type({{"start_hours", v}, {"end_hours", 48}})}, "/priming_treatments/0/window/start_hours",
                   "expected an integer");
    }
    // A NaN literal is not JSON: a parse error of the whole document.
    auto r = parse_patient(R"({"schema_version": 1, "age": 58, "sex": "male", "baseline_minutes": 20,
        "priming_treatments": [{"type": "hbot", "dates": ["2026-11-24"], "window": {"start_hours": NaN, "end_hours": 48}}]})");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::parse_error);
    // 24.0 is the integer 24.
    CHECK(accepted({own_type({{"start_hours", 24.0}, {"end_hours", 48}})}).priming_treatments[0].window->start_hours == 24);
}

TEST_CASE("priming.window: the reader refuses a course ending before it starts, and one over 366 days") {
    refused_at({course("2026-11-24", "2026-11-23", {"mon", "tue"})}, "/priming_treatments/0/course/to",
               "on or after from 2026-11-24");
    CHECK(accepted({course("2026-11-24", "2026-11-24", {"tue"})}).priming_treatments[0].dates.size() == 1);
    // 2026-01-01 .. 2027-01-01 is 366 days; one more is refused.
    const Patient ok = accepted({course("2026-01-01", "2027-01-01", {"mon", "tue", "wed", "thu", "fri", "sat", "sun"})});
    CHECK(ok.priming_treatments[0].dates.size() == 366);
    refused_at({course("2026-01-01", "2027-01-02", {"mon"})}, "/priming_treatments/0/course/to",
               "at most 366 days, got 367");
    refused_at({course("2026-11-24", "2026-02-30", {"mon"})}, "/priming_treatments/0/course/to");
    refused_at({json{{"type", "rtms"}, {"course", {{"from", "2026-11-24"}, {"weekdays", {"mon"}}}}}},
               "/priming_treatments/0/course/to", "missing required field");
    json extra = course("2026-11-24", "2026-12-24", {"mon"});
    extra["course"]["every"] = 2;
    refused_at({extra}, "/priming_treatments/0/course/every", "unknown field");
}

TEST_CASE("priming.window: the reader refuses a course's weekdays empty, unknown or repeated, and a course without a date") {
    refused_at({course("2026-11-23", "2026-12-23", json::array())}, "/priming_treatments/0/course/weekdays");
    refused_at({course("2026-11-23", "2026-12-23", {"xyz"})}, "/priming_treatments/0/course/weekdays/0");
    refused_at({course("2026-11-23", "2026-12-23", {"mon", "Tue"})}, "/priming_treatments/0/course/weekdays/1");
    refused_at({course("2026-11-23", "2026-12-23", {"mon", "wed", "mon"})}, "/priming_treatments/0/course/weekdays/2",
               "duplicate");
    refused_at({course("2026-11-23", "2026-12-23", {"mon", "tue", "wed", "thu", "fri", "sat", "sun", "mon"})},
               "/priming_treatments/0/course/weekdays");
    // Monday 23 to Thursday 26 holds no Friday.
    refused_at({course("2026-11-23", "2026-11-26", {"fri"})}, "/priming_treatments/0/course/weekdays",
               "at least one of these weekdays");
    CHECK(accepted({course("2026-11-23", "2026-11-27", {"fri"})}).priming_treatments[0].dates ==
          std::vector<Date>{d("2026-11-27")});
    // Also when dates are given beside it: the course itself holds no date.
    json both = course("2026-11-23", "2026-11-26", {"fri"});
    both["dates"] = {"2026-11-24"};
    refused_at({both}, "/priming_treatments/0/course/weekdays", "at least one of these weekdays");
}

TEST_CASE("priming.window: the reader refuses dates repeated, impossible, out of range or empty, and neither dates nor course") {
    refused_at({json{{"type", "esketamine"}, {"dates", {"2026-11-24", "2026-11-27", "2026-11-24"}}}},
               "/priming_treatments/0/dates/2", "duplicate");
    refused_at({json{{"type", "esketamine"}, {"dates", {"2026-11-24", "2026-02-30"}}}}, "/priming_treatments/0/dates/1",
               "2026-02-30");
    refused_at({json{{"type", "esketamine"}, {"dates", {"1899-12-31"}}}}, "/priming_treatments/0/dates/0");
    refused_at({json{{"type", "esketamine"}, {"dates", {"2026-11-24T10:00"}}}}, "/priming_treatments/0/dates/0");
    refused_at({json{{"type", "esketamine"}, {"dates", {20261124}}}}, "/priming_treatments/0/dates/0");
    refused_at({json{{"type", "esketamine"}, {"dates", json::array()}}}, "/priming_treatments/0/dates");
    refused_at({json{{"type", "esketamine"}}}, "/priming_treatments/0", "expected dates, a course, or both");
    refused_at({esketamine(), json{{"type", "ketamine"}}}, "/priming_treatments/1");
    refused_at({json{{"dates", {"2026-11-24"}}}}, "/priming_treatments/0/type", "missing required field");
    refused_at({esketamine({{"dose_mg", 56}})}, "/priming_treatments/0/dose_mg", "unknown field");
    refused_at({"esketamine"}, "/priming_treatments/0");
    // 400 dates are the most.
    json many = json::array();
    for (Date x = d("2026-01-01"); many.size() < 400; x = x.plus_days(1)) many.push_back(x.to_string());
    CHECK(accepted({json{{"type", "rtms"}, {"dates", many}}}).priming_treatments[0].dates.size() == 400);
    many.push_back("2030-01-01");
    refused_at({json{{"type", "rtms"}, {"dates", many}}}, "/priming_treatments/0/dates");
}

TEST_CASE("priming.window: the reader refuses 9 treatments (8 are the most) and a type that is not an identifier") {
    std::vector<json> eight;
    for (int i = 0; i < 8; ++i) eight.push_back(esketamine());
    CHECK(accepted(eight).priming_treatments.size() == 8);
    std::vector<json> nine = eight;
    nine.push_back(esketamine());
    refused_at(nine, "/priming_treatments", "got 9");
    refused_at({json{{"type", "Ketamine"}, {"dates", {"2026-11-24"}}}}, "/priming_treatments/0/type");
    refused_at({json{{"type", ""}, {"dates", {"2026-11-24"}}}}, "/priming_treatments/0/type");
    refused_at({json{{"type", "es ketamine"}, {"dates", {"2026-11-24"}}}}, "/priming_treatments/0/type");
    refused_at({json{{"type", 1}, {"dates", {"2026-11-24"}}}}, "/priming_treatments/0/type");
    refused_at({esketamine(), json{{"type", "1rtms"}, {"dates", {"2026-11-24"}}}}, "/priming_treatments/1/type");
    refused_raw(json::object(), "/priming_treatments");
    refused_raw(json(nullptr), "/priming_treatments");
}

TEST_CASE("priming.window: to_json(parse) reads back the same, a course written as its dates") {
    const std::vector<json> treatments = {
        {{"type", "esketamine"},
         {"course", {{"from", "2026-11-24"}, {"to", "2026-12-18"}, {"weekdays", {"tue", "fri"}}}},
         {"dates", {"2026-12-22", "2026-12-29"}}},
        {{"type", "hbot"}, {"dates", {"2026-11-23"}}, {"window", {{"start_hours", 2}, {"end_hours", 30}}}, {"rest_on_dates", true}},
        {{"type", "rtms"}, {"course", {{"from", "2026-11-23"}, {"to", "2026-11-29"}, {"weekdays", {"mon", "wed"}}}}}};
    const Patient p = accepted(treatments);
    const std::string once = to_json(p);
    const json written = json::parse(once);
    REQUIRE(written.contains("priming_treatments"));
    const json& w = written["priming_treatments"];
    REQUIRE(w.size() == 3);
    CHECK_FALSE(w[0].contains("course"));
    CHECK(w[0]["dates"] == json({"2026-11-24", "2026-11-27", "2026-12-01", "2026-12-04", "2026-12-08", "2026-12-11",
                                 "2026-12-15", "2026-12-18", "2026-12-22", "2026-12-29"}));
    CHECK(w[1]["window"] == json({{"start_hours", 2}, {"end_hours", 30}}));
    CHECK(w[1]["rest_on_dates"] == true);
    CHECK(w[2]["dates"] == json({"2026-11-23", "2026-11-25"}));
    CHECK_FALSE(w[2].contains("window"));
    CHECK_FALSE(w[2].contains("rest_on_dates"));
    auto again = parse_patient(once);
    REQUIRE_MESSAGE(again.ok(), again.error().describe());
    CHECK(to_json(again.value()) == once);
    REQUIRE(again.value().priming_treatments.size() == 3);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(again.value().priming_treatments[i].type == p.priming_treatments[i].type);
        CHECK(again.value().priming_treatments[i].dates == p.priming_treatments[i].dates);
        CHECK(again.value().priming_treatments[i].rest_on_dates == p.priming_treatments[i].rest_on_dates);
    }
    // Without treatments the member is left out.
    CHECK(json::parse(to_json(accepted({}))).contains("priming_treatments") == false);
}

// ---- the generator -------------------------------------------------------------------

TEST_CASE("priming.dosing_day: the esketamine patient's 12 weeks have no session on a dosing day and validate without errors") {
    const Generated g = generate_file("tests/data/priming/patient-stroke-esketamine.json", "2026-11-23", 12);
    const EffectiveRules er(builtin_rules(), g.patient);
    const reading::PrimingCalendar cal(er, g.patient.priming_treatments);
    REQUIRE(g.patient.priming_treatments.size() == 1);
    const std::vector<Date>& doses = g.patient.priming_treatments[0].dates;
    REQUIRE(doses.size() == 12);  // Tue and Fri 2026-11-24 .. 12-18, then four Tuesdays
    CHECK(doses.front() == d("2026-11-24"));
    CHECK(doses.back() == d("2027-01-12"));
    for (const SessionPlan& s : g.plan.sessions) {
        CAPTURE(s.date.to_string());
        CHECK_FALSE(std::binary_search(doses.begin(), doses.end(), s.date));
        CHECK_FALSE(cal.no_training(s.date));
    }
    const auto findings = test::check(g.patient, g.plan);
    CHECK_MESSAGE(count(findings).errors == 0, test::dump(findings));
    CHECK(test::with_rule(findings, "priming.dosing_day").empty());
    // Every skill session of the dosing weeks already lies in a window: nothing to report.
    CHECK(test::with_rule(findings, "priming.window").empty());
    // The dosing days cost no training day the week could not make up: four days a week.
    for (int k = 0; k < 12; ++k) {
        std::set<std::int32_t> days;
        for (const SessionPlan& s : g.plan.sessions)
            if (s.date.days_since(g.plan.start_date) / 7 == k) days.insert(s.date.day_number());
        CAPTURE(k + 1);
        CHECK(days.size() == 4);
    }
}

TEST_CASE("priming.window: the esketamine patient's skill sessions lie in the 24-72 h windows, one in each dose's window") {
    const Generated g = generate_file("tests/data/priming/patient-stroke-esketamine.json", "2026-11-23", 12);
    const EffectiveRules er(builtin_rules(), g.patient);
    const reading::PrimingCalendar cal(er, g.patient.priming_treatments);
    const Date last_window = d("2027-01-14");  // the last dose (2027-01-12) + 2 days
    int skill = 0;
    for (const SessionPlan& s : g.plan.sessions) {
        if (s.date > last_window || !reading::is_skill_session(er, s)) continue;
        CAPTURE(s.date.to_string());
        CAPTURE(to_string(s.type));
        CHECK(cal.window(s.date));
        ++skill;
    }
    CHECK(skill >= 2 * 12);  // dual-task and balance after every dose
    // Each dose's window holds a skill session on a day the patient can train.
    for (Date dose : g.patient.priming_treatments[0].dates) {
        CAPTURE(dose.to_string());
        bool held = false;
        for (const SessionPlan& s : g.plan.sessions)
            held = held || (s.date > dose && s.date <= dose.plus_days(2) && reading::is_skill_session(er, s));
        CHECK(held);
    }
    // Week 1: doses Tue 24 and Fri 27; window days Wed 25, Thu 26 and Sat 28 (Sunday is not
    // available). Every window day gets a skill session: dual-task on Wed and Sat, balance on
    // Thu and Sat; Thursday keeps the second strength session (three days after Monday's).
    std::map<std::string, std::set<std::string>> week1;
    for (const SessionPlan& s : g.plan.sessions)
        if (s.date < d("2026-11-30")) week1[s.date.to_string()].insert(to_string(s.type));
    CHECK(week1["2026-11-25"] == std::set<std::string>{"dual_task"});
    CHECK(week1["2026-11-26"] == std::set<std::string>{"aerobic", "strength", "balance"});
    CHECK(week1["2026-11-28"] == std::set<std::string>{"dual_task", "balance"});
    CHECK(week1.count("2026-11-24") == 0);
    CHECK(week1.count("2026-11-27") == 0);
    CHECK(week1.count("2026-11-29") == 0);
    CHECK(week1["2026-11-23"].count("strength") == 1);
    CHECK(week1["2026-11-26"].count("strength") == 1);
    for (const auto& [date, types] : week1) {
        CAPTURE_BOUND(date);
        const bool skilled = types.count("dual_task") + types.count("balance") > 0;
        if (skilled) CHECK(cal.window(d(date.c_str())));
    }
}

TEST_CASE("priming.window: the rTMS patient's dual-task and balance sessions fall on rTMS days during the course") {
    const Generated g = generate_file("tests/data/priming/patient-stroke-rtms.json", "2026-11-23", 12);
    const EffectiveRules er(builtin_rules(), g.patient);
    const reading::PrimingCalendar cal(er, g.patient.priming_treatments);
    const std::vector<Date>& rtms = g.patient.priming_treatments.at(0).dates;
    REQUIRE(rtms.size() == 12);  // Mon, Wed, Fri 2026-11-23 .. 12-18
    const auto findings = test::check(g.patient, g.plan);
    CHECK_MESSAGE(count(findings).errors == 0, test::dump(findings));
    CHECK(test::with_rule(findings, "priming.window").empty());
    CHECK(test::with_rule(findings, "priming.dosing_day").empty());
    // rTMS days carry training (no dosing rest), each with a skill session ...
    for (Date day : rtms) {
        CAPTURE(day.to_string());
        CHECK(cal.window(day));
        bool skill = false;
        for (const SessionPlan& s : g.plan.sessions) skill = skill || (s.date == day && reading::is_skill_session(er, s));
        CHECK(skill);
    }
    // ... and no skill session of the course's weeks falls on another day.
    int skill_sessions = 0;
    for (const SessionPlan& s : g.plan.sessions) {
        if (s.date > d("2026-12-20") || !reading::is_skill_session(er, s)) continue;
        CAPTURE(s.date.to_string());
        CHECK(std::binary_search(rtms.begin(), rtms.end(), s.date));
        ++skill_sessions;
    }
    CHECK(skill_sessions == 4 * 4);  // two dual-task and two balance sessions a week
}

TEST_CASE("priming.window: treatments outside the plan's weeks leave the plan's sessions as without treatments") {
    const Patient with_t = test::parsed_patient(test::read_file("tests/data/priming/patient-stroke-esketamine.json"));
    Patient without = with_t;
    without.priming_treatments.clear();
    Patient far = with_t;
    far.priming_treatments = {treatment("esketamine", {"2026-01-06", "2026-11-20"}), treatment("rtms", {"2027-06-01"})};
    PlanRequest q;
    q.start_date = d("2026-11-23");
    q.weeks = 12;
    const auto a = generate(without, q, builtin_rules());
    const auto b = generate(far, q, builtin_rules());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    const json ja = json::parse(to_json(*a.value().plan));
    const json jb = json::parse(to_json(*b.value().plan));
    CHECK(ja["sessions"] == jb["sessions"]);
    // The dose on Friday 2026-11-20 opens Sat 21 and Sun 22, before the start: no effect.
    const auto c = generate(with_t, q, builtin_rules());
    REQUIRE(c.ok());
    CHECK(json::parse(to_json(*c.value().plan))["sessions"] != ja["sessions"]);
}
