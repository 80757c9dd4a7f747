// NDJSON batches through run_batch() (what `rehabplan batch` and rehabplan_batch() run):
//   BM_Batch/lines/threads   1k, 10k and 100k lines on 1 and 2 worker threads
// The lines repeat a mix of ten, made once from the example stroke patient with ten
// different ages and IDs: six generate a 12-week plan (plan document), one generates it as
// a FHIR Bundle, two validate a 4-week generated plan and one is a bad line (a schema error
// record). The input is produced by the read callback and the output counted by the write
// callback, so a 100k-line run holds neither in memory (the output is about 4 GB).
// Counters: lines/s (items_per_second), output MB/s, and seconds per line; the wall clock is
// what counts with threads (UseRealTime). Linear cost shows as the same time per line at 1k,
// 10k and 100k; the 2-thread speed-up is lines/s at 2 threads over lines/s at 1.
//
//   build-bench/bench/rehabplan_bench --benchmark_filter=BM_Batch
#include <benchmark/benchmark.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

const std::vector<std::string>& line_mix() {
    static const std::vector<std::string> mix = [] {
        using json = nlohmann::json;
        const json patient = json::parse(bench::stroke_patient_json());
        auto p = [&](int i) {
            json q = patient;
            q["id"] = "P-" + std::to_string(1000 + i);
            q["age"] = 45 + 4 * i;
            return q;
        };
        const json request = json::parse(bench::request_json(12));
        const json plan4 = json::parse(to_json(*generate(parse_patient(p(7).dump()).value(),
                                                         parse_request(bench::request_json(4)).value(), builtin_rules())
                                                     .value()
                                                     .plan));
        std::vector<std::string> lines;
        for (int i = 0; i < 6; ++i) lines.push_back(json{{"id", i}, {"patient", p(i)}, {"request", request}}.dump());
        lines.push_back(json{{"id", 6}, {"patient", p(6)}, {"request", request}, {"format", "fhir"}}.dump());
        for (int i = 7; i < 9; ++i) lines.push_back(json{{"id", i}, {"patient", p(i)}, {"plan", plan4}}.dump());
        json bad = p(9);
        bad["age"] = 1e300;
        lines.push_back(json{{"id", 9}, {"patient", bad}, {"request", request}}.dump());
        for (auto& l : lines) l += '\n';
        return lines;
    }();
    return mix;
}

// Serves `lines` lines of the mix, in read-sized pieces, as a file would.
class Source {
public:
    explicit Source(std::size_t lines) : left_(lines) {}
    std::size_t read(char* buf, std::size_t cap) {
        std::size_t n = 0;
        while (n < cap && (left_ > 0 || at_ < current_.size())) {
            if (at_ == current_.size()) {
                current_ = line_mix()[next_++ % line_mix().size()];
                at_ = 0;
                --left_;
            }
            const std::size_t k = std::min(cap - n, current_.size() - at_);
            current_.copy(buf + n, k, at_);
            n += k;
            at_ += k;
        }
        return n;
    }

private:
    std::size_t left_;
    std::size_t next_ = 0;
    std::string current_;
    std::size_t at_ = 0;
};

void BM_Batch(benchmark::State& state) {
    const auto lines = static_cast<std::size_t>(state.range(0));
    BatchOptions options;
    options.threads = static_cast<unsigned>(state.range(1));
    line_mix();  // made outside the timing
    std::uint64_t out_bytes = 0;
    for (auto _ : state) {
        Source source(lines);
        const BatchSummary s = run_batch([&](char* b, std::size_t c) { return source.read(b, c); },
                                         [&](std::string_view r) { out_bytes += r.size(); }, builtin_rules(), options);
        if (s.lines != lines || s.errors != lines / 10) state.SkipWithError("unexpected batch summary");
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines));
    state.counters["out_MB/s"] = benchmark::Counter(static_cast<double>(out_bytes) / 1e6, benchmark::Counter::kIsRate);
    state.counters["s/line"] = benchmark::Counter(static_cast<double>(state.iterations() * lines),
                                                   benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

}  // namespace

BENCHMARK(BM_Batch)
    ->ArgNames({"lines", "threads"})
    ->Args({1000, 1})->Args({1000, 2})
    ->Args({10000, 1})->Args({10000, 2})
    ->Args({100000, 1})->Args({100000, 2})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kSecond);
