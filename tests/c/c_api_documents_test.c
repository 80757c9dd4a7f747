/*
 * c_api_documents_test (ctest c_api.documents): parse errors (every function, every document), the size and depth limits, lengths honoured, schema errors with their JSON Pointers.
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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

int main(void) {
    test_parse_errors();
    test_parse_limits();
    test_length_passed_input();
    test_schema_errors();
    return test_summary("c_api_documents_test");
}
