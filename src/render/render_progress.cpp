// A progress report as a document: json (schema/progress.schema.json), 80-column text or
// an A4 HTML page with charts, in English or Dutch.
#include "render/progress_view.hpp"
#include "render/render.hpp"
#include "core/json_reader.hpp"
#include "render/renderers.hpp"

namespace rehabplan {

Result<std::string> render_progress(const ProgressReport& report, Format format, std::string_view lang_in) {
    if (!lang_in.empty() && lang_in != "en" && lang_in != "nl")
        return Error{ErrorCode::invalid_argument, "", "unknown language " + detail::quoted(lang_in) + "; expected en or nl"};
    if (format != Format::json && format != Format::text && format != Format::html) {
        const int f = static_cast<int>(format);  // a C++ caller may cast any number to a Format
        const std::string name = f >= 0 && f <= static_cast<int>(Format::json) ? std::string("\"") + to_string(format) + "\"" : std::to_string(f);
        return Error{ErrorCode::invalid_argument, "", "format " + name + " is not available for a progress report; expected json, text or html"};
    }
    const std::string lang = !lang_in.empty() ? std::string(lang_in) : report.language == "nl" ? "nl" : "en";
    return detail::guarded<std::string>([&]() -> std::string {
        // JSON is the report itself, in both languages: no view to lay out.
        if (format == Format::json) return detail::progress_json(report);
        const detail::ProgressView view = detail::make_progress_view(report, lang);
        return format == Format::html ? detail::render_progress_html(view) : detail::render_progress_text(view);
    });
}

}  // namespace rehabplan
