/*
 * plan_c: a 12-week rehabilitation plan from the C API of librehabplan.
 *
 *   plan_c PATIENT.json YYYY-MM-DD [OUT.json]
 *
 * Reads the patient document (- for standard input), asks for a 12-week plan starting on the
 * given date (the library never reads the clock) and writes the plan JSON to OUT.json or to
 * standard output.
 * Exit status: 0 plan written; 1 the plan is refused (the findings are printed to standard
 * error); 2 usage error; 3 any other failure (bad input, version mismatch, I/O), with the
 * library's message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rehabplan/rehabplan.h>

enum { EXIT_PLAN = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2, EXIT_FAILED = 3 };

/* Reads a whole file (or stdin for "-") into a malloc'ed buffer; NULL on failure. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0;
    if (f == NULL) return NULL;
    for (;;) {
        size_t got;
        if (n == cap) {
            size_t new_cap = cap == 0 ? 65536 : cap * 2;
            char *grown = realloc(buf, new_cap);
            if (grown == NULL) break;
            buf = grown;
            cap = new_cap;
        }
        got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    if (ferror(f) || (n == cap && !feof(f))) {
        free(buf);
        buf = NULL;
    }
    if (f != stdin) fclose(f);
    *len = n;
    return buf;
}

/* YYYY-MM-DD in digits: checked here only so the date can be pasted into the request JSON
 * safely; whether the day exists is the library's check. */
static int looks_like_date(const char *s) {
    int i;
    if (strlen(s) != 10) return 0;
    for (i = 0; i < 10; ++i) {
        if (i == 4 || i == 7) {
            if (s[i] != '-') return 0;
        } else if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

static int write_document(const char *path, const char *doc) {
    size_t len = strlen(doc);
    FILE *f = path == NULL ? stdout : fopen(path, "wb");
    int ok;
    if (f == NULL) return 0;
    ok = fwrite(doc, 1, len, f) == len;
    if (f == stdout) ok = fflush(f) == 0 && ok;
    else ok = fclose(f) == 0 && ok;
    return ok;
}

int main(int argc, char **argv) {
    const char *patient_path, *start, *out_path;
    char request[128];
    char *patient = NULL, *plan = NULL;
    size_t patient_len = 0;
    rehabplan_context *ctx = NULL;
    rehabplan_status st;
    int code = EXIT_FAILED;

    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s PATIENT.json YYYY-MM-DD [OUT.json]\n", argv[0]);
        return EXIT_USAGE;
    }
    patient_path = argv[1];
    start = argv[2];
    out_path = argc == 4 ? argv[3] : NULL;
    if (!looks_like_date(start)) {
        fprintf(stderr, "%s: the start date must be YYYY-MM-DD, got \"%s\"\n", argv[0], start);
        return EXIT_USAGE;
    }

    /* The header compiled against and the library loaded must agree: same major version
     * (the ABI), and a library at least as new as the header (functions are only added). */
    if (rehabplan_version_number() / 1000000 != REHABPLAN_VERSION_MAJOR ||
        rehabplan_version_number() < REHABPLAN_VERSION_NUMBER) {
        fprintf(stderr, "%s: built against rehabplan %s but loaded %s\n", argv[0], REHABPLAN_VERSION_STRING,
                rehabplan_version_string());
        return EXIT_FAILED;
    }

    patient = read_file(patient_path, &patient_len);
    if (patient == NULL) {
        fprintf(stderr, "%s: cannot read %s\n", argv[0], patient_path);
        return EXIT_FAILED;
    }
    sprintf(request, "{\"schema_version\": 1, \"start_date\": \"%s\", \"weeks\": 12}", start);

    st = rehabplan_context_new(&ctx);
    if (st != REHABPLAN_OK) {
        fprintf(stderr, "%s: %s\n", argv[0], rehabplan_status_string((int)st));
        free(patient);
        return EXIT_FAILED;
    }

    st = rehabplan_generate(ctx, patient, patient_len, request, strlen(request), &plan);
    if (st == REHABPLAN_OK) {
        if (write_document(out_path, plan)) {
            code = EXIT_PLAN;
        } else {
            fprintf(stderr, "%s: cannot write %s\n", argv[0], out_path != NULL ? out_path : "standard output");
        }
    } else if (st == REHABPLAN_REFUSED) {
        /* plan holds the findings document: the reasons and the referral. */
        fprintf(stderr, "%s: %s\n%s", argv[0], rehabplan_errmsg(ctx), plan != NULL ? plan : "");
        code = EXIT_REFUSED;
    } else {
        fprintf(stderr, "%s: %s: %s\n", argv[0], rehabplan_status_string((int)st), rehabplan_errmsg(ctx));
    }

    rehabplan_free(plan);
    rehabplan_context_free(ctx);
    free(patient);
    return code;
}
