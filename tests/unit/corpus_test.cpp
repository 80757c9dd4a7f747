// The parser and the JSON Schemas agree: tests/data/corpus/manifest.json states for
// each document what the parser must say (valid, error code, first error path), and
// tests/python/test_schemas.py checks the schema verdict of the same files.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;

namespace {

Result<bool> parse_kind(const std::string& kind, const std::string& text) {
    auto as_bool = [](const auto& r) -> Result<bool> {
        if (r) return true;
        return r.error();
    };
    if (kind == "patient") return as_bool(parse_patient(text));
    if (kind == "plan") return as_bool(parse_plan(text));
    if (kind == "exercises") return as_bool(apply_clinic_exercises(builtin_rules(), text));
    return as_bool(apply_clinic_rules(builtin_rules(), text));
}

}  // namespace

TEST_CASE("corpus: the parser gives each document's expected verdict, code and path") {
    const auto manifest = nlohmann::json::parse(test::read_file("tests/data/corpus/manifest.json"));
    REQUIRE(manifest.size() >= 60);
    int invalid = 0;
    for (auto it = manifest.begin(); it != manifest.end(); ++it) {
        const auto& m = it.value();
        CAPTURE(it.key());
        CAPTURE(m["note"].get<std::string>());
        const auto r = parse_kind(m["kind"], test::read_file("tests/data/corpus/" + it.key()));
        CHECK(r.ok() == m["valid"].get<bool>());
        if (!r.ok() && !m["valid"].get<bool>()) {
            ++invalid;
            CAPTURE(r.error().message);
            CHECK(to_string(r.error().code) == m["code"].get<std::string>());
            CHECK(r.error().path == m["path"].get<std::string>());
            CHECK_FALSE(r.error().message.empty());
        }
    }
    CHECK(invalid >= 60);
}

TEST_CASE("corpus: the examples parse and the built-in rules file is what the library embeds") {
    for (const char* name : {"patient-stroke.json", "patient-concussion.json", "patient-older-adult.json"})
        CHECK(parse_patient(test::read_file(std::string("examples/") + name)).ok());
    for (const char* name : {"plan-stroke-week.json", "plan-concussion.json", "plan-with-errors.json"})
        CHECK(parse_plan(test::read_file(std::string("examples/") + name)).ok());
    auto from_file = parse_rule_set(test::read_file("data/rules.json"));
    REQUIRE(from_file.ok());
    CHECK(to_json(from_file.value()) == to_json(builtin_rules()));
}
