// Request document -> PlanRequest. Limits follow schema/request.schema.json.
#include "documents/documents.hpp"
#include "core/json_reader.hpp"
#include "planning/generator.hpp"
#include "planning/programme.hpp"

namespace rehabplan {

using namespace detail;

namespace {

PlanRequest read_request(const json& doc) {
    ObjectReader r(doc, "");
    PlanRequest q;
    r.integer("schema_version", 1, 1, true);
    q.start_date = *r.date("start_date", true);
    q.weeks = static_cast<int>(r.integer("weeks", 1, 52, false).value_or(0));
    if (auto id = r.identifier("programme", false)) {
        if (!builtin_programmes().programmes.count(*id)) {
            std::string known;
            for (const auto& [k, v] : builtin_programmes().programmes) known += (known.empty() ? "" : ", ") + k;
            fail("/programme", "expected one of " + known + ", got \"" + *id + "\"");
        }
        q.programme = *id;
    }
    q.language = r.enumeration("language", {"en", "nl"}, false).value_or("en");
    r.finish();
    return q;
}

}  // namespace

PlanRequest detail::request_from_json(const json& doc) { return read_request(doc); }

Result<PlanRequest> parse_request(std::string_view text) {
    return guarded<PlanRequest>([&] { return read_request(parse_document(text)); });
}

}  // namespace rehabplan
