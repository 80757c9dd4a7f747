/*
 * c_api_test.h: what the area tests of the C API share (c_api_<area>_test.c, one ctest entry
 * c_api.<area> each; see tests/c/README.md): the documents written as C strings, the helpers
 * that call the library and check its contract, and the section constants, in the order of the
 * former single c_api_test.c. Everything is static and marked TEST_UNUSED, since each area
 * uses only part of it.
 *
 * Documents come from examples/ and tests/data/ (REHABPLAN_SOURCE_DIR) or are written here as
 * C strings. Each test function uses its own contexts and releases everything it gets, so the
 * ASan build also checks the ownership rules (LeakSanitizer reports a document not freed).
 */
#ifndef REHABPLAN_C_API_TEST_H
#define REHABPLAN_C_API_TEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehabplan/rehabplan.h"
#include "test_support.h"

/* Shared static definitions: not every area test uses every one. */
#if defined(__GNUC__) || defined(__clang__)
#define TEST_UNUSED __attribute__((unused))
#else
#define TEST_UNUSED
#endif

/* A non-NULL pointer no call may leave in an output: it must become NULL or a new document. */
TEST_UNUSED static char poison_byte;
#define POISON (&poison_byte)

/* An output that must be NULL; a document wrongly returned is released after the check
 * fails, so the failure is reported once and not again as a leak. */
#define CHECK_NULL_OUT(p)                                    \
    do {                                                     \
        if (!CHECK_NULL(p) && (p) != POISON) rehabplan_free(p); \
        (p) = NULL;                                          \
    } while (0)

#define FOUR_MIB ((size_t)4 * 1024 * 1024)

TEST_UNUSED static const char STROKE_REQUEST[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":12,\"programme\":\"standard\",\"language\":\"en\"}";
TEST_UNUSED static const char DEFAULT_REQUEST[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":6}";

/* Absolute contraindications (data/rules.json, safety.contraindication.absolute). */
TEST_UNUSED static const char REFUSED_PATIENT[] =
    "{\"schema_version\":1,\"id\":\"P-REF\",\"age\":60,\"sex\":\"male\","
    "\"conditions\":[{\"type\":\"stroke\",\"event_date\":\"2026-08-14\"}],"
    "\"contraindications\":{\"named\":[\"unstable_angina\"]},\"baseline_minutes\":20}";

/* Tightens a safety parameter (85 -> 75 %HRmax): changes the heart-rate targets of a plan. */
TEST_UNUSED static const char TIGHTEN_HR[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":75}}}}";
/* Tighter than the built-in 85 but looser than TIGHTEN_HR: refused once TIGHTEN_HR is loaded. */
TEST_UNUSED static const char HR_80[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":80}}}}";
/* Loosens a safety parameter (85 -> 90): always refused. */
TEST_UNUSED static const char LOOSEN_HR[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":90}}}}";
/* Changes a fixed parameter. */
TEST_UNUSED static const char CHANGE_FIXED[] =
    "{\"schema_version\":1,\"rules\":{\"week.volume\":{\"params\":{\"vigorous_factor\":3}}}}";
TEST_UNUSED static const char UNKNOWN_RULE[] =
    "{\"schema_version\":1,\"rules\":{\"no.such_rule\":{\"params\":{\"min_minutes\":50}}}}";

/* ------------------------------------------------------------------------------------- */

TEST_UNUSED static rehabplan_context *new_context(void) {
    rehabplan_context *ctx = NULL;
    if (!CHECK_STATUS(NULL, rehabplan_context_new(&ctx), REHABPLAN_OK) || !CHECK_NOT_NULL(ctx)) {
        fprintf(stderr, "cannot create a context: stopping\n");
        exit(1);
    }
    return ctx;
}

/* The rules document of a context (caller frees), NULL on failure. */
TEST_UNUSED static char *rules_of(rehabplan_context *ctx) {
    char *rules = POISON;
    if (!CHECK_STATUS(ctx, rehabplan_rules(ctx, &rules), REHABPLAN_OK)) return NULL;
    return rules;
}

/* A plan (caller frees), NULL on failure. */
TEST_UNUSED static char *plan_for(rehabplan_context *ctx, const test_doc *patient, const char *request) {
    char *plan = POISON;
    if (!CHECK_STATUS(ctx, rehabplan_generate(ctx, patient->data, patient->len, request, strlen(request), &plan),
                      REHABPLAN_OK))
        return NULL;
    return plan;
}

/* The number of error findings when `plan` is checked for `patient` in ctx; -1 on failure. */
TEST_UNUSED static long errors_in(rehabplan_context *ctx, const test_doc *patient, const char *plan) {
    char *findings = POISON;
    long errors;
    if (plan == NULL) return -1;
    if (!CHECK_STATUS(ctx, rehabplan_validate(ctx, patient->data, patient->len, plan, strlen(plan), &findings),
                      REHABPLAN_OK))
        return -1;
    errors = test_summary_count(findings, "errors");
    rehabplan_free(findings);
    return errors;
}

/* ------------------------------------------------------------------------------------- */

/* One malformed document in each place a document is read: as the patient (generate,
 * generate_with_findings, validate, heart_rate_zones), the request, the plan and a rule
 * file. Every call is a PARSE_ERROR, leaves its outputs NULL and its message names the
 * document; `detail`, when not NULL, must be in every message. */
TEST_UNUSED static void expect_parse_error_everywhere(const char *label, const char *bad, size_t bad_len, const char *detail) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-stroke-week.json");
    const char *req = STROKE_REQUEST;
    size_t req_len = strlen(STROKE_REQUEST);
    char *out = POISON, *out2 = POISON;
    char *rules_before = rules_of(ctx), *rules_after;
    int ok = 1;

    fprintf(stderr, "parse error case: %s\n", label);
#define EXPECT_PARSE(call, prefix)                                                 \
    do {                                                                           \
        ok &= CHECK_STATUS(ctx, call, REHABPLAN_PARSE_ERROR);                      \
        ok &= CHECK_STARTS_WITH(rehabplan_errmsg(ctx), prefix);                    \
        if (detail != NULL) ok &= CHECK_CONTAINS(rehabplan_errmsg(ctx), detail);   \
    } while (0)

    out = POISON;
    EXPECT_PARSE(rehabplan_generate(ctx, bad, bad_len, req, req_len, &out), "patient: ");
    CHECK_NULL_OUT(out);
    out = POISON;
    EXPECT_PARSE(rehabplan_generate(ctx, patient.data, patient.len, bad, bad_len, &out), "request: ");
    CHECK_NULL_OUT(out);
    out = POISON;
    out2 = POISON;
    EXPECT_PARSE(rehabplan_generate_with_findings(ctx, bad, bad_len, req, req_len, &out, &out2), "patient: ");
    CHECK_NULL_OUT(out);
    CHECK_NULL_OUT(out2);
    out = POISON;
    EXPECT_PARSE(rehabplan_validate(ctx, bad, bad_len, plan.data, plan.len, &out), "patient: ");
    CHECK_NULL_OUT(out);
    out = POISON;
    EXPECT_PARSE(rehabplan_validate(ctx, patient.data, patient.len, bad, bad_len, &out), "plan: ");
    CHECK_NULL_OUT(out);
    out = POISON;
    EXPECT_PARSE(rehabplan_heart_rate_zones(ctx, bad, bad_len, &out), "patient: ");
    CHECK_NULL_OUT(out);
    EXPECT_PARSE(rehabplan_context_load_rules(ctx, bad, bad_len), "rules: ");
    {
        size_t out_len = 1;
        out = POISON;
        EXPECT_PARSE(rehabplan_render(ctx, bad, bad_len, "html", "en", &out, &out_len), "plan: ");
        CHECK_NULL_OUT(out);
        ok &= CHECK_INT_EQ(out_len, 0);
    }
#undef EXPECT_PARSE

    rules_after = rules_of(ctx);
    ok &= CHECK_STR_EQ(rules_after, rules_before);
    if (!ok) fprintf(stderr, "    (in parse error case: %s)\n", label);

    rehabplan_free(rules_before);
    rehabplan_free(rules_after);
    test_doc_free(&patient);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

/* `text` (NUL-terminated), spaces appended up to `total` bytes, in a buffer of exactly `total`. */
TEST_UNUSED static test_doc padded(const char *text, size_t total) {
    test_doc d;
    size_t n = strlen(text);
    d.len = total;
    d.data = (char *)malloc(total);
    if (d.data == NULL || n > total) {
        fprintf(stderr, "test set-up: cannot pad a document to %lu bytes\n", (unsigned long)total);
        exit(2);
    }
    memcpy(d.data, text, n);
    memset(d.data + n, ' ', total - n);
    return d;
}

/* `{"schema_version":1,"deep":[[...]]}` with `depth` levels in all (the object is level 1). */
TEST_UNUSED static test_doc nested(int depth) {
    const char *head = "{\"schema_version\":1,\"deep\":";
    size_t n = strlen(head), i;
    size_t arrays = (size_t)depth - 1;
    test_doc d;
    d.len = n + 2 * arrays + 1;
    d.data = (char *)malloc(d.len);
    if (d.data == NULL) exit(2);
    memcpy(d.data, head, n);
    for (i = 0; i < arrays; ++i) d.data[n + i] = '[';
    for (i = 0; i < arrays; ++i) d.data[n + arrays + i] = ']';
    d.data[d.len - 1] = '}';
    return d;
}

/* A schema error in the patient: the same status and JSON Pointer from every function that
 * reads a patient. */
TEST_UNUSED static void expect_patient_schema_error(const char *patient, const char *pointer_prefix, const char *detail) {
    rehabplan_context *ctx = new_context();
    test_doc plan = test_read("examples/plan-stroke-week.json");
    size_t len = strlen(patient);
    char *out = POISON, *out2 = POISON;

    fprintf(stderr, "schema error case: %s\n", pointer_prefix);
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, patient, len, &out), REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), pointer_prefix);
    if (detail != NULL) CHECK_CONTAINS(rehabplan_errmsg(ctx), detail);

    out = POISON;
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient, len, STROKE_REQUEST, strlen(STROKE_REQUEST), &out),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), pointer_prefix);

    out = POISON;
    out2 = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_generate_with_findings(ctx, patient, len, STROKE_REQUEST, strlen(STROKE_REQUEST), &out,
                                                  &out2),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_NULL_OUT(out2);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), pointer_prefix);

    out = POISON;
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient, len, plan.data, plan.len, &out), REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), pointer_prefix);

    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

#define PATIENT_WITH(age, heart_rate, event_date)                                                           \
    "{\"schema_version\":1,\"id\":\"P-1\",\"age\":" age ",\"sex\":\"female\","                                \
    "\"conditions\":[{\"type\":\"stroke\",\"event_date\":\"" event_date "\"}],\"heart_rate\":{" heart_rate "}," \
    "\"baseline_minutes\":20,\"available_days\":[\"mon\",\"wed\",\"fri\"]}"

/* ------------------------------------------------------------------------------------- *
 * rehabplan_render
 * ------------------------------------------------------------------------------------- */

TEST_UNUSED static const char *const FORMATS[] = {"text", "markdown", "html", "ics", "json", "fhir"};
#define FORMAT_COUNT (sizeof FORMATS / sizeof FORMATS[0])

/* A value no call may leave in *out_len: it must become the length, or 0 on failure. */
#define LEN_POISON ((size_t)0xBAD)

/* A 4-week Dutch request for the stroke patient. */
TEST_UNUSED static const char DUTCH_REQUEST[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":4,\"programme\":\"standard\",\"language\":\"nl\"}";

/* A plan as a therapist might type it: no patient, zone, findings or language; the title
 * and note are the therapist's own words (one with markup characters). */
TEST_UNUSED static const char THERAPIST_PLAN[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":1,\"programme\":\"standard\","
    "\"sessions\":[{\"date\":\"2026-11-23\",\"type\":\"aerobic\",\"minutes\":20,"
    "\"title\":\"Fietsen met Anna \xe2\x80\x93 \xc3\xa9\xc3\xa9n keer\","
    "\"note\":\"Bring water <b> & a towel\"},"
    "{\"date\":\"2026-11-26\",\"type\":\"balance\",\"minutes\":15}]}";
TEST_UNUSED static const char THERAPIST_TITLE[] = "Fietsen met Anna \xe2\x80\x93 \xc3\xa9\xc3\xa9n keer";

/* A clinic file that raises the weekly target (a dosing parameter, not a safety one). */
TEST_UNUSED static const char VOLUME_180[] =
    "{\"schema_version\":1,\"rules\":{\"week.volume\":{\"params\":{\"min_minutes\":180}}}}";

TEST_UNUSED static int is_format(const char *format, const char *name) { return strcmp(format, name) == 0; }

/* A copy of an iCalendar document with its folded lines joined again (RFC 5545 3.1: a CRLF
 * followed by one space or tab is removed), so a search does not depend on where a long
 * line was folded. Caller frees. */
TEST_UNUSED static char *ics_unfolded(const char *ics) {
    size_t n = strlen(ics), i, j = 0;
    char *u = (char *)malloc(n + 1);
    if (u == NULL) exit(2);
    for (i = 0; i < n; ++i) {
        if (ics[i] == '\r' && ics[i + 1] == '\n' && (ics[i + 2] == ' ' || ics[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        u[j++] = ics[i];
    }
    u[j] = '\0';
    return u;
}

/* The number of times `needle` occurs in `hay`. */
TEST_UNUSED static long occurrences(const char *hay, const char *needle) {
    long count = 0;
    const char *p = hay;
    while (p != NULL && (p = strstr(p, needle)) != NULL) {
        ++count;
        p += strlen(needle);
    }
    return count;
}

/* The longest line of `doc` in characters (UTF-8 code points) and in bytes, without the line
 * end (LF or CRLF). */
TEST_UNUSED static void longest_line(const char *doc, size_t *chars_out, size_t *bytes_out) {
    size_t chars = 0, bytes = 0, max_chars = 0, max_bytes = 0;
    const char *p;
    for (p = doc;; ++p) {
        if (*p == '\n' || *p == '\0') {
            if (bytes > 0 && p[-1] == '\r') {
                --bytes;
                --chars;
            }
            if (chars > max_chars) max_chars = chars;
            if (bytes > max_bytes) max_bytes = bytes;
            chars = bytes = 0;
            if (*p == '\0') break;
            continue;
        }
        ++bytes;
        if (((unsigned char)*p & 0xC0) != 0x80) ++chars;
    }
    *chars_out = max_chars;
    *bytes_out = max_bytes;
}

/* rehabplan_render() that must succeed: OK, errmsg "", a NUL-terminated document of
 * *out_len bytes (strlen agrees), valid UTF-8. The document (caller frees), NULL on failure. */
TEST_UNUSED static char *render_ok(rehabplan_context *ctx, const char *plan, size_t plan_len, const char *format,
                       const char *lang) {
    char *out = POISON;
    size_t len = LEN_POISON;
    int before = test_failures;
    if (CHECK_STATUS(ctx, rehabplan_render(ctx, plan, plan_len, format, lang, &out, &len), REHABPLAN_OK) &&
        CHECK(out != NULL && out != POISON)) {
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        CHECK(len > 0);
        CHECK_INT_EQ(strlen(out), len);
        CHECK(test_valid_utf8(out, len));
    } else if (out == POISON) {
        out = NULL;
    }
    if (test_failures != before) fprintf(stderr, "    (render as %s, lang %s)\n", format, lang != NULL ? lang : "NULL");
    return out;
}

/* rehabplan_render() that must fail with `want`: *out NULL, *out_len 0, a non-empty valid
 * UTF-8 message starting with `prefix` and containing `detail` (each when not NULL). The
 * same call without out_len fails the same way. */
TEST_UNUSED static void expect_render_error(rehabplan_context *ctx, const char *plan, size_t plan_len, const char *format,
                                const char *lang, rehabplan_status want, const char *prefix, const char *detail) {
    char *out = POISON;
    size_t len = LEN_POISON;
    char first[512];
    const char *msg;
    int before = test_failures;

    CHECK_STATUS(ctx, rehabplan_render(ctx, plan, plan_len, format, lang, &out, &len), want);
    CHECK_NULL_OUT(out);
    CHECK_INT_EQ(len, 0);
    msg = rehabplan_errmsg(ctx);
    CHECK(msg[0] != '\0');
    CHECK(test_valid_utf8(msg, strlen(msg)));
    if (prefix != NULL) CHECK_STARTS_WITH(msg, prefix);
    if (detail != NULL) CHECK_CONTAINS(msg, detail);
    snprintf(first, sizeof first, "%s", msg);

    out = POISON;
    CHECK_STATUS(ctx, rehabplan_render(ctx, plan, plan_len, format, lang, &out, NULL), want);
    CHECK_NULL_OUT(out);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), first);
    if (test_failures != before)
        fprintf(stderr, "    (render error case: format %s, lang %s)\n", format != NULL ? format : "NULL",
                lang != NULL ? (test_valid_utf8(lang, strlen(lang)) ? lang : "(not UTF-8)") : "NULL");
}

/* What every document of a format must look like, whatever the plan. */
TEST_UNUSED static void check_format_facts(const char *format, const char *lang, const char *doc) {
    size_t chars, bytes;
    int before = test_failures;
    if (doc == NULL) return;
    longest_line(doc, &chars, &bytes);
    if (is_format(format, "text")) {
        CHECK_CONTAINS(doc, strcmp(lang, "nl") == 0 ? "Uw beweegplan" : "Your exercise plan");
        CHECK(chars <= 80); /* 80 columns */
        CHECK_NOT_CONTAINS(doc, "\r");
    } else if (is_format(format, "markdown")) {
        CHECK_STARTS_WITH(doc, strcmp(lang, "nl") == 0 ? "# Uw beweegplan" : "# Your exercise plan");
        CHECK_NOT_CONTAINS(doc, "\r");
    } else if (is_format(format, "html")) {
        CHECK_STARTS_WITH(doc, "<!DOCTYPE html");
        CHECK_CONTAINS(doc, "</html>");
        CHECK_CONTAINS(doc, strcmp(lang, "nl") == 0 ? "Uw beweegplan" : "Your exercise plan");
        /* self-contained: no scripts, nothing fetched from the network */
        CHECK_NOT_CONTAINS(doc, "<script");
        CHECK_NOT_CONTAINS(doc, "src=\"http");
        CHECK_NOT_CONTAINS(doc, "href=\"http");
        CHECK_NOT_CONTAINS(doc, "@import");
    } else if (is_format(format, "ics")) {
        size_t n = strlen(doc);
        CHECK_STARTS_WITH(doc, "BEGIN:VCALENDAR\r\n");
        CHECK(n >= 15 && strcmp(doc + n - 15, "END:VCALENDAR\r\n") == 0);
        CHECK_CONTAINS(doc, "\r\nVERSION:2.0\r\n");
        CHECK_CONTAINS(doc, "\r\nPRODID:");
        CHECK(bytes <= 75); /* RFC 5545 3.1: lines of at most 75 octets */
        CHECK_INT_EQ(occurrences(doc, "\n"), occurrences(doc, "\r\n")); /* CRLF only */
        CHECK(occurrences(doc, "\r\nBEGIN:VEVENT\r\n") >= 1);
        CHECK_INT_EQ(occurrences(doc, "\r\nBEGIN:VEVENT\r\n"), occurrences(doc, "\r\nEND:VEVENT\r\n"));
    } else if (is_format(format, "json")) {
        CHECK_STARTS_WITH(doc, "{");
        CHECK_CONTAINS(doc, "\"schema_version\": 1");
    }
    if (test_failures != before) fprintf(stderr, "    (facts of %s, lang %s)\n", format, lang);
}

/* The first C0 control character (or DEL) in doc other than LF and those in `allowed`; -1
 * when there is none. */
TEST_UNUSED static int control_character(const char *doc, const char *allowed) {
    const unsigned char *p;
    for (p = (const unsigned char *)doc; *p != '\0'; ++p)
        if ((*p < 0x20 && *p != '\n' && strchr(allowed, *p) == NULL) || *p == 0x7f) return *p;
    return -1;
}

/* ------------------------------------------------------------------------------------- *
 * rehabplan_progress and rehabplan_replan
 * ------------------------------------------------------------------------------------- */

/* What the stroke patient (examples/patient-stroke.json) did of the 12-week plan that
 * STROKE_REQUEST gives: all of week 1 (from Monday 2026-11-23: Mon dual-task, strength,
 * balance; Wed aerobic, balance; Fri dual-task, strength; Sat aerobic, balance) and Monday
 * and Wednesday of week 2. PROGRESS_TODAY is that Thursday. */
#define LOG_HEAD "{\"schema_version\":1,\"patient_id\":\"P-0042\",\"entries\":["
#define LOG_WEEK_1                                                                                          \
    "{\"date\":\"2026-11-23\",\"type\":\"dual_task\",\"minutes\":30,\"rpe\":12},"                              \
    "{\"date\":\"2026-11-23\",\"type\":\"strength\",\"minutes\":16,\"rpe\":13},"                               \
    "{\"date\":\"2026-11-23\",\"type\":\"balance\",\"minutes\":10},"                                           \
    "{\"date\":\"2026-11-25\",\"type\":\"aerobic\",\"minutes\":30,\"rpe\":12,"                                 \
    "\"heart_rate\":{\"average_bpm\":108,\"peak_bpm\":121,\"minutes_in_zone\":24}},"                           \
    "{\"date\":\"2026-11-25\",\"type\":\"balance\",\"minutes\":10},"                                           \
    "{\"date\":\"2026-11-27\",\"type\":\"dual_task\",\"minutes\":30,\"rpe\":12},"                              \
    "{\"date\":\"2026-11-27\",\"type\":\"strength\",\"minutes\":16,\"rpe\":13},"                               \
    "{\"date\":\"2026-11-28\",\"type\":\"aerobic\",\"minutes\":30,\"rpe\":13,"                                 \
    "\"heart_rate\":{\"average_bpm\":110,\"peak_bpm\":124}},"                                                  \
    "{\"date\":\"2026-11-28\",\"type\":\"balance\",\"minutes\":10}"
#define LOG_WEEK_2                                                                                          \
    "{\"date\":\"2026-11-30\",\"type\":\"dual_task\",\"minutes\":30,\"rpe\":12},"                              \
    "{\"date\":\"2026-11-30\",\"type\":\"strength\",\"minutes\":18,\"rpe\":13},"                               \
    "{\"date\":\"2026-11-30\",\"type\":\"balance\",\"minutes\":10,\"symptoms\":{\"pain\":2}},"                  \
    "{\"date\":\"2026-12-02\",\"type\":\"aerobic\",\"minutes\":35,\"rpe\":13,"                                 \
    "\"heart_rate\":{\"average_bpm\":109,\"peak_bpm\":125,\"minutes_in_zone\":30}}"
TEST_UNUSED static const char PROGRESS_LOG[] = LOG_HEAD LOG_WEEK_1 "," LOG_WEEK_2 "]}";
/* The same, with a stop signal on Wednesday of week 2 (chest pain): stop and refer. */
TEST_UNUSED static const char STOP_LOG[] =
    LOG_HEAD LOG_WEEK_1 ",{\"date\":\"2026-12-02\",\"type\":\"aerobic\",\"minutes\":12,\"completed\":false,"
                        "\"stop_signal\":true,\"note\":\"chest pain\"}]}";
/* Entry 9 is dated after PROGRESS_TODAY. */
TEST_UNUSED static const char LATE_LOG[] = LOG_HEAD LOG_WEEK_1 ",{\"date\":\"2026-12-04\",\"type\":\"aerobic\",\"minutes\":30}]}";
/* A log with no entries: nothing was done. */
TEST_UNUSED static const char EMPTY_LOG[] = "{\"schema_version\":1,\"entries\":[]}";
TEST_UNUSED static const char PROGRESS_TODAY[] = "2026-12-03";

/* The plan the log belongs to (caller frees): generated, so the test does not depend on a
 * file that changes with the generator. */
TEST_UNUSED static char *progress_plan(rehabplan_context *ctx, const test_doc *patient) {
    return plan_for(ctx, patient, STROKE_REQUEST);
}

/* rehabplan_progress() that must succeed: OK, errmsg "", a NUL-terminated, valid UTF-8
 * document of *out_len bytes. The document (caller frees), NULL on failure. */
TEST_UNUSED static char *progress_ok(rehabplan_context *ctx, const test_doc *patient, const char *plan, const char *log,
                         const char *today, const char *format, const char *lang) {
    char *out = POISON;
    size_t len = LEN_POISON;
    int before = test_failures;
    if (plan == NULL) return NULL;
    if (CHECK_STATUS(ctx,
                     rehabplan_progress(ctx, patient->data, patient->len, plan, strlen(plan), log, strlen(log), today,
                                        format, lang, &out, &len),
                     REHABPLAN_OK) &&
        CHECK(out != NULL && out != POISON)) {
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        CHECK(len > 0);
        CHECK_INT_EQ(strlen(out), len);
        CHECK(test_valid_utf8(out, len));
    } else if (out == POISON) {
        out = NULL;
    }
    if (test_failures != before)
        fprintf(stderr, "    (progress as %s, lang %s, today %s)\n", format, lang != NULL ? lang : "NULL", today);
    return out;
}

/* rehabplan_replan() that must succeed; *findings_out (when asked) gets the findings. The
 * revised plan (caller frees), NULL on failure. */
TEST_UNUSED static char *replan_ok(rehabplan_context *ctx, const test_doc *patient, const char *plan, const char *log,
                       const char *today, char **findings_out) {
    char *out = POISON;
    if (findings_out != NULL) *findings_out = POISON;
    if (plan == NULL) return NULL;
    if (CHECK_STATUS(ctx,
                     rehabplan_replan(ctx, patient->data, patient->len, plan, strlen(plan), log, strlen(log), today,
                                      &out, findings_out),
                     REHABPLAN_OK) &&
        CHECK(out != NULL && out != POISON)) {
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        if (findings_out != NULL) CHECK(*findings_out != NULL && *findings_out != POISON);
    } else if (out == POISON) {
        out = NULL;
    }
    if (findings_out != NULL && *findings_out == POISON) *findings_out = NULL;
    return out;
}

/* Both calls must fail with `want`, outputs NULL (*out_len 0), and a non-empty valid UTF-8
 * message starting with `prefix` and containing `detail` (when not NULL). progress is asked
 * for `format` (NULL: "json"); replan is skipped when `format_only`. */
TEST_UNUSED static void expect_progress_error(rehabplan_context *ctx, const char *patient, size_t patient_len, const char *plan,
                                  size_t plan_len, const char *log, size_t log_len, const char *today,
                                  const char *format, const char *lang, int progress_only, rehabplan_status want,
                                  const char *prefix, const char *detail) {
    char *out = POISON, *out2 = POISON;
    size_t len = LEN_POISON;
    const char *msg;
    char first[512];
    int before = test_failures;

    CHECK_STATUS(ctx,
                 rehabplan_progress(ctx, patient, patient_len, plan, plan_len, log, log_len, today, format, lang,
                                    &out, &len),
                 want);
    CHECK_NULL_OUT(out);
    CHECK_INT_EQ(len, 0);
    msg = rehabplan_errmsg(ctx);
    CHECK(msg[0] != '\0');
    CHECK(test_valid_utf8(msg, strlen(msg)));
    if (prefix != NULL) CHECK_STARTS_WITH(msg, prefix);
    if (detail != NULL) CHECK_CONTAINS(msg, detail);
    snprintf(first, sizeof first, "%s", msg);
    /* out_len NULL: the same failure. */
    out = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_progress(ctx, patient, patient_len, plan, plan_len, log, log_len, today, format, lang,
                                    &out, NULL),
                 want);
    CHECK_NULL_OUT(out);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), first);

    if (!progress_only) {
        /* The same documents and today through replan: the same status and message, with and
         * without the findings output. */
        out = POISON;
        out2 = POISON;
        CHECK_STATUS(ctx, rehabplan_replan(ctx, patient, patient_len, plan, plan_len, log, log_len, today, &out, &out2),
                     want);
        CHECK_NULL_OUT(out);
        CHECK_NULL_OUT(out2);
        CHECK_STR_EQ(rehabplan_errmsg(ctx), first);
        out = POISON;
        CHECK_STATUS(ctx, rehabplan_replan(ctx, patient, patient_len, plan, plan_len, log, log_len, today, &out, NULL),
                     want);
        CHECK_NULL_OUT(out);
        CHECK_STR_EQ(rehabplan_errmsg(ctx), first);
    }
    if (test_failures != before)
        fprintf(stderr, "    (progress error case: today %s, format %s, lang %s, expected \"%s\")\n",
                today != NULL ? (test_valid_utf8(today, strlen(today)) ? today : "(not UTF-8)") : "NULL",
                format != NULL ? format : "NULL", lang != NULL ? lang : "NULL", prefix != NULL ? prefix : "");
}

/* ---------------------------------------------------------------------------------------
 * Batches: rehabplan_batch_line() and rehabplan_batch() (since 1.3.0)
 * ------------------------------------------------------------------------------------- */

/* Short plans keep the batches quick. */
TEST_UNUSED static const char BATCH_REQUEST[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":2}";
TEST_UNUSED static const char BATCH_REQUEST_NL[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":2,\"language\":\"nl\"}";

TEST_UNUSED static char *minified(const char *doc) { return test_minified(doc, strlen(doc)); }

/* `"key":` followed by `doc` minified: how a document appears inside a record. Caller frees. */
TEST_UNUSED static char *member(const char *key, const char *doc) {
    char *m = minified(doc);
    char *out = test_joined("\"", key, "\":", m, NULL);
    free(m);
    return out;
}

/* rehabplan_batch_line() that must succeed: OK, errmsg "", one line of valid JSON of
 * *out_len bytes (strlen agrees) that starts with {"line":N,. The record (caller frees),
 * NULL on failure. The line is copied into a buffer of exactly `len` bytes first, so a read
 * past the length is an ASan error. */
TEST_UNUSED static char *batch_line_ok(rehabplan_context *ctx, const char *line, size_t len, size_t number) {
    char *record = POISON, *copy = (char *)malloc(len > 0 ? len : 1);
    size_t out_len = LEN_POISON;
    char prefix[64];
    int before = test_failures;
    if (copy == NULL) exit(2);
    if (len > 0) memcpy(copy, line, len);
    if (CHECK_STATUS(ctx, rehabplan_batch_line(ctx, copy, len, number, &record, &out_len), REHABPLAN_OK) &&
        CHECK(record != NULL && record != POISON)) {
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        CHECK_INT_EQ(strlen(record), out_len);
        CHECK(strchr(record, '\n') == NULL);
        CHECK(test_json_valid(record, out_len));
        snprintf(prefix, sizeof prefix, "{\"line\":%lu,", (unsigned long)number);
        CHECK_STARTS_WITH(record, prefix);
    } else if (record == POISON) {
        record = NULL;
    }
    free(copy);
    if (test_failures != before) fprintf(stderr, "    (batch line %lu: %.200s)\n", (unsigned long)number, line);
    return record;
}

TEST_UNUSED static char *batch_line_str(rehabplan_context *ctx, const char *line, size_t number) {
    return batch_line_ok(ctx, line, strlen(line), number);
}

/* rehabplan_batch() that must succeed: OK, errmsg "", a NUL-terminated output of *out_len
 * bytes in which every record is one line of valid JSON; `records` is their number. The
 * input is read from a buffer of exactly `len` bytes. The output (caller frees), NULL on
 * failure. */
TEST_UNUSED static char *batch_ok(rehabplan_context *ctx, const char *ndjson, size_t len, size_t first_line, unsigned threads,
                      size_t records) {
    char *out = POISON, *copy = (char *)malloc(len > 0 ? len : 1);
    size_t out_len = LEN_POISON;
    int before = test_failures;
    if (copy == NULL) exit(2);
    if (len > 0) memcpy(copy, ndjson, len);
    if (CHECK_STATUS(ctx, rehabplan_batch(ctx, copy, len, first_line, threads, &out, &out_len), REHABPLAN_OK) &&
        CHECK(out != NULL && out != POISON)) {
        const char *p = out;
        size_t count = 0;
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        CHECK_INT_EQ(strlen(out), out_len);
        CHECK(out_len == 0 || out[out_len - 1] == '\n');
        while (*p != '\0') {
            const char *nl = strchr(p, '\n');
            if (!CHECK_NOT_NULL(nl)) break;
            CHECK(test_json_valid(p, (size_t)(nl - p)));
            ++count;
            p = nl + 1;
        }
        CHECK_INT_EQ(count, records);
    } else if (out == POISON) {
        out = NULL;
    }
    free(copy);
    if (test_failures != before) fprintf(stderr, "    (batch of %lu bytes, threads %u)\n", (unsigned long)len, threads);
    return out;
}

TEST_UNUSED static char *batch_str(rehabplan_context *ctx, const char *ndjson, size_t first_line, unsigned threads,
                       size_t records) {
    return batch_ok(ctx, ndjson, strlen(ndjson), first_line, threads, records);
}

/* The example patients on one line each (the files are indented). Caller frees. */
TEST_UNUSED static char *patient_line(const char *file) {
    test_doc d = test_read(file);
    char *m = test_minified(d.data, d.len);
    test_doc_free(&d);
    return m;
}

/* The lines of the batch tests: generate (json, fhir), validate with errors, refused, a
 * schema error, not JSON, an empty line, and white space. */
#define BATCH_LINES 9
TEST_UNUSED static char *batch_lines[BATCH_LINES];

TEST_UNUSED static void make_batch_lines(void) {
    char *stroke = patient_line("examples/patient-stroke.json");
    char *older = patient_line("examples/patient-older-adult.json");
    test_doc with_errors = test_read("examples/plan-with-errors.json");
    char *plan = test_minified(with_errors.data, with_errors.len);
    batch_lines[0] = test_joined("{\"id\":\"a\",\"patient\":", stroke, ",\"request\":", BATCH_REQUEST, "}", NULL);
    batch_lines[1] = test_joined("{\"id\":2,\"patient\":", stroke, ",\"plan\":", plan, "}", NULL);
    batch_lines[2] = test_joined("{\"id\":\"r\",\"patient\":", REFUSED_PATIENT, ",\"request\":", BATCH_REQUEST, "}", NULL);
    batch_lines[3] = test_joined("{\"id\":\"e\",\"patient\":{\"schema_version\":1,\"age\":1e300,\"sex\":\"male\","
                            "\"baseline_minutes\":10},\"request\":",
                            BATCH_REQUEST, "}", NULL);
    batch_lines[4] = test_joined("not json", NULL);
    batch_lines[5] = test_joined("", NULL);
    batch_lines[6] = test_joined("{\"id\":\"f\",\"patient\":", older, ",\"request\":", BATCH_REQUEST_NL,
                            ",\"format\":\"fhir\"}", NULL);
    batch_lines[7] = test_joined(" \t", NULL);
    batch_lines[8] = test_joined("{\"patient\":", older, ",\"request\":", BATCH_REQUEST, "}", NULL);
    free(stroke);
    free(older);
    free(plan);
    test_doc_free(&with_errors);
}

TEST_UNUSED static void free_batch_lines(void) {
    size_t i;
    for (i = 0; i < BATCH_LINES; ++i) {
        free(batch_lines[i]);
        batch_lines[i] = NULL;
    }
}

/* The lines joined with `end` after each (`last_end` after the last). Caller frees. */
TEST_UNUSED static char *batch_input(const char *end, const char *last_end) {
    size_t n = 0, i;
    char *out;
    for (i = 0; i < BATCH_LINES; ++i) n += strlen(batch_lines[i]) + strlen(end) + strlen(last_end);
    out = (char *)malloc(n + 1);
    if (out == NULL) exit(2);
    out[0] = '\0';
    for (i = 0; i < BATCH_LINES; ++i) {
        strcat(out, batch_lines[i]);
        strcat(out, i + 1 < BATCH_LINES ? end : last_end);
    }
    return out;
}

/* What rehabplan_batch() must give: each line's rehabplan_batch_line() record and '\n'.
 * Caller frees. */
TEST_UNUSED static char *expected_batch(rehabplan_context *ctx, size_t first_line) {
    char *records[BATCH_LINES];
    size_t n = 0, i;
    char *out;
    for (i = 0; i < BATCH_LINES; ++i) {
        records[i] = batch_line_str(ctx, batch_lines[i], first_line + i);
        n += (records[i] != NULL ? strlen(records[i]) : 0) + 1;
    }
    out = (char *)malloc(n + 1);
    if (out == NULL) exit(2);
    out[0] = '\0';
    for (i = 0; i < BATCH_LINES; ++i) {
        if (records[i] != NULL) strcat(out, records[i]);
        strcat(out, "\n");
        rehabplan_free(records[i]);
    }
    return out;
}

#endif /* REHABPLAN_C_API_TEST_H */
