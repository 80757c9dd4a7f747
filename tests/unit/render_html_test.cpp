// The A4 HTML page (src/render/render_html.cpp): self-contained, escaped, one section per week
// with every day, the chart, the stop box, the therapist's page only when there is
// something to review, Dutch in Dutch, the same bytes every time.
#include <doctest/doctest.h>

#include <locale>
#include <regex>
#include <set>

#include "test_support.hpp"

using namespace rehabplan;

namespace {

std::string html(const Plan& plan, const char* lang) {
    auto r = render(plan, Format::html, lang);
    REQUIRE_MESSAGE(r.ok(), r.error().describe());
    return r.value();
}

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
    return n;
}

std::string between(const std::string& s, const std::string& from, const std::string& to) {
    const auto a = s.find(from);
    REQUIRE_MESSAGE(a != std::string::npos, "no " << from);
    const auto b = s.find(to, a);
    REQUIRE_MESSAGE(b != std::string::npos, "no " << to << " after " << from);
    return s.substr(a, b - a);
}

// "Mon 23 Nov" / "ma 23 nov", worked out here rather than taken from the catalog.
std::string day_label(Date d, const std::string& lang) {
    static const char* en_days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* nl_days[] = {"ma", "di", "wo", "do", "vr", "za", "zo"};
    static const char* en_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    static const char* nl_months[] = {"jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"};
    const auto wd = static_cast<int>(d.weekday());
    const bool nl = lang == "nl";
    return std::string(nl ? nl_days[wd] : en_days[wd]) + " " + std::to_string(d.day()) + " " +
           (nl ? nl_months[d.month() - 1] : en_months[d.month() - 1]);
}

// One week with a therapist's own title, a second session of that title with its own
// note, a rest of the week empty; no notes or findings unless a test adds them.
Plan small_plan() {
    Plan p = test::plan(1);
    SessionPlan a = test::aerobic("2026-11-23", 30);
    a.title = "Walk <b>&\"'";
    a.note = "Keep it easy.";
    SessionPlan b = test::aerobic("2026-11-25", 30);
    b.title = a.title;
    b.note = "Walk with Anna & Joe.";
    p.sessions = {a, test::strength("2026-11-24", 20), b};
    return p;
}

}  // namespace

TEST_CASE("html: one self-contained HTML5 file, no scripts, nothing loaded from the network") {
    for (const char* lang : {"en", "nl"}) {
        CAPTURE(lang);
        std::string h = html(test::golden_plan("stroke-standard-12w"), lang);
        CHECK(h.rfind("<!DOCTYPE html>\n<html lang=\"", 0) == 0);
        // The exercise pictures name the SVG namespace: a name, nothing is loaded from it.
        const std::string ns = " xmlns=\"http://www.w3.org/2000/svg\"";
        for (std::size_t at; (at = h.find(ns)) != std::string::npos;) h.erase(at, ns.size());
        CHECK(contains(h, "<meta charset=\"utf-8\">"));
        CHECK(h.size() > 10000);
        CHECK(h.substr(h.size() - 8) == "</html>\n");
        for (const char* forbidden : {"<script", "http://", "https://", "src=", "href=", "<link", "@import", "url(", "<img",
                                      "<iframe", "<object", "<embed", "@font-face", "javascript:"})
            CHECK_MESSAGE(!contains(h, forbidden), "found " << forbidden);
        CHECK_FALSE(std::regex_search(h, std::regex("<[^>]*\\son[a-z]+=")));  // no event handlers
        CHECK(occurrences(h, "<style>") == 1);
    }
}

TEST_CASE("html: the page is A4 with print rules: weeks kept whole, therapist's page apart, stop box on every page") {
    const std::string h = html(test::golden_plan("stroke-standard-12w"), "en");
    const std::string css = between(h, "<style>", "</style>");
    CHECK(std::regex_search(css, std::regex("@page \\{ size: A4; margin: [0-9]+mm")));
    CHECK(std::regex_search(css, std::regex("\\.week \\{[^}]*break-inside: avoid")));
    CHECK(std::regex_search(css, std::regex("h2 \\{[^}]*break-after: avoid")));
    CHECK(std::regex_search(css, std::regex("\\.review \\{[^}]*break-before: page")));
    CHECK(std::regex_search(css, std::regex("@media print \\{\\s*html \\{[^}]*\\}\\s*\\.stop-footer \\{ position: fixed;[^}]*bottom: 0")));
    CHECK(std::regex_search(css, std::regex("\\.stop-space \\{ height: [0-9]+mm")));
    // The spacer that keeps content clear of the box is a table footer (repeated per page).
    CHECK(contains(h, "<tfoot><tr><td><div class=\"stop-space\"></div></td></tr></tfoot>"));
    // Large print: 12 pt or more, black text.
    std::smatch m;
    REQUIRE(std::regex_search(css, m, std::regex("@media print \\{\\s*html \\{ font-size: ([0-9.]+)pt")));
    CHECK(std::stod(m[1]) >= 12.0);
    const std::regex color("(^|[^-])color: ([^;]+);");
    int colors = 0;
    for (auto it = std::sregex_iterator(css.begin(), css.end(), color); it != std::sregex_iterator(); ++it, ++colors)
        CHECK_MESSAGE((*it)[2] == "#000", "text colour " << (*it)[2]);
    CHECK(colors >= 1);
}

TEST_CASE("html: the language is on the html element and the Dutch page has Dutch days and labels") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    const std::string en = html(plan, "en"), nl = html(plan, "nl");
    CHECK(contains(en, "<html lang=\"en\">"));
    CHECK(contains(nl, "<html lang=\"nl\">"));
    for (const char* word : {">ma 23 nov<", ">di 24 nov<", ">zo 29 nov<", "Rustdag", "Gedaan", "Uw hartslagzone", "slagen/min", "Stop en bel meteen 112"})
        CHECK_MESSAGE(contains(nl, word), word);
    for (const char* word : {">Mon 23 Nov<", "Rest day", "Done", ">Tue ", ">Sun ", "Your heart-rate zone", " bpm<"})
        CHECK_MESSAGE(!contains(nl, word), word);
    CHECK(contains(en, ">Mon 23 Nov<"));
    CHECK(contains(en, "Rest day"));
}

TEST_CASE("html: every text is escaped, a therapist's markup included") {
    Plan p = small_plan();
    p.notes = "Check <script>alert(\"x\")</script> & 'more'";
    PlanPatient who;
    who.id = "P<1>&";
    who.age = 50;
    p.patient = who;
    const std::string h = html(p, "en");
    CHECK(contains(h, "Walk &lt;b&gt;&amp;&quot;&#39;"));
    CHECK_FALSE(contains(h, "<b>"));
    CHECK_FALSE(contains(h, "&\""));
    CHECK(contains(h, "Check &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;more&#39;"));
    CHECK_FALSE(contains(h, "<script"));
    CHECK(contains(h, "P&lt;1&gt;&amp;"));
    // The second session of that title has its own note, printed (escaped) in its row.
    CHECK(contains(h, "Walk with Anna &amp; Joe."));
    // Every & left in the page starts an entity.
    CHECK_FALSE(std::regex_search(h, std::regex("&(?!(amp|lt|gt|quot|#39);)")));
}

TEST_CASE("html: control characters a therapist typed do not reach the page") {
    Plan p = small_plan();
    p.sessions[0].title = std::string("Walk\0x", 6) + "\x1b[2J\x07 end\r\n\x7f \xc2\x85 caf\xc3\xa9";
    p.sessions[0].note = "tab\there";
    p.notes = "line one\r\nline two\x1b";
    for (const char* lang : {"en", "nl"}) {
        const std::string h = html(p, lang);
        CHECK(h.find('\0') == std::string::npos);
        for (std::size_t i = 0; i < h.size(); ++i) {
            const auto u = static_cast<unsigned char>(h[i]);
            CHECK_MESSAGE(((u >= 0x20 && u != 0x7f) || h[i] == '\n' || h[i] == '\t'), "byte " << int(u) << " at " << i);
            if (u == 0xc2 && i + 1 < h.size()) CHECK_MESSAGE(static_cast<unsigned char>(h[i + 1]) > 0x9f, "C1 control at " << i);
        }
        CHECK(contains(h, "Walk x [2J  end"));
        CHECK(contains(h, "caf\xc3\xa9"));  // other UTF-8 stays as it is
        CHECK(std::regex_search(h, std::regex("<p>line one ?</p>\n<p>line two ?</p>")));  // CR LF: one line break
    }
}

TEST_CASE("html: one section and one table per week, every day of the week with its date, rest days as rest days") {
    for (const char* name : {"stroke-standard-12w", "parkinson-beta-blocker-8w", "tbi-neurorc-12w"})
        for (const char* lang : {"en", "nl"}) {
            CAPTURE(name);
            CAPTURE(lang);
            const Plan plan = test::golden_plan(name);
            const std::string h = html(plan, lang);
            CHECK(occurrences(h, "<section class=\"week") == static_cast<std::size_t>(plan.weeks));
            // "days named": a week that names exercises has a wider column for them.
            CHECK(occurrences(h, "<table class=\"days\">") + occurrences(h, "<table class=\"days named\">") ==
                  static_cast<std::size_t>(plan.weeks));
            // Seven day rows a week: one per rest day, one row group per training day.
            CHECK(occurrences(h, "<th scope=\"row\">") + occurrences(h, "<th scope=\"rowgroup\"") ==
                  static_cast<std::size_t>(7 * plan.weeks));
            std::set<int> with_sessions;
            for (const auto& s : plan.sessions) with_sessions.insert(s.date.day_number());
            std::size_t rest = 0;
            for (int w = 0; w < plan.weeks; ++w) {
                const std::string section = between(h, "id=\"week-" + std::to_string(w + 1) + "\"", "</section>");
                for (int d = 0; d < 7; ++d) {
                    const Date day = plan.start_date.plus_days(7 * w + d);
                    CHECK_MESSAGE(contains(section, ">" + day_label(day, lang) + "</th>"), day_label(day, lang));
                    rest += with_sessions.count(day.day_number()) ? 0 : 1;
                }
            }
            CHECK(occurrences(h, "<tbody class=\"rest\">") == rest);
            // A tick box for every session, none for rest days.
            CHECK(occurrences(h, "<span class=\"box\"></span>") == plan.sessions.size());
        }
}

TEST_CASE("html: the weekly build-up is one inline SVG with a bar per week, heights in proportion") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    const std::string h = html(plan, "en");
    CHECK(occurrences(h, "<svg class=\"chart-svg\"") == 1);  // the other SVGs are exercise pictures
    const std::string svg = between(h, "<svg class=\"chart-svg\"", "</svg>");
    CHECK(contains(svg, "role=\"img\""));
    CHECK(contains(svg, "<title id=\"chart-svg-title\">Minutes of endurance exercise per week</title>"));
    CHECK(contains(svg, ">target 150-300</text>"));
    CHECK(contains(svg, ">week</text>"));
    const std::regex bar("<rect class=\"bar\" x=\"[0-9]+\" y=\"[0-9]+\" width=\"[0-9]+\" height=\"([0-9]+)\"[^>]*><title>Week ([0-9]+): ([0-9]+)</title>");
    std::vector<std::pair<int, int>> bars;  // (minutes, height)
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), bar); it != std::sregex_iterator(); ++it) {
        CHECK(std::stoi((*it)[2]) == static_cast<int>(bars.size()) + 1);
        bars.emplace_back(std::stoi((*it)[3]), std::stoi((*it)[1]));
    }
    REQUIRE(bars.size() == 12);
    // The golden plan builds up 120, 129, 138 ... a week; the numbers are on the bars.
    CHECK(bars[0].first == 120);
    CHECK(bars[1].first == 129);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        CHECK(contains(svg, ">" + std::to_string(bars[i].first) + "</text>"));
        for (std::size_t j = 0; j < bars.size(); ++j)
            if (bars[i].first < bars[j].first) CHECK(bars[i].second < bars[j].second);
            else if (bars[i].first == bars[j].first) CHECK(bars[i].second == bars[j].second);
    }
    // Labels are black, or white on a bar.
    const std::regex text_fill("<text[^>]* fill=\"([^\"]+)\"");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), text_fill); it != std::sregex_iterator(); ++it)
        CHECK_MESSAGE(((*it)[1] == "#000" || (*it)[1] == "#fff"), (*it)[1]);
}

TEST_CASE("html: a long plan has a bar per week and numbers only where the minutes change") {
    Plan p = test::plan(30);
    for (int w = 0; w < 30; ++w)
        p.sessions.push_back(test::aerobic(p.start_date.plus_days(7 * w).to_string().c_str(), w < 3 ? 30 + 10 * w : 60));
    const std::string svg = between(html(p, "en"), "<svg", "</svg>");
    CHECK(occurrences(svg, "<rect class=\"bar\"") == 30);
    // 30, 40, 50, then 60 from week 4 to week 30: numbers for weeks 1-4 and the last week.
    std::vector<int> numbers;
    const std::regex upright("transform=\"rotate\\(-90 [0-9]+ [0-9]+\\)\">([0-9]+)</text>");
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), upright); it != std::sregex_iterator(); ++it)
        numbers.push_back(std::stoi((*it)[1]));
    CHECK(numbers == std::vector<int>{30, 40, 50, 60, 60});
}

TEST_CASE("html: the stop signals are in one bordered box, and the zone shows the target with its formula") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    const std::string h = html(plan, "en");
    // Page 1 lists every signal grouped by what to do: 112 first (stroke signs, chest pain), then the therapist.
    CHECK(occurrences(h, "<section class=\"stop stop-full\"") == 1);
    const std::string full = between(h, "<section class=\"stop stop-full\"", "</section>");
    const auto call = full.find("Stop and call 112 at once if you notice:");
    const auto therapist = full.find("Stop, rest, and call your therapist or doctor before you train again if you notice:");
    REQUIRE(call != std::string::npos);
    REQUIRE(therapist != std::string::npos);
    CHECK(call < therapist);
    for (const char* s : {"New signs of a stroke", "Pain or pressure in your chest"}) {
        CHECK_MESSAGE(full.find(s) > call, s);
        CHECK_MESSAGE(full.find(s) < therapist, s);
    }
    for (const char* s : {"Suddenly dizzy or light-headed", "A headache that is worse than you are used to", "Much more out of breath", "Pain or swelling in a calf"})
        CHECK_MESSAGE(full.find(s) > therapist, s);
    CHECK(occurrences(full, "<li>") == plan.stop_signals.size());
    CHECK(occurrences(full, "<ul>") == 2);
    CHECK(h.find("stop-full") < h.find("<section class=\"zone\">"));  // before the zone: page 1
    // The box on every printed page: the 112 signals and where the others are.
    CHECK(occurrences(h, "<aside class=\"stop stop-footer\"") == 1);
    const std::string box = between(h, "<aside class=\"stop stop-footer\"", "</aside>");
    CHECK(contains(box, "Stop and call 112 at once if you notice:"));
    CHECK(contains(box, "New signs of a stroke"));
    CHECK(contains(box, "A seizure (a fit)"));
    CHECK(contains(box, "Pain or pressure in your chest"));
    CHECK(occurrences(box, "<li>") == 3);
    CHECK(contains(box, "More stop signals on page 1"));
    // Without 112 signals the box on every page holds them all and points nowhere.
    Plan calm = small_plan();
    calm.stop_signals = {"acute_dizziness", "calf_pain"};
    const std::string all = between(html(calm, "en"), "<aside class=\"stop stop-footer\"", "</aside>");
    CHECK(occurrences(all, "<li>") == 2);
    CHECK_FALSE(contains(all, "page 1"));
    Plan none = small_plan();
    none.stop_signals.clear();
    const std::string nothing = html(none, "en");
    CHECK_FALSE(contains(between(nothing, "<aside class=\"stop stop-footer\"", "</aside>"), "<ul>"));
    CHECK_FALSE(contains(nothing, "<section class=\"stop stop-full\""));
    const std::string zone = between(h, "<section class=\"zone\">", "</section>");
    CHECK(contains(zone, "Train at <span class=\"nb\">89-122</span> beats per minute"));
    CHECK(contains(zone, "HRmax is your maximum heart rate: 161 beats per minute"));
    CHECK(contains(zone, "Lower limit: 55 % of HRmax 161.1 (208 - 0.7 x age = 161.1)"));
    CHECK(contains(zone, "Never above: top of the moderate band, 76 % of HRmax 161.1"));
    CHECK(contains(zone, "Borg scale"));
    // The daily steps grow week by week from a modest start (no measurement: by age).
    CHECK(contains(h, "walk at least the week&#39;s number of steps: 3000 steps a day in week 1"));
    CHECK(contains(h, "<p class=\"week-steps\">Steps a day this week: at least 3250.</p>"));
}

TEST_CASE("html: heart rate that cannot steer gives effort (RPE) - HIIT is written out") {
    const std::string pd = html(test::golden_plan("parkinson-beta-blocker-8w"), "en");
    CHECK(contains(pd, "Train at an effort of <span class=\"nb\">11-13</span> on the Borg scale"));
    CHECK(contains(pd, "class=\"beta-blocker\">You take a beta-blocker."));
    CHECK(contains(pd, "<td>effort <span class=\"nb\">11-13</span> (Borg), heart rate below 86</td>"));
    const std::string tbi = html(test::golden_plan("tbi-neurorc-12w"), "en");
    // NeuroRC's week 1 introduces HIIT (hiit.protocol introduction_repeats): 5 x 30 s / 60 s by effort.
    CHECK(contains(tbi, "<span class=\"extra\">5 x 30 s hard / 60 s easy</span>"));
    CHECK(contains(tbi, "<span class=\"extra\">Supervised clinic week</span>"));
    CHECK(contains(between(tbi, "<section class=\"exercises\">", "</section>"),
                   "Intervals: repeat 5 times: 30 seconds hard (Borg <span class=\"nb\">15-17</span>, heart rate no higher than 174)"));
}

TEST_CASE("html: exercises, measurements and the why-text are on the page") {
    const Plan plan = test::golden_plan("stroke-standard-12w");
    const std::string h = html(plan, "en");
    const std::string ex = between(h, "<section class=\"exercises\">", "</section>");
    CHECK(occurrences(ex, "<div class=\"exercise\">") == 4);
    CHECK(contains(ex, "<h3>Dual-task walk</h3>"));
    const std::string measures = between(h, "<section class=\"measures\">", "</section>");
    CHECK(occurrences(measures, "<li>") == plan.outcome_measures.size());  // 5 since #19: one MoCA
    CHECK(contains(measures, "<strong>Monday 23 November 2026</strong>: six-minute walk test"));
    CHECK(contains(between(h, "<section class=\"why\">", "</section>"), "neuroplasticity"));
}

TEST_CASE("html: the therapist's page is there only when the plan has notes or findings") {
    Plan p = small_plan();
    CHECK_FALSE(contains(html(p, "en"), "class=\"review\""));
    CHECK_FALSE(contains(html(p, "en"), "For the therapist"));

    Finding f;
    f.rule = "week.volume";
    f.severity = Severity::warning;
    f.path = "/sessions/0";
    f.week = test::d("2026-11-23");
    f.message = Text{"Too little <exercise>.", "Te weinig beweging."};
    f.citations = {"Billinger S.A. et al. Stroke 45:2532, 2014."};
    p.findings = {f};
    const std::string en = html(p, "en");
    const std::string review = between(en, "<section class=\"review\">", "</section>");
    CHECK(contains(review, "<h2>For the therapist: review of this plan</h2>"));
    CHECK(contains(review, "<strong>Warning</strong> <span class=\"rule\">week.volume</span>"));
    CHECK(contains(review, "week 2026-W48"));
    CHECK(contains(review, "at /sessions/0"));
    CHECK(contains(review, "Too little &lt;exercise&gt;."));
    CHECK(contains(review, "<li>Billinger S.A. et al. Stroke 45:2532, 2014.</li>"));
    CHECK(contains(review, "Errors: 0. Warnings: 1. Remarks: 0."));
    // The review is the last thing on the page.
    CHECK(en.find("<section class=\"review\">") > en.find("<section class=\"why\">"));
    const std::string nl = html(p, "nl");
    CHECK(contains(between(nl, "<section class=\"review\">", "</section>"), "<strong>Waarschuwing</strong>"));
    CHECK(contains(nl, "Te weinig beweging."));

    Plan notes_only = small_plan();
    notes_only.notes = "Seen on Monday.";
    CHECK(contains(between(html(notes_only, "en"), "<section class=\"review\">", "</section>"), "<p>Seen on Monday.</p>"));
}

TEST_CASE("html: the same bytes every time, whatever the host's locale - no dates but the plan's, no version") {
    struct grouping : std::numpunct<char> {
        char do_thousands_sep() const override { return ','; }
        std::string do_grouping() const override { return "\3"; }
    };
    Plan big = test::plan(1);
    for (int d = 0; d < 7; ++d) big.sessions.push_back(test::aerobic(big.start_date.plus_days(d).to_string().c_str(), 200));
    const std::string before = html(big, "en");
    CHECK(contains(before, ">1400</text>"));  // the bar's number, printed by the renderer itself
    const std::locale old = std::locale::global(std::locale(std::locale::classic(), new grouping));
    const std::string during = html(big, "en");
    std::locale::global(old);
    CHECK(before == during);

    const Plan plan = test::golden_plan("stroke-standard-12w");
    for (const char* lang : {"en", "nl"}) {
        const std::string h = html(plan, lang);
        CHECK(h == html(plan, lang));
        CHECK_FALSE(contains(h, REHABPLAN_VERSION_STRING));
        // Before the therapist's page (whose citations have years), only the plan's years.
        const std::string patient_part = h.substr(0, h.find("<section class=\"review\">"));
        const std::regex year("\\b(19|20)[0-9][0-9]\\b");
        for (auto it = std::sregex_iterator(patient_part.begin(), patient_part.end(), year); it != std::sregex_iterator(); ++it)
            CHECK_MESSAGE(((*it)[0] == "2026" || (*it)[0] == "2027"), (*it)[0]);
    }
}
