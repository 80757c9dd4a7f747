// Fuzzes the plan document: rehabplan_validate with each of the five example patients
// (examples/patient-*.json). Contract checks: fuzz_common.hpp (findings document shape,
// summary counts); determinism with the stroke patient. The plan is read the same way
// whoever the patient is: the same verdict for all five.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view plan(reinterpret_cast<const char*>(data), size);
    fuzz::Context c;

    const fuzz::Outcome verdict = fuzz::deterministic("rehabplan_validate", [&] {
        return fuzz::validate(c, fuzz::patient_stroke(), plan, {"plan"});
    });
    fuzz::check_parse_verdict("plan", plan, fuzz::parse_error_of(verdict, "plan"));
    for (const fuzz::Fixture& f : fuzz::fixtures()) {
        const fuzz::Outcome v = fuzz::validate(c, f.patient, plan, {"plan"});
        FUZZ_CHECK(v.ok() == verdict.ok(), std::string("the plan is read differently for the ") + f.name +
                                               " patient: " + v.describe() + " vs " + verdict.describe());
        if (!v.ok())
            FUZZ_CHECK(v.status == verdict.status && v.errmsg == verdict.errmsg,
                       std::string("another plan error for the ") + f.name + " patient: " + v.describe() + " vs " +
                           verdict.describe());
    }
    return 0;
}
