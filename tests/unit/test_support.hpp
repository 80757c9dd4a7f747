// Helpers shared by the unit tests: build patients and plans in code, validate them
// against the built-in rules, and look findings up by rule ID.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "batch/batch.hpp"
#include "core/date.hpp"
#include "core/finding.hpp"
#include "planning/generator.hpp"
#include "rules/heart_rate.hpp"
#include "documents/json.hpp"
#include "core/patient.hpp"
#include "core/plan.hpp"
#include "planning/programme.hpp"
#include "followup/progress.hpp"
#include "render/render.hpp"
#include "core/result.hpp"
#include "rules/rules.hpp"
#include "followup/session_log.hpp"
#include "render/text_report.hpp"
#include "rules/validator.hpp"
#include "rehabplan/version.h"

// doctest's CAPTURE is a lambda, and a C++17 lambda cannot capture a structured binding
// (g++ allows it, clang refuses): CAPTURE_BOUND(id) captures a reference to it instead.
#define CAPTURE_BOUND(name)             \
    const auto& name##_bound = (name); \
    INFO(#name " := " << name##_bound)

namespace test {

using namespace rehabplan;

std::string read_file(const std::string& relative_to_source);
Date d(const char* ymd);

// A 40-year-old with no conditions; Tanaka HRmax 180 bpm, zone 108-153 bpm.
Patient adult();
// A patient document parsed, or the test stops with the parser's message.
Patient parsed_patient(const std::string& json);
// An empty plan starting Monday 2026-11-23 with all stop signals.
Plan plan(int weeks = 1, const char* start = "2026-11-23");
// A moderate aerobic session on `date`, 110-130 bpm for the 40-year-old.
SessionPlan aerobic(const char* date, int minutes, int hr_low = 110, int hr_high = 130);
SessionPlan strength(const char* date, int minutes);
SessionPlan balance(const char* date, int minutes);
SessionPlan hiit(const char* date, int repeats = 10, int work = 30, int recovery = 30);
// A week Monday..Sunday from `monday` that meets every weekly rule for adult():
// aerobic 50 min Mon/Wed/Fri (150), strength 45 min Tue/Thu, rest Sat/Sun.
void add_good_week(Plan& p, const char* monday);
// A log entry for the planned session `s`, done as planned: its date, type and minutes
// at RPE 13, with the average heart rate mid-range when the session has a heart-rate range.
LogEntry done_as_planned(const SessionPlan& s);

// Compares `content` with the reviewed file `rel` (relative to the source tree);
// with REHABPLAN_UPDATE_GOLDEN set it rewrites the file instead.
void check_golden(const std::string& rel, const std::string& content);

// A generated plan from tests/data/golden/<name>.json (parsed; REQUIREs success).
Plan golden_plan(const std::string& name);

// A small exercise library with every kind of precaution (standing, floor, support,
// no support, spinal flexion), seated and standing levels, unilateral and Parkinson's
// exercises, equipment (chair, wall, band) and every dose type; in the order it lists.
ExerciseLibrary exercise_library();
// The built-in rules with exercise_library() as their library.
const RuleSet& rules_with_exercises();

std::vector<Finding> check(const Patient& p, const Plan& plan);
std::vector<Finding> check(const Patient& p, const Plan& plan, const RuleSet& rules);
std::vector<Finding> with_rule(const std::vector<Finding>& f, const std::string& rule);
std::vector<Finding> with_rule(const std::vector<Finding>& f, const std::string& rule, Severity s);
std::string dump(const std::vector<Finding>& f);  // for failure messages

// A small deterministic generator for the property tests (std distributions differ
// between standard libraries).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : e_(seed) {}
    int between(int lo, int hi) { return lo + static_cast<int>(e_() % static_cast<std::uint64_t>(hi - lo + 1)); }
    bool chance(int percent) { return between(1, 100) <= percent; }
    template <class T>
    const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(between(0, static_cast<int>(v.size()) - 1))]; }

private:
    std::mt19937_64 e_;
};

}  // namespace test
