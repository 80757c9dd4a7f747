// A plan as plain text (80 columns, fits A4 when printed): week by week, then the
// stop signals and the measurements. Titles and notes are in the plan's language.
#include <map>
#include <sstream>

#include "json_reader.hpp"
#include "messages.hpp"
#include "rehabplan/text_report.hpp"

namespace rehabplan {

using detail::arg;

namespace {

std::string pad(std::string s, std::size_t width) {
    // Pads by characters, not bytes, so Dutch text with accents lines up.
    if (const std::size_t chars = detail::utf8_length(s); chars < width) s.append(width - chars, ' ');
    return s;
}

// Greedy word wrap; each line starts with `indent`.
std::string wrap(const std::string& text, const std::string& indent, std::size_t width) {
    std::string out, line;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && indent.size() + line.size() + 1 + word.size() > width) {
            out += indent + line + "\n";
            line.clear();
        }
        if (!word.empty()) line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    if (!line.empty()) out += indent + line + "\n";
    return out;
}

std::string target(const SessionPlan& s) {
    if (!s.intensity) return "";
    const Intensity& in = *s.intensity;
    if (in.hr_bpm) return std::to_string(in.hr_bpm->low) + "-" + std::to_string(in.hr_bpm->high) + " bpm";
    if (in.rpe) return "RPE " + std::to_string(in.rpe->low) + "-" + std::to_string(in.rpe->high);
    return "";
}

}  // namespace

std::string plan_to_text(const Plan& plan, std::string_view lang_in) {
    const std::string lang = lang_in == "nl" ? "nl" : "en";
    const auto tr = [&](const std::string& key, const std::vector<detail::Arg>& args = {}) {
        return detail::message(key, args).in(lang);
    };
    std::ostringstream out;
    out << tr("plan.period", {arg("from", plan.start_date.to_string()), arg("to", plan.end_date().to_string()),
                              arg("weeks", std::to_string(plan.weeks))})
        << "\n";
    if (plan.full_dose_week) out << tr("plan.full_dose", {arg("week", std::to_string(*plan.full_dose_week))}) << "\n";
    if (plan.daily_steps)
        out << tr("plan.steps", {arg("low", std::to_string(plan.daily_steps->low)), arg("high", std::to_string(plan.daily_steps->high))})
            << "\n";
    std::size_t i = 0;
    std::map<std::string, std::string> notes_shown;  // title -> last note printed
    for (int w = 0; w < plan.weeks; ++w) {
        const Date from = plan.start_date.plus_days(7 * w), to = from.plus_days(6);
        out << "\n" << tr("plan.week", {arg("week", std::to_string(w + 1)), arg("from", from.to_string()), arg("to", to.to_string())}) << "\n";
        bool any = false;
        
        std::optional<Date> last;
        for (; i < plan.sessions.size() && plan.sessions[i].date <= to; ++i) {
            const SessionPlan& s = plan.sessions[i];
            any = true;
            std::string day = last && *last == s.date ? "" : tr(std::string("day.") + to_string(s.date.weekday())) + " " + s.date.to_string();
            last = s.date;
            std::string title = s.title.empty() ? to_string(s.type) : s.title;
            if (detail::utf8_length(title) > 44) title = detail::utf8_prefix(title, 41) + "...";
            out << "  " << pad(day, 15) << pad(title, 45) << pad(std::to_string(s.minutes) + " min", 8) << target(s) << "\n";
            // A note is printed where it first appears for a title, then only when it changes.
            if (!s.note.empty() && notes_shown[title] != s.note) {
                out << wrap(s.note, std::string(19, ' '), 78);
                notes_shown[title] = s.note;
            }
        }
        if (!any) out << "  " << tr("plan.rest_week") << "\n";
    }
    if (!plan.stop_signals.empty()) {
        out << "\n" << tr("plan.stop") << "\n";
        for (const auto& sig : plan.stop_signals)
            out << "  - " << (detail::has_message("signal." + sig) ? tr("signal." + sig) : sig) << "\n";
    }
    if (!plan.outcome_measures.empty()) {
        out << "\n" << tr("plan.measures") << "\n";
        for (const auto& m : plan.outcome_measures)
            out << "  " << m.date.to_string() << "  "
                << (detail::has_message("measure." + m.measure) ? tr("measure." + m.measure) : m.measure) << "\n";
    }
    if (!plan.notes.empty()) out << "\n" << plan.notes << "\n";
    return out.str();
}

}  // namespace rehabplan
