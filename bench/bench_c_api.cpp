// The C API (rehabplan.h, librehabplan.so.1) doing what bench_generate.cpp does through the
// C++ API: a plan for the stroke patient of examples/patient-stroke.json (standard programme,
// starting 2026-11-23) for 1, 12 and 52 weeks; the inputs are those of bench_inputs.hpp.
//   BM_CApiGenerate/weeks          rehabplan_generate() + rehabplan_free()
//   BM_CApiGenerateValidate/weeks  rehabplan_generate(), then rehabplan_validate() on the plan
//                                  JSON it returned, as a C caller would; both freed
// Next to BM_GenerateValidate (C++ structs in, structs out) the difference is what the C API
// adds: parsing the patient and request, writing the plan, parsing it again for validate and
// writing the findings (compare BM_ParseSerialise), plus the copies and status handling.
//   BM_CApiRenderHtml/weeks        rehabplan_render() of that plan (made once, outside the
//   BM_CApiRenderText/weeks        timing) as the A4 HTML page set / 80-column text / FHIR
//   BM_CApiRenderFhir/weeks        R4 Bundle, in the plan's language, + rehabplan_free():
//                                  parsing the plan JSON, the view model and the renderer
// This executable uses only rehabplan.h and links the shared library like any C user.
//
//   scripts/build.sh build-py -DREHABPLAN_BUILD_BENCH=ON
//   build-py/bench/rehabplan_bench_c_api
//   bench/compare_apis.sh build-py      (C++ vs C vs Python)
#include <benchmark/benchmark.h>

#include <cstddef>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "bench_inputs.hpp"
#include "rehabplan/rehabplan.h"

namespace {

// One context for the whole run, like builtin_rules() on the C++ side.
class Context {
public:
    Context() { status_ = rehabplan_context_new(&ctx_); }
    ~Context() { rehabplan_context_free(ctx_); }
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    rehabplan_context* get() const { return ctx_; }
    bool ok() const { return status_ == REHABPLAN_OK; }

private:
    rehabplan_context* ctx_ = nullptr;
    rehabplan_status status_;
};

std::string failure(rehabplan_context* ctx, const char* call, rehabplan_status s) {
    return std::string(call) + ": " + rehabplan_status_string(s) + ": " + rehabplan_errmsg(ctx);
}

// Generates and validates once: "" when the plan was made and validates with zero errors,
// otherwise why not.
std::string check_generated(rehabplan_context* ctx, const std::string& request) {
    const std::string& patient = bench::stroke_patient_json();
    const std::size_t patient_len = patient.size();
    char* plan = nullptr;
    rehabplan_status s =
        rehabplan_generate(ctx, patient.data(), patient_len, request.data(), request.size(), &plan);
    if (s != REHABPLAN_OK) {
        rehabplan_free(plan);
        return failure(ctx, "rehabplan_generate", s);
    }
    char* findings = nullptr;
    s = rehabplan_validate(ctx, patient.data(), patient_len, plan, std::strlen(plan), &findings);
    rehabplan_free(plan);
    if (s != REHABPLAN_OK) return failure(ctx, "rehabplan_validate", s);
    const auto doc = nlohmann::json::parse(findings, nullptr, false);
    rehabplan_free(findings);
    if (doc.is_discarded()) return "rehabplan_validate returned findings that are not JSON";
    const auto errors = doc.at("summary").at("errors").get<int>();
    if (errors != 0) return "the generated plan has " + std::to_string(errors) + " validation error(s)";
    return "";
}

void run_generate(benchmark::State& state, bool then_validate) {
    const Context context;
    if (!context.ok()) {
        state.SkipWithError("rehabplan_context_new failed");
        return;
    }
    rehabplan_context* ctx = context.get();
    const std::string request = bench::request_json(static_cast<int>(state.range(0)));
    if (const std::string why = check_generated(ctx, request); !why.empty()) {
        state.SkipWithError(why.c_str());
        return;
    }
    const std::string& patient = bench::stroke_patient_json();
    const std::size_t patient_len = patient.size();
    std::size_t plan_bytes = 0;
    for (auto _ : state) {
        char* plan = nullptr;
        if (rehabplan_generate(ctx, patient.data(), patient_len, request.data(), request.size(), &plan) !=
            REHABPLAN_OK) {
            rehabplan_free(plan);
            state.SkipWithError("rehabplan_generate failed");
            break;
        }
        plan_bytes = std::strlen(plan);
        if (then_validate) {
            char* findings = nullptr;
            const rehabplan_status s =
                rehabplan_validate(ctx, patient.data(), patient_len, plan, plan_bytes, &findings);
            benchmark::DoNotOptimize(findings);
            rehabplan_free(findings);
            if (s != REHABPLAN_OK) {
                rehabplan_free(plan);
                state.SkipWithError("rehabplan_validate failed");
                break;
            }
        }
        benchmark::DoNotOptimize(plan);
        rehabplan_free(plan);
    }
    state.counters["plan_json_bytes"] = static_cast<double>(plan_bytes);
}

void BM_CApiGenerate(benchmark::State& state) { run_generate(state, false); }
BENCHMARK(BM_CApiGenerate)->ArgName("weeks")->Arg(1)->Arg(12)->Arg(52);

void BM_CApiGenerateValidate(benchmark::State& state) { run_generate(state, true); }
BENCHMARK(BM_CApiGenerateValidate)->ArgName("weeks")->Arg(1)->Arg(12)->Arg(52);

// The plan for `weeks` as JSON, generated once: "" (and the reason in *why) on failure.
std::string generated_plan(rehabplan_context* ctx, int weeks, std::string* why) {
    const std::string request = bench::request_json(weeks);
    if (*why = check_generated(ctx, request); !why->empty()) return "";
    const std::string& patient = bench::stroke_patient_json();
    char* plan = nullptr;
    const rehabplan_status s =
        rehabplan_generate(ctx, patient.data(), patient.size(), request.data(), request.size(), &plan);
    if (s != REHABPLAN_OK) {
        *why = failure(ctx, "rehabplan_generate", s);
        return "";
    }
    std::string text = plan;
    rehabplan_free(plan);
    return text;
}

void run_render(benchmark::State& state, const char* format) {
    const Context context;
    if (!context.ok()) {
        state.SkipWithError("rehabplan_context_new failed");
        return;
    }
    rehabplan_context* ctx = context.get();
    std::string why;
    const std::string plan = generated_plan(ctx, static_cast<int>(state.range(0)), &why);
    if (plan.empty()) {
        state.SkipWithError(why.c_str());
        return;
    }
    std::size_t out_bytes = 0;
    for (auto _ : state) {
        char* out = nullptr;
        const rehabplan_status s = rehabplan_render(ctx, plan.data(), plan.size(), format, nullptr, &out, &out_bytes);
        if (s != REHABPLAN_OK) {
            const std::string message = failure(ctx, "rehabplan_render", s);
            state.SkipWithError(message.c_str());
            break;
        }
        benchmark::DoNotOptimize(out);
        rehabplan_free(out);
    }
    state.counters["plan_json_bytes"] = static_cast<double>(plan.size());
    state.counters["output_bytes"] = static_cast<double>(out_bytes);
}

void BM_CApiRenderHtml(benchmark::State& state) { run_render(state, "html"); }
BENCHMARK(BM_CApiRenderHtml)->ArgName("weeks")->Arg(12);

void BM_CApiRenderText(benchmark::State& state) { run_render(state, "text"); }
BENCHMARK(BM_CApiRenderText)->ArgName("weeks")->Arg(12);

void BM_CApiRenderFhir(benchmark::State& state) { run_render(state, "fhir"); }
BENCHMARK(BM_CApiRenderFhir)->ArgName("weeks")->Arg(12);

}  // namespace

BENCHMARK_MAIN();
