/*
 * c_api_threads_test: the C API used from 8 threads at once.
 *
 * Every result is first computed sequentially, in the main thread, for two rule sets: the
 * built-in one and a clinic file that tightens the heart-rate ceiling (which changes plans and
 * zones). Then 8 threads each create their own context (the odd ones load the clinic file)
 * and run every job (patient x request: generate, generate_with_findings, validate of the
 * generated plan and of examples/plan-with-errors.json, heart-rate zones, the rules document,
 * the generated plan rendered as HTML in its own language and as Dutch text,
 * examples/plan-with-errors.json rendered as an iCalendar file, and the generated plan's
 * progress report (HTML) and replanned plan for an empty session log, and the progress of a
 * log that does not fit the plan, an error)
 * several rounds, each thread starting at a different job so different patients are planned
 * at the same moment. Every status, document and error message must equal the sequential one
 * byte for byte. Between jobs, each thread also runs one job on a single shared context under
 * a mutex, the documented way to share a context, and checks it and its message the same way.
 *
 * Then clones (rehabplan_context_clone(), since 1.4.0): 8 threads clone one context with the
 * clinic rules at the same time, without a lock, while a ninth thread makes calls on it; every
 * clone's results equal the sequential ones of the clinic rules.
 *
 * Then batches (rehabplan_batch_line() and rehabplan_batch(), since 1.3.0): 12 NDJSON lines
 * (generate as JSON and FHIR, a refusal, a schema error, a validation with errors, not JSON,
 * an empty line) are run sequentially for both rule sets, each line alone and as one batch on
 * one thread. Then 8 threads with their own contexts (4 per rule set) each run one slice of
 * the lines with rehabplan_batch_line(), and together must give exactly the sequential
 * records; then 4 threads with their own contexts each run the whole batch with
 * rehabplan_batch() and 2 workers at the same time, and must give the sequential output.
 *
 * Built under ThreadSanitizer (REHABPLAN_TSAN=ON), a data race inside the library fails the
 * test with TSAN_OPTIONS=halt_on_error=1. See tests/c/README.md.
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehabplan/rehabplan.h"
#include "test_support.h"

#define THREADS 8
#define ROUNDS 1

static const char *const patient_files[] = {
    "examples/patient-stroke.json",       "examples/patient-concussion.json", "examples/patient-older-adult.json",
    "examples/patient-chronic-pain.json", "examples/patient-tbi.json",
};

/* Two more patients written here: one refused (absolute contraindication), one broken (a
 * schema error), so refusals and per-context error messages are exercised concurrently too. */
static const char refused_patient[] =
    "{\"schema_version\":1,\"age\":60,\"sex\":\"male\",\"conditions\":[{\"type\":\"stroke\","
    "\"event_date\":\"2026-08-14\"}],\"contraindications\":{\"named\":[\"unstable_angina\"]},"
    "\"baseline_minutes\":20}";
static const char broken_patient[] =
    "{\"schema_version\":1,\"age\":1e300,\"sex\":\"female\",\"baseline_minutes\":20}";

static const char *const requests[] = {
    "{\"schema_version\":1,\"start_date\":\"2026-11-23\",\"weeks\":3}",
    "{\"schema_version\":1,\"start_date\":\"2027-01-04\",\"weeks\":5,\"language\":\"nl\"}",
};

/* Progress: an empty log fits every plan; the other has an entry after today (or, for the
 * second request, before the plan's start): a schema error naming the entry. Today is the
 * eleventh day of each request's plan. */
static const char empty_log[] = "{\"schema_version\":1,\"entries\":[]}";
static const char late_log[] = "{\"entries\":[{\"date\":\"2026-12-05\",\"type\":\"aerobic\",\"minutes\":30}]}";
static const char *const todays[] = {"2026-12-03", "2027-01-14"};

static const char clinic_rules[] =
    "{\"schema_version\":1,\"rules\":{\"intensity.heart_rate\":{\"params\":{\"max_percent_hrmax\":75}}}}";

#define PATIENTS (sizeof patient_files / sizeof patient_files[0] + 2)
#define REQUESTS (sizeof requests / sizeof requests[0])
#define JOBS (PATIENTS * REQUESTS)
#define CONFIGS 2 /* 0: built-in rules, 1: clinic_rules loaded */
/* Each thread runs half the jobs: JOBS must be even (a C99 compile-time check). */
typedef char jobs_must_be_even[JOBS % 2 == 0 ? 1 : -1];

static test_doc patients[PATIENTS];
static test_doc plan_with_errors;

/* Everything one job gives. Documents are the library's; messages are copies. */
typedef struct result {
    rehabplan_status generate_status;
    char *generate_out; /* the plan, or the findings of a refusal */
    char *generate_msg;
    rehabplan_status with_findings_status;
    char *with_findings_plan;
    char *with_findings_findings;
    char *with_findings_msg;
    rehabplan_status validate_status;
    char *validate_out; /* findings for the generated plan (when there is one) */
    char *validate_msg;
    rehabplan_status errors_status;
    char *errors_out; /* findings for examples/plan-with-errors.json */
    rehabplan_status zones_status;
    char *zones_out;
    char *zones_msg;
    int rules_asked;
    rehabplan_status rules_status;
    char *rules_out;
    rehabplan_status html_status;
    char *html_out; /* the generated plan as HTML, its own language (when there is a plan) */
    size_t html_len;
    rehabplan_status text_status;
    char *text_out; /* the generated plan as Dutch text */
    size_t text_len;
    rehabplan_status ics_status;
    char *ics_out; /* examples/plan-with-errors.json as an iCalendar file */
    size_t ics_len;
    char *ics_msg;
    rehabplan_status progress_status;
    char *progress_out; /* the generated plan's progress, empty log, HTML in its own language */
    size_t progress_len;
    char *progress_msg;
    rehabplan_status replan_status;
    char *replan_plan; /* the generated plan replanned for the empty log */
    char *replan_findings;
    char *replan_msg;
    rehabplan_status late_status; /* the generated plan's progress for late_log, Dutch text */
    char *late_out;
    char *late_msg;
} result;

static result expected[CONFIGS][JOBS];

static char *copy_text(const char *s) {
    char *c = strdup(s != NULL ? s : "(NULL)");
    if (c == NULL) {
        fprintf(stderr, "out of memory in the test\n");
        exit(2);
    }
    return c;
}

/* Runs one job on ctx; the caller serialises calls when ctx is shared. The rules document
 * (large, and the same for every job of a context) only when asked. */
static void run_job(rehabplan_context *ctx, size_t job, int with_rules, result *r) {
    const test_doc *p = &patients[job / REQUESTS];
    const char *req = requests[job % REQUESTS];
    size_t req_len = strlen(req);

    memset(r, 0, sizeof *r);
    r->generate_status = rehabplan_generate(ctx, p->data, p->len, req, req_len, &r->generate_out);
    r->generate_msg = copy_text(rehabplan_errmsg(ctx));
    r->with_findings_status = rehabplan_generate_with_findings(ctx, p->data, p->len, req, req_len,
                                                               &r->with_findings_plan, &r->with_findings_findings);
    r->with_findings_msg = copy_text(rehabplan_errmsg(ctx));
    if (r->generate_status == REHABPLAN_OK) {
        r->validate_status = rehabplan_validate(ctx, p->data, p->len, r->generate_out, strlen(r->generate_out),
                                                &r->validate_out);
        r->validate_msg = copy_text(rehabplan_errmsg(ctx));
    }
    r->errors_status =
        rehabplan_validate(ctx, p->data, p->len, plan_with_errors.data, plan_with_errors.len, &r->errors_out);
    r->zones_status = rehabplan_heart_rate_zones(ctx, p->data, p->len, &r->zones_out);
    r->zones_msg = copy_text(rehabplan_errmsg(ctx));
    r->rules_asked = with_rules;
    if (with_rules) r->rules_status = rehabplan_rules(ctx, &r->rules_out);
    if (r->generate_status == REHABPLAN_OK) {
        size_t plan_len = strlen(r->generate_out);
        r->html_status = rehabplan_render(ctx, r->generate_out, plan_len, "html", NULL, &r->html_out, &r->html_len);
        r->text_status = rehabplan_render(ctx, r->generate_out, plan_len, "text", "nl", &r->text_out, &r->text_len);
    }
    r->ics_status = rehabplan_render(ctx, plan_with_errors.data, plan_with_errors.len, "ics", job % 2 ? "nl" : "en",
                                     &r->ics_out, &r->ics_len);
    r->ics_msg = copy_text(rehabplan_errmsg(ctx));
    if (r->generate_status == REHABPLAN_OK) {
        const char *plan = r->generate_out, *today = todays[job % REQUESTS];
        size_t plan_len = strlen(plan);
        r->progress_status = rehabplan_progress(ctx, p->data, p->len, plan, plan_len, empty_log, strlen(empty_log),
                                                today, "html", NULL, &r->progress_out, &r->progress_len);
        r->progress_msg = copy_text(rehabplan_errmsg(ctx));
        r->replan_status = rehabplan_replan(ctx, p->data, p->len, plan, plan_len, empty_log, strlen(empty_log), today,
                                            &r->replan_plan, &r->replan_findings);
        r->replan_msg = copy_text(rehabplan_errmsg(ctx));
        r->late_status = rehabplan_progress(ctx, p->data, p->len, plan, plan_len, late_log, strlen(late_log), today,
                                            "text", "nl", &r->late_out, NULL);
        r->late_msg = copy_text(rehabplan_errmsg(ctx));
    }
}

static void free_result(result *r) {
    rehabplan_free(r->generate_out);
    free(r->generate_msg);
    rehabplan_free(r->with_findings_plan);
    rehabplan_free(r->with_findings_findings);
    free(r->with_findings_msg);
    rehabplan_free(r->validate_out);
    free(r->validate_msg);
    rehabplan_free(r->errors_out);
    rehabplan_free(r->zones_out);
    free(r->zones_msg);
    rehabplan_free(r->rules_out);
    rehabplan_free(r->html_out);
    rehabplan_free(r->text_out);
    rehabplan_free(r->ics_out);
    free(r->ics_msg);
    rehabplan_free(r->progress_out);
    free(r->progress_msg);
    rehabplan_free(r->replan_plan);
    rehabplan_free(r->replan_findings);
    free(r->replan_msg);
    rehabplan_free(r->late_out);
    free(r->late_msg);
    memset(r, 0, sizeof *r);
}

static int same_text(const char *a, const char *b) {
    if (a == NULL || b == NULL) return a == b;
    return strcmp(a, b) == 0;
}

/* The first difference between two results, or NULL when they are identical. */
static const char *difference(const result *got, const result *want) {
#define SAME_STATUS(field) \
    if (got->field != want->field) return #field;
#define SAME_TEXT(field) \
    if (!same_text(got->field, want->field)) return #field;
    SAME_STATUS(generate_status)
    SAME_TEXT(generate_out)
    SAME_TEXT(generate_msg)
    SAME_STATUS(with_findings_status)
    SAME_TEXT(with_findings_plan)
    SAME_TEXT(with_findings_findings)
    SAME_TEXT(with_findings_msg)
    SAME_STATUS(validate_status)
    SAME_TEXT(validate_out)
    SAME_TEXT(validate_msg)
    SAME_STATUS(errors_status)
    SAME_TEXT(errors_out)
    SAME_STATUS(zones_status)
    SAME_TEXT(zones_out)
    SAME_TEXT(zones_msg)
    if (got->rules_asked) {
        SAME_STATUS(rules_status)
        SAME_TEXT(rules_out)
    }
    SAME_STATUS(html_status)
    SAME_TEXT(html_out)
    SAME_STATUS(html_len)
    SAME_STATUS(text_status)
    SAME_TEXT(text_out)
    SAME_STATUS(text_len)
    SAME_STATUS(ics_status)
    SAME_TEXT(ics_out)
    SAME_STATUS(ics_len)
    SAME_TEXT(ics_msg)
    SAME_STATUS(progress_status)
    SAME_TEXT(progress_out)
    SAME_STATUS(progress_len)
    SAME_TEXT(progress_msg)
    SAME_STATUS(replan_status)
    SAME_TEXT(replan_plan)
    SAME_TEXT(replan_findings)
    SAME_TEXT(replan_msg)
    SAME_STATUS(late_status)
    SAME_TEXT(late_out)
    SAME_TEXT(late_msg)
#undef SAME_STATUS
#undef SAME_TEXT
    return NULL;
}

static rehabplan_context *context_for(int config) {
    rehabplan_context *ctx = NULL;
    if (rehabplan_context_new(&ctx) != REHABPLAN_OK) return NULL;
    if (config == 1 && rehabplan_context_load_rules(ctx, clinic_rules, strlen(clinic_rules)) != REHABPLAN_OK) {
        fprintf(stderr, "loading the clinic rules: %s\n", rehabplan_errmsg(ctx));
        rehabplan_context_free(ctx);
        return NULL;
    }
    return ctx;
}

static pthread_mutex_t shared_lock = PTHREAD_MUTEX_INITIALIZER;
static rehabplan_context *shared_ctx; /* built-in rules; used only with shared_lock held */

typedef struct worker {
    int index;
    int config;
    int jobs_run;
    int shared_jobs_run;
    int mismatches;
    char first_mismatch[256];
} worker;

static void mismatch(worker *w, const char *where, size_t job, const char *field) {
    if (w->mismatches++ == 0) {
        snprintf(w->first_mismatch, sizeof w->first_mismatch, "thread %d (%s rules), %s, job %lu (%s, request %lu): %s",
                 w->index, w->config == 1 ? "clinic" : "built-in", where, (unsigned long)job,
                 job / REQUESTS < PATIENTS - 2 ? patient_files[job / REQUESTS] : "inline patient",
                 (unsigned long)(job % REQUESTS), field);
    }
}

static void *work(void *arg) {
    worker *w = (worker *)arg;
    rehabplan_context *ctx = context_for(w->config);
    int round;
    size_t k;
    if (ctx == NULL) {
        mismatch(w, "context", 0, "cannot create the context");
        return NULL;
    }
    for (round = 0; round < ROUNDS; ++round) {
        for (k = 0; k < JOBS / 2; ++k) {
            /* Half the jobs each, every thread from its own starting point: of the four
             * threads of a rule set, two run the even jobs and two the odd ones. */
            size_t job = (2 * k + (size_t)(w->index / 2) % 2 + 2 * (size_t)w->index) % JOBS;
            size_t shared_job = (k + (size_t)w->index * 5 + 1) % JOBS;
            result r;
            const char *diff;

            run_job(ctx, job, k == 0 || k == JOBS / 2 - 1, &r);
            diff = difference(&r, &expected[w->config][job]);
            if (diff != NULL) mismatch(w, "own context", job, diff);
            free_result(&r);
            ++w->jobs_run;

            if (k % 2 == 0) {
                pthread_mutex_lock(&shared_lock);
                run_job(shared_ctx, shared_job, 1, &r); /* messages are read inside run_job, under the lock */
                pthread_mutex_unlock(&shared_lock);
                diff = difference(&r, &expected[0][shared_job]);
                if (diff != NULL) mismatch(w, "shared context", shared_job, diff);
                free_result(&r);
                ++w->shared_jobs_run;
            }
        }
    }
    rehabplan_context_free(ctx);
    return NULL;
}

/* ---------------------------------------------------------------------------------------
 * Clones (rehabplan_context_clone(), since 1.4.0): THREADS threads clone one context with the
 * clinic rules at the same time, without a lock, while another thread makes calls on that
 * context; each clone's results are the sequential ones of the clinic rules.
 * ------------------------------------------------------------------------------------- */

#define CLONES_PER_THREAD 3
static rehabplan_context *clone_source; /* clinic rules; calls only from use_source() */

static void *run_clones(void *arg) {
    worker *w = (worker *)arg;
    int k;
    for (k = 0; k < CLONES_PER_THREAD; ++k) {
        size_t job = ((size_t)w->index * CLONES_PER_THREAD + (size_t)k) % JOBS;
        rehabplan_context *copy = NULL;
        result r;
        const char *diff;
        if (rehabplan_context_clone(clone_source, &copy) != REHABPLAN_OK || copy == NULL) {
            mismatch(w, "clone", job, "rehabplan_context_clone failed");
            continue;
        }
        run_job(copy, job, k == 0, &r);
        diff = difference(&r, &expected[1][job]);
        if (diff != NULL) mismatch(w, "clone", job, diff);
        free_result(&r);
        rehabplan_context_free(copy);
        ++w->jobs_run;
    }
    return NULL;
}

static void *use_source(void *arg) {
    worker *w = (worker *)arg;
    size_t job;
    for (job = 0; job < JOBS; job += 3) {
        result r;
        const char *diff;
        run_job(clone_source, job, 1, &r);
        diff = difference(&r, &expected[1][job]);
        if (diff != NULL) mismatch(w, "source of the clones", job, diff);
        free_result(&r);
        ++w->jobs_run;
    }
    return NULL;
}

static void test_clones(void) {
    worker workers[THREADS + 1];
    pthread_t threads[THREADS + 1];
    int t;
    clone_source = context_for(1);
    if (!CHECK_NOT_NULL(clone_source)) return;
    for (t = 0; t <= THREADS; ++t) {
        memset(&workers[t], 0, sizeof workers[t]);
        workers[t].index = t;
        workers[t].config = 1;
    }
    for (t = 0; t <= THREADS; ++t) {
        if (!CHECK_INT_EQ(pthread_create(&threads[t], NULL, t == THREADS ? use_source : run_clones, &workers[t]), 0))
            exit(1);
    }
    for (t = 0; t <= THREADS; ++t) CHECK_INT_EQ(pthread_join(threads[t], NULL), 0);
    for (t = 0; t <= THREADS; ++t) {
        if (!CHECK_INT_EQ(workers[t].mismatches, 0)) fprintf(stderr, "    first: %s\n", workers[t].first_mismatch);
    }
    for (t = 0; t < THREADS; ++t) CHECK_INT_EQ(workers[t].jobs_run, CLONES_PER_THREAD);
    printf("c_api_threads_test: %d threads cloned a context %d times while one thread used it\n", THREADS,
           THREADS * CLONES_PER_THREAD);
    rehabplan_context_free(clone_source);
    clone_source = NULL;
}

/* ---------------------------------------------------------------------------------------
 * Batches: the lines of one NDJSON batch, run by several threads with their own contexts.
 * ------------------------------------------------------------------------------------- */

#define BATCH_LINES 12
#define SLICES 4               /* the lines of a rule set are cut into this many slices */
#define BATCH_THREADS 4        /* threads that each run a whole rehabplan_batch() at once */
static char *batch_lines[BATCH_LINES];
static char *batch_text;      /* every line and its '\n' */
static size_t batch_len;
static char *batch_records[CONFIGS][BATCH_LINES]; /* rehabplan_batch_line(), sequential */
static char *batch_output[CONFIGS];               /* rehabplan_batch() with 1 thread, sequential */

/* Generate lines for every patient (one as FHIR, in Dutch), a refusal, a schema error,
 * a validation with errors, a line that is not JSON and an empty line. */
static void make_batch_lines(void) {
    char *one_line[PATIENTS];
    char *with_errors = test_minified(plan_with_errors.data, plan_with_errors.len);
    size_t i, n = 0;
    for (i = 0; i < PATIENTS; ++i) one_line[i] = test_minified(patients[i].data, patients[i].len);
    for (i = 0; i < 5; ++i) {
        char id[16];
        snprintf(id, sizeof id, "%lu", (unsigned long)i);
        batch_lines[i] = test_joined("{\"id\":", id, ",\"patient\":", one_line[i], ",\"request\":", requests[0], "}", NULL);
    }
    batch_lines[5] = test_joined("{\"patient\":", one_line[0], ",\"request\":", requests[1], ",\"format\":\"fhir\"}", NULL);
    batch_lines[6] = test_joined("{\"id\":\"refused\",\"patient\":", one_line[PATIENTS - 2], ",\"request\":", requests[0], "}", NULL);
    batch_lines[7] = test_joined("{\"id\":\"broken\",\"patient\":", one_line[PATIENTS - 1], ",\"request\":", requests[0], "}", NULL);
    batch_lines[8] = test_joined("{\"patient\":", one_line[0], ",\"plan\":", with_errors, "}", NULL);
    batch_lines[9] = test_joined("not json", NULL);
    batch_lines[10] = test_joined("", NULL);
    batch_lines[11] = test_joined("{\"id\":11,\"patient\":", one_line[2], ",\"request\":", requests[1], "}", NULL);
    for (i = 0; i < PATIENTS; ++i) free(one_line[i]);
    free(with_errors);
    for (i = 0; i < BATCH_LINES; ++i) n += strlen(batch_lines[i]) + 1;
    batch_text = (char *)malloc(n + 1);
    if (batch_text == NULL) exit(2);
    batch_len = 0;
    for (i = 0; i < BATCH_LINES; ++i) {
        memcpy(batch_text + batch_len, batch_lines[i], strlen(batch_lines[i]));
        batch_len += strlen(batch_lines[i]);
        batch_text[batch_len++] = '\n';
    }
    batch_text[batch_len] = '\0';
}

/* A copy (free()) of the record of rehabplan_batch_line() for line index `line`, or of the
 * status and message when the call fails (it must not: a bad line is a record). */
static char *record_of(rehabplan_context *ctx, size_t line) {
    char *record = NULL, *copy;
    char failure[300];
    rehabplan_status s =
        rehabplan_batch_line(ctx, batch_lines[line], strlen(batch_lines[line]), line + 1, &record, NULL);
    if (s == REHABPLAN_OK && record != NULL) {
        copy = copy_text(record);
        rehabplan_free(record);
        return copy;
    }
    rehabplan_free(record);
    snprintf(failure, sizeof failure, "(status %d: %s)", (int)s, rehabplan_errmsg(ctx));
    return copy_text(failure);
}

typedef struct batch_worker {
    int index;
    int config;
    size_t first, end;                 /* phase 1: the slice of lines [first, end) */
    char *records[BATCH_LINES];        /* phase 1: its records (library documents or copies) */
    rehabplan_status batch_status;     /* phase 2: rehabplan_batch() with threads 2 */
    char *batch_out;
    size_t batch_out_len;
    int context_failed;
} batch_worker;

/* Phase 1: a slice of the lines, one rehabplan_batch_line() each, on the thread's context. */
static void *run_slice(void *arg) {
    batch_worker *w = (batch_worker *)arg;
    rehabplan_context *ctx = context_for(w->config);
    size_t i;
    if (ctx == NULL) {
        w->context_failed = 1;
        return NULL;
    }
    for (i = w->first; i < w->end; ++i) w->records[i] = record_of(ctx, i);
    rehabplan_context_free(ctx);
    return NULL;
}

/* Phase 2: the whole batch with two workers of its own, several such calls at once. */
static void *run_whole_batch(void *arg) {
    batch_worker *w = (batch_worker *)arg;
    rehabplan_context *ctx = context_for(w->config);
    if (ctx == NULL) {
        w->context_failed = 1;
        return NULL;
    }
    w->batch_status = rehabplan_batch(ctx, batch_text, batch_len, 1, 2, &w->batch_out, &w->batch_out_len);
    rehabplan_context_free(ctx);
    return NULL;
}

static void test_batches(void) {
    batch_worker slices[CONFIGS * SLICES], whole[BATCH_THREADS];
    pthread_t threads[CONFIGS * SLICES > BATCH_THREADS ? CONFIGS * SLICES : BATCH_THREADS];
    int config, t;
    size_t i;

    make_batch_lines();
    /* The sequential reference: each line alone, and the batch on one thread. */
    for (config = 0; config < CONFIGS; ++config) {
        rehabplan_context *ctx = context_for(config);
        char *concatenated;
        size_t n = 0;
        if (!CHECK_NOT_NULL(ctx)) return;
        for (i = 0; i < BATCH_LINES; ++i) {
            batch_records[config][i] = record_of(ctx, i);
            n += strlen(batch_records[config][i]) + 1;
        }
        CHECK_STATUS(ctx, rehabplan_batch(ctx, batch_text, batch_len, 1, 1, &batch_output[config], NULL), REHABPLAN_OK);
        concatenated = (char *)malloc(n + 1);
        if (concatenated == NULL) exit(2);
        concatenated[0] = '\0';
        for (i = 0; i < BATCH_LINES; ++i) {
            strcat(concatenated, batch_records[config][i]);
            strcat(concatenated, "\n");
        }
        CHECK_STR_EQ(batch_output[config], concatenated);
        free(concatenated);
        rehabplan_context_free(ctx);
    }
    /* The reference has every kind of record, and the clinic rules change the stroke plan. */
    CHECK_CONTAINS(batch_records[0][0], "\"status\":\"ok\",\"plan\":{");
    CHECK_CONTAINS(batch_records[0][5], "\"status\":\"ok\",\"fhir\":{\"resourceType\":\"Bundle\"");
    CHECK_CONTAINS(batch_records[0][6], "\"status\":\"refused\"");
    CHECK_CONTAINS(batch_records[0][7], "\"message\":\"/patient/age: ");
    CHECK_CONTAINS(batch_records[0][8], "\"kind\":\"validate\",\"status\":\"ok\",\"findings\":{");
    CHECK_CONTAINS(batch_records[0][9], "\"code\":\"parse_error\"");
    CHECK_CONTAINS(batch_records[0][10], "empty line");
    for (i = 0; i < BATCH_LINES; ++i) CHECK(test_json_valid(batch_records[0][i], strlen(batch_records[0][i])));
    CHECK_STR_NE(batch_records[0][0], batch_records[1][0]);
    CHECK_STR_NE(batch_output[0], batch_output[1]);

    /* Phase 1: 8 threads, a context each; the even ones have the built-in rules, the odd ones
     * the clinic file; each runs one slice of the lines, so together the threads of a rule
     * set run every line once. */
    for (t = 0; t < CONFIGS * SLICES; ++t) {
        memset(&slices[t], 0, sizeof slices[t]);
        slices[t].index = t;
        slices[t].config = t % CONFIGS;
        slices[t].first = (size_t)(t / CONFIGS) * BATCH_LINES / SLICES;
        slices[t].end = (size_t)(t / CONFIGS + 1) * BATCH_LINES / SLICES;
    }
    for (t = 0; t < CONFIGS * SLICES; ++t)
        if (!CHECK_INT_EQ(pthread_create(&threads[t], NULL, run_slice, &slices[t]), 0)) exit(1);
    for (t = 0; t < CONFIGS * SLICES; ++t) CHECK_INT_EQ(pthread_join(threads[t], NULL), 0);
    for (config = 0; config < CONFIGS; ++config) {
        for (i = 0; i < BATCH_LINES; ++i) {
            const char *got = NULL;
            for (t = config; t < CONFIGS * SLICES; t += CONFIGS)
                if (i >= slices[t].first && i < slices[t].end) got = slices[t].records[i];
            if (!CHECK_STR_EQ(got, batch_records[config][i]))
                fprintf(stderr, "    (batch line %lu, %s rules)\n", (unsigned long)i + 1, config ? "clinic" : "built-in");
        }
    }
    for (t = 0; t < CONFIGS * SLICES; ++t) {
        CHECK(!slices[t].context_failed);
        for (i = 0; i < BATCH_LINES; ++i) free(slices[t].records[i]);
    }

    /* Phase 2: 4 threads, each with its own context, call rehabplan_batch() with 2 workers at
     * the same time: 4 callers and 8 workers at once. */
    for (t = 0; t < BATCH_THREADS; ++t) {
        memset(&whole[t], 0, sizeof whole[t]);
        whole[t].index = t;
        whole[t].config = t % CONFIGS;
    }
    for (t = 0; t < BATCH_THREADS; ++t)
        if (!CHECK_INT_EQ(pthread_create(&threads[t], NULL, run_whole_batch, &whole[t]), 0)) exit(1);
    for (t = 0; t < BATCH_THREADS; ++t) CHECK_INT_EQ(pthread_join(threads[t], NULL), 0);
    for (t = 0; t < BATCH_THREADS; ++t) {
        CHECK(!whole[t].context_failed);
        CHECK_STATUS(NULL, whole[t].batch_status, REHABPLAN_OK);
        if (!CHECK_STR_EQ(whole[t].batch_out, batch_output[whole[t].config]))
            fprintf(stderr, "    (rehabplan_batch on thread %d)\n", t);
        if (whole[t].batch_out != NULL) CHECK_INT_EQ(strlen(whole[t].batch_out), whole[t].batch_out_len);
        rehabplan_free(whole[t].batch_out);
    }
    printf("c_api_threads_test: batches: %d threads ran slices of %d lines, %d ran rehabplan_batch (2 workers each)\n",
           CONFIGS * SLICES, BATCH_LINES, BATCH_THREADS);

    for (config = 0; config < CONFIGS; ++config) {
        for (i = 0; i < BATCH_LINES; ++i) free(batch_records[config][i]);
        rehabplan_free(batch_output[config]);
    }
    for (i = 0; i < BATCH_LINES; ++i) free(batch_lines[i]);
    free(batch_text);
}

int main(void) {
    worker workers[THREADS];
    pthread_t threads[THREADS];
    size_t i, job;
    int config, t, total_jobs = 0, total_shared = 0;

    for (i = 0; i < PATIENTS - 2; ++i) patients[i] = test_read(patient_files[i]);
    patients[PATIENTS - 2] = test_doc_from(refused_patient);
    patients[PATIENTS - 1] = test_doc_from(broken_patient);
    plan_with_errors = test_read("examples/plan-with-errors.json");

    /* The sequential reference, one fresh context per configuration. */
    for (config = 0; config < CONFIGS; ++config) {
        rehabplan_context *ctx = context_for(config);
        if (!CHECK_NOT_NULL(ctx)) return 1;
        for (job = 0; job < JOBS; ++job) run_job(ctx, job, 1, &expected[config][job]);
        rehabplan_context_free(ctx);
    }
    /* The reference itself covers what it should: plans, a refusal, a schema error, and
     * different plans under the clinic rules. */
    for (job = 0; job < JOBS; ++job) {
        size_t patient = job / REQUESTS;
        rehabplan_status want = patient == PATIENTS - 2   ? REHABPLAN_REFUSED
                                : patient == PATIENTS - 1 ? REHABPLAN_SCHEMA_ERROR
                                                          : REHABPLAN_OK;
        CHECK_STATUS(NULL, expected[0][job].generate_status, want);
        CHECK_STATUS(NULL, expected[1][job].generate_status, want);
        if (want == REHABPLAN_OK) {
            CHECK_STATUS(NULL, expected[0][job].validate_status, REHABPLAN_OK);
            CHECK_INT_EQ(test_summary_count(expected[0][job].validate_out, "errors"), 0);
            CHECK_INT_EQ(test_summary_count(expected[1][job].validate_out, "errors"), 0);
            /* The clinic ceiling (75 % HRmax) is below the stroke patient's built-in 80 %. */
            if (patient == 0) CHECK_STR_NE(expected[0][job].generate_out, expected[1][job].generate_out);
            /* Every generated plan renders; the lengths are those of the documents. */
            CHECK_STATUS(NULL, expected[0][job].html_status, REHABPLAN_OK);
            CHECK_STATUS(NULL, expected[0][job].text_status, REHABPLAN_OK);
            CHECK_STARTS_WITH(expected[0][job].html_out, "<!DOCTYPE html");
            CHECK_CONTAINS(expected[0][job].text_out, "Uw beweegplan");
            if (expected[0][job].html_out != NULL)
                CHECK_INT_EQ(strlen(expected[0][job].html_out), expected[0][job].html_len);
            if (expected[0][job].text_out != NULL)
                CHECK_INT_EQ(strlen(expected[0][job].text_out), expected[0][job].text_len);
            /* Progress and replanning work for every generated plan; the late log fails. */
            CHECK_STATUS(NULL, expected[0][job].progress_status, REHABPLAN_OK);
            CHECK_STARTS_WITH(expected[0][job].progress_out, "<!DOCTYPE html");
            if (expected[0][job].progress_out != NULL)
                CHECK_INT_EQ(strlen(expected[0][job].progress_out), expected[0][job].progress_len);
            CHECK_STATUS(NULL, expected[0][job].replan_status, REHABPLAN_OK);
            CHECK_STATUS(NULL, expected[1][job].replan_status, REHABPLAN_OK);
            CHECK_NOT_NULL(expected[0][job].replan_findings);
            CHECK_STATUS(NULL, expected[0][job].late_status, REHABPLAN_SCHEMA_ERROR);
            CHECK_NULL(expected[0][job].late_out);
            CHECK_STARTS_WITH(expected[0][job].late_msg, "log: /entries/0/date: ");
        } else {
            CHECK(expected[0][job].generate_msg[0] != '\0');
        }
    }
    CHECK_STR_NE(expected[0][0].rules_out, expected[1][0].rules_out);
    CHECK_STATUS(NULL, expected[0][0].ics_status, REHABPLAN_OK);
    CHECK_STARTS_WITH(expected[0][0].ics_out, "BEGIN:VCALENDAR\r\n");
    CHECK_STR_NE(expected[0][0].ics_out, expected[0][1].ics_out); /* en and nl */

    if (rehabplan_context_new(&shared_ctx) != REHABPLAN_OK) return 1;
    for (t = 0; t < THREADS; ++t) {
        memset(&workers[t], 0, sizeof workers[t]);
        workers[t].index = t;
        workers[t].config = t % 2;
    }
    for (t = 0; t < THREADS; ++t) {
        if (!CHECK_INT_EQ(pthread_create(&threads[t], NULL, work, &workers[t]), 0)) return 1;
    }
    for (t = 0; t < THREADS; ++t) CHECK_INT_EQ(pthread_join(threads[t], NULL), 0);

    for (t = 0; t < THREADS; ++t) {
        if (!CHECK_INT_EQ(workers[t].mismatches, 0)) fprintf(stderr, "    first: %s\n", workers[t].first_mismatch);
        CHECK_INT_EQ(workers[t].jobs_run, ROUNDS * (int)JOBS / 2);
        total_jobs += workers[t].jobs_run;
        total_shared += workers[t].shared_jobs_run;
    }
    printf("c_api_threads_test: %d threads, %d jobs on own contexts, %d on the shared context\n", THREADS,
           total_jobs, total_shared);

    rehabplan_context_free(shared_ctx);
    test_clones();
    test_batches();
    for (config = 0; config < CONFIGS; ++config)
        for (job = 0; job < JOBS; ++job) free_result(&expected[config][job]);
    for (i = 0; i < PATIENTS; ++i) test_doc_free(&patients[i]);
    test_doc_free(&plan_with_errors);
    return test_summary("c_api_threads_test");
}
