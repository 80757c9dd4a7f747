// The heart-rate box of a printout: the talk test matches the zone's class, and the zone's
// ceiling reads as a limit never to pass (clinical review of the printouts).
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;

namespace {

std::string printed(const std::string& golden_case, const std::string& lang) {
    const auto manifest = nlohmann::json::parse(test::read_file("tests/data/golden/manifest.json"));
    const auto& c = manifest.at("cases").at(golden_case);
    const Patient p = test::parsed_patient(c.at("patient").dump());
    auto request = parse_request(c.at("request").dump());
    REQUIRE(request.ok());
    auto g = generate(p, request.value(), builtin_rules());
    REQUIRE_MESSAGE(g.ok(), g.error().describe());
    REQUIRE(g.value().plan);
    auto text = render(*g.value().plan, Format::markdown, lang);
    REQUIRE(text.ok());
    return text.value();
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("intensity.heart_rate printed: a light zone (concussion step 2A) asks for full sentences, a moderate one for short ones") {
    const std::string light_en = printed("concussion-office-worker-en", "en");
    CHECK(has(light_en, "Light effort: you breathe a little faster and can still talk in full sentences."));
    CHECK_FALSE(has(light_en, "Moderate effort"));
    const std::string light_nl = printed("concussion-office-worker-en", "nl");
    CHECK(has(light_nl, "Lichte inspanning: u ademt iets sneller en kunt nog gewoon in hele zinnen praten."));
    CHECK_FALSE(has(light_nl, "Matige inspanning"));
    // The athlete's first days are moderate (60-76 %): the moderate talk test.
    const std::string moderate = printed("concussion-athlete-en", "en");
    CHECK(has(moderate, "Moderate effort: you breathe faster but can still talk in short sentences."));
    CHECK_FALSE(has(moderate, "Light effort"));
    CHECK(has(printed("stroke-standard-12w", "en"), "Moderate effort"));
}

TEST_CASE("intensity.heart_rate printed: the zone's ceiling is a limit never to pass, in English and Dutch") {
    // NeuroRC after a brain injury: train at 60-76 %, never above the 85 % ceiling HIIT may reach.
    const std::string en = printed("tbi-neurorc-12w", "en");
    CHECK(has(en, "Train at 111-139 beats per minute"));
    CHECK(has(en, "Never above: 85 % of HRmax 183.5"));
    CHECK_FALSE(has(en, "Upper limit"));
    CHECK(has(printed("tbi-neurorc-12w", "nl"), "Nooit boven: 85 % van HFmax 183,5"));
}

TEST_CASE("safety.stop_signals advice: after a concussion the plan says no alcohol until recovered, other adults at most one glass") {
    const std::string en = printed("concussion-office-worker-en", "en");
    CHECK(has(en, "Do not drink alcohol until you have recovered"));
    CHECK_FALSE(has(en, "at most one glass a day"));
    CHECK(has(printed("concussion-office-worker-en", "nl"), "Drink geen alcohol tot u hersteld bent"));
    // The 15-year-old pupil gets the concussion advice too, not only the under-18 one.
    CHECK(has(printed("concussion-pupil-nl", "en"), "Do not drink alcohol until you have recovered"));
    const std::string stroke = printed("stroke-standard-12w", "en");
    CHECK(has(stroke, "at most one glass a day"));
    CHECK_FALSE(has(stroke, "until you have recovered"));
}

TEST_CASE("week.balance fall_precautions printed: the falls box says what to do after a fall - a 35-year-old gets no falls box") {
    const std::string en = printed("stroke-standard-12w", "en");
    CHECK(has(en, "If you fall: first check whether you are hurt."));
    CHECK(has(en, "Tell your therapist about every fall."));
    CHECK(has(printed("stroke-standard-12w", "nl"), "Als u valt: kijk eerst of u gewond bent."));
    // TBI at 35 without a recorded fall: no fall precautions, so no fall advice either.
    CHECK_FALSE(has(printed("tbi-neurorc-12w", "en"), "If you fall"));
}
