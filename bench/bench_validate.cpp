// Validating a 12-week plan, side by side with what the same plan JSON costs just to
// parse and serialise with nlohmann: the ratio tells how much the rules cost on top
// of reading the document.
//
//   scripts/build.sh build-bench -DREHABPLAN_BUILD_BENCH=ON -DCMAKE_BUILD_TYPE=Release
//   build-bench/bench/rehabplan_bench
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

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

using namespace rehabplan;

namespace {

// A realistic 12-week plan for a 67-year-old after stroke: aerobic Mon/Wed/Fri,
// strength Tue/Thu, balance Tue/Thu/Sat, blocks in every session.
std::string twelve_week_plan() {
    Plan p;
    p.start_date = *Date::parse("2026-11-23");
    p.weeks = 12;
    p.stop_signals = {"acute_dizziness", "severe_headache", "emotional_dysregulation", "chest_pain", "unusual_breathlessness"};
    for (int w = 0; w < 12; ++w) {
        const Date monday = p.start_date.plus_days(7 * w);
        for (int day : {0, 2, 4}) {
            SessionPlan s;
            s.date = monday.plus_days(day);
            s.type = SessionType::aerobic;
            s.minutes = 45;
            s.title = "Brisk walk";
            s.intensity = Intensity{IntensityClass::moderate, Range{104, 122}, Range{64, 76}, std::nullopt};
            s.blocks = {{BlockKind::warm_up, 5, "easy walking"}, {BlockKind::main, 35, "brisk walking"},
                        {BlockKind::cool_down, 5, "easy walking"}};
            p.sessions.push_back(s);
        }
        for (int day : {1, 3}) {
            SessionPlan s;
            s.date = monday.plus_days(day);
            s.type = SessionType::strength;
            s.minutes = 45;
            s.blocks = {{BlockKind::warm_up, 5, ""}, {BlockKind::strength, 30, "2 x 12 reps"}, {BlockKind::balance, 10, ""}};
            p.sessions.push_back(s);
        }
        SessionPlan b;
        b.date = monday.plus_days(5);
        b.type = SessionType::balance;
        b.minutes = 30;
        p.sessions.push_back(b);
    }
    return to_json(p);
}

const char* patient_json =
    R"({"schema_version": 1, "age": 67, "sex": "female", "conditions": [{"type": "stroke", "event_date": "2026-08-14"}],
        "baseline_minutes": 45})";

void BM_ParseSerialiseNlohmann(benchmark::State& state) {
    const std::string text = twelve_week_plan();
    for (auto _ : state) {
        auto j = nlohmann::json::parse(text);
        benchmark::DoNotOptimize(j.dump());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseSerialiseNlohmann);

// The whole job a caller pays for: parse patient and plan, validate, findings to JSON.
void BM_Validate12Weeks(benchmark::State& state) {
    const std::string text = twelve_week_plan();
    for (auto _ : state) {
        auto patient = parse_patient(patient_json);
        auto plan = parse_plan(text);
        auto findings = validate(patient.value(), plan.value(), builtin_rules());
        benchmark::DoNotOptimize(to_json(findings));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Validate12Weeks);

// The rules alone, on already parsed documents.
void BM_ValidateOnly12Weeks(benchmark::State& state) {
    const auto patient = parse_patient(patient_json).value();
    const auto plan = parse_plan(twelve_week_plan()).value();
    for (auto _ : state) benchmark::DoNotOptimize(validate(patient, plan, builtin_rules()));
}
BENCHMARK(BM_ValidateOnly12Weeks);

}  // namespace

BENCHMARK_MAIN();
