// A session's named exercises in every printout (src/render/plan_view.cpp and the
// renderers): the name in the print language from the rules' library (the stored name
// for an ID it lacks), the dose written out, the cards (picture, what to do, how much,
// take care) on a page per kind of session, the daily table naming them, the calendar's
// descriptions and an ActivityDefinition per exercise in the FHIR bundle. Dutch in Dutch.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "render/plan_view.hpp"
#include "test_support.hpp"

using namespace rehabplan;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

Exercise exercise(const char* id, const char* en, const char* nl, ExerciseCategory category, const char* chain, int level) {
    Exercise e;
    e.id = id;
    e.name = Text{en, nl};
    e.instructions_en = {std::string(en) + ": first line.", "Second line.", "Third line."};
    e.instructions_nl = {std::string(nl) + ": eerste regel.", "Tweede regel.", "Derde regel."};
    e.category = category;
    e.chain = chain;
    e.level = level;
    return e;
}

// A hand-made library: a chain of three (sit to stand), a balance hold, a dual task with
// its thinking task and a clinic's video, a walk dosed in minutes.
RuleSet rules_with_library() {
    RuleSet rules = builtin_rules();
    ExerciseLibrary lib;
    lib.precautions["standing"] = Precaution{"standing", Text{"Done standing.", "Gebeurt staand."}, {PatientFact::wheelchair}};
    lib.precautions["no_breath_holding"] =
        Precaution{"no_breath_holding", Text{"Do not hold your breath.", "Houd uw adem niet in."}, {}};
    for (int level = 1; level <= 3; ++level) {
        Exercise e = exercise(level == 2 ? "sit_to_stand" : level == 1 ? "sit_to_stand_arms" : "sit_to_stand_slow", "Sit to stand",
                              "Opstaan uit een stoel", ExerciseCategory::strength_lower, "sit_to_stand", level);
        e.precautions = {"standing", "no_breath_holding"};
        e.dose = ExerciseDefaultDose{DoseType::repetitions, 2, 10, 60, false};
        lib.exercises.push_back(e);
    }
    Exercise hold = exercise("tandem_stance", "Tandem stance", "Tandemstand", ExerciseCategory::balance, "tandem_stance", 1);
    hold.precautions = {"standing"};
    hold.dose = ExerciseDefaultDose{DoseType::seconds, 3, 20, 30, true};
    lib.exercises.push_back(hold);
    Exercise dual = exercise("walk_and_count", "Walk and count", "Lopen en tellen", ExerciseCategory::dual_task, "walk_and_count", 1);
    dual.cognitive_task = Text{"count back from 100 in sevens", "tel terug vanaf 100 met stappen van 7"};
    dual.video_url = "https://clinic.example/walk";
    lib.exercises.push_back(dual);
    rules.exercises = lib;
    return rules;
}

ExerciseDose dose(const char* id, const char* name, int sets, int reps) {
    ExerciseDose d;
    d.id = id;
    d.name = name;
    d.chain = id;
    d.sets = sets;
    d.repetitions = reps;
    return d;
}

// Two weeks: strength on Tuesdays (sit to stand, more sets in week 2, extra for the left
// side; an exercise the library lacks), balance on Thursdays (a hold per side and a dual
// task in minutes).
Plan plan_with_exercises() {
    Plan p = test::plan(2);
    for (const char* day : {"2026-11-24", "2026-12-01"}) {
        SessionPlan s = test::strength(day, 30);
        ExerciseDose sts = dose("sit_to_stand", "Sit to stand", day[9] == '4' ? 2 : 3, 12);
        sts.level = 2;
        sts.rest_seconds = 60;
        sts.rpe = Range{12, 13};
        sts.extra_side = BodySide::left;
        sts.extra_sets = 1;
        s.exercises = {sts, dose("clinic_row", "Rowing with a towel", 2, 10)};
        p.sessions.push_back(s);
    }
    for (const char* day : {"2026-11-26", "2026-12-03"}) {
        SessionPlan s = test::balance(day, 20);
        ExerciseDose hold = dose("tandem_stance", "Tandem stance", 3, 0);
        hold.repetitions.reset();
        hold.seconds = 20;
        hold.per_side = true;
        ExerciseDose dual = dose("walk_and_count", "Walk and count", 1, 0);
        dual.repetitions.reset();
        dual.minutes = 5;
        s.exercises = {hold, dual};
        p.sessions.push_back(s);
    }
    return p;
}

std::string rendered(Format f, const char* lang) {
    static const RuleSet rules = rules_with_library();
    auto r = render(plan_with_exercises(), f, lang, rules);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

// White space as one space: wrapped lines read as one.
std::string flat(const std::string& s) { return std::regex_replace(s, std::regex(R"(\s+)"), " "); }

// What a reader sees of a printout: the HTML's text without its markup and style sheet,
// the FHIR bundle without the UCUM code "{repetitions}" (a code, not a word).
std::string visible(const std::string& s, Format f) {
    if (f == Format::html) {
        const auto from = s.find("<style>"), to = s.find("</style>");
        REQUIRE((from != std::string::npos && to != std::string::npos));
        return std::regex_replace(s.substr(0, from) + s.substr(to), std::regex("<[^>]*>"), " ");
    }
    if (f == Format::fhir) return std::regex_replace(s, std::regex(R"(\{repetitions\})"), "");
    return s;
}

// Unfolded calendar text with its escapes undone: what a calendar shows.
std::string calendar_text(const std::string& ics) {
    std::string out = std::regex_replace(ics, std::regex("\r\n[ \t]"), "");
    out = std::regex_replace(out, std::regex(R"(\\n)"), "\n");
    return std::regex_replace(out, std::regex(R"(\\([,;\\]))"), "$1");
}

}  // namespace

TEST_CASE("exercise view: names from the library, doses written out, level of the chain") {
    const RuleSet rules = rules_with_library();
    const auto v = detail::make_view(plan_with_exercises(), "en", rules);
    const detail::SessionView& tue = v.weeks[0].days[1].sessions.at(0);
    REQUIRE(tue.exercises.size() == 2);
    CHECK(tue.exercises[0].dose == "2 x 12 repetitions, rest 60 s, effort 12-13 (Borg)");
    CHECK(tue.exercises[0].extra == "1 extra set with your left side");
    CHECK(tue.exercises[0].line == "Sit to stand: 2 x 12 repetitions, rest 60 s, effort 12-13 (Borg); 1 extra set with your left side");
    CHECK(tue.exercises[1].name == "Rowing with a towel");  // not in the library: the stored name
    CHECK(tue.exercise_names == "Exercises: Sit to stand · Rowing with a towel");
    const detail::SessionView& thu = v.weeks[0].days[3].sessions.at(0);
    CHECK(thu.exercises[0].dose == "3 x 20 seconds per side");
    CHECK(thu.exercises[1].dose == "5 minutes");

    REQUIRE(v.exercises.size() == 2);
    const auto& strength = v.exercises[0];
    CHECK(strength.cards_title == "Strength: your exercises");
    REQUIRE(strength.cards.size() == 2);
    CHECK(strength.cards[0].level == "level 2 of 3");
    CHECK(strength.cards[0].instructions.size() == 3);
    CHECK(strength.cards[0].precautions == std::vector<std::string>{"Done standing.", "Do not hold your breath."});
    CHECK_FALSE(strength.cards[0].svg.empty());
    // The dose changes in week 2: the card says from when.
    CHECK(strength.cards[0].doses ==
          std::vector<std::string>{"From week 1: 2 x 12 repetitions, rest 60 s, effort 12-13 (Borg); 1 extra set with your left side",
                                   "From week 2: 3 x 12 repetitions, rest 60 s, effort 12-13 (Borg); 1 extra set with your left side"});
    // The clinic's exercise the library lacks: its name and dose, nothing made up.
    CHECK(strength.cards[1].svg.empty());
    CHECK(strength.cards[1].instructions.empty());
    CHECK(strength.cards[1].level.empty());
    CHECK(strength.cards[1].doses == std::vector<std::string>{"2 x 10 repetitions"});
    const auto& balance = v.exercises[1];
    CHECK(balance.cards[0].level.empty());  // a chain of one has no levels to speak of
    CHECK(balance.cards[0].doses == std::vector<std::string>{"3 x 20 seconds per side"});
    CHECK(balance.cards[1].task == "Thinking task: count back from 100 in sevens");
    CHECK(balance.cards[1].video == "Video: https://clinic.example/walk");
}

TEST_CASE("exercise view: rest only between sets, extra sets counted, the right side") {
    ExerciseDose d = dose("sit_to_stand", "Sit to stand", 1, 15);
    d.rest_seconds = 60;
    CHECK(detail::exercise_dose_text(d, "en") == "15 repetitions");  // one set: no rest to take
    d.sets = 2;
    CHECK(detail::exercise_dose_text(d, "en") == "2 x 15 repetitions, rest 60 s");
    d.rest_seconds = 0;
    CHECK(detail::exercise_dose_text(d, "nl") == "2 x 15 herhalingen");
    Plan p = test::plan(1);
    SessionPlan s = test::strength("2026-11-24", 30);
    d.extra_side = BodySide::right;
    d.extra_sets = 2;
    s.exercises = {d};
    p.sessions = {s};
    const auto v = detail::make_view(p, "nl", rules_with_library());
    CHECK(v.weeks[0].days[1].sessions[0].exercises[0].extra == "2 extra series met uw rechterkant");
    CHECK(v.weeks[0].days[1].sessions[0].exercises[0].name == "Opstaan uit een stoel");
    d.extra_sets = 0;  // a side without extra sets says nothing
    p.sessions[0].exercises = {d};
    CHECK(detail::make_view(p, "en", rules_with_library()).weeks[0].days[1].sessions[0].exercises[0].extra.empty());
}

TEST_CASE("exercise cards in HTML: a page per kind of session, pictures, the daily table names them") {
    const std::string h = rendered(Format::html, "en");
    CHECK(occurrences(h, "<section class=\"cards\"") == 2);
    CHECK(contains(h, "<section class=\"cards\" data-type=\"strength\">\n<h2>Strength: your exercises <span class=\"cards-caption\">"));
    CHECK(contains(h, "<section class=\"cards\" data-type=\"balance\">\n<h2>Balance: your exercises <span class=\"cards-caption\">"));
    CHECK(contains(h, ".cards { break-before: page; page-break-before: always; }"));
    CHECK(contains(h, ".card { display: grid;"));
    CHECK(occurrences(h, "<article class=\"card\">") == 4);
    CHECK(occurrences(h, "<div class=\"card-side\"><svg") == 3);  // not for the clinic's unknown exercise
    CHECK(contains(h, "Sit to stand <span class=\"level\">(level 2 of 3)</span>"));
    CHECK(contains(h, "<span class=\"extra exercise-names\">Exercises: Sit to stand · Rowing with a towel</span>"));
    CHECK(contains(h, "<p class=\"card-care\"><strong>Take care:</strong> Done standing. Do not hold your breath.</p>"));
    CHECK(contains(h, "<a href=\"https://clinic.example/walk\">Video: https://clinic.example/walk</a>"));
    CHECK(contains(h, "Left: how you start. Right: how you end."));
    // A plan without exercises has no cards.
    auto plain = render(test::plan(1), Format::html, "en");
    REQUIRE(plain.ok());
    CHECK_FALSE(contains(plain.value(), "<section class=\"cards\""));
}

TEST_CASE("exercise cards in text and Markdown: the same content, no pictures") {
    for (const Format f : {Format::text, Format::markdown}) {
        const std::string t = flat(rendered(f, "en"));
        CAPTURE(static_cast<int>(f));
        CHECK_FALSE(contains(t, "<svg"));
        CHECK(contains(t, "Exercises: Sit to stand · Rowing with a towel"));
        CHECK(contains(t, "Strength: your exercises"));
        CHECK(contains(t, "Sit to stand (level 2 of 3)"));
        CHECK(contains(t, "Sit to stand: first line."));
        CHECK(contains(t, "From week 2: 3 x 12 repetitions"));
        CHECK(contains(t, "Done standing. Do not hold your breath."));
        CHECK(contains(t, "Thinking task: count back from 100 in sevens"));
        const std::string nl = flat(rendered(f, "nl"));
        CHECK(contains(nl, "Opstaan uit een stoel (niveau 2 van 3)"));
        CHECK(contains(nl, "Vanaf week 2: 3 x 12 herhalingen, 60 s rust, inspanning 12-13 (Borg); 1 extra serie met uw linkerkant"));
        CHECK(contains(nl, "Denktaak: tel terug vanaf 100 met stappen van 7"));
    }
}

TEST_CASE("exercises in the calendar: each event's description lists them with their doses") {
    const std::string en = calendar_text(rendered(Format::ics, "en"));
    CHECK(occurrences(en, "Exercises:\n- Sit to stand: 2 x 12 repetitions, rest 60 s, effort 12-13 (Borg); 1 extra set with your left side\n- Rowing with a towel: 2 x 10 repetitions") == 1);
    CHECK(occurrences(en, "- Sit to stand: 3 x 12 repetitions") == 1);
    CHECK(occurrences(en, "- Tandem stance: 3 x 20 seconds per side\n- Walk and count: 5 minutes") == 2);
    const std::string raw = rendered(Format::ics, "nl");
    for (std::size_t at = 0, end; at < raw.size(); at = end + 2) {  // folded: no line over 75 octets
        end = raw.find("\r\n", at);
        REQUIRE(end != std::string::npos);
        CHECK(end - at <= 75);
    }
    CHECK(contains(calendar_text(raw), "Oefeningen:\n- Tandemstand: 3 x 20 seconden per kant\n- Lopen en tellen: 5 minuten"));
}

TEST_CASE("exercises in FHIR: an ActivityDefinition each, with its dosage, instantiated by the session activities") {
    const auto b = nlohmann::json::parse(rendered(Format::fhir, "en"));
    std::map<std::string, nlohmann::json> defs;
    nlohmann::json careplan, pd;
    for (const auto& e : b["entry"]) {
        const auto& r = e["resource"];
        if (r["resourceType"] == "ActivityDefinition") defs[r["id"].get<std::string>()] = r;
        if (r["resourceType"] == "CarePlan") careplan = r;
        if (r["resourceType"] == "PlanDefinition") pd = r;
    }
    REQUIRE(defs.count("exercise-sit-to-stand") == 1);
    const auto& sts = defs["exercise-sit-to-stand"];
    CHECK(sts["name"] == "ExerciseSitToStand");
    CHECK(sts["title"] == "Sit to stand");
    CHECK(sts["description"] == "Sit to stand: first line.\nSecond line.\nThird line.");
    CHECK(sts["dosage"][0]["timing"]["repeat"]["count"] == 2);
    CHECK(sts["dosage"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 10);
    CHECK(sts["dosage"][0]["doseAndRate"][0]["doseQuantity"]["code"] == "{repetitions}");
    CHECK(defs["exercise-tandem-stance"]["dosage"][0]["text"] == "3 x 20 seconds per side, rest 30 s");
    CHECK(defs["exercise-tandem-stance"]["dosage"][0]["doseAndRate"][0]["doseQuantity"]["code"] == "s");
    CHECK(defs["exercise-clinic-row"]["title"] == "Rowing with a towel");
    CHECK_FALSE(defs["exercise-clinic-row"].contains("dosage"));
    const std::string url = sts["url"].get<std::string>() + "|" + sts["version"].get<std::string>();
    std::size_t naming = 0;
    for (const auto& a : careplan["activity"]) {
        const auto& c = a["detail"]["instantiatesCanonical"];
        if (std::find(c.begin(), c.end(), url) == c.end()) continue;
        ++naming;
        CHECK(contains(c[0].get<std::string>(), "/ActivityDefinition/session-strength|"));  // the kind of session first
        CHECK(contains(a["detail"]["description"].get<std::string>(), "- Sit to stand: "));
    }
    CHECK(naming == 2);  // week 2's dose differs: an activity of its own
    std::size_t actions = 0;
    for (const auto& a : pd["action"]) actions += a["definitionCanonical"] == url ? 1 : 0;
    CHECK(actions == 1);
}

TEST_CASE("exercises in Dutch: no English in any printout") {
    // Every English word the exercise texts add, none of which Dutch uses.
    const std::vector<std::string> english{"repetitions", "seconds", "minutes", "with your", "level ",
                                           "Exercises", "your exercises", "Take care", "How much", "What to do",
                                           "Thinking task", "From week", "Left: how", "Done standing", "first line"};
    for (const Format f : {Format::text, Format::markdown, Format::html, Format::ics, Format::fhir}) {
        const std::string nl = f == Format::ics ? calendar_text(rendered(f, "nl")) : visible(rendered(f, "nl"), f);
        for (const auto& word : english) {
            CAPTURE(word);
            CAPTURE(static_cast<int>(f));
            CHECK_FALSE(contains(nl, word));
        }
        CHECK(contains(nl, "Opstaan uit een stoel"));
    }
}
