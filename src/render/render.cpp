#include "render/render.hpp"

#include <algorithm>
#include <iterator>

#include "core/json_reader.hpp"
#include "render/renderers.hpp"
#include "documents/json.hpp"

namespace rehabplan {

namespace {

constexpr const char* format_names[] = {"text", "markdown", "html", "ics", "json", "fhir"};

}  // namespace

using detail::quoted;

const char* to_string(Format f) { return format_names[static_cast<int>(f)]; }

std::optional<Format> parse_format(std::string_view name) {
    for (std::size_t i = 0; i < std::size(format_names); ++i)
        if (name == format_names[i]) return static_cast<Format>(i);
    return std::nullopt;
}

Result<Format> format_named(std::string_view name) {
    if (auto f = parse_format(name)) return *f;
    return Error{ErrorCode::invalid_argument, "", "unknown format " + quoted(name) + "; expected text, markdown, html, ics, json or fhir"};
}

Result<std::string> render(const Plan& plan, Format format, std::string_view lang_in, const RuleSet& rules) {
    if (!lang_in.empty() && lang_in != "en" && lang_in != "nl")
        return Error{ErrorCode::invalid_argument, "", "unknown language " + quoted(lang_in) + "; expected en or nl"};
    const std::string lang = !lang_in.empty() ? std::string(lang_in) : plan.language == "nl" ? "nl" : "en";
    return detail::guarded<std::string>([&]() -> std::string {
        // JSON is the plan document itself: no view to lay out.
        if (format == Format::json) return to_json(plan);
        const detail::PlanView view = detail::make_view(plan, lang, rules, format == Format::html);
        if (format == Format::markdown) return detail::render_markdown(view);
        if (format == Format::html) return detail::render_html(view);
        if (format == Format::ics) return detail::render_ics(view, plan);
        if (format == Format::fhir) return detail::render_fhir(view, plan, rules);
        return detail::render_text(view);
    });
}

}  // namespace rehabplan
