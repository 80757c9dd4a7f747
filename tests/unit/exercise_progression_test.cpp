// Double progression per exercise (exercise.progression): the log's per-exercise entries
// parsed and checked against the plan, the step per chain on both sides of each limit
// (top_sessions, the top of the range, pain_rise_points, max_sets, max_levels_up), the
// validator's level limit, the log-aware level check, and replan applying the step.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "followup/exercise_progress.hpp"
#include "render/render.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using test::d;

namespace {

Exercise exercise(const std::string& id, const std::string& chain, int level, int sets, int amount,
                  DoseType type = DoseType::repetitions) {
    Exercise e;
    e.id = id;
    e.name = Text{"Exercise " + id, "Oefening " + id};
    e.chain = chain;
    e.level = level;
    e.category = ExerciseCategory::strength_lower;
    e.position = BodyPosition::sitting;
    e.dose = {type, sets, amount, 60, false};
    return e;
}

// Sit to stand in three levels; a one-level chain of a hold.
RuleSet rules_with_library() {
    RuleSet set = builtin_rules();
    set.exercises.exercises = {exercise("sts_1", "sts", 1, 2, 10), exercise("sts_2", "sts", 2, 2, 10),
                               exercise("sts_3", "sts", 3, 2, 8),
                               exercise("hold_a", "hold", 1, 2, 10, DoseType::seconds)};
    return set;
}

ExerciseDose dose(const std::string& id, int level, int sets, int reps, const std::string& chain = "sts") {
    ExerciseDose x;
    x.id = id;
    x.name = "Exercise " + id;
    x.chain = chain;
    x.level = level;
    x.sets = sets;
    x.repetitions = reps;
    x.rest_seconds = 60;
    return x;
}

Patient older() {
    auto r = parse_patient(test::read_file("examples/patient-older-adult.json"));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

// A generated plan whose strength sessions each prescribe `x`.
Plan plan_with(const Patient& p, const RuleSet& set, const ExerciseDose& x) {
    PlanRequest q;
    q.start_date = d("2026-11-23");
    q.weeks = 6;
    q.language = "en";
    auto r = generate(p, q, set);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r.value().plan);
    Plan plan = *r.value().plan;
    int strength = 0;
    for (SessionPlan& s : plan.sessions)
        if (s.type == SessionType::strength) {
            s.exercises = {x};
            ++strength;
        }
    REQUIRE(strength >= 6);
    return plan;
}

std::vector<const SessionPlan*> strength_sessions(const Plan& plan) {
    std::vector<const SessionPlan*> out;
    for (const SessionPlan& s : plan.sessions)
        if (s.type == SessionType::strength) out.push_back(&s);
    return out;
}

// An entry logging the strength session `s` with one exercise done.
LogEntry entry(const SessionPlan& s, const std::string& id, std::vector<int> sets, std::optional<int> pain = std::nullopt,
               bool completed = true) {
    LogEntry e;
    e.date = s.date;
    e.type = s.type;
    e.minutes = s.minutes;
    ExerciseLogEntry x;
    x.id = id;
    x.sets = std::move(sets);
    x.pain = pain;
    x.completed = completed;
    e.exercises = {x};
    return e;
}

struct Fixture {
    RuleSet set = rules_with_library();
    Patient p = older();
    Plan plan;
    std::vector<const SessionPlan*> strength;
    explicit Fixture(const ExerciseDose& x = dose("sts_2", 2, 2, 10)) : plan(plan_with(p, set, x)) {
        strength = strength_sessions(plan);
    }
    std::vector<ExerciseProgress> judge(const SessionLog& log) const {
        return exercise_progress(plan, log, EffectiveRules(set, p));
    }
    ExerciseProgress one(const SessionLog& log) const {
        auto out = judge(log);
        REQUIRE(out.size() == 1);
        return out.front();
    }
};

}  // namespace

// ---- the log document ----------------------------------------------------------------

TEST_CASE("session log: per-exercise entries parse, are written back and parse again to the same log") {
    const std::string doc = R"({"entries": [{"date": "2026-11-24", "type": "strength", "minutes": 30,
        "exercises": [{"id": "sts_2", "sets": [12, 11], "load_kg": 1.5, "rpe": 13, "pain": 2, "completed": false}]}]})";
    auto r = parse_session_log(doc);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    const auto& x = r.value().entries.at(0).exercises;
    REQUIRE(x.size() == 1);
    CHECK(x[0].id == "sts_2");
    CHECK(x[0].sets == std::vector<int>{12, 11});
    CHECK(x[0].load_kg == 1.5);
    CHECK(x[0].rpe == 13);
    CHECK(x[0].pain == 2);
    CHECK_FALSE(x[0].completed);
    const std::string written = to_json(r.value());
    auto again = parse_session_log(written);
    REQUIRE(again.ok());
    CHECK(to_json(again.value()) == written);
    CHECK(written.find("\"load_kg\": 1.5") != std::string::npos);
}

TEST_CASE("session log: bad per-exercise values are errors at their JSON Pointer") {
    const auto err = [](const std::string& exercise) {
        auto r = parse_session_log(R"({"entries": [{"date": "2026-11-24", "minutes": 30, "exercises": [)" + exercise + "]}]}");
        REQUIRE_FALSE(r.ok());
        return r.error().path;
    };
    const std::string p = "/entries/0/exercises/0";
    CHECK(err(R"({"id": "sts_2", "sets": [10], "load_kg": 1e300})") == p + "/load_kg");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "load_kg": 500.5})") == p + "/load_kg");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "load_kg": -0.1})") == p + "/load_kg");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "load_kg": "2"})") == p + "/load_kg");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "load_kg": null})") == p + "/load_kg");
    CHECK(err(R"({"id": "sts_2", "sets": [1001]})") == p + "/sets/0");
    CHECK(err(R"({"id": "sts_2", "sets": [10, -1]})") == p + "/sets/1");
    CHECK(err(R"({"id": "sts_2", "sets": [10.5]})") == p + "/sets/0");
    CHECK(err(R"({"id": "sts_2", "sets": []})") == p + "/sets");
    CHECK(err(R"({"id": "sts_2", "sets": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]})") == p + "/sets");
    CHECK(err(R"({"id": "Sts", "sets": [10]})") == p + "/id");
    CHECK(err(R"({"sets": [10]})") == p + "/id");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "rpe": 5})") == p + "/rpe");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "rpe": 21})") == p + "/rpe");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "pain": 11})") == p + "/pain");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "completed": 1})") == p + "/completed");
    CHECK(err(R"({"id": "sts_2", "sets": [10], "reps": 1})") == p + "/reps");
    CHECK(err(R"({"id": "sts_2", "sets": [10]}, {"id": "sts_2", "sets": [9]})") == "/entries/0/exercises/1/id");
    // The limits themselves are allowed.
    auto ok = parse_session_log(R"({"entries": [{"date": "2026-11-24", "minutes": 30, "exercises": [
        {"id": "sts_2", "sets": [0, 1000], "load_kg": 500, "rpe": 6, "pain": 0},
        {"id": "sts_3", "sets": [1], "load_kg": 0, "rpe": 20, "pain": 10}]}]})");
    CHECK_MESSAGE(ok.ok(), ok.error().describe());
}

TEST_CASE("session log: an exercise the day's planned session does not hold is a schema error naming the entry") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {10, 10})};
    CHECK(check_session_log(log, f.plan, f.strength[0]->date).ok());
    log.entries[0].exercises[0].id = "sts_3";
    auto r = check_session_log(log, f.plan, f.strength[0]->date);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::schema_error);
    CHECK(r.error().path == "/entries/0/exercises/0/id");
    CHECK(r.error().message.find("/entries/0") != std::string::npos);
    // A day without that session.
    log.entries[0].exercises[0].id = "sts_2";
    log.entries[0].type = SessionType::hiit;
    auto r2 = check_session_log(log, f.plan, f.strength[0]->date);
    REQUIRE_FALSE(r2.ok());
    CHECK(r2.error().path == "/entries/0/exercises/0/id");
}

// ---- double progression --------------------------------------------------------------

TEST_CASE("exercise.progression: top_sessions (2) sessions running with every set at the top move one level up, one does not") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {15, 15})};
    auto one = f.one(log);
    CHECK(one.step != ExerciseStep::advance);
    CHECK(one.step == ExerciseStep::repeat);
    CHECK(one.next.repetitions == 15);
    log.entries.push_back(entry(*f.strength[1], "sts_2", {15, 15}));
    auto two = f.one(log);
    CHECK(two.step == ExerciseStep::advance);
    CHECK(two.why == "top_reached");
    CHECK(two.next.id == "sts_3");
    CHECK(two.next.level == 3);
    CHECK(two.next.repetitions == 8);  // the next level's default dose
    CHECK(two.evidence == std::vector<Date>{f.strength[0]->date, f.strength[1]->date});
    CHECK(two.reason.en.find("Exercise sts_3 (level 3), 2 x 8 repetitions") != std::string::npos);
    CHECK(two.reason.nl.find("niveau 3") != std::string::npos);
    // Not running: a session below the top in between.
    log.entries.insert(log.entries.begin() + 1, entry(*f.strength[1], "sts_2", {15, 12}));
    log.entries[2] = entry(*f.strength[2], "sts_2", {15, 15});
    CHECK(f.one(log).step != ExerciseStep::advance);
}

TEST_CASE("exercise.progression: the top of the range is top_repetitions (15): 14 in one set is below it") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {15, 15}), entry(*f.strength[1], "sts_2", {15, 14})};
    auto x = f.one(log);
    CHECK(x.step == ExerciseStep::repeat);  // the repetitions rise to what every set reached
    CHECK(x.why == "reps_rise");
    CHECK(x.next.repetitions == 14);
    CHECK(x.next.id == "sts_2");
    // Fewer sets than prescribed are not the top either.
    log.entries = {entry(*f.strength[0], "sts_2", {15, 15}), entry(*f.strength[1], "sts_2", {15})};
    CHECK(f.one(log).step == ExerciseStep::hold);
}

TEST_CASE("exercise.progression: pain rising by more than pain_rise_points (2) goes one level back, by 2 it does not") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {10, 10}, 1), entry(*f.strength[1], "sts_2", {10, 10}, 4)};
    auto three = f.one(log);
    CHECK(three.step == ExerciseStep::step_back);
    CHECK(three.why == "pain_rise");
    CHECK(three.next.id == "sts_1");
    CHECK(three.next.level == 1);
    CHECK(three.reason.en.find("from 1 to 4") != std::string::npos);
    log.entries[1].exercises[0].pain = 3;
    auto two = f.one(log);
    CHECK(two.step != ExerciseStep::step_back);
    CHECK(two.step == ExerciseStep::hold);
}

TEST_CASE("exercise.progression: the first rating of pain is compared with the session's pain before") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {10, 10}, 4)};
    log.entries[0].symptoms_before.pain = 1;
    CHECK(f.one(log).step == ExerciseStep::step_back);
    log.entries[0].symptoms_before.pain = 2;
    CHECK(f.one(log).step == ExerciseStep::hold);
    log.entries[0].symptoms_before.pain.reset();  // nothing to compare with
    CHECK(f.one(log).step == ExerciseStep::hold);
}

TEST_CASE("exercise.progression: an exercise not finished goes one level back") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {15, 15}), entry(*f.strength[1], "sts_2", {15, 15}),
                   entry(*f.strength[2], "sts_2", {10, 4}, std::nullopt, false)};
    auto x = f.one(log);
    CHECK(x.step == ExerciseStep::step_back);
    CHECK(x.why == "not_completed");
    CHECK(x.next.id == "sts_1");
}

TEST_CASE("exercise.progression: at level 1 a step back asks the repetitions managed, or holds when all were done") {
    Fixture f(dose("sts_1", 1, 2, 10));
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_1", {8, 6}, std::nullopt, false)};
    auto x = f.one(log);
    CHECK(x.step == ExerciseStep::step_back);
    CHECK(x.why == "fewer");
    CHECK(x.next.id == "sts_1");
    CHECK(x.next.repetitions == 6);
    log.entries = {entry(*f.strength[0], "sts_1", {10, 10}, 5)};
    log.entries[0].symptoms_before.pain = 0;
    auto held = f.one(log);
    CHECK(held.step == ExerciseStep::hold);
    CHECK(held.why == "level_one");
    CHECK(held.next.repetitions == 10);
}

TEST_CASE("exercise.progression: at the top of the chain one more set follows, up to max_sets (3)") {
    Fixture f(dose("sts_3", 3, 2, 8));
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_3", {15, 15}), entry(*f.strength[1], "sts_3", {15, 15})};
    auto x = f.one(log);
    CHECK(x.step == ExerciseStep::advance);
    CHECK(x.why == "set_added");
    CHECK(x.next.sets == 3);
    CHECK(x.next.id == "sts_3");

    Fixture g(dose("sts_3", 3, 3, 8));
    log.entries = {entry(*g.strength[0], "sts_3", {15, 15, 15}), entry(*g.strength[1], "sts_3", {15, 15, 15})};
    auto top = g.one(log);
    CHECK(top.step == ExerciseStep::hold);
    CHECK(top.why == "chain_top");
    CHECK(top.next.sets == 3);
}

TEST_CASE("exercise.progression: holds are judged against top_seconds (30)") {
    ExerciseDose h;
    h.id = "hold_a";
    h.chain = "hold";
    h.level = 1;
    h.sets = 2;
    h.seconds = 10;
    Fixture f(h);
    SessionLog log;
    log.entries = {entry(*f.strength[0], "hold_a", {30, 30}), entry(*f.strength[1], "hold_a", {30, 29})};
    auto below = f.one(log);
    CHECK(below.step == ExerciseStep::repeat);
    CHECK(below.next.seconds == 29);
    log.entries[1].exercises[0].sets = {30, 30};
    auto top = f.one(log);
    CHECK(top.step == ExerciseStep::advance);  // a chain of one: one more set
    CHECK(top.next.sets == 3);
}

// ---- the plan and the log ------------------------------------------------------------

TEST_CASE("exercise.progression: more than max_levels_up (1) level up between two prescriptions of a chain is an error") {
    Fixture f(dose("sts_1", 1, 2, 10));
    Plan plan = f.plan;
    const auto count = [&](const Plan& pl) {
        int n = 0;
        for (const Finding& x : validate(f.p, pl, f.set))
            if (x.rule == "exercise.progression" && x.severity == Severity::error) ++n;
        return n;
    };
    CHECK(count(plan) == 0);
    std::vector<SessionPlan*> s;
    for (SessionPlan& x : plan.sessions)
        if (x.type == SessionType::strength) s.push_back(&x);
    s[3]->exercises = {dose("sts_2", 2, 2, 10)};  // one level up
    CHECK(count(plan) == 0);
    s[4]->exercises = {dose("sts_3", 3, 2, 8)};   // one more
    CHECK(count(plan) == 0);
    s[4]->exercises = {dose("sts_3", 3, 2, 8)};
    s[3]->exercises = {dose("sts_1", 1, 2, 10)};  // level 1 -> 3
    CHECK(count(plan) == 1);
    bool at_path = false;
    for (const Finding& x : validate(f.p, plan, f.set))
        at_path = at_path || (x.rule == "exercise.progression" && x.path.find("/exercises/0/level") != std::string::npos);
    CHECK(at_path);
}

TEST_CASE("exercise.progression: with a log, a level up the log does not show earned is an error, earned it is not") {
    Fixture f;
    std::vector<SessionPlan*> s;
    for (SessionPlan& x : f.plan.sessions)
        if (x.type == SessionType::strength) s.push_back(&x);
    for (std::size_t k = 3; k < s.size(); ++k) s[k]->exercises = {dose("sts_3", 3, 2, 8)};
    const EffectiveRules rules(f.set, f.p);
    SessionLog log;
    // Never every set at the top (15): level 2 not done.
    log.entries = {entry(*s[0], "sts_2", {15, 14}), entry(*s[1], "sts_2", {15, 14})};
    const Date today = s[1]->date;
    auto errors = check_exercise_levels(f.plan, log, today, rules);
    CHECK(errors.size() == s.size() - 3);
    REQUIRE_FALSE(errors.empty());
    CHECK(errors[0].rule == "exercise.progression");
    CHECK(errors[0].severity == Severity::error);
    log.entries[1].exercises[0].sets = {15, 15};  // the level done (at the top, completed)
    CHECK(check_exercise_levels(f.plan, log, today, rules).empty());
    log.entries[1].exercises[0].completed = false;  // last not finished
    CHECK_FALSE(check_exercise_levels(f.plan, log, today, rules).empty());
}

TEST_CASE("exercise.progression: replan moves the exercise one level up after the top twice, and the plan validates") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {15, 15}), entry(*f.strength[1], "sts_2", {15, 15})};
    const Date today = f.strength[1]->date;
    auto r = replan(f.p, f.plan, log, today, f.set);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r.value().progress.exercises.size() == 1);
    CHECK(r.value().progress.exercises[0].step == ExerciseStep::advance);
    int after = 0;
    for (const SessionPlan& s : r.value().plan.sessions)
        for (const ExerciseDose& x : s.exercises) {
            if (s.date <= today) CHECK(x.id == "sts_2");
            else {
                CHECK(x.id == "sts_3");
                ++after;
            }
        }
    CHECK(after > 0);
    for (const Finding& x : validate(f.p, r.value().plan, f.set)) CHECK(x.severity != Severity::error);
    bool said = false;
    for (const Finding& x : r.value().findings) said = said || x.rule == "exercise.progression";
    CHECK(said);
}

TEST_CASE("exercise.progression: replan moves the exercise one level down after pain rose by 3, not by 2") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {10, 10}, 1), entry(*f.strength[1], "sts_2", {10, 10}, 4)};
    const Date today = f.strength[1]->date;
    auto r = replan(f.p, f.plan, log, today, f.set);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    for (const SessionPlan& s : r.value().plan.sessions)
        for (const ExerciseDose& x : s.exercises) CHECK(x.id == (s.date <= today ? "sts_2" : "sts_1"));
    log.entries[1].exercises[0].pain = 3;
    auto same = replan(f.p, f.plan, log, today, f.set);
    REQUIRE(same.ok());
    for (const SessionPlan& s : same.value().plan.sessions)
        for (const ExerciseDose& x : s.exercises) CHECK(x.id == "sts_2");
}

TEST_CASE("exercise.progression: a set more that would break the session's limits is held and said so") {
    // A dose whose extra set takes far more minutes than any cap allows.
    ExerciseDose big = dose("sts_3", 3, 2, 8);
    big.rest_seconds = 600;
    Fixture f(big);
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_3", {15, 15}), entry(*f.strength[1], "sts_3", {15, 15})};
    // Make the content of the extra set huge: the session's minutes would pass session and week caps.
    for (SessionPlan& s : f.plan.sessions)
        for (ExerciseDose& x : s.exercises) x.rest_seconds = 600 * 6;
    auto r = replan(f.p, f.plan, log, f.strength[1]->date, f.set);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r.value().progress.exercises.size() == 1);
    const ExerciseProgress& x = r.value().progress.exercises[0];
    CHECK(x.step == ExerciseStep::hold);
    CHECK(x.why == "capped");
    for (const SessionPlan& s : r.value().plan.sessions)
        for (const ExerciseDose& e : s.exercises) CHECK(e.sets == 2);
}

TEST_CASE("exercise.progression: the progress report lists the step per exercise in JSON, text and HTML, en and nl") {
    Fixture f;
    SessionLog log;
    log.entries = {entry(*f.strength[0], "sts_2", {15, 15}), entry(*f.strength[1], "sts_2", {15, 15})};
    auto r = progress(f.p, f.plan, log, f.strength[1]->date, f.set);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    auto j = render_progress(r.value(), Format::json);
    REQUIRE(j.ok());
    const auto doc = nlohmann::json::parse(j.value());
    REQUIRE(doc.at("exercises").size() == 1);
    CHECK(doc["exercises"][0]["step"] == "advance");
    CHECK(doc["exercises"][0]["why"] == "top_reached");
    CHECK(doc["exercises"][0]["next"]["id"] == "sts_3");
    CHECK(doc["exercises"][0]["evidence"].size() == 2);
    auto en = render_progress(r.value(), Format::text, "en");
    auto nl = render_progress(r.value(), Format::html, "nl");
    REQUIRE(en.ok());
    REQUIRE(nl.ok());
    CHECK(en.value().find("Exercises: double progression") != std::string::npos);
    CHECK(en.value().find("Up: Exercise sts_2: every set reached the top") != std::string::npos);
    CHECK(nl.value().find("Oefeningen: dubbele progressie") != std::string::npos);
    CHECK(nl.value().find("Omhoog: Oefening sts_2: elke set haalde") != std::string::npos);
    // Without per-exercise entries the report has no such section.
    log.entries[0].exercises.clear();
    log.entries[1].exercises.clear();
    auto none = progress(f.p, f.plan, log, f.strength[1]->date, f.set);
    REQUIRE(none.ok());
    CHECK(render_progress(none.value(), Format::json).value().find("\"exercises\"") == std::string::npos);
}
