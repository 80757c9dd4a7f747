// A tiny driver for counting instructions with callgrind: N times the 12-week generate +
// validate of the benchmarks, through the C++ API or the C API.
//
//   rehabplan_callgrind_driver cpp|c N
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

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 || (std::strcmp(argv[1], "cpp") != 0 && std::strcmp(argv[1], "c") != 0)) {
        std::fprintf(stderr, "usage: %s cpp|c N\n", argv[0]);
        return 2;
    }
    const bool cpp = std::strcmp(argv[1], "cpp") == 0;
    const int n = std::atoi(argv[2]);
    int failures = 0;
    if (cpp) {
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
        std::fprintf(stderr, "%d of %d generate+validate calls failed or found errors\n", failures, n);
        return 1;
    }
    return 0;
}
