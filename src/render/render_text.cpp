// The plan as 80-column plain text: fits A4 in a monospaced font, pastes into any
// record system, reads aloud with a screen reader.
#include <algorithm>
#include <locale>
#include <sstream>

#include "core/json_reader.hpp"
#include "render/renderers.hpp"

namespace rehabplan::detail {

namespace {

constexpr std::size_t width = text_width;
constexpr std::size_t day_col = 12, title_col = 42, minutes_col = 7;  // then a space and the target (18)

}  // namespace

// pad(), rpad() and wrap() are shared with the progress report (renderers.hpp).
std::string pad(std::string s, std::size_t w) {
    // By characters, not bytes, so Dutch text with accents lines up.
    if (const std::size_t chars = utf8_length(s); chars < w) s.append(w - chars, ' ');
    return s;
}

std::string rpad(const std::string& s, std::size_t w) {
    const std::size_t chars = utf8_length(s);
    return chars < w ? std::string(w - chars, ' ') + s : s;
}

// Greedy word wrap to `w` characters.
std::vector<std::string> wrap(const std::string& text, std::size_t w) {
    std::vector<std::string> lines;
    std::istringstream paragraphs(text);
    paragraphs.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    for (std::string para; std::getline(paragraphs, para);) {
        std::istringstream words(para);
        words.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
        std::string line;
        for (std::string word; words >> word;) {
            if (!line.empty() && utf8_length(line) + 1 + utf8_length(word) > w) {
                lines.push_back(line);
                line.clear();
            }
            // A word longer than a line (a URL, a path) is cut at the line's width.
            while (line.empty() && utf8_length(word) > w) {
                const std::string head = utf8_prefix(word, w);
                lines.push_back(head);
                word.erase(0, head.size());
            }
            line += (line.empty() ? "" : " ") + word;
        }
        if (!line.empty()) lines.push_back(line);
    }
    return lines;
}

void paragraph(std::ostream& out, const std::string& text, const std::string& indent, const std::string& first) {
    bool initial = true;
    // Wrapped to the wider of the two prefixes, so the first line fits as well as the rest.
    const std::size_t prefix = std::max(utf8_length(indent), first.empty() ? 0 : utf8_length(first));
    for (const auto& l : wrap(text, text_width - std::min<std::size_t>(prefix, text_width / 2))) {
        out << (initial && !first.empty() ? first : indent) << l << "\n";
        initial = false;
    }
}

void heading(std::ostream& out, const std::string& text, char rule) {
    out << "\n";
    std::size_t longest = 0;
    for (const auto& l : wrap(text, text_width)) {
        out << l << "\n";
        longest = std::max(longest, utf8_length(l));
    }
    out << std::string(longest, rule) << "\n";
}

void finding_paragraph(std::ostream& out, const FindingView& f) {
    paragraph(out, f.severity_label + " [" + f.rule + "]" + (f.where.empty() ? "" : " " + f.where) + ": " + f.message, "    ", "  ");
}

namespace {


void stop_box(std::ostream& out, const PlanView& v) {
    const std::string edge(width, '*');
    out << "\n" << edge << "\n";
    for (const StopGroupView& g : v.stop_groups) {
        paragraph(out, g.heading, "* ");
        for (const auto& s : g.signals) paragraph(out, s, "*     ", "*   - ");
    }
    out << edge << "\n";
}

// An exercise card without the picture: name and level, what to do, how much, take care.
void card(std::ostream& out, const PlanView& v, const ExerciseCardView& c) {
    out << "\n";
    paragraph(out, c.level.empty() ? c.name : c.name + " (" + c.level + ")", "    ", "  * ");
    for (std::size_t i = 0; i < c.instructions.size(); ++i)
        paragraph(out, c.instructions[i], "       ", "    " + std::to_string(i + 1) + ". ");
    if (!c.task.empty()) paragraph(out, c.task, "    ");
    if (c.doses.size() == 1) {
        paragraph(out, v.card_dose + ": " + c.doses.front(), "      ", "    ");
    } else {
        paragraph(out, v.card_dose + ":", "    ");
        for (const auto& d : c.doses) paragraph(out, d, "        ", "      - ");
    }
    if (!c.precautions.empty()) paragraph(out, v.card_care + ": " + join(c.precautions, " "), "      ", "    ");
    if (!c.video.empty()) paragraph(out, c.video, "    ");
}

void week(std::ostream& out, const PlanView& v, const WeekView& w) {
    heading(out, w.heading + ": " + w.dates, '=');
    const std::string indent(day_col, ' ');
    for (const DayView& d : w.days) {
        if (d.sessions.empty()) continue;
        bool first = true;
        for (const SessionView& s : d.sessions) {
            const auto title = wrap(s.title, title_col - 1);
            const bool target_fits = utf8_length(s.target) <= width - day_col - title_col - minutes_col - 1;
            out << pad(first ? d.label : "", day_col) << pad(title.empty() ? "" : title[0], title_col) << rpad(s.minutes, minutes_col);
            if (target_fits && !s.target.empty()) out << " " << s.target;
            out << "\n";
            for (std::size_t i = 1; i < title.size(); ++i) out << indent << title[i] << "\n";
            if (!target_fits) out << indent << "  " << s.target << "\n";
            if (!s.step.empty()) out << indent << "  " << s.step << "\n";
            if (!s.supervised.empty()) out << indent << "  " << s.supervised << "\n";
            if (!s.bouts.empty()) out << indent << "  " << s.bouts << "\n";
            if (!s.hiit_short.empty()) out << indent << "  " << s.hiit_short << "\n";
            if (s.own_note) paragraph(out, s.note, indent + "  ");
            if (!s.exercise_names.empty()) paragraph(out, s.exercise_names, indent + "    ", indent + "  ");
            if (!s.window.empty()) paragraph(out, s.window, indent + "    ", indent + "  * ");
            first = false;
        }
    }
    // Rest days, on one line: the patient sees every day of the week accounted for.
    std::string rest, treatment;
    for (const DayView& d : w.days) {
        if (!d.sessions.empty()) continue;
        if (d.treatment.empty()) rest += (rest.empty() ? "" : ", ") + d.label;
        else treatment += (treatment.empty() ? "" : ", ") + d.label + " (" + d.treatment + ")";
    }
    if (!rest.empty()) paragraph(out, rest, indent, pad(v.rest_days + ":", day_col));
    // The rest days' offer once under them (each different offer once, in day order).
    std::vector<std::string> notes;
    for (const DayView& d : w.days)
        if (d.sessions.empty() && !d.rest_note.empty() && std::find(notes.begin(), notes.end(), d.rest_note) == notes.end())
            notes.push_back(d.rest_note);
    for (const std::string& note : notes) paragraph(out, note, indent, indent);
    // Days a treatment keeps free (priming.dosing_day), apart from the rest days.
    if (!treatment.empty()) paragraph(out, v.treatment_days + ": " + treatment, "  ");
    paragraph(out, w.total);
    if (!w.steps.empty()) paragraph(out, w.steps);
}

}  // namespace

// The page in printed order, section by section (about 60 lines).
std::string render_text(const PlanView& v) {
    std::ostringstream out;
    out.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    out.imbue(std::locale::classic());  // numbers never grouped ("1,400") by a host's global locale
    out << v.title << "\n" << std::string(utf8_length(v.title), '=') << "\n";
    if (!v.paused.empty()) {  // a paused plan says so first, in a box of its own
        const std::string edge(width, '!');
        out << edge << "\n";
        paragraph(out, v.paused, "! ");
        out << edge << "\n";
    }
    for (const auto& a : v.alerts) paragraph(out, a, "  ", "! ");  // first page: see the doctor
    for (const auto& line : v.who) paragraph(out, line);
    if (!v.programme.empty()) paragraph(out, v.programme);
    out << v.period << "\n";
    stop_box(out, v);

    if (!v.zone_target.empty()) {
        heading(out, v.zone_title, '-');
        paragraph(out, v.zone_target);
        for (const auto& d : v.zone_details) paragraph(out, d, "    ", "  - ");
    }
    if (!v.priming.empty()) {
        heading(out, v.priming_title, '-');
        for (const auto& line : v.priming) paragraph(out, line, "    ", "  - ");
    }
    if (!v.falls.empty()) {
        heading(out, v.falls_title, '-');
        for (const auto& f : v.falls) paragraph(out, f, "    ", "  - ");
    }
    if (!v.return_title.empty()) {
        heading(out, v.return_title, '-');
        for (const ReturnLadderView& l : v.ladders) {
            out << "\n";
            paragraph(out, l.heading);
            for (const ReturnStepView& st : l.steps) {
                paragraph(out, st.heading, "      ", "  [ ] ");
                if (!st.description.empty()) paragraph(out, st.description, "      ");
                paragraph(out, st.when, "      ");
            }
        }
        out << "\n";
        for (const auto& r : v.return_rules) paragraph(out, r, "    ", "  - ");
    }
    if (!v.beta_blocker.empty()) paragraph(out, v.beta_blocker);
    if (!v.full_dose.empty() || !v.daily_steps.empty()) out << "\n";
    if (!v.full_dose.empty()) paragraph(out, v.full_dose);
    if (!v.daily_steps.empty()) paragraph(out, v.daily_steps);

    // The build-up as a bar chart: one # per 10 moderate-equivalent minutes.
    heading(out, v.chart_title, '-');
    for (const WeekView& w : v.weeks)
        out << pad(w.heading, 9) << rpad(std::to_string(w.volume_minutes), 4) << "  " << std::string(static_cast<std::size_t>(std::min(60, w.volume_minutes / 10)), '#') << "\n";
    paragraph(out, v.chart_caption);

    for (const WeekView& w : v.weeks) week(out, v, w);

    heading(out, v.exercises_title, '=');
    for (const ExerciseView& e : v.exercises) {
        out << "\n";
        paragraph(out, e.title);
        for (const auto& s : e.steps) paragraph(out, s, "    ", "  - ");
        if (!e.hiit.empty()) paragraph(out, e.hiit, "  ");
        if (!e.note.empty()) paragraph(out, e.note, "  ");
        if (!e.cards.empty()) {
            out << "\n";
            paragraph(out, e.cards_title, "  ", "  ");
        }
        for (const ExerciseCardView& c : e.cards) card(out, v, c);
    }

    if (!v.measures.empty()) {
        heading(out, v.measures_title, '-');
        for (const auto& m : v.measures) paragraph(out, m.name, "    ", "  " + m.date_label + ": ");
    }
    heading(out, v.why_title, '-');
    for (std::size_t i = 0; i < v.why.size(); ++i) {
        if (i > 0) out << "\n";
        paragraph(out, v.why[i]);
    }
    stop_box(out, v);
    if (!v.findings.empty() || !v.notes.empty()) {
        heading(out, v.review_title, '=');
        if (!v.clearance.empty()) paragraph(out, v.clearance);
        if (!v.notes.empty()) paragraph(out, v.notes);
        if (!v.findings.empty()) {
            out << "\n";
            paragraph(out, v.review_summary);
        }
        for (const FindingView& f : v.findings) {
            out << "\n";
            finding_paragraph(out, f);
        }
    }
    return out.str();
}

}  // namespace rehabplan::detail
