/*
 * header_c89: include/rehabplan/rehabplan.h compiled alone in a C89 translation unit
 * (-std=c89 -pedantic -Werror, see CMakeLists.txt): the header promises plain C89.
 * The few calls below make sure the declarations are usable, not only parsable, and that the
 * header and the library loaded agree on the version. The 1.4.0 macros are used too:
 * REHABPLAN_VERSION_CHECK in #if, and REHABPLAN_DEPRECATED / REHABPLAN_EXPERIMENTAL on
 * declarations (with REHABPLAN_WARN_EXPERIMENTAL, a warning the build would turn into an
 * error, so it is not defined here).
 */
#include "rehabplan/rehabplan.h"

#include <stdio.h>
#include <string.h>

#if !REHABPLAN_VERSION_CHECK(1, 0, 0) || !REHABPLAN_VERSION_CHECK(REHABPLAN_VERSION_MAJOR, \
        REHABPLAN_VERSION_MINOR, REHABPLAN_VERSION_PATCH) || REHABPLAN_VERSION_CHECK(1, 999, 0) || \
        REHABPLAN_VERSION_CHECK(2, 0, 0)
#error "REHABPLAN_VERSION_CHECK gives the wrong answer"
#endif

/* The markers compile on declarations (never called: no deprecation warning). */
REHABPLAN_EXPERIMENTAL int header_c89_experimental(void);
REHABPLAN_DEPRECATED("use nothing") int header_c89_deprecated(void);

int main(void) {
    rehabplan_context *ctx = NULL;
    rehabplan_status status;
    char *rules = NULL;
    int failures = 0;

    if (rehabplan_version_number() != REHABPLAN_VERSION_NUMBER) {
        fprintf(stderr, "header_c89: header version %d, library %d\n", REHABPLAN_VERSION_NUMBER,
                rehabplan_version_number());
        ++failures;
    }
    if (strcmp(rehabplan_version_string(), REHABPLAN_VERSION_STRING) != 0) {
        fprintf(stderr, "header_c89: header version \"%s\", library \"%s\"\n", REHABPLAN_VERSION_STRING,
                rehabplan_version_string());
        ++failures;
    }
    status = rehabplan_context_new(&ctx);
    if (status != REHABPLAN_OK || ctx == NULL) {
        fprintf(stderr, "header_c89: rehabplan_context_new: %s\n", rehabplan_status_string(status));
        return 1;
    }
#if REHABPLAN_VERSION_CHECK(1, 4, 0)
    {
        rehabplan_context *copy = NULL;
        size_t len = 0;
        const char *error = rehabplan_error_json(ctx, &len);
        if (error == NULL || strlen(error) != len || strncmp(error, "{\"status\":\"REHABPLAN_OK\"", 24) != 0) {
            fprintf(stderr, "header_c89: rehabplan_error_json: %s\n", error != NULL ? error : "NULL");
            ++failures;
        }
        if (rehabplan_context_clone(ctx, &copy) != REHABPLAN_OK || copy == NULL) {
            fprintf(stderr, "header_c89: rehabplan_context_clone failed\n");
            ++failures;
        }
        rehabplan_context_free(copy);
    }
#endif
    status = rehabplan_rules(ctx, &rules);
    if (status != REHABPLAN_OK || rules == NULL || strstr(rules, "\"schema_version\"") == NULL) {
        fprintf(stderr, "header_c89: rehabplan_rules: %s: %s\n", rehabplan_status_string(status),
                rehabplan_errmsg(ctx));
        ++failures;
    }
    rehabplan_free(rules);
    rehabplan_context_free(ctx);
    if (failures == 0) printf("header_c89: ok\n");
    return failures == 0 ? 0 : 1;
}
