#include "test_support.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace test {

std::string read_file(const std::string& rel) {
    std::ifstream in(std::string(REHABPLAN_SOURCE_DIR) + "/" + rel, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + rel);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Date d(const char* ymd) {
    auto r = Date::parse(ymd);
    if (!r) throw std::runtime_error(std::string("bad test date ") + ymd);
    return *r;
}

Patient parsed_patient(const std::string& json) {
    auto r = parse_patient(json);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

Patient adult() {
    Patient p;
    p.age = 40;
    p.sex = Sex::male;
    p.baseline_minutes = 60;
    for (int i = 0; i < 7; ++i) p.available_days.push_back(static_cast<Weekday>(i));
    return p;
}

Plan plan(int weeks, const char* start) {
    Plan p;
    p.start_date = d(start);
    p.weeks = weeks;
    p.stop_signals =
        std::get<std::vector<std::string>>(builtin_rules().rules.at("safety.stop_signals").params.at("signals").value);
    return p;
}

SessionPlan aerobic(const char* date, int minutes, int hr_low, int hr_high) {
    SessionPlan s;
    s.date = d(date);
    s.type = SessionType::aerobic;
    s.minutes = minutes;
    Intensity in;
    in.klass = IntensityClass::moderate;
    in.hr_bpm = Range{hr_low, hr_high};
    s.intensity = in;
    return s;
}

SessionPlan strength(const char* date, int minutes) {
    SessionPlan s;
    s.date = d(date);
    s.type = SessionType::strength;
    s.minutes = minutes;
    return s;
}

SessionPlan balance(const char* date, int minutes) {
    SessionPlan s;
    s.date = d(date);
    s.type = SessionType::balance;
    s.minutes = minutes;
    return s;
}

SessionPlan hiit(const char* date, int repeats, int work, int recovery) {
    SessionPlan s;
    s.date = d(date);
    s.type = SessionType::hiit;
    s.minutes = 25;
    Intensity in;
    in.klass = IntensityClass::vigorous;
    in.hr_bpm = Range{140, 165};
    s.intensity = in;
    s.hiit = HiitIntervals{work, recovery, repeats};
    return s;
}

void add_good_week(Plan& p, const char* monday) {
    const Date m = d(monday);
    auto day = [&](int k) { return m.plus_days(k).to_string(); };
    p.sessions.push_back(aerobic(day(0).c_str(), 50));
    p.sessions.push_back(strength(day(1).c_str(), 45));
    p.sessions.push_back(aerobic(day(2).c_str(), 50));
    p.sessions.push_back(strength(day(3).c_str(), 45));
    p.sessions.push_back(aerobic(day(4).c_str(), 50));
}

LogEntry done_as_planned(const SessionPlan& s) {
    LogEntry e;
    e.date = s.date;
    e.type = s.type;
    e.minutes = s.minutes;
    e.rpe = 13;
    if (s.intensity && s.intensity->hr_bpm) e.average_hr_bpm = (s.intensity->hr_bpm->low + s.intensity->hr_bpm->high) / 2;
    return e;
}

namespace {

Exercise ex(const char* id, const char* chain, int level, ExerciseCategory c, BodyPosition pos, DoseType t, int sets,
            int amount, std::vector<std::string> precautions, std::vector<std::string> equipment = {}) {
    Exercise e;
    e.id = id;
    e.name = Text{std::string(id) + " (en)", std::string(id) + " (nl)"};
    e.instructions_en = {"one", "two", "three"};
    e.instructions_nl = {"een", "twee", "drie"};
    e.category = c;
    e.position = pos;
    e.dose = ExerciseDefaultDose{t, sets, amount, 60, false};
    e.chain = chain;
    e.level = level;
    e.precautions = std::move(precautions);
    e.equipment = std::move(equipment);
    e.sources = {"acsm2009"};
    if (c == ExerciseCategory::dual_task) e.cognitive_task = Text{"count back", "tel terug"};
    return e;
}

}  // namespace

ExerciseLibrary exercise_library() {
    using C = ExerciseCategory;
    using P = BodyPosition;
    using T = DoseType;
    ExerciseLibrary lib;
    const auto prec = [&lib](const char* id, std::vector<PatientFact> when) {
        lib.precautions[id] = Precaution{id, Text{id, id}, std::move(when)};
    };
    prec("support_within_reach", {});
    prec("no_support", {PatientFact::falls_recorded, PatientFact::walking_aid, PatientFact::wheelchair});
    prec("standing", {PatientFact::wheelchair});
    prec("floor", {PatientFact::wheelchair});
    prec("spinal_flexion", {PatientFact::osteoporosis});
    prec("no_breath_holding", {});
    auto& x = lib.exercises;
    x.push_back(ex("sit_to_stand", "sit_to_stand", 1, C::strength_lower, P::standing, T::repetitions, 2, 10, {"standing", "no_breath_holding"}, {"chair"}));
    x.push_back(ex("squat", "sit_to_stand", 2, C::strength_lower, P::standing, T::repetitions, 2, 12, {"standing", "no_breath_holding"}));
    x.push_back(ex("knee_extension", "knee_extension", 1, C::strength_lower, P::sitting, T::repetitions, 1, 10, {"no_breath_holding"}, {"chair"}));
    x.back().unilateral = true;
    x.back().dose.per_side = true;
    x.push_back(ex("knee_extension_band", "knee_extension", 2, C::strength_lower, P::sitting, T::repetitions, 2, 10, {"no_breath_holding"}, {"chair", "band"}));
    x.back().unilateral = true;
    x.back().dose.per_side = true;
    x.push_back(ex("wall_push_up", "push_up", 1, C::strength_upper, P::standing, T::repetitions, 2, 10, {"standing", "no_breath_holding"}, {"wall"}));
    x.push_back(ex("seated_press", "seated_press", 1, C::strength_upper, P::sitting, T::repetitions, 2, 12, {"no_breath_holding"}, {"chair"}));
    x.push_back(ex("band_row", "band_row", 1, C::strength_upper, P::sitting, T::repetitions, 2, 12, {"no_breath_holding"}, {"chair", "band"}));
    x.push_back(ex("bridge", "bridge", 1, C::trunk, P::lying, T::repetitions, 2, 10, {"floor", "no_breath_holding"}));
    x.push_back(ex("curl_up", "curl_up", 1, C::trunk, P::lying, T::repetitions, 2, 10, {"floor", "spinal_flexion", "no_breath_holding"}));
    x.push_back(ex("seated_trunk_lean", "seated_trunk_lean", 1, C::trunk, P::sitting, T::repetitions, 2, 10, {"no_breath_holding"}, {"chair"}));
    x.push_back(ex("stance_support", "stance", 1, C::balance, P::standing, T::seconds, 2, 10, {"standing", "support_within_reach"}));
    x.push_back(ex("tandem_support", "stance", 2, C::balance, P::standing, T::seconds, 2, 10, {"standing", "support_within_reach"}));
    x.push_back(ex("tandem_free", "stance", 3, C::balance, P::standing, T::seconds, 2, 10, {"standing", "no_support"}));
    x.push_back(ex("single_leg_support", "single_leg", 1, C::balance, P::standing, T::seconds, 2, 10, {"standing", "support_within_reach"}));
    x.back().unilateral = true;
    x.back().dose.per_side = true;
    x.push_back(ex("seated_reach", "seated_reach", 1, C::balance, P::sitting, T::repetitions, 2, 8, {}, {"chair"}));
    x.push_back(ex("walk_and_count", "walk_and_count", 1, C::dual_task, P::standing, T::minutes, 1, 3, {"standing"}));
    x.push_back(ex("seated_tap_and_count", "seated_tap_and_count", 1, C::dual_task, P::sitting, T::repetitions, 2, 10, {}, {"chair"}));
    x.push_back(ex("pelvic_tilt", "pelvic_tilt", 1, C::motor_control, P::lying, T::repetitions, 2, 10, {"floor"}));
    x.push_back(ex("seated_posture", "seated_posture", 1, C::motor_control, P::sitting, T::seconds, 2, 20, {}, {"chair"}));
    x.push_back(ex("belly_breathing", "belly_breathing", 1, C::breathing, P::sitting, T::minutes, 1, 3, {}, {"chair"}));
    x.push_back(ex("big_arm_swings", "big_arm_swings", 1, C::parkinson, P::standing, T::repetitions, 2, 10, {"standing"}));
    x.back().conditions = {ConditionType::parkinson};
    x.push_back(ex("seated_big_reach", "seated_big_reach", 1, C::parkinson, P::sitting, T::repetitions, 2, 10, {}, {"chair"}));
    x.back().conditions = {ConditionType::parkinson};
    return lib;
}

const RuleSet& rules_with_exercises() {
    static const RuleSet rules = [] {
        RuleSet r = builtin_rules();
        r.exercises = exercise_library();
        return r;
    }();
    return rules;
}

std::vector<Finding> check(const Patient& p, const Plan& plan) { return validate(p, plan, builtin_rules()); }
std::vector<Finding> check(const Patient& p, const Plan& plan, const RuleSet& rules) { return validate(p, plan, rules); }

std::vector<Finding> with_rule(const std::vector<Finding>& f, const std::string& rule) {
    std::vector<Finding> out;
    for (const auto& x : f)
        if (x.rule == rule) out.push_back(x);
    return out;
}

std::vector<Finding> with_rule(const std::vector<Finding>& f, const std::string& rule, Severity s) {
    std::vector<Finding> out;
    for (const auto& x : with_rule(f, rule))
        if (x.severity == s) out.push_back(x);
    return out;
}

std::string dump(const std::vector<Finding>& f) { return findings_to_text(f); }

void check_golden(const std::string& rel, const std::string& content) {
    CAPTURE(rel);
    if (std::getenv("REHABPLAN_UPDATE_GOLDEN") != nullptr) {
        std::ofstream(std::string(REHABPLAN_SOURCE_DIR) + "/" + rel, std::ios::binary) << content;
        return;
    }
    std::string expected;
    CHECK_NOTHROW(expected = read_file(rel));
    CHECK_MESSAGE(content == expected, rel << " differs; regenerate with REHABPLAN_UPDATE_GOLDEN=1 and review");
}

Plan golden_plan(const std::string& name) {
    auto p = parse_plan(read_file("tests/data/golden/" + name + ".json"));
    REQUIRE_MESSAGE(p.ok(), p.error().describe());
    return p.value();
}

}  // namespace test
