// Fuzzes the patient document: rehabplan_heart_rate_zones, and rehabplan_validate with the
// fixed example plans (examples/plan-stroke-week.json, examples/plan-concussion.json).
// Contract checks: fuzz_common.hpp. Also: zones and validate read the patient the same way
// (same verdict, same message), and a fresh context gives the same outputs.
#include "fuzz_common.hpp"

namespace {

bool document_error(const fuzz::Outcome& o) {
    return o.status == REHABPLAN_PARSE_ERROR || o.status == REHABPLAN_SCHEMA_ERROR;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view patient(reinterpret_cast<const char*>(data), size);
    fuzz::Context c;

    const fuzz::Outcome zones = fuzz::deterministic("rehabplan_heart_rate_zones", [&] {
        return fuzz::heart_rate_zones(c, patient, {"patient"});
    });
    fuzz::check_parse_verdict("patient", patient, fuzz::parse_error_of(zones, "patient"));
    for (std::string_view plan : {fuzz::plan_stroke_week(), fuzz::plan_concussion()}) {
        const fuzz::Outcome v = fuzz::deterministic("rehabplan_validate", [&] {
            return fuzz::validate(c, patient, plan, {"patient"});
        });
        // validate alone judges the patient against the plan: an event or clearance date
        // after the plan's start is its INVALID_ARGUMENT (zones have no plan to compare).
        const bool after_start = v.status == REHABPLAN_INVALID_ARGUMENT;
        FUZZ_CHECK(after_start ? zones.ok() : v.ok() == zones.ok(),
                   "zones and validate disagree on the patient:\n  zones: " + zones.describe() +
                       "\n  validate: " + v.describe());
        if (document_error(zones) || document_error(v))
            FUZZ_CHECK(v.status == zones.status && v.errmsg == zones.errmsg,
                       "zones and validate give different errors for the patient:\n  zones: " + zones.describe() +
                           "\n  validate: " + v.describe());
    }

    // No hidden state: a fresh context gives the same zones.
    fuzz::Context fresh;
    const fuzz::Outcome again = fuzz::heart_rate_zones(fresh, patient, {"patient"});
    FUZZ_CHECK(again == zones, "a fresh context gives other zones:\n  first: " + zones.describe() +
                                   "\n  fresh: " + again.describe());
    return 0;
}
