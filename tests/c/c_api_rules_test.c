/*
 * c_api_rules_test (ctest c_api.rules): clinic rule files: tightening, stacking, refusals (loosening, fixed and unknown rules).
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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

int main(void) {
    test_rules_files();
    return test_summary("c_api_rules_test");
}
