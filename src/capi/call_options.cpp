#include "capi/call_options.hpp"

#include "core/json_reader.hpp"

namespace rehabplan::capi {

using namespace rehabplan::detail;

Result<ExerciseListOptions> exercise_list_options(std::string_view options) {
    return guarded<ExerciseListOptions>([&] {
        ExerciseListOptions o;
        o.format = "json";  // the C API's callers are programs
        if (options.empty()) return o;
        const JsonDocument doc = parse_document(options);
        ObjectReader r(doc, "");
        r.integer("schema_version", 1, 1, false);
        if (auto c = read_enum<ConditionType>(r, "condition", false)) o.condition = *c;
        if (auto l = r.enumeration("lang", {"en", "nl"}, false)) o.language = *l;
        if (auto f = r.enumeration("format", {"json", "text", "html"}, false)) o.format = *f;
        r.finish();
        return o;
    });
}

}  // namespace rehabplan::capi
