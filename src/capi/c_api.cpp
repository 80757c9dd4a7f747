// The C API: converts documents and catches. Every entry point is noexcept in effect:
// its body runs inside guarded(), so no C++ exception reaches a C caller, and the
// planning logic stays in the C++ core.
#include "rehabplan/rehabplan.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "batch/batch.hpp"
#include "planning/generator.hpp"
#include "rules/heart_rate.hpp"
#include "documents/json.hpp"
#include "followup/progress.hpp"
#include "render/render.hpp"
#include "rules/rules.hpp"
#include "followup/session_log.hpp"
#include "rules/validator.hpp"
#include "capi/call_options.hpp"
#include "capi/failure.hpp"
#include "render/exercise_listing.hpp"
#include "core/utf8.hpp"  // detail::quoted(): a caller's value in a message, as render() quotes it

struct rehabplan_context {
    rehabplan::RuleSet rules = rehabplan::builtin_rules();
    std::string message;
    // Set instead of `message` when storing the message itself failed (out of memory).
    const char* static_message = nullptr;
    // rehabplan_error_json(): built when a call fails; `static_error` is used instead when
    // there is none (after a success) or building it failed (out of memory).
    std::string error_json;
    const char* static_error = nullptr;
};

namespace {

using namespace rehabplan;
using detail::quoted;
using ojson = nlohmann::ordered_json;
using namespace rehabplan::capi;

rehabplan_status status_of(ErrorCode code) {
    switch (code) {
        case ErrorCode::invalid_argument: return REHABPLAN_INVALID_ARGUMENT;
        case ErrorCode::parse_error: return REHABPLAN_PARSE_ERROR;
        case ErrorCode::schema_error: return REHABPLAN_SCHEMA_ERROR;
        case ErrorCode::rules_error: return REHABPLAN_RULES_ERROR;
        case ErrorCode::refused: return REHABPLAN_REFUSED;
        case ErrorCode::internal: return REHABPLAN_INTERNAL;
    }
    return REHABPLAN_INTERNAL;
}

// "patient: /age: expected ..." so the caller knows which document to look at. `prefix` is
// the message's first word (a document, an argument or the call); `document` the input the
// core's path points into, or nullptr when the error is about no document.
Failure failure(const Error& e, const char* prefix, const char* document) {
    Failure f{status_of(e.code), std::string(prefix) + ": " + e.describe()};
    if (!e.document.empty()) {
        // The core names another input than the one it parsed (replan: the plan breaks a rule).
        f.document = e.document == "plan" ? "plan" : e.document == "patient" ? "patient" : nullptr;
        f.pointer = e.document_path;
    } else if (document != nullptr) {
        f.document = document;
        f.pointer = e.path;
    }
    return f;
}

// A document's error: its name, the JSON Pointer.
template <class T>
T unwrap(Result<T> r, const char* document) {
    if (!r) throw failure(r.error(), document, document);
    return std::move(r).value();
}

// An argument's error (format, lang): no document.
template <class T>
T unwrap_argument(Result<T> r, const char* argument) {
    if (r) return std::move(r).value();
    Failure f = failure(r.error(), argument, nullptr);
    f.argument = argument;
    if (f.status == REHABPLAN_INVALID_ARGUMENT) f.reason = reason_argument;
    throw f;
}

// generate()'s own error: an invalid_argument is a request that cannot be planned as asked
// (the path is in the request: "/programme", "/weeks", ...); anything else is no document's.
template <class T>
T unwrap_generate(Result<T> r) {
    if (r) return std::move(r).value();
    const bool request = r.error().code == ErrorCode::invalid_argument;
    Failure f = failure(r.error(), "generate", request ? "request" : nullptr);
    if (request) f.reason = reason_cannot_plan;
    throw f;
}

// A call's own error outside any document ("progress: ..."): an invalid_argument is an
// argument's (the format or language, checked before).
template <class T>
T unwrap_call(Result<T> r, const char* call) {
    if (r) return std::move(r).value();
    Failure f = failure(r.error(), call, nullptr);
    if (f.status == REHABPLAN_INVALID_ARGUMENT) f.reason = reason_argument;
    throw f;
}

void require(const void* p, const char* name) {
    if (p == nullptr) throw argument_failure(name, std::string(name) + " is NULL");
}

std::string_view input(const char* json, std::size_t len, const char* name) {
    require(json, name);
    return std::string_view(json, len);
}

// A library-owned copy of a document: freed unless release()d to the caller, who frees it
// with rehabplan_free().
using Document = std::unique_ptr<char, decltype(&std::free)>;

Document copy_out(const std::string& s) {
    Document out(static_cast<char*>(std::malloc(s.size() + 1)), &std::free);
    if (!out) throw std::bad_alloc();
    std::memcpy(out.get(), s.data(), s.size() + 1);
    return out;
}

void set_failure(rehabplan_context* ctx, const Failure& f) {
    ctx->static_message = nullptr;
    try {
        ctx->message.assign(f.message);
    } catch (...) {
        ctx->static_message = rehabplan_status_string(f.status);
    }
    ctx->static_error = nullptr;
    try {
        ctx->error_json = error_document(f);
    } catch (...) {
        ctx->error_json.clear();
        ctx->static_error = static_error_json(f.status);
    }
}

void set_message(rehabplan_context* ctx, rehabplan_status status, const char* detail) {
    try {
        set_failure(ctx, Failure{status, detail});
    } catch (...) {
        // Not even the message could be copied: the static text and document of the status.
        ctx->message.clear();
        ctx->static_message = rehabplan_status_string(status);
        ctx->error_json.clear();
        ctx->static_error = static_error_json(status);
    }
}

// Never fails (no allocation): after it, errmsg is "" and error_json the static OK document.
void clear_message(rehabplan_context* ctx) {
    ctx->message.clear();
    ctx->static_message = nullptr;
    ctx->error_json.clear();
    ctx->static_error = static_error_json(REHABPLAN_OK);
}

// Runs `body` for a context, turning every exception into a status and a message.
template <class Body>
rehabplan_status guarded(rehabplan_context* ctx, Body body) {
    if (ctx == nullptr) return REHABPLAN_INVALID_ARGUMENT;
    clear_message(ctx);
    try {
        return body();
    } catch (const Failure& f) {
        set_failure(ctx, f);
        return f.status;
    } catch (const std::bad_alloc&) {
        set_message(ctx, REHABPLAN_OUT_OF_MEMORY, "out of memory");
        return REHABPLAN_OUT_OF_MEMORY;
    } catch (const std::exception& e) {
        try {
            set_message(ctx, REHABPLAN_INTERNAL, (std::string("internal error: ") + e.what()).c_str());
        } catch (...) {
            set_message(ctx, REHABPLAN_INTERNAL, "internal error");
        }
        return REHABPLAN_INTERNAL;
    } catch (...) {
        set_message(ctx, REHABPLAN_INTERNAL, "internal error");
        return REHABPLAN_INTERNAL;
    }
}

template <class... Out>
void clear_outputs(Out... out) {
    ((out != nullptr ? (void)(*out = nullptr) : (void)0), ...);
}

// The refusal in one line for rehabplan_errmsg(); the findings document has the detail.
std::string refusal_message(const std::vector<Finding>& findings) {
    std::string m = "the plan is refused";
    const char* sep = ": ";
    for (const auto& f : findings) {
        if (f.severity != Severity::error) continue;
        m += sep + f.rule + ": " + f.message.en;
        sep = "; ";
    }
    return m;
}

// The body of both generate calls, run inside guarded(). findings_out == nullptr: the
// caller did not ask for the findings, and a refusal's findings go to *plan_out.
rehabplan_status generate_documents(rehabplan_context* ctx, const char* patient_json, std::size_t patient_len,
                                    const char* request_json, std::size_t request_len, char** plan_out,
                                    char** findings_out) {
    require(plan_out, "plan_json_out");
    const Patient patient = unwrap(parse_patient(input(patient_json, patient_len, "patient_json")), "patient");
    const PlanRequest request = unwrap(parse_request(input(request_json, request_len, "request_json")), "request");
    const GeneratedPlan g = unwrap_generate(generate(patient, request, ctx->rules));
    if (g.refused()) {
        // The message first: once the findings are handed out, nothing may fail.
        std::string message = refusal_message(g.findings);
        *(findings_out != nullptr ? findings_out : plan_out) = copy_out(to_json(g.findings)).release();
        throw Failure{REHABPLAN_REFUSED, std::move(message)};
    }
    Document plan = copy_out(to_json(*g.plan));
    if (findings_out != nullptr) *findings_out = copy_out(to_json(g.findings)).release();
    *plan_out = plan.release();
    return REHABPLAN_OK;
}

// `today` of the progress calls: a NUL-terminated YYYY-MM-DD.
Date today_named(const char* today) {
    require(today, "today");
    const std::string_view text(today);
    if (auto d = Date::parse(text)) return *d;
    throw argument_failure("today", "today: expected a date YYYY-MM-DD, got " + quoted(text));
}

// The formats of a progress report.
Format progress_format_named(const char* format) {
    require(format, "format");
    const std::optional<Format> f = parse_format(format);
    if (f && (*f == Format::json || *f == Format::text || *f == Format::html)) return *f;
    throw argument_failure("format", "format: unknown format " + quoted(format) + "; expected json, text or html");
}

// Checked before any document is read, with rehabplan_render()'s message.
std::string_view language_named(const char* lang) {
    const std::string_view l = lang != nullptr ? lang : "";
    if (!l.empty() && l != "en" && l != "nl")
        throw argument_failure("lang", "lang: unknown language " + quoted(l) + "; expected en or nl");
    return l;
}

// The three documents of progress() and replan().
struct ProgressInputs {
    Patient patient;
    Plan plan;
    SessionLog log;
};

ProgressInputs read_progress_inputs(const char* patient_json, std::size_t patient_len, const char* plan_json,
                                    std::size_t plan_len, const char* log_json, std::size_t log_len) {
    require(patient_json, "patient_json");
    require(plan_json, "plan_json");
    require(log_json, "log_json");
    return ProgressInputs{unwrap(parse_patient(input(patient_json, patient_len, "patient_json")), "patient"),
                          unwrap(parse_plan(input(plan_json, plan_len, "plan_json")), "plan"),
                          unwrap(parse_session_log(input(log_json, log_len, "log_json")), "log")};
}

// An error of progress() or replan(): a log that does not fit the plan or today is a
// schema error of the log ("log: /entries/3/date: ..."); a today before the plan's start is
// an invalid argument the core names "/today", here the argument "today: ..."; a plan that
// already breaks a rule (replan) names the plan and the place in it; anything else is the
// call's own.
template <class T>
T unwrap_progress(Result<T> r, const char* call) {
    if (r) return std::move(r).value();
    const Error& e = r.error();
    if (e.code == ErrorCode::schema_error || e.code == ErrorCode::parse_error) throw failure(e, "log", "log");
    if (e.code == ErrorCode::invalid_argument && e.path == "/today") throw argument_failure("today", "today: " + e.message);
    Failure f = failure(e, call, nullptr);
    if (f.status == REHABPLAN_INVALID_ARGUMENT) f.reason = f.document != nullptr ? reason_plan_breaks_rule : reason_argument;
    throw f;
}

}  // namespace

extern "C" {

const char* rehabplan_status_string(int status) { return status_text(status); }

int rehabplan_version_number(void) { return REHABPLAN_VERSION_NUMBER; }

const char* rehabplan_version_string(void) { return REHABPLAN_VERSION_STRING; }

void rehabplan_free(void* document) { std::free(document); }

rehabplan_status rehabplan_context_new(rehabplan_context** out) {
    if (out == nullptr) return REHABPLAN_INVALID_ARGUMENT;
    *out = nullptr;
    try {
        *out = new rehabplan_context();
        clear_message(*out);
        return REHABPLAN_OK;
    } catch (const std::bad_alloc&) {
        return REHABPLAN_OUT_OF_MEMORY;
    } catch (...) {
        return REHABPLAN_INTERNAL;
    }
}

void rehabplan_context_free(rehabplan_context* ctx) { delete ctx; }

const char* rehabplan_errmsg(const rehabplan_context* ctx) {
    if (ctx == nullptr) return "the context is NULL";
    return ctx->static_message != nullptr ? ctx->static_message : ctx->message.c_str();
}

const char* rehabplan_error_json(const rehabplan_context* ctx, size_t* len_out) {
    const char* doc = R"({"status":"REHABPLAN_INVALID_ARGUMENT","code":1,"document":null,"pointer":null,"argument":"ctx","reason":"argument","message":"the context is NULL"})";
    if (ctx != nullptr) doc = ctx->static_error != nullptr ? ctx->static_error : ctx->error_json.c_str();
    if (len_out != nullptr) *len_out = std::strlen(doc);
    return doc;
}

rehabplan_status rehabplan_context_clone(const rehabplan_context* ctx, rehabplan_context** out) {
    if (out == nullptr) return REHABPLAN_INVALID_ARGUMENT;
    *out = nullptr;
    if (ctx == nullptr) return REHABPLAN_INVALID_ARGUMENT;
    try {
        // Only ctx->rules is read: the copy has no error yet (errmsg "", error_json OK).
        auto copy = std::make_unique<rehabplan_context>(rehabplan_context{ctx->rules, {}, nullptr, {}, nullptr});
        clear_message(copy.get());
        *out = copy.release();
        return REHABPLAN_OK;
    } catch (const std::bad_alloc&) {
        return REHABPLAN_OUT_OF_MEMORY;
    } catch (...) {
        return REHABPLAN_INTERNAL;
    }
}

rehabplan_status rehabplan_context_load_rules(rehabplan_context* ctx, const char* json, size_t len) {
    return guarded(ctx, [&] {
        // Built aside and swapped in: a failed load leaves the rules in force unchanged.
        RuleSet tightened = unwrap(apply_clinic_rules(ctx->rules, input(json, len, "json")), "rules");
        ctx->rules = std::move(tightened);
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_context_load_exercises(rehabplan_context* ctx, const char* json, size_t len) {
    return guarded(ctx, [&] {
        // As load_rules: built aside and swapped in, so a failed load changes nothing.
        RuleSet with_clinic = unwrap(apply_clinic_exercises(ctx->rules, input(json, len, "json")), "exercises");
        ctx->rules = std::move(with_clinic);
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_generate(rehabplan_context* ctx, const char* patient_json, size_t patient_len,
                                    const char* request_json, size_t request_len, char** plan_json_out) {
    clear_outputs(plan_json_out);
    return guarded(ctx, [&] {
        return generate_documents(ctx, patient_json, patient_len, request_json, request_len, plan_json_out, nullptr);
    });
}

rehabplan_status rehabplan_generate_with_findings(rehabplan_context* ctx, const char* patient_json,
                                                  size_t patient_len, const char* request_json,
                                                  size_t request_len, char** plan_json_out,
                                                  char** findings_json_out) {
    clear_outputs(plan_json_out, findings_json_out);
    return guarded(ctx, [&] {
        require(findings_json_out, "findings_json_out");
        return generate_documents(ctx, patient_json, patient_len, request_json, request_len, plan_json_out,
                                  findings_json_out);
    });
}

rehabplan_status rehabplan_validate(rehabplan_context* ctx, const char* patient_json, size_t patient_len,
                                    const char* plan_json, size_t plan_len, char** findings_json_out) {
    clear_outputs(findings_json_out);
    return guarded(ctx, [&] {
        require(findings_json_out, "findings_json_out");
        const Patient patient = unwrap(parse_patient(input(patient_json, patient_len, "patient_json")), "patient");
        const Plan plan = unwrap(parse_plan(input(plan_json, plan_len, "plan_json")), "plan");
        // An event or clearance after the plan's start: the patient document is bad input.
        if (auto e = patient_date_error(patient, plan.start_date)) {
            Failure f = failure(*e, "validate", "patient");
            f.reason = reason_cannot_plan;
            throw f;
        }
        *findings_json_out = copy_out(to_json(validate(patient, plan, ctx->rules))).release();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_heart_rate_zones(rehabplan_context* ctx, const char* patient_json, size_t patient_len,
                                            char** zones_json_out) {
    clear_outputs(zones_json_out);
    return guarded(ctx, [&] {
        require(zones_json_out, "zones_json_out");
        const Patient patient = unwrap(parse_patient(input(patient_json, patient_len, "patient_json")), "patient");
        *zones_json_out = copy_out(to_json(heart_rate_zones(patient, EffectiveRules(ctx->rules, patient)))).release();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_rules(rehabplan_context* ctx, char** rules_json_out) {
    clear_outputs(rules_json_out);
    return guarded(ctx, [&] {
        require(rules_json_out, "rules_json_out");
        *rules_json_out = copy_out(to_json(ctx->rules)).release();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_render(rehabplan_context* ctx, const char* plan_json, size_t plan_len, const char* format,
                                  const char* lang, char** out, size_t* out_len) {
    clear_outputs(out);
    if (out_len != nullptr) *out_len = 0;
    return guarded(ctx, [&] {
        require(out, "out");
        require(format, "format");
        const Format fmt = unwrap_argument(format_named(format), "format");
        const Plan plan = unwrap(parse_plan(input(plan_json, plan_len, "plan_json")), "plan");
        const std::string text = unwrap_argument(render(plan, fmt, lang != nullptr ? lang : "", ctx->rules), "lang");
        *out = copy_out(text).release();
        if (out_len != nullptr) *out_len = text.size();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_progress(rehabplan_context* ctx, const char* patient_json, size_t patient_len,
                                    const char* plan_json, size_t plan_len, const char* log_json, size_t log_len,
                                    const char* today, const char* format, const char* lang, char** out,
                                    size_t* out_len) {
    clear_outputs(out);
    if (out_len != nullptr) *out_len = 0;
    return guarded(ctx, [&] {
        require(out, "out");
        // The arguments first, then the documents.
        const Format fmt = progress_format_named(format);
        const std::string_view language = language_named(lang);
        const Date day = today_named(today);
        const ProgressInputs in = read_progress_inputs(patient_json, patient_len, plan_json, plan_len, log_json, log_len);
        const ProgressReport report = unwrap_progress(progress(in.patient, in.plan, in.log, day, ctx->rules), "progress");
        const std::string text = unwrap_call(render_progress(report, fmt, language), "progress");
        *out = copy_out(text).release();
        if (out_len != nullptr) *out_len = text.size();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_replan(rehabplan_context* ctx, const char* patient_json, size_t patient_len,
                                  const char* plan_json, size_t plan_len, const char* log_json, size_t log_len,
                                  const char* today, char** plan_json_out, char** findings_json_out) {
    clear_outputs(plan_json_out, findings_json_out);
    return guarded(ctx, [&] {
        require(plan_json_out, "plan_json_out");
        const Date day = today_named(today);
        const ProgressInputs in = read_progress_inputs(patient_json, patient_len, plan_json, plan_len, log_json, log_len);
        const ReplannedPlan r = unwrap_progress(replan(in.patient, in.plan, in.log, day, ctx->rules), "replan");
        // Both documents are made before either is handed out: nothing may fail after that.
        Document plan = copy_out(to_json(r.plan));
        Document findings(nullptr, &std::free);
        if (findings_json_out != nullptr) findings = copy_out(to_json(r.findings));
        *plan_json_out = plan.release();
        if (findings_json_out != nullptr) *findings_json_out = findings.release();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_exercises(rehabplan_context* ctx, const char* options, size_t options_len, char** out,
                                     size_t* out_len) {
    clear_outputs(out);
    if (out_len != nullptr) *out_len = 0;
    return guarded(ctx, [&] {
        require(out, "out");
        const std::string_view text = options != nullptr ? std::string_view(options, options_len) : std::string_view();
        const ExerciseListOptions o = unwrap(exercise_list_options(text), "options");
        const std::string listing = render_exercise_listing(ctx->rules, o);
        *out = copy_out(listing).release();
        if (out_len != nullptr) *out_len = listing.size();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_batch_line(rehabplan_context* ctx, const char* line, size_t len, size_t line_number,
                                      char** record_out, size_t* out_len) {
    clear_outputs(record_out);
    if (out_len != nullptr) *out_len = 0;
    return guarded(ctx, [&] {
        require(record_out, "record_out");
        std::string_view text = input(line, len, "line");
        if (line_number == 0) throw argument_failure("line_number", "line_number: expected 1 or more, got 0");
        if (const auto nl = text.find('\n'); nl != std::string_view::npos)
            throw argument_failure("line", "line: a line break at byte " + std::to_string(nl) +
                                               "; pass one line (rehabplan_batch() takes several)");
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        const BatchRecord r = batch_record(text, line_number, ctx->rules);
        *record_out = copy_out(r.json).release();
        if (out_len != nullptr) *out_len = r.json.size();
        return REHABPLAN_OK;
    });
}

rehabplan_status rehabplan_batch(rehabplan_context* ctx, const char* ndjson, size_t len, size_t first_line,
                                 unsigned threads, char** out, size_t* out_len) {
    clear_outputs(out);
    if (out_len != nullptr) *out_len = 0;
    return guarded(ctx, [&] {
        require(out, "out");
        const std::string_view text = input(ndjson, len, "ndjson");
        if (first_line == 0) throw argument_failure("first_line", "first_line: expected 1 or more, got 0");
        if (threads > max_batch_threads)
            throw argument_failure("threads", "threads: expected 0-" + std::to_string(max_batch_threads) +
                                                  " (0: one per processor), got " + std::to_string(threads));
        BatchOptions options;
        options.first_line = first_line;
        options.threads = batch_threads(threads);
        std::size_t at = 0;
        std::string result;
        run_batch(
            [&](char* buf, std::size_t cap) {
                const std::size_t n = std::min(cap, text.size() - at);
                std::memcpy(buf, text.data() + at, n);
                at += n;
                return n;
            },
            [&](std::string_view record) { result.append(record); }, ctx->rules, options);
        *out = copy_out(result).release();
        if (out_len != nullptr) *out_len = result.size();
        return REHABPLAN_OK;
    });
}

}  // extern "C"
