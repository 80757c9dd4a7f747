/*
 * c_api_exercises_test: rehabplan_context_load_exercises() and rehabplan_exercises() (since
 * 1.5.0), from C99: NULL arguments, the options document (defaults, each member, an unknown
 * member or value named in error_json), a clinic exercise file that adds an exercise, one that
 * loosens a precaution (refused, context unchanged). See tests/c/README.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehabplan/rehabplan.h"
#include "test_json.h"
#include "test_support.h"

static char poison_byte;
#define POISON ((char *)(void *)&poison_byte)

static rehabplan_context *new_context(void) {
    rehabplan_context *ctx = NULL;
    if (!CHECK_STATUS(NULL, rehabplan_context_new(&ctx), REHABPLAN_OK) || !CHECK_NOT_NULL(ctx)) {
        fprintf(stderr, "cannot create a context: stopping\n");
        exit(1);
    }
    return ctx;
}

/* The listing with `options` (NUL-terminated, or NULL); NULL when the call failed. */
static char *listing(rehabplan_context *ctx, const char *options) {
    char *out = POISON;
    size_t len = 12345;
    rehabplan_status s = rehabplan_exercises(ctx, options, options != NULL ? strlen(options) : 0, &out, &len);
    if (!CHECK_STATUS(ctx, s, REHABPLAN_OK)) return NULL;
    if (!CHECK_NOT_NULL(out)) return NULL;
    CHECK_INT_EQ(len, strlen(out));
    return out;
}

/* The options are refused with `status` at `pointer` of the document "options". */
static void check_options_error(const char *options, rehabplan_status status, const char *pointer) {
    rehabplan_context *ctx = new_context();
    char *out = POISON;
    size_t len = 12345;
    size_t elen = 0;
    const char *err;
    CHECK_STATUS(ctx, rehabplan_exercises(ctx, options, strlen(options), &out, &len), status);
    CHECK_NULL(out);
    CHECK_INT_EQ(len, 0);
    err = rehabplan_error_json(ctx, &elen);
    {
        char *doc = test_json_get(err, elen, "/document");
        char *ptr = test_json_get(err, elen, "/pointer");
        CHECK_STR_EQ(doc, "options");
        CHECK_STR_EQ(ptr, pointer);
        free(doc);
        free(ptr);
    }
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "options: ");
    rehabplan_context_free(ctx);
}

static void test_null_arguments(void) {
    rehabplan_context *ctx = new_context();
    char *out = POISON;
    size_t len = 7;
    test_doc file = test_read("tests/data/exercises/clinic-exercises.json");
    CHECK_STATUS(ctx, rehabplan_exercises(NULL, NULL, 0, &out, &len), REHABPLAN_INVALID_ARGUMENT);
    CHECK_NULL(out);
    CHECK_INT_EQ(len, 0);
    CHECK_STATUS(ctx, rehabplan_exercises(ctx, NULL, 0, NULL, &len), REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "out");
    CHECK_STATUS(ctx, rehabplan_context_load_exercises(NULL, file.data, file.len), REHABPLAN_INVALID_ARGUMENT);
    CHECK_STATUS(ctx, rehabplan_context_load_exercises(ctx, NULL, 0), REHABPLAN_INVALID_ARGUMENT);
    CHECK_CONTAINS(rehabplan_errmsg(ctx), "json");
    /* out_len may be NULL. */
    out = POISON;
    CHECK_STATUS(ctx, rehabplan_exercises(ctx, NULL, 0, &out, NULL), REHABPLAN_OK);
    CHECK_NOT_NULL(out);
    rehabplan_free(out);
    test_doc_free(&file);
    rehabplan_context_free(ctx);
}

static void test_options(void) {
    rehabplan_context *ctx = new_context();
    char *defaults = listing(ctx, NULL);
    char *empty = listing(ctx, "{}");
    char *json_en = listing(ctx, "{\"format\":\"json\",\"lang\":\"en\",\"schema_version\":1}");
    char *text = listing(ctx, "{\"format\":\"text\"}");
    char *html = listing(ctx, "{\"format\":\"html\",\"lang\":\"nl\"}");
    char *again = listing(ctx, NULL);
    /* NULL, {} and the spelled-out defaults are the same JSON document, byte for byte. */
    CHECK_STR_EQ(defaults, empty);
    CHECK_STR_EQ(defaults, json_en);
    CHECK_STR_EQ(defaults, again);
    CHECK(defaults != NULL && test_json_is_valid(defaults, strlen(defaults)));
    CHECK_STR_NE(defaults, text);
    CHECK_STR_NE(text, html);
    rehabplan_free(defaults);
    rehabplan_free(empty);
    rehabplan_free(json_en);
    rehabplan_free(text);
    rehabplan_free(html);
    rehabplan_free(again);
    rehabplan_context_free(ctx);

    check_options_error("{\"colour\":\"red\"}", REHABPLAN_SCHEMA_ERROR, "/colour");
    /* In the vocabulary of options.schema.json, but not taken by this function. */
    check_options_error("{\"today\":\"2026-12-01\"}", REHABPLAN_SCHEMA_ERROR, "/today");
    check_options_error("{\"format\":\"pdf\"}", REHABPLAN_SCHEMA_ERROR, "/format");
    check_options_error("{\"format\":\"ics\"}", REHABPLAN_SCHEMA_ERROR, "/format");
    check_options_error("{\"lang\":\"de\"}", REHABPLAN_SCHEMA_ERROR, "/lang");
    check_options_error("{\"condition\":\"flu\"}", REHABPLAN_SCHEMA_ERROR, "/condition");
    check_options_error("{\"condition\":3}", REHABPLAN_SCHEMA_ERROR, "/condition");
    check_options_error("[]", REHABPLAN_SCHEMA_ERROR, "");
    check_options_error("{\"format\":", REHABPLAN_PARSE_ERROR, "");
}

static void test_clinic_file(void) {
    rehabplan_context *ctx = new_context();
    test_doc file = test_read("tests/data/exercises/clinic-exercises.json");
    test_doc loosens = test_read("tests/data/exercises/clinic-loosens-standing.json");
    const char *parkinson = "{\"condition\":\"parkinson\"}";
    const char *stroke = "{\"condition\":\"stroke\"}";
    const char *unknown_member = "{\"schema_version\":1,\"colour\":1}";
    char *before = listing(ctx, NULL);
    char *after = NULL, *for_parkinson = NULL, *for_stroke = NULL, *still = NULL;
    size_t elen = 0;
    const char *err;

    CHECK_NOT_CONTAINS(before, "clinic_big_steps");
    CHECK_STATUS(ctx, rehabplan_context_load_exercises(ctx, file.data, file.len), REHABPLAN_OK);
    CHECK_STR_EQ(rehabplan_errmsg(ctx), "");
    after = listing(ctx, NULL);
    CHECK_CONTAINS(after, "clinic_big_steps");
    /* Its conditions: Parkinson's only. */
    for_parkinson = listing(ctx, parkinson);
    for_stroke = listing(ctx, stroke);
    CHECK_CONTAINS(for_parkinson, "clinic_big_steps");
    CHECK_NOT_CONTAINS(for_stroke, "clinic_big_steps");
    /* The same ID again is a replacement of itself: allowed, nothing changes. */
    CHECK_STATUS(ctx, rehabplan_context_load_exercises(ctx, file.data, file.len), REHABPLAN_OK);

    /* Dropping a fact of a built-in precaution: refused, named, and the context unchanged. */
    CHECK_STATUS(ctx, rehabplan_context_load_exercises(ctx, loosens.data, loosens.len), REHABPLAN_RULES_ERROR);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "exercises: /precautions/standing/unsuitable_when");
    err = rehabplan_error_json(ctx, &elen);
    {
        char *doc = test_json_get(err, elen, "/document");
        char *ptr = test_json_get(err, elen, "/pointer");
        CHECK_STR_EQ(doc, "exercises");
        CHECK_STR_EQ(ptr, "/precautions/standing/unsuitable_when");
        free(doc);
        free(ptr);
    }
    still = listing(ctx, NULL);
    CHECK_STR_EQ(still, after);

    CHECK_STATUS(ctx, rehabplan_context_load_exercises(ctx, "{", 1), REHABPLAN_PARSE_ERROR);
    CHECK_STATUS(ctx, rehabplan_context_load_exercises(ctx, unknown_member, strlen(unknown_member)),
                 REHABPLAN_SCHEMA_ERROR);
    CHECK_STARTS_WITH(rehabplan_errmsg(ctx), "exercises: /colour");

    rehabplan_free(before);
    rehabplan_free(after);
    rehabplan_free(for_parkinson);
    rehabplan_free(for_stroke);
    rehabplan_free(still);
    test_doc_free(&file);
    test_doc_free(&loosens);
    rehabplan_context_free(ctx);
}

/* A clone carries the clinic's exercises. */
static void test_clone(void) {
    rehabplan_context *ctx = new_context();
    rehabplan_context *copy = NULL;
    test_doc file = test_read("tests/data/exercises/clinic-exercises.json");
    char *listed = NULL;
    CHECK_STATUS(ctx, rehabplan_context_load_exercises(ctx, file.data, file.len), REHABPLAN_OK);
    CHECK_STATUS(ctx, rehabplan_context_clone(ctx, &copy), REHABPLAN_OK);
    rehabplan_context_free(ctx);
    listed = listing(copy, NULL);
    CHECK_CONTAINS(listed, "clinic_big_steps");
    rehabplan_free(listed);
    test_doc_free(&file);
    rehabplan_context_free(copy);
}

int main(void) {
    test_null_arguments();
    test_options();
    test_clinic_file();
    test_clone();
    return test_summary("c_api_exercises_test");
}
