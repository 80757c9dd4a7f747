// Every rule ID of data/rules.json on both sides of every limit, as
// /work/shared/docs/dosing-rules.md ("Conventions") reads the limits: 45 min passes and
// 44 fires, 150/300 minutes pass and 149/301 fire, 60 %/85 % HRmax pass, progression
// passes while this_week <= previous_week x (1 + p/100), and so on.
//
// Each test names its rule ID first. Boundary values are written out in the tests and
// checked against the rule data (REQUIRE(param(...) == 45)), so a change of a default
// in data/rules.json shows up here as a failing precondition rather than a silent shift.
//
// Calendar used throughout: Monday 2026-11-23 starts ISO week 2026-W48.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "rules/readings_build_up.hpp"
#include "test_support.hpp"

using namespace rehabplan;

namespace {

// ------------------------------------------------------------------ rule data

std::int64_t param(const std::string& rule, const std::string& name) {
    return std::get<std::int64_t>(builtin_rules().rules.at(rule).params.at(name).value);
}
const std::vector<std::string>& param_list(const std::string& rule, const std::string& name) {
    return std::get<std::vector<std::string>>(builtin_rules().rules.at(rule).params.at(name).value);
}
std::int64_t effective(const Patient& p, const std::string& rule, const std::string& name) {
    return EffectiveRules(builtin_rules(), p).integer(rule, name);
}
bool flag(const Patient& p, const std::string& rule, const std::string& name) {
    return EffectiveRules(builtin_rules(), p).flag(rule, name);
}
const std::string& reference(const std::string& key) { return builtin_rules().references.at(key); }

// ------------------------------------------------------------------ dates

// Day k from Monday 2026-11-23 (k = 0 .. 6 is ISO week 2026-W48).
Date day(int k) { return test::d("2026-11-23").plus_days(k); }
std::string str(const std::optional<Date>& x) { return x ? x->to_string() : "none"; }

// ------------------------------------------------------------------ patients

Patient aged(int age) {
    Patient p = test::adult();
    p.age = age;
    return p;
}

Patient with_condition(Patient p, ConditionType t, std::optional<Date> event = std::nullopt,
                       std::optional<TbiSeverity> severity = std::nullopt) {
    Condition c;
    c.type = t;
    c.event_date = event;
    c.severity = severity;
    p.conditions.push_back(c);
    return p;
}

// A recorded clearance for vigorous work (safety.clearance): the rule's own ceilings apply.
Patient cleared(Patient p) {
    p.clearance = Clearance{ClearanceLevel::vigorous, test::d("2026-11-01"), "Dr. Test"};
    return p;
}

Patient stroke_patient(int age) { return with_condition(aged(age), ConditionType::stroke, test::d("2026-06-01")); }

// Concussion on Friday 2026-11-20; concussion plans start Monday 2026-11-16.
Date event_day(int k) { return test::d("2026-11-20").plus_days(k); }
Patient concussed() { return with_condition(test::adult(), ConditionType::concussion, event_day(0)); }
Plan concussion_plan() { return test::plan(4, "2026-11-16"); }

// ------------------------------------------------------------------ sessions

SessionPlan aer(Date when, int minutes, int hr_low = 110, int hr_high = 130) {
    return test::aerobic(when.to_string().c_str(), minutes, hr_low, hr_high);
}

// An aerobic session that states only its class (no heart-rate, % or RPE range).
SessionPlan of_class(Date when, int minutes, IntensityClass c, SessionType t = SessionType::aerobic) {
    SessionPlan s;
    s.date = when;
    s.type = t;
    s.minutes = minutes;
    Intensity in;
    in.klass = c;
    s.intensity = in;
    return s;
}
SessionPlan moderate(Date when, int minutes) { return of_class(when, minutes, IntensityClass::moderate); }
SessionPlan vigorous(Date when, int minutes) { return of_class(when, minutes, IntensityClass::vigorous); }
SessionPlan light(Date when, int minutes) { return of_class(when, minutes, IntensityClass::light); }

SessionPlan no_intensity(Date when, int minutes) {
    SessionPlan s = aer(when, minutes);
    s.intensity.reset();
    return s;
}

SessionPlan percent_session(Date when, int minutes, int low, int high) {
    SessionPlan s = moderate(when, minutes);
    s.intensity->percent_hrmax = Range{low, high};
    return s;
}

SessionPlan rpe_session(Date when, int minutes, int low, int high) {
    SessionPlan s = moderate(when, minutes);
    s.intensity->rpe = Range{low, high};
    return s;
}

// The session stated vigorous (what a range above 76 % HRmax or RPE 13 is).
SessionPlan vig(SessionPlan s) {
    s.intensity->klass = IntensityClass::vigorous;
    return s;
}

SessionPlan strength_on(Date when, int minutes) { return test::strength(when.to_string().c_str(), minutes); }
SessionPlan bal(Date when, int minutes) { return test::balance(when.to_string().c_str(), minutes); }

SessionPlan of_type(Date when, int minutes, SessionType t) {
    SessionPlan s;
    s.date = when;
    s.type = t;
    s.minutes = minutes;
    return s;
}
SessionPlan relax(Date when, int minutes) { return of_type(when, minutes, SessionType::relaxation); }

SessionPlan hiit_on(Date when, int repeats = 10, int work = 30, int recovery = 30) {
    return test::hiit(when.to_string().c_str(), repeats, work, recovery);
}

SessionPlan with_step(SessionPlan s, int step) {
    s.concussion_step = step;
    return s;
}

// ------------------------------------------------------------------ findings

std::vector<Finding> at_path(const std::vector<Finding>& f, const std::string& path) {
    std::vector<Finding> out;
    for (const auto& x : f)
        if (x.path == path) out.push_back(x);
    return out;
}

bool contains(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

bool cites(const Finding& f, const std::string& key) {
    return std::find(f.citations.begin(), f.citations.end(), reference(key)) != f.citations.end();
}

// Exactly one finding of `rule` with severity `sev`; returns it.
Finding one(const std::vector<Finding>& all, const std::string& rule, Severity sev) {
    const auto v = test::with_rule(all, rule, sev);
    INFO("findings:\n" << test::dump(all));
    REQUIRE(v.size() == 1u);
    return v.front();
}

// No finding of `rule` at all (any severity).
void no_finding(const std::vector<Finding>& all, const std::string& rule) {
    INFO("findings:\n" << test::dump(all));
    CHECK(test::with_rule(all, rule).empty());
}

// Moderate aerobic sessions (class only) on distinct days: week 1 at the day offsets below
// from `start`, week 2 at the same offsets + 7.
Plan two_weeks(const std::vector<int>& week1, const std::vector<int>& week2, const char* start = "2026-11-23",
               const std::vector<int>& offsets = {0, 2, 4, 5, 1, 3}) {
    Plan pl = test::plan(2, start);
    const Date s = test::d(start);
    for (std::size_t i = 0; i < week1.size(); ++i) pl.sessions.push_back(moderate(s.plus_days(offsets[i]), week1[i]));
    for (std::size_t i = 0; i < week2.size(); ++i) pl.sessions.push_back(moderate(s.plus_days(7 + offsets[i]), week2[i]));
    return pl;
}
// The same as strength sessions: training minutes that are not aerobic, so only
// progression.graded's total training minutes are judged (not the aerobic minutes or bouts).
Plan two_weeks_total(const std::vector<int>& week1, const std::vector<int>& week2, const char* start = "2026-11-23",
                     const std::vector<int>& offsets = {0, 2, 4, 5, 1, 3}) {
    Plan pl = two_weeks(week1, week2, start, offsets);
    for (SessionPlan& s : pl.sessions) s = strength_on(s.date, s.minutes);
    return pl;
}

// The documented order: plan-wide first, then week, path (indices numerically), rule,
// severity (error first), English message.
bool numeric_path_less(const std::string& a, const std::string& b) {
    auto split = [](const std::string& p) {
        std::vector<std::string> parts;
        std::string cur;
        for (char c : p) {
            if (c == '/') {
                parts.push_back(cur);
                cur.clear();
            } else {
                cur += c;
            }
        }
        parts.push_back(cur);
        return parts;
    };
    auto numeric = [](const std::string& s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
    };
    const auto pa = split(a), pb = split(b);
    for (std::size_t i = 0; i < pa.size() && i < pb.size(); ++i) {
        if (pa[i] == pb[i]) continue;
        if (numeric(pa[i]) && numeric(pb[i])) return std::stoll(pa[i]) < std::stoll(pb[i]);
        return pa[i] < pb[i];
    }
    return pa.size() < pb.size();
}

bool documented_less(const Finding& a, const Finding& b) {
    if (a.week.has_value() != b.week.has_value()) return !a.week.has_value();
    if (a.week && *a.week != *b.week) return *a.week < *b.week;
    if (a.path != b.path) return numeric_path_less(a.path, b.path);
    if (a.rule != b.rule) return a.rule < b.rule;
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.message.en < b.message.en;
}

std::string key(const Finding& f) {
    return f.rule + "|" + to_string(f.severity) + "|" + f.path + "|" + str(f.week) + "|" + str(f.date) + "|" + f.message.en;
}

}  // namespace

// =====================================================================================
// session.duration
// =====================================================================================

TEST_CASE("session.duration: 45 min passes, 44 min warns") {
    REQUIRE(param("session.duration", "min_minutes") == 45);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45)};
    no_finding(test::check(test::adult(), pl), "session.duration");

    pl.sessions = {aer(day(0), 44)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "session.duration").size() == 1u);
    const Finding f = one(all, "session.duration", Severity::warning);
    CHECK(f.path == "/sessions/0/minutes");
    CHECK(str(f.date) == "2026-11-23");
    CHECK(str(f.week) == "2026-11-23");
    CHECK(f.expected == ">= 45 min");
    CHECK(f.actual == "44 min");
}

TEST_CASE("session.duration: 60 min has no finding, 61 min gives an info") {
    REQUIRE(param("session.duration", "recommended_max_minutes") == 60);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(2), 60)};
    no_finding(test::check(test::adult(), pl), "session.duration");

    // A 61-minute day of two sessions (one aerobic session of 61 minutes is its own warning).
    pl.sessions = {aer(day(2), 31), strength_on(day(2), 30)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "session.duration").size() == 1u);
    const Finding f = one(all, "session.duration", Severity::info);
    CHECK(f.path == "/sessions/0/minutes");
    CHECK(str(f.date) == "2026-11-25");
    CHECK(f.actual == "61 min");
}

TEST_CASE("session.duration: a day's training sessions add up (30 + 15 = 45 passes, 30 + 14 = 44 warns)") {
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 30), strength_on(day(0), 15)};
    no_finding(test::check(test::adult(), pl), "session.duration");

    pl.sessions = {aer(day(0), 30), strength_on(day(0), 14)};
    const Finding f = one(test::check(test::adult(), pl), "session.duration", Severity::warning);
    CHECK(f.path == "/sessions/0/minutes");  // the day's first training session
    CHECK(f.actual == "44 min");

    // Two sessions of 35 and 30 min on one day make 65 min: over the recommended 60.
    pl.sessions = {aer(day(0), 35), strength_on(day(0), 30)};
    CHECK(one(test::check(test::adult(), pl), "session.duration", Severity::info).actual == "65 min");
}

TEST_CASE("session.duration: relaxation minutes do not add to a training day - a relaxation-only day has no finding") {
    Plan pl = test::plan(1);
    pl.sessions = {relax(day(0), 30), aer(day(0), 30)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "session.duration").size() == 1u);
    const Finding f = one(all, "session.duration", Severity::warning);
    CHECK(f.path == "/sessions/1/minutes");
    CHECK(f.actual == "30 min");

    pl.sessions = {relax(day(0), 20), of_type(day(1), 10, SessionType::education), of_type(day(2), 15, SessionType::mobility)};
    no_finding(test::check(test::adult(), pl), "session.duration");
}

// =====================================================================================
// week.sessions
// =====================================================================================

TEST_CASE("week.sessions: 3 training days pass, 2 warn in a full ISO week") {
    REQUIRE(param("week.sessions", "min_sessions") == 3);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 50), aer(day(2), 50), aer(day(4), 50)};
    no_finding(test::check(test::adult(), pl), "week.sessions");

    pl.sessions = {aer(day(0), 50), aer(day(2), 50)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.sessions").size() == 1u);
    const Finding f = one(all, "week.sessions", Severity::warning);
    CHECK(f.path == "/sessions/0");
    CHECK(str(f.week) == "2026-11-23");
    CHECK_FALSE(f.date.has_value());
    CHECK(f.expected == ">= 3 training days");
    CHECK(f.actual == "2 training days");
    CHECK(contains(f.message.en, "2026-W48"));
}

TEST_CASE("week.sessions: relaxation-only days and a second session on the same day do not count") {
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 50), aer(day(2), 50), relax(day(4), 50), of_type(day(5), 50, SessionType::education)};
    CHECK(one(test::check(test::adult(), pl), "week.sessions", Severity::warning).actual == "2 training days");

    pl.sessions = {aer(day(0), 50), strength_on(day(0), 45), aer(day(2), 50)};
    CHECK(one(test::check(test::adult(), pl), "week.sessions", Severity::warning).actual == "2 training days");

    // Any training type makes a training day: aerobic, strength, balance.
    pl.sessions = {aer(day(0), 50), strength_on(day(2), 45), bal(day(4), 45)};
    no_finding(test::check(test::adult(), pl), "week.sessions");
}

TEST_CASE("week.sessions: partial ISO weeks get an info finding and no minimum warnings") {
    // Wednesday 2026-11-25 + 7 days: two partial ISO weeks (W48 from Wed, W49 to Tue).
    Plan pl = test::plan(1, "2026-11-25");
    const auto all = test::check(test::adult(), pl);
    INFO(test::dump(all));
    REQUIRE(all.size() == 2u);
    for (const auto& f : all) {
        CHECK(f.rule == "week.sessions");
        CHECK(f.severity == Severity::info);
        CHECK(f.path == "/sessions");
        CHECK(f.actual == "partial week");
    }
    CHECK(str(all[0].week) == "2026-11-23");
    CHECK(str(all[1].week) == "2026-11-30");

    // Two plan weeks from Wednesday: W48 and W50 partial (infos), W49 full and empty (warnings).
    Plan two = test::plan(2, "2026-11-25");
    const auto f2 = test::check(test::adult(), two);
    INFO(test::dump(f2));
    CHECK(test::with_rule(f2, "week.sessions", Severity::info).size() == 2u);
    int warnings = 0;
    for (const auto& f : f2) {
        if (f.severity != Severity::warning) continue;
        ++warnings;
        CHECK(str(f.week) == "2026-11-30");
    }
    CHECK(warnings == 3);  // week.sessions, week.volume, week.strength for the empty full week
    CHECK(test::with_rule(f2, "week.sessions", Severity::warning).size() == 1u);
    CHECK(test::with_rule(f2, "week.volume", Severity::warning).size() == 1u);
    CHECK(test::with_rule(f2, "week.strength", Severity::warning).size() == 1u);
}

TEST_CASE("week.sessions: partial ISO weeks at the year boundary are 2026-W53 and 2027-W01") {
    Plan pl = test::plan(1, "2026-12-30");  // Wed 2026-12-30 .. Tue 2027-01-05
    const auto all = test::check(test::adult(), pl);
    INFO(test::dump(all));
    REQUIRE(all.size() == 2u);
    CHECK(all[0].rule == "week.sessions");
    CHECK(all[0].severity == Severity::info);
    CHECK(str(all[0].week) == "2026-12-28");
    CHECK(contains(all[0].message.en, "2026-W53"));
    CHECK(all[1].severity == Severity::info);
    CHECK(str(all[1].week) == "2027-01-04");
    CHECK(contains(all[1].message.en, "2027-W01"));
}

// =====================================================================================
// week.volume
// =====================================================================================

TEST_CASE("week.volume: 150 min passes, 149 min warns") {
    REQUIRE(param("week.volume", "min_minutes") == 150);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 50), aer(day(2), 50), aer(day(4), 50)};
    no_finding(test::check(test::adult(), pl), "week.volume");

    pl.sessions = {aer(day(0), 50), aer(day(2), 50), aer(day(4), 49)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.volume").size() == 1u);
    const Finding f = one(all, "week.volume", Severity::warning);
    CHECK(f.path == "/sessions/0");
    CHECK(str(f.week) == "2026-11-23");
    CHECK(f.expected == ">= 150 min");
    CHECK(f.actual == "149 min");
}

TEST_CASE("week.volume: 300 min passes, 301 min gives an info (WHO 2020: more is not harmful)") {
    REQUIRE(param("week.volume", "max_minutes") == 300);
    Plan pl = test::plan(1);
    for (int k = 0; k < 5; ++k) pl.sessions.push_back(aer(day(k), 60));
    no_finding(test::check(test::adult(), pl), "week.volume");

    pl.sessions.back().minutes = 61;
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.volume").size() == 1u);
    CHECK(test::with_rule(all, "week.volume", Severity::warning).empty());
    const Finding f = one(all, "week.volume", Severity::info);
    CHECK(f.expected == "<= 300 min");
    CHECK(f.actual == "301 min");
    CHECK(contains(f.message.en, "not harmful (WHO 2020)"));
    CHECK(contains(f.message.nl, "niet schadelijk (WHO 2020)"));
}

TEST_CASE("week.volume: vigorous minutes count x2 (75 vigorous = 150 passes, 74 = 148 warns - 150 = 300 passes, 151 = 302 an info)") {
    REQUIRE(param("week.volume", "vigorous_factor") == 2);
    Plan pl = test::plan(1);
    pl.sessions = {vigorous(day(0), 25), vigorous(day(2), 25), vigorous(day(4), 25)};
    no_finding(test::check(test::adult(), pl), "week.volume");

    pl.sessions[2].minutes = 24;
    CHECK(one(test::check(test::adult(), pl), "week.volume", Severity::warning).actual == "148 min");

    pl.sessions = {vigorous(day(0), 50), vigorous(day(2), 50), vigorous(day(4), 50)};
    no_finding(test::check(test::adult(), pl), "week.volume");
    pl.sessions[2].minutes = 51;
    CHECK(one(test::check(test::adult(), pl), "week.volume", Severity::info).actual == "302 min");
}

TEST_CASE("week.volume: vigorous_factor, a session is read by its numbers: 30 min at up to 80 % HRmax called moderate counts 60") {
    const Patient p = test::adult();  // HRmax 180: 76 % = 136.8
    const EffectiveRules rules(builtin_rules(), p);
    CHECK(moderate_equivalent_minutes(percent_session(day(0), 30, 64, 80), rules) == 60);
    CHECK(moderate_equivalent_minutes(percent_session(day(0), 30, 64, 76), rules) == 30);
    CHECK(moderate_equivalent_minutes(percent_session(day(0), 30, 64, 77), rules) == 60);
    CHECK(moderate_equivalent_minutes(rpe_session(day(0), 30, 12, 13), rules) == 30);
    CHECK(moderate_equivalent_minutes(rpe_session(day(0), 30, 12, 14), rules) == 60);
    CHECK(moderate_equivalent_minutes(aer(day(0), 30, 116, 144), rules, &p) == 60);  // 144 bpm = 80 %
    CHECK(moderate_equivalent_minutes(aer(day(0), 30, 116, 136), rules, &p) == 30);
    CHECK(moderate_equivalent_minutes(aer(day(0), 30, 116, 137), rules, &p) == 60);
    // On a beta-blocker the heart rate does not classify (Borg does).
    Patient bb = p;
    bb.beta_blocker = true;
    CHECK(moderate_equivalent_minutes(aer(day(0), 30, 116, 137), rules, &bb) == 30);
    // In the week: 5 x 30 min at 64-80 % called moderate is 300 moderate-equivalent minutes.
    Plan pl = test::plan(1);
    for (int k : {0, 1, 2, 3, 4}) pl.sessions.push_back(percent_session(day(k), 30, 64, 80));
    const auto all = test::check(cleared(p), pl);
    no_finding(all, "week.volume");
    pl.sessions.push_back(percent_session(day(5), 1, 64, 80));
    CHECK(one(test::check(cleared(p), pl), "week.volume", Severity::info).actual == "302 min");
}

TEST_CASE("week.volume: moderate-equivalent minutes per session (HIIT 10 x 30 s = 10 min - light, strength, balance, relaxation = 0)") {
    const EffectiveRules rules(builtin_rules(), test::adult());
    CHECK(moderate_equivalent_minutes(moderate(day(0), 45), rules) == 45);
    CHECK(moderate_equivalent_minutes(vigorous(day(0), 30), rules) == 60);
    CHECK(moderate_equivalent_minutes(hiit_on(day(0)), rules) == 10);        // 300 s work = 5 min x 2
    CHECK(moderate_equivalent_minutes(hiit_on(day(0), 9), rules) == 9);      // 270 s work = 4.5 min x 2
    CHECK(moderate_equivalent_minutes(light(day(0), 60), rules) == 0);
    CHECK(moderate_equivalent_minutes(strength_on(day(0), 45), rules) == 0);
    CHECK(moderate_equivalent_minutes(bal(day(0), 45), rules) == 0);
    CHECK(moderate_equivalent_minutes(relax(day(0), 45), rules) == 0);
    CHECK(moderate_equivalent_minutes(of_type(day(0), 45, SessionType::mobility), rules) == 0);
    CHECK(moderate_equivalent_minutes(of_type(day(0), 45, SessionType::education), rules) == 0);
    CHECK(moderate_equivalent_minutes(of_class(day(0), 40, IntensityClass::moderate, SessionType::dual_task), rules) == 40);
}

TEST_CASE("week.volume: HIIT work intervals count as vigorous (140 moderate + 10 x 30 s = 150 passes, + 9 x 30 s = 149 warns)") {
    Patient p = test::adult();
    p.hiit_screening_done = true;
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 70), aer(day(2), 70), hiit_on(day(4))};
    no_finding(test::check(p, pl), "week.volume");

    pl.sessions[2] = hiit_on(day(4), 9);
    CHECK(one(test::check(p, pl), "week.volume", Severity::warning).actual == "149 min");
}

TEST_CASE("week.volume: light, strength, balance and relaxation minutes do not count") {
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 100), strength_on(day(1), 100), light(day(2), 100), bal(day(3), 100), relax(day(4), 100)};
    const Finding f = one(test::check(test::adult(), pl), "week.volume", Severity::warning);
    CHECK(f.actual == "100 min");
    CHECK(f.expected == ">= 150 min");
}

TEST_CASE("week.volume: conflict 3 x 45 min = 135 < 150 passes session.duration and week.sessions but warns week.volume") {
    REQUIRE(param("session.duration", "min_minutes") * param("week.sessions", "min_sessions") == 135);
    REQUIRE(param("week.volume", "min_minutes") == 150);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45), strength_on(day(1), 45), aer(day(2), 45), strength_on(day(3), 45), aer(day(4), 45)};
    const auto all = test::check(test::adult(), pl);
    INFO(test::dump(all));
    // The two rules are checked independently: the only finding is the weekly volume.
    REQUIRE(all.size() == 1u);
    CHECK(all[0].rule == "week.volume");
    CHECK(all[0].severity == Severity::warning);
    CHECK(all[0].actual == "135 min");
    CHECK(all[0].expected == ">= 150 min");
    no_finding(all, "session.duration");
    no_finding(all, "week.sessions");
}

// =====================================================================================
// week.strength
// =====================================================================================

TEST_CASE("week.strength: 2 strength days pass, 1 warns") {
    REQUIRE(param("week.strength", "min_days") == 2);
    Plan pl = test::plan(1);
    test::add_good_week(pl, "2026-11-23");  // strength Tue + Thu
    no_finding(test::check(test::adult(), pl), "week.strength");

    pl.sessions.erase(pl.sessions.begin() + 3);  // drop Thursday's strength session
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.strength").size() == 1u);
    const Finding f = one(all, "week.strength", Severity::warning);
    CHECK(f.path == "/sessions/0");
    CHECK(f.expected == ">= 2 strength days");
    CHECK(f.actual == "1 strength days");
}

TEST_CASE("week.strength: consecutive strength days warn (24 h), 48 h apart passes") {
    REQUIRE(param("week.strength", "min_hours_between") == 48);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 50), strength_on(day(1), 45), strength_on(day(2), 45), aer(day(4), 50)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.strength").size() == 1u);
    const Finding f = one(all, "week.strength", Severity::warning);
    CHECK(f.path == "/sessions/2/date");
    CHECK(str(f.date) == "2026-11-25");
    CHECK(f.actual == "24 h");
    CHECK(contains(f.message.en, "2026-11-24"));

    pl.sessions = {aer(day(0), 50), strength_on(day(1), 45), aer(day(2), 50), strength_on(day(3), 45)};
    no_finding(test::check(test::adult(), pl), "week.strength");
}

TEST_CASE("week.strength: Sunday -> Monday counts as consecutive across the ISO week boundary") {
    Plan pl = test::plan(2);
    pl.sessions = {strength_on(day(6), 45), strength_on(day(7), 45)};  // Sun 2026-11-29, Mon 2026-11-30
    const auto all = test::check(test::adult(), pl);
    const auto spacing = at_path(test::with_rule(all, "week.strength"), "/sessions/1/date");
    INFO(test::dump(all));
    REQUIRE(spacing.size() == 1u);
    CHECK(spacing[0].severity == Severity::warning);
    CHECK(str(spacing[0].week) == "2026-11-30");
    CHECK(spacing[0].actual == "24 h");

    pl.sessions = {strength_on(day(6), 45), strength_on(day(8), 45)};  // Sun -> Tue: 48 h
    CHECK(at_path(test::with_rule(test::check(test::adult(), pl), "week.strength"), "/sessions/1/date").empty());

    // Across the daylight-saving change (Sunday 2026-10-25) it is still one calendar day.
    Plan dst = test::plan(2, "2026-10-19");
    dst.sessions = {strength_on(test::d("2026-10-25"), 45), strength_on(test::d("2026-10-26"), 45)};
    const auto f = at_path(test::with_rule(test::check(test::adult(), dst), "week.strength"), "/sessions/1/date");
    REQUIRE(f.size() == 1u);
    CHECK(f[0].actual == "24 h");
    CHECK(str(f[0].week) == "2026-10-26");
}

// =====================================================================================
// intensity.heart_rate
// =====================================================================================

TEST_CASE("intensity.heart_rate: moderate_max_percent, 76 % passes and 77 % is vigorous without clearance (136/137 bpm at HRmax 180)") {
    REQUIRE(param("intensity.heart_rate", "moderate_max_percent") == 76);
    const Patient p = test::adult();
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45, 110, 136)};
    no_finding(test::check(p, pl), "intensity.heart_rate");
    no_finding(test::check(p, pl), "safety.clearance");
    pl.sessions = {aer(day(0), 45, 110, 137)};
    auto all = test::check(p, pl);
    Finding f = one(all, "safety.clearance", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
    CHECK(contains(f.expected, "<= 136 bpm"));
    CHECK(contains(f.message.en, "clearance"));
    CHECK_FALSE(f.message.nl.empty());
    // As % HRmax: 76 passes, 77 is an error.
    pl.sessions = {percent_session(day(0), 45, 64, 76)};
    no_finding(test::check(p, pl), "safety.clearance");
    pl.sessions = {percent_session(day(0), 45, 64, 77)};
    CHECK(one(test::check(p, pl), "safety.clearance", Severity::error).path == "/sessions/0/intensity/percent_high");
    // Stated vigorous with no range at all: an error too.
    pl.sessions = {of_class(day(0), 45, IntensityClass::vigorous)};
    CHECK(one(test::check(p, pl), "safety.clearance", Severity::error).path == "/sessions/0/intensity/class");
    // With a vigorous clearance 77 % passes (as vigorous work).
    pl.sessions = {vig(percent_session(day(0), 45, 64, 77))};
    no_finding(test::check(cleared(p), pl), "safety.clearance");
    no_finding(test::check(cleared(p), pl), "intensity.heart_rate");
}

TEST_CASE("intensity.heart_rate: moderate_max_rpe, RPE 13 passes and 14 is vigorous without clearance") {
    REQUIRE(param("intensity.heart_rate", "moderate_max_rpe") == 13);
    const Patient p = test::adult();
    Plan pl = test::plan(1);
    pl.sessions = {rpe_session(day(0), 45, 12, 13)};
    no_finding(test::check(p, pl), "safety.clearance");
    pl.sessions = {rpe_session(day(0), 45, 12, 14)};
    const auto all = test::check(p, pl);
    const Finding f = one(all, "safety.clearance", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/class");
    CHECK(contains(f.message.en, "RPE 12-14"));
    pl.sessions = {vig(rpe_session(day(0), 45, 12, 14))};
    no_finding(test::check(cleared(p), pl), "safety.clearance");
}

TEST_CASE("intensity.heart_rate: stroke rpe_steers, RPE 13 passes and 14 errors without clearance - with it 14 passes and 15 errors") {
    const Patient p = stroke_patient(67);
    REQUIRE(flag(p, "intensity.heart_rate", "rpe_steers"));
    Plan pl = test::plan(1);
    pl.sessions = {rpe_session(day(0), 30, 11, 13)};
    no_finding(test::check(p, pl), "safety.clearance");
    no_finding(test::check(p, pl), "intensity.heart_rate");
    pl.sessions = {rpe_session(day(0), 30, 11, 14)};
    CHECK(one(test::check(p, pl), "safety.clearance", Severity::error).path == "/sessions/0/intensity/class");
    pl.sessions = {vig(rpe_session(day(0), 30, 11, 14))};
    no_finding(test::check(cleared(p), pl), "intensity.heart_rate");
    no_finding(test::check(cleared(p), pl), "safety.clearance");
    pl.sessions = {vig(rpe_session(day(0), 30, 11, 15))};
    const Finding f = one(test::check(cleared(p), pl), "intensity.heart_rate", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/rpe_high");
    CHECK(contains(f.expected, "<= RPE 14"));
    // The issue's case: three 30-minute sessions at Borg 15-17 in week 1, unscreened, no
    // clearance: errors on all three, exactly like 85 % HRmax.
    pl.sessions = {rpe_session(day(0), 30, 15, 17), rpe_session(day(2), 30, 15, 17), rpe_session(day(4), 30, 15, 17)};
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate", Severity::error).size() == 3u);
    CHECK(test::with_rule(all, "safety.clearance", Severity::error).size() == 3u);
    pl.sessions = {percent_session(day(0), 30, 70, 85), percent_session(day(2), 30, 70, 85), percent_session(day(4), 30, 70, 85)};
    CHECK(test::with_rule(test::check(p, pl), "intensity.heart_rate", Severity::error).size() +
              test::with_rule(test::check(p, pl), "safety.clearance", Severity::error).size() >= 3u);
}

TEST_CASE("intensity.heart_rate: age 40, Tanaka HRmax 180, cleared: hr_high 153 (85 %) passes, 154 is an error") {
    REQUIRE(param("intensity.heart_rate", "max_percent_hrmax") == 85);
    const Patient p = cleared(test::adult());
    const EffectiveRules rules(builtin_rules(), p);
    const HeartRateZones z = heart_rate_zones(p, rules);
    REQUIRE(z.aerobic.hrmax.centi_bpm == 18000);  // 208 - 0.7 x 40
    CHECK(z.aerobic.hrmax.source == "tanaka");
    CHECK(z.aerobic.ceiling.floor_bpm() == 180 * 85 / 100);
    CHECK(z.aerobic.ceiling.floor_bpm() == 153);

    Plan pl = test::plan(1);
    pl.sessions = {vig(aer(day(0), 45, 110, 153))};
    no_finding(test::check(p, pl), "intensity.heart_rate");

    pl.sessions = {vig(aer(day(0), 45, 110, 154))};
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    const Finding f = one(all, "intensity.heart_rate", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
    CHECK(str(f.date) == "2026-11-23");
    CHECK(contains(f.expected, "<= 153 bpm"));
    CHECK(contains(f.actual, "154 bpm"));
}

TEST_CASE("intensity.heart_rate: age 40: hr_low 108 (60 %) passes, 107 warns") {
    REQUIRE(param("intensity.heart_rate", "min_percent_hrmax") == 60);
    CHECK(180 * 60 / 100 == 108);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45, 108, 130)};
    no_finding(test::check(test::adult(), pl), "intensity.heart_rate");

    pl.sessions = {aer(day(0), 45, 107, 130)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    const Finding f = one(all, "intensity.heart_rate", Severity::warning);
    CHECK(f.path == "/sessions/0/intensity/hr_low_bpm");
    CHECK(contains(f.expected, ">= 108 bpm"));
}

TEST_CASE("intensity.heart_rate: % HRmax form, cleared: 60-85 % passes, 59 % warns, 86 % is an error") {
    const Patient p = cleared(test::adult());
    Plan pl = test::plan(1);
    pl.sessions = {vig(percent_session(day(0), 45, 60, 85))};
    no_finding(test::check(p, pl), "intensity.heart_rate");

    pl.sessions = {vig(percent_session(day(0), 45, 59, 85))};
    auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    CHECK(one(all, "intensity.heart_rate", Severity::warning).path == "/sessions/0/intensity/percent_low");

    pl.sessions = {vig(percent_session(day(0), 45, 60, 86))};
    all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    CHECK(one(all, "intensity.heart_rate", Severity::error).path == "/sessions/0/intensity/percent_high");

    // bpm and % together, consistent: 108-153 bpm is 60-85 % of 180.
    pl.sessions = {vig(aer(day(0), 45, 108, 153))};
    pl.sessions[0].intensity->percent_hrmax = Range{60, 85};
    no_finding(test::check(p, pl), "intensity.heart_rate");
}

TEST_CASE("intensity.heart_rate: stroke, age 70 (HRmax 159.0): ceiling 80 % = 127.2 -> 127 passes, 128 errors citing Billinger") {
    const Patient p = cleared(stroke_patient(70));
    REQUIRE(effective(p, "intensity.heart_rate", "max_percent_hrmax") == 80);
    const HeartRateZones z = heart_rate_zones(p, EffectiveRules(builtin_rules(), p));
    REQUIRE(z.aerobic.hrmax.centi_bpm == 15900);  // 208 - 0.7 x 70
    CHECK(z.aerobic.ceiling.e4_bpm == 1272000);    // 127.2 bpm exactly
    CHECK(z.aerobic.ceiling.floor_bpm() == 127);

    Plan pl = test::plan(1);
    pl.sessions = {vig(aer(day(0), 45, 100, 127))};
    no_finding(test::check(p, pl), "intensity.heart_rate");

    pl.sessions = {vig(aer(day(0), 45, 100, 128))};
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    const Finding f = one(all, "intensity.heart_rate", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
    CHECK(contains(f.expected, "<= 127 bpm"));
    CHECK(cites(f, "billinger2014"));
    CHECK(contains(f.message.en, "Stroke"));
}

TEST_CASE("intensity.heart_rate: stroke, age 70: floor 55 % = 87.45 -> hr_low 88 passes, 87 warns") {
    const Patient p = stroke_patient(70);
    REQUIRE(effective(p, "intensity.heart_rate", "min_percent_hrmax") == 55);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45, 88, 120)};
    no_finding(test::check(p, pl), "intensity.heart_rate");

    pl.sessions = {aer(day(0), 45, 87, 120)};
    CHECK(one(test::check(p, pl), "intensity.heart_rate", Severity::warning).path == "/sessions/0/intensity/hr_low_bpm");
}

TEST_CASE("intensity.heart_rate: Karvonen with resting HR 60: 70 % HRR = 144 bpm -> 144 passes, 145 errors") {
    Patient p = cleared(test::adult());
    p.heart_rate.resting_bpm = 60;
    REQUIRE(param("intensity.heart_rate", "max_percent_hrr") == 70);
    CHECK(60 + (180 - 60) * 70 / 100 == 144);
    Plan pl = test::plan(1);
    pl.sessions = {vig(aer(day(0), 45, 110, 144))};
    no_finding(test::check(p, pl), "intensity.heart_rate");

    pl.sessions = {vig(aer(day(0), 45, 110, 145))};
    const Finding f = one(test::check(p, pl), "intensity.heart_rate", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
    CHECK(contains(f.expected, "<= 144 bpm"));
}

TEST_CASE("intensity.heart_rate: Karvonen ceiling also limits a % HRmax target (85 % = 153 bpm > 144 bpm errors)") {
    // The same target as bpm (110-153) is an error with resting HR 60 (previous test);
    // written as 64-85 % of HRmax it must be one too ("HR above the ceiling" is an error).
    Patient p = cleared(test::adult());
    p.heart_rate.resting_bpm = 60;
    Plan pl = test::plan(1);
    pl.sessions = {vig(aer(day(0), 45, 116, 153))};
    CHECK(one(test::check(p, pl), "intensity.heart_rate", Severity::error).path == "/sessions/0/intensity/hr_high_bpm");

    pl.sessions = {vig(percent_session(day(0), 45, 64, 80))};  // 80 % = 144 bpm: within
    no_finding(test::check(p, pl), "intensity.heart_rate");
    pl.sessions = {vig(percent_session(day(0), 45, 64, 85))};  // 85 % = 153 bpm: above 144
    const auto errors = test::with_rule(test::check(p, pl), "intensity.heart_rate", Severity::error);
    REQUIRE(errors.size() == 1u);
    CHECK(errors[0].path == "/sessions/0/intensity/percent_high");
}

TEST_CASE("intensity.heart_rate: stroke + beta-blocker, age 70: HRmax 164 - 0.7 x 70 = 115.0, ceiling 80 % = 92 -> 92 passes, 93 errors") {
    Patient p = cleared(stroke_patient(70));
    p.beta_blocker = true;
    const HeartRateZones z = heart_rate_zones(p, EffectiveRules(builtin_rules(), p));
    REQUIRE(z.aerobic.hrmax.centi_bpm == 11500);
    CHECK(z.aerobic.hrmax.source == "brawner");
    Plan pl = test::plan(1);
    pl.sessions = {vig(rpe_session(day(0), 45, 11, 14))};
    pl.sessions[0].intensity->hr_bpm = Range{70, 92};
    no_finding(test::check(p, pl), "intensity.heart_rate");
    pl.sessions[0].intensity->hr_bpm = Range{70, 93};
    const Finding f = one(test::check(p, pl), "intensity.heart_rate", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
    CHECK(cites(f, "billinger2014"));
}

TEST_CASE("intensity.heart_rate: the stated class must agree with the HR range (ACSM bands at the midpoint)") {
    Plan pl = test::plan(1);
    // 110-130 bpm: midpoint 120 = 66.7 % of 180, moderate.
    pl.sessions = {aer(day(0), 45, 110, 130)};
    no_finding(test::check(test::adult(), pl), "intensity.heart_rate");

    // 140-150 bpm: up to 83.3 %, vigorous, but stated moderate (cleared: no ceiling finding).
    pl.sessions = {aer(day(0), 45, 140, 150)};
    auto all = test::check(cleared(test::adult()), pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    Finding f = one(all, "intensity.heart_rate", Severity::warning);
    CHECK(f.path == "/sessions/0/intensity/class");
    CHECK(f.actual == "moderate");
    CHECK(contains(f.expected, "vigorous"));

    // 110-130 bpm stated light.
    pl.sessions = {aer(day(0), 45, 110, 130)};
    pl.sessions[0].intensity->klass = IntensityClass::light;
    f = one(test::check(test::adult(), pl), "intensity.heart_rate", Severity::warning);
    CHECK(f.path == "/sessions/0/intensity/class");
    CHECK(f.actual == "light");
    CHECK(contains(f.expected, "moderate"));
}

TEST_CASE("intensity.heart_rate: the stated class must agree with a % HRmax range too (light stated, 64-76 % warns)") {
    // Conventions: "a session's stated intensity must agree with its HR range"; 64-76 % HRmax
    // is the ACSM moderate band, so a session called light with that range disagrees.
    Plan pl = test::plan(1);
    pl.sessions = {percent_session(day(0), 45, 64, 76)};
    no_finding(test::check(test::adult(), pl), "intensity.heart_rate");
    pl.sessions[0].intensity->klass = IntensityClass::light;
    const auto warnings = test::with_rule(test::check(test::adult(), pl), "intensity.heart_rate", Severity::warning);
    REQUIRE(warnings.size() == 1u);
    CHECK(warnings[0].path == "/sessions/0/intensity/class");
    CHECK(warnings[0].actual == "light");
}

TEST_CASE("intensity.heart_rate: beta-blocker, cleared: RPE steers: rpe_high 14 passes, 15 errors, rpe_low 10 warns, no RPE warns") {
    Patient p = cleared(test::adult());
    p.beta_blocker = true;
    REQUIRE(effective(p, "intensity.heart_rate", "beta_blocker_rpe_max") == 14);
    REQUIRE(effective(p, "intensity.heart_rate", "beta_blocker_rpe_min") == 11);
    Plan pl = test::plan(1);
    pl.sessions = {vig(rpe_session(day(0), 45, 11, 14))};
    no_finding(test::check(p, pl), "intensity.heart_rate");

    pl.sessions = {vig(rpe_session(day(0), 45, 11, 15))};
    auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    CHECK(one(all, "intensity.heart_rate", Severity::error).path == "/sessions/0/intensity/rpe_high");

    pl.sessions = {vig(rpe_session(day(0), 45, 10, 14))};
    all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    CHECK(one(all, "intensity.heart_rate", Severity::warning).path == "/sessions/0/intensity/rpe_low");

    // A heart-rate range alone is not enough with beta-blockers.
    pl.sessions = {aer(day(0), 45, 90, 110)};
    all = test::check(p, pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    const Finding f = one(all, "intensity.heart_rate", Severity::warning);
    CHECK(f.path == "/sessions/0/intensity");
    CHECK(f.actual == "none");

    // Heart rate is only a ceiling: a low bpm floor is not a warning, the 115 bpm ceiling
    // (85 % of Brawner's 164 - 0.7 x 40 = 136) still holds.
    pl.sessions = {vig(aer(day(0), 45, 60, 115))};
    pl.sessions[0].intensity->rpe = Range{11, 14};
    no_finding(test::check(p, pl), "intensity.heart_rate");
    pl.sessions[0].intensity->hr_bpm = Range{60, 116};
    CHECK(one(test::check(p, pl), "intensity.heart_rate", Severity::error).path == "/sessions/0/intensity/hr_high_bpm");
}

TEST_CASE("intensity.heart_rate: an aerobic session without an intensity target warns - strength does not need one") {
    Plan pl = test::plan(1);
    pl.sessions = {strength_on(day(0), 45), no_intensity(day(1), 45)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "intensity.heart_rate").size() == 1u);
    const Finding f = one(all, "intensity.heart_rate", Severity::warning);
    CHECK(f.path == "/sessions/1");
    CHECK(str(f.date) == "2026-11-24");
    CHECK(f.actual == "none");
}

// =====================================================================================
// hiit.protocol
// =====================================================================================

namespace {
Patient screened() {
    Patient p = test::adult();
    p.hiit_screening_done = true;
    return p;
}
}  // namespace

TEST_CASE("hiit.protocol: 10 repeats pass, 11 repeats are an error, 9 information (an introduction week: hiit_test.cpp has the warning after it)") {
    REQUIRE(param("hiit.protocol", "repeats") == 10);
    Plan pl = test::plan(1);
    pl.sessions = {hiit_on(day(0), 10)};
    const auto ok = test::check(screened(), pl);
    no_finding(ok, "hiit.protocol");
    no_finding(ok, "hiit.eligibility");

    pl.sessions = {hiit_on(day(0), 11)};
    auto all = test::check(screened(), pl);
    CHECK(test::with_rule(all, "hiit.protocol").size() == 1u);
    Finding f = one(all, "hiit.protocol", Severity::error);
    CHECK(f.path == "/sessions/0/hiit/repeats");
    CHECK(f.actual == "11");

    pl.sessions = {hiit_on(day(0), 9)};
    all = test::check(screened(), pl);
    CHECK(test::with_rule(all, "hiit.protocol").size() == 1u);
    f = one(all, "hiit.protocol", Severity::info);
    CHECK(f.path == "/sessions/0/hiit/repeats");
    CHECK(f.actual == "9");
}

TEST_CASE("hiit.protocol: work 30 s passes, 31 s is an error, 29 s information in an introduction week") {
    REQUIRE(param("hiit.protocol", "work_seconds") == 30);
    Plan pl = test::plan(1);
    pl.sessions = {hiit_on(day(0), 10, 31)};
    auto all = test::check(screened(), pl);
    CHECK(test::with_rule(all, "hiit.protocol").size() == 1u);
    CHECK(one(all, "hiit.protocol", Severity::error).path == "/sessions/0/hiit/work_seconds");

    pl.sessions = {hiit_on(day(0), 10, 29)};
    all = test::check(screened(), pl);
    CHECK(test::with_rule(all, "hiit.protocol").size() == 1u);
    CHECK(one(all, "hiit.protocol", Severity::info).path == "/sessions/0/hiit/work_seconds");
}

TEST_CASE("hiit.protocol: recovery 30 s passes, 29 s is an error, 31 s information in an introduction week") {
    REQUIRE(param("hiit.protocol", "recovery_seconds") == 30);
    Plan pl = test::plan(1);
    pl.sessions = {hiit_on(day(0), 10, 30, 29)};
    auto all = test::check(screened(), pl);
    CHECK(test::with_rule(all, "hiit.protocol").size() == 1u);
    CHECK(one(all, "hiit.protocol", Severity::error).path == "/sessions/0/hiit/recovery_seconds");

    pl.sessions = {hiit_on(day(0), 10, 30, 31)};
    all = test::check(screened(), pl);
    CHECK(test::with_rule(all, "hiit.protocol").size() == 1u);
    CHECK(one(all, "hiit.protocol", Severity::info).path == "/sessions/0/hiit/recovery_seconds");
}

TEST_CASE("hiit.protocol: work-interval heart rate 171 bpm (95 % of 180) passes, 172 is an error") {
    REQUIRE(param("hiit.protocol", "max_percent_hrmax") == 95);
    CHECK(180 * 95 / 100 == 171);
    Plan pl = test::plan(1);
    pl.sessions = {hiit_on(day(0))};
    pl.sessions[0].intensity->hr_bpm = Range{140, 171};
    auto all = test::check(screened(), pl);
    no_finding(all, "hiit.protocol");
    no_finding(all, "intensity.heart_rate");

    pl.sessions[0].intensity->hr_bpm = Range{140, 172};
    all = test::check(screened(), pl);
    const Finding f = one(all, "hiit.protocol", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
    CHECK(contains(f.expected, "<= 171 bpm"));
    no_finding(all, "intensity.heart_rate");
}

TEST_CASE("hiit.protocol: a work-interval target of 96 % HRmax written as % is an error like 172 bpm") {
    // hiit.protocol.max_percent_hrmax = 95; the bpm form is checked (previous test), the %
    // form of the same target is not.
    Plan pl = test::plan(1);
    pl.sessions = {hiit_on(day(0))};
    pl.sessions[0].intensity->hr_bpm.reset();
    pl.sessions[0].intensity->percent_hrmax = Range{80, 95};
    no_finding(test::check(screened(), pl), "hiit.protocol");
    pl.sessions[0].intensity->percent_hrmax = Range{80, 96};
    const auto errors = test::with_rule(test::check(screened(), pl), "hiit.protocol", Severity::error);
    REQUIRE(errors.size() == 1u);
    CHECK(errors[0].path == "/sessions/0/intensity/percent_high");
}

// =====================================================================================
// hiit.eligibility
// =====================================================================================

TEST_CASE("hiit.eligibility: an unscreened patient -> error at /sessions/N/type - screened passes") {
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 50), hiit_on(day(2))};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "hiit.eligibility").size() == 1u);
    const Finding f = one(all, "hiit.eligibility", Severity::error);
    CHECK(f.path == "/sessions/1/type");
    CHECK(str(f.date) == "2026-11-25");
    CHECK(f.actual == "not screened");

    no_finding(test::check(screened(), pl), "hiit.eligibility");
}

TEST_CASE("hiit.eligibility: a contraindication to intensive training (untreated_epilepsy, ...) -> error even when screened") {
    const auto& intensive = param_list("safety.contraindication", "intensive");
    REQUIRE(std::find(intensive.begin(), intensive.end(), "untreated_epilepsy") != intensive.end());
    for (const auto& name : intensive) {
        CAPTURE(name);
        Patient p = screened();
        p.contraindications.named = {name};
        Plan pl = test::plan(1);
        pl.sessions = {aer(day(0), 50), hiit_on(day(2))};
        const auto all = test::check(p, pl);
        CHECK(test::with_rule(all, "hiit.eligibility").size() == 1u);
        const Finding f = one(all, "hiit.eligibility", Severity::error);
        CHECK(f.path == "/sessions/1/type");
        CHECK(f.actual == name);
        // Intensive contraindications remove HIIT but do not refuse training.
        CHECK(test::with_rule(all, "safety.contraindication").empty());
    }
}

TEST_CASE("hiit.eligibility: a condition a clinic forbids -> error - other patients pass") {
    const auto clinic = apply_clinic_rules(
        builtin_rules(), R"({"schema_version": 1, "rules": {"hiit.eligibility": {"params": {"forbidden_conditions": ["stroke"]}}}})");
    REQUIRE(clinic.ok());
    Patient p = stroke_patient(60);
    p.hiit_screening_done = true;
    Plan pl = test::plan(1);
    pl.sessions = {hiit_on(day(1))};
    const auto all = test::check(p, pl, clinic.value());
    CHECK(test::with_rule(all, "hiit.eligibility").size() == 1u);
    const Finding f = one(all, "hiit.eligibility", Severity::error);
    CHECK(f.path == "/sessions/0/type");
    CHECK(f.actual == "stroke");

    no_finding(test::check(screened(), pl, clinic.value()), "hiit.eligibility");
}

// =====================================================================================
// week.rest
// =====================================================================================

TEST_CASE("week.rest: 7 training days (0 rest days) warn, 6 pass - a relaxation-only day is a rest day") {
    REQUIRE(param("week.rest", "min_rest_days") == 1);
    Plan pl = test::plan(1);
    for (int k = 0; k < 7; ++k) pl.sessions.push_back(aer(day(k), 45));
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.rest").size() == 1u);
    const Finding f = one(all, "week.rest", Severity::warning);
    CHECK(f.actual == "0 rest days");
    CHECK(f.expected == ">= 1 rest days");
    CHECK(str(f.week) == "2026-11-23");

    pl.sessions.pop_back();
    no_finding(test::check(test::adult(), pl), "week.rest");

    pl.sessions.push_back(relax(day(6), 45));
    no_finding(test::check(test::adult(), pl), "week.rest");
}

// =====================================================================================
// week.balance
// =====================================================================================

namespace {
Plan balance_week(int balance_days) {
    Plan pl = test::plan(1);
    const int days[] = {0, 2, 4};
    for (int i = 0; i < balance_days; ++i) pl.sessions.push_back(bal(day(days[i]), 45));
    return pl;
}
}  // namespace

TEST_CASE("week.balance: an adult under 65 has no balance requirement (age 40 and 64)") {
    REQUIRE(param("week.balance", "min_days") == 0);
    for (int age : {40, 64}) {
        CAPTURE(age);
        CHECK(effective(aged(age), "week.balance", "min_days") == 0);
        no_finding(test::check(aged(age), balance_week(0)), "week.balance");
    }
}

TEST_CASE("week.balance: age 65: 2 balance days warn, 3 pass") {
    REQUIRE(effective(aged(65), "week.balance", "min_days") == 3);
    const Finding f = one(test::check(aged(65), balance_week(2)), "week.balance", Severity::warning);
    CHECK(f.expected == ">= 3 balance days");
    CHECK(f.actual == "2 balance days");
    CHECK(f.path == "/sessions/0");
    CHECK(contains(f.message.en, "Age 65+"));
    no_finding(test::check(aged(65), balance_week(3)), "week.balance");
}

TEST_CASE("week.balance: stroke (age 60): 1 balance day warns, 2 pass") {
    const Patient p = stroke_patient(60);
    REQUIRE(effective(p, "week.balance", "min_days") == 2);
    const Finding f = one(test::check(p, balance_week(1)), "week.balance", Severity::warning);
    CHECK(f.expected == ">= 2 balance days");
    CHECK(f.actual == "1 balance days");
    CHECK(contains(f.message.en, "Stroke"));
    CHECK(cites(f, "billinger2014"));
    no_finding(test::check(p, balance_week(2)), "week.balance");
}

TEST_CASE("week.balance: stroke at 70 takes the stricter 65+ value: 2 days warn") {
    const Patient p = stroke_patient(70);
    REQUIRE(effective(p, "week.balance", "min_days") == 3);
    CHECK(one(test::check(p, balance_week(2)), "week.balance", Severity::warning).expected == ">= 3 balance days");
}

TEST_CASE("week.balance: parkinson and dementia (age 60): 2 balance days warn, 3 pass") {
    for (ConditionType t : {ConditionType::parkinson, ConditionType::dementia}) {
        CAPTURE(to_string(t));
        const Patient p = with_condition(aged(60), t);
        REQUIRE(effective(p, "week.balance", "min_days") == 3);
        CHECK(one(test::check(p, balance_week(2)), "week.balance", Severity::warning).actual == "2 balance days");
        no_finding(test::check(p, balance_week(3)), "week.balance");
    }
}

TEST_CASE("week.balance: a balance block inside another training session counts as a balance day") {
    Plan pl = test::plan(1);
    for (int k : {0, 2, 4}) {
        SessionPlan s = aer(day(k), 45);
        s.blocks = {{BlockKind::warm_up, 10, ""}, {BlockKind::balance, 10, ""}, {BlockKind::main, 25, ""}};
        pl.sessions.push_back(s);
    }
    no_finding(test::check(aged(65), pl), "week.balance");
    pl.sessions[2].blocks[1].kind = BlockKind::strength;
    CHECK(one(test::check(aged(65), pl), "week.balance", Severity::warning).actual == "2 balance days");
}

// =====================================================================================
// progression.graded
// =====================================================================================

TEST_CASE("progression.graded: +20 % passes exactly (100 -> 120 min), 121 min is an error") {
    REQUIRE(param("progression.graded", "max_weekly_increase_percent") == 20);
    CHECK(100 * (100 + 20) / 100 == 120);
    no_finding(test::check(test::adult(), two_weeks_total({50, 50}, {40, 40, 40})), "progression.graded");

    const auto all = test::check(test::adult(), two_weeks_total({50, 50}, {40, 40, 41}));
    CHECK(test::with_rule(all, "progression.graded").size() == 1u);
    const Finding f = one(all, "progression.graded", Severity::error);
    CHECK(f.path == "/sessions/2");  // first session of plan week 2
    CHECK(str(f.week) == "2026-11-30");
    CHECK_FALSE(f.date.has_value());
    CHECK(f.actual == "121 min");
    CHECK(contains(f.expected, "<= 120 min"));
    CHECK(cites(f, "nielsen2014"));
}

TEST_CASE("progression.graded: strength minutes count in the weekly training minutes (100 -> 100 aerobic + 21 strength errors)") {
    Plan pl = two_weeks({50, 50}, {50, 50});
    pl.sessions.push_back(strength_on(day(8), 20));
    no_finding(test::check(test::adult(), pl), "progression.graded");
    pl.sessions.back().minutes = 21;
    CHECK(one(test::check(test::adult(), pl), "progression.graded", Severity::error).actual == "121 min");
}

TEST_CASE("progression.graded: plan weeks run from the start date (Wednesday), not ISO weeks") {
    // Plan week 1 = Wed 2026-11-25 .. Tue 12-01; week 2 = Wed 12-02 .. Tue 12-08.
    const std::vector<int> offsets = {0, 5, 2};  // week 1: Wed, Mon; week 2: Wed, Mon, Fri (+7)
    const Plan ok = two_weeks_total({50, 50}, {40, 40, 40}, "2026-11-25", offsets);
    no_finding(test::check(test::adult(), ok), "progression.graded");

    const Plan bad = two_weeks_total({50, 50}, {40, 40, 41}, "2026-11-25", offsets);
    const Finding f = one(test::check(test::adult(), bad), "progression.graded", Severity::error);
    CHECK(f.path == "/sessions/2");
    CHECK(f.actual == "121 min");
    CHECK(str(f.week) == "2026-11-30");  // the ISO week in which plan week 2 starts
    CHECK(contains(f.message.en, "2026-12-02"));
}

TEST_CASE("progression.graded: after stroke 10 %: 100 -> 110 passes, 111 is an error") {
    const Patient p = stroke_patient(60);
    REQUIRE(effective(p, "progression.graded", "max_weekly_increase_percent") == 10);
    no_finding(test::check(p, two_weeks_total({50, 50}, {40, 40, 30})), "progression.graded");

    const Finding f = one(test::check(p, two_weeks_total({50, 50}, {40, 40, 31})), "progression.graded", Severity::error);
    CHECK(f.actual == "111 min");
    CHECK(contains(f.expected, "<= 110 min"));
    CHECK(cites(f, "billinger2014"));
    CHECK(contains(f.message.en, "Stroke"));
}

TEST_CASE("progression.graded: moderate and severe TBI 10 %, mild TBI and concussion 20 %") {
    const Date long_ago = test::d("2026-03-01");
    struct Case {
        const char* name;
        Patient patient;
        int pct;
    };
    const std::vector<Case> cases = {
        {"tbi moderate", with_condition(test::adult(), ConditionType::tbi, long_ago, TbiSeverity::moderate), 10},
        {"tbi severe", with_condition(test::adult(), ConditionType::tbi, long_ago, TbiSeverity::severe), 10},
        {"tbi mild", with_condition(test::adult(), ConditionType::tbi, long_ago, TbiSeverity::mild), 20},
        {"concussion", with_condition(test::adult(), ConditionType::concussion, long_ago), 20},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        REQUIRE(effective(c.patient, "progression.graded", "max_weekly_increase_percent") == c.pct);
        // Week 1: 100 min. Week 2 at the limit (110 or 120) passes, one minute more errors.
        const int limit = 100 + c.pct;
        no_finding(test::check(c.patient, two_weeks_total({50, 50}, {40, 40, limit - 80})), "progression.graded");
        const auto all = test::check(c.patient, two_weeks_total({50, 50}, {40, 40, limit - 79}));
        CHECK(one(all, "progression.graded", Severity::error).actual == std::to_string(limit + 1) + " min");
    }
    // Mild TBI: 111 min after 100 is fine (20 %), unlike moderate TBI.
    no_finding(test::check(cases[2].patient, two_weeks_total({50, 50}, {40, 40, 31})), "progression.graded");
}

TEST_CASE("progression.graded: week-1 bout longer than baseline_minutes is an error, equal passes") {
    Patient p = test::adult();
    p.baseline_minutes = 30;
    Plan pl = test::plan(2);
    // A strength day on Tuesday makes 2 training days, so the week-1 cap (30 x 2 = 60)
    // stays out of the way and only the bout limit is tested.
    const SessionPlan tue = strength_on(day(1), 45);
    pl.sessions = {moderate(day(0), 30), tue};
    no_finding(test::check(p, pl), "progression.graded");

    pl.sessions = {moderate(day(0), 31), tue};
    Finding f = one(test::check(p, pl), "progression.graded", Severity::error);
    CHECK(f.path == "/sessions/0/minutes");
    CHECK(str(f.date) == "2026-11-23");
    CHECK(f.actual == "31 min");
    CHECK(contains(f.expected, "<= 30 min"));

    // With blocks, only a rest block breaks a bout (warm-up and cool-down keep the patient
    // moving): 15 + rest 5 + 30 passes, 15 + rest 5 + 31 errors, warm-up 5 + main 26 errors.
    SessionPlan s = moderate(day(0), 50);
    s.blocks = {{BlockKind::main, 15, ""}, {BlockKind::rest, 5, ""}, {BlockKind::main, 30, ""}};
    pl.sessions = {s, tue};
    no_finding(test::check(p, pl), "progression.graded");
    pl.sessions[0].minutes = 51;
    pl.sessions[0].blocks[2].minutes = 31;
    f = one(test::check(p, pl), "progression.graded", Severity::error);
    CHECK(f.path == "/sessions/0/blocks");
    CHECK(f.actual == "31 min");
    pl.sessions[0].minutes = 31;
    pl.sessions[0].blocks = {{BlockKind::warm_up, 5, ""}, {BlockKind::main, 26, ""}};
    f = one(test::check(p, pl), "progression.graded", Severity::error);
    CHECK(f.actual == "31 min");
    // A session of only warm-up and cool-down is one bout too.
    pl.sessions[0].blocks = {{BlockKind::warm_up, 16, ""}, {BlockKind::cool_down, 15, ""}};
    f = one(test::check(p, pl), "progression.graded", Severity::error);
    CHECK(f.actual == "31 min");

    // A single 31-min session on the only training day breaks both week-1 limits.
    pl.sessions = {moderate(day(0), 31)};
    const auto both = test::check(p, pl);
    CHECK(test::with_rule(both, "progression.graded", Severity::error).size() == 2u);
    CHECK(at_path(test::with_rule(both, "progression.graded"), "/sessions/0/minutes").size() == 1u);
    CHECK(at_path(test::with_rule(both, "progression.graded"), "/sessions/0").size() == 1u);

    // After week 1 the bout limit no longer applies: week 2 may grow by 20 % (30 -> 36).
    pl.sessions = {moderate(day(0), 30), moderate(day(7), 36)};
    no_finding(test::check(p, pl), "progression.graded");
}

TEST_CASE("progression.graded: test_progression_graded_aerobic_at_limit - moderate-equivalent aerobic minutes 80 -> 96 pass, 97 errors") {
    Patient p = test::adult();
    p.baseline_minutes = 40;
    // Strength keeps the total within its own cap (180 -> 196 of 216); bouts stay within 48.
    // Week 2 trains on 2 days, so the baseline floor (40 x 2 = 80) stays below the cap.
    Plan pl = test::plan(2);
    pl.sessions = {moderate(day(0), 40), strength_on(day(1), 100), moderate(day(2), 40),
                   moderate(day(7), 48), strength_on(day(7), 100), moderate(day(9), 24), moderate(day(9), 24)};
    no_finding(test::check(p, pl), "progression.graded");
    pl.sessions.back().minutes = 25;
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "progression.graded").size() == 1u);
    const Finding f = one(all, "progression.graded", Severity::error);
    CHECK(f.actual == "97 moderate-equivalent aerobic min");
    CHECK(contains(f.expected, "<= 96 moderate-equivalent aerobic min"));
    CHECK(contains(f.message.en, "moderate-equivalent aerobic minutes"));
    CHECK(contains(f.message.nl, "matig-equivalente duurminuten"));
    CHECK(f.path == "/sessions/3");
    // Vigorous minutes count twice: 48 vigorous minutes are 96, 49 are 98.
    pl.sessions = {moderate(day(0), 40), strength_on(day(1), 100), moderate(day(2), 40),
                   vig(moderate(day(7), 24)), strength_on(day(7), 100), vig(moderate(day(9), 24))};
    no_finding(test::check(cleared(p), pl), "progression.graded");
    pl.sessions.back().minutes = 25;
    CHECK(one(test::check(cleared(p), pl), "progression.graded", Severity::error).actual == "98 moderate-equivalent aerobic min");
}

TEST_CASE("progression.graded: test_progression_graded_volume_baseline_floor - after a week that counted little, baseline x days passes, one more errors") {
    Patient p = test::adult();
    p.baseline_minutes = 30;
    // Week 1 counts 10 aerobic minutes (strength keeps the total cap out of the way); week 2
    // may still reach the baseline on each of its 2 training days: 60, not 61.
    Plan pl = test::plan(2);
    pl.sessions = {moderate(day(0), 10), strength_on(day(1), 100), moderate(day(7), 30), moderate(day(9), 15),
                   moderate(day(9), 15)};
    no_finding(test::check(p, pl), "progression.graded");
    pl.sessions.back().minutes = 16;
    const Finding f = one(test::check(p, pl), "progression.graded", Severity::error);
    CHECK(f.actual == "61 moderate-equivalent aerobic min");
    CHECK(contains(f.expected, "<= 60 moderate-equivalent aerobic min"));
}

TEST_CASE("progression.graded: test_progression_graded_bout_at_limit - the longest bout 20 -> 24 passes, 25 errors") {
    Patient p = test::adult();
    p.baseline_minutes = 20;
    Plan pl = test::plan(2);
    pl.sessions = {moderate(day(0), 20), strength_on(day(1), 100), moderate(day(2), 20), moderate(day(7), 24),
                   strength_on(day(8), 100)};
    no_finding(test::check(p, pl), "progression.graded");
    pl.sessions[3].minutes = 25;
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "progression.graded").size() == 1u);
    const Finding f = one(all, "progression.graded", Severity::error);
    CHECK(f.path == "/sessions/3/minutes");
    CHECK(str(f.date) == "2026-11-30");
    CHECK(f.actual == "25 min");
    CHECK(contains(f.expected, "<= 24 min continuous"));
    CHECK(contains(f.message.en, "without a break"));
    // Rest blocks break a bout: 24 + rest 2 + 24 passes (48 active minutes, within the volume cap 40 -> 48).
    SessionPlan s = moderate(day(7), 50);
    s.blocks = {{BlockKind::main, 24, ""}, {BlockKind::rest, 2, ""}, {BlockKind::main, 24, ""}};
    pl.sessions[3] = s;
    no_finding(test::check(p, pl), "progression.graded");
    pl.sessions[3].blocks[2].minutes = 25;
    pl.sessions[3].minutes = 51;
    const auto two = test::check(p, pl);
    CHECK(test::with_rule(two, "progression.graded").size() == 2u);  // the bout, and 49 > 48 aerobic minutes
}

TEST_CASE("progression.graded: test_progression_graded_min_step_bout_minutes - a 4-min bout may reach 5, not 6") {
    Patient p = test::adult();
    p.baseline_minutes = 4;
    REQUIRE(param("progression.graded", "min_step_bout_minutes") == 1);
    Plan pl = test::plan(2);
    pl.sessions = {moderate(day(0), 4), moderate(day(2), 4), moderate(day(7), 5), moderate(day(9), 5)};
    no_finding(test::check(p, pl), "progression.graded");
    pl.sessions[3].minutes = 6;
    const Finding f = one(test::check(p, pl), "progression.graded", Severity::error);
    CHECK(f.actual == "6 min");
    CHECK(contains(f.expected, "<= 5 min continuous"));
}

TEST_CASE("progression.graded: test_progression_graded_min_step_week_minutes - 10 min a week may reach 15, not 16") {
    Patient p = test::adult();
    p.baseline_minutes = 10;
    REQUIRE(param("progression.graded", "min_step_week_minutes") == 5);
    Plan pl = test::plan(2);
    // Week 2: three sessions of 5 on one day (bouts below the baseline; the baseline floor
    // 10 x 1 day stays below): 15 passes, 16 errors twice (total and aerobic).
    pl.sessions = {moderate(day(0), 10), moderate(day(7), 5), moderate(day(7), 5), moderate(day(7), 5)};
    no_finding(test::check(p, pl), "progression.graded");
    pl.sessions[3].minutes = 6;
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "progression.graded", Severity::error).size() == 2u);
    CHECK(contains(test::dump(all), "16 min"));
    CHECK(contains(test::dump(all), "16 moderate-equivalent aerobic min"));
}

TEST_CASE("session.duration: test_session_duration_aerobic_session_at_limit - one aerobic session of 60 min passes, 61 warns") {
    REQUIRE(param("session.duration", "recommended_max_minutes") == 60);
    Plan pl = test::plan(1);
    pl.sessions = {moderate(day(5), 60)};
    const auto ok = test::check(test::adult(), pl);
    for (const Finding& f : test::with_rule(ok, "session.duration")) CHECK_FALSE(contains(f.expected, "per aerobic session"));
    pl.sessions[0].minutes = 61;
    const auto all = test::check(test::adult(), pl);
    std::vector<Finding> capped;
    for (const Finding& f : test::with_rule(all, "session.duration", Severity::warning))
        if (contains(f.expected, "per aerobic session")) capped.push_back(f);
    REQUIRE(capped.size() == 1u);
    CHECK(capped[0].path == "/sessions/0/minutes");
    CHECK(capped[0].actual == "61 min");
    CHECK(contains(capped[0].message.en, "one session lasts at most 60 minutes"));
    CHECK(contains(capped[0].message.nl, "hoogstens 60 minuten"));
    // Dual-task counts too; strength does not.
    pl.sessions[0] = of_type(day(5), 61, SessionType::dual_task);
    bool found = false;
    for (const Finding& f : test::check(test::adult(), pl)) found = found || contains(f.expected, "per aerobic session");
    CHECK(found);
    pl.sessions[0] = strength_on(day(5), 61);
    for (const Finding& f : test::check(test::adult(), pl)) CHECK_FALSE(contains(f.expected, "per aerobic session"));
}

TEST_CASE("progression.graded: week-1 aerobic minutes above baseline x training days is an error") {
    Patient p = test::adult();
    p.baseline_minutes = 30;
    Plan pl = test::plan(1);
    // 30 + 30 on two days = 60 = 30 x 2: passes.
    pl.sessions = {moderate(day(0), 30), moderate(day(2), 30)};
    no_finding(test::check(p, pl), "progression.graded");

    // 30 + 30 on Monday and 30 on Wednesday = 90 > 60 (each bout within the baseline).
    pl.sessions = {moderate(day(0), 30), moderate(day(0), 30), moderate(day(2), 30)};
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "progression.graded").size() == 1u);
    const Finding f = one(all, "progression.graded", Severity::error);
    CHECK(f.path == "/sessions/0");
    CHECK(str(f.week) == "2026-11-23");
    CHECK(f.actual == "90 aerobic min");
    CHECK(contains(f.expected, "<= 60 aerobic min"));

    // Strength minutes are not aerobic: 30 aerobic + 45 strength on two days passes.
    pl.sessions = {moderate(day(0), 30), strength_on(day(1), 45)};
    no_finding(test::check(p, pl), "progression.graded");
}

TEST_CASE("progression.graded: intensity light -> vigorous in one week is an error, light -> moderate passes") {
    REQUIRE(param("progression.graded", "max_intensity_steps_per_week") == 1);
    Plan pl = test::plan(3);
    pl.sessions = {light(day(0), 50), light(day(2), 50), vigorous(day(7), 50), vigorous(day(9), 50)};
    const auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "progression.graded").size() == 1u);
    const Finding f = one(all, "progression.graded", Severity::error);
    CHECK(f.path == "/sessions/2/intensity");
    CHECK(str(f.date) == "2026-11-30");
    CHECK(f.actual == "light -> vigorous");

    // One step a week: light -> moderate -> vigorous (vigorous 30 + 30 minutes count 120
    // moderate-equivalent minutes: within +20 % on 100).
    pl.sessions = {light(day(0), 50), light(day(2), 50), moderate(day(7), 50), moderate(day(9), 50),
                   vigorous(day(14), 30), vigorous(day(16), 30)};
    no_finding(test::check(test::adult(), pl), "progression.graded");
}

// =====================================================================================
// concussion.return  (event Friday 2026-11-20; Amsterdam 2022)
// The schedule: step 1 from 11-20, 2A from 11-22 (day 2), 2B from 11-25 (day 5), step 3
// from 11-28 (day 8); steps 4-6 only behind the recorded resolution and clearance.
// =====================================================================================

namespace {

// The patient document's concussion_return: symptoms resolved and cleared for contact
// (either may be left out).
Patient returning(Patient p, std::optional<Date> resolved, std::optional<Date> cleared_on) {
    ConcussionReturn cr;
    cr.symptoms_resolved = resolved;
    if (cleared_on) cr.cleared = Clearance{ClearanceLevel::moderate, *cleared_on, "Dr. Test"};
    p.concussion_return = cr;
    return p;
}

// A vigorous clearance (safety.clearance) given on `when`.
Patient vigorous_clearance(Patient p, Date when) {
    p.clearance = Clearance{ClearanceLevel::vigorous, when, "Dr. Test"};
    return p;
}

Patient hrmax190(Patient p) {
    p.heart_rate.max_bpm = 190;
    return p;
}

// An aerobic session of a stated step (stage "2A"/"2B" or ""), in bpm, with its class.
SessionPlan step_bpm(Date when, int step, const char* stage, int low, int high,
                     IntensityClass c = IntensityClass::light) {
    SessionPlan s = aer(when, 30, low, high);
    s.intensity->klass = c;
    s.concussion_step = step;
    s.concussion_stage = stage;
    return s;
}

SessionPlan with_stage(SessionPlan s, int step, const char* stage) {
    s.concussion_step = step;
    s.concussion_stage = stage;
    return s;
}

std::vector<Finding> errors_of(const std::vector<Finding>& all, const std::string& rule = "concussion.return") {
    return test::with_rule(all, rule, Severity::error);
}

}  // namespace

TEST_CASE("concussion.return: training before step 2A (day 2) errors, on day 2 passes - relaxation on day 0 is not training") {
    REQUIRE(param("concussion.return", "min_rest_days_after_event") == 1);
    REQUIRE(param("concussion.return", "step_1_planned_days") == 2);
    Plan pl = concussion_plan();
    for (const int k : {0, 1}) {
        CAPTURE(k);
        pl.sessions = {moderate(event_day(k), 30)};
        const auto all = test::check(concussed(), pl);
        CHECK(test::with_rule(all, "concussion.return").size() == 1u);
        const Finding f = one(all, "concussion.return", Severity::error);
        CHECK(f.path == "/sessions/0/date");
        CHECK(str(f.date) == event_day(k).to_string());
        CHECK(f.actual == std::to_string(k) + " day(s)");
        CHECK(contains(f.expected, "2026-11-22"));
        CHECK(contains(f.message.en, "2026-11-22"));
        CHECK(contains(f.message.nl, "2026-11-22"));
    }
    // A stated step changes nothing: step 2 on day 1 is still a step-1 day.
    pl.sessions = {with_step(moderate(event_day(1), 30), 2)};
    CHECK(one(test::check(concussed(), pl), "concussion.return", Severity::error).path == "/sessions/0/date");

    pl.sessions = {moderate(event_day(2), 30)};
    no_finding(test::check(concussed(), pl), "concussion.return");

    pl.sessions = {relax(event_day(0), 30)};
    no_finding(test::check(concussed(), pl), "concussion.return");
}

TEST_CASE("concussion.return: step 2A ceiling 55 % - HRmax 190, 104 bpm passes, 105 errors") {
    REQUIRE(param("concussion.return", "step_2a_max_percent_hrmax") == 55);
    CHECK(190 * 55 / 100 == 104);  // 104.5
    const Patient p = hrmax190(concussed());
    Plan pl = concussion_plan();
    // Stated step 2 (reads as 2A), stated 2A, and no step (2A on day 3 by the schedule).
    for (const char* how : {"step 2", "2A", "date"}) {
        CAPTURE(how);
        const auto at = [&](int high) {
            SessionPlan s = step_bpm(event_day(3), 2, std::string(how) == "2A" ? "2A" : "", 86, high);
            if (std::string(how) == "date") s.concussion_step.reset();
            pl.sessions = {s};
            return test::check(p, pl);
        };
        auto all = at(104);
        no_finding(all, "concussion.return");
        no_finding(all, "intensity.heart_rate");  // no floor warning, no class mismatch
        all = at(105);
        CHECK(test::with_rule(all, "concussion.return").size() == 1u);
        const Finding f = one(all, "concussion.return", Severity::error);
        CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
        CHECK(contains(f.expected, "<= 104 bpm"));
        CHECK(contains(f.expected, "55 %"));
    }
}

TEST_CASE("concussion.return: step 2A as % HRmax - 45-55 passes with no floor warning, 56 errors, 30 has no floor warning either") {
    Plan pl = concussion_plan();
    SessionPlan s = with_step(light(event_day(3), 20), 2);
    s.intensity->percent_hrmax = Range{45, 55};
    pl.sessions = {s};
    auto all = test::check(concussed(), pl);
    no_finding(all, "concussion.return");
    no_finding(all, "intensity.heart_rate");

    pl.sessions[0].intensity->percent_hrmax = Range{45, 56};
    all = test::check(concussed(), pl);
    CHECK(test::with_rule(all, "concussion.return").size() == 1u);
    const Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/percent_high");
    CHECK(f.actual == "56 %");

    // Steps 1-3 have no floor: the dose is not the goal (the zone still starts at 45 %).
    pl.sessions[0].intensity->percent_hrmax = Range{30, 55};
    all = test::check(concussed(), pl);
    no_finding(all, "concussion.return");
    no_finding(all, "intensity.heart_rate");
    // From step 4 the usual floor is back: 30 % warns against 60 %.
    pl.sessions[0].concussion_step = 4;
    pl.sessions[0].date = event_day(10);
    all = test::check(returning(concussed(), event_day(9), event_day(9)), pl);
    const Finding w = one(all, "intensity.heart_rate", Severity::warning);
    CHECK(w.path == "/sessions/0/intensity/percent_low");
    CHECK(contains(w.expected, ">= 60 %"));
}

TEST_CASE("concussion.return: step 2B ceiling 70 % - HRmax 190, 133 bpm passes, 134 errors - its own stage, not the date's") {
    REQUIRE(param("concussion.return", "step_2b_max_percent_hrmax") == 70);
    const Patient p = hrmax190(concussed());
    Plan pl = concussion_plan();
    // 2B stated on day 3 (the schedule's 2A days: a 2A session came the day before).
    pl.sessions = {step_bpm(event_day(2), 2, "2A", 86, 104), step_bpm(event_day(3), 2, "2B", 105, 133)};
    no_finding(test::check(p, pl), "concussion.return");
    pl.sessions[1] = step_bpm(event_day(3), 2, "2B", 105, 134);
    auto all = test::check(p, pl);
    const Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/1/intensity/hr_high_bpm");
    CHECK(contains(f.expected, "<= 133 bpm"));

    // On the schedule's 2B days without a stated step: 133 passes.
    pl.sessions = {aer(event_day(6), 30, 105, 133)};
    pl.sessions[0].intensity->klass = IntensityClass::light;
    no_finding(test::check(p, pl), "concussion.return");
    // A session stating 2A on a step-3 day keeps 2A's ceiling.
    pl.sessions = {step_bpm(event_day(9), 2, "2A", 105, 133)};
    CHECK(contains(one(test::check(p, pl), "concussion.return", Severity::error).expected, "<= 104 bpm"));
}

TEST_CASE("concussion.return: a step stated ahead of the planned days has its own zone - step 4 on day 5 at 76 % passes, 77 % errors") {
    // Resolved and cleared on day 4; 2A, 2B, 3 and 4 a day apart from day 2 (24 h each).
    const Patient p = hrmax190(returning(concussed(), event_day(4), event_day(4)));
    Plan pl = concussion_plan();
    pl.sessions = {with_stage(light(event_day(2), 20), 2, "2A"), with_stage(light(event_day(3), 20), 2, "2B"),
                   with_step(moderate(event_day(4), 20), 3), step_bpm(event_day(5), 4, "", 122, 144, IntensityClass::moderate)};
    auto all = test::check(p, pl);
    INFO(test::dump(all));
    CHECK(errors_of(all).empty());
    CHECK(errors_of(all, "intensity.heart_rate").empty());
    CHECK(errors_of(all, "safety.clearance").empty());
    // 145 bpm is vigorous: in the early phase, whatever the step.
    pl.sessions[3] = step_bpm(event_day(5), 4, "", 122, 145, IntensityClass::moderate);
    all = test::check(p, pl);
    CHECK(one(all, "concussion.return", Severity::error).path == "/sessions/3/type");
}

TEST_CASE("concussion.return: step 3 ceiling 76 % - HRmax 190, 144 bpm passes, 145 errors") {
    REQUIRE(param("intensity.heart_rate", "moderate_max_percent") == 76);
    CHECK(190 * 76 / 100 == 144);  // 144.4
    const Patient p = hrmax190(concussed());
    Plan pl = concussion_plan();
    pl.sessions = {step_bpm(event_day(15), 3, "", 122, 144, IntensityClass::moderate)};
    auto all = test::check(p, pl);
    CHECK(errors_of(all).empty());
    no_finding(all, "concussion.return");
    // 145 bpm is vigorous work: step 3 is below late_step_min, and the step's ceiling holds.
    pl.sessions = {step_bpm(event_day(15), 3, "", 122, 145, IntensityClass::moderate)};
    all = test::check(p, pl);
    INFO(test::dump(all));
    const auto errs = errors_of(all);
    REQUIRE(errs.size() == 1u);
    CHECK(errs[0].path == "/sessions/0/concussion_step");
    CHECK(errs[0].actual == "step 3");
    CHECK(contains(errs[0].message.en, "only from step 4"));
    CHECK_FALSE(test::with_rule(all, "safety.clearance", Severity::error).empty());  // the ceiling, 144 bpm
}

TEST_CASE("concussion.return: threshold 190 - 90 % = 171 is capped by the step (HRmax 190: 2A 104, step 3 144)") {
    REQUIRE(param("concussion.return", "threshold_max_percent") == 90);
    Patient p = hrmax190(concussed());
    p.heart_rate.symptom_threshold_bpm = 190;
    Plan pl = concussion_plan();
    pl.sessions = {step_bpm(event_day(3), 2, "2A", 86, 104)};
    no_finding(test::check(p, pl), "concussion.return");
    pl.sessions = {step_bpm(event_day(3), 2, "2A", 86, 105)};
    CHECK(contains(one(test::check(p, pl), "concussion.return", Severity::error).expected, "<= 104 bpm"));
    pl.sessions = {step_bpm(event_day(9), 3, "", 122, 144, IntensityClass::moderate)};
    CHECK(errors_of(test::check(p, pl)).empty());
    pl.sessions = {step_bpm(event_day(9), 3, "", 122, 171, IntensityClass::moderate)};
    CHECK_FALSE(errors_of(test::check(p, pl), "safety.clearance").empty());
}

TEST_CASE("concussion.return: symptom threshold 150 in step 3 - hr_high 135 (90 %) passes, 136 errors - hr_low 119 has no floor warning") {
    REQUIRE(param("concussion.return", "threshold_max_percent") == 90);
    REQUIRE(param("concussion.return", "threshold_min_percent") == 80);
    Patient p = concussed();
    p.heart_rate.symptom_threshold_bpm = 150;
    Plan pl = concussion_plan();
    pl.sessions = {aer(event_day(9), 30, 120, 135)};
    auto all = test::check(p, pl);
    no_finding(all, "concussion.return");
    no_finding(all, "intensity.heart_rate");

    pl.sessions = {aer(event_day(9), 30, 120, 136)};
    all = test::check(p, pl);
    CHECK(test::with_rule(all, "concussion.return").size() == 1u);
    const Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/intensity/hr_high_bpm");
    CHECK(contains(f.expected, "<= 135 bpm"));
    no_finding(all, "intensity.heart_rate");

    // Below 80 % of the threshold: steps 1-3 have no floor warning.
    pl.sessions = {aer(event_day(9), 30, 119, 135)};
    all = test::check(p, pl);
    no_finding(all, "concussion.return");
    no_finding(all, "intensity.heart_rate");
}

TEST_CASE("concussion.return: step 4 the day before symptoms_resolved errors, on the day passes - none recorded errors") {
    REQUIRE(param("concussion.return", "resolution_from_step") == 4);
    Plan pl = concussion_plan();
    pl.sessions = {with_step(moderate(event_day(10), 30), 4)};
    // Nothing recorded.
    auto all = test::check(concussed(), pl);
    CHECK(test::with_rule(all, "concussion.return").size() == 1u);
    Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/concussion_step");
    CHECK(contains(f.actual, "symptoms_resolved none"));
    CHECK(contains(f.message.en, "none recorded"));
    CHECK(contains(f.message.nl, "niet vastgelegd"));
    // Resolved (and cleared) the day after the session.
    all = test::check(returning(concussed(), event_day(11), event_day(9)), pl);
    f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/concussion_step");
    CHECK(contains(f.message.en, "2026-12-01"));
    // On the day itself.
    no_finding(test::check(returning(concussed(), event_day(10), event_day(10)), pl), "concussion.return");
}

TEST_CASE("concussion.return: step 5 (contact) and step 4 without a clearance error, with one on or before the day pass") {
    REQUIRE(param("concussion.return", "clearance_from_step") == 4);
    Plan pl = concussion_plan();
    for (const int step : {4, 5, 6}) {
        CAPTURE(step);
        pl.sessions = {with_step(moderate(event_day(12), 30), step)};
        auto all = test::check(returning(concussed(), event_day(10), std::nullopt), pl);
        CHECK(test::with_rule(all, "concussion.return").size() == 1u);
        Finding f = one(all, "concussion.return", Severity::error);
        CHECK(f.path == "/sessions/0/concussion_step");
        CHECK(contains(f.actual, "cleared none"));
        CHECK(contains(f.message.en, "clearance"));
        // Cleared the day after: still too early; on the day: passes.
        all = test::check(returning(concussed(), event_day(10), event_day(13)), pl);
        CHECK(one(all, "concussion.return", Severity::error).path == "/sessions/0/concussion_step");
        no_finding(test::check(returning(concussed(), event_day(10), event_day(12)), pl), "concussion.return");
    }
    // Step 3 needs neither.
    pl.sessions = {with_step(moderate(event_day(12), 30), 3)};
    no_finding(test::check(concussed(), pl), "concussion.return");
}

TEST_CASE("concussion.return: contact on day 6 and a match on day 7 without resolution or clearance error at those sessions") {
    Plan pl = concussion_plan();
    pl.sessions = {with_step(moderate(event_day(6), 60), 5), with_step(moderate(event_day(7), 90), 6)};
    auto all = test::check(concussed(), pl);
    auto errs = errors_of(all);
    REQUIRE(errs.size() == 2u);
    CHECK(errs[0].path == "/sessions/0/concussion_step");
    CHECK(errs[1].path == "/sessions/1/concussion_step");
    CHECK(contains(errs[0].message.en, "Step 5 on 2026-11-26"));
    CHECK(contains(errs[1].message.en, "Step 6 on 2026-11-27"));
    // Resolved on day 4, cleared on day 5, steps 2-4 a day apart before: passes.
    pl.sessions = {with_step(moderate(event_day(2), 30), 2), with_step(moderate(event_day(3), 30), 3),
                   with_step(moderate(event_day(5), 30), 4), with_step(moderate(event_day(6), 60), 5),
                   with_step(moderate(event_day(7), 90), 6)};
    no_finding(test::check(returning(concussed(), event_day(4), event_day(5)), pl), "concussion.return");
}

TEST_CASE("concussion.return: 24 h per step - two steps on one day error (2A -> 2B too), a day apart pass") {
    REQUIRE(param("concussion.return", "min_hours_per_step") == 24);
    Plan pl = concussion_plan();
    pl.sessions = {with_step(moderate(event_day(2), 30), 1), with_step(moderate(event_day(2), 20), 2)};
    auto all = test::check(concussed(), pl);
    CHECK(test::with_rule(all, "concussion.return").size() == 1u);
    Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/1/concussion_step");
    CHECK(f.actual == "0 h");
    pl.sessions[1].date = event_day(3);
    no_finding(test::check(concussed(), pl), "concussion.return");

    pl.sessions = {with_stage(moderate(event_day(2), 30), 2, "2A"), with_stage(moderate(event_day(2), 20), 2, "2B")};
    f = one(test::check(concussed(), pl), "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/1/concussion_step");
    CHECK(contains(f.message.en, "step 2B"));
    CHECK(contains(f.message.en, "step 2A"));
    pl.sessions[1].date = event_day(3);
    no_finding(test::check(concussed(), pl), "concussion.return");
}

TEST_CASE("concussion.return: a skipped step errors (1 -> 3, named 2A -> 3, 1 -> 2B) - one step at a time passes") {
    Plan pl = concussion_plan();
    pl.sessions = {with_step(moderate(event_day(2), 30), 1), with_step(moderate(event_day(4), 30), 3)};
    auto all = test::check(concussed(), pl);
    CHECK(test::with_rule(all, "concussion.return").size() == 1u);
    Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/1/concussion_step");
    CHECK(f.actual == "step 1 -> 3");

    pl.sessions = {with_stage(moderate(event_day(2), 30), 2, "2A"), with_step(moderate(event_day(4), 30), 3)};
    CHECK(one(test::check(concussed(), pl), "concussion.return", Severity::error).actual == "step 2A -> 3");
    pl.sessions = {with_step(moderate(event_day(2), 30), 1), with_stage(moderate(event_day(4), 30), 2, "2B")};
    CHECK(one(test::check(concussed(), pl), "concussion.return", Severity::error).actual == "step 1 -> 2B");

    pl.sessions = {with_step(moderate(event_day(2), 30), 1), with_step(moderate(event_day(3), 30), 2),
                   with_step(moderate(event_day(4), 30), 3)};
    no_finding(test::check(concussed(), pl), "concussion.return");
    pl.sessions = {with_stage(moderate(event_day(2), 30), 2, "2A"), with_stage(moderate(event_day(3), 30), 2, "2B"),
                   with_step(moderate(event_day(4), 30), 3)};
    no_finding(test::check(concussed(), pl), "concussion.return");

    // One step back when symptoms rise, then up again a day later, is fine.
    pl.sessions.push_back(with_stage(moderate(event_day(5), 30), 2, "2B"));
    pl.sessions.push_back(with_step(moderate(event_day(6), 30), 3));
    no_finding(test::check(concussed(), pl), "concussion.return");
}

TEST_CASE("concussion.return: HIIT on day 13 errors, on days 14 and 15 passes with step 4 and a vigorous clearance after the concussion") {
    REQUIRE(param("concussion.return", "early_phase_days") == 14);
    REQUIRE(param("concussion.return", "late_step_min") == 4);
    // Resolved and cleared on day 9: step 4 from day 9 (11-29), 5 and 6 after it.
    Patient p = vigorous_clearance(returning(concussed(), event_day(9), event_day(9)), event_day(9));
    p.hiit_screening_done = true;
    Plan pl = concussion_plan();
    pl.sessions = {hiit_on(event_day(13))};
    auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "concussion.return").size() == 1u);
    Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/type");
    CHECK(str(f.date) == "2026-12-03");
    CHECK(f.actual == "13 days");
    for (const int k : {14, 15}) {
        CAPTURE(k);
        pl.sessions = {hiit_on(event_day(k))};
        no_finding(test::check(p, pl), "concussion.return");
        // The same with a vigorous clearance from before the concussion: not covered.
        all = test::check(vigorous_clearance(p, event_day(-1)), pl);
        f = one(all, "concussion.return", Severity::error);
        CHECK(f.path == "/sessions/0/type");
        CHECK(contains(f.expected, "on or after 2026-11-20"));
        CHECK(contains(f.message.en, "clearance for vigorous work"));
        // Dated on the day of the concussion: covered.
        no_finding(test::check(vigorous_clearance(p, event_day(0)), pl), "concussion.return");
        // No vigorous clearance at all: concussion.return and safety.clearance both say so.
        Patient none = p;
        none.clearance.reset();
        all = test::check(none, pl);
        CHECK(one(all, "concussion.return", Severity::error).path == "/sessions/0/type");
        CHECK_FALSE(test::with_rule(all, "safety.clearance", Severity::error).empty());
    }
    // Whatever the programme: NeuroRC's HIIT activation on day 13 is the same error.
    pl.programme = "neurorc_intensive";
    pl.sessions = {hiit_on(event_day(13))};
    CHECK(one(test::check(p, pl), "concussion.return", Severity::error).path == "/sessions/0/type");
    // Without the recorded resolution it is still step 3 on day 15.
    pl.sessions = {hiit_on(event_day(15))};
    Patient unresolved = vigorous_clearance(concussed(), event_day(9));
    unresolved.hiit_screening_done = true;
    f = one(test::check(unresolved, pl), "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/date");
    CHECK(f.actual == "step 3");
}

TEST_CASE("concussion.return: vigorous work stated at step 3 errors, at step 4 with its gates and clearance passes") {
    Plan pl = concussion_plan();
    pl.sessions = {with_step(vigorous(event_day(14), 30), 3)};
    const Patient p = vigorous_clearance(returning(concussed(), event_day(9), event_day(9)), event_day(9));
    auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "concussion.return").size() == 1u);
    const Finding f = one(all, "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/concussion_step");
    CHECK(f.actual == "step 3");

    pl.sessions = {with_step(vigorous(event_day(14), 30), 4)};
    no_finding(test::check(p, pl), "concussion.return");
}

TEST_CASE("concussion.return: a stated step never overrides the calendar (step 4 vigorous on day 5, step 6 HIIT on day 2 error)") {
    const Patient p = vigorous_clearance(returning(concussed(), event_day(1), event_day(1)), event_day(1));
    Plan pl = concussion_plan();
    pl.sessions = {with_step(vigorous(event_day(5), 30), 4)};
    const Finding f = one(test::check(p, pl), "concussion.return", Severity::error);
    CHECK(f.path == "/sessions/0/type");
    CHECK(f.actual == "5 days");
    pl.sessions = {with_step(hiit_on(event_day(2)), 6)};
    CHECK_FALSE(errors_of(test::check(p, pl)).empty());
}

TEST_CASE("concussion.return: a session called moderate at RPE 17-19 is vigorous") {
    Plan pl = concussion_plan();
    SessionPlan s = moderate(event_day(3), 20);
    s.intensity->rpe = Range{17, 19};
    pl.sessions = {s};
    CHECK(errors_of(test::check(concussed(), pl)).size() == 1u);
}

TEST_CASE("concussion.return: no week.volume, week.sessions or session.duration warnings in steps 1-3, again from step 4") {
    // A step-2A walk of 20 min at 45-55 % HRmax (81-99 bpm) on day 3, then a 20-min step-3
    // walk (by the date) on days 10 and 17: one session a week.
    Plan pl = concussion_plan();
    pl.sessions = {step_bpm(event_day(3), 2, "", 81, 99), step_bpm(event_day(10), 3, "", 116, 136, IntensityClass::moderate),
                   step_bpm(event_day(17), 3, "", 116, 136, IntensityClass::moderate)};
    for (auto& s : pl.sessions) s.minutes = 20;
    pl.sessions[1].concussion_step.reset();
    pl.sessions[2].concussion_step.reset();
    auto all = test::check(concussed(), pl);
    {
        INFO(test::dump(all));
        for (const char* rule : {"week.volume", "week.sessions", "session.duration", "week.strength", "concussion.return",
                                 "intensity.heart_rate"}) {
            CAPTURE(rule);
            for (const auto& f : test::with_rule(all, rule)) CHECK(f.severity == Severity::info);
        }
    }
    // Resolved and cleared on day 9: step 4 from 11-29, so the weeks from 11-30 have their
    // dose rules again.
    const Patient later = returning(concussed(), event_day(9), event_day(9));
    all = test::check(later, pl);
    auto vol = test::with_rule(all, "week.volume", Severity::warning);
    REQUIRE(vol.size() == 2u);
    CHECK(str(vol[0].week) == "2026-11-30");
    CHECK(str(vol[1].week) == "2026-12-07");
    CHECK(test::with_rule(all, "week.sessions", Severity::warning).size() == 2u);
    CHECK(test::with_rule(all, "session.duration", Severity::warning).size() == 2u);
    // A session held in step 3 keeps its day and its week free of them.
    pl.sessions[2].concussion_step = 3;
    all = test::check(later, pl);
    vol = test::with_rule(all, "week.volume", Severity::warning);
    REQUIRE(vol.size() == 1u);
    CHECK(str(vol[0].week) == "2026-11-30");
    CHECK(str(one(all, "session.duration", Severity::warning).date) == "2026-11-30");
}

TEST_CASE("concussion.return: a session dated before the concussion is not part of the return") {
    Patient p = test::adult();
    Condition c;
    c.type = ConditionType::concussion;
    c.event_date = test::d("2026-11-25");
    p.conditions.push_back(c);
    Plan plan = test::plan(1, "2026-11-23");
    plan.sessions.push_back(test::aerobic("2026-11-23", 30, 100, 120));  // two days before
    plan.sessions.push_back(test::aerobic("2026-11-25", 30, 81, 99));    // the day itself
    const auto f = test::with_rule(test::check(p, plan), "concussion.return", Severity::error);
    REQUIRE(f.size() == 1);
    CHECK(f[0].path == "/sessions/1/date");
}

// =====================================================================================
// safety.contraindication
// =====================================================================================

TEST_CASE("safety.contraindication: each absolute contraindication blocks a plan with training sessions") {
    const auto& absolute = param_list("safety.contraindication", "absolute");
    REQUIRE(absolute.size() == 9u);
    for (const char* name : {"acute_myocardial_infarction", "unstable_angina", "uncontrolled_arrhythmia",
                             "symptomatic_severe_aortic_stenosis", "uncontrolled_heart_failure", "acute_pulmonary_embolism",
                             "acute_myocarditis_pericarditis", "acute_aortic_dissection", "acute_systemic_infection"})
        CHECK(std::find(absolute.begin(), absolute.end(), name) != absolute.end());

    for (const auto& name : absolute) {
        CAPTURE(name);
        Patient p = test::adult();
        p.contraindications.named = {name};
        Plan pl = test::plan(1);
        pl.sessions = {relax(day(0), 30), aer(day(1), 45)};
        const auto all = test::check(p, pl);
        CHECK(test::with_rule(all, "safety.contraindication").size() == 1u);
        const Finding f = one(all, "safety.contraindication", Severity::error);
        CHECK(f.path == "/sessions/1");  // the first training session
        CHECK_FALSE(f.week.has_value());  // plan-wide
        CHECK_FALSE(f.date.has_value());
        CHECK(f.actual == name);
        CHECK(cites(f, "acsm"));
    }
}

TEST_CASE("safety.contraindication: a plan without training sessions has no error") {
    Patient p = test::adult();
    p.contraindications.named = {"unstable_angina", "acute_systemic_infection"};
    p.contraindications.resting_bp = BloodPressure{210, 120};
    Plan pl = test::plan(1);
    pl.sessions = {relax(day(0), 30), of_type(day(2), 20, SessionType::education), of_type(day(4), 20, SessionType::mobility)};
    const auto all = test::check(p, pl);
    INFO(test::dump(all));
    no_finding(all, "safety.contraindication");
    CHECK(count(all).errors == 0);
}

TEST_CASE("safety.contraindication: resting BP 200/110 passes, 201/95 and 185/111 are errors") {
    REQUIRE(param("safety.contraindication", "max_systolic") == 200);
    REQUIRE(param("safety.contraindication", "max_diastolic") == 110);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45)};
    Patient p = test::adult();
    p.contraindications.resting_bp = BloodPressure{200, 110};
    no_finding(test::check(p, pl), "safety.contraindication");

    for (const BloodPressure bp : {BloodPressure{201, 95}, BloodPressure{185, 111}}) {
        CAPTURE(bp.systolic);
        CAPTURE(bp.diastolic);
        p.contraindications.resting_bp = bp;
        const auto all = test::check(p, pl);
        CHECK(test::with_rule(all, "safety.contraindication").size() == 1u);
        const Finding f = one(all, "safety.contraindication", Severity::error);
        CHECK(f.path == "/sessions/0");
        CHECK_FALSE(f.week.has_value());
        CHECK(f.actual == std::to_string(bp.systolic) + "/" + std::to_string(bp.diastolic) + " mmHg");
    }
}

TEST_CASE("safety.contraindication: MI 2 days before a session is an error (day 2 included), 3 days passes") {
    REQUIRE(param("safety.contraindication", "mi_min_days") == 2);
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(2), 45)};  // Wednesday 2026-11-25
    Patient p = test::adult();

    p.contraindications.myocardial_infarction_date = day(0);  // day 2 before the session
    auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "safety.contraindication").size() == 1u);
    const Finding f = one(all, "safety.contraindication", Severity::error);
    CHECK(f.path == "/sessions/0/date");
    CHECK(str(f.date) == "2026-11-25");
    CHECK(f.actual == "2 days");

    p.contraindications.myocardial_infarction_date = day(2);  // same day
    CHECK(one(test::check(p, pl), "safety.contraindication", Severity::error).actual == "0 days");

    p.contraindications.myocardial_infarction_date = day(-1);  // day 3 before the session
    no_finding(test::check(p, pl), "safety.contraindication");
}

TEST_CASE("safety.contraindication: an unknown named contraindication is a plan-wide error") {
    Patient p = test::adult();
    p.contraindications.named = {"unstable_angina_typo"};
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45)};
    const auto all = test::check(p, pl);
    CHECK(test::with_rule(all, "safety.contraindication").size() == 1u);
    const Finding f = one(all, "safety.contraindication", Severity::error);
    CHECK(f.path == "");
    CHECK_FALSE(f.week.has_value());
    CHECK(f.actual == "unstable_angina_typo");
}

TEST_CASE("safety.contraindication: an intensive contraindication makes vigorous sessions errors") {
    for (const auto& name : param_list("safety.contraindication", "intensive")) {
        CAPTURE(name);
        Patient p = test::adult();
        p.contraindications.named = {name};
        Plan pl = test::plan(1);
        pl.sessions = {moderate(day(0), 45), vigorous(day(2), 45)};
        const auto all = test::check(p, pl);
        CHECK(test::with_rule(all, "safety.contraindication").size() == 1u);
        const Finding f = one(all, "safety.contraindication", Severity::error);
        CHECK(f.path == "/sessions/1/intensity/class");
        CHECK(f.actual == "vigorous");
        CHECK(contains(f.message.en, name));
    }
}

TEST_CASE("safety.contraindication: an intensive contraindication lowers the HR ceiling to 76 % (136.8 -> 136 passes, 137 errors)") {
    REQUIRE(param("intensity.heart_rate", "moderate_max_percent") == 76);
    Patient p = test::adult();
    p.contraindications.named = {"untreated_epilepsy"};
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45, 110, 136)};
    auto all = test::check(p, pl);
    no_finding(all, "safety.contraindication");
    no_finding(all, "intensity.heart_rate");

    // 137 bpm is above the ceiling and, read by its numbers, vigorous work: two errors.
    pl.sessions = {aer(day(0), 45, 110, 137)};
    all = test::check(p, pl);
    CHECK(test::with_rule(all, "safety.contraindication").size() == 2u);
    const auto ceiling = at_path(test::with_rule(all, "safety.contraindication", Severity::error), "/sessions/0/intensity/hr_high_bpm");
    REQUIRE(ceiling.size() == 1u);
    CHECK(contains(ceiling[0].expected, "<= 136 bpm"));
    CHECK(at_path(test::with_rule(all, "safety.contraindication", Severity::error), "/sessions/0/intensity/class").size() == 1u);
    // Called moderate, it reaches into vigorous: a class warning, no other intensity finding.
    const auto hr = test::with_rule(all, "intensity.heart_rate");
    REQUIRE(hr.size() == 1u);
    CHECK(hr[0].severity == Severity::warning);
    CHECK(hr[0].path == "/sessions/0/intensity/class");
    no_finding(all, "safety.clearance");

    // % HRmax form: 76 passes, 77 errors.
    pl.sessions = {percent_session(day(0), 45, 64, 76)};
    no_finding(test::check(p, pl), "safety.contraindication");
    pl.sessions = {percent_session(day(0), 45, 64, 77)};
    CHECK(at_path(test::with_rule(test::check(p, pl), "safety.contraindication", Severity::error),
                  "/sessions/0/intensity/percent_high").size() == 1u);
}

// =====================================================================================
// safety.stop_signals
// =====================================================================================

TEST_CASE("safety.stop_signals: each missing signal is an error at /stop_signals") {
    const auto& signals = param_list("safety.stop_signals", "signals");
    REQUIRE(signals.size() == 7u);  // the general signs everyone needs
    Plan full = test::plan(1);
    full.sessions = {aer(day(0), 45)};
    no_finding(test::check(test::adult(), full), "safety.stop_signals");

    for (const auto& sig : signals) {
        CAPTURE(sig);
        Plan pl = full;
        pl.stop_signals.erase(std::find(pl.stop_signals.begin(), pl.stop_signals.end(), sig));
        const auto all = test::check(test::adult(), pl);
        CHECK(test::with_rule(all, "safety.stop_signals").size() == 1u);
        const Finding f = one(all, "safety.stop_signals", Severity::error);
        CHECK(f.path == "/stop_signals");
        CHECK_FALSE(f.week.has_value());
        CHECK(f.actual == "missing: " + sig);
    }
}

TEST_CASE("safety.stop_signals: patient_facing = false needs no stop signals") {
    Plan pl = test::plan(1);
    pl.sessions = {aer(day(0), 45)};
    pl.stop_signals.clear();
    CHECK(one(test::check(test::adult(), pl), "safety.stop_signals", Severity::error).actual ==
          "missing: chest_pain, unusual_breathlessness, acute_dizziness, palpitations, severe_headache, calf_pain, "
          "emotional_dysregulation");
    pl.patient_facing = false;
    no_finding(test::check(test::adult(), pl), "safety.stop_signals");
}

// =====================================================================================
// all rules
// =====================================================================================

TEST_CASE("all rules: a clean adult plan (4 good weeks) has zero findings") {
    Plan pl = test::plan(4);
    for (int w = 0; w < 4; ++w) test::add_good_week(pl, day(7 * w).to_string().c_str());
    const auto all = test::check(test::adult(), pl);
    INFO(test::dump(all));
    CHECK(all.empty());
}

TEST_CASE("all rules: findings are sorted deterministically, plan-wide first, indices numerically") {
    Patient p = test::adult();
    p.contraindications.named = {"zz_unknown", "unstable_angina"};
    Plan pl = test::plan(2);
    pl.stop_signals.pop_back();
    // Week 2 first in the array, then 11 aerobic sessions without intensity in week 1.
    pl.sessions.push_back(aer(day(8), 44, 107, 154));
    for (int i = 0; i < 11; ++i) pl.sessions.push_back(no_intensity(day(i % 5), 20));

    const auto first = test::check(p, pl);
    const auto second = test::check(p, pl);
    INFO(test::dump(first));
    REQUIRE(first.size() == second.size());
    REQUIRE(first.size() > 15u);
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(key(first[i]) == key(second[i]));

    // Plan-wide first: unknown contraindication (""), absolute one (first training session), stop signals.
    REQUIRE(first.size() >= 4u);
    CHECK(first[0].path == "");
    CHECK(first[1].path == "/sessions/0");
    CHECK(first[1].rule == "safety.contraindication");
    CHECK(first[2].path == "/stop_signals");
    for (std::size_t i = 0; i < 3; ++i) CHECK_FALSE(first[i].week.has_value());
    for (std::size_t i = 3; i < first.size(); ++i) CHECK(first[i].week.has_value());

    // The documented order holds for every adjacent pair.
    for (std::size_t i = 0; i + 1 < first.size(); ++i) {
        CAPTURE(i);
        CHECK_FALSE(documented_less(first[i + 1], first[i]));
    }

    // /sessions/10 and /sessions/11 come after /sessions/9, not after /sessions/1.
    std::vector<std::string> missing;
    for (const auto& f : first)
        if (f.rule == "intensity.heart_rate" && f.actual == "none") missing.push_back(f.path);
    const std::vector<std::string> expected = {"/sessions/1", "/sessions/2", "/sessions/3", "/sessions/4",
                                               "/sessions/5", "/sessions/6", "/sessions/7", "/sessions/8",
                                               "/sessions/9", "/sessions/10", "/sessions/11"};
    CHECK(missing == expected);

    // Ties on week, path and rule: error before warning before info, then the English message.
    std::vector<Finding> tie(4);
    const Severity sevs[] = {Severity::info, Severity::warning, Severity::error, Severity::warning};
    const char* msgs[] = {"a", "b", "c", "a"};
    for (std::size_t i = 0; i < tie.size(); ++i) {
        tie[i].rule = "week.volume";
        tie[i].path = "/sessions/3";
        tie[i].week = day(0);
        tie[i].severity = sevs[i];
        tie[i].message = Text{msgs[i], msgs[i]};
    }
    sort_findings(tie);
    CHECK(tie[0].severity == Severity::error);
    CHECK(tie[1].severity == Severity::warning);
    CHECK(tie[1].message.en == "a");
    CHECK(tie[2].severity == Severity::warning);
    CHECK(tie[2].message.en == "b");
    CHECK(tie[3].severity == Severity::info);

    // sort_findings itself is stable under reshuffling.
    auto shuffled = first;
    std::reverse(shuffled.begin(), shuffled.end());
    sort_findings(shuffled);
    for (std::size_t i = 0; i < first.size(); ++i) CHECK(key(first[i]) == key(shuffled[i]));
}

TEST_CASE("all rules: each of the 19 plan rule IDs fires - every finding has en and nl messages and full citations") {
    std::vector<Finding> all;
    auto add = [&all](const Patient& p, const Plan& pl) {
        const auto f = test::check(p, pl);
        all.insert(all.end(), f.begin(), f.end());
    };
    {   // session.duration, week.sessions, week.volume, week.strength, safety.stop_signals
        Plan pl = test::plan(1);
        pl.sessions = {aer(day(0), 44)};
        pl.stop_signals.pop_back();
        add(test::adult(), pl);
    }
    {   // week.rest
        Plan pl = test::plan(1);
        for (int k = 0; k < 7; ++k) pl.sessions.push_back(aer(day(k), 45));
        add(test::adult(), pl);
    }
    add(aged(65), balance_week(0));  // week.balance
    {   // intensity.heart_rate
        Plan pl = test::plan(1);
        pl.sessions = {aer(day(0), 45, 107, 154)};
        add(test::adult(), pl);
    }
    {   // hiit.protocol, hiit.eligibility
        Plan pl = test::plan(1);
        pl.sessions = {hiit_on(day(0), 11)};
        add(test::adult(), pl);
    }
    {   // progression.graded
        Patient p = test::adult();
        p.baseline_minutes = 30;
        Plan pl = test::plan(1);
        pl.sessions = {moderate(day(0), 31)};
        add(p, pl);
    }
    {   // concussion.return
        Plan pl = concussion_plan();
        pl.sessions = {moderate(event_day(0), 30)};
        add(concussed(), pl);
    }
    {   // exercise.suitability (an ID no library has), exercise.dose (4 sets)
        Plan pl = test::plan(1);
        SessionPlan s = test::strength("2026-11-24", 20);
        ExerciseDose e;
        e.id = "no_such_exercise";
        e.name = "No such exercise";
        e.chain = "no_such_exercise";
        e.sets = 4;
        e.repetitions = 12;
        s.exercises.push_back(e);
        pl.sessions = {s};
        add(test::adult(), pl);
    }
    {   // safety.contraindication
        Patient p = test::adult();
        p.contraindications.named = {"unstable_angina"};
        Plan pl = test::plan(1);
        pl.sessions = {aer(day(0), 45)};
        add(p, pl);
    }
    {   // safety.clearance
        Patient p = test::adult();
        p.contraindications.named = {"medically_unstable"};
        Plan pl = test::plan(1);
        pl.sessions = {aer(day(0), 45)};
        add(p, pl);
    }

    {   // exercise.progression: a chain from level 1 to level 3
        Plan pl = test::plan(1);
        SessionPlan a = test::strength("2026-11-23", 20), b = test::strength("2026-11-26", 20);
        ExerciseDose x;
        x.id = "sit_to_stand_high_seat";
        x.chain = "sit_to_stand";
        x.sets = 2;
        x.repetitions = 10;
        a.exercises = {x};
        x.id = "sit_to_stand_no_hands";
        x.level = 3;
        b.exercises = {x};
        pl.sessions = {a, b};
        add(test::adult(), pl);
    }

    {   // priming.dosing_day (balance on the esketamine day) and priming.window (Tue and Wed
        // in the window hold no skill session, while Friday's balance session lies outside it)
        Patient p = test::adult();
        PrimingTreatment t;
        t.type = "esketamine";
        t.dates = {day(0)};
        p.priming_treatments = {t};
        Plan pl = test::plan(1);
        pl.sessions = {test::balance(day(0).to_string().c_str(), 20), test::balance(day(4).to_string().c_str(), 20)};
        add(p, pl);
    }

    std::set<std::string> fired;
    for (const auto& f : all) fired.insert(f.rule);
    std::set<std::string> ids;
    for (const auto& [id, rule] : builtin_rules().rules)
        if (id.rfind("progress.", 0) != 0 && id.rfind("load.", 0) != 0) ids.insert(id);  // log rules: progress_test.cpp
    CHECK(ids.size() == 19u);  // safety.clearance fires for vigorous work without a vigorous clearance
    CHECK(fired == ids);

    std::set<std::string> references;
    for (const auto& [k, text] : builtin_rules().references) references.insert(text);
    for (const auto& f : all) {
        CAPTURE(key(f));
        CHECK_FALSE(f.message.en.empty());
        CHECK_FALSE(f.message.nl.empty());
        CHECK(f.message.en != f.message.nl);
        CHECK_FALSE(contains(f.message.en, "{"));
        CHECK_FALSE(contains(f.message.nl, "{"));
        CHECK_FALSE(f.citations.empty());
        for (const auto& c : f.citations) CHECK(references.count(c) == 1u);
        // Severity follows the Conventions: safety rules and hiit.eligibility never warn.
        if (f.rule.rfind("safety.", 0) == 0 || f.rule == "hiit.eligibility") CHECK(f.severity == Severity::error);
        // Dose rules fall short or run over without direct hazard: never an error.
        if (f.rule.rfind("week.", 0) == 0 || f.rule == "session.duration") CHECK(f.severity != Severity::error);
    }
}

TEST_CASE("intensity.heart_rate: every stated target meets the ceilings, whatever the session type") {
    Patient p = cleared(test::adult());  // HRmax 180, ceiling 153 (with a vigorous clearance)
    Plan pl = test::plan(1);
    SessionPlan st = test::strength("2026-11-24", 45);
    st.intensity = Intensity{IntensityClass::vigorous, Range{150, 154}, std::nullopt, std::nullopt};
    pl.sessions = {st};
    auto f = test::with_rule(test::check(p, pl), "intensity.heart_rate", Severity::error);
    REQUIRE(f.size() == 1u);
    CHECK(f[0].path == "/sessions/0/intensity/hr_high_bpm");
    // RPE above 17 is above every ceiling.
    SessionPlan a = test::aerobic("2026-11-24", 45);
    a.intensity = Intensity{IntensityClass::vigorous, std::nullopt, std::nullopt, Range{15, 17}};
    pl.sessions = {a};
    CHECK(test::with_rule(test::check(p, pl), "intensity.heart_rate", Severity::error).empty());
    pl.sessions[0].intensity->rpe = Range{16, 18};
    f = test::with_rule(test::check(p, pl), "intensity.heart_rate", Severity::error);
    REQUIRE(f.size() == 1u);
    CHECK(f[0].path == "/sessions/0/intensity/rpe_high");
    // bpm and % both stated: both are checked.
    pl.sessions = {test::aerobic("2026-11-24", 45, 110, 130)};
    pl.sessions[0].intensity->percent_hrmax = Range{95, 100};
    f = test::with_rule(test::check(p, pl), "intensity.heart_rate", Severity::error);
    REQUIRE(f.size() == 1u);
    CHECK(f[0].path == "/sessions/0/intensity/percent_high");
}

TEST_CASE("safety.contraindication: vigorous strength work is blocked like vigorous aerobic work") {
    Patient p = test::adult();
    p.contraindications.named = {"severe_heart_disease"};
    Plan pl = test::plan(1);
    SessionPlan st = test::strength("2026-11-24", 45);
    st.intensity = Intensity{IntensityClass::vigorous, std::nullopt, std::nullopt, Range{14, 16}};
    pl.sessions = {st};
    CHECK(test::with_rule(test::check(p, pl), "safety.contraindication", Severity::error).size() == 1u);
}

TEST_CASE("all rules: validate() tolerates a C++-built plan with a session outside its weeks") {
    Plan pl = test::plan(1);
    pl.sessions = {test::aerobic("2027-06-01", 45)};
    const auto f = test::check(test::adult(), pl);  // no out-of-bounds access (ASan build checks)
    CHECK(test::with_rule(f, "week.sessions", Severity::warning).size() == 1u);
}

TEST_CASE("hiit.eligibility: build_up_weeks and min_baseline_minutes, both sides of each limit") {
    Patient p = test::adult();
    p.hiit_screening_done = true;
    const auto hiit_on = [&](const char* date, int baseline) {
        p.baseline_minutes = baseline;
        Plan pl = test::plan(4);
        pl.sessions.push_back(test::hiit(date));
        return test::with_rule(test::check(p, pl), "hiit.eligibility", Severity::error);
    };
    // Week 2 (the last build-up week): baseline 19 min is below 20 -> error; 20 passes.
    CHECK(hiit_on("2026-12-06", 19).size() == 1);
    CHECK(hiit_on("2026-12-06", 20).empty());
    // Week 3 is past the build-up: any baseline.
    CHECK(hiit_on("2026-12-07", 0).empty());
    const auto f = hiit_on("2026-11-23", 5);
    REQUIRE(f.size() == 1);
    CHECK(f[0].path == "/sessions/0/date");
    CHECK(f[0].message.en.find("week 1") != std::string::npos);
}

// =====================================================================================
// Planned shortfalls (issue 19): a build-up week's or a concussion step 1-3 shortfall in
// session.duration, week.volume, week.sessions, week.strength or week.balance is one
// week.volume info finding for the plan, not a warning per session or week. After the
// build-up the warnings stay.
// =====================================================================================

namespace {

// Two plan weeks from Monday 2026-11-23, moderate sessions on days 0, 2, 4 and 5 of each
// week and 10 min of strength on days 0 and 2: 220 -> 220 training minutes. `short_week`
// (1 or 2) has a 44-min session on its day 5 instead of 50.
Plan build_up_plan(int short_week, std::optional<int> full_dose_week) {
    Plan pl = test::plan(2);
    for (int w = 0; w < 2; ++w) {
        for (int k : {0, 2, 4, 5}) pl.sessions.push_back(moderate(day(7 * w + k), w + 1 == short_week && k == 5 ? 44 : 50));
        for (int k : {0, 2}) pl.sessions.push_back(strength_on(day(7 * w + k), 10));
    }
    std::stable_sort(pl.sessions.begin(), pl.sessions.end(),
                     [](const SessionPlan& a, const SessionPlan& b) { return a.date < b.date; });
    pl.full_dose_week = full_dose_week;
    return pl;
}

std::vector<Finding> errors_in(const std::vector<Finding>& all) {
    std::vector<Finding> out;
    for (const Finding& f : all)
        if (f.severity == Severity::error) out.push_back(f);
    return out;
}

std::vector<Finding> planned_infos(const std::vector<Finding>& all) {
    std::vector<Finding> out;
    for (const Finding& f : test::with_rule(all, "week.volume", Severity::info))
        if (f.path == "/full_dose_week" || f.path == "/sessions" || f.path.empty()) out.push_back(f);
    return out;
}

}  // namespace

TEST_CASE("session.duration build_up: a build-up week's 44-min session gives no warning, the same session after the build-up gives one") {
    REQUIRE(param("session.duration", "min_minutes") == 45);
    // Full dose from week 2: week 1 builds up.
    auto all = test::check(test::adult(), build_up_plan(1, 2));
    {
        INFO(test::dump(all));
        CHECK(test::with_rule(all, "session.duration", Severity::warning).empty());
        CHECK(errors_in(all).empty());
    }
    const auto infos = planned_infos(all);
    REQUIRE(infos.size() == 1u);
    CHECK(infos[0].path == "/full_dose_week");
    CHECK(contains(infos[0].message.en, "Build-up: the plan keeps week 1 below the full dose on purpose"));
    CHECK(contains(infos[0].message.nl, "Opbouw: het plan houdt week 1 bewust onder de volledige dosis"));
    CHECK(contains(infos[0].message.en, "strength or balance (1) are not listed one by one"));
    CHECK(contains(infos[0].message.en, "The full dose comes in week 2, from 2026-11-30."));
    CHECK(contains(infos[0].message.nl, "De volledige dosis komt in week 2, vanaf 2026-11-30."));
    CHECK(infos[0].actual == "1 planned shortfall(s)");

    // The same session in week 2, the full-dose week: a warning, and no build-up finding.
    all = test::check(test::adult(), build_up_plan(2, 2));
    const Finding f = one(all, "session.duration", Severity::warning);
    CHECK(str(f.date) == "2026-12-05");
    CHECK(f.actual == "44 min");
    CHECK(planned_infos(all).empty());

    // Full dose from week 1: no build-up, the 44-min session in week 1 warns.
    all = test::check(test::adult(), build_up_plan(1, 1));
    CHECK(str(one(all, "session.duration", Severity::warning).date) == "2026-11-28");
}

TEST_CASE("week.volume build_up: 149 min in a build-up week is planned, 149 min after it warns - 150 passes either way") {
    REQUIRE(param("week.volume", "min_minutes") == 150);
    // Week 1: 3 x 50 - 1 = 149 moderate minutes; week 2: 3 x 50 = 150 (a rise within 20 %).
    Plan pl = two_weeks({50, 50, 49}, {50, 50, 50});
    pl.full_dose_week = 2;
    auto all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.volume", Severity::warning).empty());
    REQUIRE(planned_infos(all).size() == 1u);
    // Without full_dose_week a plan that rises 149 -> 150 up to its last week builds up
    // through it: the full dose comes after the plan.
    pl.full_dose_week.reset();
    all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.volume", Severity::warning).empty());
    REQUIRE(planned_infos(all).size() == 1u);
    CHECK(contains(planned_infos(all)[0].message.en, "The full dose comes after this plan."));
    CHECK(contains(planned_infos(all)[0].message.en, "the plan keeps weeks 1-2 below"));
    CHECK(contains(planned_infos(all)[0].message.nl, "het plan houdt week 1-2 dus bewust"));
    // Three weeks, 149 -> 150 -> 150: the minutes stop rising in week 2.
    pl = test::plan(3);
    for (int w = 0; w < 3; ++w)
        for (int k : {0, 2, 4}) pl.sessions.push_back(moderate(day(7 * w + k), w == 0 && k == 4 ? 49 : 50));
    all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.volume", Severity::warning).empty());
    REQUIRE(planned_infos(all).size() == 1u);
    CHECK(contains(planned_infos(all)[0].message.en, "rise week on week up to week 2 (from 2026-11-30)"));
    // 149 in week 2 (the full-dose week): a warning.
    pl = two_weeks({50, 50, 50}, {50, 50, 49});
    pl.full_dose_week = 2;
    all = test::check(test::adult(), pl);
    CHECK(one(all, "week.volume", Severity::warning).actual == "149 min");
    // 150 in week 1: nothing to plan, no finding.
    pl = two_weeks({50, 50, 50}, {50, 50, 55});
    pl.full_dose_week = 2;
    all = test::check(test::adult(), pl);
    CHECK(test::with_rule(all, "week.volume", Severity::warning).empty());
    for (const Finding& f : test::with_rule(all, "week.volume")) CHECK(f.actual != "150 min");
}

TEST_CASE("progression.graded build_up reading: rising weeks within the cap build up - a flat plan has no build-up - a rise above the cap ends it") {
    REQUIRE(param("progression.graded", "max_weekly_increase_percent") == 20);
    const EffectiveRules rules(builtin_rules(), test::adult());
    const auto weeks_of = [&](std::vector<int> minutes) {
        Plan pl = test::plan(static_cast<int>(minutes.size()));
        for (std::size_t k = 0; k < minutes.size(); ++k)
            pl.sessions.push_back(moderate(day(static_cast<int>(7 * k)), minutes[k]));
        return reading::build_up_weeks(rules, pl);
    };
    // 100 -> 120 -> 120: week 1 builds up, the full dose in week 2.
    auto b = weeks_of({100, 120, 120});
    CHECK(b.weeks == 1);
    CHECK(b.full_dose_week == 2);
    // 100 -> 110 -> 121 -> 121: weeks 1-2, full dose week 3.
    b = weeks_of({100, 110, 121, 121});
    CHECK(b.weeks == 2);
    CHECK(b.full_dose_week == 3);
    // Rising through the last week: all weeks build up, the full dose after the plan.
    b = weeks_of({100, 110});
    CHECK(b.weeks == 2);
    CHECK(b.full_dose_week == 0);
    // Flat, falling, a single week: none.
    CHECK(weeks_of({100, 100}).weeks == 0);
    CHECK(weeks_of({100, 90}).weeks == 0);
    CHECK(weeks_of({100}).weeks == 0);
    // 100 -> 121 is above the 20 % cap: not a build-up (progression.graded reports the error).
    CHECK(weeks_of({100, 121, 130}).weeks == 0);
    // 100 -> 120 passes, 120 -> 145 (cap 144) ends the run: week 1 only.
    b = weeks_of({100, 120, 145});
    CHECK(b.weeks == 1);
    CHECK(b.full_dose_week == 2);
    // full_dose_week wins over the minutes.
    Plan pl = test::plan(3);
    pl.full_dose_week = 3;
    CHECK(reading::build_up_weeks(rules, pl).weeks == 2);
}

TEST_CASE("week.sessions build_up: an ISO week with a build-up day is planned (a plan from Wednesday), the next is not") {
    // Plan weeks from Wed 2026-11-25; full dose in plan week 2 (from Wed 12-02). ISO week
    // 11-30..12-06 starts with build-up days (Mon, Tue): planned. ISO week 12-07 is not.
    Plan pl = test::plan(3, "2026-11-25");
    for (int k = 0; k < 21; k += 7) pl.sessions.push_back(moderate(test::d("2026-11-25").plus_days(k), 50));
    pl.full_dose_week = 2;
    const auto all = test::check(test::adult(), pl);
    const auto w = test::with_rule(all, "week.sessions", Severity::warning);
    REQUIRE(w.size() == 1u);
    CHECK(str(w[0].week) == "2026-12-07");
    REQUIRE(planned_infos(all).size() == 1u);
}

TEST_CASE("week.volume concussion: shortfalls in steps 1-3 are one info finding - errors stay errors") {
    // 20-min walks in step 2A and 3: shortfalls in session length, sessions, volume, strength.
    Plan pl = concussion_plan();
    pl.sessions = {step_bpm(event_day(3), 2, "", 81, 99), step_bpm(event_day(10), 3, "", 116, 136, IntensityClass::moderate)};
    for (auto& s : pl.sessions) s.minutes = 20;
    auto all = test::check(concussed(), pl);
    INFO(test::dump(all));
    const auto infos = planned_infos(all);
    REQUIRE(infos.size() == 1u);
    CHECK(infos[0].path.empty());
    CHECK(contains(infos[0].message.en, "before step 4"));
    CHECK(contains(infos[0].message.nl, "voor stap 4"));
    for (const char* rule : {"week.volume", "week.sessions", "session.duration", "week.strength"})
        CHECK(test::with_rule(all, rule, Severity::warning).empty());
    // An error stays an error: step 2A above its ceiling in the same plan.
    pl.sessions[0].intensity->hr_bpm->high = 120;
    all = test::check(concussed(), pl);
    CHECK_FALSE(errors_in(all).empty());
}
