// Fuzzes the clinic exercise file: rehabplan_context_load_exercises, then the listing
// (rehabplan_exercises) in every format, and under the loaded library a generation for the
// stroke patient and one other example patient (re-validated with zero errors).
// Also checked: a failed load leaves the library unchanged; loading is deterministic; a
// clone of the context lists the same library.
#include <cstring>

#include "fuzz_common.hpp"

namespace {

const char* const json_listing = R"({"format":"json"})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view file(reinterpret_cast<const char*>(data), size);
    static const std::string builtin = [] {
        fuzz::Context c;
        return fuzz::exercises(c, json_listing).document;
    }();

    fuzz::Context c;
    const fuzz::Outcome loaded = fuzz::load_exercises(c, file);
    fuzz::check_parse_verdict("exercises", file, fuzz::parse_error_of(loaded, "exercises"));
    const fuzz::Outcome listed = fuzz::exercises(c, json_listing);
    FUZZ_CHECK(listed.ok(), "rehabplan_exercises failed: " + listed.describe());
    if (!loaded.ok())
        FUZZ_CHECK(listed.document == builtin, "a failed load changed the library: " + loaded.describe());

    {  // The same file in another context: the same verdict and library.
        fuzz::Context other;
        const fuzz::Outcome again = fuzz::load_exercises(other, file);
        FUZZ_CHECK(again == loaded, "load_exercises is not deterministic: " + loaded.describe() + " vs " +
                                        again.describe());
        FUZZ_CHECK(fuzz::exercises(other, json_listing) == listed, "the same file gave another library");
    }
    {  // A clone lists the same library.
        rehabplan_context* copy = nullptr;
        FUZZ_CHECK(rehabplan_context_clone(c.get(), &copy) == REHABPLAN_OK && copy != nullptr,
                   "rehabplan_context_clone failed");
        char* out = nullptr;
        FUZZ_CHECK(rehabplan_exercises(copy, json_listing, std::strlen(json_listing), &out, nullptr) == REHABPLAN_OK &&
                       out != nullptr,
                   "rehabplan_exercises on a clone failed");
        FUZZ_CHECK(listed.document == out, "a clone lists another library");
        rehabplan_free(out);
        rehabplan_context_free(copy);
    }
    if (!loaded.ok()) return 0;

    // Every format and language of the listing, and a condition filter, work on the library.
    for (const char* options : {R"({"format":"text","lang":"nl"})", R"({"format":"html"})",
                                R"({"condition":"stroke","format":"json"})"}) {
        const fuzz::Outcome o = fuzz::exercises(c, options);
        FUZZ_CHECK(o.ok(), std::string("rehabplan_exercises(") + options + ") failed: " + o.describe());
    }
    // Generation under the library: the fixed documents are valid, so no document error may
    // be reported, and the plan re-validates with zero errors (check_generation).
    const fuzz::Fixture& stroke = fuzz::fixtures()[0];
    const fuzz::Fixture& other = fuzz::other_fixture(file);
    fuzz::check_generation(c, stroke.patient, stroke.request, {});
    fuzz::check_generation(c, other.patient, other.request, {});
    return 0;
}
