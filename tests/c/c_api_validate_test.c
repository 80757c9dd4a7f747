/*
 * c_api_validate_test (ctest c_api.validate): validation of the example plans.
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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

int main(void) {
    test_validate_examples();
    return test_summary("c_api_validate_test");
}
