// render(): formats, languages, translation of generator text, catalogs, golden files.
#include <doctest/doctest.h>

#include <algorithm>
#include <regex>

#include <nlohmann/json.hpp>

#include "planning/measures.hpp"
#include "test_support.hpp"

using namespace rehabplan;

namespace {

std::string rendered(const Plan& plan, Format f, const char* lang) {
    auto r = render(plan, f, lang);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// White space collapsed: sentences the text renderer wrapped read as one line again.
std::string flat(const std::string& s) {
    std::string out;
    for (char c : s) {
        const bool space = c == ' ' || c == '\n';
        if (space && !out.empty() && out.back() == ' ') continue;
        out += space ? ' ' : c;
    }
    return out;
}

}  // namespace

TEST_CASE("render: format names round-trip and unknown names are rejected") {
    for (Format f : {Format::text, Format::markdown, Format::html, Format::ics, Format::json}) {
        REQUIRE(parse_format(to_string(f)));
        CHECK(*parse_format(to_string(f)) == f);
    }
    CHECK_FALSE(parse_format("pdf"));
    CHECK_FALSE(parse_format("HTML"));
    CHECK_FALSE(parse_format(""));
}

TEST_CASE("render: an unknown language is an invalid_argument error, not English") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    for (const char* lang : {"de", "EN", "english", "n"}) {
        auto r = render(plan, Format::text, lang);
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == ErrorCode::invalid_argument);
        CHECK(contains(r.error().message, "expected en or nl"));
    }
    // Bytes that are not UTF-8 are described, not copied into the message.
    auto r = render(plan, Format::text, std::string("\xff\xfe", 2));
    REQUIRE_FALSE(r.ok());
    CHECK_FALSE(contains(r.error().message, "\xff"));
}

TEST_CASE("render: no language given takes the plan's own language") {
    const Plan nl = test::golden_plan("concussion-return-nl");
    CHECK(contains(rendered(nl, Format::text, ""), "Uw beweegplan"));
    Plan unstated = test::golden_plan("stroke-standard-12w");
    unstated.language = "";
    CHECK(contains(rendered(unstated, Format::text, ""), "Your exercise plan"));
}

TEST_CASE("render: every format is deterministic and json is the plan document") {
    const Plan plan = test::golden_plan("tbi-neurorc-12w");
    for (Format f : {Format::text, Format::markdown, Format::html, Format::ics, Format::json})
        for (const char* lang : {"en", "nl"}) {
            CAPTURE(to_string(f));
            CAPTURE(lang);
            CHECK(rendered(plan, f, lang) == rendered(plan, f, lang));
        }
    CHECK(rendered(plan, Format::json, "nl") == to_json(plan));
}

TEST_CASE("render: generator text is translated, a therapist's text is printed as written") {
    Plan plan = test::golden_plan("stroke-standard-12w");  // written in English
    REQUIRE(plan.language == "en");
    const std::string nl = rendered(plan, Format::text, "nl");
    CHECK(contains(nl, "Stevig wandelen of fietsen"));
    CHECK(contains(nl, "Warming-up: rustig beginnen en opbouwen."));
    CHECK_FALSE(contains(nl, "Brisk walk or cycling"));
    CHECK_FALSE(contains(nl, "Warm up: start easy"));
    // The notes (programme title and summary, the generator's findings) come across too.
    CHECK(contains(flat(nl), "Standaard beweegprogramma. De basisdosis afgestemd op de aandoeningen"));
    CHECK(contains(flat(nl), "De volledige dosis (202 trainingsminuten per week op 4 dagen) wordt bereikt in week 5"));
    CHECK_FALSE(contains(nl, "Standard exercise programme"));
    CHECK_FALSE(contains(nl, "The full dose"));

    // A therapist edits one title and one instruction: those stay in English, the rest
    // is still translated.
    plan.sessions[0].title = "Walk to the bakery and back";
    plan.sessions[0].blocks[1].description = "Walk with Anna, brisk.";
    const std::string edited = rendered(plan, Format::text, "nl");
    CHECK(contains(edited, "Walk to the bakery and back"));
    CHECK(contains(edited, "Walk with Anna, brisk."));
    CHECK(contains(edited, "Stevig wandelen of fietsen"));
}

TEST_CASE("render: the target is printed from the session's numbers, not repeated from the note") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    REQUIRE(plan.sessions[0].note == "Heart rate 89-122 bpm; effort 11-13 on the Borg scale (6-20).");
    const std::string en = rendered(plan, Format::text, "en");
    CHECK(contains(en, "89-122 bpm, effort 11-13 (Borg)"));
    CHECK_FALSE(contains(en, "Heart rate 89-122 bpm"));
    CHECK(contains(rendered(plan, Format::text, "nl"), "89-122 slagen/min, inspanning 11-13 (Borg)"));
}

TEST_CASE("render: a patient's own words in generated text survive translation") {
    const Plan plan = test::golden_plan("chronic-pain-exposure-nl");  // Dutch plan, Dutch activities
    const std::string en = rendered(plan, Format::text, "en");
    CHECK(contains(en, "Exposure: fietsen (fear 10/100)"));
    CHECK(contains(rendered(plan, Format::text, "nl"), "Blootstelling: fietsen (angst 10/100)"));
}

TEST_CASE("render: HIIT is written out and an RPE plan steers by effort") {
    const std::string hiit = flat(rendered(test::golden_plan("tbi-neurorc-12w"), Format::text, "en"));
    CHECK(contains(hiit, "Intervals: repeat 5 times: 30 seconds hard (Borg 15-17, heart rate no higher than 174), then 60 seconds easy."));
    CHECK(contains(hiit, "5 x 30 s hard / 60 s easy"));
    const std::string rpe = flat(rendered(test::golden_plan("parkinson-beta-blocker-8w"), Format::text, "en"));
    CHECK(contains(rpe, "Train at an effort of 11-13 on the Borg scale"));
    CHECK(contains(rpe, "effort 11-13 (Borg), heart rate below 86"));
    CHECK(contains(rpe, "You take a beta-blocker."));
}

TEST_CASE("render: text is 80 columns, lists every day of every week and the stop signals") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        const std::string text = rendered(plan, Format::text, lang);
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);) {
            CAPTURE(line);
            std::size_t chars = 0;
            for (char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
            CHECK(chars <= 80);
            CHECK((line.empty() || line.back() != ' '));
        }
        for (int w = 1; w <= plan.weeks; ++w) CHECK(contains(text, (std::string(lang) == "nl" ? "Week " : "Week ") + std::to_string(w) + ":"));
        // Every session's day label appears: Monday 2026-11-23 is "Mon 23 Nov" / "ma 23 nov".
        CHECK(contains(text, std::string(lang) == "nl" ? "ma 23 nov" : "Mon 23 Nov"));
        CHECK(contains(text, std::string(lang) == "nl" ? "za 13 feb" : "Sat 13 Feb"));
        CHECK(contains(text, std::string(lang) == "nl" ? "Plotseling duizelig of licht in het hoofd"
                                                       : "Suddenly dizzy or light-headed"));
        CHECK(contains(text, std::string(lang) == "nl" ? "Stop en bel meteen 112 als u merkt:" : "Stop and call 112 at once if you notice:"));
    }
}

TEST_CASE("render: markdown escapes a therapist's text") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    plan.sessions[0].title = "Walk | *fast* <b>";
    const std::string md = rendered(plan, Format::markdown, "en");
    CHECK(contains(md, "Walk \\| \\*fast\\* \\<b\\>"));
    CHECK_FALSE(contains(md, "<b>"));
}

TEST_CASE("render: a hand-written plan without patient, zone or findings renders in every format") {
    auto p = parse_plan(test::read_file("examples/plan-stroke-week.json"));
    REQUIRE(p.ok());
    for (Format f : {Format::text, Format::markdown, Format::html, Format::ics, Format::json}) {
        CAPTURE(to_string(f));
        CHECK_FALSE(rendered(p.value(), f, "nl").empty());
    }
    const std::string text = rendered(p.value(), Format::text, "en");
    CHECK_FALSE(contains(text, "Your heart-rate zone"));
    CHECK_FALSE(contains(text, "Patient "));
}

TEST_CASE("render: the plan's findings go on the therapist's page in the requested language") {
    Plan plan = test::golden_plan("parkinson-beta-blocker-8w");
    REQUIRE_FALSE(plan.findings.empty());
    CHECK(contains(rendered(plan, Format::text, "en"), "For the therapist: review of this plan"));
    CHECK(contains(flat(rendered(plan, Format::text, "nl")), plan.findings[0].message.nl));
    plan.findings.clear();
    plan.notes.clear();
    CHECK_FALSE(contains(rendered(plan, Format::text, "en"), "For the therapist"));
}

TEST_CASE("render: the chart's targets are the rules in force, a clinic's tighter ones included") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    CHECK(contains(flat(rendered(plan, Format::text, "en")), "weekly target of 150-300 minutes"));
    auto clinic = apply_clinic_rules(builtin_rules(),
                                     R"({"schema_version": 1, "name": "clinic", "version": "1", "rules": {"week.volume": {"params": {"min_minutes": 180}}}})");
    REQUIRE_MESSAGE(clinic.ok(), clinic.error().describe());
    auto r = render(plan, Format::text, "en", clinic.value());
    REQUIRE(r.ok());
    CHECK(contains(flat(r.value()), "weekly target of 180-300 minutes"));
}

TEST_CASE("catalog: every print key the renderers use exists, including the ones built from enums") {
    auto doc = nlohmann::json::parse(test::read_file("data/print.json"));
    auto messages = nlohmann::json::parse(test::read_file("data/messages.json"));
    auto has = [&](const std::string& key) {
        return doc["print"].contains(key) || messages["messages"].contains(key) || messages["terms"].contains(key);
    };
    static const std::regex key_re("\"((print|progress|fhir|weekday|month|month_short|date|day|signal|measure)\\.[a-z0-9_.]+)\"");
    int used = 0;
    for (const char* file : {"src/render/plan_view.cpp", "src/render/render_text.cpp", "src/render/render_markdown.cpp", "src/render/render_html.cpp",
                             "src/render/render_ics.cpp", "src/render/render_fhir.cpp", "src/render/progress_view.cpp", "src/render/render_progress_text.cpp",
                             "src/render/render_progress_html.cpp"}) {
        const std::string src = test::read_file(file);
        for (auto it = std::sregex_iterator(src.begin(), src.end(), key_re); it != std::sregex_iterator(); ++it) {
            const std::string key = (*it)[1];
            if (key.back() == '.') continue;  // a prefix completed from an enum, checked below
            CAPTURE(file);
            CAPTURE(key);
            CHECK((has(key) || builtin_rules().rules.count(key) > 0));  // or a rule ID ("progress.effort")
            ++used;
        }
    }
    CHECK(used > 30);
    for (const char* t : {"aerobic", "strength", "balance", "hiit", "dual_task", "mobility", "relaxation", "education", "exposure"})
        CHECK(has(std::string("print.type.") + t));
    for (const char* k : {"warm_up", "main", "cool_down", "balance", "cognitive", "strength", "rest"}) CHECK(has(std::string("print.block.") + k));
    for (const char* c : {"light", "moderate", "vigorous"}) CHECK(has(std::string("print.class.") + c));
    for (const char* c : {"stroke", "tbi", "concussion", "dementia", "parkinson", "chronic_pain"}) CHECK(has(std::string("print.condition.") + c));
    for (const char* s : {"info", "warning", "error"}) CHECK(has(std::string("print.severity.") + s));
    for (const char* d : {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
        CHECK(has(std::string("weekday.") + d));
        CHECK(has(std::string("day.") + d));
    }
    for (int m = 1; m <= 12; ++m) {
        CHECK(has("month." + std::to_string(m)));
        CHECK(has("month_short." + std::to_string(m)));
    }
    for (const char* p : {"signals", "call_112"})
        for (const auto& s : std::get<std::vector<std::string>>(builtin_rules().rules.at("safety.stop_signals").params.at(p).value))
            CHECK(has("signal." + s));
    for (const char* a : {"call_112", "stop_call_therapist"}) CHECK(has(std::string("stop_action.") + a));
    for (const char* m : measure_ids()) CHECK(has(std::string("measure.") + m));
}

// One subcase per golden file: a failing file does not hide the others.
TEST_CASE("golden: rendered plans match the reviewed files in tests/data/golden/render") {
    const std::pair<Format, const char*> formats[] = {
        {Format::text, "txt"}, {Format::markdown, "md"}, {Format::html, "html"}, {Format::ics, "ics"}, {Format::fhir, "fhir.json"}};
    for (const char* name : {"stroke-standard-12w"})
        for (const auto& [format, ext] : formats)
            for (const char* lang : {"en", "nl"}) {
                const std::string rel = std::string("tests/data/golden/render/") + name + "." + lang + "." + ext;
                SUBCASE(rel.c_str()) { test::check_golden(rel, rendered(test::golden_plan(name), format, lang)); }
            }
}

TEST_CASE("render: one week and one training day are singular") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    plan.weeks = 1;
    plan.full_dose_week.reset();
    plan.outcome_measures.clear();
    plan.sessions.erase(std::remove_if(plan.sessions.begin(), plan.sessions.end(),
                                       [&](const SessionPlan& s) { return s.date != plan.start_date; }),
                        plan.sessions.end());
    const std::string en = rendered(plan, Format::text, "en"), nl = rendered(plan, Format::text, "nl");
    CHECK(contains(en, "29 November 2026, 1 week\n"));
    CHECK(contains(en, "minutes of exercise on 1 day."));
    CHECK(contains(nl, "29 november 2026, 1 week\n"));
    CHECK(contains(nl, "minuten bewegen op 1 dag."));
}

TEST_CASE("render: control characters in a therapist's text never reach a printout") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    plan.sessions[0].title = std::string("Walk\0\x1b[31m\r\nred\x7f", 15);
    plan.notes = "line one\r\nline two\x07";
    REQUIRE(plan.zone);
    plan.zone->low_formula.en = "55 % of HRmax\x1b[2J";
    for (Format f : {Format::text, Format::markdown, Format::html, Format::ics}) {
        CAPTURE(to_string(f));
        const std::string doc = rendered(plan, f, "en");
        CHECK(doc.find('\0') == std::string::npos);
        CHECK(doc.find('\x1b') == std::string::npos);
        CHECK(doc.find('\x07') == std::string::npos);
        CHECK(doc.find('\x7f') == std::string::npos);
        if (f != Format::ics) CHECK(doc.find('\r') == std::string::npos);
    }
}

TEST_CASE("render: a word longer than a line is cut, so text stays within 80 columns") {
    Plan plan = test::golden_plan("stroke-standard-12w");
    plan.sessions[0].title = std::string(150, 'x');
    plan.notes = std::string(300, 'y');
    const std::string text = rendered(plan, Format::text, "en");
    std::istringstream lines(text);
    // Columns are characters, not bytes ("·" between exercise names is two bytes).
    const auto columns = [](const std::string& line) {
        return std::count_if(line.begin(), line.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; });
    };
    for (std::string line; std::getline(lines, line);) CHECK(columns(line) <= 80);
    CHECK(contains(text, std::string(80, 'y')));
}
