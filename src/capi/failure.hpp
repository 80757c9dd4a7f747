// The C layer's failures: what rehabplan_errmsg() and rehabplan_error_json() report about
// the last call on a context, and the error document itself.
#pragma once

#include <optional>
#include <string>

#include "rehabplan/rehabplan.h"

namespace rehabplan::capi {

// A failure on its way out: the status and the message for rehabplan_errmsg(), and what
// rehabplan_error_json() adds: the input it is about (a document, or a named argument),
// the JSON Pointer into that document and, for REHABPLAN_INVALID_ARGUMENT, the reason.
struct Failure {
    rehabplan_status status;
    std::string message;
    const char* document = nullptr;     // "patient", "plan", "request", "log", "rules", "exercises", "options"
    std::optional<std::string> pointer = {};  // JSON Pointer in `document` ("" = the whole of it)
    const char* argument = nullptr;     // the C parameter, when no document is at fault
    const char* reason = nullptr;       // INVALID_ARGUMENT only: see the reason_* constants
};

// The three meanings of REHABPLAN_INVALID_ARGUMENT, as error_json's "reason".
inline constexpr const char* reason_argument = "argument";                  // NULL or invalid argument
inline constexpr const char* reason_cannot_plan = "cannot_plan";            // request not plannable as asked
inline constexpr const char* reason_plan_breaks_rule = "plan_breaks_rule";  // plan already breaks a rule

// A NULL or invalid argument: no document, the parameter named.
Failure argument_failure(const char* argument, std::string message);

// The error document when it cannot be built (after a success, or out of memory while
// building it): only the status, as static text.
const char* static_error_json(rehabplan_status status);
// rehabplan_status_string(): "ok", "invalid argument", ...; "unknown status" outside the enum.
const char* status_text(int status);
// "REHABPLAN_OK", "REHABPLAN_INVALID_ARGUMENT", ...
const char* status_name(rehabplan_status status);
// {"status", "code", "document", "pointer", "argument", "reason", "message"}, members in that
// order. Invalid UTF-8 in a message (a caller's bytes quoted) becomes U+FFFD.
std::string error_document(const Failure& f);

}  // namespace rehabplan::capi
