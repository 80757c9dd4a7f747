/*
 * c_api_test: every function of include/rehabplan/rehabplan.h, called from C, with its
 * success paths and every error path the header documents (rehabplan_render: every format in
 * both languages; then rehabplan_progress and rehabplan_replan; at the end of the file the
 * batches, rehabplan_batch_line and rehabplan_batch). See tests/c/README.md.
 *
 * Documents come from examples/ and tests/data/ (REHABPLAN_SOURCE_DIR) or are written here as
 * C strings. Each test function uses its own contexts and releases everything it gets, so the
 * ASan build also checks the ownership rules (LeakSanitizer reports a document not freed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehabplan/rehabplan.h"
#include "test_support.h"

/* A non-NULL pointer no call may leave in an output: it must become NULL or a new document. */
static char poison_byte;
#define POISON (&poison_byte)

/* An output that must be NULL; a document wrongly returned is released after the check
 * fails, so the failure is reported once and not again as a leak. */
#define CHECK_NULL_OUT(p)                                    \
    do {                                                     \
        if (!CHECK_NULL(p) && (p) != POISON) rehabplan_free(p); \
        (p) = NULL;                                          \
    } while (0)

#define FOUR_MIB ((size_t)4 * 1024 * 1024)

static const char STROKE_REQUEST[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":12,\"programme\":\"standard\",\"language\":\"en\"}";
static const char DEFAULT_REQUEST[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":6}";

/* Absolute contraindications (data/rules.json, safety.contraindication.absolute). */
static const char REFUSED_PATIENT[] =
    "{\"schema_version\":1,\"id\":\"P-REF\",\"age\":60,\"sex\":\"male\","
    "\"conditions\":[{\"type\":\"stroke\",\"event_date\":\"2026-08-14\"}],"
    "\"contraindications\":{\"named\":[\"unstable_angina\"]},\"baseline_minutes\":20}";

/* Tightens a safety parameter (85 -> 75 %HRmax): changes the heart-rate targets of a plan. */
static const char TIGHTEN_HR[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":75}}}}";
/* Tighter than the built-in 85 but looser than TIGHTEN_HR: refused once TIGHTEN_HR is loaded. */
static const char HR_80[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":80}}}}";
/* Loosens a safety parameter (85 -> 90): always refused. */
static const char LOOSEN_HR[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":90}}}}";
/* Changes a fixed parameter. */
static const char CHANGE_FIXED[] =
    "{\"schema_version\":1,\"rules\":{\"week.volume\":{\"params\":{\"vigorous_factor\":3}}}}";
static const char UNKNOWN_RULE[] =
    "{\"schema_version\":1,\"rules\":{\"no.such_rule\":{\"params\":{\"min_minutes\":50}}}}";

/* ------------------------------------------------------------------------------------- */

static rehabplan_context *new_context(void) {
    rehabplan_context *ctx = NULL;
    if (!CHECK_STATUS(NULL, rehabplan_context_new(&ctx), REHABPLAN_OK) || !CHECK_NOT_NULL(ctx)) {
        fprintf(stderr, "cannot create a context: stopping\n");
        exit(1);
    }
    return ctx;
}

/* The rules document of a context (caller frees), NULL on failure. */
static char *rules_of(rehabplan_context *ctx) {
    char *rules = POISON;
    if (!CHECK_STATUS(ctx, rehabplan_rules(ctx, &rules), REHABPLAN_OK)) return NULL;
    return rules;
}

/* A plan (caller frees), NULL on failure. */
static char *plan_for(rehabplan_context *ctx, const test_doc *patient, const char *request) {
    char *plan = POISON;
    if (!CHECK_STATUS(ctx, rehabplan_generate(ctx, patient->data, patient->len, request, strlen(request), &plan),
                      REHABPLAN_OK))
        return NULL;
    return plan;
}

/* The number of error findings when `plan` is checked for `patient` in ctx; -1 on failure. */
static long errors_in(rehabplan_context *ctx, const test_doc *patient, const char *plan) {
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

static void test_status_strings(void) {
    static const char *const expected[] = {"ok",          "invalid argument", "parse error",   "schema error",
                                           "rules error", "refused",          "out of memory", "internal error"};
    int i, j;
    CHECK_INT_EQ(REHABPLAN_OK, 0);
    CHECK_INT_EQ(REHABPLAN_STATUS_LAST_, sizeof expected / sizeof expected[0]);
    for (i = 0; i < REHABPLAN_STATUS_LAST_; ++i) {
        CHECK_STR_EQ(rehabplan_status_string(i), expected[i]);
        for (j = 0; j < i; ++j) CHECK_STR_NE(rehabplan_status_string(i), rehabplan_status_string(j));
    }
    CHECK_STR_EQ(rehabplan_status_string(REHABPLAN_STATUS_LAST_), "unknown status");
    CHECK_STR_EQ(rehabplan_status_string(-1), "unknown status");
    CHECK_STR_EQ(rehabplan_status_string(1000), "unknown status");
    /* Static text: the same pointer every time. */
    CHECK(rehabplan_status_string(REHABPLAN_REFUSED) == rehabplan_status_string(REHABPLAN_REFUSED));
}

static void test_version(void) {
    char from_macros[64];
    int major = -1, minor = -1, patch = -1;
    char rest = 0;
    const char *runtime = rehabplan_version_string();

    CHECK_INT_EQ(rehabplan_version_number(), REHABPLAN_VERSION_NUMBER);
    CHECK_INT_EQ(REHABPLAN_VERSION_NUMBER,
                 REHABPLAN_VERSION_MAJOR * 1000000 + REHABPLAN_VERSION_MINOR * 1000 + REHABPLAN_VERSION_PATCH);
    CHECK(REHABPLAN_VERSION_MINOR < 1000 && REHABPLAN_VERSION_PATCH < 1000);
    CHECK_STR_EQ(runtime, REHABPLAN_VERSION_STRING);
    snprintf(from_macros, sizeof from_macros, "%d.%d.%d", REHABPLAN_VERSION_MAJOR, REHABPLAN_VERSION_MINOR,
             REHABPLAN_VERSION_PATCH);
    CHECK_STR_EQ(runtime, from_macros);
    /* The runtime string and the runtime number describe the same version. */
    if (CHECK_NOT_NULL(runtime) && CHECK_INT_EQ(sscanf(runtime, "%d.%d.%d%c", &major, &minor, &patch, &rest), 3)) {
        CHECK_INT_EQ(major * 1000000 + minor * 1000 + patch, rehabplan_version_number());
    }
    CHECK(rehabplan_version_string() == runtime); /* static */
}

static void test_context_lifecycle(void) {
    rehabplan_context *ctx = NULL, *other = NULL;
    const char *msg;

    CHECK_STATUS(NULL, rehabplan_context_new(NULL), REHABPLAN_INVALID_ARGUMENT);

    ctx = (rehabplan_context *)POISON;
    CHECK_STATUS(NULL, rehabplan_context_new(&ctx), REHABPLAN_OK);
    CHECK(ctx != NULL && ctx != (rehabplan_context *)POISON);
    CHECK_STATUS(NULL, rehabplan_context_new(&other), REHABPLAN_OK);
    CHECK(other != NULL && other != ctx);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");

    msg = rehabplan_errmsg(NULL);
    if (CHECK_NOT_NULL(msg)) {
        CHECK(msg[0] != '\0');
        CHECK_CONTAINS(msg, "NULL");
    }

    /* NULL is a no-op for both release functions; the library keeps working afterwards. */
    rehabplan_free(NULL);
    rehabplan_context_free(NULL);
    {
        char *rules = rules_of(ctx);
        CHECK_NOT_NULL(rules);
        rehabplan_free(rules);
    }
    rehabplan_context_free(other);
    rehabplan_context_free(ctx);
}

/* NULL for every pointer argument of every function: INVALID_ARGUMENT, outputs NULL, and a
 * message that names the argument. */
static void test_null_arguments(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-stroke-week.json");
    const char *req = STROKE_REQUEST;
    size_t req_len = strlen(STROKE_REQUEST);
    char *out = POISON, *out2 = POISON;

    /* load_rules */
    CHECK_STATUS(NULL, rehabplan_context_load_rules(NULL, TIGHTEN_HR, strlen(TIGHTEN_HR)),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, NULL, 10), REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "json is NULL");
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, NULL, 0), REHABPLAN_INVALID_ARGUMENT);

    /* generate */
    out = POISON;
    CHECK_STATUS(NULL, rehabplan_generate(NULL, patient.data, patient.len, req, req_len, &out),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_generate(ctx, NULL, patient.len, req, req_len, &out), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "patient_json");
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, NULL, req_len, &out),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "request_json");
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, req, req_len, NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "plan_json_out");
    CHECK_STATUS(NULL, rehabplan_generate(NULL, NULL, 0, NULL, 0, NULL), REHABPLAN_INVALID_ARGUMENT);

    /* generate_with_findings */
    out = POISON;
    out2 = POISON;
    CHECK_STATUS(NULL, rehabplan_generate_with_findings(NULL, patient.data, patient.len, req, req_len, &out, &out2),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_NULL_OUT(out2);
    out = POISON;
    out2 = POISON;
    CHECK_STATUS(ctx, rehabplan_generate_with_findings(ctx, NULL, patient.len, req, req_len, &out, &out2),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_NULL_OUT(out2);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "patient_json");
    out = POISON;
    out2 = POISON;
    CHECK_STATUS(ctx, rehabplan_generate_with_findings(ctx, patient.data, patient.len, NULL, req_len, &out, &out2),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_NULL_OUT(out2);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "request_json");
    out2 = POISON;
    CHECK_STATUS(ctx, rehabplan_generate_with_findings(ctx, patient.data, patient.len, req, req_len, NULL, &out2),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out2);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "plan_json_out");
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_generate_with_findings(ctx, patient.data, patient.len, req, req_len, &out, NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "findings_json_out");
    CHECK_STATUS(NULL, rehabplan_generate_with_findings(NULL, NULL, 0, NULL, 0, NULL, NULL),
                 REHABPLAN_INVALID_ARGUMENT);

    /* validate */
    out = POISON;
    CHECK_STATUS(NULL, rehabplan_validate(NULL, patient.data, patient.len, plan.data, plan.len, &out),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_validate(ctx, NULL, patient.len, plan.data, plan.len, &out),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "patient_json");
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient.data, patient.len, NULL, plan.len, &out),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "plan_json");
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient.data, patient.len, plan.data, plan.len, NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "findings_json_out");

    /* heart_rate_zones */
    out = POISON;
    CHECK_STATUS(NULL, rehabplan_heart_rate_zones(NULL, patient.data, patient.len, &out),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, NULL, patient.len, &out), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "patient_json");
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, patient.data, patient.len, NULL), REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "zones_json_out");

    /* rules */
    out = POISON;
    CHECK_STATUS(NULL, rehabplan_rules(NULL, &out), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_STATUS(ctx, rehabplan_rules(ctx, NULL), REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "rules_json_out");

    /* The NULL-ctx calls never touched a context: the message of a NULL context says so. */
    CHECK_CONTAINS(rehabplan_errmsg(NULL), "NULL");

    test_doc_free(&patient);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

/* One malformed document in each place a document is read: as the patient (generate,
 * generate_with_findings, validate, heart_rate_zones), the request, the plan and a rule
 * file. Every call is a PARSE_ERROR, leaves its outputs NULL and its message names the
 * document; `detail`, when not NULL, must be in every message. */
static void expect_parse_error_everywhere(const char *label, const char *bad, size_t bad_len, const char *detail) {
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
static test_doc padded(const char *text, size_t total) {
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
static test_doc nested(int depth) {
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

static void test_parse_errors(void) {
    static const char nul_in_string[] = "{\"schema_version\":1,\"id\":\"P-\0\",\"age\":40}";
    static const char nul_after_object[] =
        "{\"schema_version\":1,\"age\":40,\"sex\":\"other\",\"baseline_minutes\":0}\0";
    /* What a NUL would hide if it ended the document. */
    static const char nul_then_garbage[] =
        "{\"schema_version\":1,\"age\":40,\"sex\":\"other\",\"baseline_minutes\":0}\0{\"not\": json at all";
    static const char bad_utf8[] = "{\"schema_version\":1,\"id\":\"P-\xff\xfe\",\"age\":40}";
    char empty[1] = {'x'}; /* a valid pointer; length 0 */
    test_doc big, deep;

    expect_parse_error_everywhere("not JSON", "not json", 8, "not valid JSON");
    expect_parse_error_everywhere("truncated object", "{\"schema_version\":1,", 20, NULL);
    expect_parse_error_everywhere("single quotes", "{'schema_version':1}", 20, NULL);
    expect_parse_error_everywhere("bare NaN", "{\"schema_version\":1,\"age\":NaN}", 30, NULL);
    expect_parse_error_everywhere("empty document, length 0", empty, 0, "empty document");
    expect_parse_error_everywhere("only white space", " \n\t ", 4, "empty document");
    expect_parse_error_everywhere("NUL inside a string", nul_in_string, sizeof nul_in_string - 1, NULL);
    expect_parse_error_everywhere("NUL after the object, inside the length", nul_after_object,
                                  sizeof nul_after_object /* includes the NUL */, NULL);
    expect_parse_error_everywhere("NUL after the object, then garbage, inside the length", nul_then_garbage,
                                  sizeof nul_then_garbage - 1, NULL);
    expect_parse_error_everywhere("invalid UTF-8", bad_utf8, sizeof bad_utf8 - 1, NULL);

    /* A valid document padded with white space to one byte over the 4 MiB limit. */
    big = padded("{\"schema_version\":1,\"age\":40,\"sex\":\"other\",\"baseline_minutes\":0}", FOUR_MIB + 1);
    expect_parse_error_everywhere("4 MiB + 1 byte", big.data, big.len, "4194305 bytes");
    test_doc_free(&big);

    /* 33 levels: over the limit of 32. */
    deep = nested(33);
    expect_parse_error_everywhere("33 levels deep", deep.data, deep.len, "33 levels");
    test_doc_free(&deep);
}

/* The limits themselves are accepted: exactly 4 MiB parses, 32 levels parse (and then break
 * the schema, which is another error). */
static void test_parse_limits(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *patient_text = (char *)malloc(patient.len + 1);
    char *zones = POISON, *zones_big = POISON;
    test_doc big, deep;

    memcpy(patient_text, patient.data, patient.len);
    patient_text[patient.len] = '\0';
    big = padded(patient_text, FOUR_MIB);
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, patient.data, patient.len, &zones), REHABPLAN_OK);
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, big.data, big.len, &zones_big), REHABPLAN_OK);
    CHECK_STR_EQ(zones_big, zones);
    rehabplan_free(zones);
    rehabplan_free(zones_big);
    test_doc_free(&big);

    big = padded(TIGHTEN_HR, FOUR_MIB);
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, big.data, big.len), REHABPLAN_OK);
    test_doc_free(&big);

    deep = nested(32);
    zones = POISON;
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, deep.data, deep.len, &zones), REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(zones);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "patient: ");
    test_doc_free(&deep);

    free(patient_text);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* Inputs are pointer + length: bytes after the length are never read, and the length is
 * honoured when it cuts a document short. */
static void test_length_passed_input(void) {
    static const char garbage[] = "}}}]] not JSON \"\\";
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-stroke-week.json");
    test_doc request = test_doc_from(STROKE_REQUEST);
    test_doc rules = test_doc_from(TIGHTEN_HR);
    char *p_g, *r_g, *plan_g, *rules_g; /* the same documents followed by garbage */
    char *ref_plan = NULL, *ref_findings = NULL, *ref_zones = NULL, *ref_rules = NULL;
    char *out = POISON;
    rehabplan_context *ctx2;

#define WITH_GARBAGE(dst, doc)                                             \
    do {                                                                   \
        dst = (char *)malloc((doc).len + sizeof garbage);                  \
        if (dst == NULL) exit(2);                                          \
        memcpy(dst, (doc).data, (doc).len);                                \
        memcpy(dst + (doc).len, garbage, sizeof garbage);                  \
    } while (0)
    WITH_GARBAGE(p_g, patient);
    WITH_GARBAGE(r_g, request);
    WITH_GARBAGE(plan_g, plan);
    WITH_GARBAGE(rules_g, rules);
#undef WITH_GARBAGE

    /* References from the exactly-sized, unterminated buffers. */
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, request.data, request.len, &ref_plan),
                 REHABPLAN_OK);
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient.data, patient.len, plan.data, plan.len, &ref_findings),
                 REHABPLAN_OK);
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, patient.data, patient.len, &ref_zones), REHABPLAN_OK);

    /* The same calls with garbage after each document: identical results. */
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_generate(ctx, p_g, patient.len, r_g, request.len, &out), REHABPLAN_OK);
    CHECK_STR_EQ(out, ref_plan);
    rehabplan_free(out);
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_validate(ctx, p_g, patient.len, plan_g, plan.len, &out), REHABPLAN_OK);
    CHECK_STR_EQ(out, ref_findings);
    rehabplan_free(out);
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, p_g, patient.len, &out), REHABPLAN_OK);
    CHECK_STR_EQ(out, ref_zones);
    rehabplan_free(out);

    ctx2 = new_context();
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, rules.data, rules.len), REHABPLAN_OK);
    CHECK_STATUS(ctx2, rehabplan_context_load_rules(ctx2, rules_g, rules.len), REHABPLAN_OK);
    ref_rules = rules_of(ctx);
    out = rules_of(ctx2);
    CHECK_STR_EQ(out, ref_rules);
    rehabplan_free(out);
    rehabplan_context_free(ctx2);

    /* A length one short of the document (its closing brace) is a truncated document. */
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, p_g, patient.len - 2, &out), REHABPLAN_PARSE_ERROR);
    CHECK_NULL_OUT(out);
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, r_g, request.len - 1, &out),
                 REHABPLAN_PARSE_ERROR);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "request: ");
    CHECK_NULL_OUT(out);

    rehabplan_free(ref_plan);
    rehabplan_free(ref_findings);
    rehabplan_free(ref_zones);
    rehabplan_free(ref_rules);
    free(p_g);
    free(r_g);
    free(plan_g);
    free(rules_g);
    test_doc_free(&patient);
    test_doc_free(&plan);
    test_doc_free(&request);
    test_doc_free(&rules);
    rehabplan_context_free(ctx);
}

/* A schema error in the patient: the same status and JSON Pointer from every function that
 * reads a patient. */
static void expect_patient_schema_error(const char *patient, const char *pointer_prefix, const char *detail) {
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

static void test_schema_errors(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc bad_plan = test_read("tests/data/corpus/plan-start-date-2026-02-30.json");
    char *out = POISON;
    static const char bad_date_request[] = "{\"schema_version\":1,\"start_date\":\"2026-02-30\",\"weeks\":12}";
    static const char weeks_53_request[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":53}";
    static const char unknown_programme[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"programme\":\"x\"}";

    /* The control: the same template with sound values is a valid patient. */
    {
        const char *good = PATIENT_WITH("67", "\"max_bpm\":150", "2026-08-14");
        out = POISON;
        CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, good, strlen(good), &out), REHABPLAN_OK);
        rehabplan_free(out);
    }
    /* The header's own example: "patient: /age: expected an integer 12-110, got number 1e+300". */
    expect_patient_schema_error(PATIENT_WITH("1e300", "\"max_bpm\":150", "2026-08-14"), "patient: /age: ", "1e+300");
    expect_patient_schema_error(PATIENT_WITH("\"NaN\"", "\"max_bpm\":150", "2026-08-14"), "patient: /age: ",
                                "string");
    expect_patient_schema_error(PATIENT_WITH("67", "\"max_bpm\":231", "2026-08-14"),
                                "patient: /heart_rate/max_bpm: ", "231");
    expect_patient_schema_error(PATIENT_WITH("67", "\"resting_bpm\":29", "2026-08-14"),
                                "patient: /heart_rate/resting_bpm: ", "29");
    expect_patient_schema_error(PATIENT_WITH("67", "\"max_bpm\":150", "2026-02-30"),
                                "patient: /conditions/0/event_date: ", "2026-02-30");

    /* The request and the plan name their own documents. */
    out = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, patient.data, patient.len, bad_date_request, strlen(bad_date_request), &out),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "request: /start_date: ");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "2026-02-30");
    out = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, patient.data, patient.len, weeks_53_request, strlen(weeks_53_request), &out),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "request: /weeks: ");
    out = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, patient.data, patient.len, unknown_programme, strlen(unknown_programme),
                                    &out),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "request: /programme: ");
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient.data, patient.len, bad_plan.data, bad_plan.len, &out),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "plan: /start_date: ");
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_render(ctx, bad_plan.data, bad_plan.len, "text", NULL, &out, NULL),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_NULL_OUT(out);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "plan: /start_date: ");

    test_doc_free(&patient);
    test_doc_free(&bad_plan);
    rehabplan_context_free(ctx);
}

/* Rule files: loosening is a RULES_ERROR naming the rule and leaves the rules unchanged;
 * tightening changes the rules, the zones and the plan; files stack. */
static void test_rules_files(void) {
    rehabplan_context *builtin = new_context();
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc duration = test_read("tests/data/corpus/rules-valid-tighten-duration.json");
    char *builtin_rules = rules_of(builtin);
    char *rules, *tight_rules, *stacked_rules;
    char *builtin_plan, *tight_plan, *plan;
    char *zones_builtin = POISON, *zones_tight = POISON;

    /* Loosening, changing a fixed parameter, an unknown rule, a parse error: each refused,
     * each naming what is wrong, none changing the rules. */
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, LOOSEN_HR, strlen(LOOSEN_HR)), REHABPLAN_RULES_ERROR);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "rules: /rules/intensity.heart_rate/params/max_percent_hrmax: ");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "intensity.heart_rate.max_percent_hrmax");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "90");
    rules = rules_of(ctx);
    CHECK_STR_EQ(rules, builtin_rules);
    rehabplan_free(rules);

    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, CHANGE_FIXED, strlen(CHANGE_FIXED)), REHABPLAN_RULES_ERROR);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "week.volume");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "vigorous_factor");
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, UNKNOWN_RULE, strlen(UNKNOWN_RULE)), REHABPLAN_RULES_ERROR);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "no.such_rule");
    rules = rules_of(ctx);
    CHECK_STR_EQ(rules, builtin_rules);
    rehabplan_free(rules);

    /* The plan of a context whose loads all failed is the built-in plan. */
    builtin_plan = plan_for(builtin, &patient, STROKE_REQUEST);
    plan = plan_for(ctx, &patient, STROKE_REQUEST);
    CHECK_STR_EQ(plan, builtin_plan);
    rehabplan_free(plan);

    /* Tightening: the rules, the zones and the plan change; the tight plan keeps the tight
     * rules (and the built-in ones), the built-in plan breaks the tight ones. */
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, TIGHTEN_HR, strlen(TIGHTEN_HR)), REHABPLAN_OK);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
    tight_rules = rules_of(ctx);
    CHECK_STR_NE(tight_rules, builtin_rules);
    CHECK_STATUS(builtin, rehabplan_heart_rate_zones(builtin, patient.data, patient.len, &zones_builtin), REHABPLAN_OK);
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, patient.data, patient.len, &zones_tight), REHABPLAN_OK);
    CHECK_STR_NE(zones_tight, zones_builtin);
    tight_plan = plan_for(ctx, &patient, STROKE_REQUEST);
    CHECK_STR_NE(tight_plan, builtin_plan);
    CHECK_INT_EQ(errors_in(ctx, &patient, tight_plan), 0);
    CHECK_INT_EQ(errors_in(builtin, &patient, tight_plan), 0);
    CHECK(errors_in(ctx, &patient, builtin_plan) > 0);
    CHECK_INT_EQ(errors_in(builtin, &patient, builtin_plan), 0);

    /* Files stack: 80 % is tighter than the built-in 85 % but looser than the 75 % in force. */
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, HR_80, strlen(HR_80)), REHABPLAN_RULES_ERROR);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "max_percent_hrmax");
    rules = rules_of(ctx);
    CHECK_STR_EQ(rules, tight_rules);
    rehabplan_free(rules);
    {
        rehabplan_context *fresh = new_context();
        CHECK_STATUS(fresh, rehabplan_context_load_rules(fresh, HR_80, strlen(HR_80)), REHABPLAN_OK);
        rehabplan_context_free(fresh);
    }
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, duration.data, duration.len), REHABPLAN_OK);
    stacked_rules = rules_of(ctx);
    CHECK_STR_NE(stacked_rules, tight_rules);
    CHECK_STR_NE(stacked_rules, builtin_rules);
    /* The second file kept the first one's tightening. */
    plan = POISON;
    CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, patient.data, patient.len, &plan), REHABPLAN_OK);
    CHECK_STR_EQ(plan, zones_tight);
    rehabplan_free(plan);
    CHECK(errors_in(ctx, &patient, builtin_plan) > 0);

    /* Loading the same file into a fresh context gives the same rules: rules are data. */
    {
        rehabplan_context *again = new_context();
        char *again_rules;
        CHECK_STATUS(again, rehabplan_context_load_rules(again, TIGHTEN_HR, strlen(TIGHTEN_HR)), REHABPLAN_OK);
        CHECK_STATUS(again, rehabplan_context_load_rules(again, duration.data, duration.len), REHABPLAN_OK);
        again_rules = rules_of(again);
        CHECK_STR_EQ(again_rules, stacked_rules);
        rehabplan_free(again_rules);
        rehabplan_context_free(again);
    }

    /* The built-in rules list every rule of data/rules.json. */
    CHECK_CONTAINS(builtin_rules, "\"safety.contraindication\"");
    CHECK_CONTAINS(builtin_rules, "\"intensity.heart_rate\"");
    CHECK_CONTAINS(builtin_rules, "\"progression.graded\"");

    rehabplan_free(builtin_rules);
    rehabplan_free(tight_rules);
    rehabplan_free(stacked_rules);
    rehabplan_free(builtin_plan);
    rehabplan_free(tight_plan);
    rehabplan_free(zones_builtin);
    rehabplan_free(zones_tight);
    test_doc_free(&patient);
    test_doc_free(&duration);
    rehabplan_context_free(builtin);
    rehabplan_context_free(ctx);
}

static void test_refused(void) {
    rehabplan_context *ctx = new_context();
    size_t len = strlen(REFUSED_PATIENT);
    size_t req_len = strlen(STROKE_REQUEST);
    char *refusal = POISON, *plan = POISON, *findings = POISON;

    CHECK_STATUS(ctx, rehabplan_generate(ctx, REFUSED_PATIENT, len, STROKE_REQUEST, req_len, &refusal),
                 REHABPLAN_REFUSED);
    /* The output is the findings document, for the clinician. */
    if (CHECK(refusal != NULL && refusal != POISON)) {
        CHECK_CONTAINS(refusal, "\"safety.contraindication\"");
        CHECK_CONTAINS(refusal, "unstable_angina");
        CHECK(test_summary_count(refusal, "errors") > 0);
        CHECK_NOT_CONTAINS(refusal, "\"sessions\""); /* not a plan */
    }
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "safety.contraindication");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "unstable_angina");

    /* With findings: plan NULL, the same findings. */
    CHECK_STATUS(ctx,
                 rehabplan_generate_with_findings(ctx, REFUSED_PATIENT, len, STROKE_REQUEST, req_len, &plan, &findings),
                 REHABPLAN_REFUSED);
    CHECK_NULL_OUT(plan);
    CHECK_STR_EQ(findings, refusal);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "safety.contraindication");

    /* The same patient can still get heart-rate zones: only a plan is refused. */
    {
        char *zones = POISON;
        CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, REFUSED_PATIENT, len, &zones), REHABPLAN_OK);
        rehabplan_free(zones);
    }

    if (refusal != POISON) rehabplan_free(refusal);
    if (findings != POISON) rehabplan_free(findings);
    rehabplan_context_free(ctx);
}

static void test_generate_with_findings(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    size_t req_len = strlen(STROKE_REQUEST);
    char *plan = POISON, *findings = POISON, *plain = NULL;

    CHECK_STATUS(ctx,
                 rehabplan_generate_with_findings(ctx, patient.data, patient.len, STROKE_REQUEST, req_len, &plan,
                                                  &findings),
                 REHABPLAN_OK);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
    plain = plan_for(ctx, &patient, STROKE_REQUEST);
    /* The plan is the one rehabplan_generate() makes; the findings are a findings document
     * without errors (the generator explains, it does not break rules). */
    CHECK_STR_EQ(plan, plain);
    if (CHECK(findings != NULL && findings != POISON)) {
        CHECK_INT_EQ(test_summary_count(findings, "errors"), 0);
        CHECK(test_summary_count(findings, "infos") >= 0);
        CHECK_CONTAINS(findings, "\"findings\"");
        CHECK_STR_NE(findings, plan);
    }

    rehabplan_free(plain);
    if (plan != POISON) rehabplan_free(plan);
    if (findings != POISON) rehabplan_free(findings);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* Valid documents that ask for a plan the generator cannot make as asked. */
static void test_unplannable_requests(void) {
    rehabplan_context *ctx = new_context();
    test_doc stroke = test_read("examples/patient-stroke.json");
    test_doc chronic = test_read("examples/patient-chronic-pain.json");
    static const char concussion_return[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"programme\":\"concussion_return\"}";
    static const char graded_exposure[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"programme\":\"graded_exposure\"}";
    static const char no_fear_hierarchy[] =
        "{\"schema_version\":1,\"age\":46,\"sex\":\"male\",\"conditions\":[{\"type\":\"chronic_pain\"}],"
        "\"baseline_minutes\":15}";
    char *plan = POISON, *findings = POISON;

    /* A programme for another condition. */
    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, stroke.data, stroke.len, concussion_return, strlen(concussion_return), &plan),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(plan);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "concussion_return");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "concussion");
    plan = POISON;
    findings = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_generate_with_findings(ctx, stroke.data, stroke.len, graded_exposure,
                                                  strlen(graded_exposure), &plan, &findings),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(plan);
    CHECK_NULL_OUT(findings);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "graded_exposure");

    /* The right condition but no fear hierarchy to expose. */
    plan = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, no_fear_hierarchy, strlen(no_fear_hierarchy), graded_exposure,
                                    strlen(graded_exposure), &plan),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(plan);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "fear_hierarchy");

    /* The control: the chronic-pain patient, who has a fear hierarchy, gets that programme. */
    plan = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, chronic.data, chronic.len, graded_exposure, strlen(graded_exposure), &plan),
                 REHABPLAN_OK);
    CHECK_CONTAINS(plan, "\"graded_exposure\"");
    CHECK_INT_EQ(errors_in(ctx, &chronic, plan), 0);
    if (plan != POISON) rehabplan_free(plan);

    test_doc_free(&stroke);
    test_doc_free(&chronic);
    rehabplan_context_free(ctx);
}

/* Every example patient: its plan (default programme, and Dutch), re-checked by the
 * validator, has no errors; its zones are computed. */
static void test_generated_plans_validate(void) {
    static const char *const patients[] = {"examples/patient-stroke.json", "examples/patient-concussion.json",
                                           "examples/patient-older-adult.json", "examples/patient-chronic-pain.json",
                                           "examples/patient-tbi.json"};
    static const char dutch[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":4,\"language\":\"nl\"}";
    rehabplan_context *ctx = new_context();
    size_t i;

    for (i = 0; i < sizeof patients / sizeof patients[0]; ++i) {
        test_doc patient = test_read(patients[i]);
        char *plan, *plan_nl, *zones = POISON;
        fprintf(stderr, "generating for %s\n", patients[i]);
        plan = plan_for(ctx, &patient, DEFAULT_REQUEST);
        if (CHECK_NOT_NULL(plan)) {
            CHECK_CONTAINS(plan, "\"sessions\"");
            CHECK_CONTAINS(plan, "\"start_date\": \"2026-11-23\"");
            CHECK_INT_EQ(errors_in(ctx, &patient, plan), 0);
        }
        plan_nl = plan_for(ctx, &patient, dutch);
        if (CHECK_NOT_NULL(plan_nl)) {
            CHECK_CONTAINS(plan_nl, "\"language\": \"nl\"");
            CHECK_STR_NE(plan_nl, plan);
            CHECK_INT_EQ(errors_in(ctx, &patient, plan_nl), 0);
        }
        CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, patient.data, patient.len, &zones), REHABPLAN_OK);
        CHECK_CONTAINS(zones, "\"hrmax\"");
        CHECK_CONTAINS(zones, "\"target\"");
        rehabplan_free(zones);
        rehabplan_free(plan);
        rehabplan_free(plan_nl);
        test_doc_free(&patient);
    }
    rehabplan_context_free(ctx);
}

/* Violations are data: a plan full of errors validates with REHABPLAN_OK. */
static void test_validate_examples(void) {
    rehabplan_context *ctx = new_context();
    test_doc stroke = test_read("examples/patient-stroke.json");
    test_doc concussion = test_read("examples/patient-concussion.json");
    test_doc with_errors = test_read("examples/plan-with-errors.json");
    test_doc stroke_week = test_read("examples/plan-stroke-week.json");
    test_doc concussion_plan = test_read("examples/plan-concussion.json");
    char *findings = POISON;

    CHECK_STATUS(ctx, rehabplan_validate(ctx, stroke.data, stroke.len, with_errors.data, with_errors.len, &findings),
                 REHABPLAN_OK);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
    CHECK(test_summary_count(findings, "errors") > 0);
    CHECK_CONTAINS(findings, "\"rule\"");
    CHECK_CONTAINS(findings, "\"safety.stop_signals\"");
    if (findings != POISON) rehabplan_free(findings);

    findings = POISON;
    CHECK_STATUS(ctx, rehabplan_validate(ctx, stroke.data, stroke.len, stroke_week.data, stroke_week.len, &findings),
                 REHABPLAN_OK);
    CHECK(test_summary_count(findings, "errors") >= 0);
    if (findings != POISON) rehabplan_free(findings);

    findings = POISON;
    CHECK_STATUS(ctx,
                 rehabplan_validate(ctx, concussion.data, concussion.len, concussion_plan.data, concussion_plan.len,
                                    &findings),
                 REHABPLAN_OK);
    CHECK(test_summary_count(findings, "errors") >= 0);
    if (findings != POISON) rehabplan_free(findings);

    test_doc_free(&stroke);
    test_doc_free(&concussion);
    test_doc_free(&with_errors);
    test_doc_free(&stroke_week);
    test_doc_free(&concussion_plan);
    rehabplan_context_free(ctx);
}

/* The message of a failure is cleared by the next successful call, whichever function. */
static void test_errmsg_cleared(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-stroke-week.json");
    char *out = NULL, *out2 = NULL;

#define FAIL_THEN(call)                                                                       \
    do {                                                                                      \
        CHECK_STATUS(ctx, rehabplan_heart_rate_zones(ctx, "{", 1, &out), REHABPLAN_PARSE_ERROR); \
        CHECK(rehabplan_errmsg(ctx)[0] != '\0');                                              \
        CHECK_STATUS(ctx, call, REHABPLAN_OK);                                                \
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");                                              \
    } while (0)

    FAIL_THEN(rehabplan_context_load_rules(ctx, TIGHTEN_HR, strlen(TIGHTEN_HR)));
    FAIL_THEN(rehabplan_rules(ctx, &out));
    rehabplan_free(out);
    FAIL_THEN(rehabplan_heart_rate_zones(ctx, patient.data, patient.len, &out));
    rehabplan_free(out);
    FAIL_THEN(rehabplan_validate(ctx, patient.data, patient.len, plan.data, plan.len, &out));
    rehabplan_free(out);
    FAIL_THEN(rehabplan_generate(ctx, patient.data, patient.len, STROKE_REQUEST, strlen(STROKE_REQUEST), &out));
    rehabplan_free(out);
    FAIL_THEN(rehabplan_generate_with_findings(ctx, patient.data, patient.len, STROKE_REQUEST, strlen(STROKE_REQUEST),
                                               &out, &out2));
    rehabplan_free(out);
    rehabplan_free(out2);
    FAIL_THEN(rehabplan_render(ctx, plan.data, plan.len, "html", NULL, &out, NULL));
    rehabplan_free(out);
#undef FAIL_THEN

    /* A failure after a failure replaces the message; a refusal also sets one. */
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, LOOSEN_HR, strlen(LOOSEN_HR)), REHABPLAN_RULES_ERROR);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "rules: ");
    CHECK_STATUS(ctx, rehabplan_rules(ctx, NULL), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NOT_CONTAINS(rehabplan_errmsg(ctx), "rules: ");

    /* Messages belong to their context. */
    {
        rehabplan_context *other = new_context();
        CHECK_STR_EQ(rehabplan_errmsg(other), "");
        rehabplan_context_free(other);
    }

    test_doc_free(&patient);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

/* Same inputs, same bytes: within a context, across contexts, for every output. */
static void test_determinism(void) {
    rehabplan_context *a = new_context();
    rehabplan_context *b = new_context();
    test_doc patient = test_read("examples/patient-tbi.json");
    test_doc plan_doc = test_read("examples/plan-with-errors.json");
    char *p1 = plan_for(a, &patient, DEFAULT_REQUEST);
    char *p2 = plan_for(a, &patient, DEFAULT_REQUEST);
    char *p3 = plan_for(b, &patient, DEFAULT_REQUEST);
    char *f1 = NULL, *f2 = NULL, *z1 = NULL, *z2 = NULL;
    char *r1 = rules_of(a), *r2 = rules_of(b);

    CHECK_NOT_NULL(p1);
    CHECK_STR_EQ(p1, p2);
    CHECK_STR_EQ(p1, p3);
    CHECK(p1 != p2); /* each call returns its own copy */
    CHECK_STATUS(a, rehabplan_validate(a, patient.data, patient.len, plan_doc.data, plan_doc.len, &f1), REHABPLAN_OK);
    CHECK_STATUS(b, rehabplan_validate(b, patient.data, patient.len, plan_doc.data, plan_doc.len, &f2), REHABPLAN_OK);
    CHECK_STR_EQ(f1, f2);
    CHECK_STATUS(a, rehabplan_heart_rate_zones(a, patient.data, patient.len, &z1), REHABPLAN_OK);
    CHECK_STATUS(b, rehabplan_heart_rate_zones(b, patient.data, patient.len, &z2), REHABPLAN_OK);
    CHECK_STR_EQ(z1, z2);
    CHECK_STR_EQ(r1, r2);

    rehabplan_free(p1);
    rehabplan_free(p2);
    rehabplan_free(p3);
    rehabplan_free(f1);
    rehabplan_free(f2);
    rehabplan_free(z1);
    rehabplan_free(z2);
    rehabplan_free(r1);
    rehabplan_free(r2);
    test_doc_free(&patient);
    test_doc_free(&plan_doc);
    rehabplan_context_free(a);
    rehabplan_context_free(b);
}

/* ------------------------------------------------------------------------------------- *
 * rehabplan_render
 * ------------------------------------------------------------------------------------- */

static const char *const FORMATS[] = {"text", "markdown", "html", "ics", "json", "fhir"};
#define FORMAT_COUNT (sizeof FORMATS / sizeof FORMATS[0])

/* A value no call may leave in *out_len: it must become the length, or 0 on failure. */
#define LEN_POISON ((size_t)0xBAD)

/* A 4-week Dutch request for the stroke patient. */
static const char DUTCH_REQUEST[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":4,\"programme\":\"standard\",\"language\":\"nl\"}";

/* A plan as a therapist might type it: no patient, zone, findings or language; the title
 * and note are the therapist's own words (one with markup characters). */
static const char THERAPIST_PLAN[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":1,\"programme\":\"standard\","
    "\"sessions\":[{\"date\":\"2026-11-23\",\"type\":\"aerobic\",\"minutes\":20,"
    "\"title\":\"Fietsen met Anna \xe2\x80\x93 \xc3\xa9\xc3\xa9n keer\","
    "\"note\":\"Bring water <b> & a towel\"},"
    "{\"date\":\"2026-11-26\",\"type\":\"balance\",\"minutes\":15}]}";
static const char THERAPIST_TITLE[] = "Fietsen met Anna \xe2\x80\x93 \xc3\xa9\xc3\xa9n keer";

/* A clinic file that raises the weekly target (a dosing parameter, not a safety one). */
static const char VOLUME_180[] =
    "{\"schema_version\":1,\"rules\":{\"week.volume\":{\"params\":{\"min_minutes\":180}}}}";

static int is_format(const char *format, const char *name) { return strcmp(format, name) == 0; }

/* A copy of an iCalendar document with its folded lines joined again (RFC 5545 3.1: a CRLF
 * followed by one space or tab is removed), so a search does not depend on where a long
 * line was folded. Caller frees. */
static char *ics_unfolded(const char *ics) {
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
static long occurrences(const char *hay, const char *needle) {
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
static void longest_line(const char *doc, size_t *chars_out, size_t *bytes_out) {
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
static char *render_ok(rehabplan_context *ctx, const char *plan, size_t plan_len, const char *format,
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
static void expect_render_error(rehabplan_context *ctx, const char *plan, size_t plan_len, const char *format,
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
static void check_format_facts(const char *format, const char *lang, const char *doc) {
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

/* Generated plans (with patient, zone and findings), English and Dutch: every format in both
 * languages and the plan's own; the JSON is the plan again and re-validates. */
static void test_render_generated(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    const char *requests[2];
    const char *own_lang[2] = {"en", "nl"};
    size_t p, f;
    requests[0] = STROKE_REQUEST;
    requests[1] = DUTCH_REQUEST;

    for (p = 0; p < 2; ++p) {
        char *plan = plan_for(ctx, &patient, requests[p]);
        size_t plan_len;
        if (!CHECK_NOT_NULL(plan)) continue;
        plan_len = strlen(plan);
        /* What a printout needs is in a generated plan. */
        CHECK_CONTAINS(plan, "\"patient\"");
        CHECK_CONTAINS(plan, "\"heart_rate_zone\"");
        CHECK_CONTAINS(plan, "\"findings\"");
        for (f = 0; f < FORMAT_COUNT; ++f) {
            const char *format = FORMATS[f];
            char *en = render_ok(ctx, plan, plan_len, format, "en");
            char *nl = render_ok(ctx, plan, plan_len, format, "nl");
            char *dflt = render_ok(ctx, plan, plan_len, format, NULL);
            char *empty = render_ok(ctx, plan, plan_len, format, "");
            char *own = p == 0 ? en : nl;
            char *out = POISON;

            fprintf(stderr, "render: %s plan as %s\n", own_lang[p], format);
            check_format_facts(format, "en", en);
            check_format_facts(format, "nl", nl);
            /* NULL and "" take the plan's own language. */
            CHECK_STR_EQ(dflt, own);
            CHECK_STR_EQ(empty, own);
            if (is_format(format, "json")) {
                /* The plan document itself: the same in every language, the bytes the
                 * generator wrote, and it validates with zero errors. */
                CHECK_STR_EQ(en, nl);
                CHECK_STR_EQ(en, plan);
                CHECK_INT_EQ(errors_in(ctx, &patient, en), 0);
            } else {
                CHECK_STR_NE(en, nl);
            }
            if (!is_format(format, "json") && !is_format(format, "ics")) {
                /* The patient summary of the printout: the id from examples/patient-stroke.json
                 * (not in the calendar file, which goes to a phone's calendar). */
                CHECK_CONTAINS(nl, "P-0042");
            }
            /* out_len may be NULL. */
            CHECK_STATUS(ctx, rehabplan_render(ctx, plan, plan_len, format, "nl", &out, NULL), REHABPLAN_OK);
            CHECK_STR_EQ(out, nl);
            if (out != POISON) rehabplan_free(out);

            rehabplan_free(en);
            rehabplan_free(nl);
            rehabplan_free(dflt);
            rehabplan_free(empty);
        }
        rehabplan_free(plan);
    }
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* Plans written by hand (examples/plan-*.json: no patient, zone or findings, and no
 * language) render in every format; without a language they are English. Each is read
 * from a buffer of exactly its length (no NUL), and garbage after the length changes nothing. */
static void test_render_therapist_plans(void) {
    static const char *const files[] = {"examples/plan-stroke-week.json", "examples/plan-concussion.json",
                                        "examples/plan-with-errors.json"};
    static const char garbage[] = "}]} not JSON \"\\";
    rehabplan_context *ctx = new_context();
    size_t i, f;

    for (i = 0; i < sizeof files / sizeof files[0]; ++i) {
        test_doc plan = test_read(files[i]);
        char *with_garbage = (char *)malloc(plan.len + sizeof garbage);
        if (with_garbage == NULL) exit(2);
        memcpy(with_garbage, plan.data, plan.len);
        memcpy(with_garbage + plan.len, garbage, sizeof garbage);
        fprintf(stderr, "render: %s\n", files[i]);
        for (f = 0; f < FORMAT_COUNT; ++f) {
            const char *format = FORMATS[f];
            char *en = render_ok(ctx, plan.data, plan.len, format, "en");
            char *nl = render_ok(ctx, plan.data, plan.len, format, "nl");
            char *dflt = render_ok(ctx, plan.data, plan.len, format, NULL);
            char *again = render_ok(ctx, with_garbage, plan.len, format, "nl");
            check_format_facts(format, "en", en);
            check_format_facts(format, "nl", nl);
            CHECK_STR_EQ(dflt, en);
            CHECK_STR_EQ(again, nl);
            if (!is_format(format, "json")) CHECK_STR_NE(en, nl);
            rehabplan_free(en);
            rehabplan_free(nl);
            rehabplan_free(dflt);
            rehabplan_free(again);
        }
        free(with_garbage);
        test_doc_free(&plan);
    }
    rehabplan_context_free(ctx);
}

/* Text a therapist typed is printed as written, in both languages, in every format (HTML
 * escapes it, iCalendar may fold its line); markup in it never becomes markup. */
static void test_render_therapist_text(void) {
    rehabplan_context *ctx = new_context();
    size_t len = strlen(THERAPIST_PLAN), f;
    int l;
    for (f = 0; f < FORMAT_COUNT; ++f) {
        for (l = 0; l < 2; ++l) {
            const char *lang = l == 0 ? "en" : "nl";
            char *doc = render_ok(ctx, THERAPIST_PLAN, len, FORMATS[f], lang);
            if (doc == NULL) continue;
            if (is_format(FORMATS[f], "ics")) {
                char *u = ics_unfolded(doc);
                CHECK_CONTAINS(u, THERAPIST_TITLE);
                CHECK_INT_EQ(occurrences(doc, "\r\nBEGIN:VEVENT\r\n"), 2); /* one event per session */
                free(u);
            } else {
                CHECK_CONTAINS(doc, THERAPIST_TITLE);
            }
            if (is_format(FORMATS[f], "html")) {
                CHECK_NOT_CONTAINS(doc, "<b>");
                CHECK_CONTAINS(doc, "&lt;b&gt;");
            }
            rehabplan_free(doc);
        }
    }
    rehabplan_context_free(ctx);
}

/* The first C0 control character (or DEL) in doc other than LF and those in `allowed`; -1
 * when there is none. */
static int control_character(const char *doc, const char *allowed) {
    const unsigned char *p;
    for (p = (const unsigned char *)doc; *p != '\0'; ++p)
        if ((*p < 0x20 && *p != '\n' && strchr(allowed, *p) == NULL) || *p == 0x7f) return *p;
    return -1;
}

/* Text a therapist typed may hold any character a JSON string can carry: "\u0000", a
 * terminal escape, "\r\n" from a Windows editor, a URL longer than a line. A printout holds
 * no control character but LF (CRLF in the calendar; TAB, FF and CR, white space, in HTML),
 * so that strlen == *out_len, nothing drives a terminal and no Markdown table breaks; and the
 * text stays within 80 columns. See README.md, Known failures. */
static void test_render_hostile_text(void) {
    /* A NUL: strlen would stop at it. */
    static const char with_nul[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":1,"
        "\"sessions\":[{\"date\":\"2026-11-23\",\"type\":\"aerobic\",\"minutes\":20,"
        "\"title\":\"Walk\\u0000 to the park\"}]}";
    /* ESC, BEL, CR LF, DEL, and a word longer than a line. */
    static const char with_controls[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":1,"
        "\"notes\":\"Seen \\u001b]0;x\\u0007 today\","
        "\"sessions\":[{\"date\":\"2026-11-23\",\"type\":\"aerobic\",\"minutes\":20,"
        "\"title\":\"Walk to the park\\u001b[2J\\u0007\",\"note\":\"Line 1\\r\\nLine 2\\u007f\"},"
        "{\"date\":\"2026-11-25\",\"type\":\"balance\",\"minutes\":15,"
        "\"title\":\"https://www.example.org/balance-exercises-at-home-with-a-chair-and-a-wall-for-support\"}]}";
    const char *plans[2];
    rehabplan_context *ctx = new_context();
    size_t f, p;
    int l;
    plans[0] = with_nul;
    plans[1] = with_controls;
    for (p = 0; p < 2; ++p) {
        for (f = 0; f < FORMAT_COUNT; ++f) {
            if (is_format(FORMATS[f], "json")) continue; /* JSON writes them as \u escapes */
            for (l = 0; l < 2; ++l) {
                const char *lang = l == 0 ? "en" : "nl";
                const char *allowed = is_format(FORMATS[f], "ics")    ? "\r"
                                      : is_format(FORMATS[f], "html") ? "\t\f\r"
                                                                      : "";
                char *doc = render_ok(ctx, plans[p], strlen(plans[p]), FORMATS[f], lang);
                if (doc == NULL) continue;
                if (!CHECK_INT_EQ(control_character(doc, allowed), -1))
                    fprintf(stderr, "    (a control character in %s, lang %s)\n", FORMATS[f], lang);
                if (is_format(FORMATS[f], "text")) check_format_facts("text", lang, doc);
                rehabplan_free(doc);
            }
        }
    }
    rehabplan_context_free(ctx);
}

/* NULL arguments, unknown formats and languages, bad documents: the status, *out NULL,
 * *out_len 0, and a message that says what is wrong. */
static void test_render_errors(void) {
    rehabplan_context *ctx = new_context();
    test_doc plan = test_read("examples/plan-stroke-week.json");
    test_doc bad_date = test_read("tests/data/corpus/plan-start-date-2026-02-30.json");
    test_doc patient = test_read("examples/patient-stroke.json");
    static const char nul_inside[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\"}\0";
    static const char no_sessions[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":1}";
    static const char huge_minutes[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":1,"
        "\"sessions\":[{\"date\":\"2026-11-23\",\"type\":\"aerobic\",\"minutes\":1e300}]}";
    static const char bad_utf8_lang[] = "\xff\xfe\xc3";
    static const char *const bad_formats[] = {"pdf", "HTML", "", "html ", "txt", "md"};
    static const char *const bad_langs[] = {"EN", "en-GB", "nl ", "fr", "english"};
    char long_lang[301];
    char *out = POISON;
    size_t len = LEN_POISON, i;

    /* NULL context: nothing to put a message in; errmsg(NULL) says so. */
    CHECK_STATUS(NULL, rehabplan_render(NULL, plan.data, plan.len, "html", "en", &out, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_INT_EQ(len, 0);
    CHECK_CONTAINS(rehabplan_errmsg(NULL), "NULL");
    CHECK_STATUS(NULL, rehabplan_render(NULL, NULL, 0, NULL, NULL, NULL, NULL), REHABPLAN_INVALID_ARGUMENT);

    /* Each other NULL is named. */
    expect_render_error(ctx, NULL, plan.len, "html", "en", REHABPLAN_INVALID_ARGUMENT, NULL, "plan_json");
    expect_render_error(ctx, plan.data, plan.len, NULL, "en", REHABPLAN_INVALID_ARGUMENT, NULL, "format");
    len = LEN_POISON;
    CHECK_STATUS(ctx, rehabplan_render(ctx, plan.data, plan.len, "html", "en", NULL, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_INT_EQ(len, 0);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "out is NULL");
    CHECK_STATUS(ctx, rehabplan_render(ctx, plan.data, plan.len, "html", "en", NULL, NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "out");

    /* Formats are exact, lower-case names. */
    for (i = 0; i < sizeof bad_formats / sizeof bad_formats[0]; ++i)
        expect_render_error(ctx, plan.data, plan.len, bad_formats[i], "en", REHABPLAN_INVALID_ARGUMENT, "format: ",
                            "text, markdown, html, ics, json or fhir");
    /* Languages: en, nl, "" or NULL; the message quotes a short printable value. */
    expect_render_error(ctx, plan.data, plan.len, "html", "de", REHABPLAN_INVALID_ARGUMENT, "lang: ", "\"de\"");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "en or nl");
    for (i = 0; i < sizeof bad_langs / sizeof bad_langs[0]; ++i)
        expect_render_error(ctx, plan.data, plan.len, "text", bad_langs[i], REHABPLAN_INVALID_ARGUMENT, "lang: ",
                            "en or nl");
    /* A language of invalid UTF-8, or a long one: the message is still valid UTF-8 (checked
     * by expect_render_error) and does not echo the bytes. */
    expect_render_error(ctx, plan.data, plan.len, "text", bad_utf8_lang, REHABPLAN_INVALID_ARGUMENT, "lang: ",
                        "en or nl");
    memset(long_lang, 'x', sizeof long_lang - 1);
    long_lang[sizeof long_lang - 1] = '\0';
    expect_render_error(ctx, plan.data, plan.len, "text", long_lang, REHABPLAN_INVALID_ARGUMENT, "lang: ",
                        "en or nl");
    CHECK(strlen(rehabplan_errmsg(ctx)) < 200);
    /* A bad language fails for the json format too (it is checked, even if unused). */
    expect_render_error(ctx, plan.data, plan.len, "json", "de", REHABPLAN_INVALID_ARGUMENT, "lang: ", "\"de\"");

    /* Documents that are not JSON: PARSE_ERROR naming the plan. */
    expect_render_error(ctx, "not json", 8, "html", "en", REHABPLAN_PARSE_ERROR, "plan: ", "not valid JSON");
    expect_render_error(ctx, "{", 1, "text", NULL, REHABPLAN_PARSE_ERROR, "plan: ", NULL);
    expect_render_error(ctx, plan.data, 0, "text", NULL, REHABPLAN_PARSE_ERROR, "plan: ", "empty document");
    expect_render_error(ctx, plan.data, plan.len / 2, "ics", "nl", REHABPLAN_PARSE_ERROR, "plan: ", NULL);
    expect_render_error(ctx, nul_inside, sizeof nul_inside, "markdown", "en", REHABPLAN_PARSE_ERROR, "plan: ",
                        NULL);

    /* Valid JSON that is not a plan: SCHEMA_ERROR with the JSON Pointer. */
    expect_render_error(ctx, bad_date.data, bad_date.len, "html", "en", REHABPLAN_SCHEMA_ERROR,
                        "plan: /start_date: ", "2026-02-30");
    expect_render_error(ctx, huge_minutes, strlen(huge_minutes), "text", "nl", REHABPLAN_SCHEMA_ERROR,
                        "plan: /sessions/0/minutes: ", NULL);
    expect_render_error(ctx, no_sessions, strlen(no_sessions), "json", NULL, REHABPLAN_SCHEMA_ERROR, "plan: ",
                        "sessions");
    expect_render_error(ctx, patient.data, patient.len, "ics", "en", REHABPLAN_SCHEMA_ERROR, "plan: /", NULL);
    expect_render_error(ctx, "[]", 2, "text", "en", REHABPLAN_SCHEMA_ERROR, "plan: ", NULL);

    /* After all these failures the context still renders, and a success clears the message. */
    out = render_ok(ctx, plan.data, plan.len, "text", "nl");
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
    rehabplan_free(out);

    test_doc_free(&plan);
    test_doc_free(&bad_date);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* Same inputs, same bytes: twice in one context, once in another, every format. */
static void test_render_determinism(void) {
    rehabplan_context *a = new_context();
    rehabplan_context *b = new_context();
    test_doc patient = test_read("examples/patient-tbi.json");
    char *plan = plan_for(a, &patient, DEFAULT_REQUEST);
    size_t f;
    int l;
    if (CHECK_NOT_NULL(plan)) {
        for (f = 0; f < FORMAT_COUNT; ++f) {
            for (l = 0; l < 2; ++l) {
                const char *lang = l == 0 ? "en" : "nl";
                char *r1 = render_ok(a, plan, strlen(plan), FORMATS[f], lang);
                char *r2 = render_ok(a, plan, strlen(plan), FORMATS[f], lang);
                char *r3 = render_ok(b, plan, strlen(plan), FORMATS[f], lang);
                CHECK_STR_EQ(r1, r2);
                CHECK_STR_EQ(r1, r3);
                CHECK(r1 != r2); /* each call returns its own copy */
                rehabplan_free(r1);
                rehabplan_free(r2);
                rehabplan_free(r3);
            }
        }
    }
    rehabplan_free(plan);
    test_doc_free(&patient);
    rehabplan_context_free(a);
    rehabplan_context_free(b);
}

/* The weekly target in the chart is the rules in force in the context: a clinic file that
 * raises it changes the printout of the same plan. */
static void test_render_uses_the_context_rules(void) {
    rehabplan_context *builtin = new_context();
    rehabplan_context *clinic = new_context();
    test_doc plan = test_read("tests/data/golden/stroke-standard-12w.json");
    static const char *const formats[] = {"text", "markdown"};
    size_t f;

    CHECK_STATUS(clinic, rehabplan_context_load_rules(clinic, VOLUME_180, strlen(VOLUME_180)), REHABPLAN_OK);
    for (f = 0; f < sizeof formats / sizeof formats[0]; ++f) {
        char *ours = render_ok(builtin, plan.data, plan.len, formats[f], "en");
        char *theirs = render_ok(clinic, plan.data, plan.len, formats[f], "en");
        CHECK_CONTAINS(ours, "150-300");
        CHECK_CONTAINS(theirs, "180-300");
        CHECK_STR_NE(ours, theirs);
        rehabplan_free(ours);
        rehabplan_free(theirs);
    }
    /* The plan document itself does not depend on the rules. */
    {
        char *ours = render_ok(builtin, plan.data, plan.len, "json", NULL);
        char *theirs = render_ok(clinic, plan.data, plan.len, "json", NULL);
        CHECK_STR_EQ(ours, theirs);
        rehabplan_free(ours);
        rehabplan_free(theirs);
    }
    test_doc_free(&plan);
    rehabplan_context_free(builtin);
    rehabplan_context_free(clinic);
}

/* Every golden plan (six patients, en and nl, with and without heart-rate targets) renders
 * in every format and both languages. */
static void test_render_golden_plans(void) {
    static const char *const files[] = {
        "tests/data/golden/stroke-standard-12w.json",      "tests/data/golden/concussion-return-nl.json",
        "tests/data/golden/tbi-neurorc-12w.json",          "tests/data/golden/parkinson-beta-blocker-8w.json",
        "tests/data/golden/chronic-pain-exposure-nl.json", "tests/data/golden/hiit-stroke-unscreened-6w.json"};
    rehabplan_context *ctx = new_context();
    size_t i, f;
    int l;
    for (i = 0; i < sizeof files / sizeof files[0]; ++i) {
        test_doc plan = test_read(files[i]);
        fprintf(stderr, "render: %s\n", files[i]);
        for (f = 0; f < FORMAT_COUNT; ++f) {
            for (l = 0; l < 2; ++l) {
                const char *lang = l == 0 ? "en" : "nl";
                char *doc = render_ok(ctx, plan.data, plan.len, FORMATS[f], lang);
                check_format_facts(FORMATS[f], lang, doc);
                rehabplan_free(doc);
            }
        }
        test_doc_free(&plan);
    }
    rehabplan_context_free(ctx);
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
static const char PROGRESS_LOG[] = LOG_HEAD LOG_WEEK_1 "," LOG_WEEK_2 "]}";
/* The same, with a stop signal on Wednesday of week 2 (chest pain): stop and refer. */
static const char STOP_LOG[] =
    LOG_HEAD LOG_WEEK_1 ",{\"date\":\"2026-12-02\",\"type\":\"aerobic\",\"minutes\":12,\"completed\":false,"
                        "\"stop_signal\":true,\"note\":\"chest pain\"}]}";
/* Entry 9 is dated after PROGRESS_TODAY. */
static const char LATE_LOG[] = LOG_HEAD LOG_WEEK_1 ",{\"date\":\"2026-12-04\",\"type\":\"aerobic\",\"minutes\":30}]}";
/* A log with no entries: nothing was done. */
static const char EMPTY_LOG[] = "{\"schema_version\":1,\"entries\":[]}";
static const char PROGRESS_TODAY[] = "2026-12-03";

/* The plan the log belongs to (caller frees): generated, so the test does not depend on a
 * file that changes with the generator. */
static char *progress_plan(rehabplan_context *ctx, const test_doc *patient) {
    return plan_for(ctx, patient, STROKE_REQUEST);
}

/* rehabplan_progress() that must succeed: OK, errmsg "", a NUL-terminated, valid UTF-8
 * document of *out_len bytes. The document (caller frees), NULL on failure. */
static char *progress_ok(rehabplan_context *ctx, const test_doc *patient, const char *plan, const char *log,
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
static char *replan_ok(rehabplan_context *ctx, const test_doc *patient, const char *plan, const char *log,
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
static void expect_progress_error(rehabplan_context *ctx, const char *patient, size_t patient_len, const char *plan,
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

/* NULL for every pointer argument of both functions: INVALID_ARGUMENT naming it, outputs
 * NULL, *out_len 0. */
static void test_progress_null_arguments(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *plan = progress_plan(ctx, &patient);
    test_doc log = test_doc_from(PROGRESS_LOG);
    char *out = POISON, *out2 = POISON;
    size_t len = LEN_POISON, plan_len;
    const char *p, *q, *l, *t = PROGRESS_TODAY;
    size_t pn, qn, ln;

    if (!CHECK_NOT_NULL(plan)) goto done;
    plan_len = strlen(plan);
    p = patient.data, pn = patient.len, q = plan, qn = plan_len, l = log.data, ln = log.len;

    /* NULL context: nothing to put a message in. */
    CHECK_STATUS(NULL, rehabplan_progress(NULL, p, pn, q, qn, l, ln, t, "json", NULL, &out, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_INT_EQ(len, 0);
    CHECK_STATUS(NULL, rehabplan_progress(NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, NULL, NULL, NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    out = POISON;
    out2 = POISON;
    CHECK_STATUS(NULL, rehabplan_replan(NULL, p, pn, q, qn, l, ln, t, &out, &out2), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out);
    CHECK_NULL_OUT(out2);
    CHECK_STATUS(NULL, rehabplan_replan(NULL, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(NULL), "NULL");

    /* Each input named. */
    expect_progress_error(ctx, NULL, pn, q, qn, l, ln, t, "json", NULL, 0, REHABPLAN_INVALID_ARGUMENT, NULL,
                          "patient_json is NULL");
    expect_progress_error(ctx, p, pn, NULL, qn, l, ln, t, "json", NULL, 0, REHABPLAN_INVALID_ARGUMENT, NULL,
                          "plan_json is NULL");
    expect_progress_error(ctx, p, pn, q, qn, NULL, ln, t, "json", NULL, 0, REHABPLAN_INVALID_ARGUMENT, NULL,
                          "log_json is NULL");
    expect_progress_error(ctx, p, pn, q, qn, l, ln, NULL, "json", NULL, 0, REHABPLAN_INVALID_ARGUMENT, NULL,
                          "today is NULL");
    expect_progress_error(ctx, p, pn, q, qn, l, ln, t, NULL, NULL, 1, REHABPLAN_INVALID_ARGUMENT, NULL,
                          "format is NULL");
    /* The outputs. */
    len = LEN_POISON;
    CHECK_STATUS(ctx, rehabplan_progress(ctx, p, pn, q, qn, l, ln, t, "json", NULL, NULL, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_INT_EQ(len, 0);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "out is NULL");
    CHECK_STATUS(ctx, rehabplan_progress(ctx, p, pn, q, qn, l, ln, t, "json", NULL, NULL, NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "out is NULL");
    out2 = POISON;
    CHECK_STATUS(ctx, rehabplan_replan(ctx, p, pn, q, qn, l, ln, t, NULL, &out2), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL_OUT(out2);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "plan_json_out is NULL");
    CHECK_STATUS(ctx, rehabplan_replan(ctx, p, pn, q, qn, l, ln, t, NULL, NULL), REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "plan_json_out is NULL");

done:
    rehabplan_free(plan);
    test_doc_free(&patient);
    test_doc_free(&log);
    rehabplan_context_free(ctx);
}

/* today is a strict YYYY-MM-DD (a date that exists, years 1900-2199), checked before the
 * documents; a today before the plan's start is refused too. */
static void test_progress_bad_today(void) {
    static const char *const bad[] = {"2026-02-30", "", "2026-1-1", "2026-12-3", "26-12-03", "2026/12/03",
                                      "2026-12-03 ", " 2026-12-03", "2026-12-03T10:00", "03-12-2026", "1899-12-31",
                                      "2200-01-01", "2026-13-01", "2026-00-10", "today", "+2026-12-03"};
    static const char bad_utf8[] = "2026-12-\xff\xfe";
    char long_today[301];
    char quoted[64];
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *plan = progress_plan(ctx, &patient);
    size_t i, plan_len;

    if (!CHECK_NOT_NULL(plan)) goto done;
    plan_len = strlen(plan);
    for (i = 0; i < sizeof bad / sizeof bad[0]; ++i) {
        snprintf(quoted, sizeof quoted, "got \"%s\"", bad[i]);
        expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                              bad[i], "json", NULL, 0, REHABPLAN_INVALID_ARGUMENT,
                              "today: expected a date YYYY-MM-DD, got ", quoted);
    }
    /* Not UTF-8, or long: described, not echoed; the message stays short valid UTF-8. */
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                          bad_utf8, "text", "nl", 0, REHABPLAN_INVALID_ARGUMENT,
                          "today: expected a date YYYY-MM-DD, got ", NULL);
    memset(long_today, '2', sizeof long_today - 1);
    long_today[sizeof long_today - 1] = '\0';
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                          long_today, "html", NULL, 0, REHABPLAN_INVALID_ARGUMENT,
                          "today: expected a date YYYY-MM-DD, got ", NULL);
    CHECK(strlen(rehabplan_errmsg(ctx)) < 200);
    /* A bad today is found before a bad document. */
    expect_progress_error(ctx, "not json", 8, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG), "2026-02-30",
                          "json", NULL, 0, REHABPLAN_INVALID_ARGUMENT, "today: ", "2026-02-30");
    /* A date, but before the plan starts (2026-11-23): nothing to report on. */
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, EMPTY_LOG, strlen(EMPTY_LOG),
                          "2026-11-01", "json", NULL, 0, REHABPLAN_INVALID_ARGUMENT, "today: ", "2026-11-01");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "2026-11-23");
    CHECK_NOT_CONTAINS(rehabplan_errmsg(ctx), "/today"); /* an argument, not a document */
    /* The plan's first day is a today with nothing to report yet. */
    {
        char *doc = progress_ok(ctx, &patient, plan, EMPTY_LOG, "2026-11-23", "json", NULL);
        CHECK_NOT_CONTAINS(doc, "\"week\": 1");
        rehabplan_free(doc);
    }
done:
    rehabplan_free(plan);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* Formats json, text and html; languages en, nl, NULL and "". Checked before the documents. */
static void test_progress_bad_format_and_lang(void) {
    static const char *const bad_formats[] = {"markdown", "ics", "pdf", "", "JSON", "html ", "txt"};
    static const char *const bad_langs[] = {"de", "EN", "en-GB", "nl ", "fr"};
    static const char bad_utf8_lang[] = "\xff\xfe\xc3";
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *plan = progress_plan(ctx, &patient);
    size_t i, plan_len;

    if (!CHECK_NOT_NULL(plan)) goto done;
    plan_len = strlen(plan);
    for (i = 0; i < sizeof bad_formats / sizeof bad_formats[0]; ++i)
        expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                              PROGRESS_TODAY, bad_formats[i], "en", 1, REHABPLAN_INVALID_ARGUMENT, "format: ",
                              "expected json, text or html");
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                          PROGRESS_TODAY, "pdf", "en", 1, REHABPLAN_INVALID_ARGUMENT, "format: ", "\"pdf\"");
    for (i = 0; i < sizeof bad_langs / sizeof bad_langs[0]; ++i)
        expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                              PROGRESS_TODAY, "text", bad_langs[i], 1, REHABPLAN_INVALID_ARGUMENT, "lang: ",
                              "en or nl");
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                          PROGRESS_TODAY, "json", "de", 1, REHABPLAN_INVALID_ARGUMENT, "lang: ", "\"de\"");
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, PROGRESS_LOG, strlen(PROGRESS_LOG),
                          PROGRESS_TODAY, "html", bad_utf8_lang, 1, REHABPLAN_INVALID_ARGUMENT, "lang: ", "en or nl");
    /* Arguments before documents. */
    expect_progress_error(ctx, patient.data, patient.len, "{", 1, PROGRESS_LOG, strlen(PROGRESS_LOG), PROGRESS_TODAY,
                          "markdown", NULL, 1, REHABPLAN_INVALID_ARGUMENT, "format: ", NULL);
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, "{", 1, PROGRESS_TODAY, "text", "de", 1,
                          REHABPLAN_INVALID_ARGUMENT, "lang: ", NULL);
done:
    rehabplan_free(plan);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* Each document malformed in turn: PARSE_ERROR or SCHEMA_ERROR naming it and the pointer. */
static void test_progress_document_errors(void) {
    static const char bad_log_date[] = "{\"entries\":[{\"date\":\"2026-02-30\",\"minutes\":10}]}";
    static const char bad_log_minutes[] =
        "{\"entries\":[{\"date\":\"2026-11-23\",\"minutes\":10},{\"date\":\"2026-11-25\",\"minutes\":601}]}";
    static const char bad_log_rpe[] = "{\"entries\":[{\"date\":\"2026-11-23\",\"minutes\":10,\"rpe\":21}]}";
    static const char log_without_entries[] = "{\"schema_version\":1}";
    static const char nul_inside[] = "{\"entries\":[]}\0";
    static const char bad_utf8[] = "{\"entries\":[{\"date\":\"2026-11-23\",\"minutes\":10,\"note\":\"\xff\"}]}";
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc bad_plan = test_read("tests/data/corpus/plan-start-date-2026-02-30.json");
    const char *bad_patient = PATIENT_WITH("1e300", "\"max_bpm\":150", "2026-08-14");
    char *plan = progress_plan(ctx, &patient);
    const char *l = PROGRESS_LOG, *t = PROGRESS_TODAY;
    size_t ln = strlen(PROGRESS_LOG), plan_len;
    char empty[1] = {'x'};

    if (!CHECK_NOT_NULL(plan)) goto done;
    plan_len = strlen(plan);

#define P_OK patient.data, patient.len
#define Q_OK plan, plan_len
    /* Not JSON. */
    expect_progress_error(ctx, "not json", 8, Q_OK, l, ln, t, "json", NULL, 0, REHABPLAN_PARSE_ERROR, "patient: ",
                          "not valid JSON");
    expect_progress_error(ctx, P_OK, "not json", 8, l, ln, t, "text", NULL, 0, REHABPLAN_PARSE_ERROR, "plan: ",
                          "not valid JSON");
    expect_progress_error(ctx, P_OK, Q_OK, "not json", 8, t, "html", NULL, 0, REHABPLAN_PARSE_ERROR, "log: ",
                          "not valid JSON");
    expect_progress_error(ctx, P_OK, Q_OK, empty, 0, t, "json", NULL, 0, REHABPLAN_PARSE_ERROR, "log: ",
                          "empty document");
    expect_progress_error(ctx, P_OK, Q_OK, l, ln - 1, t, "json", NULL, 0, REHABPLAN_PARSE_ERROR, "log: ", NULL);
    expect_progress_error(ctx, P_OK, Q_OK, nul_inside, sizeof nul_inside, t, "json", NULL, 0,
                          REHABPLAN_PARSE_ERROR, "log: ", NULL);
    expect_progress_error(ctx, P_OK, Q_OK, bad_utf8, sizeof bad_utf8 - 1, t, "json", NULL, 0,
                          REHABPLAN_PARSE_ERROR, "log: ", NULL);
    expect_progress_error(ctx, P_OK, plan, plan_len / 2, l, ln, t, "json", NULL, 0, REHABPLAN_PARSE_ERROR, "plan: ",
                          NULL);
    /* Schema errors with the JSON Pointer. */
    expect_progress_error(ctx, bad_patient, strlen(bad_patient), Q_OK, l, ln, t, "json", NULL, 0,
                          REHABPLAN_SCHEMA_ERROR, "patient: /age: ", "1e+300");
    expect_progress_error(ctx, P_OK, bad_plan.data, bad_plan.len, l, ln, t, "json", NULL, 0, REHABPLAN_SCHEMA_ERROR,
                          "plan: /start_date: ", "2026-02-30");
    expect_progress_error(ctx, P_OK, patient.data, patient.len, l, ln, t, "json", NULL, 0, REHABPLAN_SCHEMA_ERROR,
                          "plan: ", NULL);
    expect_progress_error(ctx, P_OK, Q_OK, bad_log_date, strlen(bad_log_date), t, "json", NULL, 0,
                          REHABPLAN_SCHEMA_ERROR, "log: /entries/0/date: ", "2026-02-30");
    expect_progress_error(ctx, P_OK, Q_OK, bad_log_minutes, strlen(bad_log_minutes), t, "text", "nl", 0,
                          REHABPLAN_SCHEMA_ERROR, "log: /entries/1/minutes: ", "601");
    expect_progress_error(ctx, P_OK, Q_OK, bad_log_rpe, strlen(bad_log_rpe), t, "html", "en", 0,
                          REHABPLAN_SCHEMA_ERROR, "log: /entries/0/rpe: ", "21");
    expect_progress_error(ctx, P_OK, Q_OK, log_without_entries, strlen(log_without_entries), t, "json", NULL, 0,
                          REHABPLAN_SCHEMA_ERROR, "log: ", "entries");
    expect_progress_error(ctx, P_OK, Q_OK, "[]", 2, t, "json", NULL, 0, REHABPLAN_SCHEMA_ERROR, "log: ", NULL);
    /* A plan where the log belongs: the patient's document is not a log. */
    expect_progress_error(ctx, P_OK, Q_OK, patient.data, patient.len, t, "json", NULL, 0, REHABPLAN_SCHEMA_ERROR,
                          "log: /", NULL);
    /* Documents are read in order: the patient's error first. */
    expect_progress_error(ctx, "{", 1, "{", 1, "{", 1, t, "json", NULL, 0, REHABPLAN_PARSE_ERROR, "patient: ", NULL);
    expect_progress_error(ctx, P_OK, "{", 1, "{", 1, t, "json", NULL, 0, REHABPLAN_PARSE_ERROR, "plan: ", NULL);
#undef P_OK
#undef Q_OK
done:
    rehabplan_free(plan);
    test_doc_free(&patient);
    test_doc_free(&bad_plan);
    rehabplan_context_free(ctx);
}

/* A log that does not fit the plan or today: a SCHEMA_ERROR of the log naming the entry. */
static void test_progress_log_does_not_fit(void) {
    /* Before the plan's start (2026-11-23). */
    static const char early[] = "{\"entries\":[{\"date\":\"2026-11-23\",\"type\":\"balance\",\"minutes\":10},"
                                "{\"date\":\"2026-11-20\",\"type\":\"aerobic\",\"minutes\":30}]}";
    /* Another patient's log. */
    static const char other_patient[] =
        "{\"patient_id\":\"P-9999\",\"entries\":[{\"date\":\"2026-11-23\",\"type\":\"balance\",\"minutes\":10}]}";
    /* Two balance entries on a day with one balance session. */
    static const char duplicate[] = "{\"entries\":[{\"date\":\"2026-11-23\",\"type\":\"balance\",\"minutes\":10},"
                                    "{\"date\":\"2026-11-23\",\"type\":\"balance\",\"minutes\":10}]}";
    /* No type on a day with three sessions. */
    static const char untyped[] = "{\"entries\":[{\"date\":\"2026-11-23\",\"minutes\":10}]}";
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *plan = progress_plan(ctx, &patient);
    size_t plan_len;

    if (!CHECK_NOT_NULL(plan)) goto done;
    plan_len = strlen(plan);
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, LATE_LOG, strlen(LATE_LOG), PROGRESS_TODAY,
                          "json", NULL, 0, REHABPLAN_SCHEMA_ERROR, "log: /entries/9/date: ", "2026-12-04");
    /* The same log a day later is fine. */
    {
        char *doc = progress_ok(ctx, &patient, plan, LATE_LOG, "2026-12-04", "json", NULL);
        rehabplan_free(doc);
    }
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, early, strlen(early), PROGRESS_TODAY,
                          "text", NULL, 0, REHABPLAN_SCHEMA_ERROR, "log: /entries/1/date: ", "2026-11-20");
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, other_patient, strlen(other_patient),
                          PROGRESS_TODAY, "json", NULL, 0, REHABPLAN_SCHEMA_ERROR, "log: /patient_id: ", "P-9999");
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, duplicate, strlen(duplicate),
                          PROGRESS_TODAY, "json", NULL, 0, REHABPLAN_SCHEMA_ERROR, "log: /entries/1", NULL);
    expect_progress_error(ctx, patient.data, patient.len, plan, plan_len, untyped, strlen(untyped), PROGRESS_TODAY,
                          "json", NULL, 0, REHABPLAN_SCHEMA_ERROR, "log: /entries/0", NULL);
done:
    rehabplan_free(plan);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* The report in every format and language: what each must hold, lang NULL and "" are the
 * plan's own language, out_len may be NULL, the same inputs give the same bytes in any
 * context, and a success clears the last message. */
static void test_progress_report(void) {
    static const char *const formats[] = {"json", "text", "html"};
    rehabplan_context *ctx = new_context();
    rehabplan_context *other = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *plan = progress_plan(ctx, &patient);
    size_t f;

    if (!CHECK_NOT_NULL(plan)) goto done;
    for (f = 0; f < sizeof formats / sizeof formats[0]; ++f) {
        const char *format = formats[f];
        char *en = progress_ok(ctx, &patient, plan, PROGRESS_LOG, PROGRESS_TODAY, format, "en");
        char *nl = progress_ok(ctx, &patient, plan, PROGRESS_LOG, PROGRESS_TODAY, format, "nl");
        char *dflt = progress_ok(ctx, &patient, plan, PROGRESS_LOG, PROGRESS_TODAY, format, NULL);
        char *empty = progress_ok(ctx, &patient, plan, PROGRESS_LOG, PROGRESS_TODAY, format, "");
        char *again = progress_ok(other, &patient, plan, PROGRESS_LOG, PROGRESS_TODAY, format, "nl");
        char *out = POISON;

        fprintf(stderr, "progress: %s\n", format);
        CHECK_STR_EQ(dflt, en); /* the plan is English */
        CHECK_STR_EQ(empty, en);
        CHECK_STR_EQ(again, nl);
        CHECK(again != nl);
        if (strcmp(format, "json") == 0) {
            if (en != NULL) {
                CHECK_STARTS_WITH(en, "{");
                CHECK_CONTAINS(en, "\"schema_version\": 1");
                CHECK_CONTAINS(en, "\"today\": \"2026-12-03\"");
                /* Both weeks that started before today, each with its decision. */
                CHECK_CONTAINS(en, "\"week\": 1");
                CHECK_CONTAINS(en, "\"week\": 2");
                CHECK_NOT_CONTAINS(en, "\"week\": 3");
                CHECK(occurrences(en, "\"decision\": ") >= 2);
                CHECK(strstr(en, "\"advance\"") != NULL || strstr(en, "\"hold\"") != NULL ||
                      strstr(en, "\"step_back\"") != NULL);
            }
        } else {
            CHECK_STR_NE(en, nl);
            if (strcmp(format, "html") == 0) {
                CHECK_STARTS_WITH(en, "<!DOCTYPE html");
                CHECK_CONTAINS(en, "</html>");
                CHECK_NOT_CONTAINS(en, "<script");
                CHECK_NOT_CONTAINS(en, "src=\"http");
                CHECK_STARTS_WITH(nl, "<!DOCTYPE html");
            } else if (en != NULL && nl != NULL) {
                size_t chars, bytes;
                longest_line(en, &chars, &bytes);
                CHECK(chars <= 80);
                longest_line(nl, &chars, &bytes);
                CHECK(chars <= 80);
            }
        }
        /* out_len NULL gives the same document. */
        CHECK_STATUS(ctx,
                     rehabplan_progress(ctx, patient.data, patient.len, plan, strlen(plan), PROGRESS_LOG,
                                        strlen(PROGRESS_LOG), PROGRESS_TODAY, format, "nl", &out, NULL),
                     REHABPLAN_OK);
        CHECK_STR_EQ(out, nl);
        if (out != POISON) rehabplan_free(out);
        rehabplan_free(en);
        rehabplan_free(nl);
        rehabplan_free(dflt);
        rehabplan_free(empty);
        rehabplan_free(again);
    }

    /* An empty log and a stop signal are reports too. */
    {
        char *none = progress_ok(ctx, &patient, plan, EMPTY_LOG, PROGRESS_TODAY, "json", NULL);
        char *stop = progress_ok(ctx, &patient, plan, STOP_LOG, PROGRESS_TODAY, "json", NULL);
        CHECK_STR_NE(none, stop);
        CHECK_CONTAINS(stop, "\"stop_and_refer\"");
        CHECK_NOT_CONTAINS(none, "\"stop_and_refer\"");
        rehabplan_free(none);
        rehabplan_free(stop);
    }

    /* A failure, then a success: the message is cleared. */
    expect_progress_error(ctx, patient.data, patient.len, plan, strlen(plan), "{", 1, PROGRESS_TODAY, "json", NULL,
                          0, REHABPLAN_PARSE_ERROR, "log: ", NULL);
    {
        char *doc = progress_ok(ctx, &patient, plan, PROGRESS_LOG, PROGRESS_TODAY, "text", NULL);
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        rehabplan_free(doc);
    }
done:
    rehabplan_free(plan);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
    rehabplan_context_free(other);
}

/* The revised plan validates with zero errors, carries its findings, is the same bytes every
 * time and with or without the findings output; the findings document is a findings
 * document. A stop signal removes the sessions from today on. */
static void test_replan(void) {
    rehabplan_context *ctx = new_context();
    rehabplan_context *other = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *plan = progress_plan(ctx, &patient);
    const char *logs[3];
    size_t i;
    logs[0] = PROGRESS_LOG;
    logs[1] = STOP_LOG;
    logs[2] = EMPTY_LOG;

    if (!CHECK_NOT_NULL(plan)) goto done;
    for (i = 0; i < 3; ++i) {
        char *findings = NULL, *findings2 = NULL;
        char *revised = replan_ok(ctx, &patient, plan, logs[i], PROGRESS_TODAY, &findings);
        char *without = replan_ok(ctx, &patient, plan, logs[i], PROGRESS_TODAY, NULL);
        char *again = replan_ok(other, &patient, plan, logs[i], PROGRESS_TODAY, &findings2);
        fprintf(stderr, "replan: log %lu\n", (unsigned long)i);
        if (!CHECK_NOT_NULL(revised)) continue;
        CHECK_STARTS_WITH(revised, "{");
        CHECK_CONTAINS(revised, "\"schema_version\": 1");
        CHECK_CONTAINS(revised, "\"start_date\": \"2026-11-23\"");
        CHECK_CONTAINS(revised, "\"weeks\": 12");
        CHECK_CONTAINS(revised, "\"findings\"");
        CHECK_INT_EQ(errors_in(ctx, &patient, revised), 0);
        CHECK_STR_EQ(without, revised);
        CHECK_STR_EQ(again, revised);
        CHECK_STR_EQ(findings2, findings);
        CHECK(test_summary_count(findings, "errors") >= 0);
        CHECK_CONTAINS(findings, "\"findings\"");
        /* The sessions before today are kept as they were. */
        CHECK_CONTAINS(revised, "\"date\": \"2026-11-23\"");
        CHECK_CONTAINS(revised, "\"date\": \"2026-12-02\"");
        if (i == 1) {
            /* Stop and refer: no session from today on. */
            CHECK_NOT_CONTAINS(revised, "\"date\": \"2026-12-04\"");
            CHECK_NOT_CONTAINS(revised, "\"date\": \"2027-02-12\"");
            CHECK_CONTAINS(findings, "stop");
            CHECK(occurrences(revised, "\"date\": ") < occurrences(plan, "\"date\": "));
        }
        rehabplan_free(revised);
        rehabplan_free(without);
        rehabplan_free(again);
        rehabplan_free(findings);
        rehabplan_free(findings2);
    }
    /* A failure, then a success: the message is cleared. */
    expect_progress_error(ctx, patient.data, patient.len, plan, strlen(plan), LATE_LOG, strlen(LATE_LOG),
                          PROGRESS_TODAY, "json", NULL, 0, REHABPLAN_SCHEMA_ERROR, "log: /entries/9/date: ", NULL);
    {
        char *revised = replan_ok(ctx, &patient, plan, PROGRESS_LOG, PROGRESS_TODAY, NULL);
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        rehabplan_free(revised);
    }
done:
    rehabplan_free(plan);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
    rehabplan_context_free(other);
}

/* The example logs with the plans they belong to (examples/log-*.json, tests/data/progress/):
 * the stroke patient advances by adherence, the concussion patient steps back after a symptom
 * rise. Read from exactly sized buffers; the revised plans validate with zero errors. */
static void test_progress_examples(void) {
    static const char *const names[] = {"stroke", "concussion"};
    static const char *const todays[] = {"2026-12-14", "2026-12-05"};
    static const char *const next[] = {"\"next\": \"advance\"", "\"next\": \"step_back\""};
    static const char *const rule[] = {"\"next_rule\": \"progress.adherence\"", "\"next_rule\": \"progress.symptoms\""};
    rehabplan_context *ctx = new_context();
    size_t i;
    for (i = 0; i < 2; ++i) {
        char path[128];
        test_doc patient, plan, log;
        char *report = POISON, *text = POISON, *revised = POISON, *findings = POISON;
        size_t len = LEN_POISON;
        snprintf(path, sizeof path, "examples/patient-%s.json", names[i]);
        patient = test_read(path);
        snprintf(path, sizeof path, "tests/data/progress/plan-%s.json", names[i]);
        plan = test_read(path);
        snprintf(path, sizeof path, "examples/log-%s.json", names[i]);
        log = test_read(path);
        fprintf(stderr, "progress: %s example\n", names[i]);

        if (CHECK_STATUS(ctx,
                         rehabplan_progress(ctx, patient.data, patient.len, plan.data, plan.len, log.data, log.len,
                                            todays[i], "json", NULL, &report, &len),
                         REHABPLAN_OK)) {
            CHECK_INT_EQ(strlen(report), len);
            CHECK_CONTAINS(report, next[i]);
            CHECK_CONTAINS(report, rule[i]);
            rehabplan_free(report);
        } else {
            CHECK_NULL_OUT(report);
        }
        if (CHECK_STATUS(ctx,
                         rehabplan_progress(ctx, patient.data, patient.len, plan.data, plan.len, log.data, log.len,
                                            todays[i], "text", "nl", &text, NULL),
                         REHABPLAN_OK))
            rehabplan_free(text);
        else
            CHECK_NULL_OUT(text);
        if (CHECK_STATUS(ctx,
                         rehabplan_replan(ctx, patient.data, patient.len, plan.data, plan.len, log.data, log.len,
                                          todays[i], &revised, &findings),
                         REHABPLAN_OK)) {
            CHECK_INT_EQ(errors_in(ctx, &patient, revised), 0);
            CHECK_CONTAINS(findings, rule[i] + strlen("\"next_rule\": "));
            rehabplan_free(revised);
            rehabplan_free(findings);
        } else {
            CHECK_NULL_OUT(revised);
            CHECK_NULL_OUT(findings);
        }
        test_doc_free(&patient);
        test_doc_free(&plan);
        test_doc_free(&log);
    }
    rehabplan_context_free(ctx);
}

/* ---------------------------------------------------------------------------------------
 * Batches: rehabplan_batch_line() and rehabplan_batch() (since 1.3.0)
 * ------------------------------------------------------------------------------------- */

/* Short plans keep the batches quick. */
static const char BATCH_REQUEST[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":2}";
static const char BATCH_REQUEST_NL[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":2,\"language\":\"nl\"}";

static char *minified(const char *doc) { return test_minified(doc, strlen(doc)); }

/* `"key":` followed by `doc` minified: how a document appears inside a record. Caller frees. */
static char *member(const char *key, const char *doc) {
    char *m = minified(doc);
    char *out = test_joined("\"", key, "\":", m, NULL);
    free(m);
    return out;
}

/* rehabplan_batch_line() that must succeed: OK, errmsg "", one line of valid JSON of
 * *out_len bytes (strlen agrees) that starts with {"line":N,. The record (caller frees),
 * NULL on failure. The line is copied into a buffer of exactly `len` bytes first, so a read
 * past the length is an ASan error. */
static char *batch_line_ok(rehabplan_context *ctx, const char *line, size_t len, size_t number) {
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

static char *batch_line_str(rehabplan_context *ctx, const char *line, size_t number) {
    return batch_line_ok(ctx, line, strlen(line), number);
}

/* rehabplan_batch() that must succeed: OK, errmsg "", a NUL-terminated output of *out_len
 * bytes in which every record is one line of valid JSON; `records` is their number. The
 * input is read from a buffer of exactly `len` bytes. The output (caller frees), NULL on
 * failure. */
static char *batch_ok(rehabplan_context *ctx, const char *ndjson, size_t len, size_t first_line, unsigned threads,
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

static char *batch_str(rehabplan_context *ctx, const char *ndjson, size_t first_line, unsigned threads,
                       size_t records) {
    return batch_ok(ctx, ndjson, strlen(ndjson), first_line, threads, records);
}

/* The example patients on one line each (the files are indented). Caller frees. */
static char *patient_line(const char *file) {
    test_doc d = test_read(file);
    char *m = test_minified(d.data, d.len);
    test_doc_free(&d);
    return m;
}

/* Every documented argument error: INVALID_ARGUMENT, the outputs NULL and *out_len 0, with
 * and without out_len, a message naming the argument; the next success clears it. */
static void test_batch_arguments(void) {
    rehabplan_context *ctx = new_context();
    char *patient = patient_line("examples/patient-stroke.json");
    char *line = test_joined("{\"patient\":", patient, ",\"request\":", BATCH_REQUEST, "}", NULL);
    char *two_lines = test_joined(line, "\n", line, NULL);
    size_t len = strlen(line);
    char *out = POISON;
    size_t out_len = LEN_POISON;
    int with_len;

#define EXPECT_ARG_ERROR(c, call, name)                                                 \
    do {                                                                                \
        CHECK_STATUS((c), (call), REHABPLAN_INVALID_ARGUMENT);                          \
        CHECK_NULL_OUT(out);                                                            \
        if (with_len) CHECK_INT_EQ(out_len, 0);                                         \
        if ((c) != NULL) CHECK_STARTS_WITH(rehabplan_errmsg(c), name);                  \
        out = POISON;                                                                   \
        out_len = LEN_POISON;                                                           \
    } while (0)

    for (with_len = 0; with_len < 2; ++with_len) {
        size_t *lp = with_len ? &out_len : NULL;
        /* rehabplan_batch_line */
        EXPECT_ARG_ERROR(NULL, rehabplan_batch_line(NULL, line, len, 1, &out, lp), "");
        CHECK_CONTAINS(rehabplan_errmsg(NULL), "NULL");
        EXPECT_ARG_ERROR(ctx, rehabplan_batch_line(ctx, NULL, len, 1, &out, lp), "line is NULL");
        EXPECT_ARG_ERROR(ctx, rehabplan_batch_line(ctx, NULL, 0, 1, &out, lp), "line is NULL");
        CHECK_STATUS(ctx, rehabplan_batch_line(ctx, line, len, 1, NULL, lp), REHABPLAN_INVALID_ARGUMENT);
        CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "record_out is NULL");
        if (with_len) CHECK_INT_EQ(out_len, 0);
        out_len = LEN_POISON;
        EXPECT_ARG_ERROR(ctx, rehabplan_batch_line(ctx, line, len, 0, &out, lp), "line_number: ");
        /* A line break anywhere in the line, also at its end or alone, before CR or after. */
        EXPECT_ARG_ERROR(ctx, rehabplan_batch_line(ctx, two_lines, strlen(two_lines), 1, &out, lp), "line: ");
        CHECK_CONTAINS(rehabplan_errmsg(ctx), "line break");
        {
            char *with_lf = test_joined(line, "\n", NULL), *with_crlf = test_joined(line, "\r\n", NULL);
            EXPECT_ARG_ERROR(ctx, rehabplan_batch_line(ctx, with_lf, strlen(with_lf), 1, &out, lp), "line: ");
            EXPECT_ARG_ERROR(ctx, rehabplan_batch_line(ctx, with_crlf, strlen(with_crlf), 1, &out, lp), "line: ");
            EXPECT_ARG_ERROR(ctx, rehabplan_batch_line(ctx, "\n", 1, 1, &out, lp), "line: ");
            free(with_lf);
            free(with_crlf);
        }
        /* rehabplan_batch */
        EXPECT_ARG_ERROR(NULL, rehabplan_batch(NULL, line, len, 1, 1, &out, lp), "");
        EXPECT_ARG_ERROR(ctx, rehabplan_batch(ctx, NULL, len, 1, 1, &out, lp), "ndjson is NULL");
        EXPECT_ARG_ERROR(ctx, rehabplan_batch(ctx, NULL, 0, 1, 1, &out, lp), "ndjson is NULL");
        CHECK_STATUS(ctx, rehabplan_batch(ctx, line, len, 1, 1, NULL, lp), REHABPLAN_INVALID_ARGUMENT);
        CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "out is NULL");
        if (with_len) CHECK_INT_EQ(out_len, 0);
        out_len = LEN_POISON;
        EXPECT_ARG_ERROR(ctx, rehabplan_batch(ctx, line, len, 0, 1, &out, lp), "first_line: ");
        EXPECT_ARG_ERROR(ctx, rehabplan_batch(ctx, line, len, 1, 65, &out, lp), "threads: ");
        CHECK_CONTAINS(rehabplan_errmsg(ctx), "65");
        EXPECT_ARG_ERROR(ctx, rehabplan_batch(ctx, line, len, 1, 1000, &out, lp), "threads: ");
        EXPECT_ARG_ERROR(ctx, rehabplan_batch(ctx, line, len, 1, (unsigned)-1, &out, lp), "threads: ");
        /* The next success clears the message. */
        out = batch_line_ok(ctx, line, len, 1);
        CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
        rehabplan_free(out);
        out = POISON;
    }
#undef EXPECT_ARG_ERROR
    /* The limits themselves are fine: line number 1, threads 64 (and 1 line). */
    out = batch_ok(ctx, "x", 1, 1, 64, 1);
    CHECK_STARTS_WITH(out, "{\"line\":1,\"status\":\"error\"");
    rehabplan_free(out);
    free(patient);
    free(line);
    free(two_lines);
    rehabplan_context_free(ctx);
}

/* One line to its record: generate (json and fhir), validate, refused and error records; the
 * documents in a record are those of the other calls, compact. */
static void test_batch_line_records(void) {
    rehabplan_context *ctx = new_context();
    char *stroke = patient_line("examples/patient-stroke.json");
    test_doc stroke_doc = test_read("examples/patient-stroke.json");
    test_doc with_errors = test_read("examples/plan-with-errors.json");
    char *plan_line_doc = test_minified(with_errors.data, with_errors.len);
    char *line, *record, *plan = POISON, *findings = POISON, *want;

    /* generate: the plan and findings of rehabplan_generate_with_findings(), the id echoed. */
    line = test_joined("{\"id\":\"p-17\",\"patient\":", stroke, ",\"request\":", BATCH_REQUEST, "}", NULL);
    record = batch_line_str(ctx, line, 3);
    CHECK_STARTS_WITH(record, "{\"line\":3,\"id\":\"p-17\",\"kind\":\"generate\",\"status\":\"ok\",\"plan\":{");
    if (CHECK_STATUS(ctx,
                     rehabplan_generate_with_findings(ctx, stroke_doc.data, stroke_doc.len, BATCH_REQUEST,
                                                      strlen(BATCH_REQUEST), &plan, &findings),
                     REHABPLAN_OK)) {
        want = member("plan", plan);
        CHECK_CONTAINS(record, want);
        free(want);
        want = member("findings", findings);
        CHECK_CONTAINS(record, want);
        free(want);
        CHECK(record != NULL && record[strlen(record) - 1] == '}');
        /* FHIR, in the language asked, is rehabplan_render()'s bundle of the same plan. */
        {
            char *fhir_line = test_joined("{\"id\":5,\"patient\":", stroke, ",\"request\":", BATCH_REQUEST,
                                     ",\"format\":\"fhir\",\"lang\":\"nl\"}", NULL);
            char *fhir_record = batch_line_str(ctx, fhir_line, 4);
            char *bundle = render_ok(ctx, plan, strlen(plan), "fhir", "nl");
            CHECK_STARTS_WITH(fhir_record,
                              "{\"line\":4,\"id\":5,\"kind\":\"generate\",\"status\":\"ok\",\"fhir\":{\"resourceType\":"
                              "\"Bundle\"");
            CHECK_CONTAINS(fhir_record, "\"resourceType\":\"CarePlan\"");
            CHECK_CONTAINS(fhir_record, "\"language\":\"nl\"");
            CHECK_NOT_CONTAINS(fhir_record, "\"plan\":");
            if (bundle != NULL) {
                want = member("fhir", bundle);
                CHECK_CONTAINS(fhir_record, want);
                free(want);
            }
            want = member("findings", findings);
            CHECK_CONTAINS(fhir_record, want);
            free(want);
            rehabplan_free(bundle);
            rehabplan_free(fhir_record);
            free(fhir_line);
            /* Without lang, the request's language; format json is the default. */
            fhir_line = test_joined("{\"patient\":", stroke, ",\"request\":", BATCH_REQUEST_NL, ",\"format\":\"fhir\"}", NULL);
            fhir_record = batch_line_str(ctx, fhir_line, 1);
            CHECK_STARTS_WITH(fhir_record, "{\"line\":1,\"kind\":\"generate\",\"status\":\"ok\",\"fhir\":{");
            CHECK_CONTAINS(fhir_record, "\"language\":\"nl\"");
            rehabplan_free(fhir_record);
            free(fhir_line);
            fhir_line = test_joined("{\"id\":\"p-17\",\"patient\":", stroke, ",\"request\":", BATCH_REQUEST,
                               ",\"format\":\"json\"}", NULL);
            fhir_record = batch_line_str(ctx, fhir_line, 3);
            CHECK_STR_EQ(fhir_record, record);
            rehabplan_free(fhir_record);
            free(fhir_line);
        }
    }
    if (plan != POISON) rehabplan_free(plan);
    if (findings != POISON) rehabplan_free(findings);
    plan = findings = POISON;

    /* The same line: out_len NULL, garbage after the length, a trailing CR, all the same record. */
    {
        size_t len = strlen(line);
        char *out = POISON;
        char *garbage = test_joined(line, "}\"garbage\n", NULL);
        char *cr = test_joined(line, "\r", NULL);
        char *other;
        if (CHECK_STATUS(ctx, rehabplan_batch_line(ctx, line, len, 3, &out, NULL), REHABPLAN_OK)) {
            CHECK_STR_EQ(out, record);
            rehabplan_free(out);
        }
        out = POISON;
        if (CHECK_STATUS(ctx, rehabplan_batch_line(ctx, garbage, len, 3, &out, NULL), REHABPLAN_OK)) {
            CHECK_STR_EQ(out, record);
            rehabplan_free(out);
        }
        other = batch_line_ok(ctx, cr, strlen(cr), 3);
        CHECK_STR_EQ(other, record);
        rehabplan_free(other);
        /* The same line in another context: the same bytes. */
        {
            rehabplan_context *ctx2 = new_context();
            other = batch_line_ok(ctx2, line, len, 3);
            CHECK_STR_EQ(other, record);
            rehabplan_free(other);
            rehabplan_context_free(ctx2);
        }
        free(garbage);
        free(cr);
    }
    rehabplan_free(record);
    free(line);

    /* validate: rehabplan_validate()'s findings (with errors: still status ok). */
    line = test_joined("{\"id\":-12,\"patient\":", stroke, ",\"plan\":", plan_line_doc, "}", NULL);
    record = batch_line_str(ctx, line, 9);
    CHECK_STARTS_WITH(record, "{\"line\":9,\"id\":-12,\"kind\":\"validate\",\"status\":\"ok\",\"findings\":{");
    CHECK_CONTAINS(record, "safety.stop_signals");
    CHECK_NOT_CONTAINS(record, "\"plan\":");
    if (CHECK_STATUS(ctx,
                     rehabplan_validate(ctx, stroke_doc.data, stroke_doc.len, with_errors.data, with_errors.len,
                                        &findings),
                     REHABPLAN_OK)) {
        want = member("findings", findings);
        CHECK_CONTAINS(record, want);
        free(want);
        rehabplan_free(findings);
    }
    findings = POISON;
    rehabplan_free(record);
    free(line);

    /* refused: the findings of rehabplan_generate()'s refusal. */
    line = test_joined("{\"id\":\"r\",\"patient\":", REFUSED_PATIENT, ",\"request\":", BATCH_REQUEST, "}", NULL);
    record = batch_line_str(ctx, line, 2);
    CHECK_STARTS_WITH(record, "{\"line\":2,\"id\":\"r\",\"kind\":\"generate\",\"status\":\"refused\",\"findings\":{");
    CHECK_CONTAINS(record, "unstable_angina");
    CHECK_NOT_CONTAINS(record, "\"plan\":");
    if (CHECK_STATUS(ctx,
                     rehabplan_generate(ctx, REFUSED_PATIENT, strlen(REFUSED_PATIENT), BATCH_REQUEST,
                                        strlen(BATCH_REQUEST), &findings),
                     REHABPLAN_REFUSED)) {
        want = member("findings", findings);
        CHECK_CONTAINS(record, want);
        free(want);
        rehabplan_free(findings);
    } else if (findings != POISON) {
        rehabplan_free(findings);
    }
    findings = POISON;
    rehabplan_free(record);
    free(line);

    rehabplan_context_free(ctx);
    free(stroke);
    free(plan_line_doc);
    test_doc_free(&stroke_doc);
    test_doc_free(&with_errors);
}

/* A bad line is an error record: the call returns OK, and the message names the field with
 * its JSON Pointer from the line's root. */
static void test_batch_line_errors(void) {
    typedef struct bad_line {
        const char *before, *after; /* the line is before + stroke patient + after, or before alone */
        const char *record_start;   /* after {"line":7, */
        const char *message_start;  /* the error message */
    } bad_line;
    static const bad_line cases[] = {
        {"{\"id\":\"a\",\"patient\":{\"schema_version\":1,\"age\":1e300,\"sex\":\"male\",\"baseline_minutes\":10},"
         "\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"}}",
         NULL, "\"id\":\"a\",\"kind\":\"generate\",\"status\":\"error\",\"error\":{\"code\":\"schema_error\",",
         "/patient/age: expected an integer 12-110, got number 1e+300"},
        {"{\"id\":\"b\",\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":53}}",
         "\"id\":\"b\",\"kind\":\"generate\",\"status\":\"error\",\"error\":{\"code\":\"schema_error\",",
         "/request/weeks: "},
        {"{\"id\":\"c\",\"patient\":",
         ",\"plan\":{\"schema_version\":1,\"start_date\":\"2026-02-30\",\"weeks\":1,\"sessions\":[]}}",
         "\"id\":\"c\",\"kind\":\"validate\",\"status\":\"error\",\"error\":{\"code\":\"schema_error\",",
         "/plan/start_date: "},
        {"{\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"programme\":\"concussion_return\"}}",
         "\"kind\":\"generate\",\"status\":\"error\",\"error\":{\"code\":\"invalid_argument\",", "/request/programme: "},
        /* The whole sub-document missing or of the wrong type: its own pointer, once. */
        {"{\"id\":\"d\",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"}}", NULL,
         "\"id\":\"d\",\"kind\":\"generate\",\"status\":\"error\",\"error\":{\"code\":\"schema_error\",",
         "/patient: missing required field"},
        {"{\"patient\":7,\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"}}", NULL,
         "\"kind\":\"generate\",\"status\":\"error\",", "/patient: expected an object"},
        {"{\"patient\":", ",\"request\":[1]}", "\"kind\":\"generate\",\"status\":\"error\",", "/request: expected an object"},
        {"{\"patient\":", ",\"plan\":\"plan.json\"}", "\"kind\":\"validate\",\"status\":\"error\",", "/plan: expected an object"},
        /* The line itself. */
        {"{\"patient\":", "}", "\"status\":\"error\",\"error\":{\"code\":\"schema_error\",", "missing required field request"},
        {"{\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"},\"plan\":{}}",
         "\"status\":\"error\",", "/plan: "},
        {"{\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"},\"colour\":1}",
         "\"kind\":\"generate\",\"status\":\"error\",", "/colour: unknown field"},
        {"{\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"},\"format\":\"pdf\"}",
         "\"kind\":\"generate\",\"status\":\"error\",", "/format: "},
        {"{\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"},\"lang\":\"de\"}",
         "\"kind\":\"generate\",\"status\":\"error\",", "/lang: "},
        {"{\"patient\":", ",\"plan\":{},\"format\":\"fhir\"}", "\"kind\":\"validate\",\"status\":\"error\",", "/format: "},
        {"{\"id\":\"\",\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"}}",
         "\"status\":\"error\",\"error\":{\"code\":\"schema_error\",", "/id: "},
        {"{\"id\":1.5,\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"}}",
         "\"status\":\"error\",", "/id: "},
        {"{\"id\":9007199254740992,\"patient\":", ",\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\"}}",
         "\"status\":\"error\",", "/id: "},
        /* Not a JSON object at all. */
        {"not json", NULL, "\"status\":\"error\",\"error\":{\"code\":\"parse_error\",", NULL},
        {"{\"patient\":", "", "\"status\":\"error\",\"error\":{\"code\":\"parse_error\",", NULL},
        {"[1,2]", NULL, "\"status\":\"error\",\"error\":{\"code\":\"schema_error\",", NULL},
        {"", NULL, "\"status\":\"error\",\"error\":{\"code\":\"parse_error\",", "empty line"},
        {"   \t ", NULL, "\"status\":\"error\",\"error\":{\"code\":\"parse_error\",", "empty line"},
        {"\r", NULL, "\"status\":\"error\",\"error\":{\"code\":\"parse_error\",", "empty line"},
    };
    rehabplan_context *ctx = new_context();
    char *stroke = patient_line("examples/patient-stroke.json");
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; ++i) {
        const bad_line *c = &cases[i];
        char *line = c->after != NULL ? test_joined(c->before, stroke, c->after, NULL) : test_joined(c->before, NULL);
        char *record = batch_line_str(ctx, line, 7);
        char *start = test_joined("{\"line\":7,", c->record_start, NULL);
        int before = test_failures;
        CHECK_STARTS_WITH(record, start);
        if (c->message_start != NULL) {
            char *message = test_joined("\"message\":\"", c->message_start, NULL);
            CHECK_CONTAINS(record, message);
            free(message);
        }
        CHECK_NOT_CONTAINS(record, "\"plan\":");
        CHECK_NOT_CONTAINS(record, "\"findings\":");
        CHECK(record != NULL && strcmp(record + strlen(record) - 2, "}}") == 0); /* the error object ends it */
        if (test_failures != before) fprintf(stderr, "    (bad line case %lu)\n", (unsigned long)i);
        rehabplan_free(record);
        free(start);
        free(line);
    }
    /* A NUL byte inside the length: an error record, not a line cut short. */
    {
        static const char nul_line[] = "{\"id\":\"x\"\0,\"patient\":1}";
        char *record = batch_line_ok(ctx, nul_line, sizeof nul_line - 1, 1);
        CHECK_STARTS_WITH(record, "{\"line\":1,\"status\":\"error\",\"error\":{\"code\":\"parse_error\"");
        rehabplan_free(record);
    }
    /* A plan the generator cannot make for this patient names the patient's field. */
    {
        static const char no_fear[] =
            "{\"patient\":{\"schema_version\":1,\"age\":46,\"sex\":\"male\",\"conditions\":[{\"type\":\"chronic_pain\"}],"
            "\"baseline_minutes\":15},\"request\":{\"schema_version\":1,\"start_date\":\"2026-11-23\","
            "\"programme\":\"graded_exposure\"}}";
        char *record = batch_line_str(ctx, no_fear, 1);
        CHECK_STARTS_WITH(record, "{\"line\":1,\"kind\":\"generate\",\"status\":\"error\",\"error\":{\"code\":"
                                  "\"invalid_argument\",\"message\":\"/patient/fear_hierarchy: ");
        rehabplan_free(record);
    }
    /* Line numbers as given, up to the largest size_t. */
    {
        char *record = batch_line_str(ctx, "x", (size_t)-1);
        char want[64];
        snprintf(want, sizeof want, "{\"line\":%lu,", (unsigned long)(size_t)-1);
        CHECK_STARTS_WITH(record, want);
        rehabplan_free(record);
    }
    free(stroke);
    rehabplan_context_free(ctx);
}

/* The lines of the batch tests: generate (json, fhir), validate with errors, refused, a
 * schema error, not JSON, an empty line, and white space. */
#define BATCH_LINES 9
static char *batch_lines[BATCH_LINES];

static void make_batch_lines(void) {
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

static void free_batch_lines(void) {
    size_t i;
    for (i = 0; i < BATCH_LINES; ++i) {
        free(batch_lines[i]);
        batch_lines[i] = NULL;
    }
}

/* The lines joined with `end` after each (`last_end` after the last). Caller frees. */
static char *batch_input(const char *end, const char *last_end) {
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
static char *expected_batch(rehabplan_context *ctx, size_t first_line) {
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

static void test_batch(void) {
    rehabplan_context *ctx = new_context();
    rehabplan_context *clinic = new_context();
    static const unsigned threads[] = {1, 2, 0, 3, 64};
    char *expected, *input, *out;
    size_t t;

    make_batch_lines();
    expected = expected_batch(ctx, 1);
    /* The reference covers every kind of record. */
    CHECK_CONTAINS(expected, "{\"line\":1,\"id\":\"a\",\"kind\":\"generate\",\"status\":\"ok\",\"plan\":{");
    CHECK_CONTAINS(expected, "\n{\"line\":2,\"id\":2,\"kind\":\"validate\",\"status\":\"ok\",\"findings\":{");
    CHECK_CONTAINS(expected, "\n{\"line\":3,\"id\":\"r\",\"kind\":\"generate\",\"status\":\"refused\",");
    CHECK_CONTAINS(expected, "\n{\"line\":4,\"id\":\"e\",\"kind\":\"generate\",\"status\":\"error\",\"error\":{\"code\":"
                             "\"schema_error\",\"message\":\"/patient/age: ");
    CHECK_CONTAINS(expected, "\n{\"line\":5,\"status\":\"error\",\"error\":{\"code\":\"parse_error\"");
    CHECK_CONTAINS(expected, "\n{\"line\":6,\"status\":\"error\",\"error\":{\"code\":\"parse_error\",\"message\":"
                             "\"empty line");
    CHECK_CONTAINS(expected, "\n{\"line\":7,\"id\":\"f\",\"kind\":\"generate\",\"status\":\"ok\",\"fhir\":{");
    CHECK_CONTAINS(expected, "\n{\"line\":8,\"status\":\"error\",");
    CHECK_CONTAINS(expected, "\n{\"line\":9,\"kind\":\"generate\",\"status\":\"ok\",\"plan\":{");

    /* LF, the same for every number of threads; strlen is *out_len (batch_ok). */
    input = batch_input("\n", "\n");
    for (t = 0; t < sizeof threads / sizeof threads[0]; ++t) {
        out = batch_str(ctx, input, 1, threads[t], BATCH_LINES);
        if (!CHECK_STR_EQ(out, expected)) fprintf(stderr, "    (threads %u)\n", threads[t]);
        rehabplan_free(out);
    }
    /* out_len NULL; garbage after the length. */
    {
        char *garbage = test_joined(input, "{\"x\":1}\nmore\n", NULL);
        out = POISON;
        if (CHECK_STATUS(ctx, rehabplan_batch(ctx, input, strlen(input), 1, 2, &out, NULL), REHABPLAN_OK))
            CHECK_STR_EQ(out, expected);
        if (out != POISON) rehabplan_free(out);
        out = POISON;
        if (CHECK_STATUS(ctx, rehabplan_batch(ctx, garbage, strlen(input), 1, 2, &out, NULL), REHABPLAN_OK))
            CHECK_STR_EQ(out, expected);
        if (out != POISON) rehabplan_free(out);
        free(garbage);
    }
    free(input);
    /* CRLF; no line break after the last line (LF and CRLF files); a CR alone at the end. */
    {
        static const char *const ends[][2] = {{"\r\n", "\r\n"}, {"\n", ""}, {"\r\n", ""}, {"\n", "\r"}};
        size_t e;
        for (e = 0; e < sizeof ends / sizeof ends[0]; ++e) {
            input = batch_input(ends[e][0], ends[e][1]);
            for (t = 0; t < 2; ++t) {
                out = batch_str(ctx, input, 1, threads[t], BATCH_LINES);
                if (!CHECK_STR_EQ(out, expected)) fprintf(stderr, "    (line ends case %lu)\n", (unsigned long)e);
                rehabplan_free(out);
            }
            free(input);
        }
    }
    /* A final empty line is a line: one more error record. */
    {
        char *more;
        input = batch_input("\n", "\n\n");
        more = test_joined(expected, "{\"line\":10,\"status\":\"error\",\"error\":{\"code\":\"parse_error\",\"message\":", NULL);
        out = batch_str(ctx, input, 1, 2, BATCH_LINES + 1);
        CHECK_STARTS_WITH(out, more);
        rehabplan_free(out);
        free(more);
        free(input);
    }
    /* Empty input: empty output, not NULL. */
    {
        size_t len = LEN_POISON;
        for (t = 0; t < 2; ++t) {
            out = POISON;
            len = LEN_POISON;
            if (CHECK_STATUS(ctx, rehabplan_batch(ctx, "", 0, 1, threads[t], &out, &len), REHABPLAN_OK) &&
                CHECK(out != NULL && out != POISON)) {
                CHECK_STR_EQ(out, "");
                CHECK_INT_EQ(len, 0);
                rehabplan_free(out);
            }
        }
    }
    /* first_line numbers the records; they are batch_line()'s records of those numbers. */
    {
        char *from_41 = expected_batch(ctx, 41);
        CHECK_STARTS_WITH(from_41, "{\"line\":41,\"id\":\"a\"");
        CHECK_CONTAINS(from_41, "\n{\"line\":49,");
        input = batch_input("\n", "\n");
        for (t = 0; t < 2; ++t) {
            out = batch_str(ctx, input, 41, threads[t], BATCH_LINES);
            CHECK_STR_EQ(out, from_41);
            rehabplan_free(out);
        }
        free(input);
        free(from_41);
        /* The largest first line. */
        out = batch_str(ctx, "x", (size_t)-1, 2, 1);
        {
            char want[64];
            snprintf(want, sizeof want, "{\"line\":%lu,\"status\":\"error\"", (unsigned long)(size_t)-1);
            CHECK_STARTS_WITH(out, want);
        }
        rehabplan_free(out);
    }
    /* The rules in force in the context make the records: the clinic ceiling changes the
     * stroke patient's plan and the findings of the validated plan. */
    CHECK_STATUS(clinic, rehabplan_context_load_rules(clinic, TIGHTEN_HR, strlen(TIGHTEN_HR)), REHABPLAN_OK);
    {
        char *clinic_expected = expected_batch(clinic, 1);
        char *ours = batch_line_str(ctx, batch_lines[0], 1), *theirs = batch_line_str(clinic, batch_lines[0], 1);
        CHECK_STR_NE(ours, theirs);
        rehabplan_free(ours);
        rehabplan_free(theirs);
        CHECK_STR_NE(clinic_expected, expected);
        input = batch_input("\n", "\n");
        for (t = 0; t < 2; ++t) {
            out = batch_str(clinic, input, 1, threads[t], BATCH_LINES);
            CHECK_STR_EQ(out, clinic_expected);
            rehabplan_free(out);
        }
        free(input);
        free(clinic_expected);
    }
    free(expected);
    free_batch_lines();
    rehabplan_context_free(ctx);
    rehabplan_context_free(clinic);
}

/* Lines at the 4 MiB limit: a line of exactly 4 MiB is read, also when a CRLF ends it (the
 * CR is part of the line end, as rehabplan_batch_line() ignores it); one byte more is an
 * error record and the next line still runs. */
static void test_batch_line_limit(void) {
    rehabplan_context *ctx = new_context();
    char *stroke = patient_line("examples/patient-stroke.json");
    char *line = test_joined("{\"id\":\"big\",\"patient\":", stroke, ",\"request\":", BATCH_REQUEST, "}", NULL);
    size_t len = strlen(line);
    char *big = (char *)malloc(FOUR_MIB + 3);
    char *record, *out, *want;
    if (big == NULL) exit(2);
    /* The line padded with spaces inside the object to exactly 4 MiB. */
    memcpy(big, line, len - 1);
    memset(big + len - 1, ' ', FOUR_MIB - len);
    big[FOUR_MIB - 1] = '}';
    record = batch_line_ok(ctx, big, FOUR_MIB, 1);
    CHECK_STARTS_WITH(record, "{\"line\":1,\"id\":\"big\",\"kind\":\"generate\",\"status\":\"ok\",\"plan\":{");
    want = test_joined(record != NULL ? record : "(none)", "\n", NULL);
    big[FOUR_MIB] = '\n';
    out = batch_ok(ctx, big, FOUR_MIB + 1, 1, 1, 1);
    CHECK_STR_EQ(out, want);
    rehabplan_free(out);
    big[FOUR_MIB] = '\r';
    big[FOUR_MIB + 1] = '\n';
    {
        char *cr_record = batch_line_ok(ctx, big, FOUR_MIB + 1, 1);
        CHECK_STR_EQ(cr_record, record);
        rehabplan_free(cr_record);
    }
    for (len = 1; len <= 2; ++len) {
        out = batch_ok(ctx, big, FOUR_MIB + 2, 1, (unsigned)len, 1);
        if (!CHECK_STR_EQ(out, want)) fprintf(stderr, "    (4 MiB line and CRLF, threads %lu)\n", (unsigned long)len);
        rehabplan_free(out);
    }
    /* A line of 4 MiB + 1 byte, then a good line. */
    memmove(big + 1, big, FOUR_MIB);
    big[FOUR_MIB + 1] = '\n';
    {
        size_t n = strlen(line);
        char *input = (char *)malloc(FOUR_MIB + 2 + n + 1);
        if (input == NULL) exit(2);
        memcpy(input, big, FOUR_MIB + 2);
        memcpy(input + FOUR_MIB + 2, line, n);
        input[FOUR_MIB + 2 + n] = '\n';
        out = batch_ok(ctx, input, FOUR_MIB + 3 + n, 1, 2, 2);
        CHECK_STARTS_WITH(out, "{\"line\":1,\"status\":\"error\",\"error\":{\"code\":\"parse_error\",\"message\":\"line is "
                               "longer than 4194304 bytes\"}}\n{\"line\":2,\"id\":\"big\",\"kind\":\"generate\",\"status\":"
                               "\"ok\"");
        rehabplan_free(out);
        free(input);
    }
    rehabplan_free(record);
    free(want);
    free(big);
    free(line);
    free(stroke);
    rehabplan_context_free(ctx);
}

int main(void) {
    test_status_strings();
    test_version();
    test_context_lifecycle();
    test_null_arguments();
    test_parse_errors();
    test_parse_limits();
    test_length_passed_input();
    test_schema_errors();
    test_rules_files();
    test_refused();
    test_generate_with_findings();
    test_unplannable_requests();
    test_generated_plans_validate();
    test_validate_examples();
    test_errmsg_cleared();
    test_determinism();
    test_render_generated();
    test_render_therapist_plans();
    test_render_therapist_text();
    test_render_hostile_text();
    test_render_errors();
    test_render_determinism();
    test_render_uses_the_context_rules();
    test_render_golden_plans();
    test_progress_null_arguments();
    test_progress_bad_today();
    test_progress_bad_format_and_lang();
    test_progress_document_errors();
    test_progress_log_does_not_fit();
    test_progress_report();
    test_replan();
    test_progress_examples();
    test_batch_arguments();
    test_batch_line_records();
    test_batch_line_errors();
    test_batch();
    test_batch_line_limit();
    return test_summary("c_api_test");
}
