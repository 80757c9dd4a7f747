// Batches: many patients planned or checked in one run. The input is NDJSON, one request
// per line (schema/batch-request.schema.json):
//   {"id": "p-17", "patient": {...}, "request": {...}}                      generate a plan
//   {"id": "p-17", "patient": {...}, "request": {...}, "format": "fhir", "lang": "nl"}
//   {"id": "p-18", "patient": {...}, "plan": {...}}                         validate a plan
// and the output NDJSON, one result record per input line, in the same order
// (schema/batch-result.schema.json). A bad line gives an error record naming the line and
// the field ("/patient/age: expected an integer 12-110, got number 1e+300") and the batch
// goes on. Records are a pure function of their line, its number and the rules, so the
// output does not depend on the number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "rules/rules.hpp"

namespace rehabplan {

// A line longer than this (without its CR LF) is an error record; the reader never holds
// more than one byte over it.
constexpr std::size_t max_batch_line_bytes = 4u * 1024u * 1024u;
constexpr unsigned max_batch_threads = 64;

enum class BatchStatus {
    ok,        // a plan (generate) or the findings (validate; they may hold errors)
    refused,   // generate: no plan may be made; the findings say why
    error,     // the line could not be read or planned as asked
};

struct BatchRecord {
    BatchStatus status = BatchStatus::error;
    bool findings_have_errors = false;  // validate: the plan breaks a rule
    std::string json;                    // the record: one line of JSON, no line break
};

// One line (without its line break) to its record. `line_number` is 1-based.
BatchRecord batch_record(std::string_view line, std::size_t line_number, const RuleSet& rules);
namespace detail {
// The same, written into `buffer`: a record's string written out before, whose room is kept
// (run_batch() hands each thread the strings it has written out, so a record's few hundred
// KB are not allocated on one thread and freed on another, line after line).
BatchRecord batch_record(std::string_view line, std::size_t line_number, const RuleSet& rules, std::string buffer);
}  // namespace detail

struct BatchSummary {
    std::size_t lines = 0;
    std::size_t ok = 0;
    std::size_t refused = 0;
    std::size_t errors = 0;               // error records
    std::size_t plans_with_errors = 0;    // validate lines whose plan breaks a rule
};

// The worker threads for a request of `requested`: itself, or for 0 one per processor (at
// least 1, at most max_batch_threads).
unsigned batch_threads(unsigned requested);

struct BatchOptions {
    unsigned threads = 1;                 // 1 to max_batch_threads
    std::size_t first_line = 1;           // the number of the input's first line
    // Called on the calling thread as records are written: lines written so far and
    // input bytes consumed. May be empty.
    std::function<void(std::size_t lines, std::uint64_t bytes)> progress;
};

// Reads the input with `read` (fills up to `cap` bytes, returns how many; 0 at the end),
// writes each record and its '\n' with `write`, in input order. With threads > 1 the
// records are made by that many workers; reading, writing and `progress` stay on the
// calling thread, and at most a bounded window of lines is held at once. An exception
// from `read`, `write` or a worker (std::bad_alloc) stops the batch and is rethrown here.
BatchSummary run_batch(const std::function<std::size_t(char* buf, std::size_t cap)>& read,
                       const std::function<void(std::string_view)>& write, const RuleSet& rules,
                       const BatchOptions& options);

}  // namespace rehabplan
