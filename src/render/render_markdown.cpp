// The plan as Markdown (CommonMark with GitHub tables): for patient portals and
// messages that render Markdown.
#include <algorithm>
#include <locale>
#include <sstream>

#include "render/renderers.hpp"

namespace rehabplan::detail {

namespace {

// Characters that would start emphasis, links, tables or HTML in free text.
std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '[' || c == ']' || c == '<' || c == '>' || c == '|' ||
            c == '#')
            out += '\\';
        out += c == '\n' ? ' ' : c;
    }
    return out;
}

void stop_box(std::ostream& out, const PlanView& v) {
    out << "\n> **" << escape(v.stop_title) << "**\n";
    for (const StopGroupView& g : v.stop_groups) {
        out << ">\n> **" << escape(g.heading) << "**\n>\n";
        for (const auto& s : g.signals) out << "> - " << escape(s) << "\n";
    }
}

// One week as a table: a row per session (the day named on its first), rest days in italics.
void week_table(std::ostream& out, const PlanView& v, const WeekView& w) {
    out << "\n## " << escape(w.heading) << ": " << escape(w.dates) << "\n\n";
    out << "| " << escape(v.columns[0]) << " | " << escape(v.columns[1]) << " | " << escape(v.columns[2]) << " | "
        << escape(v.columns[3]) << " |\n|---|---|---:|---|\n";
    for (const DayView& d : w.days) {
        if (d.sessions.empty()) {
            out << "| " << escape(d.label) << " | *" << escape(d.treatment.empty() ? v.rest_day : d.treatment) << "* | | |\n";
            continue;
        }
        bool first = true;
        for (const SessionView& s : d.sessions) {
            std::string what = "**" + escape(s.title) + "**";
            if (!s.step.empty()) what += "<br>" + escape(s.step);
            if (!s.supervised.empty()) what += "<br>" + escape(s.supervised);
            if (!s.bouts.empty()) what += "<br>" + escape(s.bouts);
            if (!s.hiit_short.empty()) what += "<br>" + escape(s.hiit_short);
            if (s.own_note) what += "<br>" + escape(s.note);
            if (!s.exercise_names.empty()) what += "<br>" + escape(s.exercise_names);
            if (!s.window.empty()) what += "<br>* " + escape(s.window);
            out << "| " << (first ? escape(d.label) : "") << " | " << what << " | " << escape(s.minutes) << " | "
                << escape(s.target) << " |\n";
            first = false;
        }
    }
    out << "\n" << escape(w.total) << "\n";
    // The rest days' offer once under the week, as in text and HTML.
    std::vector<std::string> notes;
    for (const DayView& d : w.days)
        if (d.sessions.empty() && !d.rest_note.empty() && std::find(notes.begin(), notes.end(), d.rest_note) == notes.end())
            notes.push_back(d.rest_note);
    for (const std::string& note : notes) out << "\n" << escape(note) << "\n";
    if (!w.steps.empty()) out << "\n" << escape(w.steps) << "\n";
}

// An exercise card without the picture: name and level, what to do, how much, take care.
void card(std::ostream& out, const PlanView& v, const ExerciseCardView& c) {
    out << "\n#### " << escape(c.name) << (c.level.empty() ? "" : " (" + escape(c.level) + ")") << "\n\n";
    for (std::size_t i = 0; i < c.instructions.size(); ++i) out << i + 1 << ". " << escape(c.instructions[i]) << "\n";
    if (!c.instructions.empty()) out << "\n";
    if (!c.task.empty()) out << escape(c.task) << "\n\n";
    if (c.doses.size() == 1) {
        out << "**" << escape(v.card_dose) << ":** " << escape(c.doses.front()) << "\n";
    } else {
        out << "**" << escape(v.card_dose) << ":**\n\n";
        for (const auto& d : c.doses) out << "- " << escape(d) << "\n";
    }
    if (!c.precautions.empty()) out << "\n**" << escape(v.card_care) << ":** " << escape(join(c.precautions, " ")) << "\n";
    if (!c.video.empty()) out << "\n" << escape(c.video) << "\n";
}

// The therapist's part: the plan's notes (line by line) and findings.
void review(std::ostream& out, const PlanView& v) {
    if (v.findings.empty() && v.notes.empty()) return;
    out << "\n## " << escape(v.review_title) << "\n\n";
    if (!v.clearance.empty()) out << escape(v.clearance) << "\n\n";
    std::istringstream lines(v.notes);
    lines.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    for (std::string line; std::getline(lines, line);) out << escape(line) << "  \n";
    if (!v.findings.empty()) out << "\n" << escape(v.review_summary) << "\n\n";
    for (const FindingView& f : v.findings)
        out << "- **" << escape(f.severity_label) << "** `" << f.rule << "`" << (f.where.empty() ? "" : " " + escape(f.where))
            << ": " << escape(f.message) << "\n";
}

}  // namespace

std::string render_markdown(const PlanView& v) {
    std::ostringstream out;
    out.exceptions(std::ios::badbit);  // a failed allocation throws bad_alloc, never truncates
    out.imbue(std::locale::classic());  // numbers never grouped ("1,400") by a host's global locale
    out << "# " << escape(v.title) << "\n\n";
    if (!v.paused.empty()) out << "> **" << escape(v.paused) << "**\n\n";  // a paused plan says so first
    for (const auto& a : v.alerts) out << "> **" << escape(a) << "**\n\n";
    for (const auto& line : v.who) out << escape(line) << "  \n";
    if (!v.programme.empty()) out << escape(v.programme) << "  \n";
    out << escape(v.period) << "\n";
    stop_box(out, v);

    if (!v.zone_target.empty()) {
        out << "\n## " << escape(v.zone_title) << "\n\n**" << escape(v.zone_target) << "**\n\n";
        for (const auto& d : v.zone_details) out << "- " << escape(d) << "\n";
    }
    if (!v.priming.empty()) {
        out << "\n## " << escape(v.priming_title) << "\n\n";
        for (const auto& line : v.priming) out << "- " << escape(line) << "\n";
    }
    if (!v.falls.empty()) {
        out << "\n## " << escape(v.falls_title) << "\n\n";
        for (const auto& f : v.falls) out << "- " << escape(f) << "\n";
    }
    if (!v.return_title.empty()) {
        out << "\n## " << escape(v.return_title) << "\n";
        for (const ReturnLadderView& l : v.ladders) {
            out << "\n### " << escape(l.heading) << "\n\n";
            for (const ReturnStepView& st : l.steps) {
                out << "- [ ] **" << escape(st.heading) << "**";
                if (!st.description.empty()) out << " " << escape(st.description);
                out << "  \n  *" << escape(st.when) << "*\n";
            }
        }
        out << "\n";
        for (const auto& r : v.return_rules) out << "- " << escape(r) << "\n";
    }
    if (!v.beta_blocker.empty()) out << "\n" << escape(v.beta_blocker) << "\n";
    if (!v.full_dose.empty()) out << "\n" << escape(v.full_dose) << "\n";
    if (!v.daily_steps.empty()) out << "\n" << escape(v.daily_steps) << "\n";

    out << "\n## " << escape(v.chart_title) << "\n\n| " << escape(v.chart_week) << " | " << escape(v.columns[2]) << " |\n|---:|---:|\n";
    for (const WeekView& w : v.weeks) out << "| " << w.number << " | " << w.volume_minutes << " |\n";
    out << "\n" << escape(v.chart_caption) << "\n";

    for (const WeekView& w : v.weeks) week_table(out, v, w);

    out << "\n## " << escape(v.exercises_title) << "\n";
    for (const ExerciseView& e : v.exercises) {
        out << "\n### " << escape(e.title) << "\n\n";
        for (const auto& s : e.steps) out << "- " << escape(s) << "\n";
        if (!e.hiit.empty()) out << "\n" << escape(e.hiit) << "\n";
        if (!e.note.empty()) out << "\n" << escape(e.note) << "\n";
        if (!e.cards.empty()) out << "\n**" << escape(e.cards_title) << "**\n";
        for (const ExerciseCardView& c : e.cards) card(out, v, c);
    }
    if (!v.measures.empty()) {
        out << "\n## " << escape(v.measures_title) << "\n\n";
        for (const auto& m : v.measures) out << "- " << escape(m.date_label) << ": " << escape(m.name) << "\n";
    }
    out << "\n## " << escape(v.why_title) << "\n";
    for (const auto& w : v.why) out << "\n" << escape(w) << "\n";
    stop_box(out, v);
    review(out, v);
    return out.str();
}

}  // namespace rehabplan::detail
