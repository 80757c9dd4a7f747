// The parsers the document reader could stand on, on the same text: the 12-week plan of the
// other benchmarks (stroke patient, standard programme, 2026-11-23), as JSON.
//   BM_ParseNlohmannDom      nlohmann::json::parse(): the DOM the reader walked until 1.5
//   BM_ParseNlohmannSax      nlohmann's SAX parser into the reader's flat values (parse_json's
//                            fallback, for what simdjson refuses)
//   BM_ParseSimdjson         simdjson into the same flat values (parse_json: what the reader uses)
//   BM_ReadPlan              parse_plan(): parsing plus every check into the Plan model
// The README's "Benchmarks" section gives the figures that chose simdjson for the hot path.
//
//   build-bench/bench/rehabplan_bench --benchmark_filter='Parse|ReadPlan'
#include <benchmark/benchmark.h>

#include <string>

#include "bench_inputs.hpp"
#include "core/json_value.hpp"
#include "documents/json.hpp"
#include "planning/generator.hpp"
#include "rules/rules.hpp"

#include <nlohmann/json.hpp>

using namespace rehabplan;

namespace {

const std::string& plan_text() {
    static const std::string text = [] {
        const auto patient = parse_patient(bench::stroke_patient_json());
        const auto request = parse_request(bench::request_json(12));
        if (!patient || !request) return std::string();
        auto generated = generate(patient.value(), request.value(), builtin_rules());
        if (!generated || generated.value().refused()) return std::string();
        return to_json(*generated.value().plan);
    }();
    return text;
}

template <class Parse>
void run(benchmark::State& state, Parse&& parse) {
    const std::string& text = plan_text();
    if (text.empty()) {
        state.SkipWithError("the 12-week plan could not be generated");
        return;
    }
    for (auto _ : state) {
        if (!parse(text)) {
            state.SkipWithError("the plan did not parse");
            break;
        }
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(text.size()));
    state.counters["json_bytes"] = static_cast<double>(text.size());
}

void BM_ParseNlohmannDom(benchmark::State& state) {
    run(state, [](const std::string& t) {
        auto j = nlohmann::json::parse(t);
        benchmark::DoNotOptimize(j);
        return j.is_object();
    });
}
BENCHMARK(BM_ParseNlohmannDom);

void BM_ParseNlohmannSax(benchmark::State& state) {
    run(state, [](const std::string& t) {
        detail::ParsedJson p = detail::parse_json_nlohmann(t, 32);
        benchmark::DoNotOptimize(p);
        return p.storage != nullptr;
    });
}
BENCHMARK(BM_ParseNlohmannSax);

void BM_ParseSimdjson(benchmark::State& state) {
    run(state, [](const std::string& t) {
        detail::ParsedJson p = detail::parse_json(t, 32);
        benchmark::DoNotOptimize(p);
        return p.storage != nullptr;
    });
}
BENCHMARK(BM_ParseSimdjson);

void BM_ReadPlan(benchmark::State& state) {
    run(state, [](const std::string& t) {
        auto plan = parse_plan(t);
        benchmark::DoNotOptimize(plan);
        return plan.ok();
    });
}
BENCHMARK(BM_ReadPlan);

}  // namespace
