// concussion.return in the follow-up (issue 18): a session log after a concussion read
// against a plan whose sessions carry their step (SessionPlan::concussion_step, stage) and
// whose ladders carry their dates (Plan::return_ladders). The plans are built here from
// the readings (concussion_stage_on, heart_rate_zones), not by the generator, so these
// tests judge progress() and replan() alone. Each limit on both sides.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>

#include "rules/readings.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using test::d;

namespace {

// A 24-year-old footballer, concussed on 2026-11-01; with `gates`, symptoms resolved on
// 2026-11-10 and a doctor's clearance on 2026-11-11 (step 4 from 11-11, 5 from 11-12,
// 6 from 11-13 by the reading's schedule).
Patient athlete(bool gates) {
    Patient p;
    p.id = "P-C18";
    p.age = 24;
    p.sex = Sex::male;
    Condition c;
    c.type = ConditionType::concussion;
    c.event_date = d("2026-11-01");
    p.conditions.push_back(c);
    p.baseline_minutes = 20;
    ConcussionReturn cr;
    cr.ladders = {ReturnLadder::sport};
    cr.sport = "football";
    if (gates) {
        cr.symptoms_resolved = d("2026-11-10");
        Clearance cl;
        cl.date = d("2026-11-11");
        cl.by = "Dr. Jansen";
        cr.cleared = cl;
    }
    p.concussion_return = cr;
    return p;
}

// One 20-minute aerobic session a day from `start` for `weeks` weeks (none in step 1, the
// early relative rest), each at the stage in force that day and in that day's heart-rate zone; the sport ladder dated alike.
Plan ladder_plan(const Patient& p, const char* start, int weeks) {
    const EffectiveRules rules(builtin_rules(), p);
    Plan plan = test::plan(weeks, start);
    plan.stop_signals = reading::required_stop_signals(rules, p);
    plan.programme = "concussion_return";
    plan.language = "en";
    for (int i = 0; i < 7 * weeks; ++i) {
        const Date day = plan.start_date.plus_days(i);
        const auto stage = reading::concussion_stage_on(rules, p, day);
        REQUIRE(stage);
        if (*stage == reading::ConcussionStage::step1) continue;  // early relative rest: no training session
        SessionPlan s;
        s.date = day;
        s.type = SessionType::aerobic;
        s.minutes = 20;
        s.concussion_step = reading::stage_number(*stage);
        const std::string label = reading::stage_label(*stage);
        if (s.concussion_step == 2) s.concussion_stage = label;
        s.title = "Step " + label;
        const HeartRateZones z = heart_rate_zones(p, rules, day);
        Intensity in;
        in.klass = IntensityClass::light;
        in.hr_bpm = Range{z.aerobic.low_bpm, z.aerobic.high_bpm};
        s.intensity = in;
        plan.sessions.push_back(s);
    }
    ReturnLadderPlan ladder;
    ladder.ladder = ReturnLadder::sport;
    ladder.sport = "football";
    for (const reading::ConcussionStepDate& sd : reading::concussion_schedule(rules, p)) {
        ReturnStep st;
        st.step = reading::stage_label(sd.stage);
        st.from = sd.from;
        if (sd.needs_resolution) st.gates.push_back("symptoms_resolved");
        if (sd.needs_clearance) st.gates.push_back("cleared");
        st.title = "Step " + st.step;
        ladder.steps.push_back(st);
    }
    plan.return_ladders.push_back(ladder);
    return plan;
}

const SessionPlan& on(const Plan& plan, const char* date) {
    const auto it = std::find_if(plan.sessions.begin(), plan.sessions.end(),
                                 [&](const SessionPlan& s) { return s.date == d(date); });
    REQUIRE(it != plan.sessions.end());
    return *it;
}

LogEntry entry(const char* date, std::optional<int> headache = std::nullopt) {
    LogEntry e;
    e.date = d(date);
    e.type = SessionType::aerobic;
    e.minutes = 20;
    e.rpe = 11;
    e.symptoms.headache = headache;
    return e;
}

ReplannedPlan re(const Patient& p, const Plan& plan, const SessionLog& log, const char* today) {
    auto r = replan(p, plan, log, d(today));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return std::move(r).value();
}

bool any_text(const std::vector<Finding>& f, const std::string& rule, const std::string& en, const std::string& nl) {
    return std::any_of(f.begin(), f.end(), [&](const Finding& x) {
        return x.rule == rule && x.message.en.find(en) != std::string::npos && x.message.nl.find(nl) != std::string::npos;
    });
}

const ReturnStep& step(const Plan& plan, const char* label) {
    REQUIRE(plan.return_ladders.size() == 1);
    for (const ReturnStep& s : plan.return_ladders[0].steps)
        if (s.step == label) return s;
    FAIL("no step " << label);
    return plan.return_ladders[0].steps[0];
}

}  // namespace

TEST_CASE("concussion.return: the hand-built ladder plan validates with zero errors") {
    for (bool gates : {false, true}) {
        const Patient p = athlete(gates);
        const Plan plan = ladder_plan(p, "2026-11-02", 3);
        const auto errors = test::with_rule(test::check(p, plan), "concussion.return", Severity::error);
        CHECK_MESSAGE(errors.empty(), test::dump(errors));
        for (const Finding& f : test::check(p, plan)) CHECK_MESSAGE(f.severity != Severity::error, f.rule << " " << f.message.en);
    }
}

TEST_CASE("progress.symptoms: after a concussion a rise of 2 in step 2A repeats nothing, a rise of 3 repeats the step after 24 h") {
    const Patient p = athlete(false);
    const Plan plan = ladder_plan(p, "2026-11-02", 3);
    // 2A: 11-03 .. 11-05, 2B from 11-06, 3 from 11-09.
    REQUIRE(on(plan, "2026-11-05").concussion_stage == "2A");
    REQUIRE(on(plan, "2026-11-06").concussion_stage == "2B");
    for (int rise : {2, 3}) {
        CAPTURE(rise);
        SessionLog log;
        log.entries = {entry("2026-11-03", 1), entry("2026-11-04", 1), entry("2026-11-05", 1 + rise)};
        const ReplannedPlan r = re(p, plan, log, "2026-11-05");
        if (rise == 2) {
            CHECK(r.progress.concussion_rises.empty());
            CHECK(r.progress.next == Decision::advance);
            CHECK(on(r.plan, "2026-11-06").concussion_stage == "2B");
            CHECK(step(r.plan, "2B").from == d("2026-11-06"));
            continue;
        }
        REQUIRE(r.progress.concussion_rises.size() == 1);
        CHECK(r.progress.concussion_rises[0].step == "2A");
        CHECK(r.progress.concussion_rises[0].back_to == "2A");
        CHECK(r.progress.next == Decision::hold);
        CHECK(r.progress.next_rule == "progress.symptoms");
        CHECK(r.progress.next_from == d("2026-11-05"));  // at once
        CHECK(r.progress.next_reason.en.find("step 2A is repeated") != std::string::npos);
        CHECK(r.progress.next_reason.nl.find("stap 2A wordt herhaald") != std::string::npos);
        // The step is repeated the next day (never a step back), 2B at least 24 h after
        // the repeat, and the later steps keep their spacing.
        CHECK(on(r.plan, "2026-11-06").concussion_step == 2);
        CHECK(on(r.plan, "2026-11-06").concussion_stage == "2A");
        CHECK(on(r.plan, "2026-11-07").concussion_stage == "2B");
        CHECK(on(r.plan, "2026-11-09").concussion_stage == "2B");
        CHECK(on(r.plan, "2026-11-10").concussion_step == 3);
        for (const SessionPlan& s : r.plan.sessions)
            if (s.date >= d("2026-11-05")) CHECK(*s.concussion_step >= 2);
        CHECK(step(r.plan, "2B").from == d("2026-11-07"));
        CHECK(step(r.plan, "3").from == d("2026-11-10"));
        CHECK(!step(r.plan, "4").from);
        CHECK(any_text(r.plan.findings, "concussion.return", "step 2A is repeated", "stap 2A wordt herhaald"));
        // Sessions before today as they were.
        CHECK(on(r.plan, "2026-11-04").concussion_stage == "2A");
    }
}

TEST_CASE("progress.symptoms: the concussion score, 2 points up in step 3 repeats nothing, 3 points repeats step 3") {
    const Patient p = athlete(false);
    const Plan plan = ladder_plan(p, "2026-11-02", 3);
    for (int rise : {2, 3}) {
        CAPTURE(rise);
        SessionLog log;
        LogEntry a = entry("2026-11-10"), b = entry("2026-11-11");
        a.symptoms.concussion_score = 10;
        b.symptoms.concussion_score = 10 + rise;
        log.entries = {a, b};
        const ReplannedPlan r = re(p, plan, log, "2026-11-11");
        CHECK(r.progress.concussion_rises.size() == (rise == 2 ? 0u : 1u));
        if (rise == 3) {
            CHECK(r.progress.concussion_rises[0].step == "3");
            CHECK(r.progress.concussion_rises[0].back_to == "3");
            CHECK(r.progress.next == Decision::hold);
        }
        for (const SessionPlan& s : r.plan.sessions)
            if (s.date >= d("2026-11-11")) CHECK(*s.concussion_step == 3);
    }
}

TEST_CASE("concussion.return: a rise of 2 on a step-4 day goes on, a rise of 3 goes back to step 3 (not one step) and undates steps 4-6") {
    const Patient p = athlete(true);
    const Plan plan = ladder_plan(p, "2026-11-12", 3);
    REQUIRE(on(plan, "2026-11-12").concussion_step == 5);
    REQUIRE(on(plan, "2026-11-13").concussion_step == 6);
    REQUIRE(step(plan, "4").from == d("2026-11-11"));
    for (int rise : {2, 3}) {
        CAPTURE(rise);
        SessionLog log;
        log.entries = {entry("2026-11-12", 0), entry("2026-11-13", rise)};
        const ReplannedPlan r = re(p, plan, log, "2026-11-13");
        if (rise == 2) {
            CHECK(r.progress.next == Decision::advance);
            CHECK(on(r.plan, "2026-11-14").concussion_step == 6);
            CHECK(step(r.plan, "6").from == d("2026-11-13"));
            continue;
        }
        REQUIRE(r.progress.concussion_rises.size() == 1);
        CHECK(r.progress.concussion_rises[0].step == "6");
        CHECK(r.progress.concussion_rises[0].back_to == "3");
        CHECK(r.progress.next == Decision::step_back);
        CHECK(r.progress.next_from == d("2026-11-13"));
        CHECK(r.progress.next_reason.en.find("back to step 3") != std::string::npos);
        for (const SessionPlan& s : r.plan.sessions)
            if (s.date >= d("2026-11-13")) {
                CHECK(s.concussion_step == 3);
            }
        CHECK(on(r.plan, "2026-11-12").concussion_step == 5);  // the past as it was
        for (const char* label : {"4", "5", "6"}) CHECK(!step(r.plan, label).from);
        CHECK(step(r.plan, "3").from == d("2026-11-09"));
        CHECK(any_text(r.plan.findings, "concussion.return", "back to step 3", "terug naar stap 3"));
    }
}

TEST_CASE("concussion.return: a knock without symptoms does not stop, a knock with symptoms stops and refers (suspected new concussion)") {
    const Patient p = athlete(true);
    const Plan plan = ladder_plan(p, "2026-11-12", 3);
    for (int headache : {0, 1}) {
        CAPTURE(headache);
        SessionLog log;
        LogEntry e = entry("2026-11-12", headache);
        e.head_impact = true;
        e.note = "knock in a contact drill";
        log.entries = {e};
        const ReplannedPlan r = re(p, plan, log, "2026-11-12");
        if (headache == 0) {
            CHECK(r.progress.next != Decision::stop_and_refer);
            CHECK(!r.plan.paused);
            CHECK(test::with_rule(r.progress.findings, "concussion.return").empty());
            CHECK(on(r.plan, "2026-11-18").concussion_step == 6);
            continue;
        }
        CHECK(r.progress.next == Decision::stop_and_refer);
        CHECK(r.progress.next_rule == "concussion.return");
        CHECK(r.progress.head_impact_stop);
        CHECK(r.progress.next_reason.en.find("suspected new concussion") != std::string::npos);
        const auto refer = test::with_rule(r.progress.findings, "concussion.return", Severity::error);
        REQUIRE(refer.size() == 1);
        CHECK(refer[0].path == "/entries/0/head_impact");
        CHECK(refer[0].message.en.find("see a doctor") != std::string::npos);
        CHECK(refer[0].message.nl.find("ga naar een arts") != std::string::npos);
        REQUIRE(r.plan.paused);
        CHECK(r.plan.paused->since == d("2026-11-12"));
        for (const SessionPlan& s : r.plan.sessions) CHECK(s.date < d("2026-11-12"));
        for (const char* label : {"5", "6"}) CHECK(!step(r.plan, label).from);
        CHECK(any_text(r.plan.findings, "concussion.return", "Suspected new concussion", "nieuwe hersenschudding"));
    }
}

TEST_CASE("concussion.return: a knock with symptoms before the session counts, a knock with only pain counts - none without a concussion") {
    const Patient p = athlete(false);
    const Plan plan = ladder_plan(p, "2026-11-02", 2);
    SessionLog log;
    LogEntry e = entry("2026-11-04");
    e.head_impact = true;
    e.symptoms_before.dizziness = 2;
    log.entries = {e};
    CHECK(re(p, plan, log, "2026-11-04").progress.next == Decision::stop_and_refer);
    log.entries[0].symptoms_before = Symptoms{};
    log.entries[0].symptoms.pain = 1;
    CHECK(re(p, plan, log, "2026-11-04").progress.next == Decision::stop_and_refer);
}

TEST_CASE("concussion.return: symptoms 27 days after the concussion give no finding, 28 days after refer for multidisciplinary assessment") {
    const Patient p = athlete(false);
    const Plan plan = ladder_plan(p, "2026-11-02", 5);
    // Concussion on 2026-11-01: day 27 is 11-28, day 28 is 11-29.
    for (const char* date : {"2026-11-28", "2026-11-29"}) {
        CAPTURE(date);
        SessionLog log;
        log.entries = {entry(date, 1)};
        const ReplannedPlan r = re(p, plan, log, date);
        const auto w = test::with_rule(r.progress.findings, "concussion.return", Severity::warning);
        if (std::string(date) == "2026-11-28") {
            CHECK(w.empty());
            CHECK(test::with_rule(r.plan.findings, "concussion.return").empty());
            continue;
        }
        REQUIRE(w.size() == 1);
        CHECK(w[0].message.en.find("persisting post-concussive symptoms") != std::string::npos);
        CHECK(w[0].message.en.find("multidisciplinary") != std::string::npos);
        CHECK(w[0].message.nl.find("multidisciplinaire") != std::string::npos);
        CHECK(any_text(r.plan.findings, "concussion.return", "multidisciplinary", "multidisciplinaire"));
    }
}

TEST_CASE("concussion.return: no persisting finding for a score of 0 on day 28, nor when resolution was recorded before day 28") {
    SessionLog log;
    log.entries = {entry("2026-11-30", 0)};
    const Patient open = athlete(false);
    CHECK(test::with_rule(re(open, ladder_plan(open, "2026-11-02", 5), log, "2026-11-30").progress.findings,
                          "concussion.return")
              .empty());
    log.entries[0].symptoms.headache = 2;
    const Patient resolved = athlete(true);
    CHECK(test::with_rule(re(resolved, ladder_plan(resolved, "2026-11-12", 3), log, "2026-11-30").progress.findings,
                          "concussion.return")
              .empty());
}

TEST_CASE("concussion.return: replan dates steps 4-6 once the patient document records the gate, and not before") {
    const Patient before = athlete(false);
    const Plan plan = ladder_plan(before, "2026-11-12", 2);  // made before the gate was recorded
    REQUIRE(!step(plan, "4").from);
    SessionLog log;
    log.entries = {entry("2026-11-12", 0)};
    const ReplannedPlan same = re(before, plan, log, "2026-11-13");
    for (const char* label : {"4", "5", "6"}) CHECK(!step(same.plan, label).from);
    const ReplannedPlan now = re(athlete(true), plan, log, "2026-11-13");
    CHECK(step(now.plan, "4").from == d("2026-11-11"));
    CHECK(step(now.plan, "5").from == d("2026-11-12"));
    CHECK(step(now.plan, "6").from == d("2026-11-13"));
    CHECK(any_text(now.plan.findings, "concussion.return", "Step 5 of the concussion return is dated", "Stap 5"));
}

TEST_CASE("session log: head_impact is read, written only when true, and refused when not a boolean") {
    auto r = parse_session_log(R"({"entries": [{"date": "2026-11-12", "minutes": 20, "head_impact": true}]})");
    REQUIRE(r.ok());
    CHECK(r.value().entries[0].head_impact);
    CHECK(to_json(r.value()).find("\"head_impact\": true") != std::string::npos);
    auto plain = parse_session_log(R"({"entries": [{"date": "2026-11-12", "minutes": 20}]})");
    REQUIRE(plain.ok());
    CHECK(!plain.value().entries[0].head_impact);
    CHECK(to_json(plain.value()).find("head_impact") == std::string::npos);
    auto bad = parse_session_log(R"({"entries": [{"date": "2026-11-12", "minutes": 20, "head_impact": 1}]})");
    REQUIRE(!bad.ok());
    CHECK(bad.error().path == "/entries/0/head_impact");
}
