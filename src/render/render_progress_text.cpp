// The progress report as 80-column plain text, for the therapist's record: the decision
// for the coming weeks first, then a table of the weeks, the exposure track, the load
// and the observations.
#include <locale>
#include <sstream>

#include "core/json_reader.hpp"
#include "render/progress_view.hpp"
#include "render/renderers.hpp"

namespace rehabplan::detail {

namespace {

constexpr std::size_t width = text_width;
// The week table: right-aligned numbers under headers as wide as the column. The widest
// header of either language fits (tests/unit/render_progress_test.cpp checks 80 columns).
constexpr std::size_t week_col = 4, dates_col = 13;
constexpr std::size_t number_cols[] = {8, 9, 8, 7, 4, 8, 9};  // sessions, minutes, % done, in zone, RPE, symptoms, load
constexpr std::size_t indent = week_col + 1;                   // notes under a week start under its dates


// Letters a-z in upper case; other characters (digits, accents) as they are.
std::string upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// A table row: the cells padded to their columns. A row wider than the page (numbers no
// plan produces) is wrapped rather than cut, so nothing is lost and the page stays 80 wide.
void row(std::ostream& out, const std::vector<std::string>& cells, const std::vector<std::size_t>& widths, std::size_t left_aligned) {
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) line += ' ';
        line += i < left_aligned ? pad(cells[i], widths[i]) : rpad(cells[i], widths[i]);
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (utf8_length(line) <= width) out << line << "\n";
    else paragraph(out, line, std::string(indent, ' '));
}

// A line of '-' under a table's header, as wide as the table.
void underline(std::ostream& out, const std::vector<std::size_t>& widths) {
    std::size_t total = widths.size() - 1;  // the spaces between the columns
    for (std::size_t w : widths) total += w;
    out << std::string(total, '-') << "\n";
}

void next_decision(std::ostream& out, const ProgressView& v) {
    // The decision in a frame, in capitals: the first thing the eye meets.
    const std::string edge(width, '#');
    out << "\n" << edge << "\n";
    paragraph(out, v.next_title + ":", "##  ");
    paragraph(out, upper(v.next_decision), "##  ");
    out << edge << "\n";
    if (!v.next_rule.empty()) paragraph(out, v.next_rule);
    paragraph(out, v.next_from);
    paragraph(out, v.next_reason);
    if (!v.stop_signal.empty()) {
        out << "\n";
        paragraph(out, v.stop_signal);
    }
}

void weeks(std::ostream& out, const ProgressView& v) {
    heading(out, v.weeks_title, '=');
    if (v.weeks.empty()) {
        paragraph(out, v.no_weeks);
        return;
    }
    std::vector<std::size_t> widths = {week_col, dates_col};
    widths.insert(widths.end(), std::begin(number_cols), std::end(number_cols));
    row(out, {v.columns[0], v.columns[1], v.columns[2], v.columns[3], v.columns[4], v.columns[5], v.columns[6], v.columns[7], v.columns[8]},
        widths, 2);
    underline(out, widths);
    const std::string under(indent, ' ');
    for (const ProgressWeekView& w : v.weeks) {
        if (&w != &v.weeks.front()) out << "\n";  // a blank line between weeks
        row(out, {rpad(std::to_string(w.number) + (w.complete ? " " : "*"), week_col), w.dates, w.sessions, w.minutes, w.adherence,
                  w.in_zone, w.rpe, w.symptoms, w.load},
            widths, 2);
        paragraph(out, w.decision_line, under);
        for (const auto& note : w.notes) paragraph(out, note, under);
    }
    out << "\n";
    paragraph(out, v.legend);
    if (!v.running.empty()) paragraph(out, v.running);
}

void exposure(std::ostream& out, const ProgressView& v) {
    if (!v.exposure) return;
    heading(out, v.exposure->title, '-');
    for (const auto& line : v.exposure->lines) paragraph(out, line);
}

void exercises(std::ostream& out, const ProgressView& v) {
    if (v.exercises.empty()) return;
    heading(out, v.exercises_title, '-');
    for (const auto& x : v.exercises) {
        if (&x != &v.exercises.front()) out << "\n";
        paragraph(out, x.line);
        if (!x.evidence.empty()) paragraph(out, x.evidence, "  ");
    }
}

// Sleep and stress per week, beside the training table (only when days were logged).
void recovery(std::ostream& out, const ProgressView& v) {
    if (!v.has_recovery) return;
    heading(out, v.recovery_title, '-');
    const std::vector<std::size_t> widths = {week_col, 5, 9, 15, 6};
    row(out, {v.recovery_columns[0], v.recovery_columns[1], v.recovery_columns[2], v.recovery_columns[3], v.recovery_columns[4]},
        widths, 0);
    underline(out, widths);
    for (const ProgressWeekView& w : v.weeks)
        row(out, {std::to_string(w.number), w.days_logged, w.sleep, w.poor, w.stress}, widths, 0);
    out << "\n";
    paragraph(out, v.recovery_note);
}

void load(std::ostream& out, const ProgressView& v) {
    heading(out, v.load_title, '-');
    if (!v.weeks.empty()) {
        const std::vector<std::size_t> widths = {week_col, 9, 17, 9, 9, 5};
        row(out, {v.load_columns[0], v.load_columns[1], v.load_columns[2], v.load_columns[3], v.load_columns[4], v.load_columns[5]}, widths, 0);
        underline(out, widths);
        for (const ProgressWeekView& w : v.weeks)
            row(out, {std::to_string(w.number), w.load, w.load_rated, w.monotony, w.strain, w.acwr}, widths, 0);
        out << "\n";
        paragraph(out, v.load_note);
        out << "\n";
    }
    paragraph(out, v.load_caveat);
}

void findings(std::ostream& out, const ProgressView& v) {
    heading(out, v.findings_title, '=');
    if (v.findings.empty()) {
        paragraph(out, v.findings_none);
        return;
    }
    paragraph(out, v.findings_summary);
    for (const FindingView& f : v.findings) {
        out << "\n";
        finding_paragraph(out, f);
    }
}

}  // namespace

std::string render_progress_text(const ProgressView& v) {
    std::ostringstream out;
    out.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    out.imbue(std::locale::classic());  // numbers never grouped by a host's global locale
    out << v.title << "\n" << std::string(utf8_length(v.title), '=') << "\n";
    if (!v.programme.empty()) paragraph(out, v.programme);
    paragraph(out, v.report_date);
    paragraph(out, v.period);
    next_decision(out, v);
    weeks(out, v);
    recovery(out, v);
    exposure(out, v);
    exercises(out, v);
    load(out, v);
    findings(out, v);
    return out.str();
}

}  // namespace rehabplan::detail
