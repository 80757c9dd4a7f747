/*
 * c_api_progress_test (ctest c_api.progress): rehabplan_progress() and rehabplan_replan(): arguments, today, documents, logs that do not fit, reports, replanning, the examples.
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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
 * the stroke patient advances by adherence, the concussion patient repeats step 3 after a symptom
 * rise. Read from exactly sized buffers; the revised plans validate with zero errors. */
static void test_progress_examples(void) {
    static const char *const names[] = {"stroke", "concussion"};
    static const char *const todays[] = {"2026-12-14", "2026-12-05"};
    static const char *const next[] = {"\"next\": \"advance\"", "\"next\": \"hold\""};
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
            /* The concussion return names its own rule for the repeated step. */
            CHECK_CONTAINS(findings, i == 1 ? "concussion.return" : rule[i] + strlen("\"next_rule\": "));
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

int main(void) {
    test_progress_null_arguments();
    test_progress_bad_today();
    test_progress_bad_format_and_lang();
    test_progress_document_errors();
    test_progress_log_does_not_fit();
    test_progress_report();
    test_replan();
    test_progress_examples();
    return test_summary("c_api_progress_test");
}
