/*
 * c_api_error_json_test: rehabplan_error_json() (since 1.4.0), from C99. For every status a
 * call can return, and for an error in each kind of document (patient, request, plan, log,
 * rules), the document is valid JSON with all seven members, its status and code match the
 * call's, its message is rehabplan_errmsg()'s, and its document and pointer name the field:
 * where the field exists, the pointer is checked against the input with a JSON parser
 * (test_json.h). The three reasons of REHABPLAN_INVALID_ARGUMENT are told apart. See
 * tests/c/README.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehabplan/rehabplan.h"
#include "test_json.h"
#include "test_support.h"

static const char STROKE_REQUEST[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":12,\"programme\":\"standard\",\"language\":\"en\"}";
static const char REFUSED_PATIENT[] =
    "{\"schema_version\":1,\"id\":\"P-REF\",\"age\":60,\"sex\":\"male\","
    "\"conditions\":[{\"type\":\"stroke\",\"event_date\":\"2026-08-14\"}],"
    "\"contraindications\":{\"named\":[\"unstable_angina\"]},\"baseline_minutes\":20}";
static const char LOOSEN_HR[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":90}}}}";
static const char EMPTY_LOG[] = "{\"schema_version\":1,\"entries\":[]}";
/* Entry 1 is dated after today (2026-12-03). */
static const char LATE_LOG[] =
    "{\"schema_version\":1,\"entries\":[{\"date\":\"2026-11-23\",\"type\":\"balance\",\"minutes\":10},"
    "{\"date\":\"2026-12-04\",\"type\":\"aerobic\",\"minutes\":30}]}";
static const char TODAY[] = "2026-12-03";

static rehabplan_context *new_context(void) {
    rehabplan_context *ctx = NULL;
    if (!CHECK_STATUS(NULL, rehabplan_context_new(&ctx), REHABPLAN_OK) || !CHECK_NOT_NULL(ctx)) {
        fprintf(stderr, "cannot create a context: stopping\n");
        exit(1);
    }
    return ctx;
}

/* The member of the context's error document as text ("null" for null); caller frees. */
static char *member(const rehabplan_context *ctx, const char *pointer) {
    size_t len = 0;
    const char *doc = rehabplan_error_json(ctx, &len);
    return test_json_get(doc, len, pointer);
}

static int member_is(const rehabplan_context *ctx, const char *pointer, const char *want, const char *file,
                     int line) {
    char *got = member(ctx, pointer);
    int ok = test_check_str_eq(got, want, pointer, want, file, line);
    free(got);
    return ok;
}
#define CHECK_MEMBER(ctx, pointer, want) member_is((ctx), (pointer), (want), __FILE__, __LINE__)

/* The shape every error document has: valid JSON, seven members, *len_out = strlen, status
 * and code of `status`, message = errmsg, reason only for INVALID_ARGUMENT, pointer null
 * exactly when document is null. */
static void check_shape(const rehabplan_context *ctx, rehabplan_status status, const char *status_name) {
    size_t len = 12345;
    const char *doc = rehabplan_error_json(ctx, &len);
    char *message;
    if (!CHECK_NOT_NULL(doc)) return;
    CHECK_INT_EQ(len, strlen(doc));
    CHECK(rehabplan_error_json(ctx, NULL) == doc);
    if (!CHECK(test_json_is_valid(doc, len))) {
        test_print_text("error_json", doc);
        return;
    }
    CHECK_STR_EQ(test_json_type(doc, len, ""), "object");
    CHECK_INT_EQ(test_json_size(doc, len, ""), 7);
    CHECK_MEMBER(ctx, "/status", status_name);
    CHECK_INT_EQ(test_json_long(doc, len, "/code", -1), (long)status);
    message = test_json_get(doc, len, "/message");
    CHECK_STR_EQ(message, rehabplan_errmsg(ctx));
    free(message);
    CHECK_STR_EQ(test_json_type(doc, len, "/document"), strcmp(test_json_type(doc, len, "/pointer"), "null") == 0
                                                            ? "null"
                                                            : "string");
    {
        const char *t = test_json_type(doc, len, "/argument");
        if (!CHECK(strcmp(t, "null") == 0 || strcmp(t, "string") == 0)) test_print_text("argument type", t);
    }
    if (status != REHABPLAN_INVALID_ARGUMENT) CHECK_STR_EQ(test_json_type(doc, len, "/reason"), "null");
    else CHECK_STR_EQ(test_json_type(doc, len, "/reason"), "string");
}

/* A failure in a document: the status, document and pointer; when `input` is given, the
 * pointer names a value in it (the field at fault exists). */
static void expect_document_error(const rehabplan_context *ctx, rehabplan_status status, const char *status_name,
                                  const char *document, const char *pointer, const char *input, size_t input_len) {
    char *got_pointer;
    check_shape(ctx, status, status_name);
    CHECK_MEMBER(ctx, "/document", document);
    CHECK_MEMBER(ctx, "/argument", "null");
    got_pointer = member(ctx, "/pointer");
    if (pointer != NULL) CHECK_STR_EQ(got_pointer, pointer);
    if (input != NULL && got_pointer != NULL) {
        if (!CHECK(test_json_has(input, input_len, got_pointer))) test_print_text("pointer", got_pointer);
    }
    free(got_pointer);
}

/* A NULL or invalid argument: no document, the argument named, reason "argument". */
static void expect_argument_error(const rehabplan_context *ctx, const char *argument) {
    check_shape(ctx, REHABPLAN_INVALID_ARGUMENT, "REHABPLAN_INVALID_ARGUMENT");
    CHECK_MEMBER(ctx, "/document", "null");
    CHECK_MEMBER(ctx, "/pointer", "null");
    CHECK_MEMBER(ctx, "/argument", argument);
    CHECK_MEMBER(ctx, "/reason", "argument");
}

static void expect_ok(const rehabplan_context *ctx) {
    static const char ok[] = "{\"status\":\"REHABPLAN_OK\",\"code\":0,\"document\":null,\"pointer\":null,"
                             "\"argument\":null,\"reason\":null,\"message\":\"\"}";
    check_shape(ctx, REHABPLAN_OK, "REHABPLAN_OK");
    CHECK_STR_EQ(rehabplan_error_json(ctx, NULL), ok);
}

/* ------------------------------------------------------------------------------------- */

static void test_new_context_and_null(void) {
    rehabplan_context *ctx = new_context();
    size_t len = 0;
    const char *doc;
    expect_ok(ctx);
    /* A NULL context: a static document naming the argument. */
    doc = rehabplan_error_json(NULL, &len);
    if (CHECK_NOT_NULL(doc)) {
        CHECK_INT_EQ(len, strlen(doc));
        CHECK(test_json_is_valid(doc, len));
        CHECK_INT_EQ(test_json_size(doc, len, ""), 7);
        {
            char *s = test_json_get(doc, len, "/status");
            CHECK_STR_EQ(s, "REHABPLAN_INVALID_ARGUMENT");
            free(s);
            s = test_json_get(doc, len, "/argument");
            CHECK_STR_EQ(s, "ctx");
            free(s);
            s = test_json_get(doc, len, "/reason");
            CHECK_STR_EQ(s, "argument");
            free(s);
            s = test_json_get(doc, len, "/message");
            CHECK_STR_EQ(s, rehabplan_errmsg(NULL));
            free(s);
        }
    }
    CHECK(rehabplan_error_json(NULL, NULL) == doc);
    rehabplan_context_free(ctx);
}

static void test_null_and_invalid_arguments(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-stroke-week.json");
    char *out = NULL, *out2 = NULL;
    size_t len = 0;

    CHECK_STATUS(ctx, rehabplan_generate(ctx, NULL, 0, STROKE_REQUEST, strlen(STROKE_REQUEST), &out),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "patient_json");
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, NULL, 0, &out), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "request_json");
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, STROKE_REQUEST, strlen(STROKE_REQUEST), NULL),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "plan_json_out");
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient.data, patient.len, NULL, 0, &out), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "plan_json");
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, NULL, 0), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "json");
    CHECK_STATUS(ctx, rehabplan_rules(ctx, NULL), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "rules_json_out");
    CHECK_STATUS(ctx, rehabplan_render(ctx, plan.data, plan.len, "pdf", NULL, &out, &len), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "format");
    CHECK_STATUS(ctx, rehabplan_render(ctx, plan.data, plan.len, "text", "de", &out, &len), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "lang");
    CHECK_STATUS(ctx,
                 rehabplan_progress(ctx, patient.data, patient.len, plan.data, plan.len, EMPTY_LOG, strlen(EMPTY_LOG),
                                    "3 December", "json", NULL, &out, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "today");
    CHECK_STATUS(ctx,
                 rehabplan_progress(ctx, patient.data, patient.len, plan.data, plan.len, EMPTY_LOG, strlen(EMPTY_LOG),
                                    "2026-11-01", "json", NULL, &out, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "today");
    CHECK_STATUS(ctx,
                 rehabplan_progress(ctx, patient.data, patient.len, plan.data, plan.len, EMPTY_LOG, strlen(EMPTY_LOG),
                                    TODAY, "ics", NULL, &out, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "format");
    CHECK_STATUS(ctx,
                 rehabplan_replan(ctx, patient.data, patient.len, plan.data, plan.len, NULL, 0, TODAY, &out, &out2),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "log_json");
    CHECK_STATUS(ctx, rehabplan_batch_line(ctx, "{}", 2, 0, &out, &len), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "line_number");
    CHECK_STATUS(ctx, rehabplan_batch_line(ctx, "{}\n{}", 5, 1, &out, &len), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "line");
    CHECK_STATUS(ctx, rehabplan_batch(ctx, "{}", 2, 1, 65, &out, &len), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "threads");
    CHECK_STATUS(ctx, rehabplan_batch(ctx, "{}", 2, 0, 1, &out, &len), REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "first_line");
    CHECK_NULL(out);
    CHECK_NULL(out2);

    test_doc_free(&patient);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

/* A request that cannot be planned as asked: reason "cannot_plan", the request (or the
 * patient, for a missing fear hierarchy) and the member. */
static void test_cannot_plan(void) {
    rehabplan_context *ctx = new_context();
    test_doc stroke = test_read("examples/patient-stroke.json");
    static const char concussion_return[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"programme\":\"concussion_return\"}";
    static const char unknown_programme[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"programme\":\"no_such_programme\"}";
    static const char graded_exposure[] =
        "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"programme\":\"graded_exposure\"}";
    static const char no_fear_hierarchy[] =
        "{\"schema_version\":1,\"age\":46,\"sex\":\"male\",\"conditions\":[{\"type\":\"chronic_pain\"}],"
        "\"baseline_minutes\":15}";
    char *plan = NULL;

    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, stroke.data, stroke.len, concussion_return, strlen(concussion_return), &plan),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_document_error(ctx, REHABPLAN_INVALID_ARGUMENT, "REHABPLAN_INVALID_ARGUMENT", "request", "/programme",
                          concussion_return, strlen(concussion_return));
    CHECK_MEMBER(ctx, "/reason", "cannot_plan");

    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, stroke.data, stroke.len, unknown_programme, strlen(unknown_programme), &plan),
                 REHABPLAN_SCHEMA_ERROR);
    /* An unknown programme is the request's schema error, not a reason: reason null. */
    expect_document_error(ctx, REHABPLAN_SCHEMA_ERROR, "REHABPLAN_SCHEMA_ERROR", "request", "/programme",
                          unknown_programme, strlen(unknown_programme));
    CHECK_MEMBER(ctx, "/reason", "null");

    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, no_fear_hierarchy, strlen(no_fear_hierarchy), graded_exposure,
                                    strlen(graded_exposure), &plan),
                 REHABPLAN_INVALID_ARGUMENT);
    /* The member is missing from the patient: the pointer says where it belongs. */
    expect_document_error(ctx, REHABPLAN_INVALID_ARGUMENT, "REHABPLAN_INVALID_ARGUMENT", "patient", "/fear_hierarchy",
                          NULL, 0);
    CHECK_MEMBER(ctx, "/reason", "cannot_plan");
    CHECK_NULL(plan);

    test_doc_free(&stroke);
    rehabplan_context_free(ctx);
}

/* rehabplan_replan() with a plan that already breaks a rule: reason "plan_breaks_rule", the
 * plan and the place of the breach, which exists in the plan. */
static void test_plan_breaks_rule(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-with-errors.json");
    char *revised = NULL, *findings = NULL;
    CHECK_STATUS(ctx,
                 rehabplan_replan(ctx, patient.data, patient.len, plan.data, plan.len, EMPTY_LOG, strlen(EMPTY_LOG),
                                  "2026-11-24", &revised, &findings),
                 REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "already breaks");
    /* The first breach of examples/plan-with-errors.json is a missing member: the pointer
     * says where it belongs, and its parent is in the plan. */
    expect_document_error(ctx, REHABPLAN_INVALID_ARGUMENT, "REHABPLAN_INVALID_ARGUMENT", "plan", "/stop_signals",
                          NULL, 0);
    CHECK_MEMBER(ctx, "/reason", "plan_breaks_rule");
    {
        char *pointer = member(ctx, "/pointer");
        if (CHECK_STARTS_WITH(pointer, "/")) {
            CHECK_CONTAINS(rehabplan_errmsg(ctx), pointer);
            *strrchr(pointer, '/') = '\0';
            CHECK(test_json_has(plan.data, plan.len, pointer));
        }
        free(pointer);
    }
    CHECK_NULL(revised);
    CHECK_NULL(findings);
    test_doc_free(&patient);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

/* Parse errors: the document, pointer "" (the whole document). */
static void test_parse_errors(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-stroke-week.json");
    static const char bad[] = "{\"schema_version\":";
    char *out = NULL, *out2 = NULL;
    size_t len = 0;

    CHECK_STATUS(ctx, rehabplan_generate(ctx, bad, strlen(bad), STROKE_REQUEST, strlen(STROKE_REQUEST), &out),
                 REHABPLAN_PARSE_ERROR);
    expect_document_error(ctx, REHABPLAN_PARSE_ERROR, "REHABPLAN_PARSE_ERROR", "patient", "", NULL, 0);
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, bad, strlen(bad), &out),
                 REHABPLAN_PARSE_ERROR);
    expect_document_error(ctx, REHABPLAN_PARSE_ERROR, "REHABPLAN_PARSE_ERROR", "request", "", NULL, 0);
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient.data, patient.len, bad, strlen(bad), &out),
                 REHABPLAN_PARSE_ERROR);
    expect_document_error(ctx, REHABPLAN_PARSE_ERROR, "REHABPLAN_PARSE_ERROR", "plan", "", NULL, 0);
    CHECK_STATUS(ctx, rehabplan_render(ctx, bad, strlen(bad), "text", NULL, &out, &len), REHABPLAN_PARSE_ERROR);
    expect_document_error(ctx, REHABPLAN_PARSE_ERROR, "REHABPLAN_PARSE_ERROR", "plan", "", NULL, 0);
    CHECK_STATUS(ctx,
                 rehabplan_replan(ctx, patient.data, patient.len, plan.data, plan.len, bad, strlen(bad), TODAY, &out,
                                  &out2),
                 REHABPLAN_PARSE_ERROR);
    expect_document_error(ctx, REHABPLAN_PARSE_ERROR, "REHABPLAN_PARSE_ERROR", "log", "", NULL, 0);
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, bad, strlen(bad)), REHABPLAN_PARSE_ERROR);
    expect_document_error(ctx, REHABPLAN_PARSE_ERROR, "REHABPLAN_PARSE_ERROR", "rules", "", NULL, 0);
    CHECK_NULL(out);
    CHECK_NULL(out2);
    test_doc_free(&patient);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

/* Schema errors in each kind of document: the pointer names the field, which exists. */
static void test_schema_errors(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    test_doc plan = test_read("examples/plan-stroke-week.json");
    static const char old_patient[] =
        "{\"schema_version\":1,\"age\":1e300,\"sex\":\"male\",\"conditions\":[{\"type\":\"stroke\"}]}";
    static const char bad_request[] = "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":\"six\"}";
    static const char bad_plan[] = "{\"schema_version\":1,\"start_date\":\"2026-13-45\",\"weeks\":1,\"sessions\":[]}";
    static const char bad_rules[] = "{\"schema_version\":1,\"rulez\":{}}";
    char *out = NULL, *out2 = NULL;
    size_t len = 0;

    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, old_patient, strlen(old_patient), STROKE_REQUEST, strlen(STROKE_REQUEST),
                                    &out),
                 REHABPLAN_SCHEMA_ERROR);
    expect_document_error(ctx, REHABPLAN_SCHEMA_ERROR, "REHABPLAN_SCHEMA_ERROR", "patient", "/age", old_patient,
                          strlen(old_patient));
    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, bad_request, strlen(bad_request), &out),
                 REHABPLAN_SCHEMA_ERROR);
    expect_document_error(ctx, REHABPLAN_SCHEMA_ERROR, "REHABPLAN_SCHEMA_ERROR", "request", "/weeks", bad_request,
                          strlen(bad_request));
    CHECK_STATUS(ctx, rehabplan_validate(ctx, patient.data, patient.len, bad_plan, strlen(bad_plan), &out),
                 REHABPLAN_SCHEMA_ERROR);
    expect_document_error(ctx, REHABPLAN_SCHEMA_ERROR, "REHABPLAN_SCHEMA_ERROR", "plan", "/start_date", bad_plan,
                          strlen(bad_plan));
    CHECK_STATUS(ctx,
                 rehabplan_progress(ctx, patient.data, patient.len, plan.data, plan.len, LATE_LOG, strlen(LATE_LOG),
                                    TODAY, "json", NULL, &out, &len),
                 REHABPLAN_SCHEMA_ERROR);
    expect_document_error(ctx, REHABPLAN_SCHEMA_ERROR, "REHABPLAN_SCHEMA_ERROR", "log", "/entries/1/date", LATE_LOG,
                          strlen(LATE_LOG));
    CHECK_STATUS(ctx,
                 rehabplan_replan(ctx, patient.data, patient.len, plan.data, plan.len, LATE_LOG, strlen(LATE_LOG),
                                  TODAY, &out, &out2),
                 REHABPLAN_SCHEMA_ERROR);
    expect_document_error(ctx, REHABPLAN_SCHEMA_ERROR, "REHABPLAN_SCHEMA_ERROR", "log", "/entries/1/date", LATE_LOG,
                          strlen(LATE_LOG));
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, bad_rules, strlen(bad_rules)), REHABPLAN_SCHEMA_ERROR);
    expect_document_error(ctx, REHABPLAN_SCHEMA_ERROR, "REHABPLAN_SCHEMA_ERROR", "rules", "/rulez", bad_rules,
                          strlen(bad_rules));
    CHECK_NULL(out);
    CHECK_NULL(out2);
    test_doc_free(&patient);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

/* A rule file that loosens a safety rule; a refusal; then a success clears the document. */
static void test_rules_refused_and_cleared(void) {
    rehabplan_context *ctx = new_context();
    test_doc patient = test_read("examples/patient-stroke.json");
    char *out = NULL;

    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, LOOSEN_HR, strlen(LOOSEN_HR)), REHABPLAN_RULES_ERROR);
    expect_document_error(ctx, REHABPLAN_RULES_ERROR, "REHABPLAN_RULES_ERROR", "rules", NULL, LOOSEN_HR,
                          strlen(LOOSEN_HR));
    {
        char *pointer = member(ctx, "/pointer");
        CHECK_CONTAINS(pointer, "max_percent_hrmax");
        free(pointer);
    }

    CHECK_STATUS(ctx,
                 rehabplan_generate(ctx, REFUSED_PATIENT, strlen(REFUSED_PATIENT), STROKE_REQUEST,
                                    strlen(STROKE_REQUEST), &out),
                 REHABPLAN_REFUSED);
    check_shape(ctx, REHABPLAN_REFUSED, "REHABPLAN_REFUSED");
    CHECK_MEMBER(ctx, "/document", "null");
    CHECK_MEMBER(ctx, "/argument", "null");
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "refused");
    rehabplan_free(out); /* the findings */
    out = NULL;

    CHECK_STATUS(ctx, rehabplan_generate(ctx, patient.data, patient.len, STROKE_REQUEST, strlen(STROKE_REQUEST), &out),
                 REHABPLAN_OK);
    expect_ok(ctx);
    rehabplan_free(out);
    test_doc_free(&patient);
    rehabplan_context_free(ctx);
}

/* Invalid UTF-8 quoted in a message: the error document is still valid JSON. */
static void test_hostile_bytes(void) {
    rehabplan_context *ctx = new_context();
    test_doc plan = test_read("examples/plan-stroke-week.json");
    char *out = NULL;
    size_t len = 0;
    CHECK_STATUS(ctx, rehabplan_render(ctx, plan.data, plan.len, "\xff\xfe\"\\\n", NULL, &out, &len),
                 REHABPLAN_INVALID_ARGUMENT);
    expect_argument_error(ctx, "format");
    CHECK_NULL(out);
    test_doc_free(&plan);
    rehabplan_context_free(ctx);
}

int main(void) {
    test_new_context_and_null();
    test_null_and_invalid_arguments();
    test_cannot_plan();
    test_plan_breaks_rule();
    test_parse_errors();
    test_schema_errors();
    test_rules_refused_and_cleared();
    test_hostile_bytes();
    return test_summary("c_api_error_json_test");
}
