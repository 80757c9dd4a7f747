// c_api_oom_test: REHABPLAN_OUT_OF_MEMORY, forced.
//
// This executable is linked with -Wl,--wrap=malloc (see CMakeLists.txt): every malloc() call
// in the C API (src/capi/c_api.cpp, compiled into this test) and in the C++ core (rehabplan::core,
// linked statically) goes through __wrap_malloc() below, which can make the n-th call fail
// ("once") or the n-th and every later one ("sticky", where even storing the error message
// fails and the context falls back to the static text of the status).
//
// Two modes:
//   c_api_oom_test                     (the registered test, c_api.out_of_memory)
//     Fails the C API's own allocations: the documents it returns (malloc in c_api.cpp).
//   c_api_oom_test --every-allocation [--no-fork] [--only NAME] [--point N]  (by hand; README.md)
//     Also routes operator new/delete (replaced here, the standard's own mechanism) through
//     the wrapped malloc, so any allocation of the C++ core can fail: parsing, planning,
//     copying the rules. Each failure point runs in a forked child, so that a crash is
//     counted and reported instead of ending the run (--no-fork: in this process, to debug
//     a crash; --only: the calls whose name contains NAME; --point N: only allocation N).
//
// For each C API function, the test counts the allocations of a normal call, makes each of
// them fail in turn (all of them up to 400; else the first and last hundred and an even
// sample in between) and checks the contract of rehabplan.h:
//   - the status is REHABPLAN_OUT_OF_MEMORY (or, for a call that fails anyway, its own
//     status with its own message or the static text of that status);
//   - every output is NULL (nothing leaks: LeakSanitizer checks this in the ASan build);
//   - rehabplan_errmsg() says "out of memory", and rehabplan_error_json() (since 1.4.0) is
//     valid JSON whose status is REHABPLAN_OUT_OF_MEMORY (the full document, or the static
//     one when even building it failed); a call that fails anyway keeps its own status there;
//   - the context is unchanged: its rules document is the same, and the same call made
//     again without failures gives the same bytes as before.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <new>
#include <string>
#include <utility>
#include <vector>

#include "rehabplan/rehabplan.h"
#include "test_json.h"
#include "test_support.h"

extern "C" void* __real_malloc(std::size_t size);
extern "C" void* __wrap_malloc(std::size_t size);

namespace {

bool every_allocation = false;  // operator new counts too
bool no_fork = false;           // --every-allocation in this process (to debug a crash)
const char* only = nullptr;     // run only the calls whose name contains this
long only_point = 0;            // run only this injection point (with --no-fork, to debug it)

// The injector. It counts and fails the allocations of the thread that armed it only:
// rehabplan_batch() with threads > 1 also allocates on its worker threads, whose order is not
// deterministic (with --every-allocation), and they must not race on these counters.
thread_local bool armed = false;
long allocations = 0;  // counted while armed
long fail_at = 0;      // 0: none; n: the n-th allocation after arming fails
bool sticky = false;   // and every one after it
long injected = 0;     // failures handed out since arming

void arm(long n, bool all_after) {
    allocations = 0;
    injected = 0;
    fail_at = n;
    sticky = all_after;
    armed = true;
}

void disarm() { armed = false; }

}  // namespace

extern "C" void* __wrap_malloc(std::size_t size) {
    if (armed) {
        ++allocations;
        if (fail_at > 0 && (allocations == fail_at || (sticky && allocations > fail_at))) {
            ++injected;
            return nullptr;
        }
    }
    return __real_malloc(size);
}

// Replaceable global allocation functions ([new.delete]): through the wrapped malloc in
// --every-allocation mode, straight to the real one otherwise.
void* operator new(std::size_t size) {
    if (size == 0) size = 1;
    void* p = every_allocation ? std::malloc(size) : __real_malloc(size);
    if (p == nullptr) throw std::bad_alloc();
    return p;
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
    try {
        return ::operator new(size);
    } catch (...) {
        return nullptr;
    }
}
void* operator new[](std::size_t size, const std::nothrow_t& tag) noexcept { return ::operator new(size, tag); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { std::free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { std::free(p); }

namespace {

char poison_byte;
char* const POISON = &poison_byte;

const char STROKE_1_WEEK[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":1}";
const char REFUSED_PATIENT[] =
    "{\"schema_version\":1,\"age\":60,\"sex\":\"male\",\"conditions\":[{\"type\":\"stroke\","
    "\"event_date\":\"2026-08-14\"}],\"contraindications\":{\"named\":[\"unstable_angina\"]},"
    "\"baseline_minutes\":20}";
const char BROKEN_PATIENT[] = "{\"schema_version\":1,\"age\":1e300,\"sex\":\"female\",\"baseline_minutes\":20}";
const char TIGHTEN_HR[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":75}}}}";
// What the stroke patient did of the first week and a half of the golden 12-week stroke plan
// (tests/data/golden/stroke-standard-12w.json), with a stop signal: stop and refer. The first
// entry alone is a log that fits; LATE_LOG has an entry after PROGRESS_TODAY.
const char PROGRESS_LOG[] =
    "{\"schema_version\":1,\"patient_id\":\"P-0042\",\"entries\":["
    "{\"date\":\"2026-11-23\",\"type\":\"dual_task\",\"minutes\":30,\"rpe\":12},"
    "{\"date\":\"2026-11-23\",\"type\":\"strength\",\"minutes\":16,\"rpe\":13},"
    "{\"date\":\"2026-11-25\",\"type\":\"aerobic\",\"minutes\":30,\"rpe\":12,"
    "\"heart_rate\":{\"average_bpm\":108,\"peak_bpm\":121,\"minutes_in_zone\":24},\"symptoms\":{\"pain\":1}},"
    "{\"date\":\"2026-11-28\",\"type\":\"aerobic\",\"minutes\":30,\"rpe\":13},"
    "{\"date\":\"2026-11-30\",\"type\":\"strength\",\"minutes\":18,\"rpe\":13},"
    "{\"date\":\"2026-12-02\",\"type\":\"aerobic\",\"minutes\":12,\"completed\":false,\"stop_signal\":true,"
    "\"note\":\"chest pain\"}]}";
const char HOLD_LOG[] =
    "{\"schema_version\":1,\"entries\":[{\"date\":\"2026-11-23\",\"type\":\"dual_task\",\"minutes\":30}]}";
const char LATE_LOG[] = "{\"entries\":[{\"date\":\"2026-12-04\",\"type\":\"aerobic\",\"minutes\":30}]}";
const char PROGRESS_TODAY[] = "2026-12-03";

// The allocation numbers to fail: all of them up to 400, else the first and last 100 and an
// even sample of about 200 in between.
std::vector<long> injection_points(long total) {
    std::vector<long> points;
    if (total <= 400) {
        for (long i = 1; i <= total; ++i) points.push_back(i);
        return points;
    }
    for (long i = 1; i <= 100; ++i) points.push_back(i);
    const long stride = (total - 200) / 200 + 1;
    for (long i = 101; i <= total - 100; i += stride) points.push_back(i);
    for (long i = total - 99; i <= total; ++i) points.push_back(i);
    return points;
}

// Runs `check(n, sticky)` for every injection point, once and sticky. In --every-allocation
// mode each runs in a forked child and crashes are counted; the children print the details
// of the first few failing points only.
void for_each_point(const char* name, long total, const std::function<void(long, bool)>& check) {
    const std::vector<long> points = only_point > 0 ? std::vector<long>{only_point} : injection_points(total);
    int failed = 0, crashed = 0, runs = 0;
    std::printf("%s: %ld allocations, failing %lu of them once and sticky\n", name, total,
                static_cast<unsigned long>(points.size()));
    std::fflush(stdout);
    for (int mode = 0; mode < 2; ++mode) {
        for (long n : points) {
            ++runs;
            if (!every_allocation || no_fork) {
                if (no_fork) std::fprintf(stderr, "  %s: allocation %ld of %ld failing%s\n", name, n, total,
                                          mode == 1 ? " and all after it" : " once");
                const int before = test_failures;
                check(n, mode == 1);
                if (test_failures != before) {
                    std::fprintf(stderr, "    (%s: allocation %ld of %ld failing%s)\n", name, n, total,
                                 mode == 1 ? " and all after it" : " once");
                    if (++failed >= 5) return;  // enough to see the pattern
                }
                continue;
            }
            std::fflush(stdout);
            std::fflush(stderr);
            const pid_t pid = fork();
            if (pid < 0) {
                std::perror("fork");
                std::exit(2);
            }
            if (pid == 0) {
                if (failed + crashed >= 3 && std::freopen("/dev/null", "w", stderr) == nullptr) _exit(3);
                std::fprintf(stderr, "  %s: allocation %ld of %ld failing%s\n", name, n, total,
                             mode == 1 ? " and all after it" : " once");
                const int before = test_failures;
                check(n, mode == 1);
                std::fflush(stderr);
                _exit(test_failures != before ? 1 : 0);
            }
            int status = 0;
            if (waitpid(pid, &status, 0) != pid) {
                std::perror("waitpid");
                std::exit(2);
            }
            if (WIFSIGNALED(status)) {
                std::fprintf(stderr, "    -> %s, allocation %ld%s: crashed, signal %d (%s)\n", name, n,
                             mode == 1 ? " and after" : "", WTERMSIG(status), strsignal(WTERMSIG(status)));
                ++crashed;
            } else if (WEXITSTATUS(status) != 0) {
                std::fprintf(stderr, "    -> %s, allocation %ld%s: contract broken (exit %d)\n", name, n,
                             mode == 1 ? " and after" : "", WEXITSTATUS(status));
                ++failed;
            }
        }
    }
    if (every_allocation) {
        std::printf("%s: %d runs, %d kept the contract, %d broke it, %d crashed\n", name, runs,
                    runs - failed - crashed, failed, crashed);
        test_result(failed == 0 && crashed == 0, __FILE__, __LINE__, name);
    }
}

// A call with up to two outputs (unused ones stay nullptr).
using Call = std::function<rehabplan_status(rehabplan_context*, char** out1, char** out2)>;

struct Outcome {
    rehabplan_status status = REHABPLAN_OK;
    bool has1 = false, has2 = false;  // the output was non-NULL
    std::string out1, out2, message, error_json;
};

// The "status" of the context's rehabplan_error_json(), checked to be valid JSON whose
// length is the one returned; "" when it is not.
std::string error_status(const rehabplan_context* ctx) {
    std::size_t len = 0;
    const char* doc = rehabplan_error_json(ctx, &len);
    if (!CHECK(doc != nullptr && len == std::strlen(doc) && test_json_is_valid(doc, len))) return std::string();
    char* status = test_json_get(doc, len, "/status");
    std::string s = status != nullptr ? status : "";
    std::free(status);
    return s;
}

// "REHABPLAN_OUT_OF_MEMORY" for REHABPLAN_OUT_OF_MEMORY, ...
std::string status_name(rehabplan_status status) {
    static const char* const names[] = {"REHABPLAN_OK",          "REHABPLAN_INVALID_ARGUMENT", "REHABPLAN_PARSE_ERROR",
                                        "REHABPLAN_SCHEMA_ERROR", "REHABPLAN_RULES_ERROR",      "REHABPLAN_REFUSED",
                                        "REHABPLAN_OUT_OF_MEMORY", "REHABPLAN_INTERNAL"};
    return static_cast<int>(status) >= 0 && status < REHABPLAN_STATUS_LAST_ ? names[status] : "?";
}

// Runs the call once (armed as given), frees its outputs, and returns what it gave.
Outcome run(rehabplan_context* ctx, const Call& call, bool two_outputs, long n, bool all_after) {
    char* o1 = POISON;
    char* o2 = two_outputs ? POISON : nullptr;
    arm(n, all_after);
    const rehabplan_status status = call(ctx, &o1, two_outputs ? &o2 : nullptr);
    disarm();
    Outcome r;
    r.status = status;
    r.message = rehabplan_errmsg(ctx);
    r.error_json = rehabplan_error_json(ctx, nullptr);
    if (!CHECK(o1 != POISON && o2 != POISON)) {  // an output left as the caller set it
        if (o1 == POISON) o1 = nullptr;
        if (o2 == POISON) o2 = nullptr;
    }
    r.has1 = o1 != nullptr;
    r.has2 = o2 != nullptr;
    if (o1 != nullptr) r.out1 = o1;
    if (o2 != nullptr) r.out2 = o2;
    rehabplan_free(o1);
    rehabplan_free(o2);
    return r;
}

// A document on one line, for a batch line.
std::string test_line(const test_doc& doc) {
    char* m = test_minified(doc.data, doc.len);
    std::string s = m;
    std::free(m);
    return s;
}

std::string rules_document(rehabplan_context* ctx) {
    char* rules = nullptr;
    if (!CHECK_STATUS(ctx, rehabplan_rules(ctx, &rules), REHABPLAN_OK)) return std::string();
    std::string s = rules;
    rehabplan_free(rules);
    return s;
}

// Makes each allocation of `call` fail in turn and checks the contract.
void exhaust(const char* name, rehabplan_context* ctx, const Call& call, bool two_outputs) {
    if (only != nullptr && std::strstr(name, only) == nullptr) return;
    const std::string rules_before = rules_document(ctx);
    const Outcome reference = run(ctx, call, two_outputs, 0, false);
    const long total = allocations;
    if (total == 0) {
        std::printf("%s: no allocation to fail in this mode\n", name);
        return;
    }
    for_each_point(name, total, [&](long n, bool all_after) {
        const Outcome got = run(ctx, call, two_outputs, n, all_after);
        if (injected == 0) {
            // Fewer allocations than in the counting run (a message stored again reuses the
            // capacity of the last one): nothing failed, so the call must have succeeded.
            CHECK(n > 1);
            CHECK_STATUS(ctx, got.status, reference.status);
            CHECK(got.out1 == reference.out1 && got.out2 == reference.out2);
        } else if (got.status == REHABPLAN_OUT_OF_MEMORY) {
            CHECK(!got.has1);
            CHECK(!got.has2);
            CHECK_STR_EQ(got.message.c_str(), "out of memory");
            CHECK_STR_EQ(error_status(ctx).c_str(), "REHABPLAN_OUT_OF_MEMORY");
        } else if (reference.status != REHABPLAN_OK && got.status == reference.status) {
            // A call that fails anyway may keep its own status when only its message could
            // not be stored (sticky): then the static text of the status stands in.
            CHECK(got.has1 == reference.has1 && got.out1 == reference.out1);
            CHECK(got.message == reference.message ||
                  got.message == rehabplan_status_string(static_cast<int>(reference.status)));
            CHECK_STR_EQ(error_status(ctx).c_str(), status_name(reference.status).c_str());
        } else {
            CHECK_STATUS(ctx, got.status, REHABPLAN_OUT_OF_MEMORY);
        }
        // The context is unchanged and works: the same call gives the same bytes.
        CHECK_STR_EQ(rules_document(ctx).c_str(), rules_before.c_str());
        const Outcome again = run(ctx, call, two_outputs, 0, false);
        CHECK_STATUS(ctx, again.status, reference.status);
        CHECK(again.has1 == reference.has1 && again.out1 == reference.out1);
        CHECK(again.has2 == reference.has2 && again.out2 == reference.out2);
        CHECK_STR_EQ(again.message.c_str(), reference.message.c_str());
        CHECK_STR_EQ(again.error_json.c_str(), reference.error_json.c_str());
    });
}

// rehabplan_context_clone() (since 1.4.0): a failed clone gives OUT_OF_MEMORY and no context,
// and leaves the source as it was (its rules, its message and error document).
void test_context_clone() {
    if (only != nullptr && std::strstr("rehabplan_context_clone", only) == nullptr) return;
    rehabplan_context* source = nullptr;
    if (!CHECK_STATUS(nullptr, rehabplan_context_new(&source), REHABPLAN_OK)) return;
    CHECK_STATUS(source, rehabplan_context_load_rules(source, TIGHTEN_HR, std::strlen(TIGHTEN_HR)), REHABPLAN_OK);
    CHECK_STATUS(source, rehabplan_context_load_rules(source, "{", 1), REHABPLAN_PARSE_ERROR);
    const std::string rules = rules_document(source);
    CHECK_STATUS(source, rehabplan_context_load_rules(source, "{", 1), REHABPLAN_PARSE_ERROR);
    const std::string message = rehabplan_errmsg(source);
    const std::string error_json = rehabplan_error_json(source, nullptr);
    rehabplan_context* copy = nullptr;
    arm(0, false);
    CHECK_STATUS(source, rehabplan_context_clone(source, &copy), REHABPLAN_OK);
    disarm();
    const long total = allocations;
    CHECK_STR_EQ(rules_document(copy).c_str(), rules.c_str());
    rehabplan_context_free(copy);
    if (total == 0) {
        std::printf("rehabplan_context_clone: no allocation to fail in this mode\n");
        rehabplan_context_free(source);
        return;
    }
    for_each_point("rehabplan_context_clone", total, [&](long n, bool all_after) {
        rehabplan_context* c = reinterpret_cast<rehabplan_context*>(POISON);
        arm(n, all_after);
        const rehabplan_status status = rehabplan_context_clone(source, &c);
        disarm();
        CHECK(injected > 0);
        CHECK_STATUS(nullptr, status, REHABPLAN_OUT_OF_MEMORY);
        if (!CHECK_NULL(c) && status == REHABPLAN_OK && c != reinterpret_cast<rehabplan_context*>(POISON))
            rehabplan_context_free(c);
        CHECK_STR_EQ(rehabplan_errmsg(source), message.c_str());
        CHECK_STR_EQ(rehabplan_error_json(source, nullptr), error_json.c_str());
        // rules_document() is a call on the source, so it comes after the checks above.
        CHECK_STR_EQ(rules_document(source).c_str(), rules.c_str());
        CHECK_STATUS(source, rehabplan_context_load_rules(source, "{", 1), REHABPLAN_PARSE_ERROR);
    });
    rehabplan_context_free(source);
}

void test_context_new() {
    if (only != nullptr && std::strstr("rehabplan_context_new", only) == nullptr) return;
    rehabplan_context* ctx = nullptr;
    arm(0, false);
    CHECK_STATUS(nullptr, rehabplan_context_new(&ctx), REHABPLAN_OK);
    disarm();
    const long total = allocations;
    rehabplan_context_free(ctx);
    if (total == 0) {
        std::printf("rehabplan_context_new: no allocation to fail in this mode\n");
        return;
    }
    for_each_point("rehabplan_context_new", total, [](long n, bool all_after) {
        rehabplan_context* c = reinterpret_cast<rehabplan_context*>(POISON);
        arm(n, all_after);
        const rehabplan_status status = rehabplan_context_new(&c);
        disarm();
        CHECK(injected > 0);
        CHECK_STATUS(nullptr, status, REHABPLAN_OUT_OF_MEMORY);
        if (!CHECK_NULL(c) && status == REHABPLAN_OK) rehabplan_context_free(c);
    });
}

// Loading rules changes the context when it succeeds, so each point uses a fresh context:
// a failed load leaves the built-in rules, and loading again then works.
void test_load_rules() {
    if (only != nullptr && std::strstr("rehabplan_context_load_rules", only) == nullptr) return;
    rehabplan_context* fresh = nullptr;
    CHECK_STATUS(nullptr, rehabplan_context_new(&fresh), REHABPLAN_OK);
    const std::string builtin = rules_document(fresh);
    arm(0, false);
    CHECK_STATUS(fresh, rehabplan_context_load_rules(fresh, TIGHTEN_HR, std::strlen(TIGHTEN_HR)), REHABPLAN_OK);
    disarm();
    const long total = allocations;
    const std::string tightened = rules_document(fresh);
    rehabplan_context_free(fresh);
    CHECK_STR_NE(tightened.c_str(), builtin.c_str());
    if (total == 0) {
        std::printf("rehabplan_context_load_rules: no allocation to fail in this mode\n");
        return;
    }
    for_each_point("rehabplan_context_load_rules", total, [&](long n, bool all_after) {
        rehabplan_context* c = nullptr;
        if (!CHECK_STATUS(nullptr, rehabplan_context_new(&c), REHABPLAN_OK)) return;
        arm(n, all_after);
        const rehabplan_status status = rehabplan_context_load_rules(c, TIGHTEN_HR, std::strlen(TIGHTEN_HR));
        disarm();
        CHECK(injected > 0);
        CHECK_STATUS(c, status, REHABPLAN_OUT_OF_MEMORY);
        CHECK_STR_EQ(rehabplan_errmsg(c), "out of memory");
        CHECK_STR_EQ(rules_document(c).c_str(), builtin.c_str());
        CHECK_STATUS(c, rehabplan_context_load_rules(c, TIGHTEN_HR, std::strlen(TIGHTEN_HR)), REHABPLAN_OK);
        CHECK_STR_EQ(rules_document(c).c_str(), tightened.c_str());
        rehabplan_context_free(c);
    });
}

// The exercise library in force, as rehabplan_exercises() lists it (JSON).
std::string exercises_document(rehabplan_context* ctx) {
    char* out = nullptr;
    if (!CHECK_STATUS(ctx, rehabplan_exercises(ctx, nullptr, 0, &out, nullptr), REHABPLAN_OK)) return std::string();
    std::string s = out;
    rehabplan_free(out);
    return s;
}

// rehabplan_context_load_exercises() (since 1.5.0), as test_load_rules(): each point on a
// fresh context; a failed load leaves the built-in library, and loading again then works.
void test_load_exercises(const test_doc& clinic) {
    if (only != nullptr && std::strstr("rehabplan_context_load_exercises", only) == nullptr) return;
    rehabplan_context* fresh = nullptr;
    CHECK_STATUS(nullptr, rehabplan_context_new(&fresh), REHABPLAN_OK);
    const std::string builtin = exercises_document(fresh);
    arm(0, false);
    CHECK_STATUS(fresh, rehabplan_context_load_exercises(fresh, clinic.data, clinic.len), REHABPLAN_OK);
    disarm();
    const long total = allocations;
    const std::string with_clinic = exercises_document(fresh);
    rehabplan_context_free(fresh);
    if (total == 0) {
        std::printf("rehabplan_context_load_exercises: no allocation to fail in this mode\n");
        return;
    }
    for_each_point("rehabplan_context_load_exercises", total, [&](long n, bool all_after) {
        rehabplan_context* c = nullptr;
        if (!CHECK_STATUS(nullptr, rehabplan_context_new(&c), REHABPLAN_OK)) return;
        arm(n, all_after);
        const rehabplan_status status = rehabplan_context_load_exercises(c, clinic.data, clinic.len);
        disarm();
        CHECK(injected > 0);
        CHECK_STATUS(c, status, REHABPLAN_OUT_OF_MEMORY);
        CHECK_STR_EQ(rehabplan_errmsg(c), "out of memory");
        CHECK_STR_EQ(exercises_document(c).c_str(), builtin.c_str());
        CHECK_STATUS(c, rehabplan_context_load_exercises(c, clinic.data, clinic.len), REHABPLAN_OK);
        CHECK_STR_EQ(exercises_document(c).c_str(), with_clinic.c_str());
        rehabplan_context_free(c);
    });
}

}  // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--every-allocation") == 0) {
            every_allocation = true;
        } else if (std::strcmp(argv[i], "--no-fork") == 0) {
            no_fork = true;
        } else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            only = argv[++i];
        } else if (std::strcmp(argv[i], "--point") == 0 && i + 1 < argc) {
            only_point = std::atol(argv[++i]);
        } else {
            std::fprintf(stderr, "usage: %s [--every-allocation [--no-fork]] [--only NAME] [--point N]\n", argv[0]);
            return 2;
        }
    }
    const test_doc stroke = test_read("examples/patient-stroke.json");
    const test_doc week = test_read("examples/plan-stroke-week.json");
    const std::size_t req_len = std::strlen(STROKE_1_WEEK);
    rehabplan_context* ctx = nullptr;

    // The library parses its embedded rules, messages and programmes once per process, on
    // first use: a warm-up call of each kind first, so that every count below is the cost of
    // the call itself and the same on every run.
    {
        rehabplan_context* warm = nullptr;
        char* out = nullptr;
        if (!CHECK_STATUS(nullptr, rehabplan_context_new(&warm), REHABPLAN_OK)) return 1;
        CHECK_STATUS(warm, rehabplan_generate(warm, stroke.data, stroke.len, STROKE_1_WEEK, req_len, &out),
                     REHABPLAN_OK);
        rehabplan_free(out);
        CHECK_STATUS(warm, rehabplan_validate(warm, stroke.data, stroke.len, week.data, week.len, &out), REHABPLAN_OK);
        rehabplan_free(out);
        // render reads the print catalog (data/print.json) and the phrasebook on first use.
        for (const char* format : {"text", "markdown", "html", "ics", "json", "fhir"}) {
            CHECK_STATUS(warm, rehabplan_render(warm, week.data, week.len, format, "nl", &out, nullptr), REHABPLAN_OK);
            rehabplan_free(out);
        }
        // So do the progress report and replanning, in both languages.
        const test_doc g = test_read("tests/data/golden/stroke-standard-12w.json");
        for (const char* format : {"json", "text", "html"}) {
            for (const char* lang : {"en", "nl"}) {
                CHECK_STATUS(warm,
                             rehabplan_progress(warm, stroke.data, stroke.len, g.data, g.len, PROGRESS_LOG,
                                                std::strlen(PROGRESS_LOG), PROGRESS_TODAY, format, lang, &out, nullptr),
                             REHABPLAN_OK);
                rehabplan_free(out);
            }
        }
        char* findings = nullptr;
        CHECK_STATUS(warm,
                     rehabplan_replan(warm, stroke.data, stroke.len, g.data, g.len, PROGRESS_LOG,
                                      std::strlen(PROGRESS_LOG), PROGRESS_TODAY, &out, &findings),
                     REHABPLAN_OK);
        rehabplan_free(out);
        rehabplan_free(findings);
        std::free(g.data);
        // The exercise listing in every format and language (the pictures' first use).
        for (const char* options : {R"({"format":"json"})", R"({"format":"text","lang":"nl"})",
                                    R"({"format":"html","lang":"en"})", R"({"format":"html","lang":"nl"})"}) {
            CHECK_STATUS(warm, rehabplan_exercises(warm, options, std::strlen(options), &out, nullptr), REHABPLAN_OK);
            rehabplan_free(out);
        }
        // Last: the golden plan breaks the tightened rules, which replan refuses.
        CHECK_STATUS(warm, rehabplan_context_load_rules(warm, TIGHTEN_HR, std::strlen(TIGHTEN_HR)), REHABPLAN_OK);
        rehabplan_context_free(warm);
    }

    test_context_new();
    test_load_rules();
    test_context_clone();
    const test_doc clinic_exercises = test_read("tests/data/exercises/clinic-exercises.json");
    test_load_exercises(clinic_exercises);
    std::free(clinic_exercises.data);
    if (!CHECK_STATUS(nullptr, rehabplan_context_new(&ctx), REHABPLAN_OK)) return 1;
    exhaust("rehabplan_exercises", ctx,
            [](rehabplan_context* c, char** o, char**) {
                const char* options = R"({"format":"text","lang":"nl"})";
                return rehabplan_exercises(c, options, std::strlen(options), o, nullptr);
            },
            false);
    exhaust("rehabplan_exercises (options error)", ctx,
            [](rehabplan_context* c, char** o, char**) {
                const char* options = R"({"colour":"red"})";
                return rehabplan_exercises(c, options, std::strlen(options), o, nullptr);
            },
            false);
    exhaust("rehabplan_rules", ctx, [](rehabplan_context* c, char** o, char**) { return rehabplan_rules(c, o); },
            false);
    exhaust("rehabplan_heart_rate_zones", ctx,
            [&](rehabplan_context* c, char** o, char**) {
                return rehabplan_heart_rate_zones(c, stroke.data, stroke.len, o);
            },
            false);
    exhaust("rehabplan_heart_rate_zones (schema error)", ctx,
            [&](rehabplan_context* c, char** o, char**) {
                return rehabplan_heart_rate_zones(c, BROKEN_PATIENT, std::strlen(BROKEN_PATIENT), o);
            },
            false);
    exhaust("rehabplan_validate", ctx,
            [&](rehabplan_context* c, char** o, char**) {
                return rehabplan_validate(c, stroke.data, stroke.len, week.data, week.len, o);
            },
            false);
    exhaust("rehabplan_generate", ctx,
            [&](rehabplan_context* c, char** o, char**) {
                return rehabplan_generate(c, stroke.data, stroke.len, STROKE_1_WEEK, req_len, o);
            },
            false);
    exhaust("rehabplan_generate_with_findings", ctx,
            [&](rehabplan_context* c, char** o1, char** o2) {
                return rehabplan_generate_with_findings(c, stroke.data, stroke.len, STROKE_1_WEEK, req_len, o1, o2);
            },
            true);
    exhaust("rehabplan_generate (refused)", ctx,
            [&](rehabplan_context* c, char** o, char**) {
                return rehabplan_generate(c, REFUSED_PATIENT, std::strlen(REFUSED_PATIENT), STROKE_1_WEEK, req_len, o);
            },
            false);
    exhaust("rehabplan_generate_with_findings (refused)", ctx,
            [&](rehabplan_context* c, char** o1, char** o2) {
                return rehabplan_generate_with_findings(c, REFUSED_PATIENT, std::strlen(REFUSED_PATIENT),
                                                        STROKE_1_WEEK, req_len, o1, o2);
            },
            true);

    // rehabplan_render: the hand-written week (no patient, zone or findings) in each format,
    // a generated plan that has all three, and a plan with a schema error. *out_len must be
    // the length on success and 0 on every failure.
    const test_doc golden = test_read("tests/data/golden/stroke-standard-12w.json");
    for (const char* format : {"text", "markdown", "html", "ics", "json", "fhir"}) {
        for (const test_doc* plan : {&week, &golden}) {
            const std::string name = std::string("rehabplan_render (") + format +
                                     (plan == &week ? ", plan-stroke-week)" : ", stroke-standard-12w)");
            exhaust(name.c_str(), ctx,
                    [&, format, plan](rehabplan_context* c, char** o, char**) {
                        std::size_t len = 12345;
                        const rehabplan_status st = rehabplan_render(c, plan->data, plan->len, format, "nl", o, &len);
                        if (st == REHABPLAN_OK && *o != nullptr) CHECK_INT_EQ(len, std::strlen(*o));
                        if (st != REHABPLAN_OK) CHECK_INT_EQ(len, 0);
                        return st;
                    },
                    false);
        }
    }
    const test_doc bad_plan = test_read("tests/data/corpus/plan-start-date-2026-02-30.json");
    exhaust("rehabplan_render (schema error)", ctx,
            [&](rehabplan_context* c, char** o, char**) {
                std::size_t len = 12345;
                const rehabplan_status st = rehabplan_render(c, bad_plan.data, bad_plan.len, "html", "en", o, &len);
                CHECK_INT_EQ(len, 0);
                return st;
            },
            false);

    // rehabplan_progress in each format, rehabplan_replan with and without its findings (a stop
    // signal, and a hold), and both failing on a log that does not fit (a schema error).
    // *out_len must be the length on success and 0 on every failure.
    const std::size_t log_len = std::strlen(PROGRESS_LOG);
    for (const char* format : {"json", "text", "html"}) {
        const std::string name = std::string("rehabplan_progress (") + format + ")";
        exhaust(name.c_str(), ctx,
                [&, format](rehabplan_context* c, char** o, char**) {
                    std::size_t len = 12345;
                    const rehabplan_status st =
                        rehabplan_progress(c, stroke.data, stroke.len, golden.data, golden.len, PROGRESS_LOG, log_len,
                                           PROGRESS_TODAY, format, "nl", o, &len);
                    if (st == REHABPLAN_OK && *o != nullptr) CHECK_INT_EQ(len, std::strlen(*o));
                    if (st != REHABPLAN_OK) CHECK_INT_EQ(len, 0);
                    return st;
                },
                false);
    }
    exhaust("rehabplan_progress (schema error)", ctx,
            [&](rehabplan_context* c, char** o, char**) {
                std::size_t len = 12345;
                const rehabplan_status st =
                    rehabplan_progress(c, stroke.data, stroke.len, golden.data, golden.len, LATE_LOG,
                                       std::strlen(LATE_LOG), PROGRESS_TODAY, "html", "en", o, &len);
                CHECK_INT_EQ(len, 0);
                return st;
            },
            false);
    for (const char* log : {PROGRESS_LOG, HOLD_LOG}) {
        const std::string which = log == PROGRESS_LOG ? "stop signal" : "one entry";
        exhaust(("rehabplan_replan (" + which + ")").c_str(), ctx,
                [&, log](rehabplan_context* c, char** o, char**) {
                    return rehabplan_replan(c, stroke.data, stroke.len, golden.data, golden.len, log, std::strlen(log),
                                            PROGRESS_TODAY, o, nullptr);
                },
                false);
        exhaust(("rehabplan_replan with findings (" + which + ")").c_str(), ctx,
                [&, log](rehabplan_context* c, char** o1, char** o2) {
                    return rehabplan_replan(c, stroke.data, stroke.len, golden.data, golden.len, log, std::strlen(log),
                                            PROGRESS_TODAY, o1, o2);
                },
                true);
    }
    exhaust("rehabplan_replan (schema error)", ctx,
            [&](rehabplan_context* c, char** o1, char** o2) {
                return rehabplan_replan(c, stroke.data, stroke.len, golden.data, golden.len, LATE_LOG,
                                        std::strlen(LATE_LOG), PROGRESS_TODAY, o1, o2);
            },
            true);

    // Batches: rehabplan_batch_line() for each kind of record, and rehabplan_batch() on one
    // thread and with two workers (only the calling thread's allocations are failed: see the
    // injector). *out_len must be the length on success and 0 on every failure.
    const std::string stroke_line = test_line(stroke);
    const std::string week_line = test_line(week);
    const std::string generate_line =
        "{\"id\":\"g\",\"patient\":" + stroke_line + ",\"request\":" + STROKE_1_WEEK + "}";
    const std::string fhir_line =
        "{\"id\":7,\"patient\":" + stroke_line + ",\"request\":" + STROKE_1_WEEK + ",\"format\":\"fhir\",\"lang\":\"nl\"}";
    const std::string validate_line = "{\"patient\":" + stroke_line + ",\"plan\":" + week_line + "}";
    const std::string refused_line = std::string("{\"patient\":") + REFUSED_PATIENT + ",\"request\":" + STROKE_1_WEEK + "}";
    const std::string error_line = std::string("{\"id\":\"e\",\"patient\":") + BROKEN_PATIENT + ",\"request\":" + STROKE_1_WEEK + "}";
    const std::pair<const char*, const std::string*> batch_lines[] = {
        {"generate", &generate_line}, {"fhir", &fhir_line},   {"validate", &validate_line},
        {"refused", &refused_line},   {"error record", &error_line},
    };
    for (const auto& [which, line] : batch_lines) {
        exhaust(("rehabplan_batch_line (" + std::string(which) + ")").c_str(), ctx,
                [line = line](rehabplan_context* c, char** o, char**) {
                    std::size_t len = 12345;
                    const rehabplan_status st = rehabplan_batch_line(c, line->data(), line->size(), 3, o, &len);
                    if (st == REHABPLAN_OK && *o != nullptr) CHECK_INT_EQ(len, std::strlen(*o));
                    if (st != REHABPLAN_OK) CHECK_INT_EQ(len, 0);
                    return st;
                },
                false);
    }
    std::string ndjson;
    for (const auto& [which, line] : batch_lines) ndjson += *line + "\n";
    ndjson += "not json\r\n\n" + validate_line;  // a parse error, an empty line, no final line break
    for (unsigned threads : {1u, 2u}) {
        exhaust(("rehabplan_batch (threads " + std::to_string(threads) + ")").c_str(), ctx,
                [&, threads](rehabplan_context* c, char** o, char**) {
                    std::size_t len = 12345;
                    const rehabplan_status st = rehabplan_batch(c, ndjson.data(), ndjson.size(), 1, threads, o, &len);
                    if (st == REHABPLAN_OK && *o != nullptr) {
                        CHECK_INT_EQ(len, std::strlen(*o));
                        CHECK_INT_EQ(std::count(*o, *o + len, '\n'), 8);  // complete: a record for every line
                    }
                    if (st != REHABPLAN_OK) CHECK_INT_EQ(len, 0);
                    return st;
                },
                false);
    }

    rehabplan_context_free(ctx);
    std::free(stroke.data);
    std::free(week.data);
    std::free(golden.data);
    std::free(bad_plan.data);
    return test_summary(every_allocation ? "c_api_oom_test --every-allocation" : "c_api_oom_test");
}
