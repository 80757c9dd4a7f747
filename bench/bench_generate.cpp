// Generating a plan for the stroke patient of examples/patient-stroke.json (standard
// programme, starting 2026-11-23) for 1, 12 and 52 weeks:
//   BM_Generate/weeks          generate() alone (it already validates its own output)
//   BM_GenerateValidate/weeks  generate() and then validate() on the plan, as a caller would
//   BM_ParseSerialise/weeks    parse_plan() + to_json() of that same generated plan's JSON
// The ratio GenerateValidate / ParseSerialise tells what generating costs next to just
// reading and writing the document it produces.
//
//   cmake --build build-bench
//   build-bench/bench/rehabplan_bench --benchmark_filter='Generate|ParseSerialise'
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "bench_inputs.hpp"
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

const Patient& stroke_patient() {
    static const Patient patient = parse_patient(bench::stroke_patient_json()).value();
    return patient;
}

PlanRequest request_for(int weeks) {
    PlanRequest r;
    r.start_date = *Date::parse("2026-11-23");
    r.weeks = weeks;
    r.programme = "standard";
    r.language = "en";
    return r;
}

// Generates once and checks the plan: "" when it was made and validates with zero
// errors, otherwise why not.
std::string check_generated(const Patient& patient, const PlanRequest& request, Plan* out = nullptr) {
    auto generated = generate(patient, request, builtin_rules());
    if (!generated) return "generate failed: " + generated.error().describe();
    if (generated.value().refused()) return "generate refused the plan";
    const Plan& plan = *generated.value().plan;
    const FindingCounts c = count(validate(patient, plan, builtin_rules()));
    if (c.errors != 0) return "generated plan has " + std::to_string(c.errors) + " validation error(s)";
    if (out != nullptr) *out = plan;
    return "";
}

// Generation in the timing loop, optionally followed by validate() (generate() already
// validates its own plan as a safety net; this is the caller's own check on top).
void run_generate(benchmark::State& state, bool then_validate) {
    const Patient& patient = stroke_patient();
    const PlanRequest request = request_for(static_cast<int>(state.range(0)));
    if (const std::string why = check_generated(patient, request); !why.empty()) {
        state.SkipWithError(why.c_str());
        return;
    }
    for (auto _ : state) {
        auto generated = generate(patient, request, builtin_rules());
        if (!generated || generated.value().refused()) {
            state.SkipWithError("generate failed");
            break;
        }
        if (then_validate) {
            auto findings = validate(patient, *generated.value().plan, builtin_rules());
            benchmark::DoNotOptimize(findings);
        }
        benchmark::DoNotOptimize(generated);
    }
}

void BM_Generate(benchmark::State& state) { run_generate(state, false); }
BENCHMARK(BM_Generate)->ArgName("weeks")->Arg(1)->Arg(12)->Arg(52);

void BM_GenerateValidate(benchmark::State& state) { run_generate(state, true); }
BENCHMARK(BM_GenerateValidate)->ArgName("weeks")->Arg(1)->Arg(12)->Arg(52);

void BM_ParseSerialise(benchmark::State& state) {
    Plan plan;
    if (const std::string why = check_generated(stroke_patient(), request_for(static_cast<int>(state.range(0))), &plan);
        !why.empty()) {
        state.SkipWithError(why.c_str());
        return;
    }
    const std::string text = to_json(plan);
    if (!parse_plan(text)) {
        state.SkipWithError("the generated plan's JSON does not parse");
        return;
    }
    for (auto _ : state) {
        auto parsed = parse_plan(text);
        if (!parsed) {
            state.SkipWithError("parse_plan failed");
            break;
        }
        benchmark::DoNotOptimize(to_json(parsed.value()));
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
    state.counters["json_bytes"] = static_cast<double>(text.size());
    state.counters["sessions"] = static_cast<double>(plan.sessions.size());
}
BENCHMARK(BM_ParseSerialise)->ArgName("weeks")->Arg(1)->Arg(12)->Arg(52);

}  // namespace
