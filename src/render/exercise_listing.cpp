// The library listed for a therapist or printed for a patient: text grouped by category,
// JSON for programs (every field a card needs, the sources as full texts), and an A4
// HTML catalogue with one card per exercise and its picture. Headings and labels come
// from data/print.json (catalogue.*), so Dutch is Dutch; the order is the library's.
#include "render/exercise_listing.hpp"

#include <algorithm>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/enum_names.hpp"
#include "core/messages.hpp"
#include "render/exercise_svg.hpp"
#include "render/renderers.hpp"

namespace rehabplan {

namespace {

using detail::arg;
using ojson = nlohmann::ordered_json;

struct Listing {
    const RuleSet& rules;
    const std::string lang;
    std::vector<const Exercise*> exercises;  // the ones listed, in the library's order

    std::string say(const std::string& key, const std::vector<detail::Arg>& args = {}) const {
        return detail::message_in(lang, key, args);
    }
    const std::vector<std::string>& instructions(const Exercise& e) const {
        return lang == "nl" && !e.instructions_nl.empty() ? e.instructions_nl : e.instructions_en;
    }
    const std::string& name(const Exercise& e) const { return e.name.in(lang).empty() ? e.name.en : e.name.in(lang); }
    // The chain's exercises, easiest first (the whole library's, not only those listed).
    std::vector<const Exercise*> chain(const Exercise& e) const {
        std::vector<const Exercise*> out;
        for (const Exercise& x : rules.exercises.exercises)
            if (x.chain == e.chain) out.push_back(&x);
        std::stable_sort(out.begin(), out.end(), [](const Exercise* a, const Exercise* b) { return a->level < b->level; });
        return out;
    }
    std::string precaution(const std::string& id) const {
        const auto it = rules.exercises.precautions.find(id);
        return it == rules.exercises.precautions.end() ? id : it->second.text.in(lang);
    }
    std::string dose(const ExerciseDefaultDose& d) const {
        const std::string sets = std::to_string(d.sets), amount = std::to_string(d.amount);
        std::string out;
        switch (d.type) {
            case DoseType::repetitions: out = say("catalogue.dose.repetitions", {arg("sets", sets), arg("amount", amount)}); break;
            case DoseType::seconds: out = say("catalogue.dose.seconds", {arg("sets", sets), arg("amount", amount)}); break;
            case DoseType::minutes:
                out = d.sets > 1 ? say("catalogue.dose.minutes_sets", {arg("sets", sets), arg("amount", amount)})
                                 : say("catalogue.dose.minutes", {arg("amount", amount)});
                break;
        }
        if (d.per_side) out = say("catalogue.dose.per_side", {arg("dose", out)});
        if (d.sets > 1 && d.rest_seconds > 0)
            out = say("catalogue.dose.rest", {arg("dose", out), arg("rest", std::to_string(d.rest_seconds))});
        return out;
    }
    std::string level(const Exercise& e) const {
        return say("catalogue.label.level", {arg("level", std::to_string(e.level)),
                                             arg("levels", std::to_string(chain(e).size())), arg("chain", e.chain)});
    }
    std::string position(const Exercise& e) const {
        return say("catalogue.label.position", {arg("position", say(std::string("catalogue.position.") + enum_name(e.position)))});
    }
    std::string equipment(const Exercise& e) const {
        if (e.equipment.empty()) return say("catalogue.label.no_equipment");
        std::vector<std::string> items;
        for (const std::string& k : e.equipment) {
            const std::string key = "catalogue.equipment." + k;
            items.push_back(detail::has_message(key) ? say(key) : k);
        }
        std::string list = items.back();
        if (items.size() > 1) {
            std::string head = items[0];
            for (std::size_t i = 1; i + 1 < items.size(); ++i) head += ", " + items[i];
            list = say("catalogue.and", {arg("list", head), arg("last", items.back())});
        }
        return say("catalogue.label.equipment", {arg("list", list)});
    }
    std::string category(ExerciseCategory c) const { return say(std::string("catalogue.category.") + enum_name(c)); }
    // The categories in their fixed order, each with its exercises.
    std::vector<std::pair<ExerciseCategory, std::vector<const Exercise*>>> groups() const {
        std::vector<std::pair<ExerciseCategory, std::vector<const Exercise*>>> out;
        for (std::size_t i = 0; i < EnumNames<ExerciseCategory>::names.size(); ++i) {
            const auto c = static_cast<ExerciseCategory>(i);
            std::vector<const Exercise*> list;
            for (const Exercise* e : exercises)
                if (e->category == c) list.push_back(e);
            if (!list.empty()) out.emplace_back(c, std::move(list));
        }
        return out;
    }
    std::string intro(const std::optional<ConditionType>& condition) const {
        return condition ? say("catalogue.for_condition",
                               {arg("condition", say(std::string("print.condition.") + enum_name(*condition)))})
                         : std::string();
    }
};

std::string as_text(const Listing& l, const ExerciseListOptions& o) {
    std::ostringstream out, title;
    detail::heading(title, l.say("catalogue.title"), '=');
    out << title.str().substr(1);  // heading() leads with a blank line; not at the top
    if (o.condition) detail::paragraph(out, l.intro(o.condition));
    detail::paragraph(out, l.exercises.empty() ? l.say("catalogue.none")
                                               : l.say("catalogue.count_text", {arg("count", std::to_string(l.exercises.size()))}));
    for (const auto& [category, list] : l.groups()) {
        detail::heading(out, l.category(category), '-');
        for (const Exercise* e : list) {
            out << '\n';
            detail::paragraph(out, l.name(*e) + " [" + e->id + "]");
            detail::paragraph(out, l.level(*e), "    ", "  ");
            detail::paragraph(out, l.say("catalogue.label.dose", {arg("dose", l.dose(e->dose))}), "    ", "  ");
            detail::paragraph(out, l.position(*e) + ". " + l.equipment(*e), "    ", "  ");
            if (e->cognitive_task)
                detail::paragraph(out, l.say("catalogue.label.thinking", {arg("task", e->cognitive_task->in(l.lang))}), "    ", "  ");
            if (!e->precautions.empty()) {
                detail::paragraph(out, l.say("catalogue.label.precautions") + ":", "    ", "  ");
                for (const std::string& p : e->precautions) detail::paragraph(out, l.precaution(p), "      ", "    - ");
            }
            detail::paragraph(out, l.say("catalogue.label.instructions") + ":", "    ", "  ");
            int n = 0;
            for (const std::string& line : l.instructions(*e))
                detail::paragraph(out, line, "       ", "    " + std::to_string(++n) + ". ");
            if (!e->video_url.empty()) detail::paragraph(out, l.say("catalogue.label.video", {arg("url", e->video_url)}), "    ", "  ");
        }
    }
    return out.str();
}

std::string as_json(const Listing& l, const ExerciseListOptions& o) {
    ojson doc;
    doc["language"] = l.lang;
    if (o.condition) doc["condition"] = enum_name(*o.condition);
    ojson list = ojson::array();
    for (const Exercise* e : l.exercises) {
        ojson x;
        x["id"] = e->id;
        x["name"] = l.name(*e);
        x["instructions"] = l.instructions(*e);
        x["category"] = enum_name(e->category);
        x["position"] = enum_name(e->position);
        x["equipment"] = e->equipment;
        x["dose"] = ojson{{"type", enum_name(e->dose.type)}, {"sets", e->dose.sets}, {"amount", e->dose.amount},
                          {"rest_seconds", e->dose.rest_seconds}, {"per_side", e->dose.per_side}};
        x["chain"] = e->chain;
        x["level"] = e->level;
        ojson levels = ojson::array();
        for (const Exercise* c : l.chain(*e)) levels.push_back(c->id);
        x["levels"] = levels;
        x["unilateral"] = e->unilateral;
        ojson precautions = ojson::array();
        for (const std::string& p : e->precautions) precautions.push_back(ojson{{"id", p}, {"text", l.precaution(p)}});
        x["precautions"] = precautions;
        ojson conditions = ojson::array();
        for (ConditionType c : e->conditions) conditions.push_back(enum_name(c));
        x["conditions"] = conditions;
        x["sources"] = l.rules.reference_texts(e->sources);
        if (e->cognitive_task) x["cognitive_task"] = e->cognitive_task->in(l.lang);
        if (!e->video_url.empty()) x["video_url"] = e->video_url;
        list.push_back(std::move(x));
    }
    doc["exercises"] = std::move(list);
    return doc.dump(2) + "\n";
}

// A4, cards never split over two pages, a category heading kept with its first card;
// 10.5 pt in print so that five or six cards fit a page.
constexpr const char* css = R"css(
@page { size: A4; margin: 12mm 14mm; }
*, *::before, *::after { box-sizing: border-box; }
html { color: #000; background: #fff; font-family: Arial, "Liberation Sans", Helvetica, "DejaVu Sans", sans-serif;
       font-size: 15px; line-height: 1.3; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
@media print { html { font-size: 10.5pt; } }
body { margin: 0 auto; max-width: 182mm; overflow-wrap: break-word; }
h1 { font-size: 1.8em; margin: 0 0 .3em; }
h2 { font-size: 1.35em; margin: .9em 0 .35em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.1em; margin: 0 0 .15em; }
p { margin: .1em 0; }
ol { margin: .2em 0; padding-left: 1.3em; }
.card { display: flex; gap: 4mm; border: 1px solid #000; border-radius: 2mm; padding: 2mm 3mm; margin: 0 0 2.5mm;
        break-inside: avoid; page-break-inside: avoid; }
.card .picture { flex: 0 0 60mm; }
.card .picture svg { display: block; width: 60mm; height: auto; }
.card .body { flex: 1 1 auto; min-width: 0; }
.card .meta { font-size: .9em; }
.card .id { font-family: "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: .75em; font-weight: normal; }
.card .care { border-left: 4px solid #000; padding-left: 2mm; margin-top: .25em; }
)css";

std::string as_html(const Listing& l, const ExerciseListOptions& o) {
    using detail::esc;
    using detail::text;
    std::ostringstream out;
    const std::string title = l.say("catalogue.title");
    out << "<!DOCTYPE html>\n<html lang=\"" << esc(l.lang) << "\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << esc(title)
        << "</title>\n<style>" << css << "</style>\n</head>\n<body>\n<h1>" << text(title) << "</h1>\n";
    if (o.condition) out << "<p>" << text(l.intro(o.condition)) << "</p>\n";
    out << "<p>"
        << text(l.exercises.empty() ? l.say("catalogue.none")
                                    : l.say("catalogue.count", {arg("count", std::to_string(l.exercises.size()))}))
        << "</p>\n";
    for (const auto& [category, list] : l.groups()) {
        out << "<section class=\"category\">\n<h2>" << text(l.category(category)) << "</h2>\n";
        for (const Exercise* e : list) {
            out << "<article class=\"card\" id=\"ex-" << esc(e->id) << "\">\n<div class=\"picture\">"
                << exercise_svg(*e, l.name(*e)) << "</div>\n<div class=\"body\">\n<h3>" << text(l.name(*e))
                << " <span class=\"id\">" << esc(e->id) << "</span></h3>\n";
            out << "<p class=\"meta\"><strong>" << text(l.say("catalogue.label.dose", {arg("dose", l.dose(e->dose))}))
                << "</strong></p>\n";
            out << "<p class=\"meta\">" << text(l.level(*e)) << ". " << text(l.position(*e)) << ". "
                << text(l.equipment(*e)) << "</p>\n";
            if (e->cognitive_task)
                out << "<p class=\"meta\">" << text(l.say("catalogue.label.thinking", {arg("task", e->cognitive_task->in(l.lang))}))
                    << "</p>\n";
            out << "<ol>";
            for (const std::string& line : l.instructions(*e)) out << "<li>" << text(line) << "</li>";
            out << "</ol>\n";
            if (!e->precautions.empty()) {
                out << "<p class=\"care\"><strong>" << text(l.say("catalogue.label.precautions")) << ":</strong>";
                for (const std::string& p : e->precautions) out << " " << text(l.precaution(p));
                out << "</p>\n";
            }
            if (!e->video_url.empty())
                out << "<p class=\"meta\">" << text(l.say("catalogue.label.video", {arg("url", "")})) << "<a href=\""
                    << esc(e->video_url) << "\">" << text(e->video_url) << "</a></p>\n";
            out << "</div>\n</article>\n";
        }
        out << "</section>\n";
    }
    out << "</body>\n</html>\n";
    return out.str();
}

}  // namespace

std::string render_exercise_listing(const RuleSet& rules, const ExerciseListOptions& options) {
    Listing l{rules, options.language == "nl" ? "nl" : "en", {}};
    for (const Exercise& e : rules.exercises.exercises)
        if (!options.condition || e.conditions.empty() ||
            std::find(e.conditions.begin(), e.conditions.end(), *options.condition) != e.conditions.end())
            l.exercises.push_back(&e);
    if (options.format == "json") return as_json(l, options);
    if (options.format == "html") return as_html(l, options);
    return as_text(l, options);
}

}  // namespace rehabplan
