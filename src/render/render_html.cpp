// The plan as one self-contained HTML5 page for A4: inline CSS, an inline SVG chart, no
// scripts, nothing loaded from anywhere. Printed from a browser it keeps every week on
// one page and repeats the stop signals at the bottom of every page; on screen it is a
// single readable column with the stop signals at the top.
#include <algorithm>
#include <locale>
#include <sstream>

#include "core/json_reader.hpp"
#include "render/renderers.hpp"

namespace rehabplan::detail {

namespace {

std::string num(int v) { return std::to_string(v); }

}  // namespace

// esc() and text() are shared with the progress report (renderers.hpp).

// Every text from the view goes through here, in element content and in attributes.
// Control characters a therapist's text may carry (NUL, ESC, BEL, CR, DEL, C1) become a
// space: HTML forbids them, and a NUL would cut the page short for a C caller.
std::string esc(const std::string& s) {
    // Control characters are gone already: the view cleans every text taken from the plan.
    // The text between the characters to escape is copied a run at a time.
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    std::size_t from = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char* entity;
        switch (s[i]) {
            case '&': entity = "&amp;"; break;
            case '<': entity = "&lt;"; break;
            case '>': entity = "&gt;"; break;
            case '"': entity = "&quot;"; break;
            case '\'': entity = "&#39;"; break;
            default: continue;
        }
        out.append(s, from, i - from).append(entity);
        from = i + 1;
    }
    out.append(s, from, std::string::npos);
    return out;
}

// Text in the page's flow: escaped, and number ranges and ISO dates ("5000-7500",
// "2026-12-07") kept on one line, so a line break never turns a range into two numbers.
// Not for attributes or SVG <title>: use esc() there.
std::string text(const std::string& s) {
    const std::string e = esc(s);
    auto digit = [&](std::size_t i) { return i < e.size() && e[i] >= '0' && e[i] <= '9'; };
    std::string out;
    std::size_t i = 0;
    while (i < e.size()) {
        if (!digit(i) || (i > 0 && digit(i - 1))) {
            out += e[i++];
            continue;
        }
        std::size_t end = i, parts = 0;
        for (;;) {  // digits, then more digits after each '-'
            while (digit(end)) ++end;
            ++parts;
            if (end < e.size() && e[end] == '-' && digit(end + 1)) ++end;
            else break;
        }
        const std::string run = e.substr(i, end - i);
        out += parts > 1 ? "<span class=\"nb\">" + run + "</span>" : run;
        i = end;
    }
    return out;
}

namespace {

// Lines of `note` (a note may have several), each as text(), joined with <br>.
std::string text_lines(const std::string& note) {
    std::string out;
    std::istringstream lines(note);
    lines.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    for (std::string line; std::getline(lines, line);) out += (out.empty() ? "" : "<br>") + text(line);
    return out;
}

// Printed, the stop box is fixed to the bottom of every page and the content keeps clear
// of it through a spacer repeated on every page. The box grows with the clinic's signals,
// so its height is estimated here: 12.5 pt Arial-like text in a 174 mm wide box sets about
// 75 characters a line; 60 leaves room for wider fonts and Dutch.
// The box on every page holds the 112 signals and points to page 1 for the others (all of
// them would leave no room for two weeks a page); without 112 signals it holds them all.
std::vector<const StopGroupView*> footer_groups(const PlanView& v) {
    std::vector<const StopGroupView*> out;
    for (const StopGroupView& g : v.stop_groups)
        if (g.call_112 || v.stop_groups.front().call_112 == false) out.push_back(&g);
    return out;
}

bool footer_has_more(const PlanView& v) { return footer_groups(v).size() < v.stop_groups.size(); }

int stop_space_mm(const PlanView& v) {
    constexpr std::size_t per_line = 60;
    auto lines = [&](std::size_t chars) { return static_cast<int>((chars + per_line - 1) / per_line); };
    int n = footer_has_more(v) ? lines(utf8_length(v.stop_more)) : 0;
    for (const StopGroupView* gp : footer_groups(v)) {
        const StopGroupView& g = *gp;
        std::size_t signals = 0;
        for (const auto& s : g.signals) signals += utf8_length(s) + 4;  // the bullet and the gap
        n += lines(utf8_length(g.heading)) + std::max(1, lines(signals));
    }
    return 6 * n + 10;  // 5.7 mm a line, 7.3 mm padding, border and list margins, a gap above the box
}

constexpr const char* css = R"css(
@page { size: A4; margin: 10mm 14mm 8mm 14mm; }
*, *::before, *::after { box-sizing: border-box; }
html { color: #000; background: #fff; font-family: Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif;
       line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; overflow-wrap: break-word; }
table.days td { overflow-wrap: anywhere; }
table.days thead th { white-space: nowrap; }
h1 { font-size: 2em; line-height: 1.15; margin: 0 0 .4em; }
h2 { font-size: 1.45em; line-height: 1.2; margin: 1.1em 0 .4em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.15em; margin: .9em 0 .25em; break-after: avoid; page-break-after: avoid; }
p { margin: .4em 0; }
p, li { orphans: 3; widows: 3; }
ul, ol { margin: .3em 0; padding-left: 1.4em; }
table.layout { width: 100%; border-collapse: collapse; }
table.layout > tbody > tr > td, table.layout > tfoot > tr > td { padding: 0; }
.summary p { margin: .15em 0; font-size: 1.1em; }
.beta-blocker { border-left: 5px solid #000; padding: .2em 0 .2em .7em; }
.alert { border: 3px solid #000; padding: 1mm 3mm; margin: 0 0 .6em; font-weight: bold; }
.ladder { list-style: none; padding-left: 0; }
.ladder li { margin: .2em 0; break-inside: avoid; }
.ladder .box { display: inline-block; width: 3.5mm; height: 3.5mm; border: 1px solid #000; margin-right: 2mm; vertical-align: -0.5mm; }
.paused { border: 5px solid #000; padding: 2mm 3mm; margin: 0 0 .6em; font-size: 1.3em; font-weight: bold; line-height: 1.3; }
.stop { border: 3px solid #000; background: #fff; padding: 2mm 3mm; line-height: 1.3; break-inside: avoid; }
.stop p { margin: 0; }
.stop .stop-title { font-weight: bold; font-size: 1.05em; }
.stop ul { list-style: none; margin: .15em 0; padding: 0; }
.stop li { display: inline-block; margin-right: 1em; }
.stop li::before { content: "\25A0\00A0"; }
.stop .stop-112 { text-decoration: underline; }
.stop .stop-more { font-weight: bold; }
.falls ul { margin: .2em 0; padding-left: 1.2em; }
.falls li { margin: .1em 0; }
.zone { border: 2px solid #000; padding: .2em 1em .6em; margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
.zone h2 { margin-top: .4em; }
.zone .zone-target { font-size: 1.3em; font-weight: bold; line-height: 1.3; }
.dose p { font-size: 1.1em; font-weight: bold; }
.chart { break-inside: avoid; page-break-inside: avoid; }
.chart h2 { margin-top: .7em; }
figure { margin: 0; }
.nb { white-space: nowrap; }
table.days tbody.rest th, table.days tbody.rest td { background: #ececec; }
svg.chart-svg { display: block; width: 100%; height: auto; }
svg text { font-family: inherit; }
figcaption { margin-top: .3em; }
.week { break-inside: avoid; page-break-inside: avoid; }
.week h2 { font-size: 1.35em; margin: .6em 0 .3em; }
.week h2 .dates { font-weight: normal; font-size: .8em; white-space: nowrap; }
table.days { width: 100%; border-collapse: collapse; border-bottom: 2px solid #000; }
table.days th, table.days td { text-align: left; vertical-align: top; padding: .2em .35em; line-height: 1.25; }
table.days thead th { border-bottom: 2px solid #000; font-size: .95em; }
table.days tbody { border-top: 1px solid #000; break-inside: avoid; page-break-inside: avoid; }
table.days tbody tr + tr td { border-top: 1px dotted #000; }
table.days tbody th { white-space: nowrap; }
table.days .col-day { width: 15%; }
table.days .col-minutes { width: 10%; }
table.days .col-target { width: 30%; }
table.days .col-done { width: 8%; text-align: center; }
table.days td.minutes { white-space: nowrap; text-align: right; }
table.days th.col-minutes { text-align: right; }
table.days td.done { text-align: center; }
table.days .box { display: inline-block; width: 1.1em; height: 1.1em; border: 2px solid #000; vertical-align: middle; }
table.days .title { font-weight: bold; }
table.days .extra { display: block; }
table.days tbody.rest td { font-style: normal; }

.week.compact table.days th, .week.compact table.days td { padding-top: .1em; padding-bottom: .1em; line-height: 1.2; }
.week-total { margin: .3em 0 0; }
.rest-note { margin: .1em 0 0; }
.exercise { break-inside: avoid; page-break-inside: avoid; }
.cards { break-before: page; page-break-before: always; }
.cards h2 { margin: 0 0 .2em; }
.cards h2 .cards-caption { font-size: .55em; font-weight: normal; margin-left: .6em; white-space: nowrap; }
.card { display: grid; grid-template-columns: 36mm 1fr; column-gap: 2.5mm; border: 2px solid #000; padding: 1mm 2mm; margin: 0 0 1.5mm; font-size: .76em; line-height: 1.12;
        break-inside: avoid; page-break-inside: avoid; }
.card .card-care { grid-column: 1 / -1; margin: .15em 0 0; }
.card .card-side svg { display: block; width: 100%; height: auto; }
.card .card-body { min-width: 0; }
.card h3 { margin: 0 0 .1em; font-size: 1.2em; }
.card h3 .level { font-weight: normal; font-size: .8em; white-space: nowrap; }
.card ol { margin: .1em 0; padding-left: 1.1em; }
.card p { margin: .1em 0; }
.card .card-dose .dose-first { font-weight: bold; }
table.days.named .col-target { width: 18%; }
table.days .exercise-names { font-size: .8em; line-height: 1.2; margin-top: .1em; }
.measures ul { list-style: none; padding: 0; }
.measures li { margin: .15em 0; }
.review { break-before: page; page-break-before: always; }
.finding { margin: .6em 0; break-inside: avoid; page-break-inside: avoid; }
.finding .rule { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .9em; }
.finding .citations { margin-top: .2em; }
@media print {
  html { font-size: 12.5pt; }
  .stop-footer { position: fixed; left: 0; right: 0; bottom: 0; }
  .stop-full { margin: .6em 0; }
}
@media screen {
  html { font-size: 18px; }
  body { max-width: 50em; margin: 1em auto; padding: 0 1em; }
  .stop { position: static; margin: 0 0 1.2em; }
  .stop-footer { display: none; }
  .stop-space { display: none; }
}
)css";

void stop_group(std::ostream& out, const StopGroupView& g) {
    out << "<p class=\"stop-title" << (g.call_112 ? " stop-112" : "") << "\">" << text(g.heading) << "</p>\n<ul>";
    for (const auto& s : g.signals) out << "<li>" << text(s) << "</li>";
    out << "</ul>\n";
}

// Printed at the bottom of every page: the 112 signals, and where the others are.
void stop_box(std::ostream& out, const PlanView& v) {
    out << "<aside class=\"stop stop-footer\" aria-label=\"" << esc(v.stop_title) << "\">\n";
    for (const StopGroupView* g : footer_groups(v)) stop_group(out, *g);
    if (footer_has_more(v)) out << "<p class=\"stop-more\">" << text(v.stop_more) << "</p>\n";
    out << "</aside>\n";
}

// Every stop signal, grouped by what to do, on page 1 (and first on screen).
void stop_list(std::ostream& out, const PlanView& v) {
    if (v.stop_groups.empty()) return;
    out << "<section class=\"stop stop-full\" aria-label=\"" << esc(v.stop_title) << "\">\n";
    for (const StopGroupView& g : v.stop_groups) stop_group(out, g);
    out << "</section>\n";
}

void summary(std::ostream& out, const PlanView& v) {
    out << "<header class=\"summary\">\n<h1>" << text(v.title) << "</h1>\n";
    for (const auto& line : v.who) out << "<p>" << text(line) << "</p>\n";
    if (!v.programme.empty()) out << "<p>" << text(v.programme) << "</p>\n";
    out << "<p>" << text(v.period) << "</p>\n";
    if (!v.beta_blocker.empty()) out << "<p class=\"beta-blocker\">" << text(v.beta_blocker) << "</p>\n";
    out << "</header>\n";
}

void falls(std::ostream& out, const PlanView& v) {
    if (v.falls.empty()) return;
    out << "<section class=\"falls\">\n<h2>" << text(v.falls_title) << "</h2>\n<ul>\n";
    for (const auto& f : v.falls) out << "<li>" << text(f) << "</li>\n";
    out << "</ul>\n</section>\n";
}

void zone(std::ostream& out, const PlanView& v) {
    if (!v.zone_target.empty()) {
        out << "<section class=\"zone\">\n<h2>" << text(v.zone_title) << "</h2>\n<p class=\"zone-target\">" << text(v.zone_target)
            << "</p>\n<ul>\n";
        for (const auto& d : v.zone_details) out << "<li>" << text(d) << "</li>\n";
        out << "</ul>\n</section>\n";
    }
    if (!v.return_title.empty()) {
        out << "<section class=\"return\">\n<h2>" << text(v.return_title) << "</h2>\n";
        for (const ReturnLadderView& l : v.ladders) {
            out << "<h3>" << text(l.heading) << "</h3>\n<ol class=\"ladder\">\n";
            for (const ReturnStepView& st : l.steps) {
                out << "<li class=\"" << (st.dated ? "dated" : "gated") << "\"><span class=\"box\" aria-hidden=\"true\"></span><strong>"
                    << text(st.heading) << "</strong>";
                if (!st.description.empty()) out << " " << text(st.description);
                out << "<br><em>" << text(st.when) << "</em></li>\n";
            }
            out << "</ol>\n";
        }
        out << "<ul class=\"return-rules\">\n";
        for (const auto& r : v.return_rules) out << "<li>" << text(r) << "</li>\n";
        out << "</ul>\n</section>\n";
    }
    if (!v.full_dose.empty() || !v.daily_steps.empty()) {
        out << "<section class=\"dose\">\n";
        if (!v.full_dose.empty()) out << "<p>" << text(v.full_dose) << "</p>\n";
        if (!v.daily_steps.empty()) out << "<p>" << text(v.daily_steps) << "</p>\n";
        out << "</section>\n";
    }
    if (!v.priming.empty()) {
        out << "<section class=\"priming\">\n<h2>" << text(v.priming_title) << "</h2>\n<ul>\n";
        for (const auto& line : v.priming) out << "<li>" << text(line) << "</li>\n";
        out << "</ul>\n</section>\n";
    }
}

// The weekly build-up as bars, the weekly target as a band. Integer coordinates in a
// 680-unit wide viewBox: at the 182 mm print width one unit is about one CSS pixel, so a
// font size of 16 prints at 12 pt.
// One function on purpose (about 80 lines): the scale, the band, the bars, the axis and
// the legend all share the same dozen coordinates, which split-out parts would each need.
void chart(std::ostream& out, const PlanView& v) {
    if (v.weeks.empty()) return;
    constexpr int width = 680, height = 220, left = 56, right = 12, top = 38, bottom = 54;
    constexpr int plot_w = width - left - right, plot_h = height - top - bottom;
    const int n = static_cast<int>(v.weeks.size());
    const bool band = v.volume_max > 0 && v.volume_max >= v.volume_min && v.volume_min >= 0;
    int highest = 1;
    for (const WeekView& w : v.weeks) highest = std::max(highest, w.volume_minutes);
    // The scale shows the bars and the target's lower limit; the upper limit only when it
    // is near (a 150-300 target would otherwise squash 100-minute bars). The legend gives
    // the whole range either way.
    if (band) highest = std::max(highest, v.volume_min);
    if (band && v.volume_max <= highest + highest / 2) highest = std::max(highest, v.volume_max);
    const int wanted = highest + highest / (plot_w / n < 34 ? 4 : 10) + 1;  // room for the number above the highest bar
    int step = 10;
    for (int s : {10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000})
        if ((wanted + s - 1) / s <= 5) {
            step = s;
            break;
        }
    const int ticks = (wanted + step - 1) / step;
    const int ymax = ticks * step;
    auto y = [&](int value) { return top + plot_h - static_cast<int>(static_cast<long long>(std::min(value, ymax)) * plot_h / ymax); };
    const int slot = plot_w / n, offset = left + (plot_w - slot * n) / 2;
    const int bar = std::min(48, std::max(2, slot * 6 / 10));
    const int every = (28 + slot - 1) / slot;  // week numbers: every week when they fit

    out << "<section class=\"chart\">\n<h2 id=\"chart-title\">" << esc(v.chart_title) << "</h2>\n<figure>\n"
        << "<svg class=\"chart-svg\" viewBox=\"0 0 " << width << " " << height
        << "\" role=\"img\" aria-labelledby=\"chart-svg-title chart-svg-desc\">\n"
        << "<title id=\"chart-svg-title\">" << esc(v.chart_title) << "</title>\n<desc id=\"chart-svg-desc\">" << esc(v.chart_caption)
        << "</desc>\n";
    if (band) {
        const int y_hi = y(v.volume_max), y_lo = y(v.volume_min);
        out << "<g class=\"target\">\n<rect x=\"" << left << "\" y=\"" << y_hi << "\" width=\"" << plot_w << "\" height=\"" << y_lo - y_hi
            << "\" fill=\"#d8ecd8\"/>\n";
        for (int yy : {y_hi, y_lo})
            if (yy != y_hi || v.volume_max <= ymax)  // an upper limit above the scale has no line
                out << "<line x1=\"" << left << "\" y1=\"" << yy << "\" x2=\"" << left + plot_w << "\" y2=\"" << yy
                    << "\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n";
        // Legend above the plot: a swatch, then "target 150-300".
        out << "<rect x=\"" << left << "\" y=\"8\" width=\"28\" height=\"18\" fill=\"#d8ecd8\" stroke=\"#000\" stroke-width=\"2\" "
            << "stroke-dasharray=\"8 5\"/>\n<text x=\"" << left + 36 << "\" y=\"23\" font-size=\"16\">" << esc(v.chart_target) << " "
            << v.volume_min << "-" << v.volume_max << "</text>\n</g>\n";
    }
    out << "<g class=\"grid\">\n";
    for (int i = 0; i <= ticks; ++i) {
        const int yy = y(i * step);
        if (i > 0)
            out << "<line x1=\"" << left << "\" y1=\"" << yy << "\" x2=\"" << left + plot_w << "\" y2=\"" << yy
                << "\" stroke=\"#888\" stroke-width=\"1\"/>\n";
        out << "<text x=\"" << left - 8 << "\" y=\"" << yy + 5 << "\" font-size=\"15\" text-anchor=\"end\">" << i * step << "</text>\n";
    }
    out << "</g>\n<g class=\"bars\">\n";
    for (int i = 0; i < n; ++i) {
        const WeekView& w = v.weeks[static_cast<std::size_t>(i)];
        const int cx = offset + i * slot + slot / 2, yy = y(w.volume_minutes);
        if (w.volume_minutes > 0)
            out << "<rect class=\"bar\" x=\"" << cx - bar / 2 << "\" y=\"" << yy << "\" width=\"" << bar << "\" height=\"" << top + plot_h - yy
                << "\" fill=\"#1a3d6e\"><title>" << esc(w.heading) << ": " << w.volume_minutes << "</title></rect>\n";
        if (slot >= 34) {
            // The number inside the top of the bar, white on the dark bar (the target lines
            // cannot cross it there); above the bar when the bar is too short.
            const bool inside = top + plot_h - yy >= 26;
            out << "<text x=\"" << cx << "\" y=\"" << (inside ? yy + 19 : yy - 6) << "\" font-size=\"16\" font-weight=\"bold\" fill=\""
                << (inside ? "#fff" : "#000") << "\" text-anchor=\"middle\">" << w.volume_minutes << "</text>\n";
        } else if (i == 0 || i == n - 1 || w.volume_minutes != v.weeks[static_cast<std::size_t>(i - 1)].volume_minutes) {
            // Narrow bars (long plans): the number upright above the bar, with a white halo
            // over the lines, and only where the minutes change, so the numbers stay legible.
            const int tx = cx + 4, ty = yy - 4;
            out << "<text x=\"" << tx << "\" y=\"" << ty << "\" font-size=\"12\" font-weight=\"bold\" fill=\"#000\" stroke=\"#fff\" "
                << "stroke-width=\"3\" paint-order=\"stroke\" transform=\"rotate(-90 " << tx << " " << ty << ")\">" << w.volume_minutes
                << "</text>\n";
        }
        if (i % every == 0 || i == n - 1)
            out << "<text x=\"" << cx << "\" y=\"" << top + plot_h + 22 << "\" font-size=\"15\" text-anchor=\"middle\">" << w.number
                << "</text>\n";
    }
    out << "</g>\n<line x1=\"" << left << "\" y1=\"" << top + plot_h << "\" x2=\"" << left + plot_w << "\" y2=\"" << top + plot_h
        << "\" stroke=\"#000\" stroke-width=\"2\"/>\n<line x1=\"" << left << "\" y1=\"" << top << "\" x2=\"" << left << "\" y2=\""
        << top + plot_h << "\" stroke=\"#000\" stroke-width=\"2\"/>\n<text x=\"" << left + plot_w / 2 << "\" y=\"" << height - 8
        << "\" font-size=\"16\" text-anchor=\"middle\">" << esc(v.chart_week) << "</text>\n</svg>\n<figcaption>"
        << text(v.chart_caption) << "</figcaption>\n</figure>\n</section>\n";
}

// A week whose sessions name exercises: a wider "what to do" column for their names.
bool names_exercises(const WeekView& w) {
    for (const DayView& d : w.days)
        for (const SessionView& s : d.sessions)
            if (!s.exercise_names.empty()) return true;
    return false;
}

// Rows a week takes, for the denser layout of crowded weeks.
int week_lines(const WeekView& w) {
    int lines = 0;
    for (const DayView& d : w.days) {
        lines += std::max<int>(1, static_cast<int>(d.sessions.size()));
        for (const SessionView& s : d.sessions)
            lines += (s.window.empty() ? 0 : 1) + (s.step.empty() ? 0 : 1) + (s.supervised.empty() ? 0 : 1) + (s.bouts.empty() ? 0 : 1) + (s.hiit_short.empty() ? 0 : 1) + (s.own_note ? 1 : 0) +
                     static_cast<int>((utf8_length(s.exercise_names) + 59) / 60);  // about 60 characters a line in that column
    }
    return lines;
}

void week(std::ostream& out, const PlanView& v, const WeekView& w, const std::string& done) {
    const std::string id = "week-" + num(w.number);
    out << "<section class=\"week" << (week_lines(w) > 18 ? " compact" : "") << "\" id=\"" << id << "\" aria-labelledby=\"" << id
        << "-h\">\n<h2 id=\"" << id << "-h\">" << text(w.heading) << ": <span class=\"dates\">" << text(w.dates) << "</span></h2>\n"
        << "<table class=\"days" << (names_exercises(w) ? " named" : "") << "\">\n<thead><tr><th class=\"col-day\" scope=\"col\">" << text(v.columns[0])
        << "</th><th class=\"col-session\" scope=\"col\">" << text(v.columns[1]) << "</th><th class=\"col-minutes\" scope=\"col\">"
        << text(v.columns[2]) << "</th><th class=\"col-target\" scope=\"col\">" << text(v.columns[3])
        << "</th><th class=\"col-done\" scope=\"col\">" << text(done) << "</th></tr></thead>\n";
    for (const DayView& d : w.days) {
        if (d.sessions.empty()) {
            out << "<tbody class=\"rest\"><tr><th scope=\"row\">" << text(d.label) << "</th><td colspan=\"4\">"
                << text(d.treatment.empty() ? v.rest_day : d.treatment) << "</td></tr></tbody>\n";
            continue;
        }
        out << "<tbody class=\"day\">";
        bool first = true;
        for (const SessionView& s : d.sessions) {
            out << "<tr>";
            if (first)
                out << "<th scope=\"rowgroup\"" << (d.sessions.size() > 1 ? " rowspan=\"" + std::to_string(d.sessions.size()) + "\"" : "")
                    << ">" << text(d.label) << "</th>";
            first = false;
            out << "<td><span class=\"title\">" << text(s.title) << "</span>";
            if (!s.step.empty()) out << "<span class=\"extra\">" << text(s.step) << "</span>";
            if (!s.supervised.empty()) out << "<span class=\"extra\">" << text(s.supervised) << "</span>";
            if (!s.bouts.empty()) out << "<span class=\"extra\">" << text(s.bouts) << "</span>";
            if (!s.hiit_short.empty()) out << "<span class=\"extra\">" << text(s.hiit_short) << "</span>";
            if (s.own_note) out << "<span class=\"extra\">" << text_lines(s.note) << "</span>";
            if (!s.exercise_names.empty()) out << "<span class=\"extra exercise-names\">" << text(s.exercise_names) << "</span>";
            if (!s.window.empty()) out << "<span class=\"extra window\">&#9733; " << text(s.window) << "</span>";
            out << "</td><td class=\"minutes\">" << text(s.minutes) << "</td><td>" << text(s.target.empty() ? s.intensity_class : s.target)
                << "</td><td class=\"done\"><span class=\"box\"></span></td></tr>";
        }
        out << "</tbody>\n";
    }
    out << "</table>\n<p class=\"week-total\">" << text(w.total) << "</p>\n";
    // The rest days' offer once under the table, as in text: inside the rows it either
    // spans the columns (read back as text, the next rows' columns then merge) or wraps
    // in the session column and pushes the week past its page.
    std::vector<std::string> notes;
    for (const DayView& d : w.days)
        if (d.sessions.empty() && !d.rest_note.empty() && std::find(notes.begin(), notes.end(), d.rest_note) == notes.end())
            notes.push_back(d.rest_note);
    for (const std::string& note : notes) out << "<p class=\"rest-note\">" << text(note) << "</p>\n";
    if (!w.steps.empty()) out << "<p class=\"week-steps\">" << text(w.steps) << "</p>\n";
    out << "</section>\n";
}

void exercises(std::ostream& out, const PlanView& v) {
    if (v.exercises.empty()) return;
    out << "<section class=\"exercises\">\n<h2>" << text(v.exercises_title) << "</h2>\n";
    for (const ExerciseView& e : v.exercises) {
        out << "<div class=\"exercise\">\n<h3>" << text(e.title) << "</h3>\n<ol>\n";
        for (const auto& s : e.steps) out << "<li>" << text(s) << "</li>\n";
        out << "</ol>\n";
        if (!e.hiit.empty()) out << "<p>" << text(e.hiit) << "</p>\n";
        if (!e.note.empty()) out << "<p>" << text_lines(e.note) << "</p>\n";
        out << "</div>\n";
    }
    out << "</section>\n";
}

// One exercise: the picture beside what to do, how much and what to take care of. The
// picture is the library's own SVG (no scripts, no ids), inline so the page stays
// self-contained.
void card(std::ostream& out, const PlanView& v, const ExerciseCardView& c) {
    // The picture left, what to do and how much right, what to take care of under both.
    out << "<article class=\"card\">\n<div class=\"card-side\">" << c.svg;
    out << "</div>\n<div class=\"card-body\">\n<h3>" << text(c.name);
    if (!c.level.empty()) out << " <span class=\"level\">(" << text(c.level) << ")</span>";
    out << "</h3>\n";
    if (!c.instructions.empty()) {
        out << "<ol class=\"card-steps\" aria-label=\"" << esc(v.card_what) << "\">";
        for (const auto& line : c.instructions) out << "<li>" << text(line) << "</li>";
        out << "</ol>\n";
    }
    if (!c.task.empty()) out << "<p class=\"card-task\">" << text(c.task) << "</p>\n";
    out << "<p class=\"card-dose\"><strong>" << text(v.card_dose) << ":</strong>";
    // The first dose in bold beside the label, the changes after it in one run of text, so
    // that a session's cards fit one A4 page.
    for (std::size_t i = 0; i < c.doses.size(); ++i)
        out << (i > 0 ? "; <span class=\"dose-line\">" : " <span class=\"dose-first\">") << text(c.doses[i]) << "</span>";
    out << "</p>\n";
    if (!c.video.empty()) out << "<p class=\"card-video\"><a href=\"" << esc(c.video_url) << "\">" << text(c.video) << "</a></p>\n";
    out << "</div>\n";
    if (!c.precautions.empty())
        out << "<p class=\"card-care\"><strong>" << text(v.card_care) << ":</strong> " << text(join(c.precautions, " ")) << "</p>\n";
    out << "</article>\n";
}

// A page of cards per kind of session that names exercises: what to do on those days.
void cards(std::ostream& out, const PlanView& v) {
    for (const ExerciseView& e : v.exercises) {
        if (e.cards.empty()) continue;
        out << "<section class=\"cards\" data-type=\"" << to_string(e.type) << "\">\n<h2>" << text(e.cards_title);
        if (std::any_of(e.cards.begin(), e.cards.end(), [](const ExerciseCardView& c) { return !c.svg.empty(); }))
            out << " <span class=\"cards-caption\">" << text(v.card_picture) << "</span>";
        out << "</h2>\n";
        for (const ExerciseCardView& c : e.cards) card(out, v, c);
        out << "</section>\n";
    }
}

void measures_and_why(std::ostream& out, const PlanView& v) {
    if (!v.measures.empty()) {
        out << "<section class=\"measures\">\n<h2>" << text(v.measures_title) << "</h2>\n<ul>\n";
        for (const auto& m : v.measures) out << "<li><strong>" << text(m.date_label) << "</strong>: " << text(m.name) << "</li>\n";
        out << "</ul>\n</section>\n";
    }
    out << "<section class=\"why\">\n<h2>" << text(v.why_title) << "</h2>\n";
    for (const auto& w : v.why) out << "<p>" << text(w) << "</p>\n";
    out << "</section>\n";
}

void review(std::ostream& out, const PlanView& v) {
    if (v.findings.empty() && v.notes.empty()) return;
    out << "<section class=\"review\">\n<h2>" << text(v.review_title) << "</h2>\n";
    if (!v.clearance.empty()) out << "<p class=\"clearance\">" << text(v.clearance) << "</p>\n";
    std::istringstream lines(v.notes);
    lines.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    for (std::string line; std::getline(lines, line);)
        if (!line.empty()) out << "<p>" << text(line) << "</p>\n";
    if (!v.findings.empty()) findings_html(out, v.review_summary, v.findings);
    out << "</section>\n";
}

}  // namespace

void findings_html(std::ostream& out, const std::string& summary, const std::vector<FindingView>& findings) {
    out << "<p><strong>" << text(summary) << "</strong></p>\n<ol class=\"findings\">\n";
    for (const FindingView& f : findings) {
        out << "<li class=\"finding severity-" << to_string(f.severity) << "\"><strong>" << text(f.severity_label)
            << "</strong> <span class=\"rule\">" << text(f.rule) << "</span>";
        if (!f.where.empty()) out << " <span class=\"where\">" << text(f.where) << "</span>";
        out << ": " << text(f.message);
        if (!f.citations.empty()) {
            out << "\n<ul class=\"citations\">\n";
            for (const auto& c : f.citations) out << "<li>" << text(c) << "</li>\n";
            out << "</ul>\n";
        }
        out << "</li>\n";
    }
    out << "</ol>\n";
}

std::string render_html(const PlanView& v) {
    std::ostringstream out;
    out.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    out.imbue(std::locale::classic());  // numbers without a host locale's digit grouping
    out << "<!DOCTYPE html>\n<html lang=\"" << esc(v.lang) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << esc(v.title) << "</title>\n<style>"
        << css << "@media print { .stop-space { height: " << stop_space_mm(v) << "mm; } }\n</style>\n</head>\n<body>\n";
    stop_box(out, v);
    // The content sits in a one-cell table whose footer, an empty row as tall as the stop
    // box, is repeated by the browser at the bottom of every printed page.
    out << "<table class=\"layout\" role=\"presentation\">\n<tbody><tr><td>\n<div class=\"content\" role=\"main\">\n";
    // A paused plan says so above everything else on the first page.
    if (!v.paused.empty()) out << "<p class=\"paused\" role=\"alert\">" << text(v.paused) << "</p>\n";
    for (const auto& a : v.alerts) out << "<p class=\"alert\" role=\"alert\">" << text(a) << "</p>\n";
    summary(out, v);
    stop_list(out, v);
    zone(out, v);
    falls(out, v);
    chart(out, v);
    const std::string done = tr(v.lang, "print.col.done");
    for (const WeekView& w : v.weeks) week(out, v, w, done);
    exercises(out, v);
    cards(out, v);
    measures_and_why(out, v);
    review(out, v);
    out << "</div>\n</td></tr></tbody>\n<tfoot><tr><td><div class=\"stop-space\"></div></td></tr></tfoot>\n</table>\n</body>\n</html>\n";
    return out.str();
}

}  // namespace rehabplan::detail
