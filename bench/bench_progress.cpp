// Closing the loop on the example stroke log (examples/log-stroke.json, against
// tests/data/progress/plan-stroke.json, 12 weeks, today 2026-12-14):
//   BM_Progress        progress(): matching, weekly figures, load, decisions
//   BM_Replan          replan(): progress() + the rewrite + the validation of the result
//   BM_ParseLog        parse_session_log() of the log document
// Replan / Progress tells what rewriting and re-validating cost on top of the report.
//
//   build-bench/bench/rehabplan_bench --benchmark_filter='Progress|Replan|ParseLog'
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
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

std::string source_file(const std::string& relative) {
    const std::string path = std::string(REHABPLAN_SOURCE_DIR) + "/" + relative;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Inputs {
    Patient patient = parse_patient(bench::stroke_patient_json()).value();
    Plan plan = parse_plan(source_file("tests/data/progress/plan-stroke.json")).value();
    std::string log_json = source_file("examples/log-stroke.json");
    SessionLog log = parse_session_log(log_json).value();
    Date today = *Date::parse("2026-12-14");
};

const Inputs& inputs() {
    static const Inputs in;
    return in;
}

void BM_Progress(benchmark::State& state) {
    const Inputs& in = inputs();
    for (auto _ : state) {
        auto r = progress(in.patient, in.plan, in.log, in.today);
        if (!r) state.SkipWithError(r.error().describe().c_str());
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_Progress);

void BM_Replan(benchmark::State& state) {
    const Inputs& in = inputs();
    for (auto _ : state) {
        auto r = replan(in.patient, in.plan, in.log, in.today);
        if (!r) state.SkipWithError(r.error().describe().c_str());
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_Replan);

void BM_ParseLog(benchmark::State& state) {
    const Inputs& in = inputs();
    for (auto _ : state) {
        auto r = parse_session_log(in.log_json);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_ParseLog);

}  // namespace
