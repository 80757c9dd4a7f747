/*
 * c_api_clone_test: rehabplan_context_clone() (since 1.4.0), from C99: NULL arguments, a clone
 * has the rules in force (built-in plus every clinic file) and no error, and afterwards the two
 * contexts are independent (rules loaded into one, errors in one, releasing one). The clone
 * under threads is in c_api_threads_test.c. See tests/c/README.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehabplan/rehabplan.h"
#include "test_json.h"
#include "test_support.h"

static const char STROKE_REQUEST[] =
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":12,\"programme\":\"standard\",\"language\":\"en\"}";
/* 85 -> 75 %HRmax; 80 is then a loosening, refused. */
static const char TIGHTEN_HR[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":75}}}}";
static const char HR_80[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":80}}}}";
static const char HR_70[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":70}}}}";

static char poison_byte;
#define POISON ((rehabplan_context *)(void *)&poison_byte)

static rehabplan_context *new_context(void) {
    rehabplan_context *ctx = NULL;
    if (!CHECK_STATUS(NULL, rehabplan_context_new(&ctx), REHABPLAN_OK) || !CHECK_NOT_NULL(ctx)) {
        fprintf(stderr, "cannot create a context: stopping\n");
        exit(1);
    }
    return ctx;
}

static char *rules_of(rehabplan_context *ctx) {
    char *rules = NULL;
    if (!CHECK_STATUS(ctx, rehabplan_rules(ctx, &rules), REHABPLAN_OK)) return NULL;
    return rules;
}

static char *plan_of(rehabplan_context *ctx, const test_doc *patient) {
    char *plan = NULL;
    if (!CHECK_STATUS(ctx,
                      rehabplan_generate(ctx, patient->data, patient->len, STROKE_REQUEST, strlen(STROKE_REQUEST),
                                         &plan),
                      REHABPLAN_OK))
        return NULL;
    return plan;
}

static long percent_hrmax(rehabplan_context *ctx) {
    char *rules = rules_of(ctx);
    long v = test_json_long(rules, rules != NULL ? strlen(rules) : 0,
                            "/rules/intensity.heart_rate/params/max_percent_hrmax/value", -1);
    if (v == -1) {
        /* The parameter as a bare number (another layout of the rules document). */
        v = test_json_long(rules, rules != NULL ? strlen(rules) : 0,
                           "/rules/intensity.heart_rate/params/max_percent_hrmax", -1);
    }
    rehabplan_free(rules);
    return v;
}

static void test_null_arguments(void) {
    rehabplan_context *ctx = new_context();
    rehabplan_context *out = POISON;
    CHECK_STATUS(ctx, rehabplan_context_clone(ctx, NULL), REHABPLAN_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, rehabplan_context_clone(NULL, &out), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL(out);
    CHECK_STATUS(ctx, rehabplan_context_clone(NULL, NULL), REHABPLAN_INVALID_ARGUMENT);
    /* The source's error state is not changed by the clone call: still OK. */
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
    rehabplan_context_free(ctx);
}

static void test_same_rules(void) {
    rehabplan_context *ctx = new_context();
    rehabplan_context *copy = POISON, *plain_copy = POISON;
    test_doc patient = test_read("examples/patient-stroke.json");
    char *rules, *copy_rules, *plan, *copy_plan;

    /* A clone of a context with the built-in rules. */
    CHECK_STATUS(ctx, rehabplan_context_clone(ctx, &plain_copy), REHABPLAN_OK);
    if (!CHECK(plain_copy != NULL && plain_copy != POISON)) exit(1);

    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, TIGHTEN_HR, strlen(TIGHTEN_HR)), REHABPLAN_OK);
    CHECK_STATUS(ctx, rehabplan_context_clone(ctx, &copy), REHABPLAN_OK);
    if (!CHECK(copy != NULL && copy != POISON && copy != ctx)) exit(1);
    CHECK_STR_EQ(rehabplan_errmsg(copy), "");
    CHECK_STARTS_WITH(rehabplan_error_json(copy, NULL), "{\"status\":\"REHABPLAN_OK\"");

    rules = rules_of(ctx);
    copy_rules = rules_of(copy);
    CHECK_STR_EQ(copy_rules, rules);
    CHECK_INT_EQ(percent_hrmax(copy), 75);
    plan = plan_of(ctx, &patient);
    copy_plan = plan_of(copy, &patient);
    CHECK_STR_EQ(copy_plan, plan);
    rehabplan_free(rules);
    rehabplan_free(copy_rules);
    rehabplan_free(plan);
    rehabplan_free(copy_plan);

    /* The clone has the clinic file's ceiling in force: 80 would loosen it. */
    CHECK_STATUS(copy, rehabplan_context_load_rules(copy, HR_80, strlen(HR_80)), REHABPLAN_RULES_ERROR);
    /* The clone made before the file has the built-in rules: 80 tightens them. */
    CHECK_STATUS(plain_copy, rehabplan_context_load_rules(plain_copy, HR_80, strlen(HR_80)), REHABPLAN_OK);
    CHECK_INT_EQ(percent_hrmax(plain_copy), 80);
    CHECK_INT_EQ(percent_hrmax(ctx), 75);

    test_doc_free(&patient);
    rehabplan_context_free(copy);
    rehabplan_context_free(plain_copy);
    rehabplan_context_free(ctx);
}

static void test_independent(void) {
    rehabplan_context *ctx = new_context();
    rehabplan_context *copy = NULL, *copy_of_copy = NULL;
    test_doc patient = test_read("examples/patient-stroke.json");
    char *plan_before = NULL, *plan = NULL, *copy_plan = NULL;
    static const char bad[] = "{";

    /* The source has failed: the clone does not inherit the error, and cloning does not
     * clear it. */
    CHECK_STATUS(ctx, rehabplan_context_load_rules(ctx, bad, 1), REHABPLAN_PARSE_ERROR);
    CHECK_STATUS(ctx, rehabplan_context_clone(ctx, &copy), REHABPLAN_OK);
    if (!CHECK_NOT_NULL(copy)) exit(1);
    CHECK_STR_EQ(rehabplan_errmsg(copy), "");
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "rules: ");
    CHECK_STARTS_WITH(rehabplan_error_json(ctx, NULL), "{\"status\":\"REHABPLAN_PARSE_ERROR\"");

    plan_before = plan_of(ctx, &patient);

    /* Rules loaded into the clone: the source keeps its own. */
    CHECK_STATUS(copy, rehabplan_context_load_rules(copy, HR_70, strlen(HR_70)), REHABPLAN_OK);
    CHECK_INT_EQ(percent_hrmax(copy), 70);
    CHECK_INT_EQ(percent_hrmax(ctx), 85);
    plan = plan_of(ctx, &patient);
    copy_plan = plan_of(copy, &patient);
    CHECK_STR_EQ(plan, plan_before);
    CHECK_STR_NE(copy_plan, plan);

    /* An error in one: the other's message stays "". */
    CHECK_STATUS(copy, rehabplan_context_load_rules(copy, TIGHTEN_HR, strlen(TIGHTEN_HR)), REHABPLAN_RULES_ERROR);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
    CHECK(rehabplan_errmsg(copy)[0] != '\0');

    /* A clone of a clone; the source released first: the clones still work. */
    CHECK_STATUS(copy, rehabplan_context_clone(copy, &copy_of_copy), REHABPLAN_OK);
    rehabplan_context_free(ctx);
    ctx = NULL;
    CHECK_INT_EQ(percent_hrmax(copy_of_copy), 70);
    rehabplan_free(plan);
    plan = plan_of(copy_of_copy, &patient);
    CHECK_STR_EQ(plan, copy_plan);

    rehabplan_free(plan_before);
    rehabplan_free(plan);
    rehabplan_free(copy_plan);
    test_doc_free(&patient);
    rehabplan_context_free(copy);
    rehabplan_context_free(copy_of_copy);
}

int main(void) {
    test_null_arguments();
    test_same_rules();
    test_independent();
    return test_summary("c_api_clone_test");
}
