// Shared by the libFuzzer harnesses: each C API call is made through a wrapper that checks
// the contract of include/rehabplan/rehabplan.h and aborts (so libFuzzer reports a crash)
// on any violation:
//   - the status is one of the codes the function documents, never REHABPLAN_INTERNAL
//     ("a bug in rehabplan");
//   - OK: the output is non-NULL, NUL-terminated, a JSON object (nlohmann::json), and
//     rehabplan_errmsg() is "";
//   - failure: the output is NULL (a REFUSED generate returns a findings document with at
//     least one error instead) and the message is non-empty, valid UTF-8, and for a
//     document error names the document ("patient: ...");
//   - findings documents: summary counts agree with the findings list, and every
//     finding's path points into the plan;
//   - documents: a NUL byte, invalid JSON, more than 32 levels or 4 MiB is a PARSE_ERROR,
//     and a document that is none of these is not (check_parse_verdict).
//   - rehabplan_error_json() (since 1.4.0) after every call: valid JSON whose status, code
//     and message are the call's, and whose pointer points into the input document it names;
//   - calls with a text output and *out_len (render, batch_line, batch): OK gives a valid
//     UTF-8 document whose strlen is *out_len (not necessarily one JSON object); a failure
//     gives a NULL output and *out_len 0.
// Outputs are copied into std::string and released at once, so LeakSanitizer sees every
// library allocation freed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "rehabplan/rehabplan.h"

namespace fuzz {

// Reports a contract violation on stderr and aborts.
[[noreturn]] void violation(const char* file, int line, const std::string& what);

#define FUZZ_CHECK(cond, what)                                                       \
    do {                                                                             \
        if (!(cond)) ::fuzz::violation(__FILE__, __LINE__, std::string(#cond ": ") + (what)); \
    } while (0)

// The examples/ documents, compiled in (fuzz/CMakeLists.txt).
struct Fixture {
    const char* name;
    std::string_view patient;
    std::string_view request;  // a valid request for this patient
};
// The five example patients, each with a valid 12-week request for its default programme
// (stroke: examples/request-stroke-12-weeks.json).
const std::vector<Fixture>& fixtures();
// fixtures()[0] is the stroke patient. A generation costs tens of milliseconds under the
// sanitizers, so harnesses that generate pair each input with the stroke patient and one
// other fixture chosen by a hash of the input: every patient is exercised, one per input.
const Fixture& other_fixture(std::string_view input);
// {"schema_version":1,"start_date":"2026-11-23","weeks":12}: each patient's default programme.
std::string_view default_request();
std::string_view patient_stroke();
std::string_view patient_concussion();
std::string_view plan_stroke_week();
std::string_view plan_concussion();
std::string_view request_stroke();

// A context with the built-in rules; aborts if rehabplan_context_new fails.
class Context {
public:
    Context();
    ~Context();
    Context(const Context&) = delete;
    Context& operator=(const Context&) = delete;
    rehabplan_context* get() const { return ctx_; }

private:
    rehabplan_context* ctx_ = nullptr;
};

// What one call returned: compared byte for byte for determinism.
struct Outcome {
    rehabplan_status status = REHABPLAN_OK;
    bool has_document = false;
    std::string document;  // the output, copied; empty when has_document is false
    std::string errmsg;

    bool ok() const { return status == REHABPLAN_OK; }
    bool operator==(const Outcome& o) const {
        return status == o.status && has_document == o.has_document && document == o.document && errmsg == o.errmsg;
    }
    bool operator!=(const Outcome& o) const { return !(*this == o); }
    std::string describe() const;
};

// As rehabplan_generate_with_findings: the plan and the findings.
struct GenerateOutcome {
    Outcome plan;      // status and errmsg, plan document
    Outcome findings;  // same status and errmsg, findings document
};

// Document names the fuzzed input may be blamed for in a PARSE_ERROR or SCHEMA_ERROR
// message ("patient: /age: ..."); the fixed documents are valid, so never for them.
using Blame = std::initializer_list<const char*>;

Outcome heart_rate_zones(const Context& c, std::string_view patient, Blame blame);
Outcome validate(const Context& c, std::string_view patient, std::string_view plan, Blame blame);
Outcome generate(const Context& c, std::string_view patient, std::string_view request, Blame blame);
GenerateOutcome generate_with_findings(const Context& c, std::string_view patient, std::string_view request,
                                       Blame blame);
Outcome load_rules(const Context& c, std::string_view rules);
Outcome rules(const Context& c);
// rehabplan_context_load_exercises (since 1.5.0): a clinic exercise file.
Outcome load_exercises(const Context& c, std::string_view exercises);
// rehabplan_exercises (since 1.5.0) with `options` (a NUL-terminated JSON text, or nullptr).
Outcome exercises(const Context& c, const char* options);
// rehabplan_render(plan, format, lang) (lang may be nullptr). Its own contract: OK gives a
// non-empty, NUL-terminated, valid UTF-8 document whose strlen is *out_len (not JSON for
// most formats: the caller checks the format), and errmsg ""; a failure gives a NULL output,
// *out_len 0 and a valid UTF-8 message naming "plan" (PARSE/SCHEMA_ERROR) or the argument
// ("format: ", "lang: ": INVALID_ARGUMENT). with_out_len false: out_len is passed as NULL.
Outcome render(const Context& c, std::string_view plan, const char* format, const char* lang,
               bool with_out_len = true);
// rehabplan_batch_line(line, line_number) and rehabplan_batch(ndjson, first_line, threads).
// For non-NULL arguments (and, for batch_line, a line without '\n') the call always returns
// REHABPLAN_OK: a bad line is an error record, never a failed call. OK gives errmsg "" and a
// NUL-terminated, valid UTF-8 output whose strlen is *out_len: batch_line one non-empty
// record without a line break, batch records each followed by '\n' (empty output for empty
// input). with_out_len false: out_len is passed as NULL. The records themselves are the
// harness's to check (fuzz_batch.cpp).
Outcome batch_line(const Context& c, std::string_view line, std::size_t line_number, bool with_out_len = true);
Outcome batch(const Context& c, std::string_view ndjson, std::size_t first_line, unsigned threads,
              bool with_out_len = true);
// The lines of an NDJSON text as rehabplan_batch() reads them (src/batch/batch.cpp, LineSplitter):
// each '\n' ends a line, the last line needs no line break, and an empty text has no lines
// ("\n" is one empty line, "a\n" one line, "a\nb" two). A '\r' before the '\n' stays in the
// line: the library drops one trailing '\r', the caller decides.
std::vector<std::string_view> lines_of(std::string_view text);
// True when `pointer` is a JSON Pointer that resolves in `doc`, or that names a missing member
// of an object in it ("/stop_signals" of a plan that leaves them out).
bool points_into(const nlohmann::json& doc, const std::string& pointer);

// rehabplan_error_json() after a call that gave `o` (every wrapper above checks it): valid
// JSON, its status, code and message those of `o`, and for a document error a pointer that
// points into that document when it is one of `inputs` (name as error_json gives it: "log").
void check_error_json(const Context& c, const Outcome& o, const std::string& where,
                      std::initializer_list<std::pair<const char*, std::string_view>> inputs);

// Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF).
bool valid_utf8(std::string_view s);

// The header's rules for input documents, checked against the verdict on one fuzzed
// document (`parse_error`: the call returned PARSE_ERROR naming it). A document the
// library parsed (any other verdict) must be valid JSON to nlohmann::json, contain no NUL
// byte, be at most 4 MiB and nest at most 32 levels; and such a document (not blank) must
// not be a PARSE_ERROR.
void check_parse_verdict(const char* document, std::string_view text, bool parse_error);
// True when `o` is a PARSE_ERROR whose message names `document` ("patient: ...").
bool parse_error_of(const Outcome& o, const char* document);

// Error-severity findings in a findings document (checks its shape and summary first).
int count_errors(const std::string& findings);

// Full check of a generation for (patient, request) under the context:
//   - generate and generate_with_findings agree (status, message, plan bytes);
//   - a generated plan re-validates under the same patient and context with zero errors;
//   - the same generation made twice (generate, then generate_with_findings) gives
//     byte-identical output (determinism).
// Returns the generate outcome.
Outcome check_generation(const Context& c, std::string_view patient, std::string_view request, Blame blame);

// Runs `call` twice and aborts if the two outcomes differ.
template <class Call>
Outcome deterministic(const char* what, Call call) {
    Outcome first = call();
    Outcome second = call();
    FUZZ_CHECK(first == second, std::string(what) + ": the same input gave different outputs:\n  first:  " +
                                    first.describe() + "\n  second: " + second.describe());
    return first;
}

}  // namespace fuzz
