// render_progress(): the progress report as json, text and html, from reports built by
// hand here (every field set, nothing logged, hostile text, extreme values), and the
// goldens in tests/data/golden/progress from real data.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

using namespace rehabplan;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

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

std::string rendered(const ProgressReport& r, Format f, const char* lang) {
    auto out = render_progress(r, f, lang);
    REQUIRE_MESSAGE(out.ok(), out.error().describe());
    return out.value();
}

Text both(const char* en, const char* nl) { return Text{en, nl}; }

WeekProgress week(int number, const char* start) {
    WeekProgress w;
    w.week = number;
    w.start = test::d(start);
    w.complete = true;
    w.planned_sessions = 4;
    w.planned_minutes = 160;
    w.logged_sessions = 4;
    w.completed_sessions = 4;
    w.done_minutes = 160;
    w.adherence_percent = 100;
    w.hr_logged_minutes = 120;
    w.minutes_in_zone = 110;
    w.mean_rpe = 12.5;
    w.worst.pain = 2;
    w.worst.dizziness = 1;
    w.worst.headache = 0;
    w.load.load = 2000;
    w.load.sessions_with_rpe = 4;
    w.load.monotony = 1.234;
    w.load.strain = 2468.0;
    w.decision = Decision::advance;
    w.rule = "progress.adherence";
    w.reason = both("All planned training was done.", "Alle geplande training is gedaan.");
    return w;
}

// Four weeks: a full one, one far below the dose, one with nothing logged, and a week
// still running with a stop signal. Exposure and findings too.
ProgressReport sample() {
    ProgressReport r;
    r.today = test::d("2026-12-17");
    r.programme = "standard";
    r.language = "en";
    r.weeks.push_back(week(1, "2026-11-23"));
    WeekProgress w2 = week(2, "2026-11-30");
    w2.completed_sessions = 2;
    w2.logged_sessions = 3;
    w2.done_minutes = 70;
    w2.adherence_percent = 43;
    w2.mean_rpe = 15.456;
    w2.worst.pain = 6;
    w2.extra_sessions = 1;
    w2.extra_minutes = 30;
    w2.load.acwr = 0.5;
    w2.exposure_activity = "fietsen";
    w2.exposure_fear = 35;
    w2.decision = Decision::step_back;
    w2.reason = both("Less than half of the planned minutes was done.", "Minder dan de helft van de geplande minuten is gedaan.");
    r.weeks.push_back(w2);
    WeekProgress w3 = week(3, "2026-12-07");  // nothing logged at all
    w3.logged_sessions = w3.completed_sessions = w3.done_minutes = 0;
    w3.adherence_percent = 0;
    w3.hr_logged_minutes = w3.minutes_in_zone = 0;
    w3.mean_rpe.reset();
    w3.worst = Symptoms{};
    w3.load = TrainingLoad{};
    w3.decision = Decision::hold;
    w3.reason = both("Nothing was logged this week.", "Deze week is niets geregistreerd.");
    r.weeks.push_back(w3);
    WeekProgress w4 = week(4, "2026-12-14");
    w4.complete = false;
    w4.planned_sessions = 2;
    w4.planned_minutes = 80;
    w4.logged_sessions = w4.completed_sessions = 1;
    w4.done_minutes = 20;
    w4.adherence_percent = 25;
    w4.stop_signals = 1;
    w4.worst.concussion_score = 18;
    w4.decision = Decision::stop_and_refer;
    w4.rule = "progress.stop_signal";
    w4.reason = both("A stop signal was logged.", "Er is een stopsignaal geregistreerd.");
    r.weeks.push_back(w4);
    r.next = Decision::stop_and_refer;
    r.next_rule = "progress.stop_signal";
    r.next_reason = both("A stop signal was logged on 16 December: pause training until a clinician has seen the patient.",
                         "Op 16 december is een stopsignaal geregistreerd: training stilleggen tot een arts de patiënt heeft gezien.");
    r.next_from = test::d("2026-12-17");
    r.stop_signal_date = test::d("2026-12-16");
    r.exposure = ExposureProgress{"fietsen", 40, 15, true, 1, 5};
    Finding f;
    f.rule = "progress.adherence";
    f.severity = Severity::warning;
    f.path = "/entries/3";
    f.week = test::d("2026-11-30");
    f.date = test::d("2026-12-02");
    f.expected = "at least 80 %";
    f.actual = "43 %";
    f.message = both("Two sessions were missed.", "Twee sessies zijn overgeslagen.");
    f.citations = {"Reference one."};
    r.findings.push_back(f);
    return r;
}

// 52 weeks with numbers far beyond any plan.
ProgressReport extreme() {
    ProgressReport r;
    r.today = test::d("2027-11-22");
    r.programme = "no_such_programme";
    r.language = "nl";
    for (int i = 0; i < 52; ++i) {
        WeekProgress w = week(i + 1, "2026-11-23");
        w.start = test::d("2026-11-23").plus_days(7 * i);
        w.planned_minutes = 1000000;
        w.done_minutes = i * 20000;
        w.planned_sessions = 9999;
        w.completed_sessions = 9999;
        w.load.load = 1000000;
        w.load.strain = 123456789.987;
        w.load.monotony = 99.999;
        w.load.acwr = 12.345;
        w.mean_rpe = i % 2 ? 6.0 : 20.0;
        w.worst.pain = 10;
        w.worst.concussion_score = 132;
        w.extra_minutes = 1000000;
        w.extra_sessions = 1000;
        w.reason = both(std::string(300, 'x').c_str(), std::string(300, 'y').c_str());
        r.weeks.push_back(w);
    }
    r.next_from = r.today;
    r.next_reason = both("Go on.", "Doorgaan.");
    return r;
}

void check_80_columns(const std::string& text) {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        CAPTURE(line);
        std::size_t chars = 0;
        for (char c : line) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        CHECK(chars <= 80);
        CHECK((line.empty() || line.back() != ' '));
    }
}

// Every coordinate of every SVG inside its viewBox. (No regex over a whole chart:
// libstdc++'s regex recurses per character and a 52-week chart is long.)
void check_svg_in_viewbox(const std::string& html) {
    static const std::regex viewbox_re("viewBox=\"0 0 ([0-9]+) ([0-9]+)\"");
    static const std::regex x_re("\\b(x|x1|x2|cx)=\"(-?[0-9.]+)\"");
    static const std::regex y_re("\\b(y|y1|y2|cy)=\"(-?[0-9.]+)\"");
    static const std::regex path_re("d=\"([^\"]*)\"");
    static const std::regex pair_re("(-?[0-9.]+) (-?[0-9.]+)");
    int charts = 0;
    for (std::size_t at = html.find("<svg "); at != std::string::npos; at = html.find("<svg ", at + 1)) {
        ++charts;
        const std::size_t tag_end = html.find('>', at), end = html.find("</svg>", at);
        REQUIRE(tag_end != std::string::npos);
        REQUIRE(end != std::string::npos);
        std::smatch m;
        const std::string tag = html.substr(at, tag_end - at);
        REQUIRE(std::regex_search(tag, m, viewbox_re));
        const double w = std::stod(m[1]), h = std::stod(m[2]);
        CHECK(w == 680);
        const std::string body = html.substr(tag_end, end - tag_end);
        for (auto x = std::sregex_iterator(body.begin(), body.end(), x_re); x != std::sregex_iterator(); ++x) {
            CAPTURE((*x)[0]);
            CHECK(std::stod((*x)[2]) >= 0);
            CHECK(std::stod((*x)[2]) <= w);
        }
        for (auto y = std::sregex_iterator(body.begin(), body.end(), y_re); y != std::sregex_iterator(); ++y) {
            CAPTURE((*y)[0]);
            CHECK(std::stod((*y)[2]) >= 0);
            CHECK(std::stod((*y)[2]) <= h);
        }
        for (auto p = std::sregex_iterator(body.begin(), body.end(), path_re); p != std::sregex_iterator(); ++p) {
            const std::string d = (*p)[1];
            CAPTURE(d);
            for (auto q = std::sregex_iterator(d.begin(), d.end(), pair_re); q != std::sregex_iterator(); ++q) {
                CHECK(std::stod((*q)[1]) >= 0);
                CHECK(std::stod((*q)[1]) <= w);
                CHECK(std::stod((*q)[2]) >= 0);
                CHECK(std::stod((*q)[2]) <= h);
            }
        }
    }
    CHECK(charts >= 3);
}

}  // namespace

TEST_CASE("render_progress: json carries every field, rounded, with absent values left out") {
    const ProgressReport r = sample();
    const std::string doc = rendered(r, Format::json, "nl");
    CHECK(doc == rendered(r, Format::json, "en"));  // the document holds both languages
    CHECK(doc.back() == '\n');
    const auto j = nlohmann::json::parse(doc);
    CHECK(j["schema_version"] == 1);
    CHECK(j["today"] == "2026-12-17");
    CHECK(j["programme"] == "standard");
    CHECK(j["language"] == "en");
    CHECK(j["next"] == "stop_and_refer");
    CHECK(j["next_rule"] == "progress.stop_signal");
    CHECK(j["next_reason"]["nl"] == r.next_reason.nl);
    CHECK(j["next_from"] == "2026-12-17");
    CHECK(j["stop_signal_date"] == "2026-12-16");
    CHECK(j["exposure"] == nlohmann::json::parse(
                               R"({"activity": "fietsen", "hierarchy_fear": 40, "last_fear": 15, "move_on": true, "item": 1, "items": 5})"));
    REQUIRE(j["weeks"].size() == 4);
    const auto& w1 = j["weeks"][0];
    for (const char* key : {"week", "start", "complete", "planned_sessions", "planned_minutes", "logged_sessions", "completed_sessions",
                            "done_minutes", "extra_sessions", "extra_minutes", "adherence_percent", "hr_logged_minutes", "minutes_in_zone",
                            "mean_rpe", "worst", "stop_signals", "load", "decision", "rule", "reason"}) {
        CAPTURE(key);
        CHECK(w1.contains(key));
    }
    CHECK(w1["start"] == "2026-11-23");
    CHECK(w1["load"]["monotony"].get<double>() == 1.23);
    CHECK(w1["load"]["strain"].get<double>() == 2468.0);
    CHECK_FALSE(w1["load"].contains("acwr"));
    CHECK_FALSE(w1.contains("exposure_activity"));
    CHECK(w1["worst"] == nlohmann::json::parse(R"({"pain": 2, "dizziness": 1, "headache": 0})"));
    const auto& w2 = j["weeks"][1];
    CHECK(w2["mean_rpe"].get<double>() == 15.46);
    CHECK(w2["decision"] == "step_back");
    CHECK(w2["exposure_activity"] == "fietsen");
    CHECK(w2["exposure_fear"] == 35);
    CHECK(contains(doc, "\"mean_rpe\": 15.46,"));  // printed as rounded, not 15.460000000000001
    const auto& w3 = j["weeks"][2];
    CHECK_FALSE(w3.contains("mean_rpe"));
    CHECK(w3["worst"] == nlohmann::json::object());
    CHECK_FALSE(w3["load"].contains("monotony"));
    CHECK(j["weeks"][3]["complete"] == false);
    CHECK(j["weeks"][3]["worst"]["concussion_score"] == 18);
    CHECK(j["summary"] == nlohmann::json::parse(R"({"errors": 0, "warnings": 1, "infos": 0})"));
    REQUIRE(j["findings"].size() == 1);
    // The finding as the findings document writes it.
    CHECK(j["findings"][0] == nlohmann::json::parse(to_json(r.findings))["findings"][0]);
    CHECK(j["findings"][0]["week"] == "2026-W49");

    ProgressReport bare = sample();
    bare.stop_signal_date.reset();
    bare.exposure.reset();
    bare.programme.clear();
    const auto b = nlohmann::json::parse(rendered(bare, Format::json, ""));
    CHECK_FALSE(b.contains("stop_signal_date"));
    CHECK_FALSE(b.contains("exposure"));
    CHECK_FALSE(b.contains("programme"));
}

TEST_CASE("render_progress: a value that is not a number never reaches the json") {
    ProgressReport r = sample();
    r.weeks[0].load.monotony = std::numeric_limits<double>::quiet_NaN();
    r.weeks[0].load.acwr = std::numeric_limits<double>::infinity();
    r.weeks[0].mean_rpe = -std::numeric_limits<double>::infinity();
    const std::string doc = rendered(r, Format::json, "en");
    CHECK_FALSE(contains(doc, "null"));
    const auto w = nlohmann::json::parse(doc)["weeks"][0];
    CHECK_FALSE(w["load"].contains("monotony"));
    CHECK_FALSE(w["load"].contains("acwr"));
    CHECK_FALSE(w.contains("mean_rpe"));
    for (const char* lang : {"en", "nl"}) {
        static const std::regex not_a_number("\\b(nan|inf|infinity)\\b", std::regex::icase);
        CHECK_FALSE(std::regex_search(rendered(r, Format::text, lang), not_a_number));
        CHECK_FALSE(std::regex_search(rendered(r, Format::html, lang), not_a_number));
    }
}

TEST_CASE("render_progress: every format gives the same bytes twice") {
    const ProgressReport r = sample();
    for (Format f : {Format::json, Format::text, Format::html})
        for (const char* lang : {"en", "nl", ""}) {
            CAPTURE(to_string(f));
            CAPTURE(lang);
            CHECK(rendered(r, f, lang) == rendered(r, f, lang));
        }
}

TEST_CASE("render_progress: text is 80 columns and shows every week, the decision in capitals and the findings") {
    const ProgressReport r = sample();
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        const bool nl = std::string(lang) == "nl";
        const std::string text = rendered(r, Format::text, lang);
        check_80_columns(text);
        for (int w = 1; w <= 4; ++w) {
            // A table row per week: its number, then its dates.
            CHECK(std::regex_search(text, std::regex("\n +" + std::to_string(w) + "[ *] [0-9]+ [a-zA-Z]+-[0-9]+ [a-zA-Z]+ ")));
        }
        CHECK(contains(text, nl ? "23 nov-29 nov" : "23 Nov-29 Nov"));
        CHECK(contains(text, nl ? "STOPPEN EN VERWIJZEN" : "STOP AND REFER"));
        CHECK(contains(flat(text), r.next_reason.in(lang)));
        CHECK(contains(flat(text), nl ? "Regel: Stopsignaal: pauzeren en verwijzen (progress.stop_signal)"
                                      : "Rule: Stop signal: pause and refer (progress.stop_signal)"));
        CHECK(contains(flat(text), nl ? "Geldt vanaf donderdag 17 december 2026." : "Applies from Thursday 17 December 2026."));
        CHECK(contains(flat(text), nl ? "Eerste stopsignaal geregistreerd op woensdag 16 december 2026."
                                      : "First stop signal logged on Wednesday 16 December 2026."));
        // Cells: completed/planned sessions, done/planned minutes, adherence, in zone, RPE, symptoms, load.
        CHECK(std::regex_search(text, std::regex(" 2/4 +70/160 +43 % +110/120 +" + std::string(nl ? "15,5" : "15.5") + " +6/1/0 +2000\n")));
        CHECK(std::regex_search(text, std::regex(" 0/4 +0/160 +0 % +- +- +-/-/- +-\n")));
        CHECK(contains(text, "4*"));
        CHECK(contains(flat(text), nl ? "Besluit: stap terug (progress.adherence). Minder dan de helft"
                                      : "Decision: step back (progress.adherence). Less than half"));
        CHECK(contains(flat(text), nl ? "Sessies buiten het plan: 1 (30 min)." : "Sessions outside the plan: 1 (30 min)."));
        CHECK(contains(flat(text), nl ? "eerder gestopt of overgeslagen): 1." : "stopped early or skipped): 1."));
        CHECK(contains(flat(text), nl ? "(SCAT, 0-132): 18." : "(SCAT, 0-132): 18."));
        CHECK(contains(flat(text), nl ? "Blootstelling: fietsen, laatste angstscore 35/100." : "Exposure: fietsen, last fear rating 35/100."));
        CHECK(contains(flat(text), nl ? "Nu aan de beurt: fietsen (activiteit 2 van 5" : "Now practising: fietsen (activity 2 of 5"));
        CHECK(contains(flat(text), nl ? "Volgende week: de volgende activiteit" : "Next week: the next activity"));
        // Load, with the ACWR caveat from the rule's explanation.
        CHECK(std::regex_search(text, std::regex("\n +2 +2000 +4 +" + std::string(nl ? "1,23" : "1.23") + " +2468 +" +
                                                 (nl ? "0,50" : "0.50") + "\n")));
        CHECK(contains(flat(text), builtin_rules().rules.at("load.monitoring").explanation.in(lang)));
        // Findings for the therapist.
        CHECK(contains(flat(text), nl ? "Waarschuwing [progress.adherence] week 2026-W49, op wo 2 dec, bij /entries/3: Twee sessies"
                                      : "Warning [progress.adherence] week 2026-W49, on Wed 2 Dec, at /entries/3: Two sessions"));
    }
}

TEST_CASE("render_progress: en and nl differ, and neither has a placeholder or key left") {
    const ProgressReport r = sample();
    for (Format f : {Format::text, Format::html}) {
        CAPTURE(to_string(f));
        const std::string en = rendered(r, f, "en"), nl = rendered(r, f, "nl");
        CHECK(en != nl);
        for (const std::string* doc : {&en, &nl}) {
            CHECK_FALSE(std::regex_search(*doc, std::regex("\\{[a-z_]+\\}")));
            CHECK_FALSE(std::regex_search(*doc, std::regex("\\b(progress|print)\\.(col|chart|week|decision|load|exposure|symptom|therapist)\\.[a-z]")));
            CHECK_FALSE(std::regex_search(*doc, std::regex("\\bprogress\\.(legend|title|running|not_rated|percent|decimal)\\b")));
        }
        CHECK(contains(nl, "Voortgangsrapportage"));
        CHECK_FALSE(contains(nl, "Progress report"));
        CHECK(contains(en, "Progress report"));
        CHECK_FALSE(contains(en, "Voortgangsrapportage"));
    }
}

TEST_CASE("render_progress: no language given takes the report's, an unknown one or format is an error") {
    ProgressReport r = sample();
    r.language = "nl";
    CHECK(contains(rendered(r, Format::text, ""), "Voortgangsrapportage"));
    r.language = "";
    CHECK(contains(rendered(r, Format::text, ""), "Progress report"));
    for (const char* lang : {"de", "EN", "english", "n"}) {
        CAPTURE(lang);
        auto out = render_progress(r, Format::text, lang);
        REQUIRE_FALSE(out.ok());
        CHECK(out.error().code == ErrorCode::invalid_argument);
        CHECK(contains(out.error().message, std::string("\"") + lang + "\""));
        CHECK(contains(out.error().message, "expected en or nl"));
    }
    auto bytes = render_progress(r, Format::text, std::string("\xff\xfe", 2));
    REQUIRE_FALSE(bytes.ok());
    CHECK_FALSE(contains(bytes.error().message, "\xff"));
    for (Format f : {Format::markdown, Format::ics, static_cast<Format>(42)}) {
        auto out = render_progress(r, f, "en");
        REQUIRE_FALSE(out.ok());
        CHECK(out.error().code == ErrorCode::invalid_argument);
        CHECK(contains(out.error().message, "expected json, text or html"));
    }
    CHECK(contains(render_progress(r, Format::markdown, "en").error().message, "\"markdown\""));
}

TEST_CASE("render_progress: html escapes the report's text and has no scripts or links") {
    ProgressReport r = sample();
    r.programme = "<b>mine</b>";
    r.weeks[1].exposure_activity = "<script>alert(1)</script> & \"cycling\"";
    r.exposure->activity = r.weeks[1].exposure_activity;
    r.weeks[0].reason.en = "Done <i>all</i> & more";
    r.next_reason.en = "<img src=x onerror=alert(1)>";
    r.findings[0].message.en = "Missed <em>two</em> 'sessions'";
    r.findings[0].citations = {"A & B <2020>"};
    r.findings[0].path = "/entries/<3>";
    r.weeks[2].rule = "rule\"><x>";
    const std::string html = rendered(r, Format::html, "en");
    for (const char* raw : {"<script", "<b>mine", "<i>all", "<img", "<em>", "<2020>", "<3>", "<x>", "onerror=alert(1)>"}) {
        CAPTURE(raw);
        CHECK_FALSE(contains(html, raw));
    }
    CHECK(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;cycling&quot;"));
    CHECK(contains(html, "Done &lt;i&gt;all&lt;/i&gt; &amp; more"));
    CHECK(contains(html, "Missed &lt;em&gt;two&lt;/em&gt; &#39;sessions&#39;"));
    CHECK(contains(html, "A &amp; B &lt;2020&gt;"));
    CHECK(contains(html, "&lt;b&gt;mine&lt;/b&gt;"));
    CHECK_FALSE(std::regex_search(html, std::regex("<(script|link|iframe|object|img)\\b")));
    CHECK_FALSE(std::regex_search(html, std::regex("<[^>]*\\s(src|href)=")));
    CHECK_FALSE(contains(html, "http://"));
    CHECK_FALSE(contains(html, "https://"));
    // Control characters from the report become spaces in text and html.
    r.weeks[0].reason.en = std::string("a\0b\x1b[31m\x07", 9);
    for (Format f : {Format::text, Format::html}) {
        const std::string doc = rendered(r, f, "en");
        CHECK(doc.find('\0') == std::string::npos);
        CHECK(doc.find('\x1b') == std::string::npos);
        CHECK(doc.find('\x07') == std::string::npos);
    }
}

TEST_CASE("render_progress: html has the three charts with a bar pair per week, titles and text alternatives") {
    const ProgressReport r = sample();
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        const bool nl = std::string(lang) == "nl";
        const std::string html = rendered(r, Format::html, lang);
        CHECK(contains(html, "<!DOCTYPE html>"));
        CHECK(contains(html, std::string("<html lang=\"") + lang + "\">"));
        CHECK(contains(html, "@page { size: A4;"));
        CHECK(occurrences(html, "<svg ") == 4);  // minutes, RPE, symptoms, and the SCAT score of week 4
        CHECK(occurrences(html, "<title id=\"chart-") == 4);
        CHECK(occurrences(html, "<desc id=\"chart-") == 4);
        CHECK(occurrences(html, "class=\"bar planned\"") == r.weeks.size());
        CHECK(occurrences(html, "class=\"bar done\"") == r.weeks.size());
        CHECK(contains(html, nl ? "Week 2: 160 minuten gepland, 70 gedaan." : "Week 2: 160 minutes planned, 70 done."));
        CHECK(contains(html, nl ? "Week 3: niet gescoord." : "Week 3: not rated."));
        CHECK(contains(html, nl ? "Week 2: pijn 6, duizeligheid 1, hoofdpijn 0." : "Week 2: pain 6, dizziness 1, headache 0."));
        // The effort limit from progress.effort, as a dashed line with its label.
        const auto limit = std::get<std::int64_t>(builtin_rules().rules.at("progress.effort").params.at("max_mean_rpe").value);
        CHECK(contains(html, (nl ? "grens " : "limit ") + std::to_string(limit)));
        CHECK(contains(html, "stroke-dasharray=\"10 6\""));
        // Series told apart by shape and line pattern.
        CHECK(contains(html, "<circle class=\"point\""));
        CHECK(contains(html, "<rect class=\"point\""));
        CHECK(contains(html, "stroke-dasharray=\"7 4\""));
        CHECK(contains(html, "stroke-dasharray=\"2 4\""));
        CHECK(contains(html, "url(#hatch)"));
        // Every week in the table, with its decision as a word and the reason.
        for (int w = 1; w <= 4; ++w) CHECK(contains(html, "<tbody id=\"week-" + std::to_string(w) + "\"><tr><th scope=\"rowgroup\"><span class=\"week-name\">Week " + std::to_string(w) + "<"));
        CHECK(contains(html, nl ? ">stap terug</span>" : ">step back</span>"));
        CHECK(contains(html, nl ? ">stoppen en verwijzen</p>" : ">stop and refer</p>"));
        CHECK(contains(html, r.weeks[1].reason.in(lang)));
        CHECK(contains(html, nl ? "(loopt nog)" : "(still running)"));
        check_svg_in_viewbox(html);
    }
    ProgressReport no_score = sample();
    no_score.weeks[3].worst.concussion_score.reset();
    CHECK(occurrences(rendered(no_score, Format::html, "en"), "<svg ") == 3);
}

TEST_CASE("render_progress: a report without weeks renders sensibly in every format") {
    ProgressReport r;
    r.today = test::d("2026-11-23");
    r.language = "nl";
    r.next_from = r.today;
    r.next_rule = "";
    r.next_reason = both("The plan starts today.", "Het plan begint vandaag.");
    const auto j = nlohmann::json::parse(rendered(r, Format::json, ""));
    CHECK(j["weeks"] == nlohmann::json::array());
    CHECK(j["findings"] == nlohmann::json::array());
    CHECK(j["next"] == "advance");
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        const bool nl = std::string(lang) == "nl";
        const std::string text = rendered(r, Format::text, lang);
        check_80_columns(text);
        CHECK(contains(flat(text), nl ? "Er is nog geen week van het plan begonnen" : "No week of the plan has started yet"));
        CHECK(contains(text, nl ? "OPBOUWEN" : "ADVANCE"));
        CHECK(contains(text, nl ? "Geen bevindingen." : "No observations."));
        CHECK_FALSE(contains(text, nl ? "Regel:" : "Rule:"));
        const std::string html = rendered(r, Format::html, lang);
        CHECK(occurrences(html, "<svg ") == 0);
        CHECK(contains(html, nl ? "Nog geen weken om te tonen." : "No weeks to show yet."));
        CHECK_FALSE(contains(html, "<table"));
    }
}

TEST_CASE("render_progress: 52 weeks of extreme values stay within 80 columns and the charts' viewBox") {
    const ProgressReport r = extreme();
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        const std::string text = rendered(r, Format::text, lang);
        check_80_columns(text);
        CHECK(contains(text, "1000000"));
        CHECK(contains(text, std::string(70, std::string(lang) == "nl" ? 'y' : 'x')));
        const std::string html = rendered(r, Format::html, lang);
        CHECK(occurrences(html, "class=\"bar done\"") == 52);
        CHECK(occurrences(html, "<tbody id=\"week-") == 52);
        check_svg_in_viewbox(html);
        // The scale reaches the highest value: 1,000,000 minutes planned.
        CHECK(std::regex_search(html, std::regex(">1000000</text>")));
    }
    const auto j = nlohmann::json::parse(rendered(r, Format::json, "en"));
    CHECK(j["weeks"].size() == 52);
    CHECK(j["weeks"][0]["load"]["strain"].get<double>() == 123456789.99);
    CHECK(j["weeks"][0]["load"]["monotony"].get<double>() == 100.0);
}

TEST_CASE("render_progress: every progress key the renderers use exists, the ones built from enums too") {
    auto doc = nlohmann::json::parse(test::read_file("data/print.json"));
    for (Decision d : {Decision::advance, Decision::hold, Decision::step_back, Decision::stop_and_refer}) {
        CAPTURE(to_string(d));
        CHECK(doc["print"].contains(std::string("progress.decision.") + to_string(d)));
    }
    for (const char* c : {"week", "dates", "sessions", "minutes", "adherence", "zone", "rpe", "symptoms", "load", "decision"})
        CHECK(doc["print"].contains(std::string("progress.col.") + c));
    // The Dutch decision words differ from the English ones (a missing translation would not).
    for (auto it = doc["print"].begin(); it != doc["print"].end(); ++it)
        if (it.key().rfind("progress.decision.", 0) == 0) CHECK(it.value()["en"] != it.value()["nl"]);
}

namespace {

// tests/data/golden/progress/<name>.<lang>.<ext>; REHABPLAN_UPDATE_GOLDEN=1 rewrites them.
// One subcase per file: a failing file does not hide the others.
void check_golden(const std::string& name, const ProgressReport& r) {
    const std::pair<Format, const char*> formats[] = {{Format::text, "txt"}, {Format::html, "html"}, {Format::json, "json"}};
    for (const auto& [format, ext] : formats)
        for (const char* lang : {"en", "nl"}) {
            if (format == Format::json && std::string(lang) == "nl") continue;  // one document holds both languages
            const std::string rel = "tests/data/golden/progress/" + name + (format == Format::json ? "" : std::string(".") + lang) + "." + ext;
            SUBCASE(rel.c_str()) { test::check_golden(rel, rendered(r, format, lang)); }
        }
}

}  // namespace

TEST_CASE("golden: the hand-made progress report matches tests/data/golden/progress/handmade.*") {
    check_golden("handmade", sample());
}

namespace {

ProgressReport real_report(const char* patient, const char* plan, const char* log, const char* today) {
    auto pa = parse_patient(test::read_file(patient));
    REQUIRE_MESSAGE(pa.ok(), pa.error().describe());
    auto pl = parse_plan(test::read_file(plan));
    REQUIRE_MESSAGE(pl.ok(), pl.error().describe());
    auto lg = parse_session_log(test::read_file(log));
    REQUIRE_MESSAGE(lg.ok(), lg.error().describe());
    auto r = progress(pa.value(), pl.value(), lg.value(), test::d(today));
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

}  // namespace

TEST_CASE("golden: progress reports of the example logs match tests/data/golden/progress") {
    // Stroke: three weeks done, the plan goes on. Concussion: a headache rise in the
    // running week steps back, with the SCAT score chart.
    const ProgressReport stroke = real_report("examples/patient-stroke.json", "tests/data/progress/plan-stroke.json",
                                              "examples/log-stroke.json", "2026-12-14");
    CHECK(stroke.weeks.size() == 3);
    check_golden("stroke", stroke);
    const ProgressReport concussion = real_report("examples/patient-concussion.json", "tests/data/progress/plan-concussion.json",
                                                  "examples/log-concussion.json", "2026-12-05");
    CHECK(concussion.weeks.size() == 2);
    check_golden("concussion", concussion);
}

TEST_CASE("render_progress: the example logs' reports fit 80 columns and their charts stay in the viewBox") {
    const ProgressReport stroke = real_report("examples/patient-stroke.json", "tests/data/progress/plan-stroke.json",
                                              "examples/log-stroke.json", "2026-12-14");
    const ProgressReport concussion = real_report("examples/patient-concussion.json", "tests/data/progress/plan-concussion.json",
                                                  "examples/log-concussion.json", "2026-12-05");
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        check_80_columns(rendered(stroke, Format::text, lang));
        check_80_columns(rendered(concussion, Format::text, lang));
        const std::string html = rendered(concussion, Format::html, lang);
        CHECK(occurrences(html, "<svg ") == 4);
        CHECK(occurrences(html, "class=\"bar done\"") == 2);
        check_svg_in_viewbox(html);
        check_svg_in_viewbox(rendered(stroke, Format::html, lang));
    }
}
