// The findings a generated plan carries (its therapist page): every rule the validator
// warns about in the plan is named there, by the generator's own summary or by the
// validator's first warning with how many more like it follow (generator.cpp,
// add_unreported_warnings).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;

namespace {

// A case of tests/data/golden/manifest.json, generated as the golden test does.
struct Generated {
    Patient patient;
    GeneratedPlan plan;
};

Generated golden_case(const std::string& name) {
    const auto manifest = nlohmann::json::parse(test::read_file("tests/data/golden/manifest.json"));
    const auto& c = manifest.at("cases").at(name);
    Generated g{test::parsed_patient(c.at("patient").dump()), {}};
    auto request = parse_request(c.at("request").dump());
    REQUIRE_MESSAGE(request.ok(), request.error().describe());
    auto out = generate(g.patient, request.value(), builtin_rules());
    REQUIRE_MESSAGE(out.ok(), out.error().describe());
    REQUIRE(out.value().plan);
    g.plan = std::move(out).value();
    return g;
}

std::set<std::string> warned_rules(const std::vector<Finding>& findings) {
    std::set<std::string> rules;
    for (const Finding& f : findings)
        if (f.severity == Severity::warning) rules.insert(f.rule);
    return rules;
}

std::set<std::string> rules_of(const std::vector<Finding>& findings) {
    std::set<std::string> rules;
    for (const Finding& f : findings) rules.insert(f.rule);
    return rules;
}

}  // namespace

TEST_CASE("session.duration: a plan whose days stay under 45 minutes says so on its therapist page, once, with the count") {
    // Parkinson with at most 45 minutes a day: the validator warns on 12 short days.
    const Generated g = golden_case("parkinson-beta-blocker-8w");
    const auto checked = validate(g.patient, *g.plan.plan, builtin_rules());
    const auto short_days = test::with_rule(checked, "session.duration", Severity::warning);
    REQUIRE(short_days.size() > 1);
    const auto listed = test::with_rule(g.plan.findings, "session.duration", Severity::warning);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].path == short_days.front().path);
    const std::string more = std::to_string(short_days.size() - 1) + " more warnings like this, the last in week " +
                             short_days.back().week->iso_week();
    CHECK(listed[0].message.en.find(more) != std::string::npos);
    CHECK(listed[0].message.nl.find("nog " + std::to_string(short_days.size() - 1) + " waarschuwingen van deze soort") !=
          std::string::npos);
    // The plan document carries the same finding.
    CHECK(test::with_rule(g.plan.plan->findings, "session.duration").size() == 1);
}

TEST_CASE("week.volume: a rule the generator reported keeps the generator's one summary, not the validator's list") {
    const Generated g = golden_case("parkinson-beta-blocker-8w");
    const auto checked = validate(g.patient, *g.plan.plan, builtin_rules());
    REQUIRE(test::with_rule(checked, "week.volume", Severity::warning).size() > 1);
    const auto listed = test::with_rule(g.plan.findings, "week.volume");
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].message.en.find("like this") == std::string::npos);
}

TEST_CASE("week.strength: a single warning the generator did not give is added as the validator wrote it") {
    // The concussion athlete's return has no strength session in its last full week.
    const Generated g = golden_case("concussion-athlete-en");
    const auto checked = test::with_rule(validate(g.patient, *g.plan.plan, builtin_rules()), "week.strength", Severity::warning);
    REQUIRE(checked.size() == 1);
    const auto listed = test::with_rule(g.plan.findings, "week.strength", Severity::warning);
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].message == checked[0].message);
    CHECK(listed[0].path == checked[0].path);
}

TEST_CASE("session.duration: a plan the validator has no warning on gets none added") {
    const Generated g = golden_case("stroke-standard-12w");
    CHECK(warned_rules(validate(g.patient, *g.plan.plan, builtin_rules())).empty());
    for (const Finding& f : g.plan.findings) CHECK(f.message.en.find("more warnings like this") == std::string::npos);
}

TEST_CASE("session.duration: every golden plan's page names each rule the validator warns about") {
    const auto manifest = nlohmann::json::parse(test::read_file("tests/data/golden/manifest.json"));
    for (auto it = manifest.at("cases").begin(); it != manifest.at("cases").end(); ++it) {
        CAPTURE(it.key());
        const Generated g = golden_case(it.key());
        const std::set<std::string> page = rules_of(g.plan.findings);
        for (const std::string& rule : warned_rules(validate(g.patient, *g.plan.plan, builtin_rules()))) {
            CAPTURE(rule);
            CHECK(page.count(rule) == 1);
        }
    }
}

TEST_CASE("progression.graded: the full-dose line states the minutes its week holds, as the week's printout counts them") {
    const auto manifest = nlohmann::json::parse(test::read_file("tests/data/golden/manifest.json"));
    int checked = 0;
    for (auto it = manifest.at("cases").begin(); it != manifest.at("cases").end(); ++it) {
        CAPTURE(it.key());
        const Generated g = golden_case(it.key());
        const Plan& plan = *g.plan.plan;
        if (!plan.full_dose_week) continue;
        const Date from = plan.start_date.plus_days(7 * (*plan.full_dose_week - 1));
        int held = 0;  // "This week: N minutes of exercise" (render/plan_view.cpp)
        for (const SessionPlan& s : plan.sessions)
            if (s.date >= from && s.date <= from.plus_days(6) && s.type != SessionType::relaxation &&
                s.type != SessionType::education)
                held += s.minutes;
        const std::string claim = "The full dose (" + std::to_string(held) + " training minutes a week";
        bool found = false;
        for (const Finding& f : g.plan.findings) found = found || f.message.en.rfind(claim, 0) == 0;
        CHECK_MESSAGE(found, claim);
        ++checked;
    }
    CHECK(checked >= 5);
}
