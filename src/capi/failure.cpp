#include "capi/failure.hpp"

#include <iterator>

#include <nlohmann/json.hpp>

namespace rehabplan::capi {

using ojson = nlohmann::ordered_json;

// A NULL or invalid argument: no document, the parameter named.
Failure argument_failure(const char* argument, std::string message) {
    Failure f{REHABPLAN_INVALID_ARGUMENT, std::move(message)};
    f.argument = argument;
    f.reason = reason_argument;
    return f;
}

namespace {

// One row per status, in rehabplan_status order: its name, rehabplan_status_string()'s text
// and the static error document (the same name, code and text; OK's message is empty).
struct StatusTexts {
    const char* name;
    const char* text;
    const char* static_json;
};

#define REHABPLAN_STATUS_ROW(name, code, text, message)                                                    \
    StatusTexts {                                                                                          \
        #name, text,                                                                                       \
            "{\"status\":\"" #name "\",\"code\":" #code                                                     \
            ",\"document\":null,\"pointer\":null,\"argument\":null,\"reason\":null,\"message\":\"" message "\"}" \
    }
constexpr StatusTexts status_texts[] = {
    REHABPLAN_STATUS_ROW(REHABPLAN_OK, 0, "ok", ""),
    REHABPLAN_STATUS_ROW(REHABPLAN_INVALID_ARGUMENT, 1, "invalid argument", "invalid argument"),
    REHABPLAN_STATUS_ROW(REHABPLAN_PARSE_ERROR, 2, "parse error", "parse error"),
    REHABPLAN_STATUS_ROW(REHABPLAN_SCHEMA_ERROR, 3, "schema error", "schema error"),
    REHABPLAN_STATUS_ROW(REHABPLAN_RULES_ERROR, 4, "rules error", "rules error"),
    REHABPLAN_STATUS_ROW(REHABPLAN_REFUSED, 5, "refused", "refused"),
    REHABPLAN_STATUS_ROW(REHABPLAN_OUT_OF_MEMORY, 6, "out of memory", "out of memory"),
    REHABPLAN_STATUS_ROW(REHABPLAN_INTERNAL, 7, "internal error", "internal error"),
};
#undef REHABPLAN_STATUS_ROW
static_assert(std::size(status_texts) == REHABPLAN_STATUS_LAST_, "one row per status");

// The row of `status`; INTERNAL's for a value outside the enum.
const StatusTexts& row(int status) {
    return status >= 0 && status < REHABPLAN_STATUS_LAST_ ? status_texts[status] : status_texts[REHABPLAN_INTERNAL];
}

}  // namespace

const char* status_text(int status) {
    return status >= 0 && status < REHABPLAN_STATUS_LAST_ ? status_texts[status].text : "unknown status";
}

const char* static_error_json(rehabplan_status status) { return row(status).static_json; }

const char* status_name(rehabplan_status status) { return row(status).name; }

// {"status", "code", "document", "pointer", "argument", "reason", "message"}, members in that
// order. Invalid UTF-8 in a message (a caller's bytes quoted) becomes U+FFFD.
std::string error_document(const Failure& f) {
    const auto text_or_null = [](const char* s) { return s != nullptr ? ojson(s) : ojson(nullptr); };
    ojson j = ojson::object();
    j["status"] = status_name(f.status);
    j["code"] = static_cast<int>(f.status);
    j["document"] = text_or_null(f.document);
    j["pointer"] = f.pointer ? ojson(*f.pointer) : ojson(nullptr);
    j["argument"] = text_or_null(f.argument);
    j["reason"] = text_or_null(f.reason);
    j["message"] = f.message;
    return j.dump(-1, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace rehabplan::capi
