/*
 * c_api_status_test (ctest c_api.status): status strings, versions, the context life cycle, NULL arguments of every function, the message cleared after a success.
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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

int main(void) {
    test_status_strings();
    test_version();
    test_context_lifecycle();
    test_null_arguments();
    test_errmsg_cleared();
    return test_summary("c_api_status_test");
}
