// Result<T>: a value or an Error, so failures are data and no exception has to
// cross the C boundary (abseil's StatusOr, simplified).
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace rehabplan {

enum class ErrorCode {
    invalid_argument,  // a caller mistake outside any document (unknown format name, ...)
    parse_error,       // not JSON, too large, too deeply nested
    schema_error,      // valid JSON that breaks the document's schema or semantic checks
    rules_error,       // a rule file that is malformed or loosens a safety rule
    refused,           // a plan that must not be made (absolute contraindication)
    internal,
};

const char* to_string(ErrorCode code);

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string path;      // JSON Pointer into the offending document ("" = whole document)
    std::string message;   // English, names the path and what was expected
    // Set only where the caller could not tell which of a function's inputs the error is
    // about: that input ("patient", "plan") and the JSON Pointer into it (generate(): the
    // patient's fear hierarchy; replan(): "the plan already breaks a rule", whose `path` is
    // ""). The message says both in prose already; the C API's rehabplan_error_json()
    // passes them on so that callers need not parse it.
    std::string document = {};
    std::string document_path = {};

    // "path: message", or just the message when the path is empty.
    std::string describe() const;
};

template <class T>
class Result {
public:
    Result(T value) : v_(std::move(value)) {}            // NOLINT: implicit by design
    Result(Error error) : v_(std::move(error)) {}        // NOLINT
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<0>(v_); }
    T& value() & { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

}  // namespace rehabplan
