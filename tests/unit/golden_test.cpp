// Golden files: representative generated plans, byte for byte (tests/data/golden).
// REHABPLAN_UPDATE_GOLDEN=1 rewrites them; review the diff like any code change.
// One subcase per case of the manifest: a failing case does not hide the others
// (-sc=<name> runs one).
#include <doctest/doctest.h>


#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;

TEST_CASE("golden: generated plans match the reviewed files in tests/data/golden") {
    const auto manifest = nlohmann::json::parse(test::read_file("tests/data/golden/manifest.json"));
    for (auto it = manifest["cases"].begin(); it != manifest["cases"].end(); ++it) {
        const std::string name = it.key();
        SUBCASE(name.c_str()) {
            auto patient = parse_patient(it.value()["patient"].dump());
            REQUIRE_MESSAGE(patient.ok(), patient.error().describe());
            auto request = parse_request(it.value()["request"].dump());
            REQUIRE_MESSAGE(request.ok(), request.error().describe());
            auto g = generate(patient.value(), request.value(), builtin_rules());
            REQUIRE_MESSAGE(g.ok(), g.error().describe());
            REQUIRE(g.value().plan);
            const Plan& plan = *g.value().plan;
            CHECK(count(validate(patient.value(), plan, builtin_rules())).errors == 0);
            const std::string& lang = request.value().language;
            const std::string json = to_json(plan);
            const std::string text = render(plan, Format::text, lang).value();
            test::check_golden("tests/data/golden/" + name + ".json", json);
            test::check_golden("tests/data/golden/" + name + ".txt", text);
        }
    }
}
