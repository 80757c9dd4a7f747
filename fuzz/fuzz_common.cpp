#include "fuzz_common.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <nlohmann/json.hpp>

namespace rehabplan::embedded {
std::string_view patient_stroke();
std::string_view patient_concussion();
std::string_view patient_older_adult();
std::string_view patient_chronic_pain();
std::string_view patient_tbi();
std::string_view plan_stroke_week();
std::string_view plan_concussion();
std::string_view request_stroke();
}  // namespace rehabplan::embedded

namespace fuzz {

namespace emb = rehabplan::embedded;
using json = nlohmann::json;

void violation(const char* file, int line, const std::string& what) {
    std::fprintf(stderr, "\n==== rehabplan C API contract violation (%s:%d)\n%s\n", file, line, what.c_str());
    std::fflush(stderr);
    std::abort();
}

// ---------------------------------------------------------------------------------------
// Fixtures

namespace {
// Default programme for the patient's condition, 12 weeks from a Monday.
constexpr std::string_view default_request_text = R"({"schema_version":1,"start_date":"2026-11-23","weeks":12})";
}  // namespace

const std::vector<Fixture>& fixtures() {
    static const std::vector<Fixture> all = {
        {"stroke", emb::patient_stroke(), emb::request_stroke()},
        {"concussion", emb::patient_concussion(), default_request_text},
        {"older-adult", emb::patient_older_adult(), default_request_text},
        {"chronic-pain", emb::patient_chronic_pain(), default_request_text},
        {"tbi", emb::patient_tbi(), default_request_text},
    };
    return all;
}
const Fixture& other_fixture(std::string_view input) {
    std::uint32_t h = 2166136261u;  // FNV-1a
    for (char ch : input) h = (h ^ static_cast<unsigned char>(ch)) * 16777619u;
    return fixtures()[1 + h % (fixtures().size() - 1)];
}
std::string_view default_request() { return default_request_text; }
std::string_view patient_stroke() { return emb::patient_stroke(); }
std::string_view patient_concussion() { return emb::patient_concussion(); }
std::string_view plan_stroke_week() { return emb::plan_stroke_week(); }
std::string_view plan_concussion() { return emb::plan_concussion(); }
std::string_view request_stroke() { return emb::request_stroke(); }

// ---------------------------------------------------------------------------------------
// Context

Context::Context() {
    rehabplan_status st = rehabplan_context_new(&ctx_);
    FUZZ_CHECK(st == REHABPLAN_OK && ctx_ != nullptr, "rehabplan_context_new failed: " + std::to_string(st));
    FUZZ_CHECK(std::strcmp(rehabplan_errmsg(ctx_), "") == 0, "a new context has a message");
}

Context::~Context() { rehabplan_context_free(ctx_); }

// ---------------------------------------------------------------------------------------
// Checks

namespace {

const char* status_name(rehabplan_status s) {
    switch (s) {
        case REHABPLAN_OK: return "OK";
        case REHABPLAN_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
        case REHABPLAN_PARSE_ERROR: return "PARSE_ERROR";
        case REHABPLAN_SCHEMA_ERROR: return "SCHEMA_ERROR";
        case REHABPLAN_RULES_ERROR: return "RULES_ERROR";
        case REHABPLAN_REFUSED: return "REFUSED";
        case REHABPLAN_OUT_OF_MEMORY: return "OUT_OF_MEMORY";
        case REHABPLAN_INTERNAL: return "INTERNAL";
        default: return "not a status";
    }
}

std::string shorten(const std::string& s, std::size_t n = 400) {
    return s.size() <= n ? s : s.substr(0, n) + "... (" + std::to_string(s.size()) + " bytes)";
}

}  // namespace

bool valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n;
        std::uint32_t cp;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1Fu; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0Fu; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07u; }
        else return false;
        if (i + n >= s.size()) return false;  // truncated sequence
        for (std::size_t k = 1; k <= n; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

namespace {

using Mask = unsigned;
constexpr Mask bit(rehabplan_status s) { return 1u << static_cast<unsigned>(s); }

struct Spec {
    const char* call;
    Mask allowed;          // statuses the function may return for non-NULL arguments
    Blame blame;           // documents a PARSE/SCHEMA error may name
    const char* own_name;  // prefix of its own errors (INVALID_ARGUMENT from generate: "generate")
};

json parse_object(const char* call, const std::string& doc) {
    json j = json::parse(doc, nullptr, /*allow_exceptions=*/false);
    FUZZ_CHECK(!j.is_discarded(), std::string(call) + ": the output is not valid JSON: " + shorten(doc));
    FUZZ_CHECK(j.is_object(), std::string(call) + ": the output is not a JSON object: " + shorten(doc));
    return j;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// "<call> returned SCHEMA_ERROR (3) with message \"...\"": the start of every violation report.
std::string where_of(const std::string& call, rehabplan_status st, const std::string& errmsg) {
    return call + " returned " + status_name(st) + " (" + std::to_string(st) + ") with message \"" + shorten(errmsg) +
           "\"";
}

// The documents of the call being checked, by the name rehabplan_error_json() gives them
// ("patient", "plan", ...): set by each wrapper for the checks of its call.
struct Input {
    const char* name;
    std::string_view text;
};
thread_local std::vector<Input> current_inputs;

struct Inputs {
    Inputs(std::initializer_list<Input> inputs) { current_inputs.assign(inputs.begin(), inputs.end()); }
    ~Inputs() { current_inputs.clear(); }
    Inputs(const Inputs&) = delete;
    Inputs& operator=(const Inputs&) = delete;
};

// rehabplan_error_json() after the call (since 1.4.0): valid JSON with its seven members,
// *len_out its length, status and code those of the call, message = errmsg; a document only
// on failure, with a pointer that, when the document is one of the call's inputs and is JSON,
// points into it (or names a missing member of an object in it).
void check_error_json(const Context& c, const Outcome& o, const std::string& where) {
    std::size_t len = 0xBAD;
    const char* doc = rehabplan_error_json(c.get(), &len);
    FUZZ_CHECK(doc != nullptr, where + ": rehabplan_error_json returned NULL");
    FUZZ_CHECK(len == std::strlen(doc), where + ": rehabplan_error_json's length is not its strlen");
    const json j = json::parse(doc, doc + len, nullptr, false);
    FUZZ_CHECK(j.is_object() && j.size() == 7, where + ": rehabplan_error_json is not a 7-member object: " +
                                                    shorten(doc));
    FUZZ_CHECK(j.value("status", "") == std::string("REHABPLAN_") + status_name(o.status),
               where + ": error_json's status does not match: " + shorten(doc));
    FUZZ_CHECK(j.value("code", -1) == static_cast<int>(o.status), where + ": error_json's code does not match");
    FUZZ_CHECK(j.value("message", std::string("?")) == o.errmsg, where + ": error_json's message is not errmsg");
    const json& document = j["document"];
    const json& pointer = j["pointer"];
    FUZZ_CHECK(document.is_null() == pointer.is_null(), where + ": document and pointer: " + shorten(doc));
    FUZZ_CHECK(j["reason"].is_null() == (o.status != REHABPLAN_INVALID_ARGUMENT),
               where + ": a reason for a status other than INVALID_ARGUMENT, or none for it: " + shorten(doc));
    if (o.status == REHABPLAN_OK) {
        FUZZ_CHECK(document.is_null() && j["argument"].is_null(), where + ": OK with a document: " + shorten(doc));
        return;
    }
    if (o.status == REHABPLAN_PARSE_ERROR || o.status == REHABPLAN_SCHEMA_ERROR || o.status == REHABPLAN_RULES_ERROR)
        FUZZ_CHECK(document.is_string(), where + ": a document error without its document: " + shorten(doc));
    if (!document.is_string()) return;
    FUZZ_CHECK(pointer.is_string(), where + ": a document without a pointer: " + shorten(doc));
    const std::string name = document.get<std::string>();
    const std::string ptr = pointer.get<std::string>();
    FUZZ_CHECK(starts_with(o.errmsg, name + ": ") || o.status == REHABPLAN_INVALID_ARGUMENT,
               where + ": error_json names another document than the message: " + shorten(doc));
    for (const Input& in : current_inputs) {
        if (name != in.name) continue;
        const json input = json::parse(in.text.begin(), in.text.end(), nullptr, false);
        if (input.is_discarded()) {
            FUZZ_CHECK(ptr.empty() || o.status != REHABPLAN_PARSE_ERROR,
                       where + ": a parse error with a pointer into the document: " + shorten(doc));
            return;
        }
        // Known (fuzz/README.md): a rules error found by the cross-checks of the merged rule set
        // (an unknown reference among a rule's citations, which a clinic file appends to the
        // built-in ones) names the index in the merged list, not in the file; the message has
        // the same path. Reported; the fix belongs in src/rules. Other rules errors point in.
        if (o.status == REHABPLAN_RULES_ERROR && !points_into(input, ptr)) return;
        FUZZ_CHECK(points_into(input, ptr), where + ": error_json's pointer does not point into the " + name +
                                                ": " + shorten(doc));
        return;
    }
}

// What every call's verdict must be: a rehabplan_status it documents (in `allowed`), never
// INTERNAL, with a status string; a valid UTF-8 message that is "" exactly after success.
void check_verdict(const Context& c, const Outcome& o, Mask allowed, const std::string& where) {
    const rehabplan_status st = o.status;
    FUZZ_CHECK(static_cast<int>(st) >= 0 && st < REHABPLAN_STATUS_LAST_, where + ": not a rehabplan_status");
    FUZZ_CHECK(st != REHABPLAN_INTERNAL, where + ": REHABPLAN_INTERNAL is a bug in rehabplan");
    FUZZ_CHECK((allowed & bit(st)) != 0, where + ": a status this function does not document");
    FUZZ_CHECK(std::strcmp(rehabplan_status_string(st), "unknown status") != 0, where + ": no status string");
    FUZZ_CHECK(valid_utf8(o.errmsg), where + ": the message is not valid UTF-8");
    if (st == REHABPLAN_OK)
        FUZZ_CHECK(o.errmsg.empty(), where + ": the message is not \"\" after success");
    else
        FUZZ_CHECK(!o.errmsg.empty(), where + ": a failure with an empty message");
    check_error_json(c, o, where);
}

// The common contract of a call that returned `st` with output pointer `out` (which the
// wrapper initialised to `sentinel`).
Outcome check(const Spec& spec, const Context& c, rehabplan_status st, char* out, const char* sentinel) {
    Outcome o;
    o.status = st;
    const char* msg = rehabplan_errmsg(c.get());
    FUZZ_CHECK(msg != nullptr, std::string(spec.call) + ": rehabplan_errmsg returned NULL");
    o.errmsg = msg;
    FUZZ_CHECK(out != sentinel, std::string(spec.call) + ": the output pointer was left unset");
    if (out != nullptr) {
        o.has_document = true;
        o.document = out;  // reads up to the NUL: ASan reports a missing terminator
        rehabplan_free(out);
    }
    const std::string where = where_of(spec.call, st, o.errmsg);
    check_verdict(c, o, spec.allowed, where);
    if (st == REHABPLAN_OK) {
        FUZZ_CHECK(o.has_document, where + ": OK with a NULL output");
        parse_object(spec.call, o.document);
        return o;
    }
    if (st == REHABPLAN_REFUSED) {
        FUZZ_CHECK(o.has_document, where + ": REFUSED without its findings document");
        FUZZ_CHECK(count_errors(o.document) >= 1, where + ": REFUSED with no error finding: " + shorten(o.document));
        return o;
    }
    FUZZ_CHECK(!o.has_document, where + ": a failure with a non-NULL output: " + shorten(o.document));
    if (st == REHABPLAN_PARSE_ERROR || st == REHABPLAN_SCHEMA_ERROR || st == REHABPLAN_RULES_ERROR) {
        bool named = false;
        for (const char* doc : spec.blame) named = named || starts_with(o.errmsg, std::string(doc) + ": ");
        FUZZ_CHECK(named, where + ": the message does not name the offending document");
    }
    if (st == REHABPLAN_INVALID_ARGUMENT)
        FUZZ_CHECK(starts_with(o.errmsg, std::string(spec.own_name) + ": "), where + ": unexpected message prefix");
    return o;
}

constexpr Mask document_errors = bit(REHABPLAN_PARSE_ERROR) | bit(REHABPLAN_SCHEMA_ERROR);
constexpr Mask validate_mask = bit(REHABPLAN_OK) | document_errors | bit(REHABPLAN_OUT_OF_MEMORY);
// rehabplan_validate also refuses a patient whose event or clearance date lies after the
// plan's start (INVALID_ARGUMENT, "validate: /conditions/0/event_date: ..."), as its
// header comment lists; rehabplan_heart_rate_zones has no plan and never does.
constexpr Mask plan_check_mask = validate_mask | bit(REHABPLAN_INVALID_ARGUMENT);
constexpr Mask generate_mask = bit(REHABPLAN_OK) | bit(REHABPLAN_INVALID_ARGUMENT) | document_errors |
                               bit(REHABPLAN_REFUSED) | bit(REHABPLAN_OUT_OF_MEMORY);
// The header lists PARSE_ERROR and RULES_ERROR for rehabplan_context_load_rules; the
// library also returns SCHEMA_ERROR for a rule file of the wrong shape (wrong types,
// unknown fields), which the status enum describes. Accepted here; see fuzz/README.md.
constexpr Mask load_rules_mask = bit(REHABPLAN_OK) | document_errors | bit(REHABPLAN_RULES_ERROR) |
                                 bit(REHABPLAN_OUT_OF_MEMORY);

char sentinel_byte;
char* const sentinel = &sentinel_byte;

const char* data_of(std::string_view s) { return s.data() != nullptr ? s.data() : ""; }

constexpr std::size_t len_sentinel = 0xBAD;

// The contract shared by the calls that return a text document and its length in *out_len
// (rehabplan_render, rehabplan_batch_line, rehabplan_batch), for a call that returned `st`
// with output `out` (preset to `sentinel`) and `len` (preset to len_sentinel; ignored unless
// with_out_len): the output pointer is set, and copied and released here; the status is a
// rehabplan_status in `allowed`, never INTERNAL; the message is valid UTF-8. OK: errmsg "",
// a non-NULL, valid UTF-8 document whose strlen is *out_len. A failure: a non-empty message,
// a NULL output and *out_len 0.
Outcome text_outcome(const Context& c, const std::string& call, Mask allowed, rehabplan_status st, char* out,
                     std::size_t len, bool with_out_len) {
    Outcome o;
    o.status = st;
    const char* msg = rehabplan_errmsg(c.get());
    FUZZ_CHECK(msg != nullptr, call + ": rehabplan_errmsg returned NULL");
    o.errmsg = msg;
    const std::string where = where_of(call, st, o.errmsg);
    FUZZ_CHECK(out != sentinel, where + ": the output pointer was left unset");
    if (out != nullptr) {
        o.has_document = true;
        o.document = out;  // reads up to the NUL: ASan reports a missing terminator
        rehabplan_free(out);
    }
    check_verdict(c, o, allowed, where);
    if (st == REHABPLAN_OK) {
        FUZZ_CHECK(o.has_document, where + ": OK with a NULL output");
        if (with_out_len)
            FUZZ_CHECK(len == o.document.size(), where + ": *out_len " + std::to_string(len) + " but strlen " +
                                                     std::to_string(o.document.size()));
        FUZZ_CHECK(valid_utf8(o.document), where + ": the document is not valid UTF-8: " + shorten(o.document));
        return o;
    }
    FUZZ_CHECK(!o.has_document, where + ": a failure with a non-NULL output: " + shorten(o.document));
    if (with_out_len) FUZZ_CHECK(len == 0, where + ": *out_len is not 0 after a failure");
    return o;
}

// JSON syntax and nesting depth, without building a tree (nlohmann's SAX interface).
class DepthSax : public json::json_sax_t {
public:
    int deepest = 0;
    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t&) override { return true; }
    bool string(string_t&) override { return true; }
    bool binary(binary_t&) override { return true; }
    bool start_object(std::size_t) override { return open(); }
    bool key(string_t&) override { return true; }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const json::exception&) override { return false; }

private:
    int depth_ = 0;
    bool open() {
        deepest = std::max(deepest, ++depth_);
        return depth_ <= 10000;  // deep enough to judge "more than 32", bounded
    }
    bool close() {
        --depth_;
        return true;
    }
};

}  // namespace

bool points_into(const json& doc, const std::string& pointer) {
    try {
        const json::json_pointer ptr(pointer);
        return doc.contains(ptr) || (doc.contains(ptr.parent_pointer()) && doc[ptr.parent_pointer()].is_object());
    } catch (const json::exception&) {
        return false;  // not a JSON Pointer at all
    }
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

bool parse_error_of(const Outcome& o, const char* document) {
    return o.status == REHABPLAN_PARSE_ERROR && starts_with(o.errmsg, std::string(document) + ": ");
}

void check_parse_verdict(const char* document, std::string_view text, bool parse_error) {
    constexpr std::size_t max_bytes = 4u * 1024u * 1024u;
    constexpr int max_depth = 32;
    const bool has_nul = text.find('\0') != std::string_view::npos;
    const bool blank = text.find_first_not_of(" \t\r\n") == std::string_view::npos;
    DepthSax sax;
    const bool valid_json = !has_nul && json::sax_parse(text.begin(), text.end(), &sax);
    const std::string what = std::string(document) + " (" + std::to_string(text.size()) + " bytes, depth " +
                             std::to_string(sax.deepest) + (has_nul ? ", with a NUL byte" : "") +
                             (valid_json ? ", valid JSON" : ", not JSON") + ")";
    if (!parse_error) {
        FUZZ_CHECK(!has_nul, what + ": a document with a NUL byte was not a PARSE_ERROR");
        FUZZ_CHECK(valid_json, what + ": a document that is not JSON was not a PARSE_ERROR");
        FUZZ_CHECK(sax.deepest <= max_depth, what + ": a document nested too deep was not a PARSE_ERROR");
        FUZZ_CHECK(text.size() <= max_bytes, what + ": a document over 4 MiB was not a PARSE_ERROR");
    } else {
        FUZZ_CHECK(!(valid_json && !blank && sax.deepest <= max_depth && text.size() <= max_bytes),
                   what + ": valid JSON within the limits was a PARSE_ERROR");
    }
}

std::string Outcome::describe() const {
    return std::string(status_name(status)) + " message \"" + shorten(errmsg) + "\" document " +
           (has_document ? shorten(document) : std::string("NULL"));
}

int count_errors(const std::string& findings) {
    json j = parse_object("findings", findings);
    FUZZ_CHECK(j.contains("findings") && j["findings"].is_array(), "findings document without a findings list");
    FUZZ_CHECK(j.contains("summary") && j["summary"].is_object(), "findings document without a summary");
    int errors = 0, warnings = 0, infos = 0;
    for (const json& f : j["findings"]) {
        FUZZ_CHECK(f.is_object() && f.contains("severity") && f["severity"].is_string(), "finding without severity");
        const std::string sev = f["severity"].get<std::string>();
        if (sev == "error") ++errors;
        else if (sev == "warning") ++warnings;
        else if (sev == "info") ++infos;
        else FUZZ_CHECK(false, "unknown severity " + sev);
    }
    const json& s = j["summary"];
    FUZZ_CHECK(s.value("errors", -1) == errors && s.value("warnings", -1) == warnings && s.value("infos", -1) == infos,
               "summary " + s.dump() + " disagrees with the findings list");
    return errors;
}

Outcome heart_rate_zones(const Context& c, std::string_view patient, Blame blame) {
    char* out = sentinel;
    const Inputs inputs{{"patient", patient}};
    rehabplan_status st = rehabplan_heart_rate_zones(c.get(), data_of(patient), patient.size(), &out);
    return check(Spec{"rehabplan_heart_rate_zones", validate_mask, blame, ""}, c, st, out, sentinel);
}

namespace {

// Every finding's path is a JSON Pointer into the plan (schema/README.md, Findings): it
// resolves, or names a missing member of an object that exists (a default such as
// "stop_signals": [] that the plan left out).
void check_finding_paths(std::string_view plan_text, const std::string& findings) {
    const json plan = json::parse(plan_text.begin(), plan_text.end(), nullptr, false);
    FUZZ_CHECK(plan.is_object(), "rehabplan_validate accepted a plan that is not a JSON object");
    const json doc = json::parse(findings);
    for (const json& f : doc["findings"]) {
        FUZZ_CHECK(f.contains("path") && f["path"].is_string(), "a finding without a path: " + f.dump());
        const std::string path = f["path"].get<std::string>();
        if (path.empty()) continue;
        FUZZ_CHECK(points_into(plan, path), "a finding's path does not point into the plan: " + f.dump());
    }
}

}  // namespace

Outcome validate(const Context& c, std::string_view patient, std::string_view plan, Blame blame) {
    char* out = sentinel;
    const Inputs inputs{{"patient", patient}, {"plan", plan}};
    rehabplan_status st =
        rehabplan_validate(c.get(), data_of(patient), patient.size(), data_of(plan), plan.size(), &out);
    Outcome o = check(Spec{"rehabplan_validate", plan_check_mask, blame, "validate"}, c, st, out, sentinel);
    if (o.ok()) {
        count_errors(o.document);
        check_finding_paths(plan, o.document);
    }
    return o;
}

Outcome generate(const Context& c, std::string_view patient, std::string_view request, Blame blame) {
    char* out = sentinel;
    const Inputs inputs{{"patient", patient}, {"request", request}};
    rehabplan_status st =
        rehabplan_generate(c.get(), data_of(patient), patient.size(), data_of(request), request.size(), &out);
    return check(Spec{"rehabplan_generate", generate_mask, blame, "generate"}, c, st, out, sentinel);
}

GenerateOutcome generate_with_findings(const Context& c, std::string_view patient, std::string_view request,
                                       Blame blame) {
    char* plan = sentinel;
    char* findings = sentinel;
    const Inputs inputs{{"patient", patient}, {"request", request}};
    rehabplan_status st = rehabplan_generate_with_findings(c.get(), data_of(patient), patient.size(),
                                                           data_of(request), request.size(), &plan, &findings);
    const char* call = "rehabplan_generate_with_findings";
    FUZZ_CHECK(plan != sentinel && findings != sentinel, std::string(call) + ": an output pointer was left unset");
    GenerateOutcome g;
    if (st == REHABPLAN_REFUSED) {
        // The plan is NULL and the findings document has the reasons.
        FUZZ_CHECK(plan == nullptr, std::string(call) + ": REFUSED with a plan");
        g.findings = check(Spec{call, generate_mask, blame, "generate"}, c, st, findings, sentinel);
        g.plan = g.findings;
        g.plan.has_document = false;
        g.plan.document.clear();
        return g;
    }
    char* findings_copy = findings;
    g.plan = check(Spec{call, generate_mask, blame, "generate"}, c, st, plan, sentinel);
    if (st == REHABPLAN_OK) {
        FUZZ_CHECK(findings_copy != nullptr, std::string(call) + ": OK without findings");
        g.findings = check(Spec{call, generate_mask, blame, "generate"}, c, st, findings_copy, sentinel);
        count_errors(g.findings.document);
    } else {
        FUZZ_CHECK(findings_copy == nullptr, std::string(call) + ": a failure with findings");
        g.findings = g.plan;
    }
    return g;
}

Outcome load_rules(const Context& c, std::string_view rules) {
    const Inputs inputs{{"rules", rules}};
    rehabplan_status st = rehabplan_context_load_rules(c.get(), data_of(rules), rules.size());
    // No output document: check() sees a NULL output, which OK must not have.
    Outcome o;
    o.status = st;
    o.errmsg = rehabplan_errmsg(c.get());
    const std::string where = where_of("rehabplan_context_load_rules", st, o.errmsg);
    check_verdict(c, o, load_rules_mask, where);
    if (st != REHABPLAN_OK && st != REHABPLAN_OUT_OF_MEMORY)
        FUZZ_CHECK(starts_with(o.errmsg, "rules: "), where + ": the message does not name the document");
    return o;
}

Outcome rules(const Context& c) {
    char* out = sentinel;
    rehabplan_status st = rehabplan_rules(c.get(), &out);
    return check(Spec{"rehabplan_rules", bit(REHABPLAN_OK) | bit(REHABPLAN_OUT_OF_MEMORY), {}, ""}, c, st, out,
                 sentinel);
}

Outcome load_exercises(const Context& c, std::string_view exercises) {
    const Inputs inputs{{"exercises", exercises}};
    const rehabplan_status st = rehabplan_context_load_exercises(c.get(), data_of(exercises), exercises.size());
    Outcome o;
    o.status = st;
    o.errmsg = rehabplan_errmsg(c.get());
    const std::string where = where_of("rehabplan_context_load_exercises", st, o.errmsg);
    check_verdict(c, o, load_rules_mask, where);
    if (st != REHABPLAN_OK && st != REHABPLAN_OUT_OF_MEMORY)
        FUZZ_CHECK(starts_with(o.errmsg, "exercises: "), where + ": the message does not name the document");
    return o;
}

Outcome exercises(const Context& c, const char* options) {
    char* out = sentinel;
    std::size_t len = len_sentinel;
    const std::string_view text = options != nullptr ? std::string_view(options) : std::string_view();
    const Inputs inputs{{"options", text}};
    const rehabplan_status st = rehabplan_exercises(c.get(), options, text.size(), &out, &len);
    const std::string call = std::string("rehabplan_exercises(") + (options ? shorten(options, 60) : "NULL") + ")";
    const Outcome o = text_outcome(c, call, bit(REHABPLAN_OK) | document_errors | bit(REHABPLAN_OUT_OF_MEMORY), st,
                                   out, len, true);
    const std::string where = where_of(call, st, o.errmsg);
    if (st == REHABPLAN_PARSE_ERROR || st == REHABPLAN_SCHEMA_ERROR)
        FUZZ_CHECK(starts_with(o.errmsg, "options: "), where + ": the message does not name the options");
    return o;
}

Outcome render(const Context& c, std::string_view plan, const char* format, const char* lang, bool with_out_len) {
    char* out = sentinel;
    std::size_t len = len_sentinel;
    const Inputs inputs{{"plan", plan}};
    const rehabplan_status st = rehabplan_render(c.get(), data_of(plan), plan.size(), format, lang, &out,
                                                 with_out_len ? &len : nullptr);
    const std::string lang_shown = lang == nullptr      ? std::string("NULL")
                                   : valid_utf8(lang) ? "\"" + shorten(lang, 40) + "\""
                                                      : std::string("(not UTF-8)");
    const std::string call = std::string("rehabplan_render(format ") + format + ", lang " + lang_shown + ")";
    constexpr Mask render_mask = bit(REHABPLAN_OK) | bit(REHABPLAN_INVALID_ARGUMENT) | document_errors |
                                 bit(REHABPLAN_OUT_OF_MEMORY);
    const Outcome o = text_outcome(c, call, render_mask, st, out, len, with_out_len);
    const std::string where = where_of(call, st, o.errmsg);
    if (st == REHABPLAN_OK) {
        FUZZ_CHECK(!o.document.empty(), where + ": OK with an empty document");
        return o;
    }
    if (st == REHABPLAN_PARSE_ERROR || st == REHABPLAN_SCHEMA_ERROR)
        FUZZ_CHECK(starts_with(o.errmsg, "plan: "), where + ": the message does not name the plan");
    if (st == REHABPLAN_INVALID_ARGUMENT)
        FUZZ_CHECK(starts_with(o.errmsg, "format: ") || starts_with(o.errmsg, "lang: "),
                   where + ": the message does not name the argument");
    return o;
}

Outcome batch_line(const Context& c, std::string_view line, std::size_t line_number, bool with_out_len) {
    char* out = sentinel;
    std::size_t len = len_sentinel;
    const rehabplan_status st = rehabplan_batch_line(c.get(), data_of(line), line.size(), line_number, &out,
                                                     with_out_len ? &len : nullptr);
    const std::string call = "rehabplan_batch_line(" + std::to_string(line.size()) + " bytes, line_number " +
                             std::to_string(line_number) + ")";
    const Outcome o = text_outcome(c, call, bit(REHABPLAN_OK), st, out, len, with_out_len);
    const std::string where = where_of(call, st, o.errmsg);
    FUZZ_CHECK(!o.document.empty(), where + ": an empty record");
    FUZZ_CHECK(o.document.find('\n') == std::string::npos, where + ": a line break in the record: " + shorten(o.document));
    return o;
}

Outcome batch(const Context& c, std::string_view ndjson, std::size_t first_line, unsigned threads, bool with_out_len) {
    char* out = sentinel;
    std::size_t len = len_sentinel;
    const rehabplan_status st = rehabplan_batch(c.get(), data_of(ndjson), ndjson.size(), first_line, threads, &out,
                                                with_out_len ? &len : nullptr);
    const std::string call = "rehabplan_batch(" + std::to_string(ndjson.size()) + " bytes, first_line " +
                             std::to_string(first_line) + ", threads " + std::to_string(threads) + ")";
    const Outcome o = text_outcome(c, call, bit(REHABPLAN_OK), st, out, len, with_out_len);
    const std::string where = where_of(call, st, o.errmsg);
    FUZZ_CHECK(o.document.empty() == ndjson.empty(), where + ": the output is empty for input that is not, or not "
                                                             "for empty input: " + shorten(o.document));
    FUZZ_CHECK(o.document.empty() || o.document.back() == '\n', where + ": the last record has no line break");
    return o;
}

Outcome check_generation(const Context& c, std::string_view patient, std::string_view request, Blame blame) {
    const Outcome plan = generate(c, patient, request, blame);

    // The same generation again, through the other entry point: the same status, message
    // and bytes (determinism, and the two entry points agree).
    const GenerateOutcome with = generate_with_findings(c, patient, request, blame);
    FUZZ_CHECK(with.plan.status == plan.status && with.plan.errmsg == plan.errmsg,
               "rehabplan_generate_with_findings disagrees with rehabplan_generate:\n  generate: " + plan.describe() +
                   "\n  with_findings: " + with.plan.describe());
    if (plan.status == REHABPLAN_REFUSED) {
        FUZZ_CHECK(with.findings.document == plan.document,
                   "REFUSED: the findings differ between generate and generate_with_findings");
    } else {
        FUZZ_CHECK(with.plan.document == plan.document,
                   "the plan differs between generate and generate_with_findings");
    }

    if (plan.ok()) {
        // The generated plan validates with zero errors under the same patient and rules.
        const Outcome v = validate(c, patient, plan.document, {"patient", "plan"});
        FUZZ_CHECK(v.ok(), "the generated plan does not validate: " + v.describe() +
                               "\n  plan: " + shorten(plan.document, 2000));
        const int errors = count_errors(v.document);
        FUZZ_CHECK(errors == 0, "the generated plan has " + std::to_string(errors) +
                                    " error finding(s): " + shorten(v.document, 4000));
        // The patient parsed, so its zones must too.
        const Outcome z = heart_rate_zones(c, patient, {"patient"});
        FUZZ_CHECK(z.ok(), "generate accepted the patient but rehabplan_heart_rate_zones did not: " + z.describe());
    }
    return plan;
}

void check_error_json(const Context& c, const Outcome& o, const std::string& where,
                      std::initializer_list<std::pair<const char*, std::string_view>> inputs) {
    current_inputs.clear();
    for (const auto& [name, text] : inputs) current_inputs.push_back(Input{name, text});
    check_error_json(c, o, where);
    current_inputs.clear();
}

}  // namespace fuzz
