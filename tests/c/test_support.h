/*
 * A tiny assertion framework for the C API tests (C99 and C++).
 *
 * Every CHECK macro counts the check, and on failure prints file:line, the expression and the
 * values, counts the failure and returns 0 (1 on success), so a caller can skip the checks
 * that depend on it: `if (CHECK_NOT_NULL(doc)) { ... }`. test_summary() prints the totals and
 * gives the exit status. The counters are not thread-safe: use CHECK only from one thread.
 *
 * Documents read from the source tree (test_read()) live in buffers of exactly their length,
 * without a terminating NUL, so every call that reads them also checks that the library
 * honours the length it is given (AddressSanitizer reports a read past the end).
 */
#ifndef REHABPLAN_TEST_SUPPORT_H
#define REHABPLAN_TEST_SUPPORT_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rehabplan/rehabplan.h"
#include "test_json.h"

#ifndef REHABPLAN_SOURCE_DIR
#error "REHABPLAN_SOURCE_DIR must be defined (the source tree, for examples/ and tests/data/)"
#endif

static int test_checks = 0;
static int test_failures = 0;

/* Shows at most the first 300 bytes of a document in a failure message. */
static inline void test_print_text(const char *label, const char *s) {
    if (s == NULL) {
        fprintf(stderr, "    %s: NULL\n", label);
    } else if (strlen(s) > 300) {
        fprintf(stderr, "    %s: \"%.300s\"... (%lu bytes)\n", label, s, (unsigned long)strlen(s));
    } else {
        fprintf(stderr, "    %s: \"%s\"\n", label, s);
    }
}

static inline int test_result(int ok, const char *file, int line, const char *what) {
    ++test_checks;
    if (!ok) {
        ++test_failures;
        fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
    }
    return ok;
}

static inline int test_check(int ok, const char *expr, const char *file, int line) {
    return test_result(ok, file, line, expr);
}

static inline int test_check_long_eq(long a, long b, const char *ea, const char *eb, const char *file, int line) {
    if (!test_result(a == b, file, line, "integers equal")) {
        fprintf(stderr, "    %s = %ld\n    %s = %ld\n", ea, a, eb, b);
        return 0;
    }
    return 1;
}

static inline int test_check_str_eq(const char *a, const char *b, const char *ea, const char *eb, const char *file,
                                    int line) {
    int ok = a != NULL && b != NULL && strcmp(a, b) == 0;
    if (!test_result(ok, file, line, "strings equal")) {
        test_print_text(ea, a);
        test_print_text(eb, b);
        return 0;
    }
    return 1;
}

static inline int test_check_str_ne(const char *a, const char *b, const char *ea, const char *eb, const char *file,
                                    int line) {
    int ok = a != NULL && b != NULL && strcmp(a, b) != 0;
    if (!test_result(ok, file, line, "strings differ (both non-NULL)")) {
        test_print_text(ea, a);
        test_print_text(eb, b);
        return 0;
    }
    return 1;
}

static inline int test_check_contains(const char *hay, const char *needle, const char *ehay, const char *file,
                                      int line) {
    int ok = hay != NULL && strstr(hay, needle) != NULL;
    if (!test_result(ok, file, line, "text contains")) {
        test_print_text("wanted", needle);
        test_print_text(ehay, hay);
        return 0;
    }
    return 1;
}

static inline int test_check_not_contains(const char *hay, const char *needle, const char *ehay, const char *file,
                                          int line) {
    int ok = hay != NULL && strstr(hay, needle) == NULL;
    if (!test_result(ok, file, line, "text does not contain")) {
        test_print_text("unwanted", needle);
        test_print_text(ehay, hay);
        return 0;
    }
    return 1;
}

static inline int test_check_starts_with(const char *s, const char *prefix, const char *es, const char *file,
                                         int line) {
    int ok = s != NULL && strncmp(s, prefix, strlen(prefix)) == 0;
    if (!test_result(ok, file, line, "text starts with")) {
        test_print_text("prefix", prefix);
        test_print_text(es, s);
        return 0;
    }
    return 1;
}

static inline int test_check_null(const void *p, const char *ep, const char *file, int line) {
    if (!test_result(p == NULL, file, line, "pointer is NULL")) {
        fprintf(stderr, "    %s = %p\n", ep, p);
        return 0;
    }
    return 1;
}

static inline int test_check_not_null(const void *p, const char *ep, const char *file, int line) {
    if (!test_result(p != NULL, file, line, "pointer is not NULL")) {
        fprintf(stderr, "    %s = NULL\n", ep);
        return 0;
    }
    return 1;
}

/* The status of a call, named; the context's message when it is not the expected one. */
static inline int test_check_status(rehabplan_status got, rehabplan_status want, const rehabplan_context *ctx,
                                    const char *call, const char *file, int line) {
    if (!test_result(got == want, file, line, "status")) {
        fprintf(stderr, "    call: %s\n    expected %s (%d), got %s (%d)\n", call,
                rehabplan_status_string((int)want), (int)want, rehabplan_status_string((int)got), (int)got);
        if (ctx != NULL) test_print_text("errmsg", rehabplan_errmsg(ctx));
        return 0;
    }
    return 1;
}

#define CHECK(cond) test_check((cond) != 0, #cond, __FILE__, __LINE__)
#define CHECK_INT_EQ(a, b) test_check_long_eq((long)(a), (long)(b), #a, #b, __FILE__, __LINE__)
#define CHECK_STR_EQ(a, b) test_check_str_eq((a), (b), #a, #b, __FILE__, __LINE__)
#define CHECK_STR_NE(a, b) test_check_str_ne((a), (b), #a, #b, __FILE__, __LINE__)
#define CHECK_CONTAINS(hay, needle) test_check_contains((hay), (needle), #hay, __FILE__, __LINE__)
#define CHECK_NOT_CONTAINS(hay, needle) test_check_not_contains((hay), (needle), #hay, __FILE__, __LINE__)
#define CHECK_STARTS_WITH(s, prefix) test_check_starts_with((s), (prefix), #s, __FILE__, __LINE__)
#define CHECK_NULL(p) test_check_null((const void *)(p), #p, __FILE__, __LINE__)
#define CHECK_NOT_NULL(p) test_check_not_null((const void *)(p), #p, __FILE__, __LINE__)
/* CHECK_STATUS(ctx, call, REHABPLAN_OK): ctx is only read for the message on failure. */
#define CHECK_STATUS(ctx, call, want) test_check_status((call), (want), (ctx), #call, __FILE__, __LINE__)

/* Prints the totals; the process exit status (0 only when every check passed). */
static inline int test_summary(const char *name) {
    if (test_failures == 0) {
        printf("%s: all %d checks passed\n", name, test_checks);
        return 0;
    }
    printf("%s: %d of %d checks FAILED\n", name, test_failures, test_checks);
    return 1;
}

/* A document: exactly `len` bytes, NOT NUL-terminated. */
typedef struct test_doc {
    char *data;
    size_t len;
} test_doc;

/* Reads REHABPLAN_SOURCE_DIR/relative into a buffer of exactly its size; exits with a message
 * (status 2) when the file cannot be read: a broken test set-up is not a test result. */
static inline test_doc test_read(const char *relative) {
    char path[4096];
    test_doc d;
    FILE *f;
    long size;
    d.data = NULL;
    d.len = 0;
    if ((size_t)snprintf(path, sizeof path, "%s/%s", REHABPLAN_SOURCE_DIR, relative) >= sizeof path) {
        fprintf(stderr, "test set-up: path too long: %s/%s\n", REHABPLAN_SOURCE_DIR, relative);
        exit(2);
    }
    f = fopen(path, "rb");
    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "test set-up: cannot read %s: %s\n", path, strerror(errno));
        exit(2);
    }
    d.len = (size_t)size;
    d.data = (char *)malloc(d.len > 0 ? d.len : 1);
    if (d.data == NULL || fread(d.data, 1, d.len, f) != d.len) {
        fprintf(stderr, "test set-up: cannot read %s\n", path);
        exit(2);
    }
    fclose(f);
    return d;
}

/* A copy of a C string without its NUL, in a buffer of exactly its length. */
static inline test_doc test_doc_from(const char *text) {
    test_doc d;
    d.len = strlen(text);
    d.data = (char *)malloc(d.len > 0 ? d.len : 1);
    if (d.data == NULL) {
        fprintf(stderr, "test set-up: out of memory\n");
        exit(2);
    }
    memcpy(d.data, text, d.len);
    return d;
}

static inline void test_doc_free(test_doc *d) {
    free(d->data);
    d->data = NULL;
    d->len = 0;
}

/* The integer at /summary/<key> of a findings document ("errors", "warnings", "infos"); -1
 * when it is not JSON, or has no summary or no such key. Read with the JSON helper. */
static inline long test_summary_count(const char *findings, const char *key) {
    char pointer[64];
    if (findings == NULL) return -1;
    snprintf(pointer, sizeof pointer, "/summary/%s", key);
    return test_json_long(findings, strlen(findings), pointer, -1);
}

/* 1 when the n bytes at s are well-formed UTF-8 (no overlong forms, no surrogates, nothing
 * above U+10FFFF), else 0. For the library's messages and rendered documents. */
static inline int test_valid_utf8(const char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        size_t k, more;
        unsigned long cp;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if (c >= 0xC2 && c <= 0xDF) {
            more = 1;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            more = 2;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            more = 3;
            cp = c & 0x07u;
        } else {
            return 0;
        }
        if (n - i <= more) return 0; /* truncated sequence */
        for (k = 1; k <= more; ++k) {
            unsigned char d = (unsigned char)s[i + k];
            if ((d & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (d & 0x3Fu);
        }
        if ((more == 2 && cp < 0x800) || (more == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += more + 1;
    }
    return 1;
}

/* 1 when the n bytes at s are one JSON document (RFC 8259), checked by nlohmann::json through
 * the C++ helper (test_json.h); the tests have no JSON parser of their own. */
static inline int test_json_valid(const char *s, size_t n) { return test_json_is_valid(s, n); }

/* A copy of a JSON document without the white space outside its strings: the records of a
 * batch are compact, the documents of the other calls indented, and an example file becomes
 * one line. Caller frees (free()). */
static inline char *test_minified(const char *doc, size_t n) {
    char *m = test_json_minified(doc, n);
    if (m == NULL) {
        fprintf(stderr, "test set-up: out of memory\n");
        exit(2);
    }
    return m;
}

/* The strings given, up to a NULL, joined. Caller frees; exits on out of memory. */
static inline char *test_joined(const char *first, ...) {
    va_list ap;
    size_t n = 0;
    const char *s;
    char *out;
    va_start(ap, first);
    for (s = first; s != NULL; s = va_arg(ap, const char *)) n += strlen(s);
    va_end(ap);
    out = (char *)malloc(n + 1);
    if (out == NULL) exit(2);
    n = 0;
    va_start(ap, first);
    for (s = first; s != NULL; s = va_arg(ap, const char *)) {
        memcpy(out + n, s, strlen(s));
        n += strlen(s);
    }
    va_end(ap);
    out[n] = '\0';
    return out;
}

#endif /* REHABPLAN_TEST_SUPPORT_H */
