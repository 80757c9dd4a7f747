// Fuzzes NDJSON batches: the input is a batch, read by rehabplan_batch (1 thread twice, 2
// threads, and 2 threads from line 4294967295, so line numbers cross 2^32) and line by line by
// rehabplan_batch_line. Contract checks (rehabplan.h), aborting on a violation:
//   - the calls (fuzz::batch, fuzz::batch_line in fuzz_common.cpp): always REHABPLAN_OK for
//     non-NULL arguments, since a bad line is an error record and never a failed call; errmsg
//     ""; a NUL-terminated, valid UTF-8 output whose strlen is *out_len (out_len NULL changes
//     nothing); a record is one line, and the batch's records each end with '\n';
//   - one record per input line, in input order (fuzz::lines_of: '\n' ends a line, a '\r'
//     before it is dropped, the last line needs no line break, empty input gives empty output);
//   - every record is one JSON object with only the members of schema/batch-result.schema.json:
//     "line" is its line number counted from first_line; "status" is ok, refused or error;
//     "kind", when present, is generate or validate, and then the line has a request or a plan
//     (not both); "id" is a valid id (a string of 1-200 characters or an integer of at most
//     2^53-1 in magnitude) equal to the line's, and present whenever the line has one and the
//     record has a kind. ok: kind and a well-formed findings document (summary = list), a
//     generate record with exactly one of plan and fhir (a Bundle of type collection), a
//     validate record with neither. refused: kind generate, findings with an error finding, no
//     plan. error: "error" with only "code" (invalid_argument, parse_error or schema_error:
//     never internal, "a bug in rehabplan") and a non-empty "message" whose JSON Pointer, when
//     it starts with one, points into the line; no plan, fhir or findings;
//   - the header's document rules, per line (fuzz::check_parse_verdict): a parse_error record
//     for a blank line, a line that is not JSON, has a NUL byte or nests over 32 levels, and
//     for no other;
//   - a record is what the single-document calls say for its line: an ok generate record has
//     the plan and findings of rehabplan_generate_with_findings for the line's patient and
//     request, and its plan re-validates (rehabplan_validate, the line's patient) with zero
//     error findings; a fhir record has the Bundle of rehabplan_render(that plan, fhir, the
//     line's lang); a refused record the findings of a REFUSED generation; an ok validate
//     record the findings of rehabplan_validate (whose finding paths point into the plan);
//   - determinism: threads 1 twice and threads 2 give the same bytes; from first_line
//     4294967295 the records are the same but for "line"; rehabplan_batch_line gives each
//     record's bytes (without its '\n') for the line and its number. Lines over 4 MiB (an
//     error record in a batch, beyond the fuzzer's max_len anyway) are left out of the
//     comparison.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "fuzz_common.hpp"

namespace {

using json = nlohmann::json;

constexpr std::size_t far_first_line = 4294967295u;  // 2^32 - 1: the next line is 2^32
constexpr std::size_t max_line_bytes = 4u * 1024u * 1024u;
constexpr std::int64_t max_safe_integer = 9007199254740991;  // 2^53 - 1

std::string shorten(std::string_view s, std::size_t n = 400) {
    return s.size() <= n ? std::string(s) : std::string(s.substr(0, n)) + "... (" + std::to_string(s.size()) + " bytes)";
}

bool starts_with(const std::string& s, std::string_view p) { return s.compare(0, p.size(), p) == 0; }

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char ch : s) n += (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    return n;
}

// A line as the library reads it: without its trailing '\r'.
std::string_view without_cr(std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
}

// The records of a batch's output, one per '\n'-terminated line (fuzz::batch checked the end).
std::vector<std::string_view> records_of(const fuzz::Outcome& o, std::size_t lines, const char* what) {
    std::vector<std::string_view> records = fuzz::lines_of(o.document);
    FUZZ_CHECK(records.size() == lines, std::string(what) + ": " + std::to_string(records.size()) + " records for " +
                                            std::to_string(lines) + " input lines: " + shorten(o.document, 2000));
    return records;
}

// The line as nlohmann::json reads it, or a discarded value (a NUL byte ends nlohmann's input
// early, so a line with one is not read at all).
json parse_line(std::string_view text) {
    if (text.find('\0') != std::string_view::npos) return json(json::value_t::discarded);
    return json::parse(text.begin(), text.end(), nullptr, false);
}

// A well-formed id: a string of 1-200 characters or an integer a double holds exactly.
bool valid_id(const json& id) {
    if (id.is_string()) {
        const std::size_t n = code_points(id.get_ref<const std::string&>());
        return n >= 1 && n <= 200;
    }
    if (id.is_number_unsigned()) return id.get<std::uint64_t>() <= static_cast<std::uint64_t>(max_safe_integer);
    if (id.is_number_integer()) return id.get<std::int64_t>() >= -max_safe_integer && id.get<std::int64_t>() <= max_safe_integer;
    return false;
}

// A record's error message names the field with a JSON Pointer from the line's root
// ("/patient/age: expected ..."): when it starts with '/', some prefix before a ": " (a key
// may hold ": " itself) points into the line.
bool message_points_into(const json& line, const std::string& message) {
    for (std::size_t at = message.find(": "); at != std::string::npos; at = message.find(": ", at + 1))
        if (fuzz::points_into(line, message.substr(0, at))) return true;
    return false;
}

struct Checked {
    json record;  // the record, parsed
    json line;    // the line, parsed; discarded for a parse_error record
};

// The shape of one record (schema/batch-result.schema.json) for line `number` whose text (without
// '\r') is `text`.
Checked check_record(std::string_view record, std::size_t number, std::string_view text, const std::string& where_) {
    const std::string where = where_ + " line " + std::to_string(number);
    FUZZ_CHECK(record.find('\r') == std::string_view::npos, where + ": a CR in the record");
    json r = json::parse(record.begin(), record.end(), nullptr, false);
    FUZZ_CHECK(!r.is_discarded() && r.is_object(), where + ": the record is not a JSON object: " + shorten(record));
    const std::string shown = where + ": " + shorten(record, 1000);
    for (const auto& member : r.items()) {
        const std::string& k = member.key();
        FUZZ_CHECK(k == "line" || k == "id" || k == "kind" || k == "status" || k == "plan" || k == "fhir" ||
                       k == "findings" || k == "error",
                   shown + ": a member the schema does not have: " + k);
    }
    FUZZ_CHECK(r.contains("line") && r["line"].is_number_unsigned() && r["line"].get<std::uint64_t>() == number,
               shown + ": \"line\" is not " + std::to_string(number));
    FUZZ_CHECK(r.contains("status") && r["status"].is_string(), shown + ": no status");
    const std::string status = r["status"].get<std::string>();
    FUZZ_CHECK(status == "ok" || status == "refused" || status == "error", shown + ": unknown status");
    std::string kind;
    if (r.contains("kind")) {
        FUZZ_CHECK(r["kind"] == "generate" || r["kind"] == "validate", shown + ": unknown kind");
        kind = r["kind"].get<std::string>();
    }
    const bool has_plan = r.contains("plan"), has_fhir = r.contains("fhir"), has_findings = r.contains("findings");

    // The line, as the record says it was read.
    const bool parse_error = status == "error" && r.contains("error") && r["error"].is_object() &&
                             r["error"].value("code", "") == "parse_error";
    if (text.size() <= max_line_bytes) fuzz::check_parse_verdict("line", text, parse_error);
    json line = parse_error ? json(json::value_t::discarded) : parse_line(text);
    FUZZ_CHECK(parse_error || !line.is_discarded(), shown + ": not a parse_error, but the line is not JSON");

    if (r.contains("id")) {
        FUZZ_CHECK(valid_id(r["id"]), shown + ": an id the schema does not allow");
        FUZZ_CHECK(line.is_object() && line.contains("id") && line["id"] == r["id"], shown + ": not the line's id");
    }
    if (!kind.empty()) {
        // The line was read up to its kind: its id (read first) is echoed.
        FUZZ_CHECK(!line.contains("id") || r.contains("id"), shown + ": the line's id is missing");
        FUZZ_CHECK(line.is_object(), shown + ": a kind for a line that is not a JSON object");
        const bool request = line.contains("request"), plan = line.contains("plan");
        FUZZ_CHECK(kind == "generate" ? request && !plan : plan && !request,
                   shown + ": the kind does not match the line's request and plan");
    }

    if (status == "error") {
        FUZZ_CHECK(r.contains("error") && r["error"].is_object() && r["error"].size() == 2, shown + ": no error object");
        const json& e = r["error"];
        FUZZ_CHECK(e.contains("code") && e["code"].is_string(), shown + ": no error code");
        const std::string code = e["code"].get<std::string>();
        FUZZ_CHECK(code != "internal", shown + ": an internal error is a bug in rehabplan");
        FUZZ_CHECK(code == "invalid_argument" || code == "parse_error" || code == "schema_error",
                   shown + ": unknown error code");
        FUZZ_CHECK(e.contains("message") && e["message"].is_string() && !e["message"].get<std::string>().empty(),
                   shown + ": no error message");
        const std::string message = e["message"].get<std::string>();
        if (!parse_error && starts_with(message, "/"))
            FUZZ_CHECK(message_points_into(line, message), shown + ": the message's path is not in the line");
        FUZZ_CHECK(!has_plan && !has_fhir && !has_findings, shown + ": an error record with a result");
        return {std::move(r), std::move(line)};
    }
    FUZZ_CHECK(!r.contains("error"), shown + ": an error object in a record that is not an error");
    FUZZ_CHECK(!kind.empty(), shown + ": no kind");
    FUZZ_CHECK(line.contains("patient"), shown + ": a result for a line without a patient");
    FUZZ_CHECK(has_findings, shown + ": no findings");
    const int errors = fuzz::count_errors(r["findings"].dump());
    if (status == "refused") {
        FUZZ_CHECK(kind == "generate", shown + ": a refused validate record");
        FUZZ_CHECK(errors >= 1, shown + ": refused without an error finding");
        FUZZ_CHECK(!has_plan && !has_fhir, shown + ": a refused record with a plan");
    } else if (kind == "generate") {
        FUZZ_CHECK(has_plan != has_fhir, shown + ": an ok generate record needs exactly one of plan and fhir");
        if (has_fhir) {
            const json& b = r["fhir"];
            FUZZ_CHECK(b.is_object() && b.value("resourceType", "") == "Bundle" && b.value("type", "") == "collection" &&
                           b.contains("entry") && b["entry"].is_array(),
                       shown + ": fhir is not a collection Bundle");
        } else {
            FUZZ_CHECK(r["plan"].is_object(), shown + ": the plan is not an object");
        }
    } else {
        FUZZ_CHECK(!has_plan && !has_fhir, shown + ": a validate record with a plan");
    }
    return {std::move(r), std::move(line)};
}

// A record against the single-document calls for the same line (see the top of the file).
void check_against_calls(const fuzz::Context& c, const Checked& checked, const std::string& where) {
    const json& r = checked.record;
    const json& line = checked.line;  // an object with a patient and a request or plan: check_record made sure
    const std::string status = r["status"].get<std::string>();
    if (status == "error") return;
    const std::string patient = line["patient"].dump();
    const std::string shown = where + " line " + r["line"].dump();
    if (r["kind"] == "validate") {
        const std::string plan = line["plan"].dump();
        const fuzz::Outcome v = fuzz::validate(c, patient, plan, {"patient", "plan"});
        FUZZ_CHECK(v.ok(), shown + ": an ok validate record, but rehabplan_validate fails: " + v.describe());
        FUZZ_CHECK(json::parse(v.document) == r["findings"],
                   shown + ": the record's findings are not rehabplan_validate's: " + shorten(v.document, 2000));
        return;
    }
    const std::string request = line["request"].dump();
    const fuzz::GenerateOutcome g = fuzz::generate_with_findings(c, patient, request, {"patient", "request"});
    if (status == "refused") {
        FUZZ_CHECK(g.findings.status == REHABPLAN_REFUSED,
                   shown + ": a refused record, but rehabplan_generate_with_findings: " + g.findings.describe());
        FUZZ_CHECK(json::parse(g.findings.document) == r["findings"],
                   shown + ": the refusal's findings are not rehabplan_generate_with_findings'");
        return;
    }
    FUZZ_CHECK(g.plan.ok(), shown + ": an ok generate record, but rehabplan_generate_with_findings: " + g.plan.describe());
    FUZZ_CHECK(json::parse(g.findings.document) == r["findings"],
               shown + ": the record's findings are not rehabplan_generate_with_findings'");
    if (r.contains("plan")) {
        FUZZ_CHECK(json::parse(g.plan.document) == r["plan"],
                   shown + ": the record's plan is not rehabplan_generate_with_findings'");
        // The generated plan validates with zero errors for the line's patient.
        const fuzz::Outcome v = fuzz::validate(c, patient, r["plan"].dump(), {"patient", "plan"});
        FUZZ_CHECK(v.ok(), shown + ": the record's plan does not validate: " + v.describe());
        const int errors = fuzz::count_errors(v.document);
        FUZZ_CHECK(errors == 0, shown + ": the record's plan has " + std::to_string(errors) +
                                    " error finding(s): " + shorten(v.document, 4000));
    } else {
        const std::string lang = line.value("lang", "");
        const fuzz::Outcome f = fuzz::render(c, g.plan.document, "fhir", lang.empty() ? nullptr : lang.c_str());
        FUZZ_CHECK(f.ok(), shown + ": rehabplan_render(fhir) of the generated plan fails: " + f.describe());
        FUZZ_CHECK(json::parse(f.document) == r["fhir"],
                   shown + ": the record's Bundle is not rehabplan_render(fhir, " + (lang.empty() ? "NULL" : lang) +
                       ") of the generated plan");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string_view> lines = fuzz::lines_of(input);
    fuzz::Context c;

    // One thread, twice: the same bytes. Every record checked, and against the single calls.
    const fuzz::Outcome one = fuzz::deterministic("rehabplan_batch", [&] { return fuzz::batch(c, input, 1, 1); });
    const std::vector<std::string_view> records = records_of(one, lines.size(), "rehabplan_batch(threads 1)");
    std::vector<json> parsed;
    parsed.reserve(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const Checked checked = check_record(records[i], i + 1, without_cr(lines[i]), "rehabplan_batch(threads 1)");
        check_against_calls(c, checked, "rehabplan_batch(threads 1)");
        parsed.push_back(checked.record);
    }

    // Two threads: the same bytes.
    const fuzz::Outcome two = fuzz::batch(c, input, 1, 2);
    FUZZ_CHECK(two == one, "rehabplan_batch: threads 2 gave other bytes than threads 1:\n  threads 1: " +
                               one.describe() + "\n  threads 2: " + two.describe());

    // From line 2^32 - 1, two threads, out_len NULL: the same records but for "line".
    const fuzz::Outcome far = fuzz::batch(c, input, far_first_line, 2, false);
    const std::vector<std::string_view> far_records = records_of(far, lines.size(), "rehabplan_batch(first_line)");
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::size_t number = far_first_line + i;
        json r = check_record(far_records[i], number, without_cr(lines[i]), "rehabplan_batch(first_line)").record;
        r["line"] = i + 1;
        FUZZ_CHECK(r == parsed[i], "rehabplan_batch: from first_line " + std::to_string(far_first_line) + ", line " +
                                       std::to_string(number) + " is not the record of line " + std::to_string(i + 1) +
                                       " but for \"line\":\n  " + shorten(far_records[i]) + "\n  " + shorten(records[i]));

        // Each line alone, with its number: the batch's record without its '\n'.
        if (lines[i].size() > max_line_bytes) continue;  // an error record in a batch only
        const fuzz::Outcome alone = fuzz::batch_line(c, lines[i], number);
        FUZZ_CHECK(alone.document == far_records[i],
                   "rehabplan_batch_line gave another record than rehabplan_batch for line " + std::to_string(number) +
                       ":\n  batch_line: " + shorten(alone.document) + "\n  batch: " + shorten(far_records[i]));
    }
    return 0;
}
