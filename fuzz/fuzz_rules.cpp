// Fuzzes the clinic rule file: rehabplan_context_load_rules, then rehabplan_rules, and under
// the loaded rules a generation for the stroke patient and one other example patient
// (re-validated with zero errors) and a validation of the example plan.
// Also checked: a failed load leaves the rules unchanged; loading is deterministic; the
// rules in force (rehabplan_rules) load back into a fresh context unchanged; a clone of the
// context has the same rules in force (rehabplan_context_clone).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view file(reinterpret_cast<const char*>(data), size);
    static const std::string builtin = [] {
        fuzz::Context c;
        return fuzz::rules(c).document;
    }();

    fuzz::Context c;
    const fuzz::Outcome loaded = fuzz::load_rules(c, file);
    fuzz::check_parse_verdict("rules", file, fuzz::parse_error_of(loaded, "rules"));
    const fuzz::Outcome in_force = fuzz::rules(c);
    FUZZ_CHECK(in_force.ok(), "rehabplan_rules failed: " + in_force.describe());
    if (!loaded.ok())
        FUZZ_CHECK(in_force.document == builtin, "a failed load changed the rules: " + loaded.describe());

    {  // The same file in another context: the same verdict and rules.
        fuzz::Context other;
        const fuzz::Outcome again = fuzz::load_rules(other, file);
        FUZZ_CHECK(again == loaded, "load_rules is not deterministic: " + loaded.describe() + " vs " + again.describe());
        FUZZ_CHECK(fuzz::rules(other) == in_force, "the same file gave other rules in force");
    }
    {  // A clone (rehabplan_context_clone, since 1.4.0) has the rules in force, loaded or not,
       // and no error; loading into it again gives the same verdict as into a fresh context.
        rehabplan_context* copy = nullptr;
        const rehabplan_status st = rehabplan_context_clone(c.get(), &copy);
        FUZZ_CHECK(st == REHABPLAN_OK && copy != nullptr, "rehabplan_context_clone failed");
        FUZZ_CHECK(std::string(rehabplan_errmsg(copy)).empty(), "a clone has an error message");
        char* copy_rules = nullptr;
        FUZZ_CHECK(rehabplan_rules(copy, &copy_rules) == REHABPLAN_OK && copy_rules != nullptr,
                   "rehabplan_rules on a clone failed");
        FUZZ_CHECK(in_force.document == copy_rules, "a clone has other rules in force");
        rehabplan_free(copy_rules);
        rehabplan_context_free(copy);
    }
    if (!loaded.ok()) return 0;

    {  // The rules in force load back unchanged on top of the built-in rules.
        fuzz::Context round;
        const fuzz::Outcome back = fuzz::load_rules(round, in_force.document);
        FUZZ_CHECK(back.ok(), "the rules in force do not load back: " + back.describe());
        const fuzz::Outcome round_rules = fuzz::rules(round);
        FUZZ_CHECK(round_rules.document == in_force.document, "the rules in force changed on a round trip");
    }

    // Generation under the tightened rules, for the stroke patient and one other chosen by
    // a hash of the file: the fixed documents are valid, so no document error may be
    // reported (empty blame list).
    const fuzz::Fixture& stroke = fuzz::fixtures()[0];
    const fuzz::Fixture& other = fuzz::other_fixture(file);
    fuzz::check_generation(c, stroke.patient, stroke.request, {});
    fuzz::check_generation(c, other.patient, other.request, {});
    const fuzz::Outcome v = fuzz::validate(c, fuzz::patient_stroke(), fuzz::plan_stroke_week(), {});
    FUZZ_CHECK(v.ok(), "the example plan does not validate under the loaded rules: " + v.describe());
    return 0;
}
