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
