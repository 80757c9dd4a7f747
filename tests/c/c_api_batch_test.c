/*
 * c_api_batch_test (ctest c_api.batch): rehabplan_batch_line() and rehabplan_batch(): arguments, records, errors, whole batches, the line limit.
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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
    test_batch_arguments();
    test_batch_line_records();
    test_batch_line_errors();
    test_batch();
    test_batch_line_limit();
    return test_summary("c_api_batch_test");
}
