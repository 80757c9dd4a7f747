// Fuzzes patient and request together: the input is a patient document, a line "---", and
// a request document ("PATIENT\n---\nREQUEST"; without the separator the whole input is the
// patient and the request is {"schema_version":1,"start_date":"2026-11-23","weeks":12}).
// rehabplan_generate and rehabplan_generate_with_findings, re-validation of the plan with
// zero errors, determinism (fuzz_common.hpp), and: the patient is read as by
// rehabplan_heart_rate_zones (a patient error from generate is the zones error).
#include <cstring>

#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view separator = "\n---\n";
    std::string_view patient = input;
    std::string_view request = fuzz::default_request();
    if (const std::size_t at = input.find(separator); at != std::string_view::npos) {
        patient = input.substr(0, at);
        request = input.substr(at + separator.size());
    }

    fuzz::Context c;
    const fuzz::Outcome plan = fuzz::check_generation(c, patient, request, {"patient", "request"});
    const fuzz::Outcome zones = fuzz::heart_rate_zones(c, patient, {"patient"});
    fuzz::check_parse_verdict("patient", patient, fuzz::parse_error_of(zones, "patient"));
    // The request is read only once the patient is: its verdict is then generate's.
    if (zones.ok()) fuzz::check_parse_verdict("request", request, fuzz::parse_error_of(plan, "request"));
    const bool blames_patient = plan.errmsg.compare(0, std::strlen("patient: "), "patient: ") == 0;
    if (zones.ok())
        FUZZ_CHECK(!blames_patient, "generate blames a patient that zones accepts: " + plan.describe());
    if (blames_patient)
        FUZZ_CHECK(zones.status == plan.status && zones.errmsg == plan.errmsg,
                   "generate and zones read the patient differently:\n  generate: " + plan.describe() +
                       "\n  zones: " + zones.describe());
    return 0;
}
