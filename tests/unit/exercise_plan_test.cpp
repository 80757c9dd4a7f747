// Exercises in patients and plans: the patient's selection facts, the plan's session
// exercises (read strictly, written back), selection (planning/exercise_selection) and
// the rules exercise.suitability and exercise.dose on both sides of every limit.
#include <doctest/doctest.h>

#include <algorithm>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "planning/exercise_selection.hpp"
#include "planning/programme.hpp"
#include "rules/readings_exercise.hpp"
#include "test_support.hpp"

using namespace rehabplan;
using json = nlohmann::json;

namespace {

json patient_doc() {
    return json{{"schema_version", 1}, {"age", 70}, {"sex", "female"}, {"baseline_minutes", 20},
                {"conditions", json::array({json{{"type", "stroke"}, {"event_date", "2026-06-01"}}})}};
}

Error patient_error(const json& doc) {
    auto r = parse_patient(doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == ErrorCode::schema_error);
    CHECK_FALSE(r.error().message.empty());
    return r.error();
}

json dose_doc() {
    return json{{"id", "sit_to_stand"}, {"name", "Sit to stand"}, {"chain", "sit_to_stand"}, {"level", 1},
                {"sets", 2},           {"repetitions", 12},      {"per_side", false},         {"rest_seconds", 60},
                {"rpe", {{"low", 12}, {"high", 13}}}};
}

json plan_doc(const json& exercise) {
    json s{{"date", "2026-11-24"}, {"type", "strength"}, {"minutes", 20}, {"exercises", json::array({exercise})}};
    return json{{"schema_version", 1}, {"start_date", "2026-11-23"}, {"weeks", 2}, {"patient_facing", false},
                {"sessions", json::array({s})}};
}

Error plan_error(const json& doc, const std::string& path) {
    auto r = parse_plan(doc.dump());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().path == path);
    CHECK_FALSE(r.error().message.empty());
    return r.error();
}

// A plan with one session on `date` naming `d` (a strength session of 20 minutes).
Plan one_exercise(const ExerciseDose& d, const char* date = "2026-11-24", int weeks = 8) {
    Plan p = test::plan(weeks);
    SessionPlan s = test::strength(date, 20);
    s.exercises.push_back(d);
    p.sessions.push_back(s);
    return p;
}

ExerciseDose dose(const char* id, int sets = 2, int reps = 12) {
    const Exercise* e = test::rules_with_exercises().exercises.find(id);
    REQUIRE(e);
    ExerciseDose d;
    d.id = id;
    d.name = e->name.en;
    d.chain = e->chain;
    d.level = e->level;
    d.sets = sets;
    if (e->dose.type == DoseType::repetitions) d.repetitions = reps;
    if (e->dose.type == DoseType::seconds) d.seconds = reps;
    if (e->dose.type == DoseType::minutes) d.minutes = reps;
    d.rest_seconds = 60;
    return d;
}

std::vector<Finding> found(const Patient& p, const Plan& plan, const std::string& rule) {
    return test::with_rule(validate(p, plan, test::rules_with_exercises()), rule);
}

std::vector<std::string> ids(const std::vector<ExerciseDose>& v) {
    std::vector<std::string> out;
    for (const ExerciseDose& d : v) out.push_back(d.id);
    return out;
}

bool has(const std::vector<std::string>& v, const char* s) { return std::find(v.begin(), v.end(), s) != v.end(); }

const SlotExercises strength_slot{{ExerciseCategory::strength_lower, ExerciseCategory::strength_upper, ExerciseCategory::trunk}, {}, {}};
const SlotExercises balance_slot{{ExerciseCategory::balance}, {}, {}};

std::vector<ExerciseDose> pick(const Patient& p, const SlotExercises& what, SessionType type, std::int64_t seconds = 3600,
                               std::int64_t week = 0) {
    const RuleSet& rules = test::rules_with_exercises();
    return select_exercises(EffectiveRules(rules, p), rules.exercises, p, what, type, seconds, week, "en");
}

Patient stroke_patient() {
    Patient p = test::adult();
    p.conditions.push_back(Condition{ConditionType::stroke, test::d("2026-06-01"), std::nullopt});
    return p;
}

}  // namespace

// ------------------------------------------------------------ patient document

TEST_CASE("patient: mobility, equipment, osteoporosis and affected_side are read and written back") {
    json doc = patient_doc();
    doc["mobility"] = "walking_aid";
    doc["equipment"] = {"band", "step"};
    doc["osteoporosis"] = true;
    doc["affected_side"] = "left";
    auto p = parse_patient(doc.dump());
    REQUIRE_MESSAGE(p.ok(), p.error().describe());
    CHECK(p.value().mobility == Mobility::walking_aid);
    REQUIRE(p.value().equipment);
    CHECK(*p.value().equipment == std::vector<std::string>{"band", "step"});
    CHECK(p.value().osteoporosis == true);
    CHECK(p.value().affected_side == BodySide::left);
    const json back = json::parse(to_json(p.value()));
    CHECK(back["mobility"] == "walking_aid");
    CHECK(back["equipment"] == json({"band", "step"}));
    CHECK(back["osteoporosis"] == true);
    CHECK(back["affected_side"] == "left");
    // Not recorded: absent, and an empty list is "nothing at home".
    auto bare = parse_patient(patient_doc().dump());
    REQUIRE(bare.ok());
    CHECK_FALSE(bare.value().mobility);
    CHECK_FALSE(bare.value().equipment);
    doc["equipment"] = json::array();
    auto none = parse_patient(doc.dump());
    REQUIRE(none.ok());
    REQUIRE(none.value().equipment);
    CHECK(none.value().equipment->empty());
}

TEST_CASE("patient: bad selection facts are schema errors at their JSON Pointer") {
    json doc = patient_doc();
    doc["mobility"] = "crutches";
    CHECK(patient_error(doc).path == "/mobility");
    doc = patient_doc();
    doc["mobility"] = 1e300;
    CHECK(patient_error(doc).path == "/mobility");
    doc = patient_doc();
    doc["equipment"] = {"band", "treadmill"};
    CHECK(patient_error(doc).path == "/equipment/1");
    doc = patient_doc();
    doc["equipment"] = {"band", "band"};
    CHECK(patient_error(doc).path == "/equipment/1");
    doc = patient_doc();
    doc["equipment"] = "band";
    CHECK(patient_error(doc).path == "/equipment");
    doc = patient_doc();
    doc["osteoporosis"] = "yes";
    CHECK(patient_error(doc).path == "/osteoporosis");
    doc = patient_doc();
    doc["affected_side"] = "both";
    CHECK(patient_error(doc).path == "/affected_side");
    doc = patient_doc();
    doc["conditions"] = json::array({json{{"type", "parkinson"}}});
    doc["affected_side"] = "left";
    CHECK(patient_error(doc).path == "/affected_side");
}

// ------------------------------------------------------------ plan document

TEST_CASE("plan: session exercises are read strictly and written back unchanged") {
    json e = dose_doc();
    e["extra_side"] = "right";
    e["extra_sets"] = 1;
    auto r = parse_plan(plan_doc(e).dump());
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    REQUIRE(r.value().sessions.at(0).exercises.size() == 1);
    const ExerciseDose& d = r.value().sessions[0].exercises[0];
    CHECK(d.id == "sit_to_stand");
    CHECK(d.repetitions == 12);
    CHECK_FALSE(d.seconds);
    CHECK(d.rpe->low == 12);
    CHECK(d.extra_side == BodySide::right);
    CHECK(d.extra_sets == 1);
    const json back = json::parse(to_json(r.value()));
    CHECK(back["sessions"][0]["exercises"][0] == e);
}

TEST_CASE("plan: a session exercise with a bad dose is an error at its path") {
    const std::string at = "/sessions/0/exercises/0";
    json e = dose_doc();
    e["seconds"] = 30;  // two amounts
    plan_error(plan_doc(e), at);
    e = dose_doc();
    e.erase("repetitions");  // none
    plan_error(plan_doc(e), at);
    e = dose_doc();
    e["sets"] = 0;
    plan_error(plan_doc(e), at + "/sets");
    e = dose_doc();
    e["sets"] = 1e300;
    plan_error(plan_doc(e), at + "/sets");
    e = dose_doc();
    e["repetitions"] = 101;
    plan_error(plan_doc(e), at + "/repetitions");
    e = dose_doc();
    e["rpe"] = {{"low", 14}, {"high", 13}};
    plan_error(plan_doc(e), at + "/rpe/low");
    e = dose_doc();
    e["extra_side"] = "left";
    plan_error(plan_doc(e), at + "/extra_sets");
    e = dose_doc();
    e["extra_side"] = "middle";
    e["extra_sets"] = 1;
    plan_error(plan_doc(e), at + "/extra_side");
    e = dose_doc();
    e.erase("extra_side");
    e["extra_sets"] = 1;  // the other way round
    plan_error(plan_doc(e), at + "/extra_side");
    e = dose_doc();
    e["extra_side"] = "left";
    e["extra_sets"] = 11;
    plan_error(plan_doc(e), at + "/extra_sets");
    // The one amount out of its range or of the wrong type, at its own path.
    for (const auto& [amount, value] : std::vector<std::pair<const char*, json>>{{"seconds", 0}, {"minutes", 121}, {"minutes", "10"}}) {
        e = dose_doc();
        e.erase("repetitions");
        e[amount] = value;
        CHECK(plan_error(plan_doc(e), at + "/" + amount).message.find("expected an integer") != std::string::npos);
    }
    e = dose_doc();
    e["id"] = "Sit To Stand";
    plan_error(plan_doc(e), at + "/id");
    e = dose_doc();
    e["colour"] = "red";
    // Every field a dose may have, the extras too, whether or not the dose has them.
    CHECK(plan_error(plan_doc(e), at + "/colour").message ==
          "unknown field \"colour\"; expected one of: id, name, chain, level, sets, repetitions, seconds, minutes, "
          "per_side, rest_seconds, rpe, extra_side, extra_sets");
}

TEST_CASE("plan: a session exercise with one amount, and with both extras, reads back as written") {
    json e = dose_doc();
    e.erase("repetitions");
    e["minutes"] = 120;
    e["extra_side"] = "left";
    e["extra_sets"] = 10;
    auto r = parse_plan(plan_doc(e).dump());
    REQUIRE(r.ok());
    const ExerciseDose& d = r.value().sessions.at(0).exercises.at(0);
    CHECK(d.minutes == 120);
    CHECK_FALSE(d.repetitions);
    CHECK_FALSE(d.seconds);
    CHECK(d.extra_side == BodySide::left);
    CHECK(d.extra_sets == 10);
    e.erase("minutes");
    e["seconds"] = 1;
    e.erase("extra_side");
    e.erase("extra_sets");
    r = parse_plan(plan_doc(e).dump());
    REQUIRE(r.ok());
    CHECK(r.value().sessions.at(0).exercises.at(0).seconds == 1);
    CHECK_FALSE(r.value().sessions.at(0).exercises.at(0).extra_side);
    CHECK(r.value().sessions.at(0).exercises.at(0).extra_sets == 0);
}

// ------------------------------------------------------------ exercise.suitability

TEST_CASE("exercise.suitability: a standing exercise for a wheelchair user is an error, for someone walking none") {
    Patient p = test::adult();
    const Plan plan = one_exercise(dose("sit_to_stand"));
    CHECK(found(p, plan, "exercise.suitability").empty());
    p.mobility = Mobility::wheelchair;
    const auto f = found(p, plan, "exercise.suitability");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::error);
    CHECK(f[0].path == "/sessions/0/exercises/0/id");
    CHECK(f[0].date == test::d("2026-11-24"));
    CHECK(f[0].message.en.find("sit_to_stand (en)") != std::string::npos);
    CHECK(f[0].message.en.find("2026-11-24") != std::string::npos);
    CHECK(f[0].message.nl.find("sit_to_stand (nl)") != std::string::npos);
}

TEST_CASE("exercise.suitability: floor work for a wheelchair user is an error, seated work none") {
    Patient p = test::adult();
    p.mobility = Mobility::wheelchair;
    CHECK(found(p, one_exercise(dose("seated_press")), "exercise.suitability").empty());
    CHECK(found(p, one_exercise(dose("bridge")), "exercise.suitability").size() == 1);
}

TEST_CASE("exercise.suitability: standing balance without support after falls is an error, with support or no falls none") {
    Patient p = test::adult();
    p.falls_past_year = 0;
    CHECK(found(p, one_exercise(dose("tandem_free", 2, 10)), "exercise.suitability").empty());
    p.falls_past_year = 1;
    CHECK(found(p, one_exercise(dose("tandem_free", 2, 10)), "exercise.suitability").size() == 1);
    CHECK(found(p, one_exercise(dose("tandem_support", 2, 10)), "exercise.suitability").empty());
    p.falls_past_year.reset();
    p.mobility = Mobility::walking_aid;
    CHECK(found(p, one_exercise(dose("tandem_free", 2, 10)), "exercise.suitability").size() == 1);
}

TEST_CASE("exercise.suitability: spinal flexion with osteoporosis is an error, without it none") {
    Patient p = test::adult();
    p.osteoporosis = false;
    CHECK(found(p, one_exercise(dose("curl_up")), "exercise.suitability").empty());
    p.osteoporosis = true;
    const auto f = found(p, one_exercise(dose("curl_up")), "exercise.suitability");
    REQUIRE(f.size() == 1);
    CHECK(f[0].actual.find("spinal_flexion") != std::string::npos);
}

TEST_CASE("exercise.suitability: an ID the library lacks is an error, one it has none") {
    const Patient p = test::adult();
    ExerciseDose d = dose("squat");
    CHECK(found(p, one_exercise(d), "exercise.suitability").empty());
    d.id = "moon_walk";
    const auto f = found(p, one_exercise(d), "exercise.suitability");
    REQUIRE(f.size() == 1);
    CHECK(f[0].message.en.find("moon_walk") != std::string::npos);
}

// ------------------------------------------------------------ exercise.dose

TEST_CASE("exercise.dose: 1-3 sets pass, 0 and 4 warn") {
    const Patient p = test::adult();
    CHECK(found(p, one_exercise(dose("squat", 1)), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("squat", 3)), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("squat", 0)), "exercise.dose").size() == 1);
    const auto f = found(p, one_exercise(dose("squat", 4)), "exercise.dose");
    REQUIRE(f.size() == 1);
    CHECK(f[0].severity == Severity::warning);
    CHECK(f[0].path == "/sessions/0/exercises/0/sets");
}

TEST_CASE("exercise.dose: in the first weeks 10-15 repetitions pass, 9 and 16 warn") {
    const Patient p = test::adult();
    CHECK(found(p, one_exercise(dose("squat", 2, 10)), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("squat", 2, 15)), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("squat", 2, 9)), "exercise.dose").size() == 1);
    CHECK(found(p, one_exercise(dose("squat", 2, 16)), "exercise.dose").size() == 1);
}

TEST_CASE("exercise.dose: after start_weeks 8-12 repetitions pass, 7 and 13 warn, after a stroke 10 pass, 9 warn") {
    const Patient p = test::adult();
    const char* late = "2026-12-22";  // plan week 5
    CHECK(found(p, one_exercise(dose("squat", 2, 8), late), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("squat", 2, 12), late), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("squat", 2, 7), late), "exercise.dose").size() == 1);
    CHECK(found(p, one_exercise(dose("squat", 2, 13), late), "exercise.dose").size() == 1);
    const Patient s = stroke_patient();
    CHECK(found(s, one_exercise(dose("squat", 2, 10), late), "exercise.dose").empty());
    CHECK(found(s, one_exercise(dose("squat", 2, 9), late), "exercise.dose").size() == 1);
    // The last day of week 4 is still the first weeks: 15 passes.
    CHECK(found(p, one_exercise(dose("squat", 2, 15), "2026-12-20"), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("squat", 2, 15), "2026-12-21"), "exercise.dose").size() == 1);
}

TEST_CASE("exercise.dose: Borg 12-13 passes in the first weeks, 12-14 and 11-13 warn, later 14-15 passes, 14-16 warns") {
    const Patient p = test::adult();
    const auto with_rpe = [](int low, int high) {
        ExerciseDose d = dose("squat", 2, 12);
        d.rpe = Range{low, high};
        return d;
    };
    CHECK(found(p, one_exercise(with_rpe(12, 13)), "exercise.dose").empty());
    CHECK(found(p, one_exercise(with_rpe(12, 14)), "exercise.dose").size() == 1);
    CHECK(found(p, one_exercise(with_rpe(11, 13)), "exercise.dose").size() == 1);
    CHECK(found(p, one_exercise(with_rpe(14, 15), "2026-12-22"), "exercise.dose").empty());
    CHECK(found(p, one_exercise(with_rpe(14, 16), "2026-12-22"), "exercise.dose").size() == 1);
}

TEST_CASE("exercise.dose: holds of 5-60 seconds pass, 4 and 61 warn, repetitions of balance work are not strength's") {
    const Patient p = test::adult();
    CHECK(found(p, one_exercise(dose("stance_support", 2, 5)), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("stance_support", 2, 60)), "exercise.dose").empty());
    CHECK(found(p, one_exercise(dose("stance_support", 2, 4)), "exercise.dose").size() == 1);
    CHECK(found(p, one_exercise(dose("stance_support", 2, 61)), "exercise.dose").size() == 1);
    CHECK(found(p, one_exercise(dose("seated_reach", 2, 8)), "exercise.dose").empty());
}

TEST_CASE("exercise.dose: one extra set for the affected side passes, two warn") {
    const Patient p = stroke_patient();
    ExerciseDose d = dose("knee_extension", 2, 12);
    d.extra_side = BodySide::left;
    d.extra_sets = 1;
    CHECK(found(p, one_exercise(d), "exercise.dose").empty());
    d.extra_sets = 2;
    CHECK(found(p, one_exercise(d), "exercise.dose").size() == 1);
}

// ------------------------------------------------------------ selection

TEST_CASE("selection: strength sessions mix lower, upper and trunk in the library's order, the same every time") {
    const Patient p = test::adult();
    const auto a = pick(p, strength_slot, SessionType::strength);
    CHECK(ids(a) == ids(pick(p, strength_slot, SessionType::strength)));
    REQUIRE(a.size() >= 4);
    CHECK(a.size() <= 8);
    CHECK(a[0].id == "squat");          // level 2 of sit_to_stand: start_level for a 40-year-old
    CHECK(a[1].id == "wall_push_up");   // upper
    CHECK(a[2].id == "bridge");         // trunk
    for (const ExerciseDose& d : a) {
        CHECK(d.repetitions);
        REQUIRE(d.rpe);
        CHECK(d.rpe->low == 12);
        CHECK(d.rpe->high == 13);
    }
    CHECK_FALSE(has(ids(a), "knee_extension_band"));  // a band is not recorded
}

TEST_CASE("selection: a wheelchair user gets nothing standing or on the floor") {
    Patient p = test::adult();
    p.mobility = Mobility::wheelchair;
    const RuleSet& rules = test::rules_with_exercises();
    for (const SlotExercises& what : {strength_slot, balance_slot}) {
        const auto got = pick(p, what, SessionType::strength);
        CHECK_FALSE(got.empty());
        for (const ExerciseDose& d : got) {
            CAPTURE(d.id);
            CHECK(rules.exercises.find(d.id)->position == BodyPosition::sitting);
        }
    }
}

TEST_CASE("selection: with a walking aid, seated levels where a chain has them and standing balance with a support") {
    Patient p = stroke_patient();
    p.mobility = Mobility::walking_aid;
    const auto s = ids(pick(p, strength_slot, SessionType::strength));
    CHECK(has(s, "knee_extension"));
    CHECK(has(s, "sit_to_stand"));      // a chain without a seated level: its easiest
    CHECK_FALSE(has(s, "squat"));
    const auto b = ids(pick(p, balance_slot, SessionType::balance));
    CHECK(has(b, "stance_support"));
    CHECK(has(b, "single_leg_support"));
    CHECK_FALSE(has(b, "tandem_free"));
}

TEST_CASE("selection: recorded falls keep standing balance to the supported levels, no falls reach start_level") {
    Patient p = test::adult();
    p.falls_past_year = 2;
    const auto b = ids(pick(p, balance_slot, SessionType::balance));
    CHECK(has(b, "stance_support"));   // easiest level after falls
    CHECK_FALSE(has(b, "tandem_free"));
    p.falls_past_year = 0;
    CHECK(has(ids(pick(p, balance_slot, SessionType::balance)), "tandem_support"));  // start_level 2
}

TEST_CASE("selection: osteoporosis leaves out spinal flexion, equipment at home decides band work") {
    Patient p = test::adult();
    p.osteoporosis = true;
    p.equipment = std::vector<std::string>{"chair", "wall", "band"};
    const auto s = ids(pick(p, strength_slot, SessionType::strength));
    CHECK_FALSE(has(s, "curl_up"));
    CHECK(has(s, "knee_extension_band"));
    p.equipment = std::vector<std::string>{};
    const auto none = ids(pick(p, strength_slot, SessionType::strength));
    CHECK_FALSE(has(none, "wall_push_up"));
    CHECK_FALSE(has(none, "seated_press"));  // needs a chair
}

TEST_CASE("selection: Parkinson's exercises join strength and balance for a patient with Parkinson's only") {
    Patient p = test::adult();
    CHECK_FALSE(has(ids(pick(p, balance_slot, SessionType::balance)), "big_arm_swings"));
    p.conditions.push_back(Condition{ConditionType::parkinson, std::nullopt, std::nullopt});
    CHECK(has(ids(pick(p, balance_slot, SessionType::balance)), "big_arm_swings"));
}

TEST_CASE("selection: after a stroke a unilateral exercise gets extra sets for the affected side") {
    Patient p = stroke_patient();
    p.mobility = Mobility::walking_aid;
    const auto without = pick(p, strength_slot, SessionType::strength);
    for (const ExerciseDose& d : without) CHECK_FALSE(d.extra_side);
    p.affected_side = BodySide::right;
    const auto with = pick(p, strength_slot, SessionType::strength);
    const auto it = std::find_if(with.begin(), with.end(), [](const ExerciseDose& d) { return d.id == "knee_extension"; });
    REQUIRE(it != with.end());
    CHECK(it->extra_side == BodySide::right);
    CHECK(it->extra_sets == 1);
    CHECK(found(p, one_exercise(*it), "exercise.dose").empty());
}

TEST_CASE("selection: repetitions rise week by week within the range, then a set, never a level up") {
    const Patient p = test::adult();
    const RuleSet& rules = test::rules_with_exercises();
    const EffectiveRules er(rules, p);
    const Exercise& squat = *rules.exercises.find("squat");  // 2 x 12 by default
    CHECK(exercise_dose(er, squat, p, 0, "en").repetitions == 12);
    CHECK(exercise_dose(er, squat, p, 1, "en").repetitions == 13);
    CHECK(exercise_dose(er, squat, p, 3, "en").repetitions == 15);
    CHECK(exercise_dose(er, squat, p, 3, "en").sets == 2);
    // The week the effort rises to 8-12 at Borg 14-15 changes nothing else: the repetitions
    // come into the new range and the sets stay; the week after, a set more.
    const ExerciseDose later = exercise_dose(er, squat, p, 4, "en");
    CHECK(later.level == 2);
    CHECK(later.sets == 2);
    CHECK(later.repetitions == 12);
    CHECK(later.rpe->low == 14);
    const ExerciseDose after = exercise_dose(er, squat, p, 5, "en");
    CHECK(after.sets == 3);
    CHECK(after.repetitions == 8);
    for (std::int64_t w = 0; w < 52; ++w) {
        const ExerciseDose d = exercise_dose(er, squat, p, w, "en");
        CAPTURE(w);
        CHECK(d.sets <= 3);
        CHECK(found(p, one_exercise(d, test::d("2026-11-23").plus_days(static_cast<int>(w) * 7).to_string().c_str(), 52),
                    "exercise.dose").empty());
    }
    CHECK(exercise_dose(er, squat, p, 0, "nl").name == "squat (nl)");
}

TEST_CASE("selection: the exercises fit the session's time, none fit or none suit: an empty list") {
    const Patient p = test::adult();
    const RuleSet& rules = test::rules_with_exercises();
    const EffectiveRules er(rules, p);
    const auto short_one = pick(p, strength_slot, SessionType::strength, 600);
    CHECK(exercises_seconds(er, short_one) <= 600);
    CHECK(pick(p, strength_slot, SessionType::strength, 10).empty());
    Patient w = test::adult();
    w.mobility = Mobility::wheelchair;
    w.equipment = std::vector<std::string>{};
    CHECK(pick(w, SlotExercises{{ExerciseCategory::dual_task}, {}, {}}, SessionType::dual_task).empty());
    // An empty library names nothing.
    const RuleSet& bare = builtin_rules();
    CHECK(select_exercises(EffectiveRules(bare, p), ExerciseLibrary{}, p, strength_slot, SessionType::strength, 3600, 0, "en")
              .empty());
}

// ------------------------------------------------------------ generated plans

TEST_CASE("generate: a stroke patient with a walking aid gets named seated and supported exercises on every strength and balance day") {
    Patient p = stroke_patient();
    p.age = 68;
    p.mobility = Mobility::walking_aid;
    p.affected_side = BodySide::left;
    p.baseline_minutes = 20;
    PlanRequest req;
    req.start_date = test::d("2026-11-23");
    req.weeks = 8;
    const RuleSet& rules = test::rules_with_exercises();
    auto g = generate(p, req, rules);
    REQUIRE_MESSAGE(g.ok(), g.error().describe());
    REQUIRE(g.value().plan);
    const Plan& plan = *g.value().plan;
    const auto findings = validate(p, plan, rules);
    CHECK_MESSAGE(count(findings).errors == 0, test::dump(findings));
    int strength = 0, balance = 0;
    bool seated = false, supported = false;
    for (const SessionPlan& s : plan.sessions) {
        if (s.type != SessionType::strength && s.type != SessionType::balance) continue;
        CAPTURE(s.date.to_string());
        (s.type == SessionType::strength ? strength : balance) += 1;
        REQUIRE_FALSE(s.exercises.empty());
        int blocks = 0;
        for (const Block& b : s.blocks) blocks += b.minutes;
        CHECK(blocks == s.minutes);
        for (const ExerciseDose& d : s.exercises) {
            const Exercise* e = rules.exercises.find(d.id);
            REQUIRE(e);
            CHECK(d.sets >= 1);
            CHECK((d.repetitions || d.seconds || d.minutes));
            seated = seated || e->position == BodyPosition::sitting;
            supported = supported || has(e->precautions, "support_within_reach");
            CHECK_FALSE(has(e->precautions, "no_support"));
        }
    }
    CHECK(strength > 0);
    CHECK(balance > 0);
    CHECK(seated);
    CHECK(supported);
}

TEST_CASE("generate: a wheelchair user gets no exercise needing standing or the floor") {
    Patient p = test::adult();
    p.age = 55;
    p.mobility = Mobility::wheelchair;
    PlanRequest req;
    req.start_date = test::d("2026-11-23");
    req.weeks = 6;
    const RuleSet& rules = test::rules_with_exercises();
    auto g = generate(p, req, rules);
    REQUIRE(g.ok());
    REQUIRE(g.value().plan);
    int named = 0;
    for (const SessionPlan& s : g.value().plan->sessions)
        for (const ExerciseDose& d : s.exercises) {
            ++named;
            CHECK(rules.exercises.find(d.id)->position == BodyPosition::sitting);
        }
    CHECK(named > 0);
    CHECK(count(validate(p, *g.value().plan, rules)).errors == 0);
}

TEST_CASE("generate: a session with no suitable exercise keeps its text and says so") {
    Patient p = test::adult();
    PlanRequest req;
    req.start_date = test::d("2026-11-23");
    req.weeks = 2;
    RuleSet rules = builtin_rules();
    rules.exercises = ExerciseLibrary{};
    auto g = generate(p, req, rules);
    REQUIRE(g.ok());
    bool said = false;
    for (const SessionPlan& s : g.value().plan->sessions) {
        if (s.type != SessionType::strength) continue;
        CHECK(s.exercises.empty());
        CHECK_FALSE(s.title.empty());
        said = said || s.note.find("Your therapist chooses the exercises for this session with you.") != std::string::npos;
    }
    CHECK(said);
}

TEST_CASE("selection: a slot's first chains lead where they suit, and each names a chain of the built-in library") {
    for (const auto& [id, slot] : builtin_programmes().slots) {
        if (!slot.exercises) continue;
        for (const std::string& chain : slot.exercises->first_chains) {
            CAPTURE(id);
            CAPTURE(chain);
            CHECK_FALSE(builtin_rules().exercises.chain(chain).empty());
        }
    }
    // A dual-task walk names a walking dual task for someone who walks, a seated one in a wheelchair.
    const SlotExercises walk = builtin_programmes().slots.at("dual_task_walk").exercises.value();
    Patient p = stroke_patient();
    const RuleSet& rules = builtin_rules();
    auto chosen = select_exercises(EffectiveRules(rules, p), rules.exercises, p, walk, SessionType::dual_task, 600, 0, "en");
    REQUIRE_FALSE(chosen.empty());
    CHECK(chosen.front().chain == "dual_task_walking");
    p.mobility = Mobility::wheelchair;
    chosen = select_exercises(EffectiveRules(rules, p), rules.exercises, p, walk, SessionType::dual_task, 600, 0, "en");
    REQUIRE_FALSE(chosen.empty());
    CHECK(chosen.front().chain != "dual_task_walking");
    CHECK(rules.exercises.find(chosen.front().id)->position == BodyPosition::sitting);
}

TEST_CASE("generate: a wheelchair user gets no daily step target, someone who walks does") {
    Patient p = stroke_patient();
    p.baseline_minutes = 20;
    PlanRequest req;
    req.start_date = test::d("2026-11-23");
    req.weeks = 4;
    auto walking = generate(p, req, builtin_rules());
    REQUIRE(walking.ok());
    REQUIRE(walking.value().plan);
    CHECK_FALSE(walking.value().plan->daily_steps_weeks.empty());
    p.mobility = Mobility::wheelchair;
    auto wheeling = generate(p, req, builtin_rules());
    REQUIRE(wheeling.ok());
    REQUIRE(wheeling.value().plan);
    CHECK(wheeling.value().plan->daily_steps_weeks.empty());
    CHECK_FALSE(wheeling.value().plan->daily_steps);
}
