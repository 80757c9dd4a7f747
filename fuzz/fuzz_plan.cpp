// Fuzzes the plan document: rehabplan_validate with each of the five example patients
// (examples/patient-*.json). Contract checks: fuzz_common.hpp (findings document shape,
// summary counts); determinism with the stroke patient. The plan is read the same way
// whoever the patient is: the same parse or schema verdict for all five. Whether the patient
// fits the plan's dates does depend on the patient (safety.clearance: an event or clearance
// date after the plan's start is INVALID_ARGUMENT naming the patient's field), so that verdict
// is only checked to name the patient document, not to be the same.
#include "fuzz_common.hpp"

namespace {

bool read_error(const fuzz::Outcome& o) {
    return o.status == REHABPLAN_PARSE_ERROR || o.status == REHABPLAN_SCHEMA_ERROR;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view plan(reinterpret_cast<const char*>(data), size);
    fuzz::Context c;

    const fuzz::Outcome verdict = fuzz::deterministic("rehabplan_validate", [&] {
        return fuzz::validate(c, fuzz::patient_stroke(), plan, {"plan"});
    });
    fuzz::check_parse_verdict("plan", plan, fuzz::parse_error_of(verdict, "plan"));
    for (const fuzz::Fixture& f : fuzz::fixtures()) {
        const fuzz::Outcome v = fuzz::validate(c, f.patient, plan, {"plan"});
        FUZZ_CHECK(read_error(v) == read_error(verdict), std::string("the plan is read differently for the ") +
                                                             f.name + " patient: " + v.describe() + " vs " +
                                                             verdict.describe());
        if (read_error(v))
            FUZZ_CHECK(v.status == verdict.status && v.errmsg == verdict.errmsg,
                       std::string("another plan error for the ") + f.name + " patient: " + v.describe() + " vs " +
                           verdict.describe());
        else if (!v.ok())
            FUZZ_CHECK(v.status == REHABPLAN_INVALID_ARGUMENT && (v.errmsg.find("validate: /conditions/") == 0 ||
                                                                   v.errmsg.find("validate: /clearance/") == 0),
                       std::string("a plan that reads cleanly is refused for the ") + f.name +
                           " patient for another reason than its dates: " + v.describe());
    }
    return 0;
}
