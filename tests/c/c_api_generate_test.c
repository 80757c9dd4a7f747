/*
 * c_api_generate_test (ctest c_api.generate): generation: refusals with findings, generate_with_findings, requests that cannot be planned, every example plan validates, determinism.
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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

int main(void) {
    test_refused();
    test_generate_with_findings();
    test_unplannable_requests();
    test_generated_plans_validate();
    test_determinism();
    return test_summary("c_api_generate_test");
}
