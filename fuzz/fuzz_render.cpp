// Fuzzes the plan document as rehabplan_render reads it: every format (text, markdown,
// html, ics, json) in English, Dutch and the plan's own language (lang NULL), each twice.
// Contract checks: fuzz::render in fuzz_common.cpp (status, NULL output and *out_len 0 on
// failure, NUL-terminated valid UTF-8 of length *out_len on success, messages naming
// "plan", "format" or "lang"), plus, here:
//   - determinism: the same call twice gives the same bytes, status and message;
//   - the plan is read once for all formats and languages: every call agrees with the
//     first on success or failure, and failures have the same status and message; and
//     rehabplan_validate (stroke patient) reads the same plan the same way;
//   - the header's document rules (check_parse_verdict);
//   - lang NULL is the plan's own language ("nl" when its "language" is nl, else "en");
//   - json: the same in every language, a JSON object, and rendering it again gives the
//     same bytes (the normalised form is a fixed point); validate accepts it;
//   - text, markdown, html, ics: no C0 control character but LF (and CRLF in ics; TAB, FF
//     and CR in html, where they are white space), no DEL, whatever the plan's text holds
//     (a NUL would make strlen differ from *out_len; ESC drives a terminal);
//   - text: no line over 80 columns (code points) and no CR; markdown: no CR;
//   - html: starts with "<!DOCTYPE html", ends with "</html>", no "<script" (text from the
//     plan is escaped);
//   - ics: "BEGIN:VCALENDAR\r\n" ... "END:VCALENDAR\r\n", CRLF line ends only, no line over
//     75 octets, folded lines never split a UTF-8 sequence (every line is valid UTF-8),
//     BEGIN:VEVENT and END:VEVENT paired, one VCALENDAR (plan text cannot end it);
//   - a language built from the input's first bytes (anything but "", "en", "nl") is an
//     INVALID_ARGUMENT naming "lang" with a valid UTF-8 message when the plan is good.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_common.hpp"

namespace {

using json = nlohmann::json;

constexpr const char* formats[] = {"text", "markdown", "html", "ics", "json"};

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }
bool ends_with(const std::string& s, std::string_view p) {
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

// Lines split at "\n", with a "\r" before it removed when `crlf`.
std::vector<std::string_view> lines_of(std::string_view doc, bool crlf) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < doc.size()) {
        std::size_t end = doc.find('\n', start);
        if (end == std::string_view::npos) end = doc.size();
        std::string_view line = doc.substr(start, end - start);
        if (crlf && !line.empty() && line.back() == '\r') line.remove_suffix(1);
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

std::size_t count(std::string_view hay, std::string_view needle) {
    std::size_t n = 0;
    for (std::size_t at = hay.find(needle); at != std::string_view::npos; at = hay.find(needle, at + needle.size()))
        ++n;
    return n;
}

// The first control character in `doc` that a printout must not hold, or -1: C0 controls
// but LF, and DEL; `allowed` lists the other C0 controls the format may hold (the
// calendar's CR of CRLF; HTML's white space TAB, FF and CR). A plan's text may hold any of
// them ("\u0000", "\u001b[2J", "\r\n" typed on Windows); printed, a NUL cuts the C string
// short (strlen != *out_len), ESC drives a terminal, a CR breaks a Markdown table.
int forbidden_control(const std::string& doc, std::string_view allowed) {
    for (char ch : doc) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\n' && allowed.find(ch) == std::string_view::npos) || c == 0x7f) return c;
    }
    return -1;
}

// What every document of `format` must look like.
void check_format(const char* format, const std::string& doc, const std::string& where) {
    const std::string f = format;
    if (f != "json") {  // json escapes them ("\u001b")
        const int c = forbidden_control(doc, f == "ics" ? "\r" : f == "html" ? "\t\f\r" : "");
        FUZZ_CHECK(c < 0, where + ": control character " + std::to_string(c) + " in the document");
    }
    if (f == "text") {
        FUZZ_CHECK(doc.find('\r') == std::string::npos, where + ": a CR in the text");
        for (std::string_view line : lines_of(doc, false))
            FUZZ_CHECK(code_points(line) <= 80, where + ": a line over 80 columns: " + std::string(line));
    } else if (f == "markdown") {
        FUZZ_CHECK(doc.find('\r') == std::string::npos, where + ": a CR in the Markdown");
    } else if (f == "html") {
        FUZZ_CHECK(starts_with(doc, "<!DOCTYPE html"), where + ": does not start with <!DOCTYPE html");
        const std::size_t end = doc.find_last_not_of(" \t\r\n");
        FUZZ_CHECK(end != std::string::npos && ends_with(doc.substr(0, end + 1), "</html>"),
                   where + ": does not end with </html>");
        FUZZ_CHECK(doc.find("<script") == std::string::npos, where + ": a <script in the HTML");
    } else if (f == "ics") {
        FUZZ_CHECK(starts_with(doc, "BEGIN:VCALENDAR\r\n"), where + ": does not start with BEGIN:VCALENDAR CRLF");
        FUZZ_CHECK(ends_with(doc, "END:VCALENDAR\r\n"), where + ": does not end with END:VCALENDAR CRLF");
        FUZZ_CHECK(count(doc, "\n") == count(doc, "\r\n"), where + ": a line end that is not CRLF");
        for (std::string_view line : lines_of(doc, true)) {
            FUZZ_CHECK(line.size() <= 75, where + ": a line over 75 octets: " + std::string(line));
            FUZZ_CHECK(fuzz::valid_utf8(line), where + ": a folded line splits a UTF-8 sequence");
            FUZZ_CHECK(line.find('\r') == std::string_view::npos, where + ": a bare CR inside a line");
        }
        FUZZ_CHECK(count(doc, "\r\nBEGIN:VEVENT\r\n") == count(doc, "\r\nEND:VEVENT\r\n"),
                   where + ": BEGIN:VEVENT and END:VEVENT do not pair up");
        // Text from the plan cannot start a line of its own (it is escaped: "\n" as "\\n").
        FUZZ_CHECK(count(doc, "BEGIN:VCALENDAR\r\n") == 1 && count(doc, "\r\nEND:VCALENDAR\r\n") == 1,
                   where + ": more than one VCALENDAR");
    } else if (f == "json") {
        const json j = json::parse(doc, nullptr, false);
        FUZZ_CHECK(!j.is_discarded() && j.is_object(), where + ": the json format is not a JSON object");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view plan(reinterpret_cast<const char*>(data), size);
    fuzz::Context c;

    // The verdict on the plan: as JSON in its own language, twice; once without out_len.
    const fuzz::Outcome verdict = fuzz::deterministic("rehabplan_render", [&] {
        return fuzz::render(c, plan, "json", nullptr);
    });
    FUZZ_CHECK(fuzz::render(c, plan, "json", nullptr, false) == verdict,
               "rehabplan_render: out_len NULL changed the result");
    fuzz::check_parse_verdict("plan", plan, fuzz::parse_error_of(verdict, "plan"));
    FUZZ_CHECK(verdict.status != REHABPLAN_INVALID_ARGUMENT,
               "a valid format and lang NULL was an INVALID_ARGUMENT: " + verdict.describe());

    // rehabplan_validate reads the plan the same way (both parse it as a plan document).
    const fuzz::Outcome v = fuzz::validate(c, fuzz::patient_stroke(), plan, {"plan"});
    FUZZ_CHECK(v.ok() == verdict.ok(), "rehabplan_validate and rehabplan_render read the plan differently: " +
                                           v.describe() + " vs " + verdict.describe());
    if (!verdict.ok())
        FUZZ_CHECK(v.status == verdict.status && v.errmsg == verdict.errmsg,
                   "another plan error from rehabplan_validate: " + v.describe() + " vs " + verdict.describe());

    std::string own = "en";
    if (verdict.ok()) {
        const json j = json::parse(verdict.document, nullptr, false);
        FUZZ_CHECK(j.is_object(), "the json format is not a JSON object");
        if (j.contains("language") && j["language"] == "nl") own = "nl";
        // The normalised plan is a fixed point, and a plan validate accepts.
        const fuzz::Outcome again = fuzz::render(c, verdict.document, "json", nullptr);
        FUZZ_CHECK(again.ok() && again.document == verdict.document,
                   "rendering the json output again changed it: " + again.describe());
        const fuzz::Outcome v2 = fuzz::validate(c, fuzz::patient_stroke(), verdict.document, {"plan"});
        FUZZ_CHECK(v2.ok(), "rehabplan_validate refused the normalised plan: " + v2.describe());
    }

    for (const char* format : formats) {
        std::string by_lang[2];
        for (int l = 0; l < 3; ++l) {
            const char* lang = l == 0 ? nullptr : l == 1 ? "en" : "nl";
            const fuzz::Outcome o = fuzz::deterministic("rehabplan_render", [&] {
                return fuzz::render(c, plan, format, lang);
            });
            const std::string where = std::string("rehabplan_render(") + format + ", " + (lang ? lang : "NULL") + ")";
            FUZZ_CHECK(o.ok() == verdict.ok(), where + " disagrees with the verdict on the plan: " + o.describe() +
                                                   " vs " + verdict.describe());
            if (!o.ok()) {
                FUZZ_CHECK(o.status == verdict.status && o.errmsg == verdict.errmsg,
                           where + ": another error for the same plan: " + o.describe() + " vs " + verdict.describe());
                continue;
            }
            check_format(format, o.document, where);
            if (l == 0) {
                by_lang[0] = o.document;
            } else if (lang == own) {
                FUZZ_CHECK(o.document == by_lang[0], where + ": lang NULL did not give the plan's own language " + own);
            }
            if (l == 1) by_lang[1] = o.document;
            if (l == 2 && std::strcmp(format, "json") == 0)
                FUZZ_CHECK(o.document == by_lang[1] && o.document == verdict.document,
                           "the json format differs between languages");
        }
    }

    // A language made of the input's first bytes: unknown unless "", "en" or "nl".
    if (verdict.ok() && size > 0) {
        std::string lang(plan.substr(0, std::min<std::size_t>(size, 24)));
        lang = lang.substr(0, std::strlen(lang.c_str()));  // a C string ends at its first NUL
        if (lang != "" && lang != "en" && lang != "nl") {
            const fuzz::Outcome o = fuzz::render(c, plan, formats[data[0] % 5], lang.c_str());
            FUZZ_CHECK(o.status == REHABPLAN_INVALID_ARGUMENT && starts_with(o.errmsg, "lang: "),
                       "an unknown language was not an INVALID_ARGUMENT naming lang: " + o.describe());
        }
    }
    return 0;
}
