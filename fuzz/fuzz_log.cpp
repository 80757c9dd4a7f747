// Fuzzes the session-log document as rehabplan_progress and rehabplan_replan read it, against
// a fixed patient (examples/patient-stroke.json), a fixed plan (the 12-week stroke plan the
// example log belongs to, tests/data/progress/plan-stroke.json, from 2026-11-23) and a fixed
// today (2026-12-20, the last day of week 4). Each input is read as:
//   - rehabplan_progress as json (twice: determinism; once without out_len) and as html;
//   - rehabplan_replan with the findings output, and without it.
// Contract checks (rehabplan.h), aborting on a violation:
//   - a status the functions document, never REHABPLAN_INTERNAL; with today, format and lang
//     fixed and valid, never INVALID_ARGUMENT;
//   - OK: errmsg ""; progress: a non-empty, NUL-terminated, valid UTF-8 document whose strlen
//     is *out_len; json: an object with today, programme, every week that started before today
//     (1-4, numbered, each with a known decision and a rule) and the next decision; html:
//     "<!DOCTYPE html" ... "</html>", no "<script", no control character but TAB, LF, FF, CR;
//   - failure: NULL outputs, *out_len 0, a non-empty, valid UTF-8 message naming the log
//     ("log: "): the patient and plan are valid, so only the log can be at fault;
//   - the log is read once: every call agrees with the first on success or failure, with the
//     same status and message; the header's document rules (check_parse_verdict);
//   - replan: the revised plan validates (rehabplan_validate, same patient) with zero error
//     findings; it keeps the plan's start, length and every session before today as they
//     were; after stop_and_refer it has no session from today on; its findings document is
//     well formed; without the findings output the plan is the same bytes.
#include <cstring>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_common.hpp"

namespace rehabplan::embedded {
std::string_view plan_progress_stroke();
}  // namespace rehabplan::embedded

namespace {

using json = nlohmann::json;

constexpr const char* today = "2026-12-20";
constexpr int weeks_before_today = 4;  // weeks 1-4 started before 2026-12-20

char sentinel_byte;
char* const sentinel = &sentinel_byte;
constexpr std::size_t len_sentinel = 0xBAD;

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

std::string shorten(const std::string& s, std::size_t n = 400) {
    return s.size() <= n ? s : s.substr(0, n) + "... (" + std::to_string(s.size()) + " bytes)";
}

const char* data_of(std::string_view s) { return s.data() != nullptr ? s.data() : ""; }

// The failure half of the contract, shared by both functions: the message names the log.
void check_failure(const fuzz::Outcome& o, const std::string& where) {
    FUZZ_CHECK(!o.errmsg.empty(), where + ": a failure with an empty message");
    FUZZ_CHECK(!o.has_document, where + ": a failure with a non-NULL output: " + shorten(o.document));
    FUZZ_CHECK(o.status == REHABPLAN_PARSE_ERROR || o.status == REHABPLAN_SCHEMA_ERROR ||
                   o.status == REHABPLAN_OUT_OF_MEMORY,
               where + ": a status this call does not document for a bad log");
    if (o.status != REHABPLAN_OUT_OF_MEMORY)
        FUZZ_CHECK(starts_with(o.errmsg, "log: "), where + ": the message does not name the log");
}

std::string describe_call(const char* call, const fuzz::Outcome& o) {
    return std::string(call) + " returned " + rehabplan_status_string(static_cast<int>(o.status)) + " (" +
           std::to_string(static_cast<int>(o.status)) + ") with message \"" + shorten(o.errmsg) + "\"";
}

void check_status(const fuzz::Outcome& o, const std::string& where) {
    FUZZ_CHECK(static_cast<int>(o.status) >= 0 && o.status < REHABPLAN_STATUS_LAST_, where + ": not a rehabplan_status");
    FUZZ_CHECK(o.status != REHABPLAN_INTERNAL, where + ": REHABPLAN_INTERNAL is a bug in rehabplan");
    FUZZ_CHECK(o.status != REHABPLAN_INVALID_ARGUMENT, where + ": INVALID_ARGUMENT with valid arguments");
    FUZZ_CHECK(fuzz::valid_utf8(o.errmsg), where + ": the message is not valid UTF-8");
}

// rehabplan_progress(stroke, plan, log, today, format, "en").
fuzz::Outcome progress(const fuzz::Context& c, std::string_view log, const char* format, bool with_out_len = true) {
    const std::string_view patient = fuzz::patient_stroke();
    const std::string_view plan = rehabplan::embedded::plan_progress_stroke();
    char* out = sentinel;
    std::size_t len = len_sentinel;
    const rehabplan_status st =
        rehabplan_progress(c.get(), patient.data(), patient.size(), plan.data(), plan.size(), data_of(log), log.size(),
                           today, format, "en", &out, with_out_len ? &len : nullptr);
    fuzz::Outcome o;
    o.status = st;
    o.errmsg = rehabplan_errmsg(c.get());
    const std::string where = describe_call((std::string("rehabplan_progress(") + format + ")").c_str(), o);
    FUZZ_CHECK(out != sentinel, where + ": the output pointer was left unset");
    if (out != nullptr) {
        o.has_document = true;
        o.document = out;  // up to the NUL: ASan reports a missing terminator
        rehabplan_free(out);
    }
    check_status(o, where);
    fuzz::check_error_json(c, o, where, {{"patient", patient}, {"plan", plan}, {"log", log}});
    if (with_out_len && st != REHABPLAN_OK) FUZZ_CHECK(len == 0, where + ": *out_len is not 0 after a failure");
    if (st != REHABPLAN_OK) {
        check_failure(o, where);
        return o;
    }
    FUZZ_CHECK(o.errmsg.empty(), where + ": the message is not \"\" after success");
    FUZZ_CHECK(o.has_document && !o.document.empty(), where + ": OK without a document");
    if (with_out_len)
        FUZZ_CHECK(len == o.document.size(), where + ": *out_len " + std::to_string(len) + " but strlen " +
                                                 std::to_string(o.document.size()));
    FUZZ_CHECK(fuzz::valid_utf8(o.document), where + ": the document is not valid UTF-8");
    return o;
}

// rehabplan_replan(stroke, plan, log, today): document = the plan, findings in *findings.
fuzz::Outcome replan(const fuzz::Context& c, std::string_view log, bool with_findings, std::string* findings) {
    const std::string_view patient = fuzz::patient_stroke();
    const std::string_view plan = rehabplan::embedded::plan_progress_stroke();
    char* out = sentinel;
    char* found = sentinel;
    const rehabplan_status st =
        rehabplan_replan(c.get(), patient.data(), patient.size(), plan.data(), plan.size(), data_of(log), log.size(),
                         today, &out, with_findings ? &found : nullptr);
    fuzz::Outcome o;
    o.status = st;
    o.errmsg = rehabplan_errmsg(c.get());
    const std::string where = describe_call(with_findings ? "rehabplan_replan" : "rehabplan_replan (no findings)", o);
    FUZZ_CHECK(out != sentinel, where + ": the plan output was left unset");
    FUZZ_CHECK(!with_findings || found != sentinel, where + ": the findings output was left unset");
    if (out != nullptr) {
        o.has_document = true;
        o.document = out;
        rehabplan_free(out);
    }
    const bool has_findings = with_findings && found != nullptr;
    if (has_findings) {
        if (findings != nullptr) *findings = found;
        rehabplan_free(found);
    }
    check_status(o, where);
    fuzz::check_error_json(c, o, where, {{"patient", patient}, {"plan", plan}, {"log", log}});
    if (st != REHABPLAN_OK) {
        FUZZ_CHECK(!has_findings, where + ": a failure with a findings document");
        check_failure(o, where);
        return o;
    }
    FUZZ_CHECK(o.errmsg.empty(), where + ": the message is not \"\" after success");
    FUZZ_CHECK(o.has_document, where + ": OK without a plan");
    FUZZ_CHECK(!with_findings || has_findings, where + ": OK without the findings asked for");
    return o;
}

// What every progress report must say, whatever the log.
void check_report(const std::string& doc) {
    const json j = json::parse(doc, nullptr, false);
    FUZZ_CHECK(!j.is_discarded() && j.is_object(), "progress json: not a JSON object: " + shorten(doc));
    FUZZ_CHECK(j.value("today", "") == today, "progress json: today is not " + std::string(today));
    FUZZ_CHECK(j.value("programme", "") == "standard", "progress json: not the plan's programme");
    const auto known = [](const json& d) {
        return d.is_string() && (d == "advance" || d == "hold" || d == "step_back" || d == "stop_and_refer");
    };
    FUZZ_CHECK(j.contains("next") && known(j["next"]), "progress json: no known next decision");
    FUZZ_CHECK(j.contains("weeks") && j["weeks"].is_array() &&
                   j["weeks"].size() == static_cast<std::size_t>(weeks_before_today),
               "progress json: not the " + std::to_string(weeks_before_today) + " weeks before today");
    int n = 0;
    for (const json& w : j["weeks"]) {
        ++n;
        FUZZ_CHECK(w.is_object() && w.value("week", 0) == n, "progress json: week " + std::to_string(n) + " misnumbered");
        FUZZ_CHECK(w.contains("decision") && known(w["decision"]), "progress json: week without a known decision");
        FUZZ_CHECK(w.value("rule", "") != "", "progress json: a week's decision without its rule");
        if (w.contains("adherence_percent")) {
            const json& a = w["adherence_percent"];
            FUZZ_CHECK(a.is_number_integer() && a.get<long long>() >= 0, "progress json: adherence not a count");
        }
    }
}

void check_html(const std::string& doc) {
    FUZZ_CHECK(starts_with(doc, "<!DOCTYPE html"), "progress html: does not start with <!DOCTYPE html");
    const std::size_t end = doc.find_last_not_of(" \t\r\n");
    FUZZ_CHECK(end != std::string::npos && end >= 6 && doc.compare(end - 6, 7, "</html>") == 0,
               "progress html: does not end with </html>");
    FUZZ_CHECK(doc.find("<script") == std::string::npos, "progress html: a <script");
    for (char ch : doc) {
        const auto c = static_cast<unsigned char>(ch);
        FUZZ_CHECK(!((c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7f),
                   "progress html: control character " + std::to_string(c));
    }
}

// The plan as the library normalises it (rehabplan_render json), parsed once.
const json& original_plan() {
    static const json plan = [] {
        fuzz::Context c;
        const fuzz::Outcome o = fuzz::render(c, rehabplan::embedded::plan_progress_stroke(), "json", nullptr);
        FUZZ_CHECK(o.ok(), "the fixed plan does not render: " + o.describe());
        return json::parse(o.document);
    }();
    return plan;
}

void check_revised(const fuzz::Context& c, const std::string& revised, const std::string& findings,
                   const std::string& next) {
    const json j = json::parse(revised, nullptr, false);
    FUZZ_CHECK(!j.is_discarded() && j.is_object(), "replan: the plan is not a JSON object: " + shorten(revised));
    const json& before = original_plan();
    FUZZ_CHECK(j.value("start_date", "") == before.value("start_date", "x") && j.value("weeks", 0) == before.value("weeks", -1),
               "replan: the plan's start or length changed");
    FUZZ_CHECK(j.contains("sessions") && j["sessions"].is_array(), "replan: no sessions list");
    json kept = json::array(), was = json::array();
    for (const json& s : j["sessions"]) {
        const std::string date = s.value("date", "");
        if (date < today) kept.push_back(s);
        else FUZZ_CHECK(next != "stop_and_refer", "replan: a session on " + date + " after stop_and_refer");
    }
    for (const json& s : before["sessions"])
        if (s.value("date", "") < today) was.push_back(s);
    FUZZ_CHECK(kept == was, "replan: the sessions before today changed");
    fuzz::count_errors(findings);  // the shape of the findings document
    const fuzz::Outcome v = fuzz::validate(c, fuzz::patient_stroke(), revised, {"plan"});
    FUZZ_CHECK(v.ok(), "replan: the revised plan does not validate: " + v.describe());
    const int errors = fuzz::count_errors(v.document);
    FUZZ_CHECK(errors == 0, "replan: the revised plan has " + std::to_string(errors) +
                                " error finding(s): " + shorten(v.document, 4000));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view log(reinterpret_cast<const char*>(data), size);
    fuzz::Context c;

    // The verdict on the log: the report as json, twice, and once without out_len.
    const fuzz::Outcome verdict = fuzz::deterministic("rehabplan_progress", [&] { return progress(c, log, "json"); });
    FUZZ_CHECK(progress(c, log, "json", false) == verdict, "rehabplan_progress: out_len NULL changed the result");
    fuzz::check_parse_verdict("log", log, fuzz::parse_error_of(verdict, "log"));

    // The html report reads the log the same way.
    const fuzz::Outcome html = progress(c, log, "html");
    FUZZ_CHECK(html.ok() == verdict.ok(), "html and json disagree on the log: " + html.describe() + " vs " +
                                              verdict.describe());
    if (!verdict.ok())
        FUZZ_CHECK(html.status == verdict.status && html.errmsg == verdict.errmsg,
                   "another error for the same log: " + html.describe() + " vs " + verdict.describe());

    // replan reads it the same way too, with and without the findings output.
    std::string findings;
    const fuzz::Outcome revised = replan(c, log, true, &findings);
    const fuzz::Outcome plain = replan(c, log, false, nullptr);
    FUZZ_CHECK(revised.ok() == verdict.ok(), "replan and progress disagree on the log: " + revised.describe() +
                                                 " vs " + verdict.describe());
    FUZZ_CHECK(plain == revised, "replan without findings gave another result: " + plain.describe() + " vs " +
                                     revised.describe());
    if (!verdict.ok()) {
        FUZZ_CHECK(revised.status == verdict.status && revised.errmsg == verdict.errmsg,
                   "replan gave another error for the same log: " + revised.describe() + " vs " + verdict.describe());
        return 0;
    }

    check_report(verdict.document);
    check_html(html.document);
    const std::string next = json::parse(verdict.document).value("next", "");
    check_revised(c, revised.document, findings, next);
    return 0;
}
