// The progress report as one self-contained HTML5 page for A4: inline CSS and inline SVG
// charts, no scripts, nothing loaded from anywhere, black on white. The charts tell
// their series apart by shape, line pattern and label, never by colour alone, and each
// carries a title and a text alternative with every week's values.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <locale>
#include <sstream>

#include "render/progress_view.hpp"
#include "render/renderers.hpp"

namespace rehabplan::detail {

namespace {

constexpr const char* css = R"css(
@page { size: A4; margin: 12mm 14mm 12mm 14mm; }
*, *::before, *::after { box-sizing: border-box; }
html { color: #000; background: #fff; font-family: Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif;
       line-height: 1.4; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; overflow-wrap: break-word; }
h1 { font-size: 2em; line-height: 1.15; margin: 0 0 .4em; }
h2 { font-size: 1.4em; line-height: 1.2; margin: 1.1em 0 .4em; break-after: avoid; page-break-after: avoid; }
p { margin: .4em 0; }
p, li { orphans: 3; widows: 3; }
ul, ol { margin: .3em 0; padding-left: 1.4em; }
.nb { white-space: nowrap; }
.summary p { margin: .15em 0; font-size: 1.1em; }
.next { border: 4px solid #000; padding: .3em 1em .6em; margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
.next h2 { margin: .3em 0 .1em; font-size: 1.2em; }
.next .next-decision { font-size: 2.6em; font-weight: bold; text-transform: uppercase; letter-spacing: .04em; line-height: 1.1; margin: .1em 0 .2em; }
.next .next-reason { font-size: 1.15em; }
.next-stop_and_refer { border-width: 8px; }
.stop-signal { border-left: 6px solid #000; padding: .2em 0 .2em .7em; font-weight: bold; font-size: 1.1em; }
.chart { break-inside: avoid; page-break-inside: avoid; margin: 0 0 .8em; }
.chart h2 { margin-top: .8em; }
figure { margin: 0; }
svg.chart-svg { display: block; width: 100%; height: auto; }
svg text { font-family: inherit; }
figcaption { margin-top: .2em; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; vertical-align: top; padding: .2em .25em; line-height: 1.25; }
thead th { border-bottom: 2px solid #000; font-size: .9em; vertical-align: bottom; }
table.weeks { border-bottom: 2px solid #000; font-size: .92em; }
table.weeks thead th { font-size: .9em; }
table.weeks tbody { border-top: 1px solid #000; break-inside: avoid; page-break-inside: avoid; }
table.weeks tbody th .week-name { white-space: nowrap; }
table.weeks tr.why .why-text { width: 0; min-width: 100%; overflow-wrap: anywhere; }
table.weeks .dates, table.weeks .running { display: block; font-weight: normal; font-size: .85em; }
table.weeks .dates { white-space: nowrap; }
table.weeks td.num, table.load td.num { text-align: right; }
table.weeks th.num, table.load th.num { text-align: right; }
table.weeks tr.why td { padding-top: 0; padding-bottom: .45em; }
table.weeks tr.why p { margin: 0; }
table.weeks tr.why ul { margin: .1em 0 0; }
.decision { font-weight: bold; }
.decision-stop_and_refer { display: inline-block; border: 2px solid #000; padding: 0 .2em; }
.rule { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .85em; }
.legend { font-size: .95em; }
table.load { width: auto; min-width: 60%; }
table.load tbody tr { border-top: 1px dotted #000; }
table.load, .exposure { break-inside: avoid; page-break-inside: avoid; }
.finding { margin: .6em 0; break-inside: avoid; page-break-inside: avoid; }
.finding .citations { margin-top: .2em; }
@media print {
  html { font-size: 12.5pt; }
}
@media screen {
  html { font-size: 18px; }
  body { max-width: 50em; margin: 1em auto; padding: 0 1em; }
}
)css";

std::string num(std::int64_t v) { return std::to_string(v); }

// An SVG coordinate with at most one decimal, without the host's locale.
std::string c(double v) {
    const long long tenths = std::llround(std::clamp(v, -1e9, 1e9) * 10.0);
    const long long whole = tenths / 10, rest = tenths % 10;
    if (rest == 0) return num(whole);
    return (tenths < 0 && whole == 0 ? "-" : "") + num(whole) + "." + num(rest < 0 ? -rest : rest);
}

// The charts share one frame: a 680-unit wide viewBox (at the 182 mm print width one
// unit is about 0.27 mm, so a font size of 16 prints at 12 pt), the weeks along x.
// Whatever the number of weeks or the size of the values, everything stays inside it.
struct Frame {
    static constexpr int width = 680, right = 16, top = 44, bottom = 56;
    int left = 64;                          // wider for long numbers on the y axis (fit_left)
    int height = 260;
    int weeks = 1;
    double plot_w() const { return width - left - right; }
    double plot_h() const { return height - top - bottom; }
    double slot() const { return plot_w() / weeks; }
    double x(int i) const { return left + slot() * (i + 0.5); }   // the middle of week i's slot
    double base() const { return top + plot_h(); }
    // Room left of the plot for the y axis title and tick values of `digits` characters.
    void fit_left(std::size_t digits) { left = std::max(64, 34 + 9 * static_cast<int>(digits)); }
    int every() const { return std::max(1, static_cast<int>(std::ceil(28.0 / slot()))); }  // week numbers that fit
};

// A round step for at most 5 ticks up to `highest` (>= 1): 1, 2, 5, 10, 20, 50, ...
std::int64_t tick_step(std::int64_t highest) {
    for (std::int64_t mag = 1;; mag *= 10)
        for (std::int64_t m : {1, 2, 5})
            if ((highest + m * mag - 1) / (m * mag) <= 5) return m * mag;
}

void open_chart(std::ostream& out, const Frame& f, const std::string& id, const std::string& title, const std::vector<std::string>& desc) {
    out << "<figure class=\"chart\" id=\"" << id << "\">\n<h2 id=\"" << id << "-h\">" << text(title) << "</h2>\n"
        << "<svg class=\"chart-svg\" viewBox=\"0 0 " << Frame::width << " " << f.height << "\" role=\"img\" aria-labelledby=\"" << id
        << "-title " << id << "-desc\">\n<title id=\"" << id << "-title\">" << esc(title) << "</title>\n<desc id=\"" << id << "-desc\">"
        << esc(join(desc, " ")) << "</desc>\n";
}

// Axes, horizontal grid lines with their values, week numbers, the axis labels.
void axes(std::ostream& out, const Frame& f, const std::vector<std::pair<double, std::string>>& ticks, const std::string& y_label,
          const std::string& x_label, const std::vector<int>& week_numbers) {
    out << "<g class=\"grid\">\n";
    for (const auto& [y, label] : ticks) {
        out << "<line x1=\"" << f.left << "\" y1=\"" << c(y) << "\" x2=\"" << Frame::width - Frame::right << "\" y2=\"" << c(y)
            << "\" stroke=\"#999\" stroke-width=\"1\"/>\n<text x=\"" << f.left - 8 << "\" y=\"" << c(y + 5)
            << "\" font-size=\"15\" text-anchor=\"end\">" << esc(label) << "</text>\n";
    }
    const int n = static_cast<int>(week_numbers.size());
    for (int i = 0; i < n; ++i)
        if (i % f.every() == 0 || i == n - 1)
            out << "<text x=\"" << c(f.x(i)) << "\" y=\"" << c(f.base() + 22) << "\" font-size=\"15\" text-anchor=\"middle\">"
                << week_numbers[static_cast<std::size_t>(i)] << "</text>\n";
    out << "</g>\n<line x1=\"" << f.left << "\" y1=\"" << c(f.base()) << "\" x2=\"" << Frame::width - Frame::right << "\" y2=\""
        << c(f.base()) << "\" stroke=\"#000\" stroke-width=\"2\"/>\n<line x1=\"" << f.left << "\" y1=\"" << Frame::top << "\" x2=\""
        << f.left << "\" y2=\"" << c(f.base()) << "\" stroke=\"#000\" stroke-width=\"2\"/>\n"
        << "<text x=\"" << c(f.left + f.plot_w() / 2) << "\" y=\"" << f.height - 8 << "\" font-size=\"16\" text-anchor=\"middle\">"
        << esc(x_label) << "</text>\n<text x=\"16\" y=\"" << c(f.top + f.plot_h() / 2) << "\" font-size=\"16\" text-anchor=\"middle\" "
        << "transform=\"rotate(-90 16 " << c(f.top + f.plot_h() / 2) << ")\">" << esc(y_label) << "</text>\n";
}

void close_chart(std::ostream& out, const std::string& caption) {
    out << "</svg>\n<figcaption>" << text(caption) << "</figcaption>\n</figure>\n";
}

std::vector<int> week_numbers(const ProgressView& v) {
    std::vector<int> out;
    for (const auto& w : v.weeks) out.push_back(w.number);
    return out;
}

// (1) Planned and done training minutes: a hatched and a solid bar per week.
void minutes_chart(std::ostream& out, const ProgressView& v) {
    Frame f;
    f.weeks = static_cast<int>(v.weeks.size());
    std::int64_t highest = 1;
    for (const auto& w : v.weeks) highest = std::max<std::int64_t>({highest, w.week->planned_minutes, w.week->done_minutes});
    const std::int64_t step = tick_step(highest + highest / 8);  // room for the numbers above the bars
    const std::int64_t ticks = (highest + highest / 8 + step - 1) / step, ymax = ticks * step;
    f.fit_left(num(ymax).size());
    auto y = [&](std::int64_t value) {
        return f.base() - static_cast<double>(std::clamp<std::int64_t>(value, 0, ymax)) * f.plot_h() / static_cast<double>(ymax);
    };
    open_chart(out, f, "chart-minutes", v.minutes_title, v.minutes_desc);
    out << "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
        << "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"2\"/>"
        << "</pattern></defs>\n";
    std::vector<std::pair<double, std::string>> grid;
    for (std::int64_t i = 0; i <= ticks; ++i) grid.emplace_back(y(i * step), num(i * step));
    axes(out, f, grid, v.minutes_axis, v.chart_week, week_numbers(v));
    // Legend above the plot.
    out << "<g class=\"legend\">\n<rect x=\"" << f.left << "\" y=\"10\" width=\"26\" height=\"18\" fill=\"url(#hatch)\" stroke=\"#000\" "
        << "stroke-width=\"1.5\"/>\n<text x=\"" << f.left + 34 << "\" y=\"25\" font-size=\"16\">" << esc(v.minutes_planned)
        << "</text>\n<rect x=\"" << f.left + 200 << "\" y=\"10\" width=\"26\" height=\"18\" fill=\"#000\"/>\n<text x=\""
        << f.left + 234 << "\" y=\"25\" font-size=\"16\">" << esc(v.minutes_done) << "</text>\n</g>\n<g class=\"bars\">\n";
    const double bar = std::clamp(f.slot() * 0.38, 0.5, 56.0);
    const bool numbers = f.slot() >= 70;
    for (std::size_t i = 0; i < v.weeks.size(); ++i) {
        const ProgressWeekView& w = v.weeks[i];
        const double cx = f.x(static_cast<int>(i));
        const double yp = y(w.week->planned_minutes), yd = y(w.week->done_minutes);
        out << "<g class=\"week-bars\">";
        out << "<rect class=\"bar planned\" x=\"" << c(cx - bar) << "\" y=\"" << c(yp) << "\" width=\"" << c(bar) << "\" height=\""
            << c(f.base() - yp) << "\" fill=\"url(#hatch)\" stroke=\"#000\" stroke-width=\"1\"><title>" << esc(w.heading) << ": "
            << esc(v.minutes_planned) << " " << w.week->planned_minutes << "</title></rect>";
        out << "<rect class=\"bar done\" x=\"" << c(cx) << "\" y=\"" << c(yd) << "\" width=\"" << c(bar) << "\" height=\""
            << c(f.base() - yd) << "\" fill=\"#000\"><title>" << esc(w.heading) << ": " << esc(v.minutes_done) << " "
            << w.week->done_minutes << "</title></rect>";
        if (numbers)
            out << "<text x=\"" << c(cx - bar / 2) << "\" y=\"" << c(yp - 5) << "\" font-size=\"14\" text-anchor=\"middle\">"
                << w.week->planned_minutes << "</text><text x=\"" << c(cx + bar / 2) << "\" y=\"" << c(yd - 5)
                << "\" font-size=\"14\" font-weight=\"bold\" text-anchor=\"middle\">" << w.week->done_minutes << "</text>";
        out << "</g>\n";
    }
    out << "</g>\n";
    close_chart(out, v.minutes_caption);
}

// Marker shapes, told apart without colour.
enum class Marker { circle, square, triangle, diamond };

void marker(std::ostream& out, Marker m, double x, double y, const std::string& title) {
    const std::string t = title.empty() ? "" : "<title>" + esc(title) + "</title>";
    switch (m) {
        case Marker::circle:
            out << "<circle class=\"point\" cx=\"" << c(x) << "\" cy=\"" << c(y) << "\" r=\"5\" fill=\"#000\">" << t << "</circle>";
            break;
        case Marker::square:
            out << "<rect class=\"point\" x=\"" << c(x - 5) << "\" y=\"" << c(y - 5) << "\" width=\"10\" height=\"10\" fill=\"#fff\" "
                << "stroke=\"#000\" stroke-width=\"2\">" << t << "</rect>";
            break;
        case Marker::triangle:
            out << "<path class=\"point\" d=\"M" << c(x) << " " << c(y - 6) << "L" << c(x + 6) << " " << c(y + 5) << "L" << c(x - 6) << " "
                << c(y + 5) << "Z\" fill=\"#000\">" << t << "</path>";
            break;
        case Marker::diamond:
            out << "<path class=\"point\" d=\"M" << c(x) << " " << c(y - 6) << "L" << c(x + 6) << " " << c(y) << "L" << c(x) << " "
                << c(y + 6) << "L" << c(x - 6) << " " << c(y) << "Z\" fill=\"#000\">" << t << "</path>";
            break;
    }
}

struct Series {
    Marker shape;
    const char* dash;                       // stroke-dasharray; "" = solid
    std::string name;
    std::vector<std::optional<double>> values;
};

// One series: lines between the weeks that have a value, a marker on each value.
void series(std::ostream& out, const Frame& f, const Series& s, double dx, const std::function<double(double)>& y,
            const std::vector<std::string>& headings, const std::string& lang) {
    out << "<g class=\"series\">\n";
    for (std::size_t i = 0; i + 1 < s.values.size(); ++i)
        if (s.values[i] && s.values[i + 1])
            out << "<line x1=\"" << c(f.x(static_cast<int>(i)) + dx) << "\" y1=\"" << c(y(*s.values[i])) << "\" x2=\""
                << c(f.x(static_cast<int>(i + 1)) + dx) << "\" y2=\"" << c(y(*s.values[i + 1])) << "\" stroke=\"#000\" stroke-width=\"2\""
                << (*s.dash ? std::string(" stroke-dasharray=\"") + s.dash + "\"" : "") << "/>\n";
    for (std::size_t i = 0; i < s.values.size(); ++i)
        if (s.values[i]) {
            marker(out, s.shape, f.x(static_cast<int>(i)) + dx, y(*s.values[i]),
                   headings[i] + ": " + (s.name.empty() ? "" : s.name + " ") + decimal(*s.values[i], std::floor(*s.values[i]) == *s.values[i] ? 0 : 1, lang));
            out << "\n";
        }
    out << "</g>\n";
}

// A legend entry: a short line in the series' pattern with its marker, then the name.
void legend_entry(std::ostream& out, const Series& s, int x) {
    out << "<line x1=\"" << x << "\" y1=\"19\" x2=\"" << x + 30 << "\" y2=\"19\" stroke=\"#000\" stroke-width=\"2\""
        << (*s.dash ? std::string(" stroke-dasharray=\"") + s.dash + "\"" : "") << "/>";
    marker(out, s.shape, x + 15, 19, "");
    out << "<text x=\"" << x + 38 << "\" y=\"25\" font-size=\"16\">" << esc(s.name) << "</text>\n";
}

std::vector<std::string> headings(const ProgressView& v) {
    std::vector<std::string> out;
    for (const auto& w : v.weeks) out.push_back(w.heading);
    return out;
}

std::optional<double> finite(const std::optional<double>& v) { return v && std::isfinite(*v) ? v : std::nullopt; }
std::optional<double> as_double(const std::optional<int>& v) { return v ? std::optional<double>(*v) : std::nullopt; }

// (2) Mean RPE on the Borg 6-20 scale, with the rule's upper limit as a dashed line.
void rpe_chart(std::ostream& out, const ProgressView& v) {
    Frame f;
    f.weeks = static_cast<int>(v.weeks.size());
    auto y = [&](double value) { return f.base() - (std::clamp(value, 6.0, 20.0) - 6.0) * f.plot_h() / 14.0; };
    open_chart(out, f, "chart-rpe", v.rpe_title, v.rpe_desc);
    std::vector<std::pair<double, std::string>> grid;
    for (int t = 6; t <= 20; t += 2) grid.emplace_back(y(t), num(t));
    axes(out, f, grid, v.rpe_axis, v.chart_week, week_numbers(v));
    if (v.rpe_limit) {
        const double yl = y(*v.rpe_limit);
        out << "<g class=\"limit\">\n<line x1=\"" << f.left << "\" y1=\"" << c(yl) << "\" x2=\"" << Frame::width - Frame::right
            << "\" y2=\"" << c(yl) << "\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"10 6\"/>\n"
            << "<line x1=\"" << f.left << "\" y1=\"19\" x2=\"" << f.left + 30 << "\" y2=\"19\" stroke=\"#000\" stroke-width=\"2\" "
            << "stroke-dasharray=\"10 6\"/><text x=\"" << f.left + 38 << "\" y=\"25\" font-size=\"16\">" << esc(v.rpe_limit_label)
            << "</text>\n</g>\n";
    }
    Series s{Marker::circle, "", "", {}};
    for (const auto& w : v.weeks) s.values.push_back(finite(w.week->mean_rpe));
    series(out, f, s, 0, y, headings(v), v.lang);
    if (f.slot() >= 34)
        for (std::size_t i = 0; i < s.values.size(); ++i)
            if (s.values[i]) {
                // The value above its dot, or below it where the limit line would cross it.
                const double ym = y(*s.values[i]);
                const bool below = (v.rpe_limit && std::abs(ym - 14 - y(*v.rpe_limit)) < 12) || ym - 24 < Frame::top;
                out << "<text x=\"" << c(f.x(static_cast<int>(i))) << "\" y=\"" << c(below ? ym + 22 : ym - 10) << "\" font-size=\"14\" "
                    << "text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">" << esc(v.weeks[i].rpe) << "</text>\n";
            }
    close_chart(out, v.rpe_caption);
}

// (3) The week's highest pain, dizziness and headache rating on 0-10.
void symptoms_chart(std::ostream& out, const ProgressView& v) {
    Frame f;
    f.weeks = static_cast<int>(v.weeks.size());
    auto y = [&](double value) { return f.base() - std::clamp(value, 0.0, 10.0) * f.plot_h() / 10.0; };
    open_chart(out, f, "chart-symptoms", v.symptoms_title, v.symptoms_desc);
    std::vector<std::pair<double, std::string>> grid;
    for (int t = 0; t <= 10; t += 2) grid.emplace_back(y(t), num(t));
    axes(out, f, grid, v.symptoms_axis, v.chart_week, week_numbers(v));
    Series all[3] = {{Marker::circle, "", v.symptom_names[0], {}},
                     {Marker::square, "7 4", v.symptom_names[1], {}},
                     {Marker::triangle, "2 4", v.symptom_names[2], {}}};
    for (const auto& w : v.weeks) {
        all[0].values.push_back(as_double(w.week->worst.pain));
        all[1].values.push_back(as_double(w.week->worst.dizziness));
        all[2].values.push_back(as_double(w.week->worst.headache));
    }
    out << "<g class=\"legend\">\n";
    for (int i = 0; i < 3; ++i) legend_entry(out, all[i], f.left + 200 * i);
    out << "</g>\n";
    // Side by side within the week, so equal ratings do not hide each other.
    const double dx = std::min(7.0, f.slot() / 5);
    for (int i = 0; i < 3; ++i) series(out, f, all[i], dx * (i - 1), y, headings(v), v.lang);
    close_chart(out, v.symptoms_caption);
}

// (4) Only after a concussion: the SCAT symptom severity score (0-132), on its own scale.
void score_chart(std::ostream& out, const ProgressView& v) {
    Frame f;
    f.height = 220;
    f.weeks = static_cast<int>(v.weeks.size());
    std::int64_t highest = 10;
    for (const auto& w : v.weeks) highest = std::max<std::int64_t>(highest, w.week->worst.concussion_score.value_or(0));
    const std::int64_t step = tick_step(highest), ticks = (highest + step - 1) / step, ymax = ticks * step;
    f.fit_left(num(ymax).size());
    auto y = [&](double value) { return f.base() - std::clamp(value, 0.0, static_cast<double>(ymax)) * f.plot_h() / static_cast<double>(ymax); };
    open_chart(out, f, "chart-score", v.score_title, v.score_desc);
    std::vector<std::pair<double, std::string>> grid;
    for (std::int64_t i = 0; i <= ticks; ++i) grid.emplace_back(y(static_cast<double>(i * step)), num(i * step));
    axes(out, f, grid, v.score_axis, v.chart_week, week_numbers(v));
    Series s{Marker::diamond, "", "", {}};
    for (const auto& w : v.weeks) s.values.push_back(as_double(w.week->worst.concussion_score));
    series(out, f, s, 0, y, headings(v), v.lang);
    close_chart(out, v.score_caption);
}

// (5, 6) Only with logged days: mean sleep hours (0-12, longer nights drawn at the top)
// and mean stress (0-10), each with progress.recovery's limit as a dashed line.
void limit_chart(std::ostream& out, const ProgressView& v, const char* id, const std::string& title,
                 const std::vector<std::string>& desc, const std::string& axis, int ymax, std::optional<int> limit,
                 const std::string& limit_label, Marker shape, const std::vector<std::optional<double>>& values,
                 const std::string& caption) {
    Frame f;
    f.height = 220;
    f.weeks = static_cast<int>(v.weeks.size());
    auto y = [&](double value) { return f.base() - std::clamp(value, 0.0, static_cast<double>(ymax)) * f.plot_h() / ymax; };
    open_chart(out, f, id, title, desc);
    std::vector<std::pair<double, std::string>> grid;
    for (int t = 0; t <= ymax; t += 2) grid.emplace_back(y(t), num(t));
    axes(out, f, grid, axis, v.chart_week, week_numbers(v));
    if (limit) {
        const double yl = y(*limit);
        out << "<g class=\"limit\">\n<line x1=\"" << f.left << "\" y1=\"" << c(yl) << "\" x2=\"" << Frame::width - Frame::right
            << "\" y2=\"" << c(yl) << "\" stroke=\"#000\" stroke-width=\"2\" stroke-dasharray=\"10 6\"/>\n"
            << "<line x1=\"" << f.left << "\" y1=\"19\" x2=\"" << f.left + 30 << "\" y2=\"19\" stroke=\"#000\" stroke-width=\"2\" "
            << "stroke-dasharray=\"10 6\"/><text x=\"" << f.left + 38 << "\" y=\"25\" font-size=\"16\">" << esc(limit_label)
            << "</text>\n</g>\n";
    }
    series(out, f, Series{shape, "", "", values}, 0, y, headings(v), v.lang);
    close_chart(out, caption);
}

void recovery_charts(std::ostream& out, const ProgressView& v) {
    std::vector<std::optional<double>> sleep, stress;
    for (const auto& w : v.weeks) {
        const auto& rc = w.week->recovery;
        sleep.push_back(rc ? finite(rc->mean_sleep_hours()) : std::nullopt);
        stress.push_back(rc ? finite(rc->mean_stress()) : std::nullopt);
    }
    limit_chart(out, v, "chart-sleep", v.sleep_title, v.sleep_desc, v.sleep_axis, 12, v.sleep_limit, v.sleep_limit_label,
                Marker::circle, sleep, v.sleep_caption);
    limit_chart(out, v, "chart-stress", v.stress_title, v.stress_desc, v.stress_axis, 10, v.stress_limit, v.stress_limit_label,
                Marker::square, stress, v.stress_caption);
}

void header(std::ostream& out, const ProgressView& v) {
    out << "<header class=\"summary\">\n<h1>" << text(v.title) << "</h1>\n";
    if (!v.programme.empty()) out << "<p>" << text(v.programme) << "</p>\n";
    out << "<p>" << text(v.report_date) << "</p>\n<p>" << text(v.period) << "</p>\n</header>\n";
}

void next_decision(std::ostream& out, const ProgressView& v) {
    out << "<section class=\"next next-" << to_string(v.next) << "\" aria-labelledby=\"next-h\">\n<h2 id=\"next-h\">" << text(v.next_title)
        << "</h2>\n<p class=\"next-decision\">" << text(v.next_decision) << "</p>\n";
    if (!v.next_rule.empty()) out << "<p class=\"next-rule\">" << text(v.next_rule) << "</p>\n";
    out << "<p class=\"next-from\">" << text(v.next_from) << "</p>\n<p class=\"next-reason\">" << text(v.next_reason) << "</p>\n</section>\n";
    if (!v.stop_signal.empty()) out << "<p class=\"stop-signal\">" << text(v.stop_signal) << "</p>\n";
}

void charts(std::ostream& out, const ProgressView& v) {
    out << "<section class=\"charts\">\n";
    if (v.weeks.empty()) {
        out << "<p>" << text(v.no_weeks) << "</p>\n</section>\n";
        return;
    }
    minutes_chart(out, v);
    rpe_chart(out, v);
    symptoms_chart(out, v);
    if (v.has_score) score_chart(out, v);
    if (v.has_recovery) recovery_charts(out, v);
    out << "</section>\n";
}

// "70/160" stays on one line (a slash between digits is no break opportunity); longer
// numbers than any plan has ("80000/1000000") may break after the slash, so the table
// still fits the page.
std::string breakable(const std::string& html) {
    if (html.size() <= 9) return html;
    std::string out;
    for (char ch : html) out += ch == '/' ? std::string("/<wbr>") : std::string(1, ch);
    return out;
}

void weeks(std::ostream& out, const ProgressView& v) {
    out << "<section class=\"weeks-section\" aria-labelledby=\"weeks-h\">\n<h2 id=\"weeks-h\">" << text(v.weeks_title) << "</h2>\n";
    if (v.weeks.empty()) {
        out << "<p>" << text(v.no_weeks) << "</p>\n</section>\n";
        return;
    }
    // Columns: the week with its dates, then the numbers, then the decision.
    out << "<table class=\"weeks\">\n<thead><tr><th scope=\"col\">" << text(v.columns[0]) << "</th>";
    for (int i = 2; i <= 8; ++i) out << "<th scope=\"col\" class=\"num\">" << text(v.columns[i]) << "</th>";
    out << "<th scope=\"col\">" << text(v.columns[9]) << "</th></tr></thead>\n";
    for (const ProgressWeekView& w : v.weeks) {
        out << "<tbody id=\"week-" << w.number << "\"><tr><th scope=\"rowgroup\">" << "<span class=\"week-name\">" << text(w.heading) << "</span><span class=\"dates\">"
            << text(w.dates) << "</span>";
        if (!w.complete) out << "<span class=\"running\">(" << text(v.running_short) << ")</span>";
        out << "</th>";
        for (const std::string* cell : {&w.sessions, &w.minutes, &w.adherence, &w.in_zone, &w.rpe, &w.symptoms, &w.load})
            out << "<td class=\"num\">" << breakable(text(*cell)) << "</td>";
        out << "<td class=\"decision-cell\"><span class=\"decision decision-" << to_string(w.week->decision) << "\">" << text(w.decision)
            << "</span></td></tr>\n<tr class=\"why\"><td></td><td colspan=\"8\"><div class=\"why-text\"><p>" << text(w.reason);
        if (!w.rule.empty()) out << " <span class=\"rule\">(" << text(w.rule) << ")</span>";
        out << "</p>";
        if (!w.notes.empty()) {
            out << "<ul>";
            for (const auto& note : w.notes) out << "<li>" << text(note) << "</li>";
            out << "</ul>";
        }
        out << "</div></td></tr></tbody>\n";
    }
    out << "</table>\n<p class=\"legend\">" << text(v.legend) << "</p>\n</section>\n";
}

void exposure(std::ostream& out, const ProgressView& v) {
    if (!v.exposure) return;
    out << "<section class=\"exposure\">\n<h2>" << text(v.exposure->title) << "</h2>\n";
    for (const auto& line : v.exposure->lines) out << "<p>" << text(line) << "</p>\n";
    out << "</section>\n";
}

void exercises(std::ostream& out, const ProgressView& v) {
    if (v.exercises.empty()) return;
    out << "<section class=\"exercises\">\n<h2>" << text(v.exercises_title) << "</h2>\n<ul>\n";
    for (const auto& x : v.exercises) {
        out << "<li class=\"step-" << to_string(x.step) << "\">" << text(x.line);
        if (!x.evidence.empty()) out << "<br><span class=\"evidence\">" << text(x.evidence) << "</span>";
        out << "</li>\n";
    }
    out << "</ul>\n</section>\n";
}

// Sleep and stress per week, in the load table's layout (only when days were logged).
void recovery(std::ostream& out, const ProgressView& v) {
    if (!v.has_recovery || v.weeks.empty()) return;
    out << "<section class=\"recovery-section\">\n<h2>" << text(v.recovery_title) << "</h2>\n<table class=\"load recovery\">\n<thead><tr>"
        << "<th scope=\"col\">" << text(v.recovery_columns[0]) << "</th>";
    for (int i = 1; i < 5; ++i) out << "<th scope=\"col\" class=\"num\">" << text(v.recovery_columns[i]) << "</th>";
    out << "</tr></thead>\n<tbody>\n";
    for (const ProgressWeekView& w : v.weeks) {
        out << "<tr><th scope=\"row\">" << text(w.heading) << "</th>";
        for (const std::string* cell : {&w.days_logged, &w.sleep, &w.poor, &w.stress}) out << "<td class=\"num\">" << text(*cell) << "</td>";
        out << "</tr>\n";
    }
    out << "</tbody>\n</table>\n<p>" << text(v.recovery_note) << "</p>\n</section>\n";
}

void load(std::ostream& out, const ProgressView& v) {
    out << "<section class=\"load-section\">\n<h2>" << text(v.load_title) << "</h2>\n";
    if (!v.weeks.empty()) {
        out << "<table class=\"load\">\n<thead><tr><th scope=\"col\">" << text(v.load_columns[0]) << "</th>";
        for (int i = 1; i < 6; ++i) out << "<th scope=\"col\" class=\"num\">" << text(v.load_columns[i]) << "</th>";
        out << "</tr></thead>\n<tbody>\n";
        for (const ProgressWeekView& w : v.weeks) {
            out << "<tr><th scope=\"row\">" << text(w.heading) << "</th>";
            for (const std::string* cell : {&w.load, &w.load_rated, &w.monotony, &w.strain, &w.acwr})
                out << "<td class=\"num\">" << text(*cell) << "</td>";
            out << "</tr>\n";
        }
        out << "</tbody>\n</table>\n<p>" << text(v.load_note) << "</p>\n";
    }
    out << "<p class=\"caveat\">" << text(v.load_caveat) << "</p>\n</section>\n";
}

void review(std::ostream& out, const ProgressView& v) {
    out << "<section class=\"review\">\n<h2>" << text(v.findings_title) << "</h2>\n";
    if (v.findings.empty()) {
        out << "<p>" << text(v.findings_none) << "</p>\n</section>\n";
        return;
    }
    findings_html(out, v.findings_summary, v.findings);
    out << "</section>\n";
}

}  // namespace

std::string render_progress_html(const ProgressView& v) {
    std::ostringstream out;
    out.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    out.imbue(std::locale::classic());  // numbers without a host locale's digit grouping
    out << "<!DOCTYPE html>\n<html lang=\"" << esc(v.lang) << "\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" << esc(v.title) << "</title>\n<style>" << css
        << "</style>\n</head>\n<body>\n<main>\n";
    header(out, v);
    next_decision(out, v);
    charts(out, v);
    weeks(out, v);
    recovery(out, v);
    exposure(out, v);
    exercises(out, v);
    load(out, v);
    review(out, v);
    out << "</main>\n</body>\n</html>\n";
    return out.str();
}

}  // namespace rehabplan::detail
