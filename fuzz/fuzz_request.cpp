// Fuzzes the request document: rehabplan_generate and rehabplan_generate_with_findings with
// the fuzzed request, for the stroke patient (examples/patient-stroke.json) and one other
// example patient chosen by a hash of the input (fuzz::other_fixture).
// Contract checks: fuzz_common.hpp; check_generation() also re-validates every generated
// plan (zero error findings) and checks determinism. The request is read the same way
// whoever the patient is: a request error is the same error for both patients.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view request(reinterpret_cast<const char*>(data), size);
    fuzz::Context c;

    const fuzz::Fixture& stroke = fuzz::fixtures()[0];
    const fuzz::Fixture& other = fuzz::other_fixture(request);
    const fuzz::Outcome a = fuzz::check_generation(c, stroke.patient, request, {"request"});
    const fuzz::Outcome b = fuzz::check_generation(c, other.patient, request, {"request"});

    fuzz::check_parse_verdict("request", request, fuzz::parse_error_of(a, "request"));

    auto request_error = [](const fuzz::Outcome& o) {
        return o.status == REHABPLAN_PARSE_ERROR || o.status == REHABPLAN_SCHEMA_ERROR;
    };
    FUZZ_CHECK(request_error(a) == request_error(b),
               std::string("the request is read differently for the ") + other.name + " patient:\n  stroke: " +
                   a.describe() + "\n  " + other.name + ": " + b.describe());
    if (request_error(a))
        FUZZ_CHECK(a.errmsg == b.errmsg, std::string("another request error for the ") + other.name +
                                             " patient:\n  stroke: " + a.describe() + "\n  " + other.name + ": " +
                                             b.describe());
    return 0;
}
