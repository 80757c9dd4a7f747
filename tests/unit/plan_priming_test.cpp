// The plan's priming record (plan.priming, since 1.6): what the generator writes, how the
// plan reader checks it, and the printouts that explain it in English and Dutch.
#include <doctest/doctest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;
using nlohmann::json;

namespace {

Plan esketamine_plan(int weeks) {
    const Patient p = test::parsed_patient(test::read_file("tests/data/priming/patient-stroke-esketamine.json"));
    PlanRequest req;
    req.start_date = test::d("2026-11-23");
    req.weeks = weeks;
    req.programme = "standard";
    req.language = "en";
    auto g = generate(p, req, builtin_rules());
    REQUIRE_MESSAGE(g.ok(), g.error().describe());
    REQUIRE(g.value().plan);
    return *g.value().plan;
}

// The plan document with its priming record's first treatment changed by `edit`.
std::string edited(const std::function<void(json&)>& edit) {
    json doc = json::parse(to_json(esketamine_plan(2)));
    edit(doc["priming"][0]);
    return doc.dump();
}

}  // namespace

TEST_CASE("priming.window: the plan records the doses from 14 days before the start to its end, with window and rest") {
    const Plan plan = esketamine_plan(2);
    REQUIRE(plan.priming.size() == 1);
    const PlanPriming& t = plan.priming.front();
    CHECK(t.type == "esketamine");
    CHECK(t.window.start_hours == 24);
    CHECK(t.window.end_hours == 72);
    CHECK(t.rest_on_dates);
    // Two weeks from 2026-11-23: the Tuesday and Friday doses up to 2026-12-06, none after.
    std::vector<std::string> dates;
    for (Date d : t.dates) dates.push_back(d.to_string());
    CHECK(dates == std::vector<std::string>{"2026-11-24", "2026-11-27", "2026-12-01", "2026-12-04"});
    auto back = parse_plan(to_json(plan));
    REQUIRE_MESSAGE(back.ok(), back.error().describe());
    CHECK(to_json(back.value()) == to_json(plan));
}

TEST_CASE("priming.window: a plan without treatments has no priming member") {
    const Patient p = test::parsed_patient(test::read_file("examples/patient-stroke.json"));
    PlanRequest req;
    req.start_date = test::d("2026-11-23");
    req.weeks = 2;
    auto g = generate(p, req, builtin_rules());
    REQUIRE(g.ok());
    CHECK(to_json(*g.value().plan).find("\"priming\"") == std::string::npos);
}

TEST_CASE("priming.window: the plan reader refuses a priming record out of order, with a closed window or a missing member") {
    struct Case {
        std::function<void(json&)> edit;
        std::string path;
    };
    const std::vector<Case> cases = {
        {[](json& t) { t["dates"] = {"2026-11-27", "2026-11-24"}; }, "/priming/0/dates/1"},
        {[](json& t) { t["dates"] = {"2026-11-24", "2026-11-24"}; }, "/priming/0/dates/1"},
        {[](json& t) { t["dates"] = json::array(); }, "/priming/0/dates"},
        {[](json& t) { t["dates"] = {"2026-02-30"}; }, "/priming/0/dates/0"},
        {[](json& t) { t["window_end_hours"] = 24; }, "/priming/0/window_end_hours"},
        {[](json& t) { t["window_end_hours"] = 337; }, "/priming/0/window_end_hours"},
        {[](json& t) { t["window_start_hours"] = 1e300; }, "/priming/0/window_start_hours"},
        {[](json& t) { t["window_start_hours"] = -1; }, "/priming/0/window_start_hours"},
        {[](json& t) { t.erase("rest_on_dates"); }, "/priming/0/rest_on_dates"},
        {[](json& t) { t["rest_on_dates"] = "yes"; }, "/priming/0/rest_on_dates"},
        {[](json& t) { t["type"] = "Esketamine"; }, "/priming/0/type"},
        {[](json& t) { t["dose_mg"] = 56; }, "/priming/0/dose_mg"},
    };
    for (const Case& c : cases) {
        const std::string doc = edited(c.edit);
        CAPTURE(c.path);
        auto r = parse_plan(doc);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::schema_error);
        CHECK(r.error().path == c.path);
    }
    // The edge that is allowed: a window of one hour.
    CHECK(parse_plan(edited([](json& t) { t["window_start_hours"] = 0; t["window_end_hours"] = 1; })).ok());
}

TEST_CASE("priming.window: the printouts explain the dosing days and the window, in English and Dutch") {
    const Plan plan = esketamine_plan(2);
    const std::string en = render(plan, Format::text, "en").value();
    const std::string nl = render(plan, Format::text, "nl").value();
    CHECK(en.find("Your treatment and your training") != std::string::npos);
    CHECK(en.find("The best timing is not known exactly") != std::string::npos);
    CHECK(en.find("Tue 24 Nov (esketamine: no training)") != std::string::npos);
    CHECK(en.find("In the learning window after esketamine on Tue 24 Nov") != std::string::npos);
    CHECK(nl.find("Uw behandeling en uw training") != std::string::npos);
    CHECK(nl.find("De beste timing is niet precies bekend") != std::string::npos);
    CHECK(nl.find("di 24 nov (esketamine: geen training)") != std::string::npos);
    CHECK(nl.find("In het leervenster na esketamine op di 24 nov") != std::string::npos);
    // A dosing day is not listed as a rest day.
    const auto rest = en.find("Rest days:");
    REQUIRE(rest != std::string::npos);
    CHECK(en.substr(rest, en.find('\n', rest) - rest).find("Tue 24 Nov") == std::string::npos);
    for (const char* format : {"markdown", "html"}) {
        CAPTURE(format);
        const std::string out = render(plan, *parse_format(format), "en").value();
        CHECK(out.find("Your treatment and your training") != std::string::npos);
        CHECK(out.find("esketamine: no training") != std::string::npos);
    }
}
