#include "capi/failure.hpp"

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

// The error document of rehabplan_error_json() when it cannot be built (after a success, or
// out of memory while building it): only the status, as static text.
const char* static_error_json(rehabplan_status status) {
    switch (status) {
        case REHABPLAN_OK:
            return R"({"status":"REHABPLAN_OK","code":0,"document":null,"pointer":null,"argument":null,"reason":null,"message":""})";
        case REHABPLAN_INVALID_ARGUMENT:
            return R"({"status":"REHABPLAN_INVALID_ARGUMENT","code":1,"document":null,"pointer":null,"argument":null,"reason":null,"message":"invalid argument"})";
        case REHABPLAN_PARSE_ERROR:
            return R"({"status":"REHABPLAN_PARSE_ERROR","code":2,"document":null,"pointer":null,"argument":null,"reason":null,"message":"parse error"})";
        case REHABPLAN_SCHEMA_ERROR:
            return R"({"status":"REHABPLAN_SCHEMA_ERROR","code":3,"document":null,"pointer":null,"argument":null,"reason":null,"message":"schema error"})";
        case REHABPLAN_RULES_ERROR:
            return R"({"status":"REHABPLAN_RULES_ERROR","code":4,"document":null,"pointer":null,"argument":null,"reason":null,"message":"rules error"})";
        case REHABPLAN_REFUSED:
            return R"({"status":"REHABPLAN_REFUSED","code":5,"document":null,"pointer":null,"argument":null,"reason":null,"message":"refused"})";
        case REHABPLAN_OUT_OF_MEMORY:
            return R"({"status":"REHABPLAN_OUT_OF_MEMORY","code":6,"document":null,"pointer":null,"argument":null,"reason":null,"message":"out of memory"})";
        case REHABPLAN_INTERNAL:
        case REHABPLAN_STATUS_LAST_:
            break;
    }
    return R"({"status":"REHABPLAN_INTERNAL","code":7,"document":null,"pointer":null,"argument":null,"reason":null,"message":"internal error"})";
}

const char* status_name(rehabplan_status status) {
    switch (status) {
        case REHABPLAN_OK: return "REHABPLAN_OK";
        case REHABPLAN_INVALID_ARGUMENT: return "REHABPLAN_INVALID_ARGUMENT";
        case REHABPLAN_PARSE_ERROR: return "REHABPLAN_PARSE_ERROR";
        case REHABPLAN_SCHEMA_ERROR: return "REHABPLAN_SCHEMA_ERROR";
        case REHABPLAN_RULES_ERROR: return "REHABPLAN_RULES_ERROR";
        case REHABPLAN_REFUSED: return "REHABPLAN_REFUSED";
        case REHABPLAN_OUT_OF_MEMORY: return "REHABPLAN_OUT_OF_MEMORY";
        case REHABPLAN_INTERNAL:
        case REHABPLAN_STATUS_LAST_:
            break;
    }
    return "REHABPLAN_INTERNAL";
}

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
