/*
 * c_api_render_test (ctest c_api.render): rehabplan_render(): every format in both languages, therapist and hostile text, errors, determinism, the context rules, the golden plans.
 * From C99, against include/rehabplan/rehabplan.h only; shared helpers in c_api_test.h. See
 * tests/c/README.md.
 */
#include "c_api_test.h"

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

int main(void) {
    test_render_generated();
    test_render_therapist_plans();
    test_render_therapist_text();
    test_render_hostile_text();
    test_render_errors();
    test_render_determinism();
    test_render_uses_the_context_rules();
    test_render_golden_plans();
    return test_summary("c_api_render_test");
}
