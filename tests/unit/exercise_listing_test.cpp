// The library listing (src/render/exercise_listing.cpp): text grouped by category, JSON
// with every field, an A4 HTML catalogue with a picture per exercise; English and Dutch
// from the catalog; --condition keeps the exercises that suit it.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "render/exercise_listing.hpp"
#include "rules/rules.hpp"

using namespace rehabplan;

namespace {

Exercise make(const std::string& id, ExerciseCategory c, const std::string& chain, int level,
              std::vector<ConditionType> conditions = {}) {
    Exercise e;
    e.id = id;
    e.name = Text{"Name " + id, "Naam " + id};
    e.instructions_en = {"First & <line> of " + id, "Second line", "Third line"};
    e.instructions_nl = {"Eerste regel van " + id, "Tweede regel", "Derde regel"};
    e.category = c;
    e.position = BodyPosition::sitting;
    e.chain = chain;
    e.level = level;
    e.conditions = std::move(conditions);
    e.pose.props = {"chair"};
    e.pose.start.leg_near = {90, 0};
    e.pose.start.leg_far = {90, 0};
    return e;
}

RuleSet rules() {
    RuleSet r = builtin_rules();
    r.exercises = ExerciseLibrary{};
    r.exercises.precautions["careful"] = Precaution{"careful", Text{"Take it slowly.", "Doe het rustig aan."}, {}};
    Exercise a = make("lift_two", ExerciseCategory::strength_lower, "lift", 2);
    a.dose = ExerciseDefaultDose{DoseType::repetitions, 2, 12, 60, true};
    a.precautions = {"careful"};
    a.equipment = {"chair", "band"};
    a.sources = {r.references.begin()->first};
    a.video_url = "https://example.org/lift";
    Exercise b = make("lift_one", ExerciseCategory::strength_lower, "lift", 1, {ConditionType::stroke});
    b.dose = ExerciseDefaultDose{DoseType::seconds, 3, 20, 30, false};
    Exercise c = make("breathe", ExerciseCategory::breathing, "breathe", 1, {ConditionType::parkinson});
    c.dose = ExerciseDefaultDose{DoseType::minutes, 1, 5, 0, false};
    Exercise d = make("walk_talk", ExerciseCategory::dual_task, "walk_talk", 1);
    d.cognitive_task = Text{"Name animals.", "Noem dieren."};
    r.exercises.exercises = {a, b, c, d};
    return r;
}

std::string listing(const RuleSet& r, const char* format, const char* lang,
                    std::optional<ConditionType> condition = std::nullopt) {
    ExerciseListOptions o;
    o.format = format;
    o.language = lang;
    o.condition = condition;
    return render_exercise_listing(r, o);
}

bool has(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("exercise listing: json has every field, the chain's levels, precaution texts and full sources") {
    const RuleSet r = rules();
    const auto doc = nlohmann::json::parse(listing(r, "json", "en"));
    CHECK(doc["language"] == "en");
    CHECK_FALSE(doc.contains("condition"));
    REQUIRE(doc["exercises"].size() == 4);
    const auto& a = doc["exercises"][0];
    CHECK(a["id"] == "lift_two");
    CHECK(a["name"] == "Name lift_two");
    CHECK(a["instructions"].size() == 3);
    CHECK(a["category"] == "strength_lower");
    CHECK(a["position"] == "sitting");
    CHECK(a["equipment"] == nlohmann::json({"chair", "band"}));
    CHECK(a["dose"] == nlohmann::json({{"type", "repetitions"}, {"sets", 2}, {"amount", 12}, {"rest_seconds", 60},
                                       {"per_side", true}}));
    CHECK(a["chain"] == "lift");
    CHECK(a["level"] == 2);
    CHECK(a["levels"] == nlohmann::json({"lift_one", "lift_two"}));  // easiest first, not file order
    CHECK(a["precautions"] == nlohmann::json::array({{{"id", "careful"}, {"text", "Take it slowly."}}}));
    CHECK(a["sources"] == nlohmann::json({r.references.begin()->second}));
    CHECK(a["video_url"] == "https://example.org/lift");
    CHECK_FALSE(a.contains("cognitive_task"));
    CHECK(doc["exercises"][3]["cognitive_task"] == "Name animals.");
    CHECK_FALSE(doc["exercises"][1].contains("video_url"));
    CHECK(doc["exercises"][1]["conditions"] == nlohmann::json({"stroke"}));

    const auto nl = nlohmann::json::parse(listing(r, "json", "nl"));
    CHECK(nl["exercises"][0]["name"] == "Naam lift_two");
    CHECK(nl["exercises"][0]["instructions"][0] == "Eerste regel van lift_two");
    CHECK(nl["exercises"][0]["precautions"][0]["text"] == "Doe het rustig aan.");
    CHECK(nl["exercises"][3]["cognitive_task"] == "Noem dieren.");
}

TEST_CASE("exercise listing: a condition keeps the exercises for every condition and those naming it") {
    const RuleSet r = rules();
    const auto stroke = nlohmann::json::parse(listing(r, "json", "en", ConditionType::stroke));
    CHECK(stroke["condition"] == "stroke");
    REQUIRE(stroke["exercises"].size() == 3);
    CHECK(stroke["exercises"][0]["id"] == "lift_two");
    CHECK(stroke["exercises"][1]["id"] == "lift_one");
    CHECK(stroke["exercises"][2]["id"] == "walk_talk");
    // A chain lists all its levels even when a level is filtered out.
    const auto pd = nlohmann::json::parse(listing(r, "json", "en", ConditionType::parkinson));
    REQUIRE(pd["exercises"].size() == 3);
    CHECK(pd["exercises"][0]["levels"].size() == 2);
    CHECK(pd["exercises"][1]["id"] == "breathe");
    const auto none = nlohmann::json::parse(listing(r, "json", "en", ConditionType::dementia));
    CHECK(none["exercises"].size() == 2);
}

TEST_CASE("exercise listing: text groups by category with the dose, level, precautions and instructions") {
    const RuleSet r = rules();
    const std::string en = listing(r, "text", "en");
    CHECK(has(en, "Exercise catalogue\n=================="));
    CHECK(has(en, "Strength: legs and hips\n-----------------------"));
    CHECK(has(en, "Name lift_two [lift_two]"));
    CHECK(has(en, "Level 2 of 2 (lift)"));
    CHECK(has(en, "Dose: 2 sets of 12 repetitions, on each side; rest 60 seconds between sets"));
    CHECK(has(en, "Dose: hold 20 seconds, 3 times; rest 30 seconds between sets"));
    CHECK(has(en, "Dose: 5 minutes"));
    CHECK(has(en, "You need: a firm chair and an elastic band"));
    CHECK(has(en, "You need: nothing"));
    CHECK(has(en, "Take it slowly."));
    CHECK(has(en, "1. First & <line> of lift_two"));
    CHECK(has(en, "While moving: Name animals."));
    CHECK(has(en, "4 exercises"));
    // Categories in their fixed order: strength before dual task before breathing.
    CHECK(en.find("Strength: legs") < en.find("Moving and thinking"));
    CHECK(en.find("Moving and thinking") < en.find("Breathing and relaxation"));
    std::size_t start = 0;
    for (std::size_t end; (end = en.find('\n', start)) != std::string::npos; start = end + 1) CHECK(end - start <= 80);

    const std::string nl = listing(r, "text", "nl");
    CHECK(has(nl, "Oefeningencatalogus"));
    CHECK(has(nl, "Kracht: benen en heupen"));
    CHECK(has(nl, "Naam lift_two"));
    CHECK(has(nl, "Niveau 2 van 2"));
    CHECK(has(nl, "2 series van 12 herhalingen, per kant"));
    CHECK(has(nl, "Nodig: een stevige stoel en een elastiek"));
    CHECK(has(nl, "Doe het rustig aan."));
    CHECK(has(nl, "Tijdens het bewegen: Noem dieren."));
    CHECK_FALSE(has(nl, "Exercise catalogue"));
    CHECK(has(listing(r, "text", "en", ConditionType::parkinson), "The exercises that suit Parkinson's disease."));
}

TEST_CASE("exercise listing: html is a printable catalogue with one card and picture per exercise") {
    const RuleSet r = rules();
    const std::string en = listing(r, "html", "en");
    CHECK(en.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(has(en, "<html lang=\"en\">"));
    CHECK(has(en, "@page { size: A4"));
    CHECK(has(en, "break-inside: avoid"));
    std::size_t cards = 0, svgs = 0;
    for (auto at = en.find("<article class=\"card\""); at != std::string::npos; at = en.find("<article class=\"card\"", at + 1)) ++cards;
    for (auto at = en.find("<svg "); at != std::string::npos; at = en.find("<svg ", at + 1)) ++svgs;
    CHECK(cards == 4);
    CHECK(svgs == 4);
    CHECK(has(en, "<h2>Strength: legs and hips</h2>"));
    CHECK(has(en, "<title>Name lift_two</title>"));
    CHECK(has(en, "First &amp; &lt;line&gt; of lift_two"));
    CHECK(has(en, "<a href=\"https://example.org/lift\">"));
    CHECK_FALSE(has(en, "<script"));
    CHECK(en == listing(r, "html", "en"));
    const std::string nl = listing(r, "html", "nl");
    CHECK(has(nl, "<html lang=\"nl\">"));
    CHECK(has(nl, "<h2>Bewegen en denken tegelijk</h2>"));
    CHECK(has(nl, "<title>Naam lift_two</title>"));
    CHECK(has(nl, "Let op"));
}

TEST_CASE("exercise listing: an empty selection says so") {
    RuleSet r = builtin_rules();
    r.exercises = ExerciseLibrary{};
    CHECK(has(listing(r, "text", "en"), "No exercise in the library suits this."));
    CHECK(has(listing(r, "html", "nl"), "Geen oefening in de bibliotheek past hierbij."));
    CHECK(nlohmann::json::parse(listing(r, "json", "en"))["exercises"].empty());
}
