// A tiny driver for counting instructions with callgrind: N times the 12-week generate +
// validate of the benchmarks, through the C++ API or the C API, or N times parse_plan() +
// to_json() of that 12-week plan's JSON (BM_ParseSerialise/weeks:12).
//
//   rehabplan_callgrind_driver cpp|c|parse N
//   rehabplan_callgrind_driver plan        writes that plan's JSON to stdout (the bytes that
//                                          `parse` reads and CPython's json is timed on)
//
// Instructions per call = (Ir at N=k+1 - Ir at N=1) / k: the difference cancels start-up,
// exit and the first call's one-time work (parsing the embedded rules, messages and
// programmes). bench/compare_apis.sh BUILD_DIR --callgrind does exactly that.
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "bench_inputs.hpp"
#include "rehabplan/rehabplan.h"
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

namespace {

// Returns the number of validation errors, or -1 when a call failed.
int cpp_once(const rehabplan::Patient& patient, const rehabplan::PlanRequest& request) {
    auto generated = rehabplan::generate(patient, request, rehabplan::builtin_rules());
    if (!generated || generated.value().refused()) return -1;
    const auto findings = rehabplan::validate(patient, *generated.value().plan, rehabplan::builtin_rules());
    return rehabplan::count(findings).errors;
}

int c_once(rehabplan_context* ctx) {
    char* plan = nullptr;
    const std::string& patient = bench::stroke_patient_json();
    const std::string request = bench::request_json(12);
    const std::size_t patient_len = patient.size();
    if (rehabplan_generate(ctx, patient.data(), patient_len, request.data(), request.size(), &plan) !=
        REHABPLAN_OK)
        return -1;
    char* findings = nullptr;
    const rehabplan_status s = rehabplan_validate(ctx, patient.data(), patient_len, plan, std::strlen(plan), &findings);
    rehabplan_free(plan);
    const int errors = (s == REHABPLAN_OK && std::strstr(findings, "\"errors\": 0") != nullptr) ? 0 : -1;
    rehabplan_free(findings);
    return errors;
}

// The 12-week plan's JSON as BM_ParseSerialise makes it: to_json() of the generated plan.
// Empty when generating fails.
std::string plan_json() {
    const auto patient = rehabplan::parse_patient(bench::stroke_patient_json());
    const auto request = rehabplan::parse_request(bench::request_json(12));
    if (!patient || !request) return "";
    auto generated = rehabplan::generate(patient.value(), request.value(), rehabplan::builtin_rules());
    if (!generated || generated.value().refused()) return "";
    return rehabplan::to_json(*generated.value().plan);
}

// Returns 0, or -1 when the plan does not parse back.
int parse_once(const std::string& text) {
    auto parsed = rehabplan::parse_plan(text);
    if (!parsed) return -1;
    return rehabplan::to_json(parsed.value()).size() == text.size() ? 0 : -1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc >= 2 ? argv[1] : "";
    if (argc == 2 && mode == "plan") {
        const std::string text = plan_json();
        if (text.empty()) {
            std::fprintf(stderr, "cannot generate the 12-week plan\n");
            return 1;
        }
        return std::fwrite(text.data(), 1, text.size(), stdout) == text.size() ? 0 : 1;
    }
    if (argc != 3 || (mode != "cpp" && mode != "c" && mode != "parse")) {
        std::fprintf(stderr, "usage: %s cpp|c|parse N\n       %s plan\n", argv[0], argv[0]);
        return 2;
    }
    const int n = std::atoi(argv[2]);
    int failures = 0;
    if (mode == "parse") {
        const std::string text = plan_json();
        if (text.empty()) {
            std::fprintf(stderr, "cannot generate the 12-week plan\n");
            return 1;
        }
        for (int i = 0; i < n; ++i) failures += parse_once(text) != 0;
    } else if (mode == "cpp") {
        const auto patient = rehabplan::parse_patient(bench::stroke_patient_json());
        const auto request = rehabplan::parse_request(bench::request_json(12));
        if (!patient || !request) {
            std::fprintf(stderr, "cannot parse the benchmark documents\n");
            return 1;
        }
        for (int i = 0; i < n; ++i) failures += cpp_once(patient.value(), request.value()) != 0;
    } else {
        rehabplan_context* ctx = nullptr;
        if (rehabplan_context_new(&ctx) != REHABPLAN_OK) return 1;
        for (int i = 0; i < n; ++i) failures += c_once(ctx) != 0;
        rehabplan_context_free(ctx);
    }
    if (failures != 0) {
        std::fprintf(stderr, "%d of %d %s calls failed or found errors\n", failures, n,
                     mode == "parse" ? "parse+serialise" : "generate+validate");
        return 1;
    }
    return 0;
}
